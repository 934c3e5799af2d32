"""Speed shortcuts give the same answers: the chunk-memoised tokenizer of skillgap's own pipeline gives exactly
spaCy's tokens, the semantic matcher's header shortcut equals its regex, and the
skill matcher's line-break windows find exactly what matching over all non-whitespace tokens finds."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from analyzer.ingest import document_from_text
from analyzer.ingest.sections import detect_sections
from analyzer.nlp.components import SPANS_KEY, TEXT_KEY, doc_text
from analyzer.nlp.evidence import doc_to_evidence
from analyzer.nlp.pipeline import _SIMPLE, URL_MATCH, CachedTokenizer, build_nlp, tune_tokenizer
from analyzer.taxonomy import load_role

ROOT = Path(__file__).resolve().parents[1]
DOTIN = ROOT.parent / "shared" / "eval" / "dotin" / "train.jsonl"
LAYOUTS = ROOT.parent / "shared" / "corpus" / "layouts"

TRICKY = [
    "", " ", "  ", "\n", " \n ", "a", " leading space", "trailing space ", "trailing spaces  ", "two  spaces",
    "tab\tseparated\t\tcolumns", "line\nbreak", "blank\n\nline", "space \n then", "\u00a0nbsp\u00a0word \u00a0x",
    "C++, C#, .NET, Node.js, NodeJS, Node JS and F# developers.",
    "CI/CD, CI / CD, scikit-learn, scikit learn, sklearn, Tensor Flow, TensorFlow2.x, TF 2.x",
    "Python 3, Python3, python3.11, Java8, Java-8, Spark 3.4, Spark3, Go1.21, R 4.2",
    "Python,SQL|AWS/GCP; Kubernetes(EKS), Docker[compose], {Terraform}, ML•AI·NLP",
    "SKILLS:Python;R;Go  |  SQL\u2013NoSQL \u2014 Hadoop/Spark/Hive",
    "R&D, Go-to-market, go-to person, C-level, Grade C, O'Reilly, rock'n'roll",
    "don't can't won't it's U.S.A. e.g. i.e. Inc. Ltd. Mr. Dr. 9am 10:30pm $5,000 50% 3.5/4.0",
    "https://github.com/user/repo www.example.com jane.doe+cv@mail.example.org +1 (555) 123-4567",
    "Used machine\nlearning, natural language\nprocessing and deep\n\nlearning.",
    "• Built ML pipelines\n• Deployed models to AWS SageMaker\n\t– led a team of 8 engineers",
    "Ünïcödé façade naïve résumé — “quotes” ‘single’ … emoji 🚀🤖 and 中文 字符",
    "EXPERIENCE\nSenior Engineer\tJan 2019 – Present\n(2017-2019) 01/2019–12/2020",
    "x" * 300 + " " + "y-" * 50,
]


def _texts() -> list[str]:
    out = [p.read_text("utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    if DOTIN.is_file():  # development data: read in place when present, never copied
        out += [json.loads(x)["content"] for x in DOTIN.read_text("utf-8").splitlines()[:120] if x.strip()]
    return out


def _tokens(doc: Doc) -> list[tuple[str, str, int]]:
    return [(t.text, t.whitespace_, t.idx) for t in doc]


@pytest.fixture(scope="module")
def tokenizers():
    base = tune_tokenizer(spacy.blank("en")).tokenizer
    return base, CachedTokenizer(base)


@pytest.mark.parametrize("text", TRICKY)
def test_same_tokens_as_spacy_on_tricky_strings(tokenizers, text):
    base, fast = tokenizers
    doc = fast(text)
    assert _tokens(doc) == _tokens(base(text))
    assert doc.text == text and doc_text(doc) == text
    assert fast(text).to_array(["ORTH", "LOWER", "IS_SPACE", "IS_PUNCT"]).tolist() == \
        base(text).to_array(["ORTH", "LOWER", "IS_SPACE", "IS_PUNCT"]).tolist()


def test_same_tokens_as_spacy_on_resumes(tokenizers):
    base, fast = tokenizers
    texts = _texts()
    assert len(texts) >= 6
    for text in texts:
        assert _tokens(fast(text)) == _tokens(base(text))


def _runs(text: str) -> list[str]:
    return text.split()


def _layout_texts() -> list[str]:
    """The text of the third-party layouts in ../shared/corpus/layouts (when present)."""
    from analyzer.ingest import load_document

    return [load_document(p).text for p in sorted(LAYOUTS.glob("*.pdf"))] if LAYOUTS.is_dir() else []


@functools.lru_cache(maxsize=1)
def _all_runs() -> frozenset[str]:
    """Every run of the samples, of all the dotin texts and of the layouts (when present) and of TRICKY."""
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))] + TRICKY + VERSIONS
    if DOTIN.is_file():
        texts += [json.loads(x)["content"] for x in DOTIN.read_text("utf-8").splitlines() if x.strip()]
    return frozenset(r for t in texts + _layout_texts() for r in _runs(t))


def _affixed(word: str) -> list[str]:
    """A word in the shapes of :data:`analyzer.nlp.pipeline._SIMPLE`: with brackets, a tail, infixes."""
    out = [word, word + ",", word + ".", word + ":", word + "?", word + ";"]
    for a, b in (("(", ""), ("", ")"), ("(", ")"), ("[", "]"), ("[", "")):
        out += [a + word + b, a + word + b + ",", a + word + b + ".", a + word + b + ":"]
    for other in ("a", "Ab", "AB", "9", "2019", "3.5", "U.S."):
        out += [word + "-" + other, other + "-" + word, word + "/" + other, other + "/" + word,
                "(" + word + "-" + other + "),", other + "/" + word + "."]
    return out


def _same_as_spacy(base, runs) -> dict[str, list[str]]:
    """The fast path's tokens of the runs, checked against spaCy's; returns them."""
    simple = CachedTokenizer(base)._simple(sorted(runs))
    for run, toks in simple.items():
        assert toks == [t.text for t in base(run)], run
    return simple


def test_simple_runs_are_tokenized_as_spacy_does(tokenizers):
    """The runs CachedTokenizer tokenizes without spaCy (``_simple``) get spaCy's tokens: every run of the
    resumes and layouts, every special case alone and in each shape of the fast path (brackets, a tail,
    infixes), and made-up words."""
    base, _ = tokenizers
    runs = set(_all_runs())
    for key in base.rules:
        for k in {key, key.lower(), key.upper(), key.title()}:
            runs.update(_affixed(k))
    runs.update({"A.", "a.", "I.", "Ab.", "AB.", "WORD.", "word.", "etc.", "2019.", "2019,", "007", "x", "X,",
                 "www", "http", "https:", "com.", "e.g.,", "Inc.", "Mr", "Mr.", "Dr.", "No.", "no.", "vs.", "St.",
                 "(8)", "8),", "year):", "(2019):", "and/or", "(w/o)", "co-PI.", "co-I.", "U.S.-based", "top-25",
                 "2004-2007", "9-9-", "a--b", "(a", "((a", "a))", "(a]", "[a).", "8TH", "8th.", "21st-century",
                 # one run of each shape checked below (the resumes in ../shared hold many more)
                 "[a", "a]", "a-b", "a/b", "3.5", "21st", "IPv4", "(U.S.", "U.S.,"})
    simple = _same_as_spacy(base, runs)
    assert len(simple) > 2000  # not vacuous without ../shared either
    shapes = {"(": "(a", ")": "a)", "[": "[a", "]": "a]", "-": "a-b", "/": "a/b", "3.5": "3.5", "U.S.": "U.S.",
              "21st": "21st", "IPv4": "IPv4"}
    for piece, example in shapes.items():  # every shape of the fast path was used
        assert any(piece in toks for toks in simple.values()), example


def test_simple_runs_of_the_resumes_mostly_skip_spacy(tokenizers):
    """The fast path takes nine in ten distinct runs of the resumes (what is left: e-mail addresses, URLs,
    quotes, non-ASCII letters, "word's", ...)."""
    base, fast = tokenizers
    if not DOTIN.is_file():
        pytest.skip("../shared/eval/dotin is not present")
    runs = _all_runs()
    assert len(fast._simple(runs)) > 0.85 * len(runs)


def test_url_pattern_matches_no_simple_core(tokenizers):
    """``_simple`` does not try spaCy's URL pattern: it needs a "." before two lower-case letters, which no core
    of :data:`_SIMPLE` has (on every run of the resumes and the generated shapes)."""
    base, _ = tokenizers
    assert base.url_match == URL_MATCH
    runs = _all_runs() | {w for k in ("ab", "AB", "a.b", "U.S.", "3.5", "www", "co") for w in _affixed(k)}
    cores = [m.group(2) for m in map(_SIMPLE.fullmatch, runs) if m]
    assert len(cores) > 1000 and not [c for c in cores if URL_MATCH(c)]
    assert URL_MATCH("example.com") and not _SIMPLE.fullmatch("example.com")


@settings(max_examples=1500, deadline=None)
@given(st.text(st.sampled_from(list("aAbBcCdDnNtTsSiImMzZ019") + ["'", ".", ",", ";", ":", "!", "?", "(", ")", "[", "]",
                                                                   "-", "/"]), min_size=1, max_size=8))
def test_simple_runs_on_generated_words(word):
    base = _BASE
    fast = CachedTokenizer(base)
    for run in (word, word + ".", word + ",", "(" + word + ")", word + "-a", "2-" + word):
        got = fast._simple([run])
        if run in got:
            assert got[run] == [t.text for t in base(run)], run


_PARTS = st.sampled_from(["a", "ab", "AB", "Ab", "aB", "A", "U", "S", "D", "I", "e", "g", "m", "o", "w", "or", "and",
                          "em", "Inc", "dont", "IPv", "9", "8", "1", "10", "2019", "3.5", "0.1", "st", "th", "nd",
                          "U.S.", "A.", "a.m.", "e.g.", "p.m", ".", "-", "/", "--", "(", ")", "[", "]", ",", ":", ";",
                          "!", "?", "'", "'s", "+", "#", "_", "é", "am", "pm", "D.", "co", "PI", "Ltd."])


_WORDS = st.sampled_from(["a", "Ab", "AB", "aB", "I", "D", "w", "o", "or", "and", "em", "dont", "IPv4", "x9", "8",
                          "10", "2019", "3.5", "21st", "8TH", "U.S.", "A.", "a.m", "co", "PI", "Inc", "Ltd", "mail"])
_SHAPED = st.builds(lambda o, w, i, c, t: o + "".join(a + b for a, b in zip(w, i)) + w[-1] + c + t,
                    st.sampled_from(["", "", "(", "(", "[", "(("]), st.lists(_WORDS, min_size=1, max_size=3),
                    st.lists(st.sampled_from(["-", "-", "-", "/", "/", "--", ".", "", ":"]), min_size=3, max_size=3),
                    st.sampled_from(["", "", ")", ")", "]", "))"]),
                    st.sampled_from(["", "", "", ",", ".", ":", ";", "!", "?", ".,", "'s"]))


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.lists(_PARTS, min_size=1, max_size=6).map("".join), _SHAPED))
def test_simple_runs_on_generated_shapes(run):
    """Letters, digits, special-case fragments and punctuation glued into runs, at random and in the shapes of
    :data:`_SIMPLE` (with near misses): whenever the fast path takes one, its tokens are spaCy's."""
    got = CachedTokenizer(_BASE)._simple([run])
    if run in got:
        assert got[run] == [t.text for t in _BASE(run)], run


