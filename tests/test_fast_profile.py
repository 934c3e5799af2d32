"""More fast paths of the profile stage, each compared with the plain computation it replaces: on the
sample resumes (always present), on the dotin resumes when ../shared is there, and on generated strings."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer import profile as P
from analyzer.ingest import sections as S

ROOT = Path(__file__).resolve().parents[1]
DOTIN = ROOT.parent / "shared" / "eval" / "dotin" / "train.jsonl"

# characters and pieces that matter to the rules: spaces of several kinds, separators, degree words
_ALPHABET = st.sampled_from(list(" \t\n\u00a0\u2003•·-|,:;()/.'") + list("abemsBEMS19203") +
                            ["  ", "   ", " | ", "\n\n", "İ", "ı", "ſ", "\\xe2", "M.Sc.", "B.Tech", "Bachelor of",
                             "Master's in", "Ph.D", "MBA", "BS in", "MS", "High School", "Diploma", "2019", "1998",
                             "University", "Engineer", "Education"])
TEXT = st.lists(_ALPHABET, max_size=40).map("".join)


def _sample_texts() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    assert len(texts) >= 5  # the tests below must not run on nothing
    return texts


def _least(with_dotin: int, samples_only: int) -> int:
    """A lower bound for a count over :func:`_resume_texts`: larger when the dotin resumes are there."""
    return with_dotin if DOTIN.is_file() else samples_only


def _resume_texts() -> list[str]:
    """The samples, and the dotin resumes when ../shared is present."""
    texts = _sample_texts()
    if DOTIN.is_file():
        texts += [json.loads(x)["content"] for x in DOTIN.read_text("utf-8").splitlines() if x.strip()]
    return texts


def _degree_segments_reference(segs, starts):
    """Each segment in turn, kept when a degree may start in it (the loop _education_in had)."""
    out = []
    for k, (a, b, _seg) in enumerate(segs):
        here = None if starts is None else P._between(starts, a, b)
        if here != []:
            out.append((k, here))
    return out


def _check_degree_segments(text: str, lo: int, hi: int) -> int:
    segs = P._segments(text, lo, hi)
    starts = P._degree_starts(text[lo:hi], lo)
    got = P._degree_segments(segs, starts)
    assert got == _degree_segments_reference(segs, starts)
    return len(got)


@settings(max_examples=1500, deadline=None)
@given(TEXT, st.integers(0, 40), st.integers(0, 40))
def test_degree_segments_equal_a_look_at_every_segment(s, a, b):
    lo, hi = sorted((min(a, len(s)), min(b, len(s))))
    _check_degree_segments(s, lo, hi)
    _check_degree_segments(s, 0, len(s))


def test_degree_segments_on_resumes():
    from analyzer.ingest import document_from_text
    from analyzer.ingest.sections import detect_sections

    found = 0
    for text in _resume_texts():
        found += _check_degree_segments(text, 0, len(text))
        for s in detect_sections(document_from_text(text, name="<text>")):
            if s.name == "education":
                found += _check_degree_segments(text, s.start, s.end)
    assert found >= 10


_SPACES = re.compile(r"\s+")
_LETTER_SPACED = re.compile(r"(?:[a-z] ){3,}[a-z]")


def _normalise_heading_reference(line: str) -> str:
    """normalise_heading with a regex for its runs of white space and no pre-check before the letter-spacing
    test (what it was)."""
    s = line.strip()
    s = s[S._BULLET.match(s).end():]
    s = s.strip().rstrip(":").strip()
    s = _SPACES.sub(" ", s.replace("&", " & ")).strip().lower()
    if _LETTER_SPACED.fullmatch(s):
        s = s.replace(" ", "")
    if s not in S.heading_rules()[1]:
        s = s.replace(" & ", " and ")
    return s


HEADINGS = st.lists(st.sampled_from(list(" \t\u00a0\u2003\u2028\x1c\x85\u200b&:•-1.)") + list("aEiKxSſİ")
                                    + ["  ", "E X P E R I E N C E", "S K I L L S", "Work Experience", "SKILLS",
                                       "Education", "and", "&", "Projects", "Summary"]), max_size=14).map("".join)


@settings(max_examples=1500, deadline=None)
@given(HEADINGS)
def test_normalise_heading_equals_its_regex_form(s):
    assert S.normalise_heading(s) == _normalise_heading_reference(s)


def test_normalise_heading_on_resume_lines_and_headings():
    lines = [ln for t in _resume_texts() for ln in t.split("\n") if len(ln.strip()) <= 60]
    variants = [v for lit in S.heading_rules()[1]
                for v in (lit, lit.upper(), " ".join(lit.upper().replace(" ", "")), f"• {lit.title()}:",
                          lit.replace(" and ", " & ").title(), f" {lit}\u00a0\u00a0&  more ")]
    assert len(lines) > 100
    assert S.normalise_heading(" E X P E R I E N C E :") == "experience"
    for line in lines + variants:
        assert S.normalise_heading(line) == _normalise_heading_reference(line), line


def _title_word_strings() -> list[str]:
    """Resume lines and their fields (what the profile looks up), each twice, and the title vocabulary."""
    out = []
    for t in _resume_texts():
        for ln in t.split("\n"):
            out += [ln, ln.strip()] + [f.strip() for f in re.split(r"\s{2,}|\t|\|", ln)]
    return out + out[:500] + sorted(P._TITLE_WORDS.words) + ["Postdoctoral Fellow", "POSTDOC", "postdocs"]


def test_remembered_title_word_search_equals_the_search(monkeypatch):
    """The memo answers what the search answers, also for strings seen before and after it was emptied."""
    words = P._TITLE_WORDS
    monkeypatch.setattr(words, "MEMO_SIZE", 97)  # emptied many times over
    monkeypatch.setattr(words, "_memo", {})
    strings = _title_word_strings()
    assert len(strings) > 1000
    answers = [words.search(s) for s in strings]
    assert answers == [bool(words.pattern.search(s)) for s in strings]
    assert 0 < sum(answers) < len(answers)
    assert len(words._memo) <= 97


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["Engineer", "engineering", "LEAD", "lead-", "Head", "postdoc", "Postdoctoral", "VP",
                                 "İ", "ı", "ſ", "\u212a", " ", "_", "-", "/", "1", "x", "Co", "ltd"]), max_size=6).map("".join))
def test_remembered_title_word_search_on_generated_strings(s):
    words = P._TITLE_WORDS
    assert words.search(s) == bool(words.pattern.search(s))
    assert words.search(s) == bool(words.pattern.search(s))  # now from the memo


def test_remembered_heading_classification_equals_the_classification(monkeypatch):
    """classify_heading's memo answers what the classification answers (headings, their variants and every
    resume line, asked twice, the memo emptied many times over)."""
    monkeypatch.setattr(S, "_CLASSIFIED_MAX", 101)
    monkeypatch.setattr(S, "_CLASSIFIED", {})
    lines = [ln for t in _resume_texts() for ln in t.split("\n")]
    lines += [v for lit in S.heading_rules()[1] for v in (lit, lit.upper(), f"• {lit.title()}:", f"{lit.title()} Manager")]
    lines += lines[:400]
    answers = [S.classify_heading(ln) for ln in lines]
    assert answers == [S._classify_heading(ln) for ln in lines]
    assert sum(a is not None for a in answers) > 50 and None in answers
    assert len(S._CLASSIFIED) <= 101


@settings(max_examples=800, deadline=None)
@given(HEADINGS)
def test_remembered_heading_classification_on_generated_lines(s):
    assert S.classify_heading(s) == S._classify_heading(s)
    assert S.classify_heading(s) == S._classify_heading(s)  # now from the memo


def _pieces_reference(cands):
    pieces, tails = [], []
    for c in cands:
        first, *rest = P._TAB_FIELD.split(c)
        pieces += P._TITLE_ORG_SPLIT.split(first)
        tails += [t for t in (r.strip() for r in rest) if t]
    return pieces, tails


def test_header_fields_on_resume_lines():
    lines = [ln for t in _resume_texts() for ln in t.split("\n") if ln.strip()]
    assert sum("\t" in ln or "•" in ln for ln in lines) > 10
    for k in range(0, len(lines), 3):
        cands = lines[k:k + 3]
        assert P._pieces(cands) == _pieces_reference(cands)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["Engineer", "Acme", " at ", " @ ", ", ", ",", " | ", " - ", "-", " – ", "\t", "\t\t",
                                          " • ", "•", " · ", "·", " ", "Inc", "Boston, MA"]), max_size=8).map("".join),
                max_size=3))
def test_header_fields_on_generated_lines(cands):
    assert P._pieces(cands) == _pieces_reference(cands)


def _segments_by_one_scan(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """_segments as one scan of the region with the general cut pattern (what it was)."""
    out = []
    pos = lo
    for m in P._SEG_CUT.finditer(text, lo, hi):
        if m.start() > pos:
            out.append((pos, m.start(), text[pos:m.start()]))
        pos = m.end()
    if hi > pos:
        out.append((pos, hi, text[pos:hi]))
    return out


def test_only_the_space_is_a_printable_white_space_character():
    """_segments reads a printable line's cuts with a pattern for spaces only."""
    import sys

    assert [c for c in map(chr, range(sys.maxunicode + 1)) if re.match(r"\s", c) and c.isprintable()] == [" "]


