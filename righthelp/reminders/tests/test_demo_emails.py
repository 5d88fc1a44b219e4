"""Every reminder email for the demo partnership, through a real SMTP server: who got one,
and that no demo surname, postcode or date of birth appears in any of them."""

from __future__ import annotations

import pytest
from django.test import override_settings

from righthelp.accounts.models import User
from righthelp.config.env import smtp_from_url
from righthelp.families.models import Family, Person
from righthelp.reminders.services import reminder_send, reminders_prepare
from righthelp.testing.demo import demo_loaded
from righthelp.testing.smtp import smtp_server

pytestmark = pytest.mark.django_db


def test_demo_reminders_carry_no_personal_data() -> None:
    demo_loaded()
    for user in User.objects.all():
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@example.org")
    with (
        smtp_server() as inbox,
        override_settings(
            RIGHTHELP_EMAIL_ENABLED=True,
            **smtp_from_url(inbox.url),
        ),
    ):
        for email in reminders_prepare():
            reminder_send(email_id=email.pk)
    recipients = {r.to[0].split("@")[0] for r in inbox.received}
    # The practitioner has plan work and front door questions; the manager a sign-off; the
    # front door its queue. Analysts and administrators get none.
    assert {"practitioner", "manager", "frontdoor"} <= recipients
    assert not recipients & {"analyst", "admin"}
    manager = next(r for r in inbox.received if r.to == ["manager@example.org"])
    assert "Decision waiting for your sign-off: 1" in manager.text

    forbidden: set[str] = set()
    for surname, given, born in Person.objects.values_list(
        "family_name", "given_name", "date_of_birth"
    ):
        forbidden |= {surname, given}
        if born:
            forbidden |= {
                born.isoformat(),
                born.strftime("%d/%m/%Y"),
                f"{born.day} {born:%B %Y}",
            }
    for postcode, name in Family.objects.values_list("postcode", "name"):
        forbidden |= {postcode, name}
        forbidden |= {postcode.replace(" ", "")} if postcode else set()
    forbidden.discard("")
    for message in inbox.received:
        leaked = sorted(word for word in forbidden if word in message.text)
        assert leaked == [], (message.to, leaked)
