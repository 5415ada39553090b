from django.urls import path

from sendboard.casework import recording_views, views

app_name = "casework"
urlpatterns = [
    path("", views.my_cases, name="my-cases"),
    path("team/", views.team, name="team"),
    path("team/caseloads/", views.caseloads, name="caseloads"),
    path("team/cases/", views.caseload_children, name="caseload-children"),
    path("team/steps/", views.caseload_steps, name="caseload-steps"),
    path("team/reassign/", views.reassign, name="reassign"),
    path("timeliness/", views.timeliness, name="timeliness"),
    path("children/", views.child_search, name="child-search"),
    path("children/<uuid:public_id>/", views.child, name="child"),
    path("children/<uuid:public_id>/caseworker/", views.allocate, name="allocate"),
    path("children/<uuid:public_id>/subject-access/", views.subject_access, name="subject-access"),
    path("children/<uuid:public_id>/steps/<int:step_id>/reason/", views.breach_reason, name="breach-reason"),
    path("children/new-request/", recording_views.record_new_request, name="record-new-request"),
    path("children/<uuid:public_id>/record/<slug:step>/", recording_views.record_step, name="record"),
    path("children/<uuid:public_id>/change/<slug:step>/", recording_views.change_step, name="change"),
    path(
        "children/<uuid:public_id>/consultations/<int:consultation_id>/reply/",
        recording_views.record_reply,
        name="record-reply",
    ),
    path(
        "children/<uuid:public_id>/appeals/<int:appeal_id>/outcome/",
        recording_views.record_appeal_outcome,
        name="record-appeal-outcome",
    ),
]
