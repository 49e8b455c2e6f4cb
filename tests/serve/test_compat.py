"""Every table exports in every format, and the GDELT and POLECAT views hold what they claim."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventwire.cli import cli
from eventwire.serve.compat import QUAD_CLASS, quads
from tests.test_cli import run

GDELT_LEADING = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode",
]  # fmt: skip


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("compat") / "demo.db")
    assert run("demo", "--db", db)[0] == 0
    return db


def export(db: str, table: str, fmt: str = "jsonl") -> str:
    code, out, err = run("export", table, "--format", fmt, "--db", db)
    assert code == 0, err
    return out


def test_every_table_exports_as_parquet_with_as_many_rows_as_jsonl(
    demo_db: str, tmp_path: Path
) -> None:
    tables = cli.commands["export"].params[0].type.choices  # type: ignore[attr-defined]
    assert {"events", "canonical", "stories", "gdelt", "polecat"} <= set(tables)
    for table in tables:
        lines = export(demo_db, table).splitlines()
        target = tmp_path / f"{table}.parquet"
        code, _, _ = run("export", table, "--format", "parquet", "-o", str(target), "--db", demo_db)
        assert code == 0 and pq.read_table(target).num_rows == len(lines), table


def test_the_gdelt_view_has_one_row_per_canonical_event_in_gdelt_columns(demo_db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(export(demo_db, "gdelt", "csv"))))
    canonical = {
        c["canonical_id"]: c for c in map(json.loads, export(demo_db, "canonical").splitlines())
    }
    assert list(rows[0])[: len(GDELT_LEADING)] == GDELT_LEADING
    assert sorted(r["GLOBALEVENTID"] for r in rows) == sorted(canonical)
    for row in rows:
        event = canonical[row["GLOBALEVENTID"]]
        assert int(row["NumArticles"]) == event["corroboration"]
        assert int(row["NumSources"]) == event["independent_sources"]
        assert int(row["QuadClass"]) == QUAD_CLASS[quads()[event["event_type"]]]
        assert row["EventRootCode"] == event["cameo_root"]
        if row["SQLDATE"]:
            assert row["SQLDATE"] == (event["date"] or event["anchor"]).replace("-", "")


def test_the_polecat_view_has_one_row_per_report_with_plover_columns(demo_db: str) -> None:
    rows = [json.loads(line) for line in export(demo_db, "polecat").splitlines()]
    events = {e["event_id"]: e for e in map(json.loads, export(demo_db, "events").splitlines())}
    assert sorted(r["Event ID"] for r in rows) == sorted(events)
    for row in rows:
        event = events[row["Event ID"]]
        assert row["Event Type"] == event["event_type"].lower()
        assert row["Quad Code"].lower().replace(" ", "_") == quads()[event["event_type"]]
        assert row["Actor Country"] == event["source_code"]
        assert row["Recipient Country"] == event["target_code"]
