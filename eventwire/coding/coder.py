"""The event coder: predicates and their arguments in the parse, read as PLOVER events.

For each parsed sentence, a verb (or a light verb with a trigger noun: "held talks", "imposed
sanctions") that a pattern names is a candidate. Its subject is the source, the place the pattern
names (object, "with"/"against"/"on" phrase) the target, and each argument becomes the actors
whose resolved mentions it contains. Analysis is not news: negated, modal ("could embolden"),
conditional and interrogative predicates, and headings, give no event. An announced act is
coded as PLOVER codes the announcement ("will meet" is an AGREE, "would blockade" a THREATEN);
beside a verb that is itself the agreement or threat ("agreed to withdraw") the act is kept with
the mode "future". A refused cooperative act ("will not lift the ban", "declined to resign") is
a REJECT.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from eventwire.coding.dates import EventDate, read_date
from eventwire.coding.patterns import PatternBook, Trigger
from eventwire.coding.places import find_place
from eventwire.coding.syntax import (
    ALLEGING_HEADS,
    FUTURE_HEADS,
    FUTURE_MODALS,
    PASSIVE_SUBJECTS,
    SPECULATIVE_MODALS,
    SUBJECTS,
    UNREAL_HEADS,
    according_to,
    ancestors,
    child_with,
    children,
    conjuncts,
    is_conditional,
    is_negated,
    modals,
    negated_above,
    subtree,
)
from eventwire.records import (
    ActorMention,
    Annotation,
    Article,
    EntitySpan,
    Event,
    EventActor,
    Place,
    Sentence,
    Token,
)

FUTURE_MODE = "future"
# Internal: an announced act recoded as the announcement (AGREE, THREATEN); its clause's date
# is still read as the act's, in the future.
_ANNOUNCEMENT = "announcement"
MEDIA_SECTOR = "JRN"  # PLOVER's sector for journalists and media outlets
# A dated event this many days before the article is history the article recalls.
BACKGROUND_DAYS = 365
_PLACE_LABELS = {"GPE", "LOC", "FAC", "METONYM", "COUNTRY"}
_PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "inside"}
_DATE_LABELS = {"DATE"}
_WHEN_LABELS = {"DATE", "TIME"}
# Verbs whose object speaks for the subject: "issued a statement calling on X" is the issuer's
# call; "condemned the tweets targeting X" is not the condemner's act.
_ISSUING_VERBS = {
    "issue", "release", "publish", "post", "send", "deliver", "make", "adopt", "pass", "sign",
    "unveil", "present", "submit", "table", "draft", "launch",
}  # fmt: skip
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Predicate:
    trigger: Trigger
    verb: int  # the clause's verb: subject, tense and modality live here
    word: int  # the trigger word: the verb itself, or the noun after a light verb
    # The trigger noun is the subject of a verb of occurring ("Palestinian riots against
    # Israel continued"): its own modifiers name the actor.
    occurring: bool = False


@dataclass(frozen=True, slots=True)
class _Context:
    article: Article
    annotation: Annotation
    book: PatternBook
    # Grouped by sentence once: every predicate looks up its own sentence's.
    mentions: dict[int, list[ActorMention]]
    entities: dict[int, list[EntitySpan]]


def code_article(
    article: Article,
    annotation: Annotation,
    mentions: Sequence[ActorMention],
    book: PatternBook,
) -> list[Event]:
    """The events an article reports, in text order."""
    by_sentence: dict[int, list[ActorMention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    entities: dict[int, list[EntitySpan]] = {}
    for entity in annotation.entities:
        entities.setdefault(entity.sentence, []).append(entity)
    context = _Context(article, annotation, book, by_sentence, entities)
    events: list[Event] = []
    for index, sentence in enumerate(annotation.sentences):
        if sentence.tokens and not _is_heading(article, sentence):
            events += _code_sentence(context, index, sentence)
    return events


def _is_heading(article: Article, sentence: Sentence) -> bool:
    return any(h.start <= sentence.start < h.end for h in article.headings)


def _code_sentence(context: _Context, index: int, sentence: Sentence) -> list[Event]:
    text = context.article.text[sentence.start : sentence.end]
    if text.rstrip().endswith("?"):
        return []
    tokens = sentence.tokens
    events = []
    predicates = _predicates(context.book, tokens)
    verbs = {predicate.verb for predicate in predicates}
    for predicate in predicates:
        if _purpose_of(tokens, predicate.verb, verbs):
            continue
        mode = _reality(context.book, tokens, predicate.verb)
        if mode is None:
            recoded = _as_refusal(context.book, tokens, predicate) or _as_demand(
                context.book, tokens, predicate
            )
            if recoded is None:
                continue
            predicate, mode = recoded, ""
        elif mode == FUTURE_MODE and not _agreed_or_threatened(
            context.book, tokens, predicate, predicates
        ):
            announced = _as_announcement(context.book, predicate)
            if announced is not None:
                predicate, mode = announced, _ANNOUNCEMENT
        if (
            _is_denial(context.book, tokens, predicate)
            or _is_opinion(context.book, tokens, predicate)
            or _is_attempt(context.book, tokens, predicate)
        ):
            continue
        event = _event(context, index, sentence, predicate, mode)
        if event is not None:
            events.append(event)
    return events


# --- finding predicates ---


def _predicates(book: PatternBook, tokens: tuple[Token, ...]) -> list[_Predicate]:
    found = []
    for i, token in enumerate(tokens):
        if token.pos != "VERB":
            continue
        trigger = _verb_trigger(book, tokens, i)
        if trigger is not None:
            found.append(_Predicate(trigger, i, i))
            continue
        # "continue" is both a light verb ("continued attacks") and one of occurring ("riots
        # continued").
        if token.lemma.lower() in book.light_verbs:
            found += _noun_triggers(book, tokens, i)
        if _occurs(book, tokens, i):
            found += _occurring_triggers(book, tokens, i)
    return found


def _occurs(book: PatternBook, tokens: tuple[Token, ...], verb: int) -> bool:
    """ "erupted", "broke out", "took place": the verb says that its subject happened."""
    needed = book.occurrence_verbs.get(tokens[verb].lemma.lower())
    if needed is None:
        return False
    return not needed or any(
        tokens[i].dep in ("prt", "dobj", "advmod") and tokens[i].lemma.lower() == needed
        for i in children(tokens, verb)
    )


def _occurring_triggers(
    book: PatternBook, tokens: tuple[Token, ...], verb: int
) -> list[_Predicate]:
    subject = child_with(tokens, verb, "nsubj")
    if subject is None or tokens[subject].pos != "NOUN":
        return []
    found = []
    for word in conjuncts(tokens, subject):
        trigger_word = _measured_noun(book, tokens, word)
        triggers = book.candidates(tokens[trigger_word].lemma, "noun")
        if triggers:
            found.append(_Predicate(triggers[0], verb, trigger_word, occurring=True))
    return found


def _verb_trigger(book: PatternBook, tokens: tuple[Token, ...], verb: int) -> Trigger | None:
    # The parser attaches some particles as adverbs ("stepped down", "pulled back").
    attached: dict[str, list[int]] = {}
    for i in children(tokens, verb):
        if tokens[i].dep in ("prt", "prep", "dative", "advmod"):
            attached.setdefault(tokens[i].text.lower(), []).append(i)
    objects = {
        tokens[word].lemma.lower()
        for i in children(tokens, verb)
        if tokens[i].dep in ("dobj", "nsubjpass")  # "the sanctions were lifted"
        for word in (i, *_compounds(tokens, i))  # "ended mediation efforts": the mediation
    }
    for trigger in book.candidates(tokens[verb].lemma, "verb"):
        if trigger.particle is not None and trigger.particle not in attached:
            continue
        # "went on strike on Thursday": any of the particle's phrases may hold the object.
        if trigger.object is not None and trigger.object not in objects | _preposition_objects(
            tokens, attached.get(trigger.particle or "", [])
        ):
            continue
        if trigger.objects and objects and not objects & trigger.objects:
            continue
        return trigger
    return None


def _preposition_objects(tokens: tuple[Token, ...], prepositions: list[int]) -> set[str]:
    """ "went on strike": the object of the trigger's own preposition counts as its object."""
    return {
        tokens[i].lemma.lower()
        for preposition in prepositions
        for i in children(tokens, preposition)
        if tokens[i].dep == "pobj"
    }


