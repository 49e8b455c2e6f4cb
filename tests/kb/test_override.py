"""User files replace shipped entries with the same key and add new ones."""

from datetime import date

from eventwire.kb import Country, load_kb
from tests.kb.conftest import WriteKB

USER_KB = """
countries:
  - code: RUS
    name: Russian Federation
    aliases: [RF]
    demonyms: [Rossiyane]
    status: un_member
organizations:
  - id: NATO
    name: North Atlantic Treaty Organization
    aliases: [NATO]
    kind: igo
    members: [{country: USA, joined: 1949-08-24}]
  - id: ACME
    name: Acme Corporation
    kind: company
    country: USA
    sector: BUS
metonyms:
  - text: the Kremlin
    readings: [{actor: RUS, sector: MIL}]
agents:
  - sector: PRM
    words: [troops]
"""


def test_user_entries_replace_shipped_ones(write_kb: WriteKB) -> None:
    path = write_kb("mine/override.yaml", USER_KB)
    kb = load_kb([path.parent])

    russia = kb.get("RUS")
    assert isinstance(russia, Country)
    assert russia.name == "Russian Federation"
    assert [c.actor_id for c in kb.lookup("Rossiyane")] == ["RUS"]
    assert kb.lookup("Russians") == []  # the shipped entry's demonyms are gone with it

    assert [m.country for m in kb.members("NATO", on=date(2025, 1, 1))] == ["USA"]
    assert kb.sector_of("ACME", date(2025, 1, 1)) == "BUS"
    assert [c.sector for c in kb.lookup("the Kremlin")] == ["MIL"]
    assert kb.agent_sector("troops") == "PRM"
    assert kb.agent_sector("soldiers") == "MIL"  # other shipped words stay
