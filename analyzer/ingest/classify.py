"""Is this document a resume? A cover letter or another kind of document gets a warning, not a profile.

Rules (data below, each verdict names the rule that decided):

- **cover letter** — a salutation line (``Dear …``/``To whom it may concern``) together with a closing
  (``Sincerely``, ``Kind regards``, …) or a letter phrase (``I am writing to``, ``I am excited to apply``),
  and fewer than two resume sections (experience, education, skills, projects, certifications);
- **not a resume** — no resume section at all and fewer than two date ranges (a dated role or degree);
- otherwise a resume.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.types import Document, Section

RESUME_SECTIONS = frozenset({"experience", "education", "skills", "projects", "certifications"})
SALUTATION = re.compile(r"^\s*(dear\b[^\n]{0,60}[,:]?\s*$|to whom it may concern)", re.I | re.M)
CLOSING = re.compile(r"^\s*(sincerely|yours (sincerely|faithfully|truly)|(kind|best|warm) regards|respectfully|"
                     r"with (best|kind) regards|thank you for your (time|consideration))\b", re.I | re.M)
LETTER_PHRASE = re.compile(r"\b(i am writing to|i'm writing to|i am excited to apply|i would like to apply|"
                           r"i am applying for|please find (attached|enclosed)|attached:? (curriculum vitae|cv|resume))\b",
                           re.I)
DATE_RANGE = re.compile(r"(?:\b(?:19|20)\d{2}\b|\b[A-Z][a-z]{2,8}\.? (?:19|20)\d{2}\b)\s*(?:[-–—]|to)\s*"
                        r"(?:\b(?:19|20)\d{2}\b|[A-Z][a-z]{2,8}\.? (?:19|20)\d{2}\b|present|current|now|ongoing)", re.I)
# what every DATE_RANGE match holds: its first year, followed by the separator. Two of these never
# overlap (a year is four digits followed by a word boundary), and a match starts at that year or at most
# _LEAD characters before it (a 3-9 letter month, an optional dot, a space)
_RANGE_YEAR = re.compile(r"(?:19|20)\d{2}\b\s*(?:[-–—]|to)", re.I)
_LEAD = 11


@dataclass(frozen=True)
class Verdict:
    is_resume: bool
    kind: str  # resume | cover_letter | other
    rule: str
    reason: str


def classify_document(document: Document, sections: tuple[Section, ...]) -> Verdict:
    text = document.text
    resume_sections = {s.name for s in sections} & RESUME_SECTIONS
    # each test runs only when the verdict can depend on it; a salutation names "dear" or "to whom"
    # (letters that only their own capitals match case-insensitively), a cheap test that comes first
    if len(resume_sections) < 2 and ("dear" in (low := text.lower()) or "to whom" in low) \
            and SALUTATION.search(text) is not None \
            and (CLOSING.search(text) is not None or LETTER_PHRASE.search(text) is not None):
        return Verdict(False, "cover_letter", "cover_letter:salutation+closing",
                       "this looks like a cover letter, not a resume (a salutation and a closing, "
                       f"{len(resume_sections)} resume section(s)); its score does not describe a resume")
    if not resume_sections and count_date_ranges(text, 2) < 2:
        return Verdict(False, "other", "other:no_sections_no_dates",
                       "this does not look like a resume (no experience, education, skills, projects or "
                       "certifications section and fewer than two date ranges)")
    return Verdict(True, "resume", "resume", "")


def count_date_ranges(text: str, limit: int) -> int:
    """``len(list(itertools.islice(DATE_RANGE.finditer(text), limit)))``, without scanning the whole text
    with DATE_RANGE: the matches are the ones ``finditer`` finds (leftmost first, each search from the end
    of the last match), but DATE_RANGE is tried only where a match can start - up to ``_LEAD`` characters
    before a year that a separator follows (``_RANGE_YEAR``, a pattern the regex engine scans fast)."""
    found, pos, tried = 0, 0, -1  # pos: where finditer would search next; tried: candidates up to it are done
    for hit in _RANGE_YEAR.finditer(text):
        year = hit.start()
        for start in range(max(pos, tried + 1, year - _LEAD), year + 1):
            m = DATE_RANGE.match(text, start)
            if m is not None:
                found += 1
                if found >= limit:
                    return found
                pos = m.end()
                break
        tried = max(tried, year)
    return found
