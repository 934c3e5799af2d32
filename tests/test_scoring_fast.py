"""The fast paths of the scorer give what the plain computations they replace give. Each test states the
plain reference and compares on realistic input: the analysed samples/*.txt (with keyword dumps added
to them, so the dump code is exercised without ../shared), generated evidence, and the dotin resumes
when ../shared is present."""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer import scoring
from analyzer.scoring import DUMP_MAX_GAP, DUMP_MIN_MENTIONS, DUMP_MIN_SKILLS, DUMP_SKIP_GAP, keyword_dumps
from analyzer.taxonomy.models import SkillRequirement
from analyzer.types import CategoryScore, Evidence, Gap, RequirementResult

from conftest import AS_OF, SAMPLES
from test_scoring import BUNDLE, cases, profiles

# the lists the end-to-end tests of test_scoring.py append to a resume: one names many requirements,
# one cycles through ten names
_BREADTH = ["Kubernetes", "Docker", "NLP", "computer vision", "time series", "MLOps", "CI/CD", "Java", "Scala", "C++",
            "Go", "Azure", "AWS", "GCP", "Spark", "Hadoop", "TensorFlow", "PyTorch", "Keras", "scikit-learn", "SHAP",
            "model monitoring", "disaster recovery", "data governance", "GDPR", "mentoring", "workshops",
            "technical documentation", "capacity planning", "cross-functional", "stakeholder management",
            "project management", "A/B testing", "feature store", "LLM", "anomaly detection", "statistics"]
_CYCLED = ["Kubernetes", "Terraform", "Kafka", "Java", "Scala", "Snowflake", "Databricks", "Azure", "Hadoop", "GDPR"]


def _sample_texts() -> list[str]:
    """The samples, and each sample with a keyword dump appended (one of each kind, and one split by a
    word that is no alias, as a chain that joins a dump)."""
    out = []
    for p in sorted(SAMPLES.glob("*.txt")):
        text = p.read_text("utf-8").rstrip("\n")
        out += [text, text + "\n\n" + ", ".join(_BREADTH) + "\n",
                text + "\n" + ", ".join(_CYCLED[k % len(_CYCLED)] for k in range(200)) + "\n",
                text + "\n\n" + ", ".join(_BREADTH[:30]) + ", woodworking, " + ", ".join(_BREADTH[30:]) + "\n"]
    return out


@pytest.fixture(scope="module")
def sample_reports(analyzer_default):
    return [analyzer_default.analyze_text(t, as_of=AS_OF) for t in _sample_texts()]


@pytest.fixture(scope="module")
def dotin_reports(analyzer_default, shared_dir):
    path = shared_dir / "eval" / "dotin" / "train.jsonl"
    if not path.is_file():
        pytest.skip("../shared/eval/dotin/train.jsonl is not present")
    texts = [json.loads(x)["content"] for x in path.read_text("utf-8").splitlines() if x.strip()]
    return [analyzer_default.analyze_text(t, as_of=AS_OF) for t in texts]


# --------------------------------------------------------------------------- keyword dumps


def _keyword_dumps_reference(evidence) -> dict[str, int]:
    """keyword_dumps without its shortcuts: every chain goes through the grouping and the dump tests."""
    items = sorted((e for e in evidence if e.matcher != "semantic"), key=lambda e: (e.start, e.end, e.id))
    chains: list[list[Evidence]] = []
    chain: list[Evidence] = []
    reach = -10**9
    for e in items:
        if chain and e.start - reach > DUMP_MAX_GAP:
            chains.append(chain)
            chain, reach = [], -10**9
        chain.append(e)
        reach = max(reach, e.end)
    if chain:
        chains.append(chain)
    merged: list[list[Evidence]] = []
    last_end, last_dump = -10**9, False
    for c in chains:
        c_end = max(x.end for x in c)
        if merged and c[0].start - last_end <= DUMP_SKIP_GAP and (last_dump or scoring._is_dump(c)):
            merged[-1].extend(c)
            last_end, last_dump = max(last_end, c_end), True
        else:
            merged.append(list(c))
            last_end, last_dump = c_end, scoring._is_dump(c)
    out: dict[str, int] = {}
    spans = []
    for c in merged:
        n = len({e.skill_id for e in c})
        if scoring._is_dump(c):
            spans.append((min(e.start for e in c), max(e.end for e in c), n))
            out.update((e.id, n) for e in c)
    for e in evidence:
        if e.matcher == "semantic":
            for lo, hi, n in spans:
                if e.start < hi and lo < e.end:
                    out[e.id] = n
                    break
    return out


