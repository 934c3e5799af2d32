"""Batch scoring: many resumes -> one ranked table, in parallel, resumable.

>>> from analyzer.batch import analyze_many, to_frame
>>> results = analyze_many(["inbox/"], as_of="2026-06-30", workers=2)   # a generator: streaming
>>> df = to_frame(results)                                              # same columns as the CSV

Design
------
* **Inputs** (:func:`expand_inputs`): files, directories (recursive, resume-like extensions only),
  glob patterns, and CSV/Parquet tables with a ``text`` column (one resume per row, label from an
  ``id`` column) or a ``path``/``file`` column (paths relative to the table). Items are produced
  lazily; a path listed twice is analysed once.
* **Workers**: a pool of ``spawn``-ed processes, each building the pipeline ONCE when it starts
  (:class:`analyzer.Analyzer`), then receiving one file at a time. The parent keeps at most one file
  per worker in flight, so memory is bounded whatever the number of inputs.
* **Time limit**: inside the worker the whole analysis runs under :func:`analyzer.limits.time_limit`
  (a signal timer); a file stuck in C code, where signals cannot interrupt it, is caught by the
  parent's watchdog, which kills that worker after ``timeout + GRACE`` seconds, records the file as
  an error row with ``error_kind="timeout"`` and starts a fresh worker. A worker that dies (segfault,
  out of memory) yields ``error_kind="crashed"`` for its file. Nothing stops the batch.
* **Journal** (:class:`analyzer.journal.Journal`): each finished file is committed to SQLite as it
  completes, keyed by content sha256 and a fingerprint of the settings; a rerun skips what is there.
* **Duplicates**: files with the same content are analysed once; every copy gets its own row, and
  all but the first path (in sorted order) carry ``duplicate_of``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import glob as _glob
import hashlib
import json
import os
import sys
import tempfile
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from analyzer.errors import InputError, UserError
from analyzer.version import __version__

# --------------------------------------------------------------------------- columns

#: Output columns, in order, with their type (int | float | bool | str). The CSV, XLSX, Parquet
#: outputs, :func:`to_frame` and :mod:`analyzer.spark` all use exactly these.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("rank", "int"),
    ("file", "str"),
    ("status", "str"),
    ("error", "str"),
    ("error_kind", "str"),
    ("score", "float"),
    ("current_level", "str"),
    ("next_level", "str"),
    ("on_target", "bool"),
    ("total_years", "float"),
    ("leadership_years", "float"),
    ("ai_ml_years", "float"),
    ("highest_degree", "str"),
    ("required_met", "int"),
    ("required_partial", "int"),
    ("required_missing", "int"),
    ("missing_required", "str"),
    ("top_gaps", "str"),
    ("current_title", "str"),
    ("name", "str"),
    ("email", "str"),
    ("phone", "str"),
    ("is_resume", "bool"),
    ("warnings", "str"),
    ("format", "str"),
    ("pages", "int"),
    ("sha256", "str"),
    ("duplicate_of", "str"),
    ("role_id", "str"),
    ("role_version", "str"),
    ("as_of", "str"),
    ("tool_version", "str"),
)
#: Left out with ``blind=True`` (``--blind``).
CONTACT_COLUMNS = ("name", "email", "phone")
#: Per-input columns, not part of the analysed content (so not journaled).
FILE_COLUMNS = ("rank", "file", "sha256", "duplicate_of")
TOP_GAPS = 3
GRACE = 5.0  # seconds the watchdog waits beyond --timeout before killing a worker
PREFETCH_BYTES = 64 * 1024  # a task this small may wait in a busy worker's pipe (no idle round trip)
OUTPUT_SUFFIXES = (".csv", ".xlsx", ".parquet", ".jsonl")
TABLE_SUFFIXES = (".csv", ".tsv", ".parquet", ".pq")
RESUME_SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm", ".xhtml",
                   ".doc", ".odt", ".rtf", ".pages", ".wpd")
SEP = "; "


def columns(blind: bool = False) -> list[str]:
    """The output column names (without name/e-mail/phone when ``blind``)."""
    return [c for c, _ in COLUMNS if not (blind and c in CONTACT_COLUMNS)]


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to score a file; picklable (sent to spawned workers and Spark)."""

    role: str | None = None
    as_of: str = ""
    blind: bool = False
    timeout: float = 60.0
    max_bytes: int = 20 * 1024 * 1024
    max_pages: int = 50
    ocr: bool = False  # read image-only PDFs with tesseract
    reports: bool = False  # keep the full report (``.jsonl``)
    top_gaps: int = TOP_GAPS
    verbose: bool = False
    # filled by resolve(): identity of the role and the settings that change a result
    role_id: str = ""
    role_version: str = ""
    fingerprint: str = ""

    def resolve(self) -> "Settings":
        """Validate the role and date in this process and fix the fingerprint (cheap: no spaCy)."""
        from analyzer.core import _as_date
        from analyzer.taxonomy import load_role

        day = _as_date(self.as_of or None).isoformat()
        bundle = load_role(self.role)
        role = bundle.role
        content = json.dumps([role.model_dump(mode="json"), bundle.ladder.model_dump(mode="json")], sort_keys=True)
        ident = {
            "role_id": role.id, "role_version": str(role.version or ""), "tool_version": __version__, "as_of": day,
            "role_sha256": hashlib.sha256(content.encode("utf-8")).hexdigest(), "blind": self.blind,
            "timeout": self.timeout, "max_bytes": self.max_bytes, "max_pages": self.max_pages, "top_gaps": self.top_gaps,
            "ocr": self.ocr,
        }
        fp = hashlib.sha256(json.dumps(ident, sort_keys=True).encode("utf-8")).hexdigest()[:20]
        return dataclasses.replace(self, as_of=day, role_id=role.id, role_version=str(role.version or ""), fingerprint=fp)

    def identity(self) -> dict[str, Any]:
        return {"role_id": self.role_id, "role_version": self.role_version, "tool_version": __version__,
                "as_of": self.as_of, "fingerprint": self.fingerprint, "blind": self.blind}