def test_simple_runs_on_every_short_string(tokenizers):
    """Every string of up to five characters over letters, digits and the fast path's punctuation."""
    import itertools

    base, _ = tokenizers
    runs = {"".join(p) for n in range(1, 6) for p in itertools.product("aZ8().-/:[]", repeat=n)}
    assert len(_same_as_spacy(base, runs)) > 1500


def test_simple_runs_respect_added_special_cases_and_matchers():
    """Special cases added to the tokenizer, a ``url_match`` and a ``token_match`` of one's own: the fast path
    leaves the runs they concern to spaCy, whose tokens then differ from the pieces."""
    import re

    from spacy.symbols import ORTH

    base = tune_tokenizer(spacy.blank("en")).tokenizer
    base.add_special_case("e-mail", [{ORTH: "e-mail"}])
    base.add_special_case("IPv4", [{ORTH: "IP"}, {ORTH: "v4"}])
    base.add_special_case("(c)", [{ORTH: "(c)"}])
    base.add_special_case("x/y", [{ORTH: "x/y"}])
    base.add_special_case("a.", [{ORTH: "a."}])
    base.url_match = re.compile(r"co-PI$|3\.5$").match
    base.token_match = re.compile(r"zz-top\)$").match
    fast = CachedTokenizer(base)
    runs = ["e-mail", "(e-mail),", "IPv4", "(IPv4).", "IPv4-6", "(c)", "(c),", "x/y", "(x/y)", "a.", "(a.",
            "co-PI", "(co-PI),", "3.5", "(3.5)", "(zz-top)", "zz-top),", "zz-top", "(e-mailing)", "IPv6", "(d)"]
    simple = fast._simple(runs)
    for run in runs:
        spacy_tokens = [t.text for t in base(run)]
        assert simple.get(run, spacy_tokens) == spacy_tokens, run
        assert [t.text for t in fast(run + " " + run)] == [t.text for t in base(run + " " + run)], run
    assert set(simple) == {"zz-top", "(e-mailing)", "IPv6", "(d)"}  # the runs none of them concerns
    plain = CachedTokenizer(tune_tokenizer(spacy.blank("en")).tokenizer)._simple(runs)
    assert sum(plain.get(r) not in (None, [t.text for t in base(r)]) for r in runs) >= 10  # they do matter


