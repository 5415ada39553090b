from django.db import models


class LocalArea(models.Model):
    """The local area partnership this installation serves (one per installation)."""

    name = models.CharField(max_length=100, help_text="For example, Worcestershire")
    la_code = models.CharField(
        "old local authority code", max_length=3, unique=True, help_text="The DfE three-digit code, for example 885"
    )
    gss_code = models.CharField(
        "new local authority code",
        max_length=9,
        unique=True,
        help_text="The ONS nine-character code, for example E10000034",
    )
    region_name = models.CharField(max_length=100)
    region_code = models.CharField(max_length=9)
    icb_code = models.CharField("integrated care board code", max_length=3, blank=True)
    register_complete_from = models.DateField(
        null=True,
        blank=True,
        help_text="The first day from which the casework register holds every request, assessment, plan and ceasing "
        "(for example when the council's casework moved into sendboard). Figures for earlier periods come from "
        "the council's published returns, not from an incomplete register.",
    )

    # Who families contact: shown on the public pages on requesting an assessment and on SENDIASS.
    send_team_name = models.CharField(
        "SEND team's name",
        max_length=200,
        blank=True,
        help_text="The council team that receives requests for an EHC needs assessment",
    )
    send_team_email = models.EmailField("SEND team's email address", blank=True)
    send_team_phone = models.CharField("SEND team's phone number", max_length=30, blank=True)
    send_team_address = models.TextField("SEND team's postal address", max_length=500, blank=True)
    sendiass_name = models.CharField("SENDIASS's name", max_length=200, blank=True)
    sendiass_email = models.EmailField("SENDIASS's email address", blank=True)
    sendiass_phone = models.CharField("SENDIASS's phone number", max_length=30, blank=True)
    sendiass_website = models.URLField("SENDIASS's website", blank=True)
    contacts_illustrative = models.BooleanField(
        default=False, help_text="The contact details above are made up for a demonstration, and pages say so"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NonWorkingDay(models.Model):
    """A local day on which the partnership does not work, beyond weekends and bank holidays."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d %B %Y}: {self.reason}"
