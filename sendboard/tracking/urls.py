from django.urls import path

from sendboard.tracking import views

app_name = "tracking"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("setting/", views.setting_home, name="setting"),
    path("setting/part-time-timetables/new/", views.timetable_new, name="timetable-new"),
    path("setting/part-time-timetables/<uuid:public_id>/", views.timetable_edit, name="timetable-edit"),
    path("setting/removals/new/", views.removal_new, name="removal-new"),
    path("setting/not-attending/new/", views.not_attending_new, name="not-attending-new"),
    path("setting/not-attending/<uuid:public_id>/back/", views.not_attending_back, name="not-attending-back"),
    path("tasks/", views.my_tasks, name="my-tasks"),
    path("tasks/<uuid:public_id>/", views.task, name="task"),
    path("weekly-list/", views.weekly_list, name="weekly-list"),
    path("weekly-list/<str:kind>/<uuid:public_id>/decision/", views.decision, name="decision"),
    path("missing-education/", views.cases, name="cases"),
    path("missing-education/new/", views.case_new, name="case-new"),
    path("missing-education/<uuid:public_id>/", views.case, name="case"),
    path("placed/", views.placed, name="placed"),
    path("placed/new/", views.placed_edit, name="placed-new"),
    path("placed/<uuid:public_id>/", views.placed_edit, name="placed-edit"),
    path("unreported/", views.reconciliation, name="reconciliation"),
    path("contacts/", views.contacts, name="contacts"),
]
