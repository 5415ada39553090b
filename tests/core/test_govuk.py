"""The one mechanism that renders Django form fields as GOV.UK components."""

import re

import pytest
from django import forms
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.core.govuk import error_summary, field


class ChoicesForm(forms.Form):
    needs = forms.MultipleChoiceField(
        label="Needs", choices=[("ASD", "Autism"), ("SLCN", "Speech")], widget=forms.CheckboxSelectMultiple
    )
    phase = forms.ChoiceField(
        label="Phase", choices=[("primary", "Primary"), ("secondary", "Secondary")], widget=forms.RadioSelect
    )


def test_a_multiple_choice_renders_as_checkboxes_keeping_every_choice():
    html = str(field(ChoicesForm({"needs": ["ASD", "SLCN"]})["needs"]))
    assert html.count('type="checkbox"') == 2 and 'type="radio"' not in html
    assert html.count("checked") == 2


def test_a_single_choice_renders_as_radios():
    html = str(field(ChoicesForm({"phase": "secondary"})["phase"]))
    assert html.count('type="radio"') == 2
    assert re.search(r'value="secondary"\s+checked', html)


@pytest.mark.parametrize("name", ["needs", "phase"])
def test_error_summary_links_land_on_the_first_option(name):
    form = ChoicesForm({})
    assert not form.is_valid()
    link = re.search(rf'href="#(id_{name}[^"]*)"', str(error_summary(form))).group(1)
    assert f'id="{link}"' in str(field(form[name]))


@pytest.mark.django_db
def test_an_empty_post_is_a_submitted_form_with_errors(client, sign_in):
    sign_in(Role.ADMINISTRATOR)
    html = client.post(reverse("core:non-working-days"), {}).content.decode()
    assert "There is a problem" in html and "Enter the date of the non-working day" in html


class UploadForm(forms.Form):
    file = forms.FileField(label="Plan workbook", error_messages={"required": "Choose the file to import"})


def test_a_file_field_renders_as_the_file_upload_component_with_its_error():
    form = UploadForm({}, {})
    assert not form.is_valid()
    html = str(field(form["file"]))
    assert 'type="file"' in html and 'class="govuk-file-upload' in html
    assert "Choose the file to import" in html and 'id="id_file"' in html
