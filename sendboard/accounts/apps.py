from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sendboard.accounts"
    label = "accounts"
    verbose_name = "Accounts: organisations, users, roles and sign-in"
    # Invitations used, cancelled or expired are removed after the retention schedule's period (ADR 0151).
    retention_appliers = {"invitations": "sendboard.accounts.services.invitations_past_retention_remove"}

    def ready(self) -> None:
        from sendboard.accounts import receivers  # noqa: F401  (connects the audit receivers)
