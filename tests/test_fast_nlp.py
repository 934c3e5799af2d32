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


# resume sentences with stated years, written for these tests (the samples hold only a few)
_YEARS_LINES = """Senior ML engineer with 8+ years of experience in Python and 5 years in PyTorch.
Over 10 YEARS building data platforms; (3 yrs) of Kubernetes and [2 years] of Terraform.
Hands-on experience of 4.5 years with Spark, 2 yrs with Airflow, 12+ Years leading teams.
Education: B.Sc. 2014 (4 years). Languages: English (native), German (6 years of study).
"""


def _texts() -> list[str]:
    out = [_YEARS_LINES] + [p.read_text("utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
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


_SPACES_ALPHABET = st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\u00a0\u2003\u3000•·?é-,.()/|") +
                                   ["  ", "word", "C++", "don't", "U.S.", "e.g.", "Python3", "?!"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_SPACES_ALPHABET, max_size=30).map("".join))
@example("a \u00a0b\u2003\u2003c ? d\n\n\t e • f")
def test_space_tokens_equal_is_space(s):
    """``space_tokens`` (from each token's first character) is spaCy's IS_SPACE, for spaCy's tokenizer
    and the memoised one."""
    from spacy.attrs import IDX, IS_SPACE

    for tokenizer in _tokenizers():
        doc = tokenizer(s)
        assert C.space_tokens(s, doc.to_array([IDX]).reshape(-1)).tolist() == \
            doc.to_array([IS_SPACE]).reshape(-1).astype(bool).tolist()


def _tokenizers():
    import spacy

    from analyzer.nlp.pipeline import CachedTokenizer, tune_tokenizer

    if not _TOKENIZERS:
        _TOKENIZERS.append(tune_tokenizer(spacy.blank("en")).tokenizer)
        _TOKENIZERS.append(CachedTokenizer(tune_tokenizer(spacy.blank("en")).tokenizer))
    return _TOKENIZERS


_TOKENIZERS: list = []


def test_space_tokens_equal_is_space_on_resumes():
    from spacy.attrs import IDX, IS_SPACE

    for text in _texts()[:80]:
        doc = _tokenizers()[1](text)
        assert C.space_tokens(text, doc.to_array([IDX]).reshape(-1)).tolist() == \
            doc.to_array([IS_SPACE]).reshape(-1).astype(bool).tolist()


_SENTENCE_ALPHABET = st.sampled_from(list(" \t\n\u00a0\u2003•·▪●◦*-–—>.!?;(Ab1") +
                                     ["  ", "   ", "word", "Data", " • ", "\n- ", "e.g. ", "(ML) "])


@settings(max_examples=800, deadline=None)
@given(st.lists(_SENTENCE_ALPHABET, max_size=40).map("".join), st.sampled_from([0, 1, 2, 5]),
       st.sampled_from([3, 12, 400]))
def test_sentence_spans_equal_their_definition(s, min_words, max_chars):
    """Cut at every _SENT_SPLIT match, strip leading bullets and spaces and trailing spaces, keep the units
    with ``min_words`` words and at most ``max_chars`` characters."""
    from analyzer.nlp.semantic import _BULLET, _SENT_SPLIT, sentence_spans

    pos, ref = 0, []
    for m in list(_SENT_SPLIT.finditer(s)) + [None]:
        a, b = pos, (m.start() if m else len(s))
        lead = _BULLET.match(s[a:b])
        a += lead.end() if lead else 0
        while b > a and s[b - 1].isspace():
            b -= 1
        if b > a and b - a <= max_chars and len(s[a:b].split()) >= min_words:
            ref.append((a, b))
        pos = m.end() if m else len(s)
    assert sentence_spans(s, min_words, max_chars) == ref
