"""Quotations in an article, and who the article says said them.

Three kinds of text become a `Quote`:

- words between quote marks, straight ("…") or curly (“…”), paired within a paragraph;
- the unquoted words after a speech verb and a colon ("Lavrov told reporters: the talks …"),
  to the end of the sentence that follows the colon;
- the turns of an interview transcript, lines that open with a speaker label
  ("Secretary Hegseth: …", "Q: …").

A quoted span is attributed through the dependency parse: the nearest speech verb outside the
quote marks that governs the quote, is governed by it, or stands right next to it ("…,” Lavrov
said), and that verb's subject is the speaker. A quote after a colon with no speech verb takes
the name alone before the colon ("Lavrov: “…”") or the subject of the clause the colon ends. The
speaker's actor is the `ActorMention` that covers the speaker, so pronouns ("he said") get the
person the resolver gave them.

Choices, each because news text is written that way:

- A quote split by its attribution (“We will not,” he said, “give up.”) is two quotes, both
  attributed to the same speaker: the text of each stays exactly what is between its marks.
- A quote that runs over paragraphs (an opening mark never closed, and the next paragraph opens
  with a quote mark) is one `Quote` per paragraph, all with the speaker found for any of them.
- An opening mark still open when its paragraph ends closes there, so a stray mark never swallows
  the rest of the article.
- A quote that is a sentence of its own, after an attributed quote in the same paragraph, is the
  same speaker going on (“We will win,” he said. “We always have.”); cue `continuation`.
- A quote of at most `SCARE_QUOTE_MAX_WORDS` words without a speech verb of its own is a scare
  quote (dismissed as “complete nonsense”) and is left out, unless it is a sentence of its own;
  so is any quote right after "so-called", whatever verb is near.
- Headings are lines like any other: their quotes are kept, with a speaker only when the heading
  itself names one.

Not handled: single quote marks (‘…’ cannot be told from apostrophes cheaply), guillemets,
double quotes nested in double quotes (the inner pair wins), transcript answers that run over
several unlabelled paragraphs, quotes inside a transcript turn (the turn is the quote), and a
paragraph of quote that relies on the previous paragraph's attribution without reopening an
unclosed quote. Sentences the annotator did not parse get no speech-verb attribution.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from eventwire.coding.syntax import according_to, ancestors, child_with, children
from eventwire.records import ActorMention, Annotation, Article, Quote, Sentence, Token

# Lemmas of the verbs that attribute speech. The second group are common news attributions
# beyond the first; recall, testify, report and describe attributed quotes that were left without
# a speaker on a sample of 137 real articles (../shared/eval/article-extraction).
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "state", "add", "declare", "announce", "insist", "stress", "note", "warn",
        "write", "ask", "reply", "respond", "explain", "claim", "argue", "comment", "remark",
        "tweet", "post", "quip", "acknowledge", "admit", "continue",
        "recall", "testify", "report", "reiterate", "caution", "concede", "confirm", "emphasise",
        "emphasize", "observe", "recount", "predict", "promise", "vow", "pledge", "joke",
        "complain", "assert", "contend", "describe",
    }
)  # fmt: skip
# A quoted span this short with no speech verb is a scare quote: a phrase the writer distances
# themselves from ("complete nonsense", an “irreversible path”), not someone's statement. Three is
# the first guess, not yet measured against a gold set of quotes.
SCARE_QUOTE_MAX_WORDS = 3

CUE_COLON = "colon"  # "Lavrov: “…”": a name or a clause, a colon, a quote
CUE_TRANSCRIPT = "transcript"  # "Secretary Hegseth: …" in an interview
CUE_CONTINUATION = "continuation"  # the speaker carried over from the quote before
CUE_ACCORDING_TO = "according to"
CUE_UNATTRIBUTED = "unattributed"  # no speaker in the text

_MARK = re.compile('["“”„]')
_PARAGRAPH = re.compile(r"\S+(?:[^\S\n]+\S+)*")  # a line of text, as the annotator splits them
_WORD = re.compile(r"\w")
_VISIBLE = re.compile(r"\S")
# What may stand just before an opening mark, or just after a closing one, besides a space.
_BEFORE_OPENING = "([{—–-/:"
_AFTER_CLOSING = ".,;:!?)]}—–-…/"
_INTRODUCING_PUNCTUATION = ":,"  # "said: “…”", "said, “…”"
# Lines that list rather than speak: text after "said:" that starts like this is not a quote.
_LIST_BULLETS = "-–—•*"
_SO_CALLED = re.compile(r"so[- ]called\s*$", re.IGNORECASE)
_SO_CALLED_REACH = len("so-called  ")
# "Secretary Hegseth: …", "Q: …": up to four capitalised words and a colon open the line.
_TURN_LABEL = re.compile(
    r"(?P<label>[A-Z][\w.’'-]*(?:[^\S\n]+[A-Z][\w.’'-]*){0,3})[^\S\n]*:[^\S\n]+(?=\S)"
)
_INTERVIEWER_LABELS = frozenset({"q", "question", "interviewer"})
_ANSWER_LABELS = frozenset({"a", "answer"})
_RELATIVE_PRONOUN_TAGS = ("WP", "WDT")
# Dependents that end a speaker's noun phrase: "Ben Wallace, the UK's Defence Secretary, said"
# is spoken by "Ben Wallace".
_PHRASE_CUT = frozenset({"appos", "relcl", "acl", "punct", "parataxis", "ccomp", "advcl"})
# A verb without a subject of its own speaks with its governor's: "… and told reporters",
# "…, adding that …", "went on to say".
_SUBJECT_FROM_GOVERNOR = ("conj", "advcl", "xcomp")
# How the parser may attach an attribution to the quote it attributes.
_HUNG_ON_QUOTE = ("parataxis", "ccomp")


class _Role(Enum):
    OPENS = "opens"
    CLOSES = "closes"
    EITHER = "either"


# Which way a mark points when the letters around it do not say: a straight mark toggles.
_GLYPH_ROLE = {'"': _Role.EITHER, "“": _Role.OPENS, "„": _Role.OPENS, "”": _Role.CLOSES}


@dataclass(frozen=True, slots=True)
class _Marked:
    """A span between quote marks."""

    mark_start: int  # the opening mark
    mark_end: int  # just after the closing mark, or the paragraph's end when it never closed
    start: int  # the words inside, trimmed
    end: int
    paragraph: int
    chain: int  # the pieces of one quote that runs over paragraphs share a number


@dataclass(frozen=True, slots=True)
class _Said:
    """How a quote is attributed."""

    cue: str
    speaker: tuple[int, int] | None = None  # offsets of the speaker phrase
    head: int | None = None  # offset of the phrase's head word: it picks among mentions
    told: str | None = None


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    said: _Said | None


class _Context:
    """An article's text, parse and mentions, with the regions that are someone's words."""

    def __init__(
        self, article: Article, annotation: Annotation, mentions: Sequence[ActorMention]
    ) -> None:
        self.article = article
        self.text = article.text
        self.sentences = annotation.sentences
        self._starts = [sentence.start for sentence in annotation.sentences]
        self.mentions = sorted(mentions, key=lambda mention: mention.start)
        self.quoted: list[tuple[int, int]] = []

    def is_quoted(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    def sentence_at(self, offset: int) -> Sentence | None:
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    def sentences_between(self, start: int, end: int) -> list[Sentence]:
        first = max(bisect_right(self._starts, start) - 1, 0)
        last = bisect_right(self._starts, end)
        return [s for s in self.sentences[first:last] if s.start < end and start < s.end]

    def mention_for(self, said: _Said) -> ActorMention | None:
        """The mention that covers the speaker: the one on its head word if there is one."""
        if said.speaker is None:
            return None
        start, end = said.speaker
        covering = [m for m in self.mentions if m.start < end and start < m.end]
        on_head = [m for m in covering if said.head is not None and m.start <= said.head < m.end]
        known = [m for m in covering if m.actor_id is not None]
        return next(iter(on_head or known or covering), None)

    def named_elsewhere(self, start: int, end: int) -> ActorMention | None:
        """A known actor the article names elsewhere in full with the same last word: the parser
        finds no entity in a line label ("Lavrov: …"), but "Sergei Lavrov" was named before.
        Only full names count, as a lone word the resolver matched is a guess already."""
        surname = self.text[start:end].split()[-1:]
        named = [
            m for m in self.mentions if m.actor_id is not None and _is_full_name_of(m.text, surname)
        ]
        before = [m for m in named if m.end <= start]
        return before[-1] if before else next(iter(named), None)


def _is_full_name_of(name: str, surname: list[str]) -> bool:
    words = name.split()
    return len(words) > 1 and words[-1:] == surname


def extract_quotes(
    article: Article, annotation: Annotation, mentions: Sequence[ActorMention]
) -> list[Quote]:
    """The quotes in `article`, in text order, each with its speaker when the text gives one."""
    context = _Context(article, annotation, mentions)
    paragraphs = [match.span() for match in _PARAGRAPH.finditer(article.text)]
    turns = _transcript_turns(context, paragraphs)
    context.quoted += [(found.start, found.end) for found in turns]
    marked = [
        span
        for span in _marked_spans(context, paragraphs)
        if not any(turn.start <= span.start < turn.end for turn in turns)
    ]
    context.quoted += [(span.mark_start, span.mark_end) for span in marked]
    found = [*turns, *_attributed(context, marked), *_colon_statements(context)]
    return [_quote(context, item) for item in sorted(found, key=lambda item: item.start)]


def _quote(context: _Context, found: _Found) -> Quote:
    said = found.said
    mention = _speaker_mention(context, said)
    speaker = said.speaker if said is not None else None
    return Quote(
        article_id=context.article.article_id,
        start=found.start,
        end=found.end,
        text=context.text[found.start : found.end],
        speaker_text=context.text[speaker[0] : speaker[1]] if speaker else None,
        speaker_start=speaker[0] if speaker else None,
        speaker_end=speaker[1] if speaker else None,
        actor_id=mention.actor_id if mention else None,
        country=mention.country if mention else None,
        sector=mention.sector if mention else None,
        cue=said.cue if said is not None else CUE_UNATTRIBUTED,
        told=said.told if said is not None else None,
    )


def _speaker_mention(context: _Context, said: _Said | None) -> ActorMention | None:
    if said is None or said.speaker is None:
        return None
    if said.cue == CUE_TRANSCRIPT:
        return _label_actor(context, *said.speaker)
    return context.mention_for(said)


# --- quote marks ---


def _marked_spans(context: _Context, paragraphs: list[tuple[int, int]]) -> list[_Marked]:
    text = context.text
    marked: list[_Marked] = []
    chain = 0
    carried = False  # the previous paragraph ended inside a quote
    for number, (start, end) in enumerate(paragraphs):
        pairs, unclosed = _pair_marks(text, start, end)
        reopens = carried and not _is_heading(context, start) and _MARK.match(text, start)
        regions = [(a, b + 1, a + 1, b) for a, b in pairs]
        if unclosed is not None:
            regions.append((unclosed, end, unclosed + 1, end))
        for mark_start, mark_end, inner_start, inner_end in regions:
            if not (reopens and mark_start == start):
                chain += 1
            inner = _trim(text, inner_start, inner_end)
            if inner is not None:
                marked.append(_Marked(mark_start, mark_end, *inner, number, chain))
        carried = unclosed is not None and not _is_heading(context, start)
    return marked


def _pair_marks(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """The (opening, closing) marks of a paragraph, and an opening mark it leaves open."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for match in _MARK.finditer(text, start, end):
        at = match.start()
        role = _mark_role(text, at, start, end)
        if opened is None:
            if role is not _Role.CLOSES:
                opened = at
        elif role is not _Role.OPENS:
            pairs.append((opened, at))
            opened = None
        else:
            opened = at  # a second opening mark: the first was a stray one
    return pairs, opened


