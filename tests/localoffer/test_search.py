"""Public search: keyword (full text on PostgreSQL, word matching on SQLite), need, age overlap, free only,
day and time, place by postcode district or distance, accessibility; pagination; the no-results page."""

from datetime import time

import pytest
from django.urls import reverse

from sendboard.localoffer.models import UseCount
from sendboard.localoffer.selectors import Near, ServiceCriteria, service_search

pytestmark = pytest.mark.django_db

SEARCH = reverse("localoffer:search")


def names(criteria: ServiceCriteria) -> set[str]:
    return set(service_search(criteria=criteria).values_list("name", flat=True))


def test_keyword_finds_words_anywhere_in_what_a_service_says(directory):
    directory.service("Speech therapy drop-in", description="Help with talking and understanding.")
    directory.service(
        "Saturday club",
        description="Games and outings for disabled children.",
        needs=("ASD",),
        categories=("short-breaks",),
    )
    assert names(ServiceCriteria(keyword="outings")) == {"Saturday club"}
    assert names(ServiceCriteria(keyword="speech talking")) == {"Speech therapy drop-in"}
    assert names(ServiceCriteria(keyword="speech outings")) == set()
    assert names(ServiceCriteria(keyword="")) == {"Speech therapy drop-in", "Saturday club"}


def test_age_is_matched_by_overlapping_ranges(directory):
    directory.service("Under fives", ages=(0, 5))
    directory.service("Teenagers", ages=(13, 19))
    assert names(ServiceCriteria(age_from=5, age_to=5)) == {"Under fives"}
    assert names(ServiceCriteria(age_from=4, age_to=14)) == {"Under fives", "Teenagers"}
    assert names(ServiceCriteria(age_from=6, age_to=12)) == set()
    assert names(ServiceCriteria(age_from=19)) == {"Teenagers"}


def test_need_free_and_accessibility_filters(directory):
    directory.service("Autism group", needs=("ASD",), free=False, accessibility=("quiet_space",))
    directory.service("Speech clinic", needs=("SLCN",), free=True, accessibility=("step_free", "hearing_loop"))
    assert names(ServiceCriteria(need_code="ASD")) == {"Autism group"}
    assert names(ServiceCriteria(free_only=True)) == {"Speech clinic"}
    assert names(ServiceCriteria(accessibility=("hearing_loop",))) == {"Speech clinic"}
    assert names(ServiceCriteria(accessibility=("hearing_loop", "quiet_space"))) == set()


def test_day_and_time_find_services_open_then(directory):
    directory.service("Saturday morning", times=(("SA", time(9), time(12)),))
    directory.service("Weekday daytime", times=(("MO", time(9), time(17)), ("TU", time(9), time(17))))
    assert names(ServiceCriteria(day="SA")) == {"Saturday morning"}
    assert names(ServiceCriteria(day="SA", time_from=time(11, 59))) == {"Saturday morning"}
    assert names(ServiceCriteria(day="SA", time_from=time(12))) == set()
    assert names(ServiceCriteria(time_from=time(16))) == {"Weekday daytime"}


def test_place_by_postcode_district_or_by_distance(directory):
    directory.service("In Worcester", postcode="WR5 2NP", latitude=52.1866, longitude=-2.1884)
    directory.service("In Malvern", postcode="WR14 2AB", latitude=52.1120, longitude=-2.3250)
    directory.service("Somewhere without coordinates", postcode="WR14 3CD", latitude=None, longitude=None)
    assert names(ServiceCriteria(district="WR5")) == {"In Worcester"}
    assert names(ServiceCriteria(district="WR1")) == set()
    worcester = (52.1866, -2.1884)  # Malvern is about 12 km away
    assert names(ServiceCriteria(near=Near(*worcester, metres=5_000))) == {"In Worcester"}
    assert names(ServiceCriteria(near=Near(*worcester, metres=15_000))) == {"In Worcester", "In Malvern"}


