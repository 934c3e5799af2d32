"""Is this a resume? The verdicts, and the fast date-range count the verdict uses, which must count
exactly what scanning the text with DATE_RANGE counts."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.ingest import document_from_text
from analyzer.ingest.classify import DATE_RANGE, classify_document, count_date_ranges
from analyzer.ingest.sections import detect_sections

from conftest import SAMPLES, SHARED


def _reference(text: str, limit: int) -> int:
    return len(list(itertools.islice(DATE_RANGE.finditer(text), limit)))


def _verdict(text: str):
    doc = document_from_text(text, name="<text>")
    return classify_document(doc, detect_sections(doc))


def test_samples_count_like_the_scan():
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text("utf-8")
        for limit in (1, 2, 3, 1000):
            assert count_date_ranges(text, limit) == _reference(text, limit), (path.name, limit)


def test_dotin_count_like_the_scan():
    data = SHARED / "eval" / "dotin" / "train.jsonl"
    if not data.is_file():
        pytest.skip("../shared/eval/dotin is not present")
    for line in data.read_text("utf-8").splitlines():
        text = json.loads(line)["content"]
        for limit in (2, 1000):
            assert count_date_ranges(text, limit) == _reference(text, limit)


# pieces that date ranges, near misses and their neighbours are made of: years that are part of longer
# numbers, 3-9 letter words before a year (and a 10-letter one), "to" inside a word, dashes, present/now,
# letters that match [a-z] only case-insensitively (Kelvin sign, long s), non-ASCII digits
PIECES = ["2019", "1999", "2020", "20201", "12019", "Jan", "January", "Sept.", "SEPTEMBER", "\u017fept", "\u212aelvin",
          "to", "TO", "tomorrow", "-", "–", "—", " ", "  ", "\n", "\t", "present", "Current", "now", "ongoing",
          "x", "a1", "19", "20", ".", ",", "Summer", "abcdefghij", "٢٠١٩", "_", "2019-2020", "May 2018 – now"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(1, 4))
def test_generated_text_counts_like_the_scan(pieces, limit):
    text = "".join(pieces)
    assert count_date_ranges(text, limit) == _reference(text, limit)


def test_text_with_no_section_needs_two_date_ranges():
    one = "Jane Doe\nI worked at Acme Corp as a data analyst, Mar 2015 - 2018, and liked it a lot."
    assert _verdict(one).kind == "other"
    two = one + "\nThen Globex, as a machine learning engineer, 2018 to present."
    assert _verdict(two).is_resume


def test_cover_letter_text():
    letter = ("Dear Hiring Manager,\n\nI am writing to apply for the Lead AI Engineer role. I have led ML teams "
              "since 2016.\n\nKind regards,\nJane Doe")
    v = _verdict(letter)
    assert not v.is_resume and v.kind == "cover_letter"
