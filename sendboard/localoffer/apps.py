from django.apps import AppConfig

from sendboard.core.shipped_data import restore_after_migrate


class LocalOfferConfig(AppConfig):
    name = "sendboard.localoffer"
    label = "localoffer"
    verbose_name = "Local Offer directory and its Open Referral UK API"
    # What this app removes when the retention schedule says so (sendboard.core.retention, ADR 0143).
    retention_appliers = {"feedback": "sendboard.localoffer.services.feedback_past_retention_clear"}
    home_links: list = [
        ("localoffer.edit_own_services", "Your services in the Local Offer", "localoffer:provider-services"),
        ("localoffer.manage", "Manage the Local Offer", "localoffer:team"),
        ("localoffer.manage", "Local Offer checklist (SEND Regulations 2014, Schedule 2)", "localoffer:checklist"),
    ]

    def ready(self) -> None:
        from sendboard.localoffer.imports import ServicesImporter
        from sendboard.returns.framework import importer_register

        importer_register(ServicesImporter(), label=ServicesImporter.label)
        restore_after_migrate(
            self, loader="sendboard.localoffer.reference.reference_taxonomies_load", models=("Taxonomy", "TaxonomyTerm")
        )

    def home_work(self, *, user, today):
        from sendboard.localoffer.selectors import home_work_counts

        return home_work_counts(user=user, today=today)
