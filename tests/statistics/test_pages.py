"""Given loaded published files, when an analyst opens the comparators pages, then they see each dataset, what
it could not read, and the areas with their neighbours, in a fixed number of queries; other roles cannot."""

from __future__ import annotations

import pytest

from sendboard.accounts.roles import Role
from sendboard.returns.framework import IMPORTERS as REGISTERED
from sendboard.statistics.importers import IMPORTERS
from sendboard.statistics.measures import MEASURES

pytestmark = pytest.mark.django_db

# notes/interfaces.md: the codes the outcomes engine relies on
ENGINE_CODES = """new_plans_20wk_incl_exc_pct new_plans_20wk_excl_exc_pct new_plans requests requests_refused
assessments
assessments_no_plan plans plans_ceased annual_reviews_on_time_pct tribunal_appeal_rate_pct cla_ehcp_pct
cla_sen_support_pct cin_ehcp_pct cin_sen_support_pct all_pupils_ehcp_pct all_pupils_sen_support_pct chs_waiting_list
chs_waiting_over_18wk_pct pru_persistent_absence_pct""".split()


def test_registry_has_every_measure_the_engine_reads():
    assert [code for code in ENGINE_CODES if code not in MEASURES] == []
    for measure in MEASURES.values():
        assert measure.title and measure.unit in ("count", "percent", "score", "pounds") and measure.sources


def test_every_importer_is_registered_with_the_returns_framework():
    for importer in IMPORTERS:
        assert type(REGISTERED[importer.kind]) is importer
        assert importer.suffix in (".csv", ".ods", ".xlsx") and len(importer.kind) <= 40


def test_datasets_page_lists_every_importer_with_what_it_loaded(client, sign_in, loaded, django_assert_max_num_queries):
    sign_in(Role.ANALYST)
    with django_assert_max_num_queries(8):
        page = client.get("/statistics/").content.decode()
    assert "EHC plan annual reviews (DfE, 2025 release)" in page and "annual_reviews.csv" in page
    assert page.count('class="govuk-table__row"') == len(IMPORTERS) + 1
    assert "Not loaded (<code>sen2_mi.csv</code>)" in page


def test_dataset_page_shows_what_could_not_be_read(client, sign_in, loaded, django_assert_max_num_queries):
    sign_in(Role.ANALYST)
    with django_assert_max_num_queries(9):
        page = client.get("/statistics/datasets/stats_ehcp_annual_reviews/").content.decode()
    assert "review_meeting_prior_24" in page and "Not stored; each cell reported here." in page
    assert "Annual review outcomes communicated within 4 weeks of the meeting" in page and "values stored: 2" in page
    assert "Annual review meetings held, as a share of the plans whose review was due" in page
    # the crafted file is no shipped release: the page says so, and shows no rule or measure codes
    assert "A file loaded from your own download" in page
    assert "negative_not_stored" not in page and "annual_reviews_on_time_pct" not in page


def test_dataset_page_for_an_unknown_kind_is_not_found(client, sign_in):
    sign_in(Role.ANALYST)
    assert client.get("/statistics/datasets/nothing/").status_code == 404


def test_areas_page_shows_neighbours(client, sign_in, loaded, django_assert_max_num_queries):
    sign_in(Role.ANALYST)
    with django_assert_max_num_queries(7):
        page = client.get("/statistics/areas/").content.decode()
    assert "E10000034" in page and "Bristol, City of" in page and "Shropshire" in page


def test_staff_without_the_import_permission_cannot_see_the_datasets(client, sign_in):
    sign_in(Role.ACTION_OWNER)
    assert client.get("/statistics/").status_code == 403


def test_a_dataset_page_prints_months_as_pages_print_them(client, sign_in):
    # No file need be loaded: the periods a dataset supplies come from the measure registry.
    sign_in(Role.ANALYST)
    page = client.get("/statistics/datasets/stats_chs_waits_england/").content.decode()
    assert "January 2023 to October 2023" in page and "2023-01" not in page
    page = client.get("/statistics/datasets/stats_dash_dsg/").content.decode()
    assert "2019-20 to 2021-22" in page  # financial years, as stored


def test_one_formatter_prints_every_kind_of_period():
    from sendboard.statistics.periods import period_label, periods_span

    assert [period_label(p) for p in ("2024", "2024/25", "2024-25", "2026-08", "2025-01-20")] == [
        "2024",
        "2024/25",
        "2024-25",
        "August 2026",
        "20 January 2025",
    ]
    assert (
        period_label("2010-11", "financial_year") == "2010-11" and period_label("2010-11", "month") == "November 2010"
    )
    assert period_label("2010-11") == "2010-11"  # the next year's digits: a financial year unless said otherwise
    assert periods_span("2019-04", "2023-06") == "April 2019 to June 2023" and periods_span("2024", "2024") == "2024"
