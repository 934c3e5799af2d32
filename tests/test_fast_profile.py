"""More fast paths of the profile stage, each compared with the plain computation it replaces: on the
sample resumes (always present), on the dotin resumes when ../shared is there, and on generated strings."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer import profile as P

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
