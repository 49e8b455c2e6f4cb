"""Resolving an article's actor mentions as of its date, and checking its role claims.

Works on the annotation records (sentences, tokens, named spans) and the knowledge base only.
One pass finds who each span names; the date then decides sectors, because an undated article
takes its date window from its own role claims (see `flags.article_window`).
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date

from eventwire.kb.facts import Candidate, MediaOutlet, Organization, Person, Via
from eventwire.kb.knowledge import KnowledgeBase
from eventwire.kb.names import folded_key
from eventwire.kb.patterns import (
    AMBIGUOUS_LABEL,
    DEMONYM_LABEL,
    METONYM_LABEL,
)
from eventwire.kb.resolve.flags import (
    RoleClaim,
    article_window,
    flags_for_dated,
    flags_for_undated,
)
from eventwire.kb.resolve.people import (
    PersonMemory,
    find_person,
    person_in_article,
    shared_country,
    surname_of_known_person,
)
from eventwire.kb.resolve.titles import NOT_CURRENT, TitleFinder, TitleMatch
from eventwire.kb.sectors import MEDIA_SECTOR
from eventwire.records import (
    ActorMention,
    Annotation,
    Article,
    ConsistencyFlag,
    EntitySpan,
    Token,
)

_PERSON_LABEL = "PERSON"
_ORG_LABEL = "ORG"
_PRONOUNS = {"he", "she", "him", "her"}
# Between a person and an appositive post: ", the UK's " / ", Russia's " / ", a ".
_APPOSITION = re.compile(r"^\s*,\s*(?:(?:the|a|an)\s+)?(?:[\w.’'-]+\s+){0,3}$", re.IGNORECASE)
_OF_QUALIFIER = re.compile(r"^\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_GLUE = re.compile(r"^(?:\s*(?:'s|’s))?\s*$")
# Modifiers that may belong to an agent noun phrase ("a senior Russian official").
# "The Biden administration", "the Johnson government": a leader's government.
_LEADER_GOVERNMENTS = {"administration", "government"}
_NP_MODIFIERS = {"det", "amod", "compound", "poss", "nmod", "nummod", "case", "punct"}


@dataclass(slots=True)
class _Draft:
    sentence: int
    start: int
    end: int
    text: str
    actor_id: str | None
    country: str | None
    sector: str | None
    via: str
    person: bool = False
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    mentions: tuple[ActorMention, ...]
    flags: tuple[ConsistencyFlag, ...]
    on: date | None  # the date the actors were resolved on: the article's, or its window's


@dataclass(slots=True)
class _Article:
    article: Article
    annotation: Annotation
    # Looked up per sentence, so grouped once instead of scanning the article each time.
    entities: dict[int, list[EntitySpan]] = field(default_factory=dict)
    drafts_by_sentence: dict[int, list[_Draft]] = field(default_factory=dict)
    drafts: list[_Draft] = field(default_factory=list)
    claims: list[RoleClaim] = field(default_factory=list)
    memory: PersonMemory = field(default_factory=PersonMemory)

    def sentence_text(self, index: int) -> str:
        sentence = self.annotation.sentences[index]
        return self.article.text[sentence.start : sentence.end]


class Resolver:
    """Resolves articles against one knowledge base (built once per process)."""

    __slots__ = ("_kb", "_title_countries", "_title_sectors", "_titles")

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._titles = TitleFinder(kb.title_forms())
        # Per post title: the answers depend only on the knowledge base, which does not change.
        self._title_countries: dict[str, str | None] = {}
        self._title_sectors: dict[tuple[str, str | None], str | None] = {}

    def resolve(self, article: Article, annotation: Annotation) -> Resolution:
        state = _Article(article, annotation)
        for entity in annotation.entities:
            state.entities.setdefault(entity.sentence, []).append(entity)
        self._remember_named_people(state)
        for index in range(len(annotation.sentences)):
            self._sentence(state, index)
        on = article.published or _window_day(self._kb, state.claims)
        mentions = tuple(self._finish(state, draft, on) for draft in state.drafts)
        if article.published is not None:
            flags = flags_for_dated(self._kb, article.article_id, state.claims, on or date.max)
        else:
            flags = flags_for_undated(self._kb, article.article_id, state.claims)
        return Resolution(mentions, tuple(flags), on)

    # --- one sentence ---

    def _sentence(self, state: _Article, index: int) -> None:
        sentence = state.annotation.sentences[index]
        text = state.sentence_text(index)
        entities = state.entities.get(index, [])
        found = [d for e in entities if (d := self._entity(state, e, text)) is not None]
        titles = self._titles.find(text, sentence.start)
        found = [d for d in found if not _part_of_title(d, titles)]
        linked = self._link_titles(state, found, titles)
        for title in titles:
            # "the Syrian ambassador to Russia": the name that ends a post's title is where
            # the post is held, not someone else standing in the title's place.
            others = [d for d in found if not (title.start < d.start and d.end == title.end)]
            if title not in linked and not _inside(title.start, title.end, others):
                role = self._role(state, index, title, found)
                if role is not None:
                    found.append(role)
        found = [d for d in found if not _qualifies_title(d, titles, state.article.text)]
        found = self._agents(state, index, found, titles)
        found.sort(key=lambda draft: draft.start)
        found += self._pronouns(state, index, found)
        found.sort(key=lambda draft: draft.start)
        state.drafts += found
        state.drafts_by_sentence[index] = found

    def _entity(self, state: _Article, entity: EntitySpan, sentence: str) -> _Draft | None:
        if entity.kb_id is not None and entity.label not in (METONYM_LABEL, AMBIGUOUS_LABEL):
            return self._known(state, entity)
        if entity.label in (METONYM_LABEL, AMBIGUOUS_LABEL):
            return self._reading(state, entity, sentence)
        if entity.label == _PERSON_LABEL:
            return self._person(state, entity)
        if entity.label == _ORG_LABEL:
            person = person_in_article(entity.text, state.memory)
            if person is not None:
                return _draft(entity, person.id, person.country, None, "short_name", person=True)
            person = surname_of_known_person(self._kb, entity.text, state.article.published)
            if person is not None:  # the parser often takes a lone surname for an organisation
                state.memory.remember(person, entity.text)
                return _draft(entity, person.id, person.country, None, "surname", person=True)
            return self._organization(entity)
        return None  # dates, amounts, and places the knowledge base does not know

    def _known(self, state: _Article, entity: EntitySpan) -> _Draft | None:
        actor = self._kb.get(entity.kb_id or "")
        if actor is None and entity.label == _PERSON_LABEL:
            # "President Bush": a name several people share; the date may tell which.
            return self._person(state, entity)
        if actor is None:
            return None
        if isinstance(actor, Person):
            state.memory.remember(actor, entity.text)
            return _draft(entity, actor.id, actor.country, None, "name", person=True)
        via = "demonym" if entity.label == DEMONYM_LABEL else "name"
        if isinstance(actor, Organization):
            return _draft(entity, actor.id, actor.country or actor.id, actor.sector, via)
        if isinstance(actor, MediaOutlet):
            return _draft(entity, actor.id, actor.country, MEDIA_SECTOR, via)
        return _draft(entity, entity.kb_id, entity.kb_id, None, via)

    def _reading(self, state: _Article, entity: EntitySpan, sentence: str) -> _Draft | None:
        candidates = self._kb.lookup(entity.kb_id or entity.text, state.article.published)
        people = [c for c in candidates if c.kind.value == "person"]
        if people and len(people) == len(candidates):
            return self._person(state, entity)
        chosen = _by_cues(candidates, sentence)
        if chosen is None:
            return None
        via = "metonym" if chosen.via in (Via.METONYM, Via.CAPITAL) else "name"
        country = chosen.country or chosen.actor_id
        return _draft(entity, chosen.actor_id, country, chosen.sector, via)

    def _person(self, state: _Article, entity: EntitySpan) -> _Draft:
        person, via = find_person(self._kb, entity.text, state.article.published, state.memory)
        if person is None:
            state.memory.remember_unknown(entity.text)
            country = shared_country(self._kb, entity.text)
            return _draft(entity, None, country, None, "unknown_person", person=True)
        state.memory.remember(person, entity.text)
        return _draft(entity, person.id, person.country, None, via, person=True)

    def _organization(self, entity: EntitySpan) -> _Draft | None:
        words = entity.text.split()
        sector = self._kb.agent_sector(words[-1].lower()) if words else None
        return _draft(entity, None, None, sector, "unknown_organization")

    def _remember_named_people(self, state: _Article) -> None:
        # A headline may say "Hegseth" before the body says "Pete Hegseth".
        for entity in state.annotation.entities:
            actor = self._kb.get(entity.kb_id or "") if entity.kb_id else None
            if isinstance(actor, Person):
                state.memory.remember(actor, entity.text)

    # --- posts ---

    def _link_titles(
        self, state: _Article, found: list[_Draft], titles: list[TitleMatch]
    ) -> set[TitleMatch]:
        """Attach posts to the people they are given to; keep the claims."""
        text = state.article.text
        linked: set[TitleMatch] = set()
        for draft in (d for d in found if d.person):
            for title in titles:
                before = title.end <= draft.start and text[title.end : draft.start].isspace()
                after = draft.end <= title.start and _APPOSITION.match(
                    text[draft.end : title.start]
                )
                if not (before or after):
                    continue
                linked.add(title)
                country = self._qualifier(found, title, text, draft) or self._title_country(
                    title.title
                )
                draft.role = title.title
                if draft.country is None and country is not None:
                    draft.country = country
                if title.current and draft.actor_id is not None:
                    state.claims.append(self._claim(state, draft, title, country))
                if draft.sector is None and draft.actor_id is None:
                    draft.sector = self._title_sector(title.title, country)
                break
        return linked

    def _claim(
        self, state: _Article, draft: _Draft, title: TitleMatch, country: str | None
    ) -> RoleClaim:
        start, end = min(draft.start, title.start), max(draft.end, title.end)
        person = self._kb.get(draft.actor_id or "")
        name = person.name if isinstance(person, Person) else draft.text
        text = state.article.text[start:end]
        return RoleClaim(draft.actor_id or "", name, title.title, country, text, start, end)

    def _qualifier(
        self, found: list[_Draft], title: TitleMatch, text: str, person: _Draft | None = None
    ) -> str | None:
        """The country a post is qualified with: "the UK's", "Russian", "of Ukraine"."""
        for draft in found:
            if draft is person or draft.person or draft.country is None:
                continue
            glued_before = draft.end <= title.start and _GLUE.match(text[draft.end : title.start])
            of_after = title.end <= draft.start and _OF_QUALIFIER.match(
                text[title.end : draft.start]
            )
            if glued_before or of_after:
                return draft.country
        return None

    def _role(
        self, state: _Article, index: int, title: TitleMatch, found: list[_Draft]
    ) -> _Draft | None:
        """A post named without its holder: "the US Secretary of Defense" is its holder then."""
        country = self._qualifier(found, title, state.article.text) or self._title_country(
            title.title
        )
        if country is None:
            return None
        on = state.article.published
        draft = _Draft(index, title.start, title.end, title.title, None, country, None, "role")
        draft.sector = self._title_sector(title.title, country)
        draft.role = title.title
        if on is not None and title.current:
            holders = {h.person_id for h in self._kb.who(title.title, country, on)}
            if len(holders) == 1:
                draft.actor_id = holders.pop()
                draft.person = True
        return draft

    def _title_country(self, title: str) -> str | None:
        """The country a post's title names by itself ("Georgian President"), if only one."""
        if title not in self._title_countries:
            countries = {h.country for h in self._kb.who(title, None, None)}
            specific = len(countries) == 1 and title[:1].isupper() and " " in title.strip()
            self._title_countries[title] = countries.pop() if specific else None
        return self._title_countries[title]

    def _title_sector(self, title: str, country: str | None) -> str | None:
        key = (title, country)
        if key not in self._title_sectors:
            self._title_sectors[key] = self._find_title_sector(title, country)
        return self._title_sectors[key]

    def _find_title_sector(self, title: str, country: str | None) -> str | None:
        sectors = {h.sector for h in self._kb.who(title, country, None)}
        if len(sectors) == 1:
            return sectors.pop()
        words = folded_key(title).split()
        return self._kb.agent_sector(" ".join(words[-2:])) or self._kb.agent_sector(words[-1])

    # --- generic agents and pronouns ---

    def _agents(
        self, state: _Article, index: int, found: list[_Draft], titles: list[TitleMatch]
    ) -> list[_Draft]:
        """Noun phrases headed by an agent word: "a senior Russian official" -> RUS GOV."""
        tokens = state.annotation.sentences[index].tokens
        for position, token in enumerate(tokens):
            if token.pos not in ("NOUN", "PROPN") or token.dep in ("compound", "amod"):
                continue
            if _inside(token.start, token.end, found) or any(
                t.start <= token.start < t.end for t in titles
            ):
                continue
            left = _left_edge(tokens, position)
            while left < position and tokens[left].pos == "PUNCT":
                left += 1
            phrase = [t.text.lower() for t in tokens[left : position + 1]]
            sector = self._agent_sector(phrase, token.lemma.lower())
            if sector is None:
                continue
            start, end = tokens[left].start, token.end
            inner = [d for d in found if start <= d.start and d.end <= end]
            country = next((d.country for d in inner if d.country), None)
            found = [d for d in found if d.person or d not in inner]
            via = "possessive" if any(t.dep == "case" for t in tokens[left:position]) else "agent"
            via = "demonym_agent" if via == "agent" and country else via
            text = state.article.text[start:end]
            found.append(_Draft(index, start, end, text, None, country, sector, via))
            leader = next((d for d in inner if d.person and d.actor_id), None)
            if leader is not None and token.lemma.lower() in _LEADER_GOVERNMENTS:
                self._government_claim(state, leader, text, start, end, tokens, position)
        return found

    def _government_claim(
        self,
        state: _Article,
        leader: _Draft,
        text: str,
        start: int,
        end: int,
        tokens: tuple[Token, ...],
        head: int,
    ) -> None:
        """ "The Biden administration says ...": in the present tense, a claim that the
        leader heads the government on the article's date."""
        if not _present_tense(tokens, head) or NOT_CURRENT.search(
            state.article.text[max(0, start - 30) : start]
        ):
            return
        for kind in ("head of government", "head of state"):
            held = [
                h
                for h in self._kb.who(kind, leader.country, None)
                if h.person_id == leader.actor_id
            ]
            if held:
                name = held[0].person_name
                claim = RoleClaim(
                    leader.actor_id or "", name, kind, leader.country, text, start, end
                )
                state.claims.append(claim)
                return

    def _agent_sector(self, phrase: list[str], lemma: str) -> str | None:
        for size in (3, 2):
            if len(phrase) >= size:
                sector = self._kb.agent_sector(" ".join(phrase[-size:]))
                if sector is not None:
                    return sector
        return self._kb.agent_sector(phrase[-1]) or self._kb.agent_sector(lemma)

    def _pronouns(self, state: _Article, index: int, found: list[_Draft]) -> list[_Draft]:
        """He/she within a sentence pair is the nearest person named before it."""
        resolved: list[_Draft] = []
        for token in state.annotation.sentences[index].tokens:
            if token.tag != "PRP" or token.text.lower() not in _PRONOUNS:
                continue
            text = state.article.text
            earlier = [
                d
                for d in (*state.drafts_by_sentence.get(index - 1, ()), *found, *resolved)
                if d.person
                and d.actor_id
                and d.end <= token.start
                # '"... President Trump has asked ...," he said': a person named inside a
                # quotation is not who "he" outside it refers to.
                and not _inside_quote(text[d.end : token.start])
            ]
            if earlier:
                last = max(earlier, key=lambda d: d.end)
                resolved.append(
                    replace(last, sentence=index, start=token.start, end=token.end,
                            text=token.text, via="pronoun", role=None)
                )  # fmt: skip
        return resolved

    # --- dates and sectors ---

    def _finish(self, state: _Article, draft: _Draft, on: date | None) -> ActorMention:
        actor = self._kb.get(draft.actor_id) if draft.actor_id else None
        sector = draft.sector
        if isinstance(actor, Person):
            sector = self._kb.sector_of(actor.id, on) if on else _latest_sector(actor)
        elif isinstance(actor, Organization) and on is not None:
            sector = actor.sector_on(on) or sector
        name = getattr(actor, "name", None) if actor is not None else None
        return ActorMention(
            article_id=state.article.article_id,
            sentence=draft.sentence,
            start=draft.start,
            end=draft.end,
            text=draft.text,
            actor_id=draft.actor_id,
            name=name,
            country=draft.country,
            sector=sector,
            via=draft.via,
            role=draft.role,
        )


