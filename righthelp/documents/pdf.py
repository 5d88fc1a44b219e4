"""Plans, assessments and submissions as PDF documents, for meetings and for sending on.

WeasyPrint renders a Django template. It may fetch only our own static files, read from
disk: a document never reaches out to the network, and never leaks a case record to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import weasyprint
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_PREFIX = "righthelp-static:"


class ForbiddenFetch(Exception):
    pass


class StaticFilesOnly(URLFetcher):  # type: ignore[misc]
    """Serves ``righthelp-static:`` addresses from the static files; refuses anything else."""

    def __init__(self) -> None:
        super().__init__(fail_on_errors=True)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if not url.startswith(STATIC_PREFIX):
            raise ForbiddenFetch(f"documents may not fetch {url.split(':', 1)[0]} addresses")
        path = finders.find(url.removeprefix(STATIC_PREFIX))
        if not path:
            raise ForbiddenFetch(f"no static file {url.removeprefix(STATIC_PREFIX)}")
        body = Path(str(path)).read_bytes()
        return URLFetcherResponse(url, body, {"Content-Type": _mime(url)})


def _mime(url: str) -> str:
    for suffix, mime in ((".css", "text/css"), (".svg", "image/svg+xml"), (".png", "image/png")):
        if url.endswith(suffix):
            return mime
    return "application/octet-stream"


def render_pdf(
    template_name: str, context: dict[str, Any], request: HttpRequest | None = None
) -> bytes:
    """The template as a PDF. Templates link their CSS as ``righthelp-static:documents/...``."""
    html = render_to_string(template_name, {"static_prefix": STATIC_PREFIX, **context}, request)
    document = weasyprint.HTML(string=html, url_fetcher=StaticFilesOnly(), base_url=STATIC_PREFIX)
    return bytes(document.write_pdf())


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
