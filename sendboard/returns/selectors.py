from django.db.models import QuerySet

from sendboard.core.models import LocalArea
from sendboard.returns.models import ImportedFile


def imported_file_list(*, limit: int = 20) -> list[ImportedFile]:
    return list(ImportedFile.objects.select_related("imported_by").order_by("-imported_at", "-id")[:limit])


def areas_for_returns(user) -> QuerySet[LocalArea]:
    """The local areas whose register a user may export: those their organisation's SEND team works."""
    if user.organisation_id is None:
        return LocalArea.objects.none()
    return LocalArea.objects.filter(casework_teams__organisation_id=user.organisation_id)
