from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
AS_OF = dt.date(2026, 6, 30)  # the samples' reference date: "Present" means this day


def personas() -> list[dict]:
    return json.loads((SAMPLES / "personas.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def analyzer_default():
    from analyzer import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
