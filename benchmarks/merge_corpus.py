"""A labelled corpus for merging events across articles and counting independent sources.

    .venv/bin/python benchmarks/merge_corpus.py OUT.jsonl [--worlds 40] [--seed 5]

writes OUT.jsonl (one article a line: url, title, outlet, published, text) and OUT.truth.json
(doc_id -> kind, origin and the event sentences of that article with their true keys).

Design. The corpus is made of "worlds": one news story between two actors A and B (states or
organisations a knowledge base of countries and organisations knows), a place and a date in
2021-2025. A world holds two to four distinct real-world events of different types (talks, an
accusation, sanctions, an aid pledge, a warning, ...), each with a key ("w3-e1") and one
canonical wording; some name the weekday ("on Tuesday", always the weekday of the event's own
date), some give no day. Every sentence is written from our own templates. The articles of a
world are:

* original: a wire story (Reuters, AFP, AP or dpa) with a dateline, 300-500 words: the event
  sentences among context, background, speculative analysis ("could", "might") and quotes.
  Filler names the actors only in sentences that report nothing between them, so that the
  listed events are the only reportable events in the text.
* rewrite (one to three): another outlet's version of the wire story: 5-25 % of the filler
  words changed (other phrasings, synonyms, a sentence dropped or added), event sentences
  lightly reworded (a synonym for the verb phrase, sometimes a capital for a country), same
  actors and day; some end with a wire credit such as "(Reuters)" or "(AFP/jm)".
* copy_headline: the wire text under a new headline at another outlet.
* copy_wire_credit: the wire text at another outlet, credited to the wire at the end.
* independent (usually one, sometimes two or none): another outlet's own report of one or two
  of the same events (the same keys), with its own filler and the event sentences restated in a
  different structure (passive voice, another predicate, the day moved) but the same actors,
  type and day. Its origin is that outlet.
* unrelated_same_actors: the same two actors, but other events: other types around the same
  date, or any type three weeks or more later. New keys; they must not merge with the world's.
* follow_up (about half the worlds): a week to a month later, a new event between A and B (a
  new key) and a sentence recalling one earlier event as background ("Last week's talks between
  ..."); the background mention is not listed as an event.

`origin` is the first reporter of an article's content: the wire for the original and for all
its rewrites and copies, the outlet itself for an independent report. Counting the distinct
origins among the articles that report an event gives its number of independent sources.
About one article in twelve is undated. Articles arrive in an interleaved stream, each original
before its rewrites and copies. The same seed always gives the same corpus.

Scoring. Items are (doc_id, index of the event in that article's `events`); a system maps each
to a cluster id (use `match_sentence` to find which listed event a coded evidence sentence is).
Over the pairs of items from different articles present in both the prediction and the truth:
precision = pairs in the same predicted cluster that share a true key / pairs in the same
predicted cluster (wrong merges lower it); recall = pairs that share a true key and are in the
same predicted cluster / pairs that share a true key (missed merges, or splits, lower it).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Public records


@dataclass(frozen=True)
class GenEvent:
    key: str  # the true identity of the real-world event, e.g. "w3-e1"; same key = same event
    sentence: str  # the exact sentence as it appears in this article's text (unique within it)


@dataclass(frozen=True)
class GenArticle:
    doc_id: str  # unique, e.g. "w3-rewrite2"
    kind: str  # original | rewrite | copy_headline | copy_wire_credit | independent | ...
    origin: str  # the true first reporter: the wire for a wire story and all its copies
    outlet: str
    title: str
    published: date | None
    text: str
    events: tuple[GenEvent, ...]  # every event sentence in the text, with its key


KINDS = (
    "original",
    "rewrite",
    "copy_headline",
    "copy_wire_credit",
    "independent",
    "unrelated_same_actors",
    "follow_up",
)

# ---------------------------------------------------------------------------------------------
# Actors, places, outlets


@dataclass(frozen=True)
class _Actor:
    name: str  # as written inside a sentence: "the United States"
    state: bool
    capital: str | None = None  # used now and then in place of the name


ACTORS = (
    _Actor("Russia", True, "Moscow"),
    _Actor("Ukraine", True, "Kyiv"),
    _Actor("the United States", True, "Washington"),
    _Actor("China", True, "Beijing"),
    _Actor("Turkey", True, "Ankara"),
    _Actor("Germany", True, "Berlin"),
    _Actor("NATO", False),
    _Actor("the European Union", False),
    _Actor("Poland", True),
    _Actor("France", True),
    _Actor("Britain", True),
    _Actor("Iran", True),
    _Actor("Israel", True),
    _Actor("Japan", True),
    _Actor("India", True),
    _Actor("Finland", True),
    _Actor("Lithuania", True),
    _Actor("Estonia", True),
    _Actor("Hungary", True),
    _Actor("Romania", True),
    _Actor("Serbia", True),
    _Actor("Kosovo", True),
    _Actor("Armenia", True),
    _Actor("Azerbaijan", True),
    _Actor("Qatar", True),
    _Actor("Egypt", True),
)
# Neutral venues: none of them stands in for an actor above.
PLACES = (
    "Geneva", "Vienna", "Istanbul", "Doha", "Brussels", "Helsinki", "Warsaw", "Oslo", "Cairo",
    "Riyadh", "Baku", "Belgrade", "Budapest", "Bucharest", "Tallinn", "Vilnius", "New Delhi",
    "Tokyo", "Munich", "Abu Dhabi", "Yerevan", "Stockholm",
)  # fmt: skip
# Who may send troops, receive them, or receive military aid, so that those events are plausible.
RULES = {
    "sender": ("NATO", "the United States", "Britain", "France", "Germany", "Poland"),
    "host": ("Lithuania", "Estonia", "Poland", "Romania", "Finland", "Germany"),
    "recipient": (
        "Ukraine", "Armenia", "Israel", "Lithuania", "Estonia", "Finland", "Poland", "Romania",
        "Kosovo", "Egypt", "Qatar",
    ),
    "state_or_eu": tuple(a.name for a in ACTORS if a.state or a.name == "the European Union"),
}  # fmt: skip
WIRES = ("Reuters", "AFP", "AP", "dpa")
OUTLETS = (
    "The Northern Courier", "Capitol Brief", "Harbourline News", "Meridian Daily Report",
    "The Continental Review", "Eastwatch Online", "The Lantern Dispatch", "Atlas World Desk",
    "Kestrel News", "The Granite Post", "Bluewater Times", "Crossroads Bulletin",
    "The Saltmarsh Chronicle", "Parallel Lines Weekly", "The Civic Ledger", "Ridgeview Observer",
)  # fmt: skip
INITIALS = ("jm", "rb", "kd", "sl", "at", "hw", "cv", "pn")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FIRST_DAY = date(2021, 1, 1)
LAST_DAY = date(2025, 9, 30)  # leaves room for follow-ups within 2025
UNDATED_SHARE = 1 / 12

# ---------------------------------------------------------------------------------------------
# Event types. Placeholders: {A} {B} actors (or capitals), {Apos} {Bpos} their possessives, {P}
# the place, {ON} " on Tuesday" or "", {FRONT} "On Tuesday, " or "", and a type's own details.
# canonical: the wire wording; light: a rewrite's (same structure, another verb or modifier);
# strong: an independent report's (another structure, same actors, type and day).


@dataclass(frozen=True)
class _Type:
    name: str
    canonical: str
    light: tuple[str, ...]
    strong: tuple[str, ...]
    headline: str
    recap: str  # a noun phrase recalling the event in a follow-up
    source: str  # who may be the source: any, state, or a key of RULES
    target: str  # who may be the target: the same
    details: tuple[dict[str, str], ...] = ({},)
    target_capital: bool = True  # whether the target may be named by its capital


TYPES = (
    _Type(
        "consult",
        "{A} held talks with {B} in {P}{ON}.",
        (
            "{A} met with {B} in {P}{ON}.",
            "{A} held discussions with {B} in {P}{ON}.",
            "{A} held talks with {B} in {P}{ON}, officials said.",
        ),
        (
            "{FRONT}{A} and {B} held a fresh round of negotiations in {P}.",
            "{FRONT}{A} and {B} met behind closed doors in {P}.",
        ),
        "{A} and {B} hold talks in {P}",
        "talks between {A} and {B} in {P}",
        "any",
        "any",
    ),
    _Type(
        "accuse",
        "{A} accused {B} of {X}{ON}.",
        ("{A} blamed {B} for {X}{ON}.", "{A} charged {B} with {X}{ON}."),
        (
            "{FRONT}{B} was accused by {A} of {X}.",
            "{FRONT}{A} lodged a formal complaint against {B} for {X}.",
        ),
        "{A} accuses {B} of {X}",
        "accusations by {A} against {B}",
        "any",
        "any",
        (
            {"X": "violating its airspace"},
            {"X": "interfering in its internal affairs"},
            {"X": "breaching the terms of a transit arrangement"},
            {"X": "spreading false reports about its armed forces"},
            {"X": "mistreating its citizens at the border"},
        ),
    ),
    _Type(
        "sanction",
        "{A} imposed new sanctions on {B}{ON} {R}.",
        (
            "{A} imposed fresh sanctions on {B}{ON} {R}.",
            "{A} announced new sanctions against {B}{ON} {R}.",
        ),
        (
            "{FRONT}new sanctions on {B} were imposed by {A} {R}.",
            "{FRONT}{A} sanctioned {B} {R}, widening an existing list of restrictive measures.",
        ),
        "{A} imposes new sanctions on {B}",
        "sanctions package from {A}",
        "state_or_eu",
        "state",
        (
            {"R": "over its missile programme"},
            {"R": "over human rights abuses"},
            {"R": "over its role in the conflict"},
            {"R": "over election interference"},
        ),
    ),
    _Type(
        "aid",
        "{A} pledged further military aid to {B}{ON}.",
        (
            "{A} promised further military aid to {B}{ON}.",
            "{A} pledged additional military aid to {B}{ON}.",
        ),
        (
            "{FRONT}{A} promised {B} a further package of military aid.",
            "{FRONT}further military aid was pledged to {B} by {A}.",
        ),
        "{A} pledges more military aid to {B}",
        "aid pledge from {A}",
        "any",
        "recipient",
        target_capital=False,
    ),
    _Type(
        "warn",
        "{A} warned {B} against any further escalation{ON}.",
        (
            "{A} cautioned {B} against any further escalation{ON}.",
            "{A} warned {B} against any new escalation{ON}.",
        ),
        (
            "{FRONT}{B} was warned by {A} not to escalate the situation any further.",
            "{FRONT}{A} issued a stern warning to {B} over the risk of escalation.",
        ),
        "{A} warns {B} against escalation",
        "warning from {A}",
        "any",
        "any",
    ),
    _Type(
        "deploy",
        "{A} deployed additional troops to {B}{ON}.",
        ("{A} deployed extra troops to {B}{ON}.", "{A} deployed more soldiers to {B}{ON}."),
        (
            "{FRONT}additional troops were deployed to {B} by {A}.",
            "{FRONT}{A} stationed another contingent of soldiers in {B}.",
        ),
        "{A} sends more troops to {B}",
        "troop deployment by {A}",
        "sender",
        "host",
        target_capital=False,
    ),
    _Type(
        "reject",
        "{A}{ON} rejected a proposal from {B} to {Y}.",
        (
            "{A}{ON} turned down a proposal from {B} to {Y}.",
            "{A}{ON} rebuffed a proposal from {B} to {Y}.",
        ),
        (
            "{FRONT}a proposal by {B} to {Y} was rejected by {A}.",
            "{FRONT}{A} rejected {Bpos} plan to {Y}, calling it unworkable.",
        ),
        "{A} rejects proposal from {B}",
        "rejection by {A} of a proposal from {B}",
        "any",
        "any",
        (
            {"Y": "set up a joint monitoring mission"},
            {"Y": "redraw a disputed maritime boundary"},
            {"Y": "share data on migrant flows"},
            {"Y": "create a new regional forum"},
        ),
    ),
    _Type(
        "agree",
        "{A} and {B}{ON} agreed to set up a joint economic commission after talks in {P}.",
        (
            "{A} and {B}{ON} agreed to establish a joint economic commission after talks in {P}.",
            "{A} and {B}{ON} reached an agreement to set up a joint economic commission after"
            " talks in {P}.",
        ),
        (
            "{FRONT}{A} struck a deal with {B} to create a joint economic commission, following"
            " negotiations in {P}.",
            "{FRONT}{A} agreed with {B} that the two sides would form a joint economic"
            " commission, after negotiations in {P}.",
        ),
        "{A} and {B} agree to set up joint economic commission",
        "agreement between {A} and {B} on a joint commission",
        "state",
        "state",
    ),
    _Type(
        "expel",
        "{A} expelled {X} diplomats from {B}{ON}.",
        (
            "{A} expelled {X} diplomats from {B}{ON}, citing activities incompatible with"
            " their status.",
            "{A}{ON} expelled {X} of {Bpos} diplomats.",
        ),
        (
            "{FRONT}{X} diplomats from {B} were expelled by {A}.",
            "{FRONT}{A} announced the expulsion of {X} diplomats from {B}.",
        ),
        "{A} expels {X} diplomats from {B}",
        "expulsion of diplomats from {B}",
        "state",
        "state",
        ({"X": "two"}, {"X": "three"}, {"X": "four"}, {"X": "five"}),
    ),
    _Type(
        "arrest",
        "{A}{ON} arrested several people accused of spying for {B}.",
        (
            "{A}{ON} detained several people suspected of spying for {B}.",
            "{A}{ON} arrested a number of people accused of spying for {B}.",
        ),
        (
            "{FRONT}several people suspected of working for the intelligence services of {B}"
            " were arrested by {A}.",
            "{FRONT}{A} arrested a group of suspects it said had been spying for {B}.",
        ),
        "{A} arrests suspected spies working for {B}",
        "arrests of suspected spies in {A}",
        "state",
        "state",
    ),
    _Type(
        "urge",
        "{A}{ON} urged {B} to {Z}.",
        ("{A}{ON} called on {B} to {Z}.", "{A}{ON} pressed {B} to {Z}."),
        ("{FRONT}{B} was urged by {A} to {Z}.", "{FRONT}{A} appealed to {B} to {Z}."),
        "{A} urges {B} to {Z}",
        "appeal from {A} to {B}",
        "any",
        "any",
        (
            {"Z": "return to the negotiating table"},
            {"Z": "show restraint along the border"},
            {"Z": "clarify its intentions along the border"},
            {"Z": "reconsider its decision"},
        ),
    ),
    _Type(
        "praise",
        "{A}{ON} praised {B} for {W}.",
        ("{A}{ON} commended {B} for {W}.", "{A}{ON} hailed {B} for {W}."),
        ("{FRONT}{B} was praised by {A} for {W}.", "{FRONT}{A} thanked {B} for {W}."),
        "{A} praises {B} for {W}",
        "praise from {A} for {B}",
        "any",
        "any",
        (
            {"W": "its role in the negotiations"},
            {"W": "its handling of the refugee crisis"},
            {"W": "its efforts to calm tensions in the region"},
            {"W": "its contribution to regional security"},
        ),
    ),
)
GENERIC_HEADLINES = (
    "Ties between {A} and {B} in the spotlight",
    "What we know about the latest tensions between {A} and {B}",
    "{A} and {B}: a difficult week in {P}",
    "Strained relations between {A} and {B} take centre stage",
    "Latest from {P}: {A} and {B} in focus",
)
RECAP_ENDINGS = (
    "had already set the tone for the latest developments.",
    "did little to improve the mood between the two sides.",
    "had left both governments wary of each other's intentions.",
    "drew little public reaction at the time, officials said.",
)

# ---------------------------------------------------------------------------------------------
# Filler: context, background, speculative analysis and quotes. None of it reports an event
# between actors. [a|b] offers alternatives (a rewrite picks others); {A} {B} {P} as above,
# {Y} an earlier year, {N} a small number, {BN} an amount, {DEC} a decade.

FILLER = (
    # context
    "The [announcement|news] came after [several days|a week|weeks] of [rising|mounting]"
    " tension between the two [governments|capitals].",
    "Officials in {P} described the atmosphere as [tense|businesslike|cordial but cautious].",
    "No joint statement was published afterwards, and neither side gave a [detailed|full]"
    " account of what had been [said|discussed behind closed doors].",
    "Markets in the region reacted [calmly|with little movement] to the [news|reports], and"
    " the main currencies [barely moved|held steady] in [afternoon|late] trading.",
    "Officials contacted by reporters declined to comment [further|on the details]"
    " [on the record|before the weekend].",
    "Diplomats said the [issue|matter] had been on the agenda for [months|some time], but"
    " that progress had been [slow|uneven].",
    "The [timing|wording] of the [announcement|move] surprised some [observers|diplomats] in {P}.",
    "Traffic at the main border crossings [remained|stayed] [normal|steady], local"
    " [officials|authorities] said.",
    "The [episode|exchange] [dominated|led] [evening news bulletins|the front pages] in both"
    " countries.",
    "A short summary was posted on the [ministry|government] website [late in the day|shortly"
    " after midday], with few details.",
    "Officials on both sides [stressed|said] that channels of communication remained open.",
    "The session lasted about {N} hours, according to people familiar with the [schedule|"
    "arrangements].",
    "Security was [tight|heightened] around government buildings in {P} throughout the day.",
    "The statement did not [say|specify] when further [contacts|steps] might follow.",
    "Reporters were kept [outside|away from] the [venue|building] for most of the day.",
    "The [move|decision] had been [widely|broadly] [anticipated|expected] in diplomatic circles.",
    "Government websites in {P} [carried|displayed] only a brief notice about the [matter|"
    "development].",
    "Television footage showed [officials|delegates] arriving at the [venue|building] in a"
    " convoy of [dark|black] cars.",
    "Several [lawmakers|members of parliament] asked for a briefing on the [matter|issue]"
    " [next week|in the coming days].",
    "[Weather|Heavy rain] delayed several flights in and out of {P} on the same day, local"
    " media reported.",
    "The [foreign|defence] [ministry|ministries] gave no figures, and independent"
    " verification was not possible.",
    "Some of the [documents|papers] circulated to [reporters|journalists] were marked as drafts.",
    "A [spokesperson|spokeswoman] said a fuller statement [would be published|was being"
    " prepared] [later|in due course].",
    "[Local|Regional] newspapers devoted [several pages|extensive coverage] to the [story|"
    "episode] the next morning.",
    # background
    "Relations between {A} and {B} have been [strained|uneasy|volatile] for [years|much of"
    " the past decade].",
    "Ties between {A} and {B} have gone through repeated ups and downs since {Y}.",
    "The [rivalry|dispute] between {A} and {B} [dates back|goes back] to the {DEC}.",
    "Trade between the two [sides|countries] was worth about {BN} billion dollars last year,"
    " according to official figures.",
    "[Previous|Earlier] efforts to resolve the [dispute|differences] have [stalled|produced"
    " little].",
    "The region has [seen|experienced] [periodic|recurring] bouts of tension since {Y}.",
    "{P} has [long|often] served as a venue for [sensitive|difficult] diplomacy.",
    "Public opinion in {A} has [hardened|shifted] [noticeably|considerably] over the past"
    " year, [polls|surveys] suggest.",
    "Both [governments|capitals] face [elections|domestic pressure] within the next two years.",
    "The [border|frontier] region has a mixed population and a long history of [grievances|"
    "disputes].",
    "Officials in {B} have [long|repeatedly] said their position is shaped by security concerns.",
    "The [question|issue] has [complicated|clouded] relations between {A} and {B} for more"
    " than a decade.",
    # analysis
    "Analysts say the [move|episode] could [complicate|reshape] relations between {A} and {B}"
    " for months.",
    "Some [experts|observers] believe the [step|decision] might [harden|stiffen] positions on"
    " both sides.",
    "[It remains unclear|It is not yet clear] whether {B} would respond in kind.",
    "If tensions [persist|continue], [investors|businesses] could grow [wary of|cautious"
    " about] the region.",
    "[A prolonged|An extended] standoff might [weigh on|hurt] [tourism|commerce] between the"
    " two countries.",
    "Diplomats said the dispute could still be contained if neither side overreacted.",
    "[Observers|Commentators] note that domestic politics in {A} could [limit|narrow] the"
    " room for manoeuvre.",
    "The [outcome|episode] may [test|strain] the patience of partners in the region.",
    "[Some|Several] analysts think the [dispute|row] could [drag on|linger] well into next year.",
    "Much could depend on how [the public|voters] in {B} react over the coming weeks.",
    "A calmer phase might follow if both sides [choose|decide] to [lower|tone down] their"
    " rhetoric.",
    # quotes
    "\u201cWe [expect|want] [clarity|clear answers], not [slogans|excuses],\u201d a [senior"
    " official|government spokesperson] from {A} told reporters.",
    "\u201cThe [situation|matter] is [serious|delicate], and we are [following|watching] it"
    " closely,\u201d a diplomat in {P} said.",
    "\u201cNobody [benefits|gains] from [this kind of|further] tension,\u201d said a [former"
    " ambassador|regional analyst] based in {P}.",
    "\u201c[Our|The government's] position has not changed,\u201d a spokesperson for {B} said.",
    "\u201cThere is still [time|room] for diplomacy,\u201d one [European|Western|senior]"
    " diplomat said.",
    "\u201cWe will [study|examine] the [details|text] carefully before [saying more|commenting"
    " further],\u201d a [spokesperson|spokeswoman] for {A} said.",
    "\u201cThis [does not|will not] make the region any safer,\u201d a security analyst in {P}"
    " said.",
    "\u201cPeople here are [tired|worried] and want [calm|stability],\u201d a shopkeeper in {P}"
    " said.",
    "\u201cIt is too early to [say|judge] where this [leads|ends],\u201d a university lecturer"
    " in {P} said.",
)
FURNITURE = (
    "Advertisement",
    "Share this article",
    "Subscribe to our newsletter for daily updates",
    "Related: Our full coverage of the region",
)
SYNONYMS = {
    "officials": "authorities", "said": "stated", "months": "weeks", "tension": "friction",
    "described": "characterised", "atmosphere": "mood", "region": "area", "observers":
    "commentators", "experts": "specialists", "analysts": "commentators", "countries": "nations",
    "governments": "administrations", "remained": "stayed", "relations": "ties", "ties":
    "relations", "dispute": "row", "reporters": "journalists", "diplomats": "envoys", "venue":
    "site", "serious": "grave", "tense": "fraught", "calmly": "quietly", "closely": "carefully",
    "could": "might", "might": "could", "may": "might", "surprised": "puzzled", "brief":
    "short", "short": "brief", "several": "a number of", "details": "particulars", "matter":
    "issue", "issue": "matter", "throughout": "during", "repeatedly": "often", "tired":
    "weary", "worried": "anxious", "figures": "numbers", "believe": "think", "think":
    "believe", "months.": "weeks.", "progress": "headway", "decade": "ten years", "sensitive":
    "delicate", "delicate": "sensitive", "arriving": "pulling up",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z']+")
_SLOT = re.compile(r"\[([^\]]+)\]")

# ---------------------------------------------------------------------------------------------
# Worlds


@dataclass(frozen=True)
class _Happening:
    """One real-world event of a world, with what is needed to word it again."""

    key: str
    kind: _Type
    detail: Mapping[str, str]
    day: date
    named_day: bool  # whether sentences name the weekday


@dataclass
class _World:
    number: int
    a: _Actor
    b: _Actor
    place: str
    day: date  # the original's publication date
    wire: str
    events: list[_Happening]
    values: dict[str, str] = field(default_factory=dict)  # filler values fixed for the world


@dataclass(frozen=True)
class _Unit:
    text: str
    event: int | None  # index into the world's events (or an article's own list), or None
    template: int | None  # the filler template it came from, or None


Paragraphs = list[list[_Unit]]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _fits(actor: _Actor, rule: str) -> bool:
    if rule in RULES:
        return actor.name in RULES[rule]
    return rule == "any" or actor.state


def _types_for(a: _Actor, b: _Actor) -> list[_Type]:
    return [t for t in TYPES if _fits(a, t.source) and _fits(b, t.target)]


def _name(actor: _Actor, place: str, rng: random.Random, metonym: float) -> str:
    if actor.capital and actor.capital != place and rng.random() < metonym:
        return actor.capital
    return actor.name


def _word_event(
    event: _Happening,
    template: str,
    world: _World,
    rng: random.Random,
    metonym: float = 0.0,
) -> str:
    a = _name(world.a, world.place, rng, metonym)
    b = _name(world.b, world.place, rng, metonym if event.kind.target_capital else 0.0)
    weekday = WEEKDAYS[event.day.weekday()]
    values = {
        "A": a,
        "B": b,
        "Apos": _possessive(a),
        "Bpos": _possessive(b),
        "P": world.place,
        "ON": f" on {weekday}" if event.named_day else "",
        "FRONT": f"On {weekday}, " if event.named_day else "",
        **event.detail,
    }
    return _capitalise(template.format(**values))


def _headline(event: _Happening, world: _World) -> str:
    values = {"A": world.a.name, "B": world.b.name, "P": world.place, **event.detail}
    return _capitalise(event.kind.headline.format(**values))


def _generic_headline(world: _World, rng: random.Random) -> str:
    template = rng.choice(GENERIC_HEADLINES)
    return _capitalise(template.format(A=world.a.name, B=world.b.name, P=world.place))


def _happening(
    key: str, kind: _Type, day: date, rng: random.Random, named: float = 0.55
) -> _Happening:
    return _Happening(key, kind, rng.choice(kind.details), day, rng.random() < named)


def _world(number: int, rng: random.Random) -> _World:
    while True:
        a, b = rng.sample(ACTORS, 2)
        if a.state or b.state:
            break
    place = rng.choice(PLACES)
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    kinds = rng.sample(_types_for(a, b), rng.randint(2, 4))
    events = [
        _happening(f"w{number}-e{i}", kind, day - timedelta(days=rng.choice([0, 0, 1])), rng)
        for i, kind in enumerate(kinds, start=1)
    ]
    world = _World(number, a, b, place, day, rng.choice(WIRES), events)
    world.values = {
        "A": a.name,
        "B": b.name,
        "P": place,
        "Y": str(day.year - rng.randint(3, 20)),
        "N": rng.choice(["two", "three", "four", "five", "six"]),
        "BN": str(rng.choice([3, 5, 8, 12, 17, 24, 31, 46])),
        "DEC": f"{rng.choice([1950, 1960, 1970, 1980, 1990])}s",
    }
    return world


# ---------------------------------------------------------------------------------------------
# Filler and layout


def _slots(template: str) -> list[list[str]]:
    return [match.group(1).split("|") for match in _SLOT.finditer(template)]


def _fill(template: str, choices: Sequence[int], values: Mapping[str, str]) -> str:
    picks = iter(choices)
    text = _SLOT.sub(lambda m: m.group(1).split("|")[next(picks)], template)
    return _capitalise(text.format(**values))


def _filler(index: int, values: Mapping[str, str], rng: random.Random) -> _Unit:
    template = FILLER[index]
    choices = [rng.randrange(len(options)) for options in _slots(template)]
    return _Unit(_fill(template, choices, values), None, index)


def _words(text: str) -> int:
    return len(text.split())


def _layout(
    lead: list[_Unit], events: list[_Unit], fillers: list[_Unit], rng: random.Random
) -> Paragraphs:
    """A lead paragraph, then paragraphs of one to three sentences with the other event
    sentences at random places among the filler."""
    body = list(fillers)
    for unit in events:
        body.insert(rng.randrange(min(len(body), 9) + 1), unit)
    paragraphs: Paragraphs = [lead]
    while body:
        size = rng.choice([1, 2, 2, 3])
        paragraphs.append(body[:size])
        body = body[size:]
    return paragraphs


def _pick_fillers(
    values: Mapping[str, str],
    words: int,
    rng: random.Random,
    avoid: Iterable[int] = (),
) -> list[_Unit]:
    banned = set(avoid)
    order = [i for i in range(len(FILLER)) if i not in banned]
    rng.shuffle(order)
    units: list[_Unit] = []
    count = 0
    for index in order:
        if count >= words:
            break
        unit = _filler(index, values, rng)
        units.append(unit)
        count += _words(unit.text)
    return units


def _text(paragraphs: Paragraphs, dateline: str = "", credit: str = "") -> str:
    blocks = [" ".join(unit.text for unit in paragraph) for paragraph in paragraphs]
    blocks[0] = dateline + blocks[0]
    if credit:
        blocks.append(credit)
    return "\n\n".join(blocks)


def _events_of(paragraphs: Paragraphs, keys: Sequence[str]) -> tuple[GenEvent, ...]:
    return tuple(
        GenEvent(keys[unit.event], unit.text)
        for paragraph in paragraphs
        for unit in paragraph
        if unit.event is not None
    )


def _wire_dateline(wire: str, place: str, day: date) -> str:
    if wire == "Reuters":
        return f"{place.upper()}, {day:%B} {day.day} (Reuters) - "
    if wire == "AP":
        return f"{place.upper()} (AP) \u2014 "
    return f"{place} ({wire}) - "


def _credit(wire: str, rng: random.Random) -> str:
    if wire in ("AFP", "dpa"):
        return f"({wire}/{rng.choice(INITIALS)})"
    return f"({wire})"


def _dateline(outlet: str, place: str, day: date, rng: random.Random) -> str:
    if outlet in WIRES:
        return _wire_dateline(outlet, place, day)
    return rng.choice([f"{place.upper()} \u2014 ", "", ""])


def _published(day: date, rng: random.Random) -> date | None:
    return None if rng.random() < UNDATED_SHARE else day


# ---------------------------------------------------------------------------------------------
# Rewriting filler


def _changed(old: str, new: str) -> int:
    before, after = old.split(), new.split()
    kept = sum(block.size for block in SequenceMatcher(None, before, after).get_matching_blocks())
    return max(len(before), len(after)) - kept


def _swap_synonyms(text: str, rng: random.Random, most: int) -> str:
    tokens = text.split(" ")
    candidates = [i for i, token in enumerate(tokens) if token.lower() in SYNONYMS]
    for i in rng.sample(candidates, min(most, len(candidates))):
        replacement = SYNONYMS[tokens[i].lower()]
        tokens[i] = _capitalise(replacement) if tokens[i][:1].isupper() else replacement
    return " ".join(tokens)


def _reword(unit: _Unit, values: Mapping[str, str], rng: random.Random) -> _Unit:
    """Another phrasing of a filler sentence: some alternatives re-picked, a synonym or two."""
    assert unit.template is not None
    template = FILLER[unit.template]
    choices = [rng.randrange(len(options)) for options in _slots(template)]
    text = _fill(template, choices, values)
    if text == unit.text or rng.random() < 0.5:
        text = _swap_synonyms(text, rng, rng.randint(1, 2))
    return _Unit(text, None, unit.template)


def _rewrite_filler(
    paragraphs: Paragraphs, values: Mapping[str, str], share: float, rng: random.Random
) -> Paragraphs:
    """Change about `share` of the filler words: reword sentences, drop a few, add a few."""
    result = [list(paragraph) for paragraph in paragraphs]
    budget = share * sum(_words(u.text) for p in result for u in p if u.event is None)
    spent = 0
    places = [(i, j) for i, p in enumerate(result) for j, u in enumerate(p) if u.event is None]
    rng.shuffle(places)
    used = {u.template for p in result for u in p if u.template is not None}
    added: dict[tuple[int, int], _Unit] = {}  # inserted after a position, once all are edited
    for i, j in places:
        if spent >= budget:
            break
        unit = result[i][j]
        roll = rng.random()
        spare = [k for k in range(len(FILLER)) if k not in used]
        if roll < 0.1 and len(result[i]) > 1 and spent + _words(unit.text) <= 1.3 * budget:
            result[i][j] = _Unit("", None, None)  # dropped
            spent += _words(unit.text)
        elif roll < 0.2 and spare:
            extra = _filler(rng.choice(spare), values, rng)
            assert extra.template is not None
            used.add(extra.template)
            added[(i, j)] = extra
            spent += _words(extra.text)
        else:
            new = _reword(unit, values, rng)
            spent += _changed(unit.text, new.text)
            result[i][j] = new
    rows = [
        [x for j, unit in enumerate(p) for x in (unit, added.get((i, j))) if x and x.text]
        for i, p in enumerate(result)
    ]
    return [row for row in rows if row]


# ---------------------------------------------------------------------------------------------
# Articles of a world


def _original(world: _World, rng: random.Random) -> tuple[Paragraphs, list[str]]:
    keys = [event.key for event in world.events]
    units = [
        _Unit(_word_event(event, event.kind.canonical, world, rng), i, None)
        for i, event in enumerate(world.events)
    ]
    event_words = sum(_words(u.text) for u in units)
    fillers = _pick_fillers(world.values, rng.randint(300, 480) - event_words, rng)
    lead = [units[0], *fillers[:1]]
    paragraphs = _layout(lead, units[1:], fillers[1:], rng)
    return paragraphs, keys


def _article(
    world: _World,
    suffix: str,
    kind: str,
    origin: str,
    outlet: str,
    title: str,
    published: date | None,
    text: str,
    events: tuple[GenEvent, ...],
) -> GenArticle:
    return GenArticle(
        f"w{world.number}-{suffix}", kind, origin, outlet, title, published, text, events
    )


def _rewrites(
    world: _World,
    paragraphs: Paragraphs,
    keys: list[str],
    outlets: list[str],
    rng: random.Random,
) -> list[GenArticle]:
    articles = []
    for number, outlet in enumerate(outlets, start=1):
        share = rng.uniform(0.05, 0.25)
        changed = _rewrite_filler(paragraphs, world.values, share, rng)
        reworded: Paragraphs = []
        for paragraph in changed:
            row = []
            for unit in paragraph:
                if unit.event is not None and rng.random() < 0.7:
                    event = world.events[unit.event]
                    text = _word_event(event, rng.choice(event.kind.light), world, rng, 0.2)
                    unit = _Unit(text, unit.event, None)
                row.append(unit)
            reworded.append(row)
        if len(reworded) > 3 and rng.random() < 0.5:  # two later paragraphs trade places
            at = rng.randrange(1, len(reworded) - 1)
            reworded[at], reworded[at + 1] = reworded[at + 1], reworded[at]
        published = world.day + timedelta(days=rng.choice([0, 0, 1]))
        dateline = rng.choice([f"{world.place.upper()} \u2014 ", ""])
        credit = _credit(world.wire, rng) if rng.random() < 0.5 else ""
        title = (
            _headline(world.events[0], world)
            if rng.random() < 0.5
            else _generic_headline(world, rng)
        )
        articles.append(
            _article(
                world,
                f"rewrite{number}",
                "rewrite",
                world.wire,
                outlet,
                title,
                _published(published, rng),
                _text(reworded, dateline, credit),
                _events_of(reworded, keys),
            )
        )
    return articles


def _independent(
    world: _World, number: int, outlet: str, used: set[int], rng: random.Random
) -> GenArticle:
    count = min(len(world.events), rng.choice([1, 2]))
    chosen = sorted(rng.sample(range(len(world.events)), count))
    units = [
        _Unit(
            _word_event(world.events[i], rng.choice(world.events[i].kind.strong), world, rng, 0.25),
            i,
            None,
        )
        for i in chosen
    ]
    fillers = _pick_fillers(world.values, rng.randint(220, 380), rng, avoid=used)
    paragraphs = _layout([units[0], *fillers[:1]], units[1:], fillers[1:], rng)
    published = world.day + timedelta(days=rng.choice([0, 1]))
    keys = [event.key for event in world.events]
    title = _headline(world.events[chosen[0]], world)
    dateline = _dateline(outlet, world.place, published, rng)
    return _article(
        world,
        f"independent{number}",
        "independent",
        outlet,
        outlet,
        title,
        _published(published, rng),
        _text(paragraphs, dateline),
        _events_of(paragraphs, keys),
    )


def _own_report(
    world: _World,
    suffix: str,
    kind: str,
    outlet: str,
    events: list[_Happening],
    published: date,
    rng: random.Random,
    recap: str = "",
) -> GenArticle:
    """An outlet's own report of `events` (canonical wording), with an optional background
    sentence recalling an earlier event. Dated whenever an event repeats the type and details
    of one of the world's: the date is then what tells them apart."""
    repeats = any(
        event.kind == old.kind and event.detail == old.detail
        for event in events
        for old in world.events
    )
    units = [
        _Unit(_word_event(event, event.kind.canonical, world, rng, 0.15), i, None)
        for i, event in enumerate(events)
    ]
    fillers = _pick_fillers(world.values, rng.randint(220, 400), rng)
    if recap:
        fillers.insert(rng.randint(0, min(2, len(fillers))), _Unit(recap, None, None))
    paragraphs = _layout([units[0], *fillers[:1]], units[1:], fillers[1:], rng)
    title = _headline(events[0], world)
    dateline = _dateline(outlet, world.place, published, rng)
    return _article(
        world,
        suffix,
        kind,
        outlet,
        outlet,
        title,
        published if repeats else _published(published, rng),
        _text(paragraphs, dateline),
        _events_of(paragraphs, [e.key for e in events]),
    )


