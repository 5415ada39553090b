from django.db import migrations
from django.utils import timezone

from sendboard.casework import reference
from sendboard.casework.recompute import steps_recompute_all
from sendboard.core.calendar import WorkingDayCalendar


def load_and_recompute(apps, schema_editor):
    """Timescales put right (issue 15, item 6): load the 2026 rules, then recompute every child's steps and say
    how many due dates moved."""
    reference.load_timescales("timescales_2026.json", apps.get_model("casework", "TimescaleRule"))
    NonWorkingDay = apps.get_model("core", "NonWorkingDay")
    counts = steps_recompute_all(
        Child=apps.get_model("casework", "Child"),
        Request=apps.get_model("casework", "Request"),
        StatutoryStep=apps.get_model("casework", "StatutoryStep"),
        TimescaleRule=apps.get_model("casework", "TimescaleRule"),
        calendar=WorkingDayCalendar(frozenset(NonWorkingDay.objects.values_list("date", flat=True))),
        as_of=timezone.localdate(),
    )
    print(
        f"\n  Statutory steps recomputed with the 2026 timescales: {counts['due_dates_changed']} due dates changed, "
        f"{counts['added']} steps added, {counts['removed']} removed"
    )


class Migration(migrations.Migration):
    dependencies = [("casework", "0007_casework_recording_steps"), ("core", "0001_initial")]
    operations = [migrations.RunPython(load_and_recompute, migrations.RunPython.noop)]
