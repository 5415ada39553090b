"""Structured logs with a request id, and nothing personal in them (ADR 0141).

``RequestIdMiddleware`` gives every request an id (a proxy's well-formed ``X-Request-ID`` is kept, so one id
follows the request through the proxy, gunicorn and sendboard), returns it in the ``X-Request-ID`` response
header and logs one line when the request ends: method, path without its query string, status, duration.
``RequestIdFilter`` adds the id to every record logged while the request runs; ``KeyValueFormatter`` writes
each record as one line of ``key=value`` pairs, which log stores parse without configuration.

Nothing personal is logged: never a query string, a form field, a header other than the id, or who is signed
in (the audit log records who did what). Paths carry no personal data (children are named by opaque ids).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
_request_id: ContextVar[str] = ContextVar("sendboard_request_id", default="-")
_WELL_FORMED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
logger = logging.getLogger("sendboard.request")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = offered if _WELL_FORMED.match(offered) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _request_id.set(request_id)
        start = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - start) * 1000, 1),
                },
            )
            return response
        finally:
            _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


# Only these attributes of a record are written: a library that passes anything else in ``extra`` cannot put
# it in the log by accident.
_FIELDS = ("method", "path", "status", "duration_ms")


def _value(value: object) -> str:
    text = str(value)
    if text == "" or any(c in text for c in ' "=\n\t'):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return text


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        pairs = [
            ("at", self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z")),
            ("level", record.levelname.lower()),
            ("logger", record.name),
            ("request_id", getattr(record, "request_id", "-")),
        ]
        pairs += [(name, getattr(record, name)) for name in _FIELDS if hasattr(record, name)]
        pairs.append(("message", record.getMessage()))
        line = " ".join(f"{key}={_value(value)}" for key, value in pairs)
        if record.exc_info:
            # Exception types and where they happened, without the exception's message or local values
            # (a message can quote the data that failed).
            line += " exception=" + _value(record.exc_info[0].__name__ if record.exc_info[0] else "")
            line += " traceback=" + _value(_frames(record.exc_info[2]))
        return line


def _frames(tb) -> str:
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        frames.append(f"{code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}:{code.co_name}")
        tb = tb.tb_next
    return " > ".join(frames[-8:])
