from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "sendboard.casework"
    label = "casework"
    verbose_name = "Children and EHC casework"
    home_links = [
        ("casework.manage", "My cases: what is due and overdue", "casework:my-cases"),
        ("casework.view_team_caseload", "The team's caseload and breaches", "casework:team"),
        ("casework.view_aggregates", "EHC plan timeliness", "casework:timeliness"),
    ]
