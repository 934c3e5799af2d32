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

import dataclasses
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterable

import numpy as np
import yaml
from spacy.attrs import IDX, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.tokens.underscore import Underscore

from analyzer.nlp.patterns import EXPANDED_TO_OTHER, TRAP_ALIASES, AliasPattern, patterns_from_role, trap_context

SPANS_KEY = "skills"
TEXT_KEY = "skillgap.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc and kept in ``doc.user_data`` (``Doc.text`` joins every
    token's text, which costs as much as matching; a Doc's text never changes)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def _ext(name: str, default) -> None:
    if not Span.has_extension(name):
        Span.set_extension(name, default=default)


for _n, _d in (("skill_rule", ""), ("skill_variant", "alias"), ("ambiguous", False), ("negated", False), ("hypothetical", False),
               ("proficiency", None), ("context", ()), ("years", None)):
    _ext(_n, _d)

_KEYS_CHECKED: list[bool] = []


def user_data_keys() -> bool:
    """Whether this spaCy keeps a span's extension values in ``doc.user_data`` under
    ``("._.", name, start_char, end_char)`` (checked once, on a throw-away Doc)."""
    if not _KEYS_CHECKED:
        from spacy.vocab import Vocab

        doc = Doc(Vocab(), words=["a", "b"])
        span = doc[1:2]
        span._.negated = "probe"
        ok = doc.user_data.get(("._.", "negated", span.start_char, span.end_char)) == "probe"
        doc.user_data[("._.", "negated", span.start_char, span.end_char)] = "probe 2"
        _KEYS_CHECKED.append(ok and span._.negated == "probe 2")
    return _KEYS_CHECKED[0]


def plain_stored(ext) -> bool:
    """A span extension (``Span.get_extension``'s ``(default, method, getter, setter)``) whose value is
    stored in ``doc.user_data``: no method and no getter (spaCy allows a setter only with a getter)."""
    return ext is not None and ext[1] is None and ext[2] is None


class SpanValues:
    """``span._.name = value`` for the spans of one Doc. When this spaCy keys span values in
    ``doc.user_data`` as :func:`user_data_keys` checks, a plain stored extension (no getter, setter or
    method) is written there directly: the very entry ``span._.name = value`` writes, without an
    Underscore object and its attribute hook per value. Other extensions go through ``span._``."""

    __slots__ = ("data", "direct", "extensions")

    def __init__(self, doc: Doc) -> None:
        self.data = doc.user_data
        self.direct = user_data_keys()
        self.extensions = Underscore.span_extensions

    def set(self, span: Span, name: str, value) -> None:
        if self.direct and plain_stored(self.extensions.get(name)):
            self.data[("._.", name, span.start_char, span.end_char)] = value
        else:
            setattr(span._, name, value)

    def get(self, span: Span, name: str):
        """``span._.name``; read straight from ``doc.user_data`` (``get`` with the default) for a plain
        stored extension with an immutable default, as :meth:`set` writes it."""
        ext = self.extensions.get(name)
        if self.direct and plain_stored(ext) and not isinstance(ext[0], Underscore.mutable_types):
            return self.data.get(("._.", name, span.start_char, span.end_char), ext[0])
        return getattr(span._, name)

    def writer(self, *names: str):
        """A function ``write(span, *values)`` doing :meth:`set` for each of ``names``, with the choice of
        how to write them made once (for the many spans of one Doc)."""
        if not (self.direct and all(plain_stored(self.extensions.get(n)) for n in names)):
            def write(span: Span, *values) -> None:
                for name, value in zip(names, values):
                    self.set(span, name, value)
            return write
        data = self.data

        def write_direct(span: Span, *values) -> None:
            a, b = span.start_char, span.end_char
            for name, value in zip(names, values):
                data[("._.", name, a, b)] = value
        return write_direct


# --------------------------------------------------------------------------- skills


_VERSION = re.compile(r"^([A-Za-z][A-Za-z+#.]*?[A-Za-z+#])[-_]?v?(\d+(?:\.\d+)*(?:\.x)?)$")
# separators a skill may touch without being part of a longer word: "Go-to-market", "R&D", "C-level"
# (the lookahead only says early what the rest requires: a digit after letters, "+", "#", ".", "-", "_")
_VERSION_IN_TEXT = re.compile(r"(?<![\w.])(?=[A-Za-z+#._-]*\d)([A-Za-z][A-Za-z+#.]*?[A-Za-z+#])[-_]?v?\d+(?:\.\d+)*"
                              r"(?:\.[xX])?(?![\w])")
