"""The generated corpus for event merging (benchmarks/merge_corpus.py): its labels are what the
design says they are, and its pairwise scores count what they should.

The generator lives outside the package, so it is loaded from its file, as the duplicate-linking
quality gate loads benchmarks/duplicates.py.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import replace
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import load_benchmark

WORLD_KINDS = {"original", "rewrite", "copy_headline", "copy_wire_credit", "independent"}
COPY_KINDS = {"rewrite", "copy_headline", "copy_wire_credit"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _load() -> ModuleType:
    return load_benchmark("merge_corpus")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _load()


@pytest.fixture(scope="module")
def articles(bench: ModuleType) -> list[Any]:
    return list(bench.corpus(24, seed=3))


def _world(article: Any) -> str:
    return str(article.doc_id).split("-")[0]


def _originals(articles: list[Any]) -> dict[str, Any]:
    return {_world(a): a for a in articles if a.kind == "original"}


def _changed(before: str, after: str) -> float:
    """The share of the words of `before` that `after` does not keep, in order."""
    old, new = before.split(), after.split()
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return 1 - sum(block.size for block in matcher.get_matching_blocks()) / len(old)


def test_a_seed_gives_the_same_corpus_and_another_seed_another(bench: ModuleType) -> None:
    first, again, other = bench.corpus(8, seed=3), bench.corpus(8, seed=3), bench.corpus(8, 4)
    assert first == again
    assert [a.text for a in first] != [a.text for a in other]


def test_every_listed_sentence_occurs_once_in_its_article(articles: list[Any]) -> None:
    for article in articles:
        sentences = [event.sentence for event in article.events]
        assert sentences, article.doc_id
        assert len(set(sentences)) == len(sentences), article.doc_id
        for sentence in sentences:
            assert article.text.count(sentence) == 1, (article.doc_id, sentence)
            assert sentence[0].isupper() and sentence.endswith("."), sentence


def test_keys_are_shared_only_within_a_world(articles: list[Any]) -> None:
    worlds_of_key: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for event in article.events:
            worlds_of_key[event.key].add(_world(article))
    for key, worlds in worlds_of_key.items():
        assert worlds == {key.split("-")[0]}, key


def test_independent_reports_share_keys_with_the_original_but_not_its_origin(
    articles: list[Any],
) -> None:
    originals = _originals(articles)
    independents = [a for a in articles if a.kind == "independent"]
    assert len(independents) >= len(originals) // 2
    for article in independents:
        original = originals[_world(article)]
        assert {e.key for e in article.events} <= {e.key for e in original.events}
        assert article.origin == article.outlet != original.origin
        # Its own wording: far from a copy of the wire story.
        assert _changed(original.text, article.text) > 0.6, article.doc_id


def test_rewrites_and_copies_keep_the_wire_as_origin_and_come_after_it(
    articles: list[Any],
) -> None:
    originals = _originals(articles)
    position = {a.doc_id: i for i, a in enumerate(articles)}
    for article in articles:
        if article.kind not in COPY_KINDS:
            continue
        original = originals[_world(article)]
        assert article.origin == original.origin == original.outlet != article.outlet
        assert position[article.doc_id] > position[original.doc_id]
        assert [e.key for e in article.events] == [e.key for e in original.events]


def test_rewrites_change_some_of_the_words_but_not_most(articles: list[Any]) -> None:
    originals = _originals(articles)
    for article in articles:
        if article.kind != "rewrite":
            continue
        assert 0.03 <= _changed(originals[_world(article)].text, article.text) <= 0.35


def test_negatives_bring_new_keys(articles: list[Any]) -> None:
    originals = _originals(articles)
    kinds = {a.kind for a in articles}
    assert {"unrelated_same_actors", "follow_up"} <= kinds
    for article in articles:
        if article.kind in ("unrelated_same_actors", "follow_up"):
            world_keys = {e.key for e in originals[_world(article)].events}
            assert not {e.key for e in article.events} & world_keys, article.doc_id
            assert article.origin == article.outlet


def test_follow_ups_recall_an_earlier_event_without_listing_it(articles: list[Any]) -> None:
    for article in articles:
        if article.kind == "follow_up":
            assert re.search(r"(Last week's|Last month's|The earlier) ", article.text)
            assert len(article.events) == 1


def test_named_weekdays_fit_the_publication_date(articles: list[Any]) -> None:
    named = 0
    for article in articles:
        if article.published is None or article.kind not in WORLD_KINDS:
            continue
        for event in article.events:
            for day in re.findall(r"\b(" + "|".join(WEEKDAYS) + r")\b", event.sentence):
                named += 1
                back = (article.published.weekday() - WEEKDAYS.index(day)) % 7
                assert back <= 2, (article.doc_id, event.sentence, article.published)
    assert named > 0


def test_sizes_and_undated_share_at_the_defaults(bench: ModuleType) -> None:
    articles = bench.corpus()
    assert len({a.doc_id for a in articles}) == len(articles) > 200
    undated = sum(a.published is None for a in articles) / len(articles)
    assert 0.03 < undated < 0.15
    for article in articles:
        if article.kind == "original":
            assert 300 <= len(article.text.split()) <= 520, article.doc_id


def test_records_and_the_command_line(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = bench.GenArticle("w1-x", "original", "AP", "AP", "T", None, "Body.", ())
    assert bench.to_jsonl_record(article) == {
        "url": "https://news.example.org/w1-x",
        "title": "T",
        "outlet": "AP",
        "text": "Body.",
    }
    dated = bench.to_jsonl_record(replace(article, published=date(2024, 3, 5)))
    assert dated["published"] == "2024-03-05"
    out = tmp_path / "c.jsonl"
    monkeypatch.setattr(sys, "argv", ["merge_corpus.py", str(out), "--worlds", "3"])
    bench.main()
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    truth = json.loads((tmp_path / "c.truth.json").read_text(encoding="utf-8"))
    assert [r["url"].rsplit("/", 1)[1] for r in records] == list(truth)
    for record in records:
        label = truth[record["url"].rsplit("/", 1)[1]]
        assert set(label) == {"kind", "origin", "events"}
        assert all(e["sentence"] in record["text"] for e in label["events"])
        if "published" in record:
            date.fromisoformat(record["published"])


def test_pairwise_scores_count_pairs_across_articles(bench: ModuleType) -> None:
    truth = {("a", 0): "e1", ("b", 0): "e1", ("c", 0): "e1", ("a", 1): "e2", ("b", 1): "e2"}
    perfect = bench.pairwise_scores({item: f"k{key}" for item, key in truth.items()}, truth)
    assert (perfect["precision"], perfect["recall"], perfect["f1"]) == (1.0, 1.0, 1.0)
    assert perfect["pairs_true"] == 4.0 and perfect["items"] == 5.0

    merged = {**truth, ("a", 1): "e1", ("b", 1): "e1"}  # e2 wrongly joined to e1
    wrong = bench.pairwise_scores(merged, truth)
    assert wrong["recall"] == 1.0 and wrong["precision"] < 1.0
    # Cross-article pairs in the one predicted cluster: 5 items in 3 articles = 10 - 2 = 8.
    assert wrong["pairs_predicted"] == 8.0 and wrong["precision"] == 4 / 8

    split = {**truth, ("c", 0): "lonely"}
    apart = bench.pairwise_scores(split, truth)
    assert apart["precision"] == 1.0 and apart["recall"] == 2 / 4

    # Pairs inside one article do not count; items missing from either side are left out.
    same_article = {("a", 0): "x", ("a", 1): "x", ("z", 0): "x"}
    ignored = bench.pairwise_scores(same_article, {("a", 0): "e1", ("a", 1): "e2"})
    assert ignored["items"] == 2.0 and ignored["pairs_predicted"] == 0.0
    assert ignored["precision"] == 1.0


def test_match_sentence_finds_the_listed_event(bench: ModuleType) -> None:
    events = (
        bench.GenEvent("w1-e1", "Turkey held talks with Israel in Istanbul on Monday."),
        bench.GenEvent("w1-e2", "Turkey urged Israel to \u201creconsider\u201d its decision."),
    )
    article = bench.GenArticle("w1-original", "original", "AP", "AP", "T", None, "", events)
    spaced = "Turkey  held talks with\nIsrael in Istanbul on Monday. "
    assert bench.match_sentence(article, spaced) == 0
    assert bench.match_sentence(article, 'Turkey urged Israel to "reconsider" its decision.') == 1
    dateline = "ISTANBUL (AP) \u2014 Turkey held talks with Israel in Istanbul on Monday."
    assert bench.match_sentence(article, dateline) == 0
    assert bench.match_sentence(article, "Turkey held talks with Israel in Istanbul") == 0
    assert bench.match_sentence(article, "Turkey met Israel in Istanbul on Monday.") == 0
    assert bench.match_sentence(article, "Israel") is None
    assert bench.match_sentence(article, "Markets reacted calmly to the news.") is None
