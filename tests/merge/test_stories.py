"""Stories: which articles group together, and what a story is called."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.merge.stories import StoryBuilder
from eventwire.records import ArticleDigest, ArticleId

NAMES = {"USA": "United States", "RUS": "Russia", "FRA": "France", "DEU": "Germany"}


def digest(
    article_id: str,
    day: date | None,
    actors: tuple[str, ...] = ("USA", "RUS"),
    canonical: tuple[str, ...] = (),
    root: str | None = None,
    types: tuple[str, ...] = ("CONSULT",),
) -> ArticleDigest:
    return ArticleDigest(
        ArticleId(article_id), day, ArticleId(root or article_id), canonical, actors, types
    )


def builder() -> StoryBuilder:
    return StoryBuilder(lambda code: NAMES.get(code, code))


def test_articles_on_the_same_pair_within_the_window_share_a_story_and_later_ones_do_not() -> None:
    stories = builder()
    first = stories.add(digest("a", date(2025, 2, 12)))
    assert stories.add(digest("b", date(2025, 2, 20), ("RUS", "USA"))) == first
    assert stories.add(digest("c", date(2025, 6, 1))) != first


def test_a_shared_canonical_event_joins_a_story_whatever_the_actors() -> None:
    stories = builder()
    first = stories.add(digest("a", date(2025, 2, 12), canonical=("e1",)))
    assert stories.add(digest("b", date(2025, 5, 1), ("FRA", "DEU"), canonical=("e1",))) == first


def test_a_copy_joins_the_story_of_the_article_it_copies() -> None:
    stories = builder()
    first = stories.add(digest("a", date(2025, 2, 12)))
    assert stories.add(digest("b", None, (), root="a")) == first


def test_an_article_without_actors_starts_its_own_story() -> None:
    stories = builder()
    stories.add(digest("a", date(2025, 2, 12)))
    assert stories.add(digest("b", date(2025, 2, 12), ())) == "s-b"
    assert len(stories) == 2


def test_the_title_names_the_central_actors_and_commonest_events() -> None:
    stories = builder()
    story_id = stories.add(digest("a", date(2025, 2, 12), types=("CONSULT", "AGREE", "AGREE")))
    stories.add(digest("b", date(2025, 2, 14), types=("AGREE",)))
    story = stories.story(story_id)
    assert story.title == "United States – Russia: agreements and talks"
    assert (story.first, story.last) == (date(2025, 2, 12), date(2025, 2, 14))
    assert story.articles == ("a", "b")


def test_a_rebuilt_builder_files_new_articles_under_stored_stories() -> None:
    stories = builder()
    first = stories.add(digest("a", date(2025, 2, 12), canonical=("e1",)))
    rebuilt = builder()
    rebuilt.load(stories.stories())  # every story a builder holds
    assert rebuilt.add(digest("b", date(2025, 2, 13), ("FRA",), canonical=("e1",))) == first
    assert rebuilt.add(digest("a", date(2025, 2, 12))) == first  # already filed


# --- the window ----------------------------------------------------------------------------


def test_a_story_that_left_the_window_takes_no_new_articles_but_is_still_given_out() -> None:
    stories = StoryBuilder(window=1)
    first = stories.add(digest("a", date(2025, 2, 12), canonical=("e1",)))
    second = stories.add(digest("b", date(2025, 2, 12), ("FRA", "DEU")))
    assert len(stories) == 1
    # Its last state is kept until the caller has stored it.
    assert stories.story(first).articles == ("a",)
    stories.saved()
    # A report of its event, or a copy of its article, now starts a story of its own.
    assert stories.add(digest("c", date(2025, 2, 13), canonical=("e1",))) not in {first, second}
    assert stories.add(digest("d", None, (), root="a")) == "s-d"


def test_growing_a_story_keeps_it_in_the_window() -> None:
    stories = StoryBuilder(window=2)
    first = stories.add(digest("a", date(2025, 2, 12)))
    stories.add(digest("b", date(2025, 2, 12), ("FRA", "DEU")))
    assert stories.add(digest("c", date(2025, 2, 13))) == first  # the latest grown now
    stories.add(digest("d", date(2025, 2, 12), ("POL", "LTU")))  # the FRA-DEU story leaves
    assert stories.add(digest("e", date(2025, 2, 14))) == first
    assert stories.add(digest("f", date(2025, 2, 13), ("DEU", "FRA"))) == "s-f"


def test_a_rebuilt_builder_holds_the_latest_of_the_stories_it_is_given() -> None:
    stories = builder()
    for n, pair in enumerate([("USA", "RUS"), ("FRA", "DEU"), ("POL", "LTU")]):
        stories.add(digest(f"a{n}", date(2025, 2, 12), pair))
    rebuilt = StoryBuilder(window=2)
    rebuilt.load(stories.stories())
    assert len(rebuilt) == 2
    assert rebuilt.add(digest("b", date(2025, 2, 13), ("POL", "LTU"))) == "s-a2"
    assert rebuilt.add(digest("c", date(2025, 2, 13))) == "s-c"


def test_a_window_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="window"):
        StoryBuilder(window=0)