_BASE = tune_tokenizer(spacy.blank("en")).tokenizer


def test_small_cache_is_bounded_and_still_exact():
    base = tune_tokenizer(spacy.blank("en")).tokenizer
    fast = CachedTokenizer(base, max_entries=50)
    for text in _texts()[:8] + TRICKY:
        assert _tokens(fast(text)) == _tokens(base(text))
        assert len(fast._cache) <= 50


def test_registered_tokenizer_matches_the_tuned_one():
    import analyzer.nlp.pipeline  # noqa: F401  (registers skillgap.cached_tokenizer.v1)

    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "skillgap.cached_tokenizer.v1"}}})
    assert isinstance(nlp.tokenizer, CachedTokenizer)
    base = tune_tokenizer(spacy.blank("en")).tokenizer
    for text in TRICKY:
        assert _tokens(nlp.make_doc(text)) == _tokens(base(text))


@pytest.fixture(scope="module")
def pipelines():
    bundle = load_role()
    return build_nlp(bundle, fast_tokenizer=True), build_nlp(bundle, fast_tokenizer=False)


def _evidence(nlp, text):
    return doc_to_evidence(nlp(text), detect_sections(document_from_text(text)))


def test_same_evidence_with_either_tokenizer(pipelines):
    fast, default = pipelines
    assert isinstance(fast.tokenizer, CachedTokenizer) and not isinstance(default.tokenizer, CachedTokenizer)
    n = 0
    for text in _texts() + TRICKY:
        a, b = _evidence(fast, text), _evidence(default, text)
        assert a == b
        n += len(a)
    assert n > 200  # the comparison saw real evidence


