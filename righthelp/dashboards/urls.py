from django.urls import path

from righthelp.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.index, name="index"),
    path("report.pdf", views.report, name="report"),
    path("<slug:key>.<str:file_format>", views.export, name="export"),
]
