"""The one module that knows the order of the stages:
read → (skip known) → clean → annotate → resolve actors → store.

Inputs stream through in bounded batches, so memory stays flat however large the corpus; each
batch is stored in one transaction. A bad input, or a stage failing on one document, becomes a
reported failure for that input alone and the batch carries on.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from eventwire.coding.coder import code_article
from eventwire.coding.patterns import load_patterns
from eventwire.coding.quotes import extract_quotes
from eventwire.coding.selection import ActorCues, EventCandidates, TriggerForms
from eventwire.extract.article import extract
from eventwire.extract.clean import CORPUS_REPEAT_MAX_WORDS
from eventwire.extract.repeats import line_key
from eventwire.ingest.readers import Limits
from eventwire.ingest.sources import read_inputs
from eventwire.kb import KnowledgeBase, load_kb
from eventwire.kb.resolve import Resolution, Resolver
from eventwire.merge.contradictions import contradictions
from eventwire.merge.duplicates import DuplicateIndex, article_signature
from eventwire.merge.events import Cluster, EventMerger
from eventwire.merge.origin import event_chain, relayed_by
from eventwire.merge.stories import StoryBuilder
from eventwire.nlp.annotate import CACHE_SIZE, Annotator
from eventwire.records import (
    ActorMention,
    Annotation,
    Article,
    ArticleDigest,
    ArticleId,
    ArticleLink,
    ConsistencyFlag,
    Document,
    Event,
    EventMention,
    InputFailure,
    InputKind,
    InputSkipped,
    MergeLink,
    Provenance,
    Quote,
)
from eventwire.store.db import Store

ENGINES = ("local", "ray")
# Documents sent to the distributed engine at once: large enough that loading the models on
# each of its actors is paid rarely, small enough to hold in memory.
RAY_BLOCK = 4096
# Documents per batch: one transaction each. Large enough to amortise commits, small enough that
# a crash loses little work and memory stays bounded.
BATCH_SIZE = 64
# Batches handed to the workers beyond the one being stored: enough that they never wait for
# this process, few enough to bound memory.
IN_FLIGHT = 2
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

    def __init__(
        self, kb: KnowledgeBase, fast: bool = False, sentence_cache: int = CACHE_SIZE
    ) -> None:
        self.kb = kb
        self.annotator = Annotator(
            kb.spacy_patterns(), recognise_entities=not fast, cache_size=sentence_cache
        )
        self.resolver = Resolver(kb)
        self.book = load_patterns()
        self.selects = EventCandidates(TriggerForms(self.book), ActorCues(kb.agent_words()))

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
    canonical: int = 0  # canonical events that the new events founded
    stories: int = 0  # stories that the new articles started
    contradictions: int = 0  # flags for reports that contradict an earlier report

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
    engine: str = "local",
    kb: KnowledgeBase | None = None,
) -> IngestReport:
    """Ingest `names` into `store`. Annotation and coding run in this process with `stages`
    (default: the shipped knowledge base plus `kb_dirs`), in `workers` processes, or, with
    `engine="ray"`, on Ray Data (`workers` model-holding actors); storing, linking and merging
    run here either way, in the same order, so both engines store the same record. Merging
    uses `kb` if given (a caller that has loaded it spares a second load), else the stages'."""
    report = IngestReport()
    corpus = CorpusLines()
    seen: set[str] = set()
    linker = Linker(store)
    inputs = _batches(read_inputs(names, limits, stdin))
    if engine == "ray":
        _ingest_on_ray(
            inputs, store, report, corpus, seen, linker, workers, kb_dirs, fast, progress
        )
    elif engine == "local":
        with _analyst(stages, workers, tuple(kb_dirs), fast) as analyst:
            _ingest_locally(inputs, store, report, corpus, seen, analyst, linker, progress)
    else:
        raise ValueError(f"no engine {engine!r}; choose one of {', '.join(ENGINES)}")
    kb = kb if kb is not None else stages.kb if stages is not None else None
    merged = merge(store, kb, tuple(kb_dirs))
    report.canonical, report.stories = merged.canonical, merged.stories
    report.contradictions = merged.contradictions
    return report


