"""Given plain-English text waiting for the public page, when the approver cannot publish it, then they say why,
the text leaves the queue, whoever wrote it sees the reason beside it, and rewriting it brings it back."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.audit.selectors import changes_to
from sendboard.plans import services
from sendboard.plans.models import ProgressUpdate
from tests.html import page, text_of
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db
QUEUE = reverse("plans:publication")


def _card_titles(html) -> list[str]:
    return [text_of(h) for h in page(html).find_class("govuk-summary-card__title")]


def test_refusing_a_finding_from_the_page_says_why_and_takes_it_out_of_the_queue(client, sign_in, small_plan):
    sign_in(Role.AREA_LEADER)
    finding = small_plan["finding"]
    assert _card_titles(client.get(QUEUE).content) == ["Finding a"]
    response = client.post(
        QUEUE,
        {
            "kind": "finding",
            "id": str(finding.pk),
            "decision": "refuse",
            f"finding-{finding.pk}-reason": "It names the school",
        },
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.publication_refused_reason, finding.approved_for_publication_at) == ("It names the school", None)
    assert _card_titles(client.get(QUEUE).content) == []
    change = changes_to(small_plan["inspection"]).get(what="Finding not approved for publication")
    assert change.reason == "It names the school"
    inspection_page = client.get(reverse("plans:inspection", args=[small_plan["inspection"].pk])).content.decode()
    assert "public page: not approved: It names the school" in inspection_page


def test_a_refusal_needs_a_reason_and_keeps_the_page(client, sign_in, small_plan):
    sign_in(Role.AREA_LEADER)
    finding = small_plan["finding"]
    response = client.post(
        QUEUE, {"kind": "finding", "id": str(finding.pk), "decision": "refuse", f"finding-{finding.pk}-reason": "   "}
    )
    assert response.status_code == 200
    document = page(response.content)
    assert text_of(document.find_class("govuk-error-summary__list")[0]) == "Enter why the text cannot be published"
    assert (
        document.find_class("govuk-error-summary__list")[0].find(".//a").get("href")
        == f"#id_finding-{finding.pk}-reason"
    )
    finding.refresh_from_db()
    assert finding.publication_refused_at is None


def test_the_action_owner_sees_why_their_summary_was_not_approved_and_rewriting_it_resubmits(
    client, sign_in, small_plan, leader
):
    action = small_plan["action"]
    services.action_public_summary_set(user=leader, action=action, public_summary="Dr Smith will fix it")
    services.publication_refuse(user=leader, action=action, reason="It names a person")
    force_login_verified(client, small_plan["owner"])
    text = client.get(reverse("plans:action", args=[action.pk])).content.decode()
    assert "Dr Smith will fix it (not approved for the public page: It names a person)" in text
    services.action_public_summary_set(
        user=small_plan["owner"], action=action, public_summary="The website is being rebuilt"
    )
    action.refresh_from_db()
    assert (action.publication_refused_at, action.publication_refused_reason) == (None, "")
    force_login_verified(client, leader)
    assert "Action 1.1" in _card_titles(client.get(QUEUE).content)


def test_a_refused_update_says_so_on_the_action_page(client, small_plan, leader):
    action = small_plan["action"]
    update = services.progress_update_record(
        user=leader, action=action, day=date(2026, 2, 1), summary="Started", public_summary="Mrs Jones's team started"
    )
    services.publication_refuse(user=leader, update=update, reason="It names a person")
    force_login_verified(client, small_plan["owner"])
    text = client.get(reverse("plans:action", args=[action.pk])).content.decode()
    assert "Its public summary was not approved for the public page: It names a person" in text
    assert ProgressUpdate.objects.get().approved_for_publication_at is None


def test_only_approvers_may_refuse_and_a_reason_is_required(small_plan, leader):
    with pytest.raises(ValidationError):
        services.publication_refuse(user=leader, finding=small_plan["finding"], reason=" ")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.publication_refuse(user=small_plan["owner"], finding=small_plan["finding"], reason="No")


def test_the_queue_pages_each_kind_of_text(client, sign_in, small_plan, leader):
    sign_in(Role.AREA_LEADER)
    action = small_plan["action"]
    for n in range(55):
        services.progress_update_record(
            user=leader, action=action, day=date(2026, 2, 1), summary=f"Update {n}", public_summary=f"Progress {n}"
        )
    first = client.get(QUEUE)
    titles = _card_titles(first.content)
    assert titles.count("Update to 1.1, 1 February 2026") == 50
    assert "Showing 1 to 50 of 55" in first.content.decode()
    second = client.get(QUEUE + "?updates_page=2")
    assert _card_titles(second.content).count("Update to 1.1, 1 February 2026") == 5


def test_the_queue_reads_in_the_same_number_of_queries_however_long(
    client, sign_in, small_plan, leader, django_assert_num_queries
):
    sign_in(Role.AREA_LEADER)
    action = small_plan["action"]
    services.action_public_summary_set(user=leader, action=action, public_summary="Rebuilding the website")
    services.progress_update_record(
        user=leader, action=action, day=date(2026, 2, 1), summary="Started", public_summary="Begun"
    )
    with django_assert_num_queries(10):
        client.get(QUEUE)
    for n in range(60):
        services.progress_update_record(
            user=leader, action=action, day=date(2026, 2, 1), summary=f"Update {n}", public_summary=f"Progress {n}"
        )
    with django_assert_num_queries(10):
        client.get(QUEUE)


def test_approving_a_finding_without_plain_english_text_is_an_error_not_a_success(client_request, sign_in, small_plan):
    sign_in(Role.AREA_LEADER)
    finding = small_plan["finding"]
    type(finding).objects.filter(pk=finding.pk).update(plain_english="")
    shown = client_request.post(
        QUEUE, {"kind": "finding", "id": str(finding.pk), "decision": "approve"}, _expected_status=200
    )
    assert shown.errors == ["Write the plain-English summary of the finding before approving it"]
    assert shown.title == "Error: Approve text for the public progress page – sendboard"
    assert not shown.has("//div[contains(@class, 'govuk-notification-banner--success')]")
    finding.refresh_from_db()
    assert finding.approved_for_publication_at is None
