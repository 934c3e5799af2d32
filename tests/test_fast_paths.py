"""The fast code paths of the profile and section readers give what the plain regular expressions
they replace give (string methods and case-sensitive scans of lower-cased text instead of ``re.I``,
searches restricted to where a match may start). Each test states the slow reference and compares
on generated strings, so a later edit to one side cannot drift from the other."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from analyzer import profile as P
from analyzer.ingest import sections as S

# characters that matter to the rules: spaces of several kinds, bullets, separators, digits, letters
_ALPHABET = st.sampled_from(list(" \t\n\u00a0\u2003•·-*▪►◦‣●|,:–—;()[]\\x.'/") + list("abemsBEMSKk19203") +
                            ["  ", "   ", " | ", "Engineer", "Ltd", "Resume", "İ", "ı", "ſ", "\u212a",
                             "M.Sc.", "B.Tech", "Bachelor of", "Master's in", "Ph.D", "MBA", "BS in",
                             "2019", "1998", "Present", "Jan 2019", "EXPERIENCE", "Education", "Skills",
                             "Intern", "TRAINEE", "Team Lead", "VP", "Head"])
TEXT = st.lists(_ALPHABET, max_size=40).map("".join)

_TITLE_EDGES = re.compile(r"^[\s•·\-*▪►◦‣●|,]+|[\s•·\-*▪►◦‣●|,:–—]+$")
_TITLE_LEAD = re.compile(r"^[\s:;]+")


def _clean_title_reference(s: str) -> str:
    if "\\x" in s or "[" in s or "(" in s:
        s = P._TITLE_DEBRIS.sub(" ", s)
    s = _TITLE_LEAD.sub("", _TITLE_EDGES.sub("", s))
    s = _TITLE_EDGES.sub("", s)
    return P._MULTI_SPACE.sub(" ", s).strip()


@settings(max_examples=800, deadline=None)
@given(TEXT)
@example(":\u00a0:Engineer")
@example("•\u2003• Engineer \u00a0: –")
@example(": ; Engineer\t\tLtd")
def test_clean_title_equals_its_regex_form(s):
    assert P._clean_title(s) == _clean_title_reference(s)


_SEG_SPLIT = re.compile(r"(\s{3,}|\s+\|\s+)")
_SEG_SEP = re.compile(r"\s{3,}|\s+\|\s+")


def _segments_reference(text, lo, hi):
    out = []
    for la, _lb, line in P._lines(text, lo, hi):
        pos = 0
        for part in _SEG_SPLIT.split(line):
            if part and not _SEG_SEP.fullmatch(part):
                out.append((la + pos, la + pos + len(part), part))
            pos += len(part)
    return out


@settings(max_examples=800, deadline=None)
@given(TEXT, st.integers(0, 40), st.integers(0, 40))
def test_segments_equal_line_by_line_splitting(s, a, b):
    lo, hi = sorted((min(a, len(s)), min(b, len(s))))
    assert P._segments(s, lo, hi) == _segments_reference(s, lo, hi)


@settings(max_examples=800, deadline=None)
@given(TEXT)
def test_lowered_patterns_answer_as_case_insensitive_ones(s):
    for fast in (P._TITLE_WORDS, P._ORG_WORDS, P._NOT_TITLE, P._INTERN, P._LEAD_TITLE_STRICT):
        assert fast.search(s) == bool(fast.pattern.search(s)), fast.pattern.pattern[:40]


@settings(max_examples=800, deadline=None)
@given(TEXT)
def test_degree_search_at_candidate_starts_equals_full_search(s):
    starts = P._degree_starts(s, 0)
    if starts is None:
        return
    assert list(P.degree_matches(s, starts)) == list(P.degree_matches(s))


def _classify_reference(line: str):
    """classify_heading with its pre-filter switched off (and not from its memo)."""
    saved = S._may_be_heading
    S._may_be_heading = lambda _s: True
    try:
        return S._classify_heading(line)
    finally:
        S._may_be_heading = saved


def _heading_variants():
    out = []
    for lit in S.heading_rules()[1]:
        out += [lit, lit.upper(), lit.title(), f"• {lit.title()}:", f"1. {lit.upper()}", " ".join(lit.upper().replace(" ", "")),
                lit.replace(" and ", " & ").title(), f"Professional {lit.title()}", f"{lit.upper()} (10 years)",
                f"Law Library {lit.title()}", f"{lit} of mine.", f"{lit.title()} Manager", f"Senior Engineer {lit}"]
    return out


def test_heading_prefilter_keeps_every_heading():
    for line in _heading_variants():
        assert S.classify_heading(line) == _classify_reference(line), line


@settings(max_examples=800, deadline=None)
@given(TEXT)
def test_heading_prefilter_on_any_line(s):
    assert S.classify_heading(s) == _classify_reference(s)


def _layout_view_reference(text: str) -> str:
    if "  " not in text:
        return text
    out = list(text)
    pos = 0
    for line in text.split("\n"):
        flat = len(line) >= P.FLAT_LINE
        for m in re.finditer(r" {2,}", line):
            a, b = pos + m.start(), pos + m.end()
            year_end = a > 0 and text[a - 1].isdigit() and re.search(r"(?<!\d)(?:19|20)\d\d$", text[max(0, a - 4):a])
            if year_end and P._DATE_START.match(text, b):
                out[a:b] = list(" -" + " " * (b - a - 2))
            elif year_end and P._CONNECTOR.match(text, b):
                pass
            elif re.search(r"(?:19|20)\d\d\s*(?:\b(?:to|till|until|through|thru)|[-–—])$", text[max(0, a - 16):a], re.I) \
                    and P._DATE_START.match(text, b):
                pass  # "2003 to  2007": a range whose second point a run parts from its connector
            elif flat and m.start() > 0:
                out[a] = "\n"
        pos += len(line) + 1
    return "".join(out)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["  ", "   ", " ", "\n", "2019", "2006", "Present", "to", "May 2009", "Jan",
                                 "Engineer", "x" * 60, "12/2019", "-", "now", "till", "–", "04-09-2003"]),
                max_size=60).map("".join))
@example("x" * 200 + "  from 04-09-2003 to  19-12-2007  (4 years)  " + "y" * 20)
@example("x" * 200 + "  2003 –  Present  " + "y" * 20)
def test_layout_view_equals_run_by_run_form(s):
    assert P.layout_view(s) == _layout_view_reference(s)


def test_sections_in_text_equal_sections_of_a_plain_document():
    from analyzer.ingest import document_from_text

    text = "Jane Roe\nEngineer\n\nWORK EXPERIENCE\nAcme  2019 - Present\n\n  Education:\nBSc Physics\nSkills & Tools\nPython"
    assert S.detect_sections_in_text(text) == S.detect_sections(document_from_text(text, name="x"))


CONTACT = st.lists(st.sampled_from(["a", "b.c", "+", "-", "@", "x.io", " ", "\n", "1", "23", "555", "(555)", "+1 ",
                                    "123-4567", ".", "http://", "WWW.", "LinkedIn.com/", "github.com/x", "ſ", "İ",
                                    "ı", "\u212a", "Jane", "mail: "]), max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(CONTACT)
def test_contact_searches_equal_plain_searches(head):
    def span(m):
        return m.span() if m else None

    assert span(P._email_in(head)) == span(P.EMAIL.search(head))
    assert span(P._phone_in(head)) == span(P.PHONE.search(head))
    assert P._urls_in(head) == tuple(m.group(0) for m in P.URL.finditer(head))[:5]


DATES = st.lists(st.sampled_from(["Jan", "jan.", "September", "Sept", "Summer", "fall", "Winter", "since", "From", "to",
                                  "FEB", "March", "apr", "May", "June", "Jul", "aug", "Oct", "nov", "Dec", "spring",
                                  "Autumn", "jun", "ju", "ma", "si", "mark",
                                  " ", "  ", "-", "–", "/", ",", "'", "2019", "1998", "12", "03", "present", "Till Date",
                                  "x", "ſ", "Now", "20", "19", " onwards", "Onward", "ONWARDS"]), max_size=25).map("".join)


@settings(max_examples=1500, deadline=None)
@given(DATES)
def test_range_patterns_equal_their_forms_without_the_first_character_look_ahead(s):
    from analyzer import dates as D

    plain = re.compile(D.RANGE_RE.pattern.replace(D._FIRST3 + "(?:", "(?:", 1), re.I)
    assert plain.pattern != D.RANGE_RE.pattern
    assert [m.span() for m in D.RANGE_RE.finditer(s)] == [m.span() for m in plain.finditer(s)]
    season = re.compile(D.SEASON_ALONE_RE.pattern.replace("(?=[sfaw])", "", 1), re.I)
    assert season.pattern != D.SEASON_ALONE_RE.pattern
    assert [m.span() for m in D.SEASON_ALONE_RE.finditer(s)] == [m.span() for m in season.finditer(s)]


CHARS = st.text(alphabet=st.sampled_from(list("ab \t\n\r\x00\x07\x7f\x85\x9f\u2028\u200b\ue000\uf0b7\uf0a7\U000f0001•●☎✉📱✓©®™½Ⅻ①\u00ad\u0301é…–")),
                max_size=30)


@settings(max_examples=1500, deadline=None)
@given(CHARS)
def test_character_clean_up_equals_its_per_character_form(s):
    import unicodedata

    from analyzer.ingest import normalise as N
    from analyzer.ingest.text import clean_text

    pua = "".join(("•" if c in N._PUA_BULLETS else " ") if (0xE000 <= ord(c) <= 0xF8FF or 0xF0000 <= ord(c)) else c
                  for c in s)
    assert N._strip_pua(s) == pua
    icons = "".join(" " if (unicodedata.category(c) == "So" and c not in N._BULLET_CHARS and not c.isalnum()) else c
                    for c in s)
    assert N._drop_icons(s) == icons
    t = s.replace("\r\n", "\n").replace("\r", "\n")
    assert clean_text(s) == "".join(ch if (ch.isprintable() or ch in "\n\t") else " " for ch in t)


def _normalise_line_reference(s: str, pdf: bool) -> str:
    import unicodedata

    from analyzer.ingest import normalise as N

    if "(cid:" in s:
        s = N._CID.sub("", s)
    s = s.translate(N._INVISIBLE)
    s = N._strip_pua(s)
    s = s.replace("\u00ad", "-" if pdf else "")
    s = unicodedata.normalize("NFKC", s)
    s = s.replace("\r", " ").replace("\n", " ")
    s = N._drop_icons(s)
    s = N._STRAY_MARKS.sub(r"\1", s)
    parts = [N._SPACES.sub(" ", p).strip() for p in s.split("\t")]
    s = "\t".join(p for p in parts if p)
    m = N._LEAD_BULLET.match(s)
    if m and (m.group(1) not in "-–—*" or m.group(0).endswith(" ")):
        s = "• " + s[m.end():].lstrip()
    return s


# with the characters of the fast paths: lines whose only non-ASCII characters are bullets, dashes, quotes
# and "…" (NFKC only), spaces that NFKC or the space rule change, a sign NFKC turns into combining marks
LINES = st.text(alphabet=st.sampled_from(list("ab C-*•● \t\r\n\u00a0\u2003\u200b\u00ad\u0301\ufb01\uf0b7☎é(cid:12)"
                                              "…–—‘’“”·▪\u2007\u3000\u0385\u2028")),
                max_size=30)


@settings(max_examples=1500, deadline=None)
@given(LINES, st.booleans())
def test_normalise_line_equals_its_full_form(s, pdf):
    from analyzer.ingest.normalise import normalise_line

    assert normalise_line(s, pdf=pdf) == _normalise_line_reference(s, pdf)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(list("ab \u00a0\t\n•") + ["   ", "\u00a0\u00a0\u00a0", " \u00a0 "]),
                max_size=40).map("".join))
@example("Engineer\u00a0\u00a0\u00a02019 - 2021")
@example("Engineer \u00a0 2019 - 2021")
def test_file_text_alignment_pre_check(s):
    from analyzer.ingest.normalise import normalise_line
    from analyzer.ingest.text import _ALIGN, clean_text, join_paragraphs, normalise_file_text

    lines = [normalise_line(_ALIGN.sub("\t", ln)) for ln in clean_text(s).split("\n")]  # no pre-check
    assert normalise_file_text(s) == join_paragraphs(lines)


def test_per_object_cache_is_keyed_by_identity():
    from analyzer.util import PerObject

    built = []
    cache = PerObject(lambda a, b: built.append((a, b)) or len(built), size=2)
    x, y = [1], [1]  # equal, not the same object
    assert cache(x, y) == cache(x, y) == 1
    assert cache(y, x) == 2 and cache(x, x) == 3  # a new pair of objects is built anew
    assert cache(x, y) == 4  # the size bound dropped the old entries
    cache.clear()
    assert cache(x, y) == 5


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([".", "!", "?", "\n", "\r", " ", "a", "..", "\u2029", "\x0b"]), max_size=4).map("".join))
@example(".\n")
@example("\n.")
def test_context_boundary_equals_its_regex_form(s):
    from analyzer.nlp import components as C

    assert C._is_boundary(s) == bool(C._BOUNDARY.search(s))


def _sample_lines() -> list[str]:
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "samples"
    return [ln for p in sorted(root.glob("*.txt")) for ln in p.read_text("utf-8").split("\n")]


def _may_be_heading_reference(stripped: str) -> bool:
    words = S._ALPHA.findall(stripped.lower())
    if not words:
        return False
    first, last = S._edge_words()
    return words[0] in first or words[-1] in last or len(words[0]) == 1


@settings(max_examples=800, deadline=None)
@given(TEXT)
def test_heading_prefilter_equals_its_findall_form(s):
    assert S._may_be_heading(s) == _may_be_heading_reference(s)


def test_heading_prefilter_equals_its_findall_form_on_resume_lines():
    lines = _sample_lines() + _heading_variants()
    assert sum(map(S._may_be_heading, lines)) > 10
    for line in lines:
        assert S._may_be_heading(line.strip()) == _may_be_heading_reference(line.strip()), line


# _TITLE_WORDS as it was written as one alternation
_TITLE_WORDS_REFERENCE = re.compile(
    r"\b(engineer|developer|scientist|analyst|manager|director|lead|head|consultant|architect|"
    r"intern|researcher|officer|specialist|administrator|designer|chef|accountant|cook|"
    r"associate|assistant|president|founder|cto|ceo|vp|programmer|technician|professor|"
    r"lecturer|executive|coordinator|supervisor|owner|partner|trainee|teacher|nurse|"
    r"attorney|lawyer|solicitor|paralegal|counsel|advis[eo]r|representative|worker|producer|"
    r"writer|copywriter|editor|clerk|agent|operator|instructor|tutor|counsell?or|principal|"
    r"dean|provost|estimator|fellow|postdoc\w*|secretary|receptionist|cashier|mechanic|"
    r"electrician|pharmacist|therapist|physician|auditor|controller|planner|buyer|strategist|"
    r"technologist|tester|trainer|coach|chair|chairman|chairperson|contractor|freelancer?|"
    r"professional|sitter|leadman|foreman|advertiser|volunteer|member|student|"
    r"sdet|smts|cfo|coo|cio|cmo|leader|contributor)\b", re.I)
# every run of letters in that pattern, with the spellings of its optional letters, and near misses
_TITLE_VOCAB = sorted({w for w in re.findall(r"[a-z]+", _TITLE_WORDS_REFERENCE.pattern) if len(w) > 1}
                      | {"adviser", "advisor", "adviseR", "counselor", "counsellor", "freelance", "Freelancer",
                         "postdoc", "postdocs", "Postdoctoral", "postdo", "leads", "sub-lead", "co_lead", "vp2",
                         "İntern", "ınterns", "\u212aey", "ſtudent", "chairpersons", "engineering"})


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_TITLE_VOCAB + [" ", "-", "_", "1", ".", "/", "é", "x"]), max_size=8).map("".join))
def test_title_words_set_lookup_equals_the_alternation(s):
    assert P._TITLE_WORDS.search(s) == bool(_TITLE_WORDS_REFERENCE.search(s))
    assert P._TITLE_WORDS.search(s) == bool(P._TITLE_WORDS.pattern.search(s))


def test_title_words_set_lookup_on_resume_lines():
    lines = _sample_lines()
    assert sum(map(P._TITLE_WORDS.search, lines)) > 10
    for w in _TITLE_VOCAB:
        assert P._TITLE_WORDS.search(w) == bool(_TITLE_WORDS_REFERENCE.search(w)), w
    for line in lines:
        assert P._TITLE_WORDS.search(line) == bool(_TITLE_WORDS_REFERENCE.search(line)), line


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "   ", "\n", "\t", "\u00a0", "|", " | ", "a", "b c", "\r", "\x0b"]),
                max_size=30).map("".join))
def test_segment_cut_equals_its_alternation(s):
    plain = re.compile(r"[^\S\n]{3,}|[^\S\n]+\|[^\S\n]+|\n")
    assert [m.span() for m in P._SEG_CUT.finditer(s)] == [m.span() for m in plain.finditer(s)]
    assert [m.span() for m in P._SEG_CUT.finditer(s, 2, len(s) - 1)] == [m.span() for m in plain.finditer(s, 2, len(s) - 1)]


_BODY_VOCAB = ["led", "Lead", "leading", "managed", "built and led", "team", "Teams", "engineers", "people", "group",
               "AI", "a.i.", "ML", "mlops", "machine learning", "Data Scientists", "nlp", "neural", "predictive",
               "project lead", "Tech Lead", "technical leader", "scrum lead", "as", "as the", "as a", "for", "the first",
               "12", "two", "months", "years", "•", "- ", " ", "  ", "\n", ".", ";", "x", "my", "_", "İ", "ſ", "\u212a"]


def _body_answers(text: str):
    import datetime as dt

    from analyzer.types import DateRange

    low = P._lower_same(text)
    dates = DateRange(start=dt.date(2010, 1, 1), end=dt.date(2019, 12, 31), current=False, text="", start_offset=0,
                      end_offset=0)
    return (bool(P.LEAD_BULLET.search(text)), bool(P.AI_TERMS.search(text)), P.lead_period(text, 0, len(text), dates),
            low is not None and P._body_terms(low))


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_BODY_VOCAB), max_size=14).map(" ".join))
@example("• Team lead for 2 years")
@example("Served 18 months as the project lead")
def test_body_terms_scan_is_a_necessary_condition(s):
    for text in (s, s.replace(" ", "")):
        lead, ai, period, hint = _body_answers(text)
        if P._lower_same(text) is not None and not hint:
            assert not lead and not ai and period is None, text


def test_body_terms_scan_on_resume_text():
    hits = 0
    for line in _sample_lines() + ["• Team lead for 2 years", "Served 18 months as the project lead", "Led a team of 4"]:
        lead, ai, period, hint = _body_answers(line)
        hits += hint
        if not hint:
            assert not lead and not ai and period is None, line
    assert hits > 5


_RUNS = st.lists(st.sampled_from([" ", "  ", "   ", "\n", "\t", "1", "2", "9", "0", "19", "20", "2019", "1999", "1949",
                                  "x", "\u0663", "-"]), max_size=30).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_RUNS)
def test_layout_runs_equal_their_plain_patterns(s):
    year_run = re.compile(r"(?:19|20)\d\d( {2,})")
    assert [m.span() for m in P._YEAR_RUN.finditer(s)] == [m.span(1) for m in year_run.finditer(s)]
    run_start = re.compile(r" (?= )(?<=[^ \n] )")
    assert P._RUN_START.sub("\n ", s) == run_start.sub("\n", s)


@settings(max_examples=2000, deadline=None)
@given(DATES)
@example("May 2014 onwards")
@example("Jan 2019 - Present")
def test_range_pattern_without_onwards_matches_the_same_where_no_onward_is(s):
    """dates._RANGE_RE_FAST (read when a text holds no "nw" in any case) finds what RANGE_RE finds there."""
    from analyzer import dates as D

    assert D._RANGE_RE_FAST.pattern != D.RANGE_RE.pattern and "onwards" not in D._RANGE_RE_FAST.pattern
    if re.search("nw", s, re.I) is None:
        assert [m.span() for m in D._RANGE_RE_FAST.finditer(s)] == [m.span() for m in D.RANGE_RE.finditer(s)], s
    else:
        assert D._range_re(s) is D.RANGE_RE


def test_range_pattern_without_onwards_on_resume_lines():
    """The same on every line of the sample files and (when present) the dotin resumes and the layout corpus
    (:func:`_file_texts`)."""
    from analyzer import dates as D

    n = 0
    for text in _file_texts():
        for line in text.split("\n"):
            if re.search("nw", line, re.I) is None:
                n += 1
                assert [m.span() for m in D._RANGE_RE_FAST.finditer(line)] == [m.span() for m in D.RANGE_RE.finditer(line)]
    assert n > 100


def test_range_pattern_look_ahead_keeps_every_month_season_and_opening_word():
    from analyzer import dates as D

    plain = re.compile(D.RANGE_RE.pattern.replace(D._FIRST3 + "(?:", "(?:", 1), re.I)
    words = [*D.MONTHS, *D.SEASONS, "since", "from"]
    for w in words + [w.upper() for w in words] + [w.title() + "." for w in words]:
        for s in (f"{w} 2019 - {w} 2020", f"{w} - {w} 2019", f"{w} '19 - now", f"1st {w} 2002 - 6th {w} 2004", f"{w} 2015"):
            assert [m.span() for m in D.RANGE_RE.finditer(s)] == [m.span() for m in plain.finditer(s)], s


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\t", "\u00a0", ",", ", ", "at", "At", "@", "|", "–", "—", "-", "A", "a",
                                 "Acme", "Engineer", "x"]), max_size=25).map("".join))
def test_title_org_split_equals_its_alternation(s):
    plain = re.compile(r"\s+(?:at|@)\s+|\s[|–—]\s|,\s(?=[A-Z])|\s-\s")
    assert P._TITLE_ORG_SPLIT.split(s) == plain.split(s)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["Spring", "summer", "FALL", "Autumn", "winter", "ſpring", "İ", "ı", "\u212a", "sprıng",
                                 "fal", "wınter", " ", "  ", "2019", "1998", "-", "x", "Summer2019"]), max_size=8).map("".join))
@example("ſpring 2019")
@example("Wınter 2019")
@example("FALL  1998")
def test_season_word_check_is_a_necessary_condition(s):
    from analyzer import dates as D

    if D.SEASON_ALONE_RE.search(s):
        assert D._may_name_season(s), s


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["Jan", "may", "Summer", "since", "to", "-", " ", "  ", "/", " / ", "'", "’", "'0",
                                 "2019", "1998", "1949", "12", "08", "3", "\u0663\u0665", "present", "Now", "1st", ",",
                                 ".", "20", "19", "201", "x", " onwards"]), max_size=12).map("".join))
@example("8/08 to 1/09")
@example("Jan ’\u0661\u0669 - now")
@example("20122016")
def test_range_hint_is_a_necessary_condition(s):
    from analyzer import dates as D

    if D.RANGE_RE.search(s) or D.SEASON_ALONE_RE.search(s):
        assert D._RANGE_HINT.search(s), s
    assert list(D.find_ranges(s, __import__("datetime").date(2020, 1, 1))) == _find_ranges_reference(s)


def _find_ranges_reference(text):
    """find_ranges without its pre-checks."""
    import datetime as dt

    from analyzer import dates as D

    as_of, out, taken = dt.date(2020, 1, 1), [], []
    for m in D.RANGE_RE.finditer(text):
        r = D._from_match(m, as_of, 0)
        taken.append((m.start(), m.end()))
        if r is not None:
            out.append(r)
    for m in D.SEASON_ALONE_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        r = D.parse_range(m.group(0), as_of)
        if r is not None:
            out.append(D.DateRange(r.start, r.end, r.current, r.text, m.start(), m.end()))
    return out


def test_whitespace_set_holds_every_whitespace_character():
    import sys

    assert set(P._WHITESPACE) == {ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace()}


def _split_title_org_reference(pieces):
    parts = [q for q in map(P._clean_title, pieces) if q]
    if not parts:
        return None, None
    titled = [bool(P._TITLE_WORDS.pattern.search(p)) for p in parts]
    title = next((p for p, t in zip(parts, titled) if t and not P._ORG_WORDS.pattern.search(p)),
                 next((p for p, t in zip(parts, titled) if t), parts[0]))
    other = next((p for p in parts if p != title), None)
    return title[:120], (other[:120] if other is not None else None)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["Engineer", "Acme Ltd", "Senior Engineer, Acme Inc", "Head of Sales", "University",
                                 "Analyst Solutions", "Boston", "", " ", "• ", "Manager", "x" * 130 + " engineer"]),
                max_size=5))
def test_title_choice_equals_its_list_form(pieces):
    assert P._split_title_org([], pieces) == _split_title_org_reference(pieces)


def _sections_in_text_reference(text, classify=None):
    """detect_sections_in_text as the classification of every line (``classify``: classify_heading, or another
    form of it)."""
    classify = classify or S.classify_heading
    heads, pos = [], 0
    for line in text.split("\n"):
        hit = classify(line)
        if hit is not None:
            heads.append(S._head(pos, line, hit))
        pos += len(line) + 1
    return S._sections_from_heads(text, heads)


_HEADING_LINES = st.lists(st.sampled_from(
    ["Experience", "EDUCATION", "Skills", "• Work History:", "1. Projects", "E X P E R I E N C E", "Professional Experience",
     "Technical Skills & Tools", "Senior Engineer", "Acme Ltd  2019 - 2021", "Summary.", "ATTORNEY EXPERIENCE.", "x", "a",
     "Languages\tKorean", "İstanbul", "Ѕkills", "ſkills", "\u212aey Skills", "ΣΑΣ", "", " ", "  ", "   Education", "Awards  ",
     "certifications", "Publications and Presentations", "References available", "The end"]), max_size=12)


@settings(max_examples=1500, deadline=None)
@given(_HEADING_LINES.map("\n".join))
def test_sections_in_text_equal_their_line_by_line_form(text):
    assert S.detect_sections_in_text(text) == _sections_in_text_reference(text)


def test_sections_in_text_equal_their_line_by_line_form_on_resume_text():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "samples"
    texts = [p.read_text("utf-8") for p in sorted(root.glob("*.txt"))]
    for text in texts + [P.layout_view("  ".join(t.split("\n"))) for t in texts]:
        assert S.detect_sections_in_text(text) == _sections_in_text_reference(text)
    assert sum(len(S.detect_sections_in_text(t)) for t in texts) > 10


def _body_terms_reference(low: str) -> bool:
    role = re.compile(r"\b" + P._LEAD_ROLE)
    return bool(P._AI_TERMS_LC.search(low) or P._LEAD_BULLET_LC.search(low) or role.search(low))


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(sorted(set(_BODY_VOCAB) | {w for w in re.findall(
    r"[a-z]+", P.AI_TERMS.pattern + P.LEAD_BULLET.pattern + P._LEAD_ROLE) if len(w) > 1} | {
    "scientist", "data science", "data  scien", "deep", "vision", "a.i", "mls", "analytic", "team  lead", "tech\tlead",
    "workstream lead", "oversees"})), max_size=10).map(" ".join))
def test_body_terms_equal_the_three_patterns(s):
    for text in (s, s.replace(" ", ""), s.replace(" ", ".")):
        low = text.lower()
        assert P._body_terms(low) == _body_terms_reference(low), low


def test_body_terms_equal_the_three_patterns_on_resume_text():
    lines = _sample_lines()
    assert sum(P._body_terms(line.lower()) for line in lines) > 5
    for line in lines:
        assert P._body_terms(line.lower()) == _body_terms_reference(line.lower()), line


def _degree_starts_reference(region):
    plain = re.compile(r"\b(?=[abdeghijlmpsu1])(?=" + P._ANY_DEGREE.pattern.replace(P._DEG_TAIL, "").replace(r"\b(", "(")
                       + ")")
    low = P._lower_same(region)
    return None if low is None else [m.start() for m in plain.finditer(low)]


_DEGREE_WORDS = ["M.Sc.", "MSc", "B.Tech", "Bachelor of", "Bachelor's", "Master's in", "Masters,", "Ph.D", "PhD", "MBA", "BS in",
                 "BE", "MS", "MA", "BA", "B.Com", "BCA", "12th", "10th", "A-Levels", "GED", "High School", "HSC", "SSC",
                 "Diploma", "Diploma in Engineering", "Associate Degree", "Associate of Arts", "A.A.S.", "J.D.", "Dr. rer. nat.",
                 "Ed.D.", "D.Phil", "Post Graduate Diploma", "PGDM", "Intermediate in", "Undergraduate Degree", "M.Phil",
                 "MRes", "B.Pharm", "doctorate", "Licenciatura", "mass", "bass", "ham", "x", " ", "  ", ".", ",", "-", "(",
                 "\n", "1", "é", "İ", "_"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_DEGREE_WORDS), max_size=12).map("".join))
def test_degree_starts_equal_their_plain_pattern(s):
    assert P._degree_starts(s, 0) == _degree_starts_reference(s)
    assert P._degree_starts(s, 7) == (None if _degree_starts_reference(s) is None
                                      else [7 + c for c in _degree_starts_reference(s)])


def test_degree_starts_equal_their_plain_pattern_on_resume_text():
    text = "\n".join(_sample_lines())
    assert len(P._degree_starts(text, 0)) > 5
    assert P._degree_starts(text, 0) == _degree_starts_reference(text)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "   ", "\t", "\u00a0", "|", " | ", "||", "a", "Acme", "\n"]), max_size=20)
       .map("".join))
def test_field_separator_equals_its_alternation(s):
    plain = re.compile(r"\s*\|\s*|\s{2,}")
    assert P._FIELD_SEP.sub(" | ", s) == plain.sub(" | ", s)


def test_month_ends_equal_the_calendar():
    import calendar
    import datetime as dt

    from analyzer import dates as D

    for year in (1950, 1999, 2000, 2019, 2020, 2023, 2024, 2100):
        for month in range(1, 13):
            assert D._month(year, month, True) == dt.date(year, month, calendar.monthrange(year, month)[1])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.dates(min_value=__import__("datetime").date(1990, 1, 1),
                                   max_value=__import__("datetime").date(2100, 1, 1)),
                          st.integers(-5, 4000)), max_size=6))
def test_merged_years_equal_their_date_form(spans):
    import datetime as dt

    from analyzer import dates as D
    from analyzer.types import DateRange

    ranges = [DateRange(start=a, end=a + dt.timedelta(days=n), current=False, text="", start_offset=0, end_offset=0)
              for a, n in spans]
    iv = sorted((r.start, r.end) for r in ranges if r.end >= r.start)
    total, cur = 0, None
    for a, b in iv:
        if cur is None:
            cur = [a, b]
        elif a <= cur[1] + dt.timedelta(days=1):
            cur[1] = max(cur[1], b)
        else:
            total += (cur[1] - cur[0]).days + 1
            cur = [a, b]
    if cur is not None:
        total += (cur[1] - cur[0]).days + 1
    assert D.merge_years(ranges) == round(total / 365.25, 2)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["Born", "born on ", "BIRTH", "Date of Birth: ", "D.O.B.", "dob", "d.o.b", "15", "15th ",
                                 "April ", "1990", " ", "  ", ":", "-", "x", "İ", "ſ"]), max_size=8).map("".join))
def test_birth_search_needs_a_b(s):
    if P._BIRTH.search(s):
        assert "b" in s or "B" in s


@settings(max_examples=2000, deadline=None)
@given(DATES)
@example("18/06/2014 - Present")
@example("Jan - Mar 2011")
@example("20122016")
@example("Jan '19 - now")
@example("since May 2019")
def test_range_kind_from_the_last_group(s):
    from analyzer import dates as D

    for m in D.RANGE_RE.finditer(s):
        if m.group("since") is None and m.group("onwards") is None:
            assert D._START_OF[m.lastgroup] == next(k for k in D._KINDS if m.group(k) is not None), s


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["1", "2", "9", "0", "5", "19", "20", "1955", "2019", "1949", "\u0661", "\n", " ", "-", "a"]),
                max_size=14).map("".join))
def test_education_years_equal_their_look_behind_form(s):
    plain = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
    assert P._EDU_YEAR.findall(s) == plain.findall(s)


# --------------------------------------------------------------------------- plain-text files, whole text at once

# characters that matter to the file-text rules: every whitespace character str.strip/split and re's \s
# know, controls, bullets and dashes, pdfminer's glyph placeholders, combining marks (alone and after a
# break), private-use glyphs, icons and emoji, characters NFKC changes, long space runs, empty lines
_HOSTILE = (list(" \t\r\n\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2003\u2028\u2029\u202f\u3000\x00\x07\x7f\x9f"
                 "•●▪◦►‣·✓*-–—‘’“”…ab(\"'Z1.:é\u0301\u0300\u0308\u00a8\u200b\u00ad\ufeff\ue000\uf0b7\U000f0001"
                 "☎✉📱😀\ufb01①½\ud800") +
            ["(cid:12)", "(cid:", "  ", "   ", "      ", " " * 40, "\t\t", "  \t  ", "\n\n\n", "\r\n", "\n  ", "  \n",
             "\n• ", "\n- ", "\n-\t", "\n* x", "\n–Engineer", "\n•(", "\n●\t", "Engineer", "2019 - 2021", " | "])
HOSTILE_TEXT = st.lists(st.sampled_from(_HOSTILE), max_size=60).map("".join)


def _file_texts() -> list[str]:
    """Realistic file texts: the sample resumes (every file that reads as UTF-8), the dotin resumes and the
    layout corpus (pdfminer's raw text of each PDF, the other files as they are) where ../shared holds them."""
    import json
    import logging
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    out = []
    for p in sorted((root / "samples").iterdir()):
        try:
            out.append(p.read_text("utf-8"))
        except (UnicodeDecodeError, IsADirectoryError):
            pass
    dotin = root.parent / "shared" / "eval" / "dotin" / "train.jsonl"
    if dotin.is_file():
        for row in dotin.read_text("utf-8").splitlines():
            if row.strip() and json.loads(row).get("content") is not None:
                out.append(json.loads(row)["content"])
    layouts = root.parent / "shared" / "corpus" / "layouts"
    if layouts.is_dir():
        from pdfminer.high_level import extract_text

        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        for p in sorted(layouts.rglob("*")):
            if p.suffix.lower() == ".pdf":
                out.append(extract_text(str(p)))
            elif p.is_file():
                out.append(p.read_text("utf-8", errors="replace"))
    return out


def _variants(text: str) -> list[str]:
    """The text, with Windows and old-Mac line ends, with double spaces as tabs, indented, with a blank line
    between lines, and with its bullets as tabs and dashes: layouts a file reader meets."""
    return [text, text.replace("\n", "\r\n"), text.replace("\n", "\r"), text.replace("  ", "\t"),
            "  " + text.replace("\n", "\n   ") + "  \n\n", text.replace("\n", "\n \n"),
            text.replace("• ", "•\t").replace("\n", "\n- "), text.replace(" ", "\u00a0\u00a0\u00a0", 5)]


def test_file_text_equals_its_line_by_line_form_on_resume_text():
    from analyzer.ingest.text import normalise_file_text, normalise_file_text_lines

    texts = _file_texts()
    assert len(texts) >= 8  # the sample files that read as UTF-8 text, and ../shared's resumes when present
    for text in texts:
        for v in _variants(text):
            assert normalise_file_text(v) == normalise_file_text_lines(v), v[:200]


@settings(max_examples=3000, deadline=None)
@given(HOSTILE_TEXT)
@example("x   (cid:1) y")  # a glyph placeholder between an aligned gap and a space: the tab gets a space beside it
@example("x   ☎ y")  # so does an icon
@example("\na   (cid:12)\u20031\n•")
@example("- \tx\n•\tx\n-x\n*(a\n●Python\n•")
@example("ab   …  c\n\n\n  ●  d  ")
def test_file_text_equals_its_line_by_line_form(s):
    from analyzer.ingest.text import normalise_file_text, normalise_file_text_lines

    assert normalise_file_text(s) == normalise_file_text_lines(s)


def test_file_text_equals_its_line_by_line_form_on_many_hostile_strings():
    """More strings than the property test runs, cheaply: a seeded generator of longer mixes."""
    import random

    from analyzer.ingest.text import normalise_file_text, normalise_file_text_lines

    rng = random.Random(20260630)
    for _ in range(20000):
        s = "".join(rng.choice(_HOSTILE) for _ in range(rng.randint(0, 80)))
        assert normalise_file_text(s) == normalise_file_text_lines(s), s


def test_file_text_goes_line_by_line_when_the_character_rules_leave_other_whitespace(monkeypatch):
    """NFKC makes no whitespace but the space, so the fall-back cannot be reached with today's rules: a
    character rule that makes an em space stands in for a future one."""
    import random

    from analyzer.ingest import normalise as N
    from analyzer.ingest import text as T

    real = N.normalise_chars

    def em_spaces(s: str, *, pdf: bool = False) -> str:
        return real(s, pdf=pdf).replace("é", "\u2003")

    monkeypatch.setattr(N, "normalise_chars", em_spaces)
    monkeypatch.setattr(T, "normalise_chars", em_spaces)
    rng = random.Random(7)
    for s in ["a é b", "é\u2003é", "x\tébé", "•é x"] + ["".join(rng.choice(_HOSTILE + ["é"] * 8) for _ in range(40))
                                                       for _ in range(3000)]:
        assert T.normalise_file_text(s) == T.normalise_file_text_lines(s), s


def test_common_characters_are_their_own_nfkc():
    """normalise_file_text skips NFKC for text of ASCII and _COMMON_NON_ASCII without the characters NFKC
    changes: each such character is a starter that NFKC keeps, and no two of them compose."""
    import unicodedata

    from analyzer.ingest import normalise as N

    kept = [chr(i) for i in range(128)] + [c for c in N._COMMON_NON_ASCII if c not in N._NFKC_CHANGED]
    assert all(unicodedata.combining(c) == 0 and unicodedata.normalize("NFKC", c) == c for c in kept)
    for a in kept:
        pair = [a + b for b in kept]
        assert unicodedata.normalize("NFKC", "".join(pair)) == "".join(pair)
        assert all(unicodedata.normalize("NFKC", p) == p for p in pair)


@settings(max_examples=1500, deadline=None)
@given(HOSTILE_TEXT)
def test_odd_characters_equal_the_regex_scan(s):
    from analyzer.ingest.text import _clean, _odd_chars

    assert _odd_chars(s) == set(re.findall(r"[^\x20-\x7e\n\t]", s))
    text, chars = _clean(s)
    assert chars == {c for c in text if not c.isascii()}


def test_lines_of_equals_plain_line_objects_on_resume_text():
    from analyzer.ingest.text import lines_of, normalise_file_text
    from analyzer.types import Line

    for text in _file_texts()[:40]:
        for t in (text, normalise_file_text(text)):
            expected, pos = [], 0
            for chunk in t.split("\n"):
                expected.append(Line(start=pos, end=pos + len(chunk)))
                pos += len(chunk) + 1
            got = lines_of(t)
            assert got == tuple(expected) and [vars(a) for a in got] == [vars(b) for b in expected]
            assert [list(vars(a)) for a in got] == [list(vars(b)) for b in expected]  # the same field order
