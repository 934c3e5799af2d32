"""JSON: the versioned contract (see analyzer/schemas/report.schema.json)."""

from __future__ import annotations

import json

from analyzer.types import Report


def render_json(report: Report, *, indent: int | None = 2, **_) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)
