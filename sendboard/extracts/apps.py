from django.apps import AppConfig


class ExtractsConfig(AppConfig):
    name = "sendboard.extracts"
    label = "extracts"
    verbose_name = "Local extracts: the home area's own data from council and NHS systems"
    home_links: list = []
