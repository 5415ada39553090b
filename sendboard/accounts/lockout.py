"""Failed sign-ins (ADR 0062): django-axes' database handler locks out a (username, address) pair; this adds a
higher limit per address across every username it tries, so one address guessing many usernames is held back."""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from sendboard.core.network import client_address


def address_failures(request) -> int:
    """Failed sign-ins from the request's address, whatever the usernames, within the lockout period."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=client_address(request), attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def address_is_held_back(request) -> bool:
    return address_failures(request) >= settings.SENDBOARD_SIGN_IN_ADDRESS_FAILURE_LIMIT


class PairAndAddressHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials: dict | None = None) -> bool:
        return super().is_locked(request, credentials) or (
            settings.AXES_LOCK_OUT_AT_FAILURE and address_is_held_back(request)
        )

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and settings.AXES_LOCK_OUT_AT_FAILURE and address_is_held_back(request):
            # django-axes shows its lockout page only for the pair's own limit; the address's is ours to flag.
            request.axes_locked_out = True
            request.axes_credentials = credentials
