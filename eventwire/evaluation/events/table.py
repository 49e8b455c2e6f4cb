"""An aligned plain-text table of level results, for a terminal or a CI log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from eventwire.evaluation.events.metrics import MICRO, LevelResult, LevelScore

HEADER = ("set", "level", "label", "n", "tp", "fp", "fn", "prec", "rec", "f1", "macro-f1", "acc")
_TEXT_COLUMNS = 3  # set, level, label are left-aligned; the numbers right-aligned


def format_table(results: Iterable[LevelResult], *, per_label: bool = True) -> str:
    """One block per (set, level): the labels (if `per_label`), then the micro row with macro-F1
    and accuracy, then the not-asserted row when the set has such gold events."""
    rows: list[tuple[str, ...]] = [HEADER]
    for result in results:
        if per_label:
            rows.extend(_score_row(result, score) for score in result.labels)
        rows.append(_micro_row(result))
        if result.not_asserted.gold or result.not_asserted.predicted:
            note = (
                f"not asserted: {result.not_asserted.gold} gold,"
                f" {result.not_asserted.predicted} predicted"
            )
            rows.append((result.set_name, result.level, note, *[""] * 9))
    return "\n".join(_aligned(rows))


def _score_row(result: LevelResult, score: LevelScore) -> tuple[str, ...]:
    return (
        result.set_name,
        result.level,
        score.label,
        "",
        str(score.tp),
        str(score.fp),
        str(score.fn),
        _number(score.precision),
        _number(score.recall),
        _number(score.f1),
        "",
        "",
    )


def _micro_row(result: LevelResult) -> tuple[str, ...]:
    row = list(_score_row(result, result.micro))
    row[2] = MICRO
    row[3] = str(result.sentences)
    row[10] = _number(result.macro_f1)
    row[11] = _number(result.accuracy)
    return tuple(row)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _aligned(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADER))]
    # A long not-asserted note would widen the label column for every row: let it overflow.
    label_width = max(len(row[2]) for row in rows if not row[2].startswith("not asserted"))
    widths[2] = label_width
    lines = []
    for row in rows:
        cells = [
            cell.ljust(width) if column < _TEXT_COLUMNS else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        if row[2].startswith("not asserted"):
            cells = [*cells[:2], row[2]]
        lines.append("  ".join(cells).rstrip())
    return lines
