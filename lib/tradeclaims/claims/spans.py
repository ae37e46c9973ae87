"""Things found in a text by one pass each (names, flows, periods, sentences): spans that do
not overlap, in text order, so that what lies around a figure is found by bisection. A pass
over all of them for every figure made proposing recipes quadratic in the number of figures
(issue 30)."""

import bisect
from collections.abc import Callable, Sequence


class Spans(Sequence):
    """Items in text order whose (start, end) spans do not overlap; `span` reads an item's
    span (default: its .start and .end)."""

    def __init__(self, items, span: Callable = lambda item: (item.start, item.end)):
        self._items = list(items)
        self.starts, self.ends = [], []
        for item in self._items:
            start, end = span(item)
            if (self.ends and start < self.ends[-1]) or end < start:
                raise ValueError(f"span {(start, end)} overlaps the one before it or is "
                                 "out of order")
            self.starts.append(start)
            self.ends.append(end)

    @classmethod
    def merged(cls, spans) -> "Spans":
        """(start, end) spans that may overlap, merged into ones that do not."""
        runs: list[list[int]] = []
        for start, end in sorted(spans):
            if runs and start <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], end)
            else:
                runs.append([start, end])
        return cls(map(tuple, runs), span=lambda run: run)

    def __getitem__(self, index):
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def within(self, lo: int, hi: int) -> range:
        """The indices of the items with lo <= start and end <= hi. Starts and ends both
        grow with the index, so they are one run."""
        return range(bisect.bisect_left(self.starts, lo), bisect.bisect_right(self.ends, hi))

    def starting(self, lo: int, hi: int) -> range:
        """The indices of the items with lo <= start < hi."""
        return range(bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi))

    def first(self, lo: int, hi: int, where: Callable | None = None):
        """The first item within [lo, hi] (for which `where` holds), or None."""
        for i in self.within(lo, hi):
            if where is None or where(self._items[i]):
                return self._items[i]
        return None

    def last(self, lo: int, hi: int, where: Callable | None = None):
        """The last item within [lo, hi] (for which `where` holds), or None."""
        for i in reversed(self.within(lo, hi)):
            if where is None or where(self._items[i]):
                return self._items[i]
        return None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some item's span overlaps [start, end): only the last one to start before
        `end` can."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def containing(self, start: int, end: int):
        """The item whose span holds [start, end), or None: only the last one to start at or
        before `start` can."""
        i = bisect.bisect_right(self.starts, start) - 1
        return self._items[i] if i >= 0 and self.ends[i] >= end else None