def _noun_triggers(book: PatternBook, tokens: tuple[Token, ...], verb: int) -> list[_Predicate]:
    found = []
    for i in children(tokens, verb):
        if tokens[i].dep in ("dobj", "nsubjpass") and tokens[i].pos in ("NOUN", "PROPN"):
            for word in conjuncts(tokens, i):
                trigger_word = _measured_noun(book, tokens, word)
                triggers = book.candidates(tokens[trigger_word].lemma, "noun")
                if triggers:
                    found.append(_Predicate(triggers[0], verb, trigger_word))
    return found


def _measured_noun(book: PatternBook, tokens: tuple[Token, ...], word: int) -> int:
    """ "gave 5 million dollars of aid", "$50 million in aid": the trigger is the measured
    noun, one preposition below the amount."""
    if book.candidates(tokens[word].lemma, "noun"):
        return word
    for compound in _compounds(tokens, word):  # "launched a bombing campaign", "aid convoys"
        if book.candidates(tokens[compound].lemma, "noun"):
            return compound
    for prep in children(tokens, word):
        if tokens[prep].dep == "prep" and tokens[prep].text.lower() in ("of", "in"):
            noun = child_with(tokens, prep, "pobj")
            if noun is not None and book.candidates(tokens[noun].lemma, "noun"):
                return noun
    return word


def _compounds(tokens: tuple[Token, ...], word: int) -> list[int]:
    return [i for i in children(tokens, word) if tokens[i].dep == "compound"]


# --- is it news? ---


