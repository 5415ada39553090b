"""The retention schedule is data with a legal basis and period for each kind of record; the nightly command
removes exactly what is past its period, reports counts only, records them in the audit log, and removes
nothing more when run again."""

from __future__ import annotations

import hashlib
import json
import os
import time
from datetime import date, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from sendboard.audit.models import AuditEvent
from sendboard.casework.models import Child, Request, StatutoryStep
from sendboard.core.retention import SHIPPED_SCHEDULE, retention_schedule
from sendboard.localoffer.models import Feedback
from sendboard.returns.uploads import upload_folder
from tests.casework.helpers import make_case

pytestmark = pytest.mark.django_db
NOW = datetime.fromisoformat("2026-12-05T02:00:00+00:00")


def test_every_rule_has_records_a_period_a_legal_basis_and_a_source():
    rules = retention_schedule()
    assert {rule.key for rule in rules} >= {"children", "audit_log", "uploads", "feedback"}
    for rule in rules:
        assert rule.records and rule.legal_basis and rule.source and rule.starts
        assert rule.period is not None or rule.period_years is not None
    children = next(rule for rule in rules if rule.key == "children")
    assert children.period_years == 31 and "date of birth" in children.starts


def test_a_schedule_naming_a_rule_sendboard_cannot_apply_is_refused(settings, tmp_path):
    schedule = json.loads(SHIPPED_SCHEDULE.read_text())
    schedule["rules"].append({**schedule["rules"][0], "key": "everything"})
    (tmp_path / "schedule.json").write_text(json.dumps(schedule))
    settings.SENDBOARD_RETENTION_SCHEDULE = str(tmp_path / "schedule.json")
    with pytest.raises(ImproperlyConfigured, match="everything"):
        retention_schedule()


def _run(capsys) -> dict[str, str]:
    with time_machine.travel(NOW, tick=False):
        call_command("apply_retention")
    return dict(line.split(": ", 1) for line in capsys.readouterr().out.strip().splitlines())


def test_the_command_removes_exactly_what_is_past_its_period_and_is_idempotent(capsys, data_dir):
    # Children: 31 years from the date of birth. Born on 5 December 1995 is 31 today: kept until tomorrow.
    past = make_case(born=date(1995, 12, 4), received=date(2012, 9, 1), decided=date(2012, 10, 1), outcome="N")
    today_31 = make_case(born=date(1995, 12, 5))
    young = make_case(born=date(2014, 3, 2))
    assert Request.objects.filter(child=past).exists()
    # Audit log: 6 years.
    old_event = AuditEvent.objects.create(kind=AuditEvent.Kind.RECORD_VIEWED, detail="old")
    AuditEvent.objects.filter(pk=old_event.pk).update(occurred_at=NOW - timedelta(days=6 * 366))
    recent_event = AuditEvent.objects.create(kind=AuditEvent.Kind.RECORD_VIEWED, detail="recent")
    # Sign-in attempts: one year; sessions: once expired.
    attempt = AccessAttempt.objects.create(username="someone", ip_address="10.0.0.1", failures_since_start=1)
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=NOW - timedelta(days=400))
    Session.objects.create(session_key="expired", session_data="x", expire_date=NOW - timedelta(minutes=1))
    Session.objects.create(session_key="live", session_data="x", expire_date=NOW + timedelta(hours=1))
    # Uploads: a day.
    folder = upload_folder()
    (folder / "old.xml").write_bytes(b"old")
    os.utime(folder / "old.xml", (time.time(), NOW.timestamp() - 2 * 86400))
    (folder / "new.xml").write_bytes(b"new")
    os.utime(folder / "new.xml", (time.time(), NOW.timestamp() - 3600))
    # Feedback: the comment is cleared two years after it was received, once answered or closed; the published
    # summary stays.
    answered = Feedback.objects.create(
        received_at=NOW - timedelta(days=800),
        comment="My son Idris could not get in",
        status=Feedback.Status.PUBLISHED,
        you_said="Ramps",
        we_did="Fitted ramps",
    )
    unanswered = Feedback.objects.create(received_at=NOW - timedelta(days=800), comment="Still waiting")
    fresh = Feedback.objects.create(
        received_at=NOW - timedelta(days=30), comment="Recent", status=Feedback.Status.CLOSED
    )

    report = _run(capsys)
    assert report["children"].startswith("1 removed")
    assert report["audit_log"].startswith("1 removed")
    assert report["sign_in_attempts"].startswith("1 removed")
    assert report["sessions"].startswith("1 removed")
    assert report["uploads"].startswith("1 removed")
    assert report["feedback"].startswith("1 removed")
    assert report["local_extracts"].startswith("kept for review")
    assert set(Child.objects.values_list("pk", flat=True)) == {today_31.pk, young.pk}
    assert (
        not Request.objects.filter(child_id=past.pk).exists()
        and not StatutoryStep.objects.filter(child_id=past.pk).exists()
    )
    assert (
        not AuditEvent.objects.filter(pk=old_event.pk).exists()
        and AuditEvent.objects.filter(pk=recent_event.pk).exists()
    )
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
    assert sorted(path.name for path in folder.iterdir()) == ["new.xml"]
    answered.refresh_from_db()
    assert (answered.comment, answered.you_said, answered.we_did) == ("", "Ramps", "Fitted ramps")
    assert Feedback.objects.get(pk=unanswered.pk).comment == "Still waiting"
    assert Feedback.objects.get(pk=fresh.pk).comment == "Recent"
    # Counts only, in the report and in the audit log: no name, UPN or comment.
    recorded = AuditEvent.objects.filter(username="retention schedule").get()
    assert "children 1" in recorded.detail and "feedback 1" in recorded.detail
    assert "Idris" not in recorded.detail and past.upn not in recorded.detail

    again = _run(capsys)
    assert all(value.startswith(("0 removed", "kept for review")) for value in again.values()), again


