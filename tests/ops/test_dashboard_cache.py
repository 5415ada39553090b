"""The dashboard keeps what it computes from the facts of the run in force, and reads afresh after a new run."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sendboard.accounts.roles import Role
from sendboard.outcomes import selectors
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_second_dashboard_read_skips_the_fact_queries_until_a_new_run():
    from sendboard.outcomes.models import Fact, RefreshRun
    from sendboard.outcomes.refresh import refresh_run
    from tests.outcomes.outcomes_fixture import outcomes_fixture_build

    outcomes_fixture_build()
    user = UserFactory(role=Role.AREA_LEADER)
    assert refresh_run().state == RefreshRun.State.SUCCEEDED
    with CaptureQueriesContext(connection) as first:
        before = selectors.dashboard(user=user)
    with CaptureQueriesContext(connection) as second:
        again = selectors.dashboard(user=user)
    fact_reads = [q for q in first.captured_queries if "outcomes_fact" in q["sql"]]
    assert len(fact_reads) >= 2
    assert not [q for q in second.captured_queries if "outcomes_fact" in q["sql"]]
    assert again.series == before.series and again.councils == before.councils

    run = refresh_run()
    assert run.state == RefreshRun.State.SUCCEEDED
    assert Fact.objects.filter(run=run).exists()
    with CaptureQueriesContext(connection) as third:
        after = selectors.dashboard(user=user)
    assert [q for q in third.captured_queries if "outcomes_fact" in q["sql"]]
    assert after.run.pk == run.pk


def test_the_dashboard_rows_are_computed_again_when_a_target_changes_in_any_process(client, sign_in):
    """The rows are kept under a key naming every value they are computed from, read from the database on each
    request: an indicator changed elsewhere (another web process) shows at once, with no signal to hear."""
    from sendboard.outcomes.models import Indicator, RefreshRun
    from sendboard.outcomes.refresh import refresh_run
    from tests.outcomes.outcomes_fixture import outcomes_fixture_build

    outcomes_fixture_build()
    assert refresh_run().state == RefreshRun.State.SUCCEEDED
    sign_in(Role.AREA_LEADER)
    first = client.get("/outcomes/").content.decode()
    indicator = Indicator.objects.order_by("pk").first()
    Indicator.objects.filter(pk=indicator.pk).update(title="A title changed in another process")
    again = client.get("/outcomes/").content.decode()
    assert "A title changed in another process" not in first and "A title changed in another process" in again


def test_the_dashboard_rows_key_changes_with_a_target(sign_in):
    from sendboard.outcomes.models import Indicator, RefreshRun, Target
    from sendboard.outcomes.refresh import refresh_run
    from tests.outcomes.outcomes_fixture import outcomes_fixture_build

    outcomes_fixture_build()
    assert refresh_run().state == RefreshRun.State.SUCCEEDED
    user = UserFactory(role=Role.AREA_LEADER)
    before = selectors.dashboard_key(selectors.dashboard(user=user))
    assert before == selectors.dashboard_key(selectors.dashboard(user=user))
    Target.objects.create(indicator=Indicator.objects.order_by("pk").first(), period="2031", value=1, reason="Test")
    assert selectors.dashboard_key(selectors.dashboard(user=user)) != before
