"""With facts from the real refresh (the engine's small hand-worked fixture): every indicator's dashboard value is
its latest home-area fact, suppressed ones show "c", the pages of every indicator render, and the refresh raises
exception reports for red indicators."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.outcomes.models import ExceptionReport, Fact, Indicator, RefreshRun, Target
from sendboard.outcomes.presenters import period_label
from sendboard.outcomes.refresh import refresh_run
from tests.html import Page, text_of
from tests.html import page as parsed
from tests.outcomes.outcomes_fixture import HOME, outcomes_fixture_build

pytestmark = pytest.mark.django_db

# The precision each unit is shown to: a shown value may differ from the fact by half its last place.
HALF_LAST_PLACE = {
    "percent": Decimal("0.05"),
    "count": Decimal("0.5"),
    "rate": Decimal("0.05"),
    "ratio": Decimal("0.005"),
    "weeks": Decimal("0.05"),
    "score": Decimal("0.05"),
    "pounds": Decimal("0.5"),
}


@pytest.fixture
def refreshed(db):
    outcomes_fixture_build()
    run = refresh_run()
    assert run.state == RefreshRun.State.SUCCEEDED, run.error
    return run


def test_every_dashboard_value_is_the_latest_home_fact(client, sign_in, refreshed):
    sign_in(Role.AREA_LEADER)
    page = Page(client.get(reverse("outcomes:dashboard")))
    checked = 0
    for indicator in Indicator.objects.all():
        latest = (
            Fact.objects.filter(run=refreshed, indicator=indicator, area_code=HOME, dimension="")
            .order_by("period_end")
            .last()
        )
        shown = page.text(f"//tr[th[@data-indicator='{indicator.code}']]/td[@data-column='latest']")
        if latest is None:
            assert shown == "–", indicator.code
            continue
        if latest.suppressed:
            assert shown == f"c ({period_label(latest.period, indicator.period_type)})", indicator.code
        elif latest.value is None:
            assert shown.startswith("–"), indicator.code
        else:
            number = Decimal(re.sub(r"[,%£]", "", shown.split(" ")[0]))
            assert abs(number - latest.value) <= HALF_LAST_PLACE[indicator.unit], (indicator.code, shown, latest.value)
            assert shown.endswith(f"({period_label(latest.period, indicator.period_type)})")
        checked += 1
    assert checked >= 10, "the fixture gives most indicators a value"


def test_every_indicator_page_and_deep_dive_renders_from_engine_facts(client, sign_in, refreshed):
    sign_in(Role.ADVISER)
    for indicator in Indicator.objects.all():
        assert client.get(reverse("outcomes:indicator", args=[indicator.code])).status_code == 200
        for dimension in indicator.breakdowns:
            url = reverse("outcomes:deep-dive", args=[indicator.code]) + f"?dimension={dimension}"
            assert client.get(url).status_code == 200, url


def test_the_refresh_raises_an_exception_report_for_a_red_indicator(refreshed):
    latests = [
        Fact.objects.filter(run=refreshed, indicator=indicator, area_code=HOME, dimension="")
        .order_by("period_end")
        .last()
        for indicator in Indicator.objects.filter(polarity="higher")
    ]
    latest = next(f for f in latests if f is not None and not f.suppressed and f.value)
    # A target twice the value: short by half of it, far beyond 5% of the target, so red at the next refresh.
    Target.objects.create(indicator=latest.indicator, period=latest.period, value=latest.value * 2)
    second = refresh_run()
    report = ExceptionReport.objects.get(indicator=latest.indicator)
    assert (report.period, report.value, report.target, report.raised_by_run) == (
        latest.period,
        latest.value,
        latest.value * 2,
        second,
    )


def test_the_refresh_page_names_the_indicators_it_wrote_facts_for(client, sign_in, refreshed):
    # A run records its counts by indicator code; the page reads them by title, in catalogue order
    sign_in(Role.ANALYST)

    document = parsed(client.get(reverse("outcomes:refresh-run", args=[refreshed.pk])).text)
    heading = next(h for h in document.iter("h2") if text_of(h) == "Facts written")
    shown = [text_of(li) for li in heading.getnext().iter("li")]
    expected = [f"{i.title}: {refreshed.counts[i.code]:,}" for i in Indicator.objects.filter(code__in=refreshed.counts)]
    assert shown == expected and len(shown) == len(refreshed.counts) >= 10
    inputs = next(h for h in document.iter("h2") if text_of(h) == "Inputs read")
    read = [text_of(li) for li in inputs.getnext().iter("li")]
    assert f"Records read: {sum(refreshed.inputs['rows'].values()):,}" in read
    assert not any("casework" in line for line in read)
