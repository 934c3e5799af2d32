"""Markdown: a document a candidate can paste into a ticket or a wiki."""

from __future__ import annotations

from analyzer.types import Report


def _esc(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report, **_) -> str:
    a = report.assessment
    c = a.career
    p = report.profile
    out = [f"# Skill-gap report: {_esc(report.source.name)} vs {report.role.title}", "",
           f"**Score: {a.score:.1f} / 100** (as of {report.as_of.isoformat()})", "",
           f"- Current level: {c.current_level.title}",
           f"- Next level: {c.next_level.title if c.next_level else 'top of the ladder'}",
           f"- Experience: {p.total_experience_years:.1f} years total, {p.ai_ml_years:.1f} in AI/ML, "
           f"{p.leadership_years:.1f} in leadership", f"- Highest degree: {p.highest_degree or 'not found'}", ""]
    if report.warnings:
        out += ["> **Warnings**"] + [f"> - {_esc(w)}" for w in report.warnings] + [""]
    out += ["## Coverage by category", "", "| Category | Points | Max | Coverage |", "|---|---:|---:|---:|"]
    for cat in a.categories:
        out.append(f"| {cat.label} | {cat.points:.1f} | {cat.max_points:.1f} | {cat.coverage:.0%} |")
    out += ["", "## Requirements", "", "| Status | Requirement | Importance | Points | Explanation |", "|---|---|---|---:|---|"]
    for r in a.requirements:
        out.append(f"| {r.status} | {_esc(r.label)} | {r.importance} | {r.points:.1f}/{r.max_points:.1f} | {_esc(r.explanation)} |")
    out += ["", "## Next step", ""] + [f"- {_esc(x)}" for x in c.reasons + c.to_next_level]
    return "\n".join(out) + "\n"
