"""With the outcomes side of the link removed (outcomes 0004), an indicator reaches its plan success measures
as ``success_measures`` again, now through the plans side (ADR 0111). No change to the database."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0006_success_measure_indicators"),
        ("outcomes", "0004_success_measure_link_on_plans_side"),
    ]

    operations = [
        migrations.AlterField(
            model_name="successmeasure",
            name="indicators",
            field=models.ManyToManyField(blank=True, help_text="Outcomes indicators that measure this",
                                         related_name="success_measures", to="outcomes.indicator"),
        ),
    ]
