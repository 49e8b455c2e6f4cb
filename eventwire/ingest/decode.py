"""Bytes to text: the one place that decides whether an input is text at all."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

import charset_normalizer

from eventwire.records import ArticleId

# A NUL byte never occurs in text of any encoding we accept (UTF-16 input is detected by its BOM
# first), so one in the first few KB means the input is binary.
BINARY_PROBE_BYTES = 8192
# Share of control characters (other than tab/newline/CR) above which decoded text is garbage.
MAX_CONTROL_CHAR_SHARE = 0.01


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), else the encoding charset_normalizer finds."""
    if not data.strip():
        raise DecodeError("empty input (no bytes, or only white space)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16"))
    if b"\x00" in data[:BINARY_PROBE_BYTES]:
        raise DecodeError("binary data (NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DecodeError("cannot decode: not UTF-8, and no other text encoding fits")
    return _checked(str(best))


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _checked(text: str) -> str:
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > MAX_CONTROL_CHAR_SHARE * len(text):
        raise DecodeError("binary data (control characters), not text")
    if not text.strip():
        raise DecodeError("empty input (only white space)")
    return text


def content_id(payload: str, publication: Sequence[str | None] = ()) -> ArticleId:
    """A stable id for a payload: the same text, however its white space or Unicode form varies
    between copies, always gets the same id, so re-ingesting it adds nothing.

    `publication` is what the container says about where the text appeared (URL, outlet,
    title): one wire text republished by two outlets is two articles, each a copy of the other,
    since who republished a report is part of where it travelled."""
    normal = " ".join(unicodedata.normalize("NFC", payload).split())
    stated = "\x1f".join(part or "" for part in publication)
    if stated.strip("\x1f"):
        normal += "\x1e" + stated
    return ArticleId(hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16])
