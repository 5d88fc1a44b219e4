from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "righthelp.public"
    verbose_name = "Open to everyone"
