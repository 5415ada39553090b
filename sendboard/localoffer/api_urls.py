"""The Open Referral UK 3.0 API under /api/openreferral/."""

app_name = "oruk"
urlpatterns: list = []
