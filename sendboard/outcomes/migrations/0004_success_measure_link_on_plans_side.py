"""The indicator's link to plan success measures now lives on the plans side (plans 0006 copied every link):
the outcomes side of it is removed (ADR 0111)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("outcomes", "0003_indicator_rate_is_per_100_pupils"),
        ("plans", "0006_success_measure_indicators"),
    ]

    operations = [
        migrations.RemoveField(model_name="indicator", name="success_measures"),
    ]
