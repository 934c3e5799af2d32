"""Reading order and sections over the real third-party layouts in ../shared/corpus/layouts/.

Expectations were written by looking at the rendered pages (``pdftoppm -png -r 60``): the section
headings in the order a reader meets them (left column top to bottom, then the right column), lines
known to sit in the left and right columns, entry lines with their right-aligned dates, and running
footers that must not appear. The files are read from ../shared (never copied); the test skips when it
is absent.
"""

from __future__ import annotations

import pytest
import yaml

from analyzer.ingest import load_document
from analyzer.ingest.classify import classify_document
from analyzer.ingest.sections import detect_sections

# file -> (headings in reading order, section ids that must be detected)
EXPECTED = {
    "deedy_two-column.pdf": (
        ["EDUCATION", "LINKS", "COURSEWORK", "SKILLS", "EXPERIENCE", "RESEARCH", "AWARDS", "PUBLICATIONS"],
        {"education", "skills", "experience", "awards", "publications"},
    ),
    "altacv_sidebar.pdf": (
        ["EXPERIENCE", "PROJECTS", "A DAY OF MY LIFE", "MY LIFE PHILOSOPHY", "MOST PROUD OF", "STRENGTHS",
         "LANGUAGES", "EDUCATION", "PUBLICATIONS", "REFEREES"],
        {"experience", "projects", "skills", "languages", "education", "publications", "references"},
    ),
    "chromium_two-column.pdf": (
        ["SUMMARY", "EXPERIENCE", "PROJECTS", "EDUCATION", "SKILLS", "LINKS"],
        {"summary", "experience", "projects", "education", "skills"},
    ),
    "chromium_modern-single-column.pdf": (
        ["SUMMARY", "EXPERIENCE", "EDUCATION", "PROJECTS", "SKILLS & AWARDS"],
        {"summary", "experience", "education", "projects", "skills"},
    ),
    "rendercv_classic.pdf": (
        ["Welcome to RenderCV", "Education", "Experience", "Projects", "Publications", "Selected Honors", "Skills",
         "Patents", "Invited Talks"],
        {"education", "experience", "projects", "publications", "awards", "skills"},
    ),
    "sb2nov_one-column.pdf": (
        ["Education", "Experience", "Projects"],
        {"education", "experience", "projects"},
    ),
    "awesome-cv_resume.pdf": (
        ["Summary", "Work Experience", "Honors & Awards", "Certificates", "Education"],
        {"summary", "experience", "awards", "certifications", "education"},
    ),
    "awesome-cv_cv.pdf": (
        ["Education", "Skills", "Experience", "Extracurricular Activity", "Honors & Awards", "Certificates",
         "Presentation", "Writing", "Program Committees"],
        {"education", "skills", "experience", "awards", "certifications"},
    ),
}

# (file, lines of the left column, lines of the right column): every left line comes before every right line
COLUMNS = [
    ("deedy_two-column.pdf", ["Magna Cum Laude", "Defending Computer Networks", "AS3 • iOS • Android • MySQL"],
     ["FACEBOOK | SOFTWARE ENGINEER", "Led the development of QuickTongue", "[1] A. Jain, D. Das, and A. Saxena"]),
    ("altacv_sidebar.pdf", ["Job Title 1", "Project 2", "A short abstract would also work."],
     ["MY LIFE PHILOSOPHY", "Fantastic Achievement", "Ph.D. in Your Discipline", "Stanford University"]),
    ("chromium_two-column.pdf", ["Senior Software Engineer with 5+ years", "Real-time Transit Prediction App",
                                 "optimization capabilities"],
     ["UC Berkeley | 2019", "Microservices Architecture", "Observability"]),
]

# (file, entry line start, the date that must be on the same line)
SAME_LINE = [
    ("sb2nov_one-column.pdf", "Software Engineer", "Oct 2016 – Present"),
    ("sb2nov_one-column.pdf", "• Georgia Institute of Technology", "Atlanta, GA"),
    ("chromium_modern-single-column.pdf", "Senior Software Engineer", "Jan 2023 - Present"),
    ("chromium_two-column.pdf", "Senior Software Engineer", "Jan 2023 - Present"),
    ("awesome-cv_resume.pdf", "DevOps Engineer", "Sep. 2023 - Mar. 2024"),
    ("awesome-cv_cv.pdf", "Danggeun Pay Inc. (KarrotPay)", "Seoul, S.Korea"),
    ("rendercv_classic.pdf", "Nexus AI, Co-Founder & CTO", "San Francisco, CA"),
]

# running footers / page numbers that must be gone
ABSENT = [
    ("awesome-cv_resume.pdf", "Résumé"),
    ("awesome-cv_cv.pdf", "Curriculum Vitae"),
    ("rendercv_classic.pdf", "John Doe - 1/2"),
    ("rendercv_classic.pdf", "John Doe - 2/2"),
]

_cache: dict[str, object] = {}


def _doc(shared, name):
    if name not in _cache:
        _cache[name] = load_document(shared / "corpus" / "layouts" / name)
    return _cache[name]


def _lines(doc) -> list[str]:
    return [doc.text[ln.start : ln.end] for ln in doc.lines]


def _line_index(doc, prefix: str) -> int:
    for i, t in enumerate(_lines(doc)):
        if t.startswith(prefix):
            return i
    raise AssertionError(f"no line starts with {prefix!r} in {doc.source.name}")


