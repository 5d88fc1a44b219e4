"""Two floors the web benchmark measures every page against, and a load balancer's check.

``signed_in_empty``: a signed-in page with the session, the user and the base template and
no queries of its own. ``health``: no session, no personal data; says the database answers.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


def signed_in_empty(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/signed_in_empty.html")


@never_cache
@login_not_required
def health(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure is "not healthy", said without detail
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
