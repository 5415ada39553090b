from django import forms

from sendboard.accounts.roles import Permission
from sendboard.core.forms import GovukForm
from sendboard.core.govuk import GovukDateField, format_date
from sendboard.core.lists import ListFilterForm, sort_choices
from sendboard.returns.framework import IMPORT_KINDS, IMPORTERS
from sendboard.returns.permissions import importer_kinds_for
from sendboard.returns.selectors import IMPORTED_FILE_SORTS
from sendboard.returns.sen2.exporter import sen2_header
from sendboard.returns.sen2.years import NEWEST, YEARS, collection_for

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadForm(GovukForm):
    """Any registered importer's file: the analyst says what kind of file it is (ADR 0027)."""

    kind = forms.ChoiceField(
        label="What kind of file is it?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of file it is"},
    )
    file = forms.FileField(
        label="File",
        help_text="The file exactly as your system exported it",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kinds = importer_kinds_for(Permission.IMPORT_RETURNS, IMPORTERS)
        self.fields["kind"].choices = [
            (kind, IMPORT_KINDS.get(kind, kind)) for kind in sorted(kinds, key=lambda k: IMPORT_KINDS.get(k, k))
        ]

    def clean(self):
        cleaned = super().clean()
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        if upload is None or kind is None:
            return cleaned
        suffix = getattr(IMPORTERS[kind], "suffix", "")
        if suffix and not upload.name.lower().endswith(suffix):
            kind_of_file = suffix.lstrip(".").upper()
            article = (
                "an" if kind_of_file[:1] in "AEFHILMNORSX" else "a"
            )  # said as letters: "an XML file", "a CSV file"
            self.add_error(
                "file", f"The selected file must be {article} {kind_of_file} file for {IMPORT_KINDS.get(kind, kind)}"
            )
        elif upload.size > MAX_UPLOAD_BYTES:
            self.add_error("file", "The selected file must be smaller than 200 MB")
        return cleaned

    @property
    def importer(self):
        return IMPORTERS[self.cleaned_data["kind"]]


class ImportedFileFilterForm(ListFilterForm):
    """Which loaded files the list shows."""

    # Not "kind": the upload form on the same page has a field of that name.
    file_kind = forms.ChoiceField(label="Kind of file", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=sort_choices(IMPORTED_FILE_SORTS))
    defaults = {"file_kind": "", "sort": "newest"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file_kind"].choices = [("", "Every kind"), *sorted(IMPORT_KINDS.items(), key=lambda item: item[1])]


class Sen2ExportForm(GovukForm):
    """What the SEN2 file is for: the collection year, its reference date and the header the year asks for."""

    KINDS = [
        ("return", "The SEN2 return to submit to the Department for Education (only what the collection asks for)"),
        ("sendboard", "A copy of the register for another sendboard (the return and the casework it does not carry)"),
    ]
    OFFICERS = [("Y", "Yes"), ("N", "No"), ("R", "Recruitment in progress")]

    year = forms.ChoiceField(
        label="Which collection is the file for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the collection the file is for"},
    )
    reference_date = GovukDateField(
        label="Reference date",
        help_text="The collection's census day, for example 15 1 2026",
        error_messages={"required": "Enter the collection's reference date"},
    )
    dmo = forms.ChoiceField(
        label="Does the area have a Designated Medical Officer?",
        widget=forms.RadioSelect,
        choices=OFFICERS,
        error_messages={"required": "Select whether the area has a Designated Medical Officer"},
    )
    dco = forms.ChoiceField(
        label="Does the area have a Designated Clinical Officer?",
        widget=forms.RadioSelect,
        choices=OFFICERS,
        error_messages={"required": "Select whether the area has a Designated Clinical Officer"},
    )
    dsco = forms.ChoiceField(
        label="Does the area have a Designated Social Care Officer?",
        widget=forms.RadioSelect,
        choices=OFFICERS,
        required=False,
        help_text="Asked from the 2025 collection, and required from 2026",
    )
    serial_no = forms.IntegerField(
        label="Submission number",
        min_value=1,
        max_value=999,
        initial=1,
        help_text="1 for the first file you submit for this collection, 2 for the next, and so on",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": "Enter the submission number"},
    )
    kind = forms.ChoiceField(
        label="Which file do you need?",
        widget=forms.RadioSelect,
        choices=KINDS,
        initial="return",
        error_messages={"required": "Select which file you need"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(str(year), f"The January {year} collection") for year in reversed(YEARS)]
        self.fields["year"].initial = str(NEWEST.year)
        self.fields["reference_date"].initial = NEWEST.reference_date()

    def clean(self):
        cleaned = super().clean()
        collection = collection_for(cleaned.get("year"))
        if collection is None:
            return cleaned
        day = cleaned.get("reference_date")
        if day is not None and day.year != collection.year:
            self.add_error(
                "reference_date",
                f"The reference date must be in {collection.year}, the year of the collection "
                f"(its census day was {format_date(collection.reference_date())})",
            )
        if "DSCO" in collection.required_officers and not cleaned.get("dsco"):
            self.add_error(
                "dsco",
                f"Select whether the area has a Designated Social Care Officer: the {collection.year} collection asks",
            )
        return cleaned

    def header(self, *, area, created) -> dict[str, str]:
        data = self.cleaned_data
        year = int(data["year"])
        return sen2_header(
            area=area,
            reference_date=data["reference_date"],
            year=year,
            serial_no=data["serial_no"],
            created=created,
            officers={"DMO": data["dmo"], "DCO": data["dco"], "DSCO": data.get("dsco") or ""},
        )
