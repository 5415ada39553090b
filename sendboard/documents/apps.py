from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "sendboard.documents"
    label = "documents"
    verbose_name = "Documents and letters"
