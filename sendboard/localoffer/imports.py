"""Bulk import of services from CSV, an importer of the returns framework (ADR 0163): the whole file is validated
first by a form per row, every problem is reported by row, column and rule, and a valid file loads in one
transaction, once (the framework's checksum rule), as a job the Local Offer team watches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from sendboard.accounts.roles import Permission
from sendboard.localoffer.models import AccessibilityFeature, DirectoryOrganisation, Location, ServiceVersion
from sendboard.localoffer.parsing import age_range_check, opening_times_parse, postcode_district, postcode_normalise
from sendboard.localoffer.selectors import CATEGORIES_TAXONOMY, NEEDS_TAXONOMY, terms_of
from sendboard.localoffer.services import ServiceContent, service_create_published
from sendboard.returns.framework import Problem, Report
from sendboard.returns.models import ImportedFile
from sendboard.returns.rows import RowForm, csv_dict_rows, rows_validate, rule

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

REQUIRED_MESSAGE = "is empty: it must be filled in"
AGE_MESSAGE = "must be a whole number of years from 0 to 25"


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _text(name: str, *, required: bool = False) -> forms.CharField:
    longest = LONGEST.get(name)
    return forms.CharField(
        required=required,
        max_length=longest,
        error_messages={"required": REQUIRED_MESSAGE, "max_length": f"is longer than {longest} characters"},
    )


def _age() -> forms.IntegerField:
    return forms.IntegerField(
        min_value=0,
        max_value=25,
        error_messages={key: AGE_MESSAGE for key in ("invalid", "min_value", "max_value")}
        | {"required": REQUIRED_MESSAGE},
    )


class ServiceRow(RowForm):
    """One row of the services CSV: a column each, and the rules across columns in ``clean``."""

    organisation = _text("organisation", required=True)
    name = _text("name", required=True)
    description = _text("description", required=True)
    send_support = _text("send_support", required=True)
    how_to_access = _text("how_to_access", required=True)
    minimum_age = _age()
    maximum_age = _age()
    needs = _text("needs")
    categories = _text("categories")
    free = _text("free", required=True)
    cost_description = _text("cost_description")
    opening_times = _text("opening_times")
    accessibility = _text("accessibility")
    contact_name = _text("contact_name")
    phone = _text("phone")
    email = _text("email")
    website = _text("website")
    location_name = _text("location_name", required=True)
    address = _text("address", required=True)
    town = _text("town", required=True)
    postcode = _text("postcode", required=True)
    latitude = _text("latitude")
    longitude = _text("longitude")
    review_by = _text("review_by", required=True)

    def clean_organisation(self):
        value = self.cleaned_data["organisation"]
        found = self.context["organisations"].get(value.lower())
        if found is None:
            raise rule("unknown organisation", f"“{value}” is not an organisation in the directory")
        return found

    def _terms(self, name: str):
        known = self.context[name]
        unknown = [code for code in _codes(self.cleaned_data[name]) if code not in known]
        if unknown:
            raise rule("code", f"has codes that are not in the list: {', '.join(unknown)}")
        return [known[code] for code in _codes(self.cleaned_data[name])]

    def clean_needs(self):
        return self._terms("needs")

    def clean_categories(self):
        return self._terms("categories")

    def clean_accessibility(self):
        codes = _codes(self.cleaned_data["accessibility"])
        unknown = [code for code in codes if code not in AccessibilityFeature.values]
        if unknown:
            raise rule("code", f"has codes that are not in the list: {', '.join(unknown)}")
        return codes

    def clean_free(self):
        free = self.cleaned_data["free"].lower()
        if free not in {"yes", "no"}:
            raise rule("yes or no", "must be yes or no")
        return free == "yes"

    def clean_opening_times(self):
        try:
            return opening_times_parse(self.cleaned_data["opening_times"])
        except ValueError as error:
            raise rule("opening times", str(error)) from None

    def _address(self, name: str, validator, words: str) -> str:
        value = self.cleaned_data[name]
        if value:
            try:
                validator(value)
            except ValidationError:
                raise rule("format", f"“{value}” is not a valid {words}") from None
        return value

    def clean_email(self):
        return self._address("email", EmailValidator(), "email address")

    def clean_website(self):
        return self._address("website", URLValidator(), "web address")

    def clean_postcode(self):
        try:
            return postcode_normalise(self.cleaned_data["postcode"])
        except ValueError as error:
            raise rule("postcode", str(error)) from None

    def _coordinate(self, name: str, low: float, high: float) -> float | None:
        value = self.cleaned_data[name]
        if not value:
            return None
        try:
            number = float(Decimal(value))
        except InvalidOperation:
            number = None
        if number is None or not low <= number <= high:
            raise rule("range", f"must be a number from {low} to {high} (in the United Kingdom)")
        return number

    def clean_latitude(self):
        return self._coordinate("latitude", 49.0, 61.0)

    def clean_longitude(self):
        return self._coordinate("longitude", -9.0, 2.0)

    def clean_review_by(self):
        try:
            return date.fromisoformat(self.cleaned_data["review_by"])
        except ValueError:
            raise rule("date", "must be a date written as YYYY-MM-DD, like 2027-03-31") from None

    def clean(self):
        cleaned = super().clean()
        ages = (cleaned.get("minimum_age"), cleaned.get("maximum_age"))
        if None not in ages:
            try:
                age_range_check(*ages)
            except ValueError as error:
                self.add_error("maximum_age", rule("age range", str(error)))
        if (
            cleaned.get("free") is False
            and not cleaned.get("cost_description")
            and "cost_description" not in self.errors
        ):
            self.add_error("cost_description", rule("cost", "must say what the service costs when it is not free"))
        latitude, longitude = ((self.data.get(name) or "").strip() for name in ("latitude", "longitude"))
        if bool(latitude) != bool(longitude):
            pair = rule("pair", "give both latitude and longitude, or neither")
            self.add_error("longitude" if latitude else "latitude", pair)
        return cleaned


@dataclass
class ParsedRow:
    organisation: DirectoryOrganisation
    content: ServiceContent
    location: dict
    review_by: date


def _parsed(value: dict) -> ParsedRow:
    postcode = value["postcode"]
    return ParsedRow(
        organisation=value["organisation"],
        content=ServiceContent(
            name=value["name"],
            description=value["description"],
            send_support=value["send_support"],
            how_to_access=value["how_to_access"],
            minimum_age=value["minimum_age"],
            maximum_age=value["maximum_age"],
            is_free=value["free"],
            cost_description=value["cost_description"],
            url=value["website"],
            email=value["email"],
            phone=value["phone"],
            contact_name=value["contact_name"],
            accessibility=value["accessibility"],
            needs=value["needs"],
            categories=value["categories"],
            opening_times=value["opening_times"],
            service_status=ServiceVersion.ServiceStatus.ACTIVE,
        ),
        location={
            "name": value["location_name"],
            "address_1": value["address"],
            "city": value["town"],
            "postcode": postcode,
            "postcode_district": postcode_district(postcode),
            "latitude": value["latitude"],
            "longitude": value["longitude"],
        },
        review_by=value["review_by"],
    )


def services_csv_read(text: str, report: Report) -> list[ParsedRow]:
    """Validate a whole file's text, reporting every problem. Nothing is written."""
    context = {
        "organisations": {o.name.lower(): o for o in DirectoryOrganisation.objects.all()},
        "needs": {t.code: t for t in terms_of(NEEDS_TAXONOMY)},
        "categories": {t.code: t for t in terms_of(CATEGORIES_TAXONOMY)},
    }
    rows = csv_dict_rows(text, report, columns=COLUMNS, max_rows=MAX_ROWS)
    parsed = [_parsed(value) for _, value in rows_validate(ServiceRow, rows, report, context=context)]
    if not parsed and report.ok:
        report.add("row 2", "", "no rows", "the file has no rows of services")
    return parsed if report.ok else []