class Linker:
    """Near-duplicate links for new articles, against everything stored before (the index is
    rebuilt from the stored signatures) and everything earlier in this run."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._index: DuplicateIndex | None = None  # loaded when the first new article comes
        self._position = 0

    def link(self, articles: Sequence[Article]) -> list[ArticleLink]:
        if not articles:
            return []
        if self._index is None:
            self._index = DuplicateIndex()
            self._index.load(self._store.signatures(self._index.window))
            self._position = self._store.next_position()
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


class Pending:
    """Results of the per-article stages that may still be on their way, in parts."""

    def __init__(self, parts: Sequence[Future[list[Processed]]]) -> None:
        self._parts = parts

    def result(self) -> list[Processed]:
        return [r for part in self._parts for r in part.result()]


def _done(results: list[Processed]) -> Pending:
    part: Future[list[Processed]] = Future()
    part.set_result(results)
    return Pending([part])


class Analyst:
    """Runs the per-article stages in this process."""

    def __init__(self, stages: ActorStages) -> None:
        self._stages = stages

    def submit(self, items: Sequence[Item]) -> Pending:
        return _done(process(self._stages, items) if items else [])

    def close(self) -> None:
        return None


class PoolAnalyst(Analyst):
    """Runs the per-article stages in worker processes, each loading spaCy and the knowledge
    base once; a batch is split between them and its results come back in order. `submit`
    returns at once, so this process reads and stores while the workers analyse."""

    def __init__(self, workers: int, kb_dirs: tuple[str, ...], fast: bool = False) -> None:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        self._workers = workers
        self._pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(kb_dirs, fast)
        )

    def submit(self, items: Sequence[Item]) -> Pending:
        size = max(1, -(-len(items) // self._workers))
        chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
        return Pending([self._pool.submit(_process_in_worker, chunk) for chunk in chunks])

    def close(self) -> None:
        self._pool.shutdown()


_WORKER_STAGES: list[ActorStages] = []


def _start_worker(kb_dirs: tuple[str, ...], fast: bool) -> None:
    _WORKER_STAGES.append(actor_stages(kb_dirs, fast))


def _process_in_worker(items: list[Item]) -> list[Processed]:
    return process(_WORKER_STAGES[0], items)


class LazyAnalyst(Analyst):
    """Builds its analyst (spaCy, the knowledge base, worker processes) on the first batch
    that has new articles: re-ingesting a stored corpus never loads a model."""

    def __init__(self, build: Callable[[], Analyst]) -> None:
        self._build = build
        self._analyst: Analyst | None = None

    def submit(self, items: Sequence[Item]) -> Pending:
        if not items:
            return _done([])
        if self._analyst is None:
            self._analyst = self._build()
        return self._analyst.submit(items)

    def close(self) -> None:
        if self._analyst is not None:
            self._analyst.close()


@contextmanager
def _analyst(
    stages: ActorStages | None, workers: int, kb_dirs: tuple[str, ...], fast: bool
) -> Iterator[Analyst]:
    def build() -> Analyst:
        if workers > 1:
            return PoolAnalyst(workers, kb_dirs, fast)
        return Analyst(stages or actor_stages(kb_dirs, fast))

    analyst = LazyAnalyst(build)
    try:
        yield analyst
    finally:
        analyst.close()


def _batches(items: Iterable[object]) -> Iterator[list[object]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH_SIZE)):
        yield batch


@dataclass(frozen=True, slots=True)
class Processed:
    """What the per-article stages made of one document: its article (None when cleaning
    failed), its findings (None when analysis failed) and the failure to report, if any."""

    article: Article | None
    findings: Findings | None
    failure: InputFailure | None


# A document with what the rest of the run's inputs say about its lines (see CorpusLines).
Item = tuple[Document, dict[str, int]]


def process(stages: ActorStages, items: Sequence[Item]) -> list[Processed]:
    """Clean, annotate and code documents: the per-article stages as one pure function, for
    any engine. A document that breaks a stage comes back as a failure; nothing is raised."""
    cleaned = [_clean(document, others) for document, others in items]
    articles = [c for c in cleaned if isinstance(c, Article)]
    return _combined(cleaned, find(stages, articles))


def _combined(
    cleaned: Sequence[Article | InputFailure], found: Sequence[Findings | InputFailure]
) -> list[Processed]:
    analysed = iter(found)
    results = []
    for result in cleaned:
        if isinstance(result, InputFailure):
            results.append(Processed(None, None, result))
            continue
        findings = next(analysed)
        if isinstance(findings, Findings):
            results.append(Processed(result, findings, None))
        else:  # analysis failed: the cleaned text is still stored, and the failure reported
            results.append(Processed(result, None, findings))
    return results


@dataclass(slots=True)
class Batch:
    """One batch of inputs, read and sorted: what is new goes to the per-article stages."""

    items: list[Item]
    failures: list[InputFailure]


def _prepare(
    batch: list[object], store: Store, report: IngestReport, corpus: CorpusLines, seen: set[str]
) -> Batch:
    """Inputs already stored are counted and dropped; the rest are counted into the corpus's
    line signal and paired with what it says of their lines."""
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
    return Batch([(document, corpus.others(document)) for document in fresh], failures)


def _ingest_locally(
    inputs: Iterable[list[object]],
    store: Store,
    report: IngestReport,
    corpus: CorpusLines,
    seen: set[str],
    analyst: Analyst,
    linker: Linker,
    progress: Progress | None,
) -> None:
    """Batches are prepared and handed to the analyst in order, up to IN_FLIGHT ahead of the
    one being stored, and stored in that order: while this process links and writes one
    batch, the workers analyse the next ones."""
    pending: deque[tuple[Batch, Pending, int]] = deque()

    def store_oldest() -> None:
        batch, results, size = pending.popleft()
        _store_batch(results.result(), batch, store, report, linker)
        if progress is not None:
            progress(size)

    for raw in inputs:
        prepared = _prepare(raw, store, report, corpus, seen)
        pending.append((prepared, analyst.submit(prepared.items), len(raw)))
        if len(pending) > IN_FLIGHT:
            store_oldest()
    while pending:
        store_oldest()


def _ingest_on_ray(
    inputs: Iterable[list[object]],
    store: Store,
    report: IngestReport,
    corpus: CorpusLines,
    seen: set[str],
    linker: Linker,
    workers: int,
    kb_dirs: Sequence[str],
    fast: bool,
    progress: Progress | None,
) -> None:
    """Batches are prepared here as for the local engine, sent to Ray a block at a time, and
    stored here batch by batch in their order: the same record as a local run."""
    from eventwire.engines.ray_engine import RayRunner  # the core imports no engine

    runner = RayRunner(workers, tuple(kb_dirs), fast)
    pending: list[tuple[Batch, int]] = []

    def flush() -> None:
        results = runner.process([item for batch, _ in pending for item in batch.items])
        start = 0
        for batch, size in pending:
            count = len(batch.items)
            _store_batch(results[start : start + count], batch, store, report, linker)
            start += count
            if progress is not None:
                progress(size)
        pending.clear()

    for raw in inputs:
        pending.append((_prepare(raw, store, report, corpus, seen), len(raw)))
        if sum(len(batch.items) for batch, _ in pending) >= RAY_BLOCK:
            flush()
    if pending:
        flush()


def _store_batch(
    results: Sequence[Processed], batch: Batch, store: Store, report: IngestReport, linker: Linker
) -> None:
    """Link and store a batch's articles with their findings (one transaction), and record
    its failures."""
    articles = [r.article for r in results if r.article is not None]
    found = [r.findings for r in results if r.findings is not None]
    failures = batch.failures + [r.failure for r in results if r.failure is not None]
    links = linker.link(articles)
    events = [e for f in found for e in f.events]
    flags = [flag for f in found for flag in f.flags]
    report.new += store.add_articles(
        articles,
        [m for f in found for m in f.mentions],
        flags,
        events,
        [q for f in found for q in f.quotes],
        links,
    )
    report.duplicates += sum(link.duplicate_of is not None for link in links)
    report.flags += len(flags)
    report.events += len(events)
    store.record_failures(failures)
    report.failures += failures


def _clean(document: Document, others: dict[str, int]) -> Article | InputFailure:
    try:
        return extract(document, others)
    except Exception as err:  # one document's crash must not stop the batch
        return InputFailure(document.location, f"cleaning failed: {type(err).__name__}: {err}")


# --- after ingestion: canonical events, origins, contradictions, stories ---

# Mentions merged (and stored) per step: bounded memory, and little lost to a crash.
MERGE_STEP = 5000
# Articles filed under stories per step: each brings all its merged events along (dozens, in
# event-dense text), so a step of articles is smaller than a step of mentions.
STORY_STEP = 500


@dataclass(slots=True)
class MergeReport:
    mentions: int = 0
    canonical: int = 0
    contradictions: int = 0
    stories: int = 0


class Outlets:
    """Outlet names as the knowledge base spells them, so that a credit ("AFP") and an outlet
    field ("Agence France-Presse") name one reporter."""

    def __init__(self, kb: KnowledgeBase | None) -> None:
        self._kb = kb
        self._cache: dict[str, str | None] = {}

    def media(self, name: str) -> str | None:
        """The outlet's name if the knowledge base knows `name` as a news outlet, else None."""
        if name not in self._cache:
            found = self._kb.lookup(name) if self._kb is not None else []
            media = [c.name for c in found if c.kind.value == "media"]
            self._cache[name] = media[0] if media else None
        return self._cache[name]

    def canonical(self, name: str) -> str:
        return self.media(name) or name

    def cited(self, mention: EventMention) -> tuple[str, ...]:
        return tuple(name for name in mention.cited if self.media(name) is not None)


