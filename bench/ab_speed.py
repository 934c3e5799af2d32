"""A/B speed of ``analyze_text`` for two checkouts of the project, alternating, in fresh processes.

    git worktree add /tmp/old <commit>
    python bench/ab_speed.py /tmp/old . [--passes 6] [--data ../shared/eval/dotin/train.jsonl]

Each pass starts a new process per checkout (in turn, the order swapped every pass). The process builds the
analyzer, analyses the project's samples, then times:

* **first pass**: ``analyze_text`` over the texts, which the process has not seen (its caches are cold for
  them, as in a batch worker meeting a new inbox);
* **warm**: the best of three further passes over the same texts.

Times are the process's CPU time (``time.process_time``), less disturbed by other work on a shared machine
than wall-clock time, shown as resumes per CPU-second. Prints each checkout's medians and the median of the
per-pass ratios (b over a). The machine's speed drifts, so compare the two checkouts of one run, not figures
from different runs. Falls back to the project's samples/*.txt without ../shared.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from abrun import alternate  # noqa: E402

_ONE_PASS = r'''
import json, sys, time
from pathlib import Path
root, data = sys.argv[1], Path(sys.argv[2])
sys.path.insert(0, root)
from analyzer import Analyzer
samples = [p.read_text("utf-8") for p in sorted(Path(root, "samples").glob("*.txt"))]
if data.is_file():
    texts = [json.loads(x)["content"] for x in data.read_text("utf-8").splitlines() if x.strip()]
else:
    texts = samples * 50
an = Analyzer()
for t in samples:
    an.analyze_text(t, as_of="2019-06-30")
t0 = time.process_time()
for t in texts:
    an.analyze_text(t, as_of="2019-06-30")
first = time.process_time() - t0
warm = []
for _ in range(3):
    t0 = time.process_time()
    for t in texts:
        an.analyze_text(t, as_of="2019-06-30")
    warm.append(time.process_time() - t0)
print(len(texts) / first, len(texts) / min(warm))
'''


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a", type=Path, help="first checkout")
    ap.add_argument("b", type=Path, help="second checkout")
    ap.add_argument("--passes", type=int, default=6)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "dotin" / "train.jsonl")
    args = ap.parse_args(argv)
    roots = [str(args.a.resolve()), str(args.b.resolve())]
    runs = alternate(_ONE_PASS, roots, args.passes, str(args.data))
    rates = {r: [tuple(map(float, out.strip().splitlines()[-1].split())) for out in outs] for r, outs in runs.items()}
    a, b = roots
    for k, name in ((0, "first pass"), (1, "warm")):
        for r in roots:
            xs = [x[k] for x in rates[r]]
            print(f"{name:<10} {r}: median {statistics.median(xs):.1f} resumes/s "
                  f"({', '.join(f'{x:.1f}' for x in xs)})")
        ratio = statistics.median(y[k] / x[k] for x, y in zip(rates[a], rates[b]))
        print(f"{name:<10} b / a: median of per-pass ratios {ratio:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
