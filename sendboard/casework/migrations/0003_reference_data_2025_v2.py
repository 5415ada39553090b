from django.db import migrations

from sendboard.casework import reference


def load(apps, schema_editor):
    reference.load_code_lists("sen2_2025_v2.json", apps.get_model("casework", "CodeList"), apps.get_model("casework", "Code"))


class Migration(migrations.Migration):
    """SEN2-2025.2: the residential-setting codes (PlanRes, RES), now checked as a code list (ADR 0026)."""

    dependencies = [("casework", "0002_reference_data_2025")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
