from __future__ import annotations

import base64
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from sendboard.accounts import selectors, services
from sendboard.accounts.access import (
    otp_enrolment_allowed,
    public,
    requires,
    signed_in_without_otp,
    user_has_confirmed_device,
    user_has_permission,
)
from sendboard.accounts.forms import (
    AcceptInvitationForm,
    ConfirmForm,
    InvitationForm,
    OneTimePasswordForm,
    OrganisationForm,
    PeopleFilterForm,
    PersonChangeForm,
    PersonSearchForm,
    ResetPasswordForm,
    SignInForm,
    TwoFactorResetForm,
)
from sendboard.accounts.lockout import address_is_held_back
from sendboard.accounts.models import Organisation
from sendboard.accounts.roles import Permission
from sendboard.accounts.selectors import organisation_list
from sendboard.core.forms import form_errors_apply
from sendboard.core.lists import list_page


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


sign_in = public(
    auth_views.LoginView.as_view(
        template_name="accounts/sign_in.html", authentication_form=SignInForm, redirect_authenticated_user=True
    )
)
sign_out = signed_in_without_otp(auth_views.LogoutView.as_view())


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = ResetPasswordForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        # The address typed is not recorded: it may not belong to anyone.
        services.password_reset_requested_record()
        return super().form_valid(form)


password_reset = public(PasswordResetView.as_view())
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password-reset-complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)