def test_segments_equal_one_scan_on_resumes():
    from analyzer.ingest.sections import detect_sections_in_text

    found = 0
    for text in _resume_texts():
        for t in (text, P.layout_view(text)):
            got = P._segments(t, 0, len(t))
            assert got == _segments_by_one_scan(t, 0, len(t))
            found += sum(" | " in x[2] or "   " in t[x[1]:x[1] + 3] for x in got)
            for s in detect_sections_in_text(t):
                assert P._segments(t, s.start, s.end) == _segments_by_one_scan(t, s.start, s.end)
    assert found > _least(100, 3)  # cuts at runs of spaces and bars, not only at line breaks


# spaces, bars and line breaks above all (the fast path), some other white space (the general pattern)
_CUTS = st.lists(st.sampled_from([" ", "  ", "   ", "|", " | ", " |", "| ", "\n", "a", "b c", "Engineer", "\t",
                                  "\u00a0", "\u2003", "\x85", "\r"]), max_size=30).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_CUTS, st.integers(0, 60), st.integers(0, 60))
def test_segments_equal_one_scan_on_generated_strings(s, a, b):
    lo, hi = sorted((min(a, len(s)), min(b, len(s))))
    assert P._segments(s, lo, hi) == _segments_by_one_scan(s, lo, hi)
    assert P._segments(s, 0, len(s)) == _segments_by_one_scan(s, 0, len(s))


