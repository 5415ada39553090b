"""Bulk import of services from CSV: the whole file is validated first, every problem is reported by row and
column, and a valid file loads in one transaction, at most once (its checksum is recorded)."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from sendboard.accounts.models import User
from sendboard.localoffer.models import (
    AccessibilityFeature,
    DirectoryOrganisation,
    Location,
    ServiceImport,
    ServiceVersion,
)
from sendboard.localoffer.parsing import age_range_check, opening_times_parse, postcode_district, postcode_normalise
from sendboard.localoffer.selectors import CATEGORIES_TAXONOMY, NEEDS_TAXONOMY, terms_of
from sendboard.localoffer.services import ServiceContent, service_create_published

COLUMNS = [
    "organisation",
    "name",
    "description",
    "send_support",
    "how_to_access",
    "minimum_age",
    "maximum_age",
    "needs",
    "categories",
    "free",
    "cost_description",
    "opening_times",
    "accessibility",
    "contact_name",
    "phone",
    "email",
    "website",
    "location_name",
    "address",
    "town",
    "postcode",
    "latitude",
    "longitude",
    "review_by",
]
REQUIRED = {
    "organisation",
    "name",
    "description",
    "send_support",
    "how_to_access",
    "minimum_age",
    "maximum_age",
    "free",
    "location_name",
    "address",
    "town",
    "postcode",
    "review_by",
}
MAX_ROWS = 5000
# The longest value each column's field holds: a longer one is a problem, never a database error.
LONGEST = {
    "name": 200,
    "cost_description": 300,
    "phone": 30,
    "contact_name": 120,
    "email": 254,
    "website": 200,
    "location_name": 200,
    "address": 200,
    "town": 100,
    "organisation": 200,
}
NUL_MESSAGE = "has a NUL character (a zero byte), which a CSV file never holds: the file may be damaged; save it again as CSV UTF-8"


@dataclass(frozen=True)
class Problem:
    row: int  # the line of the file, counting the header as line 1
    column: str
    message: str


@dataclass
class ParsedRow:
    organisation: DirectoryOrganisation
    content: ServiceContent
    location: dict
    review_by: date


@dataclass
class ImportCheck:
    problems: list[Problem]
    rows: list[ParsedRow]


def checksum_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _row_check(line: int, row: dict, lookups: dict, problems: list[Problem]) -> ParsedRow | None:
    start = len(problems)

    def problem(column: str, message: str) -> None:
        problems.append(Problem(line, column, message))

    for column in sorted(REQUIRED):
        if not row.get(column, "").strip():
            problem(column, "is empty: it must be filled in")
    value = {k: (row.get(k) or "").strip() for k in COLUMNS}
    for column, longest in LONGEST.items():
        if len(value[column]) > longest:
            problem(column, f"is longer than {longest} characters")
            value[column] = ""
    organisation = lookups["organisations"].get(value["organisation"].lower())
    if value["organisation"] and organisation is None:
        problem("organisation", f"“{value['organisation']}” is not an organisation in the directory")
    ages = {}
    for column in ("minimum_age", "maximum_age"):
        if value[column]:
            try:
                ages[column] = int(value[column])
                if not 0 <= ages[column] <= 25:
                    raise ValueError
            except ValueError:
                problem(column, "must be a whole number of years from 0 to 25")
    if len(ages) == 2:
        try:
            age_range_check(ages["minimum_age"], ages["maximum_age"])
        except ValueError as error:
            problem("maximum_age", str(error))
    terms = {}
    for column, key in (("needs", "needs"), ("categories", "categories")):
        unknown = [c for c in _codes(value[column]) if c not in lookups[key]]
        if unknown:
            problem(column, f"has codes that are not in the list: {', '.join(unknown)}")
        terms[column] = [lookups[key][c] for c in _codes(value[column]) if c in lookups[key]]
    accessibility = _codes(value["accessibility"])
    unknown = [c for c in accessibility if c not in AccessibilityFeature.values]
    if unknown:
        problem("accessibility", f"has codes that are not in the list: {', '.join(unknown)}")
    free = value["free"].lower()
    if free and free not in {"yes", "no"}:
        problem("free", "must be yes or no")
    if free == "no" and not value["cost_description"]:
        problem("cost_description", "must say what the service costs when it is not free")
    try:
        opening_times = opening_times_parse(value["opening_times"])
    except ValueError as error:
        problem("opening_times", str(error))
        opening_times = []
    for column, validator in (("email", EmailValidator()), ("website", URLValidator())):
        if value[column]:
            try:
                validator(value[column])
            except ValidationError:
                problem(
                    column,
                    f"“{value[column]}” is not a valid {'email address' if column == 'email' else 'web address'}",
                )
    postcode = ""
    if value["postcode"]:
        try:
            postcode = postcode_normalise(value["postcode"])
        except ValueError as error:
            problem("postcode", str(error))
    coordinates = {}
    for column, low, high in (("latitude", 49.0, 61.0), ("longitude", -9.0, 2.0)):
        if value[column]:
            try:
                coordinates[column] = float(Decimal(value[column]))
                if not low <= coordinates[column] <= high:
                    raise InvalidOperation
            except InvalidOperation:
                problem(column, f"must be a number from {low} to {high} (in the United Kingdom)")
    if bool(value["latitude"]) != bool(value["longitude"]):
        problem("longitude" if value["latitude"] else "latitude", "give both latitude and longitude, or neither")
    review_by = None
    if value["review_by"]:
        try:
            review_by = date.fromisoformat(value["review_by"])
        except ValueError:
            problem("review_by", "must be a date written as YYYY-MM-DD, like 2027-03-31")
    if len(problems) > start:
        return None
    return ParsedRow(
        organisation=organisation,
        content=ServiceContent(
            name=value["name"],
            description=value["description"],
            send_support=value["send_support"],
            how_to_access=value["how_to_access"],
            minimum_age=ages["minimum_age"],
            maximum_age=ages["maximum_age"],
            is_free=free == "yes",
            cost_description=value["cost_description"],
            url=value["website"],
            email=value["email"],
            phone=value["phone"],
            contact_name=value["contact_name"],
            accessibility=accessibility,
            needs=terms["needs"],
            categories=terms["categories"],
            opening_times=opening_times,
            service_status=ServiceVersion.ServiceStatus.ACTIVE,
        ),
        location={
            "name": value["location_name"],
            "address_1": value["address"],
            "city": value["town"],
            "postcode": postcode,
            "postcode_district": postcode_district(postcode),
            "latitude": coordinates.get("latitude"),
            "longitude": coordinates.get("longitude"),
        },
        review_by=review_by,
    )


def services_csv_check(text: str) -> ImportCheck:
    """Validate a whole file. Nothing is written."""
    if "\x00" in text:
        return ImportCheck([Problem(text.count("\n", 0, text.index("\x00")) + 1, "", f"The file {NUL_MESSAGE}")], [])
    reader = csv.DictReader(io.StringIO(text))
    problems: list[Problem] = []
    rows: list[ParsedRow] = []
    index = 0  # the line last read: the header is line 1
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            return ImportCheck([Problem(1, ", ".join(missing), "the header row lacks these columns")], [])
        reader.fieldnames = header
        index = 1
        lookups = {
            "organisations": {o.name.lower(): o for o in DirectoryOrganisation.objects.all()},
            "needs": {t.code: t for t in terms_of(NEEDS_TAXONOMY)},
            "categories": {t.code: t for t in terms_of(CATEGORIES_TAXONOMY)},
        }
        for index, row in enumerate(reader, start=2):
            if index - 1 > MAX_ROWS:
                problems.append(Problem(index, "", f"the file has more than {MAX_ROWS} rows: split it"))
                break
            if None in row:
                problems.append(Problem(index, "", "the row has more cells than the header has columns"))
                continue
            if None in row.values():
                problems.append(Problem(index, "", "the row has fewer cells than the header has columns"))
                continue
            parsed = _row_check(index, row, lookups, problems)
            if parsed:
                rows.append(parsed)
    except csv.Error as error:
        where = index + 1
        if "field larger than field limit" in str(error):
            problems.append(
                Problem(
                    where,
                    "",
                    f"a value is longer than {csv.field_size_limit():,} characters, far more than any column holds",
                )
            )
        else:
            problems.append(Problem(where, "", "the row cannot be read as CSV: a quotation mark may be missing"))
        return ImportCheck(problems, [])
    if not rows and not problems:
        problems.append(Problem(2, "", "the file has no rows of services"))
    return ImportCheck(problems, rows)


def service_import_prepare(*, user: User, filename: str, text: str) -> tuple[ServiceImport, ImportCheck]:
    """Record an uploaded file (once per checksum) and check it. A file with a NUL byte is not recorded: no
    database stores NUL in text alike (PostgreSQL refuses it, SQLite keeps it)."""
    if "\x00" in text:
        return ServiceImport(filename=filename[:200]), services_csv_check(text)
    record, _ = ServiceImport.objects.get_or_create(
        checksum=checksum_of(text),
        defaults={"filename": filename[:200], "content": text, "uploaded_by": user, "uploaded_at": timezone.now()},
    )
    return record, services_csv_check(record.content)


@transaction.atomic
def service_import_load(*, user: User, record: ServiceImport) -> int:
    """Load a checked file, all or nothing. A file already loaded changes nothing and loads 0 services."""
    if record.pk is None:  # a file refused before it was recorded (a NUL byte)
        raise ValueError("The file has problems: it was not loaded")
    record = ServiceImport.objects.select_for_update().get(pk=record.pk)
    if record.loaded_at is not None:
        return 0
    check = services_csv_check(record.content)
    if check.problems:
        raise ValueError("The file has problems: it was not loaded")
    for row in check.rows:
        location, _ = Location.objects.get_or_create(
            name=row.location["name"], postcode=row.location["postcode"], defaults=row.location
        )
        row.content.locations = [location]
        service_create_published(user=user, organisation=row.organisation, content=row.content, review_by=row.review_by)
    record.loaded_at, record.services_loaded = timezone.now(), len(check.rows)
    record.save(update_fields=["loaded_at", "services_loaded"])
    return len(check.rows)
