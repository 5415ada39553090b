from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "sendboard.returns"
    label = "returns"
    verbose_name = "Statutory returns: importers and validators"
    home_links = [
        ("returns.import", "Load a SEN2 return", "returns:upload"),
        ("returns.import", "Export the register as a SEN2 return", "returns:export"),
    ]