def _purpose_of(tokens: tuple[Token, ...], verb: int, trigger_verbs: set[int]) -> bool:
    """Whether the trigger is the purpose, manner or content of another event in the sentence
    ("staged demonstrations to demand reforms", "accused the rebels of violating the truce"):
    part of that event, not an event apart."""
    head = tokens[verb].head
    if head == verb:
        return False
    if tokens[verb].dep == "pcomp":
        # The gerund hangs from a preposition of the other verb, or of that verb's object
        # ("accused [Russian forces of attacking]").
        attached = tokens[head].head
        return attached in trigger_verbs or tokens[attached].head in trigger_verbs
    return (
        tokens[verb].dep == "advcl"
        and head in trigger_verbs
        and tokens[verb].tag
        in (
            "VB",
            "VBG",
        )
    )


def _is_denial(book: PatternBook, tokens: tuple[Token, ...], predicate: _Predicate) -> bool:
    """ "Rejected the accusations": a denial (a statement), not a rejection of a demand."""
    if predicate.trigger.event_type != "REJECT":
        return False
    objects = [i for i in children(tokens, predicate.verb) if tokens[i].dep == "dobj"]
    return any(tokens[i].lemma.lower() in book.denial_objects for i in objects)


def _is_attempt(book: PatternBook, tokens: tuple[Token, ...], predicate: _Predicate) -> bool:
    """ "Sought to ease tensions": an attempt at the act its infinitive names (coded, if at
    all, on its own), not a request; "sought Russia's help" is one."""
    verb = predicate.verb
    return (
        predicate.word == verb
        and tokens[verb].lemma.lower() in book.attempt_verbs
        and child_with(tokens, verb, "xcomp") is not None
        and child_with(tokens, verb, "dobj") is None
    )


def _is_opinion(book: PatternBook, tokens: tuple[Token, ...], predicate: _Predicate) -> bool:
    """ "Agreed with the Senate that patients should be entitled": a view shared, not an
    agreement reached; the "that" clause is what is held true."""
    verb = predicate.verb
    if predicate.word != verb:
        return False
    if any(
        tokens[i].dep == "dobj" and tokens[i].lemma.lower() in book.sentiment_objects
        for i in children(tokens, verb)
    ):
        return True  # "offered his condolences": a feeling expressed, not an offer
    if tokens[verb].lemma.lower() not in book.opinion_verbs:
        return False
    partner = next(
        (
            i
            for i in children(tokens, verb)
            if tokens[i].dep == "prep" and tokens[i].text.lower() == "with"
        ),
        None,
    )
    if partner is None:  # "Russia and Ukraine agreed that the truce begins": an agreement
        return False
    # The "that" clause hangs on the verb or, misparsed, on the partner's noun.
    first, last = subtree(tokens, verb)
    return any(
        tokens[i].dep == "mark" and tokens[i].text.lower() == "that" for i in range(first, last + 1)
    )


def _reality(book: PatternBook, tokens: tuple[Token, ...], verb: int) -> str | None:
    """ "" for a reported fact, "future" for an announced event, None for no event at all."""
    if is_negated(tokens, verb) or is_conditional(tokens, verb):
        return None
    if tokens[verb].dep in ("pcomp", "pobj", "acl") and negated_above(tokens, verb):
        return None
    if _content_of_noun(tokens, verb) or _alleged(tokens, verb):
        return None
    said = _stated_modals(book, tokens, verb)
    if said & SPECULATIVE_MODALS:
        return None
    future = bool(said & FUTURE_MODALS) or _going_to(tokens, verb)
    if tokens[verb].dep in ("xcomp", "ccomp"):
        head = tokens[verb].head
        lemma = tokens[head].lemma.lower()
        if lemma in FUTURE_HEADS or (lemma == "be" and tokens[verb].tag == "VB"):
            future = True
        elif lemma in UNREAL_HEADS and tokens[verb].dep == "xcomp":
            return None  # "wants to meet", "refused to withdraw": the head's own event
        # "must be ready to mediate": the modal may sit on the copula above the adjective.
        governing = [head, tokens[head].head] if tokens[head].dep == "acomp" else [head]
        if any(
            is_negated(tokens, node) or _stated_modals(book, tokens, node) & SPECULATIVE_MODALS
            for node in governing
        ):
            return None
    return FUTURE_MODE if future else ""


def _alleged(tokens: tuple[Token, ...], verb: int) -> bool:
    """Inside what an allegation alleges ("alleged that the French military helped carry out
    killings"): the allegation is the event, not what it alleges."""
    return any(
        tokens[node].dep == "ccomp" and tokens[tokens[node].head].lemma.lower() in ALLEGING_HEADS
        for node in (verb, *ancestors(tokens, verb))
    )


def _stated_modals(book: PatternBook, tokens: tuple[Token, ...], verb: int) -> set[str]:
    """The verb's modals, with a reported "would" read as the "will" it reports ("said it
    would recognize": an announcement, not a hypothesis)."""
    said = modals(tokens, verb)
    if "would" in said and _announced(book, tokens, verb):
        return (said - {"would"}) | {"will"}
    return said


