from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from righthelp.api.urls import operations
from righthelp.ui.views import health, signed_in_empty


@login_not_required
def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: with hashed static names the manifest exists only after
    # collectstatic, which must not be needed to import the URLs.
    return redirect(static("vendor/govuk-frontend/assets/images/favicon.ico"), permanent=True)


admin.site.site_header = "Right Help administration"
admin.site.site_title = "Right Help administration"
admin.site.index_title = "Accounts, agencies and teams"

urlpatterns = [
    path("", include("righthelp.public.urls")),
    path("accounts/", include("righthelp.accounts.urls")),
    path("families/", include("righthelp.families.urls")),
    path("families/", include("righthelp.assessments.urls")),
    path("families/", include("righthelp.chronology.urls")),
    path("families/", include("righthelp.plans.urls")),
    path("families/", include("righthelp.referrals.urls")),
    path("", include("righthelp.frontdoor.urls")),
    path("work/", include("righthelp.worklist.urls")),
    path("downloads/", include("righthelp.downloads.urls")),
    path("families/", include("righthelp.sharing.urls")),
    path("families/", include("righthelp.disagreements.urls")),
    path("dashboards/", include("righthelp.dashboards.urls")),
    path("self-assessment/", include("righthelp.self_assessment.urls")),
    path("families/", include("righthelp.screening.urls")),
    path("families/", include("righthelp.subject_access.urls")),
    path("families/", include("righthelp.audit.family_urls")),
    path("audit/", include("righthelp.audit.urls")),
    path("api/", include("righthelp.api.urls")),
    path("api/v1/", operations),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
    path("health/", health, name="health"),
    path("signed-in/", signed_in_empty, name="signed-in"),
]

handler403 = "righthelp.families.views.access_refused"
