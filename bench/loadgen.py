"""What the load benchmarks share (bench_localoffer_search, bench_production_load): their clients run in threads,
each measuring its own requests, and the tally of every kind's latency and errors becomes p50, p95 and throughput.
How a client makes its requests (a new connection each time, or keep-alive with a session) stays with each
benchmark."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Iterable


class Tally:
    """Latencies and errors by kind of request, added to by many client threads."""

    def __init__(self, kinds: Iterable[str]) -> None:
        self.latencies: dict[str, list[float]] = {kind: [] for kind in kinds}
        self.errors: dict[str, list[str]] = {kind: [] for kind in self.latencies}
        self._lock = threading.Lock()

    def add(self, measured: Iterable[tuple[str, float, str]]) -> None:
        """One client's (kind, seconds, failure) measurements; an empty failure is a success."""
        with self._lock:
            for kind, seconds, failure in measured:
                self.latencies[kind].append(seconds)
                if failure:
                    self.errors[kind].append(failure)

    def results(self, elapsed: float) -> dict[str, dict]:
        results = {}
        for kind, values in self.latencies.items():
            values = sorted(values)
            results[kind] = {
                "requests": len(values),
                "errors": len(self.errors[kind]),
                "first_errors": self.errors[kind][:3],
                "throughput_per_s": len(values) / elapsed,
                "p50_ms": statistics.median(values) * 1000,
                "p95_ms": values[int(0.95 * (len(values) - 1))] * 1000,
            }
        return results


def clients_run(clients: int, client: Callable[[int], None]) -> float:
    """``client(index)`` in ``clients`` threads at once; the seconds from the first start to the last finish."""
    threads = [threading.Thread(target=client, args=(index,)) for index in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began
