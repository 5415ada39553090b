"""Benchmark: Local Offer search and the Open Referral UK /services endpoint with 20,000 services, under
concurrent load on loopback against PostgreSQL, as a ratio to a static response through the same stack.

    python bench/bench_localoffer_search.py [--services 20000] [--clients 8] [--requests 400]

A fresh PostgreSQL database (``bench_localoffer``) is migrated and filled with generated services (published
versions with needs, categories, opening times and locations). The application is served by a threaded WSGI
server in a child process on 127.0.0.1. For each endpoint, ``--clients`` threads send 2 x ``--requests``
requests (bounded loops: every run stops by itself), each request picking at random between the endpoint and
the floor, a static JSON response served by the same server, middleware and access layer; so both meet the
same load. The issue's goal: p95 under 10x the floor's p95, with no errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

from loadgen import Tally, clients_run  # bench/, beside this script

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = "bench_localoffer"
WORDS = [
    "speech",
    "therapy",
    "autism",
    "short",
    "breaks",
    "swimming",
    "advice",
    "college",
    "nursery",
    "sensory",
    "music",
    "football",
    "play",
    "parent",
    "support",
    "travel",
    "health",
    "nursing",
    "mental",
    "holiday",
]
TOWNS = [
    ("WR1", 52.196, -2.221),
    ("WR5", 52.187, -2.188),
    ("WR14", 52.112, -2.325),
    ("DY10", 52.388, -2.249),
    ("B97", 52.306, -1.945),
    ("B61", 52.335, -2.061),
    ("WR11", 52.092, -1.947),
    ("WR9", 52.267, -2.150),
]


def _database_url() -> str:
    return POSTGRES.rsplit("/", 1)[0] + "/" + DATABASE


def _django() -> None:
    os.environ.update(
        {
            "DATABASE_URL": _database_url(),
            "SENDBOARD_DEBUG": "true",
            "SENDBOARD_OTP_REQUIRED": "false",
            "DJANGO_SETTINGS_MODULE": "sendboard.config.settings",
            "SENDBOARD_LOG_LEVEL": "ERROR",
            "SENDBOARD_DB_CONN_MAX_AGE": "60",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def fill(count: int) -> None:
    """Generated, published services: bulk inserts straight into the tables the application reads."""
    from datetime import date
    from datetime import time as clock

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from sendboard.localoffer.models import (
        DirectoryOrganisation,
        Location,
        Schedule,
        Service,
        ServiceLocation,
        ServiceVersion,
        TaxonomyTerm,
    )

    rng = random.Random(2026)
    needs = list(TaxonomyTerm.objects.filter(taxonomy__code="sen2-primary-need"))
    categories = list(TaxonomyTerm.objects.filter(taxonomy__code="local-offer-category"))
    now = timezone.now()
    with transaction.atomic():
        organisations = DirectoryOrganisation.objects.bulk_create(
            [
                DirectoryOrganisation(name=f"Provider {n}", description="Generated for the benchmark.")
                for n in range(200)
            ]
        )
        locations = Location.objects.bulk_create(
            [
                Location(
                    name=f"Centre {n}",
                    address_1=f"{n} High Street",
                    city="Worcester",
                    postcode=f"{d} {n % 9}AB",
                    postcode_district=d,
                    latitude=lat + rng.uniform(-0.02, 0.02),
                    longitude=lon + rng.uniform(-0.02, 0.02),
                )
                for n in range(400)
                for d, lat, lon in [TOWNS[n % len(TOWNS)]]
            ]
        )
        for start in range(0, count, 2000):
            batch = range(start, min(start + 2000, count))
            services = Service.objects.bulk_create(
                [
                    Service(id=uuid.uuid4(), organisation=rng.choice(organisations), review_by=date(2027, 6, 30))
                    for _ in batch
                ]
            )
            versions = []
            for service in services:
                words = rng.sample(WORDS, 4)
                low = rng.randint(0, 16)
                name = f"{words[0].capitalize()} {words[1]} service"
                description = f"A service about {' and '.join(words)} for children and young people with SEND."
                versions.append(
                    ServiceVersion(
                        service=service,
                        number=1,
                        status="approved",
                        is_published=True,
                        submitted_at=now,
                        decided_at=now,
                        name=name,
                        description=description,
                        minimum_age=low,
                        maximum_age=min(25, low + rng.randint(2, 10)),
                        is_free=rng.random() < 0.7,
                        send_support="Adapted for every child.",
                        how_to_access="Self-referral.",
                        accessibility=rng.sample(["step_free", "hearing_loop", "quiet_space", "accessible_toilet"], 2),
                        search_document=f"{name} {description}".lower(),
                    )
                )
            versions = ServiceVersion.objects.bulk_create(versions)
            ServiceVersion.needs.through.objects.bulk_create(
                [
                    ServiceVersion.needs.through(serviceversion=v, taxonomyterm=t)
                    for v in versions
                    for t in rng.sample(needs, 2)
                ]
            )
            ServiceVersion.categories.through.objects.bulk_create(
                [
                    ServiceVersion.categories.through(serviceversion=v, taxonomyterm=rng.choice(categories))
                    for v in versions
                ]
            )
            Schedule.objects.bulk_create(
                [
                    Schedule(
                        version=v,
                        byday=day,
                        opens_at=clock(rng.randint(8, 12)),
                        closes_at=clock(rng.randint(13, 19)),
                        position=i,
                    )
                    for v in versions
                    for i, day in enumerate(rng.sample(["MO", "TU", "WE", "TH", "FR", "SA"], 2))
                ]
            )
            ServiceLocation.objects.bulk_create(
                [
                    ServiceLocation(version=v, location=loc, oruk_id=uuid.uuid5(v.service_id, str(loc.id)))
                    for v in versions
                    for loc in [rng.choice(locations)]
                ]
            )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def serve(port: int) -> None:
    """The application (and the static floor) on 127.0.0.1, one thread per request."""
    _django()
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.http import JsonResponse
    from django.urls import include, path

    from sendboard.accounts.access import public

    static_body = {
        "total_items": 20000,
        "total_pages": 400,
        "page_number": 1,
        "size": 50,
        "first_page": True,
        "last_page": False,
        "empty": False,
        "contents": [{"id": str(uuid.UUID(int=n)), "name": "Static"} for n in range(50)],
    }

    @public
    def static(request):
        return JsonResponse(static_body)

    class Urls:
        urlpatterns = [path("bench/static", static), path("", include("sendboard.config.urls"))]

    sys.modules["bench_localoffer_urls"] = Urls  # type: ignore[assignment]
    settings.ROOT_URLCONF = "bench_localoffer_urls"

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True
        request_queue_size = 256

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args) -> None:
            pass

    httpd = make_server("127.0.0.1", port, get_wsgi_application(), server_class=Server, handler_class=QuietHandler)
    print("ready", flush=True)
    httpd.serve_forever()


def load(port: int, mix: dict[str, list[str]], *, clients: int, requests: int) -> dict[str, dict]:
    """``requests`` GETs in all, spread over ``clients`` threads, each picking one of the kinds in ``mix`` at
    random for every request. Measuring the endpoint and the floor in the same mix means both meet the same
    load, from this benchmark and from anything else on the machine. Latency and errors by kind."""
    tally = Tally(mix)
    per_client = requests // clients
    kinds = list(mix)

    def client(index: int) -> None:
        rng = random.Random(index)
        mine: list[tuple[str, float, str]] = []
        for _ in range(per_client):
            kind = rng.choice(kinds)
            target = rng.choice(mix[kind])
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            failure = ""
            start = time.perf_counter()
            try:
                connection.request("GET", target, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failure = f"{response.status} {target}"
            except OSError as error:
                failure = f"{error} {target}"
            finally:
                connection.close()
            mine.append((kind, time.perf_counter() - start, failure))
        tally.add(mine)

    return tally.results(clients_run(clients, client))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=20000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--fill", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return 0
    if args.fill:
        _django()
        fill(args.services)
        return 0

    fresh_database()
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--fill", "--services", str(args.services)], check=True, cwd=ROOT)
    print(f"{args.services} services generated in {time.perf_counter() - started:.1f} s (PostgreSQL)")
    port = 18000 + os.getpid() % 1000
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(port)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        if server.stdout.readline().strip() != "ready":
            raise SystemExit("The server did not start")
        rng = random.Random(7)
        needs = ["ASD", "SLCN", "SEMH", "PD", "MLD"]
        floor = ["/bench/static"]
        endpoints = {
            "search page (keyword, need, age)": [
                f"/local-offer/services/?q={rng.choice(WORDS)}&need={rng.choice(needs)}&age={rng.randint(0, 20)}"
                for _ in range(50)
            ],
            "search page (place within 5 miles, free)": [
                f"/local-offer/services/?place={rng.choice(TOWNS)[0]}&distance=5&free=on&page={rng.randint(1, 5)}"
                for _ in range(50)
            ],
            "ORUK /services (search, page)": [
                f"/api/openreferral/services?search={rng.choice(WORDS)}&page={rng.randint(1, 5)}" for _ in range(50)
            ],
            "ORUK /services (ages, day, page)": [
                f"/api/openreferral/services?minimum_age={a}&maximum_age={a + 2}&day=MO&page={rng.randint(1, 20)}"
                for a in [rng.randint(0, 18) for _ in range(50)]
            ],
        }
        for paths in endpoints.values():  # warm-up: connections, caches, query plans
            load(port, {"floor": floor, "work": paths}, clients=2, requests=20)
        results = {
            name: load(port, {"floor": floor, "work": paths}, clients=args.clients, requests=2 * args.requests)
            for name, paths in endpoints.items()
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"{args.clients} concurrent clients; for each endpoint {2 * args.requests} requests, half to it and half to "
        f"the static floor, in random order; loopback, PostgreSQL, {args.services} services"
    )
    print(
        f"{'endpoint':<44} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'floor p95':>10} {'p95/floor':>10} {'errors':>7}"
    )
    failed, met = False, True
    for name, r in results.items():
        work, base = r["work"], r["floor"]
        ratio = work["p95_ms"] / base["p95_ms"]
        met = met and ratio < 10
        print(
            f"{name:<44} {work['throughput_per_s']:>8.1f} {work['p50_ms']:>8.1f} {work['p95_ms']:>8.1f} "
            f"{base['p95_ms']:>10.1f} {ratio:>10.2f} {work['errors'] + base['errors']:>7}"
        )
        if work["errors"] or base["errors"]:
            print(f"   errors: {work['first_errors'] + base['first_errors']}")
            failed = True
    print(json.dumps({"goal": "p95 under 10x the static floor, no errors", "met": met and not failed}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
