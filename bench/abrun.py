"""The A/B harness shared by ``bench/ab_speed.py`` and ``bench/ab_ingest.py``: one script run in a fresh
process per checkout, in turn, the order swapped every pass (so neither checkout always runs first on a
machine whose speed drifts)."""

from __future__ import annotations

import subprocess
import sys


def alternate(code: str, roots: list[str], passes: int, *args: str) -> dict[str, list[str]]:
    """``python -c code ROOT *args`` for each root, ``passes`` times in alternating order: each root's stdout
    of each pass, in pass order."""
    out: dict[str, list[str]] = {r: [] for r in roots}
    for i in range(passes):
        for r in roots if i % 2 == 0 else roots[::-1]:
            out[r].append(subprocess.run([sys.executable, "-c", code, r, *args], capture_output=True, text=True,
                                         check=True).stdout)
    return out
