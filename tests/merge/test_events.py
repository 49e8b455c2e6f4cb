"""Canonical events: which reports of an event merge, and which stay apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eventwire.merge.events import (
    EventMerger,
    actors_compatible,
    content_words,
    dates_compatible,
)
from eventwire.records import ArticleId, EventMention

TALKS = "Turkey held talks with Israel in Istanbul on Monday about the border crossings."


def mention(
    event_id: str,
    article: str,
    sentence: str = TALKS,
    event_type: str = "CONSULT",
    source: tuple[str, ...] = ("TUR",),
    target: tuple[str, ...] = ("ISR",),
    day: date | None = date(2024, 3, 4),
    precision: str | None = "day",
    published: date | None = date(2024, 3, 5),
) -> EventMention:
    return EventMention(
        event_id=event_id,
        article_id=ArticleId(article),
        event_type=event_type,
        source_codes=frozenset(source),
        target_codes=frozenset(target),
        published=published,
        date=day,
        date_precision=precision,
        sentence=sentence,
        char_start=0,
        char_end=len(sentence),
        cited=(),
        background=False,
    )


def add(merger: EventMerger, m: EventMention, root: str | None = None, origin: str = "X") -> str:
    return merger.add(m, ArticleId(root or m.article_id), origin).canonical.canonical_id


def test_an_independent_report_in_other_words_joins_the_first_and_counts_as_a_second_source() -> (
    None
):
    merger = EventMerger()
    first = add(merger, mention("e1", "a1"), origin="Reuters")
    other = "Israeli and Turkish officials met in Istanbul on Monday to discuss border crossings."
    joined = merger.add(
        mention("e2", "a2", other, source=("ISR",), target=("TUR",)), ArticleId("a2"), "AP"
    )
    assert joined.canonical.canonical_id == first
    assert joined.via == "report"
    assert joined.canonical.corroboration == 2
    assert joined.canonical.independent_sources == 2


def test_two_rewrites_of_one_wire_report_count_as_one_independent_source() -> None:
    merger = EventMerger()
    add(merger, mention("e1", "a1"), origin="Reuters")
    joined = merger.add(mention("e2", "a2"), ArticleId("a2"), "Reuters")
    assert joined.canonical.corroboration == 2
    assert joined.canonical.independent_sources == 1


def test_the_same_actors_and_type_a_month_apart_are_two_events() -> None:
    merger = EventMerger()
    first = add(merger, mention("e1", "a1"))
    later = mention("e2", "a2", day=date(2024, 4, 8), published=date(2024, 4, 8))
    assert add(merger, later) != first
    assert len(merger) == 2


def test_a_different_type_or_disjoint_actors_never_merge() -> None:
    merger = EventMerger()
    first = add(merger, mention("e1", "a1"))
    assert add(merger, mention("e2", "a2", event_type="ACCUSE")) != first
    assert add(merger, mention("e3", "a3", source=("FRA",), target=("DEU",))) != first


def test_a_copy_with_other_actors_still_merges_with_the_report_it_copies() -> None:
    merger = EventMerger()
    first = add(merger, mention("e1", "a1"))
    copy = mention("e2", "a2", source=("SAU",), target=())
    joined = merger.add(copy, ArticleId("a1"), "X")  # a2 is a near-duplicate of a1
    assert joined.canonical.canonical_id == first
    assert joined.via == "copy"


def test_an_undated_report_needs_both_actors_and_much_the_same_words() -> None:
    merger = EventMerger()
    first = add(merger, mention("e1", "a1", day=None, precision=None, published=None))
    undated = mention("e2", "a2", day=None, precision=None, published=None)
    assert add(merger, undated) == first  # same actors on both sides, same words
    loose = replace(undated, event_id="e3", article_id=ArticleId("a3"), sentence="Talks began.")
    assert add(merger, loose) != first
    one_sided = replace(
        undated, event_id="e4", article_id=ArticleId("a4"), target_codes=frozenset()
    )
    assert add(merger, one_sided) != first
    copy = replace(one_sided, event_id="e5", article_id=ArticleId("a5"))
    assert add(merger, copy, "a1") == first  # a copy of the first report joins it anyway


def test_an_undated_event_takes_the_date_of_the_first_dated_report() -> None:
    merger = EventMerger()
    add(merger, mention("e1", "a1", day=None, precision=None, published=None))
    joined = merger.add(mention("e2", "a2"), ArticleId("a2"), "X").canonical
    assert (joined.anchor, joined.date_precision) == (date(2024, 3, 4), "day")


def test_two_events_of_one_article_stay_two() -> None:
    merger = EventMerger()
    first = add(merger, mention("e1", "a1"))
    assert add(merger, mention("e2", "a1")) != first


def test_a_merger_rebuilt_from_its_canonical_events_merges_as_before() -> None:
    merger = EventMerger()
    first = add(merger, mention("e1", "a1"), origin="Reuters")
    rebuilt = EventMerger()
    rebuilt.load(merger.events())
    joined = rebuilt.add(mention("e2", "a2"), ArticleId("a2"), "AP")
    assert joined.canonical.canonical_id == first
    assert joined.canonical.origins == ("Reuters", "AP")


def test_date_compatibility_follows_precision() -> None:
    monday, tuesday = date(2024, 3, 4), date(2024, 3, 5)
    assert dates_compatible(monday, "day", tuesday, "day")
    assert not dates_compatible(monday, "day", date(2024, 3, 7), "day")
    assert dates_compatible(monday, "day", date(2024, 3, 7), "publication")
    assert dates_compatible(monday, "month", date(2024, 3, 30), "day")
    assert not dates_compatible(monday, "year", date(2023, 3, 4), "year")
    assert not dates_compatible(None, "day", monday, "day")


def test_symmetric_types_accept_reversed_sides_and_others_do_not() -> None:
    tur, isr = frozenset({"TUR"}), frozenset({"ISR"})
    assert actors_compatible("CONSULT", tur, isr, isr, tur)
    assert not actors_compatible("ACCUSE", tur, isr, isr, tur)
    assert actors_compatible("ACCUSE", tur, frozenset(), tur, isr)
    assert not actors_compatible("ACCUSE", frozenset(), frozenset(), frozenset(), frozenset())


def test_content_words_leave_out_reporting_and_function_words() -> None:
    assert content_words("Officials said the talks were held in Geneva") == {
        "officials",
        "talks",
        "held",
        "geneva",
    }


# --- the window ----------------------------------------------------------------------------

PAIRS = [("TUR", "ISR"), ("FRA", "DEU"), ("POL", "LTU")]


def talks(event_id: str, article: str, pair: tuple[str, str]) -> EventMention:
    sentence = f"{pair[0]} held talks with {pair[1]} in Geneva on Monday about trade."
    return mention(event_id, article, sentence, source=pair[:1], target=pair[1:])


def test_the_merger_forgets_the_least_recently_touched_event_beyond_its_window() -> None:
    merger = EventMerger(window=2)
    first, second, third = (
        add(merger, talks(f"e{n}", f"a{n}", pair)) for n, pair in enumerate(PAIRS)
    )
    assert len(merger) == 2
    # The first event left the window: a report of it founds a new one. The third is still in
    # it: a report of it joins.
    assert add(merger, talks("e3", "a3", PAIRS[0])) == "e3" != first
    assert add(merger, talks("e4", "a4", PAIRS[2])) == third
    assert second not in {c.canonical_id for c in merger.events()}


def test_joining_an_event_keeps_it_in_the_window() -> None:
    merger = EventMerger(window=2)
    first = add(merger, talks("e0", "a0", PAIRS[0]))
    add(merger, talks("e1", "a1", PAIRS[1]))
    assert add(merger, talks("e2", "a2", PAIRS[0])) == first  # touched: now the latest
    add(merger, talks("e3", "a3", PAIRS[2]))  # the second leaves, not the first
    assert add(merger, talks("e4", "a4", PAIRS[0])) == first


def test_a_forgotten_copy_block_no_longer_proposes_its_event() -> None:
    merger = EventMerger(window=1)
    add(merger, mention("e1", "a1"), root="root")
    add(merger, talks("e2", "a2", PAIRS[1]))
    # A copy of the first article, in the first's words: its event has left the window.
    assert add(merger, mention("e3", "a3"), root="root") == "e3"


def test_a_window_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="window"):
        EventMerger(window=0)


def test_a_copy_is_compared_with_the_latest_events_of_its_root_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import eventwire.merge.events as events

    monkeypatch.setattr(events, "COPY_RECENT", 2)
    merger = EventMerger()
    sentences = [
        "Envoys held talks on grain shipments across the sea.",
        "Ministers discussed pipeline tariffs during a summit.",
        "Generals negotiated prisoner exchanges near the border.",
    ]
    first, *_ = (
        add(merger, mention(f"e{n}", f"a{n}", text, source=(), target=(), day=None), root="r")
        for n, text in enumerate(sentences)
    )
    # The first event has left its root's block: a copy of its report founds an event.
    copied = mention("e9", "a9", sentences[0], source=(), target=(), day=None)
    assert add(merger, copied, root="r") == "e9" != first
    copied_last = mention("e8", "a8", sentences[2], source=(), target=(), day=None)
    assert add(merger, copied_last, root="r") == "e2"
