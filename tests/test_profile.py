"""Profile: positions, experience years (internships excluded), leadership, education, degree levels."""

from __future__ import annotations

import pytest

import analyzer
from analyzer.profile import degree_level_of

from conftest import AS_OF

RESUME = """Ada Example
Lead Machine Learning Engineer

EXPERIENCE
Lead ML Engineer, Acme Analytics — Jan 2021 – Present
• Led a team of 6 engineers building PyTorch models.
Data Scientist, Beta Corp — 03/2017 - 12/2020
• Built forecasting models in Python.
Software Engineer, Gamma — 2016 – 2018
• Java services.
Machine Learning Intern, Delta Labs — Summer 2015

EDUCATION
M.Sc. Computer Science, Example University, 2016
B.Sc. Mathematics, Example College, 2014
"""


@pytest.fixture(scope="module")
def profile():
    return analyzer.analyze_text(RESUME, as_of=AS_OF).profile


def test_total_years_merge_overlaps_and_skip_internships(profile):
    # 2016-01 .. 2026-06-30 merged; the internship (Summer 2015) does not count
    assert profile.total_experience_years == pytest.approx(10.5, abs=0.05)
    assert any(p.kind == "internship" for p in profile.positions)


def test_leadership_and_current_title(profile):
    assert profile.current_title == "Lead ML Engineer"
    assert profile.leadership_years == pytest.approx(5.5, abs=0.05)


def test_education(profile):
    assert profile.highest_degree == "master"
    levels = {(e.level, e.field, e.year) for e in profile.education}
    assert ("master", "computer_science", 2016) in levels and ("bachelor", "mathematics", 2014) in levels
    assert all(e.institution and ("University" in e.institution or "College" in e.institution) for e in profile.education)


def test_skill_years_from_dated_positions(profile):
    years = dict(profile.skill_years)
    assert years["pytorch"] == pytest.approx(5.5, abs=0.05)


@pytest.mark.parametrize("text, level", [
    ("Ph.D. in Statistics", "doctorate"), ("PhD, Computer Science", "doctorate"), ("J.D., Law School", "doctorate"),
    ("M.Sc. Physics", "master"), ("MBA", "master"), ("Master of Science in Data Science", "master"),
    ("MS in Computer Science", "master"), ("B.Tech (CSE)", "bachelor"), ("Bachelor of Arts in History", "bachelor"),
    ("BS, Electrical Engineering", "bachelor"), ("B.E. in ENC", "bachelor"), ("Associate Degree in IT", "associate"),
    ("High School Diploma", "secondary"),
    ("Boston, MA 02110", None), ("MS Office, MS-Excel", None), ("Scrum Master certified", None), ("Ms Smith", None),
])
def test_degree_levels(text, level):
    assert degree_level_of(text) == level


def test_in_progress_degree_is_not_highest():
    p = analyzer.analyze_text("EDUCATION\nPhD candidate in Machine Learning, Example University (expected 2028)\n"
                              "M.Sc. Computer Science, Example University, 2022\n", as_of=AS_OF).profile
    assert {e.level: e.status for e in p.education} == {"doctorate": "in_progress", "master": "completed"}
    assert p.highest_degree == "master"
