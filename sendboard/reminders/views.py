from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.core.lists import list_page
from sendboard.reminders import permissions, presenters, selectors, services
from sendboard.reminders.forms import DigestChoiceForm


@requires(Permission.VIEW_HOME)
def mine(request: HttpRequest) -> HttpResponse:
    """Your reminders: what you were sent, and whether you want the daily digest (a POST changes it)."""
    current = selectors.wants_digest(request.user)
    form = DigestChoiceForm(
        request.POST if request.method == "POST" else None, initial={"wants_digest": "yes" if current else "no"}
    )
    if request.method == "POST" and form.is_valid():
        services.digest_choice_set(user=request.user, wants_digest=form.cleaned_data["wants_digest"])
        messages.success(
            request,
            "You will get the daily digest"
            if form.cleaned_data["wants_digest"]
            else "You will not get the daily digest",
        )
        return HttpResponseRedirect(reverse("reminders:mine"))
    listing = list_page(selectors.reminders_sent_to(request.user), params=request.GET)
    return render(
        request,
        "reminders/mine.html",
        {
            "form": form,
            "wants_digest": current,
            "listing": listing,
            "opens_records": permissions.may_open_child_records(request.user),
            "status": presenters.status,
        },
    )


@requires(Permission.MANAGE_REMINDERS)
def sending_status(request: HttpRequest) -> HttpResponse:
    """How sending goes: counts for the last 7 days, and every e-mail that could not be sent, to send again."""
    since = timezone.now() - timedelta(days=7)
    failed = list_page(selectors.failed_reminders(), params=request.GET)
    return render(
        request,
        "reminders/sending.html",
        {
            "summary": selectors.sending_summary(since=since),
            "failed": failed,
            "through": presenters.sent_through_words(),
            "automatic_retries": services.AUTOMATIC_RETRIES,
        },
    )


@requires(Permission.MANAGE_REMINDERS)
@require_POST
def send_again(request: HttpRequest, reminder_id: int) -> HttpResponse:
    reminder = selectors.reminder_get(reminder_id)
    if reminder is None:
        raise Http404("No such reminder e-mail")
    if services.reminder_send_again(user=request.user, reminder=reminder):
        messages.success(request, "The e-mail will be sent again in a moment")
    else:
        messages.info(request, "That e-mail is no longer waiting to be sent again: it was sent again already")
    return HttpResponseRedirect(reverse("reminders:sending"))
