from django.apps import AppConfig


class ExtractsConfig(AppConfig):
    name = "sendboard.extracts"
    label = "extracts"
    verbose_name = "Local extracts: the home area's own data from council and NHS systems"
    home_links: list = [
        ("returns.import", "Load local extracts (school census, suspensions, attendance and more)", "extracts:index")
    ]

    def ready(self) -> None:
        from sendboard.extracts.importer import IMPORTERS
        from sendboard.extracts.layouts import LAYOUTS
        from sendboard.returns.framework import importer_register

        for kind, importer in IMPORTERS.items():
            importer_register(importer, label=f"Local extract: {LAYOUTS[kind].title} (CSV)")
