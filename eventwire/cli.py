"""The command line: thin click commands over library functions (the only module that prints)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import click
from tqdm import tqdm

from eventwire import __version__
from eventwire.pipeline import IngestReport, ingest
from eventwire.serve.export import FORMATS, write_csv, write_jsonl, write_parquet
from eventwire.store.db import DEFAULT_DB, EXPORTABLE, Store

F = TypeVar("F", bound=Callable[..., Any])
# How many failures the closing summary lists one by one before it only counts them.
MAX_LISTED_FAILURES = 50


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
@db_option
def ingest_cli(paths: tuple[str, ...], db: str) -> None:
    """Ingest files, folders (recursively) and - (stdin): text, HTML, JSONL, RSS/Atom, WARC."""
    report = _run_ingest(paths, db)
    sys.exit(1 if report.failed else 0)


@cli.command("demo")
@db_option
def demo_cli(db: str) -> None:
    """Ingest the bundled demo corpus and show what was found."""
    folder = resources.files("eventwire") / "data" / "demo"
    with resources.as_file(folder) as path:
        report = _run_ingest([str(path)], db)
    _print_stats(db)
    sys.exit(1 if report.failed else 0)


def _run_ingest(paths: Sequence[str], db: str) -> IngestReport:
    with (
        Store(db) as store,
        tqdm(desc="ingest", unit="doc", file=sys.stderr, disable=None, leave=False) as bar,
    ):
        report = ingest(paths, store, progress=bar.update)
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
        f"{report.new} new, {report.unchanged} unchanged (already stored), "
        f"{report.failed} failed, {len(report.skipped)} skipped → {db}"
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


@cli.command("export")
@click.argument("table", type=click.Choice(sorted(EXPORTABLE)))
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
    """Export a table as JSONL, CSV or Parquet."""
    if fmt == "parquet" and output is None and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give -o FILE or redirect standard output.")
    with Store(db) as store:
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
