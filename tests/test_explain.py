"""--explain prints every evidence item, rule and number behind one requirement."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

import analyzer
from analyzer.cli import app
from analyzer.errors import UserError
from analyzer.explain import explain_requirement

from conftest import AS_OF, SAMPLES


@pytest.fixture(scope="module")
def junior():
    return analyzer.analyze(SAMPLES / "junior_ml_engineer.txt", as_of=AS_OF)


def test_skill_explanation_shows_each_factor_and_the_arithmetic(junior):
    out = explain_requirement(junior, "docker")
    r = next(x for x in junior.assessment.requirements if x.id == "docker")
    assert f"points: {r.max_points:.1f} × {r.value:.4f}" in out and f"rounded half-up to {r.points:.1f}" in out
    assert "0.85 (where: in Skills)" in out and "0.5 (proficiency: basic knowledge only)" in out
    assert "PROFICIENCY_LOW" in out
    for e in (e for e in junior.evidence if e.skill_id == "docker"):
        assert e.id in out


def test_wished_for_mention_is_shown_with_zero_strength(junior):
    out = explain_requirement(junior, "kubernetes")
    assert "status: missing" in out
    assert re.search(r"strength = 0 \(wish: .*\) = 0\.00", out)
    assert "HYPOTHETICAL" in out


def test_experience_explanation_lists_the_roles(junior):
    out = explain_requirement(junior, "ai_ml_experience")
    assert f"min(1, {junior.profile.ai_ml_years:.2f} / 5)" in out
    assert "Junior ML Engineer" in out and "internship" in out


def test_every_requirement_explains_and_adds_up(junior):
    total = 0.0
    for r in junior.assessment.requirements:
        out = explain_requirement(junior, r.id)
        assert out.startswith(f"{r.label} ({r.id})")
        total += r.points
    assert round(total, 1) == junior.score


def test_unknown_requirement_is_a_user_error(junior):
    with pytest.raises(UserError, match="unknown requirement"):
        explain_requirement(junior, "kubernetess")


def test_cli_explain():
    res = CliRunner().invoke(app, ["analyze", str(SAMPLES / "senior_ai_engineer.txt"), "--as-of", "2026-06-30",
                                   "--explain", "python"])
    assert res.exit_code == 0, res.output
    assert "Python (python)" in res.output and "strength =" in res.output
