"""``--redact`` / ``batch --blind``: remove name, e-mail, phone, address and URLs from a finished report.

Redaction happens after scoring (the score never depends on identity, so it is unchanged) and before
rendering, so it covers every output format. What is masked:

- e-mail addresses, URLs (``https://``, ``www.``, bare ``linkedin.com/...``/``github.com/...``) and phone
  numbers (seven or more digits; a year range such as ``2019-2020`` is not a phone number);
- the name found in the header, as a whole and each of its words (as written, in capitals, in title case);
- addresses: street addresses (``221B Baker Street``, ``Hauptstraße 5``), postcodes, labelled lines
  (``Address:``, ``Location:``, ``Based in``), every part of a contact line (a header line holding an
  e-mail, a phone or a URL) that is not a job title, and ``City, Region`` in the header or a contact
  section.

``Report.text`` is masked character by character (``█``, whitespace kept), so every offset stays
valid; every other string in the report (evidence, profile entries, explanations, warnings) has the
same values masked wherever they occur; the contact data is dropped and the file name replaced.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from analyzer.profile import EMAIL, PHONE, URL
from analyzer.types import Contact, Report

MASK = "█"

_STREET_WORDS = (r"street|st\.?|avenue|ave\.?|road|rd\.?|lane|ln\.?|boulevard|blvd\.?|drive|dr\.?|way|court|ct\.?|"
                 r"place|pl\.?|square|sq\.?|terrace|parkway|pkwy\.?|highway|hwy\.?|close|crescent|row|walk|gardens")
STREET = re.compile(
    rf"(?i)\b\d{{1,5}}[a-z]?(?:-\d{{1,5}})?,?\s+(?:[A-Za-zÀ-ÿ'.-]+\s+){{0,4}}(?:{_STREET_WORDS})\b[^\n|•·]*"
    r"|\b[A-ZÀ-Ý][\wÀ-ÿ-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|laan|gracht|plein)\s*\d{1,4}[a-z]?\b[^\n|•·]*"
    r"|\b(?:rue|via|calle|avenida|rua|piazza|plaza)\s+[^\n|•·]{2,60}"
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"  # UK
                      r"|\b[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?\b"  # US state + ZIP
                      r"|\b(?!(?:19|20)\d\d\b)\d{4,5}[ \t]+[A-ZÀ-Ý][a-zà-ÿ]+(?:[ -][A-ZÀ-Ý][a-zà-ÿ]+)?\b")  # 10115 Berlin
LABELLED = re.compile(r"(?im)^[ \t•*-]*(?:home\s+|postal\s+|current\s+)?(?:address|location|residence|lives\s+in|based\s+in)"
                      r"\b\s*[:\-–]?\s*(?P<value>[^\n]+)$")
CITY = re.compile(r"\b[A-ZÀ-Ý][\wÀ-ÿ.'-]*(?:\s[A-ZÀ-Ý][\wÀ-ÿ.'-]*){0,3},\s*[A-ZÀ-Ý][\wÀ-ÿ.'-]*(?:\s[A-ZÀ-Ý][\wÀ-ÿ.'-]*){0,3}")
TITLE_WORDS = re.compile(r"(?i)\b(engineer|developer|scientist|analyst|manager|director|lead|head|consultant|architect|"
                         r"officer|chef|designer|researcher|specialist|intern|student|professor|phd|msc|bsc|mba|"
                         r"machine|learning|data|ai|ml|nlp|mlops|summary|profile)\b")
_SEGMENTS = re.compile(r"[^|•·\t\n]+")
_CONTACT_HEADING = re.compile(r"(?i)contact|personal|address|details")


def _phones(text: str) -> list[tuple[int, int]]:
    out = []
    for m in PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) < 7 or re.fullmatch(r"\s*(?:19|20)\d\d\s*[-–/.]\s*(?:19|20)\d\d\s*", m.group(0)):
            continue
        out.append((m.start(), m.end()))
    return out


def _name_pattern(name: str | None) -> re.Pattern[str] | None:
    if not name:
        return None
    forms = {name, name.upper(), name.title()}
    for w in re.split(r"[\s,]+", name):
        w = w.strip(".")
        if len(w) >= 2 and w.lower() not in {"mr", "ms", "mrs", "dr", "mx", "jr", "sr", "de", "van", "von", "der"}:
            forms |= {w, w.upper(), w.title()}
            forms |= {p for p in re.split(r"-", w) if len(p) >= 2}  # "Okonkwo-Reyes": each part too
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def _contact_zones(report: Report) -> list[tuple[int, int]]:
    """The header section and any section headed like "Contact" or "Personal details"."""
    zones = [(s.start, s.end) for s in report.sections
             if s.name == "header" or (s.heading and _CONTACT_HEADING.search(s.heading))]
    if not zones:
        zones = [(0, min(len(report.text), 400))]
    return zones


def identity_spans(report: Report) -> list[tuple[int, int]]:
    """Character spans of ``report.text`` that identify or locate the candidate."""
    text = report.text
    spans: list[tuple[int, int]] = []
    for pat in (EMAIL, URL):
        spans += [(m.start(), m.end()) for m in pat.finditer(text)]
    spans += _phones(text)
    contact_points = sorted(spans)
    c = report.profile.contact
    pat = _name_pattern(c.name)
    if pat:
        spans += [(m.start(), m.end()) for m in pat.finditer(text)]
    if c.location:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(c.location), text)]
    for p in (STREET, POSTCODE):
        spans += [(m.start(), m.end()) for m in p.finditer(text)]
    spans += [(m.start("value"), m.end("value")) for m in LABELLED.finditer(text)]
    # contact lines: every part of a line holding an e-mail, phone or URL, except a job title
    pos = 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if any(a <= s < b for s, _ in contact_points) and len(line) < 300:
            for m in _SEGMENTS.finditer(line):
                if m.group(0).strip() and not TITLE_WORDS.search(m.group(0)):
                    spans.append((a + m.start(), a + m.end()))
    for za, zb in _contact_zones(report):
        for m in _SEGMENTS.finditer(text[za:zb]):
            seg = m.group(0).strip()
            if CITY.fullmatch(seg) and not TITLE_WORDS.search(seg):
                a = za + m.start() + m.group(0).index(seg)
                spans.append((a, a + len(seg)))
    # the same values wherever else they occur (a home town repeated on a job line, the name in prose)
    found = {text[a:b].strip() for a, b in spans}
    rx = _value_regex(found)
    if rx is not None:
        spans += [(m.start(), m.end()) for m in rx.finditer(text)]
    return spans


def _mask(s: str) -> str:
    return "".join(ch if ch.isspace() else MASK for ch in s)


def _mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(max(0, a), min(len(chars), b)):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)


def _value_regex(values: set[str]) -> re.Pattern[str] | None:
    values = {v.strip() for v in values if len(v.strip()) >= 2 and MASK not in v}
    if not values:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(v)}(?!\w)" if v[0].isalnum() and v[-1].isalnum() else re.escape(v)
                               for v in sorted(values, key=len, reverse=True)))


def _scrubber(values: set[str]):
    rx = _value_regex(values)
    if rx is None:
        return lambda s: s
    return lambda s: rx.sub(lambda m: _mask(m.group(0)), s)


def _walk(obj: Any, scrub) -> Any:
    if isinstance(obj, str):
        return scrub(obj)
    if isinstance(obj, tuple):
        return tuple(_walk(x, scrub) for x in obj)
    if isinstance(obj, list):
        return [_walk(x, scrub) for x in obj]
    if isinstance(obj, dict):
        return {k: _walk(v, scrub) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in dataclasses.fields(obj):
            if f.init:
                old = getattr(obj, f.name)
                new = _walk(old, scrub)
                if new is not old and new != old:
                    changes[f.name] = new
        return dataclasses.replace(obj, **changes) if changes else obj
    return obj


def redact_report(report: Report) -> Report:
    """The same report without identity data: ``text`` masked in place (same length, so every offset
    stays valid), the same values masked in every other string, contact data dropped."""
    text = report.text
    spans = identity_spans(report)
    red = _mask_spans(text, spans)
    c = report.profile.contact
    values = {text[a:b] for a, b in spans} | {v for v in (c.name, c.email, c.phone, c.location, *c.urls) if v}
    scrub = _scrubber(values)
    prof = dataclasses.replace(report.profile, contact=Contact())
    rest = dataclasses.replace(report, text="", profile=prof, source=dataclasses.replace(report.source, name="redacted"))
    rest = _walk(rest, scrub)
    ev = tuple(dataclasses.replace(e, text=red[e.start:e.end],
                                   context=tuple(dataclasses.replace(h, trigger=red[h.start:h.end])
                                                 if 0 <= h.start <= h.end <= len(red) and text[h.start:h.end] == h.trigger
                                                 else h for h in e.context))
               for e in rest.evidence)
    return dataclasses.replace(rest, text=red, evidence=ev)
