from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "righthelp.dashboards"
    verbose_name = "Dashboards"
