from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sendboard.accounts"
    label = "accounts"
    verbose_name = "Accounts: organisations, users, roles and sign-in"

    def ready(self) -> None:
        from sendboard.accounts import receivers  # noqa: F401  (connects the audit receivers)
