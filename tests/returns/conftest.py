import pytest

from sendboard.core.models import LocalArea


@pytest.fixture
def area(db):
    return LocalArea.objects.get_or_create(
        la_code="885", defaults={"name": "Worcestershire", "gss_code": "E10000034", "region_name": "West Midlands",
                                 "region_code": "E12000005"}
    )[0]


@pytest.fixture(autouse=True)
def reference_data(request):
    """A browser test elsewhere may have flushed the database, reference data included: restore it."""
    if "django_db" in request.keywords:
        request.getfixturevalue("db")
        from sendboard.casework.reference import reference_data_ensure

        reference_data_ensure()
