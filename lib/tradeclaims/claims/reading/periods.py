"""Period phrases ("the first two months of 2026", 前11个月, tháng 1) as the dataset's periods,
resolved against the article's date; comparisons ("than in 2024", 同比) are none."""

import re
from dataclasses import dataclass

from tradeclaims.claims.reading.words import COMPARISONS, COUNTS, MONTH, MONTHS, PERIOD
from tradeclaims.claims.spans import Spans
from tradeclaims.data import dates, periods

# Half a month (kỳ 1 tháng 1, "the first half of January"): a period the dataset has none of.
HALF_MONTH = "half-month"


@dataclass(frozen=True)
class ArticleDate:
    """The article's date to the precision it is known: '2026-03-13', '2026-02', '2026', ''."""

    year: int | None
    month: int | None

    @classmethod
    def parse(cls, text: str) -> "ArticleDate":
        try:
            date = dates.parse(text)
        except ValueError:  # 'unknown', or none given
            return cls(None, None)
        return cls(date.year, date.month)


def find_periods(text: str, date: ArticleDate) -> list[tuple[int, int, str, str]]:
    """(start, end, period, hint) for every period phrase; a period of '' has only a hint."""
    masked = COMPARISONS.sub(lambda m: " " * len(m[0]), text)
    found = []
    for pattern, kind in PERIOD:
        # the phrases of earlier patterns win; one pattern's matches never overlap each other
        taken = Spans(sorted(found), span=lambda phrase: phrase[:2])
        for match in pattern.finditer(masked):
            if taken.overlaps(*match.span()):
                continue
            period, hint = resolve(kind, match, date)
            if period not in ("", HALF_MONTH) and not periods.is_valid(period):
                # "since 1947": a year no series can hold, so no recipe `check` would refuse
                period, hint = "", f"period: {match[0].strip()!r} is no period of the dataset"
            found.append((match.start(), match.end(), period, hint))
    return sorted(found)


def year_so_far(date: ArticleDate) -> str:
    """The months of the article's year published before its month: 2025-01/2025-11 in an
    article of December 2025 (its month known and not January)."""
    last = date.month - 1
    return f"{date.year}-01/{date.year}-{last:02d}" if last > 1 else f"{date.year}-01"


def resolve(kind: str, match: re.Match, date: ArticleDate) -> tuple[str, str]:
    groups = [g for g in match.groups()]
    phrase = match[0].strip()
    years = [int(g) for g in groups if g and re.fullmatch(r"(?:19|20)\d{2}", g)]
    year = years[0] if years else None
    if kind == "month_before_reported":
        if date.month is None:
            return "", f"period: {phrase!r} needs the article's full date (give --date)"
        year, month = divmod(date.year * 12 + date.month - 1 - 2, 12)
        return f"{year}-{month + 1:02d}", ""
    if kind == "half_month":
        return HALF_MONTH, ""
    if kind == "year":
        return str(year), ""
    if kind == "full_year":  # a year's figures come out after it: the last one over
        if date.year is None:
            return "", f"period: {phrase!r} needs the article's date (give --date)"
        return str(date.year - 1), ""
    if kind in ("last_year", "this_year"):
        if date.year is None:
            return "", f"period: {phrase!r} needs the article's date (give --date)"
        if kind == "last_year":
            return str(date.year - 1), ""
        if date.month is None or date.month == 1:
            return "", (f"period: {phrase!r} in an article of {date.year}: the year so far, "
                        "to which month? (give a full --date)")
        so_far = year_so_far(date)
        return so_far, f"period: {phrase!r} read as the year so far ({so_far})"
    if kind in ("first_months", "zh_first_months"):
        word = next(g for g in groups if g and not re.fullmatch(r"(?:19|20)\d{2}", g))
        first, last = 1, COUNTS.get(word.lower()) or int(word)
    elif kind == "q1":
        first, last = 1, 3
    elif kind == "quarters":
        quarters = next(g for g in groups if g and not re.fullmatch(r"(?:19|20)\d{2}", g))
        first, last = 1, 6 if quarters == "上" else 3 * _QUARTERS[quarters.lower()]
    elif kind == "first_half":
        first, last = 1, 6
    elif kind in ("first_month", "last_month"):
        first = last = 1 if kind == "first_month" else 12
    elif kind == "by_month":  # "had crossed $1 trillion by November": the year to it
        name = next(g for g in groups if g and not g.isdigit())
        first, last = 1, MONTHS[name.lower().rstrip(".")]
    elif kind == "month_span":
        names = [g for g in groups if g and not g.isdigit()]
        first, last = (MONTHS[n.lower().rstrip(".")] for n in names[:2])
    elif kind in ("zh_month_span", "vi_month_span"):
        first, last = (int(g) for g in groups if g and len(g) <= 2)
    elif kind == "month":
        name = next(g for g in groups if g and not g.isdigit())
        first = last = MONTHS[name.lower().rstrip(".")]
    else:  # zh_month, vi_month
        first = last = next(int(g) for g in groups if g and len(g) <= 2)
    if not (1 <= first <= last <= 12):
        return "", f"period: {phrase!r} is not a span of months"
    if year is None:
        if date.year is None:
            return "", f"period: {phrase!r} has no year and the article's date is unknown " \
                "(give --date)"
        # data for a month is published in the months after it
        year = date.year - 1 if date.month is not None and last >= date.month else date.year
    if first == last:
        return f"{year}-{first:02d}", ""
    if (first, last) == (1, 12):  # January to December is the year, as publishers print it
        return str(year), ""
    return f"{year}-{first:02d}/{year}-{last:02d}", ""


