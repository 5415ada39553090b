"""Files loaded by the returns importers: one row per file, with its checksum, so that re-loading is a no-op."""

from django.conf import settings
from django.db import models


class ImportedFile(models.Model):
    """``kind`` names the importer that loaded the file; importers register their kinds and labels in
    ``sendboard.returns.framework.IMPORT_KINDS`` (ADR 0023), so that a new return needs no change here."""

    kind = models.CharField(max_length=40)
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
        return f"{self.kind_label}: {self.filename}"

    @property
    def kind_label(self) -> str:
        from sendboard.returns.framework import IMPORT_KINDS

        return IMPORT_KINDS.get(self.kind, self.kind)
