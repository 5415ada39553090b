"""Bulk import of services from CSV, an importer of the returns framework: validated whole by a form per row,
every problem by row, column and rule, all or nothing, once (the framework's checksum rule), loaded as a job."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendboard.accounts.roles import Role
from sendboard.localoffer.imports import COLUMNS, ServicesImporter, services_csv_check
from sendboard.localoffer.models import Location, Service
from sendboard.localoffer.selectors import ServiceCriteria, service_search
from sendboard.returns.framework import file_import
from sendboard.returns.models import ImportedFile, ImportJob
from tests.html import page, table_rows, text_of
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db

GOOD = {
    "organisation": "Test provider",
    "name": "Sensory play sessions",
    "description": "Messy play for under fives.",
    "send_support": "Small groups, quiet room.",
    "how_to_access": "Book by phone.",
    "minimum_age": "0",
    "maximum_age": "5",
    "needs": "ASD;SLCN",
    "categories": "early-years;leisure",
    "free": "no",
    "cost_description": "£2 a session",
    "opening_times": "TU 09:30-11:30; TH 13:00-15:00",
    "accessibility": "step_free;quiet_space",
    "contact_name": "Play team",
    "phone": "01905 222222",
    "email": "play@example.invalid",
    "website": "https://example.invalid/play",
    "location_name": "Play centre",
    "address": "3 High Street",
    "town": "Pershore",
    "postcode": "wr10 1ab",
    "latitude": "52.112",
    "longitude": "-2.076",
    "review_by": "2027-06-30",
}


def csv_text(*rows: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def load(text: str, user, filename: str = "services.csv"):
    """Load a file's text through the framework, as the import job does."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / filename
        path.write_bytes(text.encode("utf-8"))
        return file_import(importer=ServicesImporter(), path=path, filename=filename, user=user)


def test_a_valid_file_loads_every_service_published_and_searchable(directory):
    text = csv_text(
        GOOD,
        {
            **GOOD,
            "name": "Sensory play (Saturdays)",
            "opening_times": "SA 10:00-12:00",
            "free": "yes",
            "cost_description": "",
        },
    )
    assert services_csv_check(text).problems == []
    outcome = load(text, directory.team_user)
    assert outcome.loaded and outcome.report.counts == {"services": 2}
    assert Service.objects.count() == 2 and Location.objects.filter(postcode="WR10 1AB").count() == 1
    found = service_search(criteria=ServiceCriteria(district="WR10", free_only=True, age_from=3, age_to=3))
    assert [v.name for v in found] == ["Sensory play (Saturdays)"]
    version = found[0]
    assert sorted(t.code for t in version.needs.all()) == ["ASD", "SLCN"] and version.accessibility == [
        "step_free",
        "quiet_space",
    ]


def test_every_problem_is_reported_by_row_and_column_and_nothing_loads(directory):
    rows = [
        GOOD,
        {**GOOD, "organisation": "Nobody Ltd", "minimum_age": "ten", "needs": "ASD;XYZ", "postcode": "nowhere"},
        {
            **GOOD,
            "minimum_age": "12",
            "maximum_age": "5",
            "free": "maybe",
            "opening_times": "Mondays",
            "email": "not-an-email",
            "latitude": "52.1",
            "longitude": "",
            "review_by": "31/06/2027",
            "name": "",
        },
    ]
    check = services_csv_check(csv_text(*rows))
    found = {(p.record, p.field) for p in check.problems}
    assert found == {
        ("row 3", "organisation"),
        ("row 3", "minimum_age"),
        ("row 3", "needs"),
        ("row 3", "postcode"),
        ("row 4", "maximum_age"),
        ("row 4", "free"),
        ("row 4", "opening_times"),
        ("row 4", "email"),
        ("row 4", "longitude"),
        ("row 4", "review_by"),
        ("row 4", "name"),
    }
    assert [(p.rule, p.message) for p in check.problems if p.field == "needs"] == [
        ("code", "has codes that are not in the list: XYZ")
    ]
    # a form's own errors are named in words: "ten" is not a whole number, a format the column does not take
    assert [(p.rule, p.message) for p in check.problems if p.field == "minimum_age"] == [
        ("format", "must be a whole number of years from 0 to 25")
    ]
    outcome = load(csv_text(*rows), directory.team_user, "bad.csv")
    assert not outcome.loaded and outcome.report.problem_count == 11
    assert not Service.objects.exists() and not ImportedFile.objects.exists()