def merge(
    store: Store, kb: KnowledgeBase | None = None, kb_dirs: tuple[str, ...] = ()
) -> MergeReport:
    """Merge every stored event not merged yet into canonical events, flag contradictions,
    and file every article not in a story yet under one. Resumable: what a crash interrupts
    is picked up by the next run, since each step is one transaction. The knowledge base
    (the shipped one plus `kb_dirs`, unless `kb` is given) is loaded only if there is work."""
    report = MergeReport()
    if not store.has_merge_work():
        return report
    kb = kb if kb is not None else load_kb([Path(d) for d in kb_dirs])
    outlets = Outlets(kb)
    merger = EventMerger()
    merger.load(store.canonical_events(merger.window))
    for step in _article_steps(store.unmerged_mentions()):
        _merge_step(step, store, merger, outlets, report)
    _group_stories(store, kb, report)
    return report


def _article_steps(mentions: Iterable[EventMention]) -> Iterator[list[EventMention]]:
    """Mentions in steps of about MERGE_STEP, never splitting one article's."""
    step: list[EventMention] = []
    for mention in mentions:
        if len(step) >= MERGE_STEP and mention.article_id != step[-1].article_id:
            yield step
            step = []
        step.append(mention)
    if step:
        yield step


def _merge_step(
    mentions: list[EventMention],
    store: Store,
    merger: EventMerger,
    outlets: Outlets,
    report: MergeReport,
) -> None:
    sources = _provenance(store, {m.article_id for m in mentions})
    links: list[MergeLink] = []
    flags: list[ConsistencyFlag] = []
    touched: dict[str, Cluster] = {}
    for mention in mentions:
        article = sources[mention.article_id]
        root_id = article.duplicate_of or article.article_id
        relayed = relayed_by(article.embedded, lambda name: outlets.media(name) is not None)
        chain = event_chain(
            article, sources.get(root_id), outlets.cited(mention), outlets.canonical, relayed
        )
        joined = merger.add(mention, root_id, chain[0])
        cluster = joined.cluster
        touched[cluster.canonical_id] = cluster
        links.append(MergeLink(mention.event_id, cluster.canonical_id, chain[0], chain))
        if not joined.founded:
            founder = partial(_describe, store, sources, joined.first_article)
            flags += contradictions(cluster, mention, joined.via, founder)
        report.canonical += joined.founded
    # Frozen once a step: a busy event's article list is copied once, not once a mention.
    store.save_merge(links, [cluster.freeze() for cluster in touched.values()], flags)
    report.mentions += len(mentions)
    report.contradictions += len(flags)


