from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "righthelp.referrals"
    verbose_name = "Requests for service"
