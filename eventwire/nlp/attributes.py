"""The English model's attribute rules (coarse POS, morphology, a few lemmas), applied faster.

spaCy's attribute ruler runs a general token matcher over every document: with the small
English model's 179 rules it cost about a quarter of the whole parse. Those rules only look at
a token's tag, lowercase form, dependency label and whether it is a space, and at most at the
next token, so this component reads the same rules from the model and matches them by a
lookup on those four values instead. The result is the same: the rules match on the document
as it came from the parser, and where several rules set one attribute of one token, the later
rule wins. A rule of any other shape raises `UnsupportedRuleError`, and the caller keeps spaCy's own
ruler.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Token as SpacyToken

# What a token pattern may test, and the token values it tests them on.
_KEY_ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_TokenKey = tuple[str, str | None, str, bool]  # tag, lowercase form (None: no rule names it), ...
_Test = Callable[[_TokenKey], bool]
# The distinct lowercase forms remembered before the memo starts over (a corpus's vocabulary
# grows without bound; only a few hundred forms are named by any rule).
_LOWER_MEMO_SIZE = 100_000


class UnsupportedRuleError(ValueError):
    """A rule that tests or sets something this component does not handle."""


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # position in the model's rule list: a later rule overrides an earlier one
    steps: tuple[_Test, ...]  # one test per token of the matched sequence
    index: int  # which token of the sequence gets the attributes
    attrs: tuple[tuple[str, str], ...]


def _value_test(attribute: str, wanted: object) -> Callable[[Any], bool]:
    if isinstance(wanted, str | bool):
        return lambda value: bool(value == wanted)
    if isinstance(wanted, Mapping) and len(wanted) == 1:
        operator, operand = next(iter(wanted.items()))
        if operator == "IN":
            members = frozenset(operand)
            return lambda value: value in members
        if operator == "NOT_IN":
            excluded = frozenset(operand)
            return lambda value: value not in excluded
        if operator == "REGEX" and attribute == "LOWER":
            pattern = re.compile(operand)
            return lambda value: value is not None and pattern.search(value) is not None
    raise UnsupportedRuleError(f"cannot test {attribute} against {wanted!r}")


def _step(token_pattern: Mapping[str, object]) -> _Test:
    tests: list[tuple[int, Callable[[Any], bool]]] = []
    for attribute, wanted in token_pattern.items():
        if attribute not in _KEY_ATTRIBUTES:
            raise UnsupportedRuleError(f"a rule tests {attribute}")
        tests.append((_KEY_ATTRIBUTES.index(attribute), _value_test(attribute, wanted)))
    return lambda key: all(test(key[slot]) for slot, test in tests)


_SETTABLE = frozenset({"LEMMA", "POS", "TAG", "DEP", "MORPH"})


def _rules(patterns: Iterable[Mapping[str, Any]]) -> list[_Rule]:
    rules = []
    for order, entry in enumerate(patterns):
        attrs = tuple((str(name), str(value)) for name, value in entry["attrs"].items())
        if any(name not in _SETTABLE for name, _ in attrs):
            raise UnsupportedRuleError(f"a rule sets {[name for name, _ in attrs]}")
        for sequence in entry["patterns"]:
            index = entry.get("index", 0)
            if not -len(sequence) <= index < len(sequence):
                raise UnsupportedRuleError(f"index {index} outside a pattern of {len(sequence)}")
            steps = tuple(_step(token_pattern) for token_pattern in sequence)
            rules.append(_Rule(order, steps, index % len(sequence), attrs))
    return rules


def _named_forms(
    patterns: Iterable[Mapping[str, Any]],
) -> tuple[frozenset[str], list[re.Pattern[str]]]:
    """The lowercase forms the rules name, and the patterns they match forms with."""
    forms: set[str] = set()
    regexes: list[re.Pattern[str]] = []
    for entry in patterns:
        for sequence in entry["patterns"]:
            for token_pattern in sequence:
                wanted = token_pattern.get("LOWER")
                if isinstance(wanted, str):
                    forms.add(wanted)
                elif isinstance(wanted, Mapping):
                    for operator, operand in wanted.items():
                        if operator == "REGEX":
                            regexes.append(re.compile(operand))
                        else:
                            forms.update(operand)
    return frozenset(forms), regexes


class AttributeRules:
    """Sets the attributes the model's attribute rules give each token of a parsed document."""

    def __init__(self, patterns: Sequence[Mapping[str, Any]]) -> None:
        rules = _rules(patterns)
        self._single = [rule for rule in rules if len(rule.steps) == 1]
        self._multi = [rule for rule in rules if len(rule.steps) > 1]
        self._forms, self._form_patterns = _named_forms(patterns)
        # Memos: the rules a token's key matches, the attributes a set of rules gives.
        self._lower_memo: dict[str, str | None] = {}
        self._matches: dict[_TokenKey, tuple[tuple[int, ...], tuple[_Rule, ...]]] = {}
        self._merged: dict[tuple[int, ...], tuple[tuple[str, str], ...]] = {}
        self._by_order = {rule.order: rule.attrs for rule in rules}

    def __call__(self, doc: Doc) -> Doc:
        keys = [self._key(token) for token in doc]
        chosen: list[list[int]] = [[] for _ in keys]
        for i, key in enumerate(keys):
            singles, starts = self._match(key)
            chosen[i].extend(singles)
            for rule in starts:
                if self._continues(rule, keys, i):
                    chosen[i + rule.index].append(rule.order)
        for token, orders in zip(doc, chosen, strict=True):
            if orders:
                _assign(token, self._attributes(tuple(sorted(orders))))
        return doc

    def _key(self, token: SpacyToken) -> _TokenKey:
        return (token.tag_, self._named_form(token.lower_), token.dep_, token.is_space)

    def _named_form(self, lower: str) -> str | None:
        """The form itself if a rule names it; None for the many forms no rule can match."""
        try:
            return self._lower_memo[lower]
        except KeyError:
            pass
        named = lower in self._forms or any(p.search(lower) for p in self._form_patterns)
        if len(self._lower_memo) >= _LOWER_MEMO_SIZE:
            self._lower_memo.clear()
        self._lower_memo[lower] = lower if named else None
        return self._lower_memo[lower]

    def _match(self, key: _TokenKey) -> tuple[tuple[int, ...], tuple[_Rule, ...]]:
        found = self._matches.get(key)
        if found is None:
            singles = tuple(rule.order for rule in self._single if rule.steps[0](key))
            starts = tuple(rule for rule in self._multi if rule.steps[0](key))
            found = self._matches[key] = (singles, starts)
        return found

    @staticmethod
    def _continues(rule: _Rule, keys: Sequence[_TokenKey], start: int) -> bool:
        if start + len(rule.steps) > len(keys):
            return False
        return all(step(keys[start + k]) for k, step in enumerate(rule.steps) if k)

    def _attributes(self, orders: tuple[int, ...]) -> tuple[tuple[str, str], ...]:
        merged = self._merged.get(orders)
        if merged is None:
            values: dict[str, str] = {}
            for order in orders:  # ascending: a later rule overrides an earlier one
                values.update(self._by_order[order])
            merged = self._merged[orders] = tuple(values.items())
        return merged


def _assign(token: SpacyToken, attrs: tuple[tuple[str, str], ...]) -> None:
    for name, value in attrs:
        if name == "LEMMA":
            token.lemma_ = value
        elif name == "POS":
            token.pos_ = value
        elif name == "TAG":
            token.tag_ = value
        elif name == "DEP":
            token.dep_ = value
        else:
            token.set_morph(value)  # type: ignore[attr-defined]  # missing from the stubs


FACTORY = "eventwire_attribute_rules"


@Language.factory(FACTORY, default_config={"patterns": []})
def _make_attribute_rules(
    nlp: Language, name: str, patterns: list[dict[str, Any]]
) -> AttributeRules:
    return AttributeRules(patterns)


def speed_up_attribute_rules(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Put `AttributeRules` in the place of the pipeline's attribute ruler, with its rules;
    keep spaCy's ruler if it has a rule of a shape `AttributeRules` does not handle."""
    if name not in nlp.pipe_names:
        return False
    patterns = nlp.get_pipe(name).patterns  # type: ignore[attr-defined]
    try:
        AttributeRules(patterns)
    except UnsupportedRuleError:
        return False
    nlp.replace_pipe(name, FACTORY, config={"patterns": patterns})
    return True
