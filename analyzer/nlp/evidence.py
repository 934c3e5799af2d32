"""spaCy Doc -> Evidence. This is the last place a spaCy object is seen.

Rules applied here (each one is named in ``Evidence.rule`` or in a ``ContextHit``):

- An *ambiguous* alias (R, Go, C, CV, Spark, Hive ...) counts only in a technical context: inside a
  skills section, or as an item of a list next to another skill on the same line ("Python, R, SQL",
  "AWS/GCP", "R and Python"). Accepted ambiguous items anchor their own neighbours, so a chain such as
  "Python, R, Go" is accepted item by item.
- Every item carries a ``SECTION`` context hit whose value is the section weight
  (``section_weights`` in ``analyzer/resources/context_rules.yaml``): a dated role's bullets weigh more
  than a skills list, which weighs more than interests.
- Context rules (negation, wish, proficiency, years) come from the ``skillgap_context`` component with
  their direction and character scope.
- Semantic matches (``doc.spans["competencies"]``) keep their sentence and similarity.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span
from spacy.tokens.underscore import Underscore

from analyzer.ingest.sections import section_finder
from analyzer.nlp.components import SPANS_KEY, doc_text, plain_stored, section_weights
from analyzer.nlp.components import user_data_keys as _user_data_keys
from analyzer.types import ContextHit, Evidence, Section, filled

# what may stand between two items of a list: separators, "and"/"or", and version numbers
_LIST_GAP = re.compile(r"^(?:\s*(?:[,|/;•·&+]|\band\b|\bor\b|\(|\)|\d+(?:\.\d+)*\+?)\s*)+$|^\s*\n\s*$", re.I)
SEMANTIC_KEY = "competencies"
_MAX_GAP = 12  # longest gap _adjacent accepts between two list items


def _adjacent(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans are neighbouring items of one list (only separators between them)."""
    lo, hi = (a, b) if a[0] < b[0] else (b, a)
    gap = text[lo[1]:hi[0]]
    return len(gap) <= _MAX_GAP and "\n" not in gap.strip(" \t") and bool(_LIST_GAP.match(gap))


def _accept_ambiguous(text: str, spans: list[Span], sections: tuple[Section, ...],
                      ambiguous: list[bool] | None = None,
                      pos: list[tuple[int, int]] | None = None) -> dict[int, str]:
    """Index of each accepted ambiguous span -> why it was accepted.

    The accepted set is the closure of "in a skills section" under "adjacent to a non-ambiguous span or
    to an accepted ambiguous one". :func:`_adjacent` needs a non-empty gap of at most ``_MAX_GAP``
    characters, so a span's only possible neighbours end in ``[start - _MAX_GAP, start)`` or begin in
    ``(end, end + _MAX_GAP]`` (a symmetric relation); they are found by bisecting the spans sorted by end
    and by start. The closure is reached by passes over the ambiguous spans not yet accepted (usually a
    few), each accepting those with an accepted or non-ambiguous neighbour, until a pass accepts none.
    ``pos``: the spans' (start_char, end_char), when the caller has them.
    """
    ok: dict[int, str] = {}
    if not spans:
        return ok
    if pos is None:
        pos = [(s.start_char, s.end_char) for s in spans]
    if ambiguous is None:
        ambiguous = [bool(s._.ambiguous) for s in spans]
    pending = []
    find_section = section_finder(sections)
    for i, amb in enumerate(ambiguous):
        if amb:
            sec = find_section(pos[i][0])
            if sec is not None and sec.name == "skills":
                ok[i] = "ambiguous alias accepted: in a skills section"
            else:
                pending.append(i)
    if not pending:
        return ok
    by_end = sorted(range(len(pos)), key=lambda j: pos[j][1])
    ends = [pos[j][1] for j in by_end]
    by_start = sorted(range(len(pos)), key=lambda j: pos[j][0])
    starts = [pos[j][0] for j in by_start]
    accepted = True
    while pending and accepted:
        accepted, rest = False, []
        for j in pending:
            a, b = me = pos[j]
            near = by_end[bisect_left(ends, a - _MAX_GAP):bisect_left(ends, a)]
            near += by_start[bisect_right(starts, b):bisect_right(starts, b + _MAX_GAP)]
            if any((not ambiguous[k] or k in ok) and _adjacent(text, pos[k], me) for k in near):
                ok[j] = "ambiguous alias accepted: a list item next to another skill"
                accepted = True
            else:
                rest.append(j)
        pending = rest
    return ok


def _section_hit(sec: Section | None, weights: dict[str, float]) -> ContextHit:
    name = sec.name if sec else "none"
    w = weights.get(name, weights.get("default", 0.6))
    if sec is None:
        return ContextHit(rule="section:none", category="SECTION", trigger="", start=0, end=0, value=w,
                          direction="section", scope_start=None, scope_end=None)
    return ContextHit(rule=f"section:{name}", category="SECTION", trigger=sec.heading, start=sec.start,
                      end=sec.start + len(sec.heading), value=w, direction="section",
                      scope_start=sec.start, scope_end=sec.end)


def _hits(context) -> tuple[ContextHit, ...]:
    """The ``ContextHit``s of a span's ``span._.context`` entries (9-tuples; the last four may be missing)."""
    out = []
    for h in context:
        rule, cat, trig, a, b = h[:5]
        val, direction, sa, sb = (tuple(h[5:9]) + (None, None, None, None))[:4]
        out.append(filled(ContextHit, {"rule": rule, "category": cat, "trigger": trig, "start": a, "end": b,
                                       "value": val, "direction": direction, "scope_start": sa, "scope_end": sb}))
    return tuple(out)


