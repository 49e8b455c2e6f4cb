"""Invalid user files stop the load with an error naming the file, the entry and the field."""

from pathlib import Path

import pytest

from eventwire.kb import KBError, load_kb
from tests.kb.conftest import WriteKB

PERSON = """
people:
  - id: jane-doe
    name: Jane Doe
    country: USA
    roles:
      - {{title: Senator, country: USA, sector: LEG, start: {start}, end: {end}}}
"""


def load_error(path: Path) -> str:
    with pytest.raises(KBError) as raised:
        load_kb([path.parent], shipped=False)
    return str(raised.value)


def test_bad_date(write_kb: WriteKB) -> None:
    path = write_kb("people/USA.yaml", PERSON.format(start="2025-13-01", end="null"))
    assert load_error(path) == (
        f"{path}: people[0] (jane-doe): roles[0].start: invalid date '2025-13-01'"
    )


def test_end_before_start(write_kb: WriteKB) -> None:
    path = write_kb("people.yaml", PERSON.format(start="2025-01-01", end="2024-01-01"))
    assert load_error(path) == (
        f"{path}: people[0] (jane-doe): roles[0].end: 2024-01-01 is before start 2025-01-01"
    )


def test_unknown_field(write_kb: WriteKB) -> None:
    text = "people:\n  - {id: jane-doe, name: Jane Doe, country: USA, nickname: JD}\n"
    path = write_kb("people.yaml", text)
    assert load_error(path) == f"{path}: people[0] (jane-doe): nickname: unknown field"


def test_unknown_top_level_section(write_kb: WriteKB) -> None:
    path = write_kb("x.yaml", "persons: []\n")
    assert load_error(path) == f"{path}: persons: unknown field"


def test_unknown_country_code(write_kb: WriteKB) -> None:
    path = write_kb("countries.yaml", "countries:\n  - {code: ZZZ, name: Zedland, status: other}\n")
    assert load_error(path) == f"{path}: countries[0] (ZZZ): code: unknown country code 'ZZZ'"


def test_unknown_member_country(write_kb: WriteKB) -> None:
    text = """
organizations:
  - id: CLUB
    name: Club
    kind: forum
    members: [{country: FRA, joined: 2000-01-01}, {country: XYZ, joined: 2000-01-01}]
"""
    path = write_kb("orgs.yaml", text)
    assert load_error(path) == (
        f"{path}: organizations[0] (CLUB): members[1].country: "
        "unknown country or organisation 'XYZ'"
    )


def test_left_before_joined(write_kb: WriteKB) -> None:
    text = """
organizations:
  - id: CLUB
    name: Club
    kind: forum
    members: [{country: FRA, joined: 2000-01-01, left: 1999-01-01}]
"""
    path = write_kb("orgs.yaml", text)
    assert load_error(path) == (
        f"{path}: organizations[0] (CLUB): members[0].left: 1999-01-01 is before joined 2000-01-01"
    )


def test_overlapping_memberships(write_kb: WriteKB) -> None:
    text = """
organizations:
  - id: CLUB
    name: Club
    kind: forum
    members: [{country: FRA, joined: 2000-01-01}, {country: FRA, joined: 2005-01-01}]
"""
    path = write_kb("orgs.yaml", text)
    assert (
        load_error(path) == f"{path}: organizations[0] (CLUB): members[1]: FRA overlaps members[0]"
    )


def test_dangling_office(write_kb: WriteKB) -> None:
    text = """
people:
  - id: jane-doe
    name: Jane Doe
    country: USA
    roles: [{office: USA.defence_minister, start: 2025-01-25}]
"""
    path = write_kb("people/USA.yaml", text)
    assert load_error(path) == (
        f"{path}: people[0] (jane-doe): roles[0].office: unknown office 'USA.defence_minister'"
    )


def test_role_needs_office_or_title_country_and_sector(write_kb: WriteKB) -> None:
    text = """
people:
  - {id: jane-doe, name: Jane Doe, country: USA, roles: [{title: Senator, start: 2020-01-01}]}
"""
    path = write_kb("people.yaml", text)
    assert load_error(path) == (
        f"{path}: people[0] (jane-doe): roles[0]: a role needs an office, or a title, "
        "a country and a sector"
    )