def _unrelated(world: _World, rng: random.Random) -> GenArticle:
    """Same actors, other events: other types around the same date, or three weeks on."""
    used = [event.kind for event in world.events]
    fresh = [kind for kind in _types_for(world.a, world.b) if kind not in used]
    if fresh and rng.random() < 0.5:
        day = world.day + timedelta(days=rng.randint(-2, 2))
        kinds = rng.sample(fresh, min(len(fresh), rng.choice([1, 2])))
    else:
        day = world.day + timedelta(days=rng.randint(21, 75))
        kinds = rng.sample(_types_for(world.a, world.b), rng.choice([1, 2]))
    events = [
        _happening(f"w{world.number}-u{i}", kind, day - timedelta(days=rng.choice([0, 1])), rng)
        for i, kind in enumerate(kinds, start=1)
    ]
    outlet = rng.choice([*WIRES, *OUTLETS])
    return _own_report(world, "unrelated", "unrelated_same_actors", outlet, events, day, rng)


def _when(earlier: date, later: date) -> str:
    """How a follow-up published on `later` refers to an event on `earlier`."""
    weeks = (later - timedelta(days=later.weekday())) - (earlier - timedelta(earlier.weekday()))
    if weeks == timedelta(days=7):
        return "Last week's"
    if (later.year * 12 + later.month) - (earlier.year * 12 + earlier.month) == 1:
        return "Last month's"
    return "The earlier"


