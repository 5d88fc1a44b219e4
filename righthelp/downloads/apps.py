from django.apps import AppConfig


class DownloadsConfig(AppConfig):
    name = "righthelp.downloads"
    verbose_name = "Prepared downloads"
