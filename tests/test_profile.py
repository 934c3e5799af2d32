"""Profile: positions, experience years (internships excluded), leadership, education, degree levels."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import analyzer
from analyzer.profile import degree_level_of

from conftest import AS_OF

RESUME = """Ada Example
Lead Machine Learning Engineer

EXPERIENCE
Lead ML Engineer, Acme Analytics — Jan 2021 – Present
• Led a team of 6 engineers building PyTorch models.
Data Scientist, Beta Corp — 03/2017 - 12/2020
• Built forecasting models in Python.
Software Engineer, Gamma — 2016 – 2018
• Java services.
Machine Learning Intern, Delta Labs — Summer 2015

EDUCATION
M.Sc. Computer Science, Example University, 2016
B.Sc. Mathematics, Example College, 2014
"""


@pytest.fixture(scope="module")
def profile():
    return analyzer.analyze_text(RESUME, as_of=AS_OF).profile


def test_total_years_merge_overlaps_and_skip_internships(profile):
    # 2016-01 .. 2026-06-30 merged; the internship (Summer 2015) does not count
    assert profile.total_experience_years == pytest.approx(10.5, abs=0.05)
    assert any(p.kind == "internship" for p in profile.positions)


def test_two_digit_year_ranges_give_positions_and_years():
    text = ("Sam Example\n\nPARALEGAL EXPERIENCE\n7/95 to present\nL.F. Davidson & Associates, LLC\n"
            "Litigation Paralegal\n\n11/91 to 3/92\nCountry-Wide Ins. Co.\nCalendar Clerk\n")
    p = analyzer.analyze_text(text, as_of="2019-06-30").profile
    assert [(x.dates.text, x.kind) for x in p.positions] == [("7/95 to present", "full_time"), ("11/91 to 3/92", "full_time")]
    # Jul 1995 .. Jun 2019 (24.0) plus Nov 1991 .. Mar 1992 (0.42)
    assert p.total_experience_years == pytest.approx(24.41, abs=0.02)


def test_full_dates_with_a_lost_dash_on_a_flattened_page():
    text = ("Tona Example  PhD, Attorney at Law    CURRENT POSITION  18/06/2014  Present  Associate Attorney  "
            "Corporate Department, Example & Partner, Padua (Italy)    EDUCATION  01/01/2010  31/12/2012  PhD in "
            "Corporate Law and Economics  Law School, University of Verona  ")
    p = analyzer.analyze_text(text, as_of="2019-06-30").profile
    assert [(x.dates.start, x.title) for x in p.positions] == [(dt.date(2014, 6, 1), "Associate Attorney")]
    assert p.total_experience_years == pytest.approx(5.08, abs=0.01)


def test_leadership_and_current_title(profile):
    assert profile.current_title == "Lead ML Engineer"
    assert profile.leadership_years == pytest.approx(5.5, abs=0.05)


def test_education(profile):
    assert profile.highest_degree == "master"
    levels = {(e.level, e.field, e.year) for e in profile.education}
    assert ("master", "computer_science", 2016) in levels and ("bachelor", "mathematics", 2014) in levels
    assert all(e.institution and ("University" in e.institution or "College" in e.institution) for e in profile.education)


def test_skill_years_from_dated_positions(profile):
    years = dict(profile.skill_years)
    assert years["pytorch"] == pytest.approx(5.5, abs=0.05)


@pytest.mark.parametrize("text, level", [
    ("Ph.D. in Statistics", "doctorate"), ("PhD, Computer Science", "doctorate"), ("J.D., Law School", "doctorate"),
    ("M.Sc. Physics", "master"), ("MBA", "master"), ("Master of Science in Data Science", "master"),
    ("MS in Computer Science", "master"), ("B.Tech (CSE)", "bachelor"), ("Bachelor of Arts in History", "bachelor"),
    ("BS, Electrical Engineering", "bachelor"), ("B.E. in ENC", "bachelor"), ("Associate Degree in IT", "associate"),
    ("High School Diploma", "secondary"),
    ("Boston, MA 02110", None), ("MS Office, MS-Excel", None), ("Scrum Master certified", None), ("Ms Smith", None),
])
def test_degree_levels(text, level):
    assert degree_level_of(text) == level


def test_without_an_education_section_a_school_employer_is_not_education():
    """No education heading: degrees are read outside the experience sections first, so a teacher's or a
    coach's employer ("Rolling Meadows High School") is not a school they attended."""
    text = ("Jane Roe\nM.A. in Counseling, Example University, 2010\n\nEXPERIENCE\n"
            "School Counselor, Rolling Meadows High School, Rolling Meadows, IL\n2012 - 2016\n"
            "- Advised 300 students on college applications.\n"
            "Line Coach, DeKalb High School, DeKalb, IL\n2010 - 2012\n- Coached the sophomore team.\n")
    p = analyzer.analyze_text(text, as_of=AS_OF).profile
    assert [(e.level, e.year) for e in p.education] == [("master", 2010)]
    assert p.highest_degree == "master"


@pytest.mark.parametrize("line, level", [
    ("B.E Anna University, Chennai (2008-2012)", "bachelor"),  # a dotted degree before its institution
    ("B.E from University of Madras in 2007 with an aggregate of 62%.", "bachelor"),
    ("M.E in VLSI Design, 2014", "master"),
    ("M.E Anna University, Chennai", "master"),
    ("B.E. Smith, Acme Corp", None),  # initials before a name
    ("Please contact me in Boston", None),
])
def test_dotted_short_degrees(line, level):
    assert degree_level_of(line) == level


def test_in_progress_degree_is_not_highest():
    p = analyzer.analyze_text("EDUCATION\nPhD candidate in Machine Learning, Example University (expected 2028)\n"
                              "M.Sc. Computer Science, Example University, 2022\n", as_of=AS_OF).profile
    assert {e.level: e.status for e in p.education} == {"doctorate": "in_progress", "master": "completed"}
    assert p.highest_degree == "master"


