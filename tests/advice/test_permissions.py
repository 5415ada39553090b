"""The advice app's object rules, role by role (ADR 0110, ADR 0153): who answers the requests sent to their
organisation, who asks for advice, and whose board's health figures a user reads."""

from __future__ import annotations

import pytest

from sendboard.accounts.models import Organisation
from sendboard.accounts.roles import Role
from sendboard.advice import permissions
from tests.advice.helpers import asked, under_assessment
from tests.casework.helpers import worcestershire
from tests.factories import OrganisationFactory, UserFactory

# role: (opens the requests sent to their own organisation, asks for advice, reads their board's health figures)
TABLE = {
    Role.ADMINISTRATOR: (True, True, True),
    Role.AREA_LEADER: (False, False, False),
    Role.WORKSTREAM_LEAD: (False, False, False),
    Role.ACTION_OWNER: (False, False, False),
    Role.CASEWORKER: (False, True, False),
    Role.TEAM_MANAGER: (False, True, False),
    Role.SETTING_USER: (True, False, False),
    Role.HEALTH_SOCIAL_CARE: (True, False, False),
    Role.DESIGNATED_CLINICAL_OFFICER: (False, False, True),
    Role.ADVISER: (False, False, False),
    Role.ANALYST: (False, False, False),
    Role.LOCAL_OFFER_OFFICER: (False, False, False),
    Role.PROVIDER_EDITOR: (False, False, False),
}


def test_the_table_covers_every_role():
    assert set(TABLE) == set(Role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(TABLE))
def test_advice_rules_for_each_role(role):
    answers, asks, health = TABLE[role]
    # The user's organisation is an ICB whose code is the area's, and was sent a request: each rule can say yes.
    area = worcestershire()
    area.icb_code = "QGH"
    area.save(update_fields=["icb_code"])
    organisation = OrganisationFactory(name="Board and service", kind=Organisation.Kind.ICB, code="QGH")
    user = UserFactory(role=role, organisation=organisation)
    advice = asked(under_assessment(), organisation)
    assert list(permissions.requests_for_user(user)) == ([advice] if answers else [])
    assert permissions.may_ask_for_advice(user) is asks
    assert list(permissions.health_areas_for_user(user)) == ([area] if health else [])


@pytest.mark.django_db
def test_a_professional_never_opens_a_request_sent_to_another_organisation():
    user = UserFactory(role=Role.HEALTH_SOCIAL_CARE)
    asked(under_assessment(), OrganisationFactory(name="Elsewhere"))
    assert not permissions.requests_for_user(user).exists()


@pytest.mark.django_db
def test_an_inactive_professional_opens_nothing():
    user = UserFactory(role=Role.HEALTH_SOCIAL_CARE, is_active=False)
    asked(under_assessment(), user.organisation)
    assert not permissions.requests_for_user(user).exists()


@pytest.mark.django_db
def test_a_designated_clinical_officer_outside_an_icb_reads_no_area():
    area = worcestershire()
    area.icb_code = "QGH"
    area.save(update_fields=["icb_code"])
    user = UserFactory(role=Role.DESIGNATED_CLINICAL_OFFICER, organisation=OrganisationFactory(code="QGH"))
    assert not permissions.health_areas_for_user(user).exists()


@pytest.mark.django_db
def test_advice_is_asked_only_of_organisations_with_someone_active_to_answer():
    answering = OrganisationFactory(name="Answers")
    UserFactory(role=Role.HEALTH_SOCIAL_CARE, organisation=answering)
    UserFactory(role=Role.HEALTH_SOCIAL_CARE, organisation=OrganisationFactory(name="Left"), is_active=False)
    UserFactory(role=Role.CASEWORKER, organisation=OrganisationFactory(name="Casework only"))
    school = OrganisationFactory(name="A school", kind=Organisation.Kind.SETTING)
    UserFactory(role=Role.CASEWORKER, additional_roles=[Role.SETTING_USER], organisation=school)
    assert list(permissions.partner_organisations().values_list("name", flat=True)) == ["A school", "Answers"]
