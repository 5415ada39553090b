import pytest
from django.template import engines
from jinja2 import UndefinedError


def test_a_missing_template_variable_fails_rather_than_rendering_empty():
    template = engines["jinja2"].from_string("Hello {{ name_the_view_forgot }}")
    with pytest.raises(UndefinedError):
        template.render({})


def test_a_missing_key_of_a_supplied_object_renders_empty():
    # GOV.UK macro params are dicts whose optional keys are tested freely; our templates may do the same.
    assert engines["jinja2"].from_string("[{{ params.hint }}]").render({"params": {}}) == "[]"


def test_gov_uk_components_render_through_their_own_lenient_environment():
    html = engines["jinja2"].from_string('{{ govukButton({"text": "Save"}) }}').render({})
    assert 'class="govuk-button"' in html and "Save" in html
