from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "righthelp.audit"
    verbose_name = "Audit log"
