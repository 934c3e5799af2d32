"""``--explain REQUIREMENT_ID``: every piece of evidence, rule and number behind one requirement.

Reads the finished report and the scoring module's published rules (``mention_factors``,
``keyword_dumps``, thresholds); it never re-scores: the status, value and points printed are the
report's own.
"""

from __future__ import annotations

from analyzer import scoring
from analyzer.errors import UserError
from analyzer.types import Evidence, Report


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    snippet = text[lo:start] + "[" + text[start:end] + "]" + text[end:hi]
    return " ".join(snippet.split())


def _evidence_lines(report: Report, e: Evidence, dumps: dict[str, int]) -> list[str]:
    p = report.profile
    factors = scoring.mention_factors(e, p, dumps)
    strength = scoring.mention_strength(e, p, dumps)
    where = f"dated role {e.position}" if e.position is not None else (e.section or "no section")
    out = [f"  {e.id} ({e.skill_id}): “{' '.join(e.text.split())}” at {e.start}–{e.end}, section {e.section or '-'}, {where}",
           f"      matcher {e.matcher} · rule {e.rule} · confidence {e.confidence:.2f}"
           + (f" · proficiency {e.proficiency}" if e.proficiency else "")
           + (f" · similarity {e.similarity:.3f}" if e.similarity is not None else ""),
           "      strength = " + " × ".join(f"{f.value:g} ({f.name}: {f.reason})" for f in factors) + f" = {strength:.2f}"]
    for c in e.context:
        extra = f" value {c.value:g}" if c.value is not None else ""
        scope = f" scope {c.scope_start}–{c.scope_end}" if c.scope_start is not None else ""
        out.append(f"      context {c.category}: trigger “{c.trigger}” (rule “{c.rule}”, {c.direction or 'n/a'}{scope}){extra}")
    out.append(f"      …{_context(report.text, e.start, e.end)}…")
    return out


def explain_requirement(report: Report, requirement_id: str) -> str:
    reqs = {r.id: r for r in report.assessment.requirements}
    if requirement_id not in reqs:
        close = sorted(i for i in reqs if requirement_id.lower() in i or i in requirement_id.lower())
        hint = f"; did you mean {', '.join(close[:5])}?" if close else ""
        raise UserError(f"unknown requirement {requirement_id!r} (see `skillgap taxonomy show`){hint}")
    r = reqs[requirement_id]
    all_r = report.assessment.requirements
    total_w = sum(x.weight for x in all_r)
    share = 100.0 * r.weight / total_w
    p = report.profile
    dumps = scoring.keyword_dumps(report.evidence)
    out = [f"{r.label} ({r.id})",
           f"  category {r.category} · importance {r.importance} · weight {r.weight:g} of {total_w:g} in total",
           f"  maximum points: 100 × {r.weight:g} / {total_w:g} = {share:.3f}, rounded to {r.max_points:.1f} "
           f"(largest-remainder rounding, so that the maxima add up to exactly 100)",
           f"  status: {r.status} · value {r.value:.4f} (met ≥ {scoring.MET:g} > partial > 0 = missing)",
           f"  points: {r.max_points:.1f} × {r.value:.4f} = {r.max_points * r.value:.3f}, rounded half-up to {r.points:.1f}"
           f" → {r.points:.1f} of the score {report.assessment.score:.1f}",
           f"  explanation: {r.explanation}", ""]
    from analyzer.taxonomy import load_role

    try:
        req = load_role(report.role.id).role.requirement(r.id)
    except Exception:  # a role file given by path: the report still explains itself
        req = None
    kind = getattr(req, "kind", None)
    if kind == "skill":
        out.append("  rule: the strongest mention counts (repeats add nothing); named in 2+ dated roles, or in a dated "
                   "role and the Skills list, counts 1.0" + (f"; implied by {', '.join(req.implied_by)} at "
                                                             f"{scoring.IMPLIED_FACTOR:g} × their strength" if req.implied_by else "")
                   + (f"; needs {req.min_mentions_for_met} distinct mentions for met" if req.min_mentions_for_met > 1 else ""))
    elif kind == "any_of":
        out.append(f"  rule: at least {req.min_count} of {', '.join(req.of)} met (a partial one counts half)")
        for sid in req.of:
            s = reqs.get(sid)
            if s:
                out.append(f"    {sid}: {s.status} (value {s.value:.2f})")
    elif kind == "experience":
        years = scoring.measure_years(p, req.measure)
        rng = f"{req.min_years:g}–{req.max_years:g}" if req.max_years else f"≥ {req.min_years:g}"
        out.append(f"  rule: {req.measure} years {rng}; value = min(1, years / {req.min_years:g}) = "
                   f"min(1, {years:.2f} / {req.min_years:g})")
        if req.measure == "leadership":
            out.append(f"  leadership within AI/ML: profile leadership {p.leadership_years:.2f} y minus years that only "
                       f"non-AI leadership roles cover = {years:.2f} y")
    elif kind == "degree":
        out.append(f"  rule: a completed {req.min_level} or higher; field {', '.join(req.fields) or 'any'} 1.0, a related "
                   f"field {'0.9' if req.related_ok else '0.5'}, another field 0.5, in progress 0.5")
    out.append("")
    mine = {i for i in r.evidence}
    ev = {e.id: e for e in report.evidence}
    used = [ev[i] for i in r.evidence if i in ev]
    other = [e for e in report.evidence if e.skill_id == r.id and e.id not in mine]
    if used:
        out.append(f"  evidence behind the status ({len(used)}):")
        for e in used:
            out += _evidence_lines(report, e, dumps)
    if other:
        out.append(f"  other mentions of this requirement ({len(other)}), not counted above:")
        for e in other:
            out += _evidence_lines(report, e, dumps)
    if kind in ("experience", "degree") or not (used or other):
        out.append("  profile facts used (years from dated roles, degrees):")
        out.append(f"    total {p.total_experience_years:.2f} y · AI/ML {p.ai_ml_years:.2f} y · architecture "
                   f"{p.architecture_years:.2f} y · leadership {p.leadership_years:.2f} y · highest degree {p.highest_degree}")
        for i, pos in enumerate(p.positions):
            d = pos.dates
            out.append(f"    role {i}: {pos.title or '?'} · {pos.organisation or '?'} · {d.text if d else '?'} · "
                       f"{pos.years:.2f} y · {pos.kind}{' · leadership' if pos.leadership else ''}{' · AI/ML' if pos.ai_ml else ''}")
        for e in p.education:
            out.append(f"    education: {e.degree} ({e.level}) · field {e.field or '?'} · {e.year or '?'} · {e.status}")
    if not (used or other) and kind == "skill":
        out.append("  no mention of this requirement was found in the text.")
    return "\n".join(out) + "\n"
