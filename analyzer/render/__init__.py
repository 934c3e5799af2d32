"""Renderers: small functions from a finished Report to text. They never score."""

from __future__ import annotations

from typing import Callable

from analyzer.types import Report


def _json(report: Report, **kw) -> str:
    from analyzer.render.json import render_json

    return render_json(report, **kw)


def _text(report: Report, **kw) -> str:
    from analyzer.render.text import render_text

    return render_text(report, **kw)


def _markdown(report: Report, **kw) -> str:
    from analyzer.render.markdown import render_markdown

    return render_markdown(report, **kw)


def _html(report: Report, **kw) -> str:
    from analyzer.render.html import render_html

    return render_html(report, **kw)


def _jsonresume(report: Report, **kw) -> str:
    from analyzer.render.jsonresume import render_jsonresume

    return render_jsonresume(report, **kw)


RENDERERS: dict[str, Callable[..., str]] = {"text": _text, "json": _json, "markdown": _markdown, "html": _html,
                                            "jsonresume": _jsonresume}


def render(report: Report, fmt: str = "text", **kw) -> str:
    try:
        fn = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(RENDERERS)})") from None
    return fn(report, **kw)
