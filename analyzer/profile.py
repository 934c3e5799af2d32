"""Document + sections + evidence -> Profile (positions, years, leadership, education, certifications).

Rules (stated here and in the README):

- A *position* is anchored by a date range inside an experience-like section (or anywhere when the
  resume has no such section). Its title and organisation are the nearest non-date lines (up to two
  non-blank lines above the date line, else up to two short lines below it). An experience section
  goes on through sub-headings found only by a prefix or suffix ("Project Description:", "Highlights at
  Acme:", "SAP Modules/ Tools:").
  An open range ("from/since 1962", "1962 onwards") inside a sentence (a line of 60+ characters)
  anchors nothing, unless it closes the line's list of fields right after a comma or "(" ("Associate
  Professor of Economics, School of Public Policy, Northfield State University, since 2011", "... in
  Hartford, CT (since 2011)"); nor does a range in parentheses after two lower-case words in such a
  line ("public higher education (1975-2000)"). A range split at a line break ("Jan 2015 -" /
  "Present", "January" / "2015 - Present") is read from the two lines joined.
- Total experience is the union of full-time positions' ranges as of ``as_of`` (overlaps once).
  Internships (an intern/trainee/student word in the entry's header, but not a staff department such
  as "Student Services" or "Student Affairs", or an "Internships" heading over it), trainee, cadet and
  student jobs and date ranges in the education section do not count; nor do
  committee, team, board, society, journal or award dates right after such a name (kind ``service``:
  "Curriculum Committee (2008-2011)", "Society of Automotive Engineers (SAE), 2010-Present"), nor, in a
  flattened page, a date-only line right under a service entry's (the column of a list's dates that a
  two-column page prints after the list's names).
- Leadership years: positions whose title says lead/head/manager/director/principal/chief/VP, or
  whose bullets say the candidate led/managed a team or people.
- AI/ML years: positions whose title or bullets carry AI/ML evidence.
- Architecture years: AI/ML positions whose title or bullets describe architecture/design of
  systems or infrastructure, or whose title is senior or above.
- Current title: the title of the latest dated full-time position (current ones first); when there is
  none, of the latest dated position of any kind; when no position has a title, the headline under the
  name; failing that, the first title-like line of the experience section.
- Flattened text (:func:`layout_view`): text extractors often lose line breaks (a page becomes one
  line whose fields are separated by runs of spaces) and the dash of a date range ("2015  Present").
  The profile reads a same-length view of the text in which two date points separated only by a run
  of 2+ spaces form a range, and, in lines of 200+ characters, each run of 2+ spaces is a line break.
  Offsets are unchanged, so every position still points into the original text. In such a page every
  section is searched for positions except certifications, references, interests, languages and
  publications (and the block before the first heading, when an experience heading was found); in
  education sections only date lines with a job word and no degree or student words nearby count (a
  heading such as "Academic Positions" after education is often not recognised).
  When only the view finds an education section, degrees are read from it in the view (not from the
  whole page, where a "PhD" in the summary would pass for the candidate's degree).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from typing import Iterable

from analyzer.dates import RANGE_RE, YY_END, find_ranges, later_year, merge_years
from analyzer.ingest.sections import classify_heading, detect_sections_in_text, section_at
from analyzer.util import PerObject, prefix_alternation, text_memo
from analyzer.taxonomy import RoleBundle
from analyzer.types import (
    DEGREE_ORDER,
    Certification,
    Contact,
    DateRange,
    Document,
    EducationEntry,
    Evidence,
    Position,
    Profile,
    Section,
)

EXPERIENCE_SECTIONS = {"experience"}
NON_EXPERIENCE_SECTIONS = {"education", "certifications", "publications", "awards", "projects", "languages",
                           "interests", "references", "skills"}

LEAD_TITLE = re.compile(r"\b(lead|leader|head|manager|director|principal|chief|vp|vice president|cto|cio|cdo|"
                        r"founder|co-founder|supervisor|team lead|tech lead|architect)\b", re.I)
LEAD_TITLE_STRICT = re.compile(r"\b(lead|leader|head|manager|director|chief|vp|vice president|cto|cio|cdo|"
                               r"supervisor|team lead|tech lead)\b", re.I)
LEAD_BULLET = re.compile(
    r"\b(led|lead|leading|managed|managing|manage|supervised|supervising|heading|headed|directed|oversaw|oversee|"
    r"built and led|grew)\b[^.\n]{0,40}\b(team|teams|engineers|developers|scientists|people|staff|reports|"
    r"squad|group|department|organisation|organization|members)\b", re.I)
_N = r"(\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen)"
_LEAD_ROLE = r"(?:project|team|tech(?:nical)?|engineering|squad|workstream|scrum)\s+lead(?:er)?"
# leadership stated as a length of time inside a role that is not a leadership role
LEAD_DURATION = re.compile(
    r"(?:^[ \t•·▪●◦*\-–—]*|\bas\s+(?:an?\s+|the\s+)?)" + _LEAD_ROLE + r"\b[^.\n;]{0,30}?\bfor\s+(?:the\s+(?:first|last)\s+)?" + _N + r"\s+(months?|years?)\b"
    r"|\b" + _N + r"\s+(months?|years?)\s+as\s+(?:an?\s+|the\s+)?" + _LEAD_ROLE + r"\b", re.I | re.M)
_LEAD_ROLE_RE = re.compile(r"(?=[ptesw])" + _LEAD_ROLE, re.I)  # every alternative starts with one of "ptesw"
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18}


def lead_period(text: str, start: int, end: int, dates: DateRange | None) -> DateRange | None:
    """The stated lead period of a position whose text is ``text[start:end]``: the last N months of its
    dates (the text says how long, not when; the most recent part is assumed), at most all of them."""
    if dates is None or dates.start is None or dates.end is None:
        return None
    if text.find("ead", start, end) < 0 and text.find("EAD", start, end) < 0:  # no "lead"/"leader": cheap exit
        return None
    if _LEAD_ROLE_RE.search(text, start, end) is None:  # both alternatives name the role: a cheaper scan first
        return None
    m = LEAD_DURATION.search(text, start, end)
    if m is None:
        return None
    n, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    count = float(_NUMBER_WORDS.get(n.lower(), 0) or n)
    months = count * (12 if unit.lower().startswith("year") else 1)
    if months <= 0:
        return None
    lead_start = max(dates.start, dates.end - dt.timedelta(days=round(months * 30.4375) - 1))
    return DateRange(start=lead_start, end=dates.end, current=dates.current, text=text[m.start():m.end()],
                     start_offset=m.start(), end_offset=m.end())


class _Lowered:
    """``pattern.search(s)`` as a yes/no answer, run case-sensitively over ``s`` lower-cased when that
    finds what the case-insensitive pattern finds (:func:`_lower_same`): 3-4 times faster than ``re.I``.
    Only for patterns whose letters are all lower case."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self._lc = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)

    def search(self, s: str) -> bool:
        return self.search_in(s, _lower_same(s))

    def search_in(self, s: str, low: str | None) -> bool:
        """:meth:`search` given ``low = _lower_same(s)`` (computed once for several patterns)."""
        return bool(self.pattern.search(s) if low is None else self._lc.search(low))


# a research or teaching assistantship is a (graduate) job, as the dotin annotators count it; an undergraduate's
# or a student's assistant post is a student job; "Student Services Coordinator", "Dean of Student Affairs" name
# a university's staff department, not a student
INTERN = re.compile(r"\b(interns?|internships?|trainee(?:ship)?s?|apprentice(?:ship)?s?|"
                    r"student(?!\s+(?:services|affairs|life|success|development|engagement|conduct|records|housing|"
                    r"support|recruitment|enrol(?:l)?ment|retention|advising|accounts)\b)|"
                    r"undergraduate (?:research\w*|assistant)|"
                    r"working student|werkstudent|co-op|summer analyst|cadets?|"
                    # a student's training placement: "3 Months Training on Java at ...", "Industrial Training"
                    r"\d+\s*(?:months?|weeks?|days?)\s+(?:\w+\s+)?training|industrial training|summer training|"
                    r"vocational training)\b", re.I)
AI_TERMS = re.compile(r"\b(ai|a\.i\.|ml|machine learning|deep learning|data scien\w*|nlp|computer vision|"
                      r"artificial intelligence|neural|llm|mlops|analytics|predictive)\b", re.I)
ARCH_TERMS = re.compile(r"\b(architect\w*|design(ed|ing)?|infrastructure|platform|scalab\w*|distributed|"
                        r"system design|reference architecture)\b", re.I)
# the same patterns for lower-cased text (see _lower_same), with a first-letter test: every alternative
# of LEAD_BULLET starts with one of "bdghlmos", every alternative of AI_TERMS with one of "acdlmnp"
_LEAD_BULLET_LC = re.compile(r"(?=[bdghlmos])" + LEAD_BULLET.pattern)
_AI_TERMS_LC = re.compile(r"(?=[acdlmnp])" + AI_TERMS.pattern)


# Any of the wordings a position's body is searched for: an AI/ML term (AI_TERMS), a led team (LEAD_BULLET)
# or a named lead role (_LEAD_ROLE; LEAD_DURATION has one only after a bullet, a space or "as ", so at a word
# start), spelt out as literal starts and regex rests (tests check they are the three patterns) and searched
# as one prefix-sharing alternation at each word start, found after a non-word character (which the regex
# engine skips to faster than it tests \b at every position) or at the body's start. Most bodies hold none
# of them (93% of the dotin positions): one scan instead of three, 0.10 -> 0.045 ms/resume.
_LEAD_NOUNS = (r"\b[^.\n]{0,40}\b(team|teams|engineers|developers|scientists|people|staff|reports|squad|group|"
               r"department|organisation|organization|members)\b")
