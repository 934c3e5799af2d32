"""spaCy Doc -> Evidence: the span extension values read straight from ``doc.user_data`` are the
values ``span._`` gives, so the evidence is the same either way; and the components' direct writes
(``components.SpanValues``) leave ``doc.user_data`` as ``span._.name = value`` does."""

from __future__ import annotations

import json

import pytest

from analyzer.ingest import document_from_text
from analyzer.ingest.sections import detect_sections
from analyzer.nlp import components as C
from analyzer.nlp import evidence as E
from analyzer.nlp.pipeline import get_nlp
from analyzer.taxonomy import load_role

from conftest import SAMPLES, SHARED

# ambiguous aliases inside and outside lists and skills sections, negation, wishes, proficiency, years,
# and sentences that only describe a competency
HANDWRITTEN = [
    "Skills\nPython, R, Go, SQL, Spark\n\nInterests\nI like to go hiking and R&B music.",
    "Experience\nML Engineer, Acme (2019 - 2023)\n- Built PyTorch models; no experience with Kubernetes.\n"
    "- Keen to learn Rust. Familiar with Docker. 5 years of Python.\n"
    "- Led a team of four engineers that shipped a recommendation system to production.",
    "Summary\nExpert in TensorFlow and basic knowledge of C. Hive, Spark and AWS/GCP daily.",
]


@pytest.fixture(scope="module")
def nlp():
    return get_nlp(load_role())


def _texts() -> list[str]:
    texts = HANDWRITTEN + [p.read_text("utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    data = SHARED / "eval" / "dotin" / "train.jsonl"
    if data.is_file():
        texts += [json.loads(x)["content"] for x in data.read_text("utf-8").splitlines()[:60]]
    return texts


def test_installed_spacy_keys_user_data_as_expected():
    # if a spaCy release changes the key, the fast path turns itself off (and this test says so)
    assert E._user_data_keys()
    assert {"ambiguous", "negated", "context", "skill_rule", "confidence"} <= set(E._defaults())


def test_fast_reads_give_the_same_evidence(nlp, monkeypatch):
    docs = []
    for text in _texts():
        document = document_from_text(text)
        docs.append((nlp(text), detect_sections(document)))
    fast = [E.doc_to_evidence(doc, sections) for doc, sections in docs]
    monkeypatch.setattr(E, "_defaults", dict)  # every value through span._
    slow = [E.doc_to_evidence(doc, sections) for doc, sections in docs]
    assert fast == slow
    flags = [(e.negated, e.hypothetical, e.proficiency, e.matcher, "ambiguous alias" in e.rule)
             for ev in fast for e in ev]
    # the texts exercise what the extensions carry
    for i, what in enumerate(("negated", "wished", "proficiency", "semantic", "ambiguous")):
        assert any(f[i] if i != 3 else f[i] == "semantic" for f in flags), what


def test_an_unset_extension_reads_as_its_default(nlp):
    text = "Skills\nPython and SQL"
    document = document_from_text(text)
    ev = E.doc_to_evidence(nlp(text), detect_sections(document))
    assert [(e.skill_id, e.negated, e.hypothetical, e.proficiency) for e in ev][:1] == [("python", False, False, None)]


def test_direct_span_value_writes_equal_underscore_writes(nlp, monkeypatch):
    fast = [nlp(text).user_data for text in _texts()]
    monkeypatch.setattr(C, "user_data_keys", lambda: False)  # every value through span._
    slow = [nlp(text).user_data for text in _texts()]
    assert fast == slow
    # the texts exercise the values the components set
    names = {k[1] for data in fast for k in data if isinstance(k, tuple)}
    assert {"skill_rule", "skill_variant", "ambiguous", "similarity", "confidence", "context"} <= names


def test_span_values_go_through_underscore_for_other_extensions(nlp):
    from spacy.tokens import Span

    seen = []
    Span.set_extension("skillgap_test_setter", getter=lambda span: None, setter=lambda span, v: seen.append(v),
                       force=True)
    try:
        doc = nlp("Skills\nPython and SQL")
        span = doc.spans["skills"][0]
        put = C.SpanValues(doc).set
        put(span, "skillgap_test_setter", 3)  # its setter runs
        assert seen == [3]
        with pytest.raises(AttributeError):
            put(span, "no_such_extension", 1)
        put(span, "negated", True)
        assert span._.negated is True
        # a writer for several names: through span._ when one of them has a setter, else straight
        C.SpanValues(doc).writer("skillgap_test_setter", "hypothetical")(span, 4, True)
        assert seen == [3, 4] and span._.hypothetical is True
        C.SpanValues(doc).writer("proficiency", "years")(span, "expert", 5.0)
        assert (span._.proficiency, span._.years) == ("expert", 5.0)
    finally:
        Span.remove_extension("skillgap_test_setter")
