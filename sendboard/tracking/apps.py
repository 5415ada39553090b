from django.apps import AppConfig

from sendboard.core.shipped_data import restore_after_migrate


class TrackingConfig(AppConfig):
    name = "sendboard.tracking"
    label = "tracking"
    verbose_name = "Vulnerable learners"
    outcomes_extension = "sendboard.tracking.indicators"  # its indicators on the outcomes dashboard (ADR 0124)
    home_links = [
        (
            "tracking.report_pupils",
            "Report a part-time timetable, a removal from roll or a child not attending",
            "tracking:setting",
        ),
        ("tracking.view", "Part-time timetables on your cases", "tracking:my-tasks"),
        (
            "tracking.view",
            "Vulnerable learners: part-time timetables, removals and children missing education",
            "tracking:overview",
        ),
        ("tracking.manage", "The weekly list of children missing education", "tracking:weekly-list"),
        ("tracking.manage", "Children placed in the area by other councils", "tracking:placed"),
        ("tracking.manage", "The ones nobody reported", "tracking:reconciliation"),
    ]

    def ready(self) -> None:
        restore_after_migrate(self, loader="sendboard.tracking.rule_data.rules_ensure", models=("TrackingRule",))

    def home_work(self, *, user, today):
        from sendboard.tracking.selectors import home_work_counts

        return home_work_counts(user=user, today=today)
