"""Schemathesis generates requests from /api/v1/openapi.json (a bounded number per operation), signed in as an
adviser, and checks that none gets a server error, every status is declared and every answer conforms."""

from __future__ import annotations

import io

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from sendboard.accounts.models import User
from sendboard.demo.area import demo_area_load
from sendboard.plans import demo
from sendboard.plans.api import api
from tests.sessions import force_login_verified

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def keep_the_test_connection_open():
    """WSGI requests close the connection when they finish; inside a test's transaction that must not happen."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def adviser_cookie(db):
    demo_area_load()
    demo.load_demo(stdout=io.StringIO())
    client = Client()
    force_login_verified(client, User.objects.get(username="demo.adviser"))
    return {django_settings.SESSION_COOKIE_NAME: client.cookies[django_settings.SESSION_COOKIE_NAME].value}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_never_fails_and_answers_as_its_document_says(case, adviser_cookie):
    case.cookies = {**(case.cookies or {}), **adviser_cookie}
    case.call_and_validate(
        base_url="http://localhost",  # schemathesis gives its cookies to localhost
        # Every request the document allows is answered, and every request it refuses is refused: the
        # document and the validation agree (ADR 0068).
        checks=[
            not_a_server_error,
            status_code_conformance,
            response_schema_conformance,
            positive_data_acceptance,
            negative_data_rejection,
        ],
    )
