"""Batch throughput and memory: skillgap batch vs bare pdfminer.six, 1 and 2 workers, and a long run.

    python bench/bench_batch.py                       # full run (about 5 minutes on 2 cores)
    python bench/bench_batch.py --long 0 --repeat 1   # quick look

Inputs are made in a temp dir from samples/ (never committed): every text copy gets a line of words
no other file has (new vocabulary, as in a real inbox), every PDF copy a trailing PDF comment, so no
two files share a content hash and the batch analyses every one of them. The sample resumes are
written to exercise the taxonomy and are skill-dense (about 60 skill mentions in 2.7 KB). Where
``../shared/eval/dotin/train.jsonl`` is present, the text runs are repeated on copies of its 310 real
resumes (rows ``real_*``; the same unique last line per copy), which read more like an inbox.

Measured, in the same run and on the same files:

* **text** and **PDF** throughput (resumes/s) of :func:`analyzer.batch.analyze_many` with 1 and 2
  workers; **bare** ``pdfminer.high_level.extract_text`` on the same PDFs with a pool of the same
  number of processes. Both are timed in steady state: from the moment every worker has produced
  its first result (pipelines built, pool warm) to the last result, so the ratio compares per-file
  work, not process start-up. End-to-end figures (start-up included) are printed too.
* the **bare pipeline** (``Analyzer.analyze`` in one process, no batch layer) on the same files, to
  show how much of a worker's time the batch layer itself costs.
* **peak RSS per worker** (``VmHWM`` of each worker process, sampled from /proc).
* **long run**: ``--long`` text files (default 5,000) through 2 workers; worker RSS sampled every
  second; growth = median RSS in the last tenth of the run over the median in the second tenth.

Targets (issue 6): PDF with 2 workers >= 0.90x bare pdfminer with 2 processes; text >= 300/s per
worker; peak RSS <= 400 MB per worker; flat memory over 5,000 files. The machine is shared and
noisy: each figure is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT / "samples"
AS_OF = "2026-06-30"


# --------------------------------------------------------------------------- inputs


_SYL = ("ka", "lo", "mi", "ren", "sto", "vel", "dra", "qui", "zen", "tor", "bax", "nel", "fio", "gra", "hup", "wex")


def _word(i: int, salt: int) -> str:
    x = (i * 2654435761 + salt * 40503) & 0xFFFFFFFF
    return "".join(_SYL[(x >> (4 * k)) & 15] for k in range(4)).capitalize()


def make_text(d: Path, n: int) -> list[Path]:
    """Each file: a sample resume plus a line of words no other file has (new company, project and
    tool names), so a long run keeps meeting new vocabulary as real inboxes do."""
    bases = [p.read_text("utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    d.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = d / f"cand_{i:05d}.txt"
        extra = (f"\nVolunteer: mentored engineers at {_word(i, 1)} {_word(i, 2)} Labs on the {_word(i, 3)} project "
                 f"using {_word(i, 4)}DB and {_word(i, 5)}.js; references from {_word(i, 6)} {_word(i, 7)} ({i}).\n")
        p.write_text(bases[i % len(bases)] + extra, "utf-8")
        out.append(p)
    return out


DOTIN = ROOT.parent / "shared" / "eval" / "dotin" / "train.jsonl"


def make_real_text(d: Path, n: int) -> list[Path]:
    """Like :func:`make_text`, from the real resumes of the dotin development set (``../shared``, read
    where present and never copied into the repository): none when it is absent."""
    if not DOTIN.is_file():
        return []
    bases = [json.loads(x)["content"] for x in DOTIN.read_text("utf-8").splitlines() if x.strip()]
    d.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = d / f"real_{i:05d}.txt"
        p.write_text(bases[i % len(bases)] + f"\nReferences: {_word(i, 8)} {_word(i, 9)} ({i}).\n", "utf-8")
        out.append(p)
    return out


def make_pdf(d: Path, n: int) -> list[Path]:
    bases = [p.read_bytes() for p in sorted(SAMPLES.glob("*.pdf"))]
    d.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = d / f"cand_{i:05d}.pdf"
        p.write_bytes(bases[i % len(bases)] + f"\n% variant {i}\n".encode())
        out.append(p)
    return out


# --------------------------------------------------------------------------- memory sampling


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


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    """Every ``every`` s: RSS of each child process (the batch workers) and their peak (VmHWM)."""

    def __init__(self, every: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.every = every
        self.samples: list[tuple[float, int, float]] = []  # (t, n_workers, mean worker RSS MB)
        self.peak: dict[int, float] = {}  # pid -> VmHWM MB
        self.parent: list[float] = []  # RSS of this process (the batch parent), MB
        self._halt = threading.Event()

    def run(self) -> None:
        t0 = time.monotonic()
        while not self._halt.is_set():
            kids = _children(os.getpid())
            rss = [_status_kb(k, "VmRSS") / 1024 for k in kids]
            for k in kids:
                hwm = _status_kb(k, "VmHWM") / 1024
                if hwm:
                    self.peak[k] = max(self.peak.get(k, 0.0), hwm)
            rss = [r for r in rss if r > 50]  # skip processes that are still starting
            if rss:
                self.samples.append((time.monotonic() - t0, len(rss), sum(rss) / len(rss)))
            self.parent.append(_status_kb(os.getpid(), "VmRSS") / 1024)
            self._halt.wait(self.every)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# --------------------------------------------------------------------------- runs


def run_batch(files: list[Path], workers: int, sample_every: float = 0.25, recycle: int | None = None) -> dict:
    from analyzer.batch import analyze_many

    sampler = Sampler(sample_every)
    sampler.start()
    t0 = time.monotonic()
    stamps = []
    bad = 0
    for r in analyze_many(files, as_of=AS_OF, workers=workers, max_tasks_per_worker=recycle):
        stamps.append(time.monotonic())
        bad += not r.ok
    sampler.stop()
    n = len(stamps)
    warm = stamps[workers - 1]  # every worker has delivered once
    steady = (n - workers) / (stamps[-1] - warm) if stamps[-1] > warm else float("nan")
    return {"n": n, "errors": bad, "steady": steady, "end_to_end": n / (stamps[-1] - t0),
            "peak_worker_mb": max(sampler.peak.values()) if sampler.peak else float("nan"),
            "samples": sampler.samples,
            "parent_growth_mb": (sampler.parent[-1] - sampler.parent[0]) if sampler.parent else float("nan")}


def _slice(files: list[Path], rep: int, repeats: int) -> list[Path]:
    """The ``rep``-th of ``max(3, repeats)`` equal slices of ``files`` (files no earlier repeat read)."""
    part = max(1, len(files) // max(3, repeats))
    return files[(rep * part) % len(files):][:part]


def run_inprocess(files: list[Path]) -> dict:
    """The bare pipeline (Analyzer.analyze) in this process: what one worker can do at best."""
    from analyzer import Analyzer

    a = Analyzer()
    a.analyze(files[0], as_of=AS_OF)  # warm-up: the pipeline is built (and its first file not timed)
    t0 = time.monotonic()
    for f in files[1:]:
        a.analyze(f, as_of=AS_OF)
    n = max(1, len(files) - 1)
    return {"n": n, "steady": n / (time.monotonic() - t0), "end_to_end": float("nan")}


def _extract(path: str) -> int:
    from pdfminer.high_level import extract_text

    return len(extract_text(path))


def _warm(_: int) -> int:
    import pdfminer.high_level  # noqa: F401

    return os.getpid()


def run_pdfminer(files: list[Path], procs: int) -> dict:
    ctx = mp.get_context("spawn")
    t0 = time.monotonic()
    with ctx.Pool(procs) as pool:
        pool.map(_warm, range(procs * 4))
        t1 = time.monotonic()
        chars = sum(pool.imap_unordered(_extract, [str(f) for f in files], chunksize=1))
        t2 = time.monotonic()
    return {"n": len(files), "steady": len(files) / (t2 - t1), "end_to_end": len(files) / (t2 - t0), "chars": chars}


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n-text", type=int, default=600, help="text files per throughput run")
    ap.add_argument("--n-pdf", type=int, default=240, help="PDF files per throughput run")
    ap.add_argument("--long", type=int, default=5000, help="text files in the long memory run (0: skip)")
    ap.add_argument("--recycle", type=int, default=0, help="long run: restart each worker after N files (0: never)")
    ap.add_argument("--repeat", type=int, default=3, help="repeat each throughput run; medians are reported")
    ap.add_argument("--skip-throughput", action="store_true", help="only the long run")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    args = ap.parse_args()
    import warnings

    warnings.filterwarnings("ignore")
    tmp = Path(tempfile.mkdtemp(prefix="skillgap-bench-"))
    res: dict = {}
    try:
        text = make_text(tmp / "text", args.n_text)
        pdf = make_pdf(tmp / "pdf", args.n_pdf)
        real = make_real_text(tmp / "real", args.n_text)
        runs: dict[str, list[dict]] = {}
        for rep in range(0 if args.skip_throughput else args.repeat):
            # a different slice each repeat: this process keeps its pipeline (and its tokenizer's memo of
            # the words it has seen) between repeats, and a worker sees each file once
            runs.setdefault("text_pipeline", []).append(run_inprocess(_slice(text, rep, args.repeat)))
            runs.setdefault("pdf_pipeline", []).append(run_inprocess(_slice(pdf, rep, args.repeat)))
            if real:
                runs.setdefault("real_pipeline", []).append(run_inprocess(_slice(real, rep, args.repeat)))
            for w in (1, 2):
                runs.setdefault(f"text_w{w}", []).append(run_batch(text, w))
                if real:
                    runs.setdefault(f"real_w{w}", []).append(run_batch(real, w))
                runs.setdefault(f"pdf_w{w}", []).append(run_batch(pdf, w))
                runs.setdefault(f"pdfminer_p{w}", []).append(run_pdfminer(pdf, w))
            print(f"  repeat {rep + 1}/{args.repeat} done", file=sys.stderr)
        print(f"\nThroughput (resumes/s, median of {args.repeat}; steady state; e2e includes worker start-up)")
        print(f"{'run':<16}{'files':>7}{'steady':>10}{'e2e':>9}{'per worker':>12}{'peak RSS/worker':>17}")
        for name, rs in runs.items():
            w = int(name[-1]) if name[-1].isdigit() else 1
            steady = med([r["steady"] for r in rs])
            e2e = med([r["end_to_end"] for r in rs])
            peak = max((r.get("peak_worker_mb", float("nan")) for r in rs), default=float("nan"))
            res[name] = {"files": rs[0]["n"], "steady": round(steady, 2), "end_to_end": round(e2e, 2),
                         "per_worker": round(steady / w, 2),
                         "peak_rss_mb": None if peak != peak else round(peak, 1),
                         "errors": sum(r.get("errors", 0) for r in rs)}
            print(f"{name:<16}{rs[0]['n']:>7}{steady:>10.1f}{e2e:>9.1f}{steady / w:>12.1f}"
                  f"{('' if peak != peak else f'{peak:.0f} MB'):>17}")
        for w in (1, 2) if runs else ():
            ratios = [b["steady"] / p["steady"] for b, p in zip(runs[f"pdf_w{w}"], runs[f"pdfminer_p{w}"])]
            res[f"pdf_vs_pdfminer_w{w}"] = round(med(ratios), 3)
            print(f"PDF batch / bare pdfminer, {w} process(es): {med(ratios):.2f}x  (per repeat: "
                  + ", ".join(f"{r:.2f}" for r in ratios) + ")")
        if args.long:
            shutil.rmtree(tmp / "text")
            many = make_text(tmp / "long", args.long)
            r = run_batch(many, 2, sample_every=1.0, recycle=args.recycle or None)
            s = [m for _, _, m in r["samples"]]
            k = max(1, len(s) // 10)
            early, late = med(s[k:2 * k]), med(s[-k:])
            res["long"] = {"files": r["n"], "errors": r["errors"], "steady": round(r["steady"], 2),
                           "rss_early_mb": round(early, 1), "rss_late_mb": round(late, 1),
                           "growth": round(late / early - 1, 4), "peak_rss_mb": round(r["peak_worker_mb"], 1),
                           "parent_growth_mb": round(r["parent_growth_mb"], 1), "recycle": args.recycle,
                           "rss_deciles_mb": [round(med(s[i * k:(i + 1) * k]), 1) for i in range(10)]}
            print(f"\nLong run: {r['n']} text files, 2 workers, {r['steady']:.1f}/s; worker RSS "
                  f"{early:.0f} MB (2nd tenth) -> {late:.0f} MB (last tenth), growth {100 * (late / early - 1):+.1f}%; "
                  f"peak {r['peak_worker_mb']:.0f} MB per worker; parent RSS {r['parent_growth_mb']:+.0f} MB over the run"
                  + (f"; workers restarted every {args.recycle} files" if args.recycle else ""))
            print("  worker RSS by tenth of the run (MB): " + " ".join(f"{v:.0f}" for v in res["long"]["rss_deciles_mb"]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(res, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
