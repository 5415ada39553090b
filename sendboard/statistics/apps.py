from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "sendboard.statistics"
    label = "statistics"
    verbose_name = "Published statistics: national, regional and council comparators"
    home_links: list = []