def _check_dumps(reports) -> int:
    dumped = 0
    for r in reports:
        got = keyword_dumps(r.evidence)
        assert got == _keyword_dumps_reference(r.evidence)
        dumped += bool(got)
    return dumped


def test_keyword_dumps_equal_the_plain_form_on_the_samples(sample_reports):
    dumped = _check_dumps(sample_reports)
    # not vacuous: the appended lists are dumps, the samples themselves are not
    assert dumped == 3 * len(sample_reports) // 4


def test_keyword_dumps_equal_the_plain_form_on_dotin(dotin_reports):
    _check_dumps(dotin_reports)


_SKILLS = [f"s{k}" for k in range(40)]


@st.composite
def _listed(draw):
    """Evidence as skills lists give it: runs (chains) of a few to 40 names a few characters apart (often
    about as many as a dump needs), of a
    few or of many skills, the runs one word (a few dozen characters) or more apart, a few sentence-level
    matches among them."""
    pool = _SKILLS[: draw(st.sampled_from([4, 12, 40]))]
    out, pos = [], 0
    for _ in range(draw(st.integers(0, 5))):
        in_turn = draw(st.booleans())  # the run names the pool's skills in turn (a list of different names)
        for k in range(draw(st.one_of(st.integers(1, 40), st.integers(DUMP_MIN_SKILLS - 2, DUMP_MIN_MENTIONS + 2)))):
            length = draw(st.integers(1, 12))
            semantic = draw(st.integers(0, 9)) == 0
            skill = pool[k % len(pool)] if in_turn else draw(st.sampled_from(pool))
            out.append(Evidence(id=f"e{len(out)}", skill_id=skill, label="x", category="c",
                                text=draw(st.sampled_from(["Kafka", "Java", "GDPR", "Go"])), start=pos,
                                end=pos + (60 if semantic else length), section="skills",
                                matcher="semantic" if semantic else "alias"))
            pos += length + draw(st.integers(0, DUMP_MAX_GAP))
        pos += draw(st.sampled_from([5, 20, DUMP_SKIP_GAP, DUMP_SKIP_GAP + 1, 100]))
    return tuple(out)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_listed())
def test_keyword_dumps_equal_the_plain_form_on_generated_lists(ev):
    assert keyword_dumps(ev) == _keyword_dumps_reference(ev)


def test_keyword_dumps_equal_the_plain_form_at_the_length_limits():
    """Lists of just under, at and just over the shortest dump, of different names or of a few cycled."""
    seen = set()
    for n in range(DUMP_MIN_SKILLS - 2, DUMP_MIN_MENTIONS + 3):
        for pool in (_SKILLS, _SKILLS[:3]):
            ev = tuple(Evidence(id=f"e{k}", skill_id=pool[k % len(pool)], label="x", category="c", text=pool[k % len(pool)],
                                start=8 * k, end=8 * k + 6, section="skills") for k in range(n))
            got = keyword_dumps(ev)
            assert got == _keyword_dumps_reference(ev), (n, len(pool))
            seen.add(bool(got))
    assert seen == {True, False}


# --------------------------------------------------------------------------- built objects


def _plain(obj):
    """``obj`` built again with its class's own constructor."""
    return type(obj)(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})


