"""The public contract: library API, JSON shape (validated against the shipped schema), offsets, CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import analyzer
from analyzer.cli import app
from analyzer.report import validate_report_dict

from conftest import AS_OF, SAMPLES, personas

RESUME = """Jane Example
Lead Machine Learning Engineer · jane@example.com · +1 555 010 0199

SUMMARY
Machine learning engineer with a focus on NLP and scalable model serving.

EXPERIENCE
Lead ML Engineer, Acme Analytics — Jan 2021 – Present
• Led a team of 6 engineers building PyTorch and scikit-learn models deployed on AWS.
• Designed the Kubernetes-based training platform; set up CI/CD with GitHub Actions.
Machine Learning Engineer, Beta Corp — 03/2016 - 12/2020
• Built time series forecasting models in Python and Spark.

EDUCATION
M.Sc. Computer Science, Example University, 2015

SKILLS
Python, Java, SQL | AWS/GCP, TensorFlow, Keras
No experience with Scala.
"""


@pytest.fixture(scope="module")
def report():
    return analyzer.analyze_text(RESUME, as_of=dt.date(2026, 6, 30))


def test_text_is_the_input_unchanged_and_offsets_hold(report):
    assert report.text == RESUME
    assert report.evidence
    for e in report.evidence:
        assert report.text[e.start:e.end] == e.text


def test_to_dict_validates_against_the_shipped_schema(report):
    d = report.to_dict()
    validate_report_dict(d)
    assert d["schema_version"] == "1"
    assert d["role"] == {"id": "lead_ai_engineer", "title": "Lead AI Engineer", "version": d["role"]["version"]}
    assert 0 <= d["score"] <= 100
    assert d["profile"]["highest_degree"] == "master"
    assert d["as_of"] == "2026-06-30"


def test_points_add_up_to_the_score(report):
    d = report.to_dict()
    assert round(sum(r["points"] for r in d["requirements"]), 1) == d["score"]
    assert round(sum(c["points"] for c in d["categories"]), 1) == pytest.approx(d["score"], abs=0.15)


def test_present_resolves_to_as_of():
    a = analyzer.analyze_text(RESUME, as_of="2026-06-30").profile.total_experience_years
    b = analyzer.analyze_text(RESUME, as_of="2027-06-30").profile.total_experience_years
    assert b == pytest.approx(a + 1.0, abs=0.02)


def test_negated_skill_is_not_evidence_for_it(report):
    scala = [e for e in report.evidence if e.skill_id == "scala"]
    assert scala and all(e.negated for e in scala)
    req = next(r for r in report.assessment.requirements if r.id == "scala")
    assert req.status == "missing"


def test_deterministic(report):
    again = analyzer.analyze_text(RESUME, as_of=dt.date(2026, 6, 30))
    assert json.dumps(again.to_dict(), sort_keys=True) == json.dumps(report.to_dict(), sort_keys=True)


def test_cli_json_equals_library_to_dict(tmp_path):
    f = SAMPLES / "lead_ai_engineer.txt"
    res = CliRunner().invoke(app, ["analyze", str(f), "--format", "json", "--as-of", AS_OF.isoformat()])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    validate_report_dict(d)
    assert d == analyzer.analyze(f, as_of=AS_OF).to_dict()
    for e in d["evidence"]:
        assert d["text"][e["start"]:e["end"]] == e["text"]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_every_sample_format_validates(fmt):
    for p in personas():
        r = analyzer.analyze(SAMPLES / p["files"][fmt], as_of=AS_OF)
        d = r.to_dict()
        validate_report_dict(d)
        for e in d["evidence"]:
            assert d["text"][e["start"]:e["end"]] == e["text"]
        if fmt == "pdf":
            assert d["source"]["pages"] >= 1


def test_cli_user_errors_are_one_line_exit_1(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(app, ["analyze", str(tmp_path / "nope.pdf")])
    assert missing.exit_code == 1
    assert missing.stderr.strip().count("\n") == 0 and "nope.pdf" in missing.stderr and "not found" in missing.stderr
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    res = runner.invoke(app, ["analyze", str(legacy)])
    assert res.exit_code == 1 and "unsupported format" in res.stderr and "old.doc" in res.stderr
    role = runner.invoke(app, ["analyze", str(SAMPLES / "lead_ai_engineer.txt"), "--role", "astronaut"])
    assert role.exit_code == 1 and "unknown role" in role.stderr
    usage = runner.invoke(app, ["analyze"])
    assert usage.exit_code == 2


def test_cli_writes_output_file(tmp_path):
    out = tmp_path / "r.md"
    res = CliRunner().invoke(app, ["analyze", str(SAMPLES / "ai_engineer.txt"), "-f", "markdown", "-o", str(out)])
    assert res.exit_code == 0 and res.stdout == ""
    assert out.read_text("utf-8").startswith("# Skill-gap report")


def test_console_script_runs_quietly_from_another_directory(tmp_path):
    res = subprocess.run([sys.executable, "-m", "analyzer.cli", "analyze", str(SAMPLES / "lead_ai_engineer.pdf"),
                          "--as-of", AS_OF.isoformat()], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""  # no third-party warnings on success
    assert "Score:" in res.stdout and "Lead AI Engineer" in res.stdout
