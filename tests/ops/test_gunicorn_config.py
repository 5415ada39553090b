"""gunicorn's configuration comes from the environment, and its access log never holds a query string, the
referrer or the user agent (search terms can be a child's name)."""

from __future__ import annotations

import re
import runpy

from django.conf import settings

CONFIG = str(settings.BASE_DIR / "sendboard/config/gunicorn.py")


def test_workers_bind_and_timeouts_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SENDBOARD_BIND", "0.0.0.0:9000")
    monkeypatch.setenv("SENDBOARD_WEB_WORKERS", "5")
    monkeypatch.setenv("SENDBOARD_WEB_THREADS", "4")
    monkeypatch.setenv("SENDBOARD_WEB_TIMEOUT", "45")
    config = runpy.run_path(CONFIG)
    assert (config["bind"], config["workers"], config["threads"], config["timeout"]) == (["0.0.0.0:9000"], 5, 4, 45)
    assert config["wsgi_app"] == "sendboard.config.wsgi:application"
    monkeypatch.delenv("SENDBOARD_WEB_WORKERS")
    assert runpy.run_path(CONFIG)["workers"] >= 2


def test_the_access_log_names_the_path_without_its_query_and_the_request_id():
    log_format = runpy.run_path(CONFIG)["access_log_format"]
    atoms = set(re.findall(r"%\(([^)]+)\)s", log_format))
    assert "U" in atoms and "{x-request-id}o" in atoms
    # r: request line (query included); q: query string; f: referrer; a: user agent; u: remote user; h: address
    assert not atoms & {"r", "q", "f", "a", "u", "h", "{cookie}i", "{authorization}i"}


def test_by_default_each_worker_is_gunicorns_sync_worker_and_threads_give_its_threaded_one(monkeypatch):
    monkeypatch.delenv("SENDBOARD_WEB_THREADS", raising=False)
    config = runpy.run_path(CONFIG)
    assert (config["worker_class"], config["threads"]) == ("sync", 1)
    monkeypatch.setenv("SENDBOARD_WEB_THREADS", "4")
    config = runpy.run_path(CONFIG)
    assert (config["worker_class"], config["threads"]) == ("gthread", 4)


def test_database_connections_persist_between_requests_and_are_checked_before_reuse(monkeypatch):
    import importlib

    import sendboard.config.settings as settings_module

    monkeypatch.delenv("SENDBOARD_DB_CONN_MAX_AGE", raising=False)
    reloaded = importlib.reload(settings_module)
    assert (reloaded.DATABASES["default"]["CONN_MAX_AGE"], reloaded.DATABASES["default"]["CONN_HEALTH_CHECKS"]) == (
        60,
        True,
    )
    monkeypatch.setenv("SENDBOARD_DB_CONN_MAX_AGE", "0")
    assert importlib.reload(settings_module).DATABASES["default"]["CONN_MAX_AGE"] == 0
