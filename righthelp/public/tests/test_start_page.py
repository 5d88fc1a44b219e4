from __future__ import annotations

import base64
import hashlib

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_start_page_lists_the_shipped_packs(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thresholds for Intervention" in html
    assert "Multi agency self-assessment" in html
    assert "Stoke-on-Trent Safeguarding Children Partnership, version 1.1.0" in html


def test_pages_carry_a_strict_content_security_policy(client: Client) -> None:
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "nonce" not in policy
    script = settings.GOVUK_JS_ENABLED_SCRIPT
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'self' 'sha256-{digest}'" in policy
    assert f"<script>{script}</script>" in response.content.decode()
    assert response.headers["X-Frame-Options"] == "DENY"
