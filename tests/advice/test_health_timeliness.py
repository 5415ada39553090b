"""Given health advice requests in the designated clinical officer's board's areas, when they open health's
timeliness, then they see each month's figures with small numbers suppressed and every late request, filtered by
the month it fell due, whom it was asked of, and whether it is overdue now or was returned late; never a child."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from sendboard.accounts.models import Organisation
from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.casework.models import AdviceRequest
from tests.advice.helpers import asked, trust, under_assessment
from tests.factories import OrganisationFactory
from tests.html import page, table_rows, text_of

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 12)
FROZEN = time_machine.travel("2026-01-12 09:00 +0000", tick=False)


def icb() -> Organisation:
    return OrganisationFactory(name="Test ICB", kind=Organisation.Kind.ICB, code="QGH")


def _area_with_icb():
    from tests.casework.helpers import worcestershire

    area = worcestershire()
    area.icb_code = "QGH"
    area.save(update_fields=["icb_code"])
    return area


def _health_advice(n: int, *, asked_on: date, returned: date | None, partner: Organisation):
    for i in range(n):
        advice = asked(under_assessment(surname=f"H{asked_on}{i}"), partner, on=asked_on)
        if returned:
            AdviceRequest.objects.filter(pk=advice.pk).update(received_date=returned)
    from sendboard.casework.services import steps_refresh

    steps_refresh(
        child_ids=list(AdviceRequest.objects.values_list("assessment__request__child_id", flat=True)), as_of=TODAY
    )


@FROZEN
def test_health_timeliness_counts_by_month_with_small_numbers_suppressed(client, sign_in):
    _area_with_icb()
    sign_in(Role.DESIGNATED_CLINICAL_OFFICER, organisation=icb())
    partner = trust()
    _health_advice(6, asked_on=date(2025, 10, 20), returned=date(2025, 11, 20), partner=partner)  # due 1 Dec: on time
    _health_advice(2, asked_on=date(2025, 10, 21), returned=date(2025, 12, 20), partner=partner)  # due 2 Dec: late
    _health_advice(7, asked_on=date(2025, 11, 10), returned=None, partner=partner)  # due 22 Dec: outstanding
    html = client.get("/advice/health/").content.decode()
    rows = {r[0]: r[1:] for r in _month_rows(html)}
    assert rows["December 2025"] == ["6", "fewer than 6", "7", "Suppressed (small numbers)"]
    assert rows["November 2025"] == ["0", "0", "0", "None due"]


def _month_rows(html: str) -> list[list[str]]:
    for table in page(html).iter("table"):
        if text_of(table.find("caption")).startswith("Health advice due each month"):
            return [[text_of(cell) for cell in row] for row in table.findall("tbody/tr")]
    raise AssertionError("no monthly table")


@FROZEN
def test_health_timeliness_lists_every_late_request_with_who_and_how_late(client, sign_in):
    _area_with_icb()
    sign_in(Role.DESIGNATED_CLINICAL_OFFICER, organisation=icb())
    _health_advice(1, asked_on=date(2025, 10, 21), returned=date(2025, 12, 20), partner=trust())
    _health_advice(1, asked_on=date(2025, 11, 10), returned=None, partner=OrganisationFactory(name="Community paeds"))
    rows = table_rows(client.get("/advice/health/").content, "Late health advice requests")
    assert rows == [
        ["Community paeds", "10 November 2025", "22 December 2025", "Not yet", "3 weeks"],
        ["Worcestershire Health Trust", "21 October 2025", "2 December 2025", "20 December 2025", "2 weeks and 4 days"],
    ]


@FROZEN
def test_health_timeliness_leaves_out_another_boards_areas_and_other_advice(client, sign_in):
    _area_with_icb()
    sign_in(
        Role.DESIGNATED_CLINICAL_OFFICER,
        organisation=OrganisationFactory(name="Other ICB", kind=Organisation.Kind.ICB, code="QXX"),
    )
    _health_advice(1, asked_on=date(2025, 11, 10), returned=None, partner=trust())
    html = client.get("/advice/health/").content.decode()
    assert "Your organisation is not an integrated care board with local areas in sendboard" in html


@FROZEN
def test_health_timeliness_names_no_child(client, sign_in):
    _area_with_icb()
    user = sign_in(Role.DESIGNATED_CLINICAL_OFFICER, organisation=icb())
    _health_advice(1, asked_on=date(2025, 11, 10), returned=None, partner=trust())
    html = client.get("/advice/health/").content.decode()
    assert "H2025-11-100" not in html
    assert not AuditEvent.objects.filter(user=user, kind=AuditEvent.Kind.RECORD_VIEWED).exists()


@FROZEN
def test_health_timeliness_reads_in_a_fixed_number_of_queries(client, sign_in, django_assert_max_num_queries):
    _area_with_icb()
    sign_in(Role.DESIGNATED_CLINICAL_OFFICER, organisation=icb())
    _health_advice(1, asked_on=date(2025, 11, 10), returned=None, partner=trust())
    with django_assert_max_num_queries(12) as few:
        client.get("/advice/health/")
    _health_advice(8, asked_on=date(2025, 10, 10), returned=date(2025, 12, 1), partner=trust())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/advice/health/").status_code == 200


@pytest.mark.parametrize("role", [Role.HEALTH_SOCIAL_CARE, Role.CASEWORKER, Role.AREA_LEADER])
def test_only_the_designated_clinical_officer_sees_health_timeliness(client, sign_in, role):
    sign_in(role)
    assert client.get("/advice/health/").status_code == 403


@pytest.fixture
def late_requests(sign_in):
    """Three late requests: one of the trust's returned late (due December), one of the trust's and one of the
    community paediatricians' still overdue (due December and January)."""
    _area_with_icb()
    sign_in(Role.DESIGNATED_CLINICAL_OFFICER, organisation=icb())
    _health_advice(1, asked_on=date(2025, 10, 21), returned=date(2025, 12, 20), partner=trust())
    _health_advice(1, asked_on=date(2025, 11, 10), returned=None, partner=OrganisationFactory(name="Worcs trust 2"))
    _health_advice(1, asked_on=date(2025, 11, 20), returned=None, partner=OrganisationFactory(name="Community paeds"))


