"""A person who holds two roles, without a second account (ADR 0136): what they may do is the union of their roles,
no more; the additional roles live on the user's own row, so checking them reads nothing more."""

import pytest
from django.urls import reverse

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.models import User
from sendboard.accounts.roles import ROLE_PERMISSIONS, Permission, Role, roles_have_permission
from sendboard.accounts.selectors import role_holders
from tests.factories import UserFactory
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db

PAIRS = [
    (main, other)
    for main in Role.values
    if main != Role.ADMINISTRATOR
    for other in Role.values
    if other not in (Role.ADMINISTRATOR, main)
]


@pytest.mark.parametrize(("main", "other"), PAIRS)
def test_two_roles_may_do_exactly_what_either_may(main, other):
    person = UserFactory(role=main, additional_roles=[other])
    allowed = {p for p in Permission if user_has_permission(person, p)}
    assert allowed == ROLE_PERMISSIONS[main] | ROLE_PERMISSIONS[other]


def test_the_union_is_of_every_role_held():
    assert roles_have_permission(
        roles=[Role.CASEWORKER, Role.LOCAL_OFFER_OFFICER], permission=Permission.MANAGE_LOCAL_OFFER
    )
    assert not roles_have_permission(roles=[Role.CASEWORKER], permission=Permission.MANAGE_LOCAL_OFFER)
    assert not roles_have_permission(roles=[], permission=Permission.VIEW_HOME)


def test_a_caseworker_who_is_also_in_the_local_offer_team_opens_both_with_one_account(client):
    person = UserFactory(role=Role.CASEWORKER, additional_roles=[Role.LOCAL_OFFER_OFFICER])
    force_login_verified(client, person)
    assert client.get(reverse("localoffer:team")).status_code == 200
    assert client.get(reverse("casework:my-cases")).status_code == 200
    assert "SEND caseworker and Local Offer team member" in client.get(reverse("core:home")).content.decode()
    assert client.get(reverse("accounts:people")).status_code == 403


def test_without_the_other_role_the_local_offer_team_page_is_refused(client):
    force_login_verified(client, UserFactory(role=Role.CASEWORKER))
    assert client.get(reverse("localoffer:team")).status_code == 403


def test_a_deactivated_person_holds_no_permission_from_any_role():
    person = UserFactory(role=Role.CASEWORKER, additional_roles=[Role.LOCAL_OFFER_OFFICER], is_active=False)
    assert not any(user_has_permission(person, p) for p in Permission)


def test_a_value_that_is_no_role_grants_nothing():
    person = UserFactory(role=Role.SETTING_USER, additional_roles=["not_a_role"])
    assert person.roles == (Role.SETTING_USER,)
    assert {p for p in Permission if user_has_permission(person, p)} == ROLE_PERMISSIONS[Role.SETTING_USER]


def test_people_holding_a_role_as_their_main_or_another_role_are_found():
    main = UserFactory(role=Role.LOCAL_OFFER_OFFICER)
    other = UserFactory(role=Role.CASEWORKER, additional_roles=[Role.ANALYST, Role.LOCAL_OFFER_OFFICER])
    UserFactory(role=Role.CASEWORKER, additional_roles=[Role.ANALYST])
    UserFactory(role=Role.PROVIDER_EDITOR)
    assert set(User.objects.filter(role_holders(Role.LOCAL_OFFER_OFFICER))) == {main, other}
    editor = User.objects.get(role=Role.PROVIDER_EDITOR)
    assert set(User.objects.filter(role_holders(Role.LOCAL_OFFER_OFFICER, Role.PROVIDER_EDITOR))) == {
        main,
        other,
        editor,
    }


def test_checking_permissions_reads_nothing_more_for_two_roles(django_assert_num_queries):
    person = UserFactory(role=Role.CASEWORKER, additional_roles=[Role.LOCAL_OFFER_OFFICER])
    person = User.objects.get(pk=person.pk)
    with django_assert_num_queries(0):
        assert user_has_permission(person, Permission.MANAGE_LOCAL_OFFER)


# --- Each app's object rules and lists of people read every role held ------------------------------------


def test_an_action_owner_who_is_also_an_area_leader_works_plan_wide():
    from sendboard.plans.permissions import action_changeable, works_plan_wide

    both = UserFactory(role=Role.ACTION_OWNER, additional_roles=[Role.AREA_LEADER])
    owner_only = UserFactory(role=Role.ACTION_OWNER)
    assert works_plan_wide(both) and not works_plan_wide(owner_only)
    assert action_changeable(user=both, owner_id=None, lead_ids=set())
    assert not action_changeable(user=owner_only, owner_id=None, lead_ids=set())


def test_an_analyst_who_is_also_an_area_leader_leads_exception_reports():
    from sendboard.outcomes.permissions import user_leads_exceptions

    assert user_leads_exceptions(UserFactory(role=Role.ANALYST, additional_roles=[Role.AREA_LEADER]))
    assert not user_leads_exceptions(UserFactory(role=Role.ANALYST))


def test_lists_of_people_to_choose_include_those_holding_the_role_as_another_role():
    from sendboard.casework.selectors import team_caseworkers
    from sendboard.outcomes.selectors import possible_owners
    from sendboard.plans.selectors import possible_leads

    manager = UserFactory(role=Role.TEAM_MANAGER)
    two_hats = UserFactory(
        role=Role.LOCAL_OFFER_OFFICER,
        additional_roles=[Role.CASEWORKER, Role.WORKSTREAM_LEAD],
        organisation=manager.organisation,
    )
    one_hat = UserFactory(role=Role.LOCAL_OFFER_OFFICER, organisation=manager.organisation)
    assert two_hats in team_caseworkers(manager) and one_hat not in team_caseworkers(manager)
    assert two_hats in possible_leads() and one_hat not in possible_leads()
    assert two_hats in possible_owners() and one_hat not in possible_owners()


def test_nobody_signed_in_holds_a_role():
    from django.contrib.auth.models import AnonymousUser

    from sendboard.accounts.roles import holds_any

    assert not holds_any(AnonymousUser(), {Role.AREA_LEADER})
