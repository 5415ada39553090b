"""The information pages' own history (InformationPageRevision) moves into the one history kept by the audit app
(ADR 0115): every save keeps who, when, and what the page said before and after. Then the revisions table goes."""

from django.db import migrations

WHAT = "Information page saved"


def _page_type(apps):
    return apps.get_model("contenttypes", "ContentType").objects.get_or_create(app_label="localoffer", model="informationpage")[0]


def into_audit(apps, schema_editor):
    revision = apps.get_model("localoffer", "InformationPageRevision")
    change = apps.get_model("audit", "Change")
    if not revision.objects.exists():
        return
    page_type = _page_type(apps)
    change.objects.bulk_create(
        change(changed_at=r.saved_at, changed_by_id=r.saved_by_id, what=WHAT, before=r.before, after=r.after,
               subject_type=page_type, subject_id=str(r.page_id))
        for r in revision.objects.order_by("id").iterator()
    )


def out_of_audit(apps, schema_editor):
    revision = apps.get_model("localoffer", "InformationPageRevision")
    changes = apps.get_model("audit", "Change").objects.filter(subject_type=_page_type(apps))
    revision.objects.bulk_create(
        revision(page_id=int(c.subject_id), saved_at=c.changed_at, saved_by_id=c.changed_by_id, before=c.before, after=c.after)
        for c in changes.order_by("id")
    )
    changes.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("localoffer", "0004_information_page_revisions"),
        ("audit", "0002_change_history"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(into_audit, out_of_audit),
        migrations.DeleteModel(name="InformationPageRevision"),
    ]
