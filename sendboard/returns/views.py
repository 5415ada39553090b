import tempfile

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.core.lists import list_page
from sendboard.returns import pages, presenters, selectors, services
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
