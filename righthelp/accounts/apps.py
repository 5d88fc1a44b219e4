from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "righthelp.accounts"
    verbose_name = "Accounts and roles"
