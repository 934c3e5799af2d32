"""Nothing lost: kill -9 a running batch, rerun the same command, get every file exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import AS_OF, ROOT, SAMPLES

N = 120


def _make_inbox(d: Path) -> list[Path]:
    bases = sorted(SAMPLES.glob("*.txt"))
    files = []
    for i in range(N):
        base = bases[i % len(bases)]
        text = base.read_text("utf-8") + f"\nReferences available on request (applicant {i:04d}).\n"
        f = d / f"applicant_{i:04d}.txt"
        f.write_text(text, "utf-8")
        files.append(f)
    return files


def _journaled(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
            return int(con.execute("SELECT COUNT(*) FROM results").fetchone()[0])
    except sqlite3.Error:
        return 0


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_kill_9_then_rerun_completes_with_every_file_once(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = _make_inbox(inbox)
    out = tmp_path / "ranked.jsonl"
    db = tmp_path / "ranked.jsonl.journal.sqlite"
    cmd = [sys.executable, "-m", "analyzer.cli", "batch", str(inbox), "--out", str(out), "--as-of", AS_OF.isoformat(),
           "--workers", "2", "--verbose"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while _journaled(db) < 8:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the batch made no progress"
        workers = _children(proc.pid) or workers
        time.sleep(0.01)
    workers = _children(proc.pid) or workers
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_at_kill = _journaled(db)
    assert 8 <= done_at_kill < N, "the batch finished before it could be killed"
    assert not out.exists()  # the output is only written, atomically, at the end
    # the workers die with their parent (no orphans left scoring)
    assert workers
    t0 = time.monotonic()
    while any(_alive(p) for p in workers) and time.monotonic() - t0 < 10:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)

    res = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert f"from journal {done_at_kill}" in res.stderr and f"analysed {N - done_at_kill} " in res.stderr, res.stderr
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    names = [ln["batch"]["file"] for ln in lines]
    assert sorted(names) == sorted(map(str, files))
    assert len(set(names)) == N  # every file exactly once
    assert all(ln["batch"]["status"] == "ok" and ln["score"] == ln["batch"]["score"] for ln in lines)
    assert len({ln["batch"]["sha256"] for ln in lines}) == N
    scores = [ln["batch"]["score"] for ln in lines]
    assert scores == sorted(scores, reverse=True)
    assert _journaled(db) == N
    assert not list(tmp_path.glob(".ranked.jsonl.*.tmp"))  # no temp files left behind
