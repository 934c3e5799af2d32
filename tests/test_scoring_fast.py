"""The fast paths of the scorer give what the plain computations they replace give. Each test states the
plain reference and compares on realistic input: the analysed samples/*.txt (with keyword dumps added
to them, so the dump code is exercised without ../shared), generated evidence, and the dotin resumes
when ../shared is present."""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer import scoring
from analyzer.scoring import DUMP_MAX_GAP, DUMP_MIN_MENTIONS, DUMP_MIN_SKILLS, DUMP_SKIP_GAP, keyword_dumps
from analyzer.types import Evidence, Gap, RequirementResult

from conftest import AS_OF, SAMPLES

# the lists the end-to-end tests of test_scoring.py append to a resume: one names many requirements,
# one cycles through ten names
_BREADTH = ["Kubernetes", "Docker", "NLP", "computer vision", "time series", "MLOps", "CI/CD", "Java", "Scala", "C++",
            "Go", "Azure", "AWS", "GCP", "Spark", "Hadoop", "TensorFlow", "PyTorch", "Keras", "scikit-learn", "SHAP",
            "model monitoring", "disaster recovery", "data governance", "GDPR", "mentoring", "workshops",
            "technical documentation", "capacity planning", "cross-functional", "stakeholder management",
            "project management", "A/B testing", "feature store", "LLM", "anomaly detection", "statistics"]
_CYCLED = ["Kubernetes", "Terraform", "Kafka", "Java", "Scala", "Snowflake", "Databricks", "Azure", "Hadoop", "GDPR"]


def _sample_texts() -> list[str]:
    """The samples, and each sample with a keyword dump appended (one of each kind, and one split by a
    word that is no alias, as a chain that joins a dump)."""
    out = []
    for p in sorted(SAMPLES.glob("*.txt")):
        text = p.read_text("utf-8").rstrip("\n")
        out += [text, text + "\n\n" + ", ".join(_BREADTH) + "\n",
                text + "\n" + ", ".join(_CYCLED[k % len(_CYCLED)] for k in range(200)) + "\n",
                text + "\n\n" + ", ".join(_BREADTH[:30]) + ", woodworking, " + ", ".join(_BREADTH[30:]) + "\n"]
    return out


@pytest.fixture(scope="module")
def sample_reports(analyzer_default):
    return [analyzer_default.analyze_text(t, as_of=AS_OF) for t in _sample_texts()]


@pytest.fixture(scope="module")
def dotin_reports(analyzer_default, shared_dir):
    path = shared_dir / "eval" / "dotin" / "train.jsonl"
    if not path.is_file():
        pytest.skip("../shared/eval/dotin/train.jsonl is not present")
    texts = [json.loads(x)["content"] for x in path.read_text("utf-8").splitlines() if x.strip()]
    return [analyzer_default.analyze_text(t, as_of=AS_OF) for t in texts]


# --------------------------------------------------------------------------- keyword dumps


def _keyword_dumps_reference(evidence) -> dict[str, int]:
    """keyword_dumps without its shortcuts: every chain goes through the grouping and the dump tests."""
    items = sorted((e for e in evidence if e.matcher != "semantic"), key=lambda e: (e.start, e.end, e.id))
    chains: list[list[Evidence]] = []
    chain: list[Evidence] = []
    reach = -10**9
    for e in items:
        if chain and e.start - reach > DUMP_MAX_GAP:
            chains.append(chain)
            chain, reach = [], -10**9
        chain.append(e)
        reach = max(reach, e.end)
    if chain:
        chains.append(chain)
    merged: list[list[Evidence]] = []
    last_end, last_dump = -10**9, False
    for c in chains:
        c_end = max(x.end for x in c)
        if merged and c[0].start - last_end <= DUMP_SKIP_GAP and (last_dump or scoring._is_dump(c)):
            merged[-1].extend(c)
            last_end, last_dump = max(last_end, c_end), True
        else:
            merged.append(list(c))
            last_end, last_dump = c_end, scoring._is_dump(c)
    out: dict[str, int] = {}
    spans = []
    for c in merged:
        n = len({e.skill_id for e in c})
        if scoring._is_dump(c):
            spans.append((min(e.start for e in c), max(e.end for e in c), n))
            out.update((e.id, n) for e in c)
    for e in evidence:
        if e.matcher == "semantic":
            for lo, hi, n in spans:
                if e.start < hi and lo < e.end:
                    out[e.id] = n
                    break
    return out


def _check_dumps(reports) -> int:
    dumped = 0
    for r in reports:
        got = keyword_dumps(r.evidence)
        assert got == _keyword_dumps_reference(r.evidence)
        dumped += bool(got)
    return dumped


def test_keyword_dumps_equal_the_plain_form_on_the_samples(sample_reports):
    dumped = _check_dumps(sample_reports)
    # not vacuous: the appended lists are dumps, the samples themselves are not
    assert dumped == 3 * len(sample_reports) // 4


def test_keyword_dumps_equal_the_plain_form_on_dotin(dotin_reports):
    _check_dumps(dotin_reports)


_SKILLS = [f"s{k}" for k in range(40)]


@st.composite
def _listed(draw):
    """Evidence as skills lists give it: runs (chains) of a few to 40 names a few characters apart (often
    about as many as a dump needs), of a
    few or of many skills, the runs one word (a few dozen characters) or more apart, a few sentence-level
    matches among them."""
    pool = _SKILLS[: draw(st.sampled_from([4, 12, 40]))]
    out, pos = [], 0
    for _ in range(draw(st.integers(0, 5))):
        in_turn = draw(st.booleans())  # the run names the pool's skills in turn (a list of different names)
        for k in range(draw(st.one_of(st.integers(1, 40), st.integers(DUMP_MIN_SKILLS - 2, DUMP_MIN_MENTIONS + 2)))):
            length = draw(st.integers(1, 12))
            semantic = draw(st.integers(0, 9)) == 0
            skill = pool[k % len(pool)] if in_turn else draw(st.sampled_from(pool))
            out.append(Evidence(id=f"e{len(out)}", skill_id=skill, label="x", category="c",
                                text=draw(st.sampled_from(["Kafka", "Java", "GDPR", "Go"])), start=pos,
                                end=pos + (60 if semantic else length), section="skills",
                                matcher="semantic" if semantic else "alias"))
            pos += length + draw(st.integers(0, DUMP_MAX_GAP))
        pos += draw(st.sampled_from([5, 20, DUMP_SKIP_GAP, DUMP_SKIP_GAP + 1, 100]))
    return tuple(out)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_listed())
def test_keyword_dumps_equal_the_plain_form_on_generated_lists(ev):
    assert keyword_dumps(ev) == _keyword_dumps_reference(ev)


# --------------------------------------------------------------------------- built objects


def _plain(obj):
    """``obj`` built again with its class's own constructor."""
    return type(obj)(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})


def _check_built(reports) -> None:
    for r in reports:
        a = r.assessment
        for x in a.requirements + a.gaps:
            assert type(x) in (RequirementResult, Gap)
            y = _plain(x)
            assert x == y and hash(x) == hash(y)
            assert list(vars(x).items()) == list(vars(y).items())
            with pytest.raises(dataclasses.FrozenInstanceError):
                x.id = "changed"


def test_requirement_lines_and_gaps_equal_constructed_ones_on_the_samples(sample_reports):
    _check_built(sample_reports)


def test_requirement_lines_and_gaps_equal_constructed_ones_on_dotin(dotin_reports):
    _check_built(dotin_reports)
