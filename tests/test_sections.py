"""Section headings: rules are data, every common style, layout-aware in PDFs."""

from __future__ import annotations

import pytest

from analyzer.ingest import document_from_text
from analyzer.ingest.sections import classify_heading, detect_sections
from analyzer.types import Document, Line, Source


def test_heading_styles_in_plain_text():
    text = ("Jane Roe\nPROFESSIONAL SUMMARY\nBuilds ML systems.\nWork Experience:\nAcme\n"
            "E D U C A T I O N\nMSc\nTechnical Skills & Tools\nPython\n• Certifications\nAWS\n"
            "Hobbies and Interests\nChess\nReferences available upon request")
    secs = detect_sections(document_from_text(text))
    assert [s.name for s in secs] == ["header", "summary", "experience", "education", "skills", "certifications",
                                      "interests", "references"]
    for s in secs[1:]:
        assert text[s.start:].startswith(s.heading.lstrip("• ")) or s.heading in text[s.start:s.end]
        assert s.rule.startswith(("heading:", "prefix:"))
    assert secs[-1].end == len(text)


def test_body_lines_are_not_headings():
    assert classify_heading("Experience with Python and Spark is required.") is None
    assert classify_heading("Languages\tKorean, English") is None  # a label and its value
    assert classify_heading("I have strong skills in leadership, mentoring and delivery") is None


def _doc(rows):
    text = "\n".join(t for t, _, _ in rows)
    lines, pos = [], 0
    for t, size, bold in rows:
        lines.append(Line(start=pos, end=pos + len(t), font_size=size, bold=bold))
        pos += len(t) + 1
    return Document(text=text, source=Source(name="x.pdf", format="pdf"), lines=tuple(lines))


def test_pdf_headings_must_look_like_headings():
    doc = _doc([("Jane Roe", 20, True), ("Experience", 14, True), ("Project 1", 10, False),
                ("Built things.", 10, False), ("Projects", 14, True), ("Open Source Software Engineering", 10, False),
                ("Skills", 10, False), ("Education", 14, True)])
    names = [(s.name, s.heading) for s in detect_sections(doc)]
    assert names == [("header", ""), ("experience", "Experience"), ("projects", "Projects"), ("education", "Education")]


@pytest.mark.parametrize("heading, section", [
    ("PROFESSIONAL WORK EXPERIENCE", "experience"),
    ("Legal Teaching Experience", "experience"),
    ("LAW LIBRARY EXPERIENCE:", "experience"),
    ("Selected Academic Projects", "projects"),
    ("ATTORNEY EXPERIENCE.", "experience"),  # an ALL-CAPS heading may end in a full stop
    ("CURRENT POSITION", "experience"),
    ("Academic Appointments", "experience"),
])
def test_longest_known_suffix_names_the_section(heading, section):
    assert classify_heading(heading)[0] == section


@pytest.mark.parametrize("heading", ["Educational Qualification :", "EDUCATIONAL QUALIFICATION", "Academic Qualification"])
def test_singular_qualification_headings_name_education(heading):
    assert classify_heading(heading) is not None and classify_heading(heading)[0] == "education"


@pytest.mark.parametrize("line,section", [
    ("ACADEMIC DETAILS", "education"), ("Educational Details:", "education"), ("Academic Credentials", "education"),
    ("Academic History:", "education"), ("Education History", "education"), ("Academic Record", "education"),
    ("PROFESSIONAL AFFILIATIONS", "interests"), ("Memberships", "interests"),
    ("PROFESSIONAL MEMBERSHIPS:", "interests"), ("Affiliations and Memberships", "interests"),
    ("DOCTORAL COMMITTEE MEMBERSHIPS", "interests"),
    ("Research Interests", "interests"),  # topics, not research jobs (once an experience prefix match)
    ("Core Qualifications", "skills"),  # skills, not education (once a "qualifications" suffix match)
    ("TECHNICAL PROFICIENCY", "skills"), ("Technical Knowledge", "skills"), ("Areas of Knowledge", "skills"),
    ("Job History", "experience"), ("Military Service", "experience"),
    ("Professional Training", "certifications"), ("Conferences", "publications"),
    ("DECLARATION", "additional"), ("Personal Data", "additional"), ("PERSONAL DOSSIER", "additional"),
    ("CERTIFICATIONS/LICENSES", "certifications"), ("Professional Associations", "interests"),
    ("AREAS OF EXCELLENCE", "skills"), ("Technical Reports", "publications"), ("Executive Profile", "summary"),
])
def test_more_common_headings(line, section):
    assert classify_heading(line)[0] == section


