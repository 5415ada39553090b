"""Lost updates on people and organisations (ADR 0070): two administrators change one person's roles, or one
organisation, at once; the second save is refused with what changed, and what they chose is kept."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sendboard.accounts.models import Organisation, User
from sendboard.accounts.roles import Role
from tests.editing import editor, opened_version, version_in
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_lost_update_two_administrators_changing_one_persons_roles_second_refused():
    person = UserFactory(role=Role.CASEWORKER)
    url = reverse("accounts:person-change", args=[person.pk])
    first, second = editor(Role.ADMINISTRATOR), editor(Role.ADMINISTRATOR)
    first_version, second_version = opened_version(first, url), opened_version(second, url)
    organisation = person.organisation.pk
    assert (
        first.post(url, {"role": Role.TEAM_MANAGER, "organisation": organisation, "version": first_version}).status_code
        == 302
    )
    refused = second.post(
        url,
        {
            "role": Role.CASEWORKER,
            "additional_roles": [Role.LOCAL_OFFER_OFFICER],
            "organisation": organisation,
            "version": second_version,
        },
    ).content.decode()
    assert (
        "Main role was changed by someone else since you opened this page. It now says: “SEND team manager”" in refused
    )
    assert re.search(r'<input[^>]*value="local_offer_officer"[^>]*checked', refused)  # what they chose is kept
    assert User.objects.get(pk=person.pk).role == Role.TEAM_MANAGER
    again = second.post(
        url,
        {
            "role": Role.CASEWORKER,
            "additional_roles": [Role.LOCAL_OFFER_OFFICER],
            "organisation": organisation,
            "version": version_in(refused),
        },
    )
    assert again.status_code == 302
    assert User.objects.get(pk=person.pk).roles == (Role.CASEWORKER, Role.LOCAL_OFFER_OFFICER)


def test_lost_update_two_administrators_renaming_one_organisation_second_refused():
    body = OrganisationFactory(name="Worcs Children First", kind=Organisation.Kind.COUNCIL)
    url = reverse("accounts:organisation-change", args=[body.pk])
    first, second = editor(Role.ADMINISTRATOR), editor(Role.ADMINISTRATOR)
    first_version, second_version = opened_version(first, url), opened_version(second, url)
    assert (
        first.post(
            url, {"name": "Worcestershire Children First", "kind": "council", "version": first_version}
        ).status_code
        == 302
    )
    refused = second.post(url, {"name": "WCF", "kind": "council", "version": second_version}).content.decode()
    assert (
        "Name was changed by someone else since you opened this page. It now says: “Worcestershire Children First”"
        in refused
    )
    assert 'value="WCF"' in refused
    assert Organisation.objects.get(pk=body.pk).name == "Worcestershire Children First"
