"""manage.py send_reminders (ADR 0160): what it says, and a number of queries that does not grow with the steps."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sendboard.accounts.roles import Role
from sendboard.reminders.models import ReminderEmail
from tests.factories import UserFactory
from tests.reminders.helpers import TODAY, Team, child, step

pytestmark = pytest.mark.django_db

# Measured: 14 queries besides the insert of the e-mails made, whatever the number of steps and people (rule
# names; steps for reminders, their caseworkers, their managers and the reminders already made; steps for digests,
# the advice requests they stand for, their caseworkers and managers, the digests already made and who said no;
# the retry of failed e-mails; the transaction's savepoint pair). At most 18: the advice requests behind the
# reminders' steps, and the professionals of the organisations of each phase's requests, are read when there are
# any. The insert is one statement per batch: on SQLite a batch holds about 50 e-mails (its limit on a statement's
# parameters), on PostgreSQL all of them.
COMMAND_QUERIES = 18
SQLITE_BATCH = 50


def work(n: int, team: Team) -> None:
    for i in range(n):
        case = child(caseworker=team.caseworker if i % 3 else None)
        step(of=case, warning=TODAY, due=TODAY + timedelta(days=21))
        step(of=case, name="advice", due=TODAY - timedelta(days=i % 5 + 1))


def run(today=TODAY) -> tuple[str, int, int]:
    """What the command said, how many queries it made besides inserts, and how many inserts."""
    out = io.StringIO()
    with CaptureQueriesContext(connection) as queries:
        call_command("send_reminders", "--date", today.isoformat(), stdout=out)
    inserts = sum(query["sql"].lstrip().upper().startswith("INSERT") for query in queries.captured_queries)
    return out.getvalue().strip(), len(queries.captured_queries) - inserts, inserts


def test_the_command_says_what_it_made():
    team = Team()
    work(3, team)
    said, _, _ = run()
    # 3 steps calling for a reminder: 2 to the caseworker, 1 unallocated to the manager; a digest each.
    assert said == (
        "3 reminders and 2 digests to send, 0 failed e-mails to try again; 0 steps have nobody to remind "
        "(no caseworker and no team manager)."
    )


def test_the_commands_queries_do_not_grow_with_the_steps_or_people():
    team = Team()
    work(3, team)
    _, few, _ = run()
    bigger = Team()
    work(120, bigger)
    for _ in range(10):
        UserFactory(role=Role.CASEWORKER, organisation=bigger.organisation)
    _, many, inserts = run(TODAY + timedelta(days=1))
    made = ReminderEmail.objects.filter(requested_at__isnull=False).count()
    assert (many <= few <= COMMAND_QUERIES, inserts <= 1 + made // SQLITE_BATCH) == (True, True)


def test_a_date_that_is_not_a_date_is_refused():
    with pytest.raises(CommandError, match="--date must be a day written YYYY-MM-DD, not '2 March'"):
        call_command("send_reminders", "--date", "2 March")
