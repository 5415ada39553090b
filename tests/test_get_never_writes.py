"""No GET writes (ADR 0105): every URL of sendboard, fetched with GET by a signed-in user whose role may see it
(or by anyone, for public pages), on the loaded demo area, executes no INSERT, UPDATE or DELETE, apart from the
audit log of what was viewed and the session and sign-in lockout bookkeeping. Work is asked for by POST only.

``make check`` runs this file. A new URL needs no change here unless it takes a parameter no rule below fills.
"""

from __future__ import annotations

import io
import re
import uuid
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from sendboard.accounts.roles import ROLE_PERMISSIONS, Permission
from tests.page_quality import PageQualityClient
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db

# The only tables a GET may write: the audit log (every view of a child's record is logged), the session, and
# django-axes' sign-in records.
WRITES_ALLOWED = {"audit_auditevent", "django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}
# Bookkeeping some pages keep when they are shown, each named with the pages that may write it and why.
WRITES_ALLOWED_ON = {
    # The Local Offer counts the day's searches and service pages shown (ADR 0034): a count, nothing personal.
    "localoffer_usecount": ("/local-offer/",),
}
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
# Demo users in the order a page's permission is looked for: the first whose role holds it signs in.
USERS = [
    "demo.area.leader",
    # Before the administrator, whose council is sent no advice: the health trust's queue and requests are served.
    "demo.health",
    "demo.administrator",
    "demo.analyst",
    "demo.caseworker",
    "demo.team.manager",
    "demo.action.owner",
    "demo.local.offer",
    "demo.provider",
    "demo.adviser",
    "demo.ep",
    "demo.dco",
    "demo.setting.user",
    "demo.workstream.lead",
]


def _routes(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _objects() -> dict:
    """One existing object for each kind of URL parameter, from the demo area, with the jobs it lacks."""
    from sendboard.accounts.models import User
    from sendboard.casework.models import AdviceRequest, Child
    from sendboard.localoffer.models import Feedback, Service, ServiceVersion
    from sendboard.outcomes.models import ExceptionReport, Indicator, RefreshRun
    from sendboard.plans.models import Action, Evidence, Finding, Inspection, MilestoneRule, Plan, ReportJob
    from sendboard.returns.models import ImportJob

    analyst, leader = User.objects.get(username="demo.analyst"), User.objects.get(username="demo.area.leader")
    action = Action.objects.order_by("pk").first()
    # A child with an assessment under way, with a consultation and an appeal awaiting their outcome, so that
    # every recording page opens (issue 15).
    child = (
        Child.objects.filter(requests__outcome="Y", requests__assessment__named_plan__isnull=True)
        .order_by("pk")
        .first()
        or Child.objects.order_by("pk").first()
    )
    recording = _recording_objects(child)
    first = lambda model: getattr(model.objects.order_by("pk").first(), "pk", 0)  # noqa: E731
    service = Service.objects.order_by("pk").first()
    advice = AdviceRequest.objects.filter(organisation__name__contains="NHS Trust").order_by("pk").first()
    return {
        "inspection_id": first(Inspection),
        "plan_id": first(Plan),
        "finding_id": first(Finding),
        "rule_id": first(MilestoneRule),
        "action_id": action.pk,
        "workstream_id": action.workstream_id,
        "evidence_id": first(Evidence),
        "job_id": ReportJob.objects.create(plan_id=first(Plan), period_end="2026-01-31", requested_by=leader).pk,
        "casework:public_id": child.public_id,
        **recording,
        "documents:child_id": child.public_id,
        "documents:public_id": _document(child).public_id,
        "letter": "decision_to_assess",
        "la_code": child.local_area.la_code,
        "step_id": getattr(child.steps.order_by("pk").first(), "pk", 0),
        "returns:public_id": ImportJob.objects.create(
            kind="sen2", filename="a.xml", stored_name="a.xml", requested_by=analyst
        ).public_id,
        # A register export made for the first demo user allowed to export (the one the walk signs in), its file held.
        "returns/export:public_id": _register_export(child.local_area).public_id,
        # The other pages of the one import pattern: a job of each, asked for by the user the walk signs in.
        "plans:public_id": ImportJob.objects.create(
            kind="plan_actions",
            target=str(first(Plan)),
            filename="a.xlsx",
            stored_name="a.xlsx",
            requested_by=_first_user_with(Permission.MANAGE_PLANS),
        ).public_id,
        "local-offer:public_id": ImportJob.objects.create(
            kind="localoffer_services",
            filename="a.csv",
            stored_name="a.csv",
            requested_by=_first_user_with(Permission.MANAGE_LOCAL_OFFER),
        ).public_id,
        "token": HELD_TOKEN,
        "service_id": service.pk,
        "topic": None,
        "version_id": first(ServiceVersion),
        "feedback_id": first(Feedback),
        "kind": None,
        "run_id": first(RefreshRun),
        "report_id": first(ExceptionReport),
        "code": Indicator.objects.order_by("pk").first().code,
        "uidb64": "MQ",
        "person_id": User.objects.get(username="demo.caseworker").pk,
        "organisation_id": User.objects.get(username="demo.caseworker").organisation_id,
        "item_id": uuid.uuid4(),
        "document_id": uuid.uuid4(),
        "advice:public_id": advice.public_id,
        "child_id": advice.assessment.request.child.public_id,
        "organization_id": uuid.uuid4(),
        "taxonomy_id": "x",
        "term_id": "x",
    }


def _recording_objects(child) -> dict:
    from sendboard.casework.models import Appeal, Consultation
    from sendboard.casework.recording import Case, allowed

    case = Case.of(child)
    values = {"casework:step": (allowed(case) or ["request"])[0]}
    if case.request is not None:
        appeal = Appeal.objects.create(
            request=case.request, kind="mediation", about="not_assess", started_date="2026-01-05"
        )
        values["appeal_id"] = appeal.pk
    if case.assessment is not None and case.plan is None:
        consultation = Consultation.objects.create(
            assessment=case.assessment, setting="A school", sent_date="2026-01-05"
        )
        values["consultation_id"] = consultation.pk
    return values


def _document(child):
    from sendboard.documents.services import document_store

    return document_store(
        user=None,
        child=child,
        kind="advice",
        title="Advice",
        document_date=date(2026, 1, 5),
        filename="advice.pdf",
        content=b"%PDF-1.4\n%%EOF\n",
    )


def _register_export(area):
    from sendboard.returns.exports import export_folder
    from sendboard.returns.models import RegisterExport

    export = RegisterExport.objects.create(
        local_area=area,
        kind="return",
        filename="a.xml",
        requested_by=_first_user_with(Permission.EXPORT_REGISTER),
        state="succeeded",
        stored_name="a.xml",
    )
    (export_folder() / "a.xml").write_bytes(b"<Message/>")
    return export


def _path(route: str, values: dict) -> str:
    def fill(match: re.Match) -> str:
        name = match.group(1).rpartition(":")[2]
        app = route.split("/", 1)[0]
        section = route.split("<", 1)[0].rstrip("/")  # "returns/export": a value for one section's pages
        value = values.get(f"{section}:{name}", values.get(f"{app}:{name}", values.get(name)))
        if value is None:
            value = _defaults(route, name)
        return str(value)

    return "/" + re.sub(r"<([^>]+)>", fill, route)


def _defaults(route: str, name: str) -> str:
    if name == "topic":
        from sendboard.localoffer.models import InformationPage

        return InformationPage.objects.order_by("pk").values_list("topic", flat=True).first() or "x"
    if name == "kind":
        if route.startswith("statistics/"):
            from sendboard.statistics.selectors import KINDS

            return next(iter(KINDS))
        from sendboard.extracts.layouts import LAYOUTS

        return next(iter(LAYOUTS))
    return "x"


HELD_TOKEN = "walk-upload"
# The kind of file each app's preview page previews, and what it is loaded into.
HELD_KINDS = {"returns": "sen2", "local-offer": "localoffer_services", "plans": "plan_actions"}


def _first_user_with(permission):
    """The demo user the walk signs in for a page needing ``permission``."""
    from sendboard.accounts.models import User

    return next(
        user
        for user in (User.objects.get(username=name) for name in USERS)
        if permission in ROLE_PERMISSIONS[user.role]
    )


def _upload_hold(client, route: str, values: dict) -> None:
    """A preview page reads an upload the session holds: hold a small file, as the upload page would."""
    from sendboard.returns.framework import IMPORTERS
    from sendboard.returns.uploads import SESSION_KEY, upload_folder

    kind = HELD_KINDS[route.split("/", 1)[0]]
    (upload_folder() / f"{HELD_TOKEN}{IMPORTERS[kind].suffix}").write_bytes(b"a,b\n")
    session = client.session
    target = str(values["plan_id"]) if kind == "plan_actions" else ""
    session[SESSION_KEY] = {HELD_TOKEN: {"name": "walk", "kind": kind, "target": target}}
    session.save()


def _signed_in(client, view) -> str:
    from sendboard.accounts.models import User

    policy = view.access_policy
    if policy.public:
        return "anyone"
    wanted = policy.permission
    for username in USERS:
        user = User.objects.get(username=username)
        if wanted is None or wanted in ROLE_PERMISSIONS[user.role]:
            force_login_verified(client, user)
            return username
    raise AssertionError(f"no demo user may see a page needing {wanted}")


def written_tables(queries) -> set[str]:
    return {match.group(1) for query in queries if (match := WRITE.match(query["sql"]))}


@pytest.fixture
def demo_area(settings):
    settings.SENDBOARD_DEMO_SCALE = "small"
    call_command("load_demo_area", stdout=io.StringIO())


def test_no_get_writes_anything_but_the_audit_log_and_the_session(demo_area):
    values = _objects()
    writes, statuses = {}, {}
    for route, view in _routes():
        client = PageQualityClient()
        client.raise_request_exception = False
        who = _signed_in(client, view)
        if "<str:token>" in route:
            _upload_hold(client, route, values)
        path = _path(route, values)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        statuses[path] = response.status_code
        tables = {
            table
            for table in written_tables(queries.captured_queries) - WRITES_ALLOWED
            if not path.startswith(WRITES_ALLOWED_ON.get(table, ()))
        }
        if tables:
            writes[f"GET {path} as {who}"] = sorted(tables)
    assert writes == {}
    # The walk reached the pages themselves, not only refusals: every page without a parameter, and most with one.
    served = [path for path, status in statuses.items() if status in (200, 302)]
    assert len(served) >= 0.85 * len(statuses), {
        path: status for path, status in statuses.items() if status not in (200, 302)
    }


def test_the_check_sees_a_write():
    """The check itself: a write to a table outside the allowed ones is seen, wherever it sits in the SQL."""
    queries = [
        {"sql": 'INSERT INTO "audit_auditevent" ("kind") VALUES (%s)'},
        {"sql": 'SELECT 1 FROM "plans_plan"'},
        {"sql": 'UPDATE "returns_importjob" SET "state" = %s'},
        {"sql": "DELETE FROM outcomes_fact WHERE run_id = 1"},
    ]
    assert written_tables(queries) - WRITES_ALLOWED == {"returns_importjob", "outcomes_fact"}
