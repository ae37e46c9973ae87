"""The release in force at an article's date. Where two releases hold the same observation (a
month first published, then revised in the next year's release), a draft is judged against the
one its article could have quoted: the latest published on or before the article's date."""

import pandas as pd

from tradeclaims.data import dates
from tradeclaims.data.query import Dataset


def _published(data: Dataset, source_id: str):
    try:
        return dates.parse(data.sources[source_id].date_published).first
    except (KeyError, ValueError):
        return None  # 'unknown', or a bulk table's


class InForce(Dataset):
    """The dataset as it stood on `date` where releases overlap: of the sources holding the
    rows asked, those published latest on or before the date, else the first published after
    it; with `latest`, the one published last. Where a source's date is unknown, or no date is
    given, all of them (and a lookup they differ on stays ambiguous)."""

    def __init__(self, data: Dataset, date: str = "", latest: bool = False):
        super().__init__(data.frame, data.sources)
        self.data, self.latest = data, latest
        self.choices = 0  # how many lookups it chose a release for
        try:
            self.day = dates.parse(date).first if date else None
        except ValueError:
            self.day = None

    def series(self, **asked) -> pd.DataFrame:
        rows = self.data.series(**asked)
        if asked.get("source_id") is not None or rows.source_id.nunique() < 2:
            return rows
        when = {s: _published(self.data, s) for s in rows.source_id.unique()}
        if any(day is None for day in when.values()):
            return rows  # a release of unknown date: nothing to choose by
        if not self.latest:
            if self.day is None:
                return rows
            # none out yet: the first to come out, the nearest the article could have seen
            first = min(when.values())
            when = {s: day for s, day in when.items() if day <= self.day} or {
                s: day for s, day in when.items() if day == first}
        last = max(when.values())
        self.choices += 1
        return rows[rows.source_id.isin([s for s, day in when.items() if day == last])]

    def after(self, source_ids: list[str]) -> list[str]:
        """Those of the sources published after the article's date."""
        return [s for s in source_ids if self.day is not None and (
            _published(self.data, s) or self.day) > self.day]
