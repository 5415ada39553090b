"""Load the shipped milestone rules once (ADR 0011). After this an administrator owns them."""

from django.db import migrations


def load_rules(apps, schema_editor):
    from sendboard.plans.rule_data import milestone_rules_load

    milestone_rules_load(apps.get_model("plans", "MilestoneRule"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load_rules, migrations.RunPython.noop)]