@pytest.fixture(scope="module")
def layouts(shared_dir):
    d = shared_dir / "corpus" / "layouts"
    if not d.is_dir():
        pytest.skip("../shared/corpus/layouts is not present")
    return shared_dir


def test_every_layout_file_is_covered(layouts):
    pdfs = sorted(p.name for p in (layouts / "corpus" / "layouts").glob("*.pdf"))
    covered = set(EXPECTED) | {"awesome-cv_coverletter.pdf"}
    assert set(pdfs) <= covered, set(pdfs) - covered


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_headings_in_reading_order(layouts, name):
    doc = _doc(layouts, name)
    order, _ = EXPECTED[name]
    idx = [_line_index(doc, h) for h in order]
    assert idx == sorted(idx), list(zip(order, idx))
    for h, i in zip(order, idx):
        assert _lines(doc)[i].strip() == h  # the heading is a line of its own


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sections_detected(layouts, name):
    doc = _doc(layouts, name)
    _, must = EXPECTED[name]
    secs = detect_sections(doc)
    found = {s.name for s in secs}
    assert must <= found, (must - found, [(s.name, s.heading) for s in secs])
    # every detected heading is one of the page's real headings (no body line taken for a heading)
    order, _ = EXPECTED[name]
    for s in secs:
        if s.heading:
            assert s.heading in order, (name, s.heading)
    assert classify_document(doc, secs).is_resume


@pytest.mark.parametrize("name,left,right", COLUMNS, ids=[c[0] for c in COLUMNS])
def test_columns_not_interleaved(layouts, name, left, right):
    doc = _doc(layouts, name)
    li = [_line_index_containing(doc, s) for s in left]
    ri = [_line_index_containing(doc, s) for s in right]
    assert max(li) < min(ri), (li, ri)
    lines = doc.lines
    assert all(lines[i].column == 0 for i in li) and all(lines[i].column == 1 for i in ri)
    # one contiguous block per column on the page: once the right column starts, no left-column line follows
    page = lines[ri[0]].page
    cols = [ln.column for ln in lines if ln.page == page and ln.column is not None]
    switches = sum(1 for a, b in zip(cols, cols[1:]) if a != b)
    assert switches == 1, cols


def _line_index_containing(doc, s: str) -> int:
    for i, t in enumerate(_lines(doc)):
        if s in t:
            return i
    raise AssertionError(f"{s!r} not found in {doc.source.name}")


@pytest.mark.parametrize("name,entry,date", SAME_LINE, ids=[f"{n}:{e}" for n, e, _ in SAME_LINE])
def test_right_aligned_dates_stay_on_their_entry_line(layouts, name, entry, date):
    doc = _doc(layouts, name)
    line = _lines(doc)[_line_index(doc, entry + "\t")]
    assert line == f"{entry}\t{date}" or line.endswith("\t" + date), line


@pytest.mark.parametrize("name,text", ABSENT)
def test_running_footers_removed(layouts, name, text):
    assert text not in _doc(layouts, name).text


def test_page_counts(layouts):
    assert _doc(layouts, "awesome-cv_cv.pdf").source.pages == 5
    assert _doc(layouts, "rendercv_classic.pdf").source.pages == 2


def test_rendercv_matches_its_source(layouts):
    """rendercv_classic.truth.yaml is the structured source of the PDF: every position appears, in
    order, with its date range within the next two lines (the dates are a right-aligned strip)."""
    truth = yaml.safe_load((layouts / "corpus" / "layouts" / "rendercv_classic.truth.yaml").read_text("utf-8"))
    doc = _doc(layouts, "rendercv_classic.pdf")
    lines = _lines(doc)
    last = -1
    months = "Jan Feb Mar Apr May June July Aug Sept Oct Nov Dec".split()
    for entry in truth["cv"]["sections"]["experience"]:
        i = _line_index(doc, f"{entry['company']}, {entry['position']}")
        assert i > last
        last = i
        y, m = str(entry["start_date"]).split("-")[:2]
        start = f"{months[int(m) - 1]} {y}"
        assert any(ln.startswith(start) for ln in lines[i : i + 3]), (start, lines[i : i + 3])
        assert entry["location"] in lines[i]
    for edu in truth["cv"]["sections"]["education"]:
        assert edu["institution"] in doc.text


def test_cover_letter_is_flagged(layouts):
    doc = _doc(layouts, "awesome-cv_coverletter.pdf")
    verdict = classify_document(doc, detect_sections(doc))
    assert not verdict.is_resume and verdict.kind == "cover_letter"


def test_cover_letter_report_warns(layouts, analyzer_default):
    r = analyzer_default.analyze(layouts / "corpus" / "layouts" / "awesome-cv_coverletter.pdf", as_of="2026-06-30")
    assert not r.profile.is_resume
    assert any("cover letter" in w for w in r.warnings)
    assert not r.profile.positions


def test_rendercv_profile_positions_match_its_source(layouts, analyzer_default):
    """Each experience entry of rendercv_classic.truth.yaml is a position with its title, organisation,
    location and start, in order."""
    truth = yaml.safe_load((layouts / "corpus" / "layouts" / "rendercv_classic.truth.yaml").read_text("utf-8"))
    got = analyzer_default.analyze(layouts / "corpus" / "layouts" / "rendercv_classic.pdf", as_of="2026-06-30")
    assert [(p.title, p.organisation, p.location, p.dates.start.strftime("%Y-%m")) for p in got.profile.positions] == \
        [(e["position"], e["company"], e["location"], str(e["start_date"])) for e in truth["cv"]["sections"]["experience"]]
