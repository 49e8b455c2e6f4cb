"""The command line: thin click commands over library functions (the only module that prints)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import click
from tqdm import tqdm

from eventwire import __version__
from eventwire.kb import KBError, KnowledgeBase, load_kb
from eventwire.pipeline import IngestReport, ingest
from eventwire.serve.briefing import FORMATS as BRIEFING_FORMATS
from eventwire.serve.briefing import render as render_briefing
from eventwire.serve.compat import VIEWS as COMPAT_VIEWS
from eventwire.serve.compat import view as compat_view
from eventwire.serve.export import FORMATS, write_csv, write_jsonl, write_parquet
from eventwire.store.db import DEFAULT_DB, EXPORTABLE, Store
from eventwire.store.selection import Selection
from eventwire.store.selection import story as story_by_id
from eventwire.views import actor_code, briefing, namer, timeline

F = TypeVar("F", bound=Callable[..., Any])
# How many failures the closing summary lists one by one before it only counts them.
MAX_LISTED_FAILURES = 50


def kb_option(func: F) -> F:
    return click.option(
        "--kb",
        "kb_dirs",
        multiple=True,
        type=click.Path(exists=True, file_okay=False),
        help="A folder of your own knowledge-base files (*.yaml), over the shipped ones.",
    )(func)


def db_option(func: F) -> F:
    return click.option(
        "--db",
        default=DEFAULT_DB,
        show_default=True,
        help="SQLite file, or a database URL such as postgresql://user@host/name.",
    )(func)


@click.group()
@click.version_option(__version__, prog_name="eventwire")
def cli() -> None:
    """eventwire: a trustworthy record of political events from news articles."""


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@kb_option
@db_option
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes for annotation and coding (each loads its own models, ~400 MB).",
)
@click.option(
    "--fast",
    is_flag=True,
    help="Leave out spaCy's entity recogniser: faster; names come from the knowledge base "
    "only (unknown people are not found). See benchmarks/README.md.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where the per-article stages run: here, or on Ray Data (pip install "
    "'eventwire[ray]'; RAY_ADDRESS points at a cluster). Storing and merging run here.",
)
def ingest_cli(
    paths: tuple[str, ...],
    kb_dirs: tuple[str, ...],
    db: str,
    workers: int,
    fast: bool,
    engine: str,
) -> None:
    """Ingest files, folders (recursively) and - (stdin): text, HTML, JSONL, RSS/Atom, WARC;
    clean, annotate, resolve actors, code events and store it all."""
    if engine == "ray":
        try:
            import ray  # noqa: F401
        except ImportError as err:
            raise click.ClickException(
                "the ray engine needs Ray: pip install 'eventwire[ray]'"
            ) from err
    report = _run_ingest(paths, db, kb_dirs, workers, fast, engine)
    sys.exit(1 if report.failed else 0)


@cli.command("demo")
@kb_option
@db_option
def demo_cli(kb_dirs: tuple[str, ...], db: str) -> None:
    """Ingest the bundled demo corpus and show what was found."""
    folder = resources.files("eventwire") / "data" / "demo"
    with resources.as_file(folder) as path:
        report = _run_ingest([str(path)], db, kb_dirs)
    _print_stats(db)
    where = "" if db == DEFAULT_DB else f" --db {db}"
    click.echo(
        f"see it in the dashboard: eventwire serve{where}, then open http://127.0.0.1:8000/ "
        "(briefings: eventwire stories, eventwire report --story ID -o brief.html --format html)"
    )
    sys.exit(1 if report.failed else 0)


def _run_ingest(
    paths: Sequence[str],
    db: str,
    kb_dirs: Sequence[str] = (),
    workers: int = 1,
    fast: bool = False,
    engine: str = "local",
) -> IngestReport:
    # The knowledge base is checked before any work, so that a broken file stops the run at
    # once. The models themselves load with the first new article (never, when re-ingesting
    # what is stored), in this process or in each worker.
    try:
        kb = load_kb([Path(d) for d in kb_dirs])
    except KBError as err:
        raise click.ClickException(f"knowledge base: {err}") from err
    with (
        Store(db) as store,
        tqdm(desc="ingest", unit="doc", file=sys.stderr, disable=None, leave=False) as bar,
    ):
        report = ingest(
            paths,
            store,
            progress=bar.update,
            workers=workers,
            kb_dirs=kb_dirs,
            fast=fast,
            engine=engine,
            kb=kb,
        )
    _print_report(report, db)
    return report


def _print_report(report: IngestReport, db: str) -> None:
    for failure in report.failures[:MAX_LISTED_FAILURES]:
        click.echo(f"FAILED {failure.location}: {failure.problem}", err=True)
    if report.failed > MAX_LISTED_FAILURES:
        click.echo(f"... and {report.failed - MAX_LISTED_FAILURES} more failures", err=True)
    skipped = Counter(item.reason for item in report.skipped)
    for reason, count in sorted(skipped.items()):
        click.echo(f"skipped {count}: {reason}", err=True)
    click.echo(
        f"{report.new} new ({report.duplicates} near-duplicates of earlier articles), "
        f"{report.unchanged} unchanged (already stored), "
        f"{report.failed} failed, {len(report.skipped)} skipped, "
        f"{report.events} events, {report.flags} consistency flags → {db}"
    )
    click.echo(
        f"merged: {report.canonical} new canonical events, {report.stories} new stories, "
        f"{report.contradictions} contradictions between reports"
    )


@cli.command("stats")
@db_option
def stats_cli(db: str) -> None:
    """Summarise what the store holds."""
    _print_stats(db)


def _print_stats(db: str) -> None:
    with Store(db) as store:
        stats = store.stats()
    click.echo(f"articles: {stats['articles']} ({stats['dated']} with a publication date)")
    if stats["first_published"]:
        click.echo(f"published: {stats['first_published']} to {stats['last_published']}")
    languages = ", ".join(f"{lang} {n}" for lang, n in sorted(stats["languages"].items()))
    click.echo(f"languages: {languages or '-'}")
    click.echo(f"inputs that failed: {stats['input_failures']}")
    click.echo(
        f"actor mentions: {stats['mentions']} ({stats['resolved']} resolved to a known actor)"
    )
    click.echo(f"consistency flags: {stats['flags']}")
    _print_events(db)


def _print_events(db: str) -> None:
    with Store(db) as store:
        summary = store.event_summary()
    total = sum(summary["by_type"].values())
    kinds = ", ".join(f"{kind} {n}" for kind, n in summary["by_type"].items())
    click.echo(f"events: {total} ({kinds or '-'}); background: {summary['background']}")
    pairs = ", ".join(f"{s}→{t} {n}" for s, t, n in summary["pairs"])
    click.echo(f"top actor pairs: {pairs or '-'}")
    click.echo(
        f"canonical events: {summary['canonical']} ({summary['corroborated']} reported by two "
        f"or more independent sources); stories: {summary['stories']}"
    )


@cli.command("export")
@click.argument("table", type=click.Choice(sorted([*EXPORTABLE, "actors", *COMPAT_VIEWS])))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@db_option
def export_cli(table: str, fmt: str, output: Path | None, db: str) -> None:
    """Export a table as JSONL, CSV or Parquet: events, canonical, stories, quotes, articles,
    failures, actors (one row per actor met, with its mentions), mentions (every resolved span),
    flags (consistency flags and contradictions), and two compatibility views: gdelt (one row
    per canonical event, GDELT 2.0 columns) and polecat (one row per report, POLECAT columns)."""
    if fmt == "parquet" and output is None and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give -o FILE or redirect standard output.")
    with Store(db) as store:
        if table == "actors":
            rows = store.actors()
        elif table in COMPAT_VIEWS:
            rows = compat_view(table, store.event_reports())
        else:
            rows = store.rows(table)
        if fmt == "parquet":
            count = _export_binary(rows, output)
        else:
            count = _export_text(rows, fmt, output)
    click.echo(f"exported {count} {table} rows", err=True)


def _export_text(rows: Any, fmt: str, output: Path | None) -> int:
    writer = write_csv if fmt == "csv" else write_jsonl
    if output is None:
        return writer(rows, sys.stdout)
    with output.open("w", encoding="utf-8", newline="") as handle:
        return writer(rows, handle)


def _export_binary(rows: Any, output: Path | None) -> int:
    if output is None:
        return write_parquet(rows, sys.stdout.buffer)
    with output.open("wb") as handle:
        return write_parquet(rows, handle)


# --- the merged record: stories, timeline, briefing ---


def _selection(
    kb_dirs: Sequence[str],
    story: str | None,
    actors: Sequence[str],
    start: str | None,
    end: str | None,
) -> tuple[Selection, KnowledgeBase]:
    kb = _load(kb_dirs)
    codes = []
    for actor in actors:
        code = actor_code(kb, actor)
        if code is None:
            raise click.BadParameter(
                f"the knowledge base knows no country or organisation {actor!r}",
                param_hint="--actor",
            )
        codes.append(code)
    first, last = _optional_day(start, "--from"), _optional_day(end, "--to")
    return Selection(story, tuple(codes), first, last), kb


def _optional_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        problem = f"{value!r} is not a date (YYYY-MM-DD)"
        raise click.BadParameter(problem, param_hint=option) from err


def selection_options(func: F) -> F:
    for option in reversed(
        [
            click.option("--story", help="A story id (see `eventwire stories`)."),
            click.option(
                "--actor",
                "actors",
                multiple=True,
                help="An actor code or name (repeatable: events involving all of them).",
            ),
            click.option("--from", "start", help="First date (YYYY-MM-DD)."),
            click.option("--to", "end", help="Last date (YYYY-MM-DD)."),
        ]
    ):
        func = option(func)
    return func


@cli.command("stories")
@db_option
def stories_cli(db: str) -> None:
    """List the stories: id, time span, articles, events and title, latest first."""
    with Store(db) as store:
        rows = sorted(store.rows("stories"), key=lambda r: (r["last"] or "", r["story_id"]))
    for row in reversed(rows):
        span = f"{row['first'] or '?'} to {row['last'] or '?'}"
        click.echo(
            f"{row['story_id']}\t{span}\t{row['article_count']} articles\t"
            f"{row['event_count']} events\t{row['title']}"
        )


@cli.command("timeline")
@selection_options
@kb_option
@db_option
def timeline_cli(
    story: str | None,
    actors: tuple[str, ...],
    start: str | None,
    end: str | None,
    kb_dirs: tuple[str, ...],
    db: str,
) -> None:
    """Print the dated canonical events in order, with how many sources report each."""
    selection, kb = _selection(kb_dirs, story, actors, start, end)
    with Store(db) as store:
        events = timeline(store, selection, namer(kb))
    for event in events:
        marker = " [background]" if event.background else ""
        origins = ", ".join(event.origins)
        click.echo(
            f"{event.date}\t{event.event_type}{marker}\t{event.source or '?'} → "
            f"{event.target or '?'}\t{event.corroboration} articles, "
            f"{event.independent_sources} independent ({origins})\t{event.sentence}"
        )
    click.echo(f"{len(events)} events", err=True)


@cli.command("report")
@selection_options
@click.option(
    "--format", "fmt", type=click.Choice(BRIEFING_FORMATS), default="md", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write.",
)
@kb_option
@db_option
def report_cli(
    story: str | None,
    actors: tuple[str, ...],
    start: str | None,
    end: str | None,
    fmt: str,
    output: Path,
    kb_dirs: tuple[str, ...],
    db: str,
) -> None:
    """Write a briefing: timeline, key events with evidence, quotes, consistency flags,
    sources with their origins, and the cooperation–conflict intensity of the main pair."""
    if story is None and not actors:
        raise click.UsageError("choose what to brief on: --story ID or --actor A [--actor B]")
    selection, kb = _selection(kb_dirs, story, actors, start, end)
    with Store(db) as store:
        if story is not None and story_by_id(store.engine, story) is None:
            raise click.BadParameter(f"no story {story!r} in {db}", param_hint="--story")
        document = render_briefing(briefing(store, selection, kb), fmt)
    output.write_text(document, encoding="utf-8")
    click.echo(f"wrote {output}", err=True)


# --- the HTTP API and dashboard ---


@cli.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve_cli(db: str, host: str, port: int) -> None:
    """Serve the record read-only: the dashboard at /, the HTTP API under /api, its
    interactive documentation at /docs (all offline)."""
    import uvicorn  # the server's imports are only paid here

    from eventwire.serve.api import create_app
    from eventwire.store.reader import Reader, StoreMissingError

    try:
        reader = Reader(db)
    except StoreMissingError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"dashboard: http://{host}:{port}/  API docs: http://{host}:{port}/docs", err=True)
    uvicorn.run(create_app(reader), host=host, port=port, log_level="warning")


# --- the knowledge base ---


@cli.group("kb")
def kb_cli() -> None:
    """Ask the knowledge base: who an actor is, an organisation's members, who held a post."""