# Every match of _VERSION_IN_TEXT lies inside one run of [\w+#.-] characters (so does its context: the
# lookbehind sees the character before the run, the lookahead the one after it) and holds its stem (a
# letter, then letters, "+", "#" or ".", ending in a letter, "+" or "#") right before its digits (after an
# optional "-"/"_" and "v"). Reversed, such a spot starts with a digit, so the regex engine jumps from digit
# to digit; only the runs that hold one are searched.
_VERSION_SPOT_REVERSED = re.compile(r"\dv?[-_]?[A-Za-z+#][A-Za-z+#.]*?[A-Za-z]")
_RUN = re.compile(r"[\w+#.-]*")
def _ascii_classes(cls) -> bytes:
    """A ``bytes.translate`` table mapping each ASCII character to the one-character class ``cls(ch)``: a
    text encoded with ``encode("ascii", "replace")`` (one byte per character, non-ASCII ones as "?")
    becomes one class byte per character, where ``bytes.find`` looks for a pattern of classes at C speed."""
    return bytes.maketrans(bytes(range(128)), "".join(cls(chr(c)) for c in range(128)).encode("ascii"))


# a text's characters as bytes, one per character (non-ASCII ones encoded as "?"): "a" for a character a
# spot may hold before its digit (a letter, "+", "#", ".", "-" or "_"), "0" for a digit and for "?" (it
# may stand for a non-ASCII digit, which \d also matches), " " for anything else
_SPOT_CLASSES = _ascii_classes(lambda ch: "a" if ch.isalpha() or ch in "+#._-" else "0" if ch.isdigit() or ch == "?"
                               else " ")


def _spot_digits(text: str, rev: str) -> list[int]:
    """Ascending offsets of the digits where a reversed spot (``_VERSION_SPOT_REVERSED``) starts: the
    starts of its matches over ``rev``. A spot holds one digit, its first character, so no match hides
    another's start and these are the starts ``finditer`` finds. Before its digit a spot holds at least two
    characters (a stem's first and last), each an ASCII letter, "+", "#", ".", "-" or "_": such places are
    found by ``bytes.find`` on the text's character classes, and the regex is tried only there rather than
    scanned over the whole text."""
    n = len(text)
    classes = text.encode("ascii", "replace").translate(_SPOT_CLASSES)
    out = []
    match = _VERSION_SPOT_REVERSED.match
    i = classes.find(b"aa0")
    while i >= 0:
        if match(rev, n - 3 - i):  # the digit (or non-ASCII character) at i + 2
            out.append(i + 2)
        i = classes.find(b"aa0", i + 3)
    return out


def version_matches(text: str) -> list[re.Match]:
    """``list(_VERSION_IN_TEXT.finditer(text))``, searching only the runs that can hold a match."""
    rev, n = text[::-1], len(text)
    out: list[re.Match] = []
    done = -1
    for digit in _spot_digits(text, rev):
        if digit < done:
            continue  # in the run just searched
        start = digit - (_RUN.match(rev, n - digit).end() - (n - digit))
        done = _RUN.match(text, digit).end()
        out += _VERSION_IN_TEXT.finditer(text, start, done)
    return out


# a text's characters as bytes, one per character (non-ASCII ones encoded as "?"): 1 for ASCII whitespace,
# 2 for "?" (it may stand for a non-ASCII space), 0 for anything else
_SPACE_CLASSES = _ascii_classes(lambda ch: "\x01" if ch.isspace() else "\x02" if ch == "?" else "\x00")


def space_tokens(text: str, starts: np.ndarray) -> np.ndarray:
    """``IS_SPACE`` of the tokens of ``text`` starting at ``starts`` (their ``IDX``), as a boolean array.
    The tokenizer cuts the text at whitespace first, so a token is whitespace throughout (``IS_SPACE``:
    ``str.isspace``) or holds none: its first character tells. That character's class is looked up for all
    tokens at once; only those whose first character is not ASCII are tested one by one."""
    classes = np.frombuffer(text.encode("ascii", "replace").translate(_SPACE_CLASSES), dtype=np.uint8)[starts]
    space = classes == 1
    for k in np.flatnonzero(classes == 2).tolist():
        space[k] = text[starts[k]].isspace()
    return space


