from django.urls import include, path

urlpatterns = [
    path("", include("sendboard.core.urls")),
    path("account/", include("sendboard.accounts.urls")),
    path("audit/", include("sendboard.core.audit_urls")),
    path("plans/", include("sendboard.plans.urls")),
    path("casework/", include("sendboard.casework.urls")),
    path("documents/", include("sendboard.documents.urls")),
    path("advice/", include("sendboard.advice.urls")),
    path("reminders/", include("sendboard.reminders.urls")),
    path("returns/", include("sendboard.returns.urls")),
    path("local-offer/", include("sendboard.localoffer.urls")),
    path("statistics/", include("sendboard.statistics.urls")),
    path("extracts/", include("sendboard.extracts.urls")),
    path("outcomes/", include("sendboard.outcomes.urls")),
    path("tracking/", include("sendboard.tracking.urls")),
    path("api/v1/", include("sendboard.plans.api_urls")),
    path("api/openreferral/", include("sendboard.localoffer.api_urls")),
]

handler403 = "sendboard.core.views.error_403"
handler404 = "sendboard.core.views.error_404"
handler500 = "sendboard.core.views.error_500"
