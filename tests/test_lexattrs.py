"""The faster lexical-attribute getters (analyzer.nlp.lexattrs) give exactly spaCy's values."""

from __future__ import annotations

import functools
import json
import random
import sys
from pathlib import Path

import pytest
import spacy
from spacy import attrs
from spacy.attrs import IDS

from analyzer.nlp import lexattrs
from analyzer.nlp.lexattrs import fast_getters, use_fast_getters

ROOT = Path(__file__).resolve().parents[1]
DOTIN = ROOT.parent / "shared" / "eval" / "dotin" / "train.jsonl"
NAMES = {v: k for k, v in IDS.items()}


def _spacy_getters() -> dict:
    return dict(spacy.blank("en").vocab.lex_attr_getters)


def _words() -> list[str]:
    """Every token of the samples and (when present) of the dotin resumes, and generated strings."""
    nlp = spacy.blank("en")
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    if DOTIN.exists():
        texts += [json.loads(line)["content"] for line in DOTIN.read_text("utf-8").splitlines()]
    words = {t.text for text in texts for t in nlp.tokenizer(text)}
    rng = random.Random(7)
    alphabet = ("aZ09.,;:-_/@#$%&*+'\"()[]{}<>|~!?`^=\\ \t\n\u00a0"
                "éÉßİıǅⅫ²³½٣०€£¥₹©®™•–—“”‘’«»…ﬁ\u0301\u200b\ue000😀")
    for _ in range(20_000):
        words.add("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
    specials = ["http://x", "https://a.b", "www.", "www.x", "a.com", "a.com/", "x@y.io", "a@b", "@", ".", "..",
                "a.", ".a", "1,000", "-5", "+1.5", "±3", "~4", "3/4", "1/2/3", "first", "Twenty", "FIFTH", "21st",
                "3rd", "twentyone", "'s", "n't", "US$", "$", "$$", "€", "((", "''", "``", "x" * 99, "X" * 100,
                "aaaaaaa", "AAAAAbbbbb11111", "....." "-----", "d.d.d.d.d.d", "\n\n", "  ", "\t"]
    words.update(specials)
    words.update(chr(c) for c in range(1, sys.maxunicode + 1, 7) if not 0xD800 <= c <= 0xDFFF)
    words.discard("")
    return sorted(words)


@pytest.fixture(scope="module")
def words() -> list[str]:
    return _words()


def test_spacys_english_getters_are_replaced():
    plain = _spacy_getters()
    fast = fast_getters(plain)
    assert set(fast) == set(plain)
    replaced = {NAMES[a] for a in plain if fast[a] is not plain[a]}
    # the costly ones at least (a spaCy version with other getters keeps its own for the rest)
    assert {"LIKE_NUM", "SHAPE", "LIKE_URL", "IS_PUNCT", "IS_ASCII", "NORM", "IS_STOP", "LANG"} <= replaced


def test_fast_getters_give_spacys_values(words):
    plain = _spacy_getters()
    fast = fast_getters(plain)
    assert len(words) > 20_000
    for attr, func in plain.items():
        for w in words:
            assert fast[attr](w) == func(w), (NAMES[attr], w)
            assert type(fast[attr](w)) is type(func(w)), (NAMES[attr], w)


def test_shape_memo_is_bounded_and_still_right(monkeypatch, words):
    monkeypatch.setattr(lexattrs, "_MAX_SHAPES", 50)
    lexattrs._SHAPES.clear()
    from spacy.lang.lex_attrs import word_shape

    for w in words[:5000]:
        assert lexattrs.word_shape(w) == word_shape(w)
        assert len(lexattrs._SHAPES) <= 50
    lexattrs._SHAPES.clear()


def test_lexemes_equal_with_either_getters(words):
    plain, fast = spacy.blank("en").vocab, spacy.blank("en").vocab
    use_fast_getters(fast)
    assert fast.lang == plain.lang == "en"
    keys = [a for a in plain.lex_attr_getters if a != attrs.LANG] + ["lang_"]
    names = {"lang_": "lang_"} | {a: NAMES[a].lower() + ("_" if a in (attrs.LOWER, attrs.NORM, attrs.PREFIX,
                                                                            attrs.SUFFIX, attrs.SHAPE) else "")
                                   for a in plain.lex_attr_getters}
    for w in words[:3000]:
        a, b = plain[w], fast[w]
        for k in keys:
            assert getattr(a, names[k]) == getattr(b, names[k]), (names[k], w)


def test_other_getters_are_kept():
    def mine(text: str) -> bool:
        return text == "x"

    other_norm = functools.partial(lexattrs._get_attr_unless_lookup, str.upper, ({"a": "b"},))
    got = fast_getters({attrs.IS_ALPHA: mine, attrs.NORM: other_norm})
    assert got[attrs.IS_ALPHA] is mine and got[attrs.NORM] is other_norm


def test_pipeline_vocab_uses_them_and_pickles():
    import pickle

    from analyzer.nlp.pipeline import build_nlp
    from analyzer.taxonomy import load_role

    bundle = load_role()
    nlp = build_nlp(bundle)
    assert nlp.vocab.lex_attr_getters[attrs.LIKE_NUM] is lexattrs.like_num
    assert build_nlp(bundle, fast_tokenizer=False).vocab.lex_attr_getters[attrs.LIKE_NUM] is not lexattrs.like_num
    getters = pickle.loads(pickle.dumps(nlp.vocab.lex_attr_getters))
    assert all(getters[a]("Word3") == f("Word3") for a, f in nlp.vocab.lex_attr_getters.items())
