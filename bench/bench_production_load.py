"""Benchmark: the production stack under load (issue 17 item 6). gunicorn (sendboard/config/gunicorn.py) on
PostgreSQL, production settings, with 16 concurrent clients on loopback, against:

- Local Offer search and the Open Referral UK /services feed with 20,000 services;
- the outcomes dashboard, a caseworker's queue and a child's page in the county-size demo area (about 9,600
  children);

each reported as p95 and throughput beside a static response (a fixed JSON view through the same server,
middleware and access layer) measured in the same run, in the same random mix of requests, with one and then
two gunicorn worker processes.

    python bench/bench_production_load.py [--clients 16] [--requests 200] [--workers 1,2] [--reuse]

A fresh PostgreSQL database (``bench_production``) gets the county demo area and 20,000 generated services
(``--reuse`` keeps one built before). Every client sends a fixed number of requests (the run stops by itself),
only to 127.0.0.1; failures are counted, never retried. Goals: 0 errors, p95 <= 10x the static response's p95
for every page, and throughput that doubles from one worker process to two.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from loadgen import Tally, clients_run  # bench/, beside this script

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
POSTGRES = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = os.environ.get("BENCH_DATABASE", "bench_production")
HOST = "127.0.0.1"  # loopback only, whatever the arguments
SERVICES = 20000


def _database_url() -> str:
    return POSTGRES.rsplit("/", 1)[0] + "/" + DATABASE


STATIC_ROOT = Path(tempfile.gettempdir()) / f"sendboard-bench-static-{DATABASE}"
ENV = {
    "DATABASE_URL": _database_url(),
    "SENDBOARD_DEBUG": "false",
    "SENDBOARD_SSL_REDIRECT": "false",
    "SENDBOARD_SECRET_KEY": "bench-only-secret-key-never-used-elsewhere-0123456789abcdefghij",
    "SENDBOARD_ALLOWED_HOSTS": HOST,
    "SENDBOARD_LOG_LEVEL": "WARNING",
    "SENDBOARD_ACCESS_LOG": "/dev/null",
    "SENDBOARD_DB_CONN_MAX_AGE": "60",
    "SENDBOARD_STATIC_ROOT": str(STATIC_ROOT),
    "SENDBOARD_DEMO_SCALE": "county",
    "SENDBOARD_DATA_DIR": str(Path(tempfile.gettempdir()) / f"sendboard-bench-data-{DATABASE}"),
}


def _django() -> None:
    os.environ.update(ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "sendboard.config.settings"
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    import django

    django.setup()


def build() -> None:
    """Migrate, load the county demo area, add 20,000 services, collect static files (in a child process)."""
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    _django()
    from bench_localoffer_search import fill
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_area", verbosity=0)
    fill(SERVICES)
    call_command("collectstatic", interactive=False, verbosity=0, clear=True)


def targets() -> dict:
    """Signed-in sessions (verified by a one-time password, as every account's must be) and the paths to load."""
    _django()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sendboard.accounts.models import User
    from sendboard.casework.models import Child

    def session_for(username: str) -> str:
        user = User.objects.get(username=username)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="bench", confirmed=True
        )
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store.create()
        return store.session_key

    caseworker = User.objects.get(username="demo.caseworker")
    children = [
        str(p)
        for p in Child.objects.filter(caseworker=caseworker).order_by("id").values_list("public_id", flat=True)[:60]
    ]
    return {
        "caseworker": session_for("demo.caseworker"),
        "leader": session_for("demo.area.leader"),
        "children": children,
    }


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = {
        **os.environ,
        **ENV,
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "SENDBOARD_BIND": f"{HOST}:{port}",
        "SENDBOARD_WEB_WORKERS": str(workers),
        "SENDBOARD_WEB_THREADS": "1",
        "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT)]),
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "sendboard/config/gunicorn.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/bench/static", headers={"Host": HOST})
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not start: " + (server.stderr.read() if server.stderr else ""))