def test_a_file_without_the_columns_is_refused_whole():
    check = services_csv_check("name,description\nA,B\n")
    assert (
        len(check.problems) == 1 and check.problems[0].record == "row 1" and "organisation" in check.problems[0].field
    )


def test_loading_the_same_file_again_changes_nothing(directory):
    text = csv_text(GOOD)
    first = load(text, directory.team_user)
    again = load(text, directory.team_user, "renamed.csv")
    assert again.already_loaded and again.imported_file == first.imported_file and not again.loaded
    assert Service.objects.count() == 1 and ImportedFile.objects.count() == 1


def upload(client, text: bytes | str, name: str = "services.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(reverse("localoffer:import"), {"file": SimpleUploadedFile(name, data)})


def test_the_web_upload_previews_a_file_with_problems_and_offers_no_load(client, sign_in, directory):
    sign_in(Role.LOCAL_OFFER_OFFICER)
    html = client.get(upload(client, csv_text({**GOOD, "postcode": "x"}))["Location"]).content
    assert text_of(page(html).find(".//h1")) == "The file cannot be loaded"
    assert [row[:3] for row in table_rows(html, "Problems")] == [["row 2", "postcode", "postcode"]]
    assert [text_of(b) for b in page(html).find_class("govuk-button")] == [] and not Service.objects.exists()


def test_the_web_upload_previews_then_loads_as_a_job_once(client, sign_in, directory):
    officer = sign_in(Role.LOCAL_OFFER_OFFICER)
    preview_url = upload(client, csv_text(GOOD), "good.csv")["Location"]
    preview = page(client.get(preview_url).content)
    assert text_of(preview.find(".//h1")) == "Check the file before loading it"
    assert [text_of(row) for row in preview.find_class("govuk-summary-list__row")] == [
        "Services (each published when the file is loaded) 1",
        "Problems found None",
    ]
    assert not Service.objects.exists()
    job_url = client.post(preview_url)["Location"]
    job = ImportJob.objects.get()
    assert job_url == reverse("localoffer:import-job", args=[job.public_id]) and job.kind == "localoffer_services"
    run_queued_jobs()
    assert text_of(page(client.get(job_url).content).find(".//h1")) == "The file is loaded"
    assert Service.objects.count() == 1
    assert Service.objects.get().versions.get().submitted_by == officer  # loaded as the one who asked
    again = page(client.get(upload(client, csv_text(GOOD), "renamed.csv")["Location"]).content)
    assert text_of(again.find(".//h1")) == "This file was loaded before"
    assert Service.objects.count() == 1


def test_the_returns_pages_do_not_load_local_offer_files(client, sign_in, directory):
    """Only the pages declaring the Local Offer's permission load its file: an analyst's upload offers it not."""
    sign_in(Role.ANALYST)
    form = page(client.get(reverse("returns:upload")).content)
    kinds = [radio.get("value") for radio in form.xpath("//input[@name='kind']")]
    assert "sen2" in kinds and "localoffer_services" not in kinds
    refused = client.post(
        reverse("returns:upload"),
        {"kind": "localoffer_services", "file": SimpleUploadedFile("s.csv", csv_text(GOOD).encode())},
    )
    assert refused.status_code == 200 and not ImportJob.objects.exists()


def test_an_upload_that_is_not_utf8_is_refused(client, sign_in):
    sign_in(Role.LOCAL_OFFER_OFFICER)
    html = client.get(upload(client, "é".encode("latin-1"), "x.csv")["Location"]).content
    assert table_rows(html, "Problems") == [["file", "", "encoding", "The file must be a CSV file saved as UTF-8"]]


@pytest.mark.parametrize(
    "column",
    ["minimum_age", "maximum_age", "needs", "free", "opening_times", "postcode", "latitude", "review_by", "email"],
)
def test_any_text_in_a_cell_is_either_accepted_or_reported_against_that_cell(directory, column):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=30))
    def check(value):
        result = services_csv_check(csv_text({**GOOD, column: value}))
        # A problem is reported against the cell typed in (or, for a range or a pair, its partner).
        assert {p.field for p in result.problems} <= {
            column,
            "maximum_age",
            "minimum_age",
            "longitude",
            "cost_description",
        }
        assert (len(result.rows), bool(result.problems)) in {(1, False), (0, True)}

    check()


