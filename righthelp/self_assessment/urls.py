from django.urls import path

from righthelp.self_assessment import views

app_name = "self_assessment"

response = "rounds/<int:round_id>/responses/<int:response_id>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/new/", views.round_new, name="round-new"),
    path("rounds/<int:round_id>/", views.round_detail, name="round"),
    path("rounds/<int:round_id>/close/", views.round_close, name="round-close"),
    path("rounds/<int:round_id>/compare/", views.round_compare, name="round-compare"),
    path(
        "rounds/<int:round_id>/<slug:key>.<str:file_format>",
        views.round_export,
        name="export",
    ),
    path("rounds/<int:round_id>/actions/new/", views.action_new, name="action-new"),
    path("rounds/<int:round_id>/actions/<int:action_id>/", views.action_edit, name="action-edit"),
    path(response, views.response_tasks, name="response-tasks"),
    path(response + "areas/<slug:section_id>/", views.response_area, name="response-area"),
    path(response + "check/", views.response_check, name="response-check"),
]
