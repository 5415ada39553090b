"""The council's letters: wording with placeholders, filled from a child's record, produced as PDF (ADR 0158).

A letter's wording is plain text. Placeholders such as ``{{ child.name }}`` are filled by Jinja2's sandboxed
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
from jinja2 import StrictUndefined, TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from sendboard.core.govuk import format_date
from sendboard.documents.models import LetterKind

SHIPPED = Path(__file__).resolve().parent / "letters"

# Every value a letter may use, with what it holds, as the editing page lists them. Grouped by what they are
# about ({{ child.name }}, {{ request.decision_date }}), as people read them.
PLACEHOLDERS: dict[str, str] = {
    "child.name": "The child's or young person's full name",
    "child.first_name": "Their first name",
    "child.date_of_birth": "Their date of birth",
    "request.received_date": "When the request for an EHC needs assessment was received",
    "request.decision_date": "When the council decided whether to assess",
    "request.decision": "The decision on the request, in words",
    "assessment.decision_date": "When the council decided whether to issue an EHC plan",
    "assessment.decision": "The decision whether to issue an EHC plan, in words",
    "plan.draft_date": "When the draft EHC plan was sent",
    "plan.response_date": "The last day to give views on the draft plan and ask for a setting (15 days on)",
    "plan.final_date": "When the final EHC plan was issued",
    "plan.named_setting": "The school, college or other setting named in the plan",
    "review.meeting_date": "When the last annual review meeting was held",
    "review.decision_date": "When the council decided after the review",
    "review.decision": "The decision after the review, in words",
    "caseworker.name": "The child's caseworker",
    "caseworker.email": "The caseworker's e-mail address",
    "council.name": "The council's name",
    "council.team": "The SEND team's name",
    "council.address": "The SEND team's postal address",
    "council.phone": "The SEND team's phone number",
    "council.email": "The SEND team's e-mail address",
    "sendiass.name": "The SEND information, advice and support service's name",
    "sendiass.phone": "SENDIASS's phone number",
    "letter.date": "The date the letter is produced",
}
GROUPS = {name.split(".")[0] for name in PLACEHOLDERS}

# The values each letter cannot do without: it is not produced until the record holds them.
NEEDED: dict[str, tuple[str, ...]] = {
    LetterKind.DECISION_TO_ASSESS: ("request.received_date", "request.decision_date"),
    LetterKind.DECISION_NOT_TO_ASSESS: ("request.received_date", "request.decision_date"),
    LetterKind.DRAFT_PLAN_COVER: ("plan.draft_date",),
    LetterKind.FINAL_PLAN_COVER: ("plan.final_date", "plan.named_setting"),
    LetterKind.REVIEW_DECISION: ("review.meeting_date", "review.decision"),
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


def _placeholders_used(parsed) -> tuple[set[str], set[str]]:
    """(dotted placeholders used, names used some other way: bare, indexed, or reached deeper)."""
    context_names = meta.find_undeclared_variables(parsed)
    dotted, other = set(), set()
    reached = set()
    for node in parsed.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name in context_names:
            dotted.add(f"{node.node.name}.{node.attr}")
            reached.add(id(node.node))
        elif isinstance(node.node, nodes.Getattr):  # child.name.something: beyond any value a letter is given
            other.add(f"….{node.attr}")
    for node in parsed.find_all(nodes.Name):
        if node.ctx == "load" and node.name in context_names and id(node) not in reached:
            other.add(node.name)
    return dotted, other


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
    dotted, other = _placeholders_used(parsed)
    unknown = sorted((dotted - set(PLACEHOLDERS)) | other)
    if unknown:
        names = ", ".join(f"“{name}”" for name in unknown)
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


def record_values(child, *, council_name: str, labels: dict[str, dict[str, str]], today: date) -> dict[str, dict]:
    """Every placeholder's value for ``child`` (reached through a scoped selector, with its requests prefetched),
    by group, from the latest request; ``NOT_RECORDED`` where the record does not hold it yet."""
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
        "child": {
            "name": f"{child.forename} {child.surname}",
            "first_name": child.forename,
            "date_of_birth": format_date(child.birth_date),
        },
        "request": {
            "received_date": _when(request.received_date if request else None),
            "decision_date": _when(request.outcome_date if request else None),
            "decision": label("RequestOutcome", request.outcome if request else ""),
        },
        "assessment": {
            "decision_date": _when(assessment.outcome_date if assessment else None),
            "decision": label("AssessmentOutcome", assessment.outcome if assessment else ""),
        },
        "plan": {
            "draft_date": _when(draft),
            "response_date": _when(draft + timedelta(days=15) if draft else None),
            "final_date": _when(named_plan.start_date if named_plan else None),
            "named_setting": _setting_words(details[0] if details else None, labels),
        },
        "review": {
            "meeting_date": _when(active.review_meeting if active else None),
            "decision_date": _when(active.last_review if active else None),
            "decision": label("ReviewOutcome", active.review_outcome if active else ""),
        },
        "caseworker": {
            "name": caseworker.display_name if caseworker else "the SEND casework team",
            "email": caseworker.email if caseworker and caseworker.email else area.send_team_email,
        },
        "council": {
            "name": council_name,
            "team": area.send_team_name or f"{council_name} SEND team",
            "address": area.send_team_address,
            "phone": area.send_team_phone,
            "email": area.send_team_email,
        },
        "sendiass": {
            "name": area.sendiass_name or "your local SEND information, advice and support service",
            "phone": area.sendiass_phone,
        },
        "letter": {"date": format_date(today)},
    }


def value_of(values: dict[str, dict], name: str) -> str:
    group, _, key = name.partition(".")
    return values.get(group, {}).get(key, NOT_RECORDED)


def missing_values(letter: str, values: dict[str, dict]) -> list[str]:
    """What the record must hold before ``letter`` can be produced, as people read it."""
    return [PLACEHOLDERS[name].lower() for name in NEEDED.get(letter, ()) if value_of(values, name) == NOT_RECORDED]


def _fill(text: str, values: dict[str, dict]) -> str:
    try:
        return _environment.from_string(text).render(values)
    except (UndefinedError, SecurityError, TemplateSyntaxError) as error:
        # Wording is checked when it is saved; shipped wording is checked by the tests. Say what failed.
        raise ValidationError("The letter's wording could not be filled in: ask a team manager to check it") from error


@dataclass(frozen=True)
class Paragraph:
    text: Markup
    heading: bool  # a short line of its own with no closing punctuation: "What happens next"


@dataclass(frozen=True)
class FilledLetter:
    subject: str
    paragraphs: list[Paragraph]


def _is_heading(part: str) -> bool:
    return "\n" not in part and len(part) <= 80 and not part.endswith((".", ",", ":", ";", "!", "?"))


def letter_fill(wording: Wording, values: dict[str, dict]) -> FilledLetter:
    """The wording with every placeholder filled, as escaped paragraphs (a blank line between paragraphs; a
    single line break is kept inside one, as in an address)."""
    subject = _fill(wording.subject, values).strip()
    body = _fill(wording.body, values)
    paragraphs = [part.strip() for part in body.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return FilledLetter(
        subject,
        [
            Paragraph(Markup("<br>").join(escape(line) for line in part.split("\n")), _is_heading(part))
            for part in paragraphs
        ],
    )


def letter_html(letter: FilledLetter, *, values: dict[str, dict]) -> str:
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
