from django.urls import path

from sendboard.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dashboard.csv", views.dashboard_csv, name="dashboard-csv"),
    path("refresh/", views.refresh, name="refresh"),
    path("refresh/<int:run_id>/", views.refresh_run, name="refresh-run"),
    path("exceptions/", views.exception_list, name="exceptions"),
    path("exceptions/<int:report_id>/", views.exception_report, name="exception"),
    path("indicators/<slug:code>/", views.indicator, name="indicator"),
    path("indicators/<slug:code>/series.csv", views.series_csv, name="series-csv"),
    path("indicators/<slug:code>/comparison.csv", views.comparison_csv, name="comparison-csv"),
    path("indicators/<slug:code>/deep-dive/", views.deep_dive, name="deep-dive"),
    path("indicators/<slug:code>/deep-dive.csv", views.deep_dive_csv, name="deep-dive-csv"),
    path("indicators/<slug:code>/targets/", views.targets, name="targets"),
    path("indicators/<slug:code>/owner/", views.owner, name="owner"),
]
