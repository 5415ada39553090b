"""Highlight reports and board packs as PDF (WeasyPrint), and the database-backed job that builds large ones
in the worker with progress a user can watch (ADR 0105)."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from sendboard.core.jobs import Progress, job_enqueue, job_retry, job_run
from sendboard.plans.models import Plan, ReportJob
from sendboard.plans.selectors import BoardReport, board_report

PRINT_CSS = """
@page { size: A4; margin: 18mm 15mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } }
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
    return render_to_string(
        "plans/report_print.html", {"report": report, "title": title, "css": PRINT_CSS, "exceptions": exceptions or []}
    )


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
    """Ask for a board pack: the worker builds it once this transaction commits (ADR 0105)."""
    job = ReportJob.objects.create(plan=plan, period_end=period_end, requested_by=user, message="Waiting to start")
    job_enqueue(job)
    return job


def report_job_retry(*, job: ReportJob) -> bool:
    return job_retry(job)


def _build(job: ReportJob, progress: Progress) -> None:
    progress(5, "Reading the plan")
    report = board_report(user=job.requested_by, plan_id=job.plan_id, period_end=job.period_end)
    progress(40, "Laying out the pages")
    html = render_report_html(report, title="Board pack", exceptions=board_pack_exceptions())
    pdf = render_pdf(html)
    progress(100, f"Built at {timezone.localtime():%H:%M}", pdf=pdf)


def report_job_run(*, job_id: int) -> None:
    """Build one board pack (the worker's task, or a test); a failure is recorded on the job, never lost."""
    job_run(ReportJob, job_id, _build, failed_words=lambda error: "The board pack could not be built. Ask for it again")


@task()
def board_pack_build(job_id: int) -> None:
    report_job_run(job_id=job_id)