# --------------------------------------------------------------------------- current title and layout

INDEED_STYLE = """Ada Example
Senior Data Scientist - Acme Analytics

WORK EXPERIENCE

Senior Data Scientist

Acme Analytics Pvt. Ltd -  Pune, Maharashtra -

January 2021 to Present

• Built churn models in Python.

Data Analyst

Beta Corp -  Mumbai -

March 2017 to December 2020

EDUCATION

B.Sc. Statistics, Example College, 2016
"""


def test_title_found_across_blank_lines_and_not_the_organisation():
    p = analyzer.analyze_text(INDEED_STYLE, as_of=AS_OF).profile
    assert [pos.title for pos in p.positions] == ["Senior Data Scientist", "Data Analyst"]
    assert p.current_title == "Senior Data Scientist"
    assert p.positions[0].organisation.startswith("Acme Analytics")


def test_current_title_falls_back_to_the_headline_then_the_experience_section():
    head = analyzer.analyze_text("Ada Example\nMachine Learning Engineer\n\nSKILLS\nPython, SQL\n", as_of=AS_OF).profile
    assert head.current_title == "Machine Learning Engineer"
    exp = analyzer.analyze_text("Ada Example\nBerlin\n\nEXPERIENCE\nData Engineer\nAcme\nBuilt pipelines.\n",
                                as_of=AS_OF).profile
    assert exp.current_title == "Data Engineer"
    # no title-like line anywhere: no current title rather than an organisation or a sentence
    none = analyzer.analyze_text("Ada Example\nBerlin\n\nEXPERIENCE\nAcme Pvt. Ltd\n2019 - 2021\nBuilt pipelines.\n",
                                 as_of=AS_OF).profile
    assert none.current_title is None


@pytest.mark.parametrize("line,title", [
    ("Position: Customer Service Advisor (part time to 2011, full time from 2013)", "Customer Service Advisor"),
    ("(Designation: Graduate Research Assistant)", "Graduate Research Assistant"),
    ("Jul 2011 - Sept 2013 Team Member", "Team Member"),
])
def test_experience_section_fallback_title_drops_labels_and_dates(line, title):
    """When the latest position has no title of its own (a column of dates on a flattened page), the
    experience section's first title-like line is read without its field label or its dates."""
    text = ("Ada Example  Melbourne  ada@example.com    Employment History  2013-current  2009-2011    "
            f"ZiNc Telephone Banking, Melbourne  {line}  Responsibilities   Providing a consistently high level "
            "of service to the customers of the bank.    Education  Bachelor of Arts, 2008  Monash University")
    assert analyzer.analyze_text(text, as_of=AS_OF).profile.current_title == title


FLAT = ("Ada Example  Lead Data Engineer  123 Main St, Springfield  ada@example.com  "
        "PROFESSIONAL EXPERIENCE  2018  Present Lead Data Engineer, Acme Corp, Springfield  "
        "Led a team of 5 building Spark pipelines.  2014  2018  Data Engineer, Beta Inc  "
        "Built ETL jobs in Python.  EDUCATION  2010  2014  B.Sc. Computer Science, Example University")


def test_flattened_page_reads_positions_with_lost_dashes():
    from analyzer.profile import layout_view

    view = layout_view(FLAT)
    assert len(view) == len(FLAT)  # same offsets
    assert "2018 -Present" in view and "2014 -2018" in view and "\n" in view
    p = analyzer.analyze_text(FLAT, as_of=AS_OF).profile
    assert [pos.title for pos in p.positions] == ["Lead Data Engineer", "Data Engineer"]
    assert p.current_title == "Lead Data Engineer"
    # 2014-01-01 .. 2026-06-30; the education range does not count
    assert p.total_experience_years == pytest.approx(12.5, abs=0.05)
    for pos in p.positions:
        assert FLAT[pos.dates.start_offset:pos.dates.start_offset + 4] == pos.dates.text[:4]  # offsets into the original


def test_flattened_page_keeps_a_range_whose_end_a_gap_parts_from_its_connector():
    """Justified text can leave a run of spaces after a range's "to": the flattened view must not break the
    line there, or neither half reads as a range."""
    from analyzer.profile import layout_view

    text = ("Ada Example  Lecturer  ada@example.com  Work Experience:  Worked as a Lecturer in the Department of "
            "Computing at Example Institute of Technology, Springfield from 04-09-2003 to  19-12-2007 ( 4 years "
            "3 months).  Projects:  Built a timetable solver.  Education:  M.Tech, Example University, 2003  "
            "Hobbies:  chess and badminton, reading about the history of mathematics and science")
    view = layout_view(text)
    assert len(view) == len(text) and "\n" in view
    assert "04-09-2003 to  19-12-2007" in view  # one line
    p = analyzer.analyze_text(text, as_of=AS_OF).profile
    assert [pos.dates.text for pos in p.positions] == ["04-09-2003 to  19-12-2007"]
    assert p.total_experience_years == pytest.approx(4.33, abs=0.05)
    # the same words without a date before "to" are two fields
    assert "\n" in layout_view(text.replace("04-09-2003 to  ", "Springfield to  "))[text.index("to  19-12"):][:4]


