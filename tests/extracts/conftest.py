from __future__ import annotations

from datetime import date

import pytest

from sendboard.core.models import LocalArea
from sendboard.returns.framework import file_import
from sendboard.returns.sen2.generated import area_files_generate
from sendboard.returns.sen2.importer import Sen2Importer

AS_OF = date(2025, 11, 20)


@pytest.fixture
def area(db) -> LocalArea:
    return LocalArea.objects.get_or_create(
        la_code="885",
        defaults={
            "name": "Worcestershire",
            "gss_code": "E10000034",
            "region_name": "West Midlands",
            "region_code": "E12000005",
        },
    )[0]


@pytest.fixture
def small_register(area, tmp_path) -> LocalArea:
    """The small generated register, loaded through the SEN2 importer as the demo loads it."""
    [path] = area_files_generate(size="small", out_dir=tmp_path / "sen2", as_of=AS_OF, caseworker=None)
    assert file_import(importer=Sen2Importer(), path=path, filename=path.name).loaded
    return area
