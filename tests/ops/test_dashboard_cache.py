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
