from django.urls import path

from righthelp.sharing import views

app_name = "sharing"

urlpatterns = [
    path("<uuid:family_id>/information-sharing/", views.listing, name="list"),
    path("<uuid:family_id>/information-sharing/new/", views.new, name="new"),
]
