"""Hostile values posted to every form a person's pages lead to: no answer is a server
error. The forms are found by walking the demo partnership's pages as each role, so a new
form is covered without anyone listing it."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from righthelp.testing.crawl import Form, crawl
from righthelp.testing.demo import DEMO_PASSWORD, demo_loaded

HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "²³",  # digits to str.isdigit, not to int()
    "١٢",  # Arabic-Indic digits: int() takes them
    "0x10",
    "\x00",
    "a" * 5000,
    "<script>alert(1)</script>",
    "'; DROP TABLE families_family; --",
    "../../etc/passwd",
    "2026-13-45",
    "😀",
    "%00",
    "9" * 400,
]

# Each posted to every field of every form at once (the year of a date kept plausible where
# the second element says so, so that the day and month are what is checked).
EVERY_FIELD = [
    ("", True),
    ("99999999999999999999999999", True),
    ("99999999999999999999999999", False),
    ("²³", False),
    ("\x00", True),
    ("a" * 5000, True),
    ("-1", False),
]


def _fill(form: Form, hostile: str, *, dates_too: bool = True) -> dict[str, str | list[str]]:
    data: dict[str, str | list[str]] = {}
    for name in form.fields:
        if name == "csrfmiddlewaretoken":
            continue
        if not dates_too and name.endswith("_2"):  # the year of a date: 4 digits, plausible
            data[name] = "2020"
        else:
            data[name] = hostile
    return data


def _forms_of(username: str) -> tuple[Client, list[Form]]:
    client = Client()
    assert client.login(username=username, password=DEMO_PASSWORD)
    found = crawl(client, ["/families/", "/dashboards/", "/self-assessment/", "/audit/"])
    return client, found.forms


ROLES = ("practitioner", "manager", "analyst", "admin", "schoolsafeguarding")


@pytest.mark.django_db
def test_hostile_values_in_every_field_of_every_form_are_never_a_server_error() -> None:
    demo_loaded(DEMO_PASSWORD)
    errors = []
    forms_tried = 0
    for username in ROLES:
        client, forms = _forms_of(username)
        forms_tried += len(forms)
        for form in forms:
            for hostile, dates_too in EVERY_FIELD:
                response = client.post(form.action, _fill(form, hostile, dates_too=dates_too))
                if response.status_code >= 500:
                    errors.append(f"{username} {form.action} {hostile[:20]!r}")
    assert forms_tried > 50
    assert errors == [], "\n".join(errors)


@pytest.mark.django_db
def test_mixed_hostile_and_ordinary_values_are_never_a_server_error() -> None:
    demo_loaded(DEMO_PASSWORD)
    client, forms = _forms_of("practitioner")
    assert forms

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def post_one(data: st.DataObject) -> None:
        form = data.draw(st.sampled_from(forms))
        posted: dict[str, str] = {}
        for name, offered in form.fields.items():
            if name == "csrfmiddlewaretoken":
                continue
            choices = [*offered, *HOSTILE] if offered else HOSTILE
            posted[name] = data.draw(st.sampled_from(choices) | st.text(max_size=30))
        response = client.post(form.action, posted)
        assert response.status_code < 500, (form.action, posted)

    post_one()
