"""Schemathesis generates requests from the API's own OpenAPI document (with a bounded number of examples
per operation) and checks that none gets a server error, that every status code is one the document
declares, and that every answer conforms to its declared schema (the profile's compiled schemas, embedded in
the document with its defects mended: see sendboard/localoffer/openapi.py)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from sendboard.localoffer.openapi import openapi_document

schema = schemathesis.openapi.from_dict(openapi_document())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def keep_the_test_connection_open():
    """Requests through the WSGI application close the database connection when they finish (Django's
    close_old_connections); inside a test's transaction that must not happen, as Django's own test client
    also arranges."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def small_directory(directory):
    directory.service("Speech therapy drop-in")
    directory.service("Saturday club", needs=("ASD",), postcode="WR14 2AB", latitude=52.1120, longitude=-2.3250)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_never_fails_and_answers_as_its_document_says(case):
    case.call_and_validate(
        base_url="http://127.0.0.1/api/openreferral",
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
