from django.urls import path

from righthelp.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.search, name="search"),
    path("audit-log.csv", views.download, name="download"),
]
