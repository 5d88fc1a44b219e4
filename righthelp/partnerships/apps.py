from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "righthelp.partnerships"
    verbose_name = "Partnerships, agencies and teams"
