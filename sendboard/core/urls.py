from django.urls import path

from sendboard.core import views

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
]
