from django.apps import AppConfig


class PackstoreConfig(AppConfig):
    name = "righthelp.packstore"
    verbose_name = "Practice packs"

    def ready(self) -> None:
        from righthelp.packstore import checks  # noqa: F401 -- registers the system checks