def _check_built(reports) -> None:
    for r in reports:
        a = r.assessment
        for x in a.requirements + a.gaps + a.categories:
            assert type(x) in (RequirementResult, Gap, CategoryScore)
            y = _plain(x)
            assert x == y and hash(x) == hash(y)
            assert list(vars(x).items()) == list(vars(y).items())
            with pytest.raises(dataclasses.FrozenInstanceError):
                x.id = "changed"


def test_requirement_lines_gaps_and_categories_equal_constructed_ones_on_the_samples(sample_reports):
    _check_built(sample_reports)


def test_requirement_lines_gaps_and_categories_equal_constructed_ones_on_dotin(dotin_reports):
    _check_built(dotin_reports)


# --------------------------------------------------------------------------- skill requirements


def _span_reference(positions) -> str:
    starts = [p.dates.start.year for p in positions if p.dates and p.dates.start]
    ends = [p.dates.end.year for p in positions if p.dates and p.dates.end]
    if not starts or not ends:
        return ""
    cur = any(p.dates and p.dates.current for p in positions)
    lo, hi = min(starts), ("present" if cur else str(max(ends)))
    return f"{lo}–{hi}" if str(lo) != hi else str(lo)


def _describe_skill_reference(counting, named, roles, listed, profile, years) -> str:
    parts = []
    if roles:
        ps = [profile.positions[i] for i in sorted(roles) if i < len(profile.positions)]
        span = _span_reference(ps)
        extra = ", ".join(x for x in (span, f"{scoring._fmt_years(years)} years" if years else "") if x)
        parts.append(f"used in {scoring._plural(len(roles), 'dated role')}" + (f" ({extra})" if extra else ""))
        if ps and not any(p.dates and p.dates.current for p in ps):
            last = max((p.dates.end.year for p in ps if p.dates and p.dates.end), default=None)
            if last:
                parts.append(f"last used {last}")
    if listed:
        parts.append("listed in Skills")
    others = sorted({e.section for e in named if e.position is None and e.section not in (None, "skills")},
                    key=lambda s: scoring._SECTION_RANK.get(s, 99))
    if others:
        parts.append("mentioned in " + ", ".join(scoring.SECTION_NAMES.get(s, s) for s in others))
    if not named:
        best = max(counting, key=lambda e: (e.position is not None, e.confidence))
        where = "a dated role" if best.position is not None else scoring.SECTION_NAMES.get(best.section or "", "the text")
        parts.append(f"described but not named, in {where}: {scoring._quote(best.text, 70)}")
    stated = [c.value for e in counting for c in e.context if c.category == "YEARS" and c.value]
    if stated:
        parts.append(f"states {scoring._fmt_years(max(stated))} years")
    levels = {e.proficiency for e in counting}
    if "expert" in levels:
        parts.append("expert level stated")
    elif "advanced" in levels:
        parts.append("advanced level stated")
    elif levels == {"basic"}:
        parts.append("basic knowledge only")
    return ", ".join(parts)


