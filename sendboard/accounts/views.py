from __future__ import annotations

import base64
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme

from sendboard.accounts import services
from sendboard.accounts.access import (
    otp_enrolment_allowed,
    public,
    requires,
    signed_in_without_otp,
    user_has_confirmed_device,
)
from sendboard.accounts.forms import OneTimePasswordForm, ResetPasswordForm, SignInForm
from sendboard.accounts.lockout import address_is_held_back
from sendboard.accounts.roles import Permission
from sendboard.accounts.selectors import organisation_list


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
password_reset_done = public(auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"))
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html", success_url=reverse_lazy("accounts:password-reset-complete")
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
    device = services.otp_device_get_or_create_unconfirmed(user=request.user)
    form = OneTimePasswordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.otp_device_confirm(request=request, device=device, token=form.cleaned_data["token"]):
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
    return render(request, "accounts/organisations.html", {"organisations": organisation_list()})