_GLUE_AFTER = re.compile(r"^[-&'’_]\w")
_GLUE_BEFORE = re.compile(r"\w[-&_]$")


class SkillMatcher:
    """Match taxonomy aliases (with generated spelling and inflection variants) to skill ids.

    Matching runs over the document's non-whitespace tokens, so an alias written across a line break
    ("machine\nlearning") is found; a blank line (paragraph break) still separates words. A token with a
    version suffix ("Python3", "Java8", "TensorFlow2.x") matches when its stem is a one-word alias.
    Ambiguous aliases (R, Go, CV, Spark...) match with exact case only, never when glued to a hyphen,
    ampersand or apostrophe ("Go-to-market", "R&D"), nor in a trap context (:func:`analyzer.nlp.patterns.
    trap_context`: "Go live", "my CV attached", "GCP (Global Career Program)"); whether they count is
    decided in :mod:`analyzer.nlp.evidence` (skills section or a list next to other skills).
    """

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
        self._single: dict[str, AliasPattern] = {}
        aliases: dict[str, set[str]] = {}
        for p in self.patterns:  # each skill's alias texts, for trap_context
            aliases.setdefault(p.id, set()).add(p.pattern.lower())
        self._aliases = {k: frozenset(v) for k, v in aliases.items()}
        lower_docs: dict[str, list] = {}
        orth_docs: dict[str, list] = {}
        # consecutive token pairs of the patterns: a match can only bridge a line break between such a pair
        self._pairs: set[tuple[str, str]] = set()
        self._max_len = 1
        for i, p in enumerate(self.patterns):
            key = f"{p.id}|{i}"
            self._by_key[key] = p
            doc = nlp.make_doc(p.pattern)
            words = [t.text for t in doc]
            if any(t.is_space for t in doc):
                continue  # matching skips whitespace tokens, so such a pattern could never match
            (orth_docs if p.attr == "ORTH" else lower_docs)[key] = [doc]
            if p.attr == "LOWER":
                words = [w.lower() for w in words]
            self._pairs.update((("L" if p.attr == "LOWER" else "O") + a, b) for a, b in zip(words, words[1:]))
            self._max_len = max(self._max_len, len(doc))
            if p.attr == "LOWER" and len(doc) == 1 and p.variant == "alias":
                self._single.setdefault(p.pattern.lower(), p)
        for key, docs in lower_docs.items():
            self._lower.add(key, docs)
        for key, docs in orth_docs.items():
            self._orth.add(key, docs)
        # the matchers report a key's string hash: the pattern by that hash, without a StringStore look-up
        self._by_hash = {nlp.vocab.strings.add(key): p for key, p in self._by_key.items()}

    def __call__(self, doc: Doc) -> Doc:
        matches = self.match(doc)
        self.set_annotations(doc, matches)
        return doc

    def match(self, doc: Doc) -> list[tuple[AliasPattern, int, int]]:
        """(pattern, start token, end token) in ``doc``."""
        text = doc_text(doc)
        out = self.alias_matches(doc, text)
        for m in version_matches(text):
            p = self._single.get(m.group(1).lower())
            if p is None:
                continue
            sp = doc.char_span(m.start(), m.end())
            if sp is not None and len(sp) == 1:
                out.append((dataclasses.replace(p, variant="version"), sp.start, sp.end))
        traps = {(p.alias, s, e): trap_context(text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), p.alias,
                                               self._aliases.get(p.id, frozenset()))
                 for p, s, e in out if p.ambiguous or p.alias in TRAP_ALIASES}
        # an acronym spelled out as something else once ("GCP (Global Career Program)") is that everywhere
        redefined = {k[0] for k, why in traps.items() if why == EXPANDED_TO_OTHER}
        return [(p, s, e) for p, s, e in out if not (traps.get((p.alias, s, e)) or (p.ambiguous and (
            p.alias in redefined or self._glued(doc, text, s, e))))]

    def alias_matches(self, doc: Doc, text: str | None = None) -> list[tuple[AliasPattern, int, int]]:
        """Every alias pattern match over the document's non-whitespace tokens, LOWER matches then ORTH
        matches, each in PhraseMatcher order (by start, then end); no context filter yet."""
        text = doc_text(doc) if text is None else text
        out = []
        by_hash = self._by_hash
        for matcher, extra in zip((self._lower, self._orth), self._bridged(doc, text)):
            found = [(by_hash[key], start, end) for key, start, end in matcher(doc)]
            if extra:  # PhraseMatcher's order: by start, then end (ties come from one call)
                found = sorted(found + [(by_hash[key], a, b) for key, a, b in extra], key=lambda m: (m[1], m[2]))
            out += found
        return out

    def _pair_hashes(self, doc: Doc) -> tuple[frozenset[int], frozenset[int]]:
        """String hashes of the lower-cased first and second tokens of the pattern pairs (a token whose ORTH
        is in a pair has its LOWER in these, so a filter on LOWER alone keeps every candidate)."""
        if getattr(self, "_pair_hash_cache", None) is None:
            strings = doc.vocab.strings
            self._pair_hash_cache = (frozenset(strings.add(a[1:].lower()) for a, _b in self._pairs),
                                     frozenset(strings.add(b.lower()) for _a, b in self._pairs))
        return self._pair_hash_cache

    def _bridged(self, doc: Doc, text: str) -> tuple[list, list]:
        """Matches that span whitespace tokens (a line break, a tab, several spaces), for the LOWER and
        the ORTH matcher: (match key, start, end) in ``doc``.

        Matching runs over the document's non-whitespace tokens. Matches without a whitespace token
        inside are those of the matchers on ``doc`` itself; the others must bridge a gap between two
        tokens that follow each other in some pattern. Only the few windows of up to ``max_len`` tokens
        around such gaps are matched again, with the whitespace tokens left out; a match across a
        blank line (paragraph break) does not count.
        """
        arr = doc.to_array([IDX, LOWER])  # (offsets and texts only of the few tokens needed)
        space = space_tokens(text, arr[:, 0])
        if not space.any():
            return [], []
        keep = np.flatnonzero(~space)
        if len(keep) < 2:
            return [], []
        # gaps: consecutive kept tokens with whitespace tokens between them (view index of the one before),
        # kept only when the token before can start and the one after can end a pattern pair
        gaps = np.flatnonzero(np.diff(keep) > 1)
        before, after = arr[keep[gaps], 1].tolist(), arr[keep[gaps + 1], 1].tolist()
        left, right = self._pair_hashes(doc)
        gaps = [v for v, b, a in zip(gaps.tolist(), before, after) if b in left and a in right]
        if not gaps:
            return [], []
        keep_l = keep.tolist()
        pairs = self._pairs
        cands = []
        for v in gaps:
            i, j = keep_l[v], keep_l[v + 1]
            a, b = doc[i].text, doc[j].text
            if ("O" + a, b) in pairs or ("L" + a.lower(), b.lower()) in pairs:
                cands.append(v)
        if not cands:
            return [], []
        n, span = len(keep_l), self._max_len
        windows: list[list[int]] = []
        for v in cands:
            lo, hi = max(0, v + 2 - span), min(n, v + span)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        out: tuple[list, list] = ([], [])
        for lo, hi in windows:
            words = [doc[k].text for k in keep_l[lo:hi]]
            view = Doc(doc.vocab, words=words, spaces=[True] * len(words))
            for found, matcher in zip(out, (self._lower, self._orth)):
                for key, s, e in matcher(view):
                    a, b = keep_l[lo + s], keep_l[lo + e - 1] + 1
                    if b - a == e - s:
                        continue  # no whitespace inside: found on ``doc`` itself
                    if "\n\n" in text[doc[a].idx:doc[b - 1].idx + len(doc[b - 1])]:
                        continue  # across a paragraph break
                    found.append((key, a, b))
        return out

    @staticmethod
    def _glued(doc: Doc, text: str, start: int, end: int) -> bool:
        a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        return bool(_GLUE_AFTER.match(text[b:b + 2]) or _GLUE_BEFORE.search(text[max(0, a - 2):a]))

    def set_annotations(self, doc: Doc, matches: list[tuple[AliasPattern, int, int]]) -> None:
        """The longest match wins on overlap (the first of equally long ones, as ``spacy.util.filter_spans``
        chooses, done on the (start, end) pairs so that only the chosen matches become Spans); of the
        patterns of one skill matching the same tokens, the explanation names the plainest variant."""
        size = [(end - start, -start) for _p, start, end in matches]
        ranked = sorted(range(len(matches)), key=size.__getitem__, reverse=True)
        seen: set[int] = set()
        chosen = []
        for k in ranked:
            _p, start, end = matches[k]
            if start not in seen and end - 1 not in seen:
                chosen.append(matches[k])
                seen.update(range(start, end))
        chosen.sort(key=lambda m: m[1])
        # the plainest variant of each chosen match's skill on its tokens: the chosen match itself when it
        # is an alias (rank 0; it is the first match on its tokens), else the first of the lowest rank
        need = {(start, end, p.id) for p, start, end in chosen if p.variant != "alias"}
        meta: dict[tuple[int, int, str], AliasPattern] = {}
        if need:
            for p, start, end in sorted(matches, key=lambda m: _RANK.get(m[0].variant, 9)):
                if (start, end, p.id) in need:
                    meta.setdefault((start, end, p.id), p)
        result = []
        write = SpanValues(doc).writer("skill_rule", "skill_variant", "ambiguous")
        for first, start, end in chosen:
            s = Span(doc, start, end, label=first.label, span_id=first.id)
            p = meta.get((start, end, first.id), first)
            write(s, p.alias, p.variant, p.ambiguous)
            result.append(s)
        doc.spans[self.spans_key] = result