def _follow_up(world: _World, rng: random.Random) -> GenArticle:
    """A week to a month later: a new event, and one earlier event recalled as background."""
    published = world.day + timedelta(days=rng.randint(7, 30))
    kind = rng.choice(_types_for(world.a, world.b))
    event = _happening(
        f"w{world.number}-f1", kind, published - timedelta(days=rng.choice([0, 1])), rng
    )
    earlier = rng.choice(world.events)
    values = {"A": world.a.name, "B": world.b.name, "P": world.place}
    recap = (
        f"{_when(earlier.day, published)} {earlier.kind.recap.format(**values)}"
        f" {rng.choice(RECAP_ENDINGS)}"
    )
    outlet = world.wire if rng.random() < 0.5 else rng.choice(OUTLETS)
    return _own_report(world, "follow_up", "follow_up", outlet, [event], published, rng, recap)


def world_articles(number: int, rng: random.Random) -> list[tuple[float, GenArticle]]:
    """The articles of one world, each with a position in the arrival stream."""
    world = _world(number, rng)
    paragraphs, keys = _original(world, rng)
    wire = world.wire
    start = rng.random() * 0.6
    original = _article(
        world,
        "original",
        "original",
        wire,
        wire,
        _headline(world.events[0], world),
        _published(world.day, rng),
        _text(paragraphs, _wire_dateline(wire, world.place, world.day)),
        _events_of(paragraphs, keys),
    )
    placed = [(start, original)]

    def after(article: GenArticle) -> None:
        placed.append((rng.uniform(start, 1.0), article))

    outlets = rng.sample(OUTLETS, 7)
    for article in _rewrites(world, paragraphs, keys, outlets[: rng.randint(1, 3)], rng):
        after(article)
    if rng.random() < 0.5:
        day = world.day + timedelta(days=rng.choice([0, 1]))
        after(
            _article(
                world,
                "copy_headline",
                "copy_headline",
                wire,
                outlets[3],
                _generic_headline(world, rng),
                _published(day, rng),
                original.text,
                original.events,
            )
        )
    if rng.random() < 0.4:
        body = _text(paragraphs)
        credit = rng.choice([f"Source: {wire}", f"This story was provided by {wire}."])
        after(
            _article(
                world,
                "copy_wire_credit",
                "copy_wire_credit",
                wire,
                outlets[4],
                original.title,
                _published(world.day, rng),
                f"{body}\n\n{credit}",
                original.events,
            )
        )
    used = {u.template for p in paragraphs for u in p if u.template is not None}
    independents = rng.choices([0, 1, 2], weights=[1, 6, 3])[0]
    others = [w for w in WIRES if w != wire]
    for index in range(1, independents + 1):
        outlet = rng.choice(others) if rng.random() < 0.3 else outlets[4 + index]
        if outlet in others:
            others.remove(outlet)
        placed.append(
            (
                rng.uniform(max(0.0, start - 0.1), 1.0),
                _independent(world, index, outlet, used, rng),
            )
        )
    placed.append((rng.random(), _unrelated(world, rng)))
    if rng.random() < 0.5:
        after(_follow_up(world, rng))
    return placed