@pytest.mark.parametrize("dates, text, years", [
    ("Jan 2015 -\nPresent", "Jan 2015 - Present", 4.5),
    ("March 2012\nto June 2014", "March 2012 to June 2014", 2.33),
    ("January\n2015 - Present", "January 2015 - Present", 4.5),
    ("05/2013 –\n11/2016", "05/2013 – 11/2016", 3.58),
])
def test_a_range_split_across_a_line_break_is_one_range(dates, text, years):
    """The issue's "ranges split across lines": a line ending in a year (and maybe the connector) or a month,
    and the next line starting with the connector or a point, hold one range."""
    cv = f"Jane Roe\nWORK EXPERIENCE\nEscalation Engineer\nConvergys India Private Ltd.\n{dates}\n- Handled escalations.\n"
    p = analyzer.analyze_text(cv, as_of="2019-06-30").profile
    assert [(x.dates.text, x.title, x.organisation) for x in p.positions] == [
        (text, "Escalation Engineer", "Convergys India Private Ltd.")]
    assert p.total_experience_years == pytest.approx(years, abs=0.01)
    start = cv.index(dates)
    assert (p.positions[0].dates.start_offset, p.positions[0].dates.end_offset) == (start, start + len(dates))


def test_lines_that_only_look_like_a_split_range_stay_apart():
    cv = ("Jane Roe\nWORK EXPERIENCE\nData Analyst, Acme\n2015 - 2017\nDeveloper, Beta\n2017 - Present\n"
          "EDUCATION\nB.Sc. Physics, 2010\n- Led the robotics club\n")
    p = analyzer.analyze_text(cv, as_of="2019-06-30").profile
    assert [(x.dates.text, x.title) for x in p.positions] == [("2015 - 2017", "Data Analyst"), ("2017 - Present", "Developer")]


def test_a_range_in_parentheses_inside_a_sentence_is_not_a_job():
    """An era named in prose ("... public higher education (1975-2000), a pivotal era") is no position; a job
    header's range in parentheses is."""
    text = ("EXPERIENCE\nProfessor of Education, Example University\n2001 - Present\n"
            "Key studies include the ascendance of industry logic in public higher education (1975-2000), a "
            "pivotal era of change in universities.\nResearch Analyst, Acme Institute (1996-2001)\n")
    p = analyzer.analyze_text(text, as_of="2019-06-30").profile
    assert [x.dates.text for x in p.positions] == ["2001 - Present", "1996-2001"]
    assert p.total_experience_years == pytest.approx(23.5, abs=0.01)


def test_open_range_inside_a_sentence_is_not_a_job():
    text = ("EXPERIENCE\nConsultant, Acme\nMarch 2015 to April 2016\n"
            "Client: the port trust, a public body operating cargo terminals from 1962 onwards in the region.\n")
    p = analyzer.analyze_text(text, as_of=AS_OF).profile
    assert [pos.dates.text for pos in p.positions] == ["March 2015 to April 2016"]


@pytest.mark.parametrize("line, dates, years", [
    ("Associate Professor of Economics, School of Public Policy, Northfield State University, since 2011",
     "since 2011", 8.49),
    ("Deputy Director for Graduate Admissions and Student Records, Northfield State University, since 2011.",
     "since 2011", 8.49),
    ("Senior Systems Consultant for Harbor Mutual - Pensions Technology Group in Hartford, CT (since 2011)",
     "since 2011", 8.49),
    ("Freelance Game Programmer for mobile and web studios in the Pune region, May 2014 onwards",
     "May 2014 onwards", 5.16),
    # sentences: the open range does not close a field list
    ("Responsible for the regional payroll and benefits systems of the company since 2011 and for audits.",
     None, 0.0),
    ("Responsible for the regional payroll and benefits systems and, 2016 onwards, for the audits of all branches.",
     None, 0.0),
])
def test_open_range_closing_a_long_header_line_is_a_job(line, dates, years):
    """An academic CV's entry "Title, Department, University, since 2011" is longer than a sentence's 60
    characters; its open range, right after a comma or "(" and at the end of the line, is the job's dates."""
    text = f"Jane Roe\nACADEMIC APPOINTMENTS\n{line}\n• Taught graduate courses in public finance.\n"
    p = analyzer.analyze_text(text, as_of="2019-06-30").profile
    assert [pos.dates.text for pos in p.positions] == ([dates] if dates else [])
    assert p.total_experience_years == pytest.approx(years, abs=0.01)


@pytest.mark.parametrize("entry, title, org", [
    ("Designation: Digital Advertising Executive\nOrganization: Violet Advertisers\nMay 2010 - till date",
     "Digital Advertising Executive", "Violet Advertisers"),
    ("Motorola India Pvt Ltd\nMay 2005 - July 2007\n(Designation: Software Engineer)",
     "Software Engineer", "Motorola India Pvt Ltd"),
    ("Position: Executive Director and CEO\nEnnore Foundries Limited\nApril 2002 - Present",
     "Executive Director and CEO", "Ennore Foundries Limited"),
])
def test_field_labels_are_not_part_of_the_title_or_organisation(entry, title, org):
    p = analyzer.analyze_text("Jane Roe\nEXPERIENCE\n" + entry + "\n- Ran the team.\n", as_of="2019-06-30").profile
    assert [(x.title, x.organisation) for x in p.positions] == [(title, org)]


def test_title_and_organisation_split_at_bars_and_wide_gaps():
    for line in ("AI Engineer | Copperleaf Health | Seattle, WA | 07/2024 - Present",
                 "AI Engineer    Copperleaf Health    07/2024 - Present"):
        p = analyzer.analyze_text("EXPERIENCE\n" + line + "\n- Shipped NLP models.\n", as_of=AS_OF).profile
        assert (p.positions[0].title, p.positions[0].organisation) == ("AI Engineer", "Copperleaf Health"), line
        assert p.current_title == "AI Engineer"