_EXTENSIONS = ("skill_rule", "skill_variant", "ambiguous", "negated", "hypothetical", "proficiency", "context",
               "confidence", "similarity")


def _defaults() -> dict[str, object]:
    """Extension name -> default, for the extensions read here that are plain stored values with an
    immutable default, so that ``span._.name`` is ``doc.user_data.get(key, default)`` (none of them when
    this spaCy keys ``user_data`` differently)."""
    out = {}
    if not _user_data_keys():
        return out
    for name in _EXTENSIONS:
        ext = Span.get_extension(name)
        if plain_stored(ext) and not isinstance(ext[0], Underscore.mutable_types):
            out[name] = ext[0]
    return out


def _values(doc: Doc, spans: list[Span], offsets: list[tuple[int, int]], names: tuple[str, ...],
            defaults: dict[str, object]) -> list[list]:
    """``[[span._.name for span in spans] for name in names]``, each value read straight from
    ``doc.user_data`` (one dict look-up, not an Underscore object and an attribute hook per value) where
    ``defaults`` (:func:`_defaults`) allows it; ``offsets``: the spans' (start_char, end_char)."""
    get = doc.user_data.get
    out = []
    for name in names:
        if name in defaults:
            default = defaults[name]
            out.append([get(("._.", name, a, b), default) for a, b in offsets])
        else:
            out.append([getattr(s._, name) for s in spans])
    return out


_ALIAS_NAMES = ("ambiguous", "skill_rule", "skill_variant", "context", "negated", "hypothetical", "proficiency")
_SEMANTIC_NAMES = ("context", "negated", "hypothetical", "skill_rule", "confidence", "similarity")


def doc_to_evidence(doc: Doc, sections: tuple[Section, ...], labels: dict[str, str] | None = None,
                    *, weights: dict[str, float] | None = None) -> tuple[Evidence, ...]:
    """The evidence items of a Doc the skill (and context, semantic) components have run on. Each item is
    built with ``types.filled`` (every field given, in field order)."""
    labels = labels or {}
    weights = weights if weights is not None else section_weights()
    spans = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    text = doc_text(doc)
    offsets = [(s.start_char, s.end_char) for s in spans]
    defaults = _defaults()
    ambiguous, rules, variants, contexts, negated, hypothetical, proficiency = \
        _values(doc, spans, offsets, _ALIAS_NAMES, defaults)
    ambiguous = [bool(x) for x in ambiguous]
    accepted = _accept_ambiguous(text, spans, sections, ambiguous, offsets)
    out: list[Evidence] = []
    section_hits: dict[int, ContextHit] = {}  # one (immutable) SECTION hit per section
    find_section = section_finder(sections)

    def where(start: int) -> tuple[Section | None, ContextHit]:
        sec = find_section(start)
        hit = section_hits.get(id(sec))
        if hit is None:
            hit = section_hits[id(sec)] = _section_hit(sec, weights)
        return sec, hit

    for i, s in enumerate(spans):
        a, b = offsets[i]
        if ambiguous[i] and i not in accepted:
            continue
        sec, sec_hit = where(a)
        rule = f"alias:{rules[i]}"
        if variants[i] != "alias":
            rule += f" ({variants[i]} variant)"
        if ambiguous[i]:
            rule += f" ({accepted[i]})"
        sid = s.id_
        out.append(filled(Evidence, {
            "id": f"e{len(out) + 1}", "skill_id": sid, "label": labels.get(sid, sid), "category": s.label_,
            "text": text[a:b], "start": a, "end": b, "section": sec.name if sec else None,
            "negated": bool(negated[i]), "hypothetical": bool(hypothetical[i]), "proficiency": proficiency[i],
            "matcher": "alias", "rule": rule, "confidence": 0.75 if ambiguous[i] else 0.95,
            "context": (_hits(contexts[i]) if contexts[i] else ()) + (sec_hit,), "position": None,
            "sentence": None, "similarity": None}))
    if SEMANTIC_KEY in doc.spans:
        allowed = {"experience", "projects", "summary", "header", "none"}
        spans = list(doc.spans[SEMANTIC_KEY])
        offsets = [(s.start_char, s.end_char) for s in spans]
        contexts, negated, hypothetical, rules, confidence, similarity = \
            _values(doc, spans, offsets, _SEMANTIC_NAMES, defaults)
        for i, s in enumerate(spans):
            a, b = offsets[i]
            sec, sec_hit = where(a)
            if (sec.name if sec else "none") not in allowed:
                continue
            sid = s.id_
            out.append(filled(Evidence, {
                "id": f"e{len(out) + 1}", "skill_id": sid, "label": labels.get(sid, sid), "category": s.label_,
                "text": text[a:b], "start": a, "end": b, "section": sec.name if sec else None,
                "negated": bool(negated[i]), "hypothetical": bool(hypothetical[i]), "proficiency": None,
                "matcher": "semantic", "rule": rules[i], "confidence": round(float(confidence[i]), 4),
                "context": (_hits(contexts[i]) if contexts[i] else ()) + (sec_hit,), "position": None,
                "sentence": text[a:b], "similarity": round(float(similarity[i]), 4)}))
    return tuple(out)
