from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.core.jobs import job_page_refresh
from sendboard.core.lists import list_page
from sendboard.returns import exports, pages, presenters, selectors, services
from sendboard.returns.forms import ImportedFileFilterForm, Sen2ExportForm, UploadForm


@requires(Permission.IMPORT_RETURNS)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        return pages.upload_hold(request, pages=pages.RETURNS, upload=form.cleaned_data["file"], importer=form.importer)
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
                selectors.import_job_list(user=request.user, kinds=pages.RETURNS.kinds()),
                params=request.GET,
                per_page=10,
                param="loads_page",
            ),
        },
    )


@requires(Permission.IMPORT_RETURNS)
def preview(request: HttpRequest, token: str) -> HttpResponse:
    return pages.preview_page(request, token, pages=pages.RETURNS)


@requires(Permission.IMPORT_RETURNS)
def job(request: HttpRequest, public_id) -> HttpResponse:
    return pages.job_page(request, public_id, pages=pages.RETURNS)


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
        name = (
            f"sen2-{area.la_code}-{header['Year']}-{header['SerialNo']}"
            if pure
            else f"sendboard-register-{area.la_code}-{now:%Y-%m-%d}"
        )
        job = services.register_export_queue(
            user=request.user, area=area, header=header, kind=form.cleaned_data["kind"], filename=f"{name}.xml"
        )
        return HttpResponseRedirect(reverse("returns:export-job", args=[job.public_id]))
    return render(
        request,
        "returns/export.html",
        {
            "area": area,
            "form": form if area is not None else None,
            "sex_not_known": selectors.children_sex_not_known(area) if area is not None else 0,
            "exports": list_page(
                selectors.register_export_list(user=request.user), params=request.GET, per_page=10, param="page"
            ),
        },
    )


@requires(Permission.EXPORT_REGISTER, two_factor_always=True)
def export_job(request: HttpRequest, public_id) -> HttpResponse:
    """The export's progress, then its download, for the person who asked for it alone."""
    found = selectors.register_export_get(user=request.user, public_id=public_id)
    response = render(
        request,
        "returns/export_job.html",
        {"job": found, "refresh_seconds": settings.SENDBOARD_JOB_REFRESH_SECONDS},
    )
    return job_page_refresh(response, in_progress=found.in_progress)


@requires(Permission.EXPORT_REGISTER, two_factor_always=True)
def export_download(request: HttpRequest, public_id) -> HttpResponse:
    found = selectors.register_export_get(user=request.user, public_id=public_id)
    path = exports.export_path(found) if found.held else None
    if path is None or not path.exists():
        raise Http404("This file is no longer held: export the register again")
    services.register_export_download_record(user=request.user, job=found)
    return FileResponse(path.open("rb"), as_attachment=True, filename=found.filename, content_type="application/xml")