def _mark_role(text: str, at: int, start: int, end: int) -> _Role:
    """Whether a mark opens or closes, from the side its word is on; the glyph decides when
    that says nothing (curly marks are often the wrong way round in scraped text)."""
    before = text[at - 1] if at > start else " "
    after = text[at + 1] if at + 1 < end else " "
    can_open = not after.isspace() and (before.isspace() or before in _BEFORE_OPENING)
    can_close = not before.isspace() and (after.isspace() or after in _AFTER_CLOSING)
    if can_open != can_close:
        return _Role.OPENS if can_open else _Role.CLOSES
    return _GLYPH_ROLE[text[at]]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The words of a quote without surrounding spaces or the comma that hands over to its
    attribution ("We will not," he said); None when nothing is said."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return (start, end) if _WORD.search(text, start, end) else None


def _is_heading(context: _Context, offset: int) -> bool:
    return any(span.start <= offset < span.end for span in context.article.headings)


# --- attributing quoted spans ---


def _attributed(context: _Context, marked: list[_Marked]) -> list[_Found]:
    said: list[_Said | None] = [_attribute(context, span) for span in marked]
    direct = [s is not None for s in said]
    said = _carry_to_follow_ups(context, marked, said)
    said = _share_within_chains(marked, said)
    return [
        _Found(span.start, span.end, attribution)
        for span, attribution, own in zip(marked, said, direct, strict=True)
        if not _after_so_called(context.text, span.mark_start)
        and (own or not _is_scare_quote(context, span))
    ]


