from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from sendboard.accounts.roles import Role, role_names, roles_held


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        ICB = "icb", "Integrated care board (NHS)"
        SETTING = "setting", "School, college or early years setting"
        PARENT_CARER_FORUM = "parent_carer_forum", "Parent carer forum"
        PROVIDER = "provider", "Provider"
        ADVISER = "adviser", "DfE or NHS England"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    code = models.CharField(max_length=20, blank=True, help_text="For example an LA code, an ODS code or a URN")
    illustrative = models.BooleanField(default=False, help_text="Invented for the demo area, not a real body")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff of one of the partnership's organisations, acting in one main role, and perhaps in
    more (a caseworker who is also a Local Offer team member): what they may do is the union (ADR 0136)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, related_name="users")
    role = models.CharField(max_length=30, choices=Role.choices)
    # Held on the user's own row, so that the permission check on every request reads nothing more. Never the
    # administrator role (an administrator already may do everything) nor the main role.
    additional_roles = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["username"]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def roles(self) -> tuple[str, ...]:
        """The main role first, then any others, each once."""
        return roles_held(self.role, self.additional_roles)

    @property
    def roles_display(self) -> str:
        """ "SEND caseworker and Local Offer team member", as people read it."""
        return role_names(self.roles)


class Invitation(models.Model):
    """An invitation by e-mail to a new person: a one-time link to set a password, then set up two-factor
    sign-in (ADR 0135). The account is made when the link is used; until then only this row exists.

    Only a digest of the link's secret is kept, so a copy of the database opens no account. A new link
    (re-sending) replaces the secret, and the old link stops working."""

    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    email = models.EmailField()
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="invitations")
    role = models.CharField(max_length=30, choices=Role.choices)
    additional_roles = models.JSONField(default=list, blank=True)
    secret_digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    times_sent = models.PositiveSmallIntegerField(default=1)
    # The mail server refused or could not be reached when it was last sent: the list says so, to send again.
    not_delivered = models.BooleanField(default=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    account = models.OneToOneField("User", on_delete=models.PROTECT, null=True, blank=True, related_name="invitation")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey("User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        EXPIRED = "expired", "Expired"
        ACCEPTED = "accepted", "Accepted"
        CANCELLED = "cancelled", "Cancelled"

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"Invitation {self.pk}"

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def roles_display(self) -> str:
        return role_names(roles_held(self.role, self.additional_roles))

    def status(self, now=None) -> str:
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.cancelled_at:
            return self.Status.CANCELLED
        if self.expires_at <= (now or timezone.now()):
            return self.Status.EXPIRED
        return self.Status.WAITING

    def status_label(self, now=None) -> str:
        return str(self.Status(self.status(now)).label)
