"""HTTP API latency under load: p50/p95 of `/api/events` filters on a large store.

    .venv/bin/python benchmarks/api.py [--events 1000000] [--clients 100] [--requests 3000]

Builds a synthetic SQLite store (benchmarks/merging.py's generator: eight events an article,
60 actors, 200 articles a day), starts `eventwire serve` on loopback in its own process, and
sends a bounded number of requests from `--clients` concurrent clients (threads in this
process), cycling through filter kinds; each client follows `next_cursor` for its second page.
Latency is measured at the client. Both run on the same 2-core machine, so the figures include
the load generator's share of the CPU. Results go to
benchmarks/results/api-<clients>-clients.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"  # api-<clients>-clients.json
FILTERS: dict[str, dict[str, str]] = {
    "none": {},
    "actor": {"actor": "C07"},
    "pair": {"pair": "C01,C02"},
    "type": {"type": "SANCTION"},
    "dates": {"from": "2021-03-01", "to": "2021-03-31"},
    "actor+type+dates": {
        "actor": "C11",
        "type": "CONSULT",
        "from": "2020-06-01",
        "to": "2020-12-31",
    },
    "text": {"q": "ceasefire prisoners"},
    "outlet": {"outlet": "Outlet 5"},
}


def merging_module() -> Any:
    spec = importlib.util.spec_from_file_location("merging", ROOT / "benchmarks" / "merging.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = json.loads(response.read())
    return time.perf_counter() - started, body


def client(base: str, kind: str) -> list[tuple[str, float]]:
    query = urllib.parse.urlencode({**FILTERS[kind], "limit": 50})
    first, body = get(f"{base}/api/events?{query}")
    timings = [(kind, first)]
    if body["next_cursor"]:
        cursor = urllib.parse.urlencode({"cursor": body["next_cursor"]})
        timings.append((kind + " (page 2)", get(f"{base}/api/events?{query}&{cursor}")[0]))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--requests", type=int, default=3000)
    args = parser.parse_args()
    merging = merging_module()
    with tempfile.TemporaryDirectory() as temp:
        db = Path(temp) / "api.db"
        started = time.perf_counter()
        merging.synthetic_store(db, args.events // merging.EVENTS_PER_ARTICLE, random.Random(3))
        built = time.perf_counter() - started
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    get(f"{base}/api/events?limit=1")
                    break
                except OSError:
                    assert time.monotonic() < deadline, "the server did not start"
                    time.sleep(0.2)
            kinds = [list(FILTERS)[i % len(FILTERS)] for i in range(args.requests // 2)]
            started = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                results = [t for batch in pool.map(lambda k: client(base, k), kinds) for t in batch]
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, seconds in results:
        by_kind[kind].append(seconds)
    everything = [seconds for _, seconds in results]
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "events": args.events,
        "clients": args.clients,
        "requests": len(results),
        "store_build_seconds": round(built, 1),
        "requests_per_second": round(len(results) / elapsed, 1),
        "overall_ms": _percentiles(everything),
        "by_filter_ms": {kind: _percentiles(values) for kind, values in sorted(by_kind.items())},
    }
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"api-{args.clients}-clients.json"
    target.write_text(json.dumps(report, indent=2) + "\n")


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    cut = statistics.quantiles(ordered, n=20) if len(ordered) > 1 else [ordered[0]] * 19
    return {
        "p50": round(statistics.median(ordered) * 1000, 1),
        "p95": round(cut[18] * 1000, 1),
        "n": len(ordered),
    }


if __name__ == "__main__":
    main()
