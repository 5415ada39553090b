from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "sendboard.casework"
    label = "casework"
    verbose_name = "Children and EHC casework"
    home_links: list = []
