from django.urls import path

from righthelp.screening import views

app_name = "screening"

screening = "<uuid:family_id>/screenings/<uuid:screening_id>/"
submission = "<uuid:family_id>/intelligence/<uuid:submission_id>/"

urlpatterns = [
    path("<uuid:family_id>/screenings/", views.screening_list, name="list"),
    path("<uuid:family_id>/screenings/new/", views.screening_new, name="new"),
    path(screening, views.screening_view, name="view"),
    path(screening + "screen-again/", views.screen_again, name="screen-again"),
    path(screening + "safety-plan/", views.safety_plan, name="safety-plan"),
    path(screening + "safety-plan.pdf", views.safety_plan_document, name="safety-plan-document"),
    path("<uuid:family_id>/intelligence/", views.intelligence_list, name="intelligence-list"),
    path("<uuid:family_id>/intelligence/new/", views.intelligence_new, name="intelligence-new"),
    path(submission, views.intelligence_view, name="intelligence-view"),
    path(submission + "edit/", views.intelligence_edit, name="intelligence-edit"),
    path(submission + "source/", views.intelligence_source, name="intelligence-source"),
    path(submission + "sent/", views.intelligence_sent, name="intelligence-sent"),
    path(submission + "document.pdf", views.intelligence_document, name="intelligence-document"),
]
