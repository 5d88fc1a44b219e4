"""A partnership's directory as an Open Referral UK (HSDS 3.0) API, open to everyone.

``/openreferral/<slug>/services`` pages through every service of the partnership's packs
in the standard's page shape; ``/openreferral/<slug>/services/<id>`` is one service. Like
every public page they read, never write, and are the same for everyone, so a shared
proxy may cache them. Answers are JSON, errors too (``{"detail": ...}``, as in /api/v1/).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from righthelp.core.openreferral import (
    PageOutOfRangeError,
    PageRequestError,
    export_entries,
    page_of,
    page_request,
)
from righthelp.public import selectors
from righthelp.public.caching import public_page
from righthelp.public.selectors import PartnershipContent

# Parameters of the standard's /services that filter. Answering them with every service
# would look like a search result, so they are refused until they are offered.
NOT_OFFERED = (
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
    "postcode",
    "proximity",
)


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _problem(status: int, detail: str) -> JsonResponse:
    return _json({"detail": detail}, status=status)


def _with_partnership(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The partnership at the slug in the address, or a 404 that says so in JSON."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        partnership = selectors.partnership_for(slug)
        if partnership is None:
            return _problem(404, "there is no partnership at this address")
        return view(request, PartnershipContent.of(partnership), *args, **kwargs)

    return wrapped


@public_page
@_with_partnership
def openreferral_services(request: HttpRequest, content: PartnershipContent) -> HttpResponse:
    refused = [name for name in NOT_OFFERED if name in request.GET]
    if refused:
        return _problem(400, f"this directory does not offer {', '.join(refused)}")
    if request.GET.get("format", "json") != "json":
        return _problem(400, "format must be json: this directory offers no other")
    try:
        wanted = page_request(request.GET.get("page"), request.GET.get("per_page"))
        page = page_of(export_entries(content.pack_set.services), wanted)
    except PageOutOfRangeError as error:
        return _problem(404, str(error))
    except PageRequestError as error:
        return _problem(400, str(error))
    return _json(page)


@public_page
@_with_partnership
def openreferral_service(
    request: HttpRequest, content: PartnershipContent, service_id: str
) -> HttpResponse:
    for document in export_entries(content.pack_set.services):
        if document["id"] == service_id.lower():
            return _json(document)
    return _problem(404, "this partnership's directory has no service with this id")
