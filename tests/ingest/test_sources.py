"""Reading inputs: every format, and a clear failure for every kind of bad input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from eventwire.ingest.readers import Limits
from eventwire.ingest.sources import read_inputs
from eventwire.records import Document, InputFailure, InputKind, InputSkipped

BODY = "Officials from both countries met in Vienna on Tuesday to discuss arms control."
PAGE = f"<html><head><title>T</title></head><body><article><p>{BODY}</p></article></body></html>"


def read(*paths: Path | str, limits: Limits | None = None) -> list[object]:
    return list(read_inputs([str(p) for p in paths], limits))


def only(results: list[object], kind: type) -> list[object]:
    return [r for r in results if isinstance(r, kind)]


def test_plain_text_and_html_files_become_documents(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    docs = only(read(tmp_path / "a.txt", tmp_path / "b.html"), Document)
    assert [d.kind for d in docs] == [InputKind.TEXT, InputKind.HTML]  # type: ignore[attr-defined]


def test_html_is_recognised_by_content_whatever_the_name(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_text("<!DOCTYPE html>" + PAGE, encoding="utf-8")
    (doc,) = read(tmp_path / "page.dat")
    assert isinstance(doc, Document) and doc.kind is InputKind.HTML


def test_same_content_gets_the_same_id_whatever_its_white_space(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("  " + BODY.replace(" ", "\n") + "\n", encoding="utf-8")
    first, second = read(tmp_path / "a.txt", tmp_path / "b.txt")
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.content_id == second.content_id


def test_one_text_republished_by_two_outlets_is_two_articles_and_a_repeat_is_one(
    tmp_path: Path,
) -> None:
    wire = {"text": BODY, "outlet": "Reuters", "url": "https://wire.example/1"}
    copy = {"text": BODY, "outlet": "The Courier", "url": "https://courier.example/9"}
    lines = [json.dumps(record) for record in (wire, copy, wire)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, second, repeat = read(tmp_path / "a.jsonl")
    assert isinstance(first, Document) and isinstance(second, Document)
    assert isinstance(repeat, Document)
    assert first.content_id != second.content_id and first.content_id == repeat.content_id


def test_jsonl_lines_carry_metadata_and_bad_lines_fail_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": BODY,
                "url": "https://news.test/1",
                "title": "One",
                "published": "2022-01-10T09:00:00Z",
                "outlet": "Wire",
                "author": "A B",
            }
        ),
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"html": PAGE, "published": "yesterday"}),
        json.dumps({"html": PAGE}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = read(tmp_path / "feed.jsonl")
    docs = only(results, Document)
    failures = {f.location.rsplit("#", 1)[1]: f.problem for f in only(results, InputFailure)}  # type: ignore[attr-defined]
    assert len(docs) == 2
    first = docs[0]
    assert isinstance(first, Document)
    assert first.source == "https://news.test/1" and first.hints.outlet == "Wire"
    assert first.hints.published is not None and first.hints.published.isoformat() == "2022-01-10"
    assert "malformed JSON" in failures["L2"]
    assert "no article body" in failures["L3"]
    assert "published" in failures["L4"]


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<item><title>One</title><link>https://news.test/one</link>
<pubDate>Tue, 18 Feb 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{body}&lt;/p&gt;</description></item>
<item><title>Two</title><link>https://news.test/two</link>
<description>{body} Again.</description></item>
</channel></rss>"""


def test_each_feed_entry_is_an_article_with_its_metadata(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(RSS.format(body=BODY), encoding="utf-8")
    docs = only(read(tmp_path / "feed.xml"), Document)
    assert [d.hints.title for d in docs] == ["One", "Two"]  # type: ignore[attr-defined]
    first = docs[0]
    assert isinstance(first, Document)
    assert first.kind is InputKind.FRAGMENT and first.hints.outlet == "Desk"
    assert first.hints.published is not None and first.hints.published.isoformat() == "2025-02-18"


def test_a_feed_without_entries_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "empty.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        encoding="utf-8",
    )
    (failure,) = read(tmp_path / "empty.rss")
    assert isinstance(failure, InputFailure) and "no entries" in failure.problem


