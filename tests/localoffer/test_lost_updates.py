"""Lost updates on the Local Offer (outside probe, December 2026): on information pages the first person's text
was lost and no history or audit was kept. Now the second save is refused with what changed, what was typed is
kept, every save keeps its before and after for the team to read, and each is audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from sendboard.audit.selectors import changes_to
from sendboard.localoffer.models import InformationPage, ServiceVersion
from sendboard.localoffer.services import information_page_save, version_reject
from tests.editing import editor, opened_version, version_in
from tests.factories import UserFactory
from tests.localoffer.factories import edit_data


def _page(**changes) -> dict:
    data = {
        "title": "Travel to school",
        "summary": "Help with getting to school.",
        "body": "Free transport.\n\nHow to apply.",
        "review_by-day": "1",
        "review_by-month": "9",
        "review_by-year": "2027",
    }
    return {**data, **changes}


def test_lost_update_two_editors_of_an_information_page_second_save_refused(db):
    url = reverse("localoffer:information-edit", args=["travel"])
    setup = editor(Role.LOCAL_OFFER_OFFICER)
    opened = opened_version(setup, url)
    assert setup.post(url, {**_page(), "version": opened}).status_code == 302

    first, second = editor(Role.LOCAL_OFFER_OFFICER), editor(Role.LOCAL_OFFER_OFFICER)
    first_version, second_version = opened_version(first, url), opened_version(second, url)
    assert (
        first.post(
            url, {**_page(body="Free transport for children over 8 miles away."), "version": first_version}
        ).status_code
        == 302
    )
    refused = second.post(url, {**_page(body="Transport is free. Apply by 31 May."), "version": second_version})

    page = refused.content.decode()
    assert refused.status_code == 200 and "Someone else changed this since you opened the page" in page
    assert (
        "Text was changed by someone else since you opened this page. It now says: “Free transport for children "
        "over 8 miles away.”"
    ) in page
    assert "Transport is free. Apply by 31 May." in page  # what the second editor typed is kept
    assert InformationPage.objects.get(topic="travel").body == "Free transport for children over 8 miles away."

    assert (
        second.post(url, {**_page(body="Transport is free. Apply by 31 May."), "version": version_in(page)}).status_code
        == 302
    )
    assert InformationPage.objects.get(topic="travel").body == "Transport is free. Apply by 31 May."


def test_every_save_of_an_information_page_keeps_before_and_after_is_audited_and_the_team_sees_it(db):
    officer = UserFactory(role=Role.LOCAL_OFFER_OFFICER, first_name="Ann", last_name="Editor")
    information_page_save(
        user=officer, topic="travel", title="Travel", summary="s", body="First text", review_by=date(2027, 9, 1)
    )
    information_page_save(
        user=officer, topic="travel", title="Travel", summary="s", body="Second text", review_by=date(2027, 9, 1)
    )
    information_page_save(
        user=officer, topic="travel", title="Travel", summary="s", body="Second text", review_by=date(2027, 9, 1)
    )
    information_page_save(
        user=officer, topic="travel", title="Travel", summary="s", body="Second text", review_by=date(2027, 10, 1)
    )

    revisions = list(changes_to(InformationPage.objects.get(topic="travel")).order_by("id"))
    assert [(r.before, r.after) for r in revisions][1] == ({"body": "First text"}, {"body": "Second text"})
    assert revisions[0].after["body"] == "First text" and len(revisions) == 3  # saving without a change records nothing
    assert (
        AuditEvent.objects.filter(
            kind=AuditEvent.Kind.RECORD_CHANGED, detail__contains="information page 'travel'"
        ).count()
        == 3
    )

    team = editor(Role.LOCAL_OFFER_OFFICER)
    history = team.get(reverse("localoffer:information-history", args=["travel"])).content.decode()
    assert "Before: First text" in history and "After: Second text" in history
    assert "Before: 1 September 2027" in history and "After: 1 October 2027" in history and "2027-09-01" not in history
    assert (
        "See every change to this page"
        in team.get(reverse("localoffer:information-edit", args=["travel"])).content.decode()
    )
    assert (
        editor(Role.PROVIDER_EDITOR).get(reverse("localoffer:information-history", args=["travel"])).status_code == 403
    )


def test_lost_update_two_providers_proposing_changes_to_one_service_second_refused(directory):
    service = directory.service()
    url = reverse("localoffer:service-edit", args=[service.id])
    first = editor(Role.PROVIDER_EDITOR, organisation=directory.owner)
    second = editor(Role.PROVIDER_EDITOR, organisation=directory.owner)
    first_version, second_version = opened_version(first, url), opened_version(second, url)
    assert first.post(url, {**edit_data(name="Speech drop-in (Tuesdays)"), "version": first_version}).status_code == 302
    refused = second.post(url, {**edit_data(name="Speech drop-in (Thursdays)"), "version": second_version})

    page = refused.content.decode()
    assert (
        "Name of the service was changed by someone else since you opened this page. It now says: “Speech drop-in "
        "(Tuesdays)”"
    ) in page
    assert "Speech drop-in (Thursdays)" in page
    assert list(service.versions.filter(status=ServiceVersion.Status.PENDING).values_list("name", flat=True)) == [
        "Speech drop-in (Tuesdays)"
    ]


def test_lost_update_two_of_the_team_deciding_one_change_the_second_is_told_not_a_server_error(directory):
    service = directory.service()
    provider = UserFactory(role=Role.PROVIDER_EDITOR, organisation=directory.owner)
    from sendboard.localoffer.services import service_change_submit, version_content

    pending = service_change_submit(user=provider, service=service, content=version_content(service.versions.get()))
    url = reverse("localoffer:version-review", args=[pending.pk])
    first, second = editor(Role.LOCAL_OFFER_OFFICER), editor(Role.LOCAL_OFFER_OFFICER)
    assert second.get(url).status_code == 200
    assert first.post(url, {"decision": "approve"}).status_code == 302
    with pytest.raises(ValidationError, match="already been dealt with"):
        version_reject(user=UserFactory(role=Role.LOCAL_OFFER_OFFICER), version=pending, note="No")
    pending.refresh_from_db()
    assert pending.status == ServiceVersion.Status.APPROVED


def test_lost_update_two_of_the_team_answering_one_piece_of_feedback_second_refused(db):
    from sendboard.core.concurrency import EditConflict
    from sendboard.localoffer.models import Feedback
    from sendboard.localoffer.services import feedback_respond, feedback_response_version

    item = Feedback.objects.create(received_at="2026-11-01T10:00Z", comment="No playscheme places")
    opened = feedback_response_version(item)
    team = UserFactory(role=Role.LOCAL_OFFER_OFFICER)
    feedback_respond(
        user=team, feedback=Feedback.objects.get(), publish=True, you_said="No places", we_did="20 more", version=opened
    )
    with pytest.raises(EditConflict):
        feedback_respond(
            user=team, feedback=Feedback.objects.get(), publish=False, you_said="", we_did="", version=opened
        )
    assert Feedback.objects.get().status == Feedback.Status.PUBLISHED