def _eval_skill_reference(req, ev_by_skill, profile, dumps, skill_years):
    """A skill requirement's result as the scorer worked it out before its one-pass form: every list and
    set built on its own, each mention's strength computed where it is needed."""
    own = ev_by_skill.get(req.id, [])
    if not own and not any(sid in ev_by_skill for sid in req.implied_by):
        return "missing", 0.0, (), f"{req.label}: missing — no evidence found."
    strength = {e.id: scoring.mention_strength(e, profile, dumps) for e in own}
    counting = [e for e in own if strength[e.id] > 0]
    named = [e for e in counting if e.matcher != "semantic"]
    roles = {e.position for e in named if e.position is not None}
    listed = any(e.position is None and e.section == "skills" for e in named)
    value = max((strength[e.id] for e in counting), default=0.0)
    if len(roles) >= 2 or (roles and listed):
        value = max(value, 1.0)
    if value >= scoring.MET and len({(e.start, e.end) for e in counting}) < req.min_mentions_for_met:
        value = scoring.MET - 0.01
    implied_ev = [(s, e) for sid in req.implied_by for e in ev_by_skill.get(sid, [])
                  if (s := scoring.mention_strength(e, profile, dumps)) > 0]
    implied_value = round(scoring.IMPLIED_FACTOR * max((s for s, _ in implied_ev), default=0.0), 4)
    if counting and value >= implied_value:
        status = "met" if value >= scoring.MET else "partial"
        ids = tuple(e.id for e in sorted(counting, key=lambda e: (-strength[e.id], e.start)))
        years = skill_years.get(req.id, 0.0)
        return status, value, ids, f"{req.label}: {status} — {_describe_skill_reference(counting, named, roles, listed, profile, years)}."
    if implied_value > 0:
        implied_ev.sort(key=lambda se: (-se[0], se[1].start))
        ids = tuple(e.id for _, e in implied_ev[:5])
        labels = sorted({e.label for _, e in implied_ev})
        weak = (f"; its own mentions are weaker ({_describe_skill_reference(counting, named, roles, listed, profile, 0.0)})"
                if counting else "")
        return "partial", implied_value, ids, (f"{req.label}: partial — implied by {', '.join(labels)}, not named "
                                               f"directly{weak}.")
    negated = [e for e in own if e.negated]
    wished = [e for e in own if e.hypothetical and not e.negated]
    dumped = [e for e in own if e.id in dumps]
    if negated:
        note = f"the resume says the candidate lacks it ({scoring._quote(negated[0].text)} is negated)"
    elif wished:
        note = f"mentioned only as something to learn ({scoring._quote(wished[0].text)})"
    elif dumped:
        note = f"only inside a keyword dump of {dumps[dumped[0].id]} requirements with no context, which earns nothing"
    else:
        note = "no evidence found"
    return "missing", 0.0, tuple(e.id for e in negated + wished + dumped), f"{req.label}: missing — {note}."


def _strict(bundle):
    """``bundle`` with every skill requirement asking for 2 or 3 distinct mentions for *met* (the built-in
    role asks for 1 everywhere)."""
    reqs = [r.model_copy(update={"min_mentions_for_met": 2 + k % 2}) if isinstance(r, SkillRequirement) else r
            for k, r in enumerate(bundle.role.requirements)]
    return dataclasses.replace(bundle, role=bundle.role.model_copy(update={"requirements": reqs}))


STRICT = _strict(BUNDLE)


def _check_skills(bundle, profile, evidence) -> tuple[int, int]:
    """Compares every skill requirement's result; returns how many have evidence of their own, and how
    many of those have too few distinct mentions for *met*."""
    dumps = keyword_dumps(evidence)
    got = scoring.evaluate(profile, evidence, bundle, dumps)
    ev_by_skill = defaultdict(list)
    for e in evidence:
        ev_by_skill[e.skill_id].append(e)
    years = dict(profile.skill_years)
    n = few = 0
    for req in bundle.role.skills:
        want = _eval_skill_reference(req, ev_by_skill, profile, dumps, years)
        assert got[req.id] == want, req.id
        n += req.id in ev_by_skill
        few += want[1] == scoring.MET - 0.01
    return n, few


def test_skill_results_equal_the_plain_form_on_the_samples(sample_reports):
    n, few = map(sum, zip(*(_check_skills(BUNDLE, r.profile, r.evidence) for r in sample_reports)))
    assert n > 300  # not vacuous: the samples name many skills
    n, few = map(sum, zip(*(_check_skills(STRICT, r.profile, r.evidence) for r in sample_reports)))
    assert few > 20  # ... and some of them too few times for a role that asks for more


def test_skill_results_equal_the_plain_form_on_dotin(dotin_reports):
    for r in dotin_reports:
        _check_skills(BUNDLE, r.profile, r.evidence)
        _check_skills(STRICT, r.profile, r.evidence)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(cases())
def test_skill_results_equal_the_plain_form_on_generated_evidence(case):
    """Generated profiles and evidence (negated, wished-for, basic, semantic, implied, in roles or not)."""
    p, ev = case
    _check_skills(BUNDLE, p, ev)
    _check_skills(STRICT, p, ev)


