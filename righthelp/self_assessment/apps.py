from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    name = "righthelp.self_assessment"
    verbose_name = "Partnership self-assessment"
