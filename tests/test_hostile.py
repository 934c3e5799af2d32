"""The hostile-input corpus (tests/hostile.py builds every file; nothing is downloaded) through the
command line and through ``skillgap batch``.

Each file must get the right outcome: exit 1 with exactly one stderr line naming the file and the
cause (no traceback, no output file), or exit 0 with a correct report — the same score as its benign
twin, plus a warning where the file needed one — and never a run past the time limit."""

from __future__ import annotations

import csv
import json
import subprocess

import pytest

from analyzer.report import validate_report_dict

import hostile
from conftest import AS_OF
from hostile import CAUSE_WORDS, CORPUS, INJECTION, build_corpus, run_cli_many, skillgap_exe

SLACK = 4.0  # seconds beyond a time limit allowed for start-up and the error line


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    return d, build_corpus(d)


@pytest.fixture(scope="module")
def cli(corpus, tmp_path_factory):
    """Every corpus file through ``skillgap analyze --format json -o OUT`` (one interpreter)."""
    d, cases = corpus
    out = tmp_path_factory.mktemp("out")
    argvs = [["analyze", str(d / n), "--as-of", AS_OF.isoformat(), "--format", "json", "-o", str(out / (n + ".json")),
              "--timeout", f"{c.timeout:g}"] for n, c in cases.items()]
    return out, dict(zip(cases, run_cli_many(argvs)))


@pytest.fixture(scope="module")
def twin_scores(analyzer_default, tmp_path_factory):
    """The score of each case's benign twin (same resume without the hostile part)."""
    from analyzer.ingest import load_bytes

    scores = {}
    for c in CORPUS:
        if c.like is not None:
            doc = load_bytes(c.like(), c.name)
            scores[c.name] = analyzer_default.analyze_document(doc, as_of=AS_OF).score
    return scores


@pytest.mark.parametrize("name", [c.name for c in CORPUS])
def test_cli_outcome(cli, twin_scores, name):
    out, results = cli
    case = {c.name: c for c in CORPUS}[name]
    r = results[name]
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    assert r.seconds <= case.timeout + SLACK, f"{name} ran {r.seconds:.1f} s, limit {case.timeout} s"
    target = out / (name + ".json")
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(f".{name}.json.")]
    assert not leftovers, f"temporary output left behind: {leftovers}"
    if not case.ok:
        assert r.code == 1, (r.code, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1, r.stderr
        assert lines[0].startswith(f"skillgap: error: {name}: ")
        assert any(CAUSE_WORDS[k] in lines[0] for k in case.kinds), lines[0]
        assert not target.exists(), "no output file for a file that failed"
        assert r.stdout == ""
        return
    assert r.code == 0 and r.stderr == "", r.stderr
    data = json.loads(target.read_text("utf-8"))
    validate_report_dict(data)
    for e in data["evidence"]:
        assert data["text"][e["start"]:e["end"]] == e["text"]
    if case.warning:
        assert any(case.warning in w for w in data["warnings"]), data["warnings"]
    if name in twin_scores:
        assert data["score"] == twin_scores[name], "the hostile part changed the score"


def test_hidden_and_script_text_never_reaches_the_report(cli):
    out, _ = cli
    white = json.loads((out / "white_text.pdf.json").read_text("utf-8"))
    assert "Terraform" not in white["text"] and not any(e["skill_id"] == "kubernetes" for e in white["evidence"])
    page = json.loads((out / "script.html.json").read_text("utf-8"))
    for bad in ("document.write", "alert(", "onerror", "onclick", "steal()", "evil.example", "javascript:",
                "Databricks", "var skills"):
        assert bad not in page["text"], bad


def test_prompt_injection_earns_nothing(cli):
    out, _ = cli
    data = json.loads((out / "injection.txt.json").read_text("utf-8"))
    a = data["text"].index(INJECTION)
    b = a + len(INJECTION)
    assert not [e for e in data["evidence"] if a <= e["start"] < b], "the injected line produced evidence"
    assert data["score"] < 100


def test_five_thousand_stuffed_skills_earn_nothing(cli, analyzer_default):
    """The twin is the same resume without the list, read by the same TXT reader (analyze_text keeps
    runs of spaces that the TXT reader turns into tabs, so it is no like-for-like twin)."""
    from analyzer.ingest import load_bytes

    out, _ = cli
    data = json.loads((out / "stuffed.txt.json").read_text("utf-8"))
    twin = analyzer_default.analyze_document(load_bytes(hostile.base_resume().encode("utf-8"), "stuffed.txt"), as_of=AS_OF)
    assert data["score"] == twin.score
    assert [c["name"] for c in data["profile"]["certifications"]] == [c.name for c in twin.profile.certifications]


def test_stuffed_skills_are_reported_in_a_warning(cli):
    out, _ = cli
    data = json.loads((out / "stuffed.txt.json").read_text("utf-8"))
    assert any("keyword" in w or "dump" in w for w in data["warnings"]), data["warnings"]


def test_a_slow_analysis_is_stopped_by_the_time_limit(tmp_path_factory, tmp_path):
    """The CLI's --timeout bounds reading AND analysis (80,000 stuffed skills need seconds of NLP; the
    corpus's 5,000 take about 0.3 s since evidence stopped being quadratic)."""
    d = tmp_path_factory.mktemp("slow")
    (d / "stuffed.txt").write_text(hostile.stuffed(hostile.base_resume(), 80_000), "utf-8")
    target = tmp_path / "r.html"
    r = subprocess.run([skillgap_exe(), "analyze", str(d / "stuffed.txt"), "--timeout", "0.5", "--format", "html",
                        "-o", str(target)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [r.stderr.strip()] and "stuffed.txt: " in r.stderr and "time limit" in r.stderr
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_batch_over_the_hostile_directory_gives_one_correct_row_per_file(corpus, tmp_path):
    d, cases = corpus
    out = tmp_path / "rows.csv"
    r = subprocess.run([skillgap_exe(), "batch", str(d), "--out", str(out), "--workers", "2", "--timeout", "12",
                        "--as-of", AS_OF.isoformat()], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by = {}
    for row in rows:
        name = row["file"].replace("\\", "/").rsplit("/", 1)[-1]
        assert name not in by, f"two rows for {name}"
        by[name] = row
    assert set(by) == set(cases)
    for name, case in cases.items():
        row = by[name]
        if case.ok:
            assert row["status"] == "ok" and row["error"] == "" and row["score"] != "", (name, row)
        else:
            assert row["status"] == "error" and row["rank"] == "", (name, row)
            assert row["error_kind"] in case.kinds, (name, row["error_kind"], row["error"])
            assert "\n" not in row["error"] and row["error"]
