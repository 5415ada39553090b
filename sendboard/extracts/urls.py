from django.urls import path

from sendboard.extracts import views

app_name = "extracts"
urlpatterns = [
    path("", views.index, name="index"),
    path("templates/<str:kind>.csv", views.template, name="template"),
]
