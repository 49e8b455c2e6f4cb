"""The shipped knowledge base: every file loads, and the facts that matter are right."""

from datetime import date

import pytest

from eventwire.kb import ActorKind, KnowledgeBase, Organization, Via
from eventwire.kb.loader import shipped_files

TODAY = date.today()


def test_every_shipped_file_is_loaded(shipped_kb: KnowledgeBase) -> None:
    # The session fixture has validated every file; this checks the files are really there.
    files = shipped_files()
    for name in ("countries", "metonyms", "organizations", "agents", "media"):
        assert f"{name}.yaml" in files
    assert any(label.startswith("people/") for label in files)


def test_countries_cover_the_un_and_its_observers(shipped_kb: KnowledgeBase) -> None:
    statuses = {country.code: country.status for country in shipped_kb.countries()}
    assert sum(status == "un_member" for status in statuses.values()) == 193
    assert {code for code, status in statuses.items() if status == "un_observer"} == {"VAT", "PSE"}
    assert statuses["XKX"] == statuses["TWN"] == "other"


def test_un_membership_matches_the_countries_file(shipped_kb: KnowledgeBase) -> None:
    members = {member.country for member in shipped_kb.members("UN")}
    un_members = {c.code for c in shipped_kb.countries() if c.status == "un_member"}
    assert members == un_members


def test_nato_has_32_members_today(shipped_kb: KnowledgeBase) -> None:
    assert len(shipped_kb.members("NATO")) == 32
    assert len(shipped_kb.members("NATO", on=date(1949, 8, 24))) == 12
    assert len(shipped_kb.members("NATO", on=date(1990, 12, 31))) == 16


def test_nato_members_that_joined_after_1990(shipped_kb: KnowledgeBase) -> None:
    joined = {
        member.country: member.joined.year
        for member in shipped_kb.members("NATO", joined_after=date(1990, 12, 31))
    }
    assert joined == {
        "CZE": 1999, "HUN": 1999, "POL": 1999,
        "BGR": 2004, "EST": 2004, "LVA": 2004, "LTU": 2004, "ROU": 2004, "SVK": 2004, "SVN": 2004,
        "ALB": 2009, "HRV": 2009, "MNE": 2017, "MKD": 2020, "FIN": 2023, "SWE": 2024,
    }  # fmt: skip


def test_eu_has_27_members_and_britain_left_on_31_january_2020(shipped_kb: KnowledgeBase) -> None:
    assert len(shipped_kb.members("EU")) == 27
    last_day = {member.country for member in shipped_kb.members("EU", on=date(2020, 1, 31))}
    day_after = {member.country for member in shipped_kb.members("EU", on=date(2020, 2, 1))}
    assert "GBR" in last_day
    assert "GBR" not in day_after
    assert len(last_day) == 28


@pytest.mark.parametrize(
    ("org_id", "count"),
    [("OSCE", 57), ("COE", 46), ("AU", 55), ("NRC", 33), ("G7", 7), ("G20", 21)],
)
def test_membership_counts_today(shipped_kb: KnowledgeBase, org_id: str, count: int) -> None:
    assert len(shipped_kb.members(org_id)) == count


def test_membership_changes_over_time(shipped_kb: KnowledgeBase) -> None:
    council_of_europe = {m.country for m in shipped_kb.members("COE", on=date(2022, 3, 16))}
    assert "RUS" not in council_of_europe
    assert "AU" not in {m.country for m in shipped_kb.members("G20", on=date(2023, 1, 1))}
    assert {"EU", "AU"} <= {m.country for m in shipped_kb.members("G20", on=date(2024, 1, 1))}
    assert len(shipped_kb.members("BRICS", on=date(2023, 6, 1))) == 5
    assert "IDN" in {m.country for m in shipped_kb.members("BRICS", on=date(2025, 6, 1))}
    security_council = shipped_kb.members("UNSC", on=date(2025, 6, 1))
    assert len(security_council) == 15
    assert {"CHN", "FRA", "RUS", "GBR", "USA"} <= {m.country for m in security_council}