def build_analyzer(settings: Settings):
    """The pipeline for one worker (built once per process)."""
    from analyzer.core import Analyzer
    from analyzer.ingest import IngestOptions

    ingest = IngestOptions(max_bytes=settings.max_bytes, max_pages=settings.max_pages, timeout=settings.timeout,
                           ocr=settings.ocr)
    return Analyzer(settings.role, ingest=ingest)


# --------------------------------------------------------------------------- rows


def _r(x: float | None, nd: int) -> float | None:
    return None if x is None else round(float(x), nd)


def _base_row(settings: Settings) -> dict[str, Any]:
    row: dict[str, Any] = {c: None for c in columns(settings.blind)}
    row.update(role_id=settings.role_id, role_version=settings.role_version, as_of=settings.as_of,
               tool_version=__version__)
    return row


def error_row(settings: Settings, kind: str, cause: str) -> dict[str, Any]:
    row = _base_row(settings)
    row.update(status="error", error=cause, error_kind=kind)
    return row


def report_row(report, settings: Settings) -> dict[str, Any]:
    """The content columns of one finished report (the per-file columns are added by the caller)."""
    a = report.assessment
    p = report.profile
    req = [r for r in a.requirements if r.importance == "required"]
    gaps = sorted(a.gaps, key=lambda g: (g.priority, g.requirement_id))[: settings.top_gaps]
    row = _base_row(settings)
    row.update(
        status="ok",
        score=_r(a.score, 1),
        current_level=a.career.current_level.title,
        next_level=a.career.next_level.title if a.career.next_level else None,
        on_target=bool(a.career.on_target),
        total_years=_r(p.total_experience_years, 2),
        leadership_years=_r(p.leadership_years, 2),
        ai_ml_years=_r(p.ai_ml_years, 2),
        highest_degree=p.highest_degree,
        required_met=sum(r.status == "met" for r in req),
        required_partial=sum(r.status == "partial" for r in req),
        required_missing=sum(r.status == "missing" for r in req),
        missing_required=SEP.join(r.label for r in req if r.status == "missing") or None,
        top_gaps=SEP.join(g.label for g in gaps) or None,
        current_title=p.current_title,
        is_resume=bool(p.is_resume),
        warnings=SEP.join(report.warnings) or None,
        format=report.source.format,
        pages=report.source.pages,
    )
    if not settings.blind:
        c = p.contact
        row.update(name=c.name, email=c.email, phone=c.phone)
    return row


