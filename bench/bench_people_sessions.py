"""Benchmark: ending a deactivated person's sessions (ADR 0137), as a ratio to reading every live session's row.

    python bench/bench_people_sessions.py [--sessions 2000,20000] [--database sqlite|postgres]

Sessions name their user only inside their signed data, so ``accounts.services.user_sessions_end`` reads each
unexpired session, decodes it, and deletes the person's. The floor it cannot beat is reading the same rows
(the reference, measured in the same run on the same table). Reported: both times, in milliseconds, and the
ratio, for each number of live sessions (one per signed-in person). SQLite in a temporary file by default;
``--database postgres`` uses BENCH_POSTGRES_URL (default: the sb_a database), whose public schema is dropped
and recreated.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sb_a")


def _setup(database: str, folder: str) -> None:
    url = f"sqlite:///{folder}/bench.sqlite3" if database == "sqlite" else POSTGRES
    os.environ.update(
        {
            "DATABASE_URL": url,
            "SENDBOARD_DEBUG": "true",
            "SENDBOARD_OTP_REQUIRED": "false",
            "SENDBOARD_SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnop",
            "DJANGO_SETTINGS_MODULE": "sendboard.config.settings",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if database == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def _timed(work, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", default="2000,20000")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _setup(args.database, folder)
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore
        from django.contrib.sessions.models import Session
        from django.utils import timezone

        from sendboard.accounts.models import Organisation, User
        from sendboard.accounts.services import user_sessions_end

        organisation = Organisation.objects.create(name="Bench council", kind="council")
        print(f"database: {args.database}")
        print(f"{'live sessions':>14} {'reference ms':>13} {'end sessions ms':>16} {'ratio':>6}")
        for count in [int(n) for n in args.sessions.split(",")]:
            Session.objects.all().delete()
            User.objects.all().delete()
            users = User.objects.bulk_create(
                [User(username=f"person{i}", role="caseworker", organisation=organisation) for i in range(count)]
            )
            store = SessionStore()
            rows = []
            for user in users:
                data = {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: "x" * 64,
                    "otp_device_id": "otp_totp.totpdevice/1",
                }
                rows.append(
                    Session(
                        session_key=store._get_new_session_key(),
                        session_data=store.encode(data),
                        expire_date=timezone.now() + timezone.timedelta(hours=8),
                    )
                )
            Session.objects.bulk_create(rows, batch_size=2000)
            target = users[len(users) // 2]

            def reference() -> None:
                list(
                    Session.objects.filter(expire_date__gt=timezone.now())
                    .values_list("session_key", "session_data")
                    .iterator()
                )

            def end(target=target) -> None:
                user_sessions_end(user=target)

            reference_ms, end_ms = _timed(reference), _timed(end)
            print(f"{count:>14,} {reference_ms:>13.1f} {end_ms:>16.1f} {end_ms / reference_ms:>6.1f}")


if __name__ == "__main__":
    main()
