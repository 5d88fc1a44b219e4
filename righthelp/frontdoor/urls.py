from django.urls import path

from righthelp.frontdoor import views

app_name = "frontdoor"

urlpatterns = [
    path("front-door/", views.queue, name="queue"),
    path("front-door/<int:receipt_id>/", views.detail, name="detail"),
    path(
        "families/<uuid:family_id>/front-door/<int:receipt_id>/answer/",
        views.answer,
        name="answer",
    ),
]
