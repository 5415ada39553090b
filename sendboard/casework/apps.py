from django.apps import AppConfig

from sendboard.core.shipped_data import restore_after_migrate


class CaseworkConfig(AppConfig):
    name = "sendboard.casework"
    label = "casework"
    verbose_name = "Children and EHC casework"
    # What this app removes when the retention schedule says so (sendboard.core.retention, ADR 0143).
    retention_appliers = {"children": "sendboard.casework.retention.children_past_retention_remove"}
    home_links = [
        ("casework.manage", "My cases: what is due and overdue", "casework:my-cases"),
        ("casework.view_team_caseload", "The team's caseload and breaches", "casework:team"),
        ("casework.allocate", "Caseloads: allocate and reassign cases", "casework:caseloads"),
        ("casework.view_children", "Find a child", "casework:child-search"),
        ("casework.view_aggregates", "EHC plan timeliness", "casework:timeliness"),
    ]

    def ready(self) -> None:
        restore_after_migrate(
            self,
            loader="sendboard.casework.reference.reference_data_ensure",
            models=("CodeList", "Code", "TimescaleRule"),
        )

    def home_work(self, *, user, today):
        from sendboard.casework.selectors import home_work_counts

        return home_work_counts(user=user, today=today)

    def work_held_by(self, person):
        from sendboard.casework.selectors import caseload_held_by

        return caseload_held_by(person)
