"""The plain-text table."""

from __future__ import annotations

from eventwire.evaluation.events import Level, format_table, score_items
from tests.evaluation.builders import gold, item, predicted


def test_table_aligns_columns_and_reports_not_asserted_events() -> None:
    items = [
        item(gold("ASSAULT"), gold("CONSULT", status="future")),
        item(gold("PROTEST")),
    ]
    predictions = [[predicted("ASSAULT"), predicted("CONSULT")], [predicted("ACCUSE")]]
    results = score_items(items, predictions, [Level.EVENT_TYPE], set_name="hand")
    lines = format_table(results).splitlines()

    header, *rows = lines
    assert header.split() == [
        "set", "level", "label", "n", "tp", "fp", "fn", "prec", "rec", "f1", "macro-f1", "acc"
    ]  # fmt: skip
    micro = next(row for row in rows if " micro " in row)
    # tp 1 (ASSAULT), fp 1 (ACCUSE), fn 1 (PROTEST): P = R = F1 = 0.5 over 2 sentences;
    # macro over ACCUSE 0, ASSAULT 1, PROTEST 0 = 1/3; the first sentence is exact, since the
    # future CONSULT is excused.
    assert micro.split()[2:] == ["micro", "2", "1", "1", "1", "0.500", "0.500", "0.500", "0.333",
                                 "0.500"]  # fmt: skip
    # Right-aligned numbers: every f1 value ends where the "f1" header does.
    f1_end = header.index(" f1") + len(" f1")
    for row in rows[:-1]:
        assert row[f1_end - 5 : f1_end].strip().replace(".", "").isdigit()
    assert rows[-1].split() == ["hand", "event_type", "not", "asserted:", "1", "gold,", "1",
                                "predicted"]  # fmt: skip


def test_table_can_leave_out_the_labels() -> None:
    results = score_items([item(gold("ASSAULT"))], [[]], [Level.EVENT_TYPE], set_name="hand")
    rows = format_table(results, per_label=False).splitlines()[1:]
    assert len(rows) == 1
    assert " micro " in rows[0]
