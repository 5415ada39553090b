from django.urls import path

from sendboard.advice import views

app_name = "advice"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("answered/", views.answered, name="answered"),
    path("health/", views.health_timeliness, name="health-timeliness"),
    path("children/<uuid:child_id>/ask/", views.ask, name="ask"),
    path("requests/<uuid:public_id>/", views.request_detail, name="request"),
    path("requests/<uuid:public_id>/return/", views.return_advice, name="return"),
    path("requests/<uuid:public_id>/decline/", views.decline, name="decline"),
    path("requests/<uuid:public_id>/forward/", views.forward, name="forward"),
    path("requests/<uuid:public_id>/documents/<uuid:document_id>/", views.document, name="document"),
]
