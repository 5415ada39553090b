from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "sendboard.reminders"
    label = "reminders"
    verbose_name = "Reminders"
