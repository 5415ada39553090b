from django.urls import path

from sendboard.casework import views

app_name = "casework"
urlpatterns = [
    path("", views.my_cases, name="my-cases"),
    path("team/", views.team, name="team"),
    path("timeliness/", views.timeliness, name="timeliness"),
    path("children/", views.child_search, name="child-search"),
    path("children/<uuid:public_id>/", views.child, name="child"),
    path("children/<uuid:public_id>/subject-access/", views.subject_access, name="subject-access"),
    path("children/<uuid:public_id>/steps/<int:step_id>/reason/", views.breach_reason, name="breach-reason"),
]
