"""The page check every test page passes through: given a page showing one of the defects people met, it fails."""

import pytest
from django.template import engines

from tests.page_quality import PageQualityError, assert_page_quality


def page(body: str, *, title: str = "A page") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><main><h1>A page</h1>{body}</main></body></html>"
    )


def render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_a_plain_page_passes():
    assert_page_quality(
        page(
            '<p>Email <a href="mailto:send_team@example.org">send_team@example.org</a>. '
            '<a href="https://example.org/find?age=5&amp;need=ASD">https://example.org/find?age=5&amp;need=ASD</a>. '
            "Child 02e22e9c-5a43-424e-9765-b781c87a3617. The column “review_meeting_prior_24” is blank. Set "
            "<code>primary_need</code> to K.</p>"
        )
    )


def test_todays_escaped_link_fails_the_check_and_the_shared_link_helper_passes():
    # The way five pages built a link for a component's html parameter: once the title is escaped with |e,
    # Jinja escapes the literal <a ...> too, and people saw the tag as text.
    todays = render(
        """{{ govukSummaryList({"rows": [{"key": {"text": "Plan"}, "value": {"html": '<a """
        """class="govuk-link" href="/plans/1/">' ~ (title|e) ~ '</a>'}}]}) }}""",
        title="Improvement plan & more",
    )
    with pytest.raises(PageQualityError, match="markup shown as text"):
        assert_page_quality(page(todays))
    fixed = render(
        """{{ govukSummaryList({"rows": [{"key": {"text": "Plan"}, "value": {"html": govuk_link("/plans/1/", """
        """title, hidden="plan")}}]}) }}""",
        title="Improvement plan & more",
    )
    assert_page_quality(page(fixed))
    assert (
        '<a class="govuk-link" href="/plans/1/">Improvement plan &amp; more<span class="govuk-visually-hidden"> '
        "plan</span></a>"
    ) in fixed


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Cabinet report, 12 July 2018 (seeds/004)", "the word seed"),
        ("The judgement sentence is missing from the seed's text of the letter.", "the word seed"),
        ("times 100 (ADR 0025).", "decision record number"),
        ("Suspensions extract (extracts app: Suspension)", "an app name"),
        ("Community health waits (HealthWait)", "a model name"),
        ("Action changed; status: not_started → in_progress", "raw field name or stored value"),
        ("Children waiting: a whole number (0 to 1e+06)", "Python number format"),
        ("rows: 330; overall_grade=3: 158", "raw field name"),
        ("Rows 3; Census=2025-01-16: 3", "field assignment"),
        ("This field is required.", "Django's default message"),
        ("Ensure this value has at most 5000 characters (it has 29999).", "Django's default message"),
        ("Select a valid choice. 7 is not one of the available choices.", "Django's default message"),
    ],
)
def test_developer_words_and_django_defaults_fail_the_check(text, problem):
    with pytest.raises(PageQualityError, match=problem):
        assert_page_quality(page(f"<p>{text}</p>"))


def test_a_server_path_fails_even_set_out_as_code():
    with pytest.raises(PageQualityError, match="server file path"):
        assert_page_quality(page("<p>The files are read from <code>../data/dfe</code>.</p>"))


def test_markup_typed_into_a_text_box_is_not_a_defect():
    assert_page_quality(
        page('<form><label for="t">Text</label><textarea id="t" name="t">&lt;a href="x"&gt;</textarea></form>')
    )


def test_two_error_summaries_fail_the_check():
    summary = '<div class="govuk-error-summary"><h2>There is a problem</h2></div>'
    with pytest.raises(PageQualityError, match="2 error summaries"):
        assert_page_quality(page(summary * 2, title="Error: A page"))
