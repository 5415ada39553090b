from django.urls import path

from sendboard.returns import views

app_name = "returns"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path("jobs/<uuid:public_id>/", views.job, name="job"),
    path("export/", views.export, name="export"),
    path("export/<uuid:public_id>/", views.export_job, name="export-job"),
    path("export/<uuid:public_id>/download/", views.export_download, name="export-download"),
]
