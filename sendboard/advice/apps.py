from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "sendboard.advice"
    label = "advice"
    verbose_name = "Advice from partners"
    # Forwardings and the documents that went with requests, in a child's subject access export (ADR 0176).
    subject_access_parts = "sendboard.advice.subject_access.advice_part"
    home_links = [
        ("advice.answer", "Advice requests sent to your organisation", "advice:queue"),
        ("advice.view_health_timeliness", "Health advice timeliness and late requests", "advice:health-timeliness"),
    ]

    def home_work(self, *, user, today):
        from django.urls import reverse

        from sendboard.accounts.access import user_has_permission
        from sendboard.accounts.roles import Permission
        from sendboard.advice.selectors import home_open_count
        from sendboard.core.work import WorkCount

        if not user_has_permission(user, Permission.ANSWER_ADVICE):
            return []
        overdue, total = home_open_count(user, today=today)
        href = reverse("advice:queue")
        return [
            WorkCount("Advice requests overdue", overdue, href, urgent=True),
            WorkCount("Advice requests waiting for your organisation", total, href),
        ]