def _attribute(context: _Context, span: _Marked) -> _Said | None:
    best: tuple[int, _Said] | None = None
    for sentence in _sentences_around(context, span):
        tokens = sentence.tokens
        for verb in _speech_verbs(tokens):
            if context.is_quoted(tokens[verb].start) or not _governs(context, tokens, verb, span):
                continue
            said = _said_by(context, tokens, verb)
            distance = _distance(tokens[verb], span)
            if said is not None and (best is None or distance < best[0]):
                best = (distance, said)
    return best[1] if best is not None else _colon_speaker(context, span)


def _sentences_around(context: _Context, span: _Marked) -> list[Sentence]:
    """The sentences the quote is in, the one right after it, and the one whose colon or comma
    introduces it (a line of its own when it ends "told reporters:")."""
    found = context.sentences_between(span.mark_start, span.mark_end)
    following = _next_visible(context.text, span.mark_end)
    if following is not None and "\n" in context.text[span.mark_end : following]:
        following = None  # the next line is not this quote's attribution
    for offset in (following, _lead(context.text, span.mark_start)):
        sentence = context.sentence_at(offset) if offset is not None else None
        if sentence is not None and sentence not in found:
            found.append(sentence)
    return found


def _speech_verbs(tokens: tuple[Token, ...]) -> Iterator[int]:
    """The speech verbs of a sentence, and the "according" of "according to"."""
    for index, token in enumerate(tokens):
        if _is_speech_verb(token) or according_to(tokens, index) is not None:
            yield index


