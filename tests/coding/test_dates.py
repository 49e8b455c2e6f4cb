"""Event dates from expressions in the sentence, anchored on the article's date."""

from __future__ import annotations

from datetime import date, timedelta

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


def test_bare_weekdays_and_years_read_as_dateparser_reads_them() -> None:
    # The shortcut must agree with dateparser wherever it answers: every weekday and a few
    # years, from article dates across a leap day and a year's end, in both directions.
    from eventwire.coding.dates import _parsed, _without_parser

    bases = [date(2024, 2, 22) + timedelta(days=n) for n in range(14)]
    bases += [date(2023, 12, 26) + timedelta(days=n) for n in range(10)]
    words = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    words += ["2014", "2016", "1999", "2025"]
    for base in bases:
        for word in words:
            for future in (False, True):
                shortcut = _without_parser(word, base, future)
                assert shortcut is not None
                assert shortcut == _parsed(word.capitalize(), base, future), (word, base, future)


def test_only_bare_weekdays_and_years_skip_dateparser() -> None:
    from eventwire.coding.dates import _without_parser

    for text in ("next week", "last tuesday", "in 2014", "march 2014", "tuesday night"):
        assert _without_parser(text, TUESDAY, future=False) is None
    assert _without_parser("tuesday", None, future=False) is None
