"""Document -> sections. Heading rules are data (``analyzer/resources/sections.yaml``)."""

from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

from analyzer.types import Document, Section

_BULLET = re.compile(r"^[\s\-•·*▪►◦‣●○■□–—#>|]*(?:\d+[.)]\s*)?")


@functools.lru_cache(maxsize=1)
def heading_rules() -> tuple[int, dict[str, str]]:
    """Return (max_words, {heading literal (lowercase): section id})."""
    raw = yaml.safe_load(resources.files("analyzer.resources").joinpath("sections.yaml").read_text("utf-8"))
    table: dict[str, str] = {}
    for sid, heads in raw["sections"].items():
        for h in heads:
            table[h.lower()] = sid
    return int(raw.get("max_words", 6)), table


def normalise_heading(line: str) -> str:
    s = _BULLET.sub("", line.strip())
    s = s.strip().rstrip(":").strip()
    s = re.sub(r"\s+", " ", s.replace("&", " & ")).strip().lower()
    # letter-spaced headings: "E X P E R I E N C E"
    if re.fullmatch(r"(?:[a-z] ){3,}[a-z]", s):
        s = s.replace(" ", "")
    if s not in heading_rules()[1]:
        s = s.replace(" & ", " and ")
    return s


def classify_heading(line: str) -> tuple[str, str] | None:
    """(section id, matched literal) when the line is a section heading, else None."""
    stripped = line.strip()
    if not stripped or len(stripped) > 60:
        return None
    max_words, table = heading_rules()
    norm = normalise_heading(stripped)
    if not norm:
        return None
    if norm in table:
        return table[norm], norm
    words = norm.split()
    if len(words) > max_words or stripped.endswith((".", ",", ";")):
        return None
    # "Technical Skills & Tools", "EXPERIENCE (10 years)": the longest known prefix
    letters = re.sub(r"[^A-Za-z]", "", stripped)
    looks_like_heading = stripped.rstrip().endswith(":") or (letters.isupper() and len(letters) > 2) or stripped.istitle()
    if not looks_like_heading:
        return None
    for n in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:n])
        if prefix in table:
            return table[prefix], prefix
    return None


def detect_sections(document: Document) -> tuple[Section, ...]:
    text = document.text
    heads: list[tuple[int, str, str, str]] = []  # (start, section, heading, rule)
    for ln in document.lines:
        line = text[ln.start : ln.end]
        hit = classify_heading(line)
        if hit is None:
            continue
        sid, literal = hit
        lead = len(line) - len(line.lstrip())
        heads.append((ln.start + lead, sid, line.strip(), f"heading:{literal}"))
    out: list[Section] = []
    first = heads[0][0] if heads else len(text)
    if first > 0:
        out.append(Section(name="header", heading="", start=0, end=first, rule="before-first-heading"))
    for i, (start, sid, heading, rule) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        out.append(Section(name=sid, heading=heading, start=start, end=end, rule=rule))
    return tuple(out)


def section_at(sections: tuple[Section, ...], offset: int) -> Section | None:
    for s in sections:
        if s.start <= offset < s.end:
            return s
    return None
