from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "sendboard.returns"
    label = "returns"
    verbose_name = "Statutory returns: importers and validators"
    home_links: list = []
