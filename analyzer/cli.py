"""Command-line interface (thin layer over the library).

Exit codes: 0 success · 1 user error (one line on stderr naming the file and the cause) · 2 bad usage.
Third-party warnings and logs are silenced unless ``--verbose`` is given.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from pathlib import Path
from typing import Optional

import typer

from analyzer.errors import UserError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="skillgap: explainable resume-to-role skill-gap analysis.")
taxonomy_app = typer.Typer(no_args_is_help=True, help="Validate, list and export role taxonomies.")
app.add_typer(taxonomy_app, name="taxonomy")

FORMATS = ("text", "json", "markdown", "html", "jsonresume")


def _quiet(verbose: bool) -> None:
    """Keep third-party chatter (pdfminer, spaCy, pandas) off the user's terminal."""
    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
        return
    warnings.filterwarnings("ignore")
    os.environ.setdefault("PYTHONWARNINGS", "ignore")  # inherited by worker processes
    for name in ("pdfminer", "spacy", "pandas", "weasel", "urllib3", "py4j", "pyspark"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _fail(msg: str, code: int = 1) -> None:
    typer.echo(f"skillgap: error: {msg}", err=True)
    raise typer.Exit(code)


def _write(out: str, path: Optional[Path]) -> None:
    if path is None:
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
        return
    from analyzer.util import atomic_write_text

    atomic_write_text(path, out)


@app.command()
def analyze(
    file: Path = typer.Argument(..., help="Resume file: PDF, DOCX, TXT, MD or HTML."),
    role: Optional[str] = typer.Option(None, "--role", help="Built-in role id or path to a role YAML file."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date that 'Present' means (YYYY-MM-DD); default today."),
    fmt: str = typer.Option("text", "--format", "-f", help=f"Output format: {', '.join(FORMATS)}."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    explain: Optional[str] = typer.Option(None, "--explain", help="Explain one requirement id in full."),
    redact: bool = typer.Option(False, "--redact", help="Remove name, e-mail, phone, address and URLs from the output."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show third-party warnings and logs."),
    max_pages: int = typer.Option(50, "--max-pages", min=1, help="Refuse PDFs with more pages."),
    max_mb: float = typer.Option(20.0, "--max-mb", min=0.001, help="Refuse files larger than this many MB."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1, help="Seconds allowed to read and analyse the file."),
    ocr: bool = typer.Option(False, "--ocr", help="Read scanned (image-only) PDFs with tesseract (needs tesseract-ocr and poppler-utils)."),
) -> None:
    """Analyze one resume against a role and print the gap report."""
    _quiet(verbose)
    if fmt not in FORMATS:
        typer.echo(f"skillgap: error: unknown --format {fmt!r} (choose from {', '.join(FORMATS)})", err=True)
        raise typer.Exit(2)
    try:
        from analyzer.core import Analyzer

        from analyzer.ingest import IngestOptions

        ingest = IngestOptions(max_bytes=int(max_mb * 1024 * 1024), max_pages=max_pages, timeout=timeout, ocr=ocr)
        from analyzer.limits import time_limit

        a = Analyzer(role, ingest=ingest)
        with time_limit(timeout, file.name or str(file)):  # the whole analysis, not only the reading
            report = a.analyze(file, as_of=as_of)
        if redact:
            from analyzer.redact import redact_report

            report = redact_report(report)
        if explain:
            from analyzer.explain import explain_requirement

            out = explain_requirement(report, explain)
        else:
            from analyzer.render import render

            out = render(report, fmt)
        _write(out, output)
    except UserError as exc:
        _fail(str(exc))
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # a bug of ours: still one line naming the file, the traceback on request
        if verbose:
            raise
        _fail(f"{file.name or file}: internal error ({type(exc).__name__}); please report it "
              f"(--verbose shows the traceback)", 3)


@taxonomy_app.command("check")
def taxonomy_check(path: Path = typer.Argument(..., help="Role YAML file to validate.")) -> None:
    """Validate a role file (and its ladder): unknown keys and bad values fail with file and line."""
    _quiet(False)
    try:
        from analyzer.taxonomy import load_role

        b = load_role(str(path))
    except UserError as exc:
        _fail(str(exc))
    n = len(b.role.requirements)
    typer.echo(f"{path}: ok — role {b.role.id!r} ({b.role.title}), {n} requirements, ladder {b.ladder.id!r} with {len(b.ladder.levels)} levels")


@taxonomy_app.command("show")
def taxonomy_show(role: Optional[str] = typer.Argument(None, help="Role id or path (default lead_ai_engineer).")) -> None:
    """List a role's requirements and its career ladder."""
    _quiet(False)
    try:
        from analyzer.taxonomy import load_role

        b = load_role(role)
    except UserError as exc:
        _fail(str(exc))
    from rich.console import Console
    from rich.table import Table

    con = Console(highlight=False, no_color=bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty(), width=120)
    con.print(f"{b.role.title} ({b.role.id}) — {len(b.role.requirements)} requirements")
    t = Table()
    for col in ("id", "label", "category", "importance", "weight", "kind"):
        t.add_column(col)
    for r in b.role.requirements:
        t.add_row(r.id, r.label, r.category, r.importance, f"{r.weight:g}", r.kind)
    con.print(t)
    con.print(f"Ladder {b.ladder.title}: " + " → ".join(lv.title for lv in b.ladder.levels))


@taxonomy_app.command("list")
def taxonomy_list() -> None:
    """List the built-in roles."""
    from analyzer.taxonomy import builtin_roles

    for r in builtin_roles():
        typer.echo(r)


@taxonomy_app.command("schema")
def taxonomy_schema(output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of stdout.")) -> None:
    """Print the JSON Schema of role files (for editors)."""
    from analyzer.taxonomy.schema import role_schema_json

    _write(role_schema_json(), output)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True)) -> None:
    if version:
        from analyzer.version import __version__

        typer.echo(f"skillgap {__version__}")
        raise typer.Exit(0)


@app.command()
def batch(
    inputs: list[str] = typer.Argument(..., help="Files, directories (recursive), globs, or CSV/Parquet tables with a 'text' or 'path' column."),
    out: Path = typer.Option(..., "--out", help="Output table: .csv, .xlsx, .parquet or .jsonl (full reports)."),
    role: Optional[str] = typer.Option(None, "--role", help="Built-in role id or path to a role YAML file."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date that 'Present' means (YYYY-MM-DD); default today."),
    workers: int = typer.Option(min(4, os.cpu_count() or 1), "--workers", "-w", min=0, help="Worker processes (0: in this process)."),
    blind: bool = typer.Option(False, "--blind", help="Leave out name and contact data (columns and reports)."),
    top: Optional[int] = typer.Option(None, "--top", min=1, help="Write only the K best-ranked rows."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1, help="Seconds allowed per file; a stuck file becomes an error row."),
    journal: Optional[Path] = typer.Option(None, "--journal", help="Resume journal (SQLite); default OUT.journal.sqlite."),
    max_pages: int = typer.Option(50, "--max-pages", min=1, help="Refuse PDFs with more pages."),
    max_mb: float = typer.Option(20.0, "--max-mb", min=0.001, help="Refuse files larger than this many MB."),
    ocr: bool = typer.Option(False, "--ocr", help="Read scanned (image-only) PDFs with tesseract (needs tesseract-ocr and poppler-utils)."),
    recycle: int = typer.Option(0, "--recycle", min=0, help="Restart each worker after N files (0: never); caps memory on very long runs."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Print the closing summary and third-party logs."),
) -> None:
    """Score many resumes into one ranked table (parallel, resumable: rerun the same command after a crash)."""
    _quiet(verbose)
    try:
        from analyzer.batch import run_batch

        summary = run_batch(inputs, out, journal=journal, top=top, progress=sys.stderr.isatty(), role=role,
                            as_of=as_of, workers=workers, blind=blind, timeout=timeout, max_pages=max_pages,
                            max_mb=max_mb, ocr=ocr, max_tasks_per_worker=recycle or None, verbose=verbose)
    except UserError as exc:
        _fail(str(exc))
    if verbose or sys.stderr.isatty():
        typer.echo(summary.format(), err=True)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("skillgap: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
