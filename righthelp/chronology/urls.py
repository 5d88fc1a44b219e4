from django.urls import path

from righthelp.chronology import views

app_name = "chronology"

urlpatterns = [
    path("<uuid:family_id>/chronology/", views.entries, name="list"),
    path("<uuid:family_id>/chronology/print/", views.print_view, name="print"),
    path("<uuid:family_id>/chronology/new/", views.entry_new, name="new"),
]
