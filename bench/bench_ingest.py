"""PDF ingestion time per page: skillgap's reader vs bare pdfminer ``extract_text`` on the same files.

Runs are interleaved (ours, bare, ours, bare, ...) in one process so machine noise hits both alike;
the figure is the ratio of medians of total time over all files.

    python bench/bench_ingest.py                 # ../shared/corpus/layouts/*.pdf and samples/*.pdf
    python bench/bench_ingest.py --repeat 9 a.pdf b.pdf
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    files = args.files or sorted((ROOT.parent / "shared" / "corpus" / "layouts").glob("*.pdf")) + sorted(
        (ROOT / "samples").glob("*.pdf"))
    if not files:
        raise SystemExit("no PDF files")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    from pdfminer.high_level import extract_text

    from analyzer.ingest import IngestOptions, load_bytes

    opts = IngestOptions(timeout=600)
    datas = [(f.name, f.read_bytes()) for f in files]
    pages = 0
    for name, data in datas:  # warm-up (imports, caches) and page count
        pages += load_bytes(data, name, opts).source.pages or 0
        extract_text(_bio(data))
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        for name, data in datas:
            load_bytes(data, name, opts)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        for name, data in datas:
            extract_text(_bio(data))
        bare.append(time.perf_counter() - t)
    mo, mb = statistics.median(ours), statistics.median(bare)
    print(f"files={len(datas)} pages={pages} repeat={args.repeat}")
    print(f"skillgap  median {mo * 1000:8.1f} ms  ({mo / pages * 1000:6.1f} ms/page)")
    print(f"pdfminer  median {mb * 1000:8.1f} ms  ({mb / pages * 1000:6.1f} ms/page)  extract_text")
    print(f"ratio skillgap/pdfminer = {mo / mb:.2f}")


def _bio(data: bytes):
    import io

    return io.BytesIO(data)


if __name__ == "__main__":
    main()
