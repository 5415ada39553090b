"""The suite runs in parallel (pytest-xdist, ADR 0118): each worker process keeps the guards a single process has,
and shares no database or folder with another worker."""

from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import BESIDE_THE_REPOSITORY, ReadBesideTheRepository


def _worker(request) -> str:
    """``gw0``, ``gw1``… in a worker; ``master`` when the suite runs in one process (``-n 0``)."""
    return getattr(request.config, "workerinput", {}).get("workerid", "master")


def test_a_file_beside_the_repository_is_refused_in_every_worker():
    # The audit hook is installed by tests/conftest.py, which each worker imports for itself.
    with pytest.raises(ReadBesideTheRepository):
        open(Path(BESIDE_THE_REPOSITORY) / "anything.csv")


@pytest.mark.django_db
def test_each_worker_has_a_test_database_of_its_own(request):
    worker = _worker(request)
    if connection.vendor == "sqlite":
        # An in-memory database lives inside its process: no other worker can open it.
        assert connection.is_in_memory_db(), connection.settings_dict["NAME"]
    elif worker == "master":
        assert connection.settings_dict["NAME"].startswith("test_")
    else:
        assert connection.settings_dict["NAME"].endswith(f"_{worker}")


def test_each_worker_keeps_files_in_the_tests_own_folder(request, settings, tmp_path, data_dir):
    assert settings.SENDBOARD_DATA_DIR == data_dir
    assert data_dir.parent == tmp_path
    worker = _worker(request)
    if worker != "master":
        # pytest-xdist gives each worker its own base folder (popen-gw0, popen-gw1…) for every test's tmp_path.
        assert any(part.endswith(worker) for part in tmp_path.parts), tmp_path
