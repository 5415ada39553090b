from django.db import migrations

from sendboard.casework import reference


def forwards(apps, schema_editor):
    """Load SEN2-2026.1 and give stored request outcomes the documented meaning (ADR 0130).

    Until now sendboard wrote RequestOutcome ``A`` for "the council decided to assess"; the DfE's code for that
    is ``Y``, and ``A`` means "decision yet to be made". Every ``A`` stored so far was written with the old
    meaning (the reader refused ``Y``), so each becomes ``Y``. The count changed is printed."""
    reference.load_code_lists("sen2_2026.json", apps.get_model("casework", "CodeList"), apps.get_model("casework", "Code"))
    Request = apps.get_model("casework", "Request")
    changed = Request.objects.filter(outcome="A").update(outcome="Y")
    if changed:
        print(f"\n  SEN2 RequestOutcome: {changed} requests changed from A (the old meaning: decided to assess) to Y")


def backwards(apps, schema_editor):
    Request = apps.get_model("casework", "Request")
    if Request.objects.filter(outcome__in=["A", "H"]).exists():
        raise RuntimeError("Requests hold the documented outcomes A or H: they cannot be given the old meaning")
    Request.objects.filter(outcome="Y").update(outcome="A")
    apps.get_model("casework", "CodeList").objects.filter(version="SEN2-2026.1").delete()


class Migration(migrations.Migration):
    dependencies = [("casework", "0005_sen2_items_2023_to_2026")]
    operations = [migrations.RunPython(forwards, backwards)]