def _reference_matches(matcher, doc):
    """Match over all non-whitespace tokens at once (the definition the windows must reproduce)."""
    keep = [i for i, t in enumerate(doc) if not t.is_space]
    view = Doc(doc.vocab, words=[doc[i].text for i in keep], spaces=[True] * len(keep))
    out = []
    for m in (matcher._lower, matcher._orth):
        for key, s, e in m(view):
            a, b = keep[s], keep[e - 1] + 1
            if b - a != e - s and "\n\n" in doc[a:b].text:
                continue
            out.append((doc.vocab.strings[key], a, b))
    return out


LINE_BREAKS = [
    "Used machine\nlearning for churn.",
    "Used machine\n\nlearning for churn.",
    "natural language\n  processing, natural\nlanguage processing and computer\tvision",
    "Skills:\tPython,   R\n,SQL\nCI /\nCD and scikit\nlearn",
    "Deployed\nmodels and built ML\npipelines; MLOps\n\npipelines",
    "Google Cloud\nPlatform and Amazon Web\nServices\n\n\nAzure Machine\nLearning",
]


@pytest.mark.parametrize("text", LINE_BREAKS)
def test_line_break_windows_equal_matching_all_tokens(pipelines, text):
    fast, _ = pipelines
    matcher = fast.get_pipe("skillgap_skills")
    doc = fast.make_doc(text)
    got = [(f"{p.id}|{matcher.patterns.index(p)}", s, e) for p, s, e in matcher.alias_matches(doc)]
    assert got == _reference_matches(matcher, doc)


