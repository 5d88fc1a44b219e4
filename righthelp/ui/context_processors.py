from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def govuk_template(request: HttpRequest) -> dict[str, str]:
    """The js-enabled script, rendered exactly as the content security policy hashed it."""
    return {"govuk_js_enabled_script": settings.GOVUK_JS_ENABLED_SCRIPT}