def _urls_reference(head: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in P.URL.finditer(head))[:5]


def test_urls_equal_the_plain_scan_on_resume_heads():
    heads = [t[:1500] for t in _resume_texts()]
    heads += [" ".join(f"see http://x{i}.io www.y{i}.org" for i in range(4)),  # more than 5
              "http://www.acme.com/linkedin.com/in/x github.com/jane", "Xhttp://a.b www.c github.com/d LinkedIn.com/e",
              "HTTPS://A.B\nWWW.C.D\tlinkedin.COM/in/e", "github.com linkedin.com/ www. http", "ſ http://x.io"]
    found = 0
    for head in heads:
        assert P._urls_in(head) == _urls_reference(head), head
        found += len(P._urls_in(head))
    assert found > 20


def _sections_in_text_by_every_line(text: str):
    """detect_sections_in_text as the classification of every line, not remembered, every check made."""
    from tests.test_fast_paths import _sections_in_text_reference

    return _sections_in_text_reference(text, S._classify_heading)


def test_sections_in_text_equal_every_line_classified_on_resumes(monkeypatch):
    """The pre-filtered lines are classified without the edge-word check and long ones not at all: the same
    sections as classifying every line (resumes and their flattened views; nothing remembered from elsewhere)."""
    monkeypatch.setattr(S, "_CLASSIFIED", {})
    found = 0
    for text in _resume_texts():
        for t in (text, P.layout_view(text), P.layout_view("  ".join(text.split("\n")))):
            S._CLASSIFIED.clear()
            got = S.detect_sections_in_text(t)
            assert got == _sections_in_text_by_every_line(t)
            found += len(got)
            # what the memo holds for a line is what the classification says
            assert all(v == S._classify_heading(k) for k, v in S._CLASSIFIED.items())
    assert found > _least(500, 60)


