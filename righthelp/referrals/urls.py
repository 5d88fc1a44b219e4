from django.urls import path

from righthelp.referrals import views

app_name = "referrals"

urlpatterns = [
    path("<uuid:family_id>/referrals/", views.listing, name="list"),
    path("<uuid:family_id>/referrals/new/", views.new, name="new"),
    path("<uuid:family_id>/referrals/<uuid:referral_id>/", views.detail, name="detail"),
    path("<uuid:family_id>/referrals/<uuid:referral_id>/approve/", views.approve, name="approve"),
]
