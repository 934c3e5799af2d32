"""Report -> dict: the JSON contract's converter gives exactly what ``analyzer.types._plain`` gives (the
same values, keys in the same order, so the same JSON bytes), on real reports and odd values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from analyzer import report as R
from analyzer import types as T

from conftest import AS_OF, SAMPLES, SHARED


def _json(d) -> str:
    return json.dumps(d, ensure_ascii=False)  # no sort_keys: key order counts


@pytest.fixture(scope="module")
def reports(analyzer_default):
    out = [analyzer_default.analyze_text(p.read_text("utf-8"), as_of=AS_OF) for p in sorted(SAMPLES.glob("*.txt"))]
    data = SHARED / "eval" / "dotin" / "train.jsonl"
    if data.is_file():
        out += [analyzer_default.analyze_text(json.loads(x)["content"], as_of="2019-06-30")
                for x in data.read_text("utf-8").splitlines()[:40]]
    return out


def test_report_dict_is_what_types_plain_gives(reports, monkeypatch):
    fast = [_json(r.to_dict()) for r in reports]
    monkeypatch.setattr(R, "_plain", T._plain)
    assert fast == [_json(r.to_dict()) for r in reports]


def test_parts_convert_like_types_plain(reports):
    for r in reports[:3]:
        for part in (r.evidence, r.assessment, r.profile, r.sections, r.source, r.role, r.assessment.career):
            assert _json(R._plain(part)) == _json(T._plain(part))


@dataclasses.dataclass(frozen=True)
class _One:
    x: float


@dataclasses.dataclass(frozen=True)
class _Empty:
    pass


class _Str(str):
    pass


def test_odd_values_convert_like_types_plain():
    values = [
        1.234567, 2, True, None, "s", _Str("sub"), dt.date(2020, 1, 2), dt.datetime(2020, 1, 2, 3, 4),
        (1.00004, [2.5, {"k": (0.333333,)}]), {"a": _One(0.123456)}, _One(1 / 3), _Empty(), _One,
        [_One(2.0), (_Empty(),)], float("inf"),
    ]
    for v in values:
        assert repr(R._plain(v)) == repr(T._plain(v)), v  # repr: key order and types count
