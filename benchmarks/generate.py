"""A generated corpus for end-to-end benchmarks: news-like articles from our own templates.

    .venv/bin/python benchmarks/generate.py OUT.jsonl [--articles 2000] [--seed 7] [--long]

Each article mixes what real ones hold: reported events between states and organisations,
background, quotes, analysis ("could embolden"), and site furniture (ads, share prompts). The
mix and length (about 350-550 words) follow the seed articles; the wording is ours.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

ACTORS = [
    "Russia", "Ukraine", "the United States", "NATO", "the European Union", "Poland",
    "Germany", "France", "Britain", "China", "Turkey", "Moscow", "Kyiv", "Washington",
    "the Kremlin", "Russian forces", "Ukrainian troops", "US officials",
    "a senior Russian official", "NATO allies", "Finland", "Lithuania", "Estonia",
    "Beijing", "Ankara", "Berlin",
]  # fmt: skip
PLACES = ["Geneva", "Brussels", "Warsaw", "Vilnius", "Kharkiv", "Odesa", "Riyadh", "Istanbul",
          "Helsinki", "Munich", "Minsk", "Tallinn"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
EVENTS = [
    "{A} accused {B} of violating the ceasefire near {P} on {D}.",
    "{A} held talks with {B} in {P} on {D}, officials said.",
    "{A} imposed new sanctions on {B} over the attacks.",
    "{A} deployed additional troops to {P}, according to security sources.",
    "{A} urged {B} to return to the negotiating table.",
    "{A} rejected a proposal from {B} to freeze the front line.",
    "{A} and {B} agreed to exchange prisoners after talks in {P}.",
    "{A} attacked positions held by {B} near {P} overnight, the defence ministry said.",
    "{A} expelled two diplomats from {B} on {D}.",
    "{A} pledged further military aid to {B}.",
    "{A} will meet {B} in {P} next week to discuss security guarantees.",
    "{A} warned {B} against any further escalation.",
    "{A} praised {B} for its role in the negotiations.",
    "Protesters gathered outside the embassy of {B} in {P} on {D}.",
    "{A} arrested several people accused of spying for {B}.",
]
ANALYSIS = [
    "Analysts say the move could embolden {A} to test the alliance further.",
    "Such a step might lead to a wider confrontation, experts warned in recent commentary.",
    "It remains unclear whether {A} would accept any compromise.",
    "If {A} refuses, the talks may collapse entirely.",
    "Observers note that the situation has changed considerably over the past decade.",
]
BACKGROUND = [
    "Tensions have been high since Russia annexed Crimea in 2014.",
    "{A} joined the alliance after years of debate.",
    "The 2022 invasion reshaped security policy across the continent.",
]
QUOTES = [
    "\u201cWe are ready to talk, but not at any price,\u201d"
    " a spokesperson for {A} told reporters.",
    "\u201cThis is a serious violation,\u201d said a diplomat from {A}.",
    "Officials in {A} said: \u201cThe door to dialogue remains open.\u201d",
]
FURNITURE = [
    "Advertisement",
    "Share this article",
    "Read more: Five things to know about the talks",
    "Subscribe to our newsletter for daily updates",
    "Leave a comment below",
]
FILLER = [
    "The meeting lasted several hours and ended without a joint statement.",
    "Both sides described the atmosphere as businesslike.",
    "Further rounds are expected in the coming months.",
    "The talks focused on troop levels, missile deployments and verification measures.",
    "Diplomats cautioned that any agreement would take time to implement.",
]


def _fill(template: str, rng: random.Random) -> str:
    a, b = rng.sample(ACTORS, 2)
    sentence = template.format(A=a, B=b, P=rng.choice(PLACES), D=rng.choice(WEEKDAYS))
    return sentence[0].upper() + sentence[1:]


def _paragraph(rng: random.Random) -> str:
    pools = [EVENTS] * 4 + [ANALYSIS, BACKGROUND, QUOTES] + [FILLER] * 3
    return " ".join(_fill(rng.choice(rng.choice(pools)), rng) for _ in range(rng.randint(2, 4)))


# Paragraphs per article: the default gives about 420 words, `--long` about 600.
PARAGRAPHS = {False: (10, 15), True: (15, 21)}


def article(number: int, rng: random.Random, long: bool = False) -> dict[str, str]:
    day = date(2021, 1, 1) + timedelta(days=rng.randrange(5 * 365))
    place = rng.choice(PLACES).upper()
    lines = [f"{place}, {day:%B} {day.day}, {day.year} \u2014 {_fill(rng.choice(EVENTS), rng)}"]
    for _ in range(rng.randint(*PARAGRAPHS[long])):
        lines.append(_paragraph(rng))
        if rng.random() < 0.25:
            lines.append(rng.choice(FURNITURE))
    title = _fill(rng.choice(EVENTS), rng).rstrip(".")
    return {"url": f"https://news.example.org/{number}", "title": title, "text": "\n".join(lines)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--long", action="store_true", help="about 600 words an article")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with args.output.open("w", encoding="utf-8") as handle:
        for number in range(args.articles):
            handle.write(json.dumps(article(number, rng, args.long), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
