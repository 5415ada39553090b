import os
import sys
from pathlib import Path

import pytest

from sendboard.accounts.roles import Role
from tests.factories import UserFactory
from tests.html import ClientRequest
from tests.page_quality import PageQualityClient
from tests.sessions import force_login_verified

# A council clones sendboard with nothing beside it: no test may read the folder the developers keep beside the
# repository. Every file the suite opens is checked (Python's audit hook for "open"), so a test that reads it
# fails wherever it runs, not only on a machine without the folder.
BESIDE_THE_REPOSITORY = str(Path(__file__).resolve().parents[2] / "shared") + os.sep


class ReadBesideTheRepository(AssertionError):
    pass


def _refuse_files_beside_the_repository(event, args):
    if event == "open" and args and isinstance(args[0], str | os.PathLike) and "shared" in os.fspath(args[0]):
        if os.path.abspath(os.fspath(args[0])).startswith(BESIDE_THE_REPOSITORY):
            raise ReadBesideTheRepository(f"a test opened {args[0]}, outside the repository")


sys.addaudithook(_refuse_files_beside_the_repository)


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Files sendboard keeps (uploads waiting to load) go to the test's own folder, never the checkout's data/."""
    settings.SENDBOARD_DATA_DIR = tmp_path / "data"
    return settings.SENDBOARD_DATA_DIR


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what one test's data left there never answers another's."""
    from django.core.cache import cache

    from sendboard.core.memo import memo_clear

    cache.clear()
    memo_clear()


@pytest.fixture
def client():
    """Every HTML page a test fetches goes through the page-quality check."""
    return PageQualityClient()


@pytest.fixture
def client_request(client):
    """The page-quality client's pages, status checked and parsed (``tests/html.py``): ``client_request.get(path)``
    returns a page whose elements tests read by their exact text."""
    return ClientRequest(client)


@pytest.fixture
def sign_in(client):
    """Sign a new user of the given role in by session (never by typing a password), verified with a one-time
    password as every account must be (``verified=False``: a password-only session, with no app set up)."""

    def _sign_in(role: str = Role.AREA_LEADER, *, verified: bool = True, **user_fields):
        user = UserFactory(role=role, **user_fields)
        if verified:
            force_login_verified(client, user)
        else:
            client.force_login(user)
        return user

    return _sign_in


@pytest.fixture
def latest_schema_after():
    """For a test that migrates the database back and forth: whatever it did, the database ends at the latest
    schema, so that no table of an earlier one is left to stop the flush after it (PostgreSQL refuses to
    empty a table another still refers to)."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
