"""Immutable types passed between the pipeline stages.

Data flows one way::

    file -> Document -> Section -> Evidence -> Profile -> Assessment -> Report -> renderer

Every type here is a frozen dataclass made of plain Python values (str, int, float, bool,
tuples, ``datetime.date``).  No spaCy object ever appears in these types: ``analyzer.nlp.evidence``
is the last place a ``Doc`` or ``Span`` is seen.  Offsets (``start``/``end``) are end-exclusive
character offsets into ``Document.text``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Literal

DegreeLevel = Literal["none", "secondary", "associate", "bachelor", "master", "doctorate"]
Status = Literal["met", "partial", "missing"]
Importance = Literal["required", "preferred", "bonus"]

DEGREE_ORDER: tuple[str, ...] = ("none", "secondary", "associate", "bachelor", "master", "doctorate")


def filled(cls: type, values: dict[str, Any]):
    """An instance of ``cls``, a frozen dataclass of this module, holding ``values`` (one per field). The
    generated ``__init__`` of these classes only stores each field (no ``__post_init__``, no slots), one
    ``object.__setattr__`` call per field; filling the instance ``__dict__`` at once builds the equal object
    about three times faster, for the objects made in bulk (a document's lines, evidence moved to a
    position). The caller passes every field."""
    obj = object.__new__(cls)
    obj.__dict__.update(values)
    return obj


# --------------------------------------------------------------------------- document


@dataclass(frozen=True)
class Source:
    """Where a document came from. ``name`` is the file name only, never a full path."""

    name: str
    format: str  # txt | md | pdf | docx | html | text
    pages: int | None = None
    sha256: str = ""
    size: int = 0


@dataclass(frozen=True)
class Line:
    """One visual line of the document with its span in ``Document.text`` and layout hints."""

    start: int
    end: int
    page: int | None = None
    x0: float | None = None
    y0: float | None = None
    x1: float | None = None
    y1: float | None = None
    font_size: float | None = None
    bold: bool = False
    column: int | None = None  # 0 = main/left, 1 = right, None = full width/unknown


@dataclass(frozen=True)
class Document:
    """Extracted text plus layout. ``text`` is what every offset in the report refers to."""

    text: str
    source: Source
    lines: tuple[Line, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A resume section such as ``experience`` with its heading and span."""

    name: str  # canonical section id (experience, education, skills, ...)
    heading: str  # the heading text as written ("" for the implicit header section)
    start: int  # start of the heading (or of the section when there is none)
    end: int
    rule: str  # which section rule matched (for explanations)


# --------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class ContextHit:
    """A context rule (negation, hypothetical, proficiency, ...) that modified an evidence item."""

    rule: str  # the rule's literal or id, e.g. "no experience with"
    category: str  # NEGATED | HYPOTHETICAL | PROFICIENCY_LOW | PROFICIENCY_HIGH | YEARS | ...
    trigger: str  # the text that triggered it
    start: int
    end: int
    value: float | None = None  # numeric value, e.g. years for "5 years of"
    direction: str | None = None  # forward | backward | bidirectional | section (how the rule reaches)
    scope_start: int | None = None  # character span the rule's scope covered
    scope_end: int | None = None


@dataclass(frozen=True)
class Evidence:
    """One mention of a taxonomy item in the resume, with why it was found."""

    id: str
    skill_id: str
    label: str
    category: str
    text: str
    start: int
    end: int
    section: str | None
    negated: bool = False
    hypothetical: bool = False
    proficiency: str | None = None  # basic | intermediate | advanced | expert | None (unknown)
    matcher: str = "alias"  # alias | semantic | structure
    rule: str = ""  # the alias or pattern or sentence model that produced it
    confidence: float = 1.0
    context: tuple[ContextHit, ...] = ()
    position: int | None = None  # index into Profile.positions when inside a dated role
    sentence: str | None = None  # semantic matches: the sentence that matched
    similarity: float | None = None  # semantic matches: cosine similarity

    @property
    def counts(self) -> bool:
        """Whether this item may support a requirement (not negated, not a wish)."""
        return not (self.negated or self.hypothetical)


# --------------------------------------------------------------------------- profile


@dataclass(frozen=True)
class DateRange:
    start: _dt.date | None
    end: _dt.date | None
    current: bool = False
    text: str = ""
    start_offset: int | None = None
    end_offset: int | None = None

    @property
    def years(self) -> float:
        if self.start is None or self.end is None:
            return 0.0
        return max(0.0, (self.end - self.start).days / 365.25)


