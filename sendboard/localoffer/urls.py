from django.urls import path

from sendboard.localoffer import views

app_name = "localoffer"
urlpatterns = [
    path("", views.local_offer_home, name="home"),
    path("services/", views.service_search, name="search"),
    path("services/<uuid:service_id>/", views.service_detail, name="service"),
    path("information/<slug:topic>/", views.information_page, name="information"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/sent/", views.feedback_sent, name="feedback-sent"),
    path("you-said-we-did/", views.you_said_we_did, name="you-said-we-did"),
    path("provider/", views.provider_services, name="provider-services"),
    path("provider/services/<uuid:service_id>/edit/", views.service_edit, name="service-edit"),
    path("team/", views.team_dashboard, name="team"),
    path("team/checklist/", views.checklist, name="checklist"),
    path("team/changes/<int:version_id>/", views.version_review, name="version-review"),
    path("team/feedback/<int:feedback_id>/", views.feedback_respond, name="feedback-respond"),
    path("team/information/<slug:topic>/", views.information_edit, name="information-edit"),
    path("team/information/<slug:topic>/history/", views.information_history, name="information-history"),
    path("team/import/", views.service_import, name="import"),
    path("team/import/preview/<str:token>/", views.service_import_preview, name="import-preview"),
    path("team/import/jobs/<uuid:public_id>/", views.service_import_job, name="import-job"),
]
