"""The fast code paths of the NLP components give what the plain regular expressions they replace give
(searches restricted to where a match may start). Each test states the slow reference and compares on
resumes and generated strings, so a later edit to one side cannot drift from the other."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from analyzer.nlp import components as C

ROOT = Path(__file__).resolve().parents[1]
DOTIN = ROOT.parent / "shared" / "eval" / "dotin" / "train.jsonl"


def _texts() -> list[str]:
    out = [p.read_text("utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    if DOTIN.is_file():  # development data: read in place when present, never copied
        out += [json.loads(x)["content"] for x in DOTIN.read_text("utf-8").splitlines() if x.strip()]
    return out


def _years_rules() -> list[re.Pattern]:
    return [re.compile(r.regex, re.I) for r in C.load_context_rules() if r.regex and r.regex in C._Y_ANCHORED]


# what the YEARS rules read: digits (an Arabic-Indic one too, which \d matches), spaces of several kinds,
# brackets, "+", ".", the letters of "years"/"yrs" in both cases, "?" (the byte non-ASCII characters become)
_YEARS_ALPHABET = st.sampled_from(list("0123456789 .+([])yYeEaArRsS\n\t\u00a0\u2003٣é?'’") +
                                  ["years", "Yrs", "year", " of ", "experience ", "in ", "hands-on ", "(5 years)"])


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


def test_shipped_years_rules_take_the_anchored_search():
    """Both regex rules of context_rules.yaml are the ones _Y_ANCHORED describes (an edit of either in the
    rules file would silently fall back to the full scan), and only "y" and "Y" match "y" ignoring case."""
    assert len(_years_rules()) == 2 == len([r for r in C.load_context_rules() if r.regex])
    assert [c for c in map(chr, range(0x110000)) if re.match("y", c, re.I)] == ["Y", "y"]


def test_years_rules_anchored_search_equals_finditer_on_resumes():
    found = 0
    for text in _texts():
        for rx in _years_rules():
            ref = _spans(rx.finditer(text))
            assert _spans(C.y_anchored_matches(rx, text)) == ref
            found += len(ref)
    assert found > 10  # not vacuous


@settings(max_examples=1500, deadline=None)
@given(st.lists(_YEARS_ALPHABET, max_size=30).map("".join))
@example("5+ years of Python, (3 yrs) and 10 YEARS' hands-on experience in ML")
@example("2019 - 2020 years ( 4.5 + Yrs ) [12 years] 1.5years\u00a0of ٣ years")
def test_years_rules_anchored_search_equals_finditer(s):
    for rx in _years_rules():
        assert _spans(C.y_anchored_matches(rx, s)) == _spans(rx.finditer(s))
