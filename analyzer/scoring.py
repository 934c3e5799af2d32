"""Profile + evidence + role -> Assessment. Pure functions: no I/O, no spaCy, no clock.

Score
    Each requirement can earn ``max_points`` = 100 x weight / sum(weights) (rounded to 0.1 with the
    largest-remainder rule, so that the maxima add up to exactly 100). It earns ``points`` =
    max_points x value (rounded half-up to 0.1), where value is 1 for *met*, a fraction for *partial*
    and 0 for *missing*. The score is the sum of the points, so the numbers in every report add up,
    and category scores are sums of their requirements' points.

What one skill mention is worth (``mention_factors``; the strongest mention counts, repeats add nothing)
    where:    in a dated role 1.0 · skills/certifications/projects/publications 0.85 · awards 0.7 ·
              summary/header/education/other sections 0.6 · languages 0.5 · interests/references 0.3
    how sure: a keyword, pattern or structure match x 1.0 · a sentence that only *describes* the
              competency (semantic match) x 0.6, so a description alone is at most *partial*
    how well: "familiar with", "basic", "exposure to" x 0.5
    not at all: negated ("no experience with X") and wished-for ("keen to learn X") mentions are
              worth 0; so is a mention inside a keyword dump - a run of 25 or more different
              requirements separated only by punctuation and line breaks, or a run of 30 or more
              keywords in which 3 keywords are named 3 or more times each (see ``keyword_dumps``:
              in the 310 dotin resumes no run packs more than 4 requirements or 9 keywords; the
              densest honest skills section among the samples, ai_director's, runs to 18
              requirements, 21 keywords).
    breadth:  a keyword named in two or more dated roles, or in a dated role and the Skills list,
              is worth 1.0.
    implied:  evidence for a skill the taxonomy lists in ``implied_by`` earns half its strength.
    met >= 0.75 > partial > 0 = missing.

Experience requirements compare the profile's years with ``min_years`` (value = years / min_years);
degree requirements take the best degree (field named by the role 1.0, a related field 0.9, another
field 0.5, a degree in progress 0.5).

Recency ("last used 2016") and stated proficiency ("expert") are *shown* in the explanations but only
"basic" changes the score: scoring recency would make adding a newer job lower the score of older
skills, and would tie the score to the day of the analysis.

Every value above is monotone in the evidence: adding a true mention, a longer role or a degree never
lowers any requirement's value, hence never lowers the score (tests/test_scoring.py checks this with
hypothesis). Nothing about the candidate's identity (name, contact data, gender, age, photo,
nationality, marital status) is an input here: ``Profile.contact`` is never read.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import insort
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter
from typing import Iterable

from analyzer.dates import merge_years
from analyzer.taxonomy import RoleBundle
from analyzer.taxonomy.models import AnyOfRequirement, DegreeRequirement, ExperienceRequirement, SkillRequirement
from analyzer.util import PerObject
from analyzer.types import (
    DEGREE_ORDER,
    Assessment,
    Career,
    CategoryScore,
    Evidence,
    Gap,
    LevelRef,
    Position,
    Profile,
    RequirementResult,
    Salary,
    filled,
)

SECTION_WEIGHT = {
    "experience": 1.0,
    "skills": 0.85, "certifications": 0.85, "projects": 0.85, "publications": 0.85, "awards": 0.7,
    "summary": 0.6, "header": 0.6, "additional": 0.6, "education": 0.6, "languages": 0.5, "references": 0.3,
    "interests": 0.3,
}
SECTION_NAMES = {"skills": "Skills", "certifications": "Certifications", "projects": "Projects",
                 "publications": "Publications", "awards": "Awards", "summary": "the summary",
                 "header": "the header", "education": "Education", "languages": "Languages",
                 "interests": "Interests", "references": "References", "additional": "an additional section",
                 "experience": "Experience"}
DEFAULT_SECTION_WEIGHT = 0.6
_SECTION_RANK = {s: i for i, s in enumerate(SECTION_WEIGHT)}  # the order explanations list sections in
IN_POSITION_WEIGHT = 1.0
SEMANTIC_FACTOR = 0.6
BASIC_FACTOR = 0.5
IMPLIED_FACTOR = 0.5
MET = 0.75
DUMP_MIN_SKILLS = 25
DUMP_MAX_GAP = 4
DUMP_SKIP_GAP = 40  # one unknown list item between a dump and a neighbouring chain
DUMP_MIN_MENTIONS = 30  # ... or a run this long that cycles through keywords: DUMP_MIN_CYCLED of them
DUMP_MIN_REPEATS = 3  # named DUMP_MIN_REPEATS times or more each
DUMP_MIN_CYCLED = 3
_DUMP_MIN_CHAIN = min(DUMP_MIN_SKILLS, DUMP_MIN_MENTIONS)  # the shortest chain _is_dump can accept
_READING_ORDER = attrgetter("start", "end", "id")


def _is_dump(chain) -> bool:
    """Many different requirements in one run, or a long run that cycles through a handful of names
    (it packs few requirements but is no less a dump; no honest skills line names three keywords three
    times each). One keyword repeated on its own is only a repeat: it counts once, like any repeat."""
    if len(chain) < _DUMP_MIN_CHAIN:  # too short for either test
        return False
    if len({e.skill_id for e in chain}) >= DUMP_MIN_SKILLS:
        return True
    if len(chain) < DUMP_MIN_MENTIONS:
        return False
    seen: dict[str, int] = defaultdict(int)
    cycled = 0
    for e in chain:
        k = e.text.casefold()
        seen[k] += 1
        if seen[k] == DUMP_MIN_REPEATS:
            cycled += 1
            if cycled >= DUMP_MIN_CYCLED:
                return True
    return False
AI_CATEGORIES = ("ai_domains", "ml_frameworks", "ml_engineering")


# --------------------------------------------------------------------------- one mention


@dataclass(frozen=True)
class Factor:
    """One multiplicative factor of a mention's strength, with the rule that set it."""

    name: str
    value: float
    reason: str


