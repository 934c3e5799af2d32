"""The pipeline, end to end: file -> Document -> sections -> evidence -> profile -> assessment -> Report."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from analyzer.ingest import IngestOptions, document_from_text, load_document
from analyzer.ingest.sections import detect_sections
from analyzer.profile import build_profile, position_index
from analyzer.scoring import assess, keyword_dumps
from analyzer.taxonomy import RoleBundle, load_role
from analyzer.types import Document, Evidence, Report, RoleRef, filled
from analyzer.util import forget_text_memos
from analyzer.version import __version__


def _as_date(as_of: dt.date | str | None) -> dt.date:
    if as_of is None:
        return dt.date.today()
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(str(as_of))
    except ValueError:
        from analyzer.errors import UserError

        raise UserError(f"invalid --as-of date {as_of!r} (use YYYY-MM-DD)") from None


def _with_position(e: Evidence, position: int | None) -> Evidence:
    """``dataclasses.replace(e, position=position)`` (:func:`analyzer.types.filled`: ~4 per resume)."""
    return filled(Evidence, {**e.__dict__, "position": position})


class Analyzer:
    """Reusable analyzer: loads the role and builds the spaCy pipeline once.

    >>> a = Analyzer()                      # default role: lead_ai_engineer
    >>> report = a.analyze_text("...")      # or a.analyze("resume.pdf")
    """

    def __init__(self, role: str | Path | RoleBundle | None = None, *, ingest: IngestOptions | None = None) -> None:
        self.role = role
        self.ingest = ingest or IngestOptions()
        self.bundle_ = load_role(role)
        from analyzer.nlp.pipeline import get_nlp

        self.nlp_ = get_nlp(self.bundle_)
        if self.nlp_.max_length <= self.ingest.max_chars:
            # spaCy's 1,000,000-character guard is for parsers and NER, which this pipeline does not have
            self.nlp_.max_length = self.ingest.max_chars + 1
        self._labels = {r.id: r.label for r in self.bundle_.role.requirements}

    def analyze(self, path: str | Path, *, as_of: dt.date | str | None = None) -> Report:
        doc = load_document(path, self.ingest)
        return self.analyze_document(doc, as_of=as_of)

    def analyze_text(self, text: str, *, as_of: dt.date | str | None = None, name: str = "<text>") -> Report:
        return self.analyze_document(document_from_text(text, name=name), as_of=as_of)

    def analyze_document(self, document: Document, *, as_of: dt.date | str | None = None) -> Report:
        try:
            return self._analyze_document(document, as_of)
        finally:
            forget_text_memos()  # nothing of this resume is kept for the next one

    def _analyze_document(self, document: Document, as_of: dt.date | str | None) -> Report:
        from analyzer.nlp.evidence import doc_to_evidence
        from analyzer.nlp.pipeline import vocab_zone

        day = _as_date(as_of)
        if len(document.text) > self.ingest.max_chars:  # analyze_text: the limit the file readers apply
            from analyzer.errors import InputError

            raise InputError(document.source.name, f"text is too long ({len(document.text)} characters; the limit "
                             f"is {self.ingest.max_chars})", kind="too_large")
        sections = detect_sections(document)
        with vocab_zone(self.nlp_):
            sdoc = self.nlp_(document.text)
            evidence = doc_to_evidence(sdoc, sections, self._labels)
            del sdoc
        profile = build_profile(document, sections, evidence, self.bundle_, day)
        from analyzer.ingest.classify import classify_document

        verdict = classify_document(document, sections)
        if not verdict.is_resume and profile.is_resume:
            profile = dataclasses.replace(profile, is_resume=False)
        evidence = tuple(e if (i := position_index(profile, e.start)) == e.position else _with_position(e, i)
                         for e in evidence)
        dumped = keyword_dumps(evidence)
        assessment = assess(profile, evidence, self.bundle_, dumps=dumped)
        warnings = list(document.warnings)
        if not verdict.is_resume:
            warnings.append(verdict.reason)
        elif not profile.is_resume:
            warnings.append("this does not look like a resume (no experience, education or skills section and no dated roles)")
        if dumped:
            warnings.append(f"keyword dump ignored: {len(dumped)} skill mentions listed with no context earn nothing")
        role = self.bundle_.role
        return Report(source=document.source, text=document.text, role=RoleRef(role.id, role.title, role.version),
                      as_of=day, sections=sections, evidence=evidence, profile=profile, assessment=assessment,
                      warnings=tuple(warnings), tool_version=__version__)


_DEFAULT: dict[str, Analyzer] = {}


def _analyzer(role) -> Analyzer:
    if isinstance(role, (RoleBundle,)):
        return Analyzer(role)
    key = str(role) if role is not None else ""
    if key not in _DEFAULT:
        _DEFAULT[key] = Analyzer(role)
    return _DEFAULT[key]


def analyze(path: str | Path, *, role: str | Path | None = None, as_of: dt.date | str | None = None) -> Report:
    """Analyze one resume file against a role (default ``lead_ai_engineer``)."""
    return _analyzer(role).analyze(path, as_of=as_of)


def analyze_text(text: str, *, role: str | Path | None = None, as_of: dt.date | str | None = None) -> Report:
    """Analyze resume text. Offsets in the report index ``text`` unchanged."""
    return _analyzer(role).analyze_text(text, as_of=as_of)
