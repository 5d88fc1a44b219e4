from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "righthelp.plans"
    verbose_name = "Family plans"
