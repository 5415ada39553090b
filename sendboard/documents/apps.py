from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "sendboard.documents"
    label = "documents"
    verbose_name = "Documents and letters"
    home_links = [
        (
            "documents.manage_letter_templates",
            "The council's letters: change their wording",
            "documents:letter-templates",
        ),
    ]
    # What this app removes when the retention schedule says so (sendboard.core.retention, ADR 0143).
    retention_appliers = {"documents": "sendboard.documents.retention.documents_past_retention_remove"}
    # A child's documents in a subject access export (casework.subject_access, ADR 0144, ADR 0157): casework
    # cannot import this app, so it finds the sections here by dotted path.
    subject_access_parts = "sendboard.documents.subject_access.documents_part"
