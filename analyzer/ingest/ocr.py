"""Optional OCR for image-only PDFs (scans), through Debian's ``tesseract`` and poppler's ``pdftoppm``.

Used only when the caller asks for it (``IngestOptions(ocr=True)``, CLI ``--ocr``) and the PDF has no
text layer at all. Pages are rendered to 300 dpi greyscale PNGs with ``pdftoppm`` (at most
``max_pages``), then read by one ``tesseract`` process (English, automatic page segmentation, which reads
columns block by block) — both run as subprocesses without a shell, inside a private temporary directory,
within what is left of the per-file time limit, with ``OMP_THREAD_LIMIT=1`` (one core; deterministic).
Nothing leaves the machine. The text has no layout hints (no font sizes or boxes), like a TXT file; lines
keep their page number.

Install: ``apt-get install tesseract-ocr poppler-utils``. Without them, a one-line error says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time

from analyzer.errors import InputError
from analyzer.ingest.normalise import join_hyphenated, normalise_line
from analyzer.types import Document, Line, Source

DPI = 300
LANG = "eng"


def tools() -> tuple[str | None, str | None]:
    """Paths of ``pdftoppm`` and ``tesseract`` (None when not installed)."""
    return shutil.which("pdftoppm"), shutil.which("tesseract")


def ocr_pdf(data: bytes, name: str, options, deadline: float) -> Document:
    """Read an image-only PDF with OCR. ``deadline`` is a ``time.monotonic()`` value."""
    pdftoppm, tesseract = tools()
    missing = [t for t, path in (("tesseract", tesseract), ("pdftoppm", pdftoppm)) if path is None]
    if missing:
        raise InputError(name, f"no text layer: scanned document; --ocr needs {' and '.join(missing)}, which is not "
                               "installed (apt-get install tesseract-ocr poppler-utils)", kind="no_text")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "OMP_THREAD_LIMIT": "1", "LC_ALL": "C"}

    def run(args: list[str], cwd: str) -> subprocess.CompletedProcess:
        left = deadline - time.monotonic()
        if left <= 0:
            raise InputError(name, f"reading took longer than the time limit of {options.timeout:g} s (OCR; raise it "
                                   "with --timeout)", kind="timeout")
        try:
            return subprocess.run(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=left,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise InputError(name, f"reading took longer than the time limit of {options.timeout:g} s (OCR; raise it "
                                   "with --timeout)", kind="timeout") from None
        except OSError as exc:
            raise InputError(name, f"OCR could not start {os.path.basename(args[0])} ({exc.strerror})",
                             kind="no_text") from None

    with tempfile.TemporaryDirectory(prefix="skillgap-ocr-") as tmp:
        src = os.path.join(tmp, "in.pdf")
        with open(src, "wb") as fh:
            fh.write(data)
        r = run([pdftoppm, "-r", str(DPI), "-gray", "-png", "-l", str(options.max_pages), src,
                 os.path.join(tmp, "page")], tmp)
        pages = sorted((f for f in os.listdir(tmp) if f.startswith("page") and f.endswith(".png")),
                       key=lambda f: int("".join(ch for ch in f if ch.isdigit()) or 0))
        if r.returncode != 0 or not pages:
            raise InputError(name, f"OCR failed: pdftoppm could not render the pages (exit {r.returncode})",
                             kind="corrupt")
        listing = os.path.join(tmp, "pages.txt")
        with open(listing, "w", encoding="utf-8") as fh:
            fh.write("\n".join(os.path.join(tmp, p) for p in pages) + "\n")
        r = run([tesseract, listing, "stdout", "-l", LANG, "--psm", "3", "--dpi", str(DPI)], tmp)
        if r.returncode != 0:
            raise InputError(name, f"OCR failed: tesseract exit {r.returncode}", kind="no_text")
        out = r.stdout.decode("utf-8", "replace")
    page_texts = out.split("\f")
    raw: list[tuple[int, str]] = []
    for pi, chunk in enumerate(page_texts[:len(pages)]):
        for ln in chunk.split("\n"):
            t = normalise_line(ln)
            if t:
                raw.append((pi + 1, t))
    texts = join_hyphenated([t for _, t in raw])
    lines: list[Line] = []
    parts: list[str] = []
    pos = 0
    for (page, _), t in zip(raw, texts):
        if not t:
            continue
        if parts:
            pos += 1
        lines.append(Line(start=pos, end=pos + len(t), page=page))
        parts.append(t)
        pos += len(t)
    text = "\n".join(parts)
    if not text.strip():
        raise InputError(name, "no text layer: scanned document, and OCR found no text", kind="no_text")
    return Document(text=text, source=Source(name=name, format="pdf", pages=len(pages)), lines=tuple(lines),
                    warnings=(f"text read by OCR (tesseract) from {len(pages)} scanned page(s); recognition "
                              "errors are possible",))
