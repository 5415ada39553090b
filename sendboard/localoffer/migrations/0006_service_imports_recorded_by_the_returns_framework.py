"""A Local Offer CSV is an importer of the returns framework (ADR 0163): the files it loaded before keep being
recognised, now by the framework's one checksum rule, and the Local Offer's own record of files goes."""

from django.db import migrations


def loaded_files_recorded(apps, schema_editor):
    ServiceImport = apps.get_model("localoffer", "ServiceImport")
    ImportedFile = apps.get_model("returns", "ImportedFile")
    for record in ServiceImport.objects.exclude(loaded_at=None).order_by("pk"):
        imported = ImportedFile.objects.create(
            kind="localoffer_services",
            importer_version=1,
            sha256=record.checksum,
            filename=record.filename,
            size=len(record.content.encode("utf-8")),
            imported_by_id=record.uploaded_by_id,
            summary={"services": record.services_loaded},
        )
        ImportedFile.objects.filter(pk=imported.pk).update(imported_at=record.loaded_at)


class Migration(migrations.Migration):
    dependencies = [
        ("localoffer", "0005_information_page_history_kept_by_audit"),
        ("returns", "0006_imported_file_importer_version_and_target"),
    ]

    operations = [
        migrations.RunPython(loaded_files_recorded, migrations.RunPython.noop),
        migrations.DeleteModel(name="ServiceImport"),
    ]
