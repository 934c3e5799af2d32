"""spaCy components. Each is one small class registered with ``@Language.factory``.

- ``skillgap_skills``: taxonomy aliases -> spans in ``doc.spans["skills"]`` (``span.id_`` is the
  skill id, ``span.label_`` the category, ``span._.skill_rule`` the alias that matched).
- ``skillgap_context``: context rules (negation, wish, proficiency) with a direction and a scope;
  sets ``span._.negated``, ``span._.hypothetical``, ``span._.proficiency``, ``span._.context``.

Usage in your own pipeline::

    nlp = spacy.blank("en")
    nlp.add_pipe("skillgap_skills", config={"role": "lead_ai_engineer"})
    nlp.add_pipe("skillgap_context")
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterable

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from analyzer.nlp.patterns import AliasPattern, patterns_from_role

SPANS_KEY = "skills"


def _ext(name: str, default) -> None:
    if not Span.has_extension(name):
        Span.set_extension(name, default=default)


for _n, _d in (("skill_rule", ""), ("ambiguous", False), ("negated", False), ("hypothetical", False),
               ("proficiency", None), ("context", ())):
    _ext(_n, _d)


# --------------------------------------------------------------------------- skills


class SkillMatcher:
    """Match taxonomy aliases; ambiguous aliases (R, Go, CV...) only in a technical context."""

    def __init__(self, nlp: Language, name: str = "skillgap_skills", *, role: str = "lead_ai_engineer",
                 spans_key: str = SPANS_KEY) -> None:
        from analyzer.taxonomy import load_role

        self.name = name
        self.role = role
        self.spans_key = spans_key
        bundle = load_role(role)
        self.patterns: list[AliasPattern] = patterns_from_role(bundle.role)
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._by_key: dict[str, AliasPattern] = {}
        for i, p in enumerate(self.patterns):
            key = f"{p.id}|{i}"
            self._by_key[key] = p
            doc = nlp.make_doc(p.pattern)
            (self._orth if p.attr == "ORTH" else self._lower).add(key, [doc])

    def __call__(self, doc: Doc) -> Doc:
        matches = self.match(doc)
        self.set_annotations(doc, matches)
        return doc

    def match(self, doc: Doc) -> list[tuple[AliasPattern, int, int]]:
        out = []
        strings = doc.vocab.strings
        for matcher in (self._lower, self._orth):
            for key, start, end in matcher(doc):
                out.append((self._by_key[strings[key]], start, end))
        return out

    def set_annotations(self, doc: Doc, matches: list[tuple[AliasPattern, int, int]]) -> None:
        spans = []
        for p, start, end in matches:
            span = Span(doc, start, end, label=p.label, span_id=p.id)
            spans.append((span, p))
        chosen = filter_spans([s for s, _ in spans])  # longest match wins on overlap
        meta = {(s.start, s.end, s.id_): p for s, p in spans}
        result = []
        for s in chosen:
            p = meta[(s.start, s.end, s.id_)]
            s._.skill_rule = p.alias
            s._.ambiguous = p.ambiguous
            result.append(s)
        doc.spans[self.spans_key] = result


@Language.factory("skillgap_skills", default_config={"role": "lead_ai_engineer", "spans_key": SPANS_KEY})
def make_skill_matcher(nlp: Language, name: str, role: str, spans_key: str) -> SkillMatcher:
    return SkillMatcher(nlp, name, role=role, spans_key=spans_key)


# --------------------------------------------------------------------------- context


@dataclass(frozen=True)
class ContextRule:
    literal: str
    category: str
    direction: str  # forward | backward | bidirectional | terminate | pseudo
    max_scope: int


@functools.lru_cache(maxsize=4)
def load_context_rules(path: str | None = None) -> tuple[ContextRule, ...]:
    if path is None:
        raw = resources.files("analyzer.resources").joinpath("context_rules.yaml").read_text("utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    data = yaml.safe_load(raw)
    return tuple(ContextRule(**r) for r in data["rules"])


PROFICIENCY = {"PROFICIENCY_LOW": "basic", "PROFICIENCY_MID": "intermediate", "PROFICIENCY_HIGH": "advanced"}
_BOUNDARY = re.compile(r"^[.!?]$|\n")


class ContextComponent:
    """ConText-style modifiers: a trigger modifies skill spans within its direction and scope."""

    def __init__(self, nlp: Language, name: str = "skillgap_context", *, rules_path: str | None = None,
                 spans_key: str = SPANS_KEY) -> None:
        self.name = name
        self.spans_key = spans_key
        self.rules = load_context_rules(rules_path)
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._rule_by_literal = {}
        for r in self.rules:
            self._rule_by_literal[r.literal.lower()] = r
            self._matcher.add(r.literal.lower(), [nlp.make_doc(r.literal)])

    def __call__(self, doc: Doc) -> Doc:
        if self.spans_key not in doc.spans or not len(doc.spans[self.spans_key]):
            return doc
        triggers = self.match(doc)
        self.set_annotations(doc, triggers)
        return doc

    def match(self, doc: Doc) -> list[tuple[ContextRule, int, int]]:
        found = [(self._rule_by_literal[doc.vocab.strings[k]], s, e) for k, s, e in self._matcher(doc)]
        # a PSEUDO trigger cancels any trigger it overlaps; longest trigger wins on overlap
        pseudo = [(s, e) for r, s, e in found if r.category == "PSEUDO"]
        found = [(r, s, e) for r, s, e in found
                 if r.category != "PSEUDO" and not any(ps <= s and e <= pe for ps, pe in pseudo)]
        found.sort(key=lambda t: (t[1], -(t[2] - t[1])))
        kept: list[tuple[ContextRule, int, int]] = []
        for r, s, e in found:
            if kept and s < kept[-1][2]:
                continue
            kept.append((r, s, e))
        return kept

    @staticmethod
    def _scope(doc: Doc, rule: ContextRule, start: int, end: int, terminators: set[int]) -> tuple[int, int]:
        def boundary(i: int) -> bool:
            return i in terminators or bool(_BOUNDARY.search(doc[i].text))

        lo, hi = start, end
        if rule.direction in ("forward", "bidirectional"):
            i, n = end, 0
            while i < len(doc) and n < rule.max_scope and not boundary(i):
                i += 1
                n += 0 if doc[i - 1].is_punct or doc[i - 1].is_space else 1
            hi = i
        if rule.direction in ("backward", "bidirectional"):
            i, n = start - 1, 0
            while i >= 0 and n < rule.max_scope and not boundary(i):
                n += 0 if doc[i].is_punct or doc[i].is_space else 1
                i -= 1
            lo = i + 1
        return lo, hi

    def set_annotations(self, doc: Doc, triggers: Iterable[tuple[ContextRule, int, int]]) -> None:
        triggers = list(triggers)
        terminators = {s for r, s, e in triggers if r.category == "TERMINATE"}
        spans = list(doc.spans[self.spans_key])
        for r, s, e in triggers:
            if r.category == "TERMINATE":
                continue
            lo, hi = self._scope(doc, r, s, e, terminators)
            hit = (r.literal, r.category, doc[s:e].text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
            for span in spans:
                if span.start >= lo and span.end <= hi and not (span.start < e and s < span.end):
                    span._.context = tuple(span._.context) + (hit,)
                    if r.category == "NEGATED":
                        span._.negated = True
                    elif r.category == "HYPOTHETICAL":
                        span._.hypothetical = True
                    elif r.category in PROFICIENCY:
                        span._.proficiency = PROFICIENCY[r.category]


@Language.factory("skillgap_context", default_config={"rules_path": None, "spans_key": SPANS_KEY})
def make_context(nlp: Language, name: str, rules_path: str | None, spans_key: str) -> ContextComponent:
    return ContextComponent(nlp, name, rules_path=rules_path, spans_key=spans_key)
