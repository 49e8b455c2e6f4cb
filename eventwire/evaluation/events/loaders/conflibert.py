"""ConfliBERT "CAMEO" benchmark (Multi-CoPED), train split only: news sentences from 2017-18.

Two files are joined on the sentence text with everything but letters and digits removed:
- `cameo_class/train.tsv`: sentence, 5-way class. The classes are the Phoenix/ICEWS 0-4 "penta"
  classes of CAMEO roots (README; `penta_class_phoenix_icews` in cameo_codes.csv): 0 neutral
  (01-02), 1 verbal cooperation (03-05), 2 material cooperation (06-08), 3 verbal conflict
  (09-13), 4 material conflict (14-20). They are not GDELT quad classes: 09 and 14 fall on the
  other side, so no quad class is derived. The class is kept, by name, as the item's `label`.
- `cameo_ner/train.txt`: BIO tags over source (S), target (T) and reciprocal (R) actor spans.
  The spans become one event without a type (S → sources, T → targets) and, when R spans are
  present, one reciprocal event. Sentences only in this file are items with no label.

The 451-sentence test splits are kept apart for final scoring, so only train is read; the
harness cuts its own dev/test split from it.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from eventwire.evaluation.events.cameo import PENTA_CLASS_NAMES
from eventwire.evaluation.events.loaders.files import require_file
from eventwire.evaluation.events.records import GoldActor, GoldEvent, GoldItem
from eventwire.evaluation.events.splits import split_of

SET_NAME: Final = "conflibert"
CLASS_FILE: Final = ("conflibert-cameo", "cameo_class", "train.tsv")
NER_FILE: Final = ("conflibert-cameo", "cameo_ner", "train.txt")

_NO_SPACE_BEFORE: Final = frozenset(".,;:!?%)]}'\"’”") | {"'s", "n't", "'re", "'ve", "'ll", "'d"}


@dataclass(slots=True)
class _Sentence:
    text: str
    label: str | None = None
    events: tuple[GoldEvent, ...] = ()


def load_conflibert(eval_root: Path) -> list[GoldItem]:
    classes = _read_classes(require_file(eval_root.joinpath(*CLASS_FILE)))
    spans = _read_spans(require_file(eval_root.joinpath(*NER_FILE)))
    sentences: dict[str, _Sentence] = {}
    for text, label in classes:
        # Five sentences appear twice, always with the same label: keep one.
        sentences.setdefault(join_key(text), _Sentence(text=text, label=label))
    for tokens, roles in spans:
        sentence = sentences.setdefault(join_key("".join(tokens)), _Sentence(detokenise(tokens)))
        if not sentence.events:
            sentence.events = _events(roles)
    return [_item(key, sentence) for key, sentence in sentences.items()]


def join_key(text: str) -> str:
    """The sentence with only its letters and digits, lower-cased and without accents: the NER
    file is tokenised ("government 's") and sometimes unaccented ("Erdogan"), the class file
    is not ("governmentʼs", "Erdoğan"). Modifier letters go too: the class file's "ʼ" (U+02BC)
    counts as a letter for `str.isalnum`."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if char.isalnum() and _base_letter(char))


def _base_letter(char: str) -> bool:
    return unicodedata.category(char) not in ("Lm", "Mn")


def detokenise(tokens: list[str]) -> str:
    """Good enough to read and to re-parse: no space before closing punctuation and clitics."""
    text = ""
    for token in tokens:
        glue = not text or token in _NO_SPACE_BEFORE or text.endswith(("(", "[", "“", "‘"))
        text += token if glue else " " + token
    return text


def _item(key: str, sentence: _Sentence) -> GoldItem:
    # The id comes from the text (its join key), so a sentence keeps its split whatever else
    # changes in the files, and a sentence listed twice cannot land in both dev and test.
    # Changing `join_key` changes ids, and so splits: a test pins one.
    item_id = "cb-" + hashlib.sha256(key.encode()).hexdigest()[:12]
    return GoldItem(
        set_name=SET_NAME,
        item_id=item_id,
        text=sentence.text,
        date=None,
        events=sentence.events,
        label=sentence.label,
        split=split_of(SET_NAME, item_id),
    )


def _read_classes(path: Path) -> list[tuple[str, str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        if not label.strip().isdigit() or int(label) not in PENTA_CLASS_NAMES:
            raise ValueError(f"{path}:{number}: expected 'sentence<TAB>0..4', got {line!r}")
        rows.append((text.strip(), PENTA_CLASS_NAMES[int(label)]))
    return rows


def _read_spans(path: Path) -> Iterator[tuple[list[str], dict[str, list[str]]]]:
    """(tokens, {role letter: span texts}) per sentence of a CoNLL-style BIO file."""
    tokens: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            token, _, tag = line.rpartition(" ")
            tokens.append(token)
            tags.append(tag)
        elif tokens:
            yield tokens, _spans(tokens, tags)
            tokens, tags = [], []


def _spans(tokens: list[str], tags: list[str]) -> dict[str, list[str]]:
    spans: dict[str, list[str]] = {}
    current: list[str] = []
    role = ""
    for token, tag in [*zip(tokens, tags, strict=True), ("", "O")]:
        prefix, _, tag_role = tag.partition("-")
        # An I- tag that does not continue a span of its role starts one (three cases in train).
        continues = prefix == "I" and tag_role == role and current
        if not continues and current:
            spans.setdefault(role, []).append(" ".join(current))
            current = []
        if prefix in ("B", "I"):
            role = tag_role
            current.append(token)
    return spans


def _events(roles: dict[str, list[str]]) -> tuple[GoldEvent, ...]:
    events = []
    if roles.get("S") or roles.get("T"):
        events.append(_untyped(roles.get("S", []), roles.get("T", []), reciprocal=False))
    if roles.get("R"):
        events.append(_untyped(roles["R"], [], reciprocal=True))
    return tuple(events)


def _untyped(sources: list[str], targets: list[str], *, reciprocal: bool) -> GoldEvent:
    return GoldEvent(
        event_type=None,
        mode=None,
        sources=tuple(GoldActor(text=text, code=None, sector=None) for text in sources),
        targets=tuple(GoldActor(text=text, code=None, sector=None) for text in targets),
        cameo_code=None,
        cameo_root=None,
        quad_class=None,
        reciprocal=reciprocal,
    )