@pytest.mark.parametrize("names, column, kinds, years", [
    # the dates of a list of scholarships, printed after the names by a two-column page: all service
    ("AWARDS  Dean's List  University Honors College Scholarship  Rotary Club Scholarship",
     "2010-2014  Summer 2017", ["service", "service"], 1.75),
    ("HONORS  Phi Beta Kappa Society  Alumni Association Scholarship", "2011-2014  Fall 2012",
     ["service", "service"], 1.75),
    # a column of dates after jobs' names stays full-time
    ("OTHER EMPLOYMENT  Sales Associate, Example Books  Barista, Corner Cafe", "2010-2014  Summer 2017",
     ["full_time", "full_time"], 6.67),
])
def test_flattened_date_column_under_a_service_entry_is_service(names, column, kinds, years):
    """In a flattened two-column page a list's dates may come as a column after its names: a date-only line
    right under a service entry's date line (a list of awards or memberships) is service too."""
    flat = ("Jane Roe  44 Elm Street, Baltimore, MD  jane.roe@example.com  EDUCATION  B.S. in Psychology, Example "
            "University  May 2014  EXPERIENCE  Research Assistant  Example University Psychology Department  "
            "September 2014 - May 2016  Coded interview data and ran weekly participant sessions for two studies  "
            f"{names}    {column}")
    p = analyzer.analyze_text(flat, as_of="2019-06-30").profile
    assert [x.kind for x in p.positions][1:] == kinds
    assert p.total_experience_years == pytest.approx(years, abs=0.01)


def test_flattened_page_jobs_after_an_unrecognised_heading_inside_education():
    flat = ("Ada Example  12 Main St, Springfield  ada@example.com  Research Interests  Survey methods and "
            "statistics for public policy and evaluation of social programmes in cities  EDUCATION  "
            "2003  2008  Ph.D. in Sociology, Example University  1999  2003  B.A. in History, Example College  "
            "Tenure-line Academic Positions  2014  Present Professor of Sociology, Example University  "
            "2008  2014  Assistant Professor of Sociology, Other University")
    p = analyzer.analyze_text(flat, as_of=AS_OF).profile
    assert [pos.title for pos in p.positions] == ["Professor of Sociology", "Assistant Professor of Sociology"]
    assert p.total_experience_years == pytest.approx(18.5, abs=0.05)  # 2008-01-01 .. 2026-06-30; not the degrees
    assert p.highest_degree == "doctorate"


@pytest.mark.parametrize("text, years", [
    ("EXPERIENCE\nNetwork Administrator, Acme\nFrom Jan 2009 to May 2009\n", 0.41),  # a closed range, not "since"
    ("EXPERIENCE\nNetwork Administrator, Acme\nFrom Jan 2009\n", 17.49),  # open: to as_of (2026-06-30)
])
def test_from_a_to_b_is_a_closed_range(text, years):
    assert analyzer.analyze_text(text, as_of=AS_OF).profile.total_experience_years == pytest.approx(years, abs=0.02)


def _first_chars(pattern: str) -> set[str]:
    """Every character a match of ``pattern`` (compiled case-insensitively) can start with, lower-cased,
    read from the parsed regular expression; fails on a construct it cannot bound (a class like \\w)."""
    import re._constants as C
    import re._parser as P

    def seq(items) -> tuple[set[str], bool]:  # (first characters, may match empty)
        out: set[str] = set()
        for op, av in items:
            first, empty = item(op, av)
            out |= first
            if not empty:
                return out, False
        return out, True

    def item(op, av) -> tuple[set[str], bool]:
        if op is C.LITERAL:
            return {chr(av).lower()}, False
        if op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:
            return set(), True  # \b, lookarounds: zero width
        if op is C.SUBPATTERN:
            return seq(av[-1])
        if op is C.BRANCH:
            firsts = [seq(b) for b in av[1]]
            return set().union(*(f for f, _ in firsts)), any(e for _, e in firsts)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            first, empty = seq(av[2])
            return first, empty or av[0] == 0
        if op is C.IN:
            chars: set[str] = set()
            for iop, iav in av:
                if iop is C.LITERAL:
                    chars.add(chr(iav).lower())
                elif iop is C.RANGE:
                    chars |= {chr(c).lower() for c in range(iav[0], iav[1] + 1)}
                else:
                    raise AssertionError(f"cannot bound the first characters of {iop}")
            return chars, False
        raise AssertionError(f"cannot bound the first characters of {op}")

    first, empty = seq(P.parse(pattern, re.I))
    assert not empty
    return first


def test_first_letter_shortcuts_cover_every_alternative():
    """The fast paths test a first letter before the full pattern; every alternative of the full
    pattern must start with one of those letters, or a new wording would be silently skipped."""
    from analyzer import profile as P

    cases = [(P.LEAD_BULLET.pattern, P._LEAD_BULLET_LC.pattern), (P.AI_TERMS.pattern, P._AI_TERMS_LC.pattern),
             (P._ANY_DEGREE.pattern, P._DEGREE_START.pattern), (P.AI_TERMS.pattern, P._BODY_TERMS_LC.pattern),
             (P.LEAD_BULLET.pattern, P._BODY_TERMS_LC.pattern), (P._LEAD_ROLE, P._BODY_TERMS_LC.pattern)]
    for full, fast in cases:
        allowed = set(re.search(r"\(\?=\[([^\]]+)\]\)", fast).group(1))
        assert _first_chars(full) <= allowed, (full[:40], sorted(_first_chars(full) - allowed))
    assert _first_chars(r"\b(ab|c?d|[x-z]e)") == {"a", "c", "d", "x", "y", "z"}  # the reader itself


