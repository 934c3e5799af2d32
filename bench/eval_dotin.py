"""Evaluate skill, degree and title extraction on the dotin human-annotated resumes (development set).

    python bench/eval_dotin.py [--data ../shared/eval/dotin/train.jsonl] [--limit N] [--errors 30]

Definitions (also in the README, "Matching and profile"):

- Gold skill spans: entities labelled ``Tech Tools``, ``Job Specific Skills`` or ``Soft Skills``.
- Predicted skill spans: alias evidence (``matcher == "alias"``) that counts (not negated, not a wish).
  Semantic (sentence-level) matches are not spans of a skill name and are counted separately.
- A prediction is correct when it overlaps a gold skill span (at least one character); a gold span is
  found when a prediction overlaps it.  Precision = correct predictions / predictions.
- Plain recall: over all gold skill spans.  Most gold spans name skills outside the Lead AI Engineer
  taxonomy (Oracle Hyperion, aircraft maintenance, ...), which this role's analyzer should not report.
- In-scope recall: over gold spans whose text contains an alias of the role's taxonomy, decided by a
  plain regular expression that is independent of the spaCy pipeline: the alias (case-insensitive; exact
  case for aliases marked ``case_sensitive``/``ambiguous``) bounded by non-alphanumeric characters, where
  a hyphen or space in the alias may be written as hyphen, space or nothing.
- Document-consistent precision (secondary figure): a prediction outside every gold span also counts as
  correct when its text occurs inside a gold skill span elsewhere in the same resume, i.e. the annotators
  marked that skill once but not at every mention (SOURCE.md: "the annotators did not mark every mention").
- Highest degree: the gold level is the highest level among the gold ``Degree`` spans, classified with the
  profile's degree classifier applied to the gold span text alone (spans that name no degree level, e.g.
  certifications, and spans that say the degree is not finished -- "Ph.D. candidate", "pursuing" -- are
  ignored, because ``highest_degree`` is the highest *completed* degree; resumes without any classifiable
  gold degree are skipped).  Correct when
  ``profile.highest_degree`` equals it.
- Current title: the gold title is the first ``Designation`` span in the document (the headline of
  Indeed resumes, the most recent role of the others).  Correct when the normalised predicted title
  equals it or one contains the other.
- Speed: resumes per second through ``Analyzer.analyze_text`` in this process after one warm-up pass.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SKILL_LABELS = {"Tech Tools", "Job Specific Skills", "Soft Skills"}
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "dotin" / "train.jsonl"
AS_OF = dt.date(2019, 6, 30)  # after the newest dates in the set; "Present" means this day


def load(path: Path, limit: int | None = None) -> list[dict]:
    docs = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return docs[:limit] if limit else docs


def alias_regexes(bundle) -> tuple[re.Pattern, re.Pattern | None]:
    """One case-insensitive and one case-sensitive regex over every taxonomy alias (independent of spaCy)."""
    from analyzer.taxonomy.models import Alias

    loose, exact = set(), set()
    for req in bundle.role.skills:
        for spec in req.aliases:
            a = spec if isinstance(spec, Alias) else Alias(text=spec)
            body = re.escape(a.text).replace(r"\-", "[- ]?").replace(r"\ ", "[- ]?")
            (exact if (a.case_sensitive or a.ambiguous) else loose).add(body)

    def mk(parts, flags):
        if not parts:
            return None
        alt = "|".join(sorted(parts, key=len, reverse=True))
        return re.compile(rf"(?<![A-Za-z0-9])(?:{alt})(?![A-Za-z0-9+#])", flags)

    return mk(loose, re.I), mk(exact, 0)


def in_scope(text: str, rx: tuple[re.Pattern, re.Pattern | None]) -> bool:
    return any(r is not None and r.search(text) for r in rx)


IN_PROGRESS = re.compile(r"\b(candidate|pursuing|expected|in progress|ongoing)\b", re.I)


def norm_title(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (s or "").lower()).strip()


def degree_level(text: str) -> str | None:
    from analyzer.profile import degree_level_of

    return degree_level_of(text)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(docs: list[dict], errors: int = 0) -> dict:
    from analyzer import Analyzer
    from analyzer.types import DEGREE_ORDER

    an = Analyzer()
    rx = alias_regexes(an.bundle_)
    tp_pred = n_pred = tp_consistent = 0
    gold_all = found_all = gold_scope = found_scope = 0
    deg_n = deg_ok = title_n = title_ok = 0
    fp_texts: collections.Counter = collections.Counter()
    fn_texts: collections.Counter = collections.Counter()
    deg_err: list[tuple] = []
    title_err: list[tuple] = []
    semantic = 0
    for d in docs:
        text = d["content"]
        rep = an.analyze_text(text, as_of=AS_OF)
        gold = [(e["start"], e["end"], e["text"]) for e in d["entities"] if e["label"] in SKILL_LABELS]
        pred = [(e.start, e.end, e.text) for e in rep.evidence if e.matcher == "alias" and e.counts]
        semantic += sum(1 for e in rep.evidence if e.matcher == "semantic")
        gold_texts = {g[2].lower() for g in gold}
        for p in pred:
            n_pred += 1
            if any(overlaps(p[:2], g[:2]) for g in gold):
                tp_pred += 1
            else:
                fp_texts[p[2].lower()] += 1
                if any(p[2].lower() in gt for gt in gold_texts):
                    tp_consistent += 1
        for g in gold:
            hit = any(overlaps(p[:2], g[:2]) for p in pred)
            gold_all += 1
            found_all += hit
            if in_scope(g[2], rx):
                gold_scope += 1
                found_scope += hit
                if not hit:
                    fn_texts[g[2]] += 1
        levels = [lv for lv in (degree_level(e["text"]) for e in d["entities"]
                                if e["label"] == "Degree" and not IN_PROGRESS.search(e["text"])) if lv]
        if levels:
            gl = max(levels, key=DEGREE_ORDER.index)
            deg_n += 1
            ok = rep.profile.highest_degree == gl
            deg_ok += ok
            if not ok:
                deg_err.append((d["id"], gl, rep.profile.highest_degree))
        titles = [e for e in d["entities"] if e["label"] == "Designation"]
        if titles:
            gt = norm_title(min(titles, key=lambda e: e["start"])["text"])
            pt = norm_title(rep.profile.current_title)
            title_n += 1
            ok = bool(pt) and (pt == gt or gt in pt or pt in gt)
            title_ok += ok
            if not ok:
                title_err.append((d["id"], gt, pt))
    res = {
        "documents": len(docs),
        "predicted_spans": n_pred,
        "precision": tp_pred / n_pred if n_pred else 0.0,
        "precision_doc_consistent": (tp_pred + tp_consistent) / n_pred if n_pred else 0.0,
        "gold_spans": gold_all,
        "recall_all": found_all / gold_all if gold_all else 0.0,
        "gold_in_scope": gold_scope,
        "recall_in_scope": found_scope / gold_scope if gold_scope else 0.0,
        "degree_resumes": deg_n,
        "degree_accuracy": deg_ok / deg_n if deg_n else 0.0,
        "title_resumes": title_n,
        "title_accuracy": title_ok / title_n if title_n else 0.0,
        "semantic_matches": semantic,
    }
    if errors:
        print("most frequent false positives:", fp_texts.most_common(errors))
        print("most frequent in-scope misses:", fn_texts.most_common(errors))
        print("degree errors (id, gold, predicted):", deg_err[:errors])
        print("title errors (id, gold, predicted):", title_err[:errors])
    return res


def speed(docs: list[dict], repeats: int = 3) -> float:
    from analyzer import Analyzer

    an = Analyzer()
    texts = [d["content"] for d in docs]
    for t in texts:  # warm-up
        an.analyze_text(t, as_of=AS_OF)
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for t in texts:
            an.analyze_text(t, as_of=AS_OF)
        rates.append(len(texts) / (time.perf_counter() - t0))
    return statistics.median(rates)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent errors of each kind")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"{args.data}: not found (the dotin set lives in ../shared/eval/dotin/)", file=sys.stderr)
        return 1
    docs = load(args.data, args.limit)
    res = evaluate(docs, args.errors)
    if not args.no_speed:
        res["resumes_per_second"] = speed(docs)
    width = max(len(k) for k in res)
    for k, v in res.items():
        print(f"{k:<{width}}  {v:.3f}" if isinstance(v, float) else f"{k:<{width}}  {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
