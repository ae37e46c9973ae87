"""The words of change articles use, from `changes` in data/vocabulary.yaml: one place for
`extract` (the sign of a rate) and the proposals (whether a rate is a growth rate)."""

import re
from functools import cache

from tradeclaims.data.vocabulary import section


def _pattern(words: list[str]) -> re.Pattern:
    def bounded(word: str) -> str:
        start = r"\b" if re.match(r"[A-Za-z]", word) else ""
        end = r"\b" if re.search(r"[A-Za-z]$|\\w\*$", word) else ""
        return f"{start}(?:{word}){end}"

    return re.compile("|".join(bounded(w) for w in sorted(words, key=len, reverse=True)),
                      re.IGNORECASE)


@cache
def declines() -> re.Pattern:
    return _pattern(section("changes")["declines"])


@cache
def changes() -> re.Pattern:
    """A word of rise or decline."""
    found = section("changes")
    return _pattern(found["declines"] + found["rises"])
