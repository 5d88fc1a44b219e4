from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "righthelp.sharing"
    verbose_name = "Information sharing log"
