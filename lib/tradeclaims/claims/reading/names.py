"""Partners, products and flows named in a text: CLDR's country names in three languages and the
vocabulary's groups, products and flow words, each as a Mention with where it stands."""

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version

from tradeclaims import paths
from tradeclaims.claims.reading.words import FLOW
from tradeclaims.data.vocabulary import section

LOCALES = ("en", "zh", "zh_Hant", "vi")
# CLDR's names as ISO3 codes, kept between runs: reading them takes babel and country_converter
# (and pandas, which it imports) about 0.5 s, most of what `extract` takes on an article.
CLDR_CACHE = paths.BUILD / "cache" / "cldr-partner-names.json"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    value: str


@cache
def partner_names() -> tuple[re.Pattern, dict]:
    """Every name of a partner in three languages: CLDR's country names, the vocabulary's;
    groups it has no code for resolve to ''."""
    names = dict(cldr_names())
    for code, aliases in section("names")["partners"].items():
        for alias in aliases:
            names[alias] = code
    for area in section("names").get("uncoded_partners", []):  # a name, but no code: ""
        names.setdefault(area, "")
    return _alternation(names)


def cldr_names() -> dict[str, str]:
    """{name: ISO3} of CLDR's territories in LOCALES (names of three letters or fewer, and
    those with a comma, left out), from CLDR_CACHE when it was written by the same versions of
    babel and country_converter."""
    return _cached()["names"]


@cache
def _cached() -> dict:
    """CLDR's names as ISO3 codes and country_converter's short name of each ISO3 code, from
    CLDR_CACHE, else read and kept there."""
    key = {"babel": version("babel"), "country_converter": version("country_converter"),
           "locales": list(LOCALES)}
    try:
        cached = json.loads(CLDR_CACHE.read_text(encoding="utf-8"))
        if cached["key"] == key and "short" in cached:
            return cached
    except (OSError, ValueError, KeyError, TypeError):
        pass
    from tradeclaims.data import codes  # imports country_converter
    from tradeclaims.files import write_atomic

    names = {}
    for lang in LOCALES:
        for name, code in codes.cldr_names(lang).items():
            if len(name) > 2 and "," not in name:
                names.setdefault(name, code)
    short = {code: codes.name(code) for code in codes.iso3_codes()}
    cached = {"key": key, "names": names, "short": short}
    try:
        CLDR_CACHE.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(CLDR_CACHE, json.dumps(cached, ensure_ascii=False))
    except OSError:
        pass  # a read-only checkout: read them each time
    return cached


def country(code: str) -> str:
    """A code's short name (China, Viet Nam): a group's from the vocabulary, a country's from
    CLDR_CACHE, so that no draft's note imports country_converter."""
    from tradeclaims.data import codes

    if code in codes.GROUPS or code in codes.AREAS:
        return codes.name(code)
    return _cached()["short"].get(code, code)


@cache
def region_names() -> tuple[re.Pattern, dict]:
    """Provinces and cities with their own trade statistics (the vocabulary's `regions`)."""
    return _alternation({name: name for name in section("names")["regions"]})


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


# One-character Chinese names, after the word that makes them a partner (对美出口, 自台进口),
# or after 中 in a pair of traders (中美贸易, 中欧, 中越).
SHORT_NAMES = {"美": "USA", "台": "TWN", "欧": "EU27", "歐": "EU27", "越": "VNM", "日": "JPN",
               "韩": "KOR", "韓": "KOR", "俄": "RUS", "非": "AFRICA"}
_SHORT = re.compile(r"(?<=[对對自从從与與和赴])([美台])(?![元金洲国國湾灣])|"
                    r"(?<=[对對自从從])(非)(?=[出进進贸貿])|"  # 对非出口: to Africa
                    r"(?<=中)([美欧歐越日韩韓俄])(?=[贸貿经經双雙两兩])")


def find_mentions(names: tuple[re.Pattern, dict], text: str) -> list[Mention]:
    pattern, resolved = names
    return [Mention(m.start(), m.end(), resolved.get(m[0], resolved.get(m[0].casefold())))
            for m in pattern.finditer(text)]


def partner_mentions(text: str) -> list[Mention]:
    """The partners named: every name of partner_names(), and the one-character ones."""
    found = find_mentions(partner_names(), text)
    taken = {i for m in found for i in range(m.start, m.end)}
    short = [Mention(m.start(), m.end(), SHORT_NAMES[m[0]]) for m in _SHORT.finditer(text)
             if m.start() not in taken]
    return sorted(found + short, key=lambda m: m.start)


def flow_mentions(text: str) -> list[Mention]:
    return [Mention(m.start(), m.end(), re.sub(r"\d+$", "", m.lastgroup))
            for m in FLOW.finditer(text)]
