"""Walking the site as a signed-in person: every page their links reach, and every form on
those pages. Used by the access matrix and the hostile-input property test, so both cover
every page a link leads to, not a list someone remembered to update."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

SKIP_PREFIXES = ("/admin/", "/static/", "/accounts/sign-out/", "/api/v1/")
NOT_HTML = (".pdf", ".csv", ".xlsx", ".json")


@dataclass
class Form:
    page: str
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    """Each field's name and the values it offers (options, radios, or its current value)."""


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, str, dict[str, list[str]]]] = []
        self._form: tuple[str, str, dict[str, list[str]]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = (a.get("method", "get").lower(), a.get("action", ""), {})
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select") and a.get("name"):
            values = self._form[2].setdefault(a["name"], [])
            if tag == "select":
                self._select = a["name"]
            elif a.get("type") not in ("submit",) or a.get("value"):
                values.append(a.get("value", ""))
        elif tag == "option" and self._form is not None and self._select:
            self._form[2].setdefault(self._select, []).append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def route_of(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


@dataclass
class Crawl:
    urls: dict[str, list[str]] = field(default_factory=dict)
    """Route name to the addresses found for it (at most ``per_route``)."""
    forms: list[Form] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)


def crawl(client: Client, starts: list[str], *, per_route: int = 2, limit: int = 600) -> Crawl:
    found = Crawl()
    queue = deque(starts)
    seen: set[str] = set(starts)
    while queue and len(found.statuses) < limit:
        url = queue.popleft()
        route = route_of(url)
        if route is None:
            continue
        response = client.get(url)
        found.statuses[url] = response.status_code
        found.urls.setdefault(route, []).append(url)
        if response.status_code != 200 or url.endswith(NOT_HTML):
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        for method, action, fields in page.forms:
            target = urljoin(url, action) if action else url
            if method == "post" and not urlsplit(target).path.startswith(SKIP_PREFIXES):
                found.forms.append(Form(url, urljoin(url, action) if action else url, fields))
        for href in page.links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc and parts.netloc != "testserver":
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path in seen or path.startswith(SKIP_PREFIXES):
                continue
            target_route = route_of(parts.path)
            if target_route is None or len(found.urls.get(target_route, [])) >= per_route:
                continue
            if sum(route_of(q) == target_route for q in queue) >= per_route:
                continue
            seen.add(path)
            queue.append(path)
    return found
