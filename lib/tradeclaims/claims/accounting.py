"""Every figure of an article is accounted for: inside the quote of one of its registered
claims, or in data/ignored.csv with a reason (a date the extractor took for a figure, a number
that is not a statistic, a repeat)."""

import re
from dataclasses import dataclass
from pathlib import Path

from tradeclaims import paths
from tradeclaims.claims import extract
from tradeclaims.csvfile import read_rows
from tradeclaims.errors import InputError, InputErrors

IGNORED_CSV = paths.DATA / "ignored.csv"
IGNORED_COLUMNS = ["article_id", "figure", "quote", "reason"]


@dataclass(frozen=True)
class Ignored:
    article_id: str
    figure: str  # as the extractor writes it: "-7.2", "2025"
    quote: str  # the words around it, verbatim, to find it
    reason: str


def read_ignored(path: Path = IGNORED_CSV) -> list[Ignored]:
    """The ignored figures; every row needs its article, figure, quote and reason."""
    rows = read_rows(path, IGNORED_COLUMNS, allow_empty=True)
    problems = [InputError(path, "empty", row=line, field=column)
                for line, row in rows for column in IGNORED_COLUMNS if not row[column]]
    if problems:
        raise InputErrors(problems)
    return [Ignored(**row) for _, row in rows]


_SAME = {"'": "['’]", "’": "['’]", "-": "[-–]", "–": "[-–]"}  # typed either way


def spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Where a quote occurs in the text, whatever its spacing, apostrophes and dashes."""
    words = ["".join(_SAME.get(char, re.escape(char)) for char in word) for word in quote.split()]
    return [m.span() for m in re.finditer(r"\s+".join(words), text)] if words else []


def unaccounted(text: str, quotes: list[str], ignored: list[Ignored]) -> list[extract.Figure]:
    """The figures of the text that no claim's quote covers and no ignored row names."""
    covered = [span for quote in quotes for span in spans(text, quote)]
    excused = [(span, i.figure) for i in ignored for span in spans(text, i.quote)]
    left = []
    for f in extract.find(text):
        if any(a <= f.start and f.end <= b for a, b in covered):
            continue
        if any(a <= f.start < b and figure == f.printed for (a, b), figure in excused):
            continue
        left.append(f)
    return left


def sentence(text: str, figure: extract.Figure) -> str:
    """The sentence a figure is in, for a message."""
    start = max(text.rfind(mark, 0, figure.start) for mark in ".!?。！？\n") + 1
    ends = [i for i in (text.find(mark, figure.end) for mark in ".!?。！？\n") if i >= 0]
    return " ".join(text[start:min(ends) + 1 if ends else len(text)].split())
