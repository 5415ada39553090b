import pytest

from sendboard.core.models import LocalArea


@pytest.fixture
def area(db):
    return LocalArea.objects.get_or_create(
        la_code="885", defaults={"name": "Worcestershire", "gss_code": "E10000034", "region_name": "West Midlands",
                                 "region_code": "E12000005"}
    )[0]


@pytest.fixture(autouse=True)
def returns_settings(settings, tmp_path):
    """Uploads wait in the test's own folder; import jobs run when a test says so, not in a thread."""
    settings.SENDBOARD_RETURNS_UPLOAD_DIR = str(tmp_path / "uploads")
    settings.SENDBOARD_RETURNS_JOBS_IN_THREAD = False
    return settings