def _is_speech_verb(token: Token) -> bool:
    return token.pos == "VERB" and token.lemma.lower() in SPEECH_VERBS


def _governs(context: _Context, tokens: tuple[Token, ...], verb: int, span: _Marked) -> bool:
    """Whether `verb` attributes the quote."""
    return (
        _parse_links(tokens, verb, span)
        or _follows(context, tokens, verb, span)
        or _introduces(context, tokens, verb, span)
    )


def _parse_links(tokens: tuple[Token, ...], verb: int, span: _Marked) -> bool:
    """The quote is (part of) what the verb says, or the parser hung the attribution on the
    clause the quote is in: “We will not,” he said, “give up.” ("said" is a parataxis of
    "give"); the talks, Umerov told the BBC, were “…”; according to Hegseth, allies “…”."""
    inside = [i for i, token in enumerate(tokens) if span.start <= token.start < span.end]
    if any(_descends(tokens, i, verb) for i in inside):
        return True
    governor = tokens[verb].head
    hung = tokens[verb].dep in _HUNG_ON_QUOTE or according_to(tokens, verb) is not None
    return hung and governor != verb and any(_descends(tokens, i, governor) for i in inside)


def _follows(context: _Context, tokens: tuple[Token, ...], verb: int, span: _Marked) -> bool:
    """The verb's clause comes right after the closing mark: "…,” Lavrov said", "…,” said he"."""
    clause = tokens[min(verb, _subject_start(tokens, verb))].start
    gap = context.text[span.mark_end : clause]
    return span.mark_end <= clause and "\n" not in gap and not _WORD.search(gap)


