"""Speed of the default pipeline, in resumes per second, in one process after warm-up.

    python bench/bench_nlp_speed.py [--data ../shared/eval/dotin/train.jsonl] [--repeats 3]

Prints, for the same texts and within one run (compare the ratios; the machine is shared): spaCy's bare
tokenizer, the skillgap spaCy pipeline (skills + context + semantic), and the whole ``analyze_text``
(sections, evidence, profile, scoring). Falls back to the project's samples/*.txt without ../shared.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rate(fn, texts, repeats):
    for t in texts:
        fn(t)
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        out.append(len(texts) / (time.perf_counter() - t0))
    return statistics.median(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "dotin" / "train.jsonl")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    if args.data.is_file():
        texts = [json.loads(x)["content"] for x in args.data.read_text("utf-8").splitlines() if x.strip()]
    else:
        texts = [p.read_text("utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    import spacy

    from analyzer import Analyzer

    an = Analyzer()
    blank = spacy.blank("en")
    print(f"{len(texts)} texts, mean {sum(map(len, texts)) / len(texts):.0f} characters")
    print(f"spaCy blank tokenizer   {rate(blank.make_doc, texts, args.repeats):8.1f} resumes/s")
    print(f"skillgap spaCy pipeline {rate(an.nlp_, texts, args.repeats):8.1f} resumes/s")
    print(f"analyze_text (all)      {rate(lambda t: an.analyze_text(t, as_of='2019-06-30'), texts, args.repeats):8.1f} resumes/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
