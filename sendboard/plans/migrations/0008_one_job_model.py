"""The board pack job takes the one job model (ADR 0105): "done" becomes "succeeded"; a failure's words move
from the message to the error."""

from django.db import migrations, models


def done_is_succeeded(apps, schema_editor):
    Job = apps.get_model("plans", "reportjob")
    Job.objects.filter(state="done").update(state="succeeded")
    for job in Job.objects.filter(state="failed").exclude(message=""):
        job.error, job.message = job.message, ""
        job.save(update_fields=["error", "message"])


def succeeded_is_done(apps, schema_editor):
    Job = apps.get_model("plans", "reportjob")
    Job.objects.filter(state="succeeded").update(state="done")


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0007_success_measure_indicators_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='reportjob',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0, help_text='How many times a worker has started it'),
        ),
        migrations.AddField(
            model_name='reportjob',
            name='error',
            field=models.TextField(blank=True, help_text='Why it failed, in words the person who asked can act on'),
        ),
        migrations.AddField(
            model_name='reportjob',
            name='finished_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='reportjob',
            name='task_id',
            field=models.CharField(blank=True, help_text='The background task that runs it', max_length=64),
        ),
        migrations.AlterField(
            model_name='reportjob',
            name='message',
            field=models.CharField(blank=True, help_text='What the job is doing, or what it did', max_length=300),
        ),
        migrations.AlterField(
            model_name='reportjob',
            name='runner',
            field=models.CharField(blank=True, help_text='The worker process running it (host:pid:start)', max_length=120),
        ),
        migrations.AlterField(
            model_name='reportjob',
            name='state',
            field=models.CharField(choices=[('queued', 'Waiting to start'), ('running', 'Running'), ('succeeded', 'Finished'), ('failed', 'Failed')], db_index=True, default='queued', max_length=10),
        ),
        migrations.RunPython(done_is_succeeded, succeeded_is_done),
    ]
