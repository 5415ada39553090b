"""Moving the information pages' own history into the one history (localoffer 0005, ADR 0115) keeps every save:
who, when, and what the page said before and after; and moves it back."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Each state keeps the people migration (accounts 0002), so that users made in it have every column.
BEFORE = [
    ("localoffer", "0004_information_page_revisions"),
    ("audit", "0002_change_history"),
    ("accounts", "0002_people_invitations_and_additional_roles"),
]
AFTER = [
    ("localoffer", "0005_information_page_history_kept_by_audit"),
    ("accounts", "0002_people_invitations_and_additional_roles"),
]
FIRST, SECOND = datetime(2025, 5, 1, 9, 0, tzinfo=UTC), datetime(2025, 6, 1, 9, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_every_save_of_an_information_page_moves_into_the_one_history_and_back():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation = old.get_model("accounts", "Organisation").objects.create(name="Council", kind="council")
    officer = old.get_model("accounts", "User").objects.create(
        username="officer", role="local_offer_officer", organisation=organisation
    )
    page = old.get_model("localoffer", "InformationPage").objects.create(
        topic="travel", title="Travel", summary="s", body="Second", review_by=date(2027, 9, 1), updated_at=SECOND
    )
    revision = old.get_model("localoffer", "InformationPageRevision")
    revision.objects.create(
        page=page, saved_at=FIRST, saved_by=officer, before={}, after={"title": "Travel", "body": "First"}
    )
    revision.objects.create(
        page=page, saved_at=SECOND, saved_by=None, before={"body": "First"}, after={"body": "Second"}
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    moved = new.get_model("audit", "Change").objects.select_related("subject_type").order_by("changed_at")
    assert [
        (
            c.subject_type.app_label,
            c.subject_type.model,
            c.subject_id,
            c.what,
            c.changed_at,
            c.changed_by_id,
            c.before,
            c.after,
        )
        for c in moved
    ] == [
        (
            "localoffer",
            "informationpage",
            str(page.pk),
            "Information page saved",
            FIRST,
            officer.pk,
            {},
            {"title": "Travel", "body": "First"},
        ),
        (
            "localoffer",
            "informationpage",
            str(page.pk),
            "Information page saved",
            SECOND,
            None,
            {"body": "First"},
            {"body": "Second"},
        ),
    ]

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    back = (
        executor.loader.project_state(BEFORE)
        .apps.get_model("localoffer", "InformationPageRevision")
        .objects.order_by("saved_at")
    )
    assert [(r.page_id, r.saved_at, r.saved_by_id, r.before, r.after) for r in back] == [
        (page.pk, FIRST, officer.pk, {}, {"title": "Travel", "body": "First"}),
        (page.pk, SECOND, None, {"body": "First"}, {"body": "Second"}),
    ]
