"""The dotin years gold reading of bench/eval_dotin.py (what the development MAE is measured against)."""

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "bench" / "eval_dotin.py"


@pytest.fixture(scope="module")
def ev():
    spec = importlib.util.spec_from_file_location("eval_dotin", _PATH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _doc(*spans):
    return {"entities": [{"label": "Years of Experience", "text": t} for t in spans]}


@pytest.mark.parametrize("spans,years", [
    (["2010  2014"], 5.0),  # a range whose dash a flattened page turned into spaces (years inclusive)
    (["Jan 2009   Present"], 10.5),  # as of 2019-06-30
    (["6/2010  6/2014", "2/2009  5/2010"], 5.41),  # numeric months (end month inclusive)
    (["May 2015 to March 2017"], 1.92),
    (["18/06/2014  31/12/2016"], 2.58),  # full dates (the day first: 18 and 31 are no months)
    (["1st August 2002  6th August 2004"], 2.08),
    (["9 years of experience"], None),  # no range: not gold
])
def test_gold_reads_lost_dashes(ev, spans, years):
    got = ev.gold_total_years(_doc(*spans))
    assert (got is None and years is None) or got == pytest.approx(years, abs=0.01)


def test_legacy_gold_reads_spans_as_written(ev, monkeypatch):
    monkeypatch.setattr(ev, "LEGACY_GOLD", True)
    assert ev.gold_total_years(_doc("6/2010  6/2014")) is None


def _load(name):
    path = Path(__file__).resolve().parents[1] / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_years_audit_is_well_formed_and_holds_no_resume_text():
    import json

    data = json.loads((Path(__file__).resolve().parents[1] / "bench" / "years_audit.json").read_text("utf-8"))
    ids = [v["id"] for v in data["verdicts"]]
    assert len(ids) == len(set(ids)) == 20
    assert {v["verdict"] for v in data["verdicts"]} <= {"gold_omits", "gold_counts_excluded", "ours", "unclear"}
    assert all(v["why"] and len(v["why"]) < 200 for v in data["verdicts"])


def test_years_audit_mae_leaves_out_the_resumes_judged_on_the_gold_side(tmp_path, capsys):
    import json

    ey = _load("eval_years")
    audit = tmp_path / "audit.json"
    audit.write_text(json.dumps({"verdicts": [{"id": "a", "verdict": "gold_omits", "why": "x"},
                                              {"id": "b", "verdict": "gold_counts_excluded", "why": "y"},
                                              {"id": "c", "verdict": "ours", "why": "z"}]}))
    ey.audit([("a", 10.0, 2.0), ("b", 1.0, 4.0), ("c", 3.0, 1.0), ("d", 1.0, 1.0)], audit)
    out = capsys.readouterr().out
    assert "gold_omits 1 (8.0), gold_counts_excluded 1 (3.0), ours 1 (2.0), unclear 0 (0.0)" in out
    assert "MAE without the gold_omits resumes: 1.667 (3 resumes)" in out
    assert "MAE without the gold_omits and gold_counts_excluded resumes: 1.000 (2 resumes)" in out
