"""Date ranges in the common resume formats, and interval merging."""

from __future__ import annotations

import datetime as dt

import pytest

from analyzer.dates import find_ranges, merge_years, parse_range
from analyzer.types import DateRange

AS_OF = dt.date(2026, 6, 30)


@pytest.mark.parametrize("text, start, end, current", [
    ("Jan 2019 – Present", dt.date(2019, 1, 1), AS_OF, True),
    ("January 2019 to Current", dt.date(2019, 1, 1), AS_OF, True),
    ("01/2019–12/2020", dt.date(2019, 1, 1), dt.date(2020, 12, 31), False),
    ("2019-01 - 2020-12", dt.date(2019, 1, 1), dt.date(2020, 12, 31), False),
    ("2017–2019", dt.date(2017, 1, 1), dt.date(2019, 12, 31), False),
    ("2017 – now", dt.date(2017, 1, 1), AS_OF, True),
    ("Sept. 2012 - Aug. 2014", dt.date(2012, 9, 1), dt.date(2014, 8, 31), False),
    ("Mar 2020 - Till Date", dt.date(2020, 3, 1), AS_OF, True),
    ("since 2021", dt.date(2021, 1, 1), AS_OF, True),
    # an open range written with "onwards" after its start (Indian English)
    ("May 2014 onwards", dt.date(2014, 5, 1), AS_OF, True),
    ("(September 2017 onwards)", dt.date(2017, 9, 1), AS_OF, True),
    ("2015 onward", dt.date(2015, 1, 1), AS_OF, True),
    ("06/2016 onwards", dt.date(2016, 6, 1), AS_OF, True),
    ("Summer 2018", dt.date(2018, 6, 1), dt.date(2018, 8, 31), False),
    # two-digit years, written with a slash or an apostrophe
    ("8/08 to 1/09", dt.date(2008, 8, 1), dt.date(2009, 1, 31), False),
    ("1/99 - 1/01", dt.date(1999, 1, 1), dt.date(2001, 1, 31), False),
    ("09/14-Present", dt.date(2014, 9, 1), AS_OF, True),
    ("Jan '19 – Present", dt.date(2019, 1, 1), AS_OF, True),
    ("Sep ’17 - Dec ’19", dt.date(2017, 9, 1), dt.date(2019, 12, 31), False),
    # full dates (the day is dropped); in numbers the day comes first when a first number is over 12, the
    # month when a second one is, else the month with slashes and the day with dots or dashes
    ("18/06/2014 - Present", dt.date(2014, 6, 1), AS_OF, True),
    ("9/1/2004-3/30/2010", dt.date(2004, 9, 1), dt.date(2010, 3, 31), False),
    ("10/01/2012 - 9/10/2017", dt.date(2012, 10, 1), dt.date(2017, 9, 30), False),
    ("04-09-2003 to 19-12-2007", dt.date(2003, 9, 1), dt.date(2007, 12, 31), False),
    ("01.03.2015 - 30.06.2016", dt.date(2015, 3, 1), dt.date(2016, 6, 30), False),
    ("1st August 2002 - 6th August 2004", dt.date(2002, 8, 1), dt.date(2004, 8, 31), False),
    ("3rd Sept 2012 - 4th Oct, 2014", dt.date(2012, 9, 1), dt.date(2014, 10, 31), False),
    ("Aug 01, 2017 to till date", dt.date(2017, 8, 1), AS_OF, True),
    # two months of one year
    ("Jan-Mar 2011", dt.date(2011, 1, 1), dt.date(2011, 3, 31), False),
    ("January to May 2009", dt.date(2009, 1, 1), dt.date(2009, 5, 31), False),
    ("Nov - Feb 2015", dt.date(2014, 11, 1), dt.date(2015, 2, 28), False),
    # a month joined to its year by an apostrophe, a slash or a dash
    ("Dec' 2015 to Sept' 2016", dt.date(2015, 12, 1), dt.date(2016, 9, 30), False),
    ("May/2008 - May/2016", dt.date(2008, 5, 1), dt.date(2016, 5, 31), False),
    ("Jan-2014 to Jun-2015", dt.date(2014, 1, 1), dt.date(2015, 6, 30), False),
    # a dash lost in text extraction: glued, or left as the escaped bytes of its UTF-8 form
    ("20122016", dt.date(2012, 1, 1), dt.date(2016, 12, 31), False),
    ("2016Present", dt.date(2016, 1, 1), AS_OF, True),
    ("2011\\xe2\\x80\\x94Present", dt.date(2011, 1, 1), AS_OF, True),
    ("Aug 2012 \\xe2\\x80\\x94 May 2013", dt.date(2012, 8, 1), dt.date(2013, 5, 31), False),
    # a year and the last two digits of a later one ("1995-99: Legal Practitioner", "Partner (1979-92)")
    ("1995-99", dt.date(1995, 1, 1), dt.date(1999, 12, 31), False),
    ("1998-02", dt.date(1998, 1, 1), dt.date(2002, 12, 31), False),
    ("2004-05", dt.date(2004, 1, 1), dt.date(2005, 12, 31), False),
    ("1985 - 86", dt.date(1985, 1, 1), dt.date(1986, 12, 31), False),
    ("2025–26", dt.date(2025, 1, 1), AS_OF, False),
])
def test_formats(text, start, end, current):
    r = parse_range(text, AS_OF)
    assert r is not None and (r.start, r.end, r.current) == (start, end, current)