def _introduces(context: _Context, tokens: tuple[Token, ...], verb: int, span: _Marked) -> bool:
    """The verb's clause ends in the colon or comma before the quote: "told AFP: “…”"."""
    lead = _lead(context.text, span.mark_start)
    if lead is None or context.text[lead] not in _INTRODUCING_PUNCTUATION:
        return False
    leader = next((i for i, token in enumerate(tokens) if token.start == lead), None)
    return leader is not None and verb < leader and _descends(tokens, leader - 1, verb)


def _said_by(context: _Context, tokens: tuple[Token, ...], verb: int) -> _Said | None:
    according = according_to(tokens, verb)
    speaker = according if according is not None else _speaker_of(tokens, verb)
    if speaker is None or context.is_quoted(tokens[speaker].start):
        return None
    told = None
    if tokens[verb].lemma.lower() == "tell":
        addressee = child_with(tokens, verb, "dobj", "dative", "iobj")
        if addressee is not None and not context.is_quoted(tokens[addressee].start):
            told = context.text[slice(*_phrase(tokens, addressee))]
    cue = CUE_ACCORDING_TO if according is not None else tokens[verb].text.lower()
    return _Said(cue, _phrase(tokens, speaker), tokens[speaker].start, told)


def _colon_speaker(context: _Context, span: _Marked) -> _Said | None:
    """The speaker of a quote after a colon with no speech verb: a name alone before the colon
    ("Lavrov: “…”"), else the subject of the clause the colon ends, if it names an actor
    ("Savill offers a stark warning: “…”")."""
    text = context.text
    colon = _lead(text, span.mark_start)
    if colon is None or text[colon] != ":":
        return None
    line_start = text.rfind("\n", 0, colon) + 1
    for mention in context.mentions:
        before, between = text[line_start : mention.start], text[mention.end : colon]
        if line_start <= mention.start < mention.end <= colon and not (before + between).strip():
            return _Said(CUE_COLON, (mention.start, mention.end), mention.start)
    sentence = context.sentence_at(colon)
    tokens = sentence.tokens if sentence is not None else ()
    mark = next((i for i, t in enumerate(tokens) if t.start == colon), None)
    clause = tokens[mark].head if mark is not None else None  # the colon hangs on its clause
    if clause is None or tokens[clause].start > colon or context.is_quoted(tokens[clause].start):
        return None
    subject = _speaker_of(tokens, clause)
    if subject is None or not any(
        m.start <= tokens[subject].start < m.end for m in context.mentions
    ):
        return None  # "the message was clear: “…”" has no speaker
    return _Said(CUE_COLON, _phrase(tokens, subject), tokens[subject].start)


def _share_within_chains(marked: list[_Marked], said: list[_Said | None]) -> list[_Said | None]:
    """The pieces of a quote that runs over paragraphs have one speaker."""
    by_chain: dict[int, _Said] = {}
    for span, attribution in zip(marked, said, strict=True):
        if attribution is not None:
            by_chain.setdefault(span.chain, attribution)
    return [
        attribution if attribution is not None or span.chain not in by_chain
        else replace(by_chain[span.chain], cue=CUE_CONTINUATION)
        for span, attribution in zip(marked, said, strict=True)
    ]  # fmt: skip


