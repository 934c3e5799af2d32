"""The role taxonomy is strict data: it validates, covers the role description, and typos fail with a line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer.cli import app
from analyzer.errors import RoleNotFoundError, TaxonomyError
from analyzer.taxonomy import load_role
from analyzer.taxonomy.models import AnyOfRequirement, DegreeRequirement, ExperienceRequirement, SkillRequirement
from analyzer.taxonomy.schema import ladder_schema_json, role_schema_json

from conftest import ROOT

ROLE_FILE = ROOT / "taxonomies" / "lead_ai_engineer.yaml"


@pytest.fixture(scope="module")
def bundle():
    return load_role("lead_ai_engineer")


def test_builtin_role_loads_with_its_ladder(bundle):
    assert bundle.role.id == "lead_ai_engineer"
    assert [lv.title for lv in bundle.ladder.levels] == [
        "Junior AI Engineer", "AI Engineer", "Senior AI Engineer", "Lead AI Engineer", "AI Team Lead / AI Director"]
    lead = bundle.ladder.level("lead_ai_engineer")
    assert lead.salary is not None and lead.salary.average == 189453 and lead.salary.year == 2024


@pytest.mark.parametrize("rid", ["python", "java", "r", "go", "scala", "cpp", "tensorflow", "pytorch", "keras",
                                 "scikit_learn", "spark", "aws", "gcp", "azure", "nlp", "time_series",
                                 "computer_vision", "deep_learning", "predictive_analytics", "mentoring",
                                 "disaster_recovery", "ci_cd", "explainability", "team_leadership"])
def test_named_skills_exist(bundle, rid):
    assert isinstance(bundle.role.requirement(rid), SkillRequirement)


def test_structured_requirements(bundle):
    role = bundle.role
    degrees = {r.min_level: r for r in role.requirements if isinstance(r, DegreeRequirement)}
    assert degrees["bachelor"].importance == "required"
    assert degrees["master"].importance == "preferred"
    assert "doctorate" in degrees
    exp = {r.measure: r for r in role.requirements if isinstance(r, ExperienceRequirement)}
    assert exp["architecture"].min_years == 5 and exp["architecture"].max_years == 10
    assert exp["leadership"].min_years == 2 and exp["leadership"].importance == "required"
    langs = [r for r in role.requirements if isinstance(r, AnyOfRequirement) and "python" in r.of]
    assert langs and set(langs[0].of) >= {"python", "java", "r", "go", "scala", "cpp"}


def test_every_item_is_complete(bundle):
    for r in bundle.role.requirements:
        assert r.description and r.suggestions, r.id
        assert r.weight > 0
    for s in bundle.role.skills:
        assert len(s.aliases) >= 1, s.id
    ambiguous = {(a.text if not isinstance(a, str) else a): s.id for s in bundle.role.skills for a in s.aliases
                 if not isinstance(a, str) and a.ambiguous}
    for alias in ("R", "Go", "CV"):
        assert alias in ambiguous, alias


def test_many_aliases_for_common_spellings(bundle):
    def aliases(rid):
        return {(a if isinstance(a, str) else a.text).lower() for a in bundle.role.requirement(rid).aliases}
    assert {"scikit-learn", "sklearn"} <= aliases("scikit_learn")
    assert {"gcp", "google cloud platform"} <= aliases("gcp")
    assert "k8s" in {a for r in bundle.role.skills for a in aliases(r.id)}


# cues of a competency, not names of a skill: they must not be keyword aliases (the semantic matcher reads
# the sentences they occur in)
CUES = ["presented at", "presented to", "presentations", "presentation", "workshop", "workshops", "coached",
        "coach", "budget", "budgeting", "collaborated", "collaboration", "collaborative", "creative", "innovative",
        "compliance", "compliant", "documentation", "troubleshooting", "patent", "patents", "prototyped",
        "legacy systems", "incident management", "team work", "interdisciplinary", "roadmap", "kpis"]


def test_cue_words_are_not_aliases(bundle):
    every = {(a if isinstance(a, str) else a.text).lower(): s.id for s in bundle.role.skills for a in s.aliases}
    assert not {c: every[c] for c in CUES if c in every}


def test_competencies_without_cue_aliases_keep_paraphrases(bundle):
    """Competencies whose cue aliases were dropped are still found from sentences (semantic prototypes)."""
    from analyzer.nlp.semantic import training_set

    _texts, labels = training_set(bundle.role)
    for rid in ("communication_presentation", "workshops_training", "mentoring", "strategic_planning",
                "cross_functional_collaboration", "research_innovation", "technical_documentation"):
        assert labels.count(rid) >= 3, rid


def _typo_file(tmp_path: Path) -> Path:
    lines = ROLE_FILE.read_text("utf-8").splitlines()
    idx = next(i for i, l in enumerate(lines) if l.strip().startswith("aliases:"))
    lines[idx] = lines[idx].replace("aliases:", "aliasses:")
    p = tmp_path / "typo_role.yaml"
    p.write_text("\n".join(lines) + "\n", "utf-8")
    (tmp_path / "ladders").mkdir()
    (tmp_path / "ladders" / "ai_engineering.yaml").write_text(
        (ROOT / "taxonomies" / "ladders" / "ai_engineering.yaml").read_text("utf-8"), "utf-8")
    return p, idx + 1


def test_typo_key_fails_with_its_line(tmp_path):
    p, line = _typo_file(tmp_path)
    with pytest.raises(TaxonomyError) as ei:
        load_role(str(p))
    msg = str(ei.value)
    assert f"{p}:{line}:" in msg and "aliasses" in msg and "unknown key" in msg


def test_bad_value_and_bad_yaml_fail_cleanly(tmp_path):
    text = ROLE_FILE.read_text("utf-8").replace("importance: required", "importance: mandatory", 1)
    p = tmp_path / "bad.yaml"
    p.write_text(text, "utf-8")
    with pytest.raises(TaxonomyError, match=r"bad\.yaml:\d+: .*importance"):
        load_role(str(p))
    q = tmp_path / "broken.yaml"
    q.write_text("id: x\n  title: [unclosed\n", "utf-8")
    with pytest.raises(TaxonomyError, match=r"broken\.yaml:\d+: invalid YAML"):
        load_role(str(q))


def test_unknown_role_is_a_user_error():
    with pytest.raises(RoleNotFoundError, match="unknown role 'astronaut'"):
        load_role("astronaut")


def test_cli_taxonomy_check(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(app, ["taxonomy", "check", str(ROLE_FILE)])
    assert ok.exit_code == 0, ok.output
    assert "ok" in ok.output
    p, line = _typo_file(tmp_path)
    bad = runner.invoke(app, ["taxonomy", "check", str(p)])
    assert bad.exit_code == 1
    assert f":{line}:" in bad.output and "Traceback" not in bad.output


def test_cli_taxonomy_show_lists_requirements():
    res = CliRunner().invoke(app, ["taxonomy", "show"])
    assert res.exit_code == 0
    assert "scikit_learn" in res.output and "Lead AI Engineer" in res.output


def test_shipped_json_schemas_are_current():
    from importlib import resources

    here = resources.files("analyzer.schemas")
    assert json.loads(here.joinpath("role.schema.json").read_text("utf-8")) == json.loads(role_schema_json()), \
        "run: python -m analyzer.taxonomy.schema"
    assert json.loads(here.joinpath("ladder.schema.json").read_text("utf-8")) == json.loads(ladder_schema_json())
