from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "righthelp.chronology"
    verbose_name = "Chronology"
