from django.urls import path

from righthelp.plans import views

app_name = "plans"

plan = "<uuid:family_id>/plans/<uuid:plan_id>/"

urlpatterns = [
    path("<uuid:family_id>/plan/", views.home, name="home"),
    path("<uuid:family_id>/plans/new/", views.start, name="start"),
    path(plan, views.view, name="view"),
    path(plan + "criteria/new/", views.criterion_new, name="criterion-new"),
    path(plan + "criteria/<uuid:criterion_id>/", views.criterion, name="criterion"),
    path(plan + "actions/new/", views.action_new, name="action-new"),
    path(plan + "actions/<uuid:action_id>/", views.action_status, name="action-status"),
    path(plan + "reviews/new/", views.review_new, name="review-new"),
    path(plan + "notes/", views.notes, name="notes"),
    path(plan + "print/", views.printable, name="print"),
    path(plan + "plan.pdf", views.pdf, name="pdf"),
    path(plan + "family-copy.pdf", views.family_pdf, name="family-pdf"),
]