_QUARTERS = {"一": 1, "1": 1, "二": 2, "两": 2, "兩": 2, "2": 2, "三": 3, "3": 3, "hai": 2,
             "two": 2, "ba": 3, "three": 3}


# What a change in points is compared with: 較2024年, 比11月, 较上年, than the previous month.
_COMPARED = [
    (re.compile(r"[较較比]\s*((?:19|20)\d{2})\s*年|\bthan (?:in )?((?:19|20)\d{2})\b|"
                r"so với (?:năm )?((?:19|20)\d{2})"), "year"),
    # "比前8个月加快0.5个百分点": the year to that month
    (re.compile(r"[较較比](?:[^，,。；]{0,4}?)前\s*(\d{1,2})\s*[个個]?月"), "first_months"),
    (re.compile(r"[较較比]\s*(\d{1,2})\s*月|so với tháng (\d{1,2})\b"), "month"),
    (re.compile(rf"\bthan (?:in )?({MONTH})", re.IGNORECASE), "month_name"),
    (re.compile(r"[较較比](?:上年|去年|前一年)|\bthan (?:in )?(?:the )?(?:previous|prior|last) "
                r"year|\bthan a year (?:earlier|ago)|so với năm trước", re.IGNORECASE),
     "previous_year"),
    (re.compile(r"[较較比](?:上月|上个月|上個月)|\b(?:than|from) (?:in )?the previous month|"
                r"\bthan a month (?:earlier|before)|so với tháng trước", re.IGNORECASE),
     "previous_month"),
]


def compared_period(text: str, period: str) -> str:
    """The period the words compare the figure's (`period`) with, or '' when they name none
    or it cannot be told from `period`."""
    try:
        own = periods.parse(period)
    except ValueError:
        return ""
    year, month = own.last_month()
    for pattern, kind in _COMPARED:
        found = pattern.search(text)
        if found is None:
            continue
        value = next((g for g in found.groups() if g), "")
        if kind == "year":
            return value
        if kind == "previous_year":
            return str(own.previous())
        if kind == "first_months":
            return f"{year}-01/{year}-{int(value):02d}" if 1 <= int(value) < 12 else ""
        if own.is_span:
            return ""  # a span's month before is not one period
        if kind == "previous_month":
            return str(periods.Period((year, month), (year, month)).month_before())
        other = MONTHS[value.lower().rstrip(".")] if kind == "month_name" else int(value)
        if not 1 <= other <= 12:
            return ""
        return f"{year if other < month else year - 1}-{other:02d}"
    return ""
