from django.db import migrations

from sendboard.casework import reference


def load(apps, schema_editor):
    CodeList, Code = apps.get_model("casework", "CodeList"), apps.get_model("casework", "Code")
    for name in ("sen2_2025.json", "local_2025.json"):
        reference.load_code_lists(name, CodeList, Code)
    reference.load_timescales("timescales_2025.json", apps.get_model("casework", "TimescaleRule"))


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
