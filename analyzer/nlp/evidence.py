"""spaCy Doc -> Evidence. This is the last place a spaCy object is seen."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from analyzer.ingest.sections import section_at
from analyzer.nlp.components import SPANS_KEY
from analyzer.types import ContextHit, Evidence, Section

# Sections where a mention is a claim about the candidate's own skills
_LIST_SEP = re.compile(r"[,|/;•·]")


def _line_of(text: str, start: int, end: int) -> str:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return text[lo : hi if hi != -1 else len(text)]


def _ambiguous_ok(span: Span, section: Section | None, others_on_line: int) -> tuple[bool, str]:
    """An ambiguous alias (R, Go, CV...) counts only in a technical context."""
    if section is not None and section.name == "skills":
        return True, "ambiguous alias accepted: in a skills section"
    line = _line_of(span.doc.text, span.start_char, span.end_char)
    if others_on_line >= 1 and _LIST_SEP.search(line):
        return True, "ambiguous alias accepted: in a list with other skills"
    return False, ""


def doc_to_evidence(doc: Doc, sections: tuple[Section, ...], labels: dict[str, str] | None = None) -> tuple[Evidence, ...]:
    labels = labels or {}
    spans = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    text = doc.text
    # how many non-ambiguous matches share each line (for the ambiguity rule)
    line_counts: dict[int, int] = {}
    for s in spans:
        if not s._.ambiguous:
            ln = text.rfind("\n", 0, s.start_char) + 1
            line_counts[ln] = line_counts.get(ln, 0) + 1
    out: list[Evidence] = []
    for s in spans:
        sec = section_at(sections, s.start_char)
        rule = f"alias:{s._.skill_rule}"
        if s._.ambiguous:
            ln = text.rfind("\n", 0, s.start_char) + 1
            ok, why = _ambiguous_ok(s, sec, line_counts.get(ln, 0))
            if not ok:
                continue
            rule += f" ({why})"
        hits = tuple(ContextHit(rule=r, category=c, trigger=t, start=a, end=b) for r, c, t, a, b in s._.context)
        out.append(Evidence(
            id=f"e{len(out) + 1}", skill_id=s.id_, label=labels.get(s.id_, s.id_), category=s.label_, text=s.text,
            start=s.start_char, end=s.end_char, section=sec.name if sec else None,
            negated=bool(s._.negated), hypothetical=bool(s._.hypothetical), proficiency=s._.proficiency,
            matcher="alias", rule=rule, confidence=0.75 if s._.ambiguous else 0.95, context=hits,
        ))
    return tuple(out)
