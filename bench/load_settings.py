"""Settings for bench_production_load.py's gunicorn: sendboard's production settings, with the benchmark's
static floor added to the URLs (never used outside the benchmark)."""

from sendboard.config.settings import *  # noqa: F403

ROOT_URLCONF = "load_urls"
