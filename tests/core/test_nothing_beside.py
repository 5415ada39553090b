"""The suite refuses to read the folder kept beside the repository, so nothing it proves depends on it."""

import os
from pathlib import Path

import pytest

from tests.conftest import BESIDE_THE_REPOSITORY, ReadBesideTheRepository


def test_opening_a_file_beside_the_repository_fails_the_test():
    with pytest.raises(ReadBesideTheRepository):
        open(Path(BESIDE_THE_REPOSITORY) / "README.md")  # noqa: SIM115


def test_a_relative_path_to_it_is_refused_too(monkeypatch):
    repository = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(repository)
    relative = Path(os.path.relpath(BESIDE_THE_REPOSITORY, repository)) / "README.md"
    assert relative.parts[0] == ".."
    with pytest.raises(ReadBesideTheRepository):
        relative.read_text()


def test_files_inside_the_repository_open_as_usual():
    assert Path(__file__).read_text().startswith('"""The suite refuses')
