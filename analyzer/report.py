"""Report -> the versioned JSON contract (``schema_version`` "1").

``report_to_dict`` is the one place that decides the JSON shape; ``analyzer/schemas/report.schema.json``
describes it and a test validates real outputs against it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from operator import attrgetter
from typing import Any

from analyzer.types import SCHEMA_VERSION, Position, Report

# How _plain converts a value of each type (worked out once per type, in analyzer.types._plain's order):
# a dataclass -> (its field names, a getter of their values); a list or tuple -> _LIST; a dict -> _DICT;
# a date -> _DATE; a float -> _FLOAT; anything else as it is (_SAME)
_LIST, _DICT, _DATE, _FLOAT, _SAME = "list", "dict", "date", "float", "same"
_KIND: dict[type, Any] = {str: _SAME, int: _SAME, bool: _SAME, type(None): _SAME}


def _kind(tp: type) -> Any:
    if not issubclass(tp, type) and dataclasses.is_dataclass(tp):  # an instance of a dataclass, not the class
        names = tuple(f.name for f in dataclasses.fields(tp))
        if len(names) > 1:
            values = attrgetter(*names)  # a tuple of the field values, in one call
        elif names:
            values = lambda v, name=names[0]: (getattr(v, name),)  # noqa: E731
        else:
            values = lambda v: ()  # noqa: E731
        kind: Any = (names, values)
    elif issubclass(tp, (list, tuple)):
        kind = _LIST
    elif issubclass(tp, dict):
        kind = _DICT
    elif issubclass(tp, dt.date):
        kind = _DATE
    elif issubclass(tp, float):
        kind = _FLOAT
    else:
        kind = _SAME
    _KIND[tp] = kind
    return kind


def _plain(value: Any) -> Any:
    """``analyzer.types._plain`` (dataclasses, tuples and dates to JSON-ready values; floats rounded to 4
    places), the same values, with each type's handling and field names worked out once."""
    kind = _KIND.get(type(value))
    if kind is None:
        kind = _kind(type(value))
    if kind is _SAME:
        return value
    if kind is _LIST:
        return [_plain(v) for v in value]
    if kind is _FLOAT:
        return round(value, 4)
    if kind is _DICT:
        return {k: _plain(v) for k, v in value.items()}
    if kind is _DATE:
        return value.isoformat()
    names, values = kind
    return {n: (v if _KIND.get(type(v)) is _SAME else _plain(v)) for n, v in zip(names, values(value))}


def _position(p: Position) -> dict[str, Any]:
    d = p.dates
    return {
        "title": p.title, "organisation": p.organisation, "location": p.location,
        "start_date": d.start.isoformat() if d and d.start else None,
        "end_date": d.end.isoformat() if d and d.end else None,
        "current": bool(d and d.current), "date_text": d.text if d else None,
        "years": round(p.years, 2), "kind": p.kind, "leadership": p.leadership, "ai_ml": p.ai_ml,
        "start": p.start, "end": p.end,
        "lead": None if p.lead_dates is None else {
            "text": p.lead_dates.text, "start": p.lead_dates.start_offset, "end": p.lead_dates.end_offset,
            "years": round(p.lead_dates.years, 2)},
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    pr = report.profile
    a = report.assessment
    career = a.career
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "skillgap", "version": report.tool_version},
        "source": _plain(report.source),
        "as_of": report.as_of.isoformat(),
        "role": _plain(report.role),
        "score": round(a.score, 1),
        "categories": [dict(_plain(c), coverage=round(c.coverage, 4)) for c in a.categories],
        "profile": {
            "current_title": pr.current_title,
            "total_experience_years": round(pr.total_experience_years, 2),
            "leadership_years": round(pr.leadership_years, 2),
            "ai_ml_years": round(pr.ai_ml_years, 2),
            "architecture_years": round(pr.architecture_years, 2),
            "highest_degree": pr.highest_degree,
            "education": _plain(pr.education),
            "positions": [_position(p) for p in pr.positions],
            "certifications": _plain(pr.certifications),
            "skill_years": {k: round(v, 2) for k, v in pr.skill_years},
            "contact": _plain(pr.contact),
            "is_resume": pr.is_resume,
        },
        "evidence": [_plain(e) for e in report.evidence],
        "requirements": [_plain(r) for r in a.requirements],
        "gaps": [_plain(g) for g in a.gaps],
        "career": {
            "current_level": _plain(career.current_level),
            "next_level": _plain(career.next_level) if career.next_level else None,
            "on_target": career.on_target,
            "reasons": list(career.reasons),
            "to_next_level": list(career.to_next_level),
            "salary": _plain(career.salary),
        },
        "sections": _plain(report.sections),
        "warnings": list(report.warnings),
        "text": report.text,
    }


@lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    return json.loads(resources.files("analyzer.schemas").joinpath("report.schema.json").read_text("utf-8"))


def validate_report_dict(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` does not follow the shipped schema."""
    import jsonschema

    jsonschema.validate(data, report_schema())
