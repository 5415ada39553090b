"""People and organisations managed through pages by administrators (issue 17, ADRs 0135 to 0137): invitations
that expire and work once, role and organisation changes, deactivation that ends sessions at once, two-factor
reset with a reason, the last-administrator and own-rights guards, and every change audited in plain words."""

from __future__ import annotations

import html
import logging
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendboard.accounts import services
from sendboard.accounts.models import Invitation, Organisation, User
from sendboard.accounts.roles import Role
from sendboard.audit.models import AuditEvent
from tests.factories import OrganisationFactory, UserFactory
from tests.page_quality import PageQualityClient
from tests.sessions import force_login_verified

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "lantern-orchard-pebble-42"


@pytest.fixture
def admin(client):
    user = UserFactory(role=Role.ADMINISTRATOR, username="alex.admin", first_name="Alex", last_name="Admin")
    force_login_verified(client, user)
    return user


def _invite(
    client, *, email="jo.bloggs@example.org", role=Role.CASEWORKER, additional=(), organisation=None, capture=None
) -> tuple[str, object]:
    organisation = organisation or OrganisationFactory(name="Worcestershire Children First")
    data = {
        "first_name": "Jo",
        "last_name": "Bloggs",
        "email": email,
        "organisation": organisation.pk,
        "role": role,
        "additional_roles": list(additional),
    }
    with capture(execute=True):
        response = client.post(reverse("accounts:invite"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return _link(mail.outbox[-1].body), response


def _link(body: str) -> str:
    return re.search(r"http://testserver(/account/invitation/\?token=\S+)", body).group(1)


def _token(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


def _changes() -> list[str]:
    return list(
        AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_CHANGED).order_by("id").values_list("detail", flat=True)
    )


# --- Invitations ------------------------------------------------------------------------------------------


def test_an_invitation_is_emailed_after_commit_with_only_what_the_recipient_needs(
    client, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(
            reverse("accounts:invite"),
            {
                "first_name": "Jo",
                "last_name": "Bloggs",
                "email": "Jo.Bloggs@example.org",
                "organisation": OrganisationFactory(name="Worcestershire Children First").pk,
                "role": Role.CASEWORKER,
            },
        )
        assert mail.outbox == []  # nothing leaves until the invitation is saved
    assert len(callbacks) == 1
    message = mail.outbox[0]
    assert message.to == ["Jo.Bloggs@example.org"]
    assert "jo.bloggs@example.org" in message.body  # their username
    assert "expires after 7 days" in message.body
    # Nothing about their job, nor who else is in the partnership
    assert "caseworker" not in message.body.lower() and "Worcestershire Children First" not in message.body
    invitation = Invitation.objects.get()
    token = _token(_link(message.body))
    assert invitation.secret_digest not in message.body and token not in invitation.secret_digest
    assert _changes() == ["Invited Jo.Bloggs@example.org (Jo Bloggs) as SEND caseworker, Worcestershire Children First"]


def test_the_invitation_link_sets_a_password_then_asks_for_an_authenticator_app(
    client, admin, django_capture_on_commit_callbacks
):
    link, _ = _invite(client, additional=[Role.LOCAL_OFFER_OFFICER], capture=django_capture_on_commit_callbacks)
    invitee = PageQualityClient()
    opened = invitee.get(link)
    # The token leaves the address bar at once
    assert opened.status_code == 302 and opened["Location"] == reverse("accounts:invitation-accept")
    page = invitee.get(opened["Location"])
    assert "Your username is <strong>jo.bloggs@example.org</strong>" in page.content.decode()
    response = invitee.post(
        reverse("accounts:invitation-accept"), {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp-enrol"))
    person = User.objects.get(username="jo.bloggs@example.org")
    assert (
        person.first_name,
        person.last_name,
        person.email,
        person.role,
        person.additional_roles,
        person.organisation.name,
    ) == (
        "Jo",
        "Bloggs",
        "jo.bloggs@example.org",
        Role.CASEWORKER,
        [Role.LOCAL_OFFER_OFFICER],
        "Worcestershire Children First",
    )
    assert person.check_password(GOOD_PASSWORD)
    # Signed in with the password only: every page asks for the app first
    assert invitee.get(reverse("core:home"))["Location"].startswith(reverse("accounts:otp-enrol"))
    assert Invitation.objects.get().account == person


def test_an_invitation_link_works_once(client, admin, django_capture_on_commit_callbacks):
    link, _ = _invite(client, capture=django_capture_on_commit_callbacks)
    first = PageQualityClient()
    first.get(link)
    first.post(reverse("accounts:invitation-accept"), {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})
    second = PageQualityClient()
    page = second.get(link)
    assert page.status_code == 200 and "This invitation link does not work" in page.content.decode()
    assert "This invitation link does not work" in second.get(reverse("accounts:invitation-accept")).content.decode()
    assert User.objects.filter(email="jo.bloggs@example.org").count() == 1


def test_an_invitation_opened_in_two_tabs_makes_one_account(client, admin, django_capture_on_commit_callbacks):
    link, _ = _invite(client, capture=django_capture_on_commit_callbacks)
    tab_one, tab_two = PageQualityClient(), PageQualityClient()
    tab_one.get(link)
    tab_two.get(link)
    tab_one.post(
        reverse("accounts:invitation-accept"), {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD}
    )
    late = tab_two.post(
        reverse("accounts:invitation-accept"),
        {"new_password1": "another-" + GOOD_PASSWORD, "new_password2": "another-" + GOOD_PASSWORD},
    )
    assert "This invitation link does not work" in late.content.decode()
    assert User.objects.get(email="jo.bloggs@example.org").check_password(GOOD_PASSWORD)


def test_an_invitation_link_expires(client, admin, django_capture_on_commit_callbacks):
    link, _ = _invite(client, capture=django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        page = PageQualityClient().get(link)
        assert "This invitation link does not work" in page.content.decode()
        force_login_verified(client, admin)
        listing = client.get(reverse("accounts:invitations")).content.decode()
        assert "Expired" in listing
    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        assert PageQualityClient().get(link).status_code == 302


def test_an_invitation_opened_in_time_but_used_after_it_expired_is_refused(
    client, admin, django_capture_on_commit_callbacks
):
    link, _ = _invite(client, capture=django_capture_on_commit_callbacks)
    invitee = PageQualityClient()
    invitee.get(link)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        page = invitee.post(
            reverse("accounts:invitation-accept"), {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD}
        )
    assert "This invitation link does not work" in page.content.decode()
    assert not User.objects.filter(email="jo.bloggs@example.org").exists()


def test_an_altered_or_made_up_link_is_refused(client, admin, django_capture_on_commit_callbacks):
    link, _ = _invite(client, capture=django_capture_on_commit_callbacks)
    token = _token(link)
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "made-up", token.split(":")[0], ""):
        page = PageQualityClient().get(reverse("accounts:invitation-open"), {"token": bad})
        assert "This invitation link does not work" in page.content.decode()


def test_sending_again_replaces_the_link_and_cancelling_stops_it(client, admin, django_capture_on_commit_callbacks):
    old_link, _ = _invite(client, capture=django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:invitations"), {"invitation": invitation.pk, "action": "resend"})
    new_link = _link(mail.outbox[-1].body)
    assert new_link != old_link
    assert "This invitation link does not work" in PageQualityClient().get(old_link).content.decode()
    assert PageQualityClient().get(new_link).status_code == 302
    client.post(reverse("accounts:invitations"), {"invitation": invitation.pk, "action": "cancel"})
    assert "This invitation link does not work" in PageQualityClient().get(new_link).content.decode()
    assert _changes()[-2:] == [
        "Sent the invitation to jo.bloggs@example.org again; the earlier link stopped working",
        "Cancelled the invitation to jo.bloggs@example.org: waiting → cancelled",
    ]
    # A cancelled invitation cannot be sent again
    response = client.post(reverse("accounts:invitations"), {"invitation": invitation.pk, "action": "resend"})
    assert "This invitation has been cancelled: it cannot be sent again" in response.content.decode()


def test_the_invitation_token_is_never_logged(client, admin, django_capture_on_commit_callbacks, caplog):
    caplog.set_level(logging.DEBUG)
    link, _ = _invite(client, capture=django_capture_on_commit_callbacks)
    token = _token(link)
    secret = token.split(":")[0]
    # No path carries it: request logs and the server's access log record paths, never query strings
    assert secret not in urlsplit(link).path
    invitee = PageQualityClient()
    invitee.get(link)
    invitee.post(reverse("accounts:invitation-accept"), {"new_password1": "short", "new_password2": "short"})
    invitee.post(
        reverse("accounts:invitation-accept"), {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD}
    )
    invitee.get(link)  # used: refused, without a 4xx that the server would log with its address
    assert PageQualityClient().get(link).status_code == 200
    logged = caplog.text + " ".join(f"{r.getMessage()} {r.args}" for r in caplog.records)
    assert secret not in logged
    for path, detail in AuditEvent.objects.values_list("path", "detail"):
        assert secret not in path and secret not in detail
    assert all(secret not in value for value in Invitation.objects.values_list("secret_digest", flat=True))
    for session in Session.objects.all():
        assert secret not in str(session.get_decoded())


def test_the_password_must_pass_every_password_rule_and_the_form_says_so(
    client, admin, django_capture_on_commit_callbacks
):
    link, _ = _invite(client, capture=django_capture_on_commit_callbacks)
    invitee = PageQualityClient()
    invitee.get(link)
    short = invitee.post(
        reverse("accounts:invitation-accept"), {"new_password1": "bloggs", "new_password2": "bloggs"}
    ).content.decode()
    assert "There is a problem" in short and "This password is too short" in short
    mismatch = invitee.post(
        reverse("accounts:invitation-accept"), {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD + "x"}
    )
    assert "The two passwords do not match" in mismatch.content.decode()
    like_name = invitee.post(
        reverse("accounts:invitation-accept"),
        {"new_password1": "jo.bloggs@example.org", "new_password2": "jo.bloggs@example.org"},
    )
    assert "too similar" in like_name.content.decode()
    assert not User.objects.filter(email="jo.bloggs@example.org").exists()


@pytest.mark.parametrize("existing", ["account", "invitation"])
def test_a_person_is_invited_only_once(client, admin, django_capture_on_commit_callbacks, existing):
    if existing == "account":
        UserFactory(email="Jo.Bloggs@example.org")
    else:
        _invite(client, capture=django_capture_on_commit_callbacks)
    organisation = OrganisationFactory()
    response = client.post(
        reverse("accounts:invite"),
        {
            "first_name": "Jo",
            "last_name": "Bloggs",
            "email": "jo.bloggs@example.org",
            "organisation": organisation.pk,
            "role": Role.CASEWORKER,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert (
        "already has an account" if existing == "account" else "An invitation to this email address is already waiting"
    ) in page
    assert 'value="Jo"' in page and 'value="jo.bloggs@example.org"' in page  # what was typed is kept


def test_the_invite_form_says_what_is_missing(client, admin):
    page = client.post(reverse("accounts:invite"), {"first_name": "Jo", "email": "not-an-address"}).content.decode()
    for message in (
        "Enter their last name",
        "Enter an email address in the correct format, like name@example.com",
        "Select their organisation",
        "Select their main role",
    ):
        assert message in page
    assert 'value="Jo"' in page


# --- Changing roles and organisations ---------------------------------------------------------------------


def test_an_administrator_changes_a_persons_roles_and_organisation_and_the_audit_says_what_changed(client, admin):
    person = UserFactory(role=Role.CASEWORKER, username="cass", organisation=OrganisationFactory(name="Children First"))
    council = OrganisationFactory(name="County Council")
    form = client.get(reverse("accounts:person-change", args=[person.pk])).content.decode()
    version = re.search(r'name="version" type="hidden" value="([^"]+)"|name="version" value="([^"]+)"', form)
    version = next(v for v in version.groups() if v)
    response = client.post(
        reverse("accounts:person-change", args=[person.pk]),
        {
            "role": Role.TEAM_MANAGER,
            "additional_roles": [Role.LOCAL_OFFER_OFFICER],
            "organisation": council.pk,
            "version": version,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.role, person.additional_roles, person.organisation) == (
        Role.TEAM_MANAGER,
        [Role.LOCAL_OFFER_OFFICER],
        council,
    )
    assert _changes() == [
        "Changed cass: roles SEND caseworker → SEND team manager and Local Offer team member; "
        "organisation Children First → County Council"
    ]
    assert (
        "SEND team manager and Local Offer team member"
        in client.get(reverse("accounts:person", args=[person.pk])).content.decode()
    )


def test_two_administrators_changing_one_person_cannot_silently_undo_each_other(client, admin):
    person = UserFactory(role=Role.CASEWORKER)
    opened = services.person_version(person)
    services.person_change(
        user=admin,
        person=person,
        role=Role.TEAM_MANAGER,
        additional_roles=[],
        organisation=person.organisation,
        version=opened,
    )
    response = client.post(
        reverse("accounts:person-change", args=[person.pk]),
        {"role": Role.ANALYST, "organisation": person.organisation.pk, "version": opened},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this since you opened the page" in page and "It now says: “SEND team manager”" in page
    person.refresh_from_db()
    assert person.role == Role.TEAM_MANAGER


def test_an_administrator_cannot_change_their_own_role(client, admin):
    UserFactory(role=Role.ADMINISTRATOR)  # not the last administrator, so only the own-role rule refuses
    response = client.post(
        reverse("accounts:person-change", args=[admin.pk]),
        {
            "role": Role.ANALYST,
            "additional_roles": [Role.CASEWORKER],
            "organisation": admin.organisation.pk,
            "version": services.person_version(admin),
        },
    )
    assert "You cannot change your own role. Ask another administrator" in response.content.decode()
    admin.refresh_from_db()
    assert (admin.role, admin.additional_roles) == (Role.ADMINISTRATOR, [])
    # Their own organisation they may correct
    other = OrganisationFactory(name="Another council")
    services.person_change(user=admin, person=admin, role=Role.ADMINISTRATOR, additional_roles=[], organisation=other)
    admin.refresh_from_db()
    assert admin.organisation == other


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_no_other_role_can_raise_its_own_rights(role):
    person = UserFactory(role=role)
    with pytest.raises(PermissionDenied):
        services.person_change(
            user=person, person=person, role=Role.ADMINISTRATOR, additional_roles=[], organisation=person.organisation
        )
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            user=person,
            first_name="A",
            last_name="B",
            email="a@example.org",
            organisation=person.organisation,
            role=Role.ADMINISTRATOR,
            site="http://testserver/",
        )
    person.refresh_from_db()
    assert person.role == role


def test_the_last_active_administrator_cannot_be_demoted_or_deactivated(client, admin):
    deactivated_admin = UserFactory(role=Role.ADMINISTRATOR, is_active=False)
    response = client.post(
        reverse("accounts:person-change", args=[admin.pk]),
        {"role": Role.AREA_LEADER, "organisation": admin.organisation.pk, "version": services.person_version(admin)},
    )
    assert (
        "Alex Admin is the only active administrator. Make someone else an administrator first"
        in response.content.decode()
    )
    response = client.post(reverse("accounts:person-deactivate", args=[admin.pk]))
    assert "Alex Admin is the only active administrator" in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == Role.ADMINISTRATOR and admin.is_active
    # Once another administrator is active again, one may demote the other
    services.person_reactivate(user=admin, person=deactivated_admin)
    services.person_change(
        user=admin,
        person=deactivated_admin,
        role=Role.ANALYST,
        additional_roles=[],
        organisation=deactivated_admin.organisation,
    )
    deactivated_admin.refresh_from_db()
    assert deactivated_admin.role == Role.ANALYST


def test_an_administrator_cannot_deactivate_themselves_while_others_remain(client, admin):
    UserFactory(role=Role.ADMINISTRATOR)
    response = client.post(reverse("accounts:person-deactivate", args=[admin.pk]))
    assert "You cannot deactivate your own account. Ask another administrator" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


@pytest.mark.parametrize(
    ("role", "additional", "message"),
    [
        (Role.CASEWORKER, [Role.CASEWORKER], "SEND caseworker is already the main role"),
        (Role.ADMINISTRATOR, [Role.ANALYST], "An administrator can already do everything"),
        (Role.CASEWORKER, [Role.ADMINISTRATOR], "Administrator can only be a main role"),
    ],
)
def test_other_roles_that_make_no_sense_are_refused(admin, role, additional, message):
    person = UserFactory(role=Role.AREA_LEADER)
    with pytest.raises(ValidationError, match=message):
        services.person_change(
            user=admin, person=person, role=role, additional_roles=additional, organisation=person.organisation
        )


# --- Deactivating, reactivating, resetting two-factor -----------------------------------------------------


def test_deactivating_a_person_ends_their_sessions_at_once(client, admin):
    person = UserFactory(role=Role.CASEWORKER, username="cass")
    phone, laptop = PageQualityClient(), PageQualityClient()
    force_login_verified(phone, person)
    force_login_verified(laptop, person)
    assert laptop.get(reverse("core:home")).status_code == 200
    sessions_before = Session.objects.count()
    response = client.post(reverse("accounts:person-deactivate", args=[person.pk]))
    assert response.status_code == 302
    assert Session.objects.count() == sessions_before - 2
    for device in (phone, laptop):
        assert device.get(reverse("core:home"))["Location"].startswith(reverse("accounts:sign-in"))
    assert client.get(reverse("core:home")).status_code == 200  # the administrator's own session goes on
    person.refresh_from_db()
    assert not person.is_active
    assert _changes() == ["Deactivated cass: active → deactivated; 2 session(s) ended"]


def test_a_reactivated_person_can_sign_in_again(client, admin):
    person = UserFactory(role=Role.CASEWORKER, username="cass", is_active=False)
    assert "Reactivate account" in client.get(reverse("accounts:person", args=[person.pk])).content.decode()
    client.post(reverse("accounts:person-reactivate", args=[person.pk]))
    person.refresh_from_db()
    assert person.is_active
    assert _changes() == ["Reactivated cass: deactivated → active"]


def test_resetting_two_factor_needs_a_reason_removes_the_app_and_signs_them_out(client, admin):
    person = UserFactory(role=Role.CASEWORKER, username="cass")
    session = PageQualityClient()
    force_login_verified(session, person)
    empty = client.post(reverse("accounts:person-two-factor-reset", args=[person.pk]), {"reason": "  "})
    assert "Enter why two-factor sign-in is being reset" in empty.content.decode()
    assert TOTPDevice.objects.filter(user=person).exists()
    client.post(
        reverse("accounts:person-two-factor-reset", args=[person.pk]),
        {"reason": "Lost phone; called back on desk number"},
    )
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert session.get(reverse("core:home"))["Location"].startswith(reverse("accounts:sign-in"))
    assert (
        "Reset two-factor sign-in of cass: 1 app(s) removed. Reason: Lost phone; called back on desk number"
        in _changes()
    )
    # At their next sign-in, they set up an app again
    again = PageQualityClient()
    again.force_login(person)
    assert again.get(reverse("core:home"))["Location"].startswith(reverse("accounts:otp-enrol"))


def test_only_the_sessions_of_the_person_end(admin):
    person, colleague = UserFactory(role=Role.CASEWORKER), UserFactory(role=Role.CASEWORKER)
    mine, theirs = PageQualityClient(), PageQualityClient()
    force_login_verified(mine, person)
    force_login_verified(theirs, colleague)
    assert services.user_sessions_end(user=person) == 1
    assert theirs.get(reverse("core:home")).status_code == 200


# --- Organisations ----------------------------------------------------------------------------------------


def test_an_administrator_adds_and_renames_an_organisation(client, admin):
    response = client.post(
        reverse("accounts:organisation-add"), {"name": "Riverside  Primary", "kind": "setting", "code": "116789"}
    )
    assert response.status_code == 302
    school = Organisation.objects.get(name="Riverside Primary")
    page = client.get(reverse("accounts:organisation-change", args=[school.pk])).content.decode()
    version = re.search(r'name="version"[^>]*value="([^"]+)"', page).group(1)
    client.post(
        reverse("accounts:organisation-change", args=[school.pk]),
        {"name": "Riverside Primary Academy", "kind": "setting", "code": "116789", "version": version},
    )
    school.refresh_from_db()
    assert school.name == "Riverside Primary Academy"
    assert _changes() == [
        "Added the organisation Riverside Primary (School, college or early years setting, code 116789)",
        "Changed the organisation Riverside Primary: name Riverside Primary → Riverside Primary Academy",
    ]


@pytest.mark.parametrize(
    ("kind", "code", "message"),
    [
        ("council", "88", "A council's code is its three-digit local authority number, like 885"),
        ("setting", "12AB", "A school's or setting's URN is 6 or 7 digits, like 116789"),
        ("icb", "Q-GH", "An NHS organisation's ODS code is 3 to 5 letters and numbers, like QGH"),
    ],
)
def test_an_organisation_code_must_look_like_one(client, admin, kind, code, message):
    page = client.post(
        reverse("accounts:organisation-add"), {"name": "New body", "kind": kind, "code": code}
    ).content.decode()
    assert message in html.unescape(page)
    assert 'value="New body"' in page
    assert not Organisation.objects.filter(name="New body").exists()


def test_two_organisations_cannot_share_a_name(client, admin):
    OrganisationFactory(name="Ourway Advocacy")
    page = client.post(
        reverse("accounts:organisation-add"), {"name": "ourway advocacy", "kind": "provider"}
    ).content.decode()
    assert "There is already an organisation with this name" in page


def test_renaming_an_organisation_someone_else_renamed_is_refused(client, admin):
    body = OrganisationFactory(name="Old name")
    opened = services.organisation_version(body)
    services.organisation_change(user=admin, organisation=body, name="Their name", kind=body.kind, code="")
    page = client.post(
        reverse("accounts:organisation-change", args=[body.pk]),
        {"name": "My name", "kind": body.kind, "code": "", "version": opened},
    ).content.decode()
    assert "Someone else changed this since you opened the page" in page and 'value="My name"' in page
    body.refresh_from_db()
    assert body.name == "Their name"


# --- Lists ------------------------------------------------------------------------------------------------


def test_the_people_list_filters_by_organisation_role_and_status(client, admin):
    school = OrganisationFactory(name="Riverside Primary")
    UserFactory(role=Role.SETTING_USER, organisation=school, last_name="Setting")
    UserFactory(role=Role.CASEWORKER, additional_roles=[Role.LOCAL_OFFER_OFFICER], last_name="Twohats")
    UserFactory(role=Role.LOCAL_OFFER_OFFICER, last_name="Offer")
    UserFactory(role=Role.LOCAL_OFFER_OFFICER, last_name="Gone", is_active=False)

    def names(**params) -> list[str]:
        page = client.get(reverse("accounts:people"), params).content.decode()
        return re.findall(r'href="/account/people/\d+/">Test ([A-Za-z]+)<', page)

    assert names(organisation=school.pk) == ["Setting"]
    assert names(role=Role.LOCAL_OFFER_OFFICER) == ["Offer", "Twohats"]
    assert names(role=Role.LOCAL_OFFER_OFFICER, status="deactivated") == ["Gone"]
    assert names(role=Role.LOCAL_OFFER_OFFICER, status="all") == ["Gone", "Offer", "Twohats"]
    assert names(role="not-a-role") == names()  # an edited link falls back to everyone


def test_the_people_list_is_paged(client, admin):
    for _ in range(55):
        UserFactory(role=Role.ACTION_OWNER)
    first = client.get(reverse("accounts:people")).content.decode()
    assert "Showing 1 to 50 of 56" in first
    assert "Showing 51 to 56 of 56" in client.get(reverse("accounts:people"), {"page": 2}).content.decode()


# --- Who may use these pages ------------------------------------------------------------------------------

PAGES = [
    ("accounts:people", False),
    ("accounts:invite", False),
    ("accounts:invitations", False),
    ("accounts:person", True),
    ("accounts:person-change", True),
    ("accounts:person-deactivate", True),
    ("accounts:person-reactivate", True),
    ("accounts:person-two-factor-reset", True),
    ("accounts:organisation-add", False),
    ("accounts:organisation-change", "organisation"),
]


def _address(name, needs) -> str:
    if needs == "organisation":
        return reverse(name, args=[OrganisationFactory(name="Some organisation").pk])
    if needs:
        return reverse(name, args=[UserFactory(role=Role.CASEWORKER, username="target").pk])
    return reverse(name)


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
@pytest.mark.parametrize(("name", "needs"), PAGES)
def test_every_role_but_the_administrator_is_refused_the_people_pages(client, sign_in, role, name, needs):
    sign_in(role)
    address = _address(name, needs)
    assert client.get(address).status_code == 403
    assert (
        client.post(address, {"reason": "x", "role": Role.ADMINISTRATOR, "name": "x", "kind": "council"}).status_code
        == 403
    )
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.PERMISSION_REFUSED).count() == 2
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.RECORD_CHANGED).exists()


@pytest.mark.parametrize(("name", "needs"), PAGES)
def test_the_administrator_opens_every_people_page(client, admin, name, needs):
    assert client.get(_address(name, needs)).status_code == 200


# --- The first administrator ------------------------------------------------------------------------------


def test_the_first_administrator_is_made_from_the_command_line_and_can_then_manage_people(client, monkeypatch):
    import io

    from django.core.management import CommandError, call_command

    monkeypatch.setenv("SENDBOARD_ADMINISTRATOR_PASSWORD", GOOD_PASSWORD)
    out = io.StringIO()
    call_command(
        "create_administrator",
        "--username",
        "first.admin",
        "--email",
        "first@example.org",
        "--first-name",
        "First",
        "--last-name",
        "Admin",
        "--organisation",
        "Newshire County Council",
        stdout=out,
    )
    person = User.objects.get(username="first.admin")
    assert (person.role, person.organisation.name, person.organisation.kind) == (
        Role.ADMINISTRATOR,
        "Newshire County Council",
        "council",
    )
    assert person.check_password(GOOD_PASSWORD)
    assert "Made the administrator first.admin" in out.getvalue()
    force_login_verified(client, person)
    assert client.get(reverse("accounts:people")).status_code == 200
    with pytest.raises(CommandError, match="already an account"):
        call_command(
            "create_administrator",
            "--username",
            "first.admin",
            "--email",
            "x@example.org",
            "--first-name",
            "A",
            "--last-name",
            "B",
            "--organisation",
            "Newshire County Council",
            stdout=out,
        )
    monkeypatch.setenv("SENDBOARD_ADMINISTRATOR_PASSWORD", "short")
    with pytest.raises(CommandError, match="too short"):
        call_command(
            "create_administrator",
            "--username",
            "second",
            "--email",
            "second@example.org",
            "--first-name",
            "A",
            "--last-name",
            "B",
            "--organisation",
            "Newshire County Council",
            stdout=out,
        )


def test_the_organisations_list_is_paged_and_offers_changes_only_to_administrators(client, admin, sign_in):
    for number in range(60):
        OrganisationFactory(name=f"School {number:02d}", kind=Organisation.Kind.SETTING)
    page = client.get(reverse("accounts:organisations")).content.decode()
    assert "Showing 1 to 50 of 61" in page and "Add an organisation" in page and ">Change<" in page
    assert "School 59" in client.get(reverse("accounts:organisations"), {"page": 2}).content.decode()
    client.logout()
    sign_in(Role.AREA_LEADER)
    page = client.get(reverse("accounts:organisations")).content.decode()
    assert "Showing 1 to 50" in page and "Add an organisation" not in page and ">Change<" not in page


def test_an_administrator_finds_a_person_by_post_without_the_name_in_the_address(client, admin):
    UserFactory(first_name="Priya", last_name="Sharma", username="psharma", role=Role.CASEWORKER)
    UserFactory(first_name="Priya", last_name="Jones", username="pjones", role=Role.CASEWORKER)
    response = client.post(reverse("accounts:people"), {"term": "priya SHAR"})
    page = response.content.decode()
    assert "1 person matches" in page and "Priya Sharma" in page and "Priya Jones" not in page
    assert (
        client.get(reverse("accounts:people"), {"term": "Priya"}).content.decode().count("Priya") == 2
    )  # a GET ignores it
    empty = client.post(reverse("accounts:people"), {"term": " "}).content.decode()
    assert "Enter part of a name, username or email address" in empty


def test_a_persons_page_leads_to_what_they_did_in_the_audit_log(client, admin):
    person = UserFactory(role=Role.CASEWORKER, username="cass.worker")
    page = client.get(reverse("accounts:person", args=[person.pk])).content.decode()
    href = re.search(r'href="([^"]+)">What they have done, in the audit log', page).group(1)
    assert html.unescape(href) == "/audit/?username=cass.worker"
    assert client.get(html.unescape(href)).status_code == 200


@pytest.mark.django_db(transaction=True)  # committed for real, as in production, so the e-mail goes as the service ends
def test_an_invitation_the_mail_server_refuses_is_kept_and_shown_as_not_sent(client, admin, monkeypatch, caplog):
    import smtplib

    def refuse(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"jo.bloggs@example.org": (550, b"No such user")})

    monkeypatch.setattr("sendboard.accounts.services.send_mail", refuse)
    organisation = OrganisationFactory()
    response = client.post(
        reverse("accounts:invite"),
        {
            "first_name": "Jo",
            "last_name": "Bloggs",
            "email": "jo.bloggs@example.org",
            "organisation": organisation.pk,
            "role": Role.CASEWORKER,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "the email could not be sent. Check the address, then send it again" in page and "Email not sent" in page
    assert Invitation.objects.get().not_delivered
    assert "jo.bloggs" not in caplog.text
    monkeypatch.undo()
    response = client.post(
        reverse("accounts:invitations"), {"invitation": Invitation.objects.get().pk, "action": "resend"}, follow=True
    )
    assert not Invitation.objects.get().not_delivered and len(mail.outbox) == 1
    assert "Email not sent" not in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"invitation": "{pk}"},
        {"invitation": "{pk}", "action": "delete"},
        {"action": "cancel", "invitation": "x"},
        {"action": "cancel", "invitation": str(2**70)},
        {"action": "resend", "invitation": "-3"},
    ],
)
def test_an_edited_invitations_form_changes_nothing(client, admin, django_capture_on_commit_callbacks, data):
    _invite(client, capture=django_capture_on_commit_callbacks)
    data = {key: value.format(pk=Invitation.objects.get().pk) for key, value in data.items()}
    before = list(Invitation.objects.values())
    response = client.post(reverse("accounts:invitations"), data)
    assert response.status_code == 404
    assert list(Invitation.objects.values()) == before
