"""Settings for the test suite: the production settings, with a test secret and a fast password hasher.

Everything else comes from the environment exactly as in production, so that no code path exists only there.
"""

import os

os.environ.setdefault("SENDBOARD_SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SENDBOARD_SSL_REDIRECT", "false")
os.environ.setdefault("SENDBOARD_PLAIN_STATIC", "true")
os.environ.setdefault("SENDBOARD_DEMO_SCALE", "small")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Serve the built files directly, as in development; test_project.py runs the production collectstatic.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None

# Ordinary tests run each job at once, when the transaction that asked for it commits (in a test that never
# commits, the job stays queued for the test to run). The worker tests run the real `db_worker` (ADR 0105).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