_BODY_WORDINGS = prefix_alternation(
    [(w, r"\b") for w in ("ai", "a.i.", "ml", "machine learning", "deep learning", "nlp", "computer vision",
                          "artificial intelligence", "neural", "llm", "mlops", "analytics", "predictive")]
    + [("data scien", r"\w*\b")]
    + [(w, _LEAD_NOUNS) for w in ("led", "lead", "leading", "managed", "managing", "manage", "supervised",
                                  "supervising", "heading", "headed", "directed", "oversaw", "oversee", "built and led",
                                  "grew")]
    + [(w, r"\s+lead") for w in ("project", "team", "tech", "technical", "engineering", "squad", "workstream", "scrum")])
_BODY_TERMS_LC = re.compile(r"\W(?=[abcdeghlmnopstw])" + _BODY_WORDINGS)
_BODY_TERMS_AT = re.compile(r"(?=[abcdeghlmnopstw])" + _BODY_WORDINGS)


def _body_terms(body_low: str) -> bool:
    """Whether a lower-cased body holds any of the wordings above at a word start."""
    return _BODY_TERMS_AT.match(body_low) is not None or _BODY_TERMS_LC.search(body_low) is not None


SENIOR_TITLE = re.compile(r"\b(senior|sr\.?|staff|principal|lead|head|director|architect|chief|vp|cto)\b", re.I)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{3,4}[\s.-]?\d{0,4}(?!\w)")
URL = re.compile(r"\b(?:https?://|www\.)\S+|\b(?:linkedin\.com|github\.com)/\S+", re.I)

_DEG_TAIL = r"(?=\s*(?:of|in|degree|programme|program|\(|,|-|–|—|:|/|$|\d)|\s+[A-Z])"
DEGREE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("doctorate", re.compile(r"\b(j\.d\.|juris doctor|ph\.?\s?d\.?|doctorate|doctor of philosophy|d\.?phil\.?|doctoral degree|dr\.?\s?rer\.?\s?nat\.?|d\.sc\.?|ed\.d\.?)(?!\w)", re.I)),
    ("master", re.compile(r"\b(master'?s?\s+(?:of|in)\b|master'?s?\s+degree|masters?(?=\s*[,(–—-])|m\.\s?sc\.?|msc|m\.s\.?|ms" + _DEG_TAIL + r"|m\.?\s?tech|m\.\s?eng\.?|meng|m\.e\.?|mba|m\.b\.a\.?|m\.a\.|ma" + _DEG_TAIL + r"|mca|m\.?phil|mres|pgdm|post[- ]?graduate (?:degree|diploma)|pgdba)(?!\w)", re.I)),
    ("bachelor", re.compile(r"\b(bachelor'?s?|b\.\s?sc\.?|bsc|b\.s\.?|bs" + _DEG_TAIL + r"|b\.?\s?tech|b\.\s?eng\.?|beng|b\.e\.?|be" + _DEG_TAIL + r"|b\.a\.?|ba" + _DEG_TAIL + r"|bca|b\.?com|bba|b\.b\.a\.?|b\.?s\.?c\.?s|undergraduate degree|licenciatura|diploma in engineering|b\.?\s?pharm)(?!\w)", re.I)),
    ("associate", re.compile(r"\b(associate'?s? degree|associate of (?:arts|science|applied science)|associate in \w+|a\.a\.s\.?|aas|a\.a\.|a\.s\.|associate degree)(?!\w)", re.I)),
    ("secondary", re.compile(r"\b(high school|secondary school|hsc|ssc|12th|10th|a-levels|ged|higher secondary|intermediate(?= (?:in|from|education|\(|-|–))|diploma)\b", re.I)),
)
# "BE" / "MS" / "BA" / "MA" are also ordinary words: require them in upper case, and not "MS Office"
_UPPER_ONLY = {"bs", "ms", "ba", "ma", "me", "be", "aas", "msc", "bsc", "mba"}
# a dotted short degree ("B.E", "M.S") is one also before its institution or "from": "B.E Anna University",
# "B.E from University of Madras"
_DOTTED_DEGREE_NEXT = re.compile(r"\s+(?:from\b|(?:[A-Z][\w.&'-]*\s+){1,4}(?:University|College|Institute|School|"
                                 r"Academy|Polytechnic)\b)")
_BARE_DEGREE_NEXT = re.compile(
    r"^\.?(?:\s*$|\s*(?:in|of)\b|\s*[,(:–—-]|\s+(?:computer|science|engineering|math\w*|physics|statistics|"
    r"information|electrical|electronics|mechanical|civil|business|data|economics|finance|arts?|education|"
    r"psychology|biology|chemistry|management|marketing|communications?|history|english|music|nursing|"
    r"accounting|software|chemical|industrial|applied|degree|hons|honou?rs|\d{4}))", re.I)
_NOT_DEGREE_AFTER = re.compile(r"^\s*(office|excel|word|sql|access|project|dynamics|visio|powerpoint|outlook|windows|"
                               r"teams|azure|dos|paint|exchange|crm|navision|degree holders?)\b", re.I)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    pos = start
    for chunk in text[start:end].split("\n"):
        out.append((pos, pos + len(chunk), chunk))
        pos += len(chunk) + 1
    return out


_MULTI_SPACE = re.compile(r"\s{2,}")


_TITLE_DEBRIS = re.compile(r"(?:\\x[0-9a-fA-F]{2})+|\[\s*\]|\(\s*\)")


_EDGE_LEAD = "•·-*▪►◦‣●|,"  # _TITLE_EDGES without whitespace, at the start
_EDGE_TRAIL = "•·-*▪►◦‣●|,:–—"  # and at the end


# every whitespace character (str.isspace; none is above U+3000): stripping a run of whitespace and other
# characters, in any mix, is one lstrip/rstrip with both
_WHITESPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())
_LEAD_STRIP = _WHITESPACE + _EDGE_LEAD
_TRAIL_STRIP = _WHITESPACE + _EDGE_TRAIL
_COLON_STRIP = _WHITESPACE + ":;"


# a field's label before a title or an organisation: "Designation: Software Engineer", "(Designation: Software
# Intern)", "Position: Executive Director", "Organization: Violet Advertisers"
_TITLE_LABEL = re.compile(r"\(?\s*(?:designation|position|job\s+title|title|role)\s*:\s*", re.I)
_ORG_LABEL = re.compile(r"\(?\s*(?:organi[sz]ation|company|employer)\s*(?:name\s*)?:\s*", re.I)


def _unlabel(field: str, label: re.Pattern) -> str:
    """``field`` without a leading ``label`` (and the ")" that closes a "(Label: ...)"), or as it is (every
    label ends in a colon: a field without one is returned at once)."""
    if not field or ":" not in field:
        return field
    m = label.match(field)
    if m is None or m.end() == len(field):
        return field
    rest = field[m.end():].strip()
    if field.lstrip().startswith("(") and rest.endswith(")") and "(" not in rest:
        rest = rest[:-1].rstrip()
    return rest or field


def _clean_title(s: str) -> str:
    """``s`` without debris, edge bullets and punctuation, and extra spaces (the substitutions of
    _TITLE_EDGES, then _TITLE_LEAD, then _TITLE_EDGES, done with string methods)."""
    if "\\x" in s or "[" in s or "(" in s:  # the only starts of debris
        s = _TITLE_DEBRIS.sub(" ", s)
    if s and not (s[0].isspace() or s[0] in _EDGE_LEAD or s[0] in ":;" or s[-1].isspace() or s[-1] in _EDGE_TRAIL):
        # clean edges: every strip below would change nothing
        return s if "  " not in s and s.isprintable() else _MULTI_SPACE.sub(" ", s)
    s = s.lstrip(_LEAD_STRIP).rstrip(_TRAIL_STRIP).lstrip(_COLON_STRIP).lstrip(_LEAD_STRIP).rstrip(_TRAIL_STRIP)
    # in a printable string the only whitespace character is " " (every other one is a control character or
    # a separator), so without "  " there is no run of 2+ to squeeze (and no edge space is left to strip)
    return s if "  " not in s and s.isprintable() else _MULTI_SPACE.sub(" ", s).strip()


def _is_content(s: str) -> bool:
    t = s.strip()
    return bool(t) and not t.startswith(("•", "-", "*", "▪", "●", "◦")) and len(t) < 120


def _is_header_line(s: str) -> bool:
    """A line that can be part of an entry's header: content (:func:`_is_content`), or a bulleted line
    that is a name with a right-aligned field, not a sentence ("• Google<TAB>Mountain View, CA": LaTeX
    templates that list each employer as an item)."""
    if _is_content(s):
        return True
    t = s.strip()
    if "\t" not in t or len(t) >= 120:
        return False
    name = t.lstrip("•-*▪●◦ ").split("\t", 1)[0].strip()
    return 0 < len(name) <= FIELD_MAX and not name.endswith((".", ":", ";")) and ". " not in name


def _continues_bullet(lines: list[tuple[int, int, str]], j: int) -> bool:
    """Line ``j`` is the wrapped end of the bullet right above it ("• Partnered with ... for a" /
    "broker-facing risk-scoring API"): it starts with a lower-case letter, right under a bullet line.
    Titles and company names do not start in lower case, so such a line is never an entry's header."""
    t = lines[j][2].strip()
    if not t or not t[0].islower() or j == 0:
        return False
    above = lines[j - 1][2].strip()
    return above.startswith(("•", "-", "*", "▪", "●", "◦")) or (j >= 2 and _continues_bullet(lines, j - 1))


_DATE_START = re.compile(r"(?:present|current(?:ly)?|now|till date|to date|today|date|"
                         r"(?:\d{1,2}(?:st|nd|rd|th)?\s*)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s*(?:19|20)\d\d|"
                         r"\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d|"
                         r"(?:0?[1-9]|1[0-2])[/.-](?:19|20)\d\d|(?:19|20)\d\d)(?![\w/])", re.I)
