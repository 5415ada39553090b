"""Given a register that keeps every annual review (ADR 0174), when SEN2 files go in and out, then an import
creates or updates the plan's latest review in the history and keeps the reviews before it, and the export
still writes the latest review as SEN2 holds it."""

from __future__ import annotations

from datetime import date

import pytest

from sendboard.casework.models import AnnualReview, Child, StatutoryStep
from sendboard.returns.framework import file_import
from sendboard.returns.sen2.exporter import register_export
from sendboard.returns.sen2.importer import Sen2Importer
from tests.returns.samples import HEADER, person, write

pytestmark = pytest.mark.django_db


def run(path):
    outcome = file_import(importer=Sen2Importer(), path=path, filename=path.name)
    assert outcome.loaded, outcome.report.problems
    return outcome


def reviewed(meeting: date, decided: date, outcome: str = "M") -> dict:
    record = person(1)
    record["Request"][0]["ActivePlan"][0].update(review_meeting=meeting, review_outcome=outcome, last_review=decided)
    return record


def history() -> list[tuple]:
    return list(AnnualReview.objects.order_by("meeting").values_list("meeting", "follows", "outcome", "decided"))


def test_an_import_creates_the_latest_review_in_the_history(area, tmp_path):
    run(write(tmp_path / "one.xml", [reviewed(date(2025, 1, 6), date(2025, 1, 20))]))
    assert history() == [(date(2025, 1, 6), None, "M", date(2025, 1, 20))]


def test_a_later_return_adds_its_review_and_keeps_the_one_before_late_as_it_was(area, tmp_path):
    # The first review decided after 4 weeks (due 3 February): late, and still late once the next comes in.
    run(write(tmp_path / "one.xml", [reviewed(date(2025, 1, 6), date(2025, 2, 20))]))
    run(write(tmp_path / "two.xml", [reviewed(date(2026, 1, 5), date(2026, 1, 19), "A")], SerialNo="2"))
    assert history() == [
        (date(2025, 1, 6), None, "M", date(2025, 2, 20)),
        (date(2026, 1, 5), date(2025, 1, 6), "A", date(2026, 1, 19)),
    ]
    child = Child.objects.get()
    first = StatutoryStep.objects.get(child=child, step="review_decision", subject="review:2025-01-06")
    assert (first.due_date, first.done_date) == (date(2025, 2, 3), date(2025, 2, 20))
    assert StatutoryStep.objects.get(
        child=child, step="annual_review", subject="review-after:2025-01-06"
    ).done_date == (date(2026, 1, 5))


def test_a_later_return_with_the_same_review_updates_it(area, tmp_path):
    run(write(tmp_path / "one.xml", [reviewed(date(2025, 1, 6), date(2024, 12, 1))]))  # awaiting its decision
    assert history() == [(date(2025, 1, 6), None, "", None)]
    run(write(tmp_path / "two.xml", [reviewed(date(2025, 1, 6), date(2025, 1, 27), "C")], SerialNo="2"))
    assert history() == [(date(2025, 1, 6), None, "C", date(2025, 1, 27))]


def test_the_export_writes_the_latest_review_and_loads_back_unchanged(area, tmp_path):
    run(write(tmp_path / "one.xml", [reviewed(date(2025, 1, 6), date(2025, 2, 20))]))
    run(write(tmp_path / "two.xml", [reviewed(date(2026, 1, 5), date(2026, 1, 19), "A")], SerialNo="2"))
    before = history()
    exported = tmp_path / "export.xml"
    with exported.open("wb") as out:
        register_export(area=area, out=out, header={**HEADER, "SerialNo": "3"})
    text = exported.read_text()
    assert "<ReviewMeeting>2026-01-05</ReviewMeeting>" in text and "2025-01-06" not in text
    run(exported)
    assert history() == before
