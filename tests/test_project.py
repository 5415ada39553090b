"""Project-wide checks: migrations match the models, and the production settings pass Django's deploy checks."""

import subprocess
import sys

import pytest
from django.core.management import call_command

from tests.production import ROOT, production_env


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_settings_pass_the_deploy_checks():
    env = production_env(SENDBOARD_SECRET_KEY="deploy-check-" + "k8Jx2pQ9vZ4mN7rT1wY5bC3eH6gL0sD" * 2)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SENDBOARD_SECRET_KEY must be set" in result.stderr


def test_production_static_files_collect_with_hashed_names(tmp_path):
    env = production_env(
        SENDBOARD_SECRET_KEY="collectstatic-check-" + "k8Jx2pQ9vZ4mN7rT1wY5bC3eH6gL0sD" * 2,
        SENDBOARD_STATIC_ROOT=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.glob("build/sendboard.*.css")), "the stylesheet is collected under a hashed name"
    assert (tmp_path / "staticfiles.json").exists()
    # The layout's scripts are files (no inline script: ADR 0063); the module imports GOV.UK Frontend beside it.
    assert list(tmp_path.glob("core/init.*.js")) and list(tmp_path.glob("core/js-enabled.*.js"))
    assert 'from "../govuk/govuk-frontend.min.js"' in (tmp_path / "core" / "init.js").read_text()
    assert (tmp_path / "govuk" / "govuk-frontend.min.js").exists()
