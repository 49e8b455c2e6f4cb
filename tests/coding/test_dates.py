"""Event dates from expressions in the sentence, anchored on the article's date."""

from __future__ import annotations

from datetime import date

from eventwire.coding.dates import read_date

TUESDAY = date(2024, 3, 5)


def test_a_past_weekday_is_the_most_recent_one_and_the_papers_own_day_is_that_day() -> None:
    assert read_date("on Tuesday", TUESDAY, future=False).day == TUESDAY  # type: ignore[union-attr]
    monday = read_date("on Monday", TUESDAY, future=False)
    assert monday is not None and (monday.day, monday.precision) == (date(2024, 3, 4), "day")
    wednesday = read_date("on Wednesday", TUESDAY, future=False)
    assert wednesday is not None and wednesday.day == date(2024, 2, 28)


def test_a_future_weekday_is_ahead_of_the_article() -> None:
    friday = read_date("on Friday", TUESDAY, future=True)
    assert friday is not None and friday.day == date(2024, 3, 8)


def test_no_year_is_guessed_without_the_articles_date() -> None:
    assert read_date("on Tuesday", None, future=False) is None
    stated = read_date("in 2014", None, future=False)
    assert stated is not None and (stated.day.year, stated.precision) == (2014, "year")
