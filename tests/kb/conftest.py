"""Knowledge-base fixtures: the shipped KB (loaded once) and a small test KB of our own."""

from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.kb import KnowledgeBase, load_kb

WriteKB = Callable[[str, str], Path]

# A small, made-up-but-plausible set of offices and people, independent of the shipped people
# files (which change as they are reviewed).
SMALL_KB = """
offices:
  - id: USA.defence_minister
    country: USA
    kinds: [defence_minister]
    sector: GOV
    titles: [Secretary of Defense, Defense Secretary]
  - id: GBR.head_of_government
    country: GBR
    kinds: [head_of_government]
    sector: GOV
    titles: [Prime Minister, British Prime Minister]
people:
  - id: pete-hegseth
    name: Pete Hegseth
    aliases: [Peter Hegseth]
    country: USA
    roles:
      - {title: Fox News host, country: USA, sector: JRN, start: 2014-01-01, end: 2024-11-12}
      - {office: USA.defence_minister, start: 2025-01-25}
  - id: lloyd-austin
    name: Lloyd Austin
    country: USA
    roles:
      - title: Commander of U.S. Central Command
        country: USA
        sector: MIL
        start: 2013-03-22
        end: 2016-03-30
      - {office: USA.defence_minister, start: 2021-01-22, end: 2025-01-20}
  - id: keir-starmer
    name: Keir Starmer
    country: GBR
    roles:
      - {title: Member of Parliament, country: GBR, sector: LEG, start: 2015-05-07}
      - {office: GBR.head_of_government, start: 2024-07-05}
  - id: jane-writer
    name: Jane Writer
    country: GBR
    roles:
      - {title: columnist, country: GBR, sector: JRN, start: 2010-01-01, end: 2020-12-31}
"""


@pytest.fixture(scope="session")
def shipped_kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="session")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The small test KB, without the shipped files."""
    directory = tmp_path_factory.mktemp("small_kb")
    (directory / "people.yaml").write_text(SMALL_KB, encoding="utf-8")
    return load_kb([directory], shipped=False)


@pytest.fixture
def write_kb(tmp_path: Path) -> WriteKB:
    """Write a user KB file below tmp_path and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
