import tempfile

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.core.jobs import job_page_refresh
from sendboard.core.lists import list_page
from sendboard.returns import presenters, selectors, services, uploads
from sendboard.returns.forms import ImportedFileFilterForm, Sen2ExportForm, UploadForm
from sendboard.returns.framework import IMPORTERS, file_preview


@requires(Permission.IMPORT_RETURNS)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        token = uploads.upload_store(session=request.session, upload=form.cleaned_data["file"], importer=form.importer)
        return HttpResponseRedirect(reverse("returns:preview", args=[token]))
    filters = ImportedFileFilterForm(request.GET)
    shown = filters.values()
    listing = list_page(
        selectors.imported_file_list(kind=shown["file_kind"], sort=shown["sort"]), params=request.GET, per_page=20
    )
    return render(
        request,
        "returns/upload.html",
        {
            "form": form,
            "filters": filters.shown(),
            "listing": listing,
            "files": presenters.imported_files(listing.items),
            "recorded_areas": selectors.areas_recorded_in_sendboard(),
            "jobs": list_page(
                selectors.import_job_list(user=request.user), params=request.GET, per_page=10, param="loads_page"
            ),
        },
    )


def _held(request: HttpRequest, token: str):
    held = uploads.upload_get(session=request.session, token=token)
    if held is None:
        raise Http404("That upload has expired: upload the file again")
    return held


@requires(Permission.IMPORT_RETURNS)
def preview(request: HttpRequest, token: str) -> HttpResponse:
    path, name, kind = _held(request, token)
    importer = IMPORTERS[kind]
    if request.method == "POST":
        job = services.import_queue(user=request.user, kind=kind, path=path, filename=name)
        uploads.upload_release(session=request.session, token=token)
        return HttpResponseRedirect(reverse("returns:job", args=[job.public_id]))
    outcome = file_preview(importer=importer, path=path)
    return render(
        request,
        "returns/preview.html",
        {
            "outcome": outcome,
            "name": name,
            "kind_label": presenters.kind_label(kind),
            "counts": presenters.count_rows(importer, outcome.report.counts),
            "problems": [[p.record, p.field, p.rule, p.message] for p in outcome.report.problems],
        },
    )


@requires(Permission.IMPORT_RETURNS)
def job(request: HttpRequest, public_id) -> HttpResponse:
    found = selectors.import_job_get(user=request.user, public_id=public_id)
    if request.method == "POST":
        if not services.import_retry(user=request.user, job=found):
            messages.error(request, "This load cannot be tried again: upload the file again")
        return HttpResponseRedirect(reverse("returns:job", args=[found.public_id]))
    view = presenters.job_view(found, importer=IMPORTERS.get(found.kind))
    response = render(
        request,
        "returns/job.html",
        {"job": found, "view": view, "refresh_seconds": settings.SENDBOARD_JOB_REFRESH_SECONDS},
    )
    return job_page_refresh(response, in_progress=found.in_progress)


# The whole register, names, dates of birth, postcodes and UPNs: its own permission, and two-factor sign-in
# even where local development turned it off elsewhere (ADR 0064).
@requires(Permission.EXPORT_REGISTER, two_factor_always=True)
def export(request: HttpRequest) -> HttpResponse:
    area = selectors.areas_for_returns(request.user).order_by("id").first()
    form = Sen2ExportForm(request.POST) if request.method == "POST" else Sen2ExportForm()
    if request.method == "POST" and area is not None and form.is_valid():
        now = timezone.localtime()
        header = form.header(area=area, created=now)
        pure = form.cleaned_data["kind"] == "return"
        handle = tempfile.TemporaryFile()
        services.register_export_write(user=request.user, area=area, out=handle, header=header, extras=not pure)
        handle.seek(0)
        name = (
            f"sen2-{area.la_code}-{header['Year']}-{header['SerialNo']}"
            if pure
            else f"sendboard-register-{area.la_code}-{now:%Y-%m-%d}"
        )
        return FileResponse(handle, as_attachment=True, filename=f"{name}.xml", content_type="application/xml")
    return render(
        request,
        "returns/export.html",
        {
            "area": area,
            "form": form if area is not None else None,
            "sex_not_known": selectors.children_sex_not_known(area) if area is not None else 0,
        },
    )
