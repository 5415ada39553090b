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
import statistics
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


def start_server(port: int, workers: int, *, threads: int | None = None) -> subprocess.Popen:
    env = {
        **os.environ,
        **ENV,
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "SENDBOARD_BIND": f"{HOST}:{port}",
        "SENDBOARD_WEB_WORKERS": str(workers),
        **({"SENDBOARD_WEB_THREADS": str(threads)} if threads else {}),
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


class CpuMeter:
    """CPU used while a measurement runs, in cores (CPU-seconds per second): the load generator (this process: its
    client threads), the gunicorn processes (master and workers), and the whole machine (PostgreSQL and everyone
    else's work included), from the kernel's own counters."""

    def __init__(self, server: subprocess.Popen) -> None:
        import psutil

        self.server = psutil.Process(server.pid)

    def _server_seconds(self) -> float:
        total = 0.0
        for process in [self.server, *self.server.children(recursive=True)]:
            try:
                times = process.cpu_times()
            except Exception:  # noqa: BLE001 - a worker that restarted between listing and reading
                continue
            total += times.user + times.system
        return total

    def __enter__(self) -> CpuMeter:
        import psutil

        self.began = time.perf_counter()
        own = os.times()
        self.own, self.serving, self.machine = own.user + own.system, self._server_seconds(), psutil.cpu_times()
        return self

    def __exit__(self, *exc) -> None:
        import psutil

        elapsed = time.perf_counter() - self.began
        own, machine = os.times(), psutil.cpu_times()
        busy = (sum(machine) - machine.idle - getattr(machine, "iowait", 0)) - (
            sum(self.machine) - self.machine.idle - getattr(self.machine, "iowait", 0)
        )
        self.cores = {
            "load generator": (own.user + own.system - self.own) / elapsed,
            "gunicorn": (self._server_seconds() - self.serving) / elapsed,
            "machine": busy / elapsed,
        }


def _median_spread(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def _spread(values: list[float], fmt: str = "{:.1f}") -> str:
    middle, low, high = _median_spread(values)
    return fmt.format(middle) if len(values) == 1 else f"{fmt.format(middle)} ({fmt.format(low)}–{fmt.format(high)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--requests", type=int, default=120, help="requests in each measurement (half to the page, half to the floor)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="short measurements of each page, reported as medians")
    parser.add_argument("--workers", default="1,2", help="gunicorn worker processes to compare")
    parser.add_argument(
        "--threads", type=int, default=int(os.environ.get("SENDBOARD_WEB_THREADS", "0")) or None, help="per worker"
    )
    parser.add_argument(
        "--loadgen-cpus",
        default="",
        help="pin the load generator to these CPUs (taskset's list, e.g. 1); default: not pinned (see bench/README.md)",
    )
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
    if args.loadgen_cpus:
        os.sched_setaffinity(0, {int(cpu) for cpu in args.loadgen_cpus.split(",")})

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
    worker_counts = [int(n) for n in args.workers.split(",")]
    # (page, workers) -> one result per repeat: {"page": ..., "floor": ..., "alone": ..., "cores": ...}
    runs: dict[tuple[str, int], list[dict]] = {(name, w): [] for w in worker_counts for name in pages}
    errors, first_errors = 0, []
    load_average = os.getloadavg()
    for workers in worker_counts:
        server = start_server(port, workers, threads=args.threads)
        try:
            for paths in pages.values():  # warm-up: connections, caches, query plans in every worker
                load(port, {"floor": floor, "page": paths}, clients=4, requests=8 * workers)
            for _ in range(args.repeat):
                for name, paths in pages.items():
                    # The floor alone at the same concurrency, then the page mixed half and half with it, back to
                    # back, so that both meet the same moment of a shared machine.
                    alone = load(port, {"floor": floor}, clients=args.clients, requests=args.requests // 2)["floor"]
                    with CpuMeter(server) as meter:
                        mixed = load(
                            port, {"floor": floor, "page": paths}, clients=args.clients, requests=args.requests
                        )
                    runs[(name, workers)].append({**mixed, "alone": alone, "cores": meter.cores})
                    for result in (alone, mixed["page"], mixed["floor"]):
                        errors += result["errors"]
                        first_errors += result["first_errors"]
        finally:
            server.terminate()
            server.wait(timeout=60)
    _report(args, pages, runs, worker_counts, errors, first_errors, load_average)
    return 1 if errors else 0


def _report(args, pages, runs, worker_counts, errors, first_errors, load_average) -> None:
    import runpy

    threads = args.threads or runpy.run_path(str(ROOT / "sendboard/config/gunicorn.py"))["threads"]
    print(
        f"gunicorn {'sync' if threads == 1 else 'gthread'} workers ({threads} thread(s) each) on {HOST}, PostgreSQL, "
        f"production settings; {args.clients} concurrent clients; each page measured {args.repeat} time(s), "
        f"{args.requests} requests each time, half to it and half to the static floor in random order, right after "
        f"the floor alone at the same concurrency. Medians, with the spread (lowest–highest) in brackets. "
        f"Load average before the run: {load_average[0]:.1f}. Load generator pinned to: "
        f"{args.loadgen_cpus or 'not pinned'}."
    )
    print()
    print("| page | workers | req/s (page) | p95 ms | static alone p95 ms | p95 / static alone | p95 / static in mix |")
    print("|---|---|---|---|---|---|---|")
    ratios_met = True
    summary = []
    for (name, workers), measured in runs.items():
        ratio_alone = [m["page"]["p95_ms"] / m["alone"]["p95_ms"] for m in measured]
        ratio_mix = [m["page"]["p95_ms"] / m["floor"]["p95_ms"] for m in measured]
        ratios_met = ratios_met and statistics.median(ratio_alone) <= 10
        print(
            f"| {name} | {workers} | {_spread([m['page']['throughput_per_s'] for m in measured])} | "
            f"{_spread([m['page']['p95_ms'] for m in measured], '{:,.0f}')} | "
            f"{_spread([m['alone']['p95_ms'] for m in measured], '{:,.0f}')} | {_spread(ratio_alone)} | "
            f"{_spread(ratio_mix, '{:.2f}')} |"
        )
        summary.append(
            {
                "page": name,
                "workers": workers,
                "p95_ms": [round(m["page"]["p95_ms"], 1) for m in measured],
                "ratio_alone": [round(r, 2) for r in ratio_alone],
                "throughput": [round(m["page"]["throughput_per_s"], 1) for m in measured],
            }
        )
    print()
    print(f"Errors: {errors} in all (every request to pages and floor, every measurement).")
    if first_errors:
        print(f"   first errors: {first_errors[:5]}")
    scaling_met = True
    if len(worker_counts) >= 2:
        low, high = worker_counts[0], worker_counts[-1]
        print()
        print(
            f"| page | req/s, {low} worker(s) | req/s, {high} workers | x | CPU cores used by gunicorn ({low} -> "
            f"{high}) |"
        )
        print("|---|---|---|---|---|")
        for name in pages:
            before = [sum(k["throughput_per_s"] for k in (m["page"], m["floor"])) for m in runs[(name, low)]]
            after = [sum(k["throughput_per_s"] for k in (m["page"], m["floor"])) for m in runs[(name, high)]]
            factor = statistics.median(after) / statistics.median(before)
            scaling_met = scaling_met and factor >= 2 * 0.95
            cores_low = statistics.median(m["cores"]["gunicorn"] for m in runs[(name, low)])
            cores_high = statistics.median(m["cores"]["gunicorn"] for m in runs[(name, high)])
            print(
                f"| {name} | {_spread(before)} | {_spread(after)} | {factor:.2f} | {cores_low:.2f} -> "
                f"{cores_high:.2f} |"
            )
    print()
    print("CPU while the pages were loaded, in cores (of 2), median over every measurement:")
    for workers in worker_counts:
        measured = [m for (name, w), ms in runs.items() if w == workers for m in ms]
        shares = {what: statistics.median(m["cores"][what] for m in measured) for what in measured[0]["cores"]}
        print(
            f"   {workers} worker(s): load generator {shares['load generator']:.2f}, gunicorn "
            f"{shares['gunicorn']:.2f}, "
            f"whole machine {shares['machine']:.2f} (PostgreSQL and other work: "
            f"{max(0.0, shares['machine'] - shares['gunicorn'] - shares['load generator']):.2f})"
        )
    print()
    print(
        json.dumps(
            {
                "errors": errors,
                "p95_within_10x_static_alone": ratios_met,
                "throughput_doubles": scaling_met,
                "rows": summary,
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
