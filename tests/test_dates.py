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
    ("Summer 2018", dt.date(2018, 6, 1), dt.date(2018, 8, 31), False),
])
def test_formats(text, start, end, current):
    r = parse_range(text, AS_OF)
    assert r is not None and (r.start, r.end, r.current) == (start, end, current)


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
