from django.db import migrations

from sendboard.localoffer.reference import reference_taxonomies_load


def load(apps, schema_editor):
    reference_taxonomies_load(apps.get_model("localoffer", "Taxonomy"), apps.get_model("localoffer", "TaxonomyTerm"))


class Migration(migrations.Migration):
    dependencies = [("localoffer", "0002_fulltext_index")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
