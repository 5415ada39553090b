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
    path("organisations/add/", views.organisation_add, name="organisation-add"),
    path("organisations/<int:organisation_id>/change/", views.organisation_change, name="organisation-change"),
    path("people/", views.people, name="people"),
    path("people/invite/", views.invite, name="invite"),
    path("people/invitations/", views.invitations, name="invitations"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("people/<int:person_id>/change/", views.person_change, name="person-change"),
    path("people/<int:person_id>/deactivate/", views.person_deactivate, name="person-deactivate"),
    path("people/<int:person_id>/reactivate/", views.person_reactivate, name="person-reactivate"),
    path("people/<int:person_id>/two-factor-reset/", views.person_two_factor_reset, name="person-two-factor-reset"),
    path("invitation/accept/", views.invitation_accept, name="invitation-accept"),
    path("invitation/", views.invitation_open, name="invitation-open"),
]
