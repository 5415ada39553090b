"""Given the inclusion team, when it works children missing education, the weekly list and children placed by
other councils, then cases open, record enquiries and close with days missing; the weekly list shows every child
missing education and every lapsed part-time timetable with the meeting's decisions; placed children show late
notifications and overdue reviews; and only the area's team sees any of it."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.tracking.models import MeetingDecision, MissingEducationCase, PlacedChild
from tests.casework.helpers import other_area, team, worcestershire
from tests.html import table_rows
from tests.tracking.helpers import date_fields, pupil_post, school, timetable

pytestmark = pytest.mark.django_db
FROZEN = time_machine.travel("2026-01-12 09:00 +0000", tick=False)


@pytest.fixture
def manager(sign_in):
    user = sign_in(Role.TEAM_MANAGER)
    team(user.organisation, worcestershire())
    return user


def _case(**fields) -> MissingEducationCase:
    defaults = {
        "local_area": worcestershire(),
        "source": "referral",
        "forename": "Sam",
        "surname": "Lost",
        "birth_date": date(2013, 2, 1),
        "sen_provision": "K",
        "opened_on": date(2025, 12, 1),
    }
    return MissingEducationCase.objects.create(**{**defaults, **fields})


@FROZEN
def test_a_case_is_opened_from_a_referral(client, manager):
    data = {
        **pupil_post(sen="K"),
        "source": "referral",
        "referred_by": "Health visiting team",
        **date_fields("opened_on", date(2026, 1, 5)),
    }
    response = client.post(reverse("tracking:case-new"), data)
    case = MissingEducationCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("tracking:case", args=[case.public_id])
    assert (case.source, case.referred_by, case.opened_by) == ("referral", "Health visiting team", manager)


@FROZEN
def test_enquiries_are_recorded_and_the_case_closes_with_days_missing(client, manager):
    case = _case()
    url = reverse("tracking:case", args=[case.public_id])
    client.post(
        url,
        {
            "action": "enquiry",
            **date_fields("made_on", date(2026, 1, 6)),
            "made_with": "GP practice",
            "outcome": "Registered at a new address in Malvern",
        },
    )
    assert case.enquiries.get().made_with == "GP practice"
    response = client.post(url, {"action": "close", **date_fields("closed_on", date(2025, 11, 1)), "found_where": "x"})
    assert "must be on or after the date they went missing" in response.content.decode()
    client.post(
        url,
        {"action": "close", **date_fields("closed_on", date(2026, 1, 8)), "found_where": "On roll at Hilltop Academy"},
    )
    case.refresh_from_db()
    assert (case.closed_on, case.found_where, case.days_missing(date(2026, 3, 1))) == (
        date(2026, 1, 8),
        "On roll at Hilltop Academy",
        38,
    )
    rows = table_rows(client.get(reverse("tracking:cases")).content, "Open cases")
    assert rows == [["No child is missing education."]]


@FROZEN
def test_open_cases_list_days_missing(client, manager):
    _case()
    rows = table_rows(client.get(reverse("tracking:cases")).content, "Open cases")
    assert rows == [["Sam Lost", "Referral", "1 December 2025", "42", "SEN support"]]


@FROZEN
def test_the_weekly_list_shows_missing_children_and_lapsed_timetables_with_decisions(client, manager):
    case = _case()
    lapsed = timetable(setting=school(), review=date(2026, 1, 9), forename="Lapsed")
    timetable(setting=school(), review=date(2026, 1, 30), forename="Current")
    rows = table_rows(client.get(reverse("tracking:weekly-list")).content, "Children on the list")
    assert [row[0] for row in rows] == ["Sam Lost Born 1 February 2013", "Lapsed Bloggs Born 4 May 2016"]
    assert rows[0][4].startswith("No decision recorded yet")
    data = {
        **date_fields("meeting_date", date(2026, 1, 12)),
        "agreed_action": "Home visit with police",
        "owner": "Kim, CME officer",
        **date_fields("action_by", date(2026, 1, 14)),
    }
    assert client.post(reverse("tracking:decision", args=["case", case.public_id]), data).status_code == 302
    data["agreed_action"] = "School to review the timetable this week"
    assert client.post(reverse("tracking:decision", args=["timetable", lapsed.public_id]), data).status_code == 302
    rows = table_rows(client.get(reverse("tracking:weekly-list")).content, "Children on the list")
    assert rows[0][4].startswith(
        "Home visit with police (Kim, CME officer, by 14 January 2026; agreed 12 January 2026)"
    )
    assert rows[1][4].startswith("School to review the timetable this week")
    assert MeetingDecision.objects.count() == 2


@FROZEN
def test_a_decision_must_be_due_after_the_meeting(client, manager):
    case = _case()
    data = {
        **date_fields("meeting_date", date(2026, 1, 12)),
        "agreed_action": "Visit",
        "owner": "Kim",
        **date_fields("action_by", date(2026, 1, 2)),
    }
    response = client.post(reverse("tracking:decision", args=["case", case.public_id]), data)
    assert "The date to do it by must be on or after the meeting" in response.content.decode()
    assert not MeetingDecision.objects.exists()


@FROZEN
def test_placed_children_show_late_notifications_and_overdue_reviews(client, manager):
    data = {
        "forename": "Ali",
        "surname": "Placed",
        **date_fields("birth_date", date(2012, 4, 4)),
        "placing_council": "London Borough of Lambeth",
        "placing_contact": "Pat Jones",
        "placing_contact_email": "",
        "looked_after": "yes",
        "has_plan": "yes",
        **date_fields("placed_on", date(2025, 11, 3)),
        **date_fields("notified_on", date(2025, 11, 20)),
        "school": "Riverside Primary School",
        **date_fields("last_review", date(2025, 11, 10)),
        **date_fields("next_review", date(2026, 1, 5)),
        **date_fields("left_on", None),
    }
    assert client.post(reverse("tracking:placed-new"), data).status_code == 302
    PlacedChild.objects.create(
        local_area=worcestershire(),
        forename="Bo",
        surname="Ontime",
        birth_date=date(2011, 1, 1),
        placing_council="Birmingham City Council",
        placing_contact="Lee",
        looked_after=True,
        has_plan=False,
        placed_on=date(2026, 1, 5),
        notified_on=date(2026, 1, 6),
        next_review=date(2026, 2, 5),
    )
    rows = table_rows(client.get(reverse("tracking:placed")).content, "Children placed here")
    assert rows[0][0] == "Bo Ontime Looked after; no EHC plan" and rows[0][3] == "6 January 2026"
    assert rows[0][5] == "5 February 2026"
    assert rows[1][3] == "20 November 2025 Late"  # placed 3 November: due within 5 working days, by 10 November
    assert rows[1][5] == "5 January 2026 Overdue"


@FROZEN
def test_another_areas_team_and_caseworkers_cannot_manage(client, sign_in):
    case = _case()
    user = sign_in(Role.TEAM_MANAGER)
    team(user.organisation, other_area())
    assert client.get(reverse("tracking:case", args=[case.public_id])).status_code == 404
    assert table_rows(client.get(reverse("tracking:weekly-list")).content, "Children on the list") == [
        ["No child is on the list this week."]
    ]
    sign_in(Role.CASEWORKER)
    for name in ("tracking:weekly-list", "tracking:cases", "tracking:placed", "tracking:reconciliation"):
        assert client.get(reverse(name)).status_code == 403
    assert not AuditEvent.objects.filter(
        kind=AuditEvent.Kind.RECORD_VIEWED, detail__contains=str(case.public_id)
    ).exists()


def test_a_team_manager_names_the_inclusion_lead_and_single_point_of_contact(client, manager):
    from sendboard.tracking.models import AreaContacts
    from tests.factories import UserFactory

    colleague = UserFactory(
        role=Role.CASEWORKER, organisation=manager.organisation, first_name="Ines", last_name="Lead"
    )
    outsider = UserFactory(role=Role.CASEWORKER)
    response = client.post(reverse("tracking:contacts"), {"inclusion_lead": outsider.id, "placed_children_contact": ""})
    assert "Select the inclusion lead from the list" in response.content.decode()
    assert not AreaContacts.objects.exists()
    response = client.post(
        reverse("tracking:contacts"), {"inclusion_lead": colleague.id, "placed_children_contact": manager.id}
    )
    assert response.status_code == 302
    contacts = AreaContacts.objects.get()
    assert (contacts.inclusion_lead, contacts.placed_children_contact, contacts.local_area) == (
        colleague,
        manager,
        worcestershire(),
    )
