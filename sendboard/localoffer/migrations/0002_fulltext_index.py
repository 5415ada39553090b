"""Full-text search on PostgreSQL (ADR 0031): a stored, generated tsvector column of each version's search
text, with a GIN index. The column is the database's own (Django's model does not list it), so inserts need
do nothing; SQLite has no such column and its search falls back to matching words."""

from django.db import migrations

COLUMN = "search_vector"
INDEX = "localoffer_version_fulltext"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE localoffer_serviceversion ADD COLUMN {COLUMN} tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, search_document)) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {INDEX} ON localoffer_serviceversion USING gin ({COLUMN})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(f"ALTER TABLE localoffer_serviceversion DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("localoffer", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