# --- invitations: 90 days after they were used, cancelled or expired (ADR 0151) -------------------------------


def _invitation(name: str, **fields):
    from sendboard.accounts.models import Invitation
    from tests.factories import UserFactory

    inviter = UserFactory()
    return Invitation.objects.create(
        first_name=name,
        last_name="Jones",
        email=f"{name.lower()}@example.invalid",
        organisation=inviter.organisation,
        role="caseworker",
        secret_digest=hashlib.sha256(name.encode()).hexdigest(),
        invited_by=inviter,
        **{"expires_at": NOW + timedelta(days=3), **fields},
    )


def _kept() -> list[str]:
    from sendboard.accounts.models import Invitation

    return sorted(Invitation.objects.values_list("first_name", flat=True))


def test_an_invitation_accepted_over_90_days_ago_is_removed_and_one_accepted_since_is_kept(capsys):
    _invitation("Old", accepted_at=NOW - timedelta(days=91), expires_at=NOW - timedelta(days=95))
    _invitation("Recent", accepted_at=NOW - timedelta(days=89), expires_at=NOW - timedelta(days=85))
    assert _run(capsys)["invitations"].startswith("1 removed")
    assert _kept() == ["Recent"]


def test_an_invitation_that_expired_unused_over_90_days_ago_is_removed(capsys):
    _invitation("Lapsed", expires_at=NOW - timedelta(days=91))
    _invitation("Lately", expires_at=NOW - timedelta(days=10))
    _run(capsys)
    assert _kept() == ["Lately"]


def test_an_invitation_cancelled_over_90_days_ago_is_removed(capsys):
    _invitation("Cancelled", cancelled_at=NOW - timedelta(days=91), expires_at=NOW - timedelta(days=80))
    _run(capsys)
    assert _kept() == []


def test_a_waiting_invitation_is_never_removed(capsys):
    waiting = _invitation("Waiting")
    from sendboard.accounts.models import Invitation

    Invitation.objects.filter(pk=waiting.pk).update(
        created_at=NOW - timedelta(days=400), sent_at=NOW - timedelta(days=1)
    )
    _run(capsys)
    assert _kept() == ["Waiting"]
