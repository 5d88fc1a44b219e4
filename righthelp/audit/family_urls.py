from django.urls import path

from righthelp.audit import views

app_name = "access_log"

urlpatterns = [
    path("<uuid:family_id>/record-of-access/", views.family_log, name="family"),
]
