"""Where a contact in a pack leads: a tap-to-call number, an email, a web address."""

from __future__ import annotations

import re

from righthelp.core.packs.schema import Contact, ContactKind

_NOT_DIALLED = re.compile(r"[^0-9+]")


def contact_href(contact: Contact) -> str | None:
    """The link for a contact, or None for a person named without a way to reach them.

    Phone numbers lose their spaces (``tel:01782235100``); a web address the pack gives
    as ``www...`` gets ``https://``.
    """
    value = contact.value.strip()
    if contact.kind is ContactKind.PHONE:
        digits = _NOT_DIALLED.sub("", value)
        return f"tel:{digits}" if digits else None
    if contact.kind is ContactKind.EMAIL:
        return f"mailto:{value}"
    if contact.kind is ContactKind.WEBSITE:
        if re.match(r"^https?://", value, flags=re.IGNORECASE):
            return value
        return f"https://{value}"
    return None
