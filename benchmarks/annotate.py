"""Annotation throughput: sentences per second through spaCy and actor resolution.

    .venv/bin/python benchmarks/annotate.py [--articles 400] [--processes 1 2]

The corpus is the demo articles (and the real seed articles in ../shared, when present), cleaned
by eventwire, repeated until it has the requested number of articles. Each process loads the
knowledge base and spaCy once (not timed), then annotates and resolves its share in batches.
Results are written to benchmarks/results/annotate.json; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from eventwire.extract.article import extract
from eventwire.ingest.sources import read_inputs
from eventwire.kb import load_kb
from eventwire.pipeline import BATCH_SIZE, ActorStages
from eventwire.records import Article, Document

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "annotate.json"
SOURCES = [ROOT / "eventwire" / "data" / "demo", ROOT.parent / "shared" / "corpus" / "seeds"]


def corpus(size: int) -> list[Article]:
    names = [str(path) for path in SOURCES if path.exists()]
    cleaned = [
        result
        for item in read_inputs(names)
        if isinstance(item, Document) and isinstance(result := extract(item, {}), Article)
    ]
    return [cleaned[number % len(cleaned)] for number in range(size)]


def _work(articles: list[Article]) -> tuple[int, int, float]:
    # Loaded before the clock starts. No sentence cache: the corpus repeats its articles, and
    # this measures parsing them.
    stages = ActorStages(load_kb(), sentence_cache=0)
    stages.resolve(articles[:2])
    started = time.perf_counter()
    sentences = mentions = 0
    for start in range(0, len(articles), BATCH_SIZE):
        batch = articles[start : start + BATCH_SIZE]
        annotations = stages.annotator.annotate([(a.article_id, a.text) for a in batch])
        for article, annotation in zip(batch, annotations, strict=True):
            sentences += len(annotation.sentences)
            mentions += len(stages.resolver.resolve(article, annotation).mentions)
    return sentences, mentions, time.perf_counter() - started


def run(articles: list[Article], processes: int) -> dict[str, float | int]:
    shares = [articles[number::processes] for number in range(processes)]
    if processes == 1:
        results = [_work(shares[0])]
    else:
        with ProcessPoolExecutor(processes) as pool:
            results = list(pool.map(_work, shares))
    sentences = sum(r[0] for r in results)
    seconds = max(r[2] for r in results)
    words = sum(len(a.text.split()) for a in articles)
    return {
        "processes": processes,
        "articles": len(articles),
        "sentences": sentences,
        "words": words,
        "mentions": sum(r[1] for r in results),
        "seconds": round(seconds, 2),
        "sentences_per_second": round(sentences / seconds, 1),
        "words_per_second": round(words / seconds),
        "articles_per_second": round(len(articles) / seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    articles = corpus(args.articles)
    runs = [run(articles, processes) for processes in args.processes]
    for result in runs:
        print(json.dumps(result))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version()}
    RESULTS.write_text(json.dumps({"machine": machine, "runs": runs}, indent=2) + "\n")


if __name__ == "__main__":
    main()
