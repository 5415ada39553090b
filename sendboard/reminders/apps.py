from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "sendboard.reminders"
    label = "reminders"
    verbose_name = "Reminders"
    home_links = [
        ("core.view_home", "Your e-mail reminders and the daily digest", "reminders:mine"),
        ("reminders.manage_sending", "Reminder e-mails: sending and failures", "reminders:sending"),
    ]
