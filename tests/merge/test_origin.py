"""Origin chains: from the first reporter to the article's outlet."""

from __future__ import annotations

from datetime import date

from eventwire.merge.origin import event_chain, relayed_by
from eventwire.records import ArticleId, Provenance


def provenance(
    article_id: str, outlet: str, credits: tuple[str, ...] = (), root: str | None = None
) -> Provenance:
    return Provenance(
        ArticleId(article_id), outlet, date(2025, 2, 18), credits, ArticleId(root) if root else None
    )


def test_a_credited_wire_comes_before_the_outlet() -> None:
    article = provenance("a", "The Atlantic Desk", ("Reuters",))
    assert event_chain(article, None) == ("Reuters", "The Atlantic Desk")


def test_a_cited_outlet_is_the_origin_and_nearest_citation_comes_last() -> None:
    article = provenance("a", "Yahoo News", ("AFP",))
    # "AFP reported, citing BILD": reported_by lists the nearest first.
    assert event_chain(article, None, ("AFP", "BILD")) == ("BILD", "AFP", "Yahoo News")


def test_a_copy_starts_with_the_chain_of_the_article_it_copies() -> None:
    root = provenance("r", "Reuters")
    copy = provenance("c", "Capitol Brief", ("Reuters",), root="r")
    assert event_chain(copy, root) == ("Reuters", "Capitol Brief")


def test_names_are_canonicalised_before_repeats_are_dropped() -> None:
    article = provenance("a", "Agence France-Presse", ("AFP",))
    names = {"AFP": "Agence France-Presse"}
    assert event_chain(article, None, canonical=lambda n: names.get(n, n)) == (
        "Agence France-Presse",
    )


def test_an_embedded_tweet_quoting_an_outlet_relays_that_outlets_report() -> None:
    embedded = [("Polymarket Intel", "BILD: U.S.-Russia talks include troop withdrawals")]
    relayed = relayed_by(embedded, lambda name: name == "BILD")
    assert relayed == ["BILD", "Polymarket Intel"]
    article = provenance("a", "Daily Blog")
    assert event_chain(article, None, relayed=relayed) == ("BILD", "Polymarket Intel", "Daily Blog")


def test_an_embedded_item_that_quotes_no_known_outlet_relays_only_its_author() -> None:
    embedded = [("Jane Doe", "Breaking: talks resume"), ("Jo", "Talks resumed today.")]
    assert relayed_by(embedded, lambda name: False) == ["Jane Doe", "Jo"]
