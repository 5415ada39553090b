import tempfile

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.returns import selectors, uploads
from sendboard.returns.forms import Sen2UploadForm
from sendboard.returns.framework import file_import, file_preview
from sendboard.returns.sen2.exporter import register_export, sen2_header
from sendboard.returns.sen2.importer import Sen2Importer


@requires(Permission.IMPORT_RETURNS)
def upload(request: HttpRequest) -> HttpResponse:
    form = Sen2UploadForm(request.POST, request.FILES) if request.method == "POST" else Sen2UploadForm()
    if request.method == "POST" and form.is_valid():
        token = uploads.upload_store(session=request.session, upload=form.cleaned_data["file"])
        return HttpResponseRedirect(reverse("returns:preview", args=[token]))
    return render(request, "returns/upload.html", {"form": form, "files": selectors.imported_file_list()})


@requires(Permission.IMPORT_RETURNS)
def preview(request: HttpRequest, token: str) -> HttpResponse:
    held = uploads.upload_get(session=request.session, token=token)
    if held is None:
        raise Http404("That upload has expired: upload the file again")
    path, name = held
    if request.method == "POST":
        outcome = file_import(importer=Sen2Importer(), path=path, filename=name, user=request.user)
        if outcome.loaded or outcome.already_loaded:
            uploads.upload_discard(session=request.session, token=token)
            audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, request=request,
                         detail=f"SEN2 file {outcome.checksum[:12]} {'loaded' if outcome.loaded else 'already loaded'}")
            words = "was loaded before: nothing changed" if outcome.already_loaded else f"loaded: {outcome.report.counts.get('person', 0):,} children"
            messages.success(request, f"The file {words}")
            return HttpResponseRedirect(reverse("returns:upload"))
    else:
        outcome = file_preview(importer=Sen2Importer(), path=path)
    return render(request, "returns/preview.html", {"outcome": outcome, "name": name, "token": token})


@requires(Permission.IMPORT_RETURNS)
def export(request: HttpRequest) -> HttpResponse:
    area = selectors.areas_for_returns(request.user).order_by("id").first()
    if request.method == "POST" and area is not None:
        now = timezone.localtime()
        handle = tempfile.TemporaryFile()
        count = register_export(area=area, out=handle, header=sen2_header(area=area, reference_date=now.date(), year=now.year, created=now))
        handle.seek(0)
        audit_record(kind=AuditEvent.Kind.RECORD_VIEWED, request=request, detail=f"SEN2 export of LA {area.la_code}: {count} children")
        return FileResponse(handle, as_attachment=True, filename=f"sen2-{area.la_code}-{now:%Y-%m-%d}.xml", content_type="application/xml")
    return render(request, "returns/export.html", {"area": area})
