import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from sendboard.accounts.models import Organisation, User
from sendboard.accounts.roles import ADDITIONAL_ROLE_CHOICES, Role
from sendboard.accounts.selectors import PEOPLE_SORTS, PEOPLE_STATUSES
from sendboard.core.forms import GovukForm, GovukMessages, VersionedForm
from sendboard.core.lists import ListFilterForm, sort_choices


class SignInForm(GovukMessages, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been closed. Ask your sendboard administrator.",
    }

    def __init__(self, request=None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class OneTimePasswordForm(GovukForm):
    token = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code your app shows now",
        max_length=6,
        min_length=6,
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "min_length": "The code must be 6 digits",
            "max_length": "The code must be 6 digits",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError("The code must be 6 digits", code="not_digits")
        return token


class ResetPasswordForm(GovukMessages, PasswordResetForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages.update(
            {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@example.com",
            }
        )


# --- People and organisations (administrators) ----------------------------------------------------------


class PeopleFilterForm(ListFilterForm):
    organisation = forms.ChoiceField(label="Organisation", required=False)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "All roles"), *Role.choices])
    status = forms.ChoiceField(label="Status", required=False, choices=list(PEOPLE_STATUSES.items()))
    sort = forms.ChoiceField(label="Sort by", required=False, choices=sort_choices(PEOPLE_SORTS))
    defaults = {"organisation": "", "role": "", "status": "active", "sort": "name"}

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.order_by("name") if organisations is None else organisations
        self.fields["organisation"].choices = [("", "All organisations"), *((str(o.pk), o.name) for o in organisations)]


class PersonSearchForm(GovukForm):
    """Find a person by name, username or e-mail address: sent by POST, so what was typed stays out of addresses
    and logs (as finding a child does, ADR 0081)."""

    term = forms.CharField(
        label="Find a person",
        max_length=100,
        help_text="Part of their name, username or email address",
        error_messages={
            "required": "Enter part of a name, username or email address",
            "max_length": "Enter 100 characters or fewer",
        },
    )


class _RoleFields(GovukForm):
    """A person's main role and any others, as the invitation and the change form both ask them."""

    role = forms.ChoiceField(
        label="Main role",
        choices=[("", "Choose a role"), *Role.choices],
        help_text="What they do in the partnership. It decides what they can see and change",
        error_messages={"required": "Select their main role"},
    )
    additional_roles = forms.MultipleChoiceField(
        label="Other roles",
        required=False,
        choices=ADDITIONAL_ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only if they also work in another role, for example a caseworker who is also in the Local Offer "
        "team. They can do what any of their roles allows",
    )


class _OrganisationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class InvitationForm(_RoleFields):
    field_order = ["first_name", "last_name", "email", "organisation", "role", "additional_roles"]

    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={"required": "Enter their first name"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        error_messages={"required": "Enter their last name"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label="Email address",
        max_length=150,
        help_text="Their work address. The invitation goes here, and it will be their username",
        error_messages={"required": "Enter their email address"},
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    organisation = _OrganisationChoice(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        empty_label="Choose an organisation",
        error_messages={"required": "Select their organisation"},
    )


class PersonChangeForm(VersionedForm, _RoleFields):
    field_order = ["role", "additional_roles", "organisation", "version"]

    organisation = _OrganisationChoice(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        empty_label="Choose an organisation",
        error_messages={"required": "Select their organisation"},
    )


class TwoFactorResetForm(GovukForm):
    reason = forms.CharField(
        label="Why are you resetting their two-factor sign-in?",
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, they told you by phone that they have lost their phone. It is kept in the audit log",
        error_messages={
            "required": "Enter why two-factor sign-in is being reset",
            "max_length": "The reason must be 250 characters or fewer",
        },
    )


class ConfirmForm(GovukForm):
    """A button that confirms a change (deactivating, say): no fields, but a place for the refusal's words."""


# Codes organisations are known by, where one applies: what the code looks like, and the words that say so.
ORGANISATION_CODES = {
    Organisation.Kind.COUNCIL: (
        re.compile(r"^\d{3}$"),
        "A council's code is its three-digit local authority number, like 885",
    ),
    Organisation.Kind.ICB: (
        re.compile(r"^[A-Z0-9]{3,5}$"),
        "An NHS organisation's ODS code is 3 to 5 letters and numbers, like QGH",
    ),
    Organisation.Kind.SETTING: (re.compile(r"^\d{6,7}$"), "A school's or setting's URN is 6 or 7 digits, like 116789"),
}


class OrganisationForm(VersionedForm):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the organisation's name"})
    kind = forms.ChoiceField(
        label="Type",
        choices=Organisation.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of organisation"},
    )
    code = forms.CharField(
        label="Code",
        max_length=20,
        required=False,
        help_text="A council's local authority number, an NHS organisation's ODS code, or a school's or setting's URN",
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        kind, code = cleaned.get("kind"), cleaned.get("code")
        if code and kind in ORGANISATION_CODES:
            pattern, words = ORGANISATION_CODES[kind]
            if not pattern.match(code):
                self.add_error("code", words)
        return cleaned


class AcceptInvitationForm(GovukMessages, SetPasswordForm):
    """The invited person chooses their password, checked by every password rule the installation sets against
    ``user``, the account the invitation will make (unsaved)."""

    def __init__(self, user=None, *args, **kwargs) -> None:
        super().__init__(user if user is not None else User(), *args, **kwargs)
        self.fields["new_password1"].label = "Create a password"
        self.fields[
            "new_password1"
        ].help_text = (
            "At least 12 characters. Not a common password, not only numbers, and not like your name or email address"
        )
        self.fields["new_password2"].help_text = ""
        self.fields["new_password1"].error_messages["required"] = "Enter a password"
        self.fields["new_password2"].label = "Type the password again"
        self.fields["new_password2"].error_messages["required"] = "Type the password again"
        self.error_messages = {**self.error_messages, "password_mismatch": "The two passwords do not match"}