@pytest.mark.parametrize("bullet, years", [
    ("• Project lead for 12 months on the forecasting rebuild, coordinating a 4-person group", 1.0),
    ("• Tech lead for the last 6 months of the platform migration", 0.5),
    ("• Served 18 months as the team lead on the pricing engine", 1.5),
    ("• Acted as tech lead for 9 months while the manager was on leave", 0.75),
    ("• Team leader for two years", 2.0),
    ("• Team lead for 5 years", 3.0),  # never more than the role itself (2021-2023)
    ("• Worked with the project lead for 12 months on pricing", 0.0),  # another person leads
    ("• Led the migration for 6 months", 0.0),  # leading work, not people: not stated leadership
])
def test_stated_lead_period_inside_a_role(bullet, years):
    text = f"EXPERIENCE\nData Scientist, Acme Analytics    Jan 2021 - Dec 2023\n{bullet}\n• Built churn models in Python\n"
    p = analyzer.analyze_text(text, as_of="2026-06-30").profile
    (pos,) = p.positions
    assert not pos.leadership
    assert p.leadership_years == pytest.approx(years, abs=0.05), (bullet, pos.lead_dates)
    if years:
        ld = pos.lead_dates
        assert text[ld.start_offset:ld.end_offset] == ld.text and ld.end == pos.dates.end  # the latest months


def test_flattened_page_reads_education_from_its_education_section():
    """A page flattened into one line (fields separated by runs of spaces): the education heading is
    found in the layout view, so a doctorate named in the summary is not the candidate's degree and the
    institution is the entry's own field, not the whole page."""
    text = ("Jane Roe  Data Analyst  Summary  Analyst who supports PhD researchers and doctorate students with data "
            "pipelines and reporting for the lab.  Experience  Data Analyst, Acme Corp  2015  Present  Built "
            "dashboards in SQL and Python for the research group.  Education  B.Sc. in Computer Science, State "
            "University  2010  Skills  Python  SQL")
    p = analyzer.analyze_text(text, as_of=AS_OF).profile
    assert p.highest_degree == "bachelor"
    assert [(e.degree, e.level, e.field, e.institution) for e in p.education] == [
        ("B.Sc.", "bachelor", "computer_science", "B.Sc. in Computer Science, State University")]
    assert text[p.education[0].start:p.education[0].end] == "B.Sc."


@pytest.mark.parametrize("line", [
    "Date of Birth: 15 April 1990    2013 - 2015 Analyst, Acme Corp",
    "DOB: 12/1990 - 2015",
    "Born in 1990 - 2015",
    "Birthday: 3rd May 1988 to 2015",
])
def test_a_birth_date_never_starts_a_position(line):
    """Age must not turn into years of experience (a flattened page can join a birth date and a later
    year into a range)."""
    text = f"Jane Roe\nEXPERIENCE\n{line}\nData Analyst, Acme Corp\n2016 - 2018\n"
    p = analyzer.analyze_text(text, as_of=AS_OF).profile
    assert all(x.dates.start.year >= 2013 for x in p.positions)
    assert "2016 - 2018" in [x.dates.text for x in p.positions]
    assert p.total_experience_years <= 6.0


def test_committee_and_membership_dates_are_service_not_jobs():
    text = ("Jane Roe\nEXPERIENCE\nAssociate Professor, State University  2010 - Present\n"
            "Service:  Curriculum Committee (1995-2011)\nMember of the Law Students Society (1990-current)\n"
            "Sales Director (2004 to 2009)\n")
    p = analyzer.analyze_text(text, as_of="2019-06-30").profile
    kinds = {x.dates.text: x.kind for x in p.positions}
    assert kinds["1995-2011"] == "service" and kinds["1990-current"] == "service"
    assert kinds["2004 to 2009"] == "full_time"  # a job title before the parentheses: a job
    assert p.total_experience_years == 15.5  # 2004-2009 and 2010-June 2019


def _kinds(*lines: str) -> list[str]:
    """The kinds of the positions of a resume whose experience section is ``lines``."""
    text = "Jane Roe\nEXPERIENCE\n" + "\n".join(lines) + "\n"
    return [x.kind for x in analyzer.analyze_text(text, as_of="2019-06-30").profile.positions]


@pytest.mark.parametrize("head,kind", [
    ("Trainee Engineer to Divisional Manager", "full_time"),
    ("Joined as apprentice, promoted to Site Supervisor", "full_time"),
    ("Software Engineering Intern", "internship"),
    ("Student Assistant to the Director of Admissions", "internship"),
    ("Undergraduate Research Assistant to the Lab Manager", "internship"),
    ("Student Research Assistant", "internship"),
    ("Graduate Research Assistant, Vision Lab", "full_time"),
    ("Teaching Assistant, Department of Statistics", "full_time"),
])
def test_a_career_from_trainee_to_a_job_is_a_job(head, kind):
    assert _kinds(head, "Acme Foundries Ltd", "2001 - 2010") == [kind]


@pytest.mark.parametrize("line,kind", [
    ("American Society of Mechanical Engineers (ASME), 2009-Present", "service"),
    ("Curriculum Committee: 2008-2011", "service"),
    ("Seasonal Team Member, Borders (Oct 2009 - Jan 2010)", "full_time"),
    ("Senior Member of Technical Staff, February, 2004 - June, 2005", "full_time"),
    ("Software Engineer, Acme Corp, 2012 - 2015", "full_time"),
])
def test_membership_dates_after_a_comma_or_colon(line, kind):
    assert _kinds(line) == [kind]


def test_flattened_page_header_block_holds_no_jobs_when_an_experience_heading_exists():
    """A flattened page: the block before the first heading (name, contact, a headline with years) is not
    searched for positions once an experience heading is found."""
    pad = "  ".join(["Jane Roe", "123 Main St, Springfield", "Certified coach since 1990  2001 - 2003 volunteer"])
    text = (f"{pad}  Experience  Data Analyst, Acme Corp  2015 - Present  Built dashboards in SQL for the "
            "research group and reporting pipelines in Python for the lab.  Education  B.Sc. Physics, State "
            "University  2010")
    p = analyzer.analyze_text(text, as_of="2019-06-30").profile
    assert [x.dates.text for x in p.positions] == ["2015 - Present"]
    assert p.total_experience_years == 4.5