def test_office_id_must_start_with_its_country(write_kb: WriteKB) -> None:
    text = """
offices:
  - id: USA.defence_minister
    country: GBR
    kinds: [defence_minister]
    sector: GOV
    titles: [Defence Secretary]
"""
    path = write_kb("offices.yaml", text)
    assert load_error(path) == (
        f"{path}: offices[0] (USA.defence_minister): country: "
        "office id 'USA.defence_minister' must start with 'GBR'"
    )


def test_unknown_sector(write_kb: WriteKB) -> None:
    path = write_kb("agents.yaml", "agents:\n  - {sector: XXX, words: [bandits]}\n")
    assert load_error(path) == f"{path}: agents[0] (XXX): sector: unknown PLOVER sector 'XXX'"


def test_missing_field(write_kb: WriteKB) -> None:
    path = write_kb("media.yaml", "media:\n  - {id: PAPER, name: Paper, country: FRA}\n")
    assert load_error(path) == f"{path}: media[0] (PAPER): kind: missing required field"


def test_wrong_type(write_kb: WriteKB) -> None:
    path = write_kb("media.yaml", "media:\n  - {id: PAPER, name: 42, country: FRA, kind: online}\n")
    assert load_error(path) == (
        f"{path}: media[0] (PAPER): name: Input should be a valid string (got 42)"
    )


def test_duplicate_id_within_one_directory(write_kb: WriteKB) -> None:
    entry = "media:\n  - {id: PAPER, name: Paper, country: FRA, kind: newspaper}\n"
    first = write_kb("a.yaml", entry)
    second = write_kb("b.yaml", entry)
    assert load_error(first) == (
        f"{second}: media[0] (PAPER): id: duplicate 'PAPER', also at {first}: media[0] (PAPER)"
    )


def test_agent_word_in_two_sectors(write_kb: WriteKB) -> None:
    text = "agents:\n  - {sector: MIL, words: [guards]}\n  - {sector: COP, words: [Guards]}\n"
    path = write_kb("agents.yaml", text)
    assert load_error(path) == (
        f"{path}: agents[1] (COP): words[0]: 'Guards' is already listed at {path}: agents[0] (MIL)"
    )


def test_metonym_reading_of_unknown_actor(write_kb: WriteKB) -> None:
    path = write_kb("m.yaml", "metonyms:\n  - {text: the Tower, readings: [{actor: NOBODY}]}\n")
    assert load_error(path) == (
        f"{path}: metonyms[0] (the Tower): readings[0].actor: "
        "unknown country or organisation 'NOBODY'"
    )


def test_organisation_id_cannot_be_a_country_code(write_kb: WriteKB) -> None:
    path = write_kb("o.yaml", "organizations:\n  - {id: FRA, name: France Inc, kind: company}\n")
    assert load_error(path) == f"{path}: organizations[0] (FRA): id: 'FRA' is a country code"


def test_invalid_yaml(write_kb: WriteKB) -> None:
    path = write_kb("broken.yaml", "people:\n  - {id: jane-doe, name: Jane\n")
    assert load_error(path).startswith(f"{path}: invalid YAML: ")


def test_file_must_be_a_mapping(write_kb: WriteKB) -> None:
    path = write_kb("list.yaml", "- just\n- a list\n")
    assert load_error(path) == f"{path}: expected a mapping of sections, got list"


def test_every_problem_in_a_file_is_reported(write_kb: WriteKB) -> None:
    text = PERSON.format(start="2025-13-01", end="2025-13-02")
    path = write_kb("people.yaml", text)
    assert load_error(path).splitlines() == [
        f"{path}: people[0] (jane-doe): roles[0].start: invalid date '2025-13-01'",
        f"{path}: people[0] (jane-doe): roles[0].end: invalid date '2025-13-02'",
    ]


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(KBError, match="not a directory"):
        load_kb([tmp_path / "nowhere"], shipped=False)
