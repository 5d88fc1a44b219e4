"""Who is calling: a bearer token issued to a user. The user's role and teams then decide
what they may see, through the same access functions as the web pages."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from righthelp.accounts.models import User
from righthelp.api.tokens import user_for_token


class BearerToken(HttpBearer):
    openapi_description = "A token an administrator issued with `righthelp token issue`."

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


def caller(request: HttpRequest) -> User:
    """The user the token belongs to. Every operation is behind ``BearerToken``."""
    return request.auth  # type: ignore[attr-defined,no-any-return]
