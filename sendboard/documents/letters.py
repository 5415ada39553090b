"""The council's letters: wording with placeholders, filled from a child's record, produced as PDF (ADR 0158).

A letter's wording is plain text. Placeholders such as ``{{ child_name }}`` are filled by Jinja2's sandboxed
environment, so wording a council types can read the values it is given and nothing else; any name that is
not one of ``PLACEHOLDERS`` is refused when the wording is saved. The filled text is escaped as a whole (what a
council types is words, never markup) and laid out as paragraphs, then WeasyPrint makes the PDF with fonts
installed on the server and no network.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from jinja2 import StrictUndefined, TemplateSyntaxError, meta
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from sendboard.core.govuk import format_date
from sendboard.documents.models import LetterKind

SHIPPED = Path(__file__).resolve().parent / "letters"

# Every value a letter may use, with what it holds, as the editing page lists them.
PLACEHOLDERS: dict[str, str] = {
    "child_name": "The child's or young person's full name",
    "child_first_name": "Their first name",
    "child_date_of_birth": "Their date of birth",
    "request_received_date": "When the request for an EHC needs assessment was received",
    "request_decision_date": "When the council decided whether to assess",
    "request_decision": "The decision on the request, in words",
    "assessment_decision_date": "When the council decided whether to issue an EHC plan",
    "assessment_decision": "The decision whether to issue an EHC plan, in words",
    "draft_plan_date": "When the draft EHC plan was sent",
    "draft_plan_response_date": "The last day to give views on the draft plan and ask for a setting (15 days on)",
    "final_plan_date": "When the final EHC plan was issued",
    "named_setting": "The school, college or other setting named in the plan",
    "review_meeting_date": "When the last annual review meeting was held",
    "review_decision_date": "When the council decided after the review",
    "review_decision": "The decision after the review, in words",
    "caseworker_name": "The child's caseworker",
    "caseworker_email": "The caseworker's e-mail address",
    "council_name": "The council's name",
    "team_name": "The SEND team's name",
    "team_address": "The SEND team's postal address",
    "team_phone": "The SEND team's phone number",
    "team_email": "The SEND team's e-mail address",
    "sendiass_name": "The SEND information, advice and support service's name",
    "sendiass_phone": "SENDIASS's phone number",
    "letter_date": "The date the letter is produced",
}

# The values each letter cannot do without: it is not produced until the record holds them.
NEEDED: dict[str, tuple[str, ...]] = {
    LetterKind.DECISION_TO_ASSESS: ("request_received_date", "request_decision_date"),
    LetterKind.DECISION_NOT_TO_ASSESS: ("request_received_date", "request_decision_date"),
    LetterKind.DRAFT_PLAN_COVER: ("draft_plan_date",),
    LetterKind.FINAL_PLAN_COVER: ("final_plan_date",),
    LetterKind.REVIEW_DECISION: ("review_meeting_date", "review_decision"),
}
NOT_RECORDED = "[not recorded]"

_environment = ImmutableSandboxedEnvironment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=False)


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str


def shipped_wording(letter: str) -> Wording:
    """The wording sendboard ships for ``letter``: the first line is the heading, the rest the body."""
    text = (SHIPPED / f"{letter}.txt").read_text(encoding="utf-8")
    subject, _, body = text.partition("\n")
    return Wording(subject.strip(), body.strip("\n"))


def wording_check(text: str, *, field: str) -> None:
    """Refuse wording Jinja2 cannot read, or that names a placeholder sendboard cannot fill."""
    try:
        parsed = _environment.parse(text)
    except TemplateSyntaxError as error:
        raise ValidationError(
            {
                field: f"There is a mistake in a placeholder on line {error.lineno}: check each one opens with "
                "{{ and closes with }}"
            }
        ) from None
    unknown = sorted(meta.find_undeclared_variables(parsed) - set(PLACEHOLDERS))
    if unknown:
        names = ", ".join("{{ " + name + " }}" for name in unknown)
        raise ValidationError({field: f"sendboard cannot fill {names}: use only the placeholders listed on this page"})


def _when(value: date | None) -> str:
    return format_date(value) if value else NOT_RECORDED


def _setting_words(detail, labels: dict) -> str:
    if detail is None:
        return NOT_RECORDED
    if detail.sen_setting_other:
        return detail.sen_setting_other
    if detail.urn:
        return f"the school with unique reference number {detail.urn}"
    if detail.ukprn:
        return f"the college or provider with UK provider reference number {detail.ukprn}"
    return labels.get("SENsetting", {}).get(detail.sen_setting, NOT_RECORDED)


def record_values(child, *, council_name: str, labels: dict[str, dict[str, str]], today: date) -> dict[str, str]:
    """Every placeholder's value for ``child`` (reached through a scoped selector, with its requests prefetched),
    from the latest request; ``NOT_RECORDED`` where the record does not hold it yet."""
    requests = list(child.requests.all())
    request = requests[-1] if requests else None
    assessment = getattr(request, "assessment", None) if request else None
    named_plan = getattr(assessment, "named_plan", None) if assessment else None
    active = getattr(request, "active_plan", None) if request else None
    details = list(named_plan.details.all()) if named_plan else []
    area = child.local_area
    caseworker = child.caseworker

    def label(list_name: str, code: str) -> str:
        words = labels.get(list_name, {}).get(code, "") if code else ""
        return words[:1].lower() + words[1:] if words else NOT_RECORDED

    draft = assessment.draft_plan_issued if assessment else None
    return {
        "child_name": f"{child.forename} {child.surname}",
        "child_first_name": child.forename,
        "child_date_of_birth": format_date(child.birth_date),
        "request_received_date": _when(request.received_date if request else None),
        "request_decision_date": _when(request.outcome_date if request else None),
        "request_decision": label("RequestOutcome", request.outcome if request else ""),
        "assessment_decision_date": _when(assessment.outcome_date if assessment else None),
        "assessment_decision": label("AssessmentOutcome", assessment.outcome if assessment else ""),
        "draft_plan_date": _when(draft),
        "draft_plan_response_date": _when(draft + timedelta(days=15) if draft else None),
        "final_plan_date": _when(named_plan.start_date if named_plan else None),
        "named_setting": _setting_words(details[0] if details else None, labels),
        "review_meeting_date": _when(active.review_meeting if active else None),
        "review_decision_date": _when(active.last_review if active else None),
        "review_decision": label("ReviewOutcome", active.review_outcome if active else ""),
        "caseworker_name": caseworker.display_name if caseworker else "the SEND casework team",
        "caseworker_email": caseworker.email if caseworker and caseworker.email else area.send_team_email,
        "council_name": council_name,
        "team_name": area.send_team_name or f"{council_name} SEND team",
        "team_address": area.send_team_address,
        "team_phone": area.send_team_phone,
        "team_email": area.send_team_email,
        "sendiass_name": area.sendiass_name or "your local SEND information, advice and support service",
        "sendiass_phone": area.sendiass_phone,
        "letter_date": format_date(today),
    }


def missing_values(letter: str, values: dict[str, str]) -> list[str]:
    """What the record must hold before ``letter`` can be produced, as people read it."""
    return [PLACEHOLDERS[name].lower() for name in NEEDED.get(letter, ()) if values.get(name) == NOT_RECORDED]


def _fill(text: str, values: dict[str, str]) -> str:
    try:
        return _environment.from_string(text).render(values)
    except (UndefinedError, SecurityError, TemplateSyntaxError) as error:
        # Wording is checked when it is saved; shipped wording is checked by the tests. Say what failed.
        raise ValidationError("The letter's wording could not be filled in: ask a team manager to check it") from error


@dataclass(frozen=True)
class FilledLetter:
    subject: str
    paragraphs: list[Markup]


def letter_fill(wording: Wording, values: dict[str, str]) -> FilledLetter:
    """The wording with every placeholder filled, as escaped paragraphs (a blank line between paragraphs; a
    single line break is kept inside one, as in an address)."""
    subject = _fill(wording.subject, values).strip()
    body = _fill(wording.body, values)
    paragraphs = [part.strip() for part in body.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return FilledLetter(
        subject, [Markup("<br>").join(escape(line) for line in part.split("\n")) for part in paragraphs]
    )


def letter_html(letter: FilledLetter, *, values: dict[str, str]) -> str:
    """The whole letter as HTML for WeasyPrint: the council's details, the date, the heading, the words."""
    return render_to_string("documents/letter_print.html", {"letter": letter, "values": values})


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError(f"A letter fetches nothing: {url[:40]} refused")


def letter_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()


def letter_filename(letter: str, *, today: date | None = None) -> str:
    """What a saved letter's file is called: the letter and the date, never the child's name."""
    today = today or timezone.localdate()
    return f"{letter.replace('_', '-')}-{today:%Y-%m-%d}.pdf"
