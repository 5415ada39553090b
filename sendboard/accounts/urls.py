from django.urls import path

from sendboard.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_done, name="password-reset-done"),
    path("password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password-reset-confirm"),
    path("password-reset/complete/", views.password_reset_complete, name="password-reset-complete"),
    path("two-factor/set-up/", views.otp_enrol, name="otp-enrol"),
    path("two-factor/", views.otp_verify, name="otp-verify"),
    path("organisations/", views.organisations, name="organisations"),
]
