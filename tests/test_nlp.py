"""Skill matching: variants, ambiguity traps and context rules (text -> skill ids, offsets, flags)."""

from __future__ import annotations

import pytest

from analyzer.ingest import document_from_text
from analyzer.ingest.sections import detect_sections
from analyzer.nlp.evidence import doc_to_evidence
from analyzer.nlp.pipeline import get_nlp
from analyzer.taxonomy import load_role


@pytest.fixture(scope="module")
def run():
    bundle = load_role()
    nlp = get_nlp(bundle)

    def _run(text: str):
        doc = document_from_text(text)
        ev = doc_to_evidence(nlp(text), detect_sections(doc))
        for e in ev:
            assert text[e.start:e.end] == e.text
        return [e for e in ev if e.matcher == "alias"]

    return _run


def ids(ev):
    return {e.skill_id for e in ev}


@pytest.mark.parametrize("text, skill, surface", [
    ("Built ML pipelines for ranking.", "mlops", "ML pipelines"),
    ("Deployed models on Kubernetes.", "model_deployment", "Deployed models"),
    ("Deploying models every week.", "model_deployment", "Deploying models"),
    ("Used scikit-learn daily.", "scikit_learn", "scikit-learn"),
    ("Used scikit learn daily.", "scikit_learn", "scikit learn"),
    ("Used sklearn daily.", "scikit_learn", "sklearn"),
    ("Set up CI/CD for the team.", "ci_cd", "CI/CD"),
    ("Wrote C++ services.", "cpp", "C++"),
    ("Models in Tensor Flow.", "tensorflow", "Tensor Flow"),
    ("Models in TensorFlow.", "tensorflow", "TensorFlow"),
    ("Expert in natural language processing.", "nlp", "natural language processing"),
    ("Worked on NLP.", "nlp", "NLP"),
    ("Scripting in Python 3 and more.", "python", "Python 3"),
    ("Java8 back ends.", "java", "Java8"),
    ("Tuned jobs on Spark 3.4 clusters with Python and SQL.", "python", "Python"),
    ("Used machine\nlearning for churn.", "machine_learning", "machine\nlearning"),
    ("Skills: C++/Java and Kubernetes(EKS)", "kubernetes", "Kubernetes"),
    ("Skills: C++/Java", "java", "Java"),
    ("Python,SQL|AWS", "aws", "AWS"),
])
def test_variants(run, text, skill, surface):
    ev = run(text)
    hits = [e for e in ev if e.skill_id == skill]
    assert hits, (text, [(e.text, e.skill_id) for e in ev])
    assert hits[0].text == surface
    assert hits[0].start == text.index(surface)


def test_paragraph_break_separates_words(run):
    assert "machine_learning" not in ids(run("He likes the machine\n\nLearning is fun"))


@pytest.mark.parametrize("text, skill, expected", [
    ("SKILLS\nPython, R, SQL", "r", True),
    ("Languages: Python, R and Go", "go", True),
    ("Languages: Python, R and Go", "r", True),
    ("Invested in R&D for two years.", "r", False),
    ("Owned the Go-to-market plan.", "go", False),
    ("She is the Go-to person for tooling.", "go", False),
    ("Please find my CV attached.", "computer_vision", False),
    ("Worked on Grade C projects.", "c", False),
    ("Let us Go there now.", "go", False),
    ("Apache Spark jobs in production.", "spark", True),
    ("The ideas Spark joy.", "spark", False),
    ("Tools: Spark, Hadoop, Kafka", "spark", True),
    ("Bob Dibbert, Professor, VIT, Pune", "computer_vision", False),
    ("Trained ViT models for defects.", "computer_vision", True),
    # trap contexts (analyzer.nlp.patterns.AMBIGUOUS_TRAPS / trap_context), even in a skills list
    ("SKILLS\nPython, Go, SQL", "go", True),
    ("SKILLS\nPython, Go live support, SQL", "go", False),
    ("SKILLS\nOpenCV, CV, PyTorch", "computer_vision", True),
    ("SKILLS\nCV writing, Python, Excel", "computer_vision", False),
    ("SKILLS\nUpdated CV, Python, Excel", "computer_vision", False),
    ("Tools: Spark, Hadoop, Kafka", "spark", True),
    ("SKILLS\nTableau, Spark plugs, welding", "spark", False),
    ("SKILLS\nGCP (Google Cloud Platform), AWS", "gcp", True),
    ("SKILLS\nGCP (Global Career Program) tracker, Jira", "gcp", False),
    ("SKILLS\nGCP (Global Career Program) admin\nTools: GCP, Jira, Python", "gcp", False),
    ("SKILLS\nSupervisor: John R. Smith, Python", "r", False),
    ("SKILLS\nR.N. licence, Python", "r", False),
])
def test_ambiguity_traps(run, text, skill, expected):
    assert (skill in ids(run(text))) is expected, [(e.text, e.skill_id, e.rule) for e in run(text)]


