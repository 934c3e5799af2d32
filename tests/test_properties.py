"""Property-based tests (hypothesis) of the text pipeline and the date parser.

Any Unicode string (control characters, RTL scripts, combining marks, very long lines; no lone
surrogates, which a Python ``str`` from a file cannot hold) gives a report that validates against the
shipped JSON schema, whose offsets index the input unchanged, and whose score is deterministic. The
date parser never raises, keeps its offsets and its order, and reads generated ranges exactly."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer import Analyzer
from analyzer.dates import find_ranges, merge_years, parse_range
from analyzer.report import validate_report_dict
from analyzer.types import DateRange

from conftest import AS_OF, SAMPLES

PIPELINE = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DATES = settings(max_examples=150, deadline=None, derandomize=True)

_A = None


def _analyzer() -> Analyzer:
    global _A
    if _A is None:
        _A = Analyzer()
    return _A


ANY_CHAR = st.characters(blacklist_categories=("Cs",))  # everything but lone surrogates
SPECIAL = st.sampled_from(["\u202e", "\u200f", "\u200b", "\ufeff", "\u0301", "\u0308", "\x00", "\x1b[31m", "\r\n", "\t",
                           "\u2028", "ﬁ", "Ⅻ", "ǅ", "İ", "ß", "\u00ad", "•", "–"])
RTL = st.text(st.characters(min_codepoint=0x0590, max_codepoint=0x06FF), min_size=1, max_size=40)
LINES = [ln for ln in (SAMPLES / "senior_ai_engineer.txt").read_text("utf-8").splitlines() if ln.strip()]


@st.composite
def resume_like(draw):
    """Real resume lines interleaved with arbitrary Unicode, RTL runs, combining marks, control
    characters and, sometimes, one very long line."""
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            parts.append(draw(st.sampled_from(LINES)))
        elif kind == 1:
            parts.append(draw(st.text(ANY_CHAR, max_size=80)))
        elif kind == 2:
            parts.append(draw(RTL) + " " + draw(st.sampled_from(LINES)))
        elif kind == 3:
            parts.append("".join(draw(st.lists(st.one_of(SPECIAL, st.sampled_from(["Python", "PyTorch", " ", "Kubernetes"])),
                                                max_size=20))))
        else:
            parts.append(draw(st.sampled_from(LINES)).replace(" ", draw(st.sampled_from(["\u00a0", "\u3000", "  ", "\t"]))))
    if draw(st.integers(0, 5)) == 0:
        parts.append(", ".join(draw(st.sampled_from(LINES)) for _ in range(draw(st.integers(20, 200)))))  # a very long line
    return draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(parts)


def _check(text: str):
    a = _analyzer()
    report = a.analyze_text(text, as_of=AS_OF)
    assert report.text == text  # the caller's string, unchanged
    data = report.to_dict()
    validate_report_dict(data)
    for e in report.evidence:
        assert 0 <= e.start <= e.end <= len(text) and text[e.start:e.end] == e.text
        for h in e.context:
            assert 0 <= h.start <= h.end <= len(text)
    for s in report.sections:
        assert 0 <= s.start <= s.end <= len(text)
    assert 0 <= report.score <= 100
    again = a.analyze_text(text, as_of=AS_OF)
    assert again.to_dict() == data  # deterministic, to the last field


@PIPELINE
@given(st.text(ANY_CHAR, max_size=400))
def test_any_unicode_string_gives_a_valid_report(text):
    _check(text)


@PIPELINE
@given(resume_like())
def test_resume_like_text_with_hostile_unicode_gives_a_valid_report(text):
    _check(text)


# --------------------------------------------------------------------------- dates


@DATES
@given(st.lists(st.one_of(ANY_CHAR, st.sampled_from(list("0123456789/-–. ")),
                          st.sampled_from(["Jan", "Sept.", "2019", "Present", " to ", "Summer", "since "])),
                max_size=60).map("".join),
       st.integers(0, 1000))
def test_find_ranges_never_raises_and_keeps_offsets(text, base):
    for r in find_ranges(text, AS_OF, base=base):
        assert text[r.start_offset - base:r.end_offset - base] == r.text
        assert r.start is not None and r.end is not None and r.start <= r.end <= AS_OF
        assert not r.current or r.end == AS_OF
        assert r.start_offset >= base and r.end_offset <= base + len(text)


MONTH_FORMS = [lambda d: calendar.month_abbr[d.month] + " " + str(d.year),
               lambda d: calendar.month_name[d.month] + " " + str(d.year),
               lambda d: f"{d.month:02d}/{d.year}",
               lambda d: f"{d.year}-{d.month:02d}"]
SEPS = [" – ", " - ", "–", " to ", " — ", " until "]
DAYS = st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2026, 6, 1))


@DATES
@given(DAYS, DAYS, st.integers(0, len(MONTH_FORMS) - 1), st.integers(0, len(MONTH_FORMS) - 1), st.sampled_from(SEPS),
       st.booleans(), st.sampled_from(["Present", "present", "Current", "now", "Till Date"]))
def test_generated_ranges_are_read_exactly(a, b, fa, fb, sep, open_end, present):
    a, b = min(a, b), max(a, b)
    start_text = MONTH_FORMS[fa](a)
    text = start_text + sep + (present if open_end else MONTH_FORMS[fb](b))
    r = parse_range(text, AS_OF)
    assert r is not None, text
    assert r.start == dt.date(a.year, a.month, 1), text
    if open_end:
        assert r.current and r.end == AS_OF
    else:
        last = dt.date(b.year, b.month, calendar.monthrange(b.year, b.month)[1])
        assert not r.current and r.end == min(last, AS_OF), text
    # inside a longer line, with the offsets of the line
    line = f"Senior ML Engineer, Acme Corp\t{text}"
    found = list(find_ranges(line, AS_OF, base=50))
    assert [(x.start, x.end) for x in found] == [(r.start, r.end)]
    assert line[found[0].start_offset - 50:found[0].end_offset - 50] == found[0].text


RANGES = st.lists(st.tuples(DAYS, DAYS).map(lambda t: DateRange(min(t), max(t))), max_size=8)


@DATES
@given(RANGES, RANGES, st.randoms(use_true_random=False))
def test_merged_years_are_a_union(xs, ys, rnd):
    total = merge_years(xs)
    shuffled = list(xs)
    rnd.shuffle(shuffled)
    assert merge_years(shuffled) == total  # order does not matter
    assert merge_years(xs + ys) >= max(total, merge_years(ys)) - 0.01  # adding never lowers
    assert merge_years(xs + ys) <= total + merge_years(ys) + 0.01  # overlaps counted once
    assert merge_years(xs + xs) == total  # duplicates counted once
    if xs:
        assert total >= max(r.years for r in xs) - 0.01
