"""The JSON API, version 1: for a partnership's case system to read and add to what
practitioners record, under the same access rules, audit and validation as the pages.

The OpenAPI document is generated from the operations (``/api/v1/openapi.json``) and read
as a page at ``/api/``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.throttling import AuthRateThrottle

from righthelp.api import dashboards, families, packs, records, referrals, work
from righthelp.api.auth import BearerToken
from righthelp.api.form_input import InvalidInput
from righthelp.versioned import StaleEdit


class RightHelpApi(NinjaAPI):
    """django-ninja's API, whose document also lists the answers any operation can give:
    401 without a valid token, 429 when a token calls too often, 422 for an address or a
    body that is not valid, 400 for a body that cannot be read as JSON."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        problem = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for item in schema["paths"].values():
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                if operation.get("security"):
                    responses.setdefault(401, {"description": "No valid token", "content": problem})
                    responses.setdefault(429, {"description": "Too many calls", "content": problem})
                if operation.get("parameters") or operation.get("requestBody"):
                    responses.setdefault(422, {"description": "Not valid", "content": problem})
                if operation.get("requestBody"):
                    responses.setdefault(400, {"description": "Not JSON", "content": problem})
        return schema


api = RightHelpApi(
    title="Right Help API",
    version="1",
    description=(
        "Families, assessments, chronology and referrals for the people a token belongs to, "
        "with every read and write audited; and the practice packs and directory."
    ),
    auth=BearerToken(),
    throttle=[AuthRateThrottle("600/m")],
    docs_url=None,  # read at /api/, a page of our own under the site's security policy
    urls_namespace="api",
)
api.add_router("/", packs.router)
api.add_router("/", families.router)
api.add_router("/", records.router)
api.add_router("/", referrals.router)
api.add_router("/", dashboards.router)
api.add_router("/", work.router)


def _problem(request: HttpRequest, status: int, detail: str, **extra: object) -> HttpResponse:
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(InvalidInput)
def invalid_input(request: HttpRequest, error: InvalidInput) -> HttpResponse:
    return _problem(request, 422, error.message, errors=error.errors)


def _field_path(location: tuple[object, ...] | list[object]) -> list[object]:
    """``("body", "body", "name")`` or ``("query", "age")`` as the field's own name."""
    path = list(location)[1:]  # where it was sent: body, query or path
    if path and path[0] in ("body", "filters"):  # the operation's parameter, not a field
        path = path[1:]
    return path


@api.exception_handler(ValidationError)
def invalid_request(request: HttpRequest, error: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for problem in error.errors:
        field = ".".join(str(part) for part in _field_path(problem.get("loc", ()))) or "__all__"
        message = str(problem.get("msg", "Not valid")).removeprefix("Value error, ")
        errors.setdefault(field, []).append(message)
    return _problem(request, 422, "Some of what was sent is not right: see errors.", errors=errors)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    response = _problem(request, 401, "Send a valid token: Authorization: Bearer <token>.")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(PermissionDenied)
def refused(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return _problem(request, 403, str(error) or "You do not have access to this.")


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _problem(request, 404, "Not found, or not yours to see.")


@api.exception_handler(StaleEdit)
def stale(request: HttpRequest, error: StaleEdit) -> HttpResponse:
    return _problem(request, 409, str(error))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return _problem(request, error.status_code, str(error))
