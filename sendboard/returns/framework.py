"""The shape every returns importer shares (ADR 0023).

A file is validated whole and every problem is reported as (record, field, rule, message). A valid file is
loaded in one transaction; a file with any problem loads nothing. The file's SHA-256 is recorded with the
importer's ``version``, so loading the same file again through the same version of its importer is a no-op
(``file_loaded_before``, the one checksum rule), while an importer that has learnt more (a higher version) loads it
again. An importer supplies ``kind``, ``check(path, report)`` (read and validate, writing nothing) and
``load(path, imported_file, report)`` (read, validate again and write). How to add one: ADR 0163.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from django.db import transaction

from sendboard.returns.models import ImportedFile
from sendboard.returns.registry import IMPORT_KINDS, IMPORTERS, importer_register  # noqa: F401 (the registry, read here)

MAX_PROBLEMS = 500  # beyond this, a file is reported as having "and N more" problems
# Files read as text: a NUL byte in one is refused before the importer reads it (ADR 0067). PostgreSQL cannot
# store NUL in text and SQLite silently can, so a NUL that reached a row would load on one and fail on the other.
TEXT_SUFFIXES = frozenset({".csv", ".xml"})


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: the one problem type of every import. ``record`` names the place ("row 3",
    "file", a SEN2 person), ``field`` the column or element, ``rule`` which rule it breaks."""

    record: str
    field: str
    rule: str
    message: str

    def as_list(self) -> list[str]:
        return [self.record, self.field, self.rule, self.message]


class Report:
    """What reading a file found: its problems (the first MAX_PROBLEMS kept, all counted) and its counts."""

    def __init__(self, progress: Callable[[int], None] | None = None) -> None:
        self.problems: list[Problem] = []
        self.problem_count = 0
        self.counts: dict[str, int] = {}
        self.progress = progress
        # How far through the file the reader is (0 to 1), where it knows: set before it calls ``progress``.
        self.fraction: float | None = None

    def add(self, record: str, field: str, rule: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(record, field, rule, message))

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    @property
    def ok(self) -> bool:
        return self.problem_count == 0


class Importer(Protocol):
    """Optional attributes: ``suffix`` (".xml", ".csv", ".ods", ".xlsx": the file name must end so, and the waiting
    upload is stored with it), ``count_labels`` (words for the keys of ``Report.counts``), ``version`` (1 unless
    said: raise it when the importer learns to read more of a file it loaded before, so that the file loads again)
    and ``permission`` (who may load it from a page; the returns upload offers only ``IMPORT_RETURNS`` kinds). An
    importer that loads into something (a plan's actions into that plan) has ``bound(target)``, giving the importer
    for one ``target`` (an id, as text), whose ``target`` attribute the checksum rule counts: the same file may be
    loaded once into each."""

    kind: str

    def check(self, path: Path, report: Report) -> None: ...

    def load(self, path: Path, imported_file: ImportedFile, report: Report) -> None: ...


class ImportRefused(Exception):
    """Raised inside the load transaction to roll it back when the file has problems."""


@dataclass
class ImportOutcome:
    report: Report
    imported_file: ImportedFile | None = None
    already_loaded: bool = False
    checksum: str = ""
    loaded: bool = field(default=False)


def _first_nul(blocks, found=None) -> tuple[int, int] | None:
    """Where the first NUL byte of a stream of blocks is: (line, byte), or None. ``found`` sees every block."""
    nul, start, lines = None, 0, 1
    for block in blocks:
        if found is not None:
            found(block)
        if nul is None:
            at = block.find(0)
            if at >= 0:
                nul = (lines + block.count(b"\n", 0, at), start + at)
                if found is None:
                    break
            else:
                lines += block.count(b"\n")
        start += len(block)
    return nul


def file_facts(path: Path) -> tuple[str, tuple[int, int] | None]:
    """The file's SHA-256 and where its first NUL byte is (line and byte, or None without one), in one read. A
    gzipped file (a shipped published file, ``name.csv.gz``) is checked for NUL as it reads when unpacked."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        nul = _first_nul(iter(lambda: handle.read(1 << 20), b""), found=digest.update)
    if path.name.endswith(".gz"):
        with gzip.open(path, "rb") as handle:
            try:
                nul = _first_nul(iter(lambda: handle.read(1 << 20), b""))
            except (OSError, EOFError):
                nul = None  # a damaged gzip is the importer's to report, as it reads the file
    return digest.hexdigest(), nul


def text_file_refused(*, importer: Importer, nul: tuple[int, int] | None, report: Report) -> bool:
    """Refuse a text file (CSV, XML) that holds a NUL byte at ``nul``, reporting where; True when refused."""
    if nul is None or getattr(importer, "suffix", "") not in TEXT_SUFFIXES:
        return False
    report.add(
        "file",
        "",
        "nul_character",
        f"The file has a NUL character (a zero byte) on line {nul[0]:,} (byte {nul[1]:,}), "
        "which text files never hold: it may be damaged or saved in another format. Save it again as UTF-8 text and "
        "upload it again",
    )
    return True


def importer_version(importer: Importer) -> int:
    return getattr(importer, "version", 1)


def importer_target(importer: Importer) -> str:
    return getattr(importer, "target", "")


def file_loaded_before(*, importer: Importer, checksum: str) -> ImportedFile | None:
    """The one checksum rule: a file is loaded before when the same bytes (SHA-256) were loaded through the same
    kind and version of importer (into the same target, for a bound importer). An importer that has since learnt
    more (a higher version) loads it again."""
    return ImportedFile.objects.filter(
        kind=importer.kind,
        target=importer_target(importer),
        sha256=checksum,
        importer_version=importer_version(importer),
    ).first()


def file_preview(*, importer: Importer, path: Path) -> ImportOutcome:
    """Read and validate a file without writing anything: the preview an analyst sees before committing."""
    checksum, nul = file_facts(path)
    existing = file_loaded_before(importer=importer, checksum=checksum)
    report = Report()
    if existing is None and not text_file_refused(importer=importer, nul=nul, report=report):
        importer.check(path, report)
    return ImportOutcome(report=report, imported_file=existing, already_loaded=existing is not None, checksum=checksum)


def file_import(
    *,
    importer: Importer,
    path: Path,
    filename: str,
    user=None,
    progress: Callable[[int], None] | None = None,
    report: Report | None = None,
) -> ImportOutcome:
    """Load a file all or nothing. The same file (by checksum) loaded before is a no-op. A caller that wants to
    watch the reader (an import job reads ``Report.fraction``) passes its own ``report``."""
    checksum, nul = file_facts(path)
    report = report or Report(progress)
    existing = file_loaded_before(importer=importer, checksum=checksum)
    if existing is not None:
        return ImportOutcome(report=report, imported_file=existing, already_loaded=True, checksum=checksum)
    try:
        with transaction.atomic():
            imported = ImportedFile.objects.create(
                kind=importer.kind,
                importer_version=importer_version(importer),
                target=importer_target(importer),
                sha256=checksum,
                filename=filename[:200],
                size=path.stat().st_size,
                imported_by=user,
            )
            if not text_file_refused(importer=importer, nul=nul, report=report):
                importer.load(path, imported, report)
            if not report.ok:
                raise ImportRefused
            imported.summary = report.counts
            imported.save(update_fields=["summary"])
    except ImportRefused:
        return ImportOutcome(report=report, checksum=checksum)
    return ImportOutcome(report=report, imported_file=imported, checksum=checksum, loaded=True)