def _draft(
    entity: EntitySpan,
    actor_id: str | None,
    country: str | None,
    sector: str | None,
    via: str,
    *,
    person: bool = False,
) -> _Draft:
    return _Draft(
        entity.sentence, entity.start, entity.end, entity.text, actor_id, country, sector, via,
        person=person,
    )  # fmt: skip


def _by_cues(candidates: list[Candidate], sentence: str) -> Candidate | None:
    words = set(re.findall(r"\w+", sentence.casefold()))
    for candidate in candidates:
        if candidate.cues and any(set(cue.casefold().split()) <= words for cue in candidate.cues):
            return candidate
    return next((c for c in candidates if not c.cues), None)


def _inside_quote(between: str) -> bool:
    """Whether the text from a mention to a later word closes a quotation the mention is in:
    more closing than opening curly marks, or an odd number of straight ones."""
    return between.count("”") > between.count("“") or between.count('"') % 2 == 1


def _part_of_title(draft: _Draft, titles: list[TitleMatch]) -> bool:
    """ "Defence" inside "Defence Secretary" (a misread organisation), or "Ukrainian" inside
    "Ukrainian Defence Minister": the post, not an actor of its own."""
    if draft.person:
        return False
    for title in titles:
        overlaps = draft.start < title.end and title.start < draft.end
        if overlaps and draft.via != "name":
            return True
    return False