def test_flattened_page_projects_section_is_searched_only_when_it_continues_experience():
    """A flattened page: dates under a "Projects" heading are a job's only where the heading continues an
    experience section (per-job "Technologies / Projects" sub-headings); a projects section of its own (a
    student's projects after the education) holds no jobs, as on a page that keeps its line breaks."""
    head = "Ada Example  12 Main St, Springfield  ada@example.com"
    job = ("Experience  Software Engineer, Acme Corp  2014 - 2018  Built the billing service in Java and "
           "the reporting jobs in Python for the finance team.")
    edu = "Education  B.Sc. Computer Science, Example University  2010 - 2014"
    own = ("Projects  2011 - 2014  Ray tracer on the GPU, Example University robotics club  "
           "Built a path planner for the club's rover in C++ and Python.")
    flat = f"{head}  {job}  {edu}  {own}"
    p = analyzer.analyze_text(flat, as_of="2019-06-30").profile
    assert [x.dates.text for x in p.positions] == ["2014 - 2018"]
    assert p.total_experience_years == 5.0  # 2014-01-01 .. 2018-12-31
    # the same dates under a "Projects" sub-heading of the experience section are a job
    cont = ("Experience  Software Engineer, Acme Corp  2014 - 2018  Built the billing service in Java.  "
            "Technologies  Java, Python  Projects  Data Engineer, Beta Inc  2011 - 2014  Built ETL jobs in "
            "Python and the loaders for the warehouse.")
    p = analyzer.analyze_text(f"{head}  {cont}  {edu}", as_of="2019-06-30").profile
    assert [x.dates.text for x in p.positions] == ["2014 - 2018", "2011 - 2014"]
    assert p.total_experience_years == 8.0


@pytest.mark.parametrize("head", ["Internships", "Summer Interns Program", "Apprenticeship at Acme",
                                  "Traineeship in Accounting"])
def test_plural_and_ship_forms_are_internships(head):
    text = f"Jane Roe\nEXPERIENCE\n{head}\nAcme Corp\n2015 - 2016\n"
    p = analyzer.analyze_text(text, as_of="2019-06-30").profile
    assert [x.kind for x in p.positions] == ["internship"]
    assert p.total_experience_years == 0.0


@pytest.mark.parametrize("head,kind", [
    ("Student Services Coordinator", "full_time"),  # a university's staff department, not a student
    ("Associate Dean of Student Affairs", "full_time"),
    ("Director, Student Life", "full_time"),
    ("Student Assistant", "internship"),
    ("Student Ambassador, Admissions Office", "internship"),
])
def test_a_student_department_title_is_a_job_a_student_title_is_not(head, kind):
    assert _kinds(head, "State University", "August 2010 - June 2012", "- Advised 200 students.") == [kind]


@pytest.mark.parametrize("head,kind", [
    # a sentence left above the dates (a bullet whose mark was lost) names students: still a job
    ("Analyzed and critiqued student resumes and cover letters for the graduate programme", "full_time"),
    ("Senior Lecturer | Created a curriculum to accommodate a diverse student population", "full_time"),
    # a short field naming an internship or a student job: an internship
    ("Teacher | Handle and mentor three batches of 30 students each", "full_time"),  # students taught
    ("PR/Special Events Intern | The Peggy Siegal Company New York", "internship"),
    ("Student Teacher", "internship"),
    ("Head Undergraduate Researcher | Cornell Phonetics Lab", "internship"),
    ("Admissions Advisor | Office of Undergraduate Admissions", "full_time"),
    # a student's training placement
    ("3 Months Training on Java | Sapient Consulting", "internship"),
    ("Industrial Training | Bharat Heavy Electricals Ltd", "internship"),
    ("Training Manager | Acme Corp", "full_time"),
    # a bullet's list left above the dates ("intern" as a verb's object), beside a research intern's title
    ("Software Engineer, Google | { Intern hosting, recruiting, and new engineer onboarding", "full_time"),
    ("Research Intern, data and ML team | Acme Labs", "internship"),
    ("Intern, Marketing, Sales and Events | Acme Corp", "internship"),
    # a cadet is a trainee (National Cadet Corps, a military academy, an airline's cadet programme)
    ("Cadet | 84 UA Battalion NCC Roorkee", "internship"),
    ("Cadet Pilot | Acme Airlines Flight Academy", "internship"),
])
def test_only_title_like_header_fields_make_an_internship(head, kind):
    assert _kinds(head, "2012 - 2016") == [kind]


@pytest.mark.parametrize("head,kind", [
    ("Optimist Club Scholarship", "service"),
    ("Member | Graduate Studies Committee (GSC)", "service"),
    ("Technical Assistance Planning Board Member", "service"),
    ("National Honor Society", "service"),
    ("Young Leader of the Academy Award", "service"),  # an honour's name, though "leader" is a job word
    ("Director of Finance | Homeowners Association", "full_time"),  # a job at an association
    ("Senior Member of Technical Staff", "full_time"),
    # the end of a bullet left above the dates names a grant: not the entry's name
    ("Acme Labs | grant to fund the project", "full_time"),
])
def test_an_entry_named_after_a_committee_board_club_or_award_is_service(head, kind):
    assert _kinds(head, "2010 - 2014") == [kind]


@pytest.mark.parametrize("header,title", [
    ("Currently working as a Software Engineer in xxx Technologies, Bangalore", "Software Engineer"),
    ("Presently I am associated with XXXX Technologies India as a Software Programmer", "Software Programmer"),
    ("Working as Escalation Engineer", "Escalation Engineer"),
    ("Senior Data Scientist", "Senior Data Scientist"),
    ("Acme Tires | Team Leader", "Team Leader"),  # "leader" and "contributor" are job words
    ("Phabricator | Open Source Contributor", "Open Source Contributor"),
    # a closing remark in parentheses is not part of the current title
    ("Customer Service Advisor (part time to 2011, full time from 2011)", "Customer Service Advisor"),
    ("Operations Center Shift Manager (OCSM)", "Operations Center Shift Manager"),
])
def test_current_title_read_from_a_working_as_sentence(header, title):
    text = f"Jane Roe\nEXPERIENCE\n{header}\nJuly 2009 to Present\n"
    p = analyzer.analyze_text(text, as_of="2019-06-30").profile
    assert p.current_title == title


