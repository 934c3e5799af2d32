"""The fast paths of ``doc_to_evidence`` and of the skill and context components give what their plain
versions give. Each test states the plain version (public ``span._`` reads, the dataclass constructors, a
linear section search, a breadth-first closure, one Span object per look-up) and compares on the samples,
handwritten traps, dotin resumes when ../shared is present, and generated inputs."""

from __future__ import annotations

import json
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.ingest import document_from_text
from analyzer.ingest.sections import detect_sections, section_at, section_finder
from analyzer.nlp import components as C
from analyzer.nlp import evidence as E
from analyzer.taxonomy import load_role
from analyzer.types import ContextHit, Evidence, Section

from conftest import SAMPLES, SHARED
from test_evidence import HANDWRITTEN as HANDWRITTEN_BASE
from test_evidence import nlp  # noqa: F401  (the module's pipeline fixture)

# test_evidence's traps (ambiguous aliases in and out of lists and skills sections; negation, wishes,
# proficiency, years; competency sentences), plus chains of ambiguous list items and a trap word in prose
HANDWRITTEN = HANDWRITTEN_BASE + [
    "Tools\n- Daily tools: R, Go, C and Python; Hive / Spark 3 on AWS.\nWe go live soon.",
]


def _texts() -> list[str]:
    texts = HANDWRITTEN + [p.read_text("utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    data = SHARED / "eval" / "dotin" / "train.jsonl"
    if data.is_file():  # development data: read in place when present, never copied
        texts += [json.loads(x)["content"] for x in data.read_text("utf-8").splitlines() if x.strip()]
    return texts


@pytest.fixture(scope="module")
def docs(nlp):
    out = []
    for text in _texts():
        out.append((nlp(text), detect_sections(document_from_text(text))))
    return out


# --------------------------------------------------------------------------- the plain versions


def plain_accept_ambiguous(text: str, pos: list[tuple[int, int]], ambiguous: list[bool],
                           sections: tuple[Section, ...]) -> dict[int, str]:
    """A breadth-first walk from every anchor (a non-ambiguous span, an ambiguous one in a skills
    section) to the ambiguous spans adjacent to it, all pairs compared."""
    ok: dict[int, str] = {}
    for i, amb in enumerate(ambiguous):
        sec = section_at(sections, pos[i][0])
        if amb and sec is not None and sec.name == "skills":
            ok[i] = "ambiguous alias accepted: in a skills section"
    queue = [i for i, amb in enumerate(ambiguous) if not amb or i in ok]
    while queue:
        me = queue.pop(0)
        for j in range(len(pos)):
            if ambiguous[j] and j not in ok and E._adjacent(text, pos[j], pos[me]):
                ok[j] = "ambiguous alias accepted: a list item next to another skill"
                queue.append(j)
    return ok


def _plain_hits(context) -> tuple[ContextHit, ...]:
    out = []
    for h in context:
        h = tuple(h) + (None,) * (9 - len(h))
        out.append(ContextHit(rule=h[0], category=h[1], trigger=h[2], start=h[3], end=h[4], value=h[5],
                              direction=h[6], scope_start=h[7], scope_end=h[8]))
    return tuple(out)


def plain_doc_to_evidence(doc, sections, labels=None) -> tuple[Evidence, ...]:
    """``doc_to_evidence`` with every value read through ``span._`` and every item built by its class."""
    labels = labels or {}
    weights = C.section_weights()
    text = doc.text
    spans = list(doc.spans[E.SPANS_KEY]) if E.SPANS_KEY in doc.spans else []
    pos = [(s.start_char, s.end_char) for s in spans]
    accepted = plain_accept_ambiguous(text, pos, [bool(s._.ambiguous) for s in spans], sections)
    out: list[Evidence] = []

    def section_hit(start):
        sec = section_at(sections, start)
        if sec is None:
            return sec, ContextHit(rule="section:none", category="SECTION", trigger="", start=0, end=0,
                                   value=weights.get("none", weights.get("default", 0.6)), direction="section")
        return sec, ContextHit(rule=f"section:{sec.name}", category="SECTION", trigger=sec.heading, start=sec.start,
                               end=sec.start + len(sec.heading), value=weights.get(sec.name, weights.get("default", 0.6)),
                               direction="section", scope_start=sec.start, scope_end=sec.end)

    for i, s in enumerate(spans):
        amb = bool(s._.ambiguous)
        if amb and i not in accepted:
            continue
        sec, hit = section_hit(s.start_char)
        rule = f"alias:{s._.skill_rule}" + ("" if s._.skill_variant == "alias" else f" ({s._.skill_variant} variant)")
        rule += f" ({accepted[i]})" if amb else ""
        out.append(Evidence(
            id=f"e{len(out) + 1}", skill_id=s.id_, label=labels.get(s.id_, s.id_), category=s.label_, text=s.text,
            start=s.start_char, end=s.end_char, section=sec.name if sec else None, negated=bool(s._.negated),
            hypothetical=bool(s._.hypothetical), proficiency=s._.proficiency, matcher="alias", rule=rule,
            confidence=0.75 if amb else 0.95, context=_plain_hits(s._.context) + (hit,)))
    for s in doc.spans[E.SEMANTIC_KEY] if E.SEMANTIC_KEY in doc.spans else []:
        sec, hit = section_hit(s.start_char)
        if (sec.name if sec else "none") not in {"experience", "projects", "summary", "header", "none"}:
            continue
        out.append(Evidence(
            id=f"e{len(out) + 1}", skill_id=s.id_, label=labels.get(s.id_, s.id_), category=s.label_, text=s.text,
            start=s.start_char, end=s.end_char, section=sec.name if sec else None, negated=bool(s._.negated),
            hypothetical=bool(s._.hypothetical), proficiency=None, matcher="semantic", rule=s._.skill_rule,
            confidence=round(float(s._.confidence), 4), context=_plain_hits(s._.context) + (hit,),
            sentence=s.text, similarity=round(float(s._.similarity), 4)))
    return tuple(out)


# --------------------------------------------------------------------------- evidence


def test_evidence_equals_the_plain_version(docs):
    labels = {r.id: r.label for r in load_role().role.skills}
    seen = {"items": 0, "accepted in a list": 0, "accepted in skills": 0, "rejected": 0, "context": 0,
            "semantic": 0, "sections": 0, "variant": 0}
    for doc, sections in docs:
        fast, plain = E.doc_to_evidence(doc, sections, labels), plain_doc_to_evidence(doc, sections, labels)
        assert fast == plain
        # built with all fields, in the order the constructor sets them
        assert [list(vars(e)) for e in fast] == [list(vars(e)) for e in plain]
        assert [[list(vars(h)) for h in e.context] for e in fast] == [[list(vars(h)) for h in e.context] for e in plain]
        seen["items"] += len(fast)
        seen["accepted in a list"] += sum("next to another skill" in e.rule for e in fast)
        seen["accepted in skills"] += sum("in a skills section" in e.rule for e in fast)
        seen["rejected"] += sum(bool(s._.ambiguous) for s in doc.spans["skills"]) - sum(e.confidence == 0.75 for e in fast)
        seen["context"] += sum(len(e.context) > 1 for e in fast)
        seen["semantic"] += sum(e.matcher == "semantic" for e in fast)
        seen["sections"] += len({e.section for e in fast}) > 2
        seen["variant"] += sum("variant)" in e.rule for e in fast)
    assert min(seen.values()) >= 3, seen  # what the fast paths handle occurs in the texts


def test_evidence_reads_user_data_as_span_underscore_does(docs, monkeypatch):
    fast = [E.doc_to_evidence(doc, sections) for doc, sections in docs[:40]]
    monkeypatch.setattr(E, "_defaults", dict)  # every value through span._
    assert [E.doc_to_evidence(doc, sections) for doc, sections in docs[:40]] == fast


_GAP_TEXT = st.lists(st.sampled_from(["Python", "R", ", ", " and ", " or ", "/", "\n", " ", "3.1 ", " (x) ", "go",
                                      "\n\n", ";", " • ", "hiking"]), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_GAP_TEXT, st.lists(st.tuples(st.integers(0, 200), st.integers(0, 8), st.booleans()), max_size=25),
       st.lists(st.tuples(st.integers(0, 200), st.integers(0, 120), st.sampled_from(["skills", "experience"])),
                max_size=4))
def test_accept_ambiguous_equals_the_breadth_first_walk(text, spans, secs):
    """On generated spans, overlapping and out of order too, and sections in any order (the text repeated
    to hold every span, as a Doc's text does)."""
    text = (text + " ") * (240 // (len(text) + 1) + 1)
    pos = [(a, a + n) for a, n, _amb in spans]
    ambiguous = [amb for _a, _n, amb in spans]
    sections = tuple(Section(name=name, heading="", start=a, end=a + n, rule="") for a, n, name in secs)
    assert E._accept_ambiguous(text, [None] * len(pos), sections, ambiguous, pos) == \
        plain_accept_ambiguous(text, pos, ambiguous, sections)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=6), st.integers(-2, 100))
def test_section_finder_equals_section_at(secs, offset):
    sections = tuple(Section(name=str(i), heading="", start=a, end=a + n, rule="") for i, (a, n) in enumerate(secs))
    assert section_finder(sections)(offset) is section_at(sections, offset)
    adjoining = []
    for a, n in secs:  # the same widths laid one after another, as detect_sections gives them
        start = adjoining[-1].end + a % 3 if adjoining else a
        adjoining.append(Section(name=str(len(adjoining)), heading="", start=start, end=start + n, rule=""))
    assert section_finder(tuple(adjoining))(offset) is section_at(tuple(adjoining), offset)


def test_section_finder_on_detected_sections(docs):
    for doc, sections in docs[:60]:
        find = section_finder(sections)
        for s in doc.spans["skills"]:
            assert find(s.start_char) is section_at(sections, s.start_char)


# --------------------------------------------------------------------------- skill and context components


def plain_skill_annotations(skills, doc, matches) -> None:
    """``SkillMatcher.set_annotations`` with ``spacy.util.filter_spans`` over a Span per match, every
    match's plainest variant by a full sort, and values written through ``span._``."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    spans = filter_spans([Span(doc, s, e, label=p.label, span_id=p.id) for p, s, e in matches])
    plainest = {}
    for p, s, e in sorted(matches, key=lambda m: C._RANK.get(m[0].variant, 9)):
        plainest.setdefault((s, e, p.id), p)
    for span in spans:
        p = plainest[(span.start, span.end, span.id_)]
        span._.skill_rule, span._.skill_variant, span._.ambiguous = p.alias, p.variant, p.ambiguous
    doc.spans[skills.spans_key] = spans


def plain_context_annotations(ctx, doc, triggers) -> None:
    """``ContextComponent.set_annotations`` reading and writing every value through ``span._``."""
    terminators = {s for r, s, e, _ in triggers if r.category == "TERMINATE"}
    for r, s, e, val in triggers:
        if r.category == "TERMINATE":
            continue
        lo, hi = ctx._scope(doc, r, s, e, terminators)
        scope_a = doc[lo].idx if lo < len(doc) else len(doc.text)
        scope_b = doc[hi - 1].idx + len(doc[hi - 1].text) if hi > lo else scope_a
        hit = (r.name, r.category, doc[s:e].text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), val,
               r.direction, scope_a, scope_b)
        for span in doc.spans[ctx.spans_key]:
            if span.start >= lo and span.end <= hi and not (span.start < e and s < span.end):
                span._.context = tuple(span._.context) + (hit,)
                if r.category == "NEGATED":
                    span._.negated = True
                elif r.category == "HYPOTHETICAL":
                    span._.hypothetical = True
                elif r.category in C.PROFICIENCY:
                    level = C.PROFICIENCY[r.category]
                    if C._PROF_RANK[level] > C._PROF_RANK[span._.proficiency]:
                        span._.proficiency = level
                elif r.category == "YEARS" and val is not None:
                    span._.years = val


def _spans(doc):
    return [(s.start, s.end, s.label_, s.id_, s._.skill_rule, s._.skill_variant, s._.ambiguous, s._.context,
             s._.negated, s._.hypothetical, s._.proficiency, s._.years) for s in doc.spans["skills"]]


def test_skill_and_context_annotations_equal_the_plain_versions(nlp):
    skills, ctx = nlp.get_pipe("skillgap_skills"), nlp.get_pipe("skillgap_context")
    seen = {"overlaps": 0, "variant kept": 0, "plainest of several": 0, "hits": 0, "two hits": 0, "NEGATED": 0,
            "HYPOTHETICAL": 0, "proficiency": 0, "YEARS": 0}
    for text in _texts():
        fast, plain = nlp.make_doc(text), nlp.make_doc(text)
        matches = skills.match(fast)
        skills.set_annotations(fast, matches)
        plain_skill_annotations(skills, plain, matches)
        triggers = ctx.match(fast)
        assert triggers == ctx.match(plain)
        ctx.set_annotations(fast, triggers)
        plain_context_annotations(ctx, plain, triggers)
        assert _spans(fast) == _spans(plain)
        assert fast.user_data == plain.user_data
        ranges = {(s, e) for _p, s, e in matches}
        seen["overlaps"] += len(ranges) > len(fast.spans["skills"])
        chosen = {(x.start, x.end, x.id_): x._.skill_variant for x in fast.spans["skills"]}
        seen["variant kept"] += sum(v != "alias" for v in chosen.values())
        seen["plainest of several"] += sum(len({p.variant for p, s, e in matches if (s, e, p.id) == k}) > 1
                                           for k in chosen)
        for row in _spans(fast):
            seen["hits"] += len(row[7])
            seen["two hits"] += len(row[7]) > 1
            seen["NEGATED"] += row[8]
            seen["HYPOTHETICAL"] += row[9]
            seen["proficiency"] += row[10] is not None
            seen["YEARS"] += row[11] is not None
    assert min(seen.values()) >= 2, seen  # what the fast paths handle occurs in the texts


def test_pattern_by_hash_equals_pattern_by_key(nlp):
    skills = nlp.get_pipe("skillgap_skills")
    strings = nlp.vocab.strings
    assert len(skills._by_hash) == len(skills._by_key)
    assert all(skills._by_hash[h] is skills._by_key[strings[h]] for h in skills._by_hash)


def test_span_values_get_reads_what_underscore_reads(nlp, monkeypatch):
    docs = [nlp(text) for text in _texts()[:30]]
    names = ("context", "negated", "hypothetical", "proficiency", "years", "skill_rule", "ambiguous")
    fast = [[C.SpanValues(doc).get(s, n) for s in doc.spans["skills"] for n in names] for doc in docs]
    assert fast == [[getattr(s._, n) for s in doc.spans["skills"] for n in names] for doc in docs]
    monkeypatch.setattr(C, "user_data_keys", lambda: False)
    assert fast == [[C.SpanValues(doc).get(s, n) for s in doc.spans["skills"] for n in names] for doc in docs]


def test_trap_words_compiled_once_match_as_written():
    """``patterns._trap_word`` (each trap word's regex compiled once) matches what the regex written out
    in place matches, on what follows and precedes every occurrence of a trap alias in the texts."""
    import re

    from analyzer.nlp.patterns import AMBIGUOUS_TRAPS, _trap_word

    texts = _texts() + ["Go live in May; let's\tGo to market; we Go live-streaming. My CV attached. Spark plugs.\n"
                        "Hive of activity; the Helm of it; lab Flask; the Prophet; Chevy Impala; Lambda chi."]
    hits = 0
    for alias, spec in AMBIGUOUS_TRAPS.items():
        for text in texts:
            for m in re.finditer(re.escape(alias), text):
                after, before = text[m.end():m.end() + 40].lower(), text[max(0, m.start() - 40):m.start()].lower()
                for w in spec.get("after", ()):
                    ref = re.match(rf"[ \t]+{re.escape(w)}(?![\w])", after)
                    assert bool(_trap_word("after", w).match(after)) == bool(ref)
                    hits += bool(ref)
                for w in spec.get("before", ()):
                    ref = re.search(rf"(?<![\w']){re.escape(w)}[ \t]+$", before)
                    assert bool(_trap_word("before", w).search(before)) == bool(ref)
                    hits += bool(ref)
    assert hits >= 5