@settings(max_examples=1500, deadline=None)
@given(st.lists(HEADINGS | st.sampled_from(["x" * 58, " " * 3 + "Experience" + " " * 60, "Skills" + "x" * 60]),
                max_size=8).map("\n".join))
def test_sections_in_text_equal_every_line_classified_on_generated_text(text):
    S._CLASSIFIED.clear()
    assert S.detect_sections_in_text(text) == _sections_in_text_by_every_line(text)


def test_sections_in_text_find_letter_spaced_headings():
    """A first run of one letter leads to a heading only through a letter-spaced line, which the pre-filter
    keeps (and lines such as "A levels", "I. Education", "B.Tech" are classified as before)."""
    lines = ["Jane Roe", "1. E X P E R I E N C E:", "Acme  2019 - 2021", "E  X  P  E  R  I  E  N  C  E", "x",
             "• S K I L L S", "Python", "E X P", "A levels", "I. Education", "B.Tech, 2015", "E D U C A T I O N.",
             "a b c d e f", "W O R K  E X P E R I E N C E"]
    text = "\n".join(lines)
    S._CLASSIFIED.clear()
    got = S.detect_sections_in_text(text)
    assert got == _sections_in_text_by_every_line(text)
    assert [s.name for s in got].count("experience") >= 2 and "skills" in [s.name for s in got]


def _date_runs_reference(s: str) -> list[tuple[int, int]]:
    """The runs after a year and the runs after a connector, each from its own scan (what layout_view did)."""
    return sorted([m.span() for m in P._YEAR_RUN.finditer(s)] + [m.span() for m in P._RUN_AFTER_CONNECTOR.finditer(s)])


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "   ", "\n", "\t", "19", "20", "2019", "1949", "\u0663", "to", "TO", "till",
                                 "through", "thru", "-", "–", "—", "x", "Jan", "2019 to  ", "to  2019"]), max_size=25)
       .map("".join))
def test_date_runs_equal_the_two_scans(s):
    assert [m.span() for m in P._DATE_RUN.finditer(s)] == _date_runs_reference(s)


def test_date_runs_and_layout_view_on_resumes():
    from tests.test_fast_paths import _layout_view_reference

    found = 0
    for text in _resume_texts():
        for t in (text, "  ".join(text.split("\n"))):
            runs = [m.span() for m in P._DATE_RUN.finditer(t)]
            assert runs == _date_runs_reference(t)
            found += len(runs)
            assert P.layout_view(t) == _layout_view_reference(t)
    assert found > _least(100, 15)


def _contact_name_reference(head: str):
    """The name line of find_contact, every line split into all its words (what it was)."""
    for line in head.split("\n", 5)[:5]:
        t = line.strip()
        if 1 < len(t.split()) <= 4 and all(w[:1].isupper() for w in t.split()) and ("@" not in t or not P.EMAIL.search(t)) \
                and not P._DIGIT.search(t) and P.find_heading_free(t):
            return t
    return None


def _contact_name(text: str):
    from analyzer.ingest import document_from_text

    return P.find_contact(document_from_text(text, name="x"), ()).name


def test_contact_name_equals_the_all_words_form_on_resumes():
    texts = _resume_texts()
    texts += [" ".join(t.split()) for t in texts[:20]]  # flattened: the first line is the whole head
    names = 0
    for text in texts:
        assert _contact_name(text) == _contact_name_reference(text[:1500]), text[:80]
        names += _contact_name(text) is not None
    assert names > _least(20, 4)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["Jane", "Roe", "Ann", "Lee", "x", " ", "  ", "\t", "\u00a0", "\n", "Engineer", "Skills",
                                 "a@b.io", "1"]), max_size=14).map("".join))
def test_contact_name_equals_the_all_words_form_on_generated_heads(head):
    assert _contact_name(head) == _contact_name_reference(head[:1500])
