from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "sendboard.plans"
    label = "plans"
    verbose_name = "Improvement plans: inspections, findings, statements of action and their delivery"
    # (permission, link text, URL name) shown on the signed-in home page to users whose role has it.
    home_links: list = []