def corpus(worlds: int = 40, seed: int = 5) -> list[GenArticle]:
    """The articles of all worlds, interleaved in arrival order (each original before its
    rewrites and copies)."""
    rng = random.Random(seed)
    placed = [entry for number in range(1, worlds + 1) for entry in world_articles(number, rng)]
    placed.sort(key=lambda entry: entry[0])
    return [article for _, article in placed]


# ---------------------------------------------------------------------------------------------
# Output and scoring


def to_jsonl_record(article: GenArticle) -> dict[str, str]:
    record = {
        "url": f"https://news.example.org/{article.doc_id}",
        "title": article.title,
        "outlet": article.outlet,
    }
    if article.published is not None:
        record["published"] = article.published.isoformat()
    record["text"] = article.text
    return record


def truth_record(article: GenArticle) -> dict[str, object]:
    return {
        "kind": article.kind,
        "origin": article.origin,
        "events": [{"key": e.key, "sentence": e.sentence} for e in article.events],
    }


def _pairs(counts: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in counts)


def _cross_pairs(labels: Iterable[tuple[Hashable, str]]) -> int:
    """Pairs with the same label from different articles: all same-label pairs minus those
    within one article."""
    by_label: Counter[Hashable] = Counter()
    by_label_doc: Counter[tuple[Hashable, str]] = Counter()
    for label, doc in labels:
        by_label[label] += 1
        by_label_doc[(label, doc)] += 1
    return _pairs(by_label.values()) - _pairs(by_label_doc.values())