def test_line_break_windows_on_resumes(pipelines):
    fast, _ = pipelines
    matcher = fast.get_pipe("skillgap_skills")
    bridged = 0
    for text in _texts() + LINE_BREAKS:
        doc = fast.make_doc(text)
        got = [(f"{p.id}|{matcher.patterns.index(p)}", s, e) for p, s, e in matcher.alias_matches(doc)]
        ref = _reference_matches(matcher, doc)
        assert got == ref
        bridged += sum(1 for _k, s, e in ref if any(t.is_space for t in doc[s:e]))
    assert bridged > 0  # some alias really was written across a line break


def test_components_in_a_users_own_pipeline():
    """Our factories on a plain spacy.blank("en") with spaCy's default tokenizer."""
    import analyzer.nlp.components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("en")
    nlp.add_pipe("skillgap_skills", config={"role": "lead_ai_engineer"})
    nlp.add_pipe("skillgap_context")
    doc = nlp("Built NLP pipelines in Python and machine\nlearning models; no experience with Scala.")
    assert TEXT_KEY in doc.user_data  # computed once by the first component
    got = {(s.text, s.id_, bool(s._.negated)) for s in doc.spans[SPANS_KEY]}
    assert ("Python", "python", False) in got
    assert ("Scala", "scala", True) in got
    assert any(i == "machine_learning" and t.startswith("machine\nlearning") for t, i, _n in got)  # across a line break
    assert any(i == "nlp" for _t, i, _n in got)


@pytest.mark.parametrize("line", [
    "Senior Engineer, Acme — Jan 2019 – Present", "ML Engineer 2017 to 2019", "Data Scientist (2020-2021)",
    "Lead, Foo Inc.  PRESENT", "Engineer at Bar, currently", "Jan 2019 – PreſENT", "Built models in 2019 for 20 teams",
    "Led a team of 8 engineers on a recommender", "Worked on presentations for current clients daily",
])
def test_semantic_header_shortcut_equals_the_regex(line):
    from analyzer.nlp.semantic import _HEADER_LINE, _is_header

    assert _is_header(line) == (_HEADER_LINE.search(line) is not None)


def test_semantic_header_shortcut_on_resumes():
    from analyzer.nlp.semantic import _HEADER_LINE, _is_header, sentences

    for text in _texts():
        for a, b in sentences(text):
            assert _is_header(text[a:b]) == (_HEADER_LINE.search(text[a:b]) is not None)


_HEADER_ALPHABET = st.sampled_from(["present", "Present", "PRESENT", "current", "Current", "preſent", "t", "T", "ſ", " ",
                                     "  ", "\n", "\t", "\u00a0", "2019", "1998", "20", "19", "1", "9", "–", "—", "-", " to ",
                                     "to", "x", "_", ".", ",", "é", "Jan ", "(", ")"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_HEADER_ALPHABET, max_size=14).map("".join))
def test_semantic_header_shortcut_equals_the_regex_on_generated_lines(line):
    from analyzer.nlp.semantic import _HEADER_LINE, _is_header

    assert _is_header(line) == (_HEADER_LINE.search(line) is not None)


def test_semantic_header_shortcut_letters():
    """The shortcut's premise: only "t" and "T" match "t" ignoring case (the last letter of "present" and
    "current"; "ſ", which matches "s", is left to the regex)."""
    import re

    assert [c for c in map(chr, range(0x110000)) if re.match("t", c, re.I)] == ["T", "t"]


def test_memoised_tokenizer_pickles_and_serialises(tokenizers):
    import copy
    import pickle

    base, fast = tokenizers
    text = TRICKY[15] + "\n" + TRICKY[18]
    for clone in (pickle.loads(pickle.dumps(fast)), copy.deepcopy(fast)):
        assert isinstance(clone, CachedTokenizer) and _tokens(clone(text)) == _tokens(base(text))
    again = CachedTokenizer(tune_tokenizer(spacy.blank("en")).tokenizer).from_bytes(fast.to_bytes())
    assert _tokens(again(text)) == _tokens(base(text))


def test_memoised_tokenizer_inside_a_memory_zone():
    """Chunks first seen inside ``memory_zone()`` are not memoised (their strings are transient); the
    tokens stay exact inside and after the zone."""
    nlp = tune_tokenizer(spacy.blank("en"))
    nlp.tokenizer = CachedTokenizer(nlp.tokenizer)
    base = tune_tokenizer(spacy.blank("en")).tokenizer
    warm = "Built ML pipelines in Python and SQL."
    nlp.make_doc(warm)
    fresh = "Zyxwvut-qrs plover9 unseen words"
    with nlp.memory_zone():
        doc = nlp.make_doc(fresh + " " + warm)
        assert _tokens(doc) == _tokens(base(fresh + " " + warm))
    assert not any("Zyxwvut" in k or "plover9" in k for k in nlp.tokenizer._cache)
    for text in (fresh, warm, fresh + "\n" + warm):
        doc = nlp.make_doc(text)
        assert _tokens(doc) == _tokens(base(text)) and doc.text == text