def _carry_to_follow_ups(
    context: _Context, marked: list[_Marked], said: list[_Said | None]
) -> list[_Said | None]:
    """A quote standing as a sentence of its own goes on from the attributed quote before it in
    the same paragraph: “We will win,” he said. “We always have.”"""
    carried = list(said)
    for index, span in enumerate(marked):
        if carried[index] is not None or not _stands_alone(context, span):
            continue
        earlier = (
            carried[i] for i in range(index - 1, -1, -1) if marked[i].paragraph == span.paragraph
        )
        previous = next((attribution for attribution in earlier if attribution), None)
        if previous is not None:
            carried[index] = replace(previous, cue=CUE_CONTINUATION)
    return carried


def _after_so_called(text: str, offset: int) -> bool:
    """The so-called “special operation”: a scare quote whatever verb is near."""
    return _SO_CALLED.search(text[max(offset - _SO_CALLED_REACH, 0) : offset]) is not None


def _is_scare_quote(context: _Context, span: _Marked) -> bool:
    words = len(context.text[span.start : span.end].split())
    return words <= SCARE_QUOTE_MAX_WORDS and not _stands_alone(context, span)


def _stands_alone(context: _Context, span: _Marked) -> bool:
    """Whether the quote is all there is of its sentences (bar punctuation)."""
    sentences = context.sentences_between(span.mark_start, span.mark_end)
    if not sentences:
        return False
    start, end = sentences[0].start, sentences[-1].end
    text = context.text
    return not (
        _WORD.search(text, start, span.mark_start) or _WORD.search(text, span.mark_end, end)
    )


# --- unquoted statements after "said:" ---


def _colon_statements(context: _Context) -> Iterator[_Found]:
    """ "Lavrov told reporters: the talks will start in January." The statement runs to the end
    of the sentence after the colon (often on the next line)."""
    for sentence in context.sentences:
        tokens = sentence.tokens
        for index, token in enumerate(tokens):
            if token.text != ":" or context.is_quoted(token.start):
                continue
            verb = _introducing_verb(tokens, index)
            statement = _statement_after(context, token.end) if verb is not None else None
            said = _said_by(context, tokens, verb) if verb is not None else None
            if statement is not None and said is not None:
                yield _Found(*statement, said)


def _introducing_verb(tokens: tuple[Token, ...], colon: int) -> int | None:
    """The speech verb whose clause ends at the colon: "said:", "told AFP on Monday:"."""
    if colon == 0:
        return None
    for index in range(colon - 1, -1, -1):
        if _is_speech_verb(tokens[index]) and _descends(tokens, colon - 1, index):
            return index
    return None


def _statement_after(context: _Context, offset: int) -> tuple[int, int] | None:
    text = context.text
    start = _next_visible(text, offset)
    if start is None or _MARK.match(text, start) or text[start] in _LIST_BULLETS:
        return None  # quoted words are a quote of their own; a list is not a statement
    sentence = context.sentence_at(start)
    if sentence is None:
        return None
    end = sentence.end
    if any(a < end and start < b for a, b in context.quoted):
        return None
    return _trim(text, start, end)


# --- interview transcripts ---


def _transcript_turns(context: _Context, paragraphs: list[tuple[int, int]]) -> list[_Found]:
    """Lines that open with a speaker label, when the article reads as an interview: a
    question label, or labels that come back; and at least two speakers, one of them a question
    label or a known actor. A single "Conclusion: …" or "BILD: …" line is not an interview."""
    text = context.text
    labelled: dict[int, re.Match[str]] = {}
    for number, (start, end) in enumerate(paragraphs):
        match = _TURN_LABEL.match(text, start, end)
        if match is not None:
            labelled[number] = match
    counts = Counter(_label(match) for match in labelled.values())
    questions = {n for n, match in labelled.items() if _label(match) in _INTERVIEWER_LABELS}
    turns = {
        number: match
        for number, match in labelled.items()
        if counts[_label(match)] > 1 or number in questions or number - 1 in questions
    }
    labels = {_label(match) for match in turns.values()}
    marked = labels & (_INTERVIEWER_LABELS | _ANSWER_LABELS)
    if len(labels) < 2 or not (marked or any(_names_actor(context, m) for m in turns.values())):
        return []
    return [_turn(context, match, paragraphs[number][1]) for number, match in sorted(turns.items())]


