"""The JSON API under /api/v1/ (improvement plans), with its OpenAPI document at /api/v1/openapi.json."""

app_name = "api-v1"
urlpatterns: list = []
