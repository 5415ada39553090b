import pytest

from sendboard.core.models import LocalArea


@pytest.fixture
def area(db):
    return LocalArea.objects.get_or_create(
        la_code="885",
        defaults={
            "name": "Worcestershire",
            "gss_code": "E10000034",
            "region_name": "West Midlands",
            "region_code": "E12000005",
        },
    )[0]


@pytest.fixture(autouse=True)
def returns_settings(settings, tmp_path):
    """Uploads wait in the test's own folder. Import jobs run when a test says so (``tests.jobs.run_queued_jobs``):
    the task a request enqueues on commit never runs in a test that never commits."""
    settings.SENDBOARD_RETURNS_UPLOAD_DIR = str(tmp_path / "uploads")
    return settings
