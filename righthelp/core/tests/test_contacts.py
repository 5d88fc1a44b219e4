"""Contacts become links a practitioner can tap: to call, to email, to open."""

from __future__ import annotations

import pytest

from righthelp.core.contacts import contact_href
from righthelp.core.pack_set import PackSet
from righthelp.core.packs.schema import Contact, ContactKind


@pytest.mark.parametrize(
    ("kind", "value", "href"),
    [
        (ContactKind.PHONE, "01782 235100", "tel:01782235100"),
        (ContactKind.PHONE, "999", "tel:999"),
        (ContactKind.PHONE, "+44 24 7678 8555", "tel:+442476788555"),
        (ContactKind.EMAIL, "cse.horizon@coventry.gov.uk", "mailto:cse.horizon@coventry.gov.uk"),
        (ContactKind.WEBSITE, "www.CoventryFamilies.co.uk", "https://www.CoventryFamilies.co.uk"),
        (ContactKind.WEBSITE, "https://inourplace.co.uk/", "https://inourplace.co.uk/"),
        (ContactKind.WEBSITE, "HTTP://example.org", "HTTP://example.org"),
        (ContactKind.PERSON, "Kimberley Keating", None),
    ],
)
def test_contact_links(kind: ContactKind, value: str, href: str | None) -> None:
    assert contact_href(Contact(kind=kind, value=value)) == href


def test_every_shipped_contact_has_a_link_unless_it_is_a_person(demo: PackSet) -> None:
    for entry in demo.services:
        for contact in entry.service.contacts:
            href = contact_href(contact)
            assert (href is None) == (contact.kind is ContactKind.PERSON), contact
            assert href is None or " " not in href
