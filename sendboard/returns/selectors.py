from django.db.models import QuerySet
from django.http import Http404

from sendboard.casework.models import Child, RegisterSource
from sendboard.core.models import LocalArea
from sendboard.returns import permissions
from sendboard.returns.models import ImportedFile, ImportJob, RegisterExport

IMPORTED_FILE_SORTS = {
    "newest": ("Newest first", ("-imported_at", "-id")),
    "oldest": ("Oldest first", ("imported_at", "id")),
}


def imported_file_list(*, kind: str = "", sort: str = "newest") -> QuerySet[ImportedFile]:
    """Every file loaded, of one kind when asked, newest first unless asked otherwise (the page shows a page)."""
    files = ImportedFile.objects.select_related("imported_by")
    if kind:
        files = files.filter(kind=kind)
    return files.order_by(*IMPORTED_FILE_SORTS.get(sort, IMPORTED_FILE_SORTS["newest"])[1])


def areas_for_returns(user) -> QuerySet[LocalArea]:
    """The local areas whose register a user may export: casework's rule for reaching children, with the
    permission to take the whole register away (ADR 0064)."""
    return permissions.areas_for_export(user)


def import_job_list(*, user, kinds: list[str] | None = None) -> QuerySet[ImportJob]:
    """The user's own import jobs (of ``kinds``, where a page loads only those), newest first."""
    jobs = ImportJob.objects.filter(requested_by=user)
    if kinds is not None:
        jobs = jobs.filter(kind__in=kinds)
    return jobs.order_by("-requested_at", "-id")


def import_job_get(*, user, public_id) -> ImportJob:
    """One of the user's own import jobs; anyone else's is not found."""
    try:
        return ImportJob.objects.select_related("imported_file").get(public_id=public_id, requested_by=user)
    except ImportJob.DoesNotExist as missing:
        raise Http404("No such import") from missing


def register_export_list(*, user) -> QuerySet[RegisterExport]:
    """The user's own register exports, newest first: each file is held for the person who asked for it alone."""
    return RegisterExport.objects.filter(requested_by=user).order_by("-requested_at", "-id")


def register_export_get(*, user, public_id) -> RegisterExport:
    """One of the user's own register exports; anyone else's is not found."""
    try:
        return RegisterExport.objects.select_related("local_area").get(public_id=public_id, requested_by=user)
    except RegisterExport.DoesNotExist as missing:
        raise Http404("No such export") from missing


def children_sex_not_known(area: LocalArea) -> int:
    """How many of the area's children are recorded with sex not known (U, read from a 2023 file's GenderCurrent):
    from the 2024 collection SEN2 holds male or female only, so the collection refuses them (ADR 0130)."""
    return Child.objects.filter(local_area=area, sex="U").count()


def areas_recorded_in_sendboard() -> list[str]:
    """Names of the local areas whose register is recorded in sendboard, which take no SEN2 file (ADR 0145)."""
    return list(
        RegisterSource.objects.filter(source=RegisterSource.Source.RECORDED)
        .order_by("local_area__name")
        .values_list("local_area__name", flat=True)
    )