@pytest.mark.parametrize("text", [
    "Jun 15 - Aug 20",  # a bare month and two digits may be a day
    "May '15 - Jun '20, 2019",  # a four-digit year follows: days
    "1/09/2010 - 2/10",  # part of a longer date
    "2011/2012",  # an academic year, not a range of jobs
    "3/4 - 5/6",
    "01/49 - Present",  # 1949: before the earliest year read (1950)
    "2019-01",  # a year and a month (the two digits name an earlier year)
    "2005-06-12",  # a full date
    "1985-66",  # the next year ending in 66 is after as_of
    "2012-13-14",
    "Phone 20122016789",  # a longer number
    "2015 onwardsness",  # not the word "onwards"
])
def test_not_ranges(text):
    assert parse_range(text, AS_OF) is None


def test_two_digit_years_and_full_dates_in_a_line_left_to_right():
    line = "Analyst 8/08 to 1/09, then Engineer 2010 - 2012 (Jan '13 - Present: Lead), 5th October, 2015 till date"
    assert [r.text for r in find_ranges(line, AS_OF)] == ["8/08 to 1/09", "2010 - 2012", "Jan '13 - Present",
                                                          "5th October, 2015 till date"]  # not "October, 2015 ..."


def test_offsets_in_a_line():
    line = "ML Engineer, Acme — 03/2016 - 12/2020"
    r = next(find_ranges(line, AS_OF, base=100))
    assert line[r.start_offset - 100:r.end_offset - 100] == "03/2016 - 12/2020"


def test_future_end_is_capped_and_reversed_range_rejected():
    assert parse_range("2025 - 2030", AS_OF).end == AS_OF
    assert parse_range("2020 - 2018", AS_OF) is None


def R(a, b):
    return DateRange(start=a, end=b)


@pytest.mark.parametrize("ranges, years", [
    ([], 0.0),
    ([R(dt.date(2018, 1, 1), dt.date(2019, 12, 31))], 2.0),
    ([R(dt.date(2018, 1, 1), dt.date(2019, 12, 31)), R(dt.date(2019, 1, 1), dt.date(2020, 12, 31))], 3.0),
    ([R(dt.date(2018, 1, 1), dt.date(2018, 12, 31)), R(dt.date(2020, 1, 1), dt.date(2020, 12, 31))], 2.0),
    ([R(dt.date(2018, 1, 1), dt.date(2021, 12, 31)), R(dt.date(2019, 1, 1), dt.date(2019, 6, 30))], 4.0),
    ([R(dt.date(2018, 1, 1), dt.date(2018, 12, 31)), R(dt.date(2019, 1, 1), dt.date(2019, 12, 31))], 2.0),
])
def test_merge(ranges, years):
    assert merge_years(ranges) == pytest.approx(years, abs=0.01)


def test_long_runs_of_whitespace_cost_linear_time():
    """A month name, a long run of spaces or tabs, then no year: the range pattern must not try every way
    of splitting the run (it did: "May" + 100,000 spaces took about a minute; now milliseconds). The bound
    is loose on purpose (a shared machine); the quadratic form fails it by far."""
    import time

    for text in ("May " + " " * 100_000 + "x 2019", "May" + "\t" * 100_000 + "x",
                 "Jan '19" + " " * 100_000 + "- Present" + " " * 100_000 + "x"):
        t0 = time.perf_counter()
        list(find_ranges(text, AS_OF))
        assert time.perf_counter() - t0 < 5.0
