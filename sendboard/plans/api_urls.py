"""The JSON API under /api/v1/ (improvement plans), with its OpenAPI document at /api/v1/openapi.json.

Every operation needs VIEW_PLANS (the middleware answers JSON 401/403 otherwise); the OpenAPI document
describes no data and is public."""

from sendboard.accounts.access import declare_all, public, requires
from sendboard.accounts.roles import Permission
from sendboard.plans.api import api

app_name = "api-v1"
urlpatterns: list = declare_all(list(api.urls[0]), requires(Permission.VIEW_PLANS))
for _pattern in urlpatterns:
    if _pattern.name == "openapi-json":
        public(_pattern.callback)
