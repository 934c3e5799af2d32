"""Total years of experience: mean absolute error on resumes with a known total.

    python bench/eval_years.py [--data ../shared/eval/dotin/train.jsonl] [--worst 10]

Two sources of known totals:

- The sample personas (``samples/personas.json``, ``total_experience_years``): the totals the persona
  generator wrote, computed from each persona's full-time positions as of 2026-06-30 (``AS_OF`` of the
  tests). Each persona is read from its TXT, DOCX and PDF file.
- The dotin development set (when ``../shared`` is present): the gold total of a resume is the union, as
  of 2019-06-30, of the date ranges in its gold ``Years of Experience`` spans that parse as a range on
  their own (``analyzer.dates.parse_range`` on the span text, a run of spaces between a year and a date
  point read as a lost dash as in ``bench/eval_dotin.py``; durations such as "9 years" and single
  dates are ignored); resumes without such a span are skipped (``bench/eval_dotin.py`` defines the same
  figure).  Caveats: the annotators also marked internships and student jobs, which
  ``total_experience_years`` leaves out by rule, and on some resumes they marked only some of the jobs; so
  this is a noisy gold, quoted with the share of resumes within one year and the median error.

Prints MAE, median absolute error and the share within 1 year for each source (dotin also split into
flattened pages, whose text lost its line breaks, and the rest), and the worst resumes (ids only, no resume
text) with ``--worst``.

Then the hand audit of ``bench/years_audit.json``: the 20 resumes with the largest errors (on 2026-11-30),
each read against the README's rule and judged ``gold_omits`` (the gold leaves out a range the resume states;
our total follows the rule), ``gold_counts_excluded`` (the gold counts a degree, a student's job or
volunteering), ``ours`` (our reading is wrong) or ``unclear``. It prints each verdict's resumes and
error-years now, and the MAE without the resumes judged on the gold's side. Only the largest errors were
read, so this is a bound on what the gold's slips cost, not a corrected gold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PERSONA_AS_OF = dt.date(2026, 6, 30)


def summary(name: str, errs: list[tuple[str, float, float]], worst: int) -> None:
    a = [abs(p - g) for _, p, g in errs]
    if not a:
        print(f"{name}: no resumes with a known total")
        return
    print(f"{name}: resumes {len(a)}  MAE {statistics.fmean(a):.3f}  median {statistics.median(a):.3f}  "
          f"within 1 year {sum(x <= 1.0 for x in a) / len(a):.3f}")
    for rid, p, g in sorted(errs, key=lambda e: -abs(e[1] - e[2]))[:worst]:
        print(f"    {rid}: predicted {p:.2f}, known {g:.2f}")


def personas(an) -> list[tuple[str, float, float]]:
    data = json.loads((ROOT / "samples" / "personas.json").read_text("utf-8"))
    out = []
    for p in data:
        for fmt, fname in sorted(p["files"].items()):
            rep = an.analyze(ROOT / "samples" / fname, as_of=PERSONA_AS_OF)
            out.append((f"{p['id']}.{fmt}", rep.profile.total_experience_years, float(p["total_experience_years"])))
    return out


def dotin(an, path: Path) -> list[tuple[str, float, float]]:
    import eval_dotin as E

    out = []
    for d in E.load(path):
        g = E.gold_total_years(d)
        if g is None:
            continue
        rep = an.analyze_text(d["content"], as_of=E.AS_OF)
        out.append((d["id"], rep.profile.total_experience_years, g))
    return out


AUDIT = ROOT / "bench" / "years_audit.json"


def audit(errs: list[tuple[str, float, float]], path: Path = AUDIT) -> None:
    """Error-years per verdict of the hand audit, and the MAE without the resumes judged on the gold's side."""
    verdicts = {v["id"]: v["verdict"] for v in json.loads(path.read_text("utf-8"))["verdicts"]}
    err = {rid: abs(p - g) for rid, p, g in errs}
    total = sum(err.values())
    parts = []
    for name in ("gold_omits", "gold_counts_excluded", "ours", "unclear"):
        ids = [rid for rid, v in verdicts.items() if v == name and rid in err]
        parts.append(f"{name} {len(ids)} ({sum(err[r] for r in ids):.1f})")
    print(f"audit ({path.name}: {len(verdicts)} resumes read by hand; resumes and error-years of "
          f"{total:.1f}): " + ", ".join(parts))
    for drop in (("gold_omits",), ("gold_omits", "gold_counts_excluded")):
        kept = [e for rid, e in err.items() if verdicts.get(rid) not in drop]
        print(f"  MAE without the {' and '.join(drop)} resumes: {statistics.fmean(kept):.3f} ({len(kept)} resumes)")


def flattened(path: Path) -> set[str]:
    """The dotin resumes whose text lost its line breaks: the profile's layout view splits their lines
    (``analyzer.profile.layout_view``: lines of ``FLAT_LINE``+ characters with runs of spaces)."""
    import eval_dotin as E
    from analyzer.profile import layout_view

    return {d["id"] for d in E.load(path) if layout_view(d["content"]).count("\n") != d["content"].count("\n")}


def main(argv: list[str] | None = None) -> int:
    from analyzer import Analyzer
    import eval_dotin as E

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=E.DEFAULT_DATA)
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--legacy-gold", action="store_true", help="see bench/eval_dotin.py")
    args = ap.parse_args(argv)
    E.LEGACY_GOLD = args.legacy_gold
    an = Analyzer()
    summary("personas (txt, docx, pdf)", personas(an), args.worst)
    if args.data.is_file():
        errs = dotin(an, args.data)
        summary(f"dotin {args.data.name} (gold: union of the Years of Experience ranges)", errs, args.worst)
        flat = flattened(args.data)
        summary("  of which flattened pages (layout view splits their lines)", [e for e in errs if e[0] in flat], 0)
        summary("  of which pages that keep their line breaks", [e for e in errs if e[0] not in flat], 0)
        if not args.legacy_gold:
            audit(errs)
    else:
        print(f"{args.data}: not found; dotin figure skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
