"""The table component rendered in Python writes exactly what govuk-frontend-jinja's macro writes (ADR 0173)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from sendboard.core.govuk import component_macros
from sendboard.core.govuk_table import govuk_table

words = st.text(alphabet=st.sampled_from(list("ab <>&\"'é1")), max_size=6)
optional = {
    "format": st.sampled_from(["numeric", ""]),
    "classes": st.sampled_from(["govuk-!-width-one-half", "", "x <y>"]),
    "colspan": st.sampled_from([2, 0, "3"]),
    "rowspan": st.sampled_from([2, None]),
}
content = st.one_of(
    st.fixed_dictionaries({"text": st.one_of(words, st.integers(-5, 5000), st.none())}),
    st.fixed_dictionaries({"html": st.builds(Markup, words)}),
    st.fixed_dictionaries({"html": st.just(Markup("")), "text": words}),
    st.just({}),
)


@st.composite
def items(draw):
    item = dict(draw(content))
    item.update(draw(st.fixed_dictionaries({}, optional=optional)))
    return item


tables = st.fixed_dictionaries(
    {"rows": st.lists(st.one_of(st.lists(items(), max_size=4), st.just([])), max_size=4)},
    optional={
        "caption": st.one_of(words, st.builds(Markup, words)),
        "captionClasses": st.sampled_from(["govuk-table__caption--m", "", "a&b"]),
        "classes": st.sampled_from(["sendboard-wide", ""]),
        "head": st.lists(items(), max_size=4),
        "firstCellIsHeader": st.booleans(),
    },
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_the_table_is_written_exactly_as_the_macro_writes_it(params):
    assert str(govuk_table(params)) == str(component_macros()["govukTable"](params))


def test_a_table_of_the_casework_pages_shape_is_the_macros():
    params = {
        "caption": "Steps to work on",
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": "Child"}, {"text": "Step"}, {"text": "Due"}, {"text": "Requests", "format": "numeric"}],
        "rows": [
            [
                {"html": Markup('<a class="govuk-link" href="/c/1/">Amira Khan</a>')},
                {"html": Markup('Advice<br><span class="govuk-body-s">Health & care</span>')},
                {"text": "5 December 2026"},
                {"text": "1,204", "format": "numeric"},
            ],
            [{"text": "No advice is awaited.", "colspan": 4}],
        ],
    }
    assert str(govuk_table(params)) == str(component_macros()["govukTable"](params))


def test_a_table_with_attributes_is_drawn_by_the_macro_itself():
    params = {
        "attributes": {"data-module": "x"},
        "head": [{"text": "Indicator", "attributes": {"data-sort": "a"}}],
        "rows": [[{"text": "KS2", "attributes": {"data-indicator": "KS2 <1>"}}]],
    }
    written = str(govuk_table(params))
    assert written == str(component_macros()["govukTable"](params))
    assert 'data-indicator="KS2 &lt;1&gt;"' in written


def test_templates_draw_tables_with_it():
    from django.template import engines

    environment = engines["jinja2"].env
    assert environment.globals["govukTable"] is govuk_table
    page = environment.from_string('{{ govukTable({"rows": [[{"text": "<b>"}]]}) }}').render()
    assert '<td class="govuk-table__cell">&lt;b&gt;</td>' in page
