"""Semantic competency matcher: one contract for every pluggable matcher, plus the spaCy component."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analyzer
from analyzer.nlp.semantic import LsaMatcher, load_semantic_data, sentences, training_set
from analyzer.taxonomy import load_role

from conftest import AS_OF

MATCHERS = {
    "tfidf": lambda: LsaMatcher(n_components=0, threshold=0.25),
    "lsa": lambda: LsaMatcher(n_components=48, threshold=0.5),
}


@pytest.fixture(scope="module")
def data():
    return training_set(load_role().role)


@pytest.fixture(scope="module", params=sorted(MATCHERS))
def fitted(request, data):
    return MATCHERS[request.param]().fit(*data)


def test_fit_learns_state_and_constructor_stores_params_only(data):
    m = LsaMatcher(n_components=0, threshold=0.3)
    assert not hasattr(m, "prototypes_")
    m.fit(*data)
    assert m.prototypes_.shape[0] == len(data[0])


def test_transform_rows_are_unit_or_zero(fitted):
    x = fitted.transform(["Led a team of five engineers.", "zzzz qqqq", ""])
    norms = np.linalg.norm(x, axis=1)
    assert norms[0] == pytest.approx(1.0) and norms[1] == 0.0 and norms[2] == 0.0


def test_deterministic(fitted, data):
    again = type(fitted)(n_components=fitted.n_components, threshold=fitted.threshold).fit(*data)
    s = ["Mentored two junior engineers.", "Cooked meals for guests."]
    assert np.allclose(fitted.similarities(s), again.similarities(s))
    assert fitted.match(s) == again.match(s)


def test_training_prototypes_match_themselves(fitted, data):
    texts, labels = data
    got = fitted.match(texts[:20], threshold=0.0)
    for g, lb in zip(got, labels[:20]):
        assert g is not None and g.label == lb and g.similarity == pytest.approx(1.0)


def test_fit_rejects_mismatched_labels():
    with pytest.raises(ValueError):
        LsaMatcher().fit(["a b c"], [])


def test_stored_model_loads_without_pickle_and_is_current(tmp_path, data):
    m = LsaMatcher.load()
    from analyzer.nlp.semantic import training_key

    assert m.meta_["training_key"] == training_key(*data), "models/ is stale: run bench/train_semantic.py"
    from importlib import resources

    with resources.files("analyzer.models").joinpath("semantic_lsa.npz").open("rb") as fh:
        with np.load(fh, allow_pickle=False) as z:  # allow_pickle=False: plain arrays only
            assert "prototypes" in z
    m.save(tmp_path)
    back = LsaMatcher.load(tmp_path)
    s = ["Wrote the disaster recovery plan for the cluster."]
    assert np.allclose(back.similarities(s), m.similarities(s))
    json.loads((tmp_path / "semantic_lsa.json").read_text("utf-8"))


def test_calibration_figures_hold():
    m = LsaMatcher.load()
    cal = load_semantic_data()["calibration"]
    pred = m.match([c["text"] for c in cal])
    tp = sum(p is not None and p.label == c["expect"] for p, c in zip(pred, cal))
    fp = sum(p is not None and p.label != c["expect"] for p, c in zip(pred, cal))
    assert tp / (tp + fp) >= 0.9 and tp / sum(1 for c in cal if c["expect"]) >= 0.75


def test_sentences_offsets():
    text = "EXPERIENCE\n• Led a team of six engineers on search.  Wrote the runbooks for every service we ran.\nshort"
    got = [text[a:b] for a, b in sentences(text)]
    assert got == ["Led a team of six engineers on search.", "Wrote the runbooks for every service we ran."]


def test_component_evidence_carries_sentence_and_similarity():
    text = ("Jo Example\nEXPERIENCE\nEngineer, Acme — 2019 – 2023\n"
            "• Wrote the disaster recovery plan and ran failover drills for the inference cluster.\n"
            "• Greeted customers at the front desk and handled payments.\n")
    rep = analyzer.analyze_text(text, as_of=AS_OF)
    sem = [e for e in rep.evidence if e.matcher == "semantic"]
    assert [e.skill_id for e in sem] == ["disaster_recovery"]
    e = sem[0]
    assert e.sentence == e.text == text[e.start:e.end] and 0 < e.similarity <= 1 and "nearest example" in e.rule


# ---------------------------------------------------------------- the batched implementation equals the plain one

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
DOTIN = ROOT.parent / "shared" / "eval" / "dotin" / "train.jsonl"
TRICKY = [
    "", " ", "\n", "a b c d e", "One two three four five.  Six seven eight nine ten", "end. Next one starts here now",
    "x.\tY starts after a tab here", "x;  (Note) in parens now here", "a • b • c d e f g h", "a\u00a0\u00a0\u00a0b c d e f",
    "  •  Led a team of six engineers.\r\n\u2022 Wrote the plan for every service we ran", "é. É starts here, not split",
    "Built ML pipelines in 2019 – present for the search team", "Python3.11, c++ and C# on K8s; 5+ years of ML",
]


def _texts() -> list[str]:
    out = [p.read_text("utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))] + TRICKY
    if DOTIN.is_file():  # development data: read in place when present, never copied
        out += [json.loads(x)["content"] for x in DOTIN.read_text("utf-8").splitlines()[:80] if x.strip()]
    return out


def _reference_sentences(text, min_words=5, max_chars=400):
    """The definition: cut at every _SENT_SPLIT match, strip bullets and trailing space, keep long enough units."""
    from analyzer.nlp.semantic import _BULLET, _SENT_SPLIT

    pos, out = 0, []
    for m in list(_SENT_SPLIT.finditer(text)) + [None]:
        a, b = pos, (m.start() if m else len(text))
        lead = _BULLET.match(text[a:b])
        a += lead.end() if lead else 0
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a and b - a <= max_chars and len(text[a:b].split()) >= min_words:
            out.append((a, b))
        pos = m.end() if m else len(text)
    return out


def test_sentence_cuts_equal_the_readable_pattern():
    from analyzer.nlp.semantic import _SENT_CUT, _SENT_SPLIT

    for text in _texts():
        cuts = _SENT_CUT.split(text)
        assert "".join(cuts) == text
        assert cuts[1::2] == [m.group() for m in _SENT_SPLIT.finditer(text)]
        for min_words in (0, 1, 5, 8):
            assert list(sentences(text, min_words)) == _reference_sentences(text, min_words)


def _reference_similarities(m, texts):
    """One text at a time, from analyze(): sublinear tf-idf, l2 norm, dot with every prototype."""
    from analyzer.nlp.semantic import analyze

    out = np.zeros((len(texts), len(m.labels_)))
    for r, t in enumerate(texts):
        counts: dict[int, int] = {}
        for term in analyze(t):
            if term in m.vocabulary_:
                counts[m.vocabulary_[term]] = counts.get(m.vocabulary_[term], 0) + 1
        if counts:
            idx = list(counts)
            w = np.array([(1 + np.log(counts[j])) * m.idf_[j] for j in idx])
            out[r] = (w / np.linalg.norm(w)) @ m.prototypes_[:, idx].T
    return out


def test_batched_similarities_equal_one_text_at_a_time():
    m = LsaMatcher.load()
    sents = [t[a:b] for t in _texts() for a, b in sentences(t)]
    sents += ["", "the and of", "zzzz qqqq", "ML ML ML ML ML pipelines pipelines " * 40, "İstanbul data pipelines"]
    assert len(sents) > (500 if DOTIN.is_file() else 150)  # not vacuous, with or without the development set
    got, ref = m.similarities(sents), _reference_similarities(m, sents)
    assert np.abs(got - ref).max() < 1e-12
    assert (got.argmax(axis=1) == ref.argmax(axis=1)).all()
    # rows do not depend on the batch they come in
    assert np.array_equal(m.similarities(sents[:7]), got[:7]) and np.array_equal(m.similarities(sents[-3:]), got[-3:])
    assert m.match(sents[:40]) == [m.match([s])[0] for s in sents[:40]]


def test_bullet_characters_are_what_the_bullet_pattern_strips():
    from analyzer.nlp.semantic import _BULLET, _BULLET_CHARS

    assert {c for c in map(chr, range(0x110000)) if _BULLET.match(c)} == set(_BULLET_CHARS)


def test_term_memo_is_bounded_and_still_answers_when_full():
    from analyzer.nlp.semantic import _term, _TermIds

    ids = _TermIds({"python": 1, "model": 2}, limit=2)
    assert [ids["python"], ids["the"], ids["models"], ids["zorblax"]] == [1, -1, 2, 0]
    assert len(ids) == 2 and _term("models") == "model"  # full: later words are answered, not kept


def test_space_class_is_re_whitespace():
    """_SPACE_CHARS (written out in _SENT_CUT and _BULLET_CHARS) are exactly the characters re's \\s matches."""
    import re

    from analyzer.nlp.semantic import _SPACE_CHARS

    assert {c for c in map(chr, range(0x110000)) if re.match(r"\s", c)} == set(_SPACE_CHARS)
    assert len(_SPACE_CHARS) == len(set(_SPACE_CHARS))


# the cuts with \s, as written before the class was spelled out
_SENT_CUT_S = r"(\s(?:(?<=[.!?;]\s)\s*(?=[A-Z(])|(?<=\n)|\s{2,}|[•·▪●◦]\s))"
_CUT_ALPHABET = st.sampled_from(list("\t\n\x0b\x0c\r\x1c\x1f \x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"
                                     "\u200b\ufeff•·▪●◦.!?;(Aa1-") + ["word", "Data", " • ", "e.g. ", "   "])


@settings(max_examples=800, deadline=None)
@given(st.lists(_CUT_ALPHABET, max_size=30).map("".join))
def test_sentence_cut_class_equals_backslash_s(s):
    import re

    from analyzer.nlp.semantic import _SENT_CUT

    assert _SENT_CUT.split(s) == re.split(_SENT_CUT_S, s)


def test_sentence_cut_class_equals_backslash_s_on_resumes():
    import re

    from analyzer.nlp.semantic import _SENT_CUT

    cuts = 0
    for text in _texts():
        got = _SENT_CUT.split(text)
        assert got == re.split(_SENT_CUT_S, text)
        cuts += len(got) // 2
    assert cuts > (500 if DOTIN.is_file() else 150)  # not vacuous, with or without the development set
