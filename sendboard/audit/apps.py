from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sendboard.audit"
    label = "audit"
    verbose_name = "Audit log"