def _announced(book: PatternBook, tokens: tuple[Token, ...], verb: int) -> bool:
    return _reporting_verb(book, tokens, verb) is not None


def _as_announcement(book: PatternBook, predicate: _Predicate) -> _Predicate | None:
    """ "Will visit Mauritania" is an AGREE, "would blockade Paris" a THREATEN: PLOVER codes
    what the announcement is (patterns.yaml, announcements)."""
    recoding = book.announcements.get(predicate.trigger.event_type)
    if recoding is None:
        return None
    trigger = replace(
        predicate.trigger,
        event_type=recoding.type,
        mode=recoding.mode,
        cameo=recoding.cameo,
        reciprocal=False,
    )
    return replace(predicate, trigger=trigger)


def _agreed_or_threatened(
    book: PatternBook, tokens: tuple[Token, ...], act: _Predicate, predicates: Sequence[_Predicate]
) -> bool:
    """ "Agreed to lift the sanctions", "pledged to expel", "threatened to strike": the governing
    verb is itself the agreement or the threat, and the act it names stays an act to come (mode
    "future") beside it, as CAMEO-style gold codes it."""
    verb = act.verb
    if tokens[verb].dep not in ("xcomp", "ccomp"):
        return False
    head = tokens[verb].head
    kinds = {entry.type for entry in book.announcements.values()}
    return any(p.verb == head and p.trigger.event_type in kinds for p in predicates)


def _as_refusal(
    book: PatternBook, tokens: tuple[Token, ...], predicate: _Predicate
) -> _Predicate | None:
    """ "Will not lift the ban", "declined to resign": the subject rejects the cooperative act
    (patterns.yaml, refusals), with the act's own arguments. None when it is no refusal."""
    refusal = book.refusals.get(predicate.trigger.event_type)
    verb = predicate.verb
    if refusal is None or is_conditional(tokens, verb) or not _refuses(book, tokens, verb):
        return None
    trigger = replace(
        predicate.trigger,
        event_type="REJECT",
        mode=refusal.mode,
        cameo=refusal.cameo,
        reciprocal=False,
    )
    return replace(predicate, trigger=trigger)


def _as_demand(
    book: PatternBook, tokens: tuple[Token, ...], predicate: _Predicate
) -> _Predicate | None:
    """ "Russia says Israel must end the attacks": not Israel's act but Russia's demand of
    Israel (patterns.yaml, demands), made by the speaker to the clause's subject."""
    clause = _obliged_clause(book, tokens, predicate.verb)
    if clause is None or is_conditional(tokens, clause):
        return None
    speech = _reporting_verb(book, tokens, clause)
    if speech is None or _reality(book, tokens, speech) != "":
        return None
    demand = next(book.demands[m] for m in modals(tokens, clause) if m in book.demands)
    trigger = replace(
        predicate.trigger,
        event_type=demand.type,
        mode=demand.mode,
        cameo=demand.cameo,
        target=(_CLAUSE_SUBJECT,),
        reciprocal=False,
        requires_target=False,
    )
    return _Predicate(trigger, verb=speech, word=predicate.word)


def _obliged_clause(book: PatternBook, tokens: tuple[Token, ...], verb: int) -> int | None:
    """The clause whose modal obliges the act: the verb's own ("must end"), or that of the
    verb or adjective it complements ("must be ready to mediate")."""
    node = verb
    for _ in range(3):
        if modals(tokens, node) & book.demands.keys():
            return node
        if tokens[node].dep not in ("xcomp", "acomp"):
            return None
        node = tokens[node].head
    return None


def _reporting_verb(book: PatternBook, tokens: tuple[Token, ...], clause: int) -> int | None:
    node = clause
    while tokens[node].dep == "conj" and tokens[node].head != node:
        node = tokens[node].head
    head = tokens[node].head
    if tokens[node].dep == "ccomp" and tokens[head].lemma.lower() in book.announcing_verbs:
        return head
    return None


def _refuses(book: PatternBook, tokens: tuple[Token, ...], verb: int) -> bool:
    if child_with(tokens, verb, "neg") is not None:
        # "will not", "won't", "cannot": a stated intention; "did not attend" is only a fact.
        return bool(_stated_modals(book, tokens, verb) & book.refusal_modals)
    head = tokens[verb].head
    return (
        tokens[verb].dep == "xcomp"
        and tokens[head].lemma.lower() in book.refusal_heads
        and not is_negated(tokens, head)
        and not modals(tokens, head) & SPECULATIVE_MODALS
        and not is_conditional(tokens, head)
    )


def _content_of_noun(tokens: tuple[Token, ...], verb: int) -> bool:
    """ "rejected calls for Russia to pull its troops back", "a proposal to freeze the front
    line": an infinitive hanging from a noun says what was called for, proposed or planned,
    not what happened."""
    if tokens[verb].tag != "VB" or tokens[verb].dep not in ("acl", "advcl", "relcl"):
        return False
    head = tokens[verb].head
    marked = any(tokens[i].dep == "aux" and tokens[i].tag == "TO" for i in children(tokens, verb))
    return marked and tokens[head].pos == "NOUN"