def load(port: int, mix: dict[str, list[tuple[str, str]]], *, clients: int, requests: int) -> dict[str, dict]:
    """``requests`` GETs in all over ``clients`` threads, each request picking a kind of ``mix`` at random (so the
    page and the floor meet the same load) and one of its (path, session) targets."""
    tally = Tally(mix)
    kinds = list(mix)

    def client(index: int) -> None:
        rng = random.Random(index)
        mine = []
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        for _ in range(requests // clients):
            kind = rng.choice(kinds)
            target, session = rng.choice(mix[kind])
            headers = {"Host": HOST, "Connection": "keep-alive"}
            if session:
                headers["Cookie"] = f"sessionid={session}"
            failure = ""
            start = time.perf_counter()
            try:
                connection.request("GET", target, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failure = f"{response.status} {target}"
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = http.client.HTTPConnection(HOST, port, timeout=60)
            except (OSError, http.client.HTTPException) as error:
                failure = f"{type(error).__name__} {target}"
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=60)
            mine.append((kind, time.perf_counter() - start, failure))
        connection.close()
        tally.add(mine)

    return tally.results(clients_run(clients, client))


def endpoints(sessions: dict) -> dict[str, list[tuple[str, str]]]:
    rng = random.Random(7)
    words = ["speech", "therapy", "autism", "short", "breaks", "swimming", "advice", "college", "sensory", "music"]
    needs = ["ASD", "SLCN", "SEMH", "PD", "MLD"]
    caseworker, leader = sessions["caseworker"], sessions["leader"]
    return {
        "Local Offer search (keyword, need, age)": [
            (f"/local-offer/services/?q={rng.choice(words)}&need={rng.choice(needs)}&age={rng.randint(0, 20)}", "")
            for _ in range(50)
        ],
        "ORUK /services feed (search, page)": [
            (f"/api/openreferral/services?search={rng.choice(words)}&page={rng.randint(1, 5)}", "") for _ in range(50)
        ],
        "Outcomes dashboard": [("/outcomes/", leader)],
        "Caseworker's queue": [("/casework/", caseworker), ("/casework/?status=overdue", caseworker)],
        "A child's page": [(f"/casework/children/{public_id}/", caseworker) for public_id in sessions["children"]],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=200, help="requests to each page (as many again to the floor)")
    parser.add_argument("--workers", default="1,2", help="gunicorn worker processes to compare")
    parser.add_argument("--reuse", action="store_true", help="keep the database a previous run built")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "0")), help="gunicorn's port")
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--targets", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build()
        return 0
    if args.targets:
        print(json.dumps(targets()))
        return 0

    if not args.reuse:
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--build"], check=True, cwd=ROOT)
        print(
            f"Built the county demo area and {SERVICES} services in {time.perf_counter() - started:.0f} s (PostgreSQL)"
        )
    sessions = json.loads(
        subprocess.run(
            [sys.executable, __file__, "--targets"], check=True, cwd=ROOT, capture_output=True, text=True
        ).stdout
    )
    pages = endpoints(sessions)
    floor = [("/bench/static", "")]
    port = args.port or 18500 + os.getpid() % 400
    table: dict[tuple[str, int], dict] = {}
    alone: dict[int, dict] = {}
    worker_counts = [int(n) for n in args.workers.split(",")]
    for workers in worker_counts:
        server = start_server(port, workers)
        try:
            for paths in pages.values():  # warm-up: connections, caches, query plans in every worker
                load(port, {"floor": floor, "page": paths}, clients=4, requests=8 * workers)
            # The floor alone, at the same concurrency: what a request costs when it waits behind nothing heavier.
            alone[workers] = load(port, {"floor": floor}, clients=args.clients, requests=args.requests)["floor"]
            for name, paths in pages.items():
                table[(name, workers)] = load(
                    port, {"floor": floor, "page": paths}, clients=args.clients, requests=2 * args.requests
                )
        finally:
            server.terminate()
            server.wait(timeout=60)

    print(
        f"gunicorn sync workers on {HOST}, PostgreSQL, production settings; {args.clients} concurrent clients; for each "
        f"page {2 * args.requests} requests, half to it and half to the static floor, in random order"
    )
    print(
        "'mixed': the floor's p95 in the same mix (it queues behind the page); 'alone': the floor's p95 with the same "
        "clients sending only it, in the same run"
    )
    for workers, base in alone.items():
        print(
            f"static floor alone, {workers} worker(s): {base['throughput_per_s']:.1f} req/s, p50 {base['p50_ms']:.1f} ms, "
            f"p95 {base['p95_ms']:.1f} ms, errors {base['errors']}"
        )
    print(
        f"{'page':<40} {'workers':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'mixed p95':>9} {'x mixed':>8} "
        f"{'alone p95':>9} {'x alone':>8} {'errors':>6}"
    )
    errors, ratio_met, summary = sum(base["errors"] for base in alone.values()), True, []
    for (name, workers), r in table.items():
        page, base = r["page"], r["floor"]
        ratio = page["p95_ms"] / base["p95_ms"]
        ratio_alone = page["p95_ms"] / alone[workers]["p95_ms"]
        ratio_met = ratio_met and ratio_alone <= 10
        errors += page["errors"] + base["errors"]
        print(
            f"{name:<40} {workers:>7} {page['throughput_per_s']:>7.1f} {page['p50_ms']:>8.1f} {page['p95_ms']:>8.1f} "
            f"{base['p95_ms']:>9.1f} {ratio:>8.2f} {alone[workers]['p95_ms']:>9.1f} {ratio_alone:>8.1f} "
            f"{page['errors'] + base['errors']:>6}"
        )
        if page["errors"] or base["errors"]:
            print(f"   first errors: {page['first_errors'] + base['first_errors']}")
        summary.append(
            {
                "page": name,
                "workers": workers,
                "p95_ms": round(page["p95_ms"], 1),
                "floor_p95_ms": round(base["p95_ms"], 1),
                "ratio": round(ratio, 2),
                "floor_alone_p95_ms": round(alone[workers]["p95_ms"], 1),
                "ratio_alone": round(ratio_alone, 1),
                "throughput": round(page["throughput_per_s"], 1),
                "errors": page["errors"] + base["errors"],
            }
        )
    scaling_met = True
    if len(worker_counts) >= 2:
        low, high = worker_counts[0], worker_counts[-1]
        print(f"Throughput, {high} worker processes against {low} (pages and floor together):")
        for name in pages:
            before = sum(k["throughput_per_s"] for k in table[(name, low)].values())
            after = sum(k["throughput_per_s"] for k in table[(name, high)].values())
            scaling_met = scaling_met and after / before >= 2 * 0.95
            print(f"   {name:<40} {before:>7.1f} -> {after:>7.1f} req/s  x{after / before:.2f}")
    print(
        json.dumps(
            {"errors": errors, "p95_within_10x_floor": ratio_met, "throughput_doubles": scaling_met, "rows": summary}
        )
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
