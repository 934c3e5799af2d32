"""A/B speed of ``analyze_text`` for two checkouts of the project, alternating, in fresh processes.

    git worktree add /tmp/old <commit>
    python bench/ab_speed.py /tmp/old . [--passes 6] [--data ../shared/eval/dotin/train.jsonl]

Each pass starts a new process per checkout (in turn, the order swapped every pass), builds the analyzer,
runs one warm-up pass over the texts and times a second one; prints each checkout's median and maximum
resumes/s. The machine is shared and its speed drifts, so compare the two checkouts of one run, not figures
from different runs. Falls back to the project's samples/*.txt without ../shared.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_ONE_PASS = r'''
import json, sys, time
from pathlib import Path
root, data = sys.argv[1], Path(sys.argv[2])
sys.path.insert(0, root)
from analyzer import Analyzer
if data.is_file():
    texts = [json.loads(x)["content"] for x in data.read_text("utf-8").splitlines() if x.strip()]
else:
    texts = [p.read_text("utf-8") for p in sorted(Path(root, "samples").glob("*.txt"))] * 50
an = Analyzer()
for t in texts:
    an.analyze_text(t, as_of="2019-06-30")
t0 = time.perf_counter()
for t in texts:
    an.analyze_text(t, as_of="2019-06-30")
print(len(texts) / (time.perf_counter() - t0))
'''


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a", type=Path, help="first checkout")
    ap.add_argument("b", type=Path, help="second checkout")
    ap.add_argument("--passes", type=int, default=6)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "dotin" / "train.jsonl")
    args = ap.parse_args(argv)
    roots = [str(args.a.resolve()), str(args.b.resolve())]
    rates: dict[str, list[float]] = {r: [] for r in roots}
    for i in range(args.passes):
        for r in roots if i % 2 == 0 else roots[::-1]:
            out = subprocess.run([sys.executable, "-c", _ONE_PASS, r, str(args.data)], capture_output=True,
                                 text=True, check=True).stdout
            rates[r].append(float(out.strip().splitlines()[-1]))
    for r in roots:
        print(f"{r}: median {statistics.median(rates[r]):.1f} resumes/s, max {max(rates[r]):.1f} "
              f"({', '.join(f'{x:.1f}' for x in rates[r])})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