def _going_to(tokens: tuple[Token, ...], verb: int) -> bool:
    head = tokens[verb].head
    return (
        tokens[verb].dep == "xcomp"
        and tokens[head].lemma.lower() == "go"
        and (tokens[head].tag == "VBG")
    )


# --- building the event ---


def _event(
    context: _Context, index: int, sentence: Sentence, predicate: _Predicate, mode: str
) -> Event | None:
    tokens = sentence.tokens
    trigger = predicate.trigger
    source, target = _arguments(context, index, tokens, predicate)
    if not source and not target:
        return None
    if not source and not _named(target) and tokens[predicate.verb].dep == "relcl":
        # "a city where 28 people were killed": a detail of the sentence, with nobody the
        # record can name on either side.
        return None
    if not source and _describes_a_noun(tokens, predicate.verb):
        # "the coalition fighting Houthi rebels", "tweets targeting lawmakers", "in response to
        # the military seizing power": a gerund that describes who or what the sentence is
        # about, not an event it reports.
        return None
    if trigger.requires_target and not target:
        return None
    when = _date(context, index, tokens, predicate, future=mode in (FUTURE_MODE, _ANNOUNCEMENT))
    published = context.article.published
    background = bool(
        when is not None and published is not None and (published - when.day).days > BACKGROUND_DAYS
    )
    event_mode = FUTURE_MODE if mode == FUTURE_MODE else trigger.mode
    text = context.article.text[sentence.start : sentence.end]
    word = tokens[predicate.word]
    trigger_text = (
        word.text
        if predicate.word == predicate.verb
        else f"{tokens[predicate.verb].text} … {word.text}"
    )
    return Event(
        event_id=_event_id(context.article.article_id, word.start, trigger.event_type),
        article_id=context.article.article_id,
        event_type=trigger.event_type,
        mode=event_mode,
        source=source,
        target=target,
        date=when.day if when else published,
        date_precision=when.precision if when else ("publication" if published else None),
        location=_location(context, index, tokens, predicate),
        sentence=text,
        char_start=sentence.start,
        char_end=sentence.end,
        trigger=trigger_text,
        reported_by=_reported_by(context, index, tokens, predicate),
        confidence=_confidence(source, target, when),
        cameo_root=(trigger.cameo or context.book.types[trigger.event_type].cameo_root)[:2],
        intensity=context.book.score(trigger.event_type, trigger.mode),
        background=background,
    )


def _describes_a_noun(tokens: tuple[Token, ...], verb: int) -> bool:
    return tokens[verb].tag == "VBG" and tokens[verb].dep in ("acl", "pcomp")


def _named(actors: tuple[EventActor, ...]) -> bool:
    return any(actor.code or actor.actor_id for actor in actors)


def _event_id(article_id: str, start: int, event_type: str) -> str:
    return hashlib.sha256(f"{article_id}:{start}:{event_type}".encode()).hexdigest()[:16]


def _arguments(
    context: _Context, index: int, tokens: tuple[Token, ...], predicate: _Predicate
) -> tuple[tuple[EventActor, ...], tuple[EventActor, ...]]:
    if predicate.occurring:
        return _occurrence_arguments(context, index, tokens, predicate)
    verb = predicate.verb
    subject = _subject(tokens, verb)
    passive = child_with(tokens, verb, *PASSIVE_SUBJECTS)
    target_heads = _target_heads(tokens, predicate)
    if passive is None and subject is not None and _is_passive(tokens, verb):
        # "fishermen, held in Libya, have been freed by Libyan forces": a passive verb's
        # inherited subject is who was acted on; its actor is the "by" phrase.
        passive, subject = subject, None
    if passive is not None and _states_a_stance(context.book, tokens, verb):
        # "Israel is opposed to French mediation": a stance of its subject, not an act on it.
        subject, passive = passive, None
        to_phrase = _argument(tokens, verb, "prep:to")
        target_heads = target_heads or ([to_phrase] if to_phrase is not None else [])
    if subject is None and passive is not None:
        subject = _by_agent(tokens, verb)
        first, last = subtree(tokens, passive)
        if not first <= predicate.word <= last:  # "a state of siege was declared": no one
            target_heads = [passive, *target_heads]
    source = _actors(context, index, tokens, [subject] if subject is not None else [])
    if not source and subject is not None and tokens[subject].pos == "PRON":
        source = _speaker_for_pronoun(context, index, tokens, predicate.verb)
    if not source and subject is not None:
        source = _unresolved(context, index, tokens, subject)
    target = _actors(context, index, tokens, target_heads)
    if not target and target_heads:
        target = _unresolved(context, index, tokens, target_heads[0])
    if not target_heads:
        # "threatened to shell Iraqi towns": only an actor in the complement is a recipient
        # ("agreed to discontinue the tariff" has none).
        candidates = _complement_target(tokens, predicate)
        target = next(
            (found for head in candidates if (found := _actors(context, index, tokens, [head]))),
            (),
        )
    if predicate.trigger.source:
        # "Georgian rebels received weapons from the government": the subject is the recipient.
        source, target = _giver(context, index, tokens, predicate), source
    return source, _not_in(target, source)