def warc_record(url: str, content_type: str, body: bytes) -> bytes:
    """One WARC response record, written out by hand as the WARC 1.0 format lays it down."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2025-02-19T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def write_warc(path: Path, pages: int, gzipped: bool = True) -> None:
    records = [
        warc_record(
            f"https://news.test/{n}",
            "text/html; charset=utf-8",
            PAGE.replace("Vienna", f"Vienna {n}").encode(),
        )
        for n in range(pages)
    ]
    records.append(warc_record("https://news.test/x.png", "image/png", b"\x89PNG"))
    pack = gzip.compress if gzipped else (lambda data: data)
    path.write_bytes(b"".join(pack(record) for record in records))


def test_warc_responses_become_documents_and_other_records_are_skipped(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", pages=3)
    results = read(tmp_path / "crawl.warc.gz")
    docs = only(results, Document)
    assert [d.source for d in docs] == [f"https://news.test/{n}" for n in range(3)]  # type: ignore[attr-defined]
    assert len(only(results, InputSkipped)) == 1


def test_a_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    write_warc(tmp_path / "full.warc", pages=4, gzipped=False)
    data = (tmp_path / "full.warc").read_bytes()
    (tmp_path / "cut.warc").write_bytes(data[: int(len(data) * 0.6)])
    results = read(tmp_path / "cut.warc")
    assert 1 <= len(only(results, Document)) < 4
    (failure,) = only(results, InputFailure)
    assert "truncated" in failure.problem  # type: ignore[attr-defined]


def test_gzipped_text_is_read_and_truncated_gzip_is_a_failure(tmp_path: Path) -> None:
    packed = gzip.compress(BODY.encode())
    (tmp_path / "ok.txt.gz").write_bytes(packed)
    (tmp_path / "cut.txt.gz").write_bytes(packed[: len(packed) // 2])
    ok, cut = read(tmp_path / "ok.txt.gz", tmp_path / "cut.txt.gz")
    assert isinstance(ok, Document) and ok.payload == BODY
    assert isinstance(cut, InputFailure) and "gzip" in cut.problem


def test_empty_binary_and_oversized_inputs_each_fail_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # a sparse 100 MB file: instant to make, never read whole
        handle.truncate(100_000_000)
    problems = {Path(f.location).name: f.problem for f in only(read(tmp_path), InputFailure)}  # type: ignore[attr-defined]
    assert "empty" in problems["empty.txt"]
    assert "binary" in problems["image.txt"]
    assert "over the limit" in problems["huge.txt"]


def test_text_in_a_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    text = "Der Außenminister traf seinen Amtskollegen in Genf. " * 20
    (tmp_path / "old.txt").write_bytes(text.encode("cp1252"))
    (doc,) = read(tmp_path / "old.txt")
    assert isinstance(doc, Document) and "Außenminister" in doc.payload


def test_folders_are_walked_and_unsupported_files_are_reported_as_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    results = read(tmp_path)
    assert len(only(results, Document)) == 1
    (skipped,) = only(results, InputSkipped)
    assert skipped.location.endswith("photo.png")  # type: ignore[attr-defined]


def test_missing_paths_fail_and_the_rest_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    results = read(tmp_path / "nope.txt", tmp_path / "a.txt")
    assert isinstance(results[0], InputFailure) and "no such file" in results[0].problem
    assert isinstance(results[1], Document)


def test_stdin_is_sniffed_like_a_file() -> None:
    stdin = io.BufferedReader(io.BytesIO(PAGE.encode()))
    (doc,) = list(read_inputs(["-"], stdin=stdin))
    assert isinstance(doc, Document) and doc.kind is InputKind.HTML
    assert doc.location == "<stdin>"


def test_an_over_long_jsonl_line_fails_alone(tmp_path: Path) -> None:
    long_line = json.dumps({"text": "word " * 500})
    (tmp_path / "x.jsonl").write_text(
        long_line + "\n" + json.dumps({"text": BODY}) + "\n", encoding="utf-8"
    )
    results = read(tmp_path / "x.jsonl", limits=Limits(max_document_bytes=1000))
    assert isinstance(results[0], InputFailure) and "over the limit" in results[0].problem
    assert isinstance(results[1], Document)