VERSIONS = [
    "Python3, python3.11, Java8, Java-8, Java_8, TensorFlow2.x, Go1.21, C++17, C#10, .NET6, R4.2, Spark3.",
    "Pythonv3 py-v2 a1 ab1 x.y2 Kubernetes1.27.3.x Py-Python3 C-Python3 X9é Python3é Python٣ ab²",
    "B2B, H2O, S3, EC2, K8s, COVID-19, ISO9001, Q3 2019, 2019-2020, +1-555-0100, v2, 3D, GPT-4o, Llama2-7B",
]


def test_version_runs_equal_the_regex_over_the_whole_text():
    """``version_matches`` searches only the runs that hold a letter-then-digit spot; same matches as the regex
    over the whole text (on resumes, tricky strings and every short string over a small alphabet)."""
    import itertools

    from analyzer.nlp.components import _VERSION_IN_TEXT, version_matches

    def spans(ms):
        return [(m.span(), m.group(1)) for m in ms]

    texts = _texts() + TRICKY + VERSIONS
    found = 0
    for text in texts:
        ref = spans(_VERSION_IN_TEXT.finditer(text))
        assert spans(version_matches(text)) == ref
        found += len(ref)
    assert found > (50 if DOTIN.is_file() else 25)  # not vacuous, with or without the development set
    for n in range(1, 6):
        for chars in itertools.product("a9.-+ v#x_", repeat=n):
            s = "".join(chars)
            assert spans(version_matches(s)) == spans(_VERSION_IN_TEXT.finditer(s)), s
        # non-ASCII characters (an Arabic-Indic digit, which \d matches, a letter) and "?", which stands for them
        for chars in itertools.product("a٣?éZ-.", repeat=n):
            s = "".join(chars)
            assert spans(version_matches(s)) == spans(_VERSION_IN_TEXT.finditer(s)), s


def test_longest_match_choice_equals_spacy_filter_spans(pipelines):
    """set_annotations picks among overlapping matches on (start, end) pairs; the same spans as
    ``spacy.util.filter_spans`` over Spans of every match."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    fast, _ = pipelines
    matcher = fast.get_pipe("skillgap_skills")
    overlapping = 0
    for text in _texts() + TRICKY + VERSIONS + LINE_BREAKS:
        doc = fast.make_doc(text)
        matches = matcher.match(doc)
        ref = filter_spans([Span(doc, s, e, label=p.label, span_id=p.id) for p, s, e in matches])
        matcher.set_annotations(doc, matches)
        assert [(s.start, s.end, s.id_, s.label_) for s in doc.spans[SPANS_KEY]] == \
            [(s.start, s.end, s.id_, s.label_) for s in ref]
        overlapping += len(matches) - len(ref)
    assert overlapping > 20  # overlaps really were resolved


def test_new_runs_tokenized_together_get_their_own_tokens(tokenizers):
    """Runs joined by line breaks in one call of spaCy's tokenizer get exactly the tokens each gets alone
    (special cases, affixes, infixes, list separators), so a text's new chunks can be tokenized together."""
    import re

    base, _ = tokenizers
    runs = list(dict.fromkeys(r for text in TRICKY + _texts()[:10] for r in re.findall(r"\S+", text)))
    runs += ["don't", "(don't)", "U.S.A.", "a.m.", "p.m.)", ":)", "(:", "<3", "C++/Java", "’s", "e.g.,", "'em", "y'all"]
    assert len(runs) > 1000
    calls = []

    class Counting:  # the wrapped tokenizer, counting its calls
        vocab = base.vocab

        def __call__(self, text):
            calls.append(text)
            return base(text)

    fresh = CachedTokenizer(Counting())
    assert fresh._run_tokens(runs) == [[t.text for t in base(r)] for r in runs]
    assert len(calls) == 1  # one call for all runs (no fallback to one call per run)
