"""The one module that knows the order of the stages:
read → (skip known) → clean → annotate → resolve actors → store.

Inputs stream through in bounded batches, so memory stays flat however large the corpus; each
batch is stored in one transaction. A bad input, or a stage failing on one document, becomes a
reported failure for that input alone and the batch carries on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from eventwire.extract.article import extract
from eventwire.extract.clean import CORPUS_REPEAT_MAX_WORDS
from eventwire.extract.repeats import line_key
from eventwire.ingest.readers import Limits
from eventwire.ingest.sources import read_inputs
from eventwire.kb import KnowledgeBase, load_kb
from eventwire.kb.resolve import Resolution, Resolver
from eventwire.nlp.annotate import Annotator
from eventwire.records import (
    ActorMention,
    Article,
    ConsistencyFlag,
    Document,
    InputFailure,
    InputKind,
    InputSkipped,
)
from eventwire.store.db import Store

# Documents per batch: one transaction each. Large enough to amortise commits, small enough that
# a crash loses little work and memory stays bounded.
BATCH_SIZE = 64
# Distinct short lines remembered for the corpus-repetition signal before rare ones are pruned.
MAX_REMEMBERED_LINES = 200_000

Progress = Callable[[int], object]


class ActorStages:
    """The knowledge base, spaCy and the resolver: loaded once, used for every batch."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.annotator = Annotator(kb.spacy_patterns())
        self.resolver = Resolver(kb)

    def resolve(self, articles: Sequence[Article]) -> list[Resolution]:
        annotations = self.annotator.annotate([(a.article_id, a.text) for a in articles])
        return [
            self.resolver.resolve(article, annotation)
            for article, annotation in zip(articles, annotations, strict=True)
        ]


@cache
def actor_stages(kb_dirs: tuple[str, ...] = ()) -> ActorStages:
    """The stages for a knowledge base (the shipped one plus `kb_dirs`), built once a process."""
    return ActorStages(load_kb([Path(d) for d in kb_dirs]))


@dataclass(slots=True)
class IngestReport:
    new: int = 0
    unchanged: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    skipped: list[InputSkipped] = field(default_factory=list)
    flags: int = 0

    @property
    def failed(self) -> int:
        return len(self.failures)


@dataclass(slots=True)
class CorpusLines:
    """How many documents of this run contain each short line: the site-template signal."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, document: Document) -> None:
        if document.kind is not InputKind.TEXT:
            return  # pages and feed entries lose their template to markup-aware extraction
        keys = {line_key(line) for line in document.payload.splitlines()}
        self.counts.update(k for k in keys if k and len(k.split()) <= CORPUS_REPEAT_MAX_WORDS)
        if len(self.counts) > MAX_REMEMBERED_LINES:
            self.counts = Counter({k: n for k, n in self.counts.items() if n > 1})

    def others(self, document: Document) -> dict[str, int]:
        """Counts as seen from one document: its own lines count once less."""
        keys = {line_key(line) for line in document.payload.splitlines()}
        return {k: self.counts[k] - 1 for k in keys if self.counts.get(k, 0) > 1}


def ingest(
    names: Sequence[str],
    store: Store,
    limits: Limits | None = None,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
    stages: ActorStages | None = None,
) -> IngestReport:
    """Ingest `names` into `store`; `stages` default to those of the shipped knowledge base."""
    report = IngestReport()
    corpus = CorpusLines()
    seen: set[str] = set()
    stages = stages or actor_stages()
    for batch in _batches(read_inputs(names, limits, stdin)):
        _ingest_batch(batch, store, report, corpus, seen, stages)
        if progress is not None:
            progress(len(batch))
    return report


def _batches(items: Iterable[object]) -> Iterator[list[object]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH_SIZE)):
        yield batch


def _ingest_batch(
    batch: list[object],
    store: Store,
    report: IngestReport,
    corpus: CorpusLines,
    seen: set[str],
    stages: ActorStages,
) -> None:
    documents = [item for item in batch if isinstance(item, Document)]
    failures = [item for item in batch if isinstance(item, InputFailure)]
    report.skipped += [item for item in batch if isinstance(item, InputSkipped)]
    known = store.known_ids(doc.content_id for doc in documents) | seen
    fresh: list[Document] = []
    for document in documents:
        if document.content_id in known:
            report.unchanged += 1
        else:
            known.add(document.content_id)
            fresh.append(document)
    seen.update(doc.content_id for doc in fresh)
    for document in fresh:
        corpus.add(document)
    articles: list[Article] = []
    for document in fresh:
        result = _clean(document, corpus)
        if isinstance(result, Article):
            articles.append(result)
        else:
            failures.append(result)
    mentions, flags = _resolve(stages, articles, failures)
    report.new += store.add_articles(articles, mentions, flags)
    report.flags += len(flags)
    store.record_failures(failures)
    report.failures += failures


def _resolve(
    stages: ActorStages, articles: list[Article], failures: list[InputFailure]
) -> tuple[list[ActorMention], list[ConsistencyFlag]]:
    """Annotate and resolve a batch; if that fails, one article at a time, so that only the
    article that breaks it is reported (and still stored, as cleaned text)."""
    try:
        resolutions = stages.resolve(articles)
    except Exception:
        resolutions = []
        for article in articles:
            try:
                resolutions += stages.resolve([article])
            except Exception as err:
                failures.append(
                    InputFailure(
                        article.location, f"annotation failed: {type(err).__name__}: {err}"
                    )
                )
    mentions = [m for r in resolutions for m in r.mentions]
    flags = [f for r in resolutions for f in r.flags]
    return mentions, flags


def _clean(document: Document, corpus: CorpusLines) -> Article | InputFailure:
    try:
        return extract(document, corpus.others(document))
    except Exception as err:  # one document's crash must not stop the batch
        return InputFailure(document.location, f"cleaning failed: {type(err).__name__}: {err}")
