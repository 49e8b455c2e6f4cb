"""The shipped people files: posts that are offices are recorded as office roles, whichever file
the person lives in, and the main offices have a holder on every day."""

from datetime import date, timedelta
from importlib import resources

import pytest

from eventwire.kb import KnowledgeBase, Office
from eventwire.kb.loader import read_kb_file


def shipped_offices(kb: KnowledgeBase) -> list[Office]:
    people_dir = resources.files("eventwire").joinpath("data", "kb", "people")
    ids = [
        office.id
        for item in people_dir.iterdir()
        if item.name.endswith(".yaml")
        for office in read_kb_file(item.name, item.read_text(encoding="utf-8")).content.offices
    ]
    offices = [kb.get(office_id) for office_id in ids]
    return [office for office in offices if isinstance(office, Office)]


def test_no_title_role_stands_for_an_office(shipped_kb: KnowledgeBase) -> None:
    # A person defined in another country's file must still hold the office, not a look-alike
    # title: otherwise `holders` misses them.
    titled = {
        (holding.person_id, holding.title, holding.country)
        for office in shipped_offices(shipped_kb)
        for title in office.titles
        for holding in shipped_kb.who(title, office.country, None)
        if holding.office is None
    }
    assert titled == set()


@pytest.mark.parametrize(
    ("office_id", "day", "names"),
    [
        ("NATO.secretary_general", date(2025, 3, 1), ["Mark Rutte"]),
        ("NATO.secretary_general", date(2020, 3, 1), ["Jens Stoltenberg"]),
        ("EU.high_representative", date(2017, 3, 1), ["Federica Mogherini"]),
        ("EU.high_representative", date(2025, 3, 1), ["Kaja Kallas"]),
        ("EU.council_president", date(2017, 3, 1), ["Donald Tusk"]),
        ("EU.council_president", date(2022, 3, 1), ["Charles Michel"]),
        ("EU.council_president", date(2025, 3, 1), ["António Costa"]),
        ("EU.commission_president", date(2025, 3, 1), ["Ursula von der Leyen"]),
        ("PRT.head_of_government", date(2020, 1, 1), ["António Costa"]),
        ("ESP.foreign_minister", date(2019, 3, 1), ["Josep Borrell"]),
        ("EST.head_of_government", date(2022, 3, 1), ["Kaja Kallas"]),
        ("BEL.head_of_government", date(2017, 3, 1), ["Charles Michel"]),
    ],
)
def test_cross_file_office_holders(
    shipped_kb: KnowledgeBase, office_id: str, day: date, names: list[str]
) -> None:
    assert [person.name for person in shipped_kb.holders(office_id, day)] == names


def test_who_finds_an_office_held_by_someone_from_another_file(shipped_kb: KnowledgeBase) -> None:
    [holding] = shipped_kb.who("Prime Minister", "PRT", date(2020, 1, 1))
    assert (holding.person_id, holding.office) == ("antonio-costa", "PRT.head_of_government")


@pytest.mark.parametrize(
    "office_id",
    [
        "NATO.secretary_general",
        "EU.high_representative",
        "USA.head_of_state",
        "USA.foreign_minister",
        "USA.defence_minister",
        "GBR.head_of_government",
        "FRA.defence_minister",
        "ITA.head_of_state",
        "CAN.foreign_minister",
        "JPN.foreign_minister",
        "JPN.defence_minister",
        "BRA.foreign_minister",
        "POL.defence_minister",
    ],
)
def test_office_has_a_holder_every_day(shipped_kb: KnowledgeBase, office_id: str) -> None:
    day, last = date(2014, 1, 1), date(2026, 1, 1)
    vacant = []
    while day <= last:
        if not shipped_kb.holders(office_id, day):
            vacant.append(day)
        day += timedelta(days=1)
    assert vacant == []