_CONNECTOR_WORDS = r"to|till|until|through|thru"  # and a dash: what joins a range's two points
_CONNECTOR = re.compile(rf"(?:{_CONNECTOR_WORDS}|[-–—])\s*" + _DATE_START.pattern, re.I)
# a range whose second point a run of 2+ spaces parts from its connector ("04-09-2003 to  19-12-2007"): the
# text before a run (_AFTER_CONNECTOR, searched in the few characters before it) ends with a year and a connector
# (the run's first two spaces after the last letter of a connector or a dash: the engine skips to each "  " at C
# speed, and the letter test leaves few runs for the search before them)
_RUN_AFTER_CONNECTOR = re.compile(r"  (?<=[olhuOLHU\-–—]  ) *")
_AFTER_CONNECTOR = re.compile(rf"(?:19|20)\d\d\s*(?:\b(?:{_CONNECTOR_WORDS})|[-–—])$", re.I)
FLAT_LINE = 200  # a line this long with runs of spaces between its fields is a flattened page


# A run of 2+ spaces right after a year: "(?:19|20)\d\d( {2,})" read from its two spaces (the regex engine
# finds each "  " at C speed, where the year pattern is tried at every "1" and "2"), the year checked behind
# them: the run's first two spaces, as the year is no space; 2.4 times faster.
_YEAR_RUN = re.compile(r"  (?<=(?:19|20)\d\d  ) *")
# the first two spaces of a run of 2+ after a character, to become "\n " (the two spaces first: the engine
# skips to each "  " at C speed; 6x faster than a look-behind first)
_RUN_START = re.compile(r"  (?<=[^ \n]  )")
# the runs of _YEAR_RUN and of _RUN_AFTER_CONNECTOR in one scan (a run after a year follows a digit, one after a
# connector a letter or a dash: each run is found by one of them at most, as it would be on its own)
_DATE_RUN = re.compile(r"  (?:(?<=(?:19|20)\d\d  )|(?<=[olhuOLHU\-–—]  )) *")


def layout_view(text: str) -> str:
    """A same-length view of ``text`` for reading positions (see the module docstring): a run of 2+
    spaces between two date points becomes `` -`` plus spaces (a range whose dash was lost), and in lines
    of ``FLAT_LINE``+ characters every other run of 2+ spaces becomes a line break plus spaces."""
    if "  " not in text:
        return text
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in text order
    dashed = False
    after_connector: list[tuple[int, int]] = []  # the runs of _RUN_AFTER_CONNECTOR, read when lines are split
    for m in _DATE_RUN.finditer(text):
        a, b = m.span()
        if not text[a - 1].isdigit():  # not after a year (_YEAR_RUN): after a connector
            after_connector.append((a, b))
        elif _DATE_START.match(text, b):  # "2006  Present": the run becomes " -" and spaces
            edits.append((a, b, " -" + " " * (b - a - 2)))
            dashed = True
        elif _CONNECTOR.match(text, b):  # "Jan 2009  to May 2009": one range, not two fields; the run stays
            edits.append((a, a + 1, " "))
    parts = []
    split = False
    for line in text.split("\n"):
        if len(line) >= FLAT_LINE and "  " in line:
            line = _RUN_START.sub("\n ", line)
            split = True
        parts.append(line)
    if not (split or dashed):
        return text
    if split:  # (a run that no line break replaced needs no edit to stay)
        for a, b in after_connector:
            if _AFTER_CONNECTOR.search(text, max(0, a - 16), a) and _DATE_START.match(text, b):
                edits.append((a, a + 1, " "))  # "04-09-2003 to  19-12-2007": one range, not two fields; the run stays
        edits.sort()
    view = "\n".join(parts)
    if not edits:
        return view
    # the view with the edits, joined from slices (not a list of all its characters)
    pieces = []
    pos = 0
    for a, b, rep in edits:
        pieces += (view[pos:a], rep)
        pos = b
    pieces.append(view[pos:])
    return "".join(pieces)


def _view(document: Document, sections: tuple[Section, ...]) -> tuple[Document, tuple[Section, ...]]:
    """The document as :func:`layout_view` reads it, with sections detected again when lines were split.
    (The view is read for its text only: it carries no lines.)"""
    view = layout_view(document.text)
    if view == document.text:
        return document, sections
    vdoc = Document(text=view, source=document.source, lines=(), warnings=document.warnings)
    if view.count("\n") == document.text.count("\n"):
        return vdoc, sections
    return vdoc, detect_sections_in_text(view)


CONTINUES_EXPERIENCE = {"projects", "summary", "additional", "skills"}
# "Title | Company", "Title    Company": r"\s*\|\s*|\s{2,}" with the first character of every match (a bar or a
# whitespace character) taken out in front, so that the regex engine skips to the next one at C speed
_FIELD_SEP = re.compile(r"[\s|](?:(?<=\|)\s*|(?<!\|)(?:\s*\|\s*|\s+))")
_EMPTY_PARENS = re.compile(r"\(\s*\)")
_INSTITUTION_ONLY = re.compile(r"\b(student|graduated|coursework|gpa|cgpa|thesis|dissertation|major|minor|secondary|high school|"
                               r"subjects|semesters?|dean'?s list|matriculation|gcse|vce)\b", re.I)
_BIRTH = re.compile(r"\b(?:born|birth\w*|d\.?o\.?b\b\.?)[\s:,.-]*(?:on\s+|in\s+)?(?:\d{1,2}(?:st|nd|rd|th)?[\s./-]*)?$", re.I)
_LETTER = re.compile(r"[^\W\d_]")  # a letter: a line that holds none besides its dates is a date column's
_OPEN_START = re.compile(r"\s*(?:from|since)\b|.*\bonwards?$", re.I)  # an open range: "since 2011", "2011 onwards"
# an open range that closes a header's list of fields, not a sentence: right after a comma or "(" and at the end
# of the line or of a field ("Associate Professor of Economics, School of Public Policy, Northfield State
# University, since 2011", "Deputy Director, Northfield State University, since 2011.", "Senior Systems Consultant
# for Harbor Mutual - Pensions Technology Group in Hartford, CT (since 2011)")
_OPEN_BEFORE = re.compile(r"(?:,|\()\s*$")
_OPEN_AFTER = re.compile(r"[.)]?(?:\s*$|\s{2,})")
_PROSE_PARENS = re.compile(r"\b[a-z]{2,} [a-z]{2,} \($")  # two lower-case words and "(" right before a range
# a range split at a line break: the line ends with a year (and maybe the connector) or a month, the next line
# starts with the connector or a point ("Jan 2015 -" / "Present", "March 2012" / "to June 2014", "January" /
# "2015 - Present")
_SPLIT_HEAD = re.compile(rf"(?:(?:19|20)\d\d\s*(?:(?:{_CONNECTOR_WORDS})\b|[-–—])?|"
                         rf"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?)\s*$", re.I)
_SPLIT_NEXT = re.compile(rf"\s*(?:(?:(?:{_CONNECTOR_WORDS})\b|[-–—])\s*)?" + _DATE_START.pattern, re.I)
# how far after a date range in a flattened page's projects section a job word is looked for
PROJECT_TAIL = 200
# sections whose dates are never jobs, even when headings were guessed from a flattened page
NEVER_POSITIONS = {"education", "certifications", "references", "interests", "languages", "publications"}