def test_membership_names_the_member(shipped_kb: KnowledgeBase) -> None:
    sweden = [m for m in shipped_kb.members("NATO") if m.country == "SWE"]
    assert [(m.name, m.joined, m.left) for m in sweden] == [("Sweden", date(2024, 3, 7), None)]


def test_the_kremlin_is_the_russian_government(shipped_kb: KnowledgeBase) -> None:
    for text in ("the Kremlin", "The Kremlin", "Kremlin", "KREMLIN"):
        [candidate] = shipped_kb.lookup(text)
        assert (candidate.actor_id, candidate.sector, candidate.via) == ("RUS", "GOV", Via.METONYM)


def test_brussels_reads_as_nato_or_the_eu_by_cue_else_belgium(shipped_kb: KnowledgeBase) -> None:
    readings = shipped_kb.lookup("Brussels")
    assert [(c.actor_id, c.sector) for c in readings] == [
        ("NATO", None),
        ("EU", None),
        ("BEL", "GOV"),
    ]
    assert "alliance" in readings[0].cues
    assert "bloc" in readings[1].cues
    assert readings[2].cues == ()


def test_capitals_stand_for_governments(shipped_kb: KnowledgeBase) -> None:
    [moscow] = shipped_kb.lookup("Moscow")
    assert (moscow.actor_id, moscow.sector, moscow.via) == ("RUS", "GOV", Via.CAPITAL)
    [kiev] = shipped_kb.lookup("Kiev")
    assert (kiev.actor_id, kiev.sector) == ("UKR", "GOV")
    # A capital with its country's name is the country, not a second reading.
    assert [(c.actor_id, c.via) for c in shipped_kb.lookup("Singapore")] == [("SGP", Via.NAME)]


def test_dated_metonym_readings(shipped_kb: KnowledgeBase) -> None:
    assert [c.actor_id for c in shipped_kb.lookup("the Blue House", on=date(2019, 6, 1))] == ["KOR"]
    assert shipped_kb.lookup("the Blue House", on=date(2023, 6, 1)) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russian", "RUS"), ("Russians", "RUS"), ("British", "GBR"), ("Britons", "GBR"),
        ("Ukrainian", "UKR"), ("Britain", "GBR"), ("Great Britain", "GBR"), ("UK", "GBR"),
        ("U.K.", "GBR"), ("United Kingdom", "GBR"), ("the Netherlands", "NLD"), ("Holland", "NLD"),
        ("Burma", "MMR"), ("Swaziland", "SWZ"), ("Macedonia", "MKD"), ("Turkey", "TUR"),
        ("Türkiye", "TUR"), ("Turkiye", "TUR"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"),
        ("Czechia", "CZE"), ("U.S.", "USA"), ("the US", "USA"), ("America", "USA"),
        ("Vatican", "VAT"), ("Kosovo", "XKX"), ("Taiwan", "TWN"), ("Greenland", "GRL"),
    ],
)  # fmt: skip
def test_country_names_aliases_and_demonyms(
    shipped_kb: KnowledgeBase, text: str, code: str
) -> None:
    assert [c.actor_id for c in shipped_kb.lookup(text)] == [code]
    assert shipped_kb.lookup(text)[0].kind is ActorKind.COUNTRY


def test_demonyms_are_marked(shipped_kb: KnowledgeBase) -> None:
    [russian] = shipped_kb.lookup("Russian")
    assert russian.via is Via.DEMONYM


def test_short_acronyms_match_only_in_capitals(shipped_kb: KnowledgeBase) -> None:
    assert shipped_kb.lookup("us") == []
    assert shipped_kb.lookup("who") == []
    assert [c.actor_id for c in shipped_kb.lookup("WHO")] == ["WHO"]
    assert [c.actor_id for c in shipped_kb.lookup("Nato")] == ["NATO"]  # listed as an alias


def test_ambiguous_names_give_every_reading(shipped_kb: KnowledgeBase) -> None:
    assert {c.actor_id for c in shipped_kb.lookup("Congo")} == {"COD", "COG"}