def _not_in(
    actors: tuple[EventActor, ...], others: tuple[EventActor, ...]
) -> tuple[EventActor, ...]:
    """The actors that are not also among `others` (an actor is never its own target)."""
    known = {actor.actor_id or actor.text for actor in others}
    return tuple(a for a in actors if (a.actor_id or a.text) not in known)


def _occurrence_arguments(
    context: _Context, index: int, tokens: tuple[Token, ...], predicate: _Predicate
) -> tuple[tuple[EventActor, ...], tuple[EventActor, ...]]:
    """ "Palestinian riots against Israeli policies continued": the noun's modifiers before it
    are its actors, its own phrases ("against", "between") the target."""
    word = predicate.word
    modifiers = [
        i
        for i in children(tokens, word)
        if i < word and tokens[i].dep in ("amod", "compound", "poss", "nmod")
    ]
    source = _actors(context, index, tokens, modifiers)
    target = _actors(context, index, tokens, _slot_targets(tokens, predicate))
    if predicate.trigger.reciprocal and not source:  # "clashes between X and Y broke out"
        return target, ()
    return source, _not_in(target, source)


def _giver(
    context: _Context, index: int, tokens: tuple[Token, ...], predicate: _Predicate
) -> tuple[EventActor, ...]:
    receiving = replace(
        predicate, trigger=replace(predicate.trigger, target=predicate.trigger.source)
    )
    heads = _slot_targets(tokens, receiving)
    return _actors(context, index, tokens, heads) or (
        _unresolved(context, index, tokens, heads[0]) if heads else ()
    )


def _subject(tokens: tuple[Token, ...], verb: int) -> int | None:
    if child_with(tokens, verb, *PASSIVE_SUBJECTS) is not None:
        # "cancelled a visit after a state of siege was declared": a passive clause names
        # who was acted on; its actor is its own "by" phrase, not the sentence's subject.
        return None
    subject = child_with(tokens, verb, *SUBJECTS)
    node = verb
    # "X met Y and signed Z", "X agreed to withdraw": the subject is the governing verb's.
    if subject is None and tokens[verb].dep == "xcomp":
        # "Putin invited Trump to visit Moscow": the object of invite/urge/allow does it.
        controller = child_with(tokens, tokens[verb].head, "dobj")
        if controller is not None:
            return controller
    while (
        subject is None
        and tokens[node].dep in ("conj", "xcomp", "advcl", "acl", "acomp")
        and (tokens[node].head != node)
    ):
        if tokens[node].dep == "acl":
            # "issued a statement calling on X": the statement's issuer calls. Not "ground
            # seized in the fighting": a past participle's noun is what was acted on.
            noun = tokens[node].head
            if (
                tokens[node].tag != "VBG"
                or tokens[noun].dep != "dobj"
                or tokens[tokens[noun].head].lemma.lower() not in _ISSUING_VERBS
            ):
                return None
            node = noun
        node = tokens[node].head
        subject = child_with(tokens, node, *SUBJECTS)
    return subject


def _speaker_for_pronoun(
    context: _Context, index: int, tokens: tuple[Token, ...], verb: int
) -> tuple[EventActor, ...]:
    """ "Obama and Putin said they will attack": a pronoun subject under a speech verb is the
    speaker."""
    node = verb
    while tokens[node].dep in ("ccomp", "conj") and tokens[node].head != node:
        node = tokens[node].head
        if tokens[node].lemma.lower() in context.book.speech_verbs:
            # "Rebels rejected the plan and said they opposed it": the speaker may be the
            # subject the speech verb shares with the verb before it.
            speaker = _subject(tokens, node)
            if speaker is not None and tokens[speaker].pos != "PRON":
                named = _actors(context, index, tokens, [speaker])
                return named or _unresolved(context, index, tokens, speaker)
            return ()
    return ()


# Where the recipient of "threatened to shell Iraqi towns" or "agreed to send troops to Mali"
# sits: in the complement clause.
_CLAUSE_SUBJECT = "ccomp:nsubj"
_COMPLEMENT_TARGETS = ("dobj", "prep:against", "prep:on", "prep:with", "prep:to", "dative")


def _complement_target(tokens: tuple[Token, ...], predicate: _Predicate) -> list[int]:
    """Candidates in order of preference; "threatened to deliver blows to the United States":
    the phrase may hang on the complement's object."""
    complement = child_with(tokens, predicate.verb, "xcomp")
    if complement is None:
        return _purpose_target(tokens, predicate.verb)
    verb_object = child_with(tokens, complement, "dobj")
    owners = [complement, *([verb_object] if verb_object is not None else [])]
    return [
        found
        for place in _COMPLEMENT_TARGETS
        for owner in owners
        if (found := _argument(tokens, owner, place)) is not None
    ]


