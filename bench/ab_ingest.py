"""A/B speed of reading plain-text resume files (``analyzer.ingest.load_bytes``) for two checkouts,
alternating, in fresh processes.

    git worktree add /tmp/old <commit>
    python bench/ab_ingest.py /tmp/old . [--passes 8] [--files 300]

Inputs, made here once and handed to every process: ``--files`` text copies as ``bench/bench_batch.py``'s
``make_text`` writes them (a sample resume plus a line of words no other copy has), and, where
``../shared/eval/dotin/train.jsonl`` is present, its resumes' ``content`` encoded as UTF-8 (``.txt``).

Each pass starts a new process per checkout (in turn, the order swapped every pass), reads every file
once to warm up, then times three rounds with ``time.process_time`` and keeps the quickest: microseconds
per file for ``load_bytes`` alone and for ``load_bytes`` inside a ``time_limit`` of the same seconds and
name, as a batch worker runs it (``analyzer.batch.analyze_payload``). Prints each checkout's median over
the passes and the ratio. The machine is shared and its speed drifts, so compare the two checkouts of one
run, not figures from different runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOTIN = ROOT.parent / "shared" / "eval" / "dotin" / "train.jsonl"

_ONE_PASS = r'''
import sys, time
from pathlib import Path
root, data = sys.argv[1], Path(sys.argv[2])
sys.path.insert(0, root)
from analyzer.ingest import IngestOptions, load_bytes
from analyzer.limits import time_limit
sets = [(d.name, [(p.name, p.read_bytes()) for p in sorted(d.iterdir())]) for d in sorted(data.iterdir())]
opts = IngestOptions()
def plain(files):
    for name, b in files:
        load_bytes(b, name, opts)
def in_worker(files):
    for name, b in files:
        with time_limit(opts.timeout, name):
            load_bytes(b, name, opts)
out = []
for label, files in sets:
    plain(files)
    for how, fn in (("plain", plain), ("worker", in_worker)):
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            fn(files)
            best = min(best, time.process_time() - t0)
        out.append(f"{label}/{how} {best / len(files) * 1e6:.2f}")
print("\n".join(out))
'''


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a", type=Path, help="first checkout (the old code)")
    ap.add_argument("b", type=Path, help="second checkout (the new code)")
    ap.add_argument("--passes", type=int, default=8)
    ap.add_argument("--files", type=int, default=300)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    from abrun import alternate
    from bench_batch import make_text

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        sets = {"samples": len(make_text(data / "samples", args.files))}
        if DOTIN.is_file():
            rows = [json.loads(x) for x in DOTIN.read_text("utf-8").splitlines() if x.strip()]
            (data / "dotin").mkdir()
            for i, r in enumerate(x for x in rows if x.get("content")):
                (data / "dotin" / f"real_{i:05d}.txt").write_bytes(r["content"].encode("utf-8"))
            sets["dotin"] = i + 1
        roots = [str(args.a.resolve()), str(args.b.resolve())]
        times: dict[str, dict[str, list[float]]] = {r: {} for r in roots}
        for r, outs in alternate(_ONE_PASS, roots, args.passes, str(data)).items():
            for out in outs:
                for line in out.strip().splitlines():
                    key, us = line.split()
                    times[r].setdefault(key, []).append(float(us))
    print(f"files: {', '.join(f'{label} {n}' for label, n in sets.items())}; {args.passes} passes")
    for key in times[roots[0]]:
        a, b = (statistics.median(times[r][key]) for r in roots)
        print(f"{key:16s} {a:8.1f} us/file -> {b:8.1f} us/file   new/old {b / a:.3f}   (old {_row(times[roots[0]][key])}; "
              f"new {_row(times[roots[1]][key])})")
    return 0


def _row(xs: list[float]) -> str:
    return " ".join(f"{x:.0f}" for x in xs)


if __name__ == "__main__":
    raise SystemExit(main())
