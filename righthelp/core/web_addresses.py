"""Web addresses written into pack text ("www.coventry.gov.uk/mashreferral"), found so the
pages can make them links. A full stop or comma ending a sentence is not part of one."""

from __future__ import annotations

import re

_ADDRESS = re.compile(
    r"(?<![\w@/])((?:https?://|www\.)[\w-]+(?:\.[\w-]+)+(?:/[\w/%#?=&;+.-]*)?)", re.I
)


def split_addresses(text: str) -> list[tuple[str, str | None]]:
    """``text`` in pieces: (words, None) and (address, its https URL), in order."""
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for match in _ADDRESS.finditer(text):
        address = match.group(1).rstrip(".,;")
        start, end = match.start(1), match.start(1) + len(address)
        if start > at:
            pieces.append((text[at:start], None))
        href = address if address.lower().startswith("http") else f"https://{address}"
        pieces.append((address, href))
        at = end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces
