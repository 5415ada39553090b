"""The plans app's own change history (ChangeRecord) moves into the one history kept by the audit app (ADR 0115):
every row keeps who, when, what, before, after and the reason; its rule, action, inspection or plan becomes the
record the change is to (an action's change is read also under its plan). Then ChangeRecord goes."""

from django.db import migrations

# The most particular record a ChangeRecord names is the one whose history it is.
_SUBJECTS = ("rule", "action", "inspection", "plan")
_MODELS = {"rule": "milestonerule", "action": "action", "inspection": "inspection", "plan": "plan"}


def _content_types(apps):
    content_type = apps.get_model("contenttypes", "ContentType")
    return {name: content_type.objects.get_or_create(app_label="plans", model=model)[0] for name, model in _MODELS.items()}


def into_audit(apps, schema_editor):
    change_record = apps.get_model("plans", "ChangeRecord")
    change = apps.get_model("audit", "Change")
    types = None
    batch = []
    for record in change_record.objects.order_by("id").iterator():
        types = types or _content_types(apps)
        subject = next(name for name in _SUBJECTS if getattr(record, f"{name}_id") is not None)
        within = "plan" if subject == "action" and record.plan_id is not None else None
        batch.append(change(
            changed_at=record.changed_at, changed_by_id=record.changed_by_id, what=record.what, before=record.before,
            after=record.after, reason=record.reason, subject_type=types[subject], subject_id=str(getattr(record, f"{subject}_id")),
            within_type=types[within] if within else None, within_id=str(record.plan_id) if within else "",
        ))
        if len(batch) >= 500:
            change.objects.bulk_create(batch)
            batch = []
    change.objects.bulk_create(batch)


def out_of_audit(apps, schema_editor):
    change_record = apps.get_model("plans", "ChangeRecord")
    change = apps.get_model("audit", "Change")
    by_type = {content_type.pk: name for name, content_type in _content_types(apps).items()}
    for entry in change.objects.filter(subject_type__in=list(by_type)).order_by("id").iterator():
        links = {by_type[entry.subject_type_id]: int(entry.subject_id)}
        if entry.within_type_id in by_type:
            links[by_type[entry.within_type_id]] = int(entry.within_id)
        record = change_record.objects.create(what=entry.what, before=entry.before, after=entry.after, reason=entry.reason,
                                              changed_by_id=entry.changed_by_id, **{f"{k}_id": v for k, v in links.items()})
        change_record.objects.filter(pk=record.pk).update(changed_at=entry.changed_at)
        entry.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0008_one_job_model"),
        ("audit", "0002_change_history"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(into_audit, out_of_audit),
        migrations.DeleteModel(name="ChangeRecord"),
    ]
