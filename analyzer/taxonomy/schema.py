"""JSON Schema for role and ladder files, generated from the strict models (for editors)."""

from __future__ import annotations

import json

from analyzer.taxonomy.models import Ladder, Role


def role_schema() -> dict:
    s = Role.model_json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "skillgap role taxonomy"
    return s


def ladder_schema() -> dict:
    s = Ladder.model_json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "skillgap career ladder"
    return s


def role_schema_json() -> str:
    return json.dumps(role_schema(), indent=2, sort_keys=True) + "\n"


def ladder_schema_json() -> str:
    return json.dumps(ladder_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":  # regenerate the shipped copies: python -m analyzer.taxonomy.schema
    from importlib import resources
    from pathlib import Path

    here = Path(str(resources.files("analyzer.schemas")))
    (here / "role.schema.json").write_text(role_schema_json(), encoding="utf-8")
    (here / "ladder.schema.json").write_text(ladder_schema_json(), encoding="utf-8")
