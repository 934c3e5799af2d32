"""Speed of the default pipeline, in resumes per second, in one process.

    python bench/bench_nlp_speed.py [--data ../shared/eval/dotin/train.jsonl] [--repeats 3]
    python bench/bench_nlp_speed.py --samples   # the skill-dense sample resumes (6 texts x 50)

Prints, for the same texts and within one run (compare the ratios; the machine is shared):

* **unseen texts**: the first pass of ``analyze_text`` over the texts, in a fresh process whose pipeline
  has only seen the project's samples (every cache starts cold for these texts);
* **unseen texts after warm-up on other resumes**, what a batch worker meets in an inbox: in a fresh
  process per fold (2 folds by position), one pass over the other fold's texts, then the first pass over
  the fold's own, in CPU time (the memoised tokenizer and the other memos know the words of other
  resumes, not those of the texts measured), and a second pass over the same texts in the same process
  (their ratio is the cost of a resume's new words, steadier than either figure on a shared machine);
* after warm-up (one pass), the median of ``--repeats`` passes of: spaCy's blank English tokenizer,
  the tokenizer our components need (blank plus list separators), skillgap's chunk-memoised tokenizer
  (the same tokens, ``analyzer.nlp.pipeline.CachedTokenizer``), the skillgap spaCy pipeline (tokenizer +
  skills + context + semantic) and the whole ``analyze_text`` (sections, evidence, profile, scoring);
* where the time of ``analyze_text`` goes, in milliseconds per resume, stage by stage.

Falls back to the project's samples/*.txt without ../shared.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
AS_OF = "2019-06-30"


def rate(fn, texts, repeats, warm=True):
    if warm:
        for t in texts:
            fn(t)
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        out.append(len(texts) / (time.perf_counter() - t0))
    return statistics.median(out)


def _fold(texts: list[str], k: int, folds: int) -> tuple[int, float, float]:
    """In a fresh process: a pass over the texts not in fold ``k``, then (texts, CPU seconds of the first
    pass over fold ``k``, CPU seconds of a second pass over it)."""
    from analyzer import Analyzer

    an = Analyzer()
    for i, t in enumerate(texts):
        if i % folds != k:
            an.analyze_text(t, as_of=AS_OF)
    unseen = [t for i, t in enumerate(texts) if i % folds == k]
    spent = []
    for _ in range(2):
        t0 = time.process_time()
        for t in unseen:
            an.analyze_text(t, as_of=AS_OF)
        spent.append(time.process_time() - t0)
    return len(unseen), spent[0], spent[1]


def unseen_after_warmup(texts: list[str], folds: int = 2) -> tuple[float, float]:
    """Resumes/s over texts each analysed for the first time by a pipeline warmed on the other folds, and
    over the same texts right after (one fresh process per fold, CPU time)."""
    ctx = mp.get_context("spawn")
    n = first = again = 0.0
    for k in range(folds):
        with ctx.Pool(1) as pool:
            a, b, c = pool.apply(_fold, (texts, k, folds))
        n, first, again = n + a, first + b, again + c
    return n / first, n / again


def stages(an, texts) -> Counter:
    """Milliseconds per resume spent in each step of ``Analyzer.analyze_document`` (same calls)."""
    from analyzer.core import _as_date, _with_position
    from analyzer.ingest import document_from_text
    from analyzer.ingest.classify import classify_document
    from analyzer.ingest.sections import detect_sections
    from analyzer.nlp.evidence import doc_to_evidence
    from analyzer.profile import build_profile, position_index
    from analyzer.scoring import assess, keyword_dumps

    spent: Counter = Counter()
    clock = time.perf_counter
    day = _as_date(AS_OF)
    for text in texts:
        t0 = clock()
        document = document_from_text(text, name="<text>")
        sections = detect_sections(document)
        t1 = clock()
        doc = an.nlp_.make_doc(document.text)
        t2 = clock()
        spent["tokenizer"] += t2 - t1
        for name, proc in an.nlp_.pipeline:
            a = clock()
            doc = proc(doc)
            spent[name] += clock() - a
        t3 = clock()
        evidence = doc_to_evidence(doc, sections, an._labels)
        t4 = clock()
        profile = build_profile(document, sections, evidence, an.bundle_, day)
        t5 = clock()
        classify_document(document, sections)
        evidence = tuple(e if (i := position_index(profile, e.start)) == e.position else _with_position(e, i)
                         for e in evidence)
        t6 = clock()
        assess(profile, evidence, an.bundle_, dumps=keyword_dumps(evidence))
        t7 = clock()
        for k, v in (("document + sections", t1 - t0), ("evidence", t4 - t3), ("profile", t5 - t4),
                     ("classify + positions", t6 - t5), ("scoring", t7 - t6)):
            spent[k] += v
    return Counter({k: 1000 * v / len(texts) for k, v in spent.items()})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "dotin" / "train.jsonl")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--samples", action="store_true",
                    help="measure on the project's sample resumes (skill-dense; 50 copies each) instead of --data")
    args = ap.parse_args(argv)
    samples = [p.read_text("utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    if args.samples:
        texts = samples * 50
    elif args.data.is_file():
        texts = [json.loads(x)["content"] for x in args.data.read_text("utf-8").splitlines() if x.strip()]
    else:
        texts = samples
    import spacy

    from analyzer import Analyzer
    from analyzer.nlp.pipeline import CachedTokenizer, tune_tokenizer

    an = Analyzer()
    for t in samples:  # lazy start-up work, on texts other than the measured ones
        an.analyze_text(t, as_of=AS_OF)
    print(f"{len(texts)} texts, mean {sum(map(len, texts)) / len(texts):.0f} characters")
    print(f"analyze_text, unseen texts (first pass)  {rate(lambda t: an.analyze_text(t, as_of=AS_OF), texts, 1, warm=False):8.1f} resumes/s")
    if len(texts) >= 4:
        first, again = unseen_after_warmup(texts)
        print(f"analyze_text, unseen texts after warm-up on the other half  {first:8.1f} resumes/s "
              f"(the same texts again: {again:.1f}/s, ratio {first / again:.2f}; CPU time)")
    blank = spacy.blank("en")
    tuned = tune_tokenizer(spacy.blank("en"))
    cached = CachedTokenizer(tune_tokenizer(spacy.blank("en")).tokenizer)
    print("after warm-up (median of %d passes):" % args.repeats)
    print(f"  spaCy blank tokenizer                  {rate(blank.make_doc, texts, args.repeats):8.1f} resumes/s")
    print(f"  spaCy tokenizer + list separators      {rate(tuned.make_doc, texts, args.repeats):8.1f} resumes/s")
    print(f"  skillgap memoised tokenizer (same)     {rate(cached, texts, args.repeats):8.1f} resumes/s")
    print(f"  skillgap spaCy pipeline                {rate(an.nlp_, texts, args.repeats):8.1f} resumes/s")
    print(f"  analyze_text (all)                     {rate(lambda t: an.analyze_text(t, as_of=AS_OF), texts, args.repeats):8.1f} resumes/s")
    spent = stages(an, texts)
    print("where the time goes (ms per resume, one pass): "
          + ", ".join(f"{k} {v:.2f}" for k, v in spent.items()) + f"; sum {sum(spent.values()):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
