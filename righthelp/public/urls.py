from django.urls import path, re_path

from righthelp.public import views
from righthelp.public.openreferral import (
    openreferral_item,
    openreferral_list,
    openreferral_not_found,
    openreferral_root,
)

app_name = "public"

urlpatterns = [
    path("", views.start, name="start"),
    # Choose the partnership, then its pages.
    path("explore/", views.choose_partnership, {"section": "explore"}, name="explore_index"),
    path("screening/", views.choose_partnership, {"section": "screening"}, name="screening_index"),
    path("guidance/", views.choose_partnership, {"section": "guidance"}, name="guidance_index"),
    path("directory/", views.choose_partnership, {"section": "directory"}, name="directory_index"),
    path("changes/", views.choose_partnership, {"section": "changes"}, name="changes_index"),
    # The threshold explorer: ticked indicator ids in the query string (?i=edu-13&i=safe-41).
    path("explore/<slug:slug>/", views.explore, name="explore"),
    path("explore/<slug:slug>/result/", views.explore_result, name="explore_result"),
    path("explore/<slug:slug>/summary/", views.explore_summary, name="explore_summary"),
    # Suggestions from what the person describes: the text in a POST body only.
    path("explore/<slug:slug>/suggest/", views.explore_suggest, name="explore_suggest"),
    path("screening/<slug:slug>/", views.screening, name="screening"),
    path(
        "screening/<slug:slug>/sharing-intelligence/",
        views.screening_intelligence,
        name="screening_intelligence",
    ),
    path("screening/<slug:slug>/bands/<str:band_id>/", views.screening_band, name="screening_band"),
    path("guidance/<slug:slug>/", views.guidance, name="guidance"),
    path(
        "guidance/<slug:slug>/<str:pack_id>/<str:page_id>/",
        views.guidance_page,
        name="guidance_page",
    ),
    path("directory/<slug:slug>/", views.directory, name="directory"),
    path(
        "directory/<slug:slug>/<str:pack_id>/<str:service_id>/",
        views.directory_service,
        name="directory_service",
    ),
    path("changes/<slug:slug>/", views.changes, name="changes"),
    path("changes/<slug:slug>/<str:pack_id>/", views.changes_pack, name="changes_pack"),
    # The directory as Open Referral UK data, in the paths of the standard's API; anything
    # else under /openreferral/ is a 404 in JSON.
    path("openreferral/<slug:slug>", openreferral_root),
    path("openreferral/<slug:slug>/", openreferral_root, name="openreferral_root"),
    path(
        "openreferral/<slug:slug>/services",
        openreferral_list,
        {"endpoint": "services"},
        name="openreferral_services",
    ),
    path(
        "openreferral/<slug:slug>/services/<str:item_id>",
        openreferral_item,
        {"endpoint": "services"},
        name="openreferral_service",
    ),
    path("openreferral/<slug:slug>/<str:endpoint>", openreferral_list, name="openreferral_list"),
    path(
        "openreferral/<slug:slug>/<str:endpoint>/<str:item_id>",
        openreferral_item,
        name="openreferral_item",
    ),
    re_path(r"^openreferral(?:/(?P<rest>.*))?$", openreferral_not_found),
]
