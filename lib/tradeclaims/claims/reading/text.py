"""An article's structure: its sentences and clauses, the one splitter `extract` and the
proposals read figures by."""

import bisect
import re
from functools import lru_cache

# A run this long with no full stop or line break (a table or a transcript flattened into one
# line) is read in pieces, cut after a comma or a space: each figure reads its own sentence,
# so an unbounded one would make extract quadratic in it. News sentences stay far below.
MAX_SENTENCE = 2_000
_CUT = re.compile(r"[,;，；、\s]")
# What ends a clause: punctuation, where a full stop or a comma is no decimal point or
# thousands separator (3.5, 1,234).
PUNCTUATION = re.compile(r"[;:，；：。!?！？\n—–()（）]|[.,](?!\d)|(?<!\d)[.,]")
# Within a sentence, the clause a figure's keys are read in (its partner, flow, period) ends at
# the same marks but a closing parenthesis (an aside names its own figure's period) and a dash
# that joins names (中国—东协), and also at an enumeration comma and a linking word: "exports
# rose 5%, and imports fell 2%", "giảm 30% và nhập khẩu …".
LINKS = re.compile(r"[;:，；：、(（]|,(?!\d)|(?<!\d),|\s[—–]\s|——|\b(?:while|and|but|và)\b")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: a full stop that is no decimal point and no initial
    (U.S.), 。！？, or a line break; pieces of MAX_SENTENCE at most."""
    spans, start = [], 0
    ends = (match.end() for match in re.finditer(r"[.!?](?=\s|$)|[。！？\n]", text)
            if match[0] != "." or not re.search(r"(?:^|[\s.])[A-Z]\.$",
                                                  text[max(0, match.end() - 3):match.end()]))
    for end in [*ends, len(text)]:  # a full stop after U.S. or S. ends no sentence
        while end - start > MAX_SENTENCE:
            cuts = [m.end() for m in _CUT.finditer(text, start + MAX_SENTENCE // 2,
                                                   start + MAX_SENTENCE)]
            cut = cuts[-1] if cuts else start + MAX_SENTENCE
            if text[start:cut].strip():
                spans.append((start, cut))
            start = cut
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    return spans


# The marks are found once per text, not once per figure: a search from the start for each
# made `extract` quadratic (1 MB took minutes; benchmarks/extract.py measures it). One text is
# kept, the one being read.
@lru_cache(maxsize=1)
def _marks(text: str) -> list[int]:
    """Where each punctuation mark ends, after a 0 that stands for the start."""
    return [0, *(match.end() for match in PUNCTUATION.finditer(text))]


def clause_start(text: str, pos: int) -> int:
    """Where the punctuated clause holding `pos` starts."""
    marks = _marks(text)
    return marks[bisect.bisect_right(marks, pos) - 1]


def clause(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The punctuated clause holding text[start:end], or None where a mark falls inside it."""
    marks = _marks(text)
    i = bisect.bisect_right(marks, start)
    low = marks[i - 1]
    high = PUNCTUATION.search(text, end)
    high = high.start() if high else len(text)
    if i < len(marks) and marks[i] <= end:
        return None
    return low, high


def links(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of each break between the clauses a sentence's words are read in,
    within [lo, hi)."""
    return [match.span() for match in LINKS.finditer(text, lo, hi)]
