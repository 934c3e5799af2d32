"""``--explain REQUIREMENT_ID``: every piece of evidence, rule and number behind one requirement."""

from __future__ import annotations

from analyzer.errors import UserError
from analyzer.scoring import mention_strength
from analyzer.types import Report


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    snippet = text[lo:start] + "[" + text[start:end] + "]" + text[end:hi]
    return " ".join(snippet.split())


def explain_requirement(report: Report, requirement_id: str) -> str:
    reqs = {r.id: r for r in report.assessment.requirements}
    if requirement_id not in reqs:
        raise UserError(f"unknown requirement {requirement_id!r} (see `skillgap taxonomy show`)")
    r = reqs[requirement_id]
    total_w = sum(x.weight for x in report.assessment.requirements)
    ev = {e.id: e for e in report.evidence}
    out = [f"{r.label} ({r.id})",
           f"  category: {r.category} · importance: {r.importance} · weight {r.weight:g} of {total_w:g} in total",
           f"  status: {r.status} (value {r.value:.2f})",
           f"  contribution: {r.points:.1f} of {r.max_points:.1f} points = 100 × {r.weight:g} × {r.value:.2f} / {total_w:g}",
           f"  explanation: {r.explanation}", ""]
    mine = [ev[i] for i in r.evidence if i in ev]
    more = [e for e in report.evidence if e.skill_id == r.id and e.id not in r.evidence]
    if not mine and not more:
        out.append("  No evidence items: this requirement is judged from the profile (years, degrees, titles).")
        p = report.profile
        out.append(f"  profile: total {p.total_experience_years:.2f} y · AI/ML {p.ai_ml_years:.2f} y · architecture "
                   f"{p.architecture_years:.2f} y · leadership {p.leadership_years:.2f} y · highest degree {p.highest_degree}")
        for i, pos in enumerate(p.positions):
            d = pos.dates
            out.append(f"    role {i}: {pos.title or '?'} · {pos.organisation or '?'} · {d.text if d else '?'} · "
                       f"{pos.years:.2f} y · {pos.kind}{' · leadership' if pos.leadership else ''}{' · AI/ML' if pos.ai_ml else ''}")
        for e in p.education:
            out.append(f"    education: {e.degree} ({e.level}) · field {e.field or '?'} · {e.year or '?'} · {e.status}")
    for e in mine + more:
        flags = [f for f, on in (("negated", e.negated), ("wish", e.hypothetical)) if on]
        out.append(f"  {e.id}: “{e.text}” at {e.start}–{e.end} in {e.section or 'no section'}"
                   f"{' (dated role ' + str(e.position) + ')' if e.position is not None else ''}"
                   f" · strength {mention_strength(e):.2f}{' · ' + ', '.join(flags) if flags else ''}")
        out.append(f"      matcher: {e.matcher} · rule: {e.rule} · confidence {e.confidence:.2f}"
                   + (f" · proficiency {e.proficiency}" if e.proficiency else ""))
        for c in e.context:
            out.append(f"      context: {c.category} by “{c.trigger}” (rule “{c.rule}”)")
        if e.similarity is not None:
            out.append(f"      similarity {e.similarity:.3f} to sentence: {e.sentence}")
        out.append(f"      …{_context(report.text, e.start, e.end)}…")
    return "\n".join(out) + "\n"
