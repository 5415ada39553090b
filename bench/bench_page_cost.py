"""Benchmark: what one request to each loaded page costs inside the application, as a ratio to the static floor
measured in the same run (issue 17 item 6, the in-process half of bench_production_load.py).

    python bench/bench_page_cost.py [--requests 40] [--pages dashboard,queue] [--profile queue]

It uses bench_production_load.py's database (``BENCH_DATABASE``, default ``bench_production``: run
``make bench-load`` once to build it), its production settings, its signed-in sessions and its pages, and sends
each request through the whole middleware stack with Django's test client in this one process, one request at a
time: no server, no queue, no other client. For each page it reports the median CPU time of the request (this
thread's), its median wall time, the SQL queries it made, and both times as ratios to the static floor's. Under
load with one worker process the throughput of the whole stack is bounded by the CPU time of a request, so the
CPU ratio is what bench_production_load.py's p95 ratio tends to when the worker's core is the bottleneck.
``--profile PAGE`` prints cProfile's top functions for that page.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_production_load as load  # noqa: E402  (bench/, beside this script)

SHORT = {
    "search": "Local Offer search (keyword, need, age)",
    "oruk": "ORUK /services feed (search, page)",
    "dashboard": "Outcomes dashboard",
    "queue": "Caseworker's queue",
    "child": "A child's page",
}


def measure(client, targets: list[tuple[str, str]], requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cpu, wall = [], []
    for index in range(requests):
        path, session = targets[index % len(targets)]
        client.cookies.clear()
        if session:
            client.cookies["sessionid"] = session
        began_cpu, began = time.thread_time(), time.perf_counter()
        response = client.get(path)
        wall.append(time.perf_counter() - began)
        cpu.append(time.thread_time() - began_cpu)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")
    path, session = targets[0]
    client.cookies.clear()
    if session:
        client.cookies["sessionid"] = session
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return {"cpu_ms": statistics.median(cpu) * 1000, "wall_ms": statistics.median(wall) * 1000, "queries": len(queries)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="requests to each page (after 5 to warm up)")
    parser.add_argument("--pages", default=",".join(SHORT), help="which pages: " + ", ".join(SHORT))
    parser.add_argument("--profile", default="", help="print cProfile's top functions for this page")
    args = parser.parse_args()

    sessions = load.targets()  # sets Django up with the benchmark's production settings
    from django.conf import settings
    from django.test import Client
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = "load_urls"  # the static floor beside sendboard's URLs, as the load benchmark's server
    clear_url_caches()

    client = Client(HTTP_HOST=load.HOST)
    pages = load.endpoints(sessions)
    floor = [("/bench/static", "")]
    chosen = [SHORT[name] for name in args.pages.split(",") if name]
    for targets in [floor] + [pages[name] for name in chosen]:
        measure(client, targets, 5)
    static = measure(client, floor, args.requests)
    print(f"In-process cost of one request, median of {args.requests}, on {load.DATABASE} (PostgreSQL):")
    print()
    print("| page | CPU ms | wall ms | queries | CPU / static | wall / static |")
    print("|---|---|---|---|---|---|")
    print(f"| static floor | {static['cpu_ms']:.1f} | {static['wall_ms']:.1f} | {static['queries']} | 1.0 | 1.0 |")
    for name in chosen:
        cost = measure(client, pages[name], args.requests)
        print(
            f"| {name} | {cost['cpu_ms']:.1f} | {cost['wall_ms']:.1f} | {cost['queries']} | "
            f"{cost['cpu_ms'] / static['cpu_ms']:.1f} | {cost['wall_ms'] / static['wall_ms']:.1f} |"
        )
    if args.profile:
        targets = pages[SHORT[args.profile]]
        profiler = cProfile.Profile()
        profiler.enable()
        measure(client, targets, args.requests)
        profiler.disable()
        print()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    return 0


if __name__ == "__main__":
    sys.exit(main())