def _position_lists(reports):
    for r in reports:
        ps = r.profile.positions
        yield from ([p] for p in ps)
        yield list(ps)
        yield list(ps[1:])


def test_spans_equal_the_plain_form(sample_reports):
    lists = list(_position_lists(sample_reports))
    assert sum(bool(_span_reference(ps)) for ps in lists) > 20
    for ps in lists:
        assert scoring._span(ps) == _span_reference(ps)


def test_spans_equal_the_plain_form_on_dotin(dotin_reports):
    for ps in _position_lists(dotin_reports):
        assert scoring._span(ps) == _span_reference(ps)


# --------------------------------------------------------------------------- career step


def _focus_reference(gaps, level_id, n=6):
    cats = scoring.NEXT_LEVEL_FOCUS.get(level_id)
    if cats is None:
        return list(gaps[:n])
    first = [g for g in gaps if g.category in cats]
    return (first + [g for g in gaps if g.category not in cats])[:n]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(sorted({r.category for r in BUNDLE.role.requirements})), max_size=30),
       st.sampled_from(sorted(scoring.NEXT_LEVEL_FOCUS) + ["unknown_level"]), st.integers(1, 8))
def test_focus_equals_its_list_form(categories, level_id, n):
    gaps = tuple(Gap(requirement_id=f"r{k}", label="x", category=c, importance="required", status="missing",
                     points_available=1.0, suggestions=("s",), priority=k + 1) for k, c in enumerate(categories))
    assert scoring._focus(iter(gaps), level_id, n) == scoring._focus(gaps, level_id, n) == _focus_reference(gaps, level_id, n)


def _title_level_reference(title, bundle):
    if not title:
        return None
    best = None
    for i, patterns in enumerate(scoring._plan(bundle).title_patterns):
        if any(p.search(title) for p in patterns):
            best = i
    return best


def test_title_levels_equal_the_plain_form(sample_reports, analyzer_default):
    bundle = analyzer_default.bundle_
    titles = {p.title for r in sample_reports for p in r.profile.positions} | {
        "Lead AI Engineer", "Senior Machine Learning Engineer", "Director of AI", "Head of ML", "Junior Data Scientist",
        "AI Engineer", "Senior Lead AI Engineer and Director", "Chef", "", None}
    levels = [_title_level_reference(t, bundle) for t in titles]
    assert len(set(levels)) >= 4  # not vacuous: several levels, and no level
    for t, want in zip(titles, levels):
        assert scoring._title_level(t, scoring._plan(bundle)) == want, t


# --------------------------------------------------------------------------- gaps and categories


def _gaps_reference(reqs, bundle, profile):
    """Every unmet requirement's key worked out and sorted, each Gap built anew."""
    role = bundle.role
    keyed = sorted((scoring._gap_key(r, scoring.effort(role.requirement(r.id), r, profile)), r) for r in reqs
                   if r.status != "met")
    return tuple(Gap(requirement_id=r.id, label=r.label, category=r.category, importance=r.importance, status=r.status,
                     points_available=round(r.max_points - r.points, 1),
                     suggestions=tuple(role.requirement(r.id).suggestions), priority=k)
                 for k, (_, r) in enumerate(keyed, 1))


def _categories_reference(reqs, bundle):
    out = []
    for c in bundle.role.categories:
        mine = [r for r in reqs if r.category == c.id]
        if mine:
            out.append(scoring.CategoryScore(id=c.id, label=c.label, points=round(sum(r.points for r in mine), 1),
                                             max_points=round(sum(r.max_points for r in mine), 1)))
    return tuple(out)


