from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "sendboard.returns"
    label = "returns"
    verbose_name = "Statutory returns: importers and validators"
    # What this app removes when the retention schedule says so (sendboard.core.retention, ADR 0143).
    retention_appliers = {
        "uploads": "sendboard.returns.uploads.uploads_past_retention_remove",
        "register_exports": "sendboard.returns.exports.exports_past_retention_remove",
    }
    home_links = [
        ("returns.import", "Load a return or data file", "returns:upload"),
        ("returns.export_register", "Export the register as a SEN2 return", "returns:export"),
    ]

    def ready(self) -> None:
        from sendboard.returns.framework import importer_register
        from sendboard.returns.sen2.importer import Sen2Importer

        importer_register(Sen2Importer(), label="SEN2 person-level return (XML)")