def test_only_the_published_version_is_found(directory):
    from sendboard.localoffer.services import service_change_submit, version_content
    from tests.factories import UserFactory

    service = directory.service("Original name")
    provider = UserFactory(role="provider_editor", organisation=directory.owner)
    content = version_content(service.versions.get())
    content.name = "Proposed name"
    service_change_submit(user=provider, service=service, content=content)
    assert names(ServiceCriteria()) == {"Original name"}
    assert names(ServiceCriteria(keyword="proposed")) == set()


def test_the_results_page_paginates_and_keeps_the_filters(client, directory):
    for n in range(23):
        directory.service(f"Club {n:02d}", needs=("ASD",))
    response = client.get(SEARCH, {"need": "ASD"})
    body = response.content.decode()
    assert "23 services" in body and "Club 00" in body and "Club 20" not in body
    page_two = client.get(SEARCH, {"need": "ASD", "page": 2}).content.decode()
    assert "Club 20" in page_two and "Club 00" not in page_two
    assert "need=ASD&amp;page=1" in page_two


def test_the_results_page_reads_with_a_fixed_number_of_queries(client, directory, django_assert_max_num_queries):
    for n in range(20):
        directory.service(f"Club {n:02d}")
    with django_assert_max_num_queries(12):
        response = client.get(SEARCH, {"q": "club", "age": "7"})
    assert response.status_code == 200


def test_no_results_says_what_to_change_and_is_counted(client, directory):
    directory.service("Speech clinic", ages=(0, 5))
    body = client.get(SEARCH, {"q": "speech", "age": "12", "free": "on"}).content.decode()
    assert "No services found" in body
    assert "leave the age empty" in body and "include services that charge" in body
    assert UseCount.objects.get(kind=UseCount.Kind.ZERO_RESULT_SEARCH).count == 1
    assert UseCount.objects.get(kind=UseCount.Kind.SEARCH).count == 1


def test_malformed_filters_are_shown_as_errors_not_results(client, directory):
    directory.service()
    response = client.get(SEARCH, {"age": "seven", "place": "not a postcode", "time": "9am"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter the age as a whole number" in body and "like WR5 2NP" in body and "24-hour" in body
    assert not UseCount.objects.exists()


def test_a_distance_needs_a_postcode(client, directory):
    body = client.get(SEARCH, {"distance": "5"}).content.decode()
    assert "Enter a postcode to search within a distance" in body


def test_the_search_form_submits_postcode_and_distance(client, directory):
    directory.service("In Worcester", postcode="WR5 2NP", latitude=52.1866, longitude=-2.1884)
    directory.service("In Malvern", postcode="WR14 2AB", latitude=52.1120, longitude=-2.3250)
    body = client.get(SEARCH, {"place": "wr5 2np", "distance": "3"}).content.decode()
    assert "In Worcester" in body and "In Malvern" not in body


def test_keyword_search_is_full_text_on_postgresql_and_word_matching_on_sqlite(directory):
    from django.db import connection

    directory.service("Speech therapy drop-in", description="Therapists help with talking.")
    found = names(ServiceCriteria(keyword="talked"))
    if connection.vendor == "postgresql":
        # English stemming: "talked" and "talking" share the stem "talk".
        assert found == {"Speech therapy drop-in"}
    else:
        assert found == set()


def test_a_broad_search_counts_up_to_a_cap_and_says_so(client, directory, monkeypatch):
    from sendboard.localoffer.selectors import ResultsPaginator

    monkeypatch.setattr(ResultsPaginator, "RESULTS_CAP", 4)
    for n in range(6):
        directory.service(f"Club {n}")
    body = client.get(SEARCH).content.decode()
    assert "More than 4 services" in body and "add a filter to narrow the search" in body
    monkeypatch.setattr(ResultsPaginator, "RESULTS_CAP", 6)
    assert "6 services" in client.get(SEARCH).content.decode()
