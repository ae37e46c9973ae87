"""Calendar dates as provenance records them: YYYY-MM-DD, or YYYY-MM and YYYY where the release
gave no day."""

import datetime as dt
import re
from dataclasses import dataclass

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Date:
    """A day, a month or a year, as precise as it was written."""

    text: str
    first: dt.date  # its first day
    year: int
    month: int | None

    def last_month(self) -> tuple[int, int]:
        """(year, month) of its last month: (2026, 1) for 2026-01-14, (2025, 12) for 2025."""
        return self.year, self.month or 12


def parse(text: str, full: bool = False) -> Date:
    """A date such as 2026-01-14 (or 2026-01 and 2026 unless `full`); ValueError says what is
    wrong, for a form that does not fit as for a day that does not exist."""
    text = str(text).strip()
    form = "YYYY-MM-DD" if full else "YYYY-MM-DD, YYYY-MM or YYYY"
    match = _DATE.match(text)
    if not match or (full and match[3] is None):
        raise ValueError(f"{text!r} is not a date of the form {form}")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        first = dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from None
    return Date(text, first, year, month)


def today() -> dt.date:
    """The clock is read here only, to refuse provenance dated in the future."""
    return dt.date.today()
