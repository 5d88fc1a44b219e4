from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from righthelp.conftest import Cast
from righthelp.testing.browser import look
from righthelp.testing.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_setting_up_two_factor_authentication(live_server: Any, page: Any, cast: Cast) -> None:
    with override_settings(RIGHTHELP_REQUIRE_2FA=True):
        page.goto(f"{live_server.url}/accounts/sign-in/")
        page.get_by_label("Username").fill("alice")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("heading", name="Set up two-factor authentication").wait_for()
        look(page, "two-factor-01-set-up")
        page.get_by_role("button", name="Confirm").click()
        page.get_by_text("Enter the code from your authenticator app").first.wait_for()
        look(page, "two-factor-02-error")
