from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "righthelp.assessments"
    verbose_name = "Threshold assessments"
