"""Who may see what: the one place sendboard decides it (ADR 0003).

Every view declares an access policy with one of the decorators below. ``AccessPolicyMiddleware`` enforces
the declaration before the view runs, and refuses to run a view that declares none, so a new view cannot
forget a check. Every signed-in user must also have passed a one-time password in this session (ADR 0061).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import URLPattern, URLResolver, reverse

from sendboard.accounts.roles import Permission, roles_have_permission
from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class AccessPolicy:
    public: bool = False
    permission: Permission | None = None
    needs_otp: bool = True
    # A one-time password even where SENDBOARD_OTP_REQUIRED is off (local development): for the few pages that
    # hand over the whole register.
    two_factor_always: bool = False


def _declare(view: View, policy: AccessPolicy) -> View:
    view.access_policy = policy  # type: ignore[attr-defined]
    return view


def public(view: View) -> View:
    """Anyone, signed in or not."""
    return _declare(view, AccessPolicy(public=True))


def signed_in_without_otp(view: View) -> View:
    """Any signed-in user, before a one-time password: only for enrolling, verifying and signing out."""
    return _declare(view, AccessPolicy(needs_otp=False))


def requires(permission: Permission, *, two_factor_always: bool = False) -> Callable[[View], View]:
    """Signed-in users whose role grants ``permission``, after a one-time password."""

    def decorator(view: View) -> View:
        return _declare(view, AccessPolicy(permission=permission, two_factor_always=two_factor_always))

    return decorator


def declare_all(patterns: list, decorator: Callable[[View], View]) -> list:
    """Declare one policy for every view of a list of URL patterns a library builds (an API's, say)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            declare_all(entry.url_patterns, decorator)
        elif isinstance(entry, URLPattern):
            decorator(entry.callback)
    return patterns


def is_api_request(request: HttpRequest) -> bool:
    """API clients get JSON answers (401/403) rather than a sign-in redirect or an HTML page."""
    return request.path.startswith("/api/")


def user_must_use_otp(user) -> bool:
    """Every account, whatever its role: a role that sees no child today may be given one tomorrow, and every
    account can reach someone's name, organisation and work."""
    return settings.SENDBOARD_OTP_REQUIRED


def otp_enrolment_allowed(user) -> bool:
    """Setting up an authenticator app: freely while the user has none, but replacing one only in a session
    already verified with it, so that a password alone never adds a device (ADR 0061)."""
    return not user_has_confirmed_device(user) or user.is_verified()


def user_has_permission(user, permission: Permission) -> bool:
    """Whether any role the user holds (the main one and any additional ones, ADR 0136) grants ``permission``."""
    return bool(
        user.is_authenticated and user.is_active and roles_have_permission(roles=user.roles, permission=permission)
    )


class AccessPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: View, view_args, view_kwargs) -> HttpResponse | None:
        policy: AccessPolicy | None = getattr(view_func, "access_policy", None)
        if policy is None:
            raise ImproperlyConfigured(
                f"The view {view_func.__module__}.{view_func.__name__} declares no access policy; "
                "decorate it with public, signed_in_without_otp or requires(...)"
            )
        if policy.public:
            return None
        user = request.user
        api = is_api_request(request)
        if not user.is_authenticated:
            if api:
                return JsonResponse({"detail": "Sign in to use this API."}, status=401)
            return redirect_to_login(request.get_full_path())
        if policy.needs_otp and (user_must_use_otp(user) or policy.two_factor_always) and not user.is_verified():
            if api:
                return JsonResponse({"detail": "Two-factor sign-in is required for this API."}, status=403)
            step = "accounts:otp-verify" if user_has_confirmed_device(user) else "accounts:otp-enrol"
            return HttpResponseRedirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        if policy.permission is not None and not user_has_permission(user, policy.permission):
            audit_record(kind=AuditEvent.Kind.PERMISSION_REFUSED, user=user, detail=policy.permission.value)
            if api:
                return JsonResponse({"detail": "Your role does not allow this."}, status=403)
            raise PermissionDenied(policy.permission.value)
        return None


def user_has_confirmed_device(user) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))
