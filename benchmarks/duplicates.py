"""Near-duplicate linking: precision and recall by threshold and shingle size, and add() speed.

    .venv/bin/python benchmarks/duplicates.py [--originals 250] [--seed 11] [--sizes 1000 10000]

The corpus is generated from our own sentence templates: originals of 300-600 words on twelve
overlapping topics (so that unrelated articles share much of their vocabulary, and an unrelated
article on the same story shares its actors and places), and for each original:

* rewrites with 5, 10, 20 and 30 % of the words changed: runs of one to three words substituted
  (a synonym, else another news word), inserted or deleted, some sentences moved, a new headline;
* copies: with a changed headline (and dateline), with boilerplate lines added, and with the
  tail cut (55-85 % kept, plus a "read more" line);
* negatives: an unrelated article on the same story (same actors and place), and a follow-up
  that reuses one to five of the original's paragraphs as background.

Articles arrive in a shuffled stream in which each original comes before its copies and
rewrites; about one in ten is undated. A copy or rewrite is right when it links to its original;
any other link is wrong. Precision = right links / all links; recall = right links / copies and
rewrites. Threshold and shingle size are chosen by F1, preferring precision on ties.
Results are written to benchmarks/results/duplicates.json; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from eventwire.merge.duplicates import (
    NUM_PERM,
    SHINGLE,
    THRESHOLD,
    DuplicateIndex,
    Signature,
    band_params,
    signature,
)
from eventwire.merge.shingles import shingles, words
from eventwire.records import StoredSignature

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "duplicates.json"
THRESHOLDS = [round(0.30 + 0.05 * step, 2) for step in range(13)]  # 0.30 .. 0.90
SHINGLE_SIZES = [3, 4, 5]
REWRITE_SHARES = {"rewrite_05": 0.05, "rewrite_10": 0.10, "rewrite_20": 0.20, "rewrite_30": 0.30}
COPY_KINDS = ["copy_headline", "copy_boilerplate", "copy_truncated"]
POSITIVE_KINDS = [*REWRITE_SHARES, *COPY_KINDS]
NEGATIVE_KINDS = ["original", "unrelated", "follow_up"]

# ---------------------------------------------------------------------------------------------
# Vocabulary and templates. [a|b] picks one alternative; {A} {B} actors, {P} a place, {D} a day,
# {N} a number, {I} an issue of the article's topic, {O} an official, {M} a month.

ACTORS = [
    "Russia", "Ukraine", "the United States", "NATO", "the European Union", "Poland", "Germany",
    "France", "Britain", "China", "Turkey", "Moscow", "Kyiv", "Washington", "the Kremlin",
    "Beijing", "Ankara", "Berlin", "Finland", "Lithuania", "Estonia", "Hungary", "Romania",
    "Moldova", "Georgia", "Iran", "Israel", "Egypt", "Qatar", "Japan", "South Korea", "India",
    "Brazil", "the United Nations", "the African Union", "Serbia", "Kosovo", "Armenia",
    "Azerbaijan", "Belarus",
]  # fmt: skip
PLACES = [
    "Geneva", "Brussels", "Warsaw", "Vilnius", "Kharkiv", "Odesa", "Riyadh", "Istanbul",
    "Helsinki", "Munich", "Minsk", "Tallinn", "Vienna", "Doha", "Cairo", "Tbilisi", "Baku",
    "Yerevan", "Bucharest", "Budapest", "Belgrade", "Pristina", "New York", "Tokyo",
]  # fmt: skip
OFFICIALS = [
    "the foreign minister", "the defence minister", "the prime minister", "the president",
    "a senior diplomat", "the national security adviser", "the interior minister",
    "a government spokesperson", "the finance minister", "the ambassador", "a military spokesman",
    "the deputy foreign minister", "an opposition leader", "the speaker of parliament",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip

TOPICS: dict[str, tuple[list[str], list[str]]] = {
    "ceasefire": (
        ["the ceasefire", "the truce", "the front line", "the prisoner exchange",
         "the demilitarised zone"],
        ["Monitors reported {N} violations of {I} along the [eastern|southern] sector overnight.",
         "Both sides accused each other of breaking {I} within hours of it taking effect.",
         "The agreement on {I} was brokered by {B} after [weeks|months] of shuttle diplomacy.",
         "Residents near {P} said shelling had [eased|resumed] since {I} was announced."],
    ),
    "sanctions": (
        ["the sanctions", "the export controls", "the frozen assets", "the oil price cap",
         "the banking restrictions"],
        ["{A} said {I} would target [banks|shipping firms|arms makers] linked to {B}.",
         "Economists estimate {I} have cost {B} about {N} billion dollars this year.",
         "Lawyers for several firms are challenging {I} in court in {P}.",
         "{B} dismissed {I} as [illegal|ineffective|an act of economic war]."],
    ),
    "election": (
        ["the election", "the vote count", "the runoff", "the opposition campaign",
         "the electoral commission"],
        ["Turnout in {I} reached {N} percent, according to preliminary figures.",
         "Observers from {B} said {I} had been [marred|overshadowed] by irregularities.",
         "Thousands of supporters rallied in {P} on the eve of {I}.",
         "The ruling party is expected to lose its majority in {I}, polls suggest."],
    ),
    "trade": (
        ["the tariffs", "the trade deal", "steel imports", "the customs union",
         "the export ban"],
        ["{A} will raise {I} on goods from {B} by {N} percent from {M}.",
         "Manufacturers in {P} warned that {I} would cost thousands of jobs.",
         "Negotiators from {A} and {B} failed to settle the dispute over {I}.",
         "Shares of exporters fell sharply after the announcement on {I}."],
    ),
    "protests": (
        ["the protests", "the crackdown", "the demonstrations", "the general strike",
         "the curfew"],
        ["Police in {P} detained at least {N} people during {I} on {D}.",
         "Rights groups condemned {I} and called for an independent inquiry.",
         "Organisers said {I} would continue until the government [resigned|backed down].",
         "Video footage showed riot police using tear gas to disperse {I}."],
    ),
    "military_aid": (
        ["the aid package", "air defence systems", "artillery shells", "the fighter jets",
         "the training mission"],
        ["{A} approved {I} worth {N} million dollars for {B}.",
         "Deliveries of {I} are expected to begin in {M}, officials said.",
         "Critics in {A} questioned whether {I} would reach the front in time.",
         "{B} thanked {A} for {I}, calling it vital for its defence."],
    ),
    "migration": (
        ["the asylum seekers", "the border crossing", "the migration pact", "the reception centres",
         "the deportation flights"],
        ["More than {N} people arrived at {I} near {P} in the past week.",
         "{A} and {B} signed an agreement on {I} after lengthy talks.",
         "Aid agencies warned that conditions at {I} were deteriorating.",
         "{A} said it would tighten controls on {I} from {M}."],
    ),
    "energy": (
        ["the gas supplies", "the pipeline", "oil prices", "the power grid",
         "the energy subsidies"],
        ["{A} cut {I} to {B} by {N} percent, citing technical problems.",
         "Engineers were sent to repair damage to {I} near {P}.",
         "Analysts expect {I} to remain volatile through {M}.",
         "{B} accused {A} of using {I} as a political weapon."],
    ),
    "cyber": (
        ["the cyber attack", "the hacking group", "critical infrastructure", "the data breach",
         "the ransomware campaign"],
        ["Investigators linked {I} to a group operating from {B}.",
         "{I} disrupted services at {N} hospitals and government offices.",
         "{A} summoned the envoy of {B} over {I} on {D}.",
         "Security researchers said {I} exploited a flaw patched months ago."],
    ),
    "maritime": (
        ["the shipping lanes", "the naval patrol", "the grain corridor", "the blockade",
         "the disputed waters"],
        ["A cargo ship was struck near {I} off {P} on {D}.",
         "{A} sent {N} warships to reinforce {I}.",
         "Insurers raised premiums for vessels using {I}.",
         "{B} warned that any incursion into {I} would meet a firm response."],
    ),
    "nuclear": (
        ["the nuclear plant", "the inspectors", "uranium enrichment", "the nuclear deal",
         "the reactor site"],
        ["The watchdog said {I} had been [disconnected from power|shelled again] on {D}.",
         "{A} demanded that {B} allow {I} full access.",
         "Diplomats in {P} are trying to revive {I}.",
         "{B} said {I} posed no threat to its neighbours."],
    ),
    "alliance": (
        ["the summit", "the alliance", "defence spending", "the membership bid",
         "the joint exercises"],
        ["Leaders gathered in {P} for {I} amid deep divisions over {B}.",
         "{A} pledged to raise {I} to {N} percent of economic output.",
         "{B} denounced {I} as a provocation aimed at its borders.",
         "The final communique of {I} was delayed by last-minute objections."],
    ),
}  # fmt: skip

GENERIC = [
    "{A} [accused|blamed] {B} of [escalating tensions|undermining talks] over {I} on {D}.",
    "{A} held talks with {B} in {P} on {D}, [officials said|according to a statement].",
    "{O} of {A} said the two sides had made [some|little|real] progress on {I}.",
    "\u201cWe [will not accept|cannot ignore] any attempt to change {I} by force,\u201d {O} said.",
    "{O} told reporters in {P} that {A} remained open to dialogue with {B}.",
    "{A} urged {B} to [return to the negotiating table|show restraint] over {I}.",
    "The [meeting|session] in {P} lasted {N} hours and ended without a joint statement.",
    "Officials from {A} and {B} are due to meet again in {P} in {M}.",
    "{A} rejected a proposal from {B} on {I}, calling it [one-sided|unrealistic].",
    "Analysts say the [dispute|standoff] over {I} could [embolden|weaken] {B}.",
    "It remains unclear whether {B} would accept any compromise on {I}.",
    "The issue of {I} has [dominated|shaped] relations between {A} and {B} for years.",
    "{A} warned {B} against [any further escalation|unilateral steps] on {I}.",
    "In a statement on {D}, {O} of {B} described the talks as [businesslike|difficult].",
    "{A} expelled {N} diplomats from {B} on {D}, citing [espionage|interference].",
    "Protesters gathered outside the embassy of {B} in {P} to denounce {I}.",
    "{A} and {B} agreed to set up a working group on {I}.",
    "{O} said a decision on {I} would be taken [within weeks|by the end of {M}].",
    "The European Commission said it was monitoring {I} closely.",
    "Markets reacted [calmly|nervously] to the news from {P} on {D}.",
    "{A} has repeatedly denied any role in {I}.",
    "The United Nations called on all parties to respect international law.",
    "Opposition politicians in {A} criticised the government's handling of {I}.",
    "A poll published on {D} found that {N} percent of voters in {A} backed a tougher line.",
    "{O} is expected to travel to {P} next week to discuss {I}.",
    "Diplomats cautioned that any deal on {I} would take time to implement.",
    "{B} said it reserved the right to respond to what it called provocations.",
    "The talks focused on {I}, [verification measures|security guarantees] and timelines.",
    "{A} announced [fresh|additional] measures against {B} after the talks broke down.",
    "Officials in {P} said the situation had [stabilised|worsened] since {D}.",
    "{O} of {A} spoke by telephone with {O} of {B} on {D}.",
    "The decision drew sharp criticism from {B}, which called it [reckless|unacceptable].",
    "{A} is due to host a conference on {I} in {P} in {M}.",
    "Neither side has published the full text of the [draft|proposal] on {I}.",
    "{N} people were [killed|injured] in [fighting|clashes] near {P} on {D}, officials said.",
    "Tensions between {A} and {B} have risen sharply since {M}.",
    "According to people familiar with the talks, {A} offered concessions on {I}.",
    "{O} said {A} would not be [pressured|rushed] into a deal on {I}.",
    "Observers note that {I} has become a test of credibility for {A}.",
    "{B} has not commented publicly on the [report|claims] about {I}.",
    "The [spokesperson|ministry] for {A} declined to say when talks on {I} would resume.",
    "Several governments, including {B}, voiced support for {A} on {D}.",
    "{O} warned that [time was running out|the window for diplomacy was closing] on {I}.",
    "Earlier this year, {A} and {B} signed a memorandum on {I} in {P}.",
    "\u201cThis is [a serious violation|an important step],\u201d a diplomat from {B} said.",
]  # fmt: skip
HEADLINES = [
    "{A} and {B} [clash|spar] over {I}",
    "{A} warns {B} as dispute over {I} deepens",
    "Talks on {I} [stall|resume] in {P}",
    "{B} rejects {A} demands on {I}",
    "{O} of {A} heads to {P} for talks on {I}",
    "What we know about {I} after {D}'s talks in {P}",
    "{A} signals shift on {I}",
    "Pressure mounts on {B} over {I}",
]  # fmt: skip
BOILERPLATE = [
    "Advertisement", "Share this article", "Subscribe to our newsletter for daily updates",
    "Read more: Five things to know about the talks", "Leave a comment below",
    "Follow us on social media for the latest news", "This article was updated on {D}.",
    "Reporting by staff correspondents; editing by the news desk",
    "Sign up for breaking news alerts", "Related: Our full coverage of the crisis",
    "Copyright 2024. All rights reserved.", "Photo: Reuters",
]  # fmt: skip
SYNONYMS = {
    "said": ["stated", "told reporters"], "talks": ["negotiations", "discussions"],
    "officials": ["authorities"], "government": ["administration", "cabinet"],
    "announced": ["unveiled"], "agreed": ["consented"], "warned": ["cautioned"],
    "meeting": ["session", "gathering"], "fresh": ["new"], "additional": ["further", "extra"],
    "expected": ["anticipated", "likely"], "sharply": ["steeply"], "people": ["civilians"],
    "accused": ["charged"], "rejected": ["dismissed", "turned down"], "urged": ["called on"],
    "deal": ["agreement", "accord"], "critics": ["opponents"], "week": ["few days"],
    "months": ["weeks"], "years": ["decades"], "diplomats": ["envoys"], "criticism": ["rebuke"],
    "offered": ["proposed"], "repeatedly": ["consistently"], "remained": ["stayed"],
}  # fmt: skip
NEWS_WORDS = [
    "also", "reportedly", "however", "meanwhile", "separately", "officials", "sources",
    "ministry", "crisis", "region", "country", "leaders", "foreign", "security", "military",
    "economic", "political", "conflict", "response", "pressure", "week", "statement", "report",
    "agency", "capital", "border", "forces", "allies", "partners", "measures", "plans", "support",
    "concerns", "warning", "decision", "deal", "issue", "move", "step", "situation", "efforts",
]  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Generation


@dataclass(frozen=True, slots=True)
class Story:
    """What a cluster of articles is about: shared by an original, its copies and negatives."""

    topic: str
    main: tuple[str, str]
    place: str


@dataclass(frozen=True, slots=True)
class Item:
    article_id: str
    kind: str
    original: str  # the original of its cluster (itself for an original)
    topic: str
    text: str
    published: date | None


_ALTERNATIVE = re.compile(r"\[([^\]]+)\]")


def _fill(template: str, story: Story, rng: random.Random) -> str:
    issues, _ = TOPICS[story.topic]
    text = _ALTERNATIVE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    # Half the time the story's own actors and place: articles on one story share names.
    a, b = story.main if rng.random() < 0.5 else rng.sample(ACTORS, 2)
    text = text.format(
        A=a,
        B=b,
        P=story.place if rng.random() < 0.5 else rng.choice(PLACES),
        D=rng.choice(DAYS),
        N=rng.choice([2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 40, 100, 250]),
        I=rng.choice(issues),
        O=rng.choice(OFFICIALS),
        M=rng.choice(MONTHS),
    )
    return text[0].upper() + text[1:]


def _paragraphs(story: Story, rng: random.Random) -> list[list[str]]:
    """Paragraphs of one to three sentences, 300-600 words in all."""
    _, specific = TOPICS[story.topic]
    templates = GENERIC + specific * 3  # the topic's own sentences come up often
    target = rng.randint(300, 600)
    paragraphs: list[list[str]] = []
    count = 0
    while count < target:
        paragraph = [_fill(rng.choice(templates), story, rng) for _ in range(rng.randint(1, 3))]
        count += sum(len(s.split()) for s in paragraph)
        paragraphs.append(paragraph)
    return paragraphs


def _headline(story: Story, rng: random.Random) -> str:
    return _fill(rng.choice(HEADLINES), story, rng)


def _text(headline: str, paragraphs: list[list[str]]) -> str:
    return "\n\n".join([headline, *(" ".join(p) for p in paragraphs)])


def _rewrite(paragraphs: list[list[str]], share: float, rng: random.Random) -> list[list[str]]:
    """Change `share` of the words: runs of 1-3 substituted, inserted or deleted; move some
    sentences to other paragraphs."""
    sentences = [s for p in paragraphs for s in p]
    for _ in range(max(1, round(share * len(sentences) / 3))):
        moved = sentences.pop(rng.randrange(len(sentences)))
        sentences.insert(rng.randrange(len(sentences) + 1), moved)
    tokens = [s.split() for s in sentences]
    flat = [(i, j) for i, sentence in enumerate(tokens) for j in range(len(sentence))]
    budget = round(share * len(flat))
    # Edit from the end backwards, so that earlier positions stay valid.
    for i, j in sorted(rng.sample(flat, max(1, budget // 2)), reverse=True):
        if budget <= 0:
            break
        run = min(rng.randint(1, 3), budget, len(tokens[i]) - j)
        budget -= run
        _edit(tokens[i], j, run, rng)
    edited = [" ".join(t) for t in tokens if t]
    cut = sorted(rng.sample(range(1, len(edited)), min(len(paragraphs) - 1, len(edited) - 1)))
    return [edited[a:b] for a, b in zip([0, *cut], [*cut, len(edited)], strict=True)]


def _edit(sentence: list[str], at: int, run: int, rng: random.Random) -> None:
    operation = rng.choice(["substitute", "substitute", "insert", "delete"])
    if operation == "substitute":
        sentence[at : at + run] = [_substitute(word, rng) for word in sentence[at : at + run]]
    elif operation == "insert":
        sentence[at:at] = rng.sample(NEWS_WORDS, run)
    else:
        del sentence[at : at + run]


def _substitute(word: str, rng: random.Random) -> str:
    bare = word.strip(".,;:\u201c\u201d").lower()
    if bare in SYNONYMS:
        return word.lower().replace(bare, rng.choice(SYNONYMS[bare]))
    return rng.choice(NEWS_WORDS)


def _boilerplate(paragraphs: list[list[str]], rng: random.Random) -> list[list[str]]:
    result = [list(p) for p in paragraphs]
    story = Story("alliance", ("NATO", "Russia"), "Brussels")  # only {D} is filled
    for _ in range(rng.randint(2, 5)):
        line = _fill(rng.choice(BOILERPLATE), story, rng)
        result.insert(rng.choice([0, len(result), rng.randrange(len(result) + 1)]), [line])
    return result


def _truncated(paragraphs: list[list[str]], rng: random.Random) -> list[list[str]]:
    keep = rng.uniform(0.55, 0.85)
    total = sum(len(s.split()) for p in paragraphs for s in p)
    result: list[list[str]] = []
    count = 0
    for paragraph in paragraphs:
        if count >= keep * total:
            break
        result.append(paragraph)
        count += sum(len(s.split()) for s in paragraph)
    return [*result, ["Read the full story on our website."]]


def _follow_up(story: Story, original: list[list[str]], rng: random.Random) -> list[list[str]]:
    fresh = _paragraphs(story, rng)
    for paragraph in rng.sample(original, min(rng.randint(1, 5), len(original))):
        fresh.insert(rng.randrange(len(fresh) + 1), paragraph)
    return fresh


def _maybe_undated(day: date, rng: random.Random) -> date | None:
    return None if rng.random() < 0.1 else day


def cluster(number: int, rng: random.Random) -> list[tuple[float, Item]]:
    """An original, its copies and rewrites, and two negatives, each with a stream position."""
    topic = rng.choice(list(TOPICS))
    first, second = rng.sample(ACTORS, 2)
    story = Story(topic, (first, second), rng.choice(PLACES))
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(366))
    paragraphs = _paragraphs(story, rng)
    headline = _headline(story, rng)
    name = f"c{number:05d}"
    start = rng.random() * 0.6
    items = [(start, Item(name, "original", name, topic, _text(headline, paragraphs), day))]

    def later(kind: str, text: str) -> None:
        published = _maybe_undated(day + timedelta(days=rng.randrange(4)), rng)
        item = Item(f"{name}-{kind}", kind, name, topic, text, published)
        items.append((rng.uniform(start, 1.0), item))

    for kind, share in REWRITE_SHARES.items():
        later(kind, _text(_headline(story, rng), _rewrite(paragraphs, share, rng)))
    dateline = f"{story.place.upper()} ({rng.choice(['AFP', 'Reuters', 'AP'])}) \u2014"
    later("copy_headline", _text(_headline(story, rng), [[dateline], *paragraphs]))
    later("copy_boilerplate", _text(headline, _boilerplate(paragraphs, rng)))
    later("copy_truncated", _text(headline, _truncated(paragraphs, rng)))
    for kind, body in [
        ("unrelated", _paragraphs(story, rng)),
        ("follow_up", _follow_up(story, paragraphs, rng)),
    ]:
        published = _maybe_undated(day + timedelta(days=rng.randrange(-5, 6)), rng)
        text = _text(_headline(story, rng), body)
        item = Item(f"{name}-{kind}", kind, name, topic, text, published)
        items.append((rng.random(), item))
    return items


def corpus(originals: int, seed: int) -> list[Item]:
    """The stream: clusters interleaved, each original before its copies and rewrites."""
    rng = random.Random(seed)
    positioned = [entry for number in range(originals) for entry in cluster(number, rng)]
    positioned.sort(key=lambda entry: entry[0])
    return [item for _, item in positioned]


# ---------------------------------------------------------------------------------------------
# Measurement


@dataclass(frozen=True, slots=True)
class Score:
    threshold: float
    shingle: int
    links: int
    right: int
    positives: int
    recall_by_kind: dict[str, float]
    wrong_links_by_kind: dict[str, int]
    candidates_per_add: float

    @property
    def precision(self) -> float:
        return self.right / self.links if self.links else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.positives

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "threshold": self.threshold,
            "shingle": self.shingle,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "links": self.links,
            "right_links": self.right,
            "positives": self.positives,
            "recall_by_kind": {k: round(v, 4) for k, v in self.recall_by_kind.items()},
            "wrong_links_by_kind": self.wrong_links_by_kind,
            "lsh_bands_rows": list(band_params(self.threshold, NUM_PERM)),
            "candidates_per_add": round(self.candidates_per_add, 2),
        }


def score(items: list[Item], signatures: list[Signature], threshold: float, k: int) -> Score:
    index = DuplicateIndex(threshold, shingle=k)
    links = right = 0
    found: dict[str, int] = defaultdict(int)
    wrong: dict[str, int] = dict.fromkeys([*NEGATIVE_KINDS, *POSITIVE_KINDS], 0)
    for order, (item, sig) in enumerate(zip(items, signatures, strict=True)):
        link = index.add(item.article_id, sig, item.published, order)
        if link is None:
            continue
        links += 1
        if item.kind in POSITIVE_KINDS and link == item.original:
            right += 1
            found[item.kind] += 1
        else:
            wrong[item.kind] += 1
    per_kind = {kind: sum(1 for i in items if i.kind == kind) for kind in POSITIVE_KINDS}
    return Score(
        threshold,
        k,
        links,
        right,
        sum(per_kind.values()),
        {kind: found[kind] / per_kind[kind] for kind in POSITIVE_KINDS},
        wrong,
        index.candidates / len(items),
    )


def choose(scores: list[Score]) -> Score:
    """Best F1 (to three decimals); ties go to precision, then to the higher threshold."""
    return max(scores, key=lambda s: (round(s.f1, 3), round(s.precision, 3), s.threshold))


def jaccard_profile(items: list[Item], k: int) -> dict[str, dict[str, float]]:
    """Exact Jaccard of each copy, rewrite and negative with its cluster's original."""
    sets = {item.article_id: shingles(words(item.text), k) for item in items}
    by_kind: dict[str, list[float]] = defaultdict(list)
    for item in items:
        if item.kind != "original":
            by_kind[item.kind].append(_jaccard(sets[item.article_id], sets[item.original]))
    # Originals on one topic: the vocabulary unrelated articles share.
    topics: dict[str, list[str]] = defaultdict(list)
    for item in items:
        if item.kind == "original":
            topics[item.topic].append(item.article_id)
    for members in topics.values():
        for x, first in enumerate(members[:30]):
            for second in members[x + 1 : 30]:
                by_kind["original_same_topic"].append(_jaccard(sets[first], sets[second]))
    return {kind: _summary(values) for kind, values in sorted(by_kind.items())}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "min": round(ordered[0], 3),
        "p10": round(ordered[len(ordered) // 10], 3),
        "median": round(statistics.median(ordered), 3),
        "p90": round(ordered[len(ordered) * 9 // 10], 3),
        "max": round(ordered[-1], 3),
    }


def timing(items: list[Item], sizes: list[int]) -> list[dict[str, float | int]]:
    """Time to sign and to add the first `size` articles with the module's constants, the
    index's memory (tracemalloc, a separate run), and the time to rebuild it from bytes."""
    results: list[dict[str, float | int]] = []
    for size in sizes:
        stream = items[:size]
        started = time.perf_counter()
        signatures = [signature(item.text) for item in stream]
        signed = time.perf_counter() - started
        index = DuplicateIndex()
        started = time.perf_counter()
        for order, (item, sig) in enumerate(zip(stream, signatures, strict=True)):
            index.add(item.article_id, sig, item.published, order)
        added = time.perf_counter() - started
        rows = [
            StoredSignature(item.article_id, sig.to_bytes(), item.published, order)
            for order, (item, sig) in enumerate(zip(stream, signatures, strict=True))
        ]
        started = time.perf_counter()
        DuplicateIndex().load(rows)
        loaded = time.perf_counter() - started
        results.append(
            {
                "articles": size,
                "signature_ms_per_article": round(1000 * signed / size, 3),
                "add_seconds": round(added, 3),
                "add_us_per_article": round(1e6 * added / size, 1),
                "candidates_per_add": round(index.candidates / size, 1),
                "load_seconds": round(loaded, 3),
                "index_bytes_per_article": _index_memory(stream, signatures) // size,
                "signature_bytes": len(rows[0].signature),
            }
        )
    return results


def _index_memory(stream: list[Item], signatures: list[Signature]) -> int:
    """Bytes the index allocates; the signatures it is given are not kept (it copies their
    values into its matrix)."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index = DuplicateIndex()
    for order, (item, sig) in enumerate(zip(stream, signatures, strict=True)):
        index.add(item.article_id, sig, item.published, order)
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return used


# ---------------------------------------------------------------------------------------------
# Real text: 1,257 Times of India stories from one month on one subject (IndiaPoliceEvents, in
# ../shared when present; research use, so only document ids are written here). Every pair whose
# estimated 3-shingle Jaccard is at least 0.2 was labelled by hand, by this benchmark's author:
# these pairs are different articles (independent write-ups of one event, follow-ups that reuse
# background, a round-up that contains another story); these are ambiguous (successive updates
# of one daily report, one story folded into another) and left out; every other pair is two
# versions of one story (web and print editions, copy-edited or rewritten).
REAL = ROOT.parent / "shared" / "eval" / "indiapoliceevents" / "docs.jsonl"
REAL_POOL_JACCARD = 0.2
REAL_DIFFERENT = [
    (1198, 1073), (48, 39), (3, 99), (976, 1087), (926, 1035), (1013, 1092), (430, 141),
    (867, 1117), (112, 467), (901, 1217), (271, 682), (1009, 1217), (3, 501),
]  # fmt: skip
REAL_AMBIGUOUS = [(33, 689), (326, 421), (191, 603), (529, 689)]


def real_check() -> dict[str, object] | None:
    """Pairwise precision and recall on the hand-labelled real pairs, by k and threshold, and
    the index's candidates and links on the real stream. None when the data is absent."""
    if not REAL.exists():
        return None
    documents = [json.loads(line) for line in REAL.read_text(encoding="utf-8").splitlines()]
    ids = [int(d["doc_id"]) for d in documents]
    texts = [str(d["doc_text"]) for d in documents]
    different = {frozenset(pair) for pair in REAL_DIFFERENT}
    ambiguous = {frozenset(pair) for pair in REAL_AMBIGUOUS}
    pairs = {
        k: _similar_pairs([signature(t, shingle=k) for t in texts], ids) for k in SHINGLE_SIZES
    }
    labels = {
        pair: "different" if pair in different else "ambiguous" if pair in ambiguous else "same"
        for pair, similarity in pairs[3].items()
        if similarity >= REAL_POOL_JACCARD
    }
    same_total = sum(1 for label in labels.values() if label == "same")
    grid = []
    for k in SHINGLE_SIZES:
        for threshold in THRESHOLDS:
            above = [pair for pair, similarity in pairs[k].items() if similarity >= threshold]
            found = Counter(labels.get(pair, "unlabelled") for pair in above)
            linked = found["same"] + found["different"]
            grid.append(
                {
                    "shingle": k,
                    "threshold": threshold,
                    "pairs_same": found["same"],
                    "pairs_different": found["different"],
                    "pairs_ambiguous": found["ambiguous"],
                    "pairs_unlabelled": found["unlabelled"],
                    "precision": round(found["same"] / linked, 3) if linked else None,
                    "recall_of_labelled": round(found["same"] / same_total, 3),
                }
            )
    return {
        "documents": len(texts),
        "labelled_pairs": Counter(labels.values()),
        "pairs_by_estimated_jaccard": {
            f">={t}": sum(1 for v in pairs[3].values() if v >= t) for t in (0.05, 0.1, 0.2, 0.3)
        },
        "grid": grid,
        "stream": _real_stream(ids, texts),
    }


def _similar_pairs(signatures: list[Signature], ids: list[int]) -> dict[frozenset[int], float]:
    """Estimated Jaccard of every pair above 0.05 (all pairs, by brute force: 0.8 M of them)."""
    values = np.array([sig.minhash.hashvalues for sig in signatures])
    result: dict[frozenset[int], float] = {}
    for first in range(len(values) - 1):
        agree = (values[first + 1 :] == values[first]).mean(axis=1)
        for offset in np.nonzero(agree >= 0.05)[0].tolist():
            result[frozenset((ids[first], ids[first + 1 + offset]))] = float(agree[offset])
    return result


def _real_stream(ids: list[int], texts: list[str]) -> dict[str, float | int]:
    """The real articles through the index in id order, with the module's constants."""
    signatures = [signature(text) for text in texts]
    index = DuplicateIndex()
    started = time.perf_counter()
    links = sum(
        index.add(str(doc), sig, None, order) is not None
        for order, (doc, sig) in enumerate(zip(ids, signatures, strict=True))
    )
    return {
        "threshold": THRESHOLD,
        "shingle": SHINGLE,
        "links": links,
        "short_texts": sum(1 for sig in signatures if not sig.linkable),
        "candidates_per_add": round(index.candidates / len(ids), 2),
        "add_us_per_article": round(1e6 * (time.perf_counter() - started) / len(ids), 1),
    }


# ---------------------------------------------------------------------------------------------


def _table(rows: list[Score], title: str, show: Callable[[Score], str]) -> None:
    print(f"\n{title}")
    print("threshold | " + " | ".join(f"k={k}" for k in SHINGLE_SIZES))
    for threshold in THRESHOLDS:
        by_k = {s.shingle: s for s in rows if s.threshold == threshold}
        print(f"{threshold:9.2f} | " + " | ".join(show(by_k[k]) for k in SHINGLE_SIZES))


def _all_scores(items: list[Item]) -> Iterator[Score]:
    for k in SHINGLE_SIZES:
        signatures = [signature(item.text, shingle=k) for item in items]
        for threshold in THRESHOLDS:
            yield score(items, signatures, threshold, k)


def _print_real(real: dict[str, object] | None) -> None:
    if real is None:
        print(f"\nreal text: {REAL} not found, skipped")
        return
    print(f"\nreal text ({real['documents']} stories), pairs labelled {real['labelled_pairs']}:")
    print("pairwise precision / recall of labelled same-story pairs")
    grid = real["grid"]
    assert isinstance(grid, list)
    print("threshold | " + " | ".join(f"k={k}" for k in SHINGLE_SIZES))
    for threshold in THRESHOLDS:
        cells = {row["shingle"]: row for row in grid if row["threshold"] == threshold}
        print(
            f"{threshold:9.2f} | "
            + " | ".join(
                f"{cells[k]['precision']} {cells[k]['recall_of_labelled']}" for k in SHINGLE_SIZES
            )
        )
    print("real stream through the index:", real["stream"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--originals", type=int, default=250)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()

    started = time.perf_counter()
    items = corpus(args.originals, args.seed)
    counts = dict(sorted(Counter(item.kind for item in items).items()))
    lengths = [len(words(i.text)) for i in items if i.kind == "original"]
    print(f"{len(items)} articles: {counts}")
    print(
        f"original length {min(lengths)}-{max(lengths)} words, median {statistics.median(lengths)}"
    )

    scores = list(_all_scores(items))
    best = choose(scores)
    _table(scores, "precision recall F1", lambda s: f"{s.precision:.3f} {s.recall:.3f} {s.f1:.3f}")
    _table(scores, "LSH candidates per add", lambda s: f"{s.candidates_per_add:13.1f}")
    print(
        f"\nchosen: threshold {best.threshold}, k={best.shingle}: precision {best.precision:.3f},"
        f" recall {best.recall:.3f}, F1 {best.f1:.3f}"
    )
    if (best.threshold, best.shingle) != (THRESHOLD, SHINGLE):
        print(f"NOTE: duplicates.py has THRESHOLD={THRESHOLD}, SHINGLE={SHINGLE}; update them")
    print("recall by kind:", {k: round(v, 3) for k, v in best.recall_by_kind.items()})
    print("wrong links by kind:", best.wrong_links_by_kind)

    profiles = {f"k={k}": jaccard_profile(items, k) for k in SHINGLE_SIZES}
    print("\nexact Jaccard with the original (median, p10):")
    for k, profile in profiles.items():
        print(" ", k, {kind: (p["median"], p["p10"]) for kind, p in profile.items()})

    real = real_check()
    _print_real(real)

    # The timing stream: more clusters of the same kind, from the next seed.
    timed = timing(corpus(max(args.sizes) // 10 + 1, args.seed + 1), args.sizes)
    for row in timed:
        print(
            f"\n{row['articles']} articles: signature {row['signature_ms_per_article']} ms,"
            f" add {row['add_us_per_article']} µs ({row['candidates_per_add']} candidates),"
            f" load {row['load_seconds']} s, index {row['index_bytes_per_article']} bytes each"
        )

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "corpus": {
            "originals": args.originals,
            "seed": args.seed,
            "articles": len(items),
            "by_kind": counts,
            "original_words": {
                "min": min(lengths),
                "median": statistics.median(lengths),
                "max": max(lengths),
            },
        },
        "num_perm": NUM_PERM,
        "module_constants": {"threshold": THRESHOLD, "shingle": SHINGLE},
        "chosen": best.as_json(),
        "grid": [s.as_json() for s in scores],
        "exact_jaccard_with_original": profiles,
        "real_text_check": real,
        "timing": timed,
        "seconds": round(time.perf_counter() - started, 1),
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)} in {result['seconds']} s")


if __name__ == "__main__":
    main()
