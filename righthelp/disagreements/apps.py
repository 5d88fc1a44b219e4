from django.apps import AppConfig


class DisagreementsConfig(AppConfig):
    name = "righthelp.disagreements"
    verbose_name = "Professional disagreements"