def _provenance(store: Store, article_ids: set[ArticleId]) -> dict[str, Provenance]:
    sources = store.provenance(article_ids)
    roots = {p.duplicate_of for p in sources.values() if p.duplicate_of} - sources.keys()
    sources.update(store.provenance(roots))
    return sources


def _describe(store: Store, sources: dict[str, Provenance], article_id: str) -> str:
    if article_id not in sources:
        sources.update(store.provenance([article_id]))
    article = sources.get(article_id)
    if article is None:
        return f"article {article_id}"
    day = f", {article.published.isoformat()}" if article.published else ""
    return f"{article.outlet}{day} (article {article_id})"


def _group_stories(store: Store, kb: KnowledgeBase, report: MergeReport) -> None:
    builder = StoryBuilder(kb.display_name)
    builder.load(store.stories(builder.window))
    pending = store.unstoried_articles()
    for start in range(0, len(pending), STORY_STEP):
        chunk = pending[start : start + STORY_STEP]
        events = store.linked_events([article_id for article_id, _, _ in chunk])
        members, touched = [], set()
        for article_id, published, duplicate_of in chunk:
            digest = _digest(article_id, published, duplicate_of, events.get(article_id, []))
            before = len(builder)
            story_id = builder.add(digest)
            report.stories += len(builder) - before
            members.append((article_id, story_id))
            touched.add(story_id)
        store.save_merge(stories=[builder.story(s) for s in touched], members=members)
        builder.saved()


def _digest(
    article_id: ArticleId,
    published: date | None,
    duplicate_of: ArticleId | None,
    events: list[tuple[EventMention, str]],
) -> ArticleDigest:
    news = [(m, c) for m, c in events if not m.background]
    actors = Counter(code for m, _ in news for code in m.source_codes | m.target_codes)
    return ArticleDigest(
        article_id=article_id,
        published=published,
        cluster_root=duplicate_of or article_id,
        canonical_ids=tuple(dict.fromkeys(c for _, c in news)),
        actors=tuple(code for code, _ in sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))),
        types=tuple(m.event_type for m, _ in news),
    )
