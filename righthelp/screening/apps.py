from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "righthelp.screening"
    verbose_name = "Exploitation screening and intelligence"
