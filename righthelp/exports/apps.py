from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "righthelp.exports"
    verbose_name = "Exports (CSV and XLSX)"
