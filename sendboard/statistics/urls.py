from django.urls import path

from sendboard.statistics import views

app_name = "statistics"
urlpatterns = [
    path("", views.datasets, name="datasets"),
    path("areas/", views.areas, name="areas"),
    path("datasets/<slug:kind>/", views.dataset, name="dataset"),
]
