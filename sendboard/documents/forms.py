from __future__ import annotations

from django import forms

from sendboard.core.forms import GovukForm, VersionedForm
from sendboard.core.govuk import GovukDateField
from sendboard.documents.models import DocumentKind, LetterKind
from sendboard.documents.services import DOCUMENT_MAX_BYTES


class DocumentUploadForm(GovukForm):
    kind = forms.ChoiceField(
        label="What type of document is it?",
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of document"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Educational psychology advice. Do not include the child's name",
        error_messages={
            "required": "Enter a title for the document",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    document_date = GovukDateField(
        label="Date of the document",
        help_text="The date written on it, for example 27 3 2026",
        error_messages={"required": "Enter the date of the document"},
    )
    file = forms.FileField(
        label="File",
        help_text="A PDF, a Word document, or a JPEG or PNG image, smaller than 10 MB",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
    shared_with = forms.MultipleChoiceField(
        label="Share with partner organisations",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Casework staff always see the child's documents. A partner sees only what is shared with them",
        error_messages={"invalid_choice": "Select organisations from the list"},
    )

    def __init__(self, *args, partners: list[tuple[int, str]], today, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["shared_with"].choices = [(str(pk), name) for pk, name in partners]

    def clean_document_date(self):
        day = self.cleaned_data["document_date"]
        if day and day > self.today:
            raise forms.ValidationError("The date of the document must be today or in the past")
        return day

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > DOCUMENT_MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 10 MB")
        return upload


class LetterChoiceForm(GovukForm):
    letter = forms.ChoiceField(
        label="Which letter?",
        choices=LetterKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which letter to write"},
    )


class LetterTemplateForm(VersionedForm):
    subject = forms.CharField(
        label="Heading",
        max_length=200,
        help_text="The line in bold above the letter",
        error_messages={"required": "Enter the heading", "max_length": "The heading must be 200 characters or fewer"},
    )
    body = forms.CharField(
        label="Wording",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 25}),
        help_text="Leave a blank line between paragraphs. Put a placeholder from the list in double curly brackets",
        error_messages={
            "required": "Enter the wording",
            "max_length": "The wording must be 20,000 characters or fewer",
        },
    )
