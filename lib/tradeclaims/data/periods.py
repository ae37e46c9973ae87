"""Periods: '2025' (year), '2026-01' (month), '2025-01/2025-11' (months, cumulative),
'2021/2025' (years, summed)."""

import calendar
import re
from dataclasses import dataclass

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    start: tuple[int, int]  # (year, month); month 0 for a whole year
    end: tuple[int, int]

    def __str__(self):
        return _format(self.start) if self.start == self.end else (
            f"{_format(self.start)}/{_format(self.end)}")

    @property
    def is_span(self) -> bool:
        return self.start != self.end

    def last_month(self) -> tuple[int, int]:
        """(year, month) of the last month it covers: (2025, 12) for 2025."""
        year, month = self.end
        return year, month or 12

    def previous(self) -> "Period":
        """The period a growth rate compares with: the same months a year earlier, or for a span
        of whole years, the span of equal length just before it."""
        (y0, m0), (y1, m1) = self.start, self.end
        years = y1 - y0 + 1 if m0 == 0 else 1
        return Period((y0 - years, m0), (y1 - years, m1))

    def days(self) -> int:
        """The days it covers: 365 for 2025, 31 for 2026-01, 59 for 2026-01/2026-02."""
        (y0, m0), (y1, m1) = self.start, self.end
        months = [(y, m) for y in range(y0, y1 + 1) for m in range(1, 13)
                  if (y0, m0 or 1) <= (y, m) <= (y1, m1 or 12)]
        return sum(calendar.monthrange(y, m)[1] for y, m in months)

    def month_before(self) -> "Period":
        """The month before a single month (2025-12 for 2026-01); ValueError for any other."""
        (year, month) = self.start
        if self.is_span or month == 0:
            raise ValueError(f"{self}: not a single month")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return Period((year, month), (year, month))

    def parts(self) -> list[str]:
        """What it sums: the months of a year or of a span of months, the years of a span of
        years; [] for a single month."""
        (y0, m0), (y1, m1) = self.start, self.end
        if m0 == 0:
            return ([f"{y0}-{m:02d}" for m in range(1, 13)] if y0 == y1
                    else [str(y) for y in range(y0, y1 + 1)])
        return [f"{y0}-{m:02d}" for m in range(m0, m1 + 1)] if self.is_span else []

    def label(self) -> str:
        """'January 2026', '2025', 'January-November 2025', '2021-2025'."""
        (y0, m0), (y1, m1) = self.start, self.end
        if m0 == 0:
            return str(y0) if y0 == y1 else f"{y0}-{y1}"
        first = calendar.month_name[m0]
        if not self.is_span:
            return f"{first} {y0}"
        if y0 == y1:
            return f"{first}-{calendar.month_name[m1]} {y0}"
        return f"{first} {y0}-{calendar.month_name[m1]} {y1}"


def _format(point):
    year, month = point
    return f"{year}" if month == 0 else f"{year}-{month:02d}"


# Official trade statistics as the articles cite them; a year outside is a typing slip.
FIRST_YEAR, LAST_YEAR = 1950, 2100


def _point(text: str) -> tuple[int, int]:
    if match := _YEAR.match(text):
        point = int(match[1]), 0
    elif match := _MONTH.match(text):
        month = int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} in {text!r} is not between 01 and 12")
        point = int(match[1]), month
    else:
        raise ValueError(f"{text!r} is neither a year (2025) nor a month (2025-01)")
    if not FIRST_YEAR <= point[0] <= LAST_YEAR:
        raise ValueError(f"year {point[0]} in {text!r} is not between {FIRST_YEAR} and "
                         f"{LAST_YEAR}")
    return point


def parse(text: str) -> Period:
    """Parse and validate a period; raises ValueError saying what is wrong."""
    text = str(text).strip()
    parts = text.split("/")
    if len(parts) > 2:
        raise ValueError(f"{text!r} has more than one '/'")
    start, end = _point(parts[0]), _point(parts[-1])
    if (start[1] == 0) != (end[1] == 0):
        raise ValueError(f"{text!r} mixes a year and a month")
    if end < start:
        raise ValueError(f"{text!r} ends before it starts")
    if len(parts) == 2 and start == end:
        raise ValueError(f"{text!r} is a span of one period: write {_format(start)}")
    if start[1] and start[0] != end[0]:
        raise ValueError(f"{text!r}: a span of months lies within one year, as publishers "
                         "print year-to-date figures")
    return Period(start, end)


def is_valid(text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True
