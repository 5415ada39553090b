"""What makes a search cheap (ADR 0171) keeps its answers: a page of results and the number of matches read in one
query (pages past the end, below the first and within the cap shown as before), the filter form's fields kept per
process without keeping what a visitor typed, the use counter in one statement, and the full-text index answering
from its tree."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.urls import reverse

from sendboard.core import govuk
from sendboard.localoffer.forms import ServiceSearchForm
from sendboard.localoffer.models import UseCount

pytestmark = pytest.mark.django_db

SEARCH = reverse("localoffer:search")


def _shown(body: str) -> list[str]:
    return [name for name in (f"Club {n:02d}" for n in range(60)) if f">{name}</a>" in body]


def test_a_page_past_the_end_or_below_the_first_shows_the_last_and_a_word_the_first(client, directory):
    for n in range(45):
        directory.service(f"Club {n:02d}")
    last = [f"Club {n:02d}" for n in range(40, 45)]
    for page in ("9", "4", "0", "-2"):
        body = client.get(SEARCH, {"page": page}).content.decode()
        assert _shown(body) == last and "45 services" in body, page
    body = client.get(SEARCH, {"page": "two"}).content.decode()
    assert _shown(body) == [f"Club {n:02d}" for n in range(20)] and "45 services" in body
    assert _shown(client.get(SEARCH, {"page": "3"}).content.decode()) == last


def test_pages_of_a_capped_search_stop_at_the_cap(client, directory, monkeypatch):
    from sendboard.localoffer import views
    from sendboard.localoffer.selectors import ResultsPaginator

    monkeypatch.setattr(ResultsPaginator, "RESULTS_CAP", 4)
    monkeypatch.setattr(views, "RESULTS_PER_PAGE", 2)
    for n in range(7):
        directory.service(f"Club {n:02d}")
    # The fifth match exists, so page 3 has a row, but only the first four matches are paged: page 2 is the last.
    body = client.get(SEARCH, {"page": "3"}).content.decode()
    assert _shown(body) == ["Club 02", "Club 03"] and "More than 4 services" in body
    assert _shown(client.get(SEARCH, {"page": "2"}).content.decode()) == ["Club 02", "Club 03"]


def test_a_search_finding_nothing_says_so_on_any_page(client, directory):
    directory.service("Club 00")
    for page in ("1", "5"):
        body = client.get(SEARCH, {"q": "trampolining", "page": page}).content.decode()
        assert "We could not find any services" in body and "Club 00" not in body
    assert UseCount.objects.get(kind=UseCount.Kind.ZERO_RESULT_SEARCH).count == 2


def test_each_result_shows_its_organisation_ages_charges_and_every_postcode(client, directory):
    from sendboard.localoffer.models import Location, ServiceLocation

    service = directory.service("Club 00", ages=(4, 11), free=False, postcode="WR5 2NP")
    version = service.versions.get(is_published=True)
    extra = Location.objects.create(name="Hall", postcode="WR1 1AA", postcode_district="WR1")
    ServiceLocation.objects.create(version=version, location=extra, oruk_id=uuid.uuid4())
    body = client.get(SEARCH).content.decode()
    line = body[body.index(">Club 00</a>") :]
    line = line[: line.index("</p>")]
    organisation = service.organisation.name
    assert f"{organisation} · ages 4 to 11 · Charges · WR5 2NP · WR1 1AA" in line.replace("&amp;", "&")
    assert f"/local-offer/services/{service.pk}/" in body


def test_the_filters_show_each_visitor_their_own_words_and_choices(client, directory):
    directory.service("Club 00")
    first = client.get(SEARCH, {"q": "club", "need": "ASD", "age": "7"}).content.decode()
    second = client.get(SEARCH, {"q": "swimming <pool>", "need": "SLCN", "age": "12"}).content.decode()
    assert 'value="club"' in first and 'value="7"' in first and 'value="ASD" selected' in first
    assert 'value="swimming &lt;pool&gt;"' in second and 'value="12"' in second and 'value="SLCN" selected' in second
    assert 'value="club"' not in second and 'value="ASD" selected' not in second


def test_a_kept_field_is_drawn_as_it_would_be_afresh_and_never_keeps_what_was_typed(monkeypatch):
    govuk.kept_clear()
    drawn = []
    macro = govuk._macro

    def spy(name):
        rendering = macro(name)
        return lambda params: drawn.append(repr(params)) or rendering(params)

    monkeypatch.setattr(govuk, "_macro", spy)
    typed = {"q": 'my son "Sam" & me', "time": "17:45", "place": "B60 1AA", "age": "9", "need": "ASD", "free": "on"}
    form = ServiceSearchForm(typed)
    assert form.is_valid()
    fields = ("q", "time", "place", "age", "need", "free", "category", "day", "distance", "access")
    kept = {name: govuk.field(form[name], kept=True) for name in fields}
    assert len(drawn) == len(fields)  # each drawn once ...
    assert {name: govuk.field(form[name], kept=True) for name in fields} == kept  # ... then kept
    assert len(drawn) == len(fields)
    assert kept == {name: govuk.field(form[name]) for name in fields}  # as drawn afresh
    assert 'value="my son &#34;Sam&#34; &amp; me"' in kept["q"] and 'value="B60 1AA"' in kept["place"]
    for value in ("Sam", "17:45", "B60"):
        assert not any(value in params for params in drawn[: len(fields)]), value


def test_a_field_with_an_error_is_drawn_afresh_with_its_error():
    form = ServiceSearchForm({"age": "seven", "need": "not-a-need"})
    assert not form.is_valid()
    for name in ("age", "need"):
        html = govuk.field(form[name], kept=True)
        assert "govuk-error-message" in html and html == govuk.field(form[name])
    assert "seven" in govuk.field(form["age"], kept=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own statement and index")
def test_on_postgresql_a_use_is_counted_in_one_statement(django_assert_num_queries):
    from datetime import date

    from sendboard.localoffer.services import use_count_record

    day = date(2026, 11, 3)
    use_count_record(kinds=(UseCount.Kind.SEARCH, UseCount.Kind.ZERO_RESULT_SEARCH), day=day)
    with django_assert_num_queries(1) as queries:
        use_count_record(kinds=(UseCount.Kind.SEARCH, UseCount.Kind.ZERO_RESULT_SEARCH), day=day)
    # A write the no-writes-on-GET check recognises, as an UPDATE of the counter's table.
    assert queries.captured_queries[0]["sql"].startswith('UPDATE "localoffer_usecount"')
    assert dict(UseCount.objects.filter(day=day).values_list("kind", "count")) == {"search": 2, "zero_result_search": 2}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own statement and index")
def test_on_postgresql_the_full_text_index_keeps_no_pending_list():
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'localoffer_version_fulltext'")
        (options,) = cursor.fetchone()
    assert "fastupdate=off" in options


def test_the_pages_links_carry_each_visitors_own_filters(client, directory):
    for n in range(45):
        directory.service(f"Club {n:02d}", needs=("ASD",))
    first = client.get(SEARCH, {"q": "club", "need": "ASD", "page": "2"}).content.decode()
    second = client.get(SEARCH, {"q": "club &", "page": "2"}).content.decode()
    assert 'href="?q=club&amp;need=ASD&amp;page=3"' in first
    assert 'href="?q=club+%26&amp;page=3"' in second and "need=ASD" not in second


def test_kept_pagination_is_drawn_as_it_would_be_afresh():
    from django.http import QueryDict
    from markupsafe import Markup

    from sendboard.core.lists import list_page, pagination

    for query in ("", "q=a%26b%22%3C&need=ASD", "status=open"):
        for number in ("1", "4", "9"):
            listing = list_page(range(200), params=QueryDict(f"{query}&page={number}"), per_page=20)
            fresh = Markup(govuk.component_macros()["govukPagination"](listing.pagination_params()))
            assert pagination(listing) == fresh
            assert pagination(listing) == fresh  # kept
            labelled = listing.pagination_params()
            labelled["landmarkLabel"] = "Pages of clubs"
            assert pagination(listing, "Pages of clubs") == Markup(
                govuk.component_macros()["govukPagination"](labelled)
            )
    assert pagination(list_page(range(5), params=QueryDict("q=x"), per_page=20)) == ""


def test_kept_pagination_never_keeps_a_query_string(monkeypatch):
    from django.http import QueryDict

    from sendboard.core.lists import list_page, pagination

    govuk.kept_clear()
    drawn = []
    macro = govuk._macro
    monkeypatch.setattr(govuk, "_macro", lambda name: lambda params: drawn.append(repr(params)) or macro(name)(params))
    listing = list_page(range(200), params=QueryDict("q=secret+words&page=3"), per_page=20)
    assert "q=secret+words&amp;page=4" in pagination(listing)
    assert len(drawn) == 1 and "secret" not in drawn[0]


def test_the_feed_counts_its_services_without_joining_what_it_shows(client, directory):
    from django.test.utils import CaptureQueriesContext

    for n in range(3):
        directory.service(f"Club {n:02d}")
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/openreferral/services", {"search": "club", "per_page": 2}).json()
    assert body["total_items"] == 3 and [s["name"] for s in body["contents"]] == ["Club 00", "Club 01"]
    assert body["contents"][0]["organization"]["name"]
    (count,) = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert "JOIN" not in count
