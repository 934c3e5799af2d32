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
