"""A forgotten password, in the browser, with axe on every step: the request, the email's
link (from a real SMTP server), a refused weak password, the new one, and signing in."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import override_settings

from righthelp.accounts.models import User
from righthelp.cli import main
from righthelp.config.env import smtp_from_url
from righthelp.conftest import Cast
from righthelp.testing.browser import look
from righthelp.testing.smtp import smtp_server


@pytest.mark.django_db(transaction=True)
def test_alice_resets_her_forgotten_password(live_server: Any, page: Any, cast: Cast) -> None:
    User.objects.filter(pk=cast.alice.pk).update(email="alice@example.org")
    with (
        smtp_server() as inbox,
        override_settings(
            RIGHTHELP_EMAIL_ENABLED=True,
            RIGHTHELP_BASE_URL=live_server.url,
            **smtp_from_url(inbox.url),
        ),
    ):
        page.goto(f"{live_server.url}/accounts/sign-in/")
        page.get_by_role("link", name="Forgotten your password?").click()
        page.get_by_role("heading", name="Reset your password").wait_for()
        page.get_by_role("button", name="Send the link").click()
        page.get_by_text("Enter your email address").first.wait_for()
        look(page, "password-reset-01-error")
        page.get_by_label("Email address").fill("alice@example.org")
        page.get_by_role("button", name="Send the link").click()
        page.get_by_role("heading", name="Check your email").wait_for()
        look(page, "password-reset-02-sent")

        assert main(["worker", "--batch"]) == 0
        link = re.search(r"(http://\S+/accounts/password/reset/\S+/)", inbox.received[0].text)
        assert link
        page.goto(link.group(1))
        page.get_by_role("heading", name="Choose a new password").wait_for()
        page.get_by_label("New password", exact=True).fill("password1234")
        page.get_by_label("New password again").fill("password1234")
        page.get_by_role("button", name="Save the new password").click()
        page.get_by_text("This password is too common").first.wait_for()
        look(page, "password-reset-03-too-common")
        page.get_by_label("New password", exact=True).fill("copper kettle under the stairs")
        page.get_by_label("New password again").fill("copper kettle under the stairs")
        page.get_by_role("button", name="Save the new password").click()
        page.get_by_role("heading", name="Your password is changed").wait_for()
        look(page, "password-reset-04-done")

        page.goto(link.group(1))
        page.get_by_role("heading", name="This link does not work").wait_for()
        look(page, "password-reset-05-used-link")

        page.goto(f"{live_server.url}/accounts/sign-in/")
        page.get_by_label("Username").fill("alice")
        page.get_by_label("Password").fill("copper kettle under the stairs")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(r".*/families/$"))


@pytest.mark.django_db(transaction=True)
def test_with_no_email_the_page_says_to_ask(live_server: Any, page: Any, cast: Cast) -> None:
    page.goto(f"{live_server.url}/accounts/password/reset/")
    page.get_by_text("Ask your Right Help administrator to set a new password").wait_for()
    look(page, "password-reset-06-no-email")
