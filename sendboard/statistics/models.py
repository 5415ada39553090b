"""Published comparators (ADR 0040): the areas they describe, each council's statistical neighbours, every
published number in tidy (long) form, and area SEND inspection outcomes. Everything here is loaded by the
importers in ``sendboard.statistics.importers`` from files the DfE, Ofsted, NHS England and the MoJ publish;
nothing is typed in. The names and fields the outcomes engine reads are fixed in notes/interfaces.md."""

from django.db import models


class StatisticalArea(models.Model):
    """England, each region, each council, as the published files name them (ONS nine-character codes)."""

    class Level(models.TextChoices):
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        LA = "la", "Council"

    code = models.CharField(max_length=9, unique=True)
    old_code = models.CharField(
        max_length=3, blank=True, help_text="DfE three-digit LA code; blank for England and regions"
    )
    name = models.CharField(max_length=100)
    level = models.CharField(max_length=10, choices=Level.choices)
    region_code = models.CharField(max_length=9, blank=True)
    # Added: the first and last periods the area register file names the area in, so that a council whose
    # code changed (North Yorkshire, Somerset, Cumbria's successors) is found by year.
    first_period = models.CharField(max_length=20, blank=True)
    last_period = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class StatisticalNeighbour(models.Model):
    area = models.ForeignKey(StatisticalArea, on_delete=models.CASCADE, related_name="neighbours")
    neighbour = models.ForeignKey(StatisticalArea, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(help_text="1 = nearest")
    imported_file = models.ForeignKey("returns.ImportedFile", on_delete=models.CASCADE, null=True, related_name="+")

    class Meta:
        ordering = ["area", "rank"]
        constraints = [models.UniqueConstraint(fields=["area", "rank"], name="statistics_neighbour_unique_rank")]


class PublishedValue(models.Model):
    """One published number. ``status`` holds the publisher's code when there is no number (x, z, c, ...)."""

    imported_file = models.ForeignKey("returns.ImportedFile", on_delete=models.CASCADE, related_name="+")
    dataset = models.CharField(max_length=40)
    measure = models.CharField(max_length=60, db_index=True)
    area_code = models.CharField(max_length=9)
    area_level = models.CharField(max_length=10)
    period = models.CharField(max_length=20)
    period_end = models.DateField()
    breakdown = models.CharField(max_length=60, blank=True)
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True)
    status = models.CharField(max_length=4, blank=True)

    class Meta:
        indexes = [models.Index(fields=["measure", "area_code", "period"], name="statistics_value_lookup")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(value__isnull=True) & ~models.Q(status=""))
                | (models.Q(value__isnull=False) & models.Q(status="")),
                name="statistics_value_xor_status",
            ),
        ]

    def __str__(self) -> str:
        shown = self.value if self.value is not None else self.status
        return f"{self.measure} {self.area_code} {self.period} {self.breakdown}: {shown}"


class InspectionOutcome(models.Model):
    """An area SEND inspection: the 2016 framework (written statement of action, revisit) or the 2023 one."""

    class Framework(models.TextChoices):
        F2016 = "2016", "2016 framework (area SEND inspections and revisits)"
        F2023 = "2023", "2023 framework (area SEND inspections)"

    imported_file = models.ForeignKey("returns.ImportedFile", on_delete=models.CASCADE, related_name="+")
    area_code = models.CharField(max_length=9)
    framework = models.CharField(max_length=4, choices=Framework.choices)
    inspection_start = models.DateField()
    publication_date = models.DateField(null=True)
    outcome = models.CharField(max_length=200, help_text="As published")
    wsoa_required = models.BooleanField(null=True, help_text="2016: written statement of action required")
    significant_weaknesses = models.PositiveSmallIntegerField(null=True)
    revisit_start = models.DateField(null=True)
    revisit_publication_date = models.DateField(null=True)
    revisit_outcome = models.CharField(max_length=100, blank=True)
    weaknesses_progress_made = models.PositiveSmallIntegerField(null=True)
    weaknesses_progress_not_made = models.PositiveSmallIntegerField(null=True)
    priority_action_plan_required = models.BooleanField(null=True, help_text="2023 framework")
    priority_action_areas = models.PositiveSmallIntegerField(
        null=True, help_text="2023: number of areas for priority action"
    )

    class Meta:
        ordering = ["area_code", "framework", "inspection_start"]


class DatasetNote(models.Model):
    """What a loaded file held that could not be read or was deliberately not stored, so that an analyst can
    see it beside the numbers (a refused file has problems instead, and leaves nothing)."""

    imported_file = models.ForeignKey("returns.ImportedFile", on_delete=models.CASCADE, related_name="+")
    record = models.CharField(max_length=200)
    field = models.CharField(max_length=200, blank=True)
    rule = models.CharField(max_length=60)
    message = models.CharField(max_length=500)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["imported_file", "id"]