def test_a_degree_under_the_name_is_not_a_headline_title():
    text = "Jane Roe\nBachelor of Science in Physical Education/Teacher Education\nTowson University\n"
    assert analyzer.analyze_text(text, as_of="2019-06-30").profile.current_title is None


@pytest.mark.parametrize("entry,title,org,place", [
    # a right-aligned column (a tab in PDF text, a tab stop in DOCX) holds the location
    (["Co-Founder & CTO\tSan Francisco, CA", "Nexus AI\tJune 2023 – present"], "Co-Founder & CTO", "Nexus AI",
     "San Francisco, CA"),
    (["Senior Software Engineer\tJan 2023 - Present", "Stripe • San Francisco, CA"], "Senior Software Engineer",
     "Stripe", "San Francisco, CA"),
    # no organisation before the tab: the field after it is the organisation
    (["Software Engineer\tGoogle", "2019 - 2021"], "Software Engineer", "Google", None),
    (["Software Engineer\tFull-time", "Google\tMay 2019 - 2021"], "Software Engineer", "Google", None),
    (["Software Engineer, Acme Corp", "2019 - 2021"], "Software Engineer", "Acme Corp", None),
    # "City, ST" (a US state code) or "Remote" among the comma-cut fields is the location, not the organisation
    (["Lead AI Engineer", "Fabrikam Insurance, Boston, MA | March 2021 to Current"], "Lead AI Engineer",
     "Fabrikam Insurance", "Boston, MA"),
    (["Machine Learning Advisor", "Open Harbor Health, Remote | 2019–2020"], "Machine Learning Advisor",
     "Open Harbor Health", "Remote"),
    (["Software Engineer, Redmond, WA", "2001 - 2003"], "Software Engineer", None, "Redmond, WA"),
])
def test_tab_and_dot_fields_give_organisation_and_location(entry, title, org, place):
    text = "Jane Roe\nEXPERIENCE\n" + "\n".join(entry) + "\n"
    (p,) = analyzer.analyze_text(text, as_of="2026-06-30").profile.positions
    assert (p.title, p.organisation, p.location) == (title, org, place)


@pytest.mark.parametrize("entry,title,org", [
    # a field without a title word is the title when it reads as a name
    (["Nanny | The Lee Family", "2012 - 2016"], "Nanny", "The Lee Family"),
    (["Sales & Marketing, Contoso", "2012 - 2016"], "Sales & Marketing", "Contoso"),
    # a two-column page left a bullet's sentence, or its end, above the dates: no title, not the bullet
    (["• Developed tools for monitoring HPC applications",
      "Parallelized the flight-search engine for using multi-core architectures", "January 2008 - Present"],
     None, None),
    (["Developed", "Unit", "2005-06"], None, "Unit"),
    (["while conserving payroll expenditure.", "2009 - 2012"], None, None),
    (["Page 5 of 6", "WEB SITES", "1970-73"], None, "WEB SITES"),
    (["1991    1990", "1988-90"], None, None),
    (["Provide pet sitting services including dog walking, feeding and yard care.", "2010 - 2012"], None, None),
    # a label, or a template's placeholder, is no title
    (["Duration: 2007 - 2009"], None, None),
    (["Company name | Job name", "2010 - 2012"], None, None),
    # an organisation alone is the organisation, not the title
    (["Motorola India Pvt Ltd", "May 2005 - July 2007"], None, "Motorola India Pvt Ltd"),
    # nor is a bullet's sentence, a year, a label or a page mark the organisation
    (["Software Intern | Produced significant improvements in the query execution time", "May 2008 - Aug 2008"],
     "Software Intern", None),
    (["Analyst Programmer | Environment: UNIX", "June 1990 to March 1995"], "Analyst Programmer", None),
    (["Legal Assistant | Page 2 of 2", "2003 - 2007"], "Legal Assistant", None),
    (["Automation Engineer | Perform automation through python and batch scripting.", "2016 - 2018"],
     "Automation Engineer", None),
    (["Research Fellow | Indian Institute of Information Technology, Allahabad", "2016 - 2018"],
     "Research Fellow", "Indian Institute of Information Technology"),
    # a long name in title case is kept (a service entry's committee or award)
    (["Family Justice Organization National Advisory Board", "2010 - 2014"],
     "Family Justice Organization National Advisory Board", None),
])
def test_a_header_field_without_a_title_word_is_a_title_only_when_it_reads_as_a_name(entry, title, org):
    text = "Jane Roe\nEXPERIENCE\n" + "\n".join(entry) + "\n"
    (p,) = analyzer.analyze_text(text, as_of="2019-06-30").profile.positions
    assert (p.title, p.organisation) == (title, org)


def test_a_bulleted_employer_line_with_a_right_aligned_field_is_a_header():
    """LaTeX templates that list each employer as an item: "• Google<TAB>Mountain View, CA"."""
    text = ("Jane Roe\nEXPERIENCE\n• Google\tMountain View, CA\nSoftware Engineer\tOct 2016 – Present\n"
            "• TensorFlow: worked on APIs and performance for training models on TPUs.\n"
            "• Coursera\tMountain View, CA\nSenior Software Engineer\tJan 2014 – Oct 2016\n"
            "• Notifications: a service for sending email and push notifications.\n")
    ps = analyzer.analyze_text(text, as_of="2026-06-30").profile.positions
    assert [(p.title, p.organisation, p.location, len(p.bullets)) for p in ps] == [
        ("Software Engineer", "Google", "Mountain View, CA", 1),
        ("Senior Software Engineer", "Coursera", "Mountain View, CA", 1)]


