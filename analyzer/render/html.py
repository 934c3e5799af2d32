"""HTML: one self-contained file (first form; everything from the resume is escaped)."""

from __future__ import annotations

from html import escape

from analyzer.render.markdown import render_markdown
from analyzer.types import Report


def render_html(report: Report, **_) -> str:
    body = escape(render_markdown(report))
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>skillgap report</title>"
            "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto}pre{white-space:pre-wrap}</style>"
            f"</head><body><pre>{body}</pre></body></html>\n")
