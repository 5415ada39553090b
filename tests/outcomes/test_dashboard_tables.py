"""The dashboard's tables are rendered once per process for each key read from the database (ADR 0172): the next
request reads the key only, any change made anywhere shows at once, and nothing about the person viewing is kept."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.core.memo import memo_clear
from sendboard.outcomes import presenters, selectors
from sendboard.outcomes.models import Indicator, Target
from tests.factories import UserFactory
from tests.outcomes.fact_factories import ENGLAND, IndicatorFactory, RefreshRunFactory, TargetFactory, home_area, series

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("outcomes:dashboard")


@pytest.fixture
def world(db):
    memo_clear()
    home_area()
    run = RefreshRunFactory()
    indicator = IndicatorFactory(code="on-time", title="Plans on time")
    series(run=run, indicator=indicator, values={"2023": "55", "2024": "62"})
    series(run=run, indicator=indicator, area_code=ENGLAND, values={"2024": "46"})
    TargetFactory(indicator=indicator, period="2024", value=Decimal("65"))
    yield {"run": run, "indicator": indicator}
    memo_clear()


def _get(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def test_the_key_read_on_each_request_equals_the_key_of_the_data_the_tables_are_rendered_from(world):
    user = UserFactory(role=Role.AREA_LEADER)
    state = selectors.dashboard_state(user=user)
    assert state.key is not None
    assert state.key == selectors.dashboard_key(selectors.dashboard(user=user))


def test_once_rendered_the_tables_are_not_read_or_rendered_again(client, sign_in, world, monkeypatch):
    rendered = []
    render = presenters.dashboard_tables
    monkeypatch.setattr(presenters, "dashboard_tables", lambda data: rendered.append(1) or render(data))
    sign_in(Role.AREA_LEADER)
    first, cold = _get(client)
    again, warm = _get(client)
    assert again == first.replace(_csrf(first), _csrf(again))
    assert [sql for sql in cold if "outcomes_fact" in sql]
    assert not [sql for sql in warm if "outcomes_fact" in sql]
    # The session, user and two-factor device; then the key: local area, run, indicators' and targets' stored
    # values (one query), neighbours; and the layout's local area.
    assert len(warm) == 3 + 4 + 1, warm
    assert rendered == [1]


def _csrf(html: str) -> str:
    marker = 'name="csrfmiddlewaretoken" value="'
    start = html.find(marker)
    return html[start : html.find('"', start + len(marker))] if start >= 0 else ""


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        (lambda w: Target.objects.filter(indicator=w["indicator"]).update(value=Decimal("50")), "50.0%"),
        (lambda w: Indicator.objects.filter(pk=w["indicator"].pk).update(title="Plans issued"), "Plans issued"),
        (lambda w: IndicatorFactory(code="new-one", title="A new indicator"), "A new indicator"),
    ],
    ids=["target changed", "title changed", "indicator added"],
)
def test_a_change_made_in_any_process_shows_at_once(client, sign_in, world, change, shown):
    """Changed with update() (no signal, no save()): as another web process would."""
    sign_in(Role.AREA_LEADER)
    before, _ = _get(client)
    change(world)
    after, _ = _get(client)
    assert shown not in before and shown in after


def test_a_target_removed_in_any_process_goes_at_once(client, sign_in, world):
    sign_in(Role.AREA_LEADER)
    before, _ = _get(client)
    Target.objects.filter(indicator=world["indicator"]).delete()
    after, _ = _get(client)
    assert "65.0%" in before and "65.0%" not in after


def test_a_new_run_shows_its_facts_at_once(client, sign_in, world):
    sign_in(Role.AREA_LEADER)
    before, _ = _get(client)
    run = RefreshRunFactory()
    series(run=run, indicator=world["indicator"], values={"2025": "71"})
    after, _ = _get(client)
    assert "71.0%" in after and "71.0%" not in before


def test_what_differs_by_person_stays_outside_the_kept_tables(client, sign_in, world):
    """An analyst may refresh the facts, an area leader may not: each sees their own page from the same tables."""
    sign_in(Role.ANALYST)
    analyst, _ = _get(client)
    client.logout()
    sign_in(Role.AREA_LEADER)
    leader, warm = _get(client)
    assert not [sql for sql in warm if "outcomes_fact" in sql]  # the analyst's tables were used
    assert "Refresh the facts now" in analyst and "Refresh the facts now" not in leader
    assert "Plans on time" in leader and "62.0%" in leader


def test_tables_rendered_from_data_changed_after_the_key_was_read_are_shown_but_not_kept(world):
    user = UserFactory(role=Role.AREA_LEADER)
    state = selectors.dashboard_state(user=user)

    def changed_meanwhile():
        Indicator.objects.filter(pk=world["indicator"].pk).update(title="Changed in between")
        return selectors.dashboard(user=user)

    assert "Changed in between" in presenters.dashboard_tables_kept(state, read=changed_meanwhile).html
    reads = []

    def read():
        reads.append(1)
        return selectors.dashboard(user=user)

    presenters.dashboard_tables_kept(state, read=read)
    assert reads == [1]  # nothing was kept under the old key
    presenters.dashboard_tables_kept(selectors.dashboard_state(user=user), read=read)
    presenters.dashboard_tables_kept(selectors.dashboard_state(user=user), read=read)
    assert reads == [1, 1]  # under the new key, kept after the first read
