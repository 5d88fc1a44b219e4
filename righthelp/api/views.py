from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from righthelp.api.api import api
from righthelp.public.caching import public_page

METHODS = ("get", "post", "put", "patch", "delete")


def _plain(text: str) -> str:
    """The document's Markdown code marks are for other readers; this page shows words."""
    return text.replace("`", "")


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation of the OpenAPI document, in the order it was declared, grouped by tag
    by the template."""
    found = []
    for address, item in schema["paths"].items():
        for method in METHODS:
            if (operation := item.get(method)) is None:
                continue
            found.append(
                {
                    "method": method.upper(),
                    "address": address,
                    "summary": _plain(operation.get("summary", "")),
                    "description": _plain(operation.get("description", "")),
                    "tag": (operation.get("tags") or ["Other"])[0],
                    "statuses": sorted(operation.get("responses", {})),
                }
            )
    return found


@public_page
def reference(request: HttpRequest) -> HttpResponse:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    listed = operations(schema)
    tags = list(dict.fromkeys(operation["tag"] for operation in listed))
    return render(
        request,
        "api/reference.html",
        {"info": schema["info"], "tags": tags, "operations": listed},
    )