_RANK = {"alias": 0, "spelling": 1, "inflection": 2, "version": 3}


@Language.factory("skillgap_skills", default_config={"role": "lead_ai_engineer", "spans_key": SPANS_KEY})
def make_skill_matcher(nlp: Language, name: str, role: str, spans_key: str) -> SkillMatcher:
    return SkillMatcher(nlp, name, role=role, spans_key=spans_key)


# --------------------------------------------------------------------------- context


@dataclass(frozen=True)
class ContextRule:
    """One context rule. ``literal`` is matched case-insensitively on token boundaries; a rule with
    ``regex`` instead matches that regular expression on the text (group 1, when present, is a
    numeric value such as the years in "5+ years of")."""

    literal: str
    category: str
    direction: str  # forward | backward | bidirectional | terminate | pseudo
    max_scope: int
    regex: str | None = None
    id: str = ""

    @property
    def name(self) -> str:
        return self.id or self.literal


@functools.lru_cache(maxsize=4)
def load_context_rules(path: str | None = None) -> tuple[ContextRule, ...]:
    return tuple(ContextRule(**r) for r in _load_rule_data(path)["rules"])


@functools.lru_cache(maxsize=4)
def _load_rule_data(path: str | None = None) -> dict:
    if path is None:
        raw = resources.files("analyzer.resources").joinpath("context_rules.yaml").read_text("utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    data = yaml.safe_load(raw)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ValueError(f"{path or 'context_rules.yaml'}: expected a mapping with a 'rules' list")
    return data


def section_weights(path: str | None = None) -> dict[str, float]:
    """Section id -> weight of a mention there (``section_weights`` in the rules file)."""
    return {k: float(v) for k, v in (_load_rule_data(path).get("section_weights") or {}).items()}


# The regexes of the YEARS rules in context_rules.yaml. Each of their matches holds a "y" (of "year" or
# "yr"; only "y" and "Y" match it case-insensitively) and before that "y" only digits, ".", "+", "(", "["
# and whitespace: the regex is tried only at the positions of such a run right before a "y"
# (:func:`y_anchored_matches`). Another regex (a changed rule, a custom rules file) is scanned as written.
_Y_ANCHORED = frozenset({
    r"(\d\d?(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)['’]?\s+(?:of\s+)?(?:(?:professional|hands-on|industry|work|working)\s+)?"
    r"(?:experience\s+)?(?:(?:in|with|using|on)\s+)?",
    r"[(\[]\s*(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)\s*[)\]]",
})
# a text's characters as bytes, one per character (non-ASCII ones encoded as "?"): "y" for "y" and "Y", "b"
# for what may stand before it in such a match (a digit, ".", "+", "(", "[", whitespace, and "?", which may
# stand for a non-ASCII digit or space), " " for anything else
_Y_CLASSES = _ascii_classes(lambda ch: "y" if ch in "yY" else "b" if ch.isdigit() or ch.isspace() or ch in ".+([?" else " ")


def y_anchored_matches(rx: re.Pattern, text: str, classes: bytes | None = None) -> list[re.Match]:
    """``list(rx.finditer(text))`` for a regex of ``_Y_ANCHORED`` (``classes``: the text translated by
    ``_Y_CLASSES``). A match starts in the run of "b" characters right before the "y" it holds (it has
    no lookbehind, so ``rx.match`` there is the attempt ``finditer`` makes); these runs follow one another
    through the text, so trying their positions in order, each from where the last match ended, finds the
    leftmost match each time, as ``finditer`` does, without scanning the rest of the text."""
    if classes is None:
        classes = text.encode("ascii", "replace").translate(_Y_CLASSES)
    out: list[re.Match] = []
    pos = 0
    y = classes.find(b"by") + 1
    while y > 0:
        for start in range(max(pos, len(classes[:y].rstrip(b"b"))), y):
            m = rx.match(text, start)
            if m is not None:
                out.append(m)
                pos = m.end()
                break
        y = classes.find(b"by", y) + 1
    return out


PROFICIENCY = {"PROFICIENCY_LOW": "basic", "PROFICIENCY_MID": "intermediate", "PROFICIENCY_HIGH": "advanced",
               "PROFICIENCY_EXPERT": "expert"}
_PROF_RANK = {None: 0, "basic": 1, "intermediate": 2, "advanced": 3, "expert": 4}
_BOUNDARY = re.compile(r"^[.!?]$|\n")


def _is_boundary(token_text: str) -> bool:
    """``bool(_BOUNDARY.search(token_text))`` with string tests: the first alternative matches ".", "!"
    or "?" alone or followed by a line break (``$`` also matches before a final one), which the second
    alternative, a line break anywhere, already covers."""
    return token_text in _SENTENCE_ENDS or "\n" in token_text


_SENTENCE_ENDS = frozenset(".!?")


class ContextComponent:
    """ConText-style modifiers: a trigger modifies skill spans within its direction and scope.

    Each modified span gets ``span._.context`` entries ``(rule, category, trigger, start, end, value,
    direction, scope_start, scope_end)`` (character offsets) and the flags ``negated``,
    ``hypothetical``, ``proficiency`` and ``years``. A scope ends at a sentence end, a line end, a
    TERMINATE trigger ("but", ";") or after ``max_scope`` word tokens.
    """

    def __init__(self, nlp: Language, name: str = "skillgap_context", *, rules_path: str | None = None,
                 spans_key: str = SPANS_KEY) -> None:
        self.name = name
        self.spans_key = spans_key
        self.rules = load_context_rules(rules_path)
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._rule_by_literal = {}
        self._regex_rules = [(r, re.compile(r.regex, re.I)) for r in self.rules if r.regex]
        for r in self.rules:
            if r.regex:
                continue
            self._rule_by_literal[r.literal.lower()] = r
            self._matcher.add(r.literal.lower(), [nlp.make_doc(r.literal)])

    def __call__(self, doc: Doc) -> Doc:
        if self.spans_key not in doc.spans or not len(doc.spans[self.spans_key]):
            return doc
        triggers = self.match(doc)
        self.set_annotations(doc, triggers)
        return doc

    def match(self, doc: Doc) -> list[tuple[ContextRule, int, int, float | None]]:
        found = [(self._rule_by_literal[doc.vocab.strings[k]], s, e, None) for k, s, e in self._matcher(doc)]
        text = doc_text(doc)
        classes = None
        for r, rx in self._regex_rules:
            if rx.pattern in _Y_ANCHORED:
                if classes is None:
                    classes = text.encode("ascii", "replace").translate(_Y_CLASSES)
                found_here = y_anchored_matches(rx, text, classes)
            else:
                found_here = rx.finditer(text)
            for m in found_here:
                sp = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if sp is None or not len(sp):
                    continue
                val = None
                if m.groups() and m.group(1):
                    try:
                        val = float(m.group(1))
                    except ValueError:
                        val = None
                found.append((r, sp.start, sp.end, val))
        # a PSEUDO trigger cancels any trigger it overlaps; longest trigger wins on overlap
        pseudo = [(s, e) for r, s, e, _ in found if r.category == "PSEUDO"]
        found = [t for t in found
                 if t[0].category != "PSEUDO" and not any(ps <= t[1] and t[2] <= pe for ps, pe in pseudo)]
        found.sort(key=lambda t: (t[1], -(t[2] - t[1])))
        kept: list[tuple[ContextRule, int, int, float | None]] = []
        for t in found:
            if kept and t[1] < kept[-1][2]:
                continue
            kept.append(t)
        return kept

    @staticmethod
    def _scope(doc: Doc, rule: ContextRule, start: int, end: int, terminators: set[int]) -> tuple[int, int]:
        """The tokens a trigger at [start, end) reaches: up to ``rule.max_scope`` word tokens (not
        punctuation, not whitespace) in its direction, stopping before a boundary (a terminator, a
        sentence-ending token, a token holding a line break). One Token object per token visited."""
        lo, hi, size = start, end, len(doc)
        if rule.direction in ("forward", "bidirectional"):
            i, n = end, 0
            while i < size and n < rule.max_scope:
                tok = doc[i]
                if i in terminators or _is_boundary(tok.text):
                    break
                i += 1
                n += 0 if tok.is_punct or tok.is_space else 1
            hi = i
        if rule.direction in ("backward", "bidirectional"):
            i, n = start - 1, 0
            while i >= 0 and n < rule.max_scope:
                tok = doc[i]
                if i in terminators or _is_boundary(tok.text):
                    break
                n += 0 if tok.is_punct or tok.is_space else 1
                i -= 1
            lo = i + 1
        return lo, hi

    def set_annotations(self, doc: Doc, triggers: Iterable[tuple]) -> None:
        """Each trigger's hit is added to the spans inside its scope that it does not overlap. The spans'
        token bounds are read once (a Span object per look-up); values go through :class:`SpanValues`."""
        triggers = list(triggers)
        terminators = {s for r, s, e, _ in triggers if r.category == "TERMINATE"}
        if all(t[0].category == "TERMINATE" for t in triggers):
            return  # nothing to add to any span
        spans = list(doc.spans[self.spans_key])
        bounds = [(span.start, span.end) for span in spans]
        values = SpanValues(doc)
        for r, s, e, val in triggers:
            if r.category == "TERMINATE":
                continue
            lo, hi = self._scope(doc, r, s, e, terminators)
            char = lambda i: doc[i].idx if i < len(doc) else len(doc_text(doc))  # noqa: E731
            scope_a = char(lo)
            scope_b = doc[hi - 1].idx + len(doc[hi - 1].text) if hi > lo else scope_a
            hit = (r.name, r.category, doc[s:e].text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), val,
                   r.direction, scope_a, scope_b)
            for k, (start, end) in enumerate(bounds):
                if start >= lo and end <= hi and not (start < e and s < end):
                    span = spans[k]
                    values.set(span, "context", tuple(values.get(span, "context")) + (hit,))
                    if r.category == "NEGATED":
                        values.set(span, "negated", True)
                    elif r.category == "HYPOTHETICAL":
                        values.set(span, "hypothetical", True)
                    elif r.category in PROFICIENCY:
                        level = PROFICIENCY[r.category]
                        if _PROF_RANK[level] > _PROF_RANK[values.get(span, "proficiency")]:
                            values.set(span, "proficiency", level)
                    elif r.category == "YEARS" and val is not None:
                        values.set(span, "years", val)


@Language.factory("skillgap_context", default_config={"rules_path": None, "spans_key": SPANS_KEY})
def make_context(nlp: Language, name: str, rules_path: str | None, spans_key: str) -> ContextComponent:
    return ContextComponent(nlp, name, rules_path=rules_path, spans_key=spans_key)
