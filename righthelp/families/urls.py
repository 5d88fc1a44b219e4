from django.urls import path

from righthelp.families import views

app_name = "families"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("new/", views.family_new, name="new"),
    path("<uuid:family_id>/", views.overview, name="overview"),
    path("<uuid:family_id>/edit/", views.family_edit, name="edit"),
    path("<uuid:family_id>/people/new/", views.person_new, name="person-new"),
    path("<uuid:family_id>/people/<uuid:person_id>/edit/", views.person_edit, name="person-edit"),
    path("<uuid:family_id>/relationships/new/", views.relationship_new, name="relationship-new"),
    path("<uuid:family_id>/practitioners/new/", views.worker_new, name="worker-new"),
    path("<uuid:family_id>/emergency-access/", views.emergency_access, name="emergency-access"),
]
