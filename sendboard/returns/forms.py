from django import forms

from sendboard.core.forms import GovukForm
from sendboard.core.lists import ListFilterForm, sort_choices
from sendboard.returns.framework import IMPORT_KINDS, IMPORTERS
from sendboard.returns.selectors import IMPORTED_FILE_SORTS

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadForm(GovukForm):
    """Any registered importer's file: the analyst says what kind of file it is (ADR 0027)."""

    kind = forms.ChoiceField(label="What kind of file is it?", widget=forms.RadioSelect,
                             error_messages={"required": "Select what kind of file it is"})
    file = forms.FileField(
        label="File", help_text="The file exactly as your system exported it",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, IMPORT_KINDS.get(kind, kind)) for kind in sorted(IMPORTERS, key=lambda k: IMPORT_KINDS.get(k, k))]

    def clean(self):
        cleaned = super().clean()
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        if upload is None or kind is None:
            return cleaned
        suffix = getattr(IMPORTERS[kind], "suffix", "")
        if suffix and not upload.name.lower().endswith(suffix):
            kind_of_file = suffix.lstrip(".").upper()
            article = "an" if kind_of_file[:1] in "AEFHILMNORSX" else "a"  # said as letters: "an XML file", "a CSV file"
            self.add_error("file", f"The selected file must be {article} {kind_of_file} file for {IMPORT_KINDS.get(kind, kind)}")
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
