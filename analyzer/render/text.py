"""Terminal report with rich: summary, category bars, met/partial/missing table, next step.

Colour only on a terminal; plain text (no ANSI codes) when stdout is not a TTY, when ``NO_COLOR``
is set (https://no-color.org) or when ``color=False`` is passed.
"""

from __future__ import annotations

import io
import os
import sys

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from analyzer.render.common import STATUS_ORDER, counts, level_line, salary_heading, salary_line, why
from analyzer.types import Report

_STATUS_STYLE = {"met": "green", "partial": "yellow", "missing": "red"}
_STATUS_MARK = {"met": "✔ met", "partial": "◐ partial", "missing": "✘ missing"}


def _bar(frac: float, width: int = 24) -> str:
    full = int(round(max(0.0, min(1.0, frac)) * width))
    return "█" * full + "░" * (width - full)


def _listing(rows: list[tuple[str, str]]) -> Table:
    """Marker + text rows with a hanging indent when the text wraps."""
    g = Table.grid(padding=(0, 1), pad_edge=False)
    g.add_column(justify="right", no_wrap=True, min_width=4)
    g.add_column(ratio=1)
    for mark, text in rows:
        g.add_row(mark, text)
    return g


def use_color(color: bool | None = None) -> bool:
    if color is not None:
        return color
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def render_text(report: Report, *, color: bool | None = None, width: int = 100, **_) -> str:
    color = use_color(color)
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False,
                  color_system="standard" if color else None, emoji=False, markup=False)
    a = report.assessment
    p = report.profile
    c = a.career
    n = counts(report)
    con.print(Text(f"skillgap · {report.source.name} vs {report.role.title}", style="bold"))
    line = Text("Score: ")
    line.append(f"{a.score:.1f}", style="bold")
    line.append(f" / 100 · {n['met']} met · {n['partial']} partial · {n['missing']} missing · as of {report.as_of.isoformat()}")
    con.print(line)
    con.print(Text(f"Level: {level_line(report)}", style="bold" if c.on_target else "bold red"))
    con.print(Text(f"Profile: {p.total_experience_years:.1f} y work · {p.ai_ml_years:.1f} y AI/ML · "
                   f"{p.leadership_years:.1f} y leadership · degree: {p.highest_degree or 'not found'}"
                   + (f" · title: {p.current_title}" if p.current_title else "")))
    for w in report.warnings:
        con.print(Text(f"Warning: {w}", style="yellow"))
    con.print()
    con.print(Text("Coverage by category", style="bold"))
    lw = max((len(cat.label) for cat in a.categories), default=10)
    for cat in a.categories:
        bar_line = Text(f"  {cat.label:<{lw}} ")
        style = "green" if cat.coverage >= 0.75 else ("yellow" if cat.coverage >= 0.4 else "red")
        bar_line.append(_bar(cat.coverage), style=style)
        bar_line.append(f" {cat.points:5.1f} / {cat.max_points:4.1f}  {cat.coverage:4.0%}")
        con.print(bar_line)
    con.print()
    t = Table(title="Requirements (the points add up to the score)", box=box.SIMPLE_HEAD, expand=True,
              title_justify="left", title_style="bold", pad_edge=False)
    t.add_column("Status", no_wrap=True)
    t.add_column("Requirement", ratio=2)
    t.add_column("Points", justify="right", no_wrap=True)
    t.add_column("Why", ratio=4)
    for imp in ("required", "preferred", "bonus"):
        group = sorted((r for r in a.requirements if r.importance == imp), key=lambda r: (STATUS_ORDER[r.status], r.label))
        if not group:
            continue
        got = sum(r.points for r in group)
        top = sum(r.max_points for r in group)
        t.add_row("", Text(f"{imp.capitalize()} ({len(group)})", style="bold"),
                  Text(f"{got:.1f}/{top:.1f}", style="bold"), "")
        for r in group:
            t.add_row(Text(_STATUS_MARK[r.status], style=_STATUS_STYLE[r.status]), r.label,
                      f"{r.points:.1f}/{r.max_points:.1f}", why(r))
        t.add_section()
    t.add_row("", Text("Score", style="bold"), Text(f"{a.score:.1f}/100", style="bold"), "")
    con.print(t)
    con.print()
    head = f"Next step: {c.current_level.title} → {c.next_level.title if c.next_level else 'top of the ladder'}"
    con.print(Text(head, style="bold"))
    con.print(_listing([("·", r) for r in c.reasons]))
    con.print(Text("  What it takes, in order:", style="bold"))
    con.print(_listing([(f"{i}.", item) for i, item in enumerate(c.to_next_level, 1)]))
    if c.salary:
        con.print(Text(f"  {salary_heading(report)}:", style="bold"))
        con.print(_listing([("$", salary_line(s)) for s in c.salary]))
    con.print()
    con.print(Text(f"Explain one line in full: skillgap analyze {report.source.name} --explain REQUIREMENT_ID "
                   f"(ids: skillgap taxonomy show)", style="dim"))
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