def _load(kb_dirs: Sequence[str]) -> KnowledgeBase:
    try:
        return load_kb([Path(d) for d in kb_dirs])
    except KBError as err:
        raise click.ClickException(f"knowledge base: {err}") from err


def _day(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from err


@kb_cli.command("show")
@click.argument("name")
@click.option("--on", "on", help="Date (YYYY-MM-DD) to describe the actor on; default today.")
@kb_option
def kb_show_cli(name: str, on: str | None, kb_dirs: tuple[str, ...]) -> None:
    """Everything the knowledge base knows that NAME (a name, alias, surname or id) may
    refer to."""
    kb = _load(kb_dirs)
    day = _day(on)
    ids = [name] if kb.get(name) is not None else []
    ids += [candidate.actor_id for candidate in kb.lookup(name)]
    ids += [person.id for person in kb.people_named(name)] if " " not in name.strip() else []
    if not ids:
        raise click.ClickException(f"the knowledge base knows no actor named {name!r}")
    for actor_id in dict.fromkeys(ids):
        click.echo(kb.describe(actor_id, day))


@kb_cli.command("members")
@click.argument("organization")
@click.option("--joined-after", help="Only members that joined after this date or year.")
@click.option("--on", "on", help="Members on this date (YYYY-MM-DD); default today.")
@kb_option
def kb_members_cli(
    organization: str, joined_after: str | None, on: str | None, kb_dirs: tuple[str, ...]
) -> None:
    """One row per member of ORGANIZATION: code, name, accession date."""
    kb = _load(kb_dirs)
    org_id = _organization_id(kb, organization)
    after = None
    if joined_after is not None:
        after = date(int(joined_after), 12, 31) if joined_after.isdigit() else _day(joined_after)
    for member in kb.members(org_id, _day(on), after):
        click.echo(f"{member.country}\t{member.name}\t{member.joined.isoformat()}")


def _organization_id(kb: KnowledgeBase, text: str) -> str:
    if text in kb.organization_ids():
        return text
    found = [c.actor_id for c in kb.lookup(text) if c.kind.value == "organization"]
    if not found:
        raise click.ClickException(f"the knowledge base knows no organisation named {text!r}")
    return found[0]


@kb_cli.command("who")
@click.argument("title")
@click.option("--country", help="ISO3 code or organisation id (USA, GBR, NATO).")
@click.option("--on", "on", help="Date (YYYY-MM-DD); default today.")
@kb_option
def kb_who_cli(title: str, country: str | None, on: str | None, kb_dirs: tuple[str, ...]) -> None:
    """Who held the post TITLE ("Secretary of Defense", "foreign minister") on a date."""
    kb = _load(kb_dirs)
    day = _day(on)
    holdings = kb.who(title, country, day)
    if not holdings:
        where = f" in {country}" if country else ""
        raise click.ClickException(f"nobody held {title!r}{where} on {day.isoformat()}")
    for h in holdings:
        end = h.end.isoformat() if h.end else "now"
        click.echo(f"{h.person_name}\t{h.title}\t{h.country}\t{h.start.isoformat()} to {end}")


# --- evaluation ---


@cli.command("eval")
@click.option(
    "--gold",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/eval"),
    show_default=True,
    help="The folder of gold sets (each with its README).",
)
@click.option("--set", "sets", multiple=True, help="Only this gold set (repeatable).")
@click.option(
    "--split", type=click.Choice(["dev", "test", "all"]), default="test", show_default=True
)
@click.option("--baseline/--no-baseline", default=False, help="Also score the keyword baseline.")
@click.option("--labels/--no-labels", default=False, help="Show every event type's row.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path))
def eval_cli(
    gold: Path,
    sets: tuple[str, ...],
    split: str,
    baseline: bool,
    labels: bool,
    json_out: Path | None,
) -> None:
    """Score event coding against the gold sets: type, (type, source, target), actor spans,
    CAMEO root and quad class, ConfliBERT's 5-way class."""
    from eventwire.evaluation.events import (  # the evaluation's imports are only paid here
        KeywordBaseline,
        format_table,
        report_to_dict,
        run_evaluation,
    )
    from eventwire.evaluation.events.eventwire_coder import EventwireCoder

    coders = [EventwireCoder(), *([KeywordBaseline()] if baseline else [])]
    reports = []
    for coder in coders:
        try:
            report = run_evaluation(coder, gold, sets or None, split)  # type: ignore[arg-type]
        except (KeyError, FileNotFoundError) as err:
            raise click.ClickException(str(err)) from err
        click.echo(f"== {report.coder} ({split} split)")
        click.echo(format_table(report.results, per_label=labels))
        reports.append(report_to_dict(report))
    if json_out is not None:
        json_out.write_text(json.dumps(reports, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    cli()
