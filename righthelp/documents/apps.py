from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "righthelp.documents"
    verbose_name = "Documents (PDF)"
