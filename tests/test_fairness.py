"""Fairness: counterfactuals over all six sample personas. Changing who the candidate is — name across
genders and ethnic origins, pronouns, a photo, age, date of birth, nationality, marital status, gender —
changes neither the score nor the gaps (exactly equal). Extends the single-resume identity test in
test_scoring.py (whose identities are reused here) to every persona and each attribute on its own."""

from __future__ import annotations

import pytest

from conftest import AS_OF, SAMPLES, personas
from hostile import with_line
from test_scoring import IDENTITIES

NAMES = [  # across genders and ethnic origins
    "Emily Walsh", "Jamal Washington", "Nguyen Thi Mai", "Mohammed Al-Farsi", "Olusegun Adeyemi", "Priya Raghunathan",
    "José Hernández García", "Anna Kowalczyk", "Hiroshi Tanaka", "Fatima Zahra Benali", "Sean O'Connor", "Li Wei",
] + [name for name, _ in IDENTITIES]

PERSONAL_LINES = [
    "Pronouns: she/her", "Pronouns: he/him", "Pronouns: they/them",
    "[Photo]", "Photo: attached", "Age: 58", "Age: 23", "Date of birth: 14 March 1962", "Date of birth: 02/06/2001",
    "Born 1990 in Lagos", "Nationality: Nigerian", "Nationality: German", "Citizenship: Indian (work permit holder)",
    "Marital status: married, two children", "Marital status: single", "Gender: female", "Gender: male",
    "Religion: Muslim", "Place of birth: Manila, Philippines",
] + [extra for _, extra in IDENTITIES if extra]

PERSONAS = [p["id"] for p in personas()]


@pytest.fixture(scope="module")
def base(analyzer_default):
    out = {}
    for pid in PERSONAS:
        text = (SAMPLES / f"{pid}.txt").read_text("utf-8")
        out[pid] = (text, _key(analyzer_default.analyze_text(text, as_of=AS_OF)))
    return out


def _key(report):
    a = report.assessment
    return (a.score, tuple((r.id, r.status, r.points) for r in a.requirements),
            tuple((g.requirement_id, g.status, g.priority) for g in a.gaps))


def _rename(text: str, new: str) -> str:
    old = text.split("\n", 1)[0].strip()
    out = text.replace(old, new)
    for a, b in zip(old.replace("-", " ").split(), new.split()):  # surnames and first names used alone
        out = out.replace(a, b)
    return out


@pytest.mark.parametrize("pid", PERSONAS)
def test_names_across_genders_and_origins_change_nothing(analyzer_default, base, pid):
    text, expected = base[pid]
    for name in NAMES:
        got = _key(analyzer_default.analyze_text(_rename(text, name), as_of=AS_OF))
        assert got == expected, (pid, name)


@pytest.mark.parametrize("pid", PERSONAS)
def test_personal_details_added_or_removed_change_nothing(analyzer_default, base, pid):
    text, expected = base[pid]
    name_line = text.split("\n", 1)[0]
    for line in PERSONAL_LINES:
        # in the header under the name (the European CV habit) ...
        head = with_line(text, name_line, line)
        assert _key(analyzer_default.analyze_text(head, as_of=AS_OF)) == expected, (pid, "header", line)
    # ... and all together in a "Personal details" section at the end; removing them is the reverse comparison
    block = text.rstrip("\n") + "\n\nPersonal Details\n" + "\n".join(PERSONAL_LINES[:19]) + "\n"
    assert _key(analyzer_default.analyze_text(block, as_of=AS_OF)) == expected, (pid, "section")


@pytest.mark.parametrize("pid", PERSONAS)
def test_pronouns_in_prose_change_nothing(analyzer_default, base, pid):
    """A summary written in the third person, with each set of pronouns."""
    text, expected = base[pid]
    first = text.split("\n", 1)[0].split()[0]
    keys = set()
    for subj, obj, poss in (("She", "her", "her"), ("He", "him", "his"), ("They", "them", "their")):
        line = f"{first} is known for {poss} calm style; {subj.lower()} enjoys mentoring and colleagues describe {obj} as kind."
        keys.add(_key(analyzer_default.analyze_text(with_line(text, text.split("\n", 1)[0], line), as_of=AS_OF)))
    assert len(keys) == 1, pid


def test_same_resume_under_two_names_gets_the_same_batch_row(tmp_path):
    """Through the batch path too: rows differ only in file and identity columns."""
    from analyzer.batch import TextInput, analyze_many

    text = (SAMPLES / "ai_engineer.txt").read_text("utf-8")
    rows = [r.row for r in analyze_many([TextInput("a", _rename(text, "Emily Walsh")),
                                         TextInput("b", _rename(text, "Olusegun Adeyemi") + "\nNationality: Nigerian\nAge: 61\n")],
                                        as_of=AS_OF, workers=0)]
    drop = {"file", "name", "email", "phone", "sha256", "rank", "duplicate_of"}
    assert [{k: v for k, v in r.items() if k not in drop} for r in rows][0] == \
        [{k: v for k, v in r.items() if k not in drop} for r in rows][1]
