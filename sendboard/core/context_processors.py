from django.conf import settings
from django.http import HttpRequest

from sendboard.core.navigation import navigation_for
from sendboard.core.selectors import local_area_name


def service(request: HttpRequest) -> dict:
    """What the layout needs on every page: the area's name, the phase, the signed-in user and the navigation."""
    area_name = local_area_name()
    user = request.user if request.user.is_authenticated else None
    return {
        "area_name": area_name if area_name is not None else "Local area not set up",
        "phase": settings.SENDBOARD_PHASE,
        "current_user": user,
        "navigation": navigation_for(user, path=request.path),
    }