def find_positions(document: Document, sections: tuple[Section, ...], as_of: dt.date, *,
                   flattened: bool = False) -> tuple[Position, ...]:
    """Dated positions. In a flattened page (headings guessed from runs of spaces) every section but
    education, certifications, references, interests, languages and publications is searched, and
    the block before the first heading too unless the page has an experience heading; a section under a
    projects heading (an exact one: "Projects", "Academic Projects") only where it continues an experience
    section (per-job "Technologies / Projects" sub-headings), as on a page that keeps its line breaks:
    a projects section of its own holds a student's or a side project's dates, not a job's."""
    text = document.text
    exp = [s for s in sections if s.name in EXPERIENCE_SECTIONS]
    edu_regions: set[tuple[int, int]] = set()
    project_regions: set[tuple[int, int]] = set()
    if flattened:
        # headings guessed from a flattened page often miss the one after education ("Academic
        # Positions"): education sections are searched too, for date lines that name a job, not a degree
        edu_regions = {(s.start, s.end) for s in sections if s.name == "education"}
        # the block before the first heading (name, contact, headline) holds no jobs when the page has
        # an experience heading
        never = NEVER_POSITIONS | ({"header"} if exp else set())
        regions = []
        inside = False  # after an experience heading, through sections that may continue it
        for s in sections:
            inside = s.name in EXPERIENCE_SECTIONS or (inside and s.name in CONTINUES_EXPERIENCE)
            if s.name in never and (s.start, s.end) not in edu_regions:
                continue
            if s.name == "projects" and s.rule.startswith("heading:"):
                if not inside:
                    continue
                project_regions.add((s.start, s.end))
            regions.append((s.start, s.end))
        regions = regions or [(0, len(text))]
    elif exp:
        # an experience section goes on through the sub-headings it contains ("Project Description:",
        # "Highlights at Acme:"): sections found only by a heading prefix, up to the next exact heading
        regions = []
        inside = False
        for s in sections:
            if s.name in EXPERIENCE_SECTIONS:
                inside = True
            elif not (inside and s.rule.startswith("prefix:") and s.name in CONTINUES_EXPERIENCE):
                inside = False
            if inside:
                regions.append((s.start, s.end))
    else:
        regions = [(s.start, s.end) for s in sections if s.name not in NON_EXPERIENCE_SECTIONS] or [(0, len(text))]
    positions: list[Position] = []
    # the sections' headings by span: an "Internships" heading is read only over a region with a position
    headings: dict[tuple[int, int], list[str]] = {}
    for s in sections:
        if s.heading:
            headings.setdefault((s.start, s.end), []).append(s.heading)
    for lo, hi in regions:
        in_internships = None  # under an "Internships" heading (read when first needed)
        lines = _lines(text, lo, hi)
        anchors: list[tuple[int, DateRange]] = []
        joined_to = -1  # the end of a range read across a line break: the next line's own ranges start after it
        for i, (a, b, line) in enumerate(lines):
            if "19" not in line and "20" not in line and "/" not in line and "'" not in line and "’" not in line \
                    and (len(line) > 24 or not line[-1:].isalpha()):
                continue  # a date range names a year 19xx or 20xx, or has a slash or apostrophe (dates._RANGE_HINT);
                # or starts on a short line that ends in a month ("January" / "2015 - Present")
            ranges = find_ranges(line, as_of, base=a)
            if i + 1 < len(lines) and _SPLIT_HEAD.search(line[-12:]) and _SPLIT_NEXT.match(lines[i + 1][2]):
                # "Jan 2015 -" then "Present" on the next line: a range split at a line break, read from the
                # two lines joined by a space (the same offsets), when it spans the break
                ranges = itertools.chain(ranges, (r for r in find_ranges(line + " " + lines[i + 1][2], as_of, base=a)
                                        if r.start_offset < b < r.end_offset))
            for r in ranges:
                if r.start_offset < joined_to:
                    continue  # "2015 - Present" after "January": read with it
                if _OPEN_START.match(r.text) and len(line.strip()) > 60 and not (
                        _OPEN_BEFORE.search(line, 0, r.start_offset - a) and _OPEN_AFTER.match(line, r.end_offset - a)):
                    continue  # "a port operating from 1962" in a sentence: not the dates of a job
                if len(line) > 60 and _PROSE_PARENS.search(text, max(a, r.start_offset - 24), r.start_offset):
                    continue  # "... in public higher education (1975-2000), a pivotal era": an era in a sentence
                w0 = max(lo, r.start_offset - 40)  # "born", "birth", "dob" hold a "b": no search without one
                if (text.find("b", w0, r.start_offset) >= 0 or text.find("B", w0, r.start_offset) >= 0) \
                        and _BIRTH.search(text, w0, r.start_offset):
                    continue  # "Date of birth: 15 April 1990    2013": a birth date is never a job's start
                if (lo, hi) in edu_regions:
                    near = " ".join(x[2] for x in lines[max(0, i - 1):i + 2])
                    own = " ".join(x[2] for x in lines[i:i + 2])  # the date line and the next one
                    if not _TITLE_WORDS.search(own) or next(degree_matches(near), None) or _INSTITUTION_ONLY.search(own):
                        continue
                anchors.append((i, r))
                if r.end_offset > b:
                    joined_to = r.end_offset
                break
        last_kind = None  # the kind of the position of the anchor before (None: none, or a project's skipped)
        for k, (i, r) in enumerate(anchors):
            nxt = anchors[k + 1][0] if k + 1 < len(anchors) else len(lines)
            # candidate header lines: the date line itself (minus the date) and up to 2 lines before it
            # that come after the previous entry's date line
            prev = anchors[k - 1][0] if k else -1
            header: list[tuple[int, int, str]] = []
            a, b, line = lines[i]
            d = i  # the date line, or the second of two when the range was read across a line break
            if r.end_offset > b:
                d = i + 1
                rest = (line[: r.start_offset - a] + " " + lines[d][2][r.end_offset - lines[d][0]:]).strip()
            else:
                rest = (line[: r.start_offset - a] + " " + line[r.end_offset - a :]).strip()
            # "Title | Company | City | dates", "Title    Company    dates": keep the fields apart
            rest = _clean_title(_FIELD_SEP.sub(" | ", _EMPTY_PARENS.sub(" ", rest)))
            # up to 2 non-blank lines right above the date line ("Title\n\nCompany\n\nDate"), after the
            # previous entry's date line
            j = i - 1
            while j > prev and len(header) < 2 and (i - j) <= 4:
                if lines[j][2].strip():
                    if not (_is_header_line(lines[j][2]) and find_heading_free(lines[j][2])) or _continues_bullet(lines, j):
                        break
                    header.insert(0, lines[j])
                j -= 1
            cands = [c for c in (_clean_title(h[2]) for h in header) if c]
            if rest and len(rest) > 2:
                cands.append(rest)
            if rest and not header and _TITLE_WORDS.search(rest) and d + 1 < nxt:
                # "Title <tab> dates" with the organisation on the next line ("Fabrikam Insurance, Boston, MA")
                ln = lines[d + 1][2]
                if _is_content(ln) and len(ln.strip()) <= 80 and find_heading_free(ln) and not _TITLE_WORDS.search(ln) \
                        and ln.strip()[:1].isupper():
                    cands.append(_clean_title(ln))
            if not any(_TITLE_WORDS.search(c) for c in cands):
                # "2007 - Present / Company / Title": up to 2 short lines after the date line
                after = [ln for ln in lines[d + 1:min(d + 4, nxt)] if ln[2].strip()][:2]
                for ln in after:
                    if not (_is_content(ln[2]) and len(ln[2].strip()) <= 80):
                        break
                    if c := _clean_title(ln[2]):
                        cands.append(c)
            pieces, tails = _pieces(cands)
            pieces, named_place = _place_in(pieces)
            title, org, untitled = _title_and_org(cands, pieces)
            if untitled and (lo, hi) in project_regions and not _TITLE_WORDS.search(
                    text[r.end_offset:r.end_offset + PROJECT_TAIL]):
                # a project's dates: no job word in its header nor in the text right after the dates ("An SVM
                # Approach for Diversified Recommendations  Fall 2007  Developed novel SVM approach ..."); a
                # table's "10/2012  05/2013  Industry  Position  Technologies  SoGe Mobile, LLC  IT - Software
                # Systems & Telecom  Junior Android Developer" is a job (its "Technologies" column reads as a
                # heading, so the text is read past the section's end)
                last_kind = None
                continue
            title, org = _unlabel(title, _TITLE_LABEL), _unlabel(org, _ORG_LABEL)
            org, place = _org_and_place(org, tails)
            if org is not None and not _org_ok(org):
                org = None
            place = place or named_place
            start = header[0][0] if header else a
            last = nxt - 1 if nxt - 1 >= i else i  # the index of the position's last line
            end = lines[last][1]
            if k + 1 < len(anchors):
                # the next entry's header lines belong to it, not to us
                j = anchors[k + 1][0]
                back = j
                while back - 1 > i and _is_header_line(lines[back - 1][2]) and j - (back - 1) <= 2 \
                        and not _continues_bullet(lines, back - 1):
                    back -= 1
                last = back - 1 if back - 1 >= i else i
                end = lines[last][1]
            body = text[start:end]
            fields = _head_fields(pieces + tails)
            full_head = " ".join(fields)
            if _service_dates(line, r.start_offset - a) or _service_head(fields, title) or (
                    flattened and k and not header and prev == i - 1 and last_kind == "service"
                    and not _LETTER.search(rest)):
                # (a date-only line right under a service entry's: a column of the dates of a list of awards or
                # memberships, which a two-column page printed after the list's names)
                kind = "service"
            else:
                if in_internships is None:
                    in_internships = any(_INTERN.search(h) for h in headings.get((lo, hi), ()))
                if (in_internships or _INTERN.search(full_head)) and not _rose_from_trainee(full_head):
                    kind = "internship"
                else:
                    kind = "full_time"
            if untitled:  # (after the honour check above: "... Thesis Prize" is an honour)
                if not _untitled_ok(title):
                    title = None
                elif kind != "service" and _ORG_WORDS.search(title):  # "Motorola India Pvt Ltd": no title
                    org, title = org or title, None
            body_low = _lower_same(body)
            if body_low is not None:  # the same verdicts, case-sensitive over the lower-cased body (faster)
                if not _body_terms(body_low):  # no leadership or AI/ML wording, no lead period
                    leadership, ai_ml, lead = _LEAD_TITLE_STRICT.search(title or ""), False, None
                else:
                    leadership = _LEAD_TITLE_STRICT.search(title or "") or bool(_LEAD_BULLET_LC.search(body_low))
                    ai_ml = bool(_AI_TERMS_LC.search(body_low))
                    lead = None if leadership else lead_period(text, start, end, r)
            else:
                leadership = bool(LEAD_TITLE_STRICT.search(title or "")) or bool(LEAD_BULLET.search(body))
                ai_ml = bool(AI_TERMS.search(body))
                lead = None if leadership else lead_period(text, start, end, r)
            # the bullets from the date line on (header lines above it are no bullets, even "• Google<TAB>City")
            bullets = tuple((la, lb) for la, lb, l in lines[i:last + 1] if l.lstrip().startswith(("•", "-", "*", "▪", "●", "◦")))
            last_kind = kind
            positions.append(Position(title=title, organisation=org, location=place, dates=r, start=start, end=max(end, start),
                                      kind=kind, leadership=leadership, ai_ml=ai_ml, bullets=bullets, lead_dates=lead))
    return tuple(positions)


_INTERN = _Lowered(INTERN)
_LEAD_TITLE_STRICT = _Lowered(LEAD_TITLE_STRICT)
FIELD_MAX = 60  # a header field longer than this reads as a sentence (a bullet), not a title or a name


def _head_fields(pieces: list[str]) -> list[str]:
    """The fields of an entry's header lines (:func:`_pieces`) that can be a title or an organisation:
    those of at most ``FIELD_MAX`` characters and without a list of lower-case words (:data:`_LIST_IN_FIELD`).
    A longer field, or one with such a list, is a sentence that a flattened page left above the dates
    ("Analyzed and critiqued student resumes and cover letters, interpret ...", "Intern hosting, recruiting,
    and new engineer onboarding"): "student" or "intern" in it does not make the entry an internship."""
    return [p for p in pieces if len(p) <= FIELD_MAX and ("," not in p or not _LIST_IN_FIELD.search(p))]


# a list of lower-case words inside a field (two commas, each before a lower-case word): a bullet's ("Intern
# hosting, recruiting, and new engineer onboarding"), not a title or a name ("Research Intern, data and ML team")
_LIST_IN_FIELD = re.compile(r",\s+[a-z][\w-]*,\s+(?:(?:and|or)\s+)?[a-z]")


_PROMOTED_TO = re.compile(r"\b(?:promoted\s+to|rose\s+to|to)\s+(?!(?:the|a|an|my|our|his|her|their)\b)(.{0,60})", re.I)


def _rose_from_trainee(head: str) -> bool:
    """A career within one entry that starts as a trainee or intern and ends in a job ("Trainee Engineer
    to Divisional Manager", "joined as apprentice, promoted to Site Supervisor"): a job, not an internship."""
    m = INTERN.search(head)
    if m is None:
        return False
    for p in _PROMOTED_TO.finditer(head, m.end()):
        rest = p.group(1)
        if _TITLE_WORDS.search(rest) and not INTERN.search(rest):
            return True
    return False


