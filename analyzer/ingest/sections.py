"""Document -> sections. Heading rules are data (``analyzer/resources/sections.yaml``).

A line is a heading when, after trimming bullets, numbering and a trailing colon, it equals one of the
section's heading literals (an *exact* rule) or, short and looking like a heading, starts with one (the
longest known prefix: "Technical Skills & Tools") or else ends with one (the longest known suffix:
"PROFESSIONAL WORK EXPERIENCE"); both partial matches are *prefix* rules. Each result keeps the rule that
produced it (``heading:<literal>`` or ``prefix:<literal>``).

When the document carries layout (PDF lines with font size and weight; DOCX lines with heading
styles), a heading must also *look* like one: bold, larger than the body text, ALL CAPS, or ending in a
colon. A prefix match must in addition share the style of the document's exact-match headings, so a
course named "Open Source Software Engineering" or an entry "Project 1" in body type is not a heading.
A line holding a tab (a label and its value side by side, as in "Languages<TAB>Korean, English") is never
a heading. Plain text has no layout; there the wording rules alone decide.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from importlib import resources

import yaml

from analyzer.types import Document, Line, Section
from analyzer.util import prefix_alternation, text_memo

_BULLET = re.compile(r"^[\s\-•·*▪►◦‣●○■□–—#>|]*(?:\d+[.)]\s*)?")
_SPACES = re.compile(r"\s+")
_LETTER_SPACED = re.compile(r"(?:[a-z] ){3,}[a-z]")
_NON_LETTER = re.compile(r"[^A-Za-z]")


@functools.lru_cache(maxsize=1)
def _rules_data() -> dict:
    return yaml.safe_load(resources.files("analyzer.resources").joinpath("sections.yaml").read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def job_words() -> frozenset[str]:
    """Words that make a line found only by a heading prefix or suffix a job title (see sections.yaml)."""
    return frozenset(str(w).lower() for w in _rules_data().get("job_words", ()))


@functools.lru_cache(maxsize=1)
def no_suffix() -> frozenset[str]:
    """Heading literals that match only exactly or as a prefix, never as a suffix (see sections.yaml)."""
    return frozenset(str(w).lower() for w in _rules_data().get("no_suffix", ()))


@functools.lru_cache(maxsize=1)
def heading_rules() -> tuple[int, dict[str, str]]:
    """Return (max_words, {heading literal (lowercase): section id})."""
    raw = _rules_data()
    table: dict[str, str] = {}
    for sid, heads in raw["sections"].items():
        for h in heads:
            table[str(h).lower()] = sid
    return int(raw.get("max_words", 6)), table


_ALPHA = re.compile(r"[a-z]+")


@functools.lru_cache(maxsize=1)
def _edge_words() -> tuple[frozenset[str], frozenset[str]]:
    """The first and the last run of letters of every heading literal. A line whose wording is a
    heading (exactly, by a prefix or by a suffix) starts with a literal's first run of letters or ends
    with a literal's last one: normalising only removes leading bullets and numbers, trailing colons and
    extra spaces, none of which are letters, so the line's own first and last runs of letters are the
    normalised heading's (or the line is letter-spaced, "E X P E R I E N C E")."""
    table = heading_rules()[1]
    first = frozenset(_ALPHA.findall(h)[0] for h in table)
    last = frozenset(_ALPHA.findall(h)[-1] for h in table)
    return first, last


_FIRST_RUN = re.compile(r"[^a-z]*([a-z]+)")  # the first run of letters


@functools.lru_cache(maxsize=1)
def _edge_words_rev() -> tuple[frozenset[str], frozenset[str]]:
    """:func:`_edge_words` with the last runs of letters spelt backwards."""
    first, last = _edge_words()
    return first, frozenset(w[::-1] for w in last)


def _may_be_heading(stripped: str) -> bool:
    """A cheap necessary condition for :func:`classify_heading` (see :func:`_edge_words`): the first run
    of letters (``_ALPHA``) of the lower-cased line is a literal's first run or a single letter, or its
    last run is a literal's last run. The last run is found as the first run of the line spelt
    backwards (an anchored match, not a scan of every run)."""
    low = stripped.lower()
    m = _FIRST_RUN.match(low)
    if m is None:
        return False  # every heading literal has letters
    first, last_rev = _edge_words_rev()
    word = m[1]
    return word in first or len(word) == 1 or _FIRST_RUN.match(low[::-1])[1] in last_rev


_SMALL_WORDS = frozenset({"and", "of", "the", "for", "in", "to", "with", "at", "on", "a", "an", "or", "&"})


def _title_case(s: str) -> bool:
    """Title case, small words allowed in lower case ("Employment and Work Experience")."""
    if s.istitle():
        return True
    words = [w for w in s.split() if w.lower() not in _SMALL_WORDS]
    return bool(words) and " ".join(words).istitle()


