"""Profile + evidence + role -> Assessment. Pure functions: no I/O, no spaCy.

Each requirement can earn ``max_points`` = 100 x weight / sum(weights) (rounded to 0.1 so that the
maxima add up to exactly 100). It earns ``points`` = max_points x value (rounded to 0.1), where value
is 1 for *met*, a fraction for *partial* and 0 for *missing*. The score is the sum of the points, so
the numbers in every report add up.

What a skill mention is worth (the strongest mention counts; repeats add nothing):
    in a dated role (experience) 1.0 · skills/certifications/projects/publications 0.85 ·
    summary/header/other sections 0.6 · interests/hobbies 0.3; x 0.5 when the mention says
    basic knowledge ("familiar with", "exposure to"). Negated and wished-for mentions are worth 0.
    met >= 0.75 > partial > 0 = missing.
Nothing about the candidate's identity (name, contact data, gender, age, photo, nationality,
marital status) is an input to this module: only evidence and the profile's years, degrees
and titles are.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from analyzer.taxonomy import RoleBundle
from analyzer.taxonomy.models import AnyOfRequirement, DegreeRequirement, ExperienceRequirement, SkillRequirement
from analyzer.types import (
    DEGREE_ORDER,
    Assessment,
    Career,
    CategoryScore,
    Evidence,
    Gap,
    LevelRef,
    Profile,
    RequirementResult,
    Salary,
)

SECTION_WEIGHT = {
    "experience": 1.0,
    "skills": 0.85, "certifications": 0.85, "projects": 0.85, "publications": 0.85, "awards": 0.7,
    "summary": 0.6, "header": 0.6, "additional": 0.6, "education": 0.6, "languages": 0.5, "references": 0.3,
    "interests": 0.3,
}
DEFAULT_SECTION_WEIGHT = 0.6
IN_POSITION_WEIGHT = 1.0
BASIC_FACTOR = 0.5
MET = 0.75
AI_CATEGORIES = ("ai_domains", "ml_frameworks", "ml_engineering")


def mention_strength(e: Evidence) -> float:
    """How strongly one evidence item supports its skill (0 for negated or wished-for mentions)."""
    if not e.counts:
        return 0.0
    w = IN_POSITION_WEIGHT if e.position is not None else SECTION_WEIGHT.get(e.section or "", DEFAULT_SECTION_WEIGHT)
    if e.proficiency == "basic":
        w *= BASIC_FACTOR
    return round(w * (1.0 if e.matcher != "semantic" else min(1.0, 0.5 + e.confidence / 2)), 4)


def _where(e: Evidence, profile: Profile) -> str:
    if e.position is not None and e.position < len(profile.positions):
        p = profile.positions[e.position]
        d = p.dates
        span = f" ({d.start.year}–{'present' if d.current else d.end.year})" if d and d.start and d.end else ""
        return f"in a dated role{span}"
    return f"in {e.section or 'the text'}"


def _fmt_years(y: float) -> str:
    return f"{y:.1f}".rstrip("0").rstrip(".") if y else "0"


def _eval_skill(req: SkillRequirement, ev_by_skill: dict[str, list[Evidence]], profile: Profile):
    own = ev_by_skill.get(req.id, [])
    counting = [e for e in own if e.counts]
    if counting:
        best = max(counting, key=mention_strength)
        value = mention_strength(best)
        roles = {e.position for e in counting if e.position is not None}
        # strength from breadth: mentioned in several dated roles or both in roles and a skills list
        if len(roles) >= 2 or (roles and any(e.section == "skills" for e in counting)):
            value = max(value, 1.0)
        if len({(e.start, e.end) for e in counting}) < req.min_mentions_for_met:
            value = min(value, MET - 0.01 if value >= MET else value)
        where = sorted({_where(e, profile) for e in counting})
        n_roles = len(roles)
        desc = f"used in {n_roles} dated role{'s' if n_roles != 1 else ''}" if n_roles else "mentioned " + ", ".join(where)
        if n_roles and any(e.section == "skills" for e in counting):
            desc += ", listed in Skills"
        low = all(e.proficiency == "basic" for e in counting)
        if low:
            desc += " (basic knowledge only)"
        status = "met" if value >= MET else "partial"
        ids = tuple(e.id for e in sorted(counting, key=lambda e: (-mention_strength(e), e.start)))
        return status, value, ids, f"{req.label}: {status} — {desc}."
    implied = [e for sid in req.implied_by for e in ev_by_skill.get(sid, []) if e.counts]
    negated = [e for e in own if e.negated]
    wished = [e for e in own if e.hypothetical and not e.negated]
    if implied:
        ids = tuple(e.id for e in implied[:5])
        labels = sorted({e.label for e in implied})
        return "partial", 0.5, ids, f"{req.label}: partial — implied by {', '.join(labels)}, not named directly."
    note = ""
    if negated:
        note = f" (the resume says no experience: “{negated[0].text}” is negated)"
    elif wished:
        note = f" (mentioned only as something to learn: “{wished[0].text}”)"
    ids = tuple(e.id for e in negated + wished)
    return "missing", 0.0, ids, f"{req.label}: missing — no evidence found{note}."


def _eval_any_of(req: AnyOfRequirement, skill_results: dict[str, tuple[str, float, tuple[str, ...], str]], labels: dict[str, str]):
    met = [s for s in req.of if skill_results.get(s, ("missing", 0.0))[1] >= MET]
    part = [s for s in req.of if 0 < skill_results.get(s, ("missing", 0.0))[1] < MET]
    score = min(1.0, (len(met) + 0.5 * len(part)) / req.min_count)
    ids = tuple(i for s in met + part for i in skill_results[s][2][:2])
    names = ", ".join(labels[s] for s in met) or "none"
    if len(met) >= req.min_count:
        return "met", 1.0, ids, f"{req.label}: met — {len(met)} of the listed ({names}); {req.min_count} needed."
    if score > 0:
        extra = f"; partly: {', '.join(labels[s] for s in part)}" if part else ""
        return "partial", round(score, 4), ids, f"{req.label}: partial — {len(met)} of {req.min_count} needed met ({names}){extra}."
    return "missing", 0.0, (), f"{req.label}: missing — none of {', '.join(labels[s] for s in req.of)} found."


def _eval_degree(req: DegreeRequirement, profile: Profile, relevance: dict[str, str]):
    need = DEGREE_ORDER.index(req.min_level)
    done = [e for e in profile.education if e.level and e.status == "completed"]
    ok = [e for e in done if DEGREE_ORDER.index(e.level) >= need]
    if not ok:
        inprog = [e for e in profile.education if e.level and e.status == "in_progress" and DEGREE_ORDER.index(e.level) >= need]
        if inprog:
            return "partial", 0.5, (), f"{req.label}: partial — {inprog[0].degree} in progress."
        have = profile.highest_degree or "none found"
        return "missing", 0.0, (), f"{req.label}: missing — highest degree found: {have}."

    def rank(e):
        if not req.fields or e.field in req.fields:
            return 2
        return 1 if (e.field and relevance.get(e.field) in ("core", "related")) else 0

    best = max(ok, key=rank)
    r = rank(best)
    deg = best.degree or best.level
    field = best.field_text or "an unstated field"
    if r == 2:
        return "met", 1.0, (), f"{req.label}: met — {deg} in {field}."
    if r == 1 and req.related_ok:
        return "met", 0.9, (), f"{req.label}: met — {deg} in {field} (a related field)."
    return "partial", 0.5, (), f"{req.label}: partial — {deg} found, but the field ({field}) is not one the role names."


def _eval_experience(req: ExperienceRequirement, profile: Profile):
    years = {"total": profile.total_experience_years, "ai_ml": profile.ai_ml_years,
             "architecture": profile.architecture_years, "leadership": profile.leadership_years}[req.measure]
    what = {"total": "years of full-time experience", "ai_ml": "years in AI/ML roles",
            "architecture": "years designing AI/ML systems", "leadership": "years in leadership roles"}[req.measure]
    rng = f"{_fmt_years(req.min_years)}–{_fmt_years(req.max_years)}" if req.max_years else f"≥ {_fmt_years(req.min_years)}"
    if req.min_years == 0 or years >= req.min_years:
        return "met", 1.0, (), f"{req.label}: met — {_fmt_years(years)} {what} (needs {rng})."
    if years > 0:
        v = round(years / req.min_years, 4)
        return "partial", v, (), f"{req.label}: partial — {_fmt_years(years)} {what} (needs {rng})."
    return "missing", 0.0, (), f"{req.label}: missing — no dated {what.replace('years ', '').replace('of ', '')} found (needs {rng})."


def _largest_remainder(raw: list[float], total: float, decimals: int = 1) -> list[float]:
    """Round ``raw`` to ``decimals`` so that the rounded values sum to ``total`` (already rounded)."""
    q = 10 ** decimals
    floors = [math.floor(x * q + 1e-9) for x in raw]
    target = round(total * q)
    rem = target - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] * q - floors[i]), i))
    for i in order[: max(0, rem)]:
        floors[i] += 1
    return [f / q for f in floors]


def assess(profile: Profile, evidence: tuple[Evidence, ...], bundle: RoleBundle) -> Assessment:
    role = bundle.role
    ev_by_skill: dict[str, list[Evidence]] = defaultdict(list)
    for e in evidence:
        ev_by_skill[e.skill_id].append(e)
    labels = {r.id: r.label for r in role.requirements}
    relevance = {f.id: f.relevance for f in role.fields_of_study}
    results: dict[str, tuple[str, float, tuple[str, ...], str]] = {}
    for r in role.requirements:
        if isinstance(r, SkillRequirement):
            results[r.id] = _eval_skill(r, ev_by_skill, profile)
    for r in role.requirements:
        if isinstance(r, AnyOfRequirement):
            results[r.id] = _eval_any_of(r, results, labels)
        elif isinstance(r, DegreeRequirement):
            results[r.id] = _eval_degree(r, profile, relevance)
        elif isinstance(r, ExperienceRequirement):
            results[r.id] = _eval_experience(r, profile)
    total_w = sum(r.weight for r in role.requirements)
    maxes = _largest_remainder([100.0 * r.weight / total_w for r in role.requirements], 100.0)
    # each requirement's points: its (rounded) maximum x its value, rounded half-up to 0.1; monotone in
    # the value, never above the maximum, and the score is their exact sum
    points = [math.floor(mx * results[r.id][1] * 10 + 0.5 + 1e-9) / 10 for r, mx in zip(role.requirements, maxes)]
    score = round(sum(points), 1)
    reqs = []
    for r, pts, mx in zip(role.requirements, points, maxes):
        status, value, ids, expl = results[r.id]
        reqs.append(RequirementResult(id=r.id, label=r.label, category=r.category, importance=r.importance,
                                      weight=r.weight, status=status, evidence=ids, explanation=expl,
                                      value=round(value, 4), points=pts, max_points=mx))
    cats = []
    for c in role.categories:
        mine = [x for x in reqs if x.category == c.id]
        if mine:
            cats.append(CategoryScore(id=c.id, label=c.label, points=round(sum(x.points for x in mine), 1),
                                      max_points=round(sum(x.max_points for x in mine), 1)))
    gaps = _gaps(reqs, bundle)
    career = career_step(profile, evidence, reqs, gaps, bundle)
    return Assessment(score=score, requirements=tuple(reqs), categories=tuple(cats), gaps=gaps, career=career)


_IMPORTANCE_RANK = {"required": 0, "preferred": 1, "bonus": 2}


def _gaps(reqs: list[RequirementResult], bundle: RoleBundle) -> tuple[Gap, ...]:
    """Unmet requirements, required first; within a tier the cheapest wins (partials) before the rest."""
    open_ = [r for r in reqs if r.status != "met"]
    open_.sort(key=lambda r: (_IMPORTANCE_RANK[r.importance], r.status != "partial", -(r.max_points - r.points), r.id))
    out = []
    for i, r in enumerate(open_, 1):
        req = bundle.role.requirement(r.id)
        out.append(Gap(requirement_id=r.id, label=r.label, category=r.category, importance=r.importance,
                       status=r.status, points_available=round(r.max_points - r.points, 1),
                       suggestions=tuple(req.suggestions), priority=i))
    return tuple(out)


def _title_level(title: str | None, bundle: RoleBundle) -> int | None:
    if not title:
        return None
    best = None
    for i, lv in enumerate(bundle.ladder.levels):
        if any(re.search(p, title, re.I) for p in lv.title_patterns):
            best = i
    return best


def _salary(level) -> tuple[Salary, ...]:
    s = level.salary
    if s is None:
        return ()
    return (Salary(title=level.title, currency=s.currency, region=s.region, year=s.year, average=s.average,
                   low=s.low, high=s.high, note=s.note),)


def career_step(profile: Profile, evidence: tuple[Evidence, ...], reqs: list[RequirementResult],
                gaps: tuple[Gap, ...], bundle: RoleBundle) -> Career:
    ladder = bundle.ladder
    levels = ladder.levels
    ai_mentions = {e.skill_id for e in evidence if e.counts and e.category in AI_CATEGORIES}
    reasons: list[str] = []
    if profile.ai_ml_years == 0 and len(ai_mentions) < 3:
        first = levels[0]
        reasons.append(f"No AI/ML work found: {len(ai_mentions)} AI/ML skill(s) mentioned and no dated AI/ML role.")
        todo = (ladder.entry_step,) + tuple(f"{g.label}: {g.suggestions[0]}" for g in gaps if g.importance == "required")[:3]
        return Career(current_level=LevelRef("off_target", "Not yet on the AI engineering ladder"),
                      next_level=LevelRef(first.id, first.title), reasons=tuple(reasons), to_next_level=todo,
                      salary=_salary(first), on_target=False)
    years = max(profile.ai_ml_years, 0.0)
    by_years = 0
    for i, lv in enumerate(levels):
        if years + 0.25 >= lv.min_years and profile.leadership_years + 0.25 >= lv.min_leadership_years:
            by_years = i
    reasons.append(f"{_fmt_years(profile.ai_ml_years)} years in AI/ML roles, {_fmt_years(profile.leadership_years)} "
                   f"in leadership, {_fmt_years(profile.total_experience_years)} in total: fits {levels[by_years].title}.")
    by_title = _title_level(profile.current_title, bundle)
    idx = by_years
    if by_title is not None:
        reasons.append(f"Current title “{profile.current_title}” reads as {levels[by_title].title}.")
        # a title counts up to one level above what the years support, and never below by more than one
        idx = max(min(by_title, by_years + 1), by_years - 1) if by_title != by_years else by_title
        idx = max(0, min(idx, len(levels) - 1))
    current = levels[idx]
    nxt = levels[idx + 1] if idx + 1 < len(levels) else None
    todo: list[str] = []
    if nxt is not None:
        if profile.ai_ml_years < nxt.min_years:
            todo.append(f"Experience: {nxt.title} typically has {_fmt_years(nxt.min_years)}+ years in AI/ML "
                        f"(you have {_fmt_years(profile.ai_ml_years)}).")
        if profile.leadership_years < nxt.min_leadership_years:
            todo.append(f"Leadership: {nxt.title} expects {_fmt_years(nxt.min_leadership_years)}+ years leading "
                        f"people or projects (you have {_fmt_years(profile.leadership_years)}).")
        todo += [f"Scope: {nxt.scope}"]
    for g in gaps[:5]:
        todo.append(f"{g.label} ({g.importance}): {g.suggestions[0]}")
    sal = _salary(current) + (_salary(nxt) if nxt else ())
    return Career(current_level=LevelRef(current.id, current.title),
                  next_level=LevelRef(nxt.id, nxt.title) if nxt else None, reasons=tuple(reasons),
                  to_next_level=tuple(todo), salary=sal, on_target=True)
