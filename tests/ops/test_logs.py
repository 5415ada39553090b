"""Every request carries an id in its response and in its log lines, which are key=value and never hold what
a person typed: a child's name or unique pupil number posted to a form stays out of the log."""

from __future__ import annotations

import io
import logging
import re
from logging.config import dictConfig

import pytest
from django.conf import settings as django_settings

from sendboard.accounts.roles import Role
from tests.casework.helpers import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_output():
    """The configured handler's formatter and filter, writing every logger's records (DEBUG up) to a buffer."""
    dictConfig(django_settings.LOGGING)
    stream = io.StringIO()
    configured = logging.getLogger().handlers[0]
    handler = logging.StreamHandler(stream)
    handler.setFormatter(configured.formatter)
    for item in configured.filters:
        handler.addFilter(item)
    root = logging.getLogger()
    root.addHandler(handler)
    previous = root.level
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(previous)


def test_the_request_id_is_in_the_response_header_and_the_log_line(client, log_output):
    response = client.get("/local-offer/?q=autism+sensory")
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    lines = [line for line in log_output.getvalue().splitlines() if "logger=sendboard.request" in line]
    assert len(lines) == 1
    assert f"request_id={request_id}" in lines[0]
    assert "path=/local-offer/" in lines[0] and "status=200" in lines[0] and "method=GET" in lines[0]
    assert "autism" not in log_output.getvalue()  # the query string is never logged
    # A second request gets its own id; a proxy's well-formed id is kept, a malformed one replaced.
    assert client.get("/health/live")["X-Request-ID"] != request_id
    assert client.get("/health/live", HTTP_X_REQUEST_ID="proxy-id-12345678")["X-Request-ID"] == "proxy-id-12345678"
    assert client.get("/health/live", HTTP_X_REQUEST_ID="a b<script>")["X-Request-ID"] != "a b<script>"


def test_a_childs_name_and_upn_posted_to_forms_never_reach_the_log(client, sign_in, log_output):
    caseworker = sign_in(Role.CASEWORKER)
    child = make_case(caseworker=caseworker)
    child.surname, child.forename = "Zephyrine", "Quillonby"
    child.save()
    for term in ("Quillonby Zephyrine", child.upn, "x" * 101 + "Zephyrine"):
        response = client.post("/casework/children/", {"term": term})
        assert response.status_code == 200
    assert "Quillonby" in client.post("/casework/children/", {"term": "Quillonby"}).content.decode()
    # An error while a form is handled logs the exception's type and where, never its message.
    logging.getLogger("django.request").error(
        "Internal Server Error: %s", "/casework/children/", exc_info=ValueError(f"bad {child.upn} Zephyrine")
    )
    output = log_output.getvalue()
    assert "logger=sendboard.request" in output and "exception=ValueError" in output
    for personal in ("Zephyrine", "Quillonby", child.upn):
        assert personal not in output
