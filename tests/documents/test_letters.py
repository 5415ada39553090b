"""Letters: the council's wording, with placeholders filled from the record by Jinja2's sandbox, previewed,
then saved as a PDF among the child's documents; team managers change the wording, and a placeholder
sendboard cannot fill is refused when it is saved (ADR 0158)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from sendboard.accounts.roles import Role
from sendboard.audit.models import Change
from sendboard.casework.models import PlanDetail
from sendboard.casework.selectors import code_labels
from sendboard.documents import letters
from sendboard.documents.models import Document, DocumentKind, LetterKind, LetterTemplate
from sendboard.documents.services import letter_wording_version
from tests.casework.helpers import make_case, other_area, team, worcestershire
from tests.html import page, text_of

pytestmark = pytest.mark.django_db


def _complete_case(**kw):
    child = make_case(
        received=date(2025, 3, 3),
        decided=date(2025, 4, 10),
        outcome="Y",
        assessment_outcome="Y",
        assessed=date(2025, 6, 2),
        draft=date(2025, 6, 9),
        plan_start=date(2025, 7, 14),
        review_meeting=date(2026, 6, 1),
        review_outcome="M",
        last_review=date(2026, 6, 20),
        **kw,
    )
    named_plan = child.requests.get().assessment.named_plan
    PlanDetail.objects.create(named_plan=named_plan, sen_setting_other="Riverside Primary School")
    return child


def _values(child):
    return letters.record_values(
        child, council_name="Worcestershire County Council", labels=code_labels(), today=date(2026, 7, 1)
    )


@pytest.mark.parametrize("letter", LetterKind.values)
def test_the_shipped_wording_uses_only_placeholders_sendboard_fills(letter):
    wording = letters.shipped_wording(letter)
    letters.wording_check(wording.subject, field="subject")
    letters.wording_check(wording.body, field="body")


@pytest.mark.parametrize("letter", LetterKind.values)
def test_the_shipped_wording_fills_from_a_complete_case_with_nothing_missing(letter):
    filled = letters.letter_fill(letters.shipped_wording(letter), _values(_complete_case()))
    assert "[not recorded]" not in filled.subject + " ".join(p.text for p in filled.paragraphs)


def test_the_decision_letter_names_the_child_and_the_dates():
    child = _complete_case()
    filled = letters.letter_fill(letters.shipped_wording(LetterKind.DECISION_TO_ASSESS), _values(child))
    assert filled.subject == "We will carry out an education, health and care needs assessment for Child Test"
    assert filled.paragraphs[2].text == (
        "We have looked carefully at the information you and others sent us. On 10 April 2025 we decided that we "
        "will carry out an EHC needs assessment."
    )


def test_the_review_letter_gives_the_decision_in_words():
    values = _values(_complete_case())
    assert values["review"]["decision"] == "maintain the EHC plan"


def test_the_draft_plan_letter_gives_the_last_day_for_views():
    assert _values(_complete_case())["plan"]["response_date"] == "24 June 2025"


def test_a_short_line_alone_is_a_heading():
    filled = letters.letter_fill(letters.Wording("Heading", "What happens next\n\nWe will write."), {})
    assert [(p.text, p.heading) for p in filled.paragraphs] == [("What happens next", True), ("We will write.", False)]


def test_markup_in_the_wording_or_the_record_is_shown_as_text():
    child = _complete_case()
    child.forename = "<b>Ann</b>"
    filled = letters.letter_fill(letters.Wording("H", "<i>Dear</i> {{ child.first_name }}."), _values(child))
    assert str(filled.paragraphs[0].text) == "&lt;i&gt;Dear&lt;/i&gt; &lt;b&gt;Ann&lt;/b&gt;."


def test_an_unknown_placeholder_is_refused():
    with pytest.raises(ValidationError) as refused:
        letters.wording_check("Dear {{ parent.name }} and {{ child.name }}", field="body")
    assert refused.value.message_dict == {
        "body": ["sendboard cannot fill “parent.name”: use only the placeholders listed on this page"]
    }


def test_an_unfinished_placeholder_is_refused():
    with pytest.raises(ValidationError) as refused:
        letters.wording_check("Dear parent,\n\n{{ child.name ", field="body")
    assert refused.value.message_dict == {
        "body": ["There is a mistake in a placeholder on line 3: check each one opens with {{ and closes with }}"]
    }


def test_the_sandbox_refuses_reaching_behind_a_value():
    with pytest.raises(ValidationError):
        letters.letter_fill(letters.Wording("H", "{{ child.name.__class__ }}"), _values(_complete_case()))


def test_a_letter_is_a_pdf_in_the_installed_fonts_only():
    values = _values(_complete_case())
    filled = letters.letter_fill(letters.shipped_wording(LetterKind.FINAL_PLAN_COVER), values)
    reader = PdfReader(io.BytesIO(letters.letter_pdf(letters.letter_html(filled, values=values))))
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for sheet in reader.pages
        for font in sheet["/Resources"]["/Font"].values()
    }
    assert fonts == {"DejaVu-Sans", "DejaVu-Sans-Bold"}
    assert "The final education, health and care plan for Child Test" in reader.pages[0].extract_text()


def test_reaching_behind_a_value_is_refused_at_save():
    with pytest.raises(ValidationError):
        letters.wording_check("{{ child.name.__class__ }}", field="body")


def test_another_unknown_group_or_a_bare_group_is_refused():
    with pytest.raises(ValidationError) as refused:
        letters.wording_check("{{ child }} {{ school.name }} {{ child.name }}", field="body")
    assert refused.value.message_dict == {
        "body": ["sendboard cannot fill “child”, “school.name”: use only the placeholders listed on this page"]
    }


# --- Pages ---------------------------------------------------------------------------------------------


@pytest.fixture
def caseworker(sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation)
    return user


def _preview_url(child, letter=LetterKind.DECISION_TO_ASSESS):
    return reverse("documents:letter-preview", args=[child.public_id, letter])


def test_the_preview_shows_the_letter_filled_in(client, caseworker):
    child = _complete_case()
    html = client.get(_preview_url(child)).content.decode()
    subject = page(html).xpath('//p[contains(@class, "sendboard-letter__subject")]')[0]
    assert text_of(subject) == "We will carry out an education, health and care needs assessment for Child Test"


def test_the_preview_reads_in_a_fixed_number_of_queries(client, caseworker, django_assert_max_num_queries):
    child = _complete_case()
    # The child with everything recorded about the case (casework's prefetches, appeals, consultations and the
    # plan's review history among them)
    with django_assert_max_num_queries(18):
        assert client.get(_preview_url(child)).status_code == 200


def test_saving_the_letter_keeps_a_pdf_decision_letter(client, caseworker):
    child = _complete_case()
    response = client.post(_preview_url(child))
    assert response["Location"] == reverse("documents:child-documents", args=[child.public_id])
    document = Document.objects.defer(None).get()
    assert (document.kind, document.title, document.content_type, bytes(document.content)[:4]) == (
        DocumentKind.DECISION_LETTER,
        "Decision to carry out an EHC needs assessment",
        "application/pdf",
        b"%PDF",
    )


def test_a_letter_the_record_cannot_fill_yet_is_refused(client, caseworker):
    child = make_case(received=date(2025, 3, 3))  # no decision yet
    response = client.post(_preview_url(child))
    errors = [
        text_of(li) for li in page(response.content).xpath('//ul[contains(@class, "govuk-error-summary__list")]/li')
    ]
    assert (response.status_code, errors) == (
        400,
        ["Record when the council decided whether to assess before producing this letter"],
    )
    assert not Document.objects.exists()


def test_the_letter_chosen_leads_to_its_preview(client, caseworker):
    child = _complete_case()
    response = client.get(reverse("documents:letter-choose", args=[child.public_id]), {"letter": "review_decision"})
    assert response["Location"] == _preview_url(child, LetterKind.REVIEW_DECISION)


def test_a_caseworker_of_another_area_gets_404_for_a_letter(client, sign_in):
    user = sign_in(Role.CASEWORKER)
    team(user.organisation, other_area())
    assert client.get(_preview_url(_complete_case())).status_code == 404
    assert client.post(_preview_url(_complete_case())).status_code == 404


# --- The council's wording -----------------------------------------------------------------------------


@pytest.fixture
def manager(sign_in):
    user = sign_in(Role.TEAM_MANAGER)
    team(user.organisation)
    return user


def _edit_url(letter=LetterKind.DECISION_NOT_TO_ASSESS):
    return reverse("documents:letter-template-edit", args=[worcestershire().la_code, letter])


def _post_wording(client, body, subject="Our decision about {{ child.name }}", version=None):
    if version is None:
        version = letter_wording_version(letters.shipped_wording(LetterKind.DECISION_NOT_TO_ASSESS))
    return client.post(_edit_url(), {"subject": subject, "body": body, "version": version})


def test_the_letters_page_lists_every_letter_as_shipped(client, manager):
    from tests.html import table_rows

    rows = table_rows(client.get(reverse("documents:letter-templates")).content, "Worcestershire")
    assert [row[:2] for row in rows] == [[str(label), "As sendboard provides it"] for label in LetterKind.labels]


def test_the_letters_page_reads_in_a_fixed_number_of_queries(client, manager, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get(reverse("documents:letter-templates")).status_code == 200


def test_the_edit_page_reads_in_a_fixed_number_of_queries(client, manager, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        assert client.get(_edit_url()).status_code == 200


def test_a_team_manager_saves_the_councils_wording(client, manager):
    response = _post_wording(client, "Dear {{ child.first_name }}'s family,\n\nWe will not assess.")
    assert response["Location"] == reverse("documents:letter-templates")
    template = LetterTemplate.objects.get()
    assert (template.subject, template.body, template.updated_by) == (
        "Our decision about {{ child.name }}",
        "Dear {{ child.first_name }}'s family,\n\nWe will not assess.",
        manager,
    )


def test_a_change_of_wording_is_kept_in_the_history(client, manager):
    _post_wording(client, "We will not assess.")
    change = Change.objects.get()
    assert change.what == "Letter wording changed: Decision not to carry out an EHC needs assessment"
    assert change.after == {"subject": "Our decision about {{ child.name }}", "body": "We will not assess."}
    assert change.before["body"] == letters.shipped_wording(LetterKind.DECISION_NOT_TO_ASSESS).body


def test_an_unknown_placeholder_is_refused_at_save_and_nothing_changes(client, manager):
    response = _post_wording(client, "Dear {{ parent.name }},")
    errors = [
        text_of(li) for li in page(response.content).xpath('//ul[contains(@class, "govuk-error-summary__list")]/li')
    ]
    assert errors == ["sendboard cannot fill “parent.name”: use only the placeholders listed on this page"]
    assert page(response.content).get_element_by_id("id_body").text_content() == "Dear {{ parent.name }},"
    assert not LetterTemplate.objects.exists()


def test_a_save_on_wording_changed_since_is_refused(client, manager):
    _post_wording(client, "First change.")
    response = _post_wording(client, "Second change.")  # opened on the shipped wording
    assert response.status_code == 200
    assert LetterTemplate.objects.get().body == "First change."


def test_the_councils_wording_is_used_in_letters(client, manager):
    _post_wording(client, "We have decided not to assess {{ child.first_name }}.")
    child = make_case(received=date(2025, 3, 3), decided=date(2025, 4, 1), outcome="N")
    html = client.get(_preview_url(child, LetterKind.DECISION_NOT_TO_ASSESS)).content.decode()
    body = [text_of(p) for p in page(html).xpath('//div[contains(@class, "sendboard-letter")]/p')]
    assert "We have decided not to assess Child." in body


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.AREA_LEADER, Role.HEALTH_SOCIAL_CARE])
def test_only_team_managers_and_administrators_change_the_wording(client, sign_in, role):
    user = sign_in(role)
    team(user.organisation)
    assert client.get(reverse("documents:letter-templates")).status_code == 403
    assert client.get(_edit_url()).status_code == 403


def test_a_manager_of_another_area_cannot_change_this_areas_wording(client, sign_in):
    user = sign_in(Role.TEAM_MANAGER)
    team(user.organisation, other_area())
    worcestershire()
    assert client.get(_edit_url()).status_code == 404
