"""Advice asked of an organisation through sendboard (issue 15): who was asked and by whom, what, by when, and
what came back. Requests already held (imported from SEN2) keep no public id: only requests made in sendboard
are opened by a URL. The new text columns and the status have database defaults, because the SEN2 importer
writes rows with the return's columns only."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def text(help_text=""):
    return models.TextField(blank=True, default="", db_default="", help_text=help_text)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_people_invitations_and_additional_roles"),
        ("casework", "0006_sen2_documented_outcome_codes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Added without a default, then given one: a default on the add would give every existing row one id.
        migrations.AddField(
            model_name="advicerequest",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, help_text="The only id used in URLs"),
        ),
        migrations.AlterField(
            model_name="advicerequest",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, null=True, unique=True, help_text="The only id used in URLs"
            ),
        ),
        migrations.AddField(
            model_name="advicerequest",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="advice_requests",
                to="accounts.organisation",
            ),
        ),
        migrations.AddField(
            model_name="advicerequest",
            name="asked_by",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="advicerequest",
            name="question",
            field=text("What the organisation is asked to advise on"),
        ),
        migrations.AddField(
            model_name="advicerequest",
            name="due_date",
            field=models.DateField(blank=True, help_text="From the advice timescale rule when it was asked", null=True),
        ),
        migrations.AddField(
            model_name="advicerequest",
            name="status",
            field=models.CharField(
                choices=[("asked", "Asked"), ("returned", "Returned"), ("declined", "Declined")],
                default="asked",
                db_default="asked",
                max_length=10,
            ),
        ),
        migrations.AddField(model_name="advicerequest", name="decline_reason", field=text()),
        migrations.AddField(model_name="advicerequest", name="needs_identified", field=text()),
        migrations.AddField(model_name="advicerequest", name="provision_recommended", field=text()),
        migrations.AddField(model_name="advicerequest", name="outcomes_sought", field=text()),
        migrations.AddField(
            model_name="advicerequest",
            name="answered_by",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="advicerequest", name="answered_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddIndex(
            model_name="advicerequest",
            index=models.Index(
                condition=models.Q(("organisation__isnull", False)),
                fields=["organisation", "status", "due_date"],
                name="casework_advice_queue",
            ),
        ),
    ]
