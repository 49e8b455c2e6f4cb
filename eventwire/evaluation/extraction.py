"""Article-body extraction scored like the article-extraction benchmark's own metric.

Tokens are `\\w+` runs; a page's text becomes a multiset of 4-token shingles. Per page, true and
false positives and negatives are divided by their sum so every page weighs the same; precision
and recall are means over pages, and F1 combines the two means.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from eventwire.extract.article import extract
from eventwire.ingest.readers import make_document
from eventwire.records import Article, Hints, InputKind

SHINGLE = 4
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str], str]


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """Score (predicted, true) text pairs."""
    precisions: list[float] = []
    recalls: list[float] = []
    for predicted, true in pairs:
        pred, gold = shingles(predicted), shingles(true)
        tp = sum((pred & gold).values())
        fp = sum((pred - gold).values())
        fn = sum((gold - pred).values())
        total = tp + fp + fn
        if total == 0:
            continue
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    return Score(_mean(precisions), _mean(recalls))


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def load_benchmark(folder: Path) -> list[tuple[str, str, str]]:
    """(html, url, true body) for every page of the benchmark."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, item in sorted(truth.items()):
        with gzip.open(folder / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as handle:
            pages.append((handle.read(), str(item["url"]), str(item["articleBody"])))
    return pages


def eventwire_body(html: str, url: str) -> str:
    document = make_document(url, InputKind.HTML, html, Hints(url=url))
    result = extract(document)
    return result.text if isinstance(result, Article) else ""


def trafilatura_body(favor_precision: bool = False, favor_recall: bool = False) -> Extractor:
    def run(html: str, url: str) -> str:
        text = trafilatura.extract(
            html, url=url, favor_precision=favor_precision, favor_recall=favor_recall
        )
        return text or ""

    return run


# The reference: trafilatura on its own, in each of its settings.
TRAFILATURA_SETTINGS: dict[str, Extractor] = {
    "trafilatura (default)": trafilatura_body(),
    "trafilatura (favor_precision)": trafilatura_body(favor_precision=True),
    "trafilatura (favor_recall)": trafilatura_body(favor_recall=True),
}
SYSTEMS: dict[str, Extractor] = {"eventwire": eventwire_body, **TRAFILATURA_SETTINGS}


def evaluate(folder: Path, systems: dict[str, Extractor] = SYSTEMS) -> dict[str, Score]:
    pages = load_benchmark(folder)
    return {
        name: score((run(html, url), true) for html, url, true in pages)
        for name, run in systems.items()
    }
