"""Files loaded by the returns importers: one row per file, with its checksum, so that re-loading is a no-op."""

from django.conf import settings
from django.db import models


class ImportedFile(models.Model):
    class Kind(models.TextChoices):
        SEN2 = "sen2", "SEN2 person-level return (XML)"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    summary = models.JSONField(default=dict, help_text="Counts of what the file held, by record type")

    class Meta:
        ordering = ["-imported_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["kind", "sha256"], name="returns_file_unique_checksum")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"
