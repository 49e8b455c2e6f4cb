"""The one module that knows the order of the stages:
read → (skip known) → clean → annotate → resolve actors → store.

Inputs stream through in bounded batches, so memory stays flat however large the corpus; each
batch is stored in one transaction. A bad input, or a stage failing on one document, becomes a
reported failure for that input alone and the batch carries on.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from eventwire.coding.coder import code_article
from eventwire.coding.patterns import load_patterns
from eventwire.coding.quotes import extract_quotes
from eventwire.coding.selection import TriggerForms
from eventwire.extract.article import extract
from eventwire.extract.clean import CORPUS_REPEAT_MAX_WORDS
from eventwire.extract.repeats import line_key
from eventwire.ingest.readers import Limits
from eventwire.ingest.sources import read_inputs
from eventwire.kb import KnowledgeBase, load_kb
from eventwire.kb.resolve import Resolution, Resolver
from eventwire.merge.duplicates import DuplicateIndex, article_signature
from eventwire.nlp.annotate import Annotator
from eventwire.records import (
    ActorMention,
    Annotation,
    Article,
    ArticleId,
    ArticleLink,
    ConsistencyFlag,
    Document,
    Event,
    InputFailure,
    InputKind,
    InputSkipped,
    Quote,
)
from eventwire.store.db import Store

# Documents per batch: one transaction each. Large enough to amortise commits, small enough that
# a crash loses little work and memory stays bounded.
BATCH_SIZE = 64
# Distinct short lines remembered for the corpus-repetition signal before rare ones are pruned.
MAX_REMEMBERED_LINES = 200_000

Progress = Callable[[int], object]


@dataclass(frozen=True, slots=True)
class Analysis:
    annotation: Annotation
    resolution: Resolution
    events: list[Event]
    quotes: list[Quote]


class ActorStages:
    """The knowledge base, spaCy, the resolver and the coder: loaded once, used for every
    batch."""

    def __init__(self, kb: KnowledgeBase, fast: bool = False) -> None:
        self.kb = kb
        self.annotator = Annotator(kb.spacy_patterns(), recognise_entities=not fast)
        self.resolver = Resolver(kb)
        self.book = load_patterns()
        self.selects = TriggerForms(self.book)

    def resolve(self, articles: Sequence[Article]) -> list[Resolution]:
        return [analysis.resolution for analysis in self.analyse(articles, code=False)]

    def analyse(self, articles: Sequence[Article], code: bool = True) -> list[Analysis]:
        """Annotate, resolve actors and (with `code`) code events, for a batch of articles."""
        # Coding parses only the sentences that can hold an event; the others get names only.
        annotations = self.annotator.annotate(
            [(a.article_id, a.text) for a in articles],
            should_parse=self.selects if code else None,
        )
        analyses = []
        for article, annotation in zip(articles, annotations, strict=True):
            resolution = self.resolver.resolve(article, annotation)
            events, quotes = [], []
            if code:
                events = code_article(article, annotation, resolution.mentions, self.book)
                quotes = extract_quotes(article, annotation, resolution.mentions)
            analyses.append(Analysis(annotation, resolution, events, quotes))
        return analyses


@cache
def actor_stages(kb_dirs: tuple[str, ...] = (), fast: bool = False) -> ActorStages:
    """The stages for a knowledge base (the shipped one plus `kb_dirs`), built once a process;
    `fast` leaves the statistical entity recogniser out (see `Annotator`)."""
    return ActorStages(load_kb([Path(d) for d in kb_dirs]), fast)


@dataclass(slots=True)
class IngestReport:
    new: int = 0
    unchanged: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    skipped: list[InputSkipped] = field(default_factory=list)
    flags: int = 0
    events: int = 0
    duplicates: int = 0  # new articles that copy an earlier one

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
    workers: int = 1,
    kb_dirs: Sequence[str] = (),
    fast: bool = False,
) -> IngestReport:
    """Ingest `names` into `store`. Annotation and coding run in this process with `stages`
    (default: the shipped knowledge base plus `kb_dirs`), or in `workers` processes."""
    report = IngestReport()
    corpus = CorpusLines()
    seen: set[str] = set()
    linker = Linker(store)
    with _analyst(stages, workers, tuple(kb_dirs), fast) as analyst:
        for batch in _batches(read_inputs(names, limits, stdin)):
            _ingest_batch(batch, store, report, corpus, seen, analyst, linker)
            if progress is not None:
                progress(len(batch))
    return report


class Linker:
    """Near-duplicate links for new articles, against everything stored before (the index is
    rebuilt from the stored signatures) and everything earlier in this run."""

    def __init__(self, store: Store) -> None:
        self._index = DuplicateIndex()
        self._index.load(store.signatures())
        self._position = store.next_position()

    def link(self, articles: Sequence[Article]) -> list[ArticleLink]:
        links = []
        for article in articles:
            signature = article_signature(article)
            root = self._index.add(article.article_id, signature, article.published, self._position)
            links.append(
                ArticleLink(
                    article.article_id,
                    self._position,
                    signature.to_bytes(),
                    ArticleId(root) if root is not None else None,
                )
            )
            self._position += 1
        return links


@dataclass(frozen=True, slots=True)
class Findings:
    """What analysis found in one article: all of it is stored with the article."""

    mentions: tuple[ActorMention, ...]
    flags: tuple[ConsistencyFlag, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]


def find(stages: ActorStages, articles: Sequence[Article]) -> list[Findings | InputFailure]:
    """Analyse a batch; if that fails, one article at a time, so that only the article that
    breaks it is reported (it is still stored, as cleaned text)."""
    try:
        return [_findings(a) for a in stages.analyse(articles)]
    except Exception:
        results: list[Findings | InputFailure] = []
        for article in articles:
            try:
                results += [_findings(a) for a in stages.analyse([article])]
            except Exception as err:
                problem = f"annotation failed: {type(err).__name__}: {err}"
                results.append(InputFailure(article.location, problem))
        return results


def _findings(analysis: Analysis) -> Findings:
    resolution = analysis.resolution
    return Findings(
        resolution.mentions, resolution.flags, tuple(analysis.events), tuple(analysis.quotes)
    )


class Analyst:
    """Runs analysis in this process."""

    def __init__(self, stages: ActorStages) -> None:
        self._stages = stages

    def find(self, articles: Sequence[Article]) -> list[Findings | InputFailure]:
        return find(self._stages, articles) if articles else []

    def close(self) -> None:
        return None


class PoolAnalyst(Analyst):
    """Runs analysis in worker processes, each loading spaCy and the knowledge base once; a
    batch is split between them and its results come back in order."""

    def __init__(self, workers: int, kb_dirs: tuple[str, ...], fast: bool = False) -> None:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        self._workers = workers
        self._pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(kb_dirs, fast)
        )

    def find(self, articles: Sequence[Article]) -> list[Findings | InputFailure]:
        size = max(1, -(-len(articles) // self._workers))
        chunks = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
        return [r for chunk in self._pool.map(_find_in_worker, chunks) for r in chunk]

    def close(self) -> None:
        self._pool.shutdown()


_WORKER_STAGES: list[ActorStages] = []


def _start_worker(kb_dirs: tuple[str, ...], fast: bool) -> None:
    _WORKER_STAGES.append(actor_stages(kb_dirs, fast))


def _find_in_worker(articles: list[Article]) -> list[Findings | InputFailure]:
    return find(_WORKER_STAGES[0], articles)


@contextmanager
def _analyst(
    stages: ActorStages | None, workers: int, kb_dirs: tuple[str, ...], fast: bool
) -> Iterator[Analyst]:
    analyst = (
        PoolAnalyst(workers, kb_dirs, fast)
        if workers > 1
        else Analyst(stages or actor_stages(kb_dirs, fast))
    )
    try:
        yield analyst
    finally:
        analyst.close()


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
    analyst: Analyst,
    linker: Linker,
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
    found = _analyse(analyst, articles, failures)
    links = linker.link(articles)
    report.new += store.add_articles(
        articles, found.mentions, found.flags, found.events, found.quotes, links
    )
    report.duplicates += sum(link.duplicate_of is not None for link in links)
    flags, events = found.flags, found.events
    report.flags += len(flags)
    report.events += len(events)
    store.record_failures(failures)
    report.failures += failures


def _analyse(analyst: Analyst, articles: list[Article], failures: list[InputFailure]) -> Findings:
    """Everything analysis found in a batch, as one `Findings`; failures are appended."""
    results = analyst.find(articles)
    found = [r for r in results if isinstance(r, Findings)]
    failures += [r for r in results if isinstance(r, InputFailure)]
    return Findings(
        tuple(m for f in found for m in f.mentions),
        tuple(flag for f in found for flag in f.flags),
        tuple(e for f in found for e in f.events),
        tuple(q for f in found for q in f.quotes),
    )


def _clean(document: Document, corpus: CorpusLines) -> Article | InputFailure:
    try:
        return extract(document, corpus.others(document))
    except Exception as err:  # one document's crash must not stop the batch
        return InputFailure(document.location, f"cleaning failed: {type(err).__name__}: {err}")
