from django.urls import path

from righthelp.assessments import views

app_name = "assessments"

prefix = "<uuid:family_id>/assessments/<uuid:assessment_id>/"

urlpatterns = [
    path("<uuid:family_id>/assessments/new/", views.start, name="start"),
    path(prefix, views.view, name="view"),
    path(prefix + "tasks/", views.task_list, name="task-list"),
    path(prefix + "outcomes/<int:number>/", views.outcome, name="outcome"),
    path(
        prefix + "outcomes/<int:number>/points-to/",
        views.outcome_points_to,
        name="outcome-points-to",
    ),
    path(prefix + "conversation/", views.conversation, name="conversation"),
    path(prefix + "what-was-seen/", views.what_was_seen, name="what-was-seen"),
    path(prefix + "check/", views.check, name="check"),
    path(prefix + "sign-off/", views.sign_off, name="sign-off"),
]