@pytest.mark.parametrize("line", ["Staff Development & Training", "Service Management)", "Customer Service",
                                  "Grants"])
def test_training_service_and_grants_are_no_heading_words(line):
    """"Training" and "Service" alone end job lines and skills ("Staff Development & Training", "IT Service
    Management") far more often than they head a section; a "Grants" section lists dated grants, which a
    flattened page would read as jobs. None of them is a heading literal."""
    assert classify_heading(line) is None


def test_membership_dates_under_their_heading_are_no_jobs():
    """Ranges under a memberships heading are memberships: not a job, not the current title."""
    import analyzer

    text = ("Jane Roe\n\nExperience\nAssociate Professor, Northfield State University\n2015 - Present\n"
            "- Teaches research methods.\nAssistant Professor, Northfield State University\n2009 - 2015\n"
            "- Taught statistics.\n\nProfessional Memberships\nVice-President and Board Member, Regional "
            "Council for Exceptional Children\n2016 - Present\nBoard Member, State Society of Educators\n"
            "1998 - 2004\n")
    p = analyzer.analyze_text(text, as_of="2019-06-30").profile
    assert p.current_title == "Associate Professor"
    assert [x.dates.text for x in p.positions if x.kind == "full_time"] == ["2015 - Present", "2009 - 2015"]
    assert p.total_experience_years == pytest.approx(10.5, abs=0.01)  # 2009 .. June 2019


@pytest.mark.parametrize("line", ["Grander Education", "Special Education", "Microsoft Research", "School of Social Work",
                                  "Classroom Presentation", "Internet Technologies", "Certified Volunteer",
                                  "Graduated with Highest Honors", "Outstanding Graduate Student in Academics"])
def test_words_that_end_names_and_subjects_are_no_heading_suffix(line):
    """An employer ("Grander Education"), a field of study, a subject or an award line ends with a heading
    word: such words (``no_suffix`` in sections.yaml) name a section only exactly or as a prefix."""
    assert classify_heading(line) is None


@pytest.mark.parametrize("line,section", [("EDUCATION", "education"), ("Research:", "experience"),
                                          ("Education and Certifications", "education"),
                                          ("LEADERSHIP AND HONORS", "awards"),
                                          ("Training & Education", "education"),
                                          ("Formal Education", "education"),
                                          ("Continuing Education", "certifications"),
                                          ("COMMUNITY SERVICE", "interests"), ("Volunteer Work", "interests")])
def test_no_suffix_words_still_name_a_section_exactly_as_a_prefix_or_after_and(line, section):
    assert classify_heading(line)[0] == section


def test_an_employer_ending_in_education_does_not_cut_the_experience_section():
    """Three jobs at employers named "... Education" stay three jobs (the employers once read as
    education headings, and the jobs under them were lost)."""
    import analyzer

    entries = [("4/1/2009 - 7/1/2014", "Grander Education"), ("9/1/2004 - 4/1/2009", "Higher Education"),
               ("6/1/1998 - 9/1/2004", "The Education Place")]
    text = "Jane Roe\nEducational Consultant\n\nExperience\n" + "".join(
        f"Educational Consultant\n{dates}\n{org}\nNew Parkland, CA\n- Ran seminars for new clients.\n"
        for dates, org in entries) + "Education\nAssociate's Degree - Education\n1998\nGalley Community College\n"
    p = analyzer.analyze_text(text, as_of="2019-06-30").profile
    assert [x.dates.text for x in p.positions] == [d for d, _ in entries]
    assert p.total_experience_years == pytest.approx(16.17, abs=0.01)  # June 1998 .. July 2014