def analyze_payload(analyzer, settings: Settings, kind: str, name: str, payload: bytes | str) -> tuple[dict[str, Any], bytes | None]:
    """Score one document (``kind`` "bytes": file content; "text": a resume as a string).

    Never raises for a bad document: returns ``(content_row, compressed_report_json_or_None)`` with an
    error row for any failure. Used by the pool workers, the in-process mode and Spark alike.
    """
    from analyzer.limits import time_limit

    try:
        with time_limit(settings.timeout, name):
            if kind == "bytes":
                from analyzer.errors import UnsupportedFormatError
                from analyzer.ingest import UNSUPPORTED, load_bytes

                suffix = Path(name).suffix.lower()
                if suffix in UNSUPPORTED:
                    raise UnsupportedFormatError(name, f"unsupported format ({UNSUPPORTED[suffix]}); save as DOCX or PDF")
                doc = load_bytes(payload, name, analyzer.ingest)  # type: ignore[arg-type]
            else:
                from analyzer.ingest import document_from_text

                if not str(payload).strip():
                    raise InputError(name, "empty text", kind="empty")
                doc = document_from_text(str(payload), name=name)
            report = analyzer.analyze_document(doc, as_of=settings.as_of)
            if settings.blind:
                from analyzer.redact import redact_report

                report = redact_report(report)
            row = report_row(report, settings)
            blob = None
            if settings.reports:
                blob = zlib.compress(json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8"), 6)
        return row, blob
    except InputError as exc:
        return error_row(settings, exc.kind, exc.cause), None
    except UserError as exc:
        return error_row(settings, "invalid", str(exc)), None
    except RecursionError:
        return error_row(settings, "internal", "document too deeply nested (recursion limit)"), None
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
        msg = str(exc).splitlines()[0][:300] if str(exc) else ""
        return error_row(settings, "internal", f"internal error: {type(exc).__name__}{': ' + msg if msg else ''}"), None


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class TextInput:
    """A resume given as text (e.g. a row of an applicant-tracking export). ``file`` labels the row."""

    file: str
    text: str


@dataclass(frozen=True)
class _Item:
    file: str  # the label shown in the "file" column
    path: str | None = None
    text: str | None = None


def _is_glob(s: str) -> bool:
    return any(ch in s for ch in "*?[")


def _table_columns(path: Path) -> list[str]:
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        return list(pq.ParquetFile(str(path)).schema_arrow.names)
    import pandas as pd

    return list(pd.read_csv(path, nrows=0, sep="\t" if path.suffix.lower() == ".tsv" else ",").columns)


def _table_plan(path: Path) -> tuple[str, str | None, int]:
    """(mode "text"|"path", the id column or None, number of rows) for a table input."""
    cols = {c.lower(): c for c in _table_columns(path)}
    id_col = next((cols[c] for c in ("id", "file", "filename", "name") if c in cols), None)
    if "text" in cols:
        mode, col = "text", cols["text"]
    elif "path" in cols or "file" in cols:
        mode, col = "path", cols.get("path") or cols["file"]
        id_col = None
    else:
        raise UserError(f"{path}: a table input needs a 'text' column (resume text) or a 'path' column (resume files)")
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        n = pq.ParquetFile(str(path)).metadata.num_rows
    else:
        n = sum(len(chunk) for chunk in _csv_chunks(path, [col]))
    return mode, id_col, n


def _csv_chunks(path: Path, usecols: list[str]):
    import pandas as pd

    return pd.read_csv(path, usecols=usecols, dtype=str, keep_default_na=False, chunksize=512,
                       sep="\t" if path.suffix.lower() == ".tsv" else ",")


def _table_items(path: Path, mode: str, id_col: str | None) -> Iterator[_Item]:
    cols = {c.lower(): c for c in _table_columns(path)}
    col = cols["text"] if mode == "text" else (cols.get("path") or cols["file"])
    use = [col] + ([id_col] if id_col and id_col != col else [])
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        batches = (b.to_pydict() for b in pq.ParquetFile(str(path)).iter_batches(batch_size=512, columns=use))
    else:
        batches = (chunk.to_dict(orient="list") for chunk in _csv_chunks(path, use))
    i = 0
    for batch in batches:
        for j, value in enumerate(batch[col]):
            i += 1
            if mode == "text":
                label = str(batch[id_col][j]) if id_col and batch[id_col][j] not in (None, "") else f"{path}#{i}"
                yield _Item(file=label, text="" if value is None else str(value))
            else:
                if value in (None, ""):
                    yield _Item(file=f"{path}#{i}", path="")
                    continue
                p = Path(str(value))
                p = p if p.is_absolute() else path.parent / p
                yield _Item(file=str(p), path=str(p))


class InputSet:
    """The expanded inputs: ``len()`` is the number of items (for progress), iteration is lazy."""

    def __init__(self, inputs: Iterable[str | Path | TextInput]) -> None:
        self._parts: list[tuple[str, Any]] = []
        self._n = 0
        for raw in inputs:
            if isinstance(raw, TextInput):
                self._parts.append(("item", _Item(file=raw.file, text=raw.text)))
                self._n += 1
                continue
            s = str(raw)
            p = Path(s)
            if p.is_dir():
                files = sorted(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in RESUME_SUFFIXES
                               and not any(part.startswith(".") for part in f.relative_to(p).parts))
                self._parts.append(("files", files))
                self._n += len(files)
            elif p.is_file() and p.suffix.lower() in TABLE_SUFFIXES:
                mode, id_col, n = _table_plan(p)
                self._parts.append(("table", (p, mode, id_col)))
                self._n += n
            elif not p.exists() and _is_glob(s):
                files = sorted(f for f in _glob.glob(s, recursive=True) if Path(f).is_file())
                if not files:
                    raise UserError(f"{s}: no file matches this pattern")
                self._parts.append(("files", files))
                self._n += len(files)
            else:  # a file, or a missing one: it becomes an error row naming it
                self._parts.append(("files", [s]))
                self._n += 1

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[_Item]:
        seen: set[str] = set()
        for kind, value in self._parts:
            if kind == "item":
                yield value
            elif kind == "files":
                for f in value:
                    key = os.path.abspath(f)
                    if key in seen:
                        continue
                    seen.add(key)
                    yield _Item(file=f, path=f)
            else:
                yield from _table_items(*value)


def expand_inputs(inputs: Iterable[str | Path | TextInput] | str | Path) -> InputSet:
    """Files, directories (recursive), globs, CSV/Parquet tables and :class:`TextInput` items."""
    if isinstance(inputs, (str, Path, TextInput)):
        inputs = [inputs]
    if isinstance(inputs, InputSet):
        return inputs
    return InputSet(inputs)


# --------------------------------------------------------------------------- results


@dataclass
class BatchResult:
    """One input's outcome. ``row`` has every output column except ``rank``; ``report`` is the full
    ``Report.to_dict()`` (only when ``reports=True`` and the file was analysed successfully)."""

    file: str
    row: dict[str, Any]
    key: str | None = None
    cached: bool = False  # taken from the journal of an earlier run
    duplicate: bool = False  # same content as an earlier input of this run
    _blob: bytes | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.row.get("status") == "ok"

    @property
    def report(self) -> dict[str, Any] | None:
        return json.loads(zlib.decompress(self._blob)) if self._blob else None


@dataclass
class Summary:
    total: int = 0
    ok: int = 0
    failed: Counter = field(default_factory=Counter)  # error_kind -> count
    duplicates: int = 0  # inputs whose content was already seen in this run
    cached: int = 0  # taken from the journal
    analysed: int = 0  # actually scored in this run
    elapsed: float = 0.0
    out: str = ""
    written: int = 0

    def add(self, r: BatchResult) -> None:
        self.total += 1
        if r.ok:
            self.ok += 1
        else:
            self.failed[r.row.get("error_kind") or "error"] += 1
        if r.duplicate:
            self.duplicates += 1
        elif r.cached:
            self.cached += 1
        elif r.key is not None:
            self.analysed += 1

    @property
    def throughput(self) -> float:
        return (self.analysed / self.elapsed) if self.elapsed > 0 else 0.0

    def format(self) -> str:
        failed = sum(self.failed.values())
        causes = ", ".join(f"{k} {v}" for k, v in sorted(self.failed.items(), key=lambda kv: (-kv[1], kv[0])))
        lines = [
            f"skillgap batch: {self.total} inputs → {self.out} ({self.written} rows)",
            f"  done {self.ok} · failed {failed}{f' ({causes})' if causes else ''} · duplicates {self.duplicates}"
            f" · from journal {self.cached}",
            f"  analysed {self.analysed} in {self.elapsed:.1f} s ({self.throughput:.1f} resumes/s)",
        ]
        return "\n".join(lines)


def _finalize(rows: list[dict[str, Any]], blind: bool) -> list[dict[str, Any]]:
    """Deterministic duplicates (first path in sorted order is the original), sort, rank."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row.get("sha256"):
            groups.setdefault(row["sha256"], []).append(row)
    for members in groups.values():
        first = min(m["file"] for m in members)
        for m in members:
            m["duplicate_of"] = None if m["file"] == first else first
    rows = sorted(rows, key=sort_key)
    n = 0
    cols = columns(blind)
    out = []
    for row in rows:
        if row.get("status") == "ok":
            n += 1
            row["rank"] = n
        else:
            row["rank"] = None
        out.append({c: row.get(c) for c in cols})
    return out


def sort_key(row: dict[str, Any]) -> tuple:
    """Score descending, errors last, ties broken by file path."""
    ok = row.get("status") == "ok" and row.get("score") is not None
    return (0 if ok else 1, -(row["score"] if ok else 0.0), str(row.get("file")))


def to_frame(results: Iterable[BatchResult | dict[str, Any]], *, blind: bool | None = None):
    """A pandas DataFrame with exactly the output columns, ranked (score desc, ties by file)."""
    import pandas as pd

    rows = [dict(r.row) if isinstance(r, BatchResult) else dict(r) for r in results]
    if blind is None:
        blind = bool(rows) and "name" not in rows[0]
    rows = _finalize(rows, blind)
    types = dict(COLUMNS)
    cols = columns(blind)
    data = {}
    for c in cols:
        values = [r[c] for r in rows]
        t = types[c]
        if t == "int":
            data[c] = pd.array(values, dtype="Int64")
        elif t == "float":
            data[c] = pd.array([float("nan") if v is None else v for v in values], dtype="float64")
        elif t == "bool":
            data[c] = pd.array(values, dtype="boolean")
        else:
            data[c] = pd.array(values, dtype="string")
    return pd.DataFrame(data, columns=cols)


# --------------------------------------------------------------------------- worker processes


def _set_pdeathsig() -> None:
    """Linux: die with the parent (a ``kill -9`` of the batch must not leave workers behind)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - best effort; the ppid check below covers the rest
        pass


def _quiet_worker(verbose: bool) -> None:
    import logging
    import warnings

    if verbose:
        return
    warnings.filterwarnings("ignore")
    for name in ("pdfminer", "spacy", "pandas", "weasel"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _worker_main(conn, settings: Settings, parent_pid: int) -> None:  # pragma: no cover - runs in workers
    _set_pdeathsig()
    _quiet_worker(settings.verbose)
    try:
        analyzer = build_analyzer(settings)
    except BaseException as exc:  # noqa: BLE001
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        while not conn.poll(1.0):
            if os.getppid() != parent_pid:
                return
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        tid, kind, name, payload = msg
        row, blob = analyze_payload(analyzer, settings, kind, name, payload)
        del payload
        try:
            conn.send((tid, row, blob))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    """One worker process and the tasks it holds: the one it is running and at most one queued behind
    it (sent ahead only when small, so the send never blocks the parent)."""

    def __init__(self, ctx, settings: Settings, wid: int) -> None:
        from collections import deque

        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, settings, os.getpid()), daemon=True,
                                name=f"skillgap-batch-{wid}")
        self.proc.start()
        child.close()
        self.ready = False
        self.tasks: deque = deque()  # (tid, (item, sha, key), payload size); the first one is running
        self.deadline = 0.0  # when the running task is out of time (timeout + GRACE)
        self.done = 0

    @property
    def task(self):
        return self.tasks[0] if self.tasks else None

    def stop(self, kill: bool = False) -> None:
        try:
            if not kill and self.proc.is_alive():
                self.conn.send(None)
                self.proc.join(3)
        except (OSError, ValueError):
            pass
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(3)
        self.conn.close()


