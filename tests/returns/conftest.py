import pytest

from sendboard.core.models import LocalArea


@pytest.fixture
def area(db):
    return LocalArea.objects.get_or_create(
        la_code="885", defaults={"name": "Worcestershire", "gss_code": "E10000034", "region_name": "West Midlands",
                                 "region_code": "E12000005"}
    )[0]

