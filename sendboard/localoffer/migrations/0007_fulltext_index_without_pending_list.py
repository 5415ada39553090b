"""The full-text index answers searches from its own tree, never from a list of entries waiting to be merged
(ADR 0171). With GIN's default ``fastupdate`` new rows wait in a pending list that every search reads from end to
end, and a directory loaded in one go (an import, 20,000 services) left the whole index there until a vacuum:
a one-word search cost about 7 ms in the index alone, instead of 0.3 ms. The directory is written rarely (a
provider's change, an import) and searched on every visit, so writes now go straight into the tree."""

from django.db import migrations

INDEX = "localoffer_version_fulltext"


def without_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX {INDEX} SET (fastupdate = off)")
        schema_editor.execute(f"SELECT gin_clean_pending_list('{INDEX}'::regclass)")


def with_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX {INDEX} SET (fastupdate = on)")


class Migration(migrations.Migration):
    dependencies = [("localoffer", "0006_service_imports_recorded_by_the_returns_framework")]
    operations = [migrations.RunPython(without_pending_list, with_pending_list)]