_SERVICE = _Lowered(re.compile(
    r"\b(committee|council|team|board|society|association|club|chapter|task ?force|panel|alliance|journal|"
    r"member|membership|fraternity|sorority|foundation|award|scholarship|fellowship|grant)s?\b", re.I))
_MEMBER_JOB = re.compile(r"\b(?:team|staff|crew|cast)\s+member\b|\bmember\s+of\s+(?:the\s+)?technical\s+staff\b", re.I)
_FIELD_END = re.compile(r"(?:\s{2,}|\t|\|)")


def _service_dates(line: str, at: int) -> bool:
    """The date range at ``line[at:]`` comes right after "(", ",", ":" or a dash that ends a field naming
    a committee, team, board, society, journal, award or grant and no job ("Curriculum Committee
    (2008-2011)", "Member of the Law Students Society (2012-current)", "American Society of Mechanical
    Engineers (ASME), 2009-Present"): service or a membership beside a job, not a job. "Team Member" and
    "Member of Technical Staff" are job titles."""
    before = line[:at].rstrip()
    if not before.endswith(("(", ",", ":", "-", "–")):
        return False
    return _names_service(_FIELD_END.split(before[:-1])[-1][-80:], _SERVICE)


_SERVICE_HEAD = _Lowered(re.compile(
    r"\b(committee|council|board|society|association|club|chapter|fraternity|sorority|award|scholarship|grant|"
    r"honou?r roll|dean'?s list)s?\b", re.I))


_HONOUR_NAME = re.compile(r"\b(?:award|prize|scholarship)s?\W*$", re.I)


def _service_head(fields: list[str], title: str | None) -> bool:
    """An entry whose header fields name a committee, board, society, club, award, scholarship or grant
    and no job ("Optimist Club Scholarship  2008-2013", "Curriculum Committee  1995-2011"): service, a
    membership or an honour, not a job. Fields that start in lower case are the ends of bullets ("grant to
    fund the project"), not names. A title that ends in "Award", "Prize" or "Scholarship" names an honour
    even with a job word in it ("Young Leader of the Academy Award")."""
    names = [f for f in (f.strip() for f in fields) if f and not f[0].islower()]
    return bool(title and _HONOUR_NAME.search(title)) or _names_service(" ".join(names), _SERVICE_HEAD)


def _names_service(text: str, words: "_Lowered") -> bool:
    """``text`` names a service body (``words``) and no job: "Member" is no job word here, but "Team
    Member" and "Member of Technical Staff" are job titles."""
    if not words.search(text) or _MEMBER_JOB.search(text):
        return False
    return not _TITLE_WORDS.search(re.sub(r"(?i)\bmembers?\b", "", text))


def find_heading_free(line: str) -> bool:
    return classify_heading(line) is None


class _Words(_Lowered):
    r"""``\b(word|...|prefix\w*)\b`` (case-insensitive) for lower-case words: over lower-cased text
    (:func:`_lower_same`) a search is a set lookup of the text's runs of word characters, 2 times faster
    than scanning the alternation. Each alternative is made of word characters and sits between two
    ``\b``, so a match spans a whole run of word characters (``\w+``): one that is a word, or that
    starts with a prefix."""

    MEMO_SIZE = 4096

    def __init__(self, words: str, prefixes: tuple[str, ...] = ()):
        self.words = frozenset(words.split())
        self.prefixes = prefixes
        alternatives = "|".join([*words.split(), *(p + r"\w*" for p in prefixes)])
        super().__init__(re.compile(rf"\b({alternatives})\b", re.I))
        self._memo: dict[str, bool] = text_memo()

    def search(self, s: str) -> bool:
        """:meth:`_Lowered.search`, remembered per string while one document is analysed
        (:func:`analyzer.util.text_memo`): a resume's header fields and title candidates are looked up
        several times over (dotin: 24 title-word searches per resume, 43% of them repeats). At most
        ``MEMO_SIZE`` strings are kept; then the memo starts again empty."""
        hit = self._memo.get(s)
        if hit is None:
            if len(self._memo) >= self.MEMO_SIZE:
                self._memo.clear()
            hit = self._memo[s] = self.search_in(s, _lower_same(s))
        return hit

    def search_in(self, s: str, low: str | None) -> bool:
        if low is None:
            return bool(self.pattern.search(s))
        runs = _WORD_RUN.findall(low)
        if not self.words.isdisjoint(runs):
            return True
        return any(p in low for p in self.prefixes) and any(r.startswith(self.prefixes) for r in runs)


_WORD_RUN = re.compile(r"\w+")
_TITLE_WORDS = _Words(
    "engineer developer scientist analyst manager director lead head consultant architect intern researcher "
    "officer specialist administrator designer chef accountant cook associate assistant president founder cto "
    "ceo vp programmer technician professor lecturer executive coordinator supervisor owner partner trainee "
    "teacher nurse attorney lawyer solicitor paralegal counsel adviser advisor representative worker producer "
    "writer copywriter editor clerk agent operator instructor tutor counselor counsellor principal dean provost "
    "estimator fellow secretary receptionist cashier mechanic electrician pharmacist therapist physician auditor "
    "controller planner buyer strategist technologist tester trainer coach chair chairman chairperson contractor "
    "freelance freelancer professional sitter leadman foreman advertiser volunteer member student sdet smts cfo "
    "coo cio cmo leader contributor", prefixes=("postdoc",))


# where "Title at Org", "Title | Org", "Title, Org", "Title - Org" are cut: r"\s+(?:at|@)\s+|\s[|–—]\s|,\s(?=[A-Z])|\s-\s"
# with the first character of every alternative (a comma or a whitespace character) taken out in front, so
# that the regex engine skips to the next one at C speed instead of trying the alternatives at every
# position (2 times faster)
_TITLE_ORG_SPLIT = re.compile(r"[\s,](?:(?<=,)\s(?=[A-Z])|(?<!,)(?:\s*(?:at|@)\s+|[|–—]\s|-\s))")


# a field set apart by a tab (a right-aligned column in a PDF, a tab stop in DOCX) or a middle dot
_TAB_FIELD = re.compile(r"\t+| [•·] ")


def _pieces(cands: list[str]) -> tuple[list[str], list[str]]:
    """Header lines cut into fields: (pieces, tails). A line's text before its first tab or middle dot is
    cut where "Title at Org", "Title | Org", "Title, Org", "Title - Org" are cut (the pieces); the fields
    after it are kept whole (the tails: "Co-Founder & CTO<TAB>San Francisco, CA", "Stripe • Seoul")."""
    pieces: list[str] = []
    tails: list[str] = []
    for c in cands:
        if "\t" not in c and "•" not in c and "·" not in c:  # no _TAB_FIELD (a tab or a middle dot) to split at
            pieces += _TITLE_ORG_SPLIT.split(c)
            continue
        first, *rest = _TAB_FIELD.split(c)
        pieces += _TITLE_ORG_SPLIT.split(first)
        tails += [t for t in (r.strip() for r in rest) if t]
    return pieces, tails


