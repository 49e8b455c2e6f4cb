"""Merging across articles: quality on a labelled corpus, and cost as the corpus grows.

    .venv/bin/python benchmarks/merging.py quality [--worlds 40] [--seeds 5 11 17]
    .venv/bin/python benchmarks/merging.py scale [--sizes 1000 10000 50000]

quality: the labelled corpus of benchmarks/merge_corpus.py (wire originals, rewrites, copies,
independent reports of the same events, unrelated articles on the same actors, follow-ups) is
ingested into a fresh store through the whole pipeline. Each coded event is matched to the
corpus's event sentence it reports (`match_sentence`); over those, event merging is scored
pairwise (see merge_corpus.py), independent sources are compared with the number of distinct
true origins among the articles that report the event, and near-duplicate links with the
copies and rewrites of each original. Seed 5 is the development seed (thresholds were chosen on
it); the others are held out.

scale: synthetic event mentions, with no text analysis, are stored for 1k, 10k and 50k
articles (eight events each, a third of the articles copies of an earlier one, articles
arriving at 200 a day, so that a larger corpus covers a longer time, as a feed does) and merged
with `pipeline.merge`, which also builds stories. Reported: seconds, microseconds per mention
and peak resident memory, each size in a process of its own.

Results go to benchmarks/results/merging.json; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "merging.json"
DEV_SEED = 5


def corpus_module() -> ModuleType:
    location = ROOT / "benchmarks" / "merge_corpus.py"
    spec = importlib.util.spec_from_file_location("merge_corpus", location)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def quality(worlds: int, seed: int, stages: Any = None) -> dict[str, Any]:
    """Ingest the labelled corpus and score merging, independent sources and links."""
    from eventwire.pipeline import ingest
    from eventwire.store.db import Store

    gen = corpus_module()
    articles = gen.corpus(worlds, seed)
    by_doc = {a.doc_id: a for a in articles}
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "corpus.jsonl"
        lines = [json.dumps(gen.to_jsonl_record(a), ensure_ascii=False) for a in articles]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with Store(str(Path(temp) / "merge.db")) as store:
            ingest([str(path)], store, stages=stages)
            stored = list(store.rows("articles"))
            events = list(store.rows("events"))
            canonical = {row["canonical_id"]: row for row in store.rows("canonical")}
    doc_of = {row["article_id"]: row["source"].rsplit("/", 1)[-1] for row in stored}
    predicted: dict[tuple[str, int], str] = {}
    truth: dict[tuple[str, int], str] = {}
    for event in events:
        doc = doc_of[event["article_id"]]
        index = gen.match_sentence(by_doc[doc], event["sentence"])
        if index is None or (doc, index) in predicted:
            continue
        predicted[(doc, index)] = event["canonical_id"]
        truth[(doc, index)] = by_doc[doc].events[index].key
    listed = sum(len(a.events) for a in articles)
    return {
        "worlds": worlds,
        "seed": seed,
        "articles": len(articles),
        "listed_events": listed,
        "coded_and_matched": len(predicted),
        "merging": {k: round(v, 4) for k, v in gen.pairwise_scores(predicted, truth).items()},
        "independent_sources": _independent(articles, predicted, truth, canonical),
        "duplicate_links": _links(articles, stored, doc_of),
    }


def _independent(
    articles: list[Any],
    predicted: dict[tuple[str, int], str],
    truth: dict[tuple[str, int], str],
    canonical: dict[str, dict[str, Any]],
) -> dict[str, float]:
    """For each true event: distinct true origins among its articles against the count of the
    canonical event most of its mentions joined."""
    origin_of = {a.doc_id: a.origin for a in articles}
    origins: dict[str, set[str]] = defaultdict(set)
    joined: dict[str, Counter[str]] = defaultdict(Counter)
    for item, key in truth.items():
        origins[key].add(origin_of[item[0]])
        joined[key][predicted[item]] += 1
    exact, errors = 0, []
    for key, true_origins in origins.items():
        chosen = joined[key].most_common(1)[0][0]
        counted = int(canonical[chosen]["independent_sources"])
        exact += counted == len(true_origins)
        errors.append(abs(counted - len(true_origins)))
    return {
        "events": len(origins),
        "exact": round(exact / len(origins), 4) if origins else 1.0,
        "mean_abs_error": round(sum(errors) / len(errors), 4) if errors else 0.0,
    }


def _links(
    articles: list[Any], stored: list[dict[str, Any]], doc_of: dict[str, str]
) -> dict[str, float]:
    copies = {"rewrite", "copy_headline", "copy_wire_credit"}
    original_of = {a.doc_id: a.doc_id.split("-", 1)[0] + "-original" for a in articles}
    kind = {a.doc_id: a.kind for a in articles}
    id_of = {doc: article_id for article_id, doc in doc_of.items()}
    right = links = 0
    for row in stored:
        if row["duplicate_of"] is None:
            continue
        links += 1
        doc = doc_of[row["article_id"]]
        right += kind[doc] in copies and row["duplicate_of"] == id_of.get(original_of[doc])
    expected = sum(kind[doc] in copies for doc in doc_of.values())
    return {
        "precision": round(right / links, 4) if links else 1.0,
        "recall": round(right / expected, 4) if expected else 1.0,
        "links": links,
        "expected": expected,
    }


# ---------------------------------------------------------------------------------------------
# Scale


ARTICLES_PER_DAY = 200
EVENTS_PER_ARTICLE = 8
COPY_SHARE = 1 / 3
CODES = [f"C{n:02d}" for n in range(60)]
TYPES = ["CONSULT", "AGREE", "ACCUSE", "THREATEN", "REQUEST", "AID", "SANCTION", "ASSAULT"]
WORDS = [
    "talks", "border", "troops", "ceasefire", "sanctions", "aid", "grain", "prisoners",
    "missile", "embassy",
]  # fmt: skip


def synthetic_store(path: Path, size: int, rng: random.Random) -> None:
    """Articles with events but no text analysis; a third copy an earlier article (and so its
    sentences and a near-duplicate link)."""
    from eventwire.records import Article, ArticleId, ArticleLink, Event, EventActor
    from eventwire.store.db import Store

    start = date(2020, 1, 1)
    with Store(str(path)) as store:
        batch: list[tuple[Article, list[Event], ArticleLink]] = []
        sentences: list[list[tuple[str, str, str, str]]] = []
        for number in range(size):
            day = start + timedelta(days=number // ARTICLES_PER_DAY)
            article_id = ArticleId(f"a{number:07d}")
            copied = number > 10 and rng.random() < COPY_SHARE
            source = rng.randrange(max(0, number - 400), number) if copied else None
            if source is not None:
                drafts = sentences[source]
            else:
                drafts = []
                for _ in range(EVENTS_PER_ARTICLE):
                    source_code, target_code = rng.sample(CODES, 2)
                    words = " ".join(rng.sample(WORDS, 5))
                    drafts.append((rng.choice(TYPES), source_code, target_code, words))
            sentences.append(drafts)
            events = [
                Event(
                    event_id=f"{article_id}-{i}", article_id=article_id, event_type=kind,
                    mode=None, source=(EventActor(a, a, "GOV", a),),
                    target=(EventActor(b, b, "GOV", b),), date=day, date_precision="day",
                    location=None, sentence=f"{a} and {b}: {words}.", char_start=i * 100,
                    char_end=i * 100 + 50, trigger="met", reported_by=(), confidence=0.8,
                    cameo_root="04", intensity=1.0, background=False,
                )
                for i, (kind, a, b, words) in enumerate(drafts)
            ]  # fmt: skip
            article = Article(
                article_id, f"https://example.org/{number}", f"synthetic#{number}", None, None,
                f"Outlet {number % 97}", day, "metadata", "en", "synthetic",
            )  # fmt: skip
            root = ArticleId(f"a{source:07d}") if source is not None else None
            batch.append((article, events, ArticleLink(article_id, number, b"\x01", root)))
            if len(batch) == 500 or number == size - 1:
                store.add_articles(
                    [a for a, _, _ in batch],
                    events=[e for _, es, _ in batch for e in es],
                    links=[link for _, _, link in batch],
                )
                batch = []


def scale(size: int, seed: int = 3) -> dict[str, Any]:
    """Merge a synthetic store of `size` articles; run in a process of its own, so that its
    peak resident memory is this size's alone."""
    from eventwire.pipeline import merge
    from eventwire.store.db import Store

    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "scale.db"
        synthetic_store(path, size, random.Random(seed))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with Store(str(path)) as store:
            started = time.perf_counter()
            report = merge(store)
            seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    mentions = report.mentions
    return {
        "articles": size,
        "mentions": mentions,
        "canonical": report.canonical,
        "stories": report.stories,
        "seconds": round(seconds, 2),
        "us_per_mention": round(seconds / mentions * 1e6, 1) if mentions else 0.0,
        # ru_maxrss is in KiB on Linux; building the store peaks lower than merging does.
        "peak_rss_mb": round(peak / 1024),
        "peak_rss_before_merge_mb": round(before / 1024),
    }


def _scale_in_child(size: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "scale-one", str(size)]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(finished.stdout.strip().splitlines()[-1])
    return result


def _save(key: str, value: Any) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["machine"] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "measured": datetime.now(UTC).date().isoformat(),
    }
    results[key] = value
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    measure = sub.add_parser("quality")
    measure.add_argument("--worlds", type=int, default=40)
    measure.add_argument("--seeds", type=int, nargs="+", default=[DEV_SEED, 11, 17])
    grow = sub.add_parser("scale")
    grow.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    one = sub.add_parser("scale-one")
    one.add_argument("size", type=int)
    args = parser.parse_args()
    if args.what == "scale-one":
        print(json.dumps(scale(args.size)))
        return
    if args.what == "quality":
        runs = [quality(args.worlds, seed) for seed in args.seeds]
        for run in runs:
            print(json.dumps(run))
        _save("quality", runs)
    else:
        runs = []
        for size in args.sizes:
            runs.append(_scale_in_child(size))
            print(json.dumps(runs[-1]), flush=True)
        _save("scale", runs)


if __name__ == "__main__":
    main()
