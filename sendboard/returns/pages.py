"""The one upload page pattern (ADR 0163): an upload form stores the file under a token only the uploader's
session knows; the preview reads and validates it, writing nothing (or says it was loaded before); "Load this
file" queues an import job; the job page shows progress, then the counts or every problem, and can try a failed
load again.

The returns pages serve every importer loaded with IMPORT_RETURNS; an app whose files another role loads (the
Local Offer's services) serves its importer through the same functions and templates, from its own URLs and
with its own permission, so nobody loads a kind of file from a page its permission does not declare.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from sendboard.accounts.roles import Permission
from sendboard.core.jobs import job_page_refresh
from sendboard.returns import permissions, presenters, selectors, services, uploads
from sendboard.returns.framework import IMPORTERS, file_preview


@dataclass(frozen=True)
class ImportPages:
    """Where one app's import pages are (URL names, with the ``args`` they start with) and the permission they
    declare; ``target`` is what the pages load into, for a bound importer (a plan's pages: the plan)."""

    permission: Permission
    upload: str = "returns:upload"
    preview: str = "returns:preview"
    job: str = "returns:job"
    args: tuple = ()
    target: str = ""

    def importer(self, kind: str, target: str = ""):
        """The importer of ``kind`` (bound to ``target``), if these pages load it; otherwise not found."""
        importer = IMPORTERS.get(kind)
        if importer is None or permissions.importer_permission(importer) != self.permission or target != self.target:
            raise Http404("No such kind of file here")
        return importer.bound(target) if target else importer

    def url(self, name: str, *args) -> str:
        return reverse(name, args=[*self.args, *args])

    def kinds(self) -> list[str]:
        return permissions.importer_kinds_for(self.permission, IMPORTERS)

    def links(self) -> dict[str, str]:
        return {"back_url": self.url(self.upload)}


RETURNS = ImportPages(permission=Permission.IMPORT_RETURNS)


def upload_hold(request: HttpRequest, *, pages: ImportPages, upload, importer) -> HttpResponse:
    """Keep a valid upload for its preview, and go there."""
    pages.importer(importer.kind, getattr(importer, "target", ""))
    token = uploads.upload_store(session=request.session, upload=upload, importer=importer)
    return HttpResponseRedirect(pages.url(pages.preview, token))


def preview_page(request: HttpRequest, token: str, *, pages: ImportPages) -> HttpResponse:
    held = uploads.upload_get(session=request.session, token=token)
    if held is None:
        raise Http404("That upload has expired: upload the file again")
    path, name, kind = held
    target = uploads.upload_target(session=request.session, token=token)
    importer = pages.importer(kind, target)
    if request.method == "POST":
        job = services.import_queue(user=request.user, kind=kind, path=path, filename=name, target=target)
        uploads.upload_release(session=request.session, token=token)
        return HttpResponseRedirect(pages.url(pages.job, job.public_id))
    outcome = file_preview(importer=importer, path=path)
    return render(
        request,
        "returns/preview.html",
        {
            "outcome": outcome,
            "name": name,
            "kind_label": presenters.kind_label(kind),
            "counts": presenters.count_rows(importer, outcome.report.counts),
            "problems": [problem.as_list() for problem in outcome.report.problems],
            **pages.links(),
        },
    )


def job_page(request: HttpRequest, public_id, *, pages: ImportPages) -> HttpResponse:
    found = selectors.import_job_get(user=request.user, public_id=public_id)
    importer = pages.importer(found.kind, found.target)
    if request.method == "POST":
        if not services.import_retry(user=request.user, job=found):
            messages.error(request, "This load cannot be tried again: upload the file again")
        return HttpResponseRedirect(pages.url(pages.job, found.public_id))
    response = render(
        request,
        "returns/job.html",
        {
            "job": found,
            "view": presenters.job_view(found, importer=importer),
            "refresh_seconds": settings.SENDBOARD_JOB_REFRESH_SECONDS,
            "job_url": pages.url(pages.job, found.public_id),
            **pages.links(),
        },
    )
    return job_page_refresh(response, in_progress=found.in_progress)
