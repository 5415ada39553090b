"""Highlight reports and board packs as PDF (WeasyPrint), and the database-backed job that builds large ones
out of the request path with progress a user can watch (ADR 0014)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from sendboard.core.jobs import abandoned_fail, job_thread_start, jobs_run_queued, runner_token
from sendboard.plans.models import Plan, ReportJob
from sendboard.plans.selectors import BoardReport, board_report

PRINT_CSS = """
@page { size: A4; margin: 18mm 15mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } }
body { font-family: sans-serif; font-size: 10pt; color: #0b0c0c; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 16pt; } h3 { font-size: 11pt; }
table { border-collapse: collapse; width: 100%; margin-bottom: 10pt; }
th, td { border-bottom: 1px solid #b1b4b6; text-align: left; padding: 3pt; vertical-align: top; }
"""


def board_pack_exceptions() -> list:
    """The outcomes exception reports open now, with their commentary: the board pack shows them."""
    from sendboard.outcomes.presenters import board_pack_exceptions as shaped
    from sendboard.outcomes.selectors import exception_commentary_for_board_pack

    return shaped(exception_commentary_for_board_pack())


def render_report_html(report: BoardReport, *, title: str, exceptions: list | None = None) -> str:
    return render_to_string("plans/report_print.html", {"report": report, "title": title, "css": PRINT_CSS, "exceptions": exceptions or []})


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def pdf_bytes_response(pdf: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_response(html: str, *, filename: str) -> HttpResponse:
    return pdf_bytes_response(render_pdf(html), filename=filename)


def report_job_request(*, user, plan: Plan, period_end: date) -> ReportJob:
    return ReportJob.objects.create(plan=plan, period_end=period_end, requested_by=user)


def _progress(job: ReportJob, percent: int, message: str, **fields) -> None:
    ReportJob.objects.filter(pk=job.pk).update(progress=percent, message=message, **fields)


def report_job_run(*, job_id: int) -> None:
    """Build one board pack. Safe to call from a thread or the management command; a failure is recorded
    on the job, never lost."""
    try:
        with transaction.atomic():
            claimed = ReportJob.objects.filter(pk=job_id, state=ReportJob.State.QUEUED).update(state=ReportJob.State.RUNNING, progress=5,
                                                                                                message="Reading the plan",
                                                                                                started_at=timezone.now(),
                                                                                                runner=runner_token())
        if not claimed:
            return
        job = ReportJob.objects.select_related("requested_by").defer("pdf").get(pk=job_id)
        report = board_report(user=job.requested_by, plan_id=job.plan_id, period_end=job.period_end)
        _progress(job, 40, "Laying out the pages")
        html = render_report_html(report, title="Board pack", exceptions=board_pack_exceptions())
        pdf = render_pdf(html)
        _progress(job, 100, f"Built at {timezone.localtime():%H:%M}", state=ReportJob.State.DONE, pdf=pdf)
    except Exception as error:  # noqa: BLE001 - the job records what failed, so nobody waits for a PDF that never comes
        ReportJob.objects.filter(pk=job_id).update(state=ReportJob.State.FAILED, message=f"Failed: {error}"[:300])
        raise


def report_job_start(job: ReportJob) -> None:
    """Build the board pack in a thread, unless the site builds them from the command only."""
    if settings.SENDBOARD_PLANS_JOBS_IN_THREAD:
        job_thread_start(run=lambda job_id: report_job_run(job_id=job_id), job_id=job.pk, name="board-pack")


def report_jobs_abandoned_fail() -> int:
    """Mark failed the board packs whose process stopped while building them (ADR 0055), so they can be asked
    for again."""
    return abandoned_fail(ReportJob.objects.filter(state=ReportJob.State.RUNNING),
                          state=ReportJob.State.FAILED, message="Failed: the server building it stopped. Ask for it again")


def report_jobs_run_queued() -> int:
    report_jobs_abandoned_fail()
    queued = ReportJob.objects.filter(state=ReportJob.State.QUEUED).order_by("requested_at").values_list("pk", flat=True)
    return jobs_run_queued(queued=queued, run=lambda job_id: report_job_run(job_id=job_id))
