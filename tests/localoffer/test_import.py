"""Bulk import of services from CSV: validated whole, every problem by row and column, all or nothing, once."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendboard.accounts.roles import Role
from sendboard.localoffer.imports import COLUMNS, service_import_load, service_import_prepare, services_csv_check
from sendboard.localoffer.models import Location, Service, ServiceImport
from sendboard.localoffer.selectors import ServiceCriteria, service_search

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
    record, check = service_import_prepare(user=directory.team_user, filename="services.csv", text=text)
    assert check.problems == []
    assert service_import_load(user=directory.team_user, record=record) == 2
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
    found = {(p.row, p.column) for p in check.problems}
    assert found == {
        (3, "organisation"),
        (3, "minimum_age"),
        (3, "needs"),
        (3, "postcode"),
        (4, "maximum_age"),
        (4, "free"),
        (4, "opening_times"),
        (4, "email"),
        (4, "longitude"),
        (4, "review_by"),
        (4, "name"),
    }
    assert any("XYZ" in p.message for p in check.problems)
    record, _ = service_import_prepare(user=directory.team_user, filename="bad.csv", text=csv_text(*rows))
    with pytest.raises(ValueError):
        service_import_load(user=directory.team_user, record=record)
    assert not Service.objects.exists()


def test_a_file_without_the_columns_is_refused_whole():
    check = services_csv_check("name,description\nA,B\n")
    assert len(check.problems) == 1 and check.problems[0].row == 1 and "organisation" in check.problems[0].column


def test_loading_the_same_file_again_changes_nothing(directory):
    text = csv_text(GOOD)
    record, _ = service_import_prepare(user=directory.team_user, filename="services.csv", text=text)
    service_import_load(user=directory.team_user, record=record)
    again, _ = service_import_prepare(user=directory.team_user, filename="renamed.csv", text=text)
    assert again.pk == record.pk and service_import_load(user=directory.team_user, record=again) == 0
    assert Service.objects.count() == 1 and ServiceImport.objects.count() == 1


def test_the_web_upload_previews_then_loads(client, sign_in, directory):
    sign_in(Role.LOCAL_OFFER_OFFICER)
    url = reverse("localoffer:import")
    bad = client.post(
        url, {"file": SimpleUploadedFile("bad.csv", csv_text({**GOOD, "postcode": "x"}).encode())}
    ).content.decode()
    assert "1 problems" in bad and "postcode" in bad and not Service.objects.exists()
    preview = client.post(url, {"file": SimpleUploadedFile("good.csv", csv_text(GOOD).encode())}).content.decode()
    assert (
        "Sensory play sessions" in preview and "Load and publish 1 services" in preview and not Service.objects.exists()
    )
    record = ServiceImport.objects.get(filename="good.csv")
    client.post(reverse("localoffer:import-load", args=[record.pk]))
    assert Service.objects.count() == 1
    client.post(reverse("localoffer:import-load", args=[record.pk]))
    assert Service.objects.count() == 1


def test_an_upload_that_is_not_utf8_is_refused(client, sign_in):
    sign_in(Role.LOCAL_OFFER_OFFICER)
    body = client.post(
        reverse("localoffer:import"), {"file": SimpleUploadedFile("x.csv", "é".encode("latin-1"))}
    ).content.decode()
    assert "saved as UTF-8" in body


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
        assert {p.column for p in result.problems} <= {
            column,
            "maximum_age",
            "minimum_age",
            "longitude",
            "cost_description",
        }
        assert (len(result.rows), bool(result.problems)) in {(1, False), (0, True)}

    check()


@pytest.mark.parametrize(
    ("text", "row", "words"),
    [
        (lambda: csv_text({**GOOD, "description": "x" * 131_073}), 2, "longer than 131,072 characters"),
        (lambda: csv_text(GOOD) + "Test provider,Too short\r\n", 3, "fewer cells than the header"),
        (lambda: csv_text(GOOD, {**GOOD, "name": "Sensory\x00play"}), 3, "NUL character"),
        (
            lambda: csv_text({**GOOD, "website": "https://example.invalid/" + "p" * 200}),
            2,
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
def test_regression_server_errors_on_malformed_uploads_local_offer_csv(client, sign_in, directory, text, row, words):
    """Finding: a field over 131,072 characters, a row shorter than the header (and a NUL byte, which SQLite
    accepted) gave a server error; each is now a problem by row, and nothing is stored or loaded."""
    data = text()
    check = services_csv_check(data)
    assert {p.row for p in check.problems} == {row} and any(words in p.message for p in check.problems)
    record, again = service_import_prepare(user=directory.team_user, filename="bad.csv", text=data)
    assert again.problems == check.problems
    sign_in(Role.LOCAL_OFFER_OFFICER)
    response = client.post(reverse("localoffer:import"), {"file": SimpleUploadedFile("bad.csv", data.encode())})
    assert response.status_code == 200 and words in response.content.decode()
    assert not Service.objects.exists()
    if "\x00" in data:  # nothing of it is stored
        assert not ServiceImport.objects.exists()


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
        record, check = service_import_prepare(user=directory.team_user, filename="fuzz.csv", text=text)
        assert all(p.row >= 1 and p.message for p in check.problems)
        if check.problems:
            with pytest.raises(ValueError):
                service_import_load(user=directory.team_user, record=record)
            assert not Service.objects.exists()
        else:
            assert service_import_load(user=directory.team_user, record=record) == len(check.rows)
            assert Service.objects.count() == len(check.rows)
            Service.objects.all().delete()
            ServiceImport.objects.all().delete()
