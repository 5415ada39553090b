"""Given the published files sendboard ships, then each is the file its manifest describes (checksum, publisher,
release, licence), every importer finds its file, one function opens any of them plain or gzipped, and the
page of datasets says which release each figure came from, with the licence's attribution and no server path."""

from __future__ import annotations

import gzip
import hashlib

import pytest

from sendboard.accounts.roles import Role
from sendboard.statistics.importers import IMPORTERS
from sendboard.statistics.published import (
    ATTRIBUTION,
    SHIPPED_DIR,
    PublishedFileMissing,
    manifest,
    open_published,
    published_data_dir,
    published_path,
)

NOT_DATA = {"__init__.py", "manifest.json"}


def shipped_files() -> set[str]:
    return {
        p.relative_to(SHIPPED_DIR).as_posix()
        for p in SHIPPED_DIR.rglob("*")
        if p.is_file() and p.name not in NOT_DATA and "__pycache__" not in p.parts
    }


def test_every_shipped_file_is_in_the_manifest_with_its_checksum():
    listed = {release.path: release for release in manifest()}
    assert set(listed) == shipped_files()
    for path, release in listed.items():
        data = (SHIPPED_DIR / path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == release.sha256, f"{path} is not the file the manifest describes"
        if path.endswith(".gz"):
            assert hashlib.sha256(gzip.decompress(data)).hexdigest() == release.content_sha256, path
        assert release.publisher and release.title and release.release and release.release_date
        assert release.licence == "Open Government Licence v3.0" and release.address.startswith("https://")


def test_every_importer_reads_a_shipped_file_and_the_manifest_says_which():
    readers = {release.name: set(release.read_by) for release in manifest()}
    for importer in IMPORTERS:
        assert importer.kind in readers.get(importer.default_file, set()), f"{importer.default_file} is not shipped"
        assert published_path(importer.default_file, folder=SHIPPED_DIR).is_file()


def test_the_default_folder_is_the_repository_s_own(settings):
    settings.SENDBOARD_PUBLISHED_DATA_DIR = ""
    assert published_data_dir() == SHIPPED_DIR
    with open_published("ehcp_2025/data/caseload.csv") as handle:
        assert handle.readline().startswith("time_period,time_identifier,geographic_level")


def test_open_published_reads_a_plain_or_gzipped_file_alike_from_an_overriding_folder(settings, tmp_path):
    settings.SENDBOARD_PUBLISHED_DATA_DIR = str(tmp_path)
    (tmp_path / "plain.csv").write_text("a,b\n1,2\n", encoding="utf-8-sig")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "packed.csv.gz").write_bytes(gzip.compress(b"a,b\n1,2\n"))
    with open_published("plain.csv") as plain, open_published("sub/packed.csv") as packed:
        assert plain.read() == packed.read() == "a,b\n1,2\n"
    with open_published("sub/packed.csv.gz", binary=True) as raw:
        assert raw.read() == b"a,b\n1,2\n"
    with pytest.raises(PublishedFileMissing, match="nothing.csv"):
        open_published("nothing.csv")


@pytest.mark.django_db
def test_the_datasets_page_names_each_release_and_the_licence_and_no_path(client, sign_in, published):
    sign_in(Role.ANALYST)
    page = client.get("/statistics/").content.decode()
    assert (
        "Department for Education, reporting year 2025 (calendar year 2024 and January 2025, with time series)" in page
    )
    assert "Ofsted, as the inclusion dashboard&#39;s repository held it on 14 February 2024" in page
    assert ATTRIBUTION.split(" Open")[0] in page and "open-government-licence/version/3" in page
    assert str(SHIPPED_DIR) not in page and "/work" not in page and "None loaded" not in page
    detail = client.get("/statistics/datasets/stats_ehcp_caseload/").content.decode()
    address = "https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans/2025"
    assert f'<a class="govuk-link sendboard-break-anywhere" href="{address}">{address}</a>' in detail
    assert (
        "Department for Education: Education, health and care plans: EHC plans in January by placement and age"
        in detail
        and "&lt;a" not in detail
    )
