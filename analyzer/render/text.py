"""Terminal report with rich: summary, category bars, requirement table, next step.

Plain (no colour, no box-drawing beyond ASCII-safe rules) when not a TTY or NO_COLOR is set.
"""

from __future__ import annotations

import io
import os
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from analyzer.types import Report

_STATUS_STYLE = {"met": "green", "partial": "yellow", "missing": "red"}
_STATUS_MARK = {"met": "✔ met", "partial": "◐ partial", "missing": "✘ missing"}


def _bar(frac: float, width: int = 20) -> str:
    full = int(round(frac * width))
    return "█" * full + "░" * (width - full)


def render_text(report: Report, *, color: bool | None = None, width: int = 100, **_) -> str:
    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False,
                  color_system="standard" if color else None, emoji=False)
    a = report.assessment
    p = report.profile
    c = a.career
    con.print(Text(f"skillgap · {report.source.name} vs {report.role.title}", style="bold"))
    con.print(f"Score: [bold]{a.score:.1f}[/bold] / 100   ·   as of {report.as_of.isoformat()}")
    lvl = c.current_level.title
    nxt = c.next_level.title if c.next_level else "top of the ladder"
    con.print(f"Level: {lvl}  →  next: {nxt}")
    con.print(f"Experience: {p.total_experience_years:.1f} y total · {p.ai_ml_years:.1f} y AI/ML · "
              f"{p.leadership_years:.1f} y leadership · degree: {p.highest_degree or 'not found'}"
              + (f" · current title: {p.current_title}" if p.current_title else ""))
    for w in report.warnings:
        con.print(f"[yellow]Warning:[/yellow] {w}")
    con.print()
    con.print(Text("Coverage by category", style="bold"))
    for cat in a.categories:
        con.print(f"  {cat.label:<34} {_bar(cat.coverage)} {cat.points:5.1f} / {cat.max_points:4.1f}")
    con.print()
    t = Table(title="Requirements", show_lines=False, expand=False, title_justify="left")
    t.add_column("Status", no_wrap=True)
    t.add_column("Requirement")
    t.add_column("Imp.", no_wrap=True)
    t.add_column("Points", justify="right", no_wrap=True)
    t.add_column("Why")
    order = {"missing": 0, "partial": 1, "met": 2}
    imp = {"required": 0, "preferred": 1, "bonus": 2}
    for r in sorted(a.requirements, key=lambda r: (imp[r.importance], order[r.status], r.label)):
        why = r.explanation.split(" — ", 1)[-1]
        t.add_row(Text(_STATUS_MARK[r.status], style=_STATUS_STYLE[r.status]), r.label, r.importance,
                  f"{r.points:.1f}/{r.max_points:.1f}", why)
    con.print(t)
    con.print()
    con.print(Text("Next step", style="bold"))
    for reason in c.reasons:
        con.print(f"  · {reason}")
    for item in c.to_next_level:
        con.print(f"  → {item}")
    for s in c.salary:
        rng = f"${s.low:,}–${s.high:,}" if s.low and s.high else ""
        avg = f"average ${s.average:,}" if s.average else ""
        con.print(f"  $ {s.title}: {', '.join(x for x in (avg, rng) if x)} ({s.region} market, {s.year}; {s.note})")
    return buf.getvalue()
