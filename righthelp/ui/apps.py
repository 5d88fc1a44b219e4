from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "righthelp.ui"
    verbose_name = "GOV.UK Design System components"
