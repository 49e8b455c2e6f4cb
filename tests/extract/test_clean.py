"""Cleaning plain text: furniture goes with a reason, body text always stays, metadata is kept.

The furniture and body lines here are written for these tests in many shapes, so the cleaner is
tested on kinds of furniture, not on the strings of the real articles in ../shared.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.extract.clean import clean_text

BODY = [
    "Foreign ministers from both countries met in Vienna on Tuesday and agreed to meet again.",
    "The talks lasted nearly five hours, according to two diplomats who attended the session.",
    "Moscow has demanded written guarantees that the alliance will not expand further east.",
    "Washington rejected the demand but offered to discuss limits on missile deployments.",
    "A spokesman for the ministry said the delegation would report to the president this week.",
    "Several allies said they had not been consulted before the meeting was announced.",
    "Officials in Warsaw and Vilnius asked for more troops to be stationed on their territory.",
    "The negotiators plan to exchange proposals on military exercises before the next round.",
]

# (line, the word its removal reason must contain)
FURNITURE = [
    ("ADVERTISEMENT", "ad"),
    ("Sponsored: Ten gadgets that will change how you travel", "ad"),
    ("You might also like: The quiet villages of the Alps", "ad"),
    ("Read more: Why the summit matters for the markets", "ad"),
    ("Related stories", "ad"),
    ("Leave a Reply", "comment"),
    ("Join the conversation", "comment"),
    ("12 Comments", "comment"),
    ("We use cookies to improve your experience. Accept all cookies", "cookie"),
    ("AdBlock detected: please turn off your ad blocker to support us", "ad-blocker"),
    ("Sign up for our daily newsletter", "newsletter"),
    ("Share on Facebook | Share on WhatsApp | Email", "share"),
    ("Photo: Delegates arrive at the venue / Reuters", "photo"),
    ("Image credit: staff photographer", "photo"),
    ("Delegates at the conference centre in Vienna/AFP", "photo"),
    ("<!-- sidebar widget -->", "template"),
    ("{{ related_articles }}", "template"),
    ("* * *", "punctuation"),
    ("|---|---|", "punctuation"),
    ("BREAKING NEWS", "teaser"),
]


@settings(max_examples=60, deadline=None)
@given(
    furniture=st.lists(st.sampled_from(FURNITURE), min_size=1, max_size=6, unique=True),
    positions=st.lists(st.integers(min_value=1, max_value=len(BODY) - 1), min_size=6, max_size=6),
)
def test_furniture_goes_with_its_reason_and_body_text_stays(
    furniture: list[tuple[str, str]], positions: list[int]
) -> None:
    lines = list(BODY)
    for (line, _), position in zip(reversed(furniture), positions, strict=False):
        lines.insert(position, line)
    cleaned = clean_text("Talks in Vienna end without a deal\n" + "\n".join(lines))
    kept = cleaned.text.splitlines()
    assert kept == BODY
    reasons = {item.text: item.reason for item in cleaned.removed}
    for line, reason_word in furniture:
        assert reason_word in reasons[line], (line, reasons[line])


def test_breadcrumb_title_and_byline_become_metadata() -> None:
    text = "\n".join(
        [
            "Home » World » Europe",
            "Talks in Vienna end without a deal",
            "By Jane Fielding, Europe Correspondent | The Harbour Times",
            *BODY,
        ]
    )
    cleaned = clean_text(text)
    assert cleaned.title == "Talks in Vienna end without a deal"
    assert cleaned.author == "Jane Fielding"
    assert cleaned.outlet == "The Harbour Times"
    assert cleaned.text.splitlines() == BODY
    assert cleaned.removed[0].reason == "breadcrumb"


def test_a_republished_half_article_collapses_to_its_first_occurrence() -> None:
    first_half = ["Ministers meet in Vienna", *BODY[:4]]
    rewritten = [
        line.replace("Tuesday", "Wednesday").replace("nearly", "almost") for line in first_half
    ]
    cleaned = clean_text("\n".join(["A headline for the page", *first_half, *BODY[4:], *rewritten]))
    assert cleaned.text.splitlines() == [*first_half, *BODY[4:]]
    repeated = [r for r in cleaned.removed if r.reason.startswith("repeated section")]
    assert len(repeated) == len(rewritten)


def test_similar_list_lines_are_not_mistaken_for_a_repeat() -> None:
    items = [
        f"Day {n}: delegations from {n + 2} countries meet in the conference hall to talk"
        for n in range(1, 6)
    ]
    cleaned = clean_text("\n".join(["Programme of the week", *BODY[:3], *items]))
    assert cleaned.text.splitlines() == [*BODY[:3], *items]


def test_glued_sentences_are_repaired_but_abbreviations_and_numbers_are_not() -> None:
    cleaned = clean_text(
        "A headline\nIn a statement,a senior official said the talks failed.The next round is "
        "in May.\nThe U.S. share rose to 2.5% of GDP, e.g. in 2024, said example.com today."
    )
    assert cleaned.text.splitlines() == [
        "In a statement, a senior official said the talks failed. The next round is in May.",
        "The U.S. share rose to 2.5% of GDP, e.g. in 2024, said example.com today.",
    ]
    assert cleaned.repairs == 2


def test_wire_credit_and_embedded_tweet_are_kept_as_metadata() -> None:
    cleaned = clean_text(
        "\n".join(
            [
                "Headline about the talks",
                *BODY[:3],
                "OUTLET: Envoys agree to a second round of talks, officials say.",
                "— Some Reporter (@some_reporter) March 3, 2023",
                *BODY[3:],
                "(AFP/xy)",
            ]
        )
    )
    assert cleaned.reported_by == ("AFP",)
    (reference,) = cleaned.references
    assert reference.handle == "@some_reporter" and reference.on == date(2023, 3, 3)
    assert reference.text.startswith("OUTLET: Envoys agree")
    assert cleaned.published == date(2023, 3, 3)
    assert "earliest possible" in (cleaned.published_via or "")


def test_a_dateline_without_a_year_gives_no_date() -> None:
    cleaned = clean_text("Headline\nVIENNA, Jan 13 — " + " ".join(BODY))
    assert cleaned.published is None


def test_a_dateline_or_date_line_with_a_year_gives_the_date() -> None:
    with_dateline = clean_text("Headline\nGENEVA, January 10, 2022 — " + " ".join(BODY))
    assert with_dateline.published == date(2022, 1, 10)
    with_line = clean_text("Headline\nPublished: 18 February 2025\n" + "\n".join(BODY))
    assert with_line.published == date(2025, 2, 18) and with_line.text.splitlines() == BODY


def test_headings_are_kept_and_marked() -> None:
    cleaned = clean_text("\n".join(["Page headline", BODY[0], "What comes next", *BODY[1:]]))
    headings = [cleaned.text[span.start : span.end] for span in cleaned.headings]
    assert headings == ["What comes next"]
    assert "What comes next" in cleaned.text.splitlines()


def test_a_trailing_headline_from_elsewhere_is_removed() -> None:
    cleaned = clean_text(
        "\n".join(["Headline", *BODY, "Youth Rally in the Capital – othersite.org"])
    )
    assert cleaned.text.splitlines() == BODY
    assert cleaned.removed[-1].reason.startswith("trailing headline")