def _purpose_target(tokens: tuple[Token, ...], verb: int) -> list[int]:
    """ "started a hunger strike to protest President Assad's failure": the object of the
    purpose clause names who the act is aimed at."""
    found = []
    for clause in children(tokens, verb):
        marker = child_with(tokens, clause, "aux")
        infinitive = marker is not None and tokens[marker].text.lower() == "to"
        if tokens[clause].dep == "advcl" and infinitive:
            aim = child_with(tokens, clause, "dobj")
            if aim is not None:
                found.append(aim)
    return found


def _is_passive(tokens: tuple[Token, ...], verb: int) -> bool:
    return child_with(tokens, verb, "auxpass") is not None


def _states_a_stance(book: PatternBook, tokens: tuple[Token, ...], verb: int) -> bool:
    return tokens[verb].lemma.lower() in book.stance_passives and _by_agent(tokens, verb) is None


def _by_agent(tokens: tuple[Token, ...], verb: int) -> int | None:
    agent = child_with(tokens, verb, "agent")
    return child_with(tokens, agent, "pobj") if agent is not None else None


def _target_heads(tokens: tuple[Token, ...], predicate: _Predicate) -> list[int]:
    if predicate.word != predicate.verb:  # "gave the Ivory Coast aid": the indirect object
        dative = child_with(tokens, predicate.verb, "dative")
        if dative is not None and tokens[dative].pos in ("NOUN", "PROPN"):
            return [dative]
    return _slot_targets(tokens, predicate)


def _slot_targets(tokens: tuple[Token, ...], predicate: _Predicate) -> list[int]:
    verb_object = child_with(tokens, predicate.verb, "dobj")
    owners = [predicate.word, predicate.verb, *([verb_object] if verb_object is not None else [])]
    for place in predicate.trigger.target:
        # "imposed sanctions on Russia": the phrase may hang on the verb's object.
        for owner in dict.fromkeys(owners):
            found = _argument(tokens, owner, place)
            if found is not None and found != predicate.word:
                return [found]
    return []


def _argument(tokens: tuple[Token, ...], owner: int, place: str) -> int | None:
    if place == _CLAUSE_SUBJECT:
        # "demanded that Hamas renounce violence": who is to act is the request's recipient.
        clause = child_with(tokens, owner, "ccomp")
        return child_with(tokens, clause, "nsubj") if clause is not None else None
    if place.startswith("prep:"):
        word = place.removeprefix("prep:")
        for i in children(tokens, owner):
            if tokens[i].dep in ("prep", "dative") and tokens[i].text.lower() == word:
                return child_with(tokens, i, "pobj")
        return None
    return child_with(tokens, owner, place)


def _actors(
    context: _Context, index: int, tokens: tuple[Token, ...], heads: list[int]
) -> tuple[EventActor, ...]:
    actors: list[EventActor] = []
    for head in heads:
        for word in conjuncts(tokens, head):
            actors += _actors_at(context, index, tokens, word)
    unique = {(a.actor_id, a.code, a.sector, a.text): a for a in actors}
    return tuple(unique.values())


def _actors_at(
    context: _Context, index: int, tokens: tuple[Token, ...], word: int
) -> list[EventActor]:
    """The mentions an argument names: the one covering its head word, else the outermost
    mentions inside its phrase (up to the next coordinated word)."""
    token = tokens[word]
    in_sentence = context.mentions.get(index, [])
    covering = [m for m in in_sentence if m.start <= token.start < m.end]
    first, last = _own_phrase(tokens, word)
    start, end = tokens[first].start, tokens[last].end
    inside = [m for m in in_sentence if start <= m.start and m.end <= end]
    if covering:
        best = max(covering, key=lambda m: m.end - m.start)
        if best.country is None:  # "workers in Mexico": the phrase's country is theirs
            countries: list[str | None] = [*_coordinated_countries(tokens, word, inside)]
            if not countries:
                countries = [next((m.country for m in inside if m.country and m is not best), None)]
            return [replace(_actor(best), code=country) for country in countries]
        return [_actor(best)]
    # "French mediation in talks with Syria": the words before the head describe it, a phrase
    # after it something else; "Ukrainian positions": a demonym speaks only when no name does.
    inside = [m for m in inside if m.end <= token.end] or inside
    inside = [m for m in inside if m.via != "demonym"] or inside
    outer = [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end
                                           and (o.end - o.start) > (m.end - m.start)
                                           for o in inside)]  # fmt: skip
    return [_actor(m) for m in outer[:1]]


def _coordinated_countries(
    tokens: tuple[Token, ...], word: int, inside: list[ActorMention]
) -> list[str]:
    """ "Hungarian and Romanian officials": the countries of coordinated demonyms before a
    head word (none unless there are two or more)."""
    modifiers = [i for i in children(tokens, word) if tokens[i].dep == "amod"]
    if not any(tokens[j].dep == "conj" for i in modifiers for j in children(tokens, i)):
        return []
    countries = [m.country for m in inside if m.via == "demonym" and m.country]
    ordered = list(dict.fromkeys(countries))
    return ordered if len(ordered) > 1 else []


