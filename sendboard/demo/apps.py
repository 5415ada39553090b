from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sendboard.demo"
    label = "demo"
    verbose_name = "Demo local area"
