"""Semantic competency matcher: one contract for every pluggable matcher, plus the spaCy component."""

from __future__ import annotations

import json

import numpy as np
import pytest

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
