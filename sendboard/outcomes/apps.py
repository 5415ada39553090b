from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "sendboard.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes dashboard: indicators, facts, exception reports and deep dives"
    home_links: list = []
