"""The batch journal: every finished file is recorded the moment it completes, so nothing is lost.

An embedded SQLite database in WAL mode. One row per *analysed content*, keyed by

    content sha256 : settings fingerprint

where the fingerprint covers the role (id, version and its full content), the ladder, the tool
version, the ``as_of`` date, ``--blind`` and the reading limits — everything that can change a
result. A rerun of the same command looks each file's key up and skips the ones already there, so a
batch killed with ``kill -9`` resumes where it stopped. Each ``put`` is its own committed
transaction: a file is either fully recorded or not at all.

The row stored is the *content* part of an output row (score, levels, years, ...); the per-file
columns (file, duplicate_of, rank) are filled in by :mod:`analyzer.batch`. For ``.jsonl`` output the
full report is stored as well, zlib-compressed JSON.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    key          TEXT PRIMARY KEY,
    sha256       TEXT NOT NULL,
    role_id      TEXT NOT NULL,
    role_version TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    as_of        TEXT NOT NULL,
    settings     TEXT NOT NULL,
    row          TEXT NOT NULL,
    report       BLOB,
    created      REAL NOT NULL
);
"""


class Journal:
    """SQLite journal of finished files. ``Journal(path)`` creates or reopens it."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against a killed process (the WAL is in the OS cache); only a power cut
        # can lose the last transactions, which a rerun then recomputes.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=10000")
        self._db.executescript(_SCHEMA)

    @staticmethod
    def key(sha256: str, fingerprint: str) -> str:
        return f"{sha256}:{fingerprint}"

    def get(self, key: str, *, need_report: bool = False) -> dict[str, Any] | None:
        """The stored content row for ``key``; None when absent (or when the report is needed but was
        not stored by an earlier run)."""
        cur = self._db.execute("SELECT row, report IS NOT NULL FROM results WHERE key = ?", (key,))
        hit = cur.fetchone()
        if hit is None or (need_report and not hit[1] and json.loads(hit[0]).get("status") == "ok"):
            return None
        return json.loads(hit[0])

    def report(self, key: str) -> bytes | None:
        """The zlib-compressed report JSON stored for ``key``, if any."""
        hit = self._db.execute("SELECT report FROM results WHERE key = ?", (key,)).fetchone()
        return hit[0] if hit else None

    def put(self, key: str, *, sha256: str, settings: dict[str, Any], row: dict[str, Any], report: bytes | None) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO results (key, sha256, role_id, role_version, tool_version, as_of, settings, row, report,"
            " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, sha256, settings["role_id"], settings["role_version"], settings["tool_version"], settings["as_of"],
             json.dumps(settings, sort_keys=True), json.dumps(row, sort_keys=True), report, time.time()),
        )

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0])

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:  # pragma: no cover
            pass

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
