"""The audit log page, at /audit/ under its own name (``audit:log``). The page is part of the shell (core); the
audit app below it only records (ADR 0111)."""

from django.urls import path

from sendboard.core import views

app_name = "audit"
urlpatterns = [path("", views.audit_log, name="log")]
