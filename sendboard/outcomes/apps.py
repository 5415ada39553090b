from django.apps import AppConfig

from sendboard.core.shipped_data import restore_after_migrate


class OutcomesConfig(AppConfig):
    name = "sendboard.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes dashboard: indicators, facts, exception reports and deep dives"
    home_links: list = [
        (
            "outcomes.view",
            "Outcomes dashboard: indicators against targets, England and the region",
            "outcomes:dashboard",
        ),
        ("outcomes.view", "Exception reports for red indicators", "outcomes:exceptions"),
    ]

    def ready(self) -> None:
        restore_after_migrate(self, loader="sendboard.outcomes.catalogue.catalogue_load", models=("Indicator",))

    def home_work(self, *, user, today):
        from sendboard.outcomes.selectors import home_work_counts

        return home_work_counts(user=user, today=today)
