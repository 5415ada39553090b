"""The link between a plan's success measure and the outcomes indicator that measures it moves to the plans
side (ADR 0111): plans build on outcomes, so outcomes no longer names plans. Every existing link is copied.
Until outcomes 0004 removes the old field, the new one is reached from an indicator by a temporary name, and
each link table is read through its field (the old field's reverse name is the new field's name)."""

from django.db import migrations, models


def copy_links(apps, schema_editor):
    Indicator = apps.get_model("outcomes", "Indicator")
    SuccessMeasure = apps.get_model("plans", "SuccessMeasure")
    old = Indicator._meta.get_field("success_measures").remote_field.through
    new = SuccessMeasure._meta.get_field("indicators").remote_field.through
    new.objects.bulk_create(
        [new(successmeasure_id=measure, indicator_id=indicator)
         for indicator, measure in old.objects.values_list("indicator_id", "successmeasure_id")],
        ignore_conflicts=True,
    )


def copy_links_back(apps, schema_editor):
    Indicator = apps.get_model("outcomes", "Indicator")
    SuccessMeasure = apps.get_model("plans", "SuccessMeasure")
    old = Indicator._meta.get_field("success_measures").remote_field.through
    new = SuccessMeasure._meta.get_field("indicators").remote_field.through
    old.objects.bulk_create(
        [old(successmeasure_id=measure, indicator_id=indicator)
         for measure, indicator in new.objects.values_list("successmeasure_id", "indicator_id")],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0005_merge_plain_words_and_refusal_reasons"),
        ("outcomes", "0003_indicator_rate_is_per_100_pupils"),
    ]

    operations = [
        migrations.AddField(
            model_name="successmeasure",
            name="indicators",
            field=models.ManyToManyField(blank=True, help_text="Outcomes indicators that measure this",
                                         related_name="measured_success_measures", to="outcomes.indicator"),
        ),
        migrations.RunPython(copy_links, copy_links_back),
    ]
