"""The refresh run takes the one job model (ADR 0105): its ``status`` becomes ``state``, with the same names."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('outcomes', '0004_success_measure_link_on_plans_side'),
    ]

    operations = [
        migrations.RenameField(model_name='refreshrun', old_name='status', new_name='state'),
        migrations.AddField(
            model_name='refreshrun',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0, help_text='How many times a worker has started it'),
        ),
        migrations.AddField(
            model_name='refreshrun',
            name='message',
            field=models.CharField(blank=True, help_text='What the job is doing, or what it did', max_length=300),
        ),
        migrations.AlterField(
            model_name='refreshrun',
            name='state',
            field=models.CharField(choices=[('queued', 'Waiting to start'), ('running', 'Running'), ('succeeded', 'Finished'), ('failed', 'Failed')], db_index=True, default='queued', max_length=10),
        ),
        migrations.AddField(
            model_name='refreshrun',
            name='task_id',
            field=models.CharField(blank=True, help_text='The background task that runs it', max_length=64),
        ),
        migrations.AlterField(
            model_name='refreshrun',
            name='error',
            field=models.TextField(blank=True, help_text='Why it failed, in words the person who asked can act on'),
        ),
        migrations.AlterField(
            model_name='refreshrun',
            name='progress',
            field=models.PositiveSmallIntegerField(default=0, help_text='Per cent'),
        ),
        migrations.AlterField(
            model_name='refreshrun',
            name='runner',
            field=models.CharField(blank=True, help_text='The worker process running it (host:pid:start)', max_length=120),
        ),
    ]
