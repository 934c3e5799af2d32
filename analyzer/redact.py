"""``--redact``: remove name, e-mail, phone, address and URLs from a finished report (every format)."""

from __future__ import annotations

import dataclasses
import re

from analyzer.profile import EMAIL, PHONE, URL
from analyzer.types import Contact, Report

MASK = "█"


def _mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(max(0, a), min(len(chars), b)):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)


def redact_report(report: Report) -> Report:
    """Mask identity data in ``text`` (same length, so every offset stays valid) and drop contact data."""
    text = report.text
    spans: list[tuple[int, int]] = []
    for pat in (EMAIL, URL, PHONE):
        spans += [(m.start(), m.end()) for m in pat.finditer(text)]
    c = report.profile.contact
    for value in (c.name, c.location):
        if value:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(value), text)]
    # an address line: number + street word, or a postcode pattern
    for m in re.finditer(r"(?im)^.*\b\d{1,5}\s+\w+(?:\s\w+)?\s(?:street|st\.|avenue|ave\.?|road|rd\.|lane|blvd|boulevard|drive|dr\.)\b.*$", text):
        spans.append((m.start(), m.end()))
    red = _mask_spans(text, spans)
    ev = tuple(dataclasses.replace(e, text=red[e.start:e.end]) for e in report.evidence)
    prof = dataclasses.replace(report.profile, contact=Contact())
    src = dataclasses.replace(report.source, name="redacted")
    return dataclasses.replace(report, text=red, evidence=ev, profile=prof, source=src)
