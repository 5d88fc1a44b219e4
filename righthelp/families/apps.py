from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "righthelp.families"
    verbose_name = "Families and people"