def test_national_bodies_carry_country_and_sector(shipped_kb: KnowledgeBase) -> None:
    [fsb] = shipped_kb.lookup("FSB")
    assert (fsb.actor_id, fsb.kind, fsb.country, fsb.sector) == (
        "FSB", ActorKind.ORGANIZATION, "RUS", "SPY",
    )  # fmt: skip
    [pentagon] = shipped_kb.lookup("the Pentagon")
    assert (pentagon.actor_id, pentagon.sector) == ("USA", "MIL")


def test_taliban_sector_depends_on_the_date(shipped_kb: KnowledgeBase) -> None:
    assert shipped_kb.sector_of("TALIBAN", date(2002, 5, 1)) == "REB"
    assert shipped_kb.sector_of("TALIBAN", date(2022, 5, 1)) == "GOV"
    assert shipped_kb.sector_of("TALIBAN", date(1998, 1, 1)) == "GOV"


def test_media_are_journalists(shipped_kb: KnowledgeBase) -> None:
    [reuters] = shipped_kb.lookup("Reuters")
    assert (reuters.kind, reuters.sector, reuters.country) == (ActorKind.MEDIA, "JRN", "GBR")
    assert shipped_kb.sector_of("TASS", TODAY) == "JRN"
    assert shipped_kb.lookup("Hindu") == []  # "The Hindu" is the newspaper, "Hindu" is not
    assert [c.actor_id for c in shipped_kb.lookup("the Hindu")] == ["THE_HINDU"]


@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("troops", "MIL"), ("Troops", "MIL"), ("soldier", "MIL"), ("officials", "GOV"),
        ("spokeswoman", "GOV"), ("police", "COP"), ("lawmakers", "LEG"), ("rebels", "REB"),
        ("protesters", "CVL"), ("journalists", "JRN"), ("refugees", "REF"), ("gunmen", "UAF"),
        ("former officials", "ELI"), ("opposition", "OPP"), ("security services", "SPY"),
    ],
)  # fmt: skip
def test_agent_words(shipped_kb: KnowledgeBase, word: str, sector: str) -> None:
    assert shipped_kb.agent_sector(word) == sector


def test_unknown_agent_word(shipped_kb: KnowledgeBase) -> None:
    assert shipped_kb.agent_sector("puppies") is None


def test_get_returns_any_kind_of_entry(shipped_kb: KnowledgeBase) -> None:
    nato = shipped_kb.get("NATO")
    assert isinstance(nato, Organization)
    assert nato.name == "North Atlantic Treaty Organization"
    assert shipped_kb.get("no-such-actor") is None


def test_spacy_patterns(shipped_kb: KnowledgeBase) -> None:
    patterns = shipped_kb.spacy_patterns()
    assert all(set(pattern) == {"label", "pattern", "id"} for pattern in patterns)
    found = {(p["label"], p["pattern"], p["id"]) for p in patterns}
    assert ("ORGANIZATION", "NATO", "NATO") in found
    assert ("COUNTRY", "U.S.", "USA") in found
    assert ("DEMONYM", "Russian", "RUS") in found
    assert ("METONYM", "The Kremlin", "the Kremlin") in found
    assert ("METONYM", "Kremlin", "the Kremlin") in found
    # The knowledge base lists "UN Security Council" once; news also dots the acronym.
    assert ("ORGANIZATION", "U.N. Security Council", "UNSC") in found
    assert not any(p["pattern"] == "us" for p in patterns)


def test_describe(shipped_kb: KnowledgeBase) -> None:
    nato = shipped_kb.describe("NATO", date(2025, 2, 12))
    assert nato.startswith("NATO: North Atlantic Treaty Organization (igo)")
    assert "32 members on 2025-02-12" in nato
    assert shipped_kb.describe("RUS", TODAY).startswith("RUS: Russia (country, UN member)")


def test_monarchs_give_no_surname_to_match_alone(shipped_kb: KnowledgeBase) -> None:
    # "King Juan Carlos I of Spain" must not make a bare "Carlos", "I" or "Spain" the king.
    assert shipped_kb.people_named("Carlos") == []
    assert shipped_kb.people_named("Spain") == []
    assert [p.id for p in shipped_kb.people_named("Hegseth")] == ["pete-hegseth"]
