"""Given years of loaded files, when an analyst opens the load page, then the files loaded are listed a page at
a time (not only the latest 20), of one kind when asked, newest or oldest first, in a fixed number of queries."""

from __future__ import annotations

import pytest

from sendboard.accounts.roles import Role
from sendboard.returns.framework import IMPORT_KINDS
from sendboard.returns.models import ImportedFile
from tests.html import pagination_hrefs, table_rows

pytestmark = pytest.mark.django_db


def _files(count: int, kind: str, start: int = 0) -> None:
    for n in range(start, start + count):
        ImportedFile.objects.create(kind=kind, sha256=f"{n:064d}", filename=f"{kind}-{n:03d}.csv", size=1, summary={})


def _names(response) -> list[str]:
    return [row[0].split(" ")[0] for row in table_rows(response.content, "Files loaded")]


def test_the_files_loaded_page_past_twenty(client, sign_in):
    sign_in(Role.ANALYST)
    _files(25, "sen2")
    first = client.get("/returns/")
    assert len(_names(first)) == 20 and _names(first)[0] == "sen2-024.csv"
    assert "?page=2" in pagination_hrefs(first.content)
    assert _names(client.get("/returns/?page=2")) == [f"sen2-{n:03d}.csv" for n in range(4, -1, -1)]


def test_the_files_loaded_filter_by_kind_and_sort_oldest_first(client, sign_in):
    sign_in(Role.ANALYST)
    other = next(kind for kind in IMPORT_KINDS if kind != "sen2")
    _files(2, "sen2")
    _files(2, other, start=10)
    assert _names(client.get("/returns/", {"file_kind": other})) == [f"{other}-011.csv", f"{other}-010.csv"]
    assert _names(client.get("/returns/", {"sort": "oldest"}))[0] == "sen2-000.csv"
    page = client.get("/returns/", {"file_kind": other, "sort": "oldest"}).content.decode()
    assert 'id="id_file_kind"' in page and page.count('id="id_kind"') == 1  # the upload form's own field, once


def test_the_files_loaded_read_in_the_same_number_of_queries(client, sign_in, django_assert_num_queries):
    sign_in(Role.ANALYST)
    _files(2, "sen2")
    # 8: the areas whose register is recorded in sendboard, which refuse SEN2 files (ADR 0145), are one more
    with django_assert_num_queries(8):
        client.get("/returns/")
    _files(40, "sen2", start=2)
    with django_assert_num_queries(8):
        client.get("/returns/", {"page": "2"})


def test_your_loads_page_ten_at_a_time_apart_from_the_files(client, sign_in):
    from sendboard.returns.models import ImportJob

    user = sign_in(Role.ANALYST)
    for n in range(12):
        ImportJob.objects.create(
            kind="sen2",
            filename=f"load-{n:02d}.xml",
            stored_name=f"s{n}",
            requested_by=user,
            state=ImportJob.State.SUCCEEDED,
        )
    _files(25, "sen2")
    first = client.get("/returns/")
    assert len(table_rows(first.content, "Your recent loads")) == 10
    assert {"?loads_page=2", "?page=2"} <= set(pagination_hrefs(first.content))
    both = client.get("/returns/", {"loads_page": 2, "page": 2})
    assert [row[0].split(" ")[0] for row in table_rows(both.content, "Your recent loads")] == [
        "load-01.xml",
        "load-00.xml",
    ]
    assert len(_names(both)) == 5


def test_the_import_page_names_the_areas_that_refuse_sen2_files(client, sign_in):
    from sendboard.casework.models import RegisterSource
    from tests.casework.helpers import worcestershire
    from tests.html import page, text_of

    sign_in(Role.ANALYST)
    RegisterSource.objects.create(local_area=worcestershire(), source="recorded")
    box = page(client.get("/returns/").content).xpath("//div[@id='register-sources']/p")
    assert text_of(box[1]) == "Recorded in sendboard, so SEN2 files are refused: Worcestershire."
