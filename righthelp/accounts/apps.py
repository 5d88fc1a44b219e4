from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "righthelp.accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from righthelp.accounts import signals  # noqa: F401 -- connects the receivers