def _check_assessment(bundle, profile, evidence) -> None:
    a = scoring.assess(profile, evidence, bundle)
    assert a.gaps == _gaps_reference(a.requirements, bundle, profile)
    assert a.categories == _categories_reference(a.requirements, bundle)
    assert a.score == round(sum(r.points for r in a.requirements), 1)
    dumps = keyword_dumps(evidence)
    ai_skills = {e.skill_id for e in evidence if e.category in scoring.AI_CATEGORIES and e.matcher != "semantic"
                 and scoring.mention_strength(e, profile, dumps) > 0}
    reqs = list(a.requirements)
    assert a.career == scoring._career_step(scoring._plan(bundle), profile, ai_skills, reqs, sum([r.points for r in reqs]),
                                            a.gaps, bundle)
    assert a.career == scoring.career_step(profile, evidence, reqs, a.gaps, bundle)


def test_gaps_categories_and_career_equal_the_plain_form_on_the_samples(sample_reports):
    for r in sample_reports:
        _check_assessment(BUNDLE, r.profile, r.evidence)
        _check_assessment(STRICT, r.profile, r.evidence)


def test_gaps_categories_and_career_equal_the_plain_form_on_dotin(dotin_reports):
    for r in dotin_reports:
        _check_assessment(BUNDLE, r.profile, r.evidence)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(cases())
def test_gaps_categories_and_career_equal_the_plain_form_on_generated_evidence(case):
    _check_assessment(BUNDLE, *case)


# --------------------------------------------------------------------------- years


def _ai_leadership_years_reference(profile) -> float:
    from analyzer.dates import merge_years

    lead = [p.leadership_range for p in profile.positions if p.kind == "full_time" and p.leadership_range]
    non_ai = merge_years(lead) - merge_years(p.leadership_range for p in profile.positions
                                             if p.kind == "full_time" and p.leadership_range and p.ai_ml)
    return max(0.0, round(profile.leadership_years - max(0.0, non_ai), 4))


def test_ai_leadership_years_equal_the_plain_form(sample_reports):
    got = [(scoring.ai_leadership_years(r.profile), _ai_leadership_years_reference(r.profile)) for r in sample_reports]
    assert all(a == b for a, b in got)
    assert {b > 0 for _, b in got} == {True, False}


def test_ai_leadership_years_equal_the_plain_form_on_dotin(dotin_reports):
    for r in dotin_reports:
        assert scoring.ai_leadership_years(r.profile) == _ai_leadership_years_reference(r.profile)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(profiles())
def test_ai_leadership_years_equal_the_plain_form_on_generated_profiles(profile):
    assert scoring.ai_leadership_years(profile) == _ai_leadership_years_reference(profile)


# --------------------------------------------------------------------------- one mention


def _strength_reference(e, profile=None, dumps=None) -> float:
    """The product of mention_factors' values, in their order, rounded as mention_strength rounds."""
    v = 1.0
    for f in scoring.mention_factors(e, profile, dumps):
        v *= f.value
    return round(v, 4)


def test_mention_strength_equals_the_product_of_its_factors():
    sections = [*scoring.SECTION_WEIGHT, None, "", "unknown section"]
    n = 0
    for section in sections:
        for position in (None, 0):
            for matcher in ("alias", "semantic", "structure"):
                for proficiency in (None, "basic", "intermediate", "expert"):
                    for negated, hypothetical, dumped in ((False, False, False), (True, False, False),
                                                          (False, True, False), (False, False, True)):
                        e = Evidence(id="e1", skill_id="python", label="Python", category="programming", text="Python",
                                     start=0, end=6, section=section, position=position, matcher=matcher,
                                     proficiency=proficiency, negated=negated, hypothetical=hypothetical)
                        dumps = {"e1": 30} if dumped else {}
                        assert scoring.mention_strength(e, None, dumps) == _strength_reference(e, None, dumps), e
                        n += 1
    assert n == len(sections) * 2 * 3 * 4 * 4


def test_mention_strength_equals_the_product_of_its_factors_on_the_samples(sample_reports):
    for r in sample_reports:
        dumps = keyword_dumps(r.evidence)
        for e in r.evidence:
            assert scoring.mention_strength(e, r.profile, dumps) == _strength_reference(e, r.profile, dumps)
