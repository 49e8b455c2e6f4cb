"""Recognise an input's format from its name and its first bytes."""

from __future__ import annotations

import re
from enum import Enum
from pathlib import PurePath


class Format(Enum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    FEED = "feed"
    WARC = "warc"


GZIP_MAGIC = b"\x1f\x8b"
# How much of an input the content sniffer looks at: enough for an XML prolog, a doctype and
# a comment or two before the root element.
SNIFF_BYTES = 4096

EXTENSIONS: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".xml": Format.FEED,
    ".warc": Format.WARC,
    ".arc": Format.WARC,
}

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(body|p|div|article|head|title)[\s>]", re.IGNORECASE)


def format_from_name(name: str) -> Format | None:
    """The format an input's file name promises, looking through a `.gz` suffix."""
    path = PurePath(name.lower())
    if path.suffix == ".gz":
        path = path.with_suffix("")
    return EXTENSIONS.get(path.suffix)


def sniff(head: bytes, name_hint: Format | None = None) -> Format:
    """Decide an input's format from its (decompressed) first bytes, using the name as a tie-break.

    Content wins where it is unambiguous (a WARC header, a feed root, a full HTML document),
    because files are often misnamed; the name decides between plain text and markup fragments.
    """
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:SNIFF_BYTES]
    if start.startswith(b"WARC/"):
        return Format.WARC
    if _FEED_ROOT.search(start) and not _HTML_START.search(start):
        return Format.FEED
    if _HTML_START.search(start):
        return Format.HTML
    if name_hint is not None:
        return name_hint
    if start.startswith(b"{"):
        return Format.JSONL
    if len(_HTML_TAGS.findall(start)) >= 2:
        return Format.HTML
    return Format.TEXT
