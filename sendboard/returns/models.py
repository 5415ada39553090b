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


class RegisterExport(Job):
    """The register written as a SEN2 file by the worker (ADR 0168), with progress the person who asked for it can
    watch, and the file held for them alone, in a private folder under ``stored_name``, until the retention
    schedule removes it (``register_exports``). The row stays, without the file, as a record of the export."""

    job_task = "sendboard.returns.exports.register_export_build"
    stopped_words = "The file was not made: the worker making it stopped. Ask for it again"

    class Kind(models.TextChoices):
        RETURN = "return", "SEN2 return"
        COPY = "sendboard", "Copy for another sendboard"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The only id used in URLs")
    local_area = models.ForeignKey("core.LocalArea", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    header = models.JSONField(default=dict, help_text="The SEN2 header chosen on the form")
    filename = models.CharField(max_length=120, help_text="The name the file downloads as")
    stored_name = models.CharField(max_length=80, blank=True, help_text="Blank once the file has been removed")
    size = models.PositiveBigIntegerField(default=0)
    children = models.PositiveIntegerField(default=0, help_text="How many children the file holds")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Register export {self.public_id} ({self.state})"

    @property
    def held(self) -> bool:
        """The file is ready and still held for download."""
        return self.succeeded and bool(self.stored_name)
