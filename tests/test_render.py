"""Renderers: every format from a real report; escaping of hostile resume text; JSON against the
shipped schema; JSON Resume against the third-party schema; terminal plain without a TTY/NO_COLOR;
the HTML is self-contained and renders in headless Chromium."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from typer.testing import CliRunner

import analyzer
from analyzer.cli import app
from analyzer.render import RENDERERS, render
from analyzer.report import validate_report_dict

from conftest import AS_OF, SAMPLES

HOSTILE = """<script>alert('name')</script> Jane "Hacker" O'Brien
Lead ML Engineer <img src=x onerror=alert(1)> | jane@example.com | https://evil.example/<script>

SUMMARY
Machine learning engineer. Python <script>alert('py')</script> and PyTorch | ](javascript:alert(1)) **bold** & more.

EXPERIENCE
Lead ML Engineer <b>bold</b>, Acme </td></tr></table><script>x()</script> — Jan 2021 – Present
• Led a team of 6 engineers building PyTorch <iframe src=//evil.example></iframe> models on AWS and Kubernetes.
Machine Learning Engineer, Beta Corp — 03/2016 - 12/2020
• Built time series models in Python and Spark </style><script>alert(2)</script>.

EDUCATION
M.Sc. Computer Science <script>edu()</script>, Example University, 2015

SKILLS
Python, Java, SQL | AWS/GCP, TensorFlow, Keras
"""


@pytest.fixture(scope="module")
def hostile():
    return analyzer.analyze_text(HOSTILE, as_of=AS_OF)


@pytest.fixture(scope="module")
def lead():
    return analyzer.analyze(SAMPLES / "lead_ai_engineer.pdf", as_of=AS_OF)


@pytest.fixture(scope="module")
def chef():
    return analyzer.analyze(SAMPLES / "off_target_chef.docx", as_of=AS_OF)


def test_all_formats_are_registered():
    from analyzer.cli import FORMATS

    assert set(FORMATS) == set(RENDERERS)


def test_html_escapes_everything_from_the_resume(hostile):
    out = render(hostile, "html")
    assert "<script" not in out.lower() and "<iframe" not in out.lower() and "<img" not in out.lower()
    assert "onerror=alert" not in out.replace("onerror=alert(1)&gt;", "")  # only as escaped text
    assert "&lt;script&gt;" in out
    assert "<b>bold</b>" not in out and "&lt;b&gt;bold&lt;/b&gt;" in out
    assert "</style><" not in out.replace("</style></head>", "")
    assert "</table><" not in out.replace("</tbody></table><", "")


def test_html_is_self_contained_without_javascript(lead):
    out = render(lead, "html")
    assert out.startswith("<!doctype html>") and out.rstrip().endswith("</html>")
    assert "<script" not in out.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", out), "no external resources"
    assert "<link" not in out and "@import" not in out
    assert out.count("<svg") >= 3  # score donut, bar chart, radar chart
    assert "default-src 'none'" in out
    assert "<mark" in out  # evidence shown in context
    assert "US market, 2024" in out


def test_markdown_escapes_the_resume(hostile):
    out = render(hostile, "markdown")
    assert "<script" not in out and "<iframe" not in out and "<img" not in out
    assert "&lt;script&gt;" in out
    assert "](javascript:" not in out
    for line in out.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            # every table row keeps its column count: resume pipes are escaped
            assert len(re.findall(r"(?<!\\)\|", line)) in (3, 4, 5, 7), line


def test_markdown_has_the_report_parts(lead):
    out = render(lead, "markdown")
    for part in ("## Coverage by category", "## Next step", "## Gaps, in the order to work on them", "## Requirements",
                 "US market, 2024"):
        assert part in out
    assert f"**Score: {lead.score:.1f} / 100**" in out


def test_json_validates_against_the_shipped_schema(lead, hostile):
    for r in (lead, hostile):
        d = json.loads(render(r, "json"))
        validate_report_dict(d)
        assert d["score"] == round(r.score, 1)


def test_jsonresume_validates_against_the_jsonresume_schema(shared_dir, lead, chef, hostile):
    import jsonschema

    schema_path = shared_dir / "eval" / "jsonresume" / "schema.json"
    if not schema_path.exists():
        pytest.skip("JSON Resume schema not present")
    schema = json.loads(schema_path.read_text("utf-8"))
    for r in (lead, chef, hostile):
        d = json.loads(render(r, "jsonresume"))
        jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(d)
    d = json.loads(render(lead, "jsonresume"))
    assert d["basics"]["name"] == "Morgan Quinnell" and d["basics"]["email"] == "morgan.quinnell@example.com"
    assert d["work"][0]["position"] == "Lead AI Engineer" and d["work"][0]["startDate"] == "2021-03"
    assert "endDate" not in d["work"][0]
    py = next(s for s in d["skills"] if s["x-skillgap"]["id"] == "python")
    assert py["x-skillgap"]["status"] == "met" and py["x-skillgap"]["years"] > 0
    for ev in py["x-skillgap"]["evidence"]:
        assert lead.text[ev["start"]:ev["end"]] == ev["text"]
    assert d["x-skillgap"]["score"] == lead.score and d["x-skillgap"]["level"] == "lead_ai_engineer"


def test_terminal_plain_without_tty_or_with_no_color(lead, monkeypatch):
    out = render(lead, "text")  # pytest's stdout is not a TTY
    assert "\x1b[" not in out
    assert "Coverage by category" in out and "Requirements" in out and "Next step" in out
    assert f"Score: {lead.score:.1f} / 100" in out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in render(lead, "text")
    assert "\x1b[" in render(lead, "text", color=True)


def test_terminal_numbers_add_up(lead):
    out = render(lead, "text", width=140)
    pts = [float(m.group(1)) for m in re.finditer(r"^ *\S+ \S+ .*?\s(\d+\.\d)/\d+\.\d\s", out, re.M)]
    assert pts  # requirement rows carry points
    total = sum(r.points for r in lead.assessment.requirements)
    assert round(total, 1) == lead.score


def test_off_target_is_told_plainly(chef):
    for fmt in ("text", "markdown", "html"):
        out = render(chef, fmt)
        assert "Not yet on the AI engineering ladder" in out or "Not on the AI engineering ladder yet" in out, fmt
        assert "Junior AI Engineer" in out
        assert "Entry step" in out


def test_cli_formats_write_files(tmp_path):
    runner = CliRunner()
    for fmt, check in (("html", "<!doctype html>"), ("markdown", "# Skill-gap report"), ("jsonresume", '"x-skillgap"'),
                       ("json", '"schema_version"'), ("text", "Coverage by category")):
        out = tmp_path / f"r.{fmt}"
        res = runner.invoke(app, ["analyze", str(SAMPLES / "junior_ml_engineer.txt"), "--as-of", "2026-06-30",
                                  "-f", fmt, "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert check in out.read_text("utf-8")


@pytest.mark.skipif(shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
                    reason="headless Chromium is not installed")
def test_html_renders_in_headless_chromium(tmp_path, lead):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from render_html_check import screenshot_stats

    page = tmp_path / "report.html"
    page.write_text(render(lead, "html"), "utf-8")
    stats = screenshot_stats(page, tmp_path / "shot.png")
    assert stats["width"] == 1200 and stats["non_white"] > 0.05, stats
    assert stats["colours"] >= 3, stats  # bars, pills and text in colour, not a blank or monochrome page
