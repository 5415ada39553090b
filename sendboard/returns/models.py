"""Files loaded by the returns importers: one row per file, with its checksum, so that re-loading is a no-op."""

import uuid

from django.conf import settings
from django.db import models

from sendboard.core.jobs import Job
from sendboard.returns.registry import IMPORT_KINDS


class ImportedFile(models.Model):
    """``kind`` names the importer that loaded the file; importers register their kinds and labels in
    ``sendboard.returns.registry.IMPORT_KINDS`` (ADR 0023), so that a new return needs no change here."""

    kind = models.CharField(max_length=40)
    importer_version = models.PositiveIntegerField(
        default=1, help_text="The version of the importer that loaded it: a later version loads the file again"
    )
    target = models.CharField(
        max_length=40, blank=True, default="", help_text="What the file was loaded into, for an importer bound to one"
    )
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    summary = models.JSONField(default=dict, help_text="Counts of what the file held, by record type")

    class Meta:
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "target", "sha256", "importer_version"], name="returns_file_unique_checksum_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind_label}: {self.filename}"

    @property
    def kind_label(self) -> str:
        return IMPORT_KINDS.get(self.kind, self.kind)


class ImportJob(Job):
    """A file an analyst asked to load, loaded by the worker with progress they can watch (ADR 0027, 0105).

    The upload waits in the returns upload folder under ``stored_name`` (a random token and the importer's
    suffix, never the file's own name) until the job is done; a failed job keeps it, so it can be retried."""

    job_task = "sendboard.returns.jobs.import_job_load"
    stopped_words = "The load stopped when the worker running it stopped. Nothing from the file was kept"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The only id used in URLs")
    kind = models.CharField(max_length=40, help_text="The registered importer's kind")
    target = models.CharField(max_length=40, blank=True, default="", help_text="What the importer loads into")
    filename = models.CharField(max_length=200)
    stored_name = models.CharField(max_length=80)
    size = models.PositiveBigIntegerField(default=0)
    loaded = models.BooleanField(default=False, help_text="The file's records are in the database")
    already_loaded = models.BooleanField(default=False, help_text="The same file (by SHA-256) was loaded before")
    counts = models.JSONField(default=dict)
    problem_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, help_text="The first problems, as [record, field, rule, message]")
    imported_file = models.ForeignKey(ImportedFile, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Import job {self.public_id} ({self.state})"

    @property
    def kind_label(self) -> str:
        return IMPORT_KINDS.get(self.kind, self.kind)
