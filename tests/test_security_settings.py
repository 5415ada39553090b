"""Production settings that keep children's data and accounts safe (ADRs 0060 to 0064)."""

import subprocess
import sys
from pathlib import Path

import pytest

from sendboard.returns import uploads
from tests.production import ROOT, production_env

SECRET = "k8Jx2pQ9vZ4mN7rT1wY5bC3eH6gL0sD" * 2


def _check(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=production_env(SENDBOARD_SECRET_KEY=SECRET, **env),
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("backend", ["console", "filebased"])
def test_password_reset_links_in_production_logs_the_console_backend_is_refused(backend):
    result = _check(SENDBOARD_EMAIL_BACKEND=f"django.core.mail.backends.{backend}.EmailBackend")
    assert result.returncode != 0
    assert "password-reset links included" in result.stderr
    assert "can be used only when SENDBOARD_DEBUG is on" in result.stderr


def test_production_sends_e_mail_through_smtp_by_default_and_debugging_may_print_it():
    script = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
    production = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=production_env(SENDBOARD_SECRET_KEY=SECRET),
        check=False,
    )
    assert production.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend", production.stderr
    debugging = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=production_env(SENDBOARD_DEBUG="true"),
        check=False,
    )
    assert debugging.stdout.strip() == "django.core.mail.backends.console.EmailBackend", debugging.stderr


def test_uploads_wait_in_a_private_folder_in_the_installations_own_data_directory(settings, tmp_path):
    settings.SENDBOARD_RETURNS_UPLOAD_DIR = ""
    settings.SENDBOARD_DATA_DIR = tmp_path / "installation-data"
    folder = uploads.upload_folder()
    assert folder == tmp_path / "installation-data" / "returns-uploads"
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "installation-data").stat().st_mode & 0o777 == 0o700


def test_an_existing_upload_folder_is_made_private(settings, tmp_path):
    shared = tmp_path / "uploads"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    settings.SENDBOARD_RETURNS_UPLOAD_DIR = str(shared)
    assert uploads.upload_folder().stat().st_mode & 0o777 == 0o700


def test_the_data_directory_defaults_to_one_inside_the_installation():
    script = "from django.conf import settings; print(settings.SENDBOARD_DATA_DIR)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=production_env(SENDBOARD_SECRET_KEY=SECRET),
        check=False,
    )
    assert Path(result.stdout.strip()) == ROOT / "data", result.stderr


def test_a_negative_proxy_count_is_refused_at_start_up():
    result = _check(SENDBOARD_PROXY_COUNT="-1")
    assert result.returncode != 0
    assert "SENDBOARD_PROXY_COUNT must be 0 (no proxy) or the number of proxies" in result.stderr