_US_STATES = frozenset("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
                       "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split())
_CITY = re.compile(r"[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3}")


def _place_in(pieces: list[str]) -> tuple[list[str], str | None]:
    """A "City, ST" pair (a US state code) or "Remote" among a header's comma-cut fields: (the fields
    without it, the place). "Fabrikam Insurance, Boston, MA" -> ["Fabrikam Insurance"], "Boston, MA"."""
    clean = [p.strip() for p in pieces]
    for k in range(len(clean) - 1, 0, -1):
        if clean[k] in _US_STATES and _CITY.fullmatch(clean[k - 1]) and not _TITLE_WORDS.search(clean[k - 1]):
            return pieces[:k - 1] + pieces[k + 1:], f"{clean[k - 1]}, {clean[k]}"
    for k, p in enumerate(clean):
        if k and p.lower() == "remote":
            return pieces[:k] + pieces[k + 1:], p
    return pieces, None


def _org_and_place(org: str | None, tails: list[str]) -> tuple[str | None, str | None]:
    """The organisation and location of a position from its header's tail fields (:func:`_pieces`): the
    first tail is the organisation when none was found before it; the last other tail is the location
    when it is short, has no digit (not a date left over) and names no kind of contract ("Full-time")."""
    tails = list(tails)
    if org is None and tails:
        org = tails.pop(0)[:120]
    place = next((t for t in reversed(tails) if len(t) <= 40 and not any(ch.isdigit() for ch in t)
                  and not _NOT_PLACE.search(t)), None)
    return org, place


# right-aligned fields that are not places: the kind of contract, a date word
_NOT_PLACE = re.compile(r"\b(?:full[- ]?time|part[- ]?time|contract(?:or)?|permanent|temporary|freelance|"
                        r"internship|seasonal|present|current|now|till date|to date)\b", re.I)


def _split_title_org(cands: list[str], pieces: list[str] | None = None) -> tuple[str | None, str | None]:
    """(title, organisation) of an entry's header lines (``pieces``: their :func:`_pieces`, if known). The
    title is None when no field has a title word and the first field is no name (:func:`_untitled_ok`)."""
    title, org, untitled = _title_and_org(cands, pieces)
    return (None if untitled and not _untitled_ok(title) else title), org


def _title_and_org(cands: list[str], pieces: list[str] | None = None) -> tuple[str | None, str | None, bool]:
    """(title field, organisation, whether the title field has no title word) of an entry's header lines."""
    parts = [q for q in map(_clean_title, _pieces(cands)[0] if pieces is None else pieces) if q]
    if not parts:
        return None, None, False
    # the first part with a title word that does not name an organisation, else the first with a title
    # word, else the first part (the parts after the chosen one need no look)
    title = first_titled = None
    for p in parts:
        if _TITLE_WORDS.search(p):
            if not _ORG_WORDS.search(p):
                title = p
                break
            if first_titled is None:
                first_titled = p
    untitled = title is None and first_titled is None
    if title is None:
        title = parts[0] if first_titled is None else first_titled
    other = next((p for p in parts if p != title), None)
    return title[:120], (other[:120] if other is not None else None), untitled


# the start of a bullet or a sentence: "Developed public web applications", "Completed", "I work here"
_SENTENCE_START = re.compile(r"[A-Z][a-z]+ed(?:\s+[a-z\d(]|\s*$)|(?:I|I'm|Im|My|We|Our|He|She|They|It|This|"
                             r"Have|Has|Had|Am|Is|Was|Were)\b")
# a field that is a label, or starts with one, of what is no title: "Duration: 2007", "Location: Pune",
# "Environment: UNIX", "Date Admitted in Georgia: 7/6/95", a template's "Company name"
_FIELD_LABEL = re.compile(r"(?:duration|location|environment|period|place|client|tools|technologies|platform|"
                          r"(?:computer |technical )?skills|date\b[^:]{0,30}|(?:company |job |project )?name)"
                          r"(?:\s*:|\s*$)", re.I)
_PAGE_MARK = re.compile(r"\bpage\s+\d", re.I)


def _org_ok(o: str) -> bool:
    """An organisation field reads as a name: it has a word (not only "1990" or "/2"), is no label or
    template placeholder ("Job name", "Environment: UNIX"), no page mark, and not a bullet's sentence
    ("Produced significant improvements in the query execution time", "and Burroughs 1810 Device Handler.")
    that a two-column page left beside the dates."""
    words = o.split()
    if sum(ch.isalpha() for ch in o) < 2 or _FIELD_LABEL.match(o) or _PAGE_MARK.search(o):
        return False
    if len(words) < 4:
        return True
    return not (o[:1].islower() or _SENTENCE_START.match(o)) and _capitalised(words, 1, 2)


def _capitalised(words: list[str], num: int, den: int) -> bool:
    """At least ``num``/``den`` of the words of four letters or more start with a capital letter (a name in
    title case, not a sentence)."""
    long = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    return den * sum(w[0].isupper() for w in long) >= num * len(long)


_UNTITLED_MAX = 80
_LONG_NAME = 5  # a field of more words than this is a name only when it is in title case


def _untitled_ok(t: str) -> bool:
    """A header field without a title word can still be a title ("Nanny", "Sales & Marketing", "Barista"),
    or the name of the committee, award or project that a service entry is: one that reads as a name.
    Not a bullet's sentence or its end that a flattened or two-column page left above the dates
    ("Parallelized the flight-search engine for using multi-core architectures", "while conserving
    payroll expenditure."), a page mark ("Page 5 of 6"), a year ("1991") or a label ("Duration: 2007"):
    those leave the position without a title, rather than show one it does not have. A name starts with
    a capital letter and not as a sentence does (:data:`_SENTENCE_START`), is no label (:data:`_FIELD_LABEL`),
    has no digit in front, sentence end, e-mail or web address and is no "Resume", "Page 2" or "... Experience"
    (:data:`_NOT_TITLE`), has at most ``_UNTITLED_MAX`` characters, and when it has more than
    ``_LONG_NAME`` words, capitals on at least three in four of its words of four letters or more
    ("Family Justice Organization National Advisory Board")."""
    if len(t) > _UNTITLED_MAX or not t[:1].isupper() or _SENTENCE_START.match(t) or _NOT_TITLE.search(t) \
            or _FIELD_LABEL.match(t):
        return False
    words = t.split()
    return len(words) <= _LONG_NAME or _capitalised(words, 3, 4)


def degree_match(line: str) -> tuple[str, str, int, int] | None:
    """(level, degree text, start, end) of the highest degree mention in ``line``."""
    for lvl, d_text, a, b in degree_matches(line):
        return lvl, d_text, a, b
    return None


# any degree pattern at all (one search instead of five on the many lines without a degree)
_ANY_DEGREE = re.compile("|".join(f"(?:{p.pattern})" for _, p in DEGREE_PATTERNS), re.I)


def _matches_at(pat: re.Pattern, line: str, starts: list[int]):
    """``pat.finditer(line)`` when every match of ``pat`` in ``line`` starts at one of the sorted offsets
    ``starts``: the leftmost match is the one at the first start where ``pat`` matches."""
    end = 0
    for c in starts:
        if c < end:
            continue
        m = pat.match(line, c)
        if m is not None:
            yield m
            end = max(m.end(), c + 1)


def degree_matches(line: str, starts: list[int] | None = None):
    """Every degree mention in ``line``, highest level first. ``starts``, when given, are the sorted
    offsets in ``line`` where a degree mention may start (:func:`_degree_starts`)."""
    if starts is None and _ANY_DEGREE.search(line) is None:
        return
    for lvl, pat in DEGREE_PATTERNS:
        for m in (pat.finditer(line) if starts is None else _matches_at(pat, line, starts)):
            tok = m.group(0).strip()
            bare = tok.lower().replace(".", "")
            if bare in {"bs", "ms", "ba", "ma", "me", "be", "aas"}:
                if not tok.replace(".", "").isupper():
                    continue
                # "Boston, MA 02110", "MS-Word", "MS SharePoint": a state or a product, not a degree
                if re.search(r",\s*$", line[max(0, m.start() - 3):m.start()]) or re.match(r"[-/]\w", line[m.end():m.end() + 2]):
                    continue
                nxt = line[m.end():m.end() + 40]
                if not _BARE_DEGREE_NEXT.match(nxt) and not ("." in tok and _DOTTED_DEGREE_NEXT.match(nxt)):
                    continue
            if _NOT_DEGREE_AFTER.match(line[m.end():m.end() + 20]):
                continue
            yield lvl, tok, m.start(), m.start() + len(tok)


def _alternatives(pattern: str) -> tuple[list[str], str]:
    """The top-level alternatives of a regex up to the ")" that closes an enclosing group (split at each "|"
    outside groups and character classes), and the rest of the regex after that ")" (all of it when none)."""
    out, cur, depth, in_class, i = [], [], 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out, pattern[i + 1:]


def _degree_dispatch() -> str:
    """The alternatives of DEGREE_PATTERNS (each r"\b(alt|...)" and a tail) without their end-of-segment
    tails, each with its pattern's tail, as one alternation grouped by first character: the regex engine
    tests a position's character once instead of trying the 60 alternatives in turn."""
    by_first: dict[str, list[str]] = {}
    for _lvl, pat in DEGREE_PATTERNS:
        alts, tail = _alternatives(pat.pattern[len(r"\b("):])
        for alt in alts:
            alt = alt.replace(_DEG_TAIL, "")
            assert alt[0].isalnum(), alt  # a literal first character
            by_first.setdefault(alt[0], []).append(alt[1:] + tail)
    return "(?:" + "|".join(f"{re.escape(c)}(?:{'|'.join(rests)})" for c, rests in sorted(by_first.items())) + ")"


# Where a degree mention may start, found in one pass over a whole region instead of one search per
# segment: the degree patterns without their end-of-segment tails (a necessary condition: every
# degree found in a segment starts at one of these positions), case-sensitive over the lower-cased
# text (a case-insensitive scan is three times slower). Every alternative of DEGREE_PATTERNS starts
# with one of the characters "abdeghijlmpsu1" (a cheap first test at each word start). A word start
# (\b before such a character) is found after a non-word character, which the regex engine skips to
# faster than it tests \b at every position, or at the region's start (_DEGREE_START_AT); with the
# grouped alternatives, 1.5 times faster than \b and the plain alternation.
_DEGREE_DISPATCH = _degree_dispatch()
_DEGREE_START = re.compile(r"\W(?=[abdeghijlmpsu1])(?=" + _DEGREE_DISPATCH + ")")
_DEGREE_START_AT = re.compile(r"(?=[abdeghijlmpsu1])(?=" + _DEGREE_DISPATCH + ")")


def _lower_same(text: str) -> str | None:
    """``text`` lower-cased, when a case-sensitive pattern of lower-case letters finds in it exactly what
    the case-insensitive pattern finds in ``text``; None when lower-casing would not keep that (a
    character whose lower case is two characters, or a dotless i / long s that a case-insensitive
    pattern also matches as i / s)."""
    low = text.lower()
    if len(low) != len(text) or "\u0131" in low or "\u017f" in low:
        return None
    return low


def _degree_starts(region: str, base: int) -> list[int] | None:
    """Sorted offsets (``base`` + position) where a degree mention may start in ``region``; None when
    lower-casing would not keep the case-insensitive matching (:func:`_lower_same`)."""
    low = _lower_same(region)
    if low is None:
        return None
    out = [base] if _DEGREE_START_AT.match(low) else []
    out += [base + m.end() for m in _DEGREE_START.finditer(low)]  # the position after the non-word character
    return out


def _between(sorted_offsets: list[int], a: int, b: int) -> list[int]:
    """The offsets in [a, b), made relative to ``a``."""
    i = bisect.bisect_left(sorted_offsets, a)
    out = []
    while i < len(sorted_offsets) and sorted_offsets[i] < b:
        out.append(sorted_offsets[i] - a)
        i += 1
    return out


def _degree_segments(segs: list[tuple[int, int, str]], starts: list[int] | None) -> list[tuple[int, list[int] | None]]:
    """(k, the offsets of ``starts`` in ``segs[k]``, relative to it) for each segment where a degree may start,
    in order; every segment, with None, when ``starts`` is None. What looking at each segment in turn with
    :func:`_between` gives, from the segments that hold a start (found by bisection: a region has a few
    degree starts and many segments)."""
    if starts is None:
        return [(k, None) for k in range(len(segs))]
    firsts = [a for a, _b, _s in segs]
    ks: list[int] = []
    for p in starts:
        k = bisect.bisect_right(firsts, p) - 1
        if k >= 0 and p < segs[k][1] and (not ks or ks[-1] != k):
            ks.append(k)
    return [(k, _between(starts, segs[k][0], segs[k][1])) for k in ks]


def degree_level_of(text: str) -> str | None:
    """The degree level a piece of text names (``"M.Sc. Physics"`` -> ``"master"``), or None."""
    m = degree_match(text)
    return m[0] if m else None


_BYTE_DEBRIS = re.compile(r"\\x[0-9a-fA-F]{2}")  # one escaped byte: 4 characters
_INSTITUTION = re.compile(r"\b(universit\w+|college|institute|school|academy|polytechnic|iit|nit|hochschule|"
                          r"universidad\w*|universidade|école|ecole)\b", re.I)
_IN_PROGRESS = re.compile(r"\b(expected|pursuing|ongoing|currently enrolled|in progress|anticipated|candidate|"
                          r"to be completed|present|current)\b", re.I)




# _SEG_SEP within a line, or a line break: "[^\S\n]{3,}|[^\S\n]+\|[^\S\n]+|\n" with its first character (a
# whitespace character in every alternative) taken out in front, so that the regex engine skips to the next
# whitespace character at C speed instead of trying the alternatives at every position (1.7 times faster)
_SEG_CUT = re.compile(r"\s(?:(?<=\n)|(?<!\n)(?:[^\S\n]{2,}|[^\S\n]*\|[^\S\n]+))")


# _SEG_CUT in a line whose only whitespace character is " " (a printable line: every other whitespace character
# is a control character or a separator): a run of 3+ spaces or a bar between spaces, found from a literal space,
# which the regex engine skips to at C speed (a character class, as _SEG_CUT starts with, is tested at every
# position); no cut at all in a line without "  " or " |". Line breaks are found by str.split.
_SPACE_CUT = re.compile(r" (?: {2,}| *\| +)")


def _segments(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Lines, further split at runs of 3+ spaces and " | " (one-line resumes put entries side by side).

    The cuts of ``_SEG_CUT.finditer(text, lo, hi)`` found line by line (every line break is a cut, and no
    other cut reaches over one, so a line's cuts are those of a scan of that line alone): with _SPACE_CUT in
    printable lines, where it finds what _SEG_CUT finds, and none in a printable line that holds neither "  "
    nor " |" (2.2 times faster on the dotin resumes)."""
    out = []
    pos = lo
    for line in text[lo:hi].split("\n"):
        end = pos + len(line)
        if not line.isprintable():  # a tab, a no-break space, ...: the general pattern
            cut = _SEG_CUT
        elif "  " in line or " |" in line:
            cut = _SPACE_CUT
        else:  # no cut: the whole line
            if line:
                out.append((pos, end, line))
            pos = end + 1
            continue
        p = pos
        for m in cut.finditer(text, pos, end):
            a = m.start()
            if a > p:
                out.append((p, a, text[p:a]))
            p = m.end()
        if end > p:
            out.append((p, end, text[p:end]))
        pos = end + 1
    return out


def find_education(document: Document, sections: tuple[Section, ...], bundle: RoleBundle,
                   as_of: dt.date) -> tuple[EducationEntry, ...]:
    """Degree mentions with level, field, institution and year.

    Searched in education sections; when none is found there, outside the experience sections (a
    teacher's employer "Walter Johnson High School" is not a school they attended), and then in the whole
    text. A degree is ``in_progress`` when its own line/segment says expected, pursuing, ongoing,
    present..., or names a year after ``as_of``.
    """
    text = document.text
    edu = [(s.start, s.end) for s in sections if s.name == "education"]
    rest = [(s.start, s.end) for s in sections if s.name not in EXPERIENCE_SECTIONS]
    fields = _fields_of(bundle.role)
    for regions in (edu, rest if len(rest) < len(sections) else [], [(0, len(text))]):
        if not regions:
            continue
        out = _education_in(text, regions, fields, as_of)
        if out:
            return out
    return ()


def _build_fields(role) -> tuple[list[tuple[str, list[str]]], re.Pattern]:
    fields = [(f.id, [a.lower() for a in f.aliases]) for f in role.fields_of_study]
    aliases = sorted({v for _fid, al in fields for a in al for v in (a, a.upper().lower())}, key=len, reverse=True)
    return fields, re.compile("|".join(map(re.escape, aliases)) if aliases else r"(?!)")


# The role's fields of study as (id, lower-cased aliases), and a pattern that finds any alias in
# lower-cased text (a necessary condition for a field: one search instead of one per alias); built once
# per role object.
_fields_of = PerObject(_build_fields)


@functools.lru_cache(maxsize=4096)
def _whole_word(needle: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")


# a year 1950-2099 not inside a longer number: r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)" with the look-behind after the
# year (no digit 5 characters back), so that the regex engine skips to the next "1" or "2" at C speed
_EDU_YEAR = re.compile(r"(19[5-9]\d|20\d\d)(?<!\d....)(?!\d)")
# "2001-05", "2018 - 22": a degree's years with the last two digits of the later one (dates.RANGE_RE's form)
_EDU_YY = re.compile(r"(19[5-9]\d|20\d\d)(?<!\d....)" + YY_END)


def _education_in(text, regions, fields_of, as_of) -> tuple[EducationEntry, ...]:
    fields, any_field = fields_of
    out: list[EducationEntry] = []
    seen: set[int] = set()
    # escaped-byte debris ("\\xef\\x82\\xa7") becomes spaces of the same length: offsets are kept
    clean = _BYTE_DEBRIS.sub("    ", text) if "\\x" in text else text
    for lo, hi in regions:
        starts = _degree_starts(clean[lo:hi], lo)
        if starts == []:
            continue  # no degree can start in this region (nor in any of its segments)
        segs = _segments(clean, lo, hi)
        for k, here in _degree_segments(segs, starts):
            a, b, seg = segs[k]
            found = sorted(degree_matches(seg, here), key=lambda t: t[2])
            for lvl, deg_text, ma, mb in found:
                if a + ma in seen or any(x[2] <= ma < x[3] and x is not None and (x[2], x[3]) != (ma, mb)
                                         and DEGREE_ORDER.index(x[0]) > DEGREE_ORDER.index(lvl) for x in found):
                    continue
                seen.add(a + ma)
                nxt = [m for m in found if m[2] > ma]
                own = seg[ma: nxt[0][2] if nxt else len(seg)]
                low = own.lower()
                field_id = field_text = None
                for fid, aliases in (fields if any_field.search(low) else ()):
                    for al in aliases:
                        hay = own if (al.isupper() or len(al) <= 3) else low
                        needle = al.upper() if len(al) <= 3 else al
                        if needle in hay and _whole_word(needle).search(hay):
                            field_id, field_text = fid, al
                            break
                    if field_id:
                        break
                near = " ".join(x[2] for x in segs[k:k + 2])
                years = [int(y) for y in _EDU_YEAR.findall(near)]
                if "-" in near or "–" in near or "—" in near or "−" in near:
                    # "B.Sc., 2001-05": the later year is 2005 (a span of a few years: "2019-01" is a month)
                    years += [e for y, yy in _EDU_YY.findall(near) if (e := later_year(int(y), int(yy))) - int(y) <= 8]
                inst = next((x[2].split("\t", 1)[0].strip() for x in segs[max(0, k - 1):k + 3] if _INSTITUTION.search(x[2])), None)
                # "pursuing", "expected 2027" -> in progress; "expected May 2014" read in 2019 -> completed
                in_prog = (bool(_IN_PROGRESS.search(own)) and not (years and max(years) < as_of.year)) \
                    or any(y > as_of.year for y in years)
                out.append(EducationEntry(degree=deg_text, level=lvl, field=field_id, field_text=field_text,
                                          institution=inst[:160] if inst else None, year=max(years) if years else None,
                                          start=a + ma, end=a + mb, status="in_progress" if in_prog else "completed"))
    return tuple(out)


# a certification names a credential: a credential word, a credential level ("Professional", "Associate",
# "Specialty") or a certification's acronym / exam code; case matters for the acronyms only
_CREDENTIAL_WORD = re.compile(
    r"\b(?:certif\w*|licen[cs]\w*|accredit\w*|credential\w*|speciali[sz]ation|nanodegree|diploma|training|course"
    r"|exam|professional|associate|specialty|practitioner|fundamentals|chartered)\b", re.I)
_CREDENTIAL_ACRONYM = re.compile(
    r"\b(?:PMP|CAPM|CKA|CKAD|CKS|CISSP|CISM|CISA|CCNA|CCNP|CCIE|CompTIA|ITIL|TOGAF|PRINCE2|CSM|CSPO|PSM|SAFe|CFA|CPA|FRM"
    r"|OCP|OCA|MCSE|MCSA|MCP|RHCE|RHCSA|PCAP|PCEP|[A-Z]{2,3}-\d{3})\b|\bSix Sigma\b")
_CERT_LIST_SPLIT = re.compile(r"[,;|•·]")
CERT_LIST_ITEMS = 6  # a line of this many list items, most of them no credential, is a keyword list


def _credential(s: str) -> bool:
    return bool(_CREDENTIAL_WORD.search(s) or _CREDENTIAL_ACRONYM.search(s))


def find_certifications(document: Document, sections: tuple[Section, ...], evidence: Iterable[Evidence]) -> tuple[Certification, ...]:
    """Lines of a certifications section that name a credential (see ``_credential``). A line that is
    a list of ``CERT_LIST_ITEMS`` or more items, most of which name no credential, is a keyword list
    (such as a keyword dump appended after the last section), not a certification."""
    text = document.text
    out = []
    ev = list(evidence)
    for s in sections:
        if s.name != "certifications":
            continue
        for a, b, line in _lines(text, s.start, s.end)[1:]:
            name = _clean_title(line)
            if len(name) < 3 or not _credential(name):
                continue
            items = [x for x in _CERT_LIST_SPLIT.split(name) if x.strip()]
            if len(items) >= CERT_LIST_ITEMS and 2 * sum(map(_credential, items)) < len(items):
                continue
            skill = next((e.skill_id for e in ev if a <= e.start < b and e.counts), None)
            off = text.find(name, a, b + 1)
            out.append(Certification(name=name, skill_id=skill, start=off, end=off + len(name)))
    return tuple(out)


_PHONE_CORE = re.compile(r"\d[\s.-]\d{3}")
_EMAIL_LOCAL = re.compile(r"[\w.+-]")


def _email_in(head: str) -> re.Match | None:
    """``EMAIL.search(head)``, started where the first match can start at the earliest: at the run of
    address characters before the first "@" (every match holds exactly one "@", right after such a run)."""
    k = head.find("@")
    if k < 0:
        return None
    r = k
    while r > 0 and _EMAIL_LOCAL.match(head, r - 1):
        r -= 1
    return EMAIL.search(head, r)


def _phone_in(head: str) -> re.Match | None:
    """``PHONE.search(head)``, started near the first digit-separator-3-digits run (every match holds
    one, at most 15 characters after the match's start)."""
    hit = _PHONE_CORE.search(head)
    return PHONE.search(head, max(0, hit.start() - 24)) if hit else None


_URL_WORDS = ("http", "www.", "linkedin.com", "github.com")  # what every URL match starts with (any case)


def _urls_in(head: str) -> tuple[str, ...]:
    """Up to 5 ``URL`` matches (``URL.finditer(head)``): tried only where one of the words a URL match starts
    with is found in the lower-cased head, in order, each after the last match's end (the leftmost match is at
    the first of them where URL matches). Characters that case-fold to ASCII letters without lower-casing to
    them take the plain path."""
    low = head.lower()
    if len(low) != len(head) or not (head.isascii() or not any(c in head for c in "ſıİ\u212a")):
        return tuple(m.group(0) for m in itertools.islice(URL.finditer(head), 5))
    starts = []
    for w in _URL_WORDS:
        k = low.find(w)
        while k >= 0:
            starts.append(k)
            k = low.find(w, k + 1)
    out: list[str] = []
    end = 0
    for k in sorted(starts):
        if k < end:
            continue
        m = URL.match(head, k)
        if m is not None:
            out.append(m.group(0))
            if len(out) == 5:
                break
            end = m.end()
    return tuple(out)


_DIGIT = re.compile(r"\d")


def find_contact(document: Document, sections: tuple[Section, ...]) -> Contact:
    text = document.text
    head = text[: min(len(text), 1500)]
    email = _email_in(head)
    phone = _phone_in(head)
    urls = _urls_in(head)
    name = None
    for line in head.split("\n", 5)[:5]:
        t = line.strip()
        # 2 to 4 words: split at most 4 times (5 parts: more than 4 words), not into every word of a long line
        # (a flattened page's first line is the whole head)
        if 1 < len(t.split(None, 4)) <= 4 and all(w[:1].isupper() for w in t.split()) and ("@" not in t or not EMAIL.search(t)) \
                and not _DIGIT.search(t) and find_heading_free(t):
            name = t
            break
    return Contact(name=name, email=email.group(0) if email else None,
                   phone=phone.group(0).strip() if phone else None, urls=urls)


def build_profile(document: Document, sections: tuple[Section, ...], evidence: tuple[Evidence, ...],
                  bundle: RoleBundle, as_of: dt.date) -> Profile:
    vdoc, vsections = _view(document, sections)
    positions = find_positions(vdoc, vsections, as_of, flattened=vsections is not sections)
    if vsections is not sections and not any(s.name == "education" for s in sections) \
            and any(s.name == "education" for s in vsections):
        education = find_education(vdoc, vsections, bundle, as_of)
    else:
        education = find_education(document, sections, bundle, as_of)
    ai_cats = {"ai_domains", "ml_frameworks", "ml_engineering"}
    # mark positions as AI/ML from skill evidence inside them
    pos_list = []
    for p in positions:
        ai = p.ai_ml or any(p.start <= e.start < p.end and e.category in ai_cats and e.counts for e in evidence)
        if p.lead_dates is not None and vdoc is not document:  # quote the lead phrase from the real text
            ld = p.lead_dates
            p = Position(**{**p.__dict__, "lead_dates": DateRange(**{**ld.__dict__, "text": document.text[ld.start_offset:ld.end_offset]})})
        pos_list.append(p if ai == p.ai_ml else Position(**{**p.__dict__, "ai_ml": ai}))
    positions = tuple(pos_list)
    full = [p for p in positions if p.kind == "full_time" and p.dates]
    total = merge_years(p.dates for p in full)
    lead = merge_years(p.leadership_range for p in full if p.leadership_range)
    ai_years = merge_years(p.dates for p in full if p.ai_ml)
    arch = merge_years(p.dates for p in full if p.ai_ml and (ARCH_TERMS.search(document.text[p.start:p.end])
                                                          or SENIOR_TITLE.search(p.title or "")))
    levels = [e.level for e in education if e.level and e.status == "completed"]
    highest = max(levels, key=DEGREE_ORDER.index) if levels else None
    current = current_title(vdoc.text, positions, vsections)
    # years per skill from the dated positions that evidence it
    skill_ranges: dict[str, list[DateRange]] = {}
    for e in evidence:
        if not e.counts:
            continue
        for p in full:
            if p.start <= e.start < p.end:
                skill_ranges.setdefault(e.skill_id, []).append(p.dates)
    skill_years = tuple(sorted((k, merge_years(v)) for k, v in skill_ranges.items()))
    certs = find_certifications(document, sections, evidence)
    has_exp = bool(positions) or any(s.name in ("experience", "education", "skills") for s in sections)
    return Profile(current_title=current, total_experience_years=total, leadership_years=lead, ai_ml_years=ai_years,
                   architecture_years=arch, highest_degree=highest, education=education, positions=positions,
                   certifications=certs, skill_years=skill_years, contact=find_contact(document, sections),
                   is_resume=has_exp)


_ORG_WORDS = _Lowered(re.compile(r"\b(ltd|limited|inc|llc|llp|pvt|plc|gmbh|corp|corporation|company|co\.|technologies|"
                        r"solutions|university|school district|firm|association|society|club)\b", re.I))
_NOT_TITLE = _Lowered(re.compile(r"\b(resume|r[ée]sum[ée]|curriculum vitae|sample|references|responsibilit\w*|tasks|duties|"
                        r"page \d)\b|\b(experience|profile|summary|objective|skills)$|[@]|https?:|www\.|[a-z]{3}\.$|^\d",
                        re.I))


_WORKED_AS = re.compile(r"^.{0,40}?\b(?:(?:working|worked|work|serving|served|employed)|"
                        r"associated\s+with\s+[^,.;]{1,60}?)\s+as\s+(?:an?\s+)?", re.I)
# where the title ends in such a sentence: "... as a Software Engineer in xxx Technologies, Bangalore"
_TITLE_SENTENCE_END = re.compile(r"\s+(?:in|at|with|for|from|since|on|under)\s|\s*[,;(]|\.(?:\s|$)", re.I)
_VERB_START = re.compile(r"^[A-Z][a-z]+ed\b|^(?:have|has|had|am|is|was|i)\b", re.I)


_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)\s*$")


def _title_text(t: str | None) -> str | None:
    """"Working as Escalation Engineer" -> "Escalation Engineer", "Currently working as a Software Engineer
    in xxx Technologies, Bangalore" -> "Software Engineer", "Customer Service Advisor (part time to 2011)"
    -> "Customer Service Advisor"; other text unchanged."""
    if t and t.endswith(")") and (cut := _TRAILING_PARENS.search(t)) and cut.start() > 0:
        t = t[:cut.start()]
    m = _WORKED_AS.match(t) if t else None
    if m is None:
        return t
    rest = t[m.end():]
    return rest[:e.start()] if (e := _TITLE_SENTENCE_END.search(rest)) else rest


def _good_title(t: str | None) -> bool:
    """A plausible job title: short, with a title word, starting with a capital; not a heading, a sentence
    ("Delivered ..."), a degree or an organisation."""
    return (bool(t) and len(t) <= 80 and len(t.split()) <= 8 and t[:1].isupper() and bool(_TITLE_WORDS.search(t))
            and not _NOT_TITLE.search(t) and not _ORG_WORDS.search(t) and not _VERB_START.search(t)
            and degree_match(t) is None)


def current_title(text: str, positions: tuple[Position, ...], sections: tuple[Section, ...]) -> str | None:
    """The current title (rule in the module docstring)."""
    def latest(ps):
        return sorted(ps, key=lambda p: (p.dates.current, p.dates.end or dt.date.min, p.dates.start or dt.date.min),
                      reverse=True)

    dated = [p for p in positions if p.dates]
    for group in ([p for p in dated if p.kind == "full_time"], dated):
        for p in latest(group)[:1]:
            t = _title_text(p.title)
            if _good_title(t):
                return t
    head = _headline(text)
    if head:
        return head
    for s in sections:  # an experience section without dates: its first title-like line
        if s.name in EXPERIENCE_SECTIONS:
            for line in text[s.start:s.end].split("\n", 8)[1:8]:  # the lines of _lines(...)[1:8]
                line = _unlabel(line.strip(), _TITLE_LABEL)  # "Position: Customer Service Advisor"
                line = RANGE_RE.sub(" ", line)  # "Jul 2011 - Sept 2013 Team Member": the dates are no title
                t, _org = _split_title_org([_clean_title(_title_text(line))])
                if t and 3 <= len(t) <= 60 and _good_title(t) and find_heading_free(t):
                    return t
    return None


_WITH_HAVING = re.compile(r"\s+(?:with|having)\s+")
_NOT_HEADLINE = re.compile(r"[@\d:]|https?|www\.")


def _headline(text: str) -> str | None:
    """The title under the name at the top of a resume ("Associate Software Engineer"), if any."""
    for line in text[:600].split("\n", 6)[:6]:
        t = _clean_title(_WITH_HAVING.split(_title_text(line))[0])
        if 3 <= len(t) <= 60 and _TITLE_WORDS.search(t) and not _NOT_HEADLINE.search(t) \
                and find_heading_free(t) and not _NOT_TITLE.search(t) and degree_match(t) is None:
            title, _org = _split_title_org([t])
            return title
    return None


def position_index(profile: Profile, offset: int) -> int | None:
    for i, p in enumerate(profile.positions):
        if p.start <= offset < p.end:
            return i
    return None


__all__ = ["build_profile", "position_index", "section_at"]
