from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "sendboard.reminders"
    label = "reminders"
    verbose_name = "Reminders"
    # Reminder and digest e-mails are removed two years after the date they were for (sendboard.core.retention).
    retention_appliers = {"reminder_emails": "sendboard.reminders.retention.reminder_emails_past_retention_remove"}
    home_links = [
        ("core.view_home", "Your e-mail reminders and the daily digest", "reminders:mine"),
        ("reminders.manage_sending", "Reminder e-mails: sending and failures", "reminders:sending"),
    ]