def normalise_heading(line: str) -> str:
    s = line.strip()
    s = s[_BULLET.match(s).end():]  # the pattern is anchored at the start: what its sub would remove
    s = s.strip().rstrip(":").strip()
    # _SPACES.sub(" ", ...).strip(): str.split() and str.strip() split and strip at exactly the characters
    # \s matches (Unicode white space), and join the words with one space
    s = " ".join(s.replace("&", " & ").split()).lower()
    # letter-spaced headings: "E X P E R I E N C E" (a letter and a space first: a cheap necessary condition)
    if s[1:2] == " " and _LETTER_SPACED.fullmatch(s):
        s = s.replace(" ", "")
    if s not in heading_rules()[1]:
        s = s.replace(" & ", " and ")
    return s


def _caps_heading(stripped: str) -> bool:
    """An ALL-CAPS line ending in one period ("ATTORNEY EXPERIENCE."): a heading's full stop, not a sentence's."""
    return stripped.endswith(".") and not stripped.endswith("..") and _NON_LETTER.sub("", stripped).isupper()


_CLASSIFIED: dict[str, tuple[str, str, bool] | None] = text_memo()  # line -> classify_heading(line), see below
_CLASSIFIED_MAX = 4096
_UNSEEN = object()


def classify_heading(line: str, *, edges_checked: bool = False) -> tuple[str, str, bool] | None:
    """(section id, matched literal, exact) when the line's wording is a section heading, else None.
    Remembered per line while one document is analysed (:func:`analyzer.util.text_memo`; at most
    ``_CLASSIFIED_MAX`` lines, then the memo starts again empty): the profile asks again about the lines that
    the section reader and the flattened view's sections asked about (dotin: 24% of the profile's questions
    are repeats). ``edges_checked``: the caller knows that the stripped line passes :func:`_may_be_heading`
    (:func:`_heading_line_starts` found it), which is then not asked again; the answer is the same."""
    hit = _CLASSIFIED.get(line, _UNSEEN)
    if hit is _UNSEEN:
        if len(_CLASSIFIED) >= _CLASSIFIED_MAX:
            _CLASSIFIED.clear()
        hit = _CLASSIFIED[line] = _classify_heading(line, edges_checked)
    return hit


def _classify_heading(line: str, edges_checked: bool = False) -> tuple[str, str, bool] | None:
    """:func:`classify_heading`, worked out."""
    stripped = line.strip()
    if not stripped or len(stripped) > 60 or "\t" in stripped or not (edges_checked or _may_be_heading(stripped)):
        return None
    if stripped[-1] == "." and _caps_heading(stripped):
        stripped = stripped[:-1].rstrip()
    max_words, table = heading_rules()
    norm = normalise_heading(stripped)
    if not norm:
        return None
    if norm in table:
        return table[norm], norm, True
    words = norm.split()
    if len(words) > max_words or stripped.endswith((".", ",", ";")):
        return None
    # "Technical Skills & Tools", "EXPERIENCE (10 years)": the longest known prefix
    letters = _NON_LETTER.sub("", stripped)
    caps_or_colon = stripped.rstrip().endswith(":") or (letters.isupper() and len(letters) > 2)
    if not (caps_or_colon or (_title_case(stripped) and "," not in stripped)):
        return None  # a title-case line with a comma is a "Title, Organisation" header ("Volunteer Contestant, Yappon")
    jobs = job_words()
    for n in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:n])
        if prefix in table:
            if jobs.intersection(_ALPHA.findall(" ".join(words[n:]))):
                return None  # "Project Manager / Technology Lead": a job title
            return table[prefix], prefix, False
    # "PROFESSIONAL WORK EXPERIENCE", "Law Library Experience": the longest known suffix
    for n in range(1, len(words)):
        suffix = " ".join(words[n:])
        if suffix in table and (suffix not in no_suffix() or words[n - 1] in ("and", "&")):
            if jobs.intersection(_ALPHA.findall(" ".join(words[:n]))):
                return None  # "Senior Research Engineer ... Research"-like titles
            return table[suffix], suffix, False
    return None


def _body_size(document: Document) -> float | None:
    sizes: Counter = Counter()
    for ln in document.lines:
        if ln.font_size:
            sizes[round(ln.font_size)] += ln.end - ln.start
    return float(sizes.most_common(1)[0][0]) if sizes else None


def _styled(ln: Line, text: str, body: float | None) -> bool:
    letters = _NON_LETTER.sub("", text)
    return (ln.bold or (body is not None and ln.font_size is not None and ln.font_size >= body + 0.8)
            or (letters.isupper() and len(letters) > 2) or text.rstrip().endswith(":"))


def detect_sections(document: Document) -> tuple[Section, ...]:
    text = document.text
    has_layout = any(ln.font_size is not None or ln.bold for ln in document.lines)
    body = _body_size(document) if has_layout else None
    cands: list[tuple[Line, str, str, str, bool]] = []  # (line, text, section, literal, exact)
    for ln in document.lines:
        line = text[ln.start : ln.end]
        hit = classify_heading(line)
        if hit is None:
            continue
        sid, literal, exact = hit
        if has_layout and not _styled(ln, line, body):
            continue
        cands.append((ln, line, sid, literal, exact))
    if has_layout:
        # the style of exact-match headings: prefix matches must share it
        styles = Counter((round(c[0].font_size or 0), c[0].bold) for c in cands if c[4])
        if styles:
            (hsize, hbold), _n = styles.most_common(1)[0]
            cands = [c for c in cands if c[4] or (abs((c[0].font_size or 0) - hsize) <= 1 and c[0].bold == hbold)]
    return _sections_from_heads(text, [_head(ln.start, line, (sid, literal, exact))
                                       for ln, line, sid, literal, exact in cands])