def test_an_institution_stops_at_its_right_aligned_location():
    text = ("Jane Roe\nEDUCATION\nB.S. in Computer Science and Engineering\tMar. 2010 - Aug. 2017\n"
            "POSTECH (Pohang University of Science and Technology)\tPohang, S.Korea\n")
    (e,) = analyzer.analyze_text(text, as_of="2026-06-30").profile.education
    assert e.institution == "POSTECH (Pohang University of Science and Technology)"


def test_two_digit_end_years_and_onwards_read_as_positions():
    """"1995-99: Title, Organisation" (a year and the last two digits of a later one) and "May 2014 onwards"
    are positions' dates, as the annotators of real resumes read them."""
    cv = ("Jane Roe\nEXPERIENCE\nFreelance Game Programmer\nMay 2014 onwards\n- Shipped two mobile games.\n"
          "1999-02: SENIOR LEGAL OFFICER, Central Land Council\n- Advised on native title claims.\n"
          "1995-99: LEGAL OFFICER, Northern Land Council\n- Drafted agreements.\n"
          "EDUCATION\nBachelor of Laws, University of Sydney, 1990-94\n")
    p = analyzer.analyze_text(cv, as_of="2019-06-30").profile
    assert [(x.dates.text, x.kind) for x in p.positions] == [
        ("May 2014 onwards", "full_time"), ("1999-02", "full_time"), ("1995-99", "full_time")]
    assert p.positions[0].dates.current
    # 1995-01 .. 2002-12 and 2014-05 .. 2019-06-30 (the education range is no job)
    assert p.total_experience_years == pytest.approx(8.0 + 5.16, abs=0.02)


@pytest.mark.parametrize("line, year, status", [
    ("Bachelor of Laws, University of Sydney, 1990-94", 1994, "completed"),
    ("B.Tech in Computer Science, Anna University, 2017-21", 2021, "in_progress"),  # ends after as_of
    ("B.Sc. in Physics, University of Leeds, 2019-01", 2019, "completed"),  # a year and a month
    ("M.Sc. in Statistics, University of Leeds, 2001 - 2003", 2003, "completed"),
])
def test_education_year_is_the_later_year_of_a_two_digit_range(line, year, status):
    p = analyzer.analyze_text(f"Jane Roe\nEDUCATION\n{line}\n", as_of="2019-06-30").profile
    assert [(e.year, e.status) for e in p.education] == [(year, status)]


@pytest.mark.parametrize("entry, counted", [
    # a school's years, with a job word nearby (an unknown heading that follows): not a job
    ("2004-2010 Castleton Hill Secondary College, Evanton. VCE subjects passed    DETAILS OF PROFESSIONAL "
     "EXPERIENCE PRACTICUM", False),
    ("2009-13 Dean's List    Software Developer Awards", False),
    ("2007 - 2011 Northfield High School, science stream    Professional Development Award", False),
    # a job's years in the education section of a flattened page are still read
    ("2012 - 2015 Lecturer in Mathematics, Northfield State University", True),
])
def test_school_years_in_a_flattened_education_section_are_no_job(entry, counted):
    """On a page flattened into one line, an education section's date lines are read as jobs only with a job
    word and no word of a school, a degree or a student nearby (a secondary school, its subjects, a dean's
    list)."""
    text = ("Jane Roe  Teacher  Summary  Primary teacher who plans lessons and assessments for mixed-ability "
            "classes and works with families.  Education  Tertiary:  2016-2019 Example Catholic University, "
            "Bachelor of Education (Primary)  Secondary:  " + entry + "  Experience  Classroom Teacher, "
            "Riverside Primary School  2020  Present  Planned and taught lessons for a class of 28 students.")
    p = analyzer.analyze_text(text, as_of="2024-06-30").profile
    years = {p.dates.start.year for p in p.positions if p.kind == "full_time"}
    assert 2020 in years
    assert (entry[:4].isdigit() and int(entry[:4]) in years) == counted, [x.dates.text for x in p.positions]


def test_flattened_projects_after_experience_hold_jobs_only_with_a_job_word():
    """A flattened page whose "Projects" section follows the experience section: a project's dates (no job
    word in its header or right after its dates) are no job; a job in a table whose columns read as headings
    ("Industry  Position  Technologies", the title after them) still is."""
    head = "Ada Example  12 Main St, Springfield  ada@example.com"
    job = ("Experience  Postdoctoral Scientist, Example University  2010 - 2014  Ran experiments on ranking "
           "models for the search group and wrote the evaluation tools.")
    projects = ("Projects    An SVM Approach for Diversified Recommendations  Fall 2007  Developed a novel SVM "
                "approach to optimize a class of submodular functions for diversified retrieval.  Campus Book "
                "Exchange  2002 - 2005  Worked on development and marketing of the book exchange for the "
                "technology club.")
    flat = f"{head}  {job}  {projects}  Activities  Chess, hiking"
    p = analyzer.analyze_text(flat, as_of="2019-06-30").profile
    assert [x.dates.text for x in p.positions] == ["2010 - 2014"]
    table = ("Projects    - Android application for bug tracking (REST API consumption).    10/2012  05/2013  "
             "Industry  Position  Technologies    SoGe Mobile, LLC  IT - Software Systems & Telecom  Junior "
             "Android Developer  Java SE, Android SDK, SQLite")
    p = analyzer.analyze_text(f"{head}  {job}  {table}", as_of="2019-06-30").profile
    assert [x.dates.text[:7] for x in p.positions] == ["2010 - ", "10/2012"]
