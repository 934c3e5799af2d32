"""The sample personas come out in ladder order and on their intended levels."""

from __future__ import annotations

import pytest

import analyzer

from conftest import AS_OF, SAMPLES, personas

ORDER = ["off_target", "junior_ai_engineer", "ai_engineer", "senior_ai_engineer", "lead_ai_engineer", "ai_director"]


@pytest.fixture(scope="module")
def reports():
    return {p["id"]: (p, analyzer.analyze(SAMPLES / p["files"]["txt"], as_of=AS_OF)) for p in personas()}


def test_scores_follow_the_ladder(reports):
    ranked = sorted(reports.values(), key=lambda pr: ORDER.index(pr[0]["intended_level"]))
    scores = [r.score for _, r in ranked]
    names = [p["id"] for p, _ in ranked]
    # director and lead at the top (either order), everyone else strictly below in ladder order
    assert scores[:4] == sorted(scores[:4]), list(zip(names, scores))
    assert min(scores[4:]) > scores[3], list(zip(names, scores))
    assert scores[0] == min(scores)


def test_levels_are_the_intended_ones(reports):
    for p, r in reports.values():
        got = r.assessment.career.current_level.id
        assert got == p["intended_level"], (p["id"], got, r.assessment.career.reasons)


def test_off_target_is_told_plainly(reports):
    p, r = next(v for v in reports.values() if v[0]["intended_level"] == "off_target")
    c = r.assessment.career
    assert not c.on_target and c.next_level.id == "junior_ai_engineer"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_same_person_same_score_across_formats(reports, fmt):
    for p, r in reports.values():
        other = analyzer.analyze(SAMPLES / p["files"][fmt], as_of=AS_OF)
        assert abs(other.score - r.score) <= 1.0, (p["id"], fmt, other.score, r.score)
        assert other.profile.highest_degree == r.profile.highest_degree, (p["id"], fmt)


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_profile_facts_match_the_personas(reports, fmt):
    """Current title (without the organisation), total years and highest degree as personas.json states them."""
    for p, r in reports.values():
        rep = r if fmt == "txt" else analyzer.analyze(SAMPLES / p["files"][fmt], as_of=AS_OF)
        assert rep.profile.current_title == p["current_title"], (p["id"], fmt, rep.profile.current_title)
        assert rep.profile.total_experience_years == pytest.approx(p["total_experience_years"], abs=0.1), (p["id"], fmt)
        assert rep.profile.highest_degree == p["highest_degree"], (p["id"], fmt)
        assert rep.profile.leadership_years == pytest.approx(p["leadership_years"], abs=0.1), (p["id"], fmt)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_positions_read_the_same_in_every_format(reports, fmt):
    """Title and organisation of every position as in the TXT file, whatever the layout: the PDFs put
    "Title <tab> dates" on one line and the organisation on the next, under bullets that wrap."""
    for p, r in reports.values():
        want = [(x.title, x.organisation) for x in r.profile.positions]
        assert all(org and org[:1].isupper() for _, org in want), (p["id"], want)
        other = analyze_cached(p, fmt)
        assert [(x.title, x.organisation) for x in other.profile.positions] == want, (p["id"], fmt)


def analyze_cached(p, fmt, _cache={}):
    key = (p["id"], fmt)
    if key not in _cache:
        _cache[key] = analyzer.analyze(SAMPLES / p["files"][fmt], as_of=AS_OF)
    return _cache[key]


def test_text_given_as_a_string_scores_like_the_file(reports):
    """analyze_text keeps the caller's string as it is (wide spaces are not turned into tabs as the TXT
    reader does), yet a job's header line must not become a sentence either way."""
    for p, r in reports.values():
        s = analyzer.analyze_text((SAMPLES / p["files"]["txt"]).read_text("utf-8"), as_of=AS_OF)
        assert s.score == r.score, (p["id"], s.score, r.score)
        assert sorted({e.skill_id for e in s.evidence}) == sorted({e.skill_id for e in r.evidence}), p["id"]