def locked_out(request: HttpRequest, credentials=None, *args, **kwargs) -> HttpResponse:
    """django-axes calls this when a username has failed too often from this address, or the address has."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if address_is_held_back(request):
        return render(request, "accounts/address_held_back.html", {"minutes": minutes}, status=429)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=403)


@signed_in_without_otp
def otp_enrol(request: HttpRequest) -> HttpResponse:
    if not otp_enrolment_allowed(request.user):
        # A user who has an app set up proves it before anything else, setting up another one included.
        return HttpResponseRedirect(f"{reverse('accounts:otp-verify')}?{urlencode({'next': _safe_next(request)})}")
    replacing = user_has_confirmed_device(request.user)
    device = services.otp_enrolment_device(request=request)
    form = OneTimePasswordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.otp_device_confirm(request=request, token=form.cleaned_data["token"]):
            return HttpResponseRedirect(_safe_next(request))
        form.add_error("token", "That code did not match. Check the time on your phone and enter the newest code")
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
            "secret": base64.b32encode(device.bin_key).decode("ascii"),
            "next": _safe_next(request),
            "replacing": replacing,
        },
    )


@signed_in_without_otp
def otp_verify(request: HttpRequest) -> HttpResponse:
    form = OneTimePasswordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.otp_verify(request=request, token=form.cleaned_data["token"]):
            return HttpResponseRedirect(_safe_next(request))
        form.add_error("token", "That code did not match. Enter the newest code from your authenticator app")
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _safe_next(request)})


@requires(Permission.VIEW_ORGANISATIONS)
def organisations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/organisations.html",
        {
            "listing": list_page(organisation_list(), params=request.GET),
            "can_manage": user_has_permission(request.user, Permission.MANAGE_ORGANISATIONS),
        },
    )


# --- People and organisations, for administrators (ADRs 0135 to 0137) -------------------------------------

INVITATION_SESSION_KEY = "sendboard_invitation"


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _site(request: HttpRequest) -> str:
    """The address invitation links start with: the one the administrator is using."""
    return request.build_absolute_uri("/")


@requires(Permission.MANAGE_PEOPLE)
def people(request: HttpRequest) -> HttpResponse:
    filters = PeopleFilterForm(request.GET, organisations=Organisation.objects.order_by("name"))
    values = filters.values()
    found = selectors.people_list(
        organisation=values["organisation"], role=values["role"], status=values["status"], sort=values["sort"]
    )
    search = PersonSearchForm(_posted(request))
    matches = (
        selectors.people_search(search.cleaned_data["term"]) if request.method == "POST" and search.is_valid() else None
    )
    return render(
        request,
        "accounts/people.html",
        {
            "listing": list_page(found, params=request.GET),
            "filters": filters.shown(),
            "form": search,
            "matches": matches,
            "limit": selectors.PEOPLE_SEARCH_LIMIT,
            "waiting": selectors.invitation_list().count(),
        },
    )


@requires(Permission.MANAGE_PEOPLE)
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    found = selectors.person_get(person_id)
    return render(
        request,
        "accounts/person.html",
        {
            "person": found,
            "two_factor": selectors.person_has_two_factor(found),
            "is_self": found.pk == request.user.pk,
            "audit_href": f"{reverse('audit:log')}?{urlencode({'username': found.username})}",
        },
    )


@requires(Permission.MANAGE_PEOPLE)
def person_change(request: HttpRequest, person_id: int) -> HttpResponse:
    found = selectors.person_get(person_id)
    form = PersonChangeForm(
        _posted(request),
        initial={
            "role": found.role,
            "additional_roles": found.additional_roles,
            "organisation": found.organisation_id,
            "version": services.person_version(found),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_change(user=request.user, person=found, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, f"{found.display_name}'s role and organisation saved")
            return HttpResponseRedirect(reverse("accounts:person", args=[found.pk]))
    return render(request, "accounts/person_change.html", {"person": found, "form": form})


def _confirm(request: HttpRequest, person_id: int, *, action, template: str, done: str) -> HttpResponse:
    found = selectors.person_get(person_id)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            action(user=request.user, person=found)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, done.format(name=found.display_name))
            return HttpResponseRedirect(reverse("accounts:person", args=[found.pk]))
    return render(request, template, {"person": found, "form": form})


@requires(Permission.MANAGE_PEOPLE)
def person_deactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    return _confirm(
        request,
        person_id,
        action=services.person_deactivate,
        template="accounts/person_deactivate.html",
        done="{name}'s account is deactivated: they have been signed out and cannot sign in",
    )


@requires(Permission.MANAGE_PEOPLE)
def person_reactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    return _confirm(
        request,
        person_id,
        action=services.person_reactivate,
        template="accounts/person_reactivate.html",
        done="{name}'s account is active again: they can sign in",
    )


@requires(Permission.MANAGE_PEOPLE)
def person_two_factor_reset(request: HttpRequest, person_id: int) -> HttpResponse:
    found = selectors.person_get(person_id)
    form = TwoFactorResetForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_two_factor_reset(user=request.user, person=found, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(
                request,
                f"{found.display_name}'s two-factor sign-in is reset: they will set up an "
                "authenticator app when they next sign in",
            )
            return HttpResponseRedirect(reverse("accounts:person", args=[found.pk]))
    return render(request, "accounts/person_two_factor_reset.html", {"person": found, "form": form})


@requires(Permission.MANAGE_PEOPLE)
def invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(user=request.user, site=_site(request), **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            invitation.refresh_from_db(fields=["not_delivered"])
            messages.success(
                request,
                f"Invitation to {invitation.email} saved, but the email could not be sent. Check the "
                "address, then send it again"
                if invitation.not_delivered
                else f"Invitation sent to {invitation.email}",
            )
            return HttpResponseRedirect(reverse("accounts:invitations"))
    return render(request, "accounts/invite.html", {"form": form, "days": settings.SENDBOARD_INVITATION_DAYS})


@requires(Permission.MANAGE_PEOPLE)
def invitations(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        if action not in ("resend", "cancel"):
            raise Http404("No such action")
        found = selectors.invitation_get(_int(request.POST.get("invitation")))
        resend = action == "resend"
        try:
            if resend:
                services.invitation_resend(user=request.user, invitation=found, site=_site(request))
            else:
                services.invitation_cancel(user=request.user, invitation=found)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            found.refresh_from_db(fields=["not_delivered"])
            if not resend:
                done = f"Invitation to {found.email} cancelled: its link no longer works"
            elif found.not_delivered:
                done = f"The email to {found.email} could not be sent. Check the address, then send it again"
            else:
                done = f"Invitation sent again to {found.email}: the earlier link no longer works"
            messages.success(request, done)
            return HttpResponseRedirect(reverse("accounts:invitations"))
    return render(
        request,
        "accounts/invitations.html",
        {"listing": list_page(selectors.invitation_list(), params=request.GET), "form": form, "now": timezone.now()},
    )


def _int(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404("No such invitation") from None
    if not 0 < number < 2**63:
        raise Http404("No such invitation")
    return number


@public
def invitation_open(request: HttpRequest) -> HttpResponse:
    """The link in the e-mail, its token in the query string (which no log keeps). The token goes into the
    session (as its digest) and the browser moves on at once to an address without it, so the token is never
    sent onwards as a Referer nor left in the address bar. Writes nothing but the session; a link that does not
    work says so, with the same 200 page whatever the cause."""
    invitation = services.invitation_find(request.GET.get("token", ""))
    if invitation is None:
        request.session.pop(INVITATION_SESSION_KEY, None)
        return render(request, "accounts/invitation_invalid.html")
    request.session[INVITATION_SESSION_KEY] = invitation.secret_digest
    return HttpResponseRedirect(reverse("accounts:invitation-accept"))


@public
def invitation_accept(request: HttpRequest) -> HttpResponse:
    digest = request.session.get(INVITATION_SESSION_KEY, "")
    invitation = services.invitation_waiting(digest)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html")
    form = AcceptInvitationForm(services.invitation_account(invitation), _posted(request))
    if request.method == "POST" and form.is_valid():
        account = services.invitation_accept(digest=digest, password=form.cleaned_data["new_password1"])
        if account is None:
            return render(request, "accounts/invitation_invalid.html")
        request.session.pop(INVITATION_SESSION_KEY, None)
        login(request, account, backend="django.contrib.auth.backends.ModelBackend")
        # Next, the authenticator app: every account has one (ADR 0061).
        return HttpResponseRedirect(
            f"{reverse('accounts:otp-enrol')}?{urlencode({'next': reverse(settings.LOGIN_REDIRECT_URL)})}"
        )
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "invitation": invitation, "username": invitation.email.lower()},
    )


@requires(Permission.MANAGE_ORGANISATIONS)
def organisation_add(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(_posted(request))
    form.fields.pop("version")
    if request.method == "POST" and form.is_valid():
        try:
            created = services.organisation_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, f"{created.name} added")
            return HttpResponseRedirect(reverse("accounts:organisations"))
    return render(
        request,
        "accounts/organisation_form.html",
        {"form": form, "title": "Add an organisation", "button": "Add organisation"},
    )


@requires(Permission.MANAGE_ORGANISATIONS)
def organisation_change(request: HttpRequest, organisation_id: int) -> HttpResponse:
    found = selectors.organisation_get(organisation_id)
    form = OrganisationForm(
        _posted(request),
        initial={
            "name": found.name,
            "kind": found.kind,
            "code": found.code,
            "version": services.organisation_version(found),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_change(user=request.user, organisation=found, **form.cleaned_data)
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, f"{found.name} saved")
            return HttpResponseRedirect(reverse("accounts:organisations"))
    return render(
        request,
        "accounts/organisation_form.html",
        {"form": form, "title": f"Change {found.name}", "button": "Save organisation"},
    )
