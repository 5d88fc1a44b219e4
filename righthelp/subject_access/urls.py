from django.urls import path

from righthelp.subject_access import views

app_name = "subject_access"

urlpatterns = [
    path("<uuid:family_id>/subject-access/", views.listing, name="list"),
    path("<uuid:family_id>/subject-access/<uuid:request_id>/", views.detail, name="detail"),
    path(
        "<uuid:family_id>/subject-access/<uuid:request_id>/print/",
        views.printable,
        name="print",
    ),
    path("<uuid:family_id>/subject-access/<uuid:request_id>/record.pdf", views.pdf, name="pdf"),
]
