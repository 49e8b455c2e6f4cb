"""Actor resolution and consistency flags on short articles, with the shipped knowledge base."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.kb.resolve import NOT_HELD_ON_DATE, OUTSIDE_ARTICLE_WINDOW, Resolution
from eventwire.pipeline import ActorStages, actor_stages
from eventwire.records import ActorMention, Article, ArticleId


@pytest.fixture(scope="module")
def stages() -> ActorStages:
    return actor_stages()


def resolve(stages: ActorStages, text: str, published: date | None) -> Resolution:
    article = Article(ArticleId("t"), "test", "test", None, None, None, published, None, "en", text)
    [resolution] = stages.resolve([article])
    return resolution


def mention(resolution: Resolution, text: str) -> ActorMention:
    found = [m for m in resolution.mentions if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in resolution.mentions]}"
    return found[0]


def coded(m: ActorMention) -> tuple[str | None, str | None, str | None]:
    return m.actor_id, m.country, m.sector


def test_a_person_gets_the_sector_of_the_post_held_on_the_date(stages: ActorStages) -> None:
    text = "Donald Trump spoke to reporters at length about trade."
    assert coded(mention(resolve(stages, text, date(2019, 4, 1)), "Donald Trump")) == (
        "donald-trump", "USA", "GOV",
    )  # fmt: skip
    assert coded(mention(resolve(stages, text, date(2022, 4, 1)), "Donald Trump"))[2] == "ELI"


def test_a_surname_after_the_full_name_is_the_same_person(stages: ActorStages) -> None:
    text = "Pete Hegseth arrived in Brussels. Hegseth told allies to spend more on defence."
    resolution = resolve(stages, text, date(2025, 2, 12))
    assert mention(resolution, "Hegseth").actor_id == "pete-hegseth"
    assert mention(resolution, "Hegseth").via == "short_name"


def test_a_misspelt_surname_finds_the_person(stages: ActorStages) -> None:
    text = (
        "Ukrainian Defence Minister Rustem Umerov met allies. Later, Uumerov said talks went well."
    )
    resolution = resolve(stages, text, date(2024, 6, 1))
    assert mention(resolution, "Uumerov").actor_id == "rustem-umerov"


def test_a_demonym_with_an_agent_word_is_that_country_s_sector(stages: ActorStages) -> None:
    text = "A senior Russian official said the proposal was unacceptable."
    m = mention(resolve(stages, text, date(2022, 1, 10)), "A senior Russian official")
    assert coded(m) == (None, "RUS", "GOV") and m.via == "demonym_agent"


def test_possessives_give_the_owner_s_country(stages: ActorStages) -> None:
    text = "Russia's military moved more tanks to the border, officials said."
    m = mention(resolve(stages, text, date(2022, 1, 10)), "Russia's military")
    assert coded(m) == (None, "RUS", "MIL") and m.via == "possessive"


def test_metonyms_stand_for_their_actor(stages: ActorStages) -> None:
    text = "The Kremlin rejected the plan. In Brussels, NATO allies met to discuss it."
    resolution = resolve(stages, text, date(2022, 1, 10))
    assert coded(mention(resolution, "The Kremlin")) == ("RUS", "RUS", "GOV")
    assert mention(resolution, "Brussels").actor_id == "NATO"


def test_a_post_without_a_name_is_its_holder_on_the_date(stages: ActorStages) -> None:
    text = "The US Secretary of Defense said the alliance must spend more."
    m = mention(resolve(stages, text, date(2025, 2, 12)), "Secretary of Defense")
    assert m.actor_id == "pete-hegseth" and m.via == "role"
    earlier = mention(resolve(stages, text, date(2023, 6, 1)), "Secretary of Defense")
    assert earlier.actor_id == "lloyd-austin"


def test_a_pronoun_is_the_person_named_just_before(stages: ActorStages) -> None:
    text = "Vladimir Putin met the envoys on Monday. He said the talks were useful."
    m = mention(resolve(stages, text, date(2023, 6, 1)), "He")
    assert m.actor_id == "vladimir-putin" and m.via == "pronoun"


def test_an_unknown_person_takes_country_and_sector_from_the_post(stages: ActorStages) -> None:
    text = "Russian Deputy Foreign Minister Sergei Ryabkovsky said no deal was near."
    m = mention(resolve(stages, text, date(2022, 1, 10)), "Sergei Ryabkovsky")
    assert coded(m) == (None, "RUS", "GOV") and m.via == "unknown_person"


SLIP = "British Defence Secretary Ben Wallace said the allies would stand firm."


def test_a_post_not_held_on_the_article_s_date_is_flagged(stages: ActorStages) -> None:
    [flag] = resolve(stages, SLIP, date(2025, 2, 14)).flags
    assert flag.kind == NOT_HELD_ON_DATE and flag.actor_id == "ben-wallace"
    assert SLIP[flag.start : flag.end] == flag.mention == "British Defence Secretary Ben Wallace"
    assert "2019-07-24 to 2023-08-31" in flag.explanation and "2025-02-14" in flag.explanation
    assert "John Healey" in flag.explanation


def test_a_post_held_on_the_date_is_not_flagged(stages: ActorStages) -> None:
    assert resolve(stages, SLIP, date(2022, 2, 14)).flags == ()


def test_former_posts_and_unknown_claims_are_not_flagged(stages: ActorStages) -> None:
    former = "Former British Defence Secretary Ben Wallace said the allies would stand firm."
    assert resolve(stages, former, date(2025, 2, 14)).flags == ()
    # The knowledge base never had Wallace as foreign secretary: no evidence, no flag.
    unknown = "British Foreign Secretary Ben Wallace said the allies would stand firm."
    assert resolve(stages, unknown, date(2025, 2, 14)).flags == ()


def test_an_undated_article_is_checked_against_its_own_window(stages: ActorStages) -> None:
    text = (
        "US Defense Secretary Pete Hegseth met allies. "
        "Ukrainian Defence Minister Rustem Umerov asked for air defence. "
        "British Defence Secretary Ben Wallace said the allies would stand firm."
    )
    resolution = resolve(stages, text, None)
    [flag] = resolution.flags
    assert flag.kind == OUTSIDE_ARTICLE_WINDOW and flag.actor_id == "ben-wallace"
    assert resolution.on is not None and resolution.on.year == 2025


def test_a_past_leader_s_administration_spoken_of_as_current_is_flagged(
    stages: ActorStages,
) -> None:
    current = "The Biden administration says it will send more air defence systems to Kyiv."
    [flag] = resolve(stages, current, date(2025, 6, 1)).flags
    assert flag.actor_id == "joe-biden" and "Donald Trump" in flag.explanation
    assert resolve(stages, current, date(2023, 6, 1)).flags == ()
    past = "The Biden administration had approved the sale in 2023."
    assert resolve(stages, past, date(2025, 6, 1)).flags == ()


def test_an_unknown_person_s_surname_is_not_taken_for_a_misspelling(stages: ActorStages) -> None:
    text = "Wendy Sherman led the delegation. Later, Sherman said the talks were frank."
    resolution = resolve(stages, text, date(2022, 1, 10))
    assert mention(resolution, "Sherman").actor_id is None  # not natalia-gherman


def test_a_person_named_inside_a_quote_is_not_the_pronoun_after_it(stages: ActorStages) -> None:
    text = "Pete Hegseth spoke to allies. “President Trump has asked for five percent,” he said."
    resolution = resolve(stages, text, date(2025, 6, 1))
    assert mention(resolution, "he").actor_id == "pete-hegseth"


def test_a_name_several_people_share_is_the_one_in_office_else_their_common_country(
    stages: ActorStages,
) -> None:
    text = "President Bush threatened further action against Russia."
    dated = mention(resolve(stages, text, date(1991, 5, 2)), "President Bush")
    assert coded(dated) == ("george-h-w-bush", "USA", "GOV")
    undated = mention(resolve(stages, text, None), "President Bush")
    assert coded(undated)[:2] == (None, "USA") and undated.via == "unknown_person"
    other = mention(resolve(stages, "Jeb Bush criticised the plan.", None), "Jeb Bush")
    assert other.country is None


def test_tripoli_is_lebanon_s_city_in_a_sentence_about_lebanon_else_libya_s_government(
    stages: ActorStages,
) -> None:
    lebanon = "Militias clashed in Tripoli as shells hit the north Lebanese port."
    assert mention(resolve(stages, lebanon, date(2024, 1, 5)), "Tripoli").country == "LBN"
    libya = "Tripoli rejected the proposal on Monday."
    assert coded(mention(resolve(stages, libya, date(2024, 1, 5)), "Tripoli"))[1:] == ("LBY", "GOV")


def test_a_post_held_in_a_named_country_belongs_to_the_qualifier_s_country(
    stages: ActorStages,
) -> None:
    text = "The Syrian ambassador to Russia met the foreign minister."
    resolution = resolve(stages, text, date(2024, 1, 5))
    assert mention(resolution, "ambassador to Russia").country == "SYR"
    assert mention(resolution, "Russia").country == "RUS"
