"""Near-duplicate linking: copies and rewrites link to the earliest root, other articles do not.

News-like texts are generated here from a few sentence templates (fixed seeds), so that unrelated
articles share the vocabulary and phrasing of one topic. The tests of link structure (chains,
date order) use blocks of random words instead, whose overlaps are known by construction; each
asserts the similarities it relies on, so that it cannot pass for the wrong reason.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date

import pytest

from eventwire.merge.duplicates import (
    CANDIDATE_RECALL,
    MIN_WORDS,
    NUM_PERM,
    SHINGLE,
    THRESHOLD,
    DuplicateIndex,
    Signature,
    article_signature,
    band_params,
    signature,
)
from eventwire.merge.shingles import shingles, words
from eventwire.records import Article, ArticleId, StoredSignature

ACTORS = ["Russia", "Ukraine", "NATO", "France", "Germany", "Poland", "China", "Turkey",
          "Britain", "Japan", "the United States", "the European Union"]  # fmt: skip
PLACES = ["Geneva", "Vienna", "Warsaw", "Riga", "Ankara", "Oslo", "Brussels", "Istanbul"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEMPLATES = [
    "{a} held talks with {b} in {p} on {d}, officials said.",
    "{a} accused {b} of breaking the ceasefire near {p} on {d}.",
    "The foreign minister of {a} said some progress had been made on prisoner exchanges.",
    "{a} urged {b} to return to the negotiating table before the end of the month.",
    "Diplomats in {p} cautioned that any deal would take {n} months to implement.",
    "{b} rejected a proposal from {a} to freeze the front line.",
    "Monitors reported {n} violations of the truce along the eastern sector overnight.",
    "{a} pledged {n} million dollars in humanitarian aid to {b}.",
    "Protesters gathered outside the embassy of {b} in {p} on {d}.",
    "Analysts said the dispute could embolden {b} to test the alliance further.",
    "{a} and {b} agreed to meet again in {p} next month.",
    "A spokesperson for {a} declined to say when the talks would resume.",
    "{a} expelled {n} diplomats from {b}, citing interference in its affairs.",
    "The meeting in {p} lasted {n} hours and ended without a joint statement.",
    "Officials from {b} described the atmosphere in {p} as tense but businesslike.",
    "{a} warned {b} against any further escalation along the border.",
    "Opposition politicians in {a} criticised the handling of the crisis.",
    "Markets in {p} reacted nervously to the news on {d}.",
    "{b} said it reserved the right to respond to what it called provocations.",
    "Earlier this year {a} and {b} signed a memorandum on energy supplies in {p}.",
    "Rescue teams in {p} searched the rubble for survivors after the strike on {d}.",
    "{a} summoned the ambassador of {b} over remarks made in {p}.",
    "Shipping through the strait resumed on {d} after a pause of {n} days.",
    "{n} people were injured in clashes between police and demonstrators in {p}.",
    "Lawmakers in {a} approved a budget that raises defence spending by {n} percent.",
    "Inspectors arrived at the nuclear plant near {p} after weeks of delay.",
    "{b} denied reports that its troops had crossed into the buffer zone.",
    "Grain exports from {a} fell by {n} percent compared with last year.",
    "Hackers linked to {b} were blamed for an outage at the airport in {p}.",
    "The court in {p} sentenced {n} activists to prison on {d}.",
    "Leaders of {a} and {b} spoke by telephone for {n} minutes on {d}.",
    "A convoy carrying fuel and medicine reached {p} on {d}.",
    "{a} announced new sanctions on banks and shipping firms linked to {b}.",
    "Turnout in the local elections in {p} was {n} percent, the commission said.",
    "Refugees waited for hours at the crossing near {p} in freezing rain.",
    "{b} accused {a} of spreading disinformation about the incident in {p}.",
    "The central bank of {a} raised interest rates by {n} basis points on {d}.",
    "Firefighters in {p} battled a blaze at a fuel depot for {n} hours.",
    "{a} offered to host a summit on food security in {p}.",
    "Teachers in {p} went on strike on {d} over unpaid wages.",
]
TOPIC_TEMPLATES = 10  # each article tells its own story: a few of the topic's sentence shapes
FILLERS = ["reportedly", "also", "meanwhile", "officials", "sources", "crisis", "border",
           "security", "pressure", "statement", "allies", "measures", "support"]  # fmt: skip


def news(rng: random.Random, length: int = 300, shapes: list[str] | None = None) -> str:
    """A news-like text on the one topic of TEMPLATES, built from a few of its sentence shapes
    (or from `shapes`)."""
    shapes = shapes or rng.sample(TEMPLATES, TOPIC_TEMPLATES)
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < length:
        a, b = rng.sample(ACTORS, 2)
        fills = {"a": a, "b": b, "p": rng.choice(PLACES), "d": rng.choice(DAYS)}
        sentences.append(rng.choice(shapes).format(n=rng.randint(2, 90), **fills))
    return " ".join(sentences)


def rewrite(text: str, share: float, rng: random.Random) -> str:
    """Replace `share` of the words, at random positions, with other news words."""
    tokens = text.split()
    for position in rng.sample(range(len(tokens)), round(share * len(tokens))):
        tokens[position] = rng.choice(FILLERS)
    return " ".join(tokens)


def block(rng: random.Random, length: int = 100) -> str:
    """Random words: two blocks share (almost) no shingle, so overlaps are set by construction."""
    return " ".join(f"w{rng.randrange(100_000)}" for _ in range(length))


def exact_jaccard(first: str, second: str) -> float:
    a, b = shingles(words(first), SHINGLE), shingles(words(second), SHINGLE)
    return len(a & b) / len(a | b)


def add(index: DuplicateIndex, article_id: str, text: str, order: int) -> str | None:
    return index.add(article_id, signature(text), date(2024, 3, 1), order)


# --- what links and what does not ------------------------------------------------------------


def test_an_exact_copy_links_to_its_original() -> None:
    text = news(random.Random(1))
    index = DuplicateIndex()
    assert add(index, "original", text, 0) is None
    assert add(index, "copy", text, 1) == "original"


def test_a_copy_that_differs_only_in_case_and_punctuation_has_the_same_signature() -> None:
    text = news(random.Random(2))
    variant = text.upper().replace(",", " ,").replace(".", "!") + " \u201c\u201d"
    assert signature(variant) == signature(text)


def test_a_ten_percent_rewrite_links_to_its_original() -> None:
    rng = random.Random(3)
    text = news(rng)
    index = DuplicateIndex()
    add(index, "original", text, 0)
    assert add(index, "rewrite", rewrite(text, 0.10, rng), 1) == "original"


def test_a_copy_with_a_new_headline_and_boilerplate_links() -> None:
    rng = random.Random(4)
    text = news(rng)
    copy = "\n".join(["NATO allies split over talks", "Advertisement", text, "Share this article"])
    index = DuplicateIndex()
    add(index, "original", text, 0)
    assert add(index, "copy", copy, 1) == "original"


def test_an_unrelated_article_on_the_same_topic_does_not_link() -> None:
    rng = random.Random(5)
    shapes = rng.sample(TEMPLATES, TOPIC_TEMPLATES)
    first, second = news(rng, shapes=shapes), news(rng, shapes=shapes)
    # Same sentence shapes, other actors, places and numbers: the two share much of their
    # phrasing (real articles on one subject share far less), or this test would prove nothing.
    assert exact_jaccard(first, second) > 0.15
    index = DuplicateIndex()
    add(index, "first", first, 0)
    assert add(index, "second", second, 1) is None


def test_many_unrelated_articles_on_one_topic_link_to_nothing() -> None:
    rng = random.Random(6)
    index = DuplicateIndex()
    links = [add(index, f"a{n}", news(rng), n) for n in range(60)]
    assert links == [None] * 60


# --- which root -----------------------------------------------------------------------------


def test_a_copy_of_a_copy_links_to_the_root_even_when_it_does_not_match_the_root() -> None:
    rng = random.Random(7)
    p1, p2, p3, q3, q4 = (block(rng) for _ in range(5))
    a, b, c = f"{p1} {p2} {p3}", f"{p1} {p2} {q3}", f"{p2} {q3} {q4}"
    assert signature(b).similarity(signature(a)) >= THRESHOLD
    assert signature(c).similarity(signature(b)) >= THRESHOLD
    assert signature(c).similarity(signature(a)) < THRESHOLD  # C matches only B
    index = DuplicateIndex()
    assert add(index, "A", a, 0) is None
    assert add(index, "B", b, 1) == "A"
    assert add(index, "C", c, 2) == "A"
    assert index.duplicate_of("C") == "A"


def two_roots_and_their_merge(seed: int) -> tuple[Signature, Signature, Signature]:
    """A and B share nothing; C holds both, so it matches both roots."""
    rng = random.Random(seed)
    a, b = block(rng, 150), block(rng, 150)
    sig_a, sig_b, sig_c = signature(a), signature(b), signature(f"{a} {b}")
    assert sig_c.similarity(sig_a) >= THRESHOLD
    assert sig_c.similarity(sig_b) >= THRESHOLD
    assert sig_a.similarity(sig_b) < THRESHOLD
    return sig_a, sig_b, sig_c


def test_of_two_matching_roots_the_dated_one_wins_over_an_earlier_ingested_undated_one() -> None:
    sig_a, sig_b, sig_c = two_roots_and_their_merge(8)
    index = DuplicateIndex()
    assert index.add("undated", sig_a, None, 0) is None
    assert index.add("dated", sig_b, date(2024, 5, 1), 1) is None
    assert index.add("merge", sig_c, date(2024, 5, 2), 2) == "dated"


def test_of_two_matching_roots_the_earlier_date_wins_whatever_the_ingestion_order() -> None:
    sig_a, sig_b, sig_c = two_roots_and_their_merge(9)
    index = DuplicateIndex()
    index.add("later", sig_a, date(2024, 5, 3), 0)
    index.add("earlier", sig_b, date(2024, 5, 1), 1)
    assert index.add("merge", sig_c, None, 2) == "earlier"


def test_of_two_matching_roots_on_the_same_date_the_first_ingested_wins() -> None:
    sig_a, sig_b, sig_c = two_roots_and_their_merge(10)
    index = DuplicateIndex()
    index.add("second", sig_a, date(2024, 5, 1), 5)
    index.add("first", sig_b, date(2024, 5, 1), 3)
    assert index.add("merge", sig_c, date(2024, 5, 1), 6) == "first"


def test_an_older_version_ingested_later_links_to_the_stored_root_which_keeps_its_link() -> None:
    text = news(random.Random(11))
    index = DuplicateIndex()
    index.add("newer", signature(text), date(2024, 5, 2), 0)
    assert index.add("older", signature(text), date(2024, 5, 1), 1) == "newer"
    assert index.duplicate_of("newer") is None


# --- storing and reloading ------------------------------------------------------------------


def test_signature_bytes_round_trip() -> None:
    sig = signature(news(random.Random(12)))
    again = Signature.from_bytes(sig.to_bytes())
    assert again == sig
    assert again.similarity(sig) == 1.0
    assert (again.words, again.shingle) == (sig.words, sig.shingle)


def test_signature_bytes_do_not_change_between_versions() -> None:
    # Stored signatures must stay comparable with new ones: if this fails, the hashing or the
    # layout changed, and _FORMAT must change with it (stored signatures are then recomputed).
    data = signature("Foreign ministers met in Vienna on Tuesday and agreed to meet again.")
    assert len(data.to_bytes()) == 6 + 13 + 4 * NUM_PERM
    assert hashlib.sha256(data.to_bytes()).hexdigest()[:16] == GOLDEN_SIGNATURE_SHA256


GOLDEN_SIGNATURE_SHA256 = "c4ce634e756f6e23"


def test_other_bytes_are_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        Signature.from_bytes(b"\x07" + bytes(600))
    with pytest.raises(ValueError, match="format"):
        Signature.from_bytes(b"")
    whole = signature(news(random.Random(18))).to_bytes()
    with pytest.raises(ValueError, match="damaged"):
        Signature.from_bytes(whole[:100])
    with pytest.raises(ValueError, match="damaged"):
        Signature.from_bytes(whole[:6] + bytes(20))


def test_a_reloaded_index_gives_the_same_links_and_the_same_answers() -> None:
    rng = random.Random(13)
    originals = [news(rng) for _ in range(8)]
    stream = [
        (f"{kind}{n}", text)
        for n, original in enumerate(originals)
        for kind, text in [
            ("o", original),
            ("c", original + " Read more on our website."),
            ("r", rewrite(original, 0.1, rng)),
        ]
    ]
    rng.shuffle(stream)
    first = DuplicateIndex()
    rows = []
    for order, (article_id, text) in enumerate(stream):
        sig = signature(text)
        published = None if order % 4 == 0 else date(2024, 3, 1 + order % 3)
        root = first.add(article_id, sig, published, order)
        rows.append((article_id, sig.to_bytes(), published, order, root))
    assert any(first.duplicate_of(article_id) for article_id, _ in stream)
    published_of = {row[0]: (row[2], row[3]) for row in rows}
    stored = [
        StoredSignature(*row, *(published_of[row[4]] if row[4] else (None, 0))) for row in rows
    ]

    reloaded = DuplicateIndex()
    reloaded.load(reversed(stored))  # stored rows come in any order
    ids = [article_id for article_id, _ in stream]
    assert [reloaded.duplicate_of(i) for i in ids] == [first.duplicate_of(i) for i in ids]
    newcomer = signature(rewrite(originals[3], 0.05, rng))
    expected = first.add("new", newcomer, date(2024, 3, 9), len(stream))
    assert expected is not None
    assert reloaded.add("new", newcomer, date(2024, 3, 9), len(stream)) == expected


# --- short, empty and wrong input -----------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "...", "Advertisement", "Share this article"])
def test_empty_and_very_short_texts_never_link(text: str) -> None:
    index = DuplicateIndex()
    assert add(index, "first", text, 0) is None
    assert add(index, "same again", text, 1) is None
    assert add(index, "long", news(random.Random(14)), 2) is None
    assert index.duplicate_of("first") is None
    assert len(index) == 3


def test_a_text_just_under_the_minimum_never_links_and_one_at_it_does() -> None:
    short = " ".join(f"w{n}" for n in range(MIN_WORDS - 1))
    full = " ".join(f"w{n}" for n in range(MIN_WORDS))
    assert not signature(short).linkable
    assert signature(full).linkable
    index = DuplicateIndex()
    add(index, "short", short, 0)
    assert add(index, "short copy", short, 1) is None
    add(index, "full", full, 2)
    assert add(index, "full copy", full, 3) == "full"


def test_adding_an_article_twice_is_refused() -> None:
    index = DuplicateIndex()
    add(index, "a", news(random.Random(15)), 0)
    with pytest.raises(ValueError, match="already"):
        add(index, "a", news(random.Random(16)), 1)


def test_a_signature_of_another_shingle_size_is_refused() -> None:
    with pytest.raises(ValueError, match="recompute"):
        DuplicateIndex().add("a", signature("some text", shingle=SHINGLE + 1), None, 0)


def test_an_article_is_signed_by_its_body_not_its_headline() -> None:
    body = news(random.Random(17))
    one, other = (
        Article(
            article_id=ArticleId(f"id{n}"),
            source="s",
            location="l",
            title=title,
            author=None,
            outlet=None,
            published=None,
            published_via=None,
            language="en",
            text=body,
        )
        for n, title in enumerate(["Talks stall in Geneva", "Allies split over ceasefire"])
    )
    assert article_signature(one) == article_signature(other)


@pytest.mark.parametrize("threshold", [0.3, 0.35, 0.5, 0.7, 0.9])
def test_lsh_bands_propose_pairs_at_the_threshold(threshold: float) -> None:
    bands, rows = band_params(threshold, NUM_PERM)
    assert bands * rows <= NUM_PERM
    assert 1 - (1 - threshold**rows) ** bands >= CANDIDATE_RECALL


def test_shingles_of_a_text_shorter_than_the_shingle_size() -> None:
    assert shingles([], 3) == set()
    assert shingles(["nato"], 3) == {"nato"}
    assert shingles(["a", "b", "c", "d"], 3) == {"a b c", "b c d"}
    quoted = "\u201cNATO\u2019s\u201d chief, in Vienna."
    assert words(quoted) == ["nato", "s", "chief", "in", "vienna"]


# --- the window ----------------------------------------------------------------------------


def test_the_index_forgets_the_earliest_articles_beyond_its_window() -> None:
    rng = random.Random(21)
    originals = [news(rng) for _ in range(4)]
    index = DuplicateIndex(window=3)
    for order, text in enumerate(originals):
        add(index, f"o{order}", text, order)
    assert len(index) == 3
    assert "o0" not in index
    # A copy of an article that left the window founds its own cluster; one of an article
    # still in it links.
    assert add(index, "copy of o0", originals[0] + " Read more on our website.", 4) is None
    assert add(index, "copy of o3", originals[3] + " Read more on our website.", 5) == "o3"


def test_a_copy_links_to_its_root_after_the_root_has_left_the_window() -> None:
    rng = random.Random(22)
    original = news(rng)
    index = DuplicateIndex(window=2)
    add(index, "root", original, 0)
    assert add(index, "copy", original + " Share this article.", 1) == "root"
    add(index, "other", news(rng), 2)  # the root leaves
    assert "root" not in index
    assert add(index, "second copy", original + " Leave a comment.", 3) == "root"


def test_a_reloaded_window_keeps_the_latest_articles_and_their_links() -> None:
    rng = random.Random(23)
    original = news(rng)
    texts = [original, original + " Read more.", news(rng), news(rng)]
    first = DuplicateIndex()
    rows = []
    for order, text in enumerate(texts):
        sig = signature(text)
        root = first.add(f"a{order}", sig, None, order)
        rows.append(StoredSignature(f"a{order}", sig.to_bytes(), None, order, root, None, 0))
    reloaded = DuplicateIndex(window=3)
    reloaded.load(rows)
    assert "a0" not in reloaded
    assert reloaded.duplicate_of("a1") == "a0"
    assert add(reloaded, "a4", original + " Leave a comment.", 4) == "a0"


def test_a_window_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="window"):
        DuplicateIndex(window=0)
