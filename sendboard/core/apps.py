from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendboard.core"
    label = "core"
    verbose_name = "Core: the local area, the working-day calendar and shared pages"

    home_links = [
        ("accounts.manage_people", "People: invite someone, change roles, deactivate accounts", "accounts:people"),
        ("accounts.view_organisations", "Organisations in the partnership", "accounts:organisations"),
        ("core.manage_non_working_days", "Local non-working days", "core:non-working-days"),
        ("audit.view_log", "Audit log", "audit:log"),
        ("core.view_operations", "Running sendboard: version, data release and health", "core:operations"),
    ]
