import pytest


@pytest.fixture(autouse=True)
def reference_data(request):
    """A browser test elsewhere may have flushed the database, reference data included: restore it."""
    if "django_db" in request.keywords or any(name in request.fixturenames for name in ("db", "client", "sign_in")):
        request.getfixturevalue("db")
        from sendboard.casework.reference import reference_data_ensure

        reference_data_ensure()
