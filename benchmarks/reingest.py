"""Re-ingesting what is stored: the cost of a second run over the same corpus.

    .venv/bin/python benchmarks/reingest.py [--articles 1000]

Generates the corpus with benchmarks/generate.py (seed 7), runs `eventwire ingest` on it into
a fresh SQLite store, then runs the same command again. Both runs are whole processes (start-up
and imports included). The second must cost under 5 % of the first: it reads and hashes every
input, finds all of them stored, loads no model and has nothing to merge. Results go to
benchmarks/results/reingest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "reingest.json"


def timed(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, finished.stdout.strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        corpus, db = Path(temp) / "generated.jsonl", Path(temp) / "store.db"
        generate = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(corpus)]
        subprocess.run([*generate, "--articles", str(args.articles)], check=True)
        ingest = [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(db)]
        first, first_summary = timed(ingest)
        second, second_summary = timed(ingest)
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "articles": args.articles,
        "first_seconds": round(first, 1),
        "second_seconds": round(second, 2),
        "second_share": round(second / first, 4),
        "first_summary": first_summary,
        "second_summary": second_summary,
    }
    print(json.dumps(result, indent=2))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
