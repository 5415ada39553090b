from django.db.models import QuerySet

from sendboard.core.models import LocalArea, NonWorkingDay


def local_area_get() -> LocalArea | None:
    return LocalArea.objects.order_by("id").first()


def non_working_day_list() -> QuerySet[NonWorkingDay]:
    return NonWorkingDay.objects.select_related("created_by")
