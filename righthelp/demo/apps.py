from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "righthelp.demo"
    verbose_name = "Demo partnership"