def keyword_dumps(evidence: tuple[Evidence, ...] | list[Evidence]) -> dict[str, int]:
    """Evidence ids inside a keyword dump -> how many different requirements the dump packs.

    A dump is a chain of keyword matches where each gap to the next match is at most
    ``DUMP_MAX_GAP`` characters (a comma, a bar, a line break and a bullet) and the chain names at
    least ``DUMP_MIN_SKILLS`` different requirements, or is ``DUMP_MIN_MENTIONS`` matches long and
    names ``DUMP_MIN_CYCLED`` keywords ``DUMP_MIN_REPEATS`` times each. Where it stands does not
    matter (a skills section, no section, after the last section). A normal skills line
    ("Languages: Python, Java, Go") breaks the chain at its label. Words that are no alias do not end a dump: a chain that starts
    within ``DUMP_SKIP_GAP`` characters of a dump (or that is one, and follows such a chain) joins it.
    """
    out: dict[str, int] = {}
    items = [e for e in evidence if e.matcher != "semantic"]
    if len(items) < _DUMP_MIN_CHAIN:  # no chain can be long enough (see below)
        return out
    items.sort(key=_READING_ORDER)
    spans: list[tuple[int, int, int]] = []
    chain: list[Evidence] = []
    reach = -10**9

    def close(chain: list[Evidence]) -> None:
        n = len({e.skill_id for e in chain})
        if _is_dump(chain):
            spans.append((min(e.start for e in chain), max(e.end for e in chain), n))
            for e in chain:
                out[e.id] = n

    chains: list[list[Evidence]] = []
    for e in items:
        if chain and e.start - reach > DUMP_MAX_GAP:
            chains.append(chain)
            chain = []
            reach = -10**9
        chain.append(e)
        reach = max(reach, e.end)
    if chain:
        chains.append(chain)
    # a group below becomes a dump only through a chain that is one on its own (see _is_dump)
    if all(len(c) < _DUMP_MIN_CHAIN for c in chains):
        return out
    # words that are no alias ("..., workshops, ...") do not end a dump: a chain within DUMP_SKIP_GAP
    # characters of a dump joins it
    # (each group's end and dump verdict are kept, not recomputed: a group that absorbs a chain is a
    # dump, and stays one as it grows, so a long list of short chains costs linear time)
    merged: list[list[Evidence]] = []
    last_end, last_dump = -10**9, False
    for c in chains:
        c_end = max(x.end for x in c)
        if merged and c[0].start - last_end <= DUMP_SKIP_GAP and (last_dump or _is_dump(c)):
            merged[-1].extend(c)
            last_end, last_dump = max(last_end, c_end), True
        else:
            merged.append(list(c))
            last_end, last_dump = c_end, _is_dump(c)
    for c in merged:
        close(c)
    # a sentence-level (semantic) match that overlaps a dump is part of it
    for e in evidence:
        if e.matcher == "semantic":
            for lo, hi, n in spans:
                if e.start < hi and lo < e.end:
                    out[e.id] = n
                    break
    return out


def _position(profile: Profile | None, e: Evidence) -> Position | None:
    if profile is None or e.position is None or not (0 <= e.position < len(profile.positions)):
        return None
    return profile.positions[e.position]


def mention_factors(e: Evidence, profile: Profile | None = None, dumps: dict[str, int] | None = None) -> tuple[Factor, ...]:
    """The factors whose product is what one mention is worth (see the module docstring)."""
    if e.negated:
        return (Factor("negated", 0.0, "the resume says the candidate does not have it"),)
    if e.hypothetical:
        return (Factor("wish", 0.0, "mentioned as something to learn or a wish, not as experience"),)
    if dumps and e.id in dumps:
        return (Factor("keyword dump", 0.0, f"inside a keyword dump of {dumps[e.id]} requirements with no context"),)
    out: list[Factor] = []
    if e.position is not None:
        p = _position(profile, e)
        role = f": {_role_name(p)}" if p is not None else ""
        out.append(Factor("where", IN_POSITION_WEIGHT, f"in a dated role{role}"))
    else:
        w = SECTION_WEIGHT.get(e.section or "", DEFAULT_SECTION_WEIGHT)
        out.append(Factor("where", w, f"in {SECTION_NAMES.get(e.section or '', e.section or 'an unnamed part')}"))
    if e.matcher == "semantic":
        out.append(Factor("matcher", SEMANTIC_FACTOR, "a sentence that describes it without naming it (semantic match)"))
    else:
        out.append(Factor("matcher", 1.0, f"named ({e.matcher} match)"))
    if e.proficiency == "basic":
        out.append(Factor("proficiency", BASIC_FACTOR, "basic knowledge only"))
    return tuple(out)


def mention_strength(e: Evidence, profile: Profile | None = None, dumps: dict[str, int] | None = None) -> float:
    """How strongly one evidence item supports its requirement (0 for negated, wished-for or dumped):
    the product of :func:`mention_factors`' values, in their order, without building their reasons."""
    if e.negated or e.hypothetical or (dumps and e.id in dumps):
        return round(1.0 * 0.0, 4)
    where = IN_POSITION_WEIGHT if e.position is not None else SECTION_WEIGHT.get(e.section or "", DEFAULT_SECTION_WEIGHT)
    return _STRENGTH[where, e.matcher == "semantic", e.proficiency == "basic"]


def _strength(where: float, semantic: bool, basic: bool) -> float:
    """The product of a counting mention's factor values, in :func:`mention_factors`' order, rounded."""
    v = 1.0 * where
    v *= SEMANTIC_FACTOR if semantic else 1.0
    if basic:
        v *= BASIC_FACTOR
    return round(v, 4)


# what a counting mention is worth, for each of the few weights of where it stands, and how sure and how
# well (tests/test_scoring_fast.py compares it with the product of mention_factors' values)
_STRENGTH = {(w, semantic, basic): _strength(w, semantic, basic)
             for w in {IN_POSITION_WEIGHT, DEFAULT_SECTION_WEIGHT, *SECTION_WEIGHT.values()}
             for semantic in (False, True) for basic in (False, True)}


