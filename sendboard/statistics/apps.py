from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "sendboard.statistics"
    label = "statistics"
    verbose_name = "Published statistics: national, regional and council comparators"
    home_links: list = [
        ("returns.import", "Published comparators: datasets loaded", "statistics:datasets"),
    ]

    def ready(self) -> None:
        from sendboard.returns.framework import importer_register
        from sendboard.statistics.importers import IMPORTERS

        for importer_class in IMPORTERS:
            importer_register(importer_class(), label=importer_class.label)