def _unresolved(
    context: _Context, index: int, tokens: tuple[Token, ...], head: int
) -> tuple[EventActor, ...]:
    """An argument no mention resolves ("30,000 workers", "the war game"): kept as written,
    without a code, when it is a noun phrase (a pronoun like "it" names nothing, and a date
    like "on Monday" is when, not whom)."""
    if tokens[head].pos not in ("NOUN", "PROPN"):
        return ()
    word = tokens[head]
    if any(
        e.start <= word.start and word.end <= e.end for e in _entities(context, index, _WHEN_LABELS)
    ):
        return ()
    first, last = _own_phrase(tokens, head)
    text = context.article.text[tokens[first].start : tokens[last].end]
    return (EventActor(text, None, None, None),)


def _own_phrase(tokens: tuple[Token, ...], word: int) -> tuple[int, int]:
    first, last = subtree(tokens, word)
    for i in children(tokens, word):
        if tokens[i].dep in ("conj", "cc", "relcl", "acl") and i > word:
            last = min(last, i - 1)
    return first, max(last, word)


def _actor(mention: ActorMention) -> EventActor:
    return EventActor(mention.text, mention.country, mention.sector, mention.actor_id)


def _date(
    context: _Context, index: int, tokens: tuple[Token, ...], predicate: _Predicate, future: bool
) -> EventDate | None:
    first, last = subtree(tokens, predicate.verb)
    start, end = tokens[first].start, tokens[last].end
    spans = [
        e
        for e in _entities(context, index, _DATE_LABELS)
        if start <= e.start and e.end <= end and not _inside_clause(tokens, e, predicate.verb)
    ]
    for span in spans:
        found = read_date(span.text, context.article.published, future)
        if found is not None:
            return found
    return None


def _inside_clause(tokens: tuple[Token, ...], span: EntitySpan, verb: int) -> bool:
    """Whether a span belongs to a clause below the verb (its own verb), not to the verb."""
    word = next((i for i, t in enumerate(tokens) if t.start >= span.start), verb)
    for node in (word, *ancestors(tokens, word)):
        if node == verb:
            return False
        if tokens[node].pos in ("VERB", "AUX") and tokens[node].dep in ("ccomp", "relcl", "advcl"):
            return True
    return True


def _entities(context: _Context, index: int, labels: set[str]) -> list[EntitySpan]:
    return [e for e in context.entities.get(index, ()) if e.label in labels]


def _location(
    context: _Context, index: int, tokens: tuple[Token, ...], predicate: _Predicate
) -> Place | None:
    for owner in dict.fromkeys((predicate.verb, predicate.word)):
        for prep in children(tokens, owner):
            if tokens[prep].dep != "prep" or tokens[prep].text.lower() not in _PLACE_PREPOSITIONS:
                continue
            place = child_with(tokens, prep, "pobj")
            if place is None:
                continue
            start = tokens[place].start
            for span in _entities(context, index, _PLACE_LABELS):
                if span.start <= start < span.end:
                    country = span.kb_id if span.label == "COUNTRY" else None
                    return find_place(span.text, country)
    return None


def _reported_by(
    context: _Context, index: int, tokens: tuple[Token, ...], predicate: _Predicate
) -> tuple[str, ...]:
    """Who the article says says so: the speaker of a governing "said"/"told", an "according
    to" phrase, then the wire services the article credits."""
    chain: list[str] = []
    for node in ancestors(tokens, predicate.verb):
        if tokens[node].lemma.lower() in context.book.speech_verbs:
            # "Rebels rejected the plan and said they opposed it": the speaker may be the
            # subject the speech verb shares with the verb before it.
            speaker = _subject(tokens, node)
            if speaker is not None:
                chain += [a.text for a in _actors_at(context, index, tokens, speaker)] or [
                    tokens[speaker].text
                ]
            # "One diplomat told AFP": the agency that was told passes it on.
            medium = child_with(tokens, node, "dobj", "dative")
            if medium is not None:
                chain += [
                    a.text
                    for a in _actors_at(context, index, tokens, medium)
                    if a.sector == MEDIA_SECTOR
                ]
    sentence = context.annotation.sentences[index]
    text = context.article.text[sentence.start : sentence.end]
    if _ACCORDING.search(text):
        chain += _according_to(context, tokens)
    chain += [credit for credit in context.article.reported_by if credit not in chain]
    return tuple(dict.fromkeys(chain))


def _according_to(context: _Context, tokens: tuple[Token, ...]) -> list[str]:
    for i in range(len(tokens)):
        source = according_to(tokens, i)
        if source is not None:
            first, last = subtree(tokens, source)
            return [context.article.text[tokens[first].start : tokens[last].end]]
    return []


def _confidence(
    source: tuple[EventActor, ...], target: tuple[EventActor, ...], when: EventDate | None
) -> float:
    # A rough, explainable score: resolved actors on both sides and a stated date add to it.
    score = 0.5
    score += 0.15 if any(a.code for a in source) else 0.0
    score += 0.15 if any(a.code for a in target) else 0.0
    score += 0.1 if when is not None else 0.0
    return round(min(score, 0.95), 2)
