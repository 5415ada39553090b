from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendboard.accounts.models import Invitation, Organisation, User
from sendboard.accounts.roles import Role


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.annotate(user_count=Count("users")).order_by("name")


def organisation_get(organisation_id: int) -> Organisation:
    found = Organisation.objects.filter(pk=organisation_id).first()
    if found is None:
        raise Http404("No such organisation")
    return found


def role_holders(*roles: str) -> Q:
    """People who hold any of ``roles``, as their main role or another one (ADR 0136). Other roles are stored as
    JSON text (``["local_offer_officer"]``) and no role's name is part of another's, so the quoted name finds it
    on SQLite and PostgreSQL alike."""
    found = Q(role__in=roles)
    for held in roles:
        found |= Q(additional_roles__icontains=f'"{held}"')
    return found


# The People list's sort orders: label, then order_by.
PEOPLE_SORTS = {
    "name": ("Name", ("last_name", "first_name", "username")),
    "organisation": ("Organisation", ("organisation__name", "last_name", "first_name")),
    "last_sign_in": ("Last signed in", ("-last_login", "last_name")),
}
PEOPLE_STATUSES = {"active": "Active", "deactivated": "Deactivated", "all": "Active and deactivated"}


def people_list(
    *, organisation: str = "", role: str = "", status: str = "active", sort: str = "name"
) -> QuerySet[User]:
    held = role
    """Everyone with an account, filtered by organisation, role (main or other) and whether they can sign in."""
    people = User.objects.select_related("organisation").annotate(
        has_two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )
    if organisation:
        people = people.filter(organisation_id=organisation)
    if held in Role.values:
        people = people.filter(role_holders(held))
    if status == "active":
        people = people.filter(is_active=True)
    elif status == "deactivated":
        people = people.filter(is_active=False)
    return people.order_by(*PEOPLE_SORTS.get(sort, PEOPLE_SORTS["name"])[1])


PEOPLE_SEARCH_LIMIT = 50


def people_search(term: str) -> list[User]:
    """People whose name, username or e-mail address contains every word typed (at most the first 50)."""
    people = User.objects.select_related("organisation").annotate(
        has_two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )
    for word in term.split():
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(email__icontains=word)
        )
    return list(people.order_by("last_name", "first_name", "username")[:PEOPLE_SEARCH_LIMIT])


def person_get(person_id: int) -> User:
    found = User.objects.select_related("organisation").filter(pk=person_id).first()
    if found is None:
        raise Http404("No such person")
    return found


def person_has_two_factor(person: User) -> bool:
    return TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def invitation_list() -> QuerySet[Invitation]:
    """Invitations not yet accepted or cancelled (waiting or expired), the newest first."""
    return (
        Invitation.objects.filter(accepted_at__isnull=True, cancelled_at__isnull=True)
        .select_related("organisation", "invited_by")
        .order_by("-sent_at", "-id")
    )


def invitation_get(invitation_id: int) -> Invitation:
    found = Invitation.objects.select_related("organisation", "invited_by").filter(pk=invitation_id).first()
    if found is None:
        raise Http404("No such invitation")
    return found