# --------------------------------------------------------------------------- wording helpers


def _fmt_years(y: float) -> str:
    return f"{y:.1f}".rstrip("0").rstrip(".") if y else "0"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _years(positions: list[Position]) -> tuple[int | None, int | None, bool]:
    """The first start year, the last end year and whether one of the positions is current."""
    first = last = None
    cur = False
    for p in positions:
        d = p.dates
        if d:
            if d.start and (first is None or d.start.year < first):
                first = d.start.year
            if d.end and (last is None or d.end.year > last):
                last = d.end.year
            cur = cur or d.current
    return first, last, cur


def _span_text(first: int | None, last: int | None, cur: bool) -> str:
    if first is None or last is None:
        return ""
    lo, hi = first, ("present" if cur else str(last))
    return f"{lo}–{hi}" if str(lo) != hi else str(lo)


def _span(positions: list[Position]) -> str:
    """The years the positions cover: "2016–2019", "2021–present" or "2018"; "" without a start or an end."""
    return _span_text(*_years(positions))


def _role_name(p: Position) -> str:
    t = p.title or "an untitled role"
    org = f" at {p.organisation}" if p.organisation else ""
    span = _span([p])
    return f"{t}{org}" + (f" ({span})" if span else "")


def _quote(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return "“" + (s if len(s) <= n else s[: n - 1].rstrip() + "…") + "”"


# --------------------------------------------------------------------------- requirement evaluators

Result = tuple[str, float, tuple[str, ...], str]


def _strongest_first(mention: tuple[float, Evidence]) -> tuple[float, int]:
    """Sort key of (strength, evidence) pairs: the strongest first, then in reading order."""
    return -mention[0], mention[1].start


def _eval_skill(req: SkillRequirement, mentions: dict[str, list[tuple[float, Evidence]]],
                profile: Profile, dumps: dict[str, int], skill_years: dict[str, float]) -> Result:
    """``mentions``: skill id -> its evidence items, each with its :func:`mention_strength`."""
    own = mentions.get(req.id, ())
    if not own and not any(sid in mentions for sid in req.implied_by):
        return "missing", 0.0, (), f"{req.label}: missing — no evidence found."
    # in one pass over the mentions that count (kept with their strength): the strongest one's value,
    # and what the explanation says - the dated roles and other sections that name the skill, whether
    # the Skills section lists it, whether any mention names it, the stated proficiencies and years
    counting: list[tuple[float, Evidence]] = []
    roles: set[int] = set()
    others: set[str] = set()
    levels: set[str | None] = set()
    stated: list[float] = []
    value, listed, named = 0.0, False, False
    for v, e in own:
        if v > 0:
            counting.append((v, e))
            if v > value:
                value = v
            if e.matcher != "semantic":
                named = True
                if e.position is not None:
                    roles.add(e.position)
                elif e.section == "skills":
                    listed = True
                elif e.section is not None:
                    others.add(e.section)
            levels.add(e.proficiency)
            for c in e.context:
                if c.category == "YEARS" and c.value:
                    stated.append(c.value)
    if len(roles) >= 2 or (roles and listed):
        value = max(value, 1.0)
    if (value >= MET and req.min_mentions_for_met > 1  # one counting mention is one distinct mention
            and len({(e.start, e.end) for _, e in counting}) < req.min_mentions_for_met):
        value = MET - 0.01
    # implied by other requirements' evidence: half of the strongest such mention
    implied_best, implied_ev = 0.0, []
    for sid in req.implied_by:
        for s, e in mentions.get(sid, ()):
            if s > 0:
                implied_ev.append((s, e))
                if s > implied_best:
                    implied_best = s
    implied_value = round(IMPLIED_FACTOR * implied_best, 4) if implied_best else 0.0
    facts = (counting, named, roles, listed, others, levels, stated, profile)
    if counting and value >= implied_value:
        status = "met" if value >= MET else "partial"
        ids = ((counting[0][1].id,) if len(counting) == 1 else
               tuple(e.id for _, e in sorted(counting, key=_strongest_first)))
        return status, value, ids, f"{req.label}: {status} — {_describe_skill(*facts, skill_years.get(req.id, 0.0))}."
    if implied_value > 0:
        implied_ev.sort(key=_strongest_first)
        ids = tuple(e.id for _, e in implied_ev[:5])
        labels = sorted({e.label for _, e in implied_ev})
        weak = f"; its own mentions are weaker ({_describe_skill(*facts, 0.0)})" if counting else ""
        return "partial", implied_value, ids, (f"{req.label}: partial — implied by {', '.join(labels)}, not named "
                                               f"directly{weak}.")
    own = [e for _, e in own]
    negated = [e for e in own if e.negated]
    wished = [e for e in own if e.hypothetical and not e.negated]
    dumped = [e for e in own if e.id in dumps]
    if negated:
        note = f"the resume says the candidate lacks it ({_quote(negated[0].text)} is negated)"
    elif wished:
        note = f"mentioned only as something to learn ({_quote(wished[0].text)})"
    elif dumped:
        note = f"only inside a keyword dump of {dumps[dumped[0].id]} requirements with no context, which earns nothing"
    else:
        note = "no evidence found"
    ids = tuple(e.id for e in negated + wished + dumped)
    return "missing", 0.0, ids, f"{req.label}: missing — {note}."


def _section_rank(section: str) -> int:
    return _SECTION_RANK.get(section, 99)


def _describe_skill(counting: list[tuple[float, Evidence]], named: bool, roles: set[int], listed: bool,
                    others: set[str], levels: set[str | None], stated: list[float], profile: Profile,
                    years: float) -> str:
    """What the mentions that count (``counting``) show, from the facts :func:`_eval_skill` gathers."""
    parts: list[str] = []
    if roles:
        positions = profile.positions
        first, last, cur = _years([positions[i] for i in roles if i < len(positions)])
        span = _span_text(first, last, cur)
        extra = ", ".join([x for x in (span, f"{_fmt_years(years)} years" if years else "") if x])
        parts.append(f"used in {_plural(len(roles), 'dated role')}" + (f" ({extra})" if extra else ""))
        if not cur and last:
            parts.append(f"last used {last}")
    if listed:
        parts.append("listed in Skills")
    if others:
        parts.append("mentioned in " + ", ".join(SECTION_NAMES.get(s, s) for s in sorted(others, key=_section_rank)))
    if not named:
        best = max((e for _, e in counting), key=lambda e: (e.position is not None, e.confidence))
        where = "a dated role" if best.position is not None else SECTION_NAMES.get(best.section or "", "the text")
        parts.append(f"described but not named, in {where}: {_quote(best.text, 70)}")
    if stated:
        parts.append(f"states {_fmt_years(max(stated))} years")
    if "expert" in levels:
        parts.append("expert level stated")
    elif "advanced" in levels:
        parts.append("advanced level stated")
    elif levels == {"basic"}:
        parts.append("basic knowledge only")
    return ", ".join(parts)


def _eval_any_of(req: AnyOfRequirement, results: dict[str, Result], labels: dict[str, str]) -> Result:
    met = [s for s in req.of if results.get(s, ("missing", 0.0))[1] >= MET]
    part = [s for s in req.of if 0 < results.get(s, ("missing", 0.0))[1] < MET]
    score = min(1.0, (len(met) + 0.5 * len(part)) / req.min_count)
    ids = tuple(i for s in met + part for i in results[s][2][:2])
    names = ", ".join(labels[s] for s in met) or "none"
    if len(met) >= req.min_count:
        return "met", 1.0, ids, f"{req.label}: met — {len(met)} of the listed met ({names}); {req.min_count} needed."
    if score > 0:
        extra = f"; partly: {', '.join(labels[s] for s in part)}" if part else ""
        return ("partial", round(min(score, MET - 0.01), 4), ids,
                f"{req.label}: partial — {len(met)} of {req.min_count} needed met ({names}){extra}.")
    return "missing", 0.0, (), f"{req.label}: missing — none of {', '.join(labels[s] for s in req.of)} found."


def _eval_degree(req: DegreeRequirement, profile: Profile, relevance: dict[str, str]) -> Result:
    need = DEGREE_ORDER.index(req.min_level)
    best: tuple[float, str] = (0.0, "")
    for e in profile.education:
        if not e.level or DEGREE_ORDER.index(e.level) < need:
            continue
        deg = e.degree or e.level
        inst = e.institution if e.institution and len(e.institution) <= 60 and deg not in e.institution else None
        where = ", ".join(str(x) for x in (inst, e.year) if x)
        where = f" ({where})" if where else ""
        field = e.field_text or "an unstated field"
        if e.status != "completed":
            cand = (0.5, f"partial — {deg} in {field}{where} is not completed yet")
        elif not req.fields or e.field in req.fields:
            cand = (1.0, f"met — {deg} in {field}{where}")
        elif e.field and relevance.get(e.field) in ("core", "related") and req.related_ok:
            cand = (0.9, f"met — {deg} in {field}{where}, a related field")
        else:
            cand = (0.5, f"partial — {deg}{where} found, but its field ({field}) is not one the role names")
        if cand[0] > best[0]:
            best = cand
    if best[0] == 0:
        have = profile.highest_degree or "none found"
        return "missing", 0.0, (), f"{req.label}: missing — highest completed degree found: {have}."
    status = best[1].split(" ", 1)[0]
    return status, best[0], (), f"{req.label}: {best[1]}."


_MEASURE = {
    "total": ("years of full-time work", "dated full-time role", lambda p: p.kind == "full_time"),
    "ai_ml": ("years in AI/ML roles", "dated AI/ML role", lambda p: p.kind == "full_time" and p.ai_ml),
    "architecture": ("years designing AI/ML systems", "dated AI/ML design or architecture work",
                     lambda p: p.kind == "full_time" and p.ai_ml),
    "leadership": ("years leading AI/ML work", "dated leadership of AI/ML work",
                   lambda p: p.kind == "full_time" and p.leadership_range is not None and p.ai_ml),
}


_MEASURE_FIELD = {"total": "total_experience_years", "ai_ml": "ai_ml_years", "architecture": "architecture_years"}


def ai_leadership_years(profile: Profile) -> float:
    """Leadership years within AI/ML work: the profile's leadership years minus the years that only
    non-AI leadership roles cover (a head chef's 9 years of leading a kitchen do not count)."""
    lead = [p.leadership_range for p in profile.positions if p.kind == "full_time" and p.leadership_range]
    if not lead:  # no leadership role at all: nothing to subtract
        return max(0.0, round(profile.leadership_years, 4))
    non_ai = merge_years(lead) - merge_years(p.leadership_range for p in profile.positions
                                             if p.kind == "full_time" and p.leadership_range and p.ai_ml)
    return max(0.0, round(profile.leadership_years - max(0.0, non_ai), 4))


def measure_years(profile: Profile, measure: str) -> float:
    if measure == "leadership":
        return ai_leadership_years(profile)
    return getattr(profile, _MEASURE_FIELD[measure])


def _need(req: ExperienceRequirement) -> str:
    """The years an experience requirement asks for, as its explanation states them."""
    return f"{_fmt_years(req.min_years)}–{_fmt_years(req.max_years)}" if req.max_years else f"≥ {_fmt_years(req.min_years)}"


def _eval_experience(req: ExperienceRequirement, profile: Profile, need: str) -> Result:
    """``need``: :func:`_need` of ``req`` (the plan has it)."""
    years = measure_years(profile, req.measure)
    what, none, flag = _MEASURE[req.measure]
    source = ""
    if years > 0:  # the roles the years come from
        roles = [p for p in profile.positions if p.dates and flag(p)]
        roles.sort(key=lambda p: (p.dates.start or p.dates.end), reverse=True)
        if roles:
            shown = "; ".join(_role_name(p) for p in roles[:3]) + ("; …" if len(roles) > 3 else "")
            source = f" as {shown}" if len(roles) == 1 else f": {shown}"
    if req.measure == "leadership" and source:
        stated = [p.lead_dates.text for p in roles[:3] if not p.leadership and p.lead_dates is not None]
        if stated:  # the role is not a leadership role: a bullet says how long the candidate led
            source += " (stated: " + "; ".join(_quote(s, 60) for s in stated) + ")"
    if req.measure == "architecture" and source:
        source = f" (AI/ML roles with design or architecture work{source.replace(' as ', ': ', 1)})"
    have = _fmt_years(years)
    if have == "1":
        what = what.replace("years", "year", 1)
    if req.min_years == 0 or years >= req.min_years:
        return "met", 1.0, (), f"{req.label}: met — {have} {what}{source} (needs {need})."
    v = round(years / req.min_years, 4)
    if v > 0:
        return "partial", v, (), f"{req.label}: partial — {have} {what}{source} (needs {need})."
    extra = ""
    if req.measure == "leadership" and profile.leadership_years > 0:
        extra = f"; {_fmt_years(profile.leadership_years)} years of leadership outside AI/ML do not count"
    return "missing", 0.0, (), f"{req.label}: missing — no {none} found (needs {need}){extra}."


# --------------------------------------------------------------------------- points


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


class _Plan:
    """What scoring needs from one role, worked out once per role object (see :func:`_plan`).

    Most of a role's skill requirements have no evidence in a given resume. Such a requirement's
    result, requirement line and gap ordering key do not depend on the resume, so they are built here
    once and shared (they are immutable); so are those of an any-of requirement none of whose skills
    has evidence. An assessment evaluates only the skill requirements that evidence touches
    (``touched_by``), the any-of requirements of those, and the degree and experience requirements.
    """

    def __init__(self, role, ladder) -> None:
        reqs = tuple(role.requirements)
        self.role = role
        self.reqs = reqs
        self.maxes = _max_points(role)
        self.labels = {r.id: r.label for r in reqs}
        self.relevance = {f.id: f.relevance for f in role.fields_of_study}
        self.by_id: dict[str, object] = {}
        for q in reqs:
            self.by_id.setdefault(q.id, q)  # the first one, as Role.requirement(id)
        self.suggestions = {r.id: tuple(r.suggestions) for r in reqs}
        skill = [isinstance(r, SkillRequirement) for r in reqs]
        # the requirements every assessment evaluates: they read the profile
        self.degrees = tuple(i for i, r in enumerate(reqs) if isinstance(r, DegreeRequirement))
        self.experiences = tuple(i for i, r in enumerate(reqs) if isinstance(r, ExperienceRequirement))
        self.needs = {i: _need(reqs[i]) for i in self.experiences}
        # skill id -> the skill requirements whose value its evidence can change (its own, and those
        # it implies)
        touched_by: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(reqs):
            if skill[i]:
                for sid in dict.fromkeys((r.id, *r.implied_by)):
                    touched_by[sid].append(i)
        self.touched_by = {k: tuple(v) for k, v in touched_by.items()}
        # a skill requirement with no evidence of its own and none of the skills that imply it, and an
        # any-of requirement none of whose skills has evidence: its result, its requirement line, and
        # the ordering key of its gap
        self.base_results: list[Result | None] = [None] * len(reqs)
        self.base_lines: list[RequirementResult | None] = [None] * len(reqs)
        fixed_keys = []
        # the ordering key of a gap whose requirement is missing (0 points), where it does not depend
        # on the resume (experience gaps cost more the more years are missing)
        self.missing_keys: list[tuple | None] = [None] * len(reqs)
        for i, r in enumerate(reqs):
            if not isinstance(r, ExperienceRequirement):
                mx = self.maxes[r.id]
                missing = RequirementResult(id=r.id, label=r.label, category=r.category, importance=r.importance,
                                            weight=r.weight, status="missing", evidence=(), explanation="", value=0.0,
                                            points=0.0, max_points=mx)
                self.missing_keys[i] = _gap_key(missing, effort(r, missing, None))
            if not skill[i]:
                continue
            self.base_results[i] = ("missing", 0.0, (), f"{r.label}: missing — no evidence found.")
        index = {}
        for i, r in enumerate(reqs):
            index.setdefault(r.id, i)
        # any-of requirement index -> the indices of its skills
        self.any_of = {i: tuple(index[sid] for sid in r.of) for i, r in enumerate(reqs) if isinstance(r, AnyOfRequirement)}
        self.from_profile = frozenset(self.degrees + self.experiences)
        base_by_id = {r.id: self.base_results[i] for i, r in enumerate(reqs) if skill[i]}
        for i in self.any_of:
            self.base_results[i] = _eval_any_of(reqs[i], base_by_id, self.labels)
        for i, r in enumerate(reqs):
            if self.base_results[i] is None:
                continue
            line = self.base_lines[i] = _line(r, self.base_results[i], self.maxes[r.id])
            if line.status != "met":
                fixed_keys.append((_gap_key(line, effort(r, line, None)), i, True))
        # (the requirements with no base line are evaluated for every resume)
        self.base_points = tuple(line.points if line is not None else 0.0 for line in self.base_lines)
        self.fixed_keys = sorted(fixed_keys)  # in gap order: (key, requirement index, its Gap is shared)
        # [requirement index][priority] -> the Gap of a missing requirement (0 points): it depends on
        # nothing else; filled as assessments meet them
        self.missing_gaps: list[list[Gap | None]] = [[None] * (len(reqs) + 1) for _ in reqs]
        # categories in the role's order, each with its requirements' indices (in the role's order)
        groups: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(reqs):
            groups[r.category].append(i)
        self.categories = []  # (category, its requirements' indices, its max points, its CategoryScore at 0 points)
        for c in role.categories:
            if groups.get(c.id):
                mx = round(sum(self.maxes[reqs[i].id] for i in groups[c.id]), 1)
                self.categories.append((c, tuple(groups[c.id]), mx, CategoryScore(id=c.id, label=c.label,
                                                                                   points=round(0.0, 1), max_points=mx)))
        # requirement index -> its category's position; each category's line where no requirement of it is
        # evaluated for the resume
        self.category_of = {i: k for k, (_, idx, _, _) in enumerate(self.categories) for i in idx}
        self.base_categories = tuple(_category_line(entry, self.base_points) for entry in self.categories)
        self.title_patterns = tuple(tuple(re.compile(p, re.I) for p in lv.title_patterns) for lv in ladder.levels)
        # per ladder level: its reference and its salary lines (immutable, shared by the assessments)
        self.level_refs = tuple(LevelRef(lv.id, lv.title) for lv in ladder.levels)
        self.salaries = tuple(_salary(lv) for lv in ladder.levels)
        self.required = tuple(i for i, r in enumerate(reqs) if r.importance == "required")


_PLANS = PerObject(_Plan)


def _plan(bundle: RoleBundle) -> _Plan:
    """The role's :class:`_Plan`, built once per (role, ladder) object pair."""
    return _PLANS(bundle.role, bundle.ladder)


def _evaluate(plan: _Plan, profile: Profile, evidence: tuple[Evidence, ...], dumps: dict[str, int]
              ) -> tuple[list[Result], set[int], dict[str, list[tuple[float, Evidence]]]]:
    """Each requirement's result, in the role's order, the indices of the requirements evaluated for
    this resume (the others have ``plan.base_results``' result), and each skill's evidence with what each
    mention is worth."""
    mentions: dict[str, list[tuple[float, Evidence]]] = defaultdict(list)  # what each mention is worth, once
    for e in evidence:
        mentions[e.skill_id].append((mention_strength(e, profile, dumps), e))
    touched: set[int] = set()
    touched_by = plan.touched_by
    for sid in mentions:
        touched.update(touched_by.get(sid, ()))
    reqs = plan.reqs
    results = list(plan.base_results)
    skill_years = dict(profile.skill_years)
    for i in touched:
        results[i] = _eval_skill(reqs[i], mentions, profile, dumps, skill_years)
    own = touched | plan.from_profile
    for i, members in plan.any_of.items():
        if not touched.isdisjoint(members):  # else plan.base_results[i]: none of its skills has evidence
            results[i] = _eval_any_of(reqs[i], {reqs[j].id: results[j] for j in members}, plan.labels)
            own.add(i)
    for i in plan.degrees:
        results[i] = _eval_degree(reqs[i], profile, plan.relevance)
    for i in plan.experiences:
        results[i] = _eval_experience(reqs[i], profile, plan.needs[i])
    return results, own, mentions


def evaluate(profile: Profile, evidence: tuple[Evidence, ...], bundle: RoleBundle,
             dumps: dict[str, int] | None = None) -> dict[str, Result]:
    """Requirement id -> (status, value, evidence ids, explanation). ``dumps`` is
    ``keyword_dumps(evidence)`` when the caller has it already."""
    plan = _plan(bundle)
    results, _, _ = _evaluate(plan, profile, evidence, keyword_dumps(evidence) if dumps is None else dumps)
    return {r.id: res for r, res in zip(plan.reqs, results) if res is not None}


def max_points(bundle: RoleBundle) -> dict[str, float]:
    """Requirement id -> max points (computed once per role object)."""
    return dict(_plan(bundle).maxes)


def _max_points(role) -> dict[str, float]:
    reqs = role.requirements
    total_w = sum(r.weight for r in reqs)
    return dict(zip((r.id for r in reqs), _largest_remainder([100.0 * r.weight / total_w for r in reqs], 100.0)))


def points_for(max_pts: float, value: float) -> float:
    """max_points x value rounded half-up to 0.1: monotone in value, never above the maximum."""
    return math.floor(max_pts * value * 10 + 0.5 + 1e-9) / 10


def _line(r, result: Result, max_pts: float) -> RequirementResult:
    """Requirement ``r``'s line in the assessment, for its ``result`` (status, value, evidence ids,
    explanation). Built with :func:`analyzer.types.filled` (14 to 36 per resume on average;
    ``tests/test_scoring_fast.py`` compares it with the constructor)."""
    status, value, ids, expl = result
    return filled(RequirementResult, {
        "id": r.id, "label": r.label, "category": r.category, "importance": r.importance, "weight": r.weight,
        "status": status, "evidence": ids, "explanation": expl, "value": round(value, 4),
        "points": points_for(max_pts, value), "max_points": max_pts})


def _category_line(category: tuple, pts: list[float] | tuple[float, ...]) -> CategoryScore:
    """A category's line (``category``: an entry of ``_Plan.categories``) for the requirements' points
    ``pts``: the sum of its requirements' points, in the role's order. Built with
    :func:`analyzer.types.filled`."""
    c, idx, mx, zero = category
    got = round(sum(map(pts.__getitem__, idx)), 1)
    return zero if got == 0.0 else filled(CategoryScore, {"id": c.id, "label": c.label, "points": got, "max_points": mx})


def assess(profile: Profile, evidence: tuple[Evidence, ...], bundle: RoleBundle, *,
           dumps: dict[str, int] | None = None) -> Assessment:
    """``dumps``: ``keyword_dumps(evidence)``, when the caller has it already (it is computed otherwise)."""
    plan = _plan(bundle)
    if dumps is None:
        dumps = keyword_dumps(evidence)
    results, evaluated, mentions = _evaluate(plan, profile, evidence, dumps)
    maxes = plan.maxes
    reqs = list(plan.base_lines)
    pts = list(plan.base_points)
    own = sorted(evaluated)  # the lines that depend on this resume
    for i in own:
        r = plan.reqs[i]
        line = reqs[i] = _line(r, results[i], maxes[r.id])
        pts[i] = line.points
    total = sum(pts)
    score = round(total, 1)
    cats = list(plan.base_categories)
    for k in {plan.category_of.get(i) for i in own}:
        if k is not None:
            cats[k] = _category_line(plan.categories[k], pts)
    gaps = _ordered_gaps(plan, reqs, own, profile)
    career = _career_step(plan, profile, _ai_skills(itertools.chain.from_iterable(mentions.values())), reqs, total, gaps,
                          bundle)
    return Assessment(score=score, requirements=tuple(reqs), categories=tuple(cats), gaps=gaps, career=career)


# --------------------------------------------------------------------------- gaps


_IMPORTANCE_RANK = {"required": 0, "preferred": 1, "bonus": 2}


def effort(req, result: RequirementResult, profile: Profile | None) -> float:
    """A rough cost of closing a gap (1 = cheapest): showing a skill you half have is cheap;
    a skill to learn costs more; years of experience and degrees cost the most."""
    if isinstance(req, SkillRequirement):
        return 1.0 if result.status == "partial" else 2.0
    if isinstance(req, AnyOfRequirement):
        return 2.0 if result.status == "partial" else 3.0
    if isinstance(req, ExperienceRequirement):
        missing = max(0.0, req.min_years - measure_years(profile, req.measure))
        return 3.0 + missing
    return 8.0  # a degree


def _gap_key(r: RequirementResult, cost: float) -> tuple:
    """Required first, cheapest first; then the others by points per unit of effort. Keys end with the
    requirement id, so no two are equal."""
    avail = r.max_points - r.points
    if r.importance == "required":
        return (0, cost, -avail, r.id)
    return (1, -avail / cost, cost, r.id)


def _gaps(reqs: list[RequirementResult], bundle: RoleBundle, profile: Profile) -> tuple[Gap, ...]:
    """Unmet requirements in the order to work on them: required first, cheapest first; then the
    preferred and bonus ones by points per unit of effort (the cheapest wins)."""
    plan = _plan(bundle)
    own = [i for i, r in enumerate(reqs) if r is not plan.base_lines[i]]
    return _ordered_gaps(plan, reqs, own, profile)


def _ordered_gaps(plan: _Plan, reqs: list[RequirementResult], own: list[int], profile: Profile) -> tuple[Gap, ...]:
    """:func:`_gaps` where ``reqs[i]`` is ``plan.base_lines[i]`` for every index ``i`` not in ``own``:
    those come in the plan's order and are merged with the others."""
    own_set = set(own)
    keyed = [ki for ki in plan.fixed_keys if ki[1] not in own_set]  # in order; the others go in their place
    missing_keys = plan.missing_keys
    for i in own:
        r = reqs[i]
        status = r.status
        if status == "met":
            continue
        # a missing requirement (as a base line is) has the same Gap whenever it has the same priority
        missing = status == "missing" and r.points == 0.0
        k = missing_keys[i] if missing else None
        insort(keyed, (_gap_key(r, effort(plan.by_id[r.id], r, profile)) if k is None else k, i, missing))
    suggestions, shared = plan.suggestions, plan.missing_gaps
    return tuple([(shared[i][prio] or _shared_gap(shared, reqs[i], prio, suggestions, i)) if same
                  else _gap(reqs[i], prio, suggestions[reqs[i].id])
                  for prio, (_, i, same) in enumerate(keyed, 1)])


def _shared_gap(shared: list[list[Gap | None]], r: RequirementResult, priority: int,
                suggestions: dict[str, tuple[str, ...]], i: int) -> Gap:
    g = shared[i][priority] = _gap(r, priority, suggestions[r.id])
    return g


def _gap(r: RequirementResult, priority: int, suggestions: tuple[str, ...]) -> Gap:
    """Built with :func:`analyzer.types.filled` (``tests/test_scoring_fast.py`` compares it with the constructor)."""
    return filled(Gap, {"requirement_id": r.id, "label": r.label, "category": r.category, "importance": r.importance,
                        "status": r.status, "points_available": round(r.max_points - r.points, 1),
                        "suggestions": suggestions, "priority": priority})


# --------------------------------------------------------------------------- career step


def _title_level(title: str | None, plan: _Plan) -> int | None:
    if not title:
        return None
    levels = plan.title_patterns
    for i in range(len(levels) - 1, -1, -1):  # the highest level whose patterns match
        if any(p.search(title) for p in levels[i]):
            return i
    return None


def _salary(level) -> tuple[Salary, ...]:
    s = level.salary
    if s is None:
        return ()
    return (Salary(title=level.title, currency=s.currency, region=s.region, year=s.year, average=s.average,
                   low=s.low, high=s.high, note=s.note),)


# Which requirement categories each level's step is mostly about, from the role description's
# "Career Development" section (e.g. AI Engineer: "Design and implement sophisticated AI models,
# optimize algorithms, contribute to architectural decisions, collaborate with cross-functional
# teams"; Senior: "deep expertise ... lead AI projects and mentor junior engineers"; AI Team Lead /
# Director: "oversee organizational AI strategy, lead teams"). Lead AI Engineer is the role itself:
# all of its requirements matter. Unknown level ids fall back to all categories.
NEXT_LEVEL_FOCUS: dict[str, tuple[str, ...] | None] = {
    "junior_ai_engineer": ("programming", "ai_domains", "ml_frameworks"),
    "ai_engineer": ("programming", "ai_domains", "ml_frameworks", "ml_engineering", "data_cloud"),
    "senior_ai_engineer": ("ai_domains", "ml_frameworks", "ml_engineering", "data_cloud", "data_governance", "leadership"),
    "lead_ai_engineer": None,
    "ai_director": ("leadership", "responsible_ai", "data_governance", "communication_soft"),
}


def _focus(gaps: Iterable[Gap], level_id: str, n: int = 6) -> list[Gap]:
    """The first ``n`` of the gaps that matter for the step to ``level_id`` (in gap priority order), then of
    the rest. Reads ``gaps`` once, and only as far as needed."""
    cats = NEXT_LEVEL_FOCUS.get(level_id)
    if cats is None:
        return list(itertools.islice(gaps, n))
    first, rest = [], []
    for g in gaps:
        if g.category in cats:
            first.append(g)
            if len(first) == n:  # the rest would be cut off
                return first
        elif len(rest) < n:
            rest.append(g)
    return (first + rest)[:n]


_OFF_TARGET = LevelRef("off_target", "Not yet on the AI engineering ladder")


def _gap_line(g: Gap) -> str:
    kind = "required" if g.importance == "required" else ("quick win" if g.status == "partial" else g.importance)
    return f"{g.label} ({kind}, +{g.points_available:.1f} points): {g.suggestions[0]}"


def career_step(profile: Profile, evidence: tuple[Evidence, ...], reqs: list[RequirementResult],
                gaps: tuple[Gap, ...], bundle: RoleBundle, *, dumps: dict[str, int] | None = None) -> Career:
    """Where the resume sits on the ladder, why, and what the next level takes (prioritised).
    ``dumps``: ``keyword_dumps(evidence)``, when the caller has it already."""
    if dumps is None:
        dumps = keyword_dumps(evidence)
    ai_skills = _ai_skills((mention_strength(e, profile, dumps), e) for e in evidence)
    return _career_step(_plan(bundle), profile, ai_skills, reqs, sum([r.points for r in reqs]), gaps, bundle)


def _ai_skills(mentions: Iterable[tuple[float, Evidence]]) -> set[str]:
    """The AI/ML skills (``AI_CATEGORIES``) named by a mention that counts, from (strength, evidence) pairs."""
    return {e.skill_id for v, e in mentions if e.category in AI_CATEGORIES and e.matcher != "semantic" and v > 0}


def _career_step(plan: _Plan, profile: Profile, ai_mentions: set[str], reqs: list[RequirementResult], points: float,
                 gaps: tuple[Gap, ...], bundle: RoleBundle) -> Career:
    """:func:`career_step`, given the bundle's plan, the AI/ML skills named and the sum of the requirements'
    points."""
    ladder = bundle.ladder
    levels = ladder.levels
    n_req_met = sum([reqs[i].status == "met" for i in plan.required])
    fit = (f"Fit with {bundle.role.title}: {points:.1f}/100, "
           f"{n_req_met} of {len(plan.required)} required items met.")
    reasons: list[str] = []
    if profile.ai_ml_years == 0 and len(ai_mentions) < 3:
        first = levels[0]
        reasons.append(f"This resume shows no AI/ML work: {_plural(len(ai_mentions), 'AI/ML skill')} named and no "
                       f"dated AI/ML role, so it is not on the {ladder.title} yet.")
        other = [x for x in (f"{_fmt_years(profile.total_experience_years)} years of work" if profile.total_experience_years else "",
                             f"{_fmt_years(profile.leadership_years)} years leading people" if profile.leadership_years else "")
                 if x]
        if other:
            reasons.append(f"What carries over: {' and '.join(other)} — real experience, but not in AI/ML, so it does "
                           f"not count towards this ladder until it is.")
        reasons.append(fit)
        todo = [f"Entry step: {ladder.entry_step}"]
        todo += [f"{first.title} expectation: {x}" for x in first.expectations]
        todo += [_gap_line(g) for g in _focus((g for g in gaps if g.importance == "required"), first.id, 3)]
        return Career(current_level=_OFF_TARGET, next_level=plan.level_refs[0], reasons=tuple(reasons),
                      to_next_level=tuple(todo), salary=plan.salaries[0], on_target=False)
    years = profile.ai_ml_years
    lead = ai_leadership_years(profile)
    by_years = 0
    for i, lv in enumerate(levels):
        if years + 0.25 >= lv.min_years and lead + 0.25 >= lv.min_leadership_years:
            by_years = i
    reasons.append(f"{_fmt_years(profile.ai_ml_years)} years in AI/ML roles and {_fmt_years(lead)} leading AI/ML "
                   f"work ({_fmt_years(profile.total_experience_years)} years of work in total) fit "
                   f"{levels[by_years].title} (from {_fmt_years(levels[by_years].min_years)} years in AI/ML"
                   + (f" and {_fmt_years(levels[by_years].min_leadership_years)} leading" if levels[by_years].min_leadership_years else "")
                   + ").")
    by_title = _title_level(profile.current_title, plan)
    idx = by_years
    if by_title is not None:
        # a title counts up to one level above what the years support, and never below by more than one
        idx = max(min(by_title, by_years + 1), by_years - 1)
        idx = max(0, min(idx, len(levels) - 1))
        t = profile.current_title
        if by_title == by_years:
            reasons.append(f"The current title “{t}” reads as {levels[by_title].title} too.")
        elif by_title == idx:
            reasons.append(f"The current title “{t}” reads as {levels[by_title].title}; a title may move the estimate "
                           f"one level from what the years alone support, so the level is {levels[idx].title}.")
        else:
            reasons.append(f"The current title “{t}” reads as {levels[by_title].title}, but a title may move the "
                           f"estimate only one level from what the years support, so the level is {levels[idx].title}.")
    reasons.append(fit)
    current = levels[idx]
    nxt = levels[idx + 1] if idx + 1 < len(levels) else None
    todo: list[str] = []
    if nxt is not None:
        if profile.ai_ml_years < nxt.min_years:
            todo.append(f"Experience: {nxt.title} usually has {_fmt_years(nxt.min_years)}+ years in AI/ML "
                        f"(you have {_fmt_years(profile.ai_ml_years)}).")
        if lead < nxt.min_leadership_years:
            todo.append(f"Leadership: {nxt.title} expects {_fmt_years(nxt.min_leadership_years)}+ years leading "
                        f"AI/ML people or projects (you have {_fmt_years(lead)}).")
        todo.append(f"Scope of {nxt.title}: {' '.join(nxt.scope.split())}")
    else:
        todo.append(f"{current.title} is the top of this ladder; what is left are the role's open items below.")
    todo += [_gap_line(g) for g in _focus(gaps, nxt.id if nxt else current.id)]
    sal = plan.salaries[idx] + (plan.salaries[idx + 1] if nxt else ())
    return Career(current_level=plan.level_refs[idx],
                  next_level=plan.level_refs[idx + 1] if nxt else None, reasons=tuple(reasons),
                  to_next_level=tuple(todo), salary=sal, on_target=True)
