"""Actor resolution against NGEC's expectations (../shared/eval/ngec-actors, see its README).

Each case gives an actor text (sometimes a context and a date) and the expected country and
PLOVER sector. We put the text in a plain sentence ("<text> said on Monday."), run the whole
actor path (spaCy, knowledge base, resolver) and read the mention that covers most of the text.
Country and sector are scored separately, overall and on the dated cases, whose answer changes
with the date and so test what the knowledge base knows about time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from eventwire.pipeline import ActorStages
from eventwire.records import ActorMention, Article, ArticleId

CASES_FILE = "actor_resolution_cases.jsonl"
# The methods whose cases are "text (and date) in, country and sector out".
SCORED_METHODS = frozenset({"agent_to_code", "short_text_to_agent", "search_nat"})
# Cases dated "today" or not at all were written against Wikipedia in 2022-2023 (README), so
# that is the date they are resolved on.
GOLD_TODAY = date(2023, 6, 1)
_UNDATED = {"", "today"}
_NO_SECTOR = {"", "UNK"}
_FRAME = " said on Monday."


@dataclass(frozen=True, slots=True)
class ActorCase:
    name: str
    text: str
    context: str
    on: date
    dated: bool
    country: str | None  # None: the case expects no country
    sectors: frozenset[str | None]  # any of these is right ({None}: no sector)
    checks_country: bool
    checks_sector: bool


@dataclass(frozen=True, slots=True)
class Accuracy:
    correct: int
    total: int

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class ActorScores:
    country: Accuracy
    sector: Accuracy
    both: Accuracy
    dated_country: Accuracy
    dated_sector: Accuracy
    dated_both: Accuracy

    def as_dict(self) -> dict[str, float]:
        return {
            name: round(getattr(self, name).value, 4)
            for name in ("country", "sector", "both", "dated_country", "dated_sector", "dated_both")
        }


@dataclass(frozen=True, slots=True)
class Outcome:
    case: ActorCase
    country: str | None
    sector: str | None

    @property
    def country_ok(self) -> bool:
        return self.country == self.case.country

    @property
    def sector_ok(self) -> bool:
        return self.sector in self.case.sectors


def load_cases(folder: Path) -> list[ActorCase]:
    """The active cases of the methods we score (others test NGEC internals)."""
    path = folder / CASES_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path}: the NGEC actor cases are missing")
    cases = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["status"] == "active" and row["method"] in SCORED_METHODS:
                cases.append(_case(row))
    return cases


def _case(row: dict[str, Any]) -> ActorCase:
    args = [*row["args"], "", ""]
    raw_date = str(row["kwargs"].get("query_date") or args[2] or "").strip()
    dated = raw_date.lower() not in _UNDATED
    expect = row["expect"]
    if expect.get("result") == {"is": None}:  # nothing should resolve at all
        expect = {"country": "", "code_1": ""}
    country = expect.get("country") or None
    sector = expect.get("code_1")
    allowed = sector["in"] if isinstance(sector, dict) else [sector]
    return ActorCase(
        name=row["test"],
        text=str(args[0]).strip(),
        context=str(args[1] or "").strip(),
        on=_parse_date(raw_date) if dated else GOLD_TODAY,
        dated=dated,
        country=country,
        sectors=frozenset(None if value in _NO_SECTOR else value for value in allowed),
        checks_country="country" in expect,
        checks_sector="code_1" in expect,
    )


def _parse_date(text: str) -> date:
    # The cases write dates as ISO, "10 May 2015", "1 july 2021" or "October 1, 2021".
    for form in ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y"):
        try:
            return datetime.strptime(text.title(), form).date()
        except ValueError:
            continue
    raise ValueError(f"unreadable date in the NGEC cases: {text!r}")


def resolve_cases(stages: ActorStages, cases: list[ActorCase]) -> list[Outcome]:
    articles = [
        Article(
            article_id=ArticleId(f"case-{number}"),
            source=case.name,
            location=case.name,
            title=None,
            author=None,
            outlet=None,
            published=case.on,
            published_via="gold",
            language="en",
            text=_sentence(case),
        )
        for number, case in enumerate(cases)
    ]
    resolutions = stages.resolve(articles)
    outcomes = []
    for case, resolution in zip(cases, resolutions, strict=True):
        best = _covering(resolution.mentions, len(case.text))
        outcomes.append(
            Outcome(case, best.country if best else None, best.sector if best else None)
        )
    return outcomes


def _sentence(case: ActorCase) -> str:
    framed = case.text + _FRAME
    return f"{framed} {case.context}." if case.context else framed


def _covering(mentions: Iterable[ActorMention], end: int) -> ActorMention | None:
    """The mention covering most of the case's text (which starts the sentence)."""
    best: tuple[int, ActorMention] | None = None
    for mention in mentions:
        overlap = min(mention.end, end) - max(mention.start, 0)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, mention)
    return best[1] if best else None


def score(outcomes: list[Outcome]) -> ActorScores:
    dated = [o for o in outcomes if o.case.dated]
    return ActorScores(
        country=_accuracy(outcomes, country=True, sector=False),
        sector=_accuracy(outcomes, country=False, sector=True),
        both=_accuracy(outcomes, country=True, sector=True),
        dated_country=_accuracy(dated, country=True, sector=False),
        dated_sector=_accuracy(dated, country=False, sector=True),
        dated_both=_accuracy(dated, country=True, sector=True),
    )


def _accuracy(outcomes: list[Outcome], *, country: bool, sector: bool) -> Accuracy:
    scored = [
        o
        for o in outcomes
        if (not country or o.case.checks_country) and (not sector or o.case.checks_sector)
    ]
    correct = sum((not country or o.country_ok) and (not sector or o.sector_ok) for o in scored)
    return Accuracy(correct, len(scored))


def evaluate(folder: Path, stages: ActorStages) -> tuple[ActorScores, list[Outcome]]:
    outcomes = resolve_cases(stages, load_cases(folder))
    return score(outcomes), outcomes
