"""Where a worker's time goes: milliseconds an article for each per-article stage.

    .venv/bin/python benchmarks/stages.py [--articles 400]

One process, models loaded before the clock starts. Two corpora: generated 600-word articles
(`generate.py --long`, seed 7) and, when ../shared is present, the bodies of the 181 real news
pages of the article-extraction gold set. Each is run with the sentence cache (the default: a
sentence seen before is not parsed again) and without it, since the generated text repeats
its sentences far more than real news does. Results go to benchmarks/results/stages.json.
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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventwire.coding.coder import code_article
from eventwire.coding.quotes import extract_quotes
from eventwire.extract.article import extract
from eventwire.ingest.sources import read_inputs
from eventwire.kb import load_kb
from eventwire.pipeline import BATCH_SIZE, ActorStages
from eventwire.records import Article, Document

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "stages.json"
REAL = ROOT.parent / "shared" / "eval" / "article-extraction" / "ground-truth.json"


def generated(size: int, folder: Path) -> list[Document]:
    path = folder / "generated.jsonl"
    script = ROOT / "benchmarks" / "generate.py"
    command = [sys.executable, str(script), str(path), "--articles", str(size), "--long"]
    subprocess.run(command, check=True)
    return [d for d in read_inputs([str(path)]) if isinstance(d, Document)]


def real(folder: Path) -> list[Document]:
    bodies = [v.get("articleBody") or "" for v in json.loads(REAL.read_text()).values()]
    path = folder / "real.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number, body in enumerate(b for b in bodies if b.strip()):
            record = {"url": f"https://real.example/{number}", "text": body}
            handle.write(json.dumps(record) + "\n")
    return [d for d in read_inputs([str(path)]) if isinstance(d, Document)]


class Clock:
    """Seconds spent per stage name: `with clock("annotate"): ...`."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.spent[name] = self.spent.get(name, 0.0) + time.perf_counter() - started


def measure(documents: list[Document], cache: int) -> dict[str, float | int]:
    stages = ActorStages(load_kb(), sentence_cache=cache)
    clock = Clock()
    articles: list[Article] = []
    for document in documents:
        with clock("clean"):
            cleaned = extract(document, {})
        if isinstance(cleaned, Article):
            articles.append(cleaned)
    words = sum(len(a.text.split()) for a in articles)
    for start in range(0, len(articles), BATCH_SIZE):
        batch = articles[start : start + BATCH_SIZE]
        with clock("annotate"):
            annotations = stages.annotator.annotate(
                [(a.article_id, a.text) for a in batch], should_parse=stages.selects
            )
        for article, annotation in zip(batch, annotations, strict=True):
            with clock("resolve"):
                mentions = stages.resolver.resolve(article, annotation).mentions
            with clock("code"):
                code_article(article, annotation, mentions, stages.book)
            with clock("quotes"):
                extract_quotes(article, annotation, mentions)
    total = sum(clock.spent.values())
    return {
        "articles": len(articles),
        "words_per_article": round(words / len(articles)),
        "sentence_cache": cache,
        "cache_hits": stages.annotator.cache_hits,
        **{
            f"{name}_ms": round(1000 * value / len(articles), 1)
            for name, value in clock.spent.items()
        },
        "total_ms": round(1000 * total / len(articles), 1),
        "articles_per_second_one_core": round(len(articles) / total, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()
    from eventwire.nlp.annotate import CACHE_SIZE

    runs = []
    with tempfile.TemporaryDirectory() as temp:
        corpora = {"generated": generated(args.articles, Path(temp))}
        if REAL.exists():
            corpora["real"] = real(Path(temp))
        for name, documents in corpora.items():
            for cache in (CACHE_SIZE, 0):
                result = {"corpus": name, **measure(documents, cache)}
                print(json.dumps(result))
                runs.append(result)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version()}
    RESULTS.write_text(json.dumps({"machine": machine, "runs": runs}, indent=2) + "\n")


if __name__ == "__main__":
    main()
