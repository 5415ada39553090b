from django.urls import path

from sendboard.documents import views

app_name = "documents"
urlpatterns = [
    path("children/<uuid:child_id>/", views.child_documents, name="child-documents"),
    path("children/<uuid:child_id>/add/", views.upload, name="upload"),
    path("children/<uuid:child_id>/letters/", views.letter_choose, name="letter-choose"),
    path("children/<uuid:child_id>/letters/<str:letter>/", views.letter_preview, name="letter-preview"),
    path("<uuid:public_id>/download/", views.download, name="download"),
    path("letters/", views.letter_templates, name="letter-templates"),
    path("letters/<str:la_code>/<str:letter>/", views.letter_template_edit, name="letter-template-edit"),
]
