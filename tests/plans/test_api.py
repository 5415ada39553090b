"""The JSON API under /api/v1/ and its OpenAPI document."""

import pytest
from django.test import Client

from sendboard.accounts.roles import Role
from sendboard.plans import demo
from sendboard.plans.models import Inspection

pytestmark = pytest.mark.django_db


def test_the_openapi_document_describes_every_read(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v1/inspections",
        "/api/v1/inspections/{inspection_id}",
        "/api/v1/plans",
        "/api/v1/plans/{plan_id}",
        "/api/v1/actions/{action_id}",
    }


def test_reads_need_sign_in_and_the_permission():
    anonymous = Client()
    response = anonymous.get("/api/v1/plans")
    assert response.status_code == 401 and response.json() == {"detail": "Sign in to use this API."}


def test_a_role_without_view_plans_gets_403(client, sign_in):
    sign_in(Role.LOCAL_OFFER_OFFICER)
    response = client.get("/api/v1/inspections")
    assert response.status_code == 403 and "detail" in response.json()


def test_an_inspection_carries_findings_judgements_and_milestones(
    client, sign_in, demo_loaded, django_assert_max_num_queries
):
    sign_in(Role.ADVISER)
    inspection = Inspection.objects.get(title=demo.INSPECTION_TITLE)
    with django_assert_max_num_queries(12):
        body = client.get(f"/api/v1/inspections/{inspection.pk}").json()
    assert [f["reference"] for f in body["findings"]] == list("abcdefghijklm")
    submit = next(m for m in body["milestones"] if m["rule"] == "wsoa-submit")
    assert (submit["due_date"], submit["actual_date"], submit["met"]) == ("2018-08-23", "2018-08-20", True)
    revisit = client.get(f"/api/v1/inspections/{Inspection.objects.get(title=demo.REVISIT_TITLE).pk}").json()
    assert sum(j["progress"] == "sufficient" for j in revisit["judgements"]) == 8
    assert client.get("/api/v1/inspections/999999").status_code == 404


def test_plans_workstreams_actions_and_updates(client, sign_in, demo_loaded, django_assert_max_num_queries):
    sign_in(Role.ACTION_OWNER)
    assert [p["id"] for p in client.get("/api/v1/plans").json()] == [demo_loaded.pk]
    with django_assert_max_num_queries(12):
        body = client.get(f"/api/v1/plans/{demo_loaded.pk}").json()
    assert [w["number"] for w in body["workstreams"]] == [1, 2, 3, 4, 5]
    action = next(a for w in body["workstreams"] for a in w["actions"] if a["reference"] == "2.1")
    detail = client.get(f"/api/v1/actions/{action['id']}").json()
    assert [u["date"] for u in detail["updates"]] == ["2026-10-30", "2026-09-25"]
    assert detail["measures"][0]["actuals"] == [["2026-09-30", 41.0], ["2026-10-31", 47.0]]