@dataclass(frozen=True)
class Position:
    title: str | None
    organisation: str | None
    location: str | None
    dates: DateRange | None
    start: int  # span of the whole entry in Document.text
    end: int
    # full_time (a job; a part-time job too) | internship (internship, trainee, cadet, student job) | service
    # (committee, board, membership, award)
    kind: str = "full_time"
    leadership: bool = False
    ai_ml: bool = False
    bullets: tuple[tuple[int, int], ...] = ()
    # the part of ``dates`` spent leading, when a bullet states it ("Project lead for 12 months") and the
    # role itself is not a leadership role; its text and offsets are that phrase
    lead_dates: DateRange | None = None

    @property
    def years(self) -> float:
        return self.dates.years if self.dates else 0.0

    @property
    def leadership_range(self) -> DateRange | None:
        """The dates this position counts as leadership: all of it for a leadership role, else the
        stated lead period, else None."""
        return self.dates if self.leadership else self.lead_dates


@dataclass(frozen=True)
class EducationEntry:
    degree: str | None  # as written, e.g. "M.Sc."
    level: str | None  # one of DEGREE_ORDER or None
    field: str | None  # normalised field id, e.g. computer_science
    field_text: str | None
    institution: str | None
    year: int | None
    start: int
    end: int
    status: str = "completed"  # completed | in_progress | unknown


@dataclass(frozen=True)
class Certification:
    name: str
    skill_id: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Contact:
    """Identity and contact data. Used for display and redaction only, never for scoring."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    urls: tuple[str, ...] = ()
    location: str | None = None


@dataclass(frozen=True)
class Profile:
    current_title: str | None
    total_experience_years: float
    leadership_years: float
    ai_ml_years: float
    architecture_years: float
    highest_degree: str | None
    education: tuple[EducationEntry, ...] = ()
    positions: tuple[Position, ...] = ()
    certifications: tuple[Certification, ...] = ()
    skill_years: tuple[tuple[str, float], ...] = ()  # (skill_id, years) from dated positions
    contact: Contact = field(default_factory=Contact)
    is_resume: bool = True


# --------------------------------------------------------------------------- assessment


@dataclass(frozen=True)
class RequirementResult:
    id: str
    label: str
    category: str
    importance: str
    weight: float
    status: str  # met | partial | missing
    evidence: tuple[str, ...]
    explanation: str
    value: float  # 1.0 met, partial in (0, 1), 0.0 missing
    points: float  # contribution to the 0-100 score (adds up to the score)
    max_points: float


@dataclass(frozen=True)
class CategoryScore:
    id: str
    label: str
    points: float
    max_points: float

    @property
    def coverage(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0


@dataclass(frozen=True)
class Gap:
    requirement_id: str
    label: str
    category: str
    importance: str
    status: str
    points_available: float
    suggestions: tuple[str, ...]
    priority: int


@dataclass(frozen=True)
class LevelRef:
    id: str
    title: str


@dataclass(frozen=True)
class Salary:
    title: str
    currency: str
    region: str
    year: int
    average: int | None
    low: int | None
    high: int | None
    note: str


@dataclass(frozen=True)
class Career:
    current_level: LevelRef
    next_level: LevelRef | None
    reasons: tuple[str, ...]
    to_next_level: tuple[str, ...]
    salary: tuple[Salary, ...]
    on_target: bool = True


@dataclass(frozen=True)
class Assessment:
    score: float
    requirements: tuple[RequirementResult, ...]
    categories: tuple[CategoryScore, ...]
    gaps: tuple[Gap, ...]
    career: Career


# --------------------------------------------------------------------------- report


SCHEMA_VERSION = "1"


def _plain(value: Any) -> Any:
    """Convert dataclasses, tuples and dates to JSON-ready Python values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4)
    return value


@dataclass(frozen=True)
class RoleRef:
    id: str
    title: str
    version: str = ""


@dataclass(frozen=True)
class Report:
    """The finished analysis. ``to_dict()`` is exactly what ``--format json`` prints."""

    source: Source
    text: str
    role: RoleRef
    as_of: _dt.date
    sections: tuple[Section, ...]
    evidence: tuple[Evidence, ...]
    profile: Profile
    assessment: Assessment
    warnings: tuple[str, ...]
    tool_version: str

    @property
    def score(self) -> float:
        return self.assessment.score

    def to_dict(self) -> dict[str, Any]:
        from analyzer.report import report_to_dict

        return report_to_dict(self)
