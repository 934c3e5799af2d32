"""Fit the semantic competency matcher (TF-IDF + LSA, fixed seed) and calibrate its threshold.

    python bench/train_semantic.py            # writes models/semantic_lsa.json + .npz
    python bench/train_semantic.py --check    # only print the calibration table

Training data: the role taxonomy's descriptions and paraphrases plus the project's own paraphrases and
negatives (analyzer/resources/semantic_data.yaml). Calibration data: the ``calibration`` sentences of the
same file, never used for fitting. The threshold is the lowest one whose precision on the calibration
sentences is >= 0.90 (ties: higher F1); it is stored in the model's JSON and quoted in the README.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def calibrate(m, cal: list[dict]) -> list[tuple[float, float, float, float]]:
    texts = [c["text"] for c in cal]
    rows = []
    for thr in [round(0.20 + 0.025 * i, 3) for i in range(25)]:
        pred = m.match(texts, thr)
        tp = sum(1 for p, c in zip(pred, cal) if p is not None and p.label == c["expect"])
        fp = sum(1 for p, c in zip(pred, cal) if p is not None and p.label != c["expect"])
        pos = sum(1 for c in cal if c["expect"])
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / pos if pos else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append((thr, prec, rec, f1))
    return rows


def main(argv: list[str] | None = None) -> int:
    from analyzer.nlp.semantic import LsaMatcher, load_semantic_data, training_key, training_set
    from analyzer.taxonomy import load_role

    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--components", type=int, default=0, help="LSA dimensions (0: plain TF-IDF; chosen on the calibration table)")
    args = ap.parse_args(argv)
    role = load_role().role
    texts, labels = training_set(role)
    cal = load_semantic_data()["calibration"]
    m = LsaMatcher(n_components=args.components).fit(texts, labels)
    rows = calibrate(m, cal)
    print("threshold  precision  recall  f1")
    for thr, p, r, f in rows:
        print(f"{thr:9.3f}  {p:9.3f}  {r:6.3f}  {f:5.3f}")
    ok = [row for row in rows if row[1] >= 0.90]
    best = max(ok, key=lambda row: (row[3], -row[0])) if ok else max(rows, key=lambda row: row[1])
    m.threshold = best[0]
    print(f"chosen threshold {best[0]:.3f}: precision {best[1]:.3f}, recall {best[2]:.3f} on {len(cal)} "
          f"calibration sentences; {len(texts)} prototypes")
    if not args.check:
        m.save(ROOT / "models", meta={"training_key": training_key(texts, labels), "calibration": {
            "threshold": best[0], "precision": round(best[1], 3), "recall": round(best[2], 3), "sentences": len(cal)}})
        print("wrote models/semantic_lsa.json and models/semantic_lsa.npz")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
