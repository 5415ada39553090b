from django.contrib.auth.models import AbstractUser
from django.db import models

from sendboard.accounts.roles import Role


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
    """A member of staff of one of the partnership's organisations, acting in one role."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, related_name="users")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["username"]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
