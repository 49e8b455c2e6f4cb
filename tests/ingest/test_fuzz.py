"""Fuzzing the ingest and cleaning stages: random bytes and encodings, truncated gzip and WARC,
deeply nested HTML, huge lines, malformed JSONL and feeds. Nothing crashes, each bad input gets
one clear failure, and the good inputs of the same batch are stored."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.extract.article import extract
from eventwire.ingest.readers import Limits, make_document
from eventwire.ingest.sources import read_inputs
from eventwire.pipeline import ingest
from eventwire.records import Article, Document, InputFailure, InputKind, InputSkipped
from eventwire.store.db import Store

SUFFIXES = [".txt", ".html", ".jsonl", ".xml", ".rss", ".warc", ".gz", ".warc.gz", ".json"]
GOOD = (
    "Envoys meet in Vienna\n"
    "VIENNA, March 3, 2023 — Envoys from Austria and Hungary met in Vienna on Friday and "
    "agreed to hold a second round of talks on border controls next month, officials said.\n"
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def read(path: Path) -> list[object]:
    return list(read_inputs([str(path)], Limits(max_document_bytes=2_000_000)))


def well_formed(results: list[object]) -> bool:
    for item in results:
        if isinstance(item, InputFailure):
            if not item.problem.strip():
                return False
        elif not isinstance(item, Document | InputSkipped):
            return False
    return True


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_under_any_name_never_crash_reading(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    assert well_formed(read(path))


@FUZZ
@given(
    text=st.text(max_size=2000),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "koi8-r", "shift_jis", "latin-1"]),
)
def test_text_in_any_encoding_is_read_or_refused_with_a_reason(
    tmp_path: Path, text: str, encoding: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding, errors="replace"))
    assert well_formed(read(path))


def warc_response(url: str, html: str) -> bytes:
    """One gzipped WARC response record, written out by hand."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}".encode()
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "WARC-Date: 2024-01-01T00:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n")


@FUZZ
@given(cut=st.integers(min_value=1, max_value=400))
def test_truncated_gzip_and_warc_fail_cleanly(tmp_path: Path, cut: int) -> None:
    page = f"<html><body><article><p>{GOOD}</p></article></body></html>"
    member = warc_response("https://example.org/a", page)
    whole = member * 2
    kept = max(1, len(whole) - cut)
    (tmp_path / "a.warc.gz").write_bytes(whole[:kept])
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(GOOD.encode())[:-cut])
    for name in ("a.warc.gz", "b.txt.gz"):
        results = read(tmp_path / name)
        assert well_formed(results)
        # A cut is reported, unless it only took bytes that held no text (a gzip trailer):
        # then everything was read. Either way nothing is lost without a word.
        failed = any(isinstance(r, InputFailure) for r in results)
        # A cut exactly between two records leaves a whole, shorter archive.
        records = kept // len(member) if "warc" in name else 1
        complete = sum(isinstance(r, Document) for r in results) == max(records, 1)
        complete = complete and (kept % len(member) == 0 or "warc" not in name)
        assert failed or complete, (name, results)


@FUZZ
@given(lines=st.lists(st.one_of(st.text(max_size=200), st.binary(max_size=200).map(repr))))
def test_malformed_jsonl_lines_each_fail_alone(tmp_path: Path, lines: list[str]) -> None:
    good = json.dumps({"text": GOOD, "url": "https://example.org/good"})
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([*lines, good]) + "\n", encoding="utf-8", errors="replace")
    results = read(path)
    assert well_formed(results)
    assert any(isinstance(r, Document) and "Vienna" in r.payload for r in results)


@FUZZ
@given(body=st.text(max_size=500), depth=st.integers(min_value=0, max_value=3000))
def test_cleaning_survives_deep_nesting_and_random_markup(body: str, depth: int) -> None:
    html = "<html><body>" + "<div>" * depth + f"<p>{body}</p>" + "</div>" * depth + "</body></html>"
    for kind, payload in (
        (InputKind.HTML, html),
        (InputKind.FRAGMENT, html),
        (InputKind.TEXT, body or "x"),
    ):
        result = extract(make_document("fuzz", kind, payload), {})
        # An article, or a failure that says why (a page with no text in it).
        assert isinstance(result, Article) or result.problem.strip()


def test_a_batch_of_hostile_inputs_stores_the_good_article_and_reports_each_bad_one(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "huge_line.txt").write_text("war " * 600_000, encoding="utf-8")  # 2.4 MB, no newline
    (folder / "nested.html").write_text(
        "<div>" * 20_000 + GOOD + "</div>" * 20_000, encoding="utf-8"
    )
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 50)
    (folder / "empty.html").write_bytes(b"")
    (folder / "cut.txt.gz").write_bytes(gzip.compress(GOOD.encode())[:20])
    (folder / "broken.jsonl").write_text('{"text": \n[1, 2]\n{"html": 5}\n', encoding="utf-8")
    (folder / "nofeed.xml").write_text(
        "<rss><channel><title>x</title></channel></rss>", encoding="utf-8"
    )
    with Store(str(tmp_path / "fuzz.db")) as store:
        report = ingest([str(folder)], store, limits=Limits(max_document_bytes=2_000_000))
        texts = [row["text"] for row in store.rows("articles")]
        failures = {Path(row["location"].split("#")[0]).name for row in store.rows("failures")}
    assert any("Envoys from Austria and Hungary" in text for text in texts)
    assert {
        "huge_line.txt",
        "binary.txt",
        "empty.html",
        "cut.txt.gz",
        "broken.jsonl",
        "nofeed.xml",
    } <= failures
    assert len(report.failures) == len({f.location for f in report.failures})  # one per bad input
    assert all(f.problem.strip() for f in report.failures)
