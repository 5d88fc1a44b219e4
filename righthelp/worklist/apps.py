from django.apps import AppConfig


class WorklistConfig(AppConfig):
    name = "righthelp.worklist"
    verbose_name = "Your work"
