"""Reading gold files: a clear error when one is missing, JSON Lines, compact dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any


class GoldFileMissingError(FileNotFoundError):
    """A gold file is not where the shared eval folder should have it."""


def require_file(path: Path) -> Path:
    if not path.is_file():
        raise GoldFileMissingError(
            f"gold file not found: {path} (the gold sets live beside the repo, in ../shared/eval)"
        )
    return path


def read_json_lines(path: Path) -> list[dict[str, Any]]:
    """One JSON object per non-blank line; a bad line is reported with its number."""
    records = []
    with require_file(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON: {error}") from error
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{number}: expected an object")
            records.append(record)
    return records


def compact_date(text: str) -> date | None:
    """`YYYYMMDD`, `YYMMDD` (TABARI: years 50-99 are 19xx) or `YYYY-MM-DD`; None if invalid."""
    digits = text.strip().replace("-", "")
    if not digits.isdigit():
        return None
    if len(digits) == 6:
        century = "19" if int(digits[:2]) >= 50 else "20"
        digits = century + digits
    if len(digits) != 8:
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
