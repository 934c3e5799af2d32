"""Small shared helpers."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

T = TypeVar("T")


class PerObject:
    """Values derived from immutable objects (a role, a ladder), built once per object *identity*.

    Each entry keeps its key objects alive, so an ``id`` can never be reused for another object while
    its entry exists; at most ``size`` entries are kept (then all are dropped)."""

    def __init__(self, build: Callable[..., T], size: int = 64) -> None:
        self._build = build
        self._size = size
        self._cache: dict[tuple[int, ...], tuple[tuple[Any, ...], T]] = {}

    def __call__(self, *objs: Any) -> T:
        key = tuple(map(id, objs))
        hit = self._cache.get(key)
        if hit is None or any(a is not b for a, b in zip(hit[0], objs)):
            if len(self._cache) >= self._size:
                self._cache.clear()
            hit = self._cache[key] = (objs, self._build(*objs))
        return hit[1]

    def clear(self) -> None:
        self._cache.clear()


_TEXT_MEMOS: list[dict] = []


def text_memo() -> dict:
    """A dict to remember a pure function of a piece of resume text (a line, a header field) in. Every such
    memo is emptied by :func:`forget_text_memos`, which :meth:`analyzer.core.Analyzer.analyze_document` calls
    when a document is done: a memo helps only with the repeats inside one resume (a line the section reader
    and the profile both ask about), and nothing of a resume stays in memory after its analysis. Callers
    also bound its size, for code that runs the stages without an Analyzer."""
    memo: dict = {}
    _TEXT_MEMOS.append(memo)
    return memo


def forget_text_memos() -> None:
    """Empty every :func:`text_memo`."""
    for memo in _TEXT_MEMOS:
        memo.clear()


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write a file so that readers see either the old file or the whole new one, never a part."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def prefix_alternation(entries: Iterable[tuple[str, str]]) -> str:
    """A regex for the alternatives ``literal + rest`` (a literal start, escaped here, and a regex rest
    each; rest ``""`` for a plain word), the literals sharing their prefixes, so that the regex engine tests
    each character once instead of trying every alternative in turn. Where one literal is a prefix of
    another, the longer is tried first, as in a ``(?:longer|shorter)`` alternation sorted longest first."""
    tree: dict = {}
    for literal, rest in entries:
        node = tree
        for ch in literal:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add(rest)

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        alts += sorted(node.get("", ()))
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" if alts else ""

    return build(tree)
