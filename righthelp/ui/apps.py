from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "righthelp.ui"
    verbose_name = "GOV.UK Design System components"

    def ready(self) -> None:
        from righthelp.ui import checks  # noqa: F401 -- registers the static file checks