def test_suffix_rule_needs_a_heading_look():
    assert classify_heading("my relevant work experience") is None  # neither capitals nor a colon
    assert classify_heading("Gained Work Experience.") is None  # a full stop ends a sentence unless in capitals
    assert classify_heading("Five years of work experience in Python and Spark.") is None


@pytest.mark.parametrize("line", ["Project Manager / Technology Lead", "Research Scientist", "RESEARCH ASSISTANT",
                                  "Senior Engineer, Research", "Projects Coordinator:", "Education Consultant"])
def test_a_job_title_that_starts_or_ends_with_a_heading_word_is_no_heading(line):
    assert classify_heading(line) is None


@pytest.mark.parametrize("line", ["Volunteer Contestant, Yappon", "Writing Center Tutor, Towson University",
                                  "Peak Analysis and Automation, England, Internship", "Research Scholar, Business Intelligence"])
def test_a_title_case_line_with_a_comma_is_a_job_header_not_a_heading(line):
    """"Title, Organisation" lines start or end with a heading word; a heading found by a prefix or suffix has
    no comma unless it is in capitals or ends in a colon."""
    assert classify_heading(line) is None


@pytest.mark.parametrize("line,section", [("VOLUNTEER, COMMUNITY AND PROFESSIONAL INTERESTS:", "interests"),
                                          ("HONORS, AWARDS", "awards"), ("Activities, Honors and Awards:", "awards")])
def test_a_heading_with_a_comma_in_capitals_or_with_a_colon_still_matches(line, section):
    assert classify_heading(line)[0] == section


@pytest.mark.parametrize("line,section", [("Research Experience", "experience"), ("PROJECTS", "projects"),
                                          ("Technical Skills & Tools", "skills"), ("Education:", "education")])
def test_headings_without_job_words_still_match(line, section):
    assert classify_heading(line)[0] == section


def test_sub_headings_inside_jobs_do_not_end_the_experience_section():
    """Indeed-style entries carry "Project Description:" and "SAP Modules/ Tools:" sub-headings; the jobs
    after them are still jobs."""
    import analyzer

    text = ("Jane Roe\n\nWORK EXPERIENCE\n\nSAP ABAP Consultant\n\nAcme Steel -\n\nMarch 2015 to April 2016\n\n"
            "Project Description:\nMigration of the billing system.\n\nSAP Modules/ Tools:\n• PP, MM and SD.\n\n"
            "Consultant\n\nGlobex -\n\nOctober 2012 to February 2015\n\nProject Description:\nReports.\n\n"
            "EDUCATION\n\nB.E. in Computer Science, 2012\n")
    p = analyzer.analyze_text(text, as_of="2019-06-30").profile
    assert [x.dates.text for x in p.positions] == ["March 2015 to April 2016", "October 2012 to February 2015"]
    assert p.total_experience_years == 3.58


@pytest.mark.parametrize("line,section", [("Employment and Work Experience", "experience"),
                                          ("Education and Training", "education"),
                                          ("Honors and Awards", "awards")])
def test_title_case_headings_may_keep_small_words_in_lower_case(line, section):
    assert classify_heading(line)[0] == section


def test_a_sentence_is_not_title_case():
    assert classify_heading("Experience with many tools") is None


@pytest.mark.parametrize("line,section", [("EDUCATIONAL & PROFESSIONAL DEVELOPMENT", "education"),
                                          ("Professional Development", "certifications")])
def test_development_headings(line, section):
    assert classify_heading(line)[0] == section