def _late_asked_of(client, query: str) -> list[str]:
    rows = table_rows(client.get(f"/advice/health/?{query}").content, "Late health advice requests")
    return [row[0] for row in rows]


@FROZEN
def test_the_late_list_filters_by_the_month_it_fell_due(client, late_requests):
    assert _late_asked_of(client, "month=2026-01") == ["Community paeds"]
    assert _late_asked_of(client, "month=2025-12") == ["Worcs trust 2", "Worcestershire Health Trust"]


@FROZEN
def test_the_late_list_filters_overdue_now_from_returned_late(client, late_requests):
    assert _late_asked_of(client, "lateness=overdue") == ["Worcs trust 2", "Community paeds"]
    assert _late_asked_of(client, "lateness=returned-late") == ["Worcestershire Health Trust"]


@FROZEN
def test_the_organisation_filter_narrows_the_late_list_and_the_monthly_figures(client, late_requests):
    assert _late_asked_of(client, "partner=Community+paeds") == ["Community paeds"]
    html = client.get("/advice/health/?partner=Community+paeds").content.decode()
    rows = {r[0]: r[1:] for r in _month_rows(html)}
    # One request of theirs not returned, due in January: a small number, suppressed as everywhere.
    assert rows["January 2026"] == ["0", "0", "fewer than 6", "Suppressed (small numbers)"]
    assert rows["December 2025"] == ["0", "0", "0", "None due"]


@FROZEN
def test_the_filters_offer_the_last_twelve_months_and_whom_late_advice_was_asked_of(client, late_requests):
    html = page(client.get("/advice/health/").content)
    months = [text_of(o) for o in html.get_element_by_id("id_month").iter("option")]
    assert months[:3] == ["Any month", "January 2026", "December 2025"] and len(months) == 13
    partners = [text_of(o) for o in html.get_element_by_id("id_partner").iter("option")]
    assert partners == ["Every organisation", "Community paeds", "Worcestershire Health Trust", "Worcs trust 2"]
    shows = [text_of(o) for o in html.get_element_by_id("id_lateness").iter("option")]
    assert shows == ["Overdue now and returned late", "Overdue now", "Returned late"]


@FROZEN
def test_a_filter_that_matches_nothing_says_so_and_an_unknown_value_shows_everything(client, late_requests):
    html = client.get("/advice/health/?month=2025-03").content.decode()
    assert "No late request matches the filters." in html
    assert len(_late_asked_of(client, "month=1999-01&partner=Nobody&lateness=sideways")) == 3


@FROZEN
def test_the_filtered_page_reads_in_a_fixed_number_of_queries(client, late_requests, django_assert_max_num_queries):
    with django_assert_max_num_queries(14) as few:
        client.get("/advice/health/?lateness=overdue&partner=Worcs+trust+2")
    _health_advice(4, asked_on=date(2025, 11, 12), returned=None, partner=OrganisationFactory(name="Worcs trust 2"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/advice/health/?lateness=overdue&partner=Worcs+trust+2").status_code == 200
