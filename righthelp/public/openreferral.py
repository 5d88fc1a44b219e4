"""A partnership's directory as an Open Referral UK (HSDS 3.0) API, open to everyone.

``/openreferral/<slug>/`` says the HSDS version; ``services``, ``service_at_locations``,
``organizations``, ``taxonomies`` and ``taxonomy_terms`` page through what the
partnership's packs hold, in the standard's page shape, each with ``/<id>`` for one item.
What each answers and which filters it takes is ``core/openreferral_feed.py``.

Like every public page they read, never write, and are the same for everyone, so a shared
proxy may cache them. Answers are JSON, errors too (``{"detail": ...}``, as in /api/v1/),
and anything under ``/openreferral/`` that is not there is a JSON 404. Other sites'
JavaScript may read them (CORS for GET), and they answer conditional requests (ETag) and
compress when asked.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.views.decorators.csrf import csrf_exempt

from righthelp.core.openreferral import PageOutOfRangeError, PageRequestError, feed_documents
from righthelp.core.openreferral_feed import (
    LISTS,
    FeedRequestError,
    feed_query,
    listing,
    ndjson_lines,
    one,
    page_of,
    root,
)
from righthelp.public import selectors
from righthelp.public.caching import public_page
from righthelp.public.selectors import PartnershipContent

View = Callable[..., HttpResponse]
_GZIP = GZipMiddleware(lambda request: HttpResponse())


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _problem(status: int, detail: str) -> JsonResponse:
    return _json({"detail": detail}, status=status)


def _feed(view: View) -> View:
    """GET only, readable from any site, conditional and compressed."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = _problem(405, "this feed only answers GET")
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                set_response_etag(response)
                conditional = get_conditional_response(
                    request, etag=response["ETag"], response=response
                )
                if conditional is not response and isinstance(conditional, HttpResponse):
                    response = conditional  # a 304 or a 412
                else:
                    compressed = _GZIP.process_response(request, response)
                    if isinstance(compressed, HttpResponse):
                        response = compressed
                    patch_vary_headers(response, ("Accept-Encoding",))
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag"
        return response

    # Nothing here writes, so there is nothing to forge: a POST gets the JSON 405 above.
    return csrf_exempt(wrapped)


def _with_partnership(view: View) -> View:
    """The partnership at the slug in the address, or a 404 that says so in JSON."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        partnership = selectors.partnership_for(slug)
        if partnership is None:
            return _problem(404, "there is no partnership at this address")
        return view(request, PartnershipContent.of(partnership), *args, **kwargs)

    return wrapped


def _documents(content: PartnershipContent) -> list[dict[str, Any]]:
    return feed_documents(content.pack_set)


@public_page
@_feed
@_with_partnership
def openreferral_root(request: HttpRequest, content: PartnershipContent) -> HttpResponse:
    base = request.build_absolute_uri(f"/openreferral/{content.partnership.slug}/")
    return _json(root(base))


@public_page
@_feed
@_with_partnership
def openreferral_list(
    request: HttpRequest, content: PartnershipContent, endpoint: str
) -> HttpResponse:
    if endpoint not in LISTS:
        return _not_here()
    try:
        query = feed_query(endpoint, request.GET.dict())
        items = listing(endpoint, _documents(content), query)
        if query.ndjson:
            return HttpResponse(b"".join(ndjson_lines(items)), content_type="application/x-ndjson")
        page = page_of(items, query.page)
    except PageOutOfRangeError as error:
        return _problem(404, str(error))
    except (PageRequestError, FeedRequestError) as error:
        return _problem(400, str(error))
    return _json(page)


@public_page
@_feed
@_with_partnership
def openreferral_item(
    request: HttpRequest, content: PartnershipContent, endpoint: str, item_id: str
) -> HttpResponse:
    if endpoint not in LISTS:
        return _not_here()
    if request.GET:
        return _problem(400, f"/{endpoint}/{{id}} takes no parameters")
    found = one(endpoint, _documents(content), item_id)
    if found is None:
        noun = endpoint.removesuffix("s").replace("_", " ").replace("taxonomie", "taxonomy")
        return _problem(404, f"this partnership's directory has no {noun} with this id")
    return _json(found)


def _not_here() -> JsonResponse:
    return _problem(404, "there is nothing at this address in the Open Referral feed")


@public_page
@_feed
def openreferral_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return _not_here()
