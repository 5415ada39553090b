from django.urls import path

from sendboard.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("sending/", views.sending_status, name="sending"),
    path("sending/<int:reminder_id>/send-again/", views.send_again, name="send-again"),
]
