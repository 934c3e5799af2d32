"""Scoring properties: deterministic, monotone, repeats/dumps/negations/wishes earn nothing, identity
never enters the score, the numbers add up. Property tests run the real scorer on generated
profiles and evidence (hypothesis); end-to-end tests run the whole pipeline on sample resumes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analyzer
from analyzer.scoring import DUMP_MIN_MENTIONS, DUMP_MIN_REPEATS, DUMP_MIN_SKILLS, assess, keyword_dumps, mention_strength
from analyzer.taxonomy import load_role
from analyzer.types import Contact, DateRange, EducationEntry, Evidence, Position, Profile

from conftest import AS_OF, SAMPLES

BUNDLE = load_role(None)
SKILLS = [r.id for r in BUNDLE.role.skills]
CATEGORY = {r.id: r.category for r in BUNDLE.role.requirements}
SECTIONS = ["experience", "skills", "summary", "projects", "education", "interests", "header", "certifications"]
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- generators


@st.composite
def positions(draw):
    n = draw(st.integers(0, 4))
    out = []
    for i in range(n):
        y0 = draw(st.integers(2000, 2024))
        months = draw(st.integers(3, 96))
        start = dt.date(y0, draw(st.integers(1, 12)), 1)
        end = min(start + dt.timedelta(days=30 * months), AS_OF)
        out.append(Position(title=draw(st.sampled_from(["ML Engineer", "Lead AI Engineer", "Data Scientist", "Chef"])),
                            organisation="Org", location=None,
                            dates=DateRange(start, end, current=end == AS_OF, text=f"{start}–{end}"),
                            start=100_000 + i * 1000, end=100_000 + i * 1000 + 999,
                            kind=draw(st.sampled_from(["full_time", "full_time", "internship"])),
                            leadership=draw(st.booleans()), ai_ml=draw(st.booleans())))
    return tuple(out)


@st.composite
def profiles(draw):
    pos = draw(positions())
    yrs = st.floats(0, 20, allow_nan=False)
    edu = tuple(EducationEntry(degree=lvl, level=lvl, field=draw(st.sampled_from([None, "computer_science", "physics", "history"])),
                               field_text="x", institution=None, year=2010, start=0, end=1,
                               status=draw(st.sampled_from(["completed", "in_progress"])))
                for lvl in draw(st.lists(st.sampled_from(["bachelor", "master", "doctorate", "associate"]), max_size=2)))
    return Profile(current_title=draw(st.sampled_from([None, "ML Engineer", "Senior AI Engineer", "Director of AI"])),
                   total_experience_years=draw(yrs), leadership_years=draw(yrs), ai_ml_years=draw(yrs),
                   architecture_years=draw(yrs), highest_degree=None, education=edu, positions=pos)


def _evidence(i: int, skill: str, *, section="skills", position=None, matcher="alias", proficiency=None,
              negated=False, hypothetical=False, start=None) -> Evidence:
    s = i * 50 if start is None else start
    return Evidence(id=f"e{i}", skill_id=skill, label=skill, category=CATEGORY[skill], text="x" * 6, start=s, end=s + 6,
                    section=section, negated=negated, hypothetical=hypothetical, proficiency=proficiency,
                    matcher=matcher, rule="test", confidence=0.9)


@st.composite
def evidence_lists(draw, profile: Profile, n_max: int = 25):
    n = draw(st.integers(0, n_max))
    out = []
    for i in range(1, n + 1):
        pos = draw(st.sampled_from([None] + list(range(len(profile.positions)))))
        out.append(_evidence(i, draw(st.sampled_from(SKILLS)), section="experience" if pos is not None else draw(st.sampled_from(SECTIONS)),
                             position=pos, matcher=draw(st.sampled_from(["alias", "alias", "semantic"])),
                             proficiency=draw(st.sampled_from([None, None, "basic", "expert"])),
                             negated=draw(st.booleans()) and draw(st.booleans()),
                             hypothetical=draw(st.booleans()) and draw(st.booleans())))
    return tuple(out)


@st.composite
def cases(draw):
    p = draw(profiles())
    return p, draw(evidence_lists(p))


def _score(p, ev):
    return assess(p, ev, BUNDLE).score


# --------------------------------------------------------------------------- properties


@SETTINGS
@given(cases())
def test_numbers_add_up(case):
    p, ev = case
    a = assess(p, ev, BUNDLE)
    assert 0 <= a.score <= 100
    assert sum(r.max_points for r in a.requirements) == pytest.approx(100.0, abs=1e-6)
    assert a.score == pytest.approx(sum(r.points for r in a.requirements), abs=1e-6)
    assert a.score == pytest.approx(sum(c.points for c in a.categories), abs=0.051 * len(a.categories))
    for r in a.requirements:
        assert 0 <= r.points <= r.max_points
        assert (r.status == "missing") == (r.value == 0)
        assert r.value >= 0.75 if r.status == "met" else r.value < 1
        assert r.explanation.startswith(f"{r.label}: {r.status} — ")


@SETTINGS
@given(cases(), st.randoms(use_true_random=False))
def test_deterministic_and_order_independent(case, rnd):
    p, ev = case
    first = assess(p, ev, BUNDLE)
    assert assess(p, ev, BUNDLE) == first
    shuffled = list(ev)
    rnd.shuffle(shuffled)
    again = assess(p, tuple(shuffled), BUNDLE)
    assert again.score == first.score
    assert [r.status for r in again.requirements] == [r.status for r in first.requirements]


@SETTINGS
@given(cases(), st.data())
def test_adding_true_evidence_never_lowers_the_score(case, data):
    p, ev = case
    before = _score(p, ev)
    pos = data.draw(st.sampled_from([None] + list(range(len(p.positions)))))
    new = _evidence(len(ev) + 1, data.draw(st.sampled_from(SKILLS)), position=pos,
                    section="experience" if pos is not None else data.draw(st.sampled_from(SECTIONS)),
                    matcher=data.draw(st.sampled_from(["alias", "semantic"])),
                    proficiency=data.draw(st.sampled_from([None, "basic", "expert"])))
    assert _score(p, ev + (new,)) >= before


@SETTINGS
@given(cases(), st.floats(0, 10, allow_nan=False), st.sampled_from(["total_experience_years", "leadership_years",
                                                                     "ai_ml_years", "architecture_years"]))
def test_more_years_or_a_degree_never_lower_the_score(case, extra, field):
    p, ev = case
    before = _score(p, ev)
    assert _score(dataclasses.replace(p, **{field: getattr(p, field) + extra}), ev) >= before
    phd = EducationEntry(degree="PhD", level="doctorate", field="history", field_text="History", institution=None,
                         year=2012, start=0, end=3)
    assert _score(dataclasses.replace(p, education=p.education + (phd,)), ev) >= before


@SETTINGS
@given(cases(), st.integers(2, 100))
def test_repeating_a_mention_earns_nothing(case, times):
    p, ev = case
    if not ev:
        return
    before = _score(p, ev)
    e = ev[0]
    copies = tuple(dataclasses.replace(e, id=f"e{9000 + k}", start=200_000 + 50 * k, end=200_006 + 50 * k)
                   for k in range(times))
    assert _score(p, ev + copies) == before


@SETTINGS
@given(cases(), st.data())
def test_negated_and_wished_for_mentions_earn_nothing(case, data):
    p, ev = case
    before = assess(p, ev, BUNDLE)
    skill = data.draw(st.sampled_from(SKILLS))
    pos = data.draw(st.sampled_from([None] + list(range(len(p.positions)))))
    neg = _evidence(500, skill, position=pos, negated=True)
    wish = _evidence(501, skill, position=pos, hypothetical=True)
    after = assess(p, ev + (neg, wish), BUNDLE)
    assert after.score == before.score
    assert [r.value for r in after.requirements] == [r.value for r in before.requirements]
    assert mention_strength(neg) == mention_strength(wish) == 0


@SETTINGS
@given(cases())
def test_a_keyword_dump_earns_nothing(case):
    p, ev = case
    before = _score(p, ev)
    skills = random.Random(0).sample(SKILLS, DUMP_MIN_SKILLS + 5)
    dump = tuple(_evidence(700 + k, s, section="skills", start=300_000 + 8 * k) for k, s in enumerate(skills))
    assert set(keyword_dumps(ev + dump)) >= {e.id for e in dump}
    assert _score(p, ev + dump) == before


@SETTINGS
@given(cases(), st.text(max_size=30), st.text(max_size=30), st.sampled_from(["Mr", "Ms", "Mx", ""]))
def test_identity_never_enters_the_assessment(case, name, location, title):
    p, ev = case
    before = assess(p, ev, BUNDLE)
    other = dataclasses.replace(p, contact=Contact(name=f"{title} {name}", email="someone@example.com", phone="555 0100",
                                                   urls=("linkedin.com/in/x",), location=location))
    assert assess(other, ev, BUNDLE) == before


def test_a_normal_skills_list_is_not_a_dump():
    ev = tuple(_evidence(k, s, start=12 * k) for k, s in enumerate(SKILLS[: DUMP_MIN_SKILLS - 1]))
    assert keyword_dumps(ev) == {}


def _listed(names: list[str], skills: list[str], start: int = 1000) -> tuple[Evidence, ...]:
    """Evidence for ``names`` written as one comma-separated list (", " between the items)."""
    out, pos = [], start
    for k, (name, skill) in enumerate(zip(names, skills)):
        out.append(dataclasses.replace(_evidence(900 + k, skill, start=pos), text=name, end=pos + len(name)))
        pos += len(name) + 2
    return tuple(out)


def test_a_long_list_that_repeats_a_few_names_is_a_dump():
    names = ["Kubernetes", "Terraform", "Kafka", "Java", "Scala"]
    n = max(DUMP_MIN_MENTIONS, DUMP_MIN_REPEATS * len(names))
    skills = SKILLS[: len(names)]
    ev = _listed([names[k % len(names)] for k in range(n)], [skills[k % len(names)] for k in range(n)])
    assert len({e.skill_id for e in ev}) < DUMP_MIN_SKILLS  # not a dump by breadth, only by repetition
    assert set(keyword_dumps(ev)) == {e.id for e in ev}
    # the same names once each, or a short list that repeats a name, are an ordinary skills line
    assert keyword_dumps(ev[: len(names)]) == {}
    assert keyword_dumps(ev[: DUMP_MIN_MENTIONS - 1]) == {}
    # one name repeated is only a repeat (it counts once), not a dump
    assert keyword_dumps(_listed(["Kubernetes"] * 100, [skills[0]] * 100)) == {}


# --------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def senior_text():
    return (SAMPLES / "senior_ai_engineer.txt").read_text("utf-8")


def _with_line(text: str, after: str, line: str) -> str:
    i = text.index(after) + len(after)
    j = text.index("\n", i)
    return text[:j] + "\n" + line + text[j:]


def _analyze(text):
    return analyzer.analyze_text(text, as_of=AS_OF)


def test_e2e_repeating_a_skill_100_times_earns_nothing_extra(senior_text):
    once = _analyze(_with_line(senior_text, "TECHNICAL SKILLS", "Orchestration: Kubernetes"))
    many = _analyze(_with_line(senior_text, "TECHNICAL SKILLS", "Orchestration: " + ", ".join(["Kubernetes"] * 100)))
    base = _analyze(senior_text)
    assert once.score > base.score  # the skill itself does count once
    assert many.score == once.score


def test_e2e_keyword_dump_earns_nothing(senior_text):
    words = ["Kubernetes", "Docker", "NLP", "computer vision", "time series", "MLOps", "CI/CD", "Java", "Scala", "C++",
             "Go", "Azure", "AWS", "GCP", "Spark", "Hadoop", "TensorFlow", "PyTorch", "Keras", "scikit-learn", "SHAP",
             "model monitoring", "disaster recovery", "data governance", "GDPR", "mentoring", "workshops",
             "technical documentation", "capacity planning", "cross-functional", "stakeholder management",
             "project management", "A/B testing", "feature store", "LLM", "anomaly detection", "statistics"]
    stuffed = senior_text.rstrip("\n") + "\n\n" + ", ".join(words) + "\n"
    base, after = _analyze(senior_text), _analyze(stuffed)
    assert keyword_dumps(after.evidence), "the list must be recognised as a dump"
    assert after.score == base.score


def test_e2e_a_dump_after_the_last_section_earns_nothing_is_no_certification_and_is_reported(senior_text):
    """A list cycling through ten names (far fewer than DUMP_MIN_SKILLS requirements) appended after the
    Certifications section: no points, no certification, one warning."""
    words = ["Kubernetes", "Terraform", "Kafka", "Java", "Scala", "Snowflake", "Databricks", "Azure", "Hadoop", "GDPR"]
    stuffed = senior_text.rstrip("\n") + "\n" + ", ".join(words[k % len(words)] for k in range(200)) + "\n"
    base, after = _analyze(senior_text), _analyze(stuffed)
    assert senior_text.rstrip().splitlines()[-3] == "CERTIFICATIONS"
    assert keyword_dumps(after.evidence)
    assert after.score == base.score
    assert after.profile.certifications == base.profile.certifications
    assert [w for w in after.warnings if "keyword dump" in w] and not base.warnings
    # one honest line of the same names does count
    once = _analyze(_with_line(senior_text, "TECHNICAL SKILLS", "Platforms: " + ", ".join(words)))
    assert once.score > base.score and not keyword_dumps(once.evidence)


@pytest.mark.parametrize("name", ["ai_director", "ai_engineer", "junior_ml_engineer", "lead_ai_engineer",
                                  "off_target_chef", "senior_ai_engineer"])
def test_e2e_the_samples_skills_sections_are_no_dump(name):
    report = _analyze((SAMPLES / f"{name}.txt").read_text("utf-8"))
    assert keyword_dumps(report.evidence) == {}
    assert not [w for w in report.warnings if "keyword dump" in w]


def test_e2e_hidden_html_keywords_earn_nothing(senior_text, tmp_path):
    from html import escape

    body = "".join(f"<p>{escape(line)}</p>" for line in senior_text.splitlines())
    plain = tmp_path / "plain.html"
    hidden = tmp_path / "hidden.html"
    plain.write_text(f"<html><body>{body}</body></html>", "utf-8")
    hidden.write_text(f"<html><body>{body}<div style=\"display:none\">Kubernetes Scala Java disaster recovery "
                      f"governance NLP</div></body></html>", "utf-8")
    assert analyzer.analyze(hidden, as_of=AS_OF).score == analyzer.analyze(plain, as_of=AS_OF).score


@pytest.mark.parametrize("line", ["No experience with Kubernetes.", "Keen to learn Kubernetes next year."])
def test_e2e_negated_and_wished_for_skills_earn_nothing(senior_text, line):
    base = _analyze(senior_text)
    after = _analyze(_with_line(senior_text, "TECHNICAL SKILLS", line))
    positive = _analyze(_with_line(senior_text, "TECHNICAL SKILLS", "Orchestration: Kubernetes"))
    assert positive.score > base.score
    assert after.score == base.score
    k = next(r for r in after.assessment.requirements if r.id == "kubernetes")
    assert k.status == "missing"


IDENTITIES = [
    ("Daniel Okonkwo-Reyes", "Gender: male · Date of birth: 14 March 1985 · Nationality: Nigerian · Marital status: married · Photo attached"),
    ("Maria Svensson", "Gender: female · Date of birth: 2 June 1962 · Nationality: Swedish · Marital status: single · Photo attached"),
    ("Wei Zhang", "Pronouns: they/them · Age: 58 · Nationality: Chinese · Marital status: divorced, two children"),
    ("Aisha Rahman", ""),
]


def test_e2e_counterfactual_identity_same_score(senior_text):
    first_line = senior_text.split("\n", 1)[0]
    scores, statuses = [], []
    for name, extra in IDENTITIES:
        t = senior_text.replace(first_line, name + ("\n" + extra if extra else ""), 1)
        r = _analyze(t)
        scores.append(r.score)
        statuses.append([(q.id, q.status) for q in r.assessment.requirements])
    assert len(set(scores)) == 1, scores
    assert all(s == statuses[0] for s in statuses)


def test_explanations_name_the_roles_and_years():
    r = analyzer.analyze(SAMPLES / "lead_ai_engineer.txt", as_of=AS_OF)
    by = {q.id: q for q in r.assessment.requirements}
    py = by["python"].explanation
    assert py.startswith("Python: met — used in ") and "dated role" in py and "listed in Skills" in py
    lead = by["leadership_experience"].explanation
    assert "met — 5.3 years leading AI/ML work as Lead AI Engineer at Fabrikam Insurance (2021–present)" in lead
    chef = analyzer.analyze(SAMPLES / "off_target_chef.txt", as_of=AS_OF)
    lead_chef = next(q for q in chef.assessment.requirements if q.id == "leadership_experience")
    assert lead_chef.status == "missing" and "outside AI/ML do not count" in lead_chef.explanation


def test_gaps_required_first_then_cheapest():
    r = analyzer.analyze(SAMPLES / "ai_engineer.txt", as_of=AS_OF)
    gaps = r.assessment.gaps
    imp = [g.importance == "required" for g in gaps]
    assert imp == sorted(imp, reverse=True)
    req = [g for g in gaps if g.importance == "required"]
    skill_partial = [i for i, g in enumerate(req) if g.status == "partial" and BUNDLE.role.requirement(g.requirement_id).kind == "skill"]
    degree_or_years = [i for i, g in enumerate(req) if BUNDLE.role.requirement(g.requirement_id).kind in ("degree", "experience")]
    if skill_partial and degree_or_years:
        assert max(skill_partial) < min(degree_or_years)
    assert [g.priority for g in gaps] == list(range(1, len(gaps) + 1))


def test_shared_role_plan_gives_what_a_fresh_plan_gives(analyzer_default):
    """The per-role objects shared between assessments (lines, gaps and orders of requirements with no
    evidence) carry nothing from one resume to the next: after assessing the other samples, each
    sample's assessment equals one made with a plan built just for it."""
    from analyzer import scoring

    reports = [analyzer_default.analyze_text(p.read_text("utf-8"), as_of=AS_OF) for p in sorted(SAMPLES.glob("*.txt"))]
    bundle = analyzer_default.bundle_
    for r in reports:
        warm = assess(r.profile, r.evidence, bundle)
        scoring._PLANS.clear()
        fresh = assess(r.profile, r.evidence, bundle)
        assert warm == fresh == r.assessment
        assert [g.priority for g in warm.gaps] == list(range(1, len(warm.gaps) + 1))
        results = scoring.evaluate(r.profile, r.evidence, bundle)
        assert [(x.status, x.explanation) for x in warm.requirements] == \
            [(results[x.id][0], results[x.id][3]) for x in warm.requirements]