# --------------------------------------------------------------------------- the batch


def _prepare(item: _Item, settings: Settings) -> tuple[str, str, bytes | str] | dict[str, Any]:
    """(sha256, kind, payload) for an item, or an error row for one that cannot be read."""
    if item.text is not None:
        data = item.text
        return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest(), "text", data
    p = Path(item.path or "")
    if not item.path or not p.exists():
        return error_row(settings, "missing", "file not found")
    if p.is_dir():
        return error_row(settings, "missing", "is a directory, not a file")
    try:
        size = p.stat().st_size
        if size > settings.max_bytes:
            return error_row(settings, "too_large",
                             f"file is too large ({size / 1e6:.1f} MB; the limit is {settings.max_bytes / 1e6:.0f} MB)")
        data = p.read_bytes()
    except OSError as exc:
        return error_row(settings, "unreadable", f"cannot read file ({exc.strerror})")
    return hashlib.sha256(data).hexdigest(), "bytes", data


def analyze_many(
    inputs: Iterable[str | Path | TextInput] | str | Path,
    *,
    role: str | Path | None = None,
    as_of: dt.date | str | None = None,
    workers: int = 1,
    blind: bool = False,
    timeout: float = 60.0,
    max_mb: float = 20.0,
    max_pages: int = 50,
    ocr: bool = False,
    reports: bool = False,
    journal: str | Path | None = None,
    top_gaps: int = TOP_GAPS,
    verbose: bool = False,
    max_tasks_per_worker: int | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Iterator[BatchResult]:
    """Score many resumes; yield one :class:`BatchResult` per input as each completes (streaming).

    ``workers=0`` runs in this process (no watchdog: the signal time limit only); ``workers>=1``
    starts that many worker processes. ``journal`` is a SQLite file that makes the run resumable
    (a temporary one is used when None). ``reports=True`` keeps each full report (``result.report``).
    ``on_start(total)`` is called once the inputs are expanded.
    """
    settings = Settings(role=None if role is None else str(role),
                        as_of=as_of.isoformat() if isinstance(as_of, dt.date) else (as_of or ""), blind=blind,
                        timeout=float(timeout), max_bytes=int(max_mb * 1024 * 1024), max_pages=int(max_pages),
                        ocr=bool(ocr), reports=reports, top_gaps=top_gaps, verbose=verbose).resolve()
    items = expand_inputs(inputs)
    if on_start is not None:
        on_start(len(items))
    from analyzer.journal import Journal

    tmpdir = None
    if journal is None:
        tmpdir = tempfile.TemporaryDirectory(prefix="skillgap-batch-")
        journal = Path(tmpdir.name) / "journal.sqlite"
    jr = Journal(journal)
    try:
        yield from _run(items, settings, jr, workers, max_tasks_per_worker)
    finally:
        jr.close()
        if tmpdir is not None:
            tmpdir.cleanup()


def _run(items: InputSet, settings: Settings, jr, workers: int, max_tasks: int | None) -> Iterator[BatchResult]:
    ident = settings.identity()
    first_file: dict[str, str] = {}  # sha -> first input with this content (this run)
    waiting: dict[str, list[_Item]] = {}  # sha in flight -> later inputs with the same content
    it = iter(items)

    def with_file(item: _Item, content: dict[str, Any], sha: str | None, dup: bool) -> dict[str, Any]:
        row = dict(content)
        row["file"] = item.file
        row["sha256"] = sha
        row["duplicate_of"] = first_file.get(sha) if dup and sha else None
        return row

    def finish(sha: str, key: str, content: dict[str, Any], blob: bytes | None, item: _Item) -> Iterator[BatchResult]:
        jr.put(key, sha256=sha, settings=ident, row=content, report=blob)
        yield BatchResult(item.file, with_file(item, content, sha, False), key=key, _blob=blob)
        for other in waiting.pop(sha, []):
            yield BatchResult(other.file, with_file(other, content, sha, True), key=key, duplicate=True, _blob=blob)

    def triage(item: _Item) -> tuple[str, str, str, bytes | str] | BatchResult | None:
        """Either a task to run, a finished result (error, journal hit, duplicate), or None (queued)."""
        prep = _prepare(item, settings)
        if isinstance(prep, dict):
            return BatchResult(item.file, with_file(item, prep, None, False))
        sha, kind, payload = prep
        key = jr.key(sha, settings.fingerprint)
        if sha in waiting:
            waiting[sha].append(item)
            return None
        dup = sha in first_file and first_file[sha] != item.file
        hit = jr.get(key, need_report=settings.reports)
        if hit is not None:
            first_file.setdefault(sha, item.file)
            blob = jr.report(key) if settings.reports else None
            return BatchResult(item.file, with_file(item, hit, sha, dup), key=key, cached=not dup, duplicate=dup,
                               _blob=blob)
        first_file.setdefault(sha, item.file)
        waiting[sha] = []
        return sha, key, kind, payload

    if workers <= 0:
        analyzer = build_analyzer(settings)
        for item in it:
            t = triage(item)
            if t is None:
                continue
            if isinstance(t, BatchResult):
                yield t
                continue
            sha, key, kind, payload = t
            name = Path(item.file).name or item.file
            content, blob = analyze_payload(analyzer, settings, kind, name, payload)
            yield from finish(sha, key, content, blob, item)
        return
    yield from _run_pool(it, settings, workers, max_tasks, triage, finish)


def _run_pool(it, settings, n_workers, max_tasks, triage, finish) -> Iterator[BatchResult]:
    import multiprocessing as mp
    from collections import deque
    from multiprocessing.connection import wait

    from analyzer.errors import InternalError

    ctx = mp.get_context("spawn")
    pool: list[_Worker] = []  # started lazily: a run served from the journal starts none
    pending: deque = deque()  # tasks read but not yet handed out (at most n_workers: bounded memory)
    next_wid = 0
    tid = 0
    exhausted = False

    def spawn() -> _Worker:
        nonlocal next_wid
        w = _Worker(ctx, settings, next_wid)
        next_wid += 1
        pool.append(w)
        return w

    def retire(w: _Worker, kill: bool) -> None:
        pool.remove(w)
        w.stop(kill=kill)

    try:
        while True:
            # read ahead until one task per worker is waiting
            while not exhausted and len(pending) < n_workers:
                try:
                    item = next(it)
                except StopIteration:
                    exhausted = True
                    break
                t = triage(item)
                if isinstance(t, BatchResult):
                    yield t
                elif t is not None:
                    pending.append((item, t))
            busy = sum(w.task is not None for w in pool)
            while len(pool) < n_workers and len(pool) - busy < len(pending):
                spawn()

            def send(w: _Worker) -> None:
                nonlocal tid
                item, t = pending.popleft()
                tid += 1
                try:
                    w.conn.send((tid, t[2], Path(item.file).name or item.file, t[3]))
                except (BrokenPipeError, OSError):
                    pass  # the worker died: noticed below through its sentinel
                w.tasks.append((tid, item, t))
                if len(w.tasks) == 1:
                    w.deadline = time.monotonic() + settings.timeout + GRACE

            for w in pool:  # idle workers first
                if w.ready and not w.tasks and pending:
                    send(w)
            for w in pool:  # then one small task queued behind each busy worker
                if (w.ready and len(w.tasks) == 1 and pending and len(pending[0][1][3]) <= PREFETCH_BYTES
                        and not (max_tasks and w.done + 1 >= max_tasks)):
                    send(w)
            if exhausted and not pending and all(w.task is None for w in pool):
                return
            ready = wait([w.conn for w in pool] + [w.proc.sentinel for w in pool], timeout=0.5)
            now = time.monotonic()
            for w in list(pool):
                if w.conn in ready:
                    try:
                        msg = w.conn.recv()
                    except (EOFError, OSError):
                        msg = None
                    if msg is not None:
                        if msg[0] == "ready":
                            w.ready = True
                        elif msg[0] == "fatal":
                            raise InternalError(f"a batch worker could not start: {msg[1]}")
                        elif w.tasks and w.tasks[0][0] == msg[0]:
                            _tid, content, blob = msg
                            _, item, t = w.tasks.popleft()
                            w.done += 1
                            if w.tasks:  # the queued one starts now
                                w.deadline = time.monotonic() + settings.timeout + GRACE
                            if max_tasks and w.done >= max_tasks and not w.tasks:
                                retire(w, kill=False)  # a fresh one is spawned when work is waiting
                            yield from finish(t[0], t[1], content, blob, item)
                        continue
                if not w.proc.is_alive() or (w.tasks and now > w.deadline):
                    timed_out = w.proc.is_alive()
                    tasks, was_ready = list(w.tasks), w.ready
                    retire(w, kill=True)
                    code = w.proc.exitcode
                    for _, item, t in reversed(tasks[1:]):  # queued behind the lost one: run them elsewhere
                        pending.appendleft((item, t))
                    if tasks:
                        _, item, t = tasks[0]
                        if timed_out:
                            content = error_row(settings, "timeout",
                                                f"analysis took longer than the time limit of {settings.timeout:g} s"
                                                " (raise it with --timeout)")
                        else:
                            content = error_row(settings, "crashed", f"the worker process died (exit code {code})")
                        yield from finish(t[0], t[1], content, None, item)
                    elif not was_ready:
                        raise InternalError(f"a batch worker died while starting (exit code {code})")
    finally:
        for w in pool:
            w.stop(kill=False)


# --------------------------------------------------------------------------- output


def _atomic_write(path: Path, write: Callable[[Any], None]) -> None:
    """Write ``path`` through a temp file beside it, fsync, then ``os.replace``: readers (and a rerun
    after a crash) see the old file or the complete new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the table the usual mode
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_output(rows: list[dict[str, Any]], out: str | Path, *, blind: bool = False, top: int | None = None,
                 report_of: Callable[[dict[str, Any]], bytes | None] | None = None) -> int:
    """Write the ranked table atomically; the format follows the extension. Returns the rows written.

    For ``.jsonl``, ``report_of(row)`` gives the compressed report JSON of an ok row (from the journal);
    each line is ``Report.to_dict()`` plus a ``"batch"`` object holding the row (errors: the row only).
    Lines are produced one at a time, so memory does not grow with the number of reports."""
    out = Path(out)
    suffix = out.suffix.lower()
    check_output(out)
    final = _finalize(rows, blind)
    if top is not None:
        final = final[:top]
    if suffix == ".jsonl":
        def write_jsonl(fh) -> None:
            for row in final:
                line: dict[str, Any] = {}
                blob = report_of(row) if (row["status"] == "ok" and report_of is not None) else None
                if blob:
                    line = json.loads(zlib.decompress(blob))
                line["batch"] = row
                fh.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))

        _atomic_write(out, write_jsonl)
        return len(final)
    df = to_frame(final, blind=blind)
    if suffix in (".csv", ".xlsx"):
        df = spreadsheet_safe(df)
    if suffix == ".csv":
        _atomic_write(out, lambda fh: df.to_csv(fh, index=False, encoding="utf-8"))
    elif suffix == ".parquet":
        _atomic_write(out, lambda fh: df.to_parquet(fh, index=False))
    else:
        import pandas as pd

        def write_xlsx(fh) -> None:
            with pd.ExcelWriter(fh, engine="openpyxl") as xw:
                df.to_excel(xw, index=False, sheet_name="ranking")
                ws = xw.sheets["ranking"]
                ws.freeze_panes = "A2"
                ws.auto_filter.ref = ws.dimensions

        _atomic_write(out, write_xlsx)
    return len(final)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(df):
    """Text cells that a spreadsheet would run as a formula ("=HYPERLINK(...)" as a candidate's name, a
    file called "@SUM(...).pdf") get a leading apostrophe, as OWASP advises for CSV injection: Excel,
    LibreOffice and openpyxl then keep them as text. Numbers are left alone; Parquet and JSONL keep
    the values unchanged."""
    from pandas.api.types import is_object_dtype, is_string_dtype

    out = df.copy()
    for col in out.columns:
        if is_object_dtype(out[col]) or is_string_dtype(out[col]):
            s = out[col]
            risky = s.map(lambda v: isinstance(v, str) and v.startswith(_FORMULA_START)).astype(bool)
            if risky.any():
                out[col] = s.where(~risky, "'" + s.astype(object).where(risky, ""))
    return out


def check_output(out: str | Path) -> None:
    suffix = Path(out).suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise UserError(f"{out}: unknown output format {suffix or '(none)'!r} (use {', '.join(OUTPUT_SUFFIXES)})")
    try:
        if suffix == ".parquet":
            import pyarrow  # noqa: F401
        elif suffix == ".xlsx":
            import openpyxl  # noqa: F401
    except ImportError:
        extra = "parquet" if suffix == ".parquet" else "xlsx"
        raise UserError(f"{out}: writing {suffix} needs an extra: pip install 'skillgap[{extra}]'") from None


def default_journal(out: str | Path) -> Path:
    out = Path(out)
    return out.with_name(out.name + ".journal.sqlite")


def run_batch(inputs: Iterable[str | Path | TextInput], out: str | Path, *, journal: str | Path | None = None,
              top: int | None = None, progress: bool = False, **kw: Any) -> Summary:
    """The ``skillgap batch`` command as a function: score, journal, write the ranked table atomically."""
    from analyzer.journal import Journal

    check_output(out)
    out = Path(out)
    journal = Path(journal) if journal else default_journal(out)
    kw.setdefault("reports", out.suffix.lower() == ".jsonl")
    summary = Summary(out=str(out))
    rows: list[dict[str, Any]] = []
    started = time.monotonic()
    bar = _Bar() if progress else None
    keys: dict[str, str] = {}
    try:
        gen = analyze_many(inputs, journal=journal, on_start=bar.start if bar else None, **kw)
        for r in gen:
            summary.add(r)
            rows.append(r.row)
            if r.key:
                keys[r.file] = r.key
            if bar:
                bar.advance()
    finally:
        if bar:
            bar.stop()
    if not rows:
        raise UserError("no input files found")
    summary.elapsed = time.monotonic() - started
    with Journal(journal) as jr:
        summary.written = write_output(rows, out, blind=kw.get("blind", False), top=top,
                                       report_of=lambda row: jr.report(keys[row["file"]]) if row["file"] in keys else None)
    return summary


class _Bar:
    """rich progress bar on stderr: count, rate, elapsed and ETA."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task):  # noqa: D401
                speed = task.finished_speed or task.speed
                return Text(f"{speed:5.1f}/s" if speed else "  -- /s")

        self.progress = Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), Rate(), TimeElapsedColumn(),
                                 TextColumn("eta"), TimeRemainingColumn(), console=Console(stderr=True), transient=False)
        self.task = None

    def start(self, total: int) -> None:
        self.progress.start()
        self.task = self.progress.add_task("batch", total=total)

    def advance(self) -> None:
        if self.task is not None:
            self.progress.advance(self.task)

    def stop(self) -> None:
        self.progress.stop()
