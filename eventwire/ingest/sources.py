"""Walk the inputs a user names (files, folders, `-` for stdin) and read each with its reader."""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from eventwire.ingest.formats import GZIP_MAGIC, SNIFF_BYTES, Format, format_from_name, sniff
from eventwire.ingest.readers import (
    Limits,
    ReadResult,
    read_feed,
    read_jsonl,
    read_single,
    read_warc,
)
from eventwire.records import InputFailure, InputKind, InputSkipped

STDIN = "-"


def read_inputs(
    names: Sequence[str], limits: Limits | None = None, stdin: BinaryIO | None = None
) -> Iterator[ReadResult]:
    """Every document in the named inputs, in a stable order, with a failure for each bad part."""
    limits = limits or Limits()
    for name in names:
        if name == STDIN:
            yield from _read_stream("<stdin>", stdin or sys.stdin.buffer, None, limits)
            continue
        path = Path(name)
        if path.is_dir():
            yield from _read_folder(path, limits)
        elif path.is_file():
            yield from read_file(path, limits)
        else:
            yield InputFailure(name, "no such file or folder")


def _read_folder(folder: Path, limits: Limits) -> Iterator[ReadResult]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for filename in sorted(files):
            path = Path(root) / filename
            if filename.startswith("."):
                continue  # editor swap files, .DS_Store and the like are never articles
            if format_from_name(filename) is None:
                yield InputSkipped(str(path), "not a supported file type in a folder")
                continue
            yield from read_file(path, limits)


def read_file(path: Path, limits: Limits) -> Iterator[ReadResult]:
    location = str(path)
    try:
        with path.open("rb") as handle:
            yield from _read_stream(location, handle, format_from_name(path.name), limits)
    except OSError as err:
        yield InputFailure(location, f"cannot read: {err.strerror or err}")


def _read_stream(
    location: str, raw: BinaryIO, name_hint: Format | None, limits: Limits
) -> Iterator[ReadResult]:
    head = _peek(raw)
    compressed = head.startswith(GZIP_MAGIC)
    stream: BinaryIO = gzip.GzipFile(fileobj=raw) if compressed else raw  # type: ignore[assignment]
    try:
        inner_head = _peek(stream) if compressed else head
    except (OSError, EOFError, zlib.error) as err:
        yield InputFailure(location, f"truncated or corrupt gzip data: {err}")
        return
    fmt = sniff(inner_head, name_hint)
    if fmt is Format.WARC:
        intact = _gzip_intact(raw) if compressed else True
        yield from read_warc(location, _rewound(raw, compressed, stream), limits)
        if not intact:
            # warcio stops quietly at a gzip member cut short; the records before it are kept.
            yield InputFailure(location, "truncated WARC.gz: the archive ends inside a record")
    elif fmt is Format.JSONL:
        yield from _guarded_lines(location, stream, limits)
    else:
        yield from _read_whole(location, stream, fmt, limits)


def _gzip_intact(raw: BinaryIO) -> bool:
    """Whether a seekable gzip stream decompresses to its end marker (then rewound)."""
    if not raw.seekable():
        return True  # a pipe can be read once: warcio's own errors are all we get
    raw.seek(0)
    try:
        with gzip.GzipFile(fileobj=raw) as whole:
            while whole.read(1 << 20):
                pass
    except (OSError, EOFError, zlib.error):
        return False
    finally:
        raw.seek(0)
    return True


def _peek(stream: BinaryIO) -> bytes:
    """The first bytes of a stream, leaving the stream where it was (pipes included)."""
    peek = getattr(stream, "peek", None)  # buffered files, stdin and gzip streams can peek
    if peek is not None:
        head: bytes = peek(SNIFF_BYTES)
        return head[:SNIFF_BYTES]
    position = stream.tell()
    head = stream.read(SNIFF_BYTES)
    stream.seek(position)
    return head


def _rewound(raw: BinaryIO, compressed: bool, stream: BinaryIO) -> BinaryIO:
    # warcio decompresses per record itself, so it gets the raw bytes, not our gzip wrapper.
    if compressed and raw.seekable():
        raw.seek(0)
        return raw
    return stream


def _guarded_lines(location: str, stream: BinaryIO, limits: Limits) -> Iterator[ReadResult]:
    lines = _lines(stream, limits)
    try:
        yield from read_jsonl(location, lines, limits)
    except (OSError, EOFError, zlib.error) as err:
        yield InputFailure(location, f"truncated or corrupt gzip data: {err}")


def _lines(stream: BinaryIO, limits: Limits) -> Iterator[bytes]:
    # readline with a cap keeps a single enormous line from being read into memory whole;
    # the reader sees the over-long prefix, reports it, and the rest of that line is discarded.
    cap = limits.max_document_bytes + 1
    while True:
        line = stream.readline(cap)
        if not line:
            return
        if len(line) == cap and not line.endswith(b"\n"):
            while (rest := stream.readline(cap)) and not rest.endswith(b"\n"):
                pass
        yield line


def _read_whole(
    location: str, stream: BinaryIO, fmt: Format, limits: Limits
) -> Iterator[ReadResult]:
    limit = limits.max_feed_bytes if fmt is Format.FEED else limits.max_document_bytes
    try:
        data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as err:
        yield InputFailure(location, f"truncated or corrupt gzip data: {err}")
        return
    if len(data) > limit:
        yield InputFailure(location, f"{fmt.value} input is over the limit of {limit:,} bytes")
        return
    if fmt is Format.FEED:
        yield from read_feed(location, data)
    else:
        kind = InputKind.HTML if fmt is Format.HTML else InputKind.TEXT
        yield read_single(location, data, kind)