def detect_sections_in_text(text: str) -> tuple[Section, ...]:
    """Sections of text without layout, its lines split at line breaks (the wording rules alone):
    what :func:`detect_sections` gives for a document of ``text`` without layout. Only the lines that
    pass the heading pre-filter (:func:`_heading_line_starts`) are classified."""
    heads: list[tuple[int, str, str, str]] = []
    starts = _heading_line_starts(text)
    if starts is None:
        pos = 0
        for line in text.split("\n"):
            hit = classify_heading(line)
            if hit is not None:
                heads.append(_head(pos, line, hit))
            pos += len(line) + 1
        return _sections_from_heads(text, heads)
    for a in starts:
        b = text.find("\n", a)
        line = text[a:] if b < 0 else text[a:b]
        if len(line) > 60 and len(line.strip()) > 60:
            continue  # too long for a heading (as _classify_heading finds): not looked up nor remembered
        hit = classify_heading(line, edges_checked=True)
        if hit is not None:
            heads.append(_head(a, line, hit))
    return _sections_from_heads(text, heads)


@functools.lru_cache(maxsize=1)
def _line_edge_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Over "\n" + lower-cased text: a line whose first run of letters is a heading literal's first run
    or a single letter that starts a letter-spaced line (at least four single letters apart:
    "E X P E R I E N C E"); over "\n" + the lower-cased text spelt backwards: a line whose last run of letters
    (spelt backwards) is a literal's last run. Each match starts at a line break, which the regex engine
    finds at C speed."""
    first, last = _edge_words()
    return (re.compile(r"\n[^a-z\n]*+(?:" + prefix_alternation((w, "") for w in first) + r"|[a-z](?:[^\S\n]+[a-z]){3})"
                       r"(?![a-z])"),
            re.compile(r"\n[^a-z\n]*+(?:" + prefix_alternation((w[::-1], "") for w in last) + r")(?![a-z])"))


def _heading_line_starts(text: str) -> list[int] | None:
    """The sorted start offsets of the lines of ``text`` that pass :func:`_may_be_heading` (stripped), less
    those that pass it only by a first run of one letter that starts no letter-spaced line, found in two
    scans of the whole lower-cased text instead of one call per line (2.4 times faster); None when
    lower-casing changes the text's length (offsets would move). A line's runs of letters are those of its
    stripped form (stripping removes whitespace only), and lower-casing the whole text lower-cases each
    line as on its own (line breaks stay; only a final sigma looks at its neighbours, and no sigma becomes
    a letter a-z).

    A line left out is no heading: normalising a line keeps its runs of letters (it removes leading bullets
    and numbers, trailing colons and extra white space) except where it joins a letter-spaced line into one
    word, so an exact or prefix match needs a literal's first run first and a suffix match a literal's last
    run last; a first run of one letter leads to a heading only through a letter-spaced line (dotin: 15% of
    the flattened views' pre-filtered lines are left out)."""
    low = text.lower()
    if len(low) != len(text):
        return None
    first_re, last_re = _line_edge_patterns()
    starts = {m.start() for m in first_re.finditer("\n" + low)}  # match at i: the line starting at i
    n = len(text)
    for m in last_re.finditer("\n" + low[::-1]):  # match at i: the line ending at n - i
        starts.add(text.rfind("\n", 0, n - m.start()) + 1)
    return sorted(starts)


def _head(line_start: int, line: str, hit: tuple[str, str, bool]) -> tuple[int, str, str, str]:
    """(start, section, heading, rule) of a heading line starting at ``line_start``."""
    sid, literal, exact = hit
    return (line_start + len(line) - len(line.lstrip()), sid, line.strip(),
            f"{'heading' if exact else 'prefix'}:{literal}")


def _sections_from_heads(text: str, heads: list[tuple[int, str, str, str]]) -> tuple[Section, ...]:
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


def section_finder(sections: tuple[Section, ...]):
    """``lambda offset: section_at(sections, offset)`` for many offsets: by bisection when the sections
    follow one another without overlapping (as :func:`detect_sections` gives them), where only the last
    one starting at or before an offset can hold it."""
    if not all(s.start <= s.end for s in sections) or \
            not all(x.end <= y.start for x, y in zip(sections, sections[1:])):
        return lambda offset: section_at(sections, offset)
    starts = [s.start for s in sections]

    def find(offset: int) -> Section | None:
        k = bisect.bisect_right(starts, offset) - 1
        return sections[k] if k >= 0 and offset < sections[k].end else None

    return find
