"""Partners, products and flows named in a text: CLDR's country names in three languages and the
vocabulary's groups, products and flow words, each as a Mention with where it stands."""

import re
from dataclasses import dataclass
from functools import cache

from tradeclaims.claims.reading.words import FLOW
from tradeclaims.data import codes
from tradeclaims.data.vocabulary import section


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    value: str


@cache
def partner_names() -> tuple[re.Pattern, dict]:
    """Every name of a partner in three languages: CLDR's country names, the vocabulary's."""
    names = {}
    for lang in ("en", "zh", "zh_Hant", "vi"):
        for name, code in codes.cldr_names(lang).items():
            if len(name) > 2 and "," not in name:
                names.setdefault(name, code)
    for code, aliases in section("names")["partners"].items():
        for alias in aliases:
            names[alias] = code
    return _alternation(names)


@cache
def product_names() -> tuple[re.Pattern, dict]:
    names = {word: code for code, words in section("names")["products"].items()
             for word in words}
    names |= {word: "" for word in section("names")["uncoded"] if word not in names}
    return _alternation(names, re.IGNORECASE)


def _alternation(names: dict, flags=0) -> tuple[re.Pattern, dict]:
    """One pattern for every name, longest first, and what each name resolves to."""
    ordered = sorted(names, key=len, reverse=True)
    pattern = re.compile("|".join(_bounded(n) for n in ordered), flags)
    if flags & re.IGNORECASE:
        names = {n.casefold(): code for n, code in names.items()}
    return pattern, names


def _bounded(name: str) -> str:
    r"""A name's pattern: one that starts or ends with an ASCII character must not be part of
    a longer word. The character before is tested once the first has matched, `X(?<![\w.]X)`
    rather than `(?<![\w.])X`, so that every alternative opens with a character: re then skips
    the places where no name starts instead of trying every name at every character (50 times
    faster over the partners' 575 names; not the products', whose case re ignores)."""
    if not (name[0].isascii() or name[-1].isascii()):
        return re.escape(name)
    first = re.escape(name[0])
    return rf"{first}(?<![\w.]{first}){re.escape(name[1:])}(?!\w)"


def find_mentions(names: tuple[re.Pattern, dict], text: str) -> list[Mention]:
    pattern, resolved = names
    return [Mention(m.start(), m.end(), resolved.get(m[0], resolved.get(m[0].casefold())))
            for m in pattern.finditer(text)]


def flow_mentions(text: str) -> list[Mention]:
    return [Mention(m.start(), m.end(), re.sub(r"\d+$", "", m.lastgroup))
            for m in FLOW.finditer(text)]
