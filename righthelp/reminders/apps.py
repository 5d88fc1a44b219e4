from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "righthelp.reminders"
    verbose_name = "Reminders and email"