def _qualifies_title(draft: _Draft, titles: list[TitleMatch], text: str) -> bool:
    """A demonym glued to a post ("Russian" in "Russian Foreign Minister"): part of the post."""
    return draft.via == "demonym" and any(
        draft.end <= title.start and _GLUE.match(text[draft.end : title.start]) for title in titles
    )


def _inside(start: int, end: int, drafts: list[_Draft]) -> bool:
    return any(d.start <= start and end <= d.end for d in drafts) or any(
        start <= d.start < end for d in drafts
    )


def _present_tense(tokens: tuple[Token, ...], head: int) -> bool:
    """Whether the verb governing `tokens[head]` is in the present ("says", "has said")."""
    verb = tokens[head].head
    if tokens[verb].pos not in ("VERB", "AUX"):
        return False
    auxiliaries = [t for t in tokens if t.head == verb and t.dep in ("aux", "auxpass")]
    tags = [t.tag for t in auxiliaries] or [tokens[verb].tag]
    return tags[0] in ("VBZ", "VBP")


def _left_edge(tokens: tuple[Token, ...], head: int) -> int:
    """The first token of the noun phrase headed by `tokens[head]`: its modifiers to the left."""
    left = head
    while left > 0:
        previous = tokens[left - 1]
        if previous.dep not in _NP_MODIFIERS or not _governed_by(tokens, left - 1, head):
            break
        left -= 1
    return left


def _governed_by(tokens: tuple[Token, ...], child: int, head: int) -> bool:
    position = child
    for _ in range(len(tokens)):  # a parse is a tree, but never trust a loop to end by itself
        parent = tokens[position].head
        if parent == head:
            return True
        if parent == position:
            return False
        position = parent
    return False


def _latest_sector(person: Person) -> str | None:
    return max(person.roles, key=lambda role: role.start).sector if person.roles else None


def _window_day(kb: KnowledgeBase, claims: list[RoleClaim]) -> date | None:
    window = article_window(kb, claims)
    return window[0] if window else None
