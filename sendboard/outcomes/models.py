"""The outcomes dashboard: an indicator catalogue as data, facts written by a refresh job, and exception reports.

Pages read facts only (never the register or the imported returns): a refresh computes every indicator for
every period and area off the request path and writes a new set of facts; the previous set stays in force
until a refresh succeeds. Suppression is decided once, by the refresh, and stored on each fact.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sendboard.core.jobs import Job


class Indicator(models.Model):
    """One indicator of the catalogue (loaded from the shipped catalogue file, then owned and targeted locally)."""

    class Unit(models.TextChoices):
        PERCENT = "percent", "per cent"
        COUNT = "count", "number"
        RATE = "rate", "rate per 100 pupils"
        RATIO = "ratio", "ratio"
        WEEKS = "weeks", "weeks"
        SCORE = "score", "score"
        POUNDS = "pounds", "pounds per head"

    class Polarity(models.TextChoices):
        HIGHER_IS_BETTER = "higher", "Higher is better"
        LOWER_IS_BETTER = "lower", "Lower is better"
        NEITHER = "neither", "Neither higher nor lower is better (context)"

    code = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    theme = models.CharField(max_length=100, help_text="The dashboard section, for example Assessment and plans")
    definition = models.TextField(help_text="Plain English: what is counted, and over what")
    formula = models.TextField(help_text="Numerator and denominator, in words, with the return items used")
    unit = models.CharField(max_length=10, choices=Unit.choices)
    polarity = models.CharField(max_length=10, choices=Polarity.choices)
    source = models.TextField(help_text="Where the home area's values come from")
    comparator_source = models.TextField(blank=True, help_text="Where England, region and neighbour values come from")
    period_type = models.CharField(
        max_length=20, help_text="calendar_year, academic_year, financial_year, month or snapshot"
    )
    breakdowns = models.JSONField(
        default=list, help_text="Dimensions the deep dive offers, for example ['need', 'age']"
    )
    order = models.PositiveSmallIntegerField(default=0)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_indicators"
    )
    # Plan success measures that use this indicator: ``success_measures``, the link the plans app keeps
    # (plans.SuccessMeasure.indicators), since plans build on outcomes and never the other way round (ADR 0111).

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    """The home area's target for one indicator in one period, with who set it and why."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(max_length=20, help_text="As facts name periods, for example 2024, 2023/24, 2025-01")
    value = models.DecimalField(max_digits=14, decimal_places=4)
    reason = models.CharField(max_length=500, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="outcomes_target_once_per_period")]


class RefreshRun(Job):
    """One run of the facts job: when, from which inputs, and whether it succeeded (ADR 0045, 0105)."""

    job_task = "sendboard.outcomes.refresh.refresh_task"
    stopped_words = "Failed: the worker running the refresh stopped. The previous facts stay in force; run it again"

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    engine = models.CharField(max_length=60, blank=True, help_text="The columnar engine and its version")
    inputs = models.JSONField(
        default=dict, help_text="Imported files (kind, id, checksum, name) and register counts read"
    )
    counts = models.JSONField(default=dict, help_text="Facts written, by indicator")

    class Meta:
        ordering = ["-requested_at", "-id"]


class Fact(models.Model):
    """One computed value: an indicator, for an area, in a period, for one category of one breakdown.

    The headline value has ``dimension`` and ``category`` blank. ``area_code`` is the ONS nine-character code
    (E92000001 England, E12... regions, E06/E08/E09/E10... councils). ``suppressed`` is set by the refresh
    (primary and secondary suppression) and no page or export shows the value, numerator or denominator of a
    suppressed fact.
    """

    class Level(models.TextChoices):
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        LOCAL_AUTHORITY = "la", "Local authority"

    run = models.ForeignKey(RefreshRun, on_delete=models.CASCADE, related_name="facts")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="facts")
    area_code = models.CharField(max_length=9)
    area_level = models.CharField(max_length=10, choices=Level.choices)
    period = models.CharField(max_length=20)
    period_end = models.DateField(help_text="The last day of the period, for ordering and trends")
    dimension = models.CharField(
        max_length=30, blank=True, help_text="Breakdown: need, age, phase, setting_type, placement, sex, ethnicity, fsm"
    )
    category = models.CharField(max_length=60, blank=True)
    numerator = models.DecimalField(max_digits=16, decimal_places=4, null=True)
    denominator = models.DecimalField(max_digits=16, decimal_places=4, null=True)
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True)
    suppressed = models.BooleanField(default=False)
    source = models.CharField(max_length=20, help_text="register, extract or published")

    class Meta:
        ordering = ["indicator", "area_code", "period_end", "dimension", "category"]
        indexes = [
            models.Index(fields=["run", "indicator", "area_code", "period_end"]),
            models.Index(fields=["run", "area_code", "dimension"]),
        ]


class ExceptionReport(models.Model):
    """A red indicator sent to its owner for commentary; the commentary is shown on the board pack."""

    class Status(models.TextChoices):
        AWAITING_COMMENTARY = "awaiting", "Awaiting commentary"
        COMMENTED = "commented", "Commentary given"
        CLOSED = "closed", "Closed (no longer red)"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="exception_reports")
    period = models.CharField(max_length=20)
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True)
    target = models.DecimalField(max_digits=16, decimal_places=4, null=True)
    raised_by_run = models.ForeignKey(RefreshRun, on_delete=models.SET_NULL, null=True, related_name="+")
    raised_at = models.DateTimeField(auto_now_add=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="exception_reports"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AWAITING_COMMENTARY)
    commentary = models.TextField(blank=True, help_text="Why the indicator is red and what is being done")
    commentary_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    commentary_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="outcomes_one_exception_per_period")
        ]
