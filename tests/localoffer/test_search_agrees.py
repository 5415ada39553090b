"""Given a directory whose services describe needs in families' words, when a family searches by keyword or by
the need filter, then both find the same services; "asd", "ADHD" and "diagnosis" find what they mean; with a
postcode, results show how far away they are, nearest first; and "Find other services" goes back to the same
search."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendboard.localoffer import demo
from sendboard.localoffer.presenters import distance_text
from sendboard.localoffer.reference import TAXONOMIES
from sendboard.localoffer.selectors import NEEDS_TAXONOMY, ServiceCriteria, service_search
from sendboard.localoffer.vocabulary import keyword_read, vocabulary
from tests.html import link_hrefs, page, text_of

pytestmark = pytest.mark.django_db

SEARCH = reverse("localoffer:search")


def names(**criteria) -> set[str]:
    return set(service_search(criteria=ServiceCriteria(**criteria)).values_list("name", flat=True))


@pytest.fixture
def needs_directory(directory):
    directory.service("Tagged for autism", needs=("ASD",), description="Small groups after school.")
    directory.service("Says autistic", needs=(), description="Sessions planned with autistic teenagers.")
    directory.service("Says ASD", needs=(), description="An ASD-friendly cinema morning.")
    directory.service("Mental health clinic", needs=("SEMH",), description="Therapy for anxiety and low mood.")
    directory.service("Says ADHD", needs=(), description="Coaching for teenagers with ADHD.")
    directory.service("Speech and language clinic", needs=("SLCN",), description="Therapy for talking.")
    directory.service("Diagnostic clinic", needs=(), description="Assessment for children who may need support.")
    directory.service("Football", needs=("PD",), description="Football for everyone.")
    return directory


def test_the_keyword_autism_and_the_autism_need_filter_find_the_same_services(needs_directory):
    by_filter = names(need_code="ASD")
    assert by_filter == {"Tagged for autism", "Says autistic", "Says ASD"}
    for keyword in ("autism", "Autistic", "asd", "ASD", "autistic spectrum disorder", "Asperger’s"):
        assert names(keyword=keyword) == by_filter, keyword


def test_adhd_and_attention_deficit_find_social_emotional_and_mental_health_services(needs_directory):
    expected = {"Mental health clinic", "Says ADHD"}
    assert names(keyword="ADHD") == expected
    assert names(keyword="attention deficit") == expected
    assert names(need_code="SEMH") == expected


def test_diagnosis_finds_services_that_assess(needs_directory):
    assert names(keyword="diagnosis") == {"Diagnostic clinic"}
    assert names(keyword="diagnostic") == {"Diagnostic clinic"}


def test_need_words_combine_with_other_words_and_filters(needs_directory):
    assert names(keyword="speech and language therapy") == {"Speech and language clinic"}
    assert names(keyword="autism cinema") == {"Says ASD"}
    assert names(keyword="autism", need_code="SEMH") == set()
    assert names(keyword="football") == {"Football"}


def test_the_vocabulary_is_data_naming_only_needs_the_register_knows():
    known = {code for code, _name in TAXONOMIES[NEEDS_TAXONOMY][2]}
    assert set(vocabulary().need_words) <= known
    assert {"ASD", "SEMH", "SLCN", "SPLD"} <= set(vocabulary().need_words)
    assert keyword_read("dyslexia support").needs == ("SPLD",)
    assert keyword_read("dyslexia support").rest == "support"


def test_the_search_page_shows_the_same_count_for_keyword_and_need(client, needs_directory):
    def heading(params):
        return text_of(page(client.get(SEARCH, params).content).get_element_by_id("results-heading"))

    assert heading({"q": "autism"}).startswith("3 services")
    assert heading({"need": "ASD"}).startswith("3 services")
    said = [text_of(p) for p in page(client.get(SEARCH, {"q": "ADHD"}).content).find_class("govuk-body-s")]
    assert "Searching for “ADHD” includes every service for social, emotional and mental health." in said


@pytest.fixture
def places(directory):
    directory.service(
        "Far", postcode="WR14 2AB", latitude=52.1120, longitude=-2.3250
    )  # Malvern, 7.8 miles from WR5 2NP
    directory.service("Near", postcode="WR5 2NP", latitude=52.1866, longitude=-2.1884)  # Worcester
    directory.service("Middle", postcode="WR5 3AA", latitude=52.1700, longitude=-2.1500)
    directory.service("Nowhere on the map", postcode="WR5 9ZZ", latitude=None, longitude=None)
    return directory


def _results(client, params) -> list[str]:
    document = page(client.get(SEARCH, params).content)
    return [text_of(li) for li in document.find_class("sendboard-result")]


def test_with_a_postcode_and_distance_results_are_nearest_first_with_how_far(client, places):
    results = _results(client, {"place": "WR5 2NP", "distance": "10"})
    assert [r.split(" ")[0] for r in results] == ["Near", "Middle", "Far"]
    assert "Less than 0.1 miles away" in results[0]  # a location at that very postcode
    assert "7.8 miles away" in results[2]


def test_with_a_postcode_alone_the_district_is_searched_nearest_first(client, places):
    results = _results(client, {"place": "WR5"})  # distances from the middle of the district's locations
    assert len(results) == 3 and {r.split(" ")[0] for r in results[:2]} == {"Near", "Middle"}
    assert all("1.0 mile away" in r for r in results[:2])
    assert results[-1].startswith("Nowhere on the map") and "away" not in results[-1]


def test_without_a_postcode_no_distance_is_shown_and_results_are_by_name(client, places):
    results = _results(client, {})
    assert [r.split(" ")[0] for r in results] == ["Far", "Middle", "Near", "Nowhere"]
    assert not any("miles away" in r for r in results)


def test_find_other_services_goes_back_to_the_same_search(client, places):
    params = {"q": "talking", "place": "WR5", "distance": "5", "access": ["step_free"]}
    response = client.get(SEARCH, params)
    (href,) = link_hrefs(response.content, "Near")
    service_page = client.get(href)
    (back,) = link_hrefs(service_page.content, "Find other services")
    assert back == f"{SEARCH}?q=talking&place=WR5&distance=5&access=step_free"
    assert _results(client, dict(p.split("=") for p in back.split("?")[1].split("&"))) == _results(client, params)


def test_find_other_services_keeps_only_the_searchs_own_parameters(client, places):
    service = places.service("Direct")
    service_page = client.get(reverse("localoffer:service", args=[service.id]), {"utm_source": "x", "need": "ASD"})
    assert link_hrefs(service_page.content, "Find other services") == [f"{SEARCH}?need=ASD"]
    plain = client.get(reverse("localoffer:service", args=[service.id]))
    assert link_hrefs(plain.content, "Find other services") == [SEARCH]


def test_distances_read_as_people_say_them():
    assert [distance_text(m) for m in (None, 20.0, 1609.344, 2400.0, 16_500.0)] == [
        "",
        "Less than 0.1 miles away",
        "1.0 mile away",
        "1.5 miles away",
        "10 miles away",
    ]


def test_no_two_demo_services_share_a_name_at_county_scale():
    every_name = [
        demo.copy_name(service[2], index, copy)
        for copy in range(demo.COPIES)
        for index, service in enumerate(demo.SERVICES)
    ]
    assert len(every_name) == len(set(every_name))
    assert demo.place_label("worcester") != demo.place_label("worcester-centre")


def test_the_search_reads_in_a_fixed_number_of_queries_with_vocabulary_and_distance(
    client, places, django_assert_num_queries
):
    # Where the postcode is, the page of results with the number of matches, their locations' postcodes, the use
    # counter (one statement on PostgreSQL too) and the local area's contacts: no second search to count.
    queries = 5
    params = {"q": "autism", "place": "WR5", "distance": "10", "need": "ASD"}
    places.service("Autism club", needs=("ASD",))
    client.get(SEARCH, params)  # the day's first search creates its counter
    with django_assert_num_queries(queries):
        client.get(SEARCH, params)
    for n in range(25):
        places.service(f"Club {n}", needs=("ASD",))
    with django_assert_num_queries(queries):
        client.get(SEARCH, params)
