from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "righthelp.api"
    verbose_name = "API access"
