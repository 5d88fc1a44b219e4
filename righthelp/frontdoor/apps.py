from django.apps import AppConfig


class FrontDoorConfig(AppConfig):
    name = "righthelp.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door"
