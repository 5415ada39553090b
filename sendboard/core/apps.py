from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendboard.core"
    label = "core"
    verbose_name = "Core: the local area, the working-day calendar and shared pages"
