from django import forms

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class Sen2UploadForm(forms.Form):
    file = forms.FileField(
        label="SEN2 file", help_text="The XML file your case management system exports for the SEN2 return",
        error_messages={"required": "Select a SEN2 file", "empty": "The selected file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xml"):
            raise forms.ValidationError("The selected file must be an XML file")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 200 MB")
        return upload
