from django.urls import path

from righthelp.disagreements import views

app_name = "disagreements"

urlpatterns = [
    path("<uuid:family_id>/disagreements/", views.listing, name="list"),
    path("<uuid:family_id>/disagreements/new/", views.new, name="new"),
    path("<uuid:family_id>/disagreements/<uuid:disagreement_id>/", views.detail, name="detail"),
]