@pytest.mark.parametrize("text, skill, expected", [
    # cues of a competency are not keyword evidence of it (the semantic matcher reads such sentences)
    ("Presented at NeurIPS and at the regional meetup.", "communication_presentation", False),
    ("Prepared presentations for the sales team.", "communication_presentation", False),
    ("Excellent communication skills.", "communication_presentation", True),
    ("Attended workshops on workplace safety.", "workshops_training", False),
    ("Conducted workshops on MLOps for 20 engineers.", "workshops_training", True),
    ("Coached the youth soccer team.", "mentoring", False),
    ("Mentored junior engineers.", "mentoring", True),
    ("Prepared the annual budget.", "strategic_planning", False),
    ("Owned capacity planning for the GPU fleet.", "strategic_planning", True),
    ("Ensured compliance with school policies.", "regulatory_compliance", False),
    ("Led GDPR compliance for the data platform.", "regulatory_compliance", True),
    ("Collaborated with the marketing team on a creative, innovative campaign.", "collaboration_teamwork", False),
    ("Different teams work on the tickets.", "collaboration_teamwork", False),
    ("Collaborated with the marketing team on a creative, innovative campaign.", "resilience_creativity", False),
    ("Troubleshooting printers and user accounts.", "problem_solving", False),
    ("Wrote documentation for the payroll process.", "technical_documentation", False),
    ("Wrote the technical documentation of the API.", "technical_documentation", True),
    ("Moved data from the legacy system to SAP.", "system_integration", False),
    # role nouns after a determiner or a number are other people (patterns.ROLE_NOUN_ALIASES)
    ("Worked with the project manager on estimates.", "project_management", False),
    ("Prepared bid packages for two project managers.", "project_management", False),
    ("Served as the project manager for the ERP rollout.", "project_management", True),
    ("Senior Project Manager, Acme (2015 - 2019)", "project_management", True),
    ("Reported to the team lead every week.", "team_leadership", False),
    ("Acted as team lead for four engineers.", "team_leadership", True),
])
def test_cues_are_not_keywords(run, text, skill, expected):
    assert (skill in ids(run(text))) is expected, [(e.text, e.skill_id, e.rule) for e in run(text)]


@pytest.mark.parametrize("text, skill, negated, hypothetical, proficiency", [
    ("No experience with Scala.", "scala", True, False, None),
    ("I am not familiar with Kubernetes.", "kubernetes", True, False, None),
    ("Never used Docker in production.", "docker", True, False, None),
    ("No experience with Scala, Rust or Java.", "java", True, False, None),
    ("I want to learn PyTorch.", "pytorch", False, True, None),
    ("Interested in learning Kubernetes.", "kubernetes", False, True, None),
    ("Planning to study TensorFlow next year.", "tensorflow", False, True, None),
    ("Basic knowledge of Docker.", "docker", False, False, "basic"),
    ("Familiar with Kubernetes.", "kubernetes", False, False, "basic"),
    ("Exposure to TensorFlow.", "tensorflow", False, False, "basic"),
    ("Working knowledge of SQL.", "sql", False, False, "intermediate"),
    ("Advanced Python developer.", "python", False, False, "advanced"),
    ("Expert in PyTorch.", "pytorch", False, False, "expert"),
    ("Python (expert)", "python", False, False, "expert"),
    ("Python developer; no experience with Scala.", "python", False, False, None),
    ("Not familiar with Scala but expert in Python.", "python", False, False, "expert"),
    ("Not familiar with Scala but expert in Python.", "scala", True, False, None),
    ("Used Docker without any issues.", "docker", False, False, None),
])
def test_context_rules(run, text, skill, negated, hypothetical, proficiency):
    e = next(e for e in run(text) if e.skill_id == skill)
    assert (e.negated, e.hypothetical, e.proficiency) == (negated, hypothetical, proficiency)
    changed = [c for c in e.context if c.category != "SECTION"]
    if negated or hypothetical or proficiency:
        assert changed and all(c.direction in ("forward", "backward", "bidirectional") for c in changed)
        assert all(c.scope_start <= e.start and e.end <= c.scope_end for c in changed)
    assert e.counts is not (negated or hypothetical)


