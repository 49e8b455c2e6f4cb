"""Offices, role holders and sectors over time, on the small test KB."""

from datetime import date

import pytest

from eventwire.kb import ActorKind, KnowledgeBase, Person

DAY = date(2025, 2, 12)


def names(people: list[Person]) -> list[str]:
    return [person.name for person in people]


def test_holders_of_an_office(kb: KnowledgeBase) -> None:
    assert names(kb.holders("USA.defence_minister", DAY)) == ["Pete Hegseth"]
    assert names(kb.holders("USA.defence_minister", date(2023, 6, 1))) == ["Lloyd Austin"]


def test_both_ends_of_a_role_are_days_in_office(kb: KnowledgeBase) -> None:
    assert names(kb.holders("USA.defence_minister", date(2025, 1, 20))) == ["Lloyd Austin"]
    assert names(kb.holders("USA.defence_minister", date(2025, 1, 25))) == ["Pete Hegseth"]


def test_vacant_office(kb: KnowledgeBase) -> None:
    assert kb.holders("USA.defence_minister", date(2025, 1, 22)) == []


def test_who_matches_titles_ignoring_case(kb: KnowledgeBase) -> None:
    for title in ("Secretary of Defense", "secretary of defense", "Defense Secretary"):
        [holding] = kb.who(title, "USA", DAY)
        assert (holding.person_id, holding.office, holding.sector) == (
            "pete-hegseth", "USA.defence_minister", "GOV",
        )  # fmt: skip
        assert holding.start == date(2025, 1, 25)


def test_who_matches_office_kinds(kb: KnowledgeBase) -> None:
    assert [h.person_name for h in kb.who("defense minister", "USA", DAY)] == ["Pete Hegseth"]
    assert [h.person_name for h in kb.who("head of government", None, DAY)] == ["Keir Starmer"]


def test_who_filters_by_country(kb: KnowledgeBase) -> None:
    assert kb.who("Secretary of Defense", "GBR", DAY) == []
    assert [h.person_name for h in kb.who("Prime Minister", None, DAY)] == ["Keir Starmer"]


def test_who_finds_roles_without_an_office(kb: KnowledgeBase) -> None:
    [holding] = kb.who("Fox News host", "USA", date(2020, 1, 1))
    assert (holding.person_id, holding.office, holding.sector) == ("pete-hegseth", None, "JRN")


def test_roles_of(kb: KnowledgeBase) -> None:
    roles = kb.roles_of("keir-starmer", DAY)
    assert sorted(role.title for role in roles) == ["Member of Parliament", "Prime Minister"]
    assert kb.roles_of("keir-starmer", date(2010, 1, 1)) == []


@pytest.mark.parametrize(
    ("person_id", "day", "sector"),
    [
        ("pete-hegseth", DAY, "GOV"),
        ("pete-hegseth", date(2020, 1, 1), "JRN"),
        ("pete-hegseth", date(2024, 12, 1), None),  # between roles, and never an official
        ("lloyd-austin", date(2015, 1, 1), "MIL"),
        ("lloyd-austin", date(2018, 1, 1), "ELI"),  # a former general
        ("lloyd-austin", DAY, "ELI"),  # a former secretary of defense
        ("keir-starmer", date(2020, 1, 1), "LEG"),
        ("keir-starmer", DAY, "GOV"),  # prime minister and MP: the executive role wins
        ("jane-writer", date(2022, 1, 1), None),  # a former journalist is not a former official
        ("jane-writer", date(2000, 1, 1), None),  # before any role
    ],
)
def test_sector_of_a_person(
    kb: KnowledgeBase, person_id: str, day: date, sector: str | None
) -> None:
    assert kb.sector_of(person_id, day) == sector


def test_people_are_found_by_name_and_alias(kb: KnowledgeBase) -> None:
    for text in ("Pete Hegseth", "peter hegseth"):
        [candidate] = kb.lookup(text)
        assert (candidate.actor_id, candidate.kind, candidate.country) == (
            "pete-hegseth", ActorKind.PERSON, "USA",
        )  # fmt: skip


def test_describe_a_person(kb: KnowledgeBase) -> None:
    assert kb.describe("pete-hegseth", DAY) == (
        "pete-hegseth: Pete Hegseth (USA); on 2025-02-12: "
        "Secretary of Defense (USA, GOV) since 2025-01-25; GOV"
    )
    assert "held by Pete Hegseth" in kb.describe("USA.defence_minister", DAY)


def test_unknown_ids_raise_key_error(kb: KnowledgeBase) -> None:
    with pytest.raises(KeyError):
        kb.holders("USA.no_such_office", DAY)
    with pytest.raises(KeyError):
        kb.roles_of("no-such-person", DAY)
    with pytest.raises(KeyError):
        kb.sector_of("no-such-person", DAY)
    with pytest.raises(KeyError):
        kb.members("NO_SUCH_ORG")
