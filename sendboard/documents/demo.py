"""The documents part of the demo area: a handful of the demo caseworker's children being assessed get the
letter telling their family the council will assess (made as the caseworker makes it, from the council's wording
through WeasyPrint) and their school's educational advice (illustrative, laid out by the same letter machinery),
so that the child's documents, letters and the advice requests that send them are not empty. Runs after the
returns loader, which loads the register (``sendboard.demo.loaders``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sendboard.accounts.models import User
from sendboard.casework import selectors as casework
from sendboard.casework.generated_area import DEMO_LA
from sendboard.casework.models import Assessment
from sendboard.documents import letters, selectors, services
from sendboard.documents.models import Document, DocumentKind, LetterKind

CHILDREN = 3  # a handful: each letter is a WeasyPrint PDF, and the demo loads in CI's tests
SCHOOL_ADVICE_TITLE = "Educational advice from the school (illustrative)"
# Laid out by the letter machinery from wording with the letters' placeholders: invented for the demo.
SCHOOL_ADVICE = letters.Wording(
    "Educational advice for {{ child.name }}'s EHC needs assessment (illustrative)",
    (
        "{{ child.name }}, date of birth {{ child.date_of_birth }}\n\n"
        "This advice is invented for the sendboard demonstration. It shows what a school's advice for an EHC "
        "needs assessment holds.\n\n"
        "What {{ child.first_name }} finds hard\n\n"
        "{{ child.first_name }} finds it hard to follow spoken instructions in a busy classroom, and to "
        "settle to written work without an adult nearby. Reading and spelling are about two years behind what"
        " is expected for their age.\n\n"
        "What helps\n\n"
        "Instructions broken into short steps, with pictures; a quiet space to work; small-group phonics "
        "every day; a visual timetable, and warning before changes to the day.\n\n"
        "What the school has done\n\n"
        "Since the school's SEN support plan began, {{ child.first_name }} has had daily small-group reading "
        "and weekly time with a teaching assistant. Progress has been slower than hoped, which is why the "
        "school supported the request for an assessment.\n\n"
        "Outcomes the school would hope for\n\n"
        "To read a book of their choice with understanding; to ask for help when they need it; to take part "
        "in lessons with the rest of their class.\n\n"
        "Written for {{ council.team }}, {{ letter.date }}"
    ),
)


def _children(caseworker) -> list:
    """The demo caseworker's children being assessed, the latest request first: those the advice loader asks for
    advice about first (the same order)."""
    ids = list(
        Assessment.objects.filter(
            request__child__caseworker=caseworker,
            request__child__local_area__la_code=DEMO_LA,
            request__outcome="Y",
            outcome="",
            named_plan__isnull=True,
        )
        .order_by("-request__received_date", "id")
        .values_list("request__child_id", flat=True)[:CHILDREN]
    )
    found = {c.id: c for c in casework.child_prefetches(casework.children_for_user(caseworker).filter(id__in=ids))}
    return [found[i] for i in ids if i in found]


@transaction.atomic
def load_demo(*, stdout) -> None:
    caseworker = User.objects.filter(username="demo.caseworker").first()
    if caseworker is None:
        return
    if Document.objects.filter(child__local_area__la_code=DEMO_LA, title=SCHOOL_ADVICE_TITLE).exists():
        stdout.write("Demo documents already made")
        return
    children = _children(caseworker)
    labels = casework.code_labels()
    today = timezone.localdate()
    for child in children:
        council_name = selectors.council_name(child.local_area)
        services.letter_produce(
            user=caseworker,
            child=child,
            letter=LetterKind.DECISION_TO_ASSESS,
            council_name=council_name,
            labels=labels,
            wording=selectors.letter_wording(child.local_area, LetterKind.DECISION_TO_ASSESS).wording,
        )
        values = letters.record_values(child, council_name=council_name, labels=labels, today=today)
        filled = letters.letter_fill(SCHOOL_ADVICE, values)
        services.document_store(
            user=caseworker,
            child=child,
            kind=DocumentKind.ADVICE,
            title=SCHOOL_ADVICE_TITLE,
            document_date=today,
            filename=f"school-advice-{today:%Y-%m-%d}.pdf",
            content=letters.letter_pdf(letters.letter_html(filled, values=values)),
        )
    stdout.write(f"Demo documents made: {2 * len(children)} PDFs for {len(children)} children")