@dataclass
class ImportCheck:
    problems: list[Problem]
    rows: list[ParsedRow]


def services_csv_check(text: str) -> ImportCheck:
    """Validate a whole file's text: its problems and, when it has none, its rows. Nothing is written."""
    report = Report()
    rows = services_csv_read(text, report)
    return ImportCheck(report.problems, rows)


class ServicesImporter:
    """The Local Offer's CSV of services, on the returns framework: loaded from the Local Offer team's pages."""

    kind = "localoffer_services"
    label = "Local Offer services (CSV)"
    suffix = ".csv"
    version = 1
    permission = Permission.MANAGE_LOCAL_OFFER
    count_labels = {"services": "Services (each published when the file is loaded)"}

    def _text(self, path: Path, report: Report) -> str | None:
        try:
            return path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            report.add("file", "", "encoding", "The file must be a CSV file saved as UTF-8")
            return None

    def check(self, path: Path, report: Report) -> None:
        text = self._text(path, report)
        if text is not None:
            report.count("services", len(services_csv_read(text, report)))

    def load(self, path: Path, imported_file: ImportedFile, report: Report) -> None:
        text = self._text(path, report)
        rows = services_csv_read(text, report) if text is not None else []
        if not report.ok:
            return
        for row in rows:
            location, _ = Location.objects.get_or_create(
                name=row.location["name"], postcode=row.location["postcode"], defaults=row.location
            )
            row.content.locations = [location]
            service_create_published(
                user=imported_file.imported_by,
                organisation=row.organisation,
                content=row.content,
                review_by=row.review_by,
            )
        report.count("services", len(rows))
