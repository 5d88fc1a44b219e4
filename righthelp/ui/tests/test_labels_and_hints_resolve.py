"""Every label's `for` and every `aria-describedby` names an element on the page.

axe only marks a broken `aria-describedby` as "needs review", so a screen reader user
could lose every hint without a test failing. This visits every signed-in page a
practitioner, a manager and an analyst of each demo partnership can reach by following
links (and the public pages), empty-submits the forms that take typed input to see their
error state, and checks every reference on each.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from righthelp.accounts.models import User
from righthelp.testing.demo import demo_loaded

pytestmark = pytest.mark.django_db

SKIP = ("sign-out", "/admin/", "/api/", ".csv", ".xlsx", ".pdf", ".json", "download", "export")
LIMIT = 400
SIGNED_IN = ("/families/", "/self-assessment/", "/dashboards/", "/audit/")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.references: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.forms: list[tuple[str, str, list[str]]] = []
        """(method, action, names of text inputs and text areas)"""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "label" and values.get("for"):
            self.references.append(("for", values["for"]))
        for token in values.get("aria-describedby", "").split():
            self.references.append(("aria-describedby", token))
        for token in values.get("aria-labelledby", "").split():
            self.references.append(("aria-labelledby", token))
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "form":
            self.forms.append((values.get("method", "get").lower(), values.get("action", ""), []))
        typed = tag == "textarea" or (
            tag == "input" and values.get("type", "text") in ("text", "search", "email")
        )
        if self.forms and typed:
            self.forms[-1][2].append(values.get("name", ""))

    def broken(self) -> list[str]:
        return [f"{kind}={ref}" for kind, ref in self.references if ref not in self.ids]


def _check(client: Client, start: list[str]) -> tuple[int, int, dict[str, list[str]]]:
    """(pages, forms empty-submitted, broken references by address)."""
    seen: set[str] = set()
    queue = list(start)
    problems: dict[str, list[str]] = {}
    posted = 0
    shapes: dict[str, int] = {}
    """Each kind of page (its address with ids taken out) is visited at most twice."""
    while queue and len(seen) < LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        if broken := page.broken():
            problems[url] = broken
        for href in page.links:
            address = urljoin(url, href)
            parts = urlsplit(address)
            if parts.netloc and parts.netloc != "testserver":
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if any(skip in path for skip in SKIP) or path in seen:
                continue
            kind = _UUID.sub("<id>", parts.path)
            if path.startswith(SIGNED_IN) and shapes.get(kind, 0) < 2:
                shapes[kind] = shapes.get(kind, 0) + 1
                queue.append(path)
        for method, action, typed in page.forms:
            # An empty submission of a form that takes typed input: its error state.
            if method != "post" or not typed or "sign-in" in url:
                continue
            target = urljoin(url, action) if action else url
            posted += 1
            answer = client.post(target, {}, follow=False)
            if answer.status_code == 200 and "html" in answer.get("Content-Type", ""):
                errors = _Page()
                errors.feed(answer.content.decode())
                if broken := errors.broken():
                    problems[f"POST {target}"] = broken
    return len(seen), posted, problems


@pytest.mark.parametrize(
    "username",
    ["practitioner", "manager", "analyst", "cov-practitioner", "cov-manager", "cov-analyst"],
)
def test_every_label_and_description_resolves(username: str) -> None:
    demo_loaded()
    client = Client()
    client.force_login(User.objects.get(username=username))
    pages, posted, problems = _check(client, ["/families/", "/self-assessment/", "/dashboards/"])
    assert pages > 5
    assert not problems, problems
    print(f"{username}: {pages} pages, {posted} empty submissions, every reference resolves")


def test_the_public_pages_resolve_too() -> None:
    demo_loaded()
    client = Client()
    for url in (
        "/explore/stoke-on-trent/",
        "/explore/coventry/",
        "/directory/coventry/?q=DV",
        "/directory/stoke-on-trent/?age=ten",
        "/screening/coventry/",
        "/guidance/stoke-on-trent/?q=consent",
        "/accounts/sign-in/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        page = _Page()
        page.feed(response.content.decode())
        assert not page.broken(), (url, page.broken())
