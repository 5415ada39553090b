from django.conf import settings
from django.http import HttpRequest

from sendboard.core.selectors import local_area_get


def service(request: HttpRequest) -> dict:
    """What the layout needs on every page: the area's name, the phase, and the signed-in user."""
    area = local_area_get()
    return {
        "area_name": area.name if area else "Local area not set up",
        "phase": settings.SENDBOARD_PHASE,
        "current_user": request.user if request.user.is_authenticated else None,
    }