def _turn(context: _Context, match: re.Match[str], end: int) -> _Found:
    text = context.text
    start = match.end()
    if _MARK.match(text, start) and _MARK.match(text, end - 1) and end - start > 1:
        start, end = start + 1, end - 1  # a turn printed in quote marks
    label = match.span("label")
    return _Found(
        *(_trim(text, start, end) or (start, end)), _Said(CUE_TRANSCRIPT, label, label[0])
    )


def _label(match: re.Match[str]) -> str:
    return match.group("label").lower()


def _names_actor(context: _Context, match: re.Match[str]) -> bool:
    mention = _label_actor(context, *match.span("label"))
    return mention is not None and mention.actor_id is not None


def _label_actor(context: _Context, start: int, end: int) -> ActorMention | None:
    said = _Said(CUE_TRANSCRIPT, (start, end), start)
    mention = context.mention_for(said)
    if mention is not None and mention.actor_id is not None:
        return mention
    return context.named_elsewhere(start, end) or mention


# --- the dependency parse ---


def _descends(tokens: tuple[Token, ...], node: int, ancestor: int) -> bool:
    return node == ancestor or ancestor in ancestors(tokens, node)


def _speaker_of(tokens: tuple[Token, ...], verb: int) -> int | None:
    """The head word of who speaks through `verb`: its subject, the agent of a passive, the
    noun a "who said" clause hangs on, or the subject of the verb it is coordinated with."""
    node = verb
    for _ in range(len(tokens)):
        subject = child_with(tokens, node, "nsubj")
        if subject is not None and tokens[subject].tag in _RELATIVE_PRONOUN_TAGS:
            return tokens[node].head if tokens[node].dep == "relcl" else None
        if subject is not None:
            return subject
        agent = child_with(tokens, node, "agent")
        if agent is not None:
            return child_with(tokens, agent, "pobj")
        governor = tokens[node].head
        if tokens[node].dep not in _SUBJECT_FROM_GOVERNOR or governor == node:
            return None
        node = governor
    return None


def _subject_start(tokens: tuple[Token, ...], verb: int) -> int:
    subject = according_to(tokens, verb)
    if subject is None:
        subject = child_with(tokens, verb, "nsubj")
    return _phrase_tokens(tokens, subject)[0] if subject is not None else verb


def _phrase(tokens: tuple[Token, ...], head: int) -> tuple[int, int]:
    """Character offsets of the noun phrase headed by `tokens[head]`."""
    first, last = _phrase_tokens(tokens, head)
    return tokens[first].start, tokens[last].end


def _phrase_tokens(tokens: tuple[Token, ...], head: int) -> tuple[int, int]:
    """First and last token of the phrase: the head and its dependents, up to an apposition,
    a relative clause or a comma."""
    members = {head}
    frontier = [head]
    while frontier:
        node = frontier.pop()
        for child in children(tokens, node):
            if tokens[child].dep not in _PHRASE_CUT and child not in members:
                members.add(child)
                frontier.append(child)
    first = last = head
    while first - 1 in members:
        first -= 1
    while last + 1 in members:
        last += 1
    return first, last


# --- offsets ---


def _distance(token: Token, span: _Marked) -> int:
    if token.start >= span.mark_end:
        return token.start - span.mark_end
    return max(span.mark_start - token.end, 0)


def _next_visible(text: str, offset: int) -> int | None:
    """The first non-space character at or after `offset`."""
    match = _VISIBLE.search(text, offset)
    return match.start() if match is not None else None


def _lead(text: str, offset: int) -> int | None:
    """The last visible character before `offset`, which may be the colon or comma that
    introduces a quote. Across a line break only a colon counts ("told reporters:\\n“…”")."""
    at = offset - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    if at < 0 or ("\n" in text[at:offset] and text[at] != ":"):
        return None
    return at
