"""One reader per container format. Each yields documents, and a failure for each bad part.

A reader never raises for bad input: it reports the part that failed and goes on with the rest,
so that one malformed JSONL line or one truncated WARC record costs only itself.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO

import feedparser
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from eventwire.ingest.decode import DecodeError, content_id, decode_text
from eventwire.records import Document, Hints, InputFailure, InputKind, InputSkipped

ReadResult = Document | InputFailure | InputSkipped


@dataclass(frozen=True, slots=True)
class Limits:
    """Size limits that keep one huge input from exhausting memory."""

    # One article's payload. The largest real news page in our benchmarks is under 2 MB; a
    # single 20 MB "article" is a dump or an attack, not news.
    max_document_bytes: int = 20_000_000
    # Feed files are parsed whole by feedparser, so they get their own ceiling.
    max_feed_bytes: int = 50_000_000


def make_document(
    location: str, kind: InputKind, payload: str, hints: Hints | None = None
) -> Document:
    return Document(
        location=location,
        kind=kind,
        payload=payload,
        content_id=content_id(payload, _publication(hints)),
        hints=hints or Hints(),
    )


def _publication(hints: Hints | None) -> tuple[str | None, ...]:
    if hints is None:
        return ()
    return (hints.url, hints.outlet, hints.title)


def read_single(location: str, data: bytes, kind: InputKind) -> ReadResult:
    """A plain-text or HTML file: one document."""
    try:
        return make_document(location, kind, decode_text(data))
    except DecodeError as err:
        return InputFailure(location, str(err))


# ---- JSONL -------------------------------------------------------------------------------------

JSONL_FIELDS = {"text", "html", "url", "title", "published", "outlet", "author"}


def read_jsonl(location: str, lines: Iterable[bytes], limits: Limits) -> Iterator[ReadResult]:
    """One article a line: `text` or `html`; optional url, title, published, outlet, author."""
    seen_any = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        seen_any = True
        where = f"{location}#L{number}"
        if len(raw) > limits.max_document_bytes:
            yield InputFailure(
                where,
                f"line is {len(raw):,} bytes, over the limit of {limits.max_document_bytes:,}",
            )
            continue
        try:
            yield _jsonl_document(where, raw)
        except ValueError as err:
            yield InputFailure(where, str(err))
    if not seen_any:
        yield InputFailure(location, "empty JSONL file (no lines)")


def _jsonl_document(where: str, raw: bytes) -> Document:
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise ValueError(f"line is not UTF-8 ({err.reason} at byte {err.start})") from err
    except json.JSONDecodeError as err:
        raise ValueError(f"malformed JSON: {err.msg} at column {err.colno}") from err
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    html, text = _optional_str(record, "html"), _optional_str(record, "text")
    if not (html or text or "").strip():
        raise ValueError("no article body: give a non-empty `text` or `html` field")
    hints = Hints(
        url=_optional_str(record, "url"),
        title=_optional_str(record, "title"),
        author=_optional_str(record, "author"),
        outlet=_optional_str(record, "outlet"),
        published=_parse_published(record.get("published")),
    )
    if html and html.strip():
        return make_document(where, InputKind.HTML, html, hints)
    return make_document(where, InputKind.TEXT, text or "", hints)


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"field `{key}` must be a string, got {type(value).__name__}")


def _parse_published(value: object) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"field `published` must be an ISO date string, got {value!r}")
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise ValueError(f"field `published` is not an ISO date: {value!r}") from None


# ---- RSS / Atom --------------------------------------------------------------------------------


def read_feed(location: str, data: bytes) -> Iterator[ReadResult]:
    """Each feed entry is an article; its body is markup without a page template."""
    parsed = feedparser.parse(data)
    entries = list(parsed.entries)
    if not entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield InputFailure(location, f"feed has no entries{why}")
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(entries, start=1):
        where = f"{location}#entry={number}"
        body = _entry_body(entry)
        if not body.strip():
            yield InputFailure(where, "feed entry has no content or summary")
            continue
        hints = Hints(
            url=entry.get("link") or None,
            title=entry.get("title") or None,
            author=_entry_author(entry),
            outlet=outlet,
            published=_struct_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        )
        yield make_document(where, InputKind.FRAGMENT, body, hints)


def _entry_author(entry: Any) -> str | None:
    # RSS puts "email (Name)" in <author>; feedparser parses out the name where it can.
    detail = entry.get("author_detail") or {}
    return detail.get("name") or entry.get("author") or None


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [str(part.get("value", "")) for part in contents]
    longest = max(values, key=len, default="")
    summary = str(entry.get("summary", ""))
    return longest if len(longest) >= len(summary) else summary


def _struct_date(value: Any) -> date | None:
    if value is None:
        return None
    return date(value.tm_year, value.tm_mon, value.tm_mday)


# ---- WARC --------------------------------------------------------------------------------------


def _short(record: Any) -> bool:
    """Whether the record's declared length was not reached: the archive ends inside it."""
    return bool(getattr(record.raw_stream, "limit", 0) > 0)


def _drained_short(record: Any) -> bool:
    """Read a record we do not keep to its end, and say whether it was cut short."""
    while record.raw_stream.read(65536):
        pass
    return _short(record)


def _truncated(where: str, _record: Any) -> InputFailure:
    return InputFailure(where, "truncated WARC record (the archive ends inside it)")


def read_warc(location: str, stream: BinaryIO, limits: Limits) -> Iterator[ReadResult]:
    """HTML responses in a WARC (or WARC.gz) archive; anything else in it is skipped, said so."""
    pages = 0
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), start=1):
            result = _warc_record(f"{location}#record={number}", record, limits)
            if result is not None:
                pages += isinstance(result, Document)
                yield result
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as err:
        yield InputFailure(location, f"truncated or corrupt WARC after record {number}: {err}")
        return
    except Exception as err:
        # warcio's parser fails in its own ways on records cut inside their headers (an
        # AttributeError on a missing URI, found by fuzzing); one archive must not stop a batch.
        problem = f"corrupt WARC after record {number}: {type(err).__name__}: {err}"
        yield InputFailure(location, problem)
        return
    if pages == 0 and number == 0:
        yield InputFailure(location, "no WARC records found")


def _warc_record(where: str, record: Any, limits: Limits) -> ReadResult | None:
    if record.rec_type != "response":
        # Request, warcinfo and metadata records describe the crawl, not pages.
        return _truncated(where, record) if _drained_short(record) else None
    url = record.rec_headers.get_header("WARC-Target-URI")
    content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
    if "html" not in content_type.lower():
        if _drained_short(record):  # its headers may be cut too: "text/htm"
            return _truncated(where, record)
        return InputSkipped(where, f"not an HTML page ({content_type or 'no content type'})")
    payload = record.content_stream().read(limits.max_document_bytes + 1)
    if _short(record):
        return _truncated(where, record)
    if len(payload) > limits.max_document_bytes:
        return InputFailure(where, f"page is over the limit of {limits.max_document_bytes:,} bytes")
    try:
        html = decode_text(payload)
    except DecodeError as err:
        return InputFailure(where, str(err))
    return make_document(where, InputKind.HTML, html, Hints(url=url))
