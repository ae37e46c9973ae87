"""The news peg: the releases an article reports. Trade news is written the day a publisher
releases its tables or just after, so an article of 14 January 2026 about China reports GAC's
release of that day (2025 and December 2025), not an older one a sentence names in comparison."""

import datetime as dt

from tradeclaims.data import dates, periods
from tradeclaims.data.query import Dataset

# How long after a release an article still reports it as news.
WINDOW = dt.timedelta(days=10)


class NewsPeg(dict):
    """{reporter: periods} of the releases an article reports, and in `held` the series they
    print: (reporter, partner, flow, product, period, currency) for each level and rate."""

    held: frozenset = frozenset()

    def currencies(self, reporter, partner, flow, product, period) -> list[str]:
        """The currencies in which the pegged releases print that series."""
        return sorted({c for r, p, f, g, t, c in self.held
                       if (r, p, f, g, t) == (reporter, partner, flow, product, period)})


def releases(data: Dataset, date: str) -> NewsPeg:
    """For each reporter, the periods of its releases published on the article's day or in the
    WINDOW before it, the latest release first and, within one, the longest period first:
    {'CHN': ['2025', '2025-12']}. A period a release holds only as the one its rates compare
with (2024 beside 2025) is no news. Releases dated to the month or year only, or of unknown date,
    are no peg: their day is not known. Empty when the article's day is not known."""
    try:
        day = dates.parse(date, full=True).first
    except ValueError:
        return NewsPeg()
    published = {}
    for source in data.sources.values():
        try:
            when = dates.parse(source.date_published, full=True).first
        except ValueError:
            continue
        if day - WINDOW <= when <= day:
            published[source.id] = when
    if not published:
        return NewsPeg()
    frame = data.frame[data.frame.source_id.isin(published)]
    rows = frame[["source_id", "reporter", "period"]]
    held = {}
    for source_id, reporter, period in rows.drop_duplicates().itertuples(index=False):
        held.setdefault((source_id, reporter), set()).add(period)
    found = {}
    for (source_id, reporter), held_periods in held.items():
        compared = {_previous(p) for p in held_periods}  # printed beside a rate, not news
        found.setdefault(reporter, set()).update(
            (published[source_id], p) for p in held_periods - compared)
    peg = NewsPeg({reporter: list(dict.fromkeys(
        period for _, period in sorted(pairs, key=lambda pair: (-pair[0].toordinal(),
                                                                 -_months(pair[1]), pair[1]))))
        for reporter, pairs in found.items()})
    currency = frame.unit.where(frame.unit.isin(["USD", "CNY"]), frame.basis)
    peg.held = frozenset(zip(frame.reporter, frame.partner, frame.flow, frame["product"],
                             frame.period, currency, strict=True))
    return peg


def _previous(period: str) -> str:
    try:
        return str(periods.parse(period).previous())
    except ValueError:
        return ""


def _months(period: str) -> int:
    try:
        return len(periods.parse(period).parts())
    except ValueError:
        return 0
