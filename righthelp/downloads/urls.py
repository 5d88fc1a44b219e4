from django.urls import path

from righthelp.downloads import views

app_name = "downloads"

urlpatterns = [
    path("<uuid:file_id>/", views.status, name="status"),
    path("<uuid:file_id>/file", views.download, name="file"),
]
