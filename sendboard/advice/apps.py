from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "sendboard.advice"
    label = "advice"
    verbose_name = "Advice from partners"
