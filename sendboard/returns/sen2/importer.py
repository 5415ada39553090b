"""The SEN2 importer: the returns framework's ``check`` and ``load`` for SEN2 person-level XML files."""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone

from sendboard.accounts.models import User
from sendboard.casework.models import Child, Code, RegisterSource
from sendboard.casework.permissions import case_holders
from sendboard.casework.selectors import timescale_rules
from sendboard.core.bulk import collection_paused
from sendboard.core.calendar import default_calendar
from sendboard.core.models import LocalArea
from sendboard.returns.framework import Report
from sendboard.returns.models import ImportedFile
from sendboard.returns.sen2.loader import RegisterLoader
from sendboard.returns.sen2.reader import Context, read_persons


def code_sets() -> dict[str, frozenset[str]]:
    """The codes of the newest version of every code list."""
    newest: dict[str, str] = {}
    rows = list(Code.objects.values_list("code_list__name", "code_list__version", "code"))
    for name, version, _ in rows:
        newest[name] = max(version, newest.get(name, version))
    sets: dict[str, set[str]] = {}
    for name, version, code in rows:
        if version == newest[name]:
            sets.setdefault(name, set()).add(code)
    return {name: frozenset(codes) for name, codes in sets.items()}


def existing_keys(area_id: int) -> dict[tuple, int]:
    keys: dict[tuple, int] = {}
    for child_id, upn, uln, surname, forename, born in Child.objects.filter(local_area_id=area_id).values_list(
        "id", "upn", "uln", "surname", "forename", "birth_date"
    ):
        if upn:
            keys[("upn", upn)] = child_id
        elif uln:
            keys[("uln", uln)] = child_id
        else:
            keys[("name", surname.lower(), forename.lower(), born)] = child_id
    return keys


def database_context() -> Context:
    usernames: dict[str, int | None] = {}

    def caseworker_id(username: str) -> int | None:
        if username not in usernames:
            usernames[username] = (
                # Any case-holding role, main or another the person holds (ADR 0136).
                User.objects.filter(case_holders(), username=username).values_list("id", flat=True).first()
            )
        return usernames[username]

    return Context(
        code_sets=code_sets(),
        area_ids=dict(LocalArea.objects.values_list("la_code", "id")),
        existing_keys=existing_keys,
        caseworker_id=caseworker_id,
    )


def recorded_area_ids() -> frozenset[int]:
    """Areas whose register is recorded in sendboard: SEN2 files are not imported into them (ADR 0145)."""
    return frozenset(
        RegisterSource.objects.filter(source=RegisterSource.Source.RECORDED).values_list("local_area_id", flat=True)
    )


def _refused(header, report: Report, recorded: frozenset[int], told: set) -> bool:
    if header.area_id not in recorded:
        return False
    if header.area_id not in told:
        told.add(header.area_id)
        report.add(
            "Header",
            "LEA",
            "recorded in sendboard",
            f"Local authority {header.values.get('LEA', '')}'s register is recorded in sendboard, so a SEN2 file "
            "cannot be imported into it: that would make two sources of the same cases. Record the steps in "
            "sendboard instead",
        )
    return True


class Sen2Importer:
    kind = "sen2"
    suffix = ".xml"
    count_labels = {
        "person": "Children and young people",
        "request": "Requests for an EHC needs assessment",
        "already in the register": "Already in the register (their records will be replaced by this file's)",
        "assessment with no decision left out": (
            "Assessments that recorded only that no decision had been made, under a "
            "request that did not go to assessment (left out: they hold nothing)"
        ),
    }

    def check(self, path: Path, report: Report) -> None:
        recorded, told = recorded_area_ids(), set()
        with collection_paused():
            for header, _ in read_persons(path, report, database_context()):
                _refused(header, report, recorded, told)

    def load(self, path: Path, imported_file: ImportedFile, report: Report) -> None:
        # The reader and loader make no reference cycles: reference counting frees each batch (ADR 0054).
        with (
            collection_paused(),
            RegisterLoader(
                imported_file=imported_file,
                as_of=timezone.localdate(),
                calendar=default_calendar(),
                rules=timescale_rules(),
            ) as loader,
        ):
            recorded, told = recorded_area_ids(), set()
            for header, person in read_persons(path, report, database_context()):
                if _refused(header, report, recorded, told):
                    continue
                if report.ok:
                    loader.add(header, person)
                    report.count("request", len(person["Request"]))
            if report.ok:
                loader.flush()
