"""Exception reports: raised for red indicators at the home area's latest period, sent to the owner (or, with
no owner, to the area leaders), commented on only by the owner or an area leader, closed once no longer red."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.outcomes import services
from sendboard.outcomes.exceptions import exceptions_raise
from sendboard.outcomes.models import ExceptionReport
from tests.editing import post_edit
from tests.factories import UserFactory
from tests.outcomes.fact_factories import IndicatorFactory, RefreshRunFactory, TargetFactory, home_area, series
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db


def test_a_red_indicator_raises_one_report_for_its_owner_and_a_second_run_does_not_duplicate_it(red, owner):
    assert exceptions_raise(run=red["run"]) == 1
    report = ExceptionReport.objects.get()
    assert (report.indicator, report.period, report.value, report.target, report.owner, report.status) == (
        red["indicator"],
        "2024",
        Decimal(50),
        Decimal(65),
        owner,
        ExceptionReport.Status.AWAITING_COMMENTARY,
    )
    assert exceptions_raise(run=red["run"]) == 0
    assert ExceptionReport.objects.count() == 1


def test_amber_green_suppressed_or_untargeted_values_raise_nothing(db):
    home_area()
    run = RefreshRunFactory()
    # Amber: 62 against 65 is short by 3, within 3.25. Green: 70. Suppressed: its 10 is never rated. No target: no
    # rating.
    for code, value, suppressed in (
        ("amber", "62", False),
        ("green", "70", False),
        ("hidden", "10", True),
        ("untargeted", "1", False),
    ):
        indicator = IndicatorFactory(code=code)
        if code != "untargeted":
            TargetFactory(indicator=indicator, period="2024", value=Decimal(65))
        series(
            run=run,
            indicator=indicator,
            values={"2024": value},
            suppressed=frozenset({"2024"} if suppressed else set()),
        )
    assert exceptions_raise(run=run) == 0
    assert not ExceptionReport.objects.exists()


def test_a_report_closes_when_the_latest_period_is_no_longer_red_and_keeps_its_commentary(red, owner):
    exceptions_raise(run=red["run"])
    report = ExceptionReport.objects.get()
    services.exception_commentary_set(user=owner, report=report, commentary="Two caseworkers were vacant")
    later = RefreshRunFactory()
    series(run=later, indicator=red["indicator"], values={"2024": "50", "2025": "66"})
    assert exceptions_raise(run=later) == 0
    report.refresh_from_db()
    assert report.status == ExceptionReport.Status.CLOSED and report.commentary == "Two caseworkers were vacant"
    # Red again later in 2025 (a corrected figure): the 2025 report is new; the 2024 one stays closed.
    again = RefreshRunFactory()
    series(run=again, indicator=red["indicator"], values={"2024": "50", "2025": "51"})
    assert exceptions_raise(run=again) == 1
    assert dict(ExceptionReport.objects.values_list("period", "status")) == {"2024": "closed", "2025": "awaiting"}


def test_a_closed_report_that_turns_red_again_for_its_period_reopens_with_its_commentary(red, owner):
    exceptions_raise(run=red["run"])
    report = ExceptionReport.objects.get()
    services.exception_commentary_set(user=owner, report=report, commentary="Vacancies")
    green = RefreshRunFactory()
    series(run=green, indicator=red["indicator"], values={"2024": "66"})
    exceptions_raise(run=green)
    red_again = RefreshRunFactory()
    series(run=red_again, indicator=red["indicator"], values={"2024": "49"})
    assert exceptions_raise(run=red_again) == 1
    report.refresh_from_db()
    assert (report.status, report.value, report.commentary) == (
        ExceptionReport.Status.COMMENTED,
        Decimal(49),
        "Vacancies",
    )


def test_without_an_owner_the_report_goes_to_the_area_leaders(client, sign_in, red):
    red["indicator"].owner = None
    red["indicator"].save()
    exceptions_raise(run=red["run"])
    report = ExceptionReport.objects.get()
    assert report.owner is None
    sign_in(Role.ACTION_OWNER)
    assert "Plans on time" not in client.get(reverse("outcomes:exceptions")).text
    assert client.get(reverse("outcomes:exception", args=[report.pk])).status_code == 404
    leader = sign_in(Role.AREA_LEADER)
    page = client.get(reverse("outcomes:exceptions")).text
    assert "Plans on time" in page and "No owner (area leaders)" in page
    response = post_edit(
        client, reverse("outcomes:exception", args=[report.pk]), {"commentary": "Recruiting two caseworkers"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.commentary, report.commentary_by, report.status) == (
        "Recruiting two caseworkers",
        leader,
        ExceptionReport.Status.COMMENTED,
    )


def test_only_the_owner_or_an_area_leader_may_comment_and_the_change_is_audited(client, sign_in, red, owner):
    exceptions_raise(run=red["run"])
    report = ExceptionReport.objects.get()
    stranger = UserFactory(role=Role.ACTION_OWNER)
    with pytest.raises(PermissionDenied):
        services.exception_commentary_set(user=stranger, report=report, commentary="Not mine to say")
    adviser = UserFactory(role=Role.ADVISER)
    with pytest.raises(PermissionDenied):
        services.exception_commentary_set(user=adviser, report=report, commentary="Advisers read only")
    sign_in(Role.WORKSTREAM_LEAD)
    assert client.post(reverse("outcomes:exception", args=[report.pk]), {"commentary": "x"}).status_code == 404
    force_login_verified(client, owner)
    assert "Your exception reports" in client.get(reverse("outcomes:exceptions")).text
    response = post_edit(
        client,
        reverse("outcomes:exception", args=[report.pk]),
        {"commentary": "Caseworker vacancies; agency staff from March"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.commentary == "Caseworker vacancies; agency staff from March" and report.commentary_by == owner
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.RECORD_CHANGED)
    assert event.user == owner and f"Exception report {report.pk}" in event.detail


def test_the_commentary_form_keeps_what_was_typed_when_it_is_refused(client, red, owner):
    exceptions_raise(run=red["run"])
    report = ExceptionReport.objects.get()
    force_login_verified(client, owner)
    typed = "Because of vacancies " * 300  # 6,300 characters: over the 5,000 allowed
    page = post_edit(client, reverse("outcomes:exception", args=[report.pk]), {"commentary": typed}).text
    assert page.startswith("<!DOCTYPE html>") and "<title>Error: " in page
    assert "Commentary must be 5,000 characters or fewer" in page and typed.strip() in page
    report.refresh_from_db()
    assert report.commentary == ""
    assert (
        "Enter the commentary"
        in client.post(reverse("outcomes:exception", args=[report.pk]), {"commentary": "  "}).text
    )


def test_a_closed_report_takes_no_more_commentary(red, owner):
    exceptions_raise(run=red["run"])
    report = ExceptionReport.objects.get()
    report.status = ExceptionReport.Status.CLOSED
    report.save()
    with pytest.raises(PermissionDenied):
        services.exception_commentary_set(user=owner, report=report, commentary="Too late")


def test_an_exception_report_for_a_month_names_the_month(client, sign_in, owner):
    waits = IndicatorFactory(code="waits", title="Waits over 18 weeks", period_type="month", owner=owner)
    report = ExceptionReport.objects.create(
        indicator=waits, period="2026-08", value=Decimal(40), target=Decimal(20), owner=owner
    )
    sign_in(Role.AREA_LEADER)
    listing = client.get(reverse("outcomes:exceptions")).text
    assert '<td class="govuk-table__cell">August 2026</td>' in listing and "2026-08" not in listing
    assert "August 2026" in client.get(reverse("outcomes:exception", args=[report.pk])).text
