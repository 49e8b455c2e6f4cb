"""End-to-end throughput and peak memory: generated articles through `eventwire ingest`.

    .venv/bin/python benchmarks/pipeline.py [--articles 2000] [--workers 1 2]

Generates the corpus with benchmarks/generate.py (fixed seed), then for each worker count
ingests it into a fresh SQLite store: read, clean, annotate, resolve actors, code events, store.
Model loading is included (it is part of a run). Peak memory is the largest resident set of the
main process and of any worker. Results go to benchmarks/results/pipeline.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "pipeline.json"


def run(
    corpus: Path, workers: int, folder: Path, fast: bool, engine: str = "local"
) -> dict[str, object]:
    db = folder / f"bench-{workers}-{fast}-{engine}.db"
    command = [
        sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(db),
        "--workers", str(workers), "--engine", engine, *(["--fast"] if fast else []),
    ]  # fmt: skip
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, text=True)
        samples = _sample_memory(process, started)
        if process.returncode != 0:
            raise RuntimeError(f"ingest failed with exit status {process.returncode}")
        out.seek(0)
        stdout = out.read()
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = next(line for line in stdout.splitlines() if " new (" in line)
    articles = int(summary.split()[0])
    return {
        "workers": workers,
        "fast": fast,
        "engine": engine,
        "articles": articles,
        "seconds": round(seconds, 1),
        "articles_per_second": round(articles / seconds, 2),
        # ru_maxrss is in KiB on Linux: the largest of the processes waited for so far.
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "summary": summary,
        # Resident memory while it ran: seconds since start, the main process and the largest
        # worker, in MB (one sample every SAMPLE_SECONDS).
        "memory_mb": samples,
    }


SAMPLE_SECONDS = 10


def _rss_mb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1]) // 1024


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in found]


def _sample_memory(process: subprocess.Popen[str], started: float) -> list[list[int]]:
    """Sample the ingest's memory until it ends (Linux /proc; empty elsewhere)."""
    samples: list[list[int]] = []
    while process.poll() is None:
        workers = [_rss_mb(child) for child in _children(process.pid)]
        samples.append(
            [round(time.perf_counter() - started), _rss_mb(process.pid), max(workers, default=0)]
        )
        try:
            process.wait(timeout=SAMPLE_SECONDS)
        except subprocess.TimeoutExpired:
            continue
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--long", action="store_true", help="about 600 words an article")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--modes", nargs="+", choices=["full", "fast"], default=["full", "fast"])
    parser.add_argument("--engines", nargs="+", choices=["local", "ray"], default=["local"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        corpus = folder / "generated.jsonl"
        generate = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(corpus)]
        length = ["--long"] if args.long else []
        subprocess.run([*generate, "--articles", str(args.articles), *length], check=True)
        texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
        words = round(sum(len(t.split()) for t in texts) / len(texts))
        runs = [
            {**run(corpus, workers, folder, mode == "fast", engine), "words": words}
            for engine in args.engines
            for mode in args.modes
            for workers in args.workers
        ]
    for result in runs:
        print(json.dumps(result))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version()}
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"runs": []}

    def key(r: dict[str, object]) -> tuple[object, ...]:
        return (
            r["workers"], r.get("fast", False), r.get("engine", "local"), r["articles"],
            r.get("words", 420),
        )  # fmt: skip

    measured = {key(r) for r in runs}
    kept = [r for r in previous["runs"] if key(r) not in measured]
    RESULTS.write_text(json.dumps({"machine": machine, "runs": kept + runs}, indent=2) + "\n")


if __name__ == "__main__":
    main()