@pytest.mark.parametrize("text, skill, years", [
    ("5+ years of experience in Python.", "python", 5.0),
    ("3 years' experience with Kubernetes.", "kubernetes", 3.0),
    ("TensorFlow (4 years)", "tensorflow", 4.0),
    ("Docker (2 yrs), Python", "docker", 2.0),
])
def test_years_value(run, text, skill, years):
    e = next(e for e in run(text) if e.skill_id == skill)
    hit = [c for c in e.context if c.category == "YEARS"]
    assert hit and hit[0].value == years


def test_section_weight_orders_experience_skills_interests(run):
    text = ("EXPERIENCE\nEngineer, Acme, 2019 - 2021\n• Built services in Python.\n\nSKILLS\nPython, SQL\n\n"
            "INTERESTS\nPython puzzles, chess\n")
    w = {e.section: next(c.value for c in e.context if c.category == "SECTION") for e in run(text) if e.skill_id == "python"}
    assert w["experience"] > w["skills"] > w["interests"]


def test_every_item_names_its_rule(run):
    for e in run("Skills: Python3, scikit learn, Deploying models"):
        assert e.rule.startswith("alias:")
    kinds = {e.text: e.rule for e in run("Skills: Python3, scikit learn, Deploying models")}
    assert "spelling variant" in kinds["scikit learn"] and "inflection variant" in kinds["Deploying models"]


def test_vocab_zone_keeps_memory_flat_after_the_warm_up_and_changes_nothing(monkeypatch):
    """After ``warmup`` documents, a document's new words leave the string store and the tokenizer's memo
    when its zone closes; every report is the same as without zones."""
    from pathlib import Path

    import analyzer.nlp.pipeline as pipeline
    from analyzer import Analyzer

    nlp = pipeline.build_nlp(load_role(None))
    sizes = []
    for i in range(6):
        with pipeline.vocab_zone(nlp, warmup=2):
            doc = nlp(f"Skills: Python, Kubernetes, Zorblax{i}DB and Quenvar{i}.js at Frobnitz{i} Labs")
            assert [x.text for x in doc][:6] == ["Skills", ":", "Python", ",", "Kubernetes", ","]
            assert f"Zorblax{i}DB" in [x.text for x in doc]
            del doc
        sizes.append((len(nlp.vocab.strings), len(nlp.tokenizer._cache)))
    assert sizes[0] < sizes[1] == sizes[2] == sizes[3] == sizes[4] == sizes[5]  # grows only in the warm-up

    def reports(a):
        out = []
        for p in sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt")):
            d = a.analyze_text(p.read_text("utf-8") + "\nVolunteer at Plorvex Quandrium Labs.", as_of="2026-06-30").to_dict()
            d.pop("generated_at", None)
            out.append(d)
        return out

    plain = reports(Analyzer())
    zoned_analyzer = Analyzer()
    zoned_analyzer.nlp_ = nlp
    monkeypatch.setattr(pipeline, "VOCAB_WARMUP", 0)  # every document in a zone
    before = len(nlp.vocab.strings)
    assert reports(zoned_analyzer) == plain
    assert len(nlp.vocab.strings) == before  # the new words left with their zones
