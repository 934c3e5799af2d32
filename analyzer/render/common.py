"""Helpers shared by the renderers (formatting only: renderers never score)."""

from __future__ import annotations

from analyzer.types import Evidence, Report, RequirementResult, Salary

STATUS_ORDER = {"missing": 0, "partial": 1, "met": 2}
IMPORTANCE_ORDER = {"required": 0, "preferred": 1, "bonus": 2}
SALARY_SOURCE = "from the role description"


def money(v: int | None) -> str:
    return f"${v:,}" if v is not None else ""


def salary_line(s: Salary) -> str:
    """``Lead AI Engineer: average $189,453, range $157,816–$228,044 (US market, 2024; ...)``."""
    parts = []
    if s.average:
        parts.append(f"average {money(s.average)}")
    if s.low and s.high:
        parts.append(f"range {money(s.low)}–{money(s.high)}")
    note = f"; {s.note}" if s.note else ""
    return f"{s.title}: {', '.join(parts) or 'no figure given'} ({s.region} market, {s.year}, {SALARY_SOURCE}{note})"


def salary_heading(report: Report) -> str:
    sal = report.assessment.career.salary
    if not sal:
        return ""
    regions = sorted({f"{s.region} market, {s.year}" for s in sal})
    return f"Salary context ({'; '.join(regions)}, {SALARY_SOURCE})"


def why(r: RequirementResult) -> str:
    """The explanation without its leading "Label: status — "."""
    return r.explanation.split(" — ", 1)[-1]


def requirements_by_category(report: Report) -> list[tuple[str, str, list[RequirementResult]]]:
    """(category id, label, requirements sorted by importance, status, label) in the role's order."""
    out = []
    for c in report.assessment.categories:
        mine = [r for r in report.assessment.requirements if r.category == c.id]
        mine.sort(key=lambda r: (IMPORTANCE_ORDER.get(r.importance, 9), STATUS_ORDER.get(r.status, 9), r.label))
        out.append((c.id, c.label, mine))
    return out


def counts(report: Report) -> dict[str, int]:
    out = {"met": 0, "partial": 0, "missing": 0}
    for r in report.assessment.requirements:
        out[r.status] = out.get(r.status, 0) + 1
    return out


def evidence_for(report: Report, r: RequirementResult) -> list[Evidence]:
    ev = {e.id: e for e in report.evidence}
    return [ev[i] for i in r.evidence if i in ev]


def context(text: str, e: Evidence, width: int = 70) -> tuple[str, str, str]:
    """(before, match, after) around an evidence item, cut at line ends and whitespace-normalised."""
    lo = max(0, e.start - width)
    hi = min(len(text), e.end + width)
    nl = text.rfind("\n", lo, e.start)
    if nl != -1:
        lo = nl + 1
    nl = text.find("\n", e.end, hi)
    if nl != -1:
        hi = nl
    before, match, after = text[lo:e.start], text[e.start:e.end], text[e.end:hi]
    squash = lambda s: " ".join(s.split())  # noqa: E731
    b, m, a = squash(before), squash(match), squash(after)
    if lo > 0 and text[lo - 1] != "\n":
        b = "…" + b
    if hi < len(text) and text[hi] != "\n":
        a = a + "…"
    return (b + (" " if before[-1:].isspace() else "") if b else ""), m, ((" " if after[:1].isspace() else "") + a if a else "")


def where(report: Report, e: Evidence) -> str:
    p = report.profile
    if e.position is not None and e.position < len(p.positions):
        pos = p.positions[e.position]
        d = pos.dates
        span = f" ({d.start.year}–{'present' if d.current else d.end.year})" if d and d.start and d.end else ""
        return f"{pos.title or 'dated role'}{span}"
    return (e.section or "text").replace("_", " ")


def level_line(report: Report) -> str:
    c = report.assessment.career
    nxt = c.next_level.title if c.next_level else "top of the ladder"
    return f"{c.current_level.title} → next: {nxt}"
