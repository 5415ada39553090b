from django.apps import apps
from django.db.models import QuerySet
from django.urls import reverse

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission
from sendboard.core.models import LocalArea, NonWorkingDay


def local_area_get() -> LocalArea | None:
    return LocalArea.objects.order_by("id").first()


def local_area_name() -> str | None:
    """The area's name alone, for the layout of every page: one column, no model instance."""
    return LocalArea.objects.order_by("id").values_list("name", flat=True).first()


def non_working_day_list() -> QuerySet[NonWorkingDay]:
    return NonWorkingDay.objects.select_related("created_by")


def home_links_for(user) -> list[tuple[str, str]]:
    """(label, href) of every app's home-page links (AppConfig.home_links) that the user's role allows."""
    return [
        (label, reverse(url_name))
        for config in apps.get_app_configs()
        for permission, label, url_name in getattr(config, "home_links", [])
        if user_has_permission(user, Permission(permission))
    ]