@pytest.mark.parametrize(
    ("text", "record", "words"),
    [
        (lambda: csv_text({**GOOD, "description": "x" * 131_073}), "row 2", "longer than 131,072 characters"),
        (lambda: csv_text(GOOD) + "Test provider,Too short\r\n", "row 3", "fewer cells than the header"),
        (lambda: csv_text(GOOD, {**GOOD, "name": "Sensory\x00play"}), "file", "NUL character (a zero byte) on line 3"),
        (
            lambda: csv_text({**GOOD, "website": "https://example.invalid/" + "p" * 200}),
            "row 2",
            "longer than 200 characters",
        ),
    ],
    ids=[
        "a field over 131072 characters",
        "a row shorter than the header",
        "a NUL byte",
        "longer than the field holds",
    ],
)
def test_regression_server_errors_on_malformed_uploads_local_offer_csv(client, sign_in, directory, text, record, words):
    """Finding: a field over 131,072 characters, a row shorter than the header (and a NUL byte, which SQLite
    accepted) gave a server error; each is now a problem by row (a NUL, of the file, by line), and nothing is
    stored or loaded."""
    data = text()
    outcome = load(data, directory.team_user, "bad.csv")
    assert {p.record for p in outcome.report.problems} == {record}
    assert any(words in p.message for p in outcome.report.problems)
    sign_in(Role.LOCAL_OFFER_OFFICER)
    preview = client.get(upload(client, data, "bad.csv")["Location"])
    assert preview.status_code == 200 and any(words in row[3] for row in table_rows(preview.content, "Problems"))
    assert not Service.objects.exists() and not ImportedFile.objects.exists()


_CELL = st.one_of(
    st.text(max_size=20), st.sampled_from(["", "\x00", "x" * 201, "y" * 140_000, "yes", "0", "5", "ASD", "wr10 1ab"])
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELL, max_size=len(COLUMNS) + 1), max_size=3), with_good_row=st.booleans())
def test_fuzzed_local_offer_files_load_whole_or_report_problems_never_a_crash(directory, rows, with_good_row):
    """NUL, very long values, short and long rows: every file is loaded whole or its problems are reported."""
    lines = [",".join(COLUMNS)] + [",".join(f'"{cell}"' for cell in row) for row in rows]
    good = csv_text(GOOD) if with_good_row else csv_text()
    for text in ("\r\n".join(lines) + "\r\n", good + "\r\n".join(lines[1:])):
        check = services_csv_check(text)
        assert all(p.record and p.rule and p.message for p in check.problems)
        outcome = load(text, directory.team_user, "fuzz.csv")
        if check.problems or outcome.report.problems:
            assert not outcome.loaded and not Service.objects.exists()
        else:
            assert outcome.loaded and outcome.report.counts == {"services": len(check.rows)}
            assert Service.objects.count() == len(check.rows)
            Service.objects.all().delete()
            ImportedFile.objects.all().delete()
