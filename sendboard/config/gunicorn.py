"""gunicorn's configuration for sendboard (ADR 0140): `gunicorn -c sendboard/config/gunicorn.py`.

Every value comes from the environment with a default fit for one small server; `.env.example` lists them.
The access log names the path without its query string (search terms can be personal: a child's name typed
into a search box) and never the referrer or the user agent; the request id ties a line to the application's
own log lines for the same request.
"""

from __future__ import annotations

import multiprocessing
import os

wsgi_app = "sendboard.config.wsgi:application"

bind = os.environ.get("SENDBOARD_BIND", "127.0.0.1:8000").split(",")
# Web worker processes. Each holds its own database connections; sized to the machine's cores by default.
workers = int(os.environ.get("SENDBOARD_WEB_WORKERS") or max(2, multiprocessing.cpu_count()))
# Threads per worker (ADR 0178, amending 0167): 1, gunicorn's sync worker, by default. Measured on an idle two-core
# machine once pages spent most of their time in Python rather than waiting for PostgreSQL, two sync workers served
# more than two threaded ones on every loaded page (the threads of one process contend for Python's lock) and
# doubled from one worker to two where the threaded ones did not. More than 1 gives gunicorn's threaded worker
# (gthread), worth it where requests wait on slow I/O; each thread holds its own database connection.
threads = int(os.environ.get("SENDBOARD_WEB_THREADS") or "1")
worker_class = "gthread" if threads > 1 else "sync"
# A request that runs longer is killed and logged: long work belongs to the background worker.
timeout = int(os.environ.get("SENDBOARD_WEB_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("SENDBOARD_WEB_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("SENDBOARD_WEB_KEEPALIVE", "5"))
# Restart each worker after this many requests (with jitter), so that no slow leak grows for ever. 0: never.
max_requests = int(os.environ.get("SENDBOARD_WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Load the application once in the master process: workers start faster and a broken configuration stops
# the server at once rather than in every worker.
preload_app = True
# The proxy in front (SENDBOARD_PROXY_COUNT) is the only one trusted to say the request came over TLS.
forwarded_allow_ips = os.environ.get("SENDBOARD_FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("SENDBOARD_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("SENDBOARD_LOG_LEVEL", "info").lower()
# key=value, one line a request: %(U)s is the path WITHOUT the query string; no %(r)s (the request line, query
# included), %(f)s (the referrer, which carries the previous page's query) or %(a)s; no remote user.
access_log_format = (
    'at=%(t)s level=info logger=gunicorn.access method=%(m)s path="%(U)s" status=%(s)s bytes=%(B)s '
    "duration_ms=%(M)s request_id=%({x-request-id}o)s"
)
