"""Markdown: a document a candidate can paste into a ticket or a wiki.

Everything that comes from the resume is escaped: Markdown punctuation is backslash-escaped and
``<``/``>``/``&`` become entities, so a resume cannot inject links, tables or HTML into a wiki page.
"""

from __future__ import annotations

import re

from analyzer.render.common import context, counts, evidence_for, requirements_by_category, salary_heading, salary_line, where, why
from analyzer.types import Report

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_STATUS = {"met": "✅ met", "partial": "🟡 partial", "missing": "❌ missing"}


def md(s: object) -> str:
    """Escape one piece of text for a Markdown paragraph or table cell."""
    t = str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    t = " ".join(_MD_SPECIAL.sub(r"\\\1", t).split())
    m = re.match(r"\d+(?=[.)](\s|$))", t)
    if m:
        return t[: m.end()] + "\\" + t[m.end():]
    return "\\" + t if t[:1] in ("#", "+", "-", "=") else t


def _bar(frac: float, width: int = 20) -> str:
    full = int(round(max(0.0, min(1.0, frac)) * width))
    return "█" * full + "░" * (width - full)


def render_markdown(report: Report, **_) -> str:
    a = report.assessment
    c = a.career
    p = report.profile
    n = counts(report)
    nxt = c.next_level.title if c.next_level else "top of the ladder"
    out = [f"# Skill-gap report: {md(report.source.name)} vs {md(report.role.title)}", "",
           f"**Score: {a.score:.1f} / 100** — {n['met']} met, {n['partial']} partial, {n['missing']} missing "
           f"(as of {report.as_of.isoformat()}, skillgap {md(report.tool_version)})", "",
           "| | |", "|---|---|",
           f"| Current level | **{md(c.current_level.title)}** |",
           f"| Next level | {md(nxt)} |",
           f"| Current title | {md(p.current_title or 'not found')} |",
           f"| Experience | {p.total_experience_years:.1f} years of work, {p.ai_ml_years:.1f} in AI/ML, "
           f"{p.leadership_years:.1f} in leadership |",
           f"| Highest degree | {md(p.highest_degree or 'not found')} |", ""]
    if report.warnings:
        out += ["> **Warnings**", ">"] + [f"> - {md(w)}" for w in report.warnings] + [""]
    if not c.on_target:
        out += [f"> **Not on the AI engineering ladder yet.** {md(c.reasons[0])}", ""]
    out += ["## Coverage by category", "", "| Category | Coverage | Points |", "|---|---|---:|"]
    for cat in a.categories:
        out.append(f"| {md(cat.label)} | `{_bar(cat.coverage)}` {cat.coverage:.0%} | {cat.points:.1f} / {cat.max_points:.1f} |")
    out += [f"| **Total** | | **{a.score:.1f} / 100** |", ""]
    out += [f"## Next step: {md(c.current_level.title)} → {md(nxt)}", "", "**Why this level**", ""]
    out += [f"- {md(x)}" for x in c.reasons]
    out += ["", "**What it takes, in order**", ""]
    out += [f"{i}. {md(x)}" for i, x in enumerate(c.to_next_level, 1)]
    if c.salary:
        out += ["", f"**{md(salary_heading(report))}**", ""] + [f"- {md(salary_line(s))}" for s in c.salary]
    out += ["", "## Gaps, in the order to work on them", "",
            "| # | Requirement | Importance | Status | Points to gain | First suggestion |", "|---:|---|---|---|---:|---|"]
    for g in a.gaps:
        out.append(f"| {g.priority} | {md(g.label)} | {g.importance} | {g.status} | +{g.points_available:.1f} | "
                   f"{md(g.suggestions[0]) if g.suggestions else ''} |")
    out += ["", "## Requirements", ""]
    for _cid, label, reqs in requirements_by_category(report):
        got = sum(r.points for r in reqs)
        top = sum(r.max_points for r in reqs)
        out += [f"### {md(label)} — {got:.1f} / {top:.1f}", "",
                "| Status | Requirement | Importance | Points | Why | Evidence |", "|---|---|---|---:|---|---|"]
        for r in reqs:
            ev = evidence_for(report, r)[:3]
            quotes = "; ".join(f"{md(e.id)}: “{md(context(report.text, e, 30)[1])}” ({md(where(report, e))})" for e in ev)
            out.append(f"| {_STATUS[r.status]} | {md(r.label)} | {r.importance} | {r.points:.1f} / {r.max_points:.1f} | "
                       f"{md(why(r))} | {quotes} |")
        out.append("")
    out += ["## How the score works", "",
            "Each requirement of the role has a weight; its maximum points are its share of 100. A requirement "
            "earns its maximum when met, a fraction when partial and nothing when missing; the score is the sum, "
            "so the tables above add up. Negated (“no experience with X”) and wished-for (“keen to learn X”) "
            "mentions, keyword dumps and repeats earn nothing; name, contact data and other personal details "
            "are never used. Run `skillgap analyze FILE --explain REQUIREMENT_ID` for every number behind one line.", ""]
    return "\n".join(out)
