from django.urls import path

from sendboard.accounts.access import public
from sendboard.core import health, views

app_name = "core"
urlpatterns = [
    path("", views.start, name="start"),
    path("request-an-assessment/", views.request_assessment, name="request-assessment"),
    path("sendiass/", views.sendiass, name="sendiass"),
    path("feedback/", views.feedback, name="feedback"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
    path("home/", views.home, name="home"),
    path("non-working-days/", views.non_working_days, name="non-working-days"),
    path("operations/", views.operations, name="operations"),
    # Liveness and readiness for the proxy or orchestrator: public, status only (ADR 0141).
    path("health/live", public(health.LivenessView.as_view()), name="health-live"),
    path("health/ready", public(health.ReadinessView.as_view()), name="health-ready"),
]
