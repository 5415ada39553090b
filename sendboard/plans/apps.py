from django.apps import AppConfig

from sendboard.core.shipped_data import restore_after_migrate


class PlansConfig(AppConfig):
    name = "sendboard.plans"
    label = "plans"
    verbose_name = "Improvement plans: inspections, findings, statements of action and their delivery"
    # (permission, link text, URL name) shown on the signed-in home page to users whose role has it.
    home_links: list = [
        ("plans.view", "Improvement plans and inspections", "plans:index"),
        ("plans.update_actions", "Your actions: updates due and overdue", "plans:my-actions"),
        ("plans.approve_publication", "Approve text for the public progress page", "plans:publication"),
        ("plans.manage_milestone_rules", "Statutory milestone rules", "plans:rules"),
    ]

    def ready(self) -> None:
        from sendboard.plans.xlsx import PlanActionsImporter
        from sendboard.returns.framework import importer_register

        importer_register(PlanActionsImporter(), label=PlanActionsImporter.label)
        restore_after_migrate(self, loader="sendboard.plans.rule_data.milestone_rules_load", models=("MilestoneRule",))

    def home_work(self, *, user, today):
        from sendboard.plans.selectors import home_work_counts

        return home_work_counts(user=user, today=today)