def pairwise_scores(
    predicted: Mapping[tuple[str, int], str], truth: Mapping[tuple[str, int], str]
) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a clustering, over the items in both mappings and
    the pairs of them from different articles. Linear in the number of items."""
    items = [item for item in predicted if item in truth]
    pairs_predicted = _cross_pairs((predicted[i], i[0]) for i in items)
    pairs_true = _cross_pairs((truth[i], i[0]) for i in items)
    pairs_correct = _cross_pairs(((predicted[i], truth[i]), i[0]) for i in items)
    precision = pairs_correct / pairs_predicted if pairs_predicted else 1.0
    recall = pairs_correct / pairs_true if pairs_true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "pairs_predicted": float(pairs_predicted),
        "pairs_true": float(pairs_true),
        "pairs_correct": float(pairs_correct),
        "items": float(len(items)),
    }


_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.translate(_QUOTES).casefold())


def match_sentence(article: GenArticle, sentence: str) -> int | None:
    """The index of the listed event whose sentence is the coded `sentence`: one contains the
    other once whitespace, quotes, case and punctuation are set aside (a contained fragment
    must hold half the event's words), else the best token Jaccard of at least 0.6."""
    found = _tokens(sentence)
    if not found:
        return None
    joined = f" {' '.join(found)} "
    best: tuple[float, int] | None = None
    for index, event in enumerate(article.events):
        wanted = _tokens(event.sentence)
        target = f" {' '.join(wanted)} "
        overlap = len(set(found) & set(wanted)) / len(set(found) | set(wanted))
        contained = target in joined or (joined in target and 2 * len(found) >= len(wanted))
        score = 1.0 + overlap if contained else overlap
        if (contained or overlap >= 0.6) and (best is None or score > best[0]):
            best = (score, index)
    return None if best is None else best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--worlds", type=int, default=40)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    articles = corpus(args.worlds, args.seed)
    output: Path = args.output
    with output.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(to_jsonl_record(article), ensure_ascii=False) + "\n")
    truth = {article.doc_id: truth_record(article) for article in articles}
    truth_path = output.with_name(output.stem + ".truth.json")
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", "utf-8")
    keys = {event.key for article in articles for event in article.events}
    events = sum(len(article.events) for article in articles)
    print(f"{len(articles)} articles, {events} event sentences, {len(keys)} events -> {output}")


if __name__ == "__main__":
    main()
