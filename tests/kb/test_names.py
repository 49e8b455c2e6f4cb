"""How names are compared."""

import pytest

from eventwire.kb.names import folded_key, is_case_sensitive, name_key, query_keys, unique


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("U.S.", "US"),
        ("Élysée", "Elysee"),
        ("Guinea-Bissau", "Guinea Bissau"),
        ("Quai d'Orsay", "Quai dOrsay"),
        ("Quai d’Orsay", "Quai dOrsay"),
        ("  Bosnia  &  Herzegovina ", "Bosnia and Herzegovina"),
        ("RFE/RL", "RFE RL"),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


def test_a_lower_case_article_in_the_data_is_not_part_of_the_name() -> None:
    assert folded_key("the Kremlin") == folded_key("Kremlin") == "kremlin"
    assert folded_key("The Hague") == "the hague"


def test_queries_are_tried_with_and_without_an_article() -> None:
    assert query_keys("The Kremlin") == ["The Kremlin", "Kremlin"]
    assert query_keys("Kremlin") == ["Kremlin"]


@pytest.mark.parametrize(
    ("name", "sensitive"),
    [("US", True), ("U.S.", True), ("WHO", True), ("NATO", True), ("BRICS", True),
     ("G7", True), ("Nato", False), ("Russia", False), ("UNESCO", False), ("7", False)],
)  # fmt: skip
def test_short_capital_acronyms_are_case_sensitive(name: str, sensitive: bool) -> None:
    assert is_case_sensitive(name) is sensitive


def test_unique_keeps_the_first_spelling() -> None:
    assert unique(["U.S.", "US", "United States", "united states", "us"]) == (
        "U.S.", "United States", "us",
    )  # fmt: skip
