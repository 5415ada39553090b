"""Demo content: Worcestershire's real 2018 local area SEND inspection and 2021 revisit, as the seeds and
Ofsted's published data record them, and an illustrative plan that answers it (ADR 0013).

Real (from the seeds): the dates, the twelve areas of significant weakness as the HWBB report lists them
(items a to m), the five-workstream shape, Workstream 4's name and objective, the first monitoring visit and
the revisit's judgements. Everything else (other workstream names, actions, dates of actions, updates,
measures, plain-English summaries) is illustrative and marked so.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from sendboard.accounts.models import User
from sendboard.outcomes.models import Indicator
from sendboard.plans import services
from sendboard.plans.models import Action, Finding, Inspection, Plan

INSPECTION_TITLE = "Joint local area SEND inspection in Worcestershire, March 2018"
REVISIT_TITLE = "Joint area SEND revisit in Worcestershire, November 2021"
HWBB = "Health and Well-being Board report, 13 November 2018, paragraph 5"
REVISIT = "Ofsted/CQC revisit letter, 14 December 2021"
ODS = "Ofsted, Area SEND inspection data 1 May 2016 to 31 August 2022"

# The HWBB report introduces "the following 12 areas of significant weakness" and lists thirteen items, a) to m):
# the revisit letter treats a) to c) as one safeguarding weakness and e) as two (the action plan; joint
# commissioning), which makes twelve. Text as the report gives it, line breaks removed.
FINDINGS: list[tuple[str, str, str]] = [
    (
        "a",
        "Safeguarding concerns around: children and young people from London boroughs who are housed locally;",
        (
            "Some children and young people placed in Worcestershire by London councils were not being kept track of "
            "well enough to keep them safe."
        ),
    ),
    (
        "b",
        "the use of long-term part-time timetables;",
        "Some children were on part-time timetables at school for a long time, so they were missing education.",
    ),
    (
        "c",
        "children taken off roll and missing education;",
        "Some children were taken off school rolls and nobody knew quickly enough where they were learning.",
    ),
    (
        "d",
        "the CCG's' lack of strategic leadership in implementing the SEND reforms",
        "The local NHS did not lead its part of the 2014 SEND changes well enough.",
    ),
    (
        "e",
        (
            "the current poor quality of the existing SEND Strategy action plan the lack of joint commissioning "
            "arrangements;"
        ),
        (
            "The plan for carrying out the SEND strategy was poor, and the council and NHS did not plan and buy "
            "services together."
        ),
    ),
    (
        "f",
        (
            "the variation in the skills and commitment of some mainstream schools to provide effective support for "
            "children who have SEN and/or disabilities;"
        ),
        "Some mainstream schools did not have the skills or commitment to support children with SEND well.",
    ),
    (
        "g",
        "the lack of suitable specialist provision to meet the identified needs of children and young people;",
        "There were not enough suitable specialist places for children and young people who need them.",
    ),
    (
        "h",
        (
            "the fragile relationships with parents and carers and the lack of meaningful engagement and "
            "co-production and collaboration;"
        ),
        "Parents and carers were not listened to or involved enough in shaping services.",
    ),
    (
        "i",
        (
            "the poor quality of EHC plans including the limited contributions from health and social care and the "
            "processes to check and review the quality of EHC plans;"
        ),
        (
            "Education, health and care plans were often poor, with too little from health and social care, and "
            "nobody checked their quality well."
        ),
    ),
    (
        "j",
        (
            "the lack of systems to track outcomes for children and young people who have SEN and/or disabilities in "
            "special schools, post-16 provision, young people who are NEET and youth offenders effectively;"
        ),
        "The area could not see how well some groups of young people with SEND were doing.",
    ),
    (
        "k",
        (
            "the disproportionate numbers of children and young people who have SEN and/or disabilities who have been "
            "permanently excluded from school;"
        ),
        "Too many children with SEND were permanently excluded from school.",
    ),
    (
        "l",
        "the quality of the Local Offer; and",
        "The Local Offer website did not give families the information they needed.",
    ),
    (
        "m",
        "academic outcomes, behaviours and attendance of children and young people who have SEN and/or disabilities.",
        "Children with SEND did not do well enough at school, and their attendance and behaviour needed to improve.",
    ),
]

EXPLICIT = "The letter states this judgement after its findings on this weakness."
INFERRED = (
    "The letter as published does not state this judgement in a sentence of its own; it is inferred from the "
    "letter's findings "
    "and from the published totals (8 sufficient, 4 not sufficient: " + ODS + ")."
)
# (weakness as the revisit letter states it, HWBB items it covers, progress, where the judgement comes from)
JUDGEMENTS: list[tuple[str, list[str], str, str]] = [
    (
        "Safeguarding concerns around children and young people from London boroughs housed in Worcestershire; the "
        "use of long-term part-time timetables; and children taken off roll and missing education.",
        ["a", "b", "c"],
        "sufficient",
        EXPLICIT,
    ),
    ("The CCG lacked strategic leadership in implementing the SEND reforms.", ["d"], "sufficient", INFERRED),
    (
        "The action plan required to implement the new SEND strategy was of a poor quality.",
        ["e"],
        "sufficient",
        INFERRED,
    ),
    ("There was a lack of joint commissioning arrangements.", ["e"], "sufficient", INFERRED),
    (
        "There was variation in the skills and commitment of some mainstream schools to provide effective support for "
        "children with SEND.",
        ["f"],
        "not_sufficient",
        INFERRED,
    ),
    (
        "There was a lack of suitable specialist provision to meet the identified needs of children and young people.",
        ["g"],
        "not_sufficient",
        EXPLICIT,
    ),
    (
        "There were fragile relationships with parents and carers and a lack of meaningful engagement and "
        "co-production and collaboration.",
        ["h"],
        "not_sufficient",
        EXPLICIT,
    ),
    (
        "EHC plans were of poor quality and included limited contributions from health and social care, and the "
        "processes to check and review the quality of EHC plans were also ineffective.",
        ["i"],
        "not_sufficient",
        INFERRED,
    ),
    (
        "There was a lack of systems to track outcomes for children and young people with SEND in special schools, "
        "post-16 provision, young people who are NEET and youth offenders effectively.",
        ["j"],
        "sufficient",
        EXPLICIT,
    ),
    (
        "There were disproportionate numbers of children and young people with SEND who had been permanently excluded "
        "from school.",
        ["k"],
        "sufficient",
        INFERRED,
    ),
    ("The quality of the local offer was not fit for purpose.", ["l"], "sufficient", INFERRED),
    (
        "The academic outcomes, behaviour and attendance of children and young people with SEND were poor.",
        ["m"],
        "sufficient",
        EXPLICIT,
    ),
]

NOTES = (
    "Dates from the published documents: on site 5 to 9 March 2018 (cabinet report, 12 July 2018); report published "
    "16 May 2018. The documents do not give the day the report was received; sendboard records it as the day of "
    "publication. Statement submitted 20 August 2018 (HWBB report). The documents disagree on when it was found fit "
    "for purpose: the HWBB report says Ofsted and CQC confirmed it fit for purpose 'subject to some minor "
    "alterations' on Friday 14 September 2018; the revisit letter says it 'was declared fit for purpose on 16 October "
    "2018'. Both are recorded as events; the evaluation milestone takes the first."
)

# (number, title, objective, illustrative, findings it answers)
WORKSTREAMS: list[tuple[int, str, str, bool, list[str]]] = [
    (
        1,
        "Safeguarding and vulnerable learners (illustrative name)",
        "Know where every vulnerable learner is and that they are safe and learning.",
        True,
        ["a", "b", "c", "k"],
    ),
    (
        2,
        "EHC needs assessment and plan quality (illustrative name)",
        "Timely, good-quality EHC plans with real contributions from health and social care.",
        True,
        ["i"],
    ),
    (
        3,
        "Inclusion, specialist provision and outcomes (illustrative name)",
        "The right place for every child, and outcomes tracked for every group.",
        True,
        ["f", "g", "j", "m"],
    ),
    (
        4,
        "Joint Commissioning and Leadership",
        "To establish effective partnerships and achieve a joint understanding of need, our shared responsibilities "
        "and to know how we will judge the impact of the way in which we lead, monitor, review and invest (HWBB "
        "report, paragraph 13).",
        False,
        ["d", "e"],
    ),
    (
        5,
        "Engagement, co-production and the Local Offer (illustrative name)",
        "Parents, carers and young people shape services; the Local Offer tells them what there is.",
        True,
        ["h", "l"],
    ),
]

# (reference "workstream.n", title, owner username, start, due, completed or None while in progress, findings,
# public summary)
ACTIONS: list[tuple] = [
    (
        "1.1",
        "Portal for settings to report part-time timetables, with review dates (illustrative)",
        "demo.action.owner",
        date(2018, 10, 1),
        date(2019, 7, 31),
        date(2019, 7, 12),
        ["b"],
        "Schools now tell the council when a child is put on a part-time timetable, so it can check.",
    ),
    (
        "1.2",
        "Weekly multi-agency review of children missing education (illustrative)",
        "demo.action.owner",
        date(2018, 11, 1),
        date(2019, 3, 29),
        date(2019, 3, 4),
        ["c"],
        "A weekly meeting checks on every child who is missing education.",
    ),
    (
        "2.1",
        "EHC plan quality assurance framework focused on quality, not only timeliness (illustrative)",
        "demo.action.owner",
        date(2022, 1, 4),
        date(2027, 3, 31),
        None,
        ["i"],
        "We are checking the quality of EHC plans, not just whether they are on time.",
    ),
    (
        "2.2",
        "Health and social care advice training for practitioners (illustrative)",
        "demo.workstream.lead",
        date(2022, 4, 1),
        date(2026, 12, 18),
        None,
        ["i"],
        "Health and social care staff are being trained to write better advice for EHC plans.",
    ),
    (
        "3.1",
        "Specialist place sufficiency plan (illustrative)",
        "demo.area.leader",
        date(2022, 1, 4),
        date(2027, 7, 30),
        None,
        ["g"],
        "We are planning enough specialist places for the children who need them.",
    ),
    (
        "3.2",
        "Inclusion support offer for mainstream schools (illustrative)",
        "demo.action.owner",
        date(2022, 2, 1),
        date(2026, 8, 28),
        None,
        ["f"],
        "Mainstream schools are getting support and training to include children with SEND.",
    ),
    (
        "4.1",
        "Joint commissioning group and strategy for children and young people (illustrative)",
        "demo.workstream.lead",
        date(2018, 10, 1),
        date(2020, 3, 31),
        date(2020, 2, 28),
        ["e"],
        "The council and NHS now plan and buy children's services together.",
    ),
    (
        "4.2",
        "CCG governance: SEND in the CCG's board reporting and a lead GP for SEND (illustrative)",
        "demo.workstream.lead",
        date(2018, 10, 1),
        date(2019, 9, 30),
        date(2019, 9, 2),
        ["d"],
        "The NHS now has a named lead doctor for SEND and reports on SEND at board level.",
    ),
    (
        "5.1",
        "Co-production charter with Families in Partnership (illustrative)",
        "demo.action.owner",
        date(2022, 1, 4),
        date(2026, 10, 30),
        None,
        ["h"],
        "We are agreeing with parents and carers how we will work with them on every service.",
    ),
    (
        "5.2",
        "Rebuild the Local Offer website with families (illustrative)",
        "demo.action.owner",
        date(2018, 10, 1),
        date(2020, 6, 30),
        date(2020, 6, 1),
        ["l"],
        "",
    ),
]

# (action reference, date, summary, public summary or "")
UPDATES: list[tuple[str, date, str, str]] = [
    (
        "2.1",
        date(2026, 9, 25),
        "Audit of 40 plans completed; moderation panel met (illustrative).",
        "We checked 40 plans this month.",
    ),
    (
        "2.1",
        date(2026, 10, 30),
        "Second audit cycle; social care outcomes still weak in half the sample (illustrative).",
        "We checked another 40 plans and found social care sections still need work.",
    ),
    ("2.2", date(2026, 8, 28), "Two training sessions held for therapists (illustrative).", ""),
    (
        "3.1",
        date(2026, 10, 16),
        "Sufficiency model agreed at the improvement board (illustrative).",
        "The partnership agreed how many specialist places it needs.",
    ),
    ("5.1", date(2026, 7, 31), "Draft charter shared with the parent carer forum (illustrative).", ""),
]


def _user(username: str) -> User:
    return User.objects.select_related("organisation").get(username=username)


@transaction.atomic
def load_demo(*, stdout) -> None:
    """Create the demo inspection, revisit and plan once; a second run changes nothing."""
    if Inspection.objects.filter(title=INSPECTION_TITLE).exists():
        stdout.write("Plans demo content already loaded")
        return
    leader, lead, adviser = _user("demo.area.leader"), _user("demo.workstream.lead"), _user("demo.adviser")
    inspection = services.inspection_create(
        user=leader,
        framework="2016",
        kind=Inspection.Kind.FULL,
        title=INSPECTION_TITLE,
        outcome=Inspection.Outcome.WSOA_REQUIRED,
        notes=NOTES,
    )
    for kind, day, source, note in [
        ("on_site_started", date(2018, 3, 5), "Cabinet report, 12 July 2018", ""),
        ("on_site_ended", date(2018, 3, 9), "Cabinet report, 12 July 2018", ""),
        (
            "report_received",
            date(2018, 5, 16),
            "Assumed: the published documents give the publication date only",
            "Recorded as the day of publication.",
        ),
        ("report_published", date(2018, 5, 16), "DfE letter, 17 May 2018; " + ODS, ""),
        ("statement_submitted", date(2018, 8, 20), "HWBB report, 13 November 2018, paragraph 8", ""),
        (
            "statement_found_fit",
            date(2018, 9, 14),
            "HWBB report, 13 November 2018, paragraph 8",
            "Fit for purpose subject to some minor alterations.",
        ),
        (
            "statement_found_fit",
            date(2018, 10, 16),
            REVISIT,
            "The revisit letter's date for the statement being declared fit for purpose.",
        ),
    ]:
        services.inspection_event_record(
            user=leader, inspection=inspection, kind=kind, day=day, source=source, note=note
        )
    findings: dict[str, Finding] = {}
    for reference, text, plain in FINDINGS:
        findings[reference] = services.finding_create(
            user=leader,
            inspection=inspection,
            kind=Finding.Kind.SIGNIFICANT_WEAKNESS,
            reference=reference,
            text=text,
            source=HWBB,
            plain_english=plain,
        )
        services.publication_approve(user=leader, finding=findings[reference])

    revisit = services.inspection_create(
        user=leader,
        framework="2016",
        kind=Inspection.Kind.REVISIT,
        title=REVISIT_TITLE,
        outcome=Inspection.Outcome.REVISIT_SOME,
        follows=inspection,
        notes="Sufficient progress on 8 of the 12 significant weaknesses; not on 4 (" + REVISIT + "; " + ODS + ").",
    )
    for kind, day, source in [
        ("revisit_started", date(2021, 11, 1), REVISIT),
        ("revisit_letter", date(2021, 12, 14), REVISIT),
        ("revisit_published", date(2022, 1, 13), ODS),
    ]:
        services.inspection_event_record(user=leader, inspection=revisit, kind=kind, day=day, source=source)
    for order, (weakness, references, progress, note) in enumerate(JUDGEMENTS, start=1):
        services.judgement_record(
            user=leader,
            inspection=revisit,
            findings=[findings[r] for r in references],
            weakness_as_stated=weakness,
            progress=progress,
            source_note=note,
            order=order,
        )

    plan = services.plan_create(
        user=leader,
        inspection=inspection,
        kind=Plan.Kind.WSOA,
        status=Plan.Status.ACTIVE,
        title="Worcestershire written statement of action",
    )
    workstreams = {}
    for number, title, objective, illustrative, _refs in WORKSTREAMS:
        workstreams[number] = services.workstream_create(
            user=leader,
            plan=plan,
            number=number,
            title=title,
            objective=objective,
            leads=[leader, lead],
            illustrative=illustrative,
        )
    actions: dict[str, Action] = {}
    for reference, title, owner_name, start, due, completed, refs, public in ACTIONS:
        owner = _user(owner_name)
        action = services.action_create(
            user=leader,
            workstream=workstreams[int(reference.split(".")[0])],
            reference=reference,
            title=title,
            owner=owner,
            organisation=owner.organisation,
            start_date=start,
            due_date=due,
            findings=[findings[r] for r in refs],
            public_summary=public,
            illustrative=True,
        )
        status = "complete" if completed else "in_progress"
        services.action_update(user=leader, action=action, status=status, completed_date=completed)
        if public:
            services.publication_approve(user=leader, action=action)
        actions[reference] = action
    for reference, day, summary, public in UPDATES:
        update = services.progress_update_record(
            user=leader, action=actions[reference], day=day, summary=summary, public_summary=public
        )
        if public:
            services.publication_approve(user=leader, update=update)
    measure = services.measure_create(
        user=leader,
        action=actions["2.1"],
        description="EHC plans audited as good or better (illustrative)",
        unit="%",
        baseline=Decimal("22"),
        baseline_date=date(2022, 1, 4),
        target=Decimal("80"),
        target_date=date(2027, 3, 31),
    )
    for day, value in [(date(2026, 9, 30), Decimal("41")), (date(2026, 10, 31), Decimal("47"))]:
        services.measure_actual_record(user=leader, measure=measure, day=day, value=value)
    # Its figures come from the outcomes indicator of plan audits (the catalogue ships with outcomes).
    measure.indicators.add(*Indicator.objects.filter(code="plan_audit_good_or_better"))
    services.risk_record(
        user=leader,
        action=actions["2.1"],
        kind="risk",
        rating=3,
        raised_on=date(2026, 9, 25),
        description="Caseworker vacancies slow the rewriting of poor plans (illustrative).",
        mitigation="Agency caseworkers funded to March 2027 (illustrative).",
    )
    services.coproduction_record(
        user=leader,
        action=actions["5.1"],
        day=date(2026, 7, 14),
        with_whom="Families in Partnership (illustrative)",
        what_changed="The charter now commits to sharing minutes of every design meeting (illustrative).",
    )
    services.evidence_add(
        user=leader,
        action=actions["2.1"],
        title="EHC plan quality audit summary, October 2026 (illustrative)",
        link="https://example.invalid/ehc-audit-october-2026",
    )
    services.monitoring_visit_record(
        user=adviser,
        plan=plan,
        day=date(2018, 9, 5),
        attendees="Anne Porter (DfE SEND adviser), Sue Nicholls (NHS England SEND local office lead), the Director of "
        "Children's "
        "Services, the Accountable Officer for the CCGs, other key officers and a parent/carer representative",
        summary="First DfE and NHS England monitoring meeting. All partners shared key actions, impact and next steps "
        "focusing on the areas of weakness identified (HWBB report, 13 November 2018, paragraph 11).",
        progress_measures_agreed=(
            "The published documents say progress measures were agreed for the next period but do not list them."
        ),
    )
    stdout.write(
        f"Plans demo content loaded: {len(FINDINGS)} findings, {len(JUDGEMENTS)} revisit judgements, "
        f"{len(ACTIONS)} actions"
    )
