"""Reporter and partner codes: ISO3 countries and named groups, via country_converter; the
areas of bulk tables that are not countries; and territories read from their CLDR names."""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from tradeclaims.data.vocabulary import section


@cache
def _converter():
    """country_converter's table, imported when first asked (it imports pandas: 0.35 s)."""
    import country_converter as coco

    return coco.CountryConverter()


def _iso3_where(column: str, value=None) -> Callable[[], tuple[str, ...]]:
    def find():
        data = _converter().data
        rows = data[data[column].notna()] if value is None else data[data[column] == value]
        return tuple(sorted(rows["ISO3"]))

    return find


@dataclass(frozen=True)
class Group:
    name: str
    description: str
    find_members: Callable[[], tuple[str, ...]] | None


def _finder(members: dict | None) -> Callable[[], tuple[str, ...]] | None:
    return None if members is None else _iso3_where(members["column"], members.get("value"))


# Groups and how their members are found are in the vocabulary (data/vocabulary.yaml).
GROUPS = {code: Group(group["name"], group["description"], _finder(group.get("members")))
          for code, group in section("groups").items()}


# Partner areas of bulk tables that are not countries (data/vocabulary.yaml, areas), by
# (bulk format, code in its partner column).
AREAS = section("areas")
AREA_CODES = {(entry["format"], str(entry["code"])): key for key, entry in AREAS.items()}


@cache
def iso3_codes() -> frozenset[str]:
    return frozenset(_converter().data["ISO3"])


def is_known(code: str) -> bool:
    return code in GROUPS or code in AREAS or code in iso3_codes()


@cache
def cldr_names(locale: str) -> dict[str, str]:
    """{name: ISO3} from CLDR's territory names in `locale` (via babel), as CLDR writes them,
    for the territories that have an ISO3 code (regions such as 中非, Middle Africa, have
    none)."""
    from babel import Locale

    data = _converter().data
    iso3 = {two: three for twos, three in zip(data["ISO2"], data["ISO3"], strict=True)
            for two in re.sub(r"[\^$]", "", str(twos)).split("|")}  # "^GB$|^UK$" for GBR
    return {name: iso3[code] for code, name in Locale.parse(locale).territories.items()
            if code in iso3}


@cache
def _cldr_territories(locale: str) -> dict[str, str]:
    return {_normal(name): code for name, code in cldr_names(locale).items()}


def _normal(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()  # 刚果（布） is 刚果(布)


@cache
def _m49() -> dict[str, str]:
    data = _converter().data.dropna(subset=["UNcode"])
    return {str(int(code)): iso3 for code, iso3 in zip(data.UNcode, data.ISO3, strict=True)}


def m49_iso3(code: str) -> str | None:
    """The ISO3 code of a UN M49 country code (country_converter's UNcode; "4" or "004"), or
    None."""
    return _m49().get(code.lstrip("0") or "0") if code.isascii() and code.isdigit() else None


def territory_iso3(name: str, locale: str) -> str | None:
    """The ISO3 code of the territory CLDR calls `name` in `locale`, or None."""
    return _cldr_territories(locale).get(_normal(name))


def members(code: str) -> tuple[str, ...]:
    """ISO3 members of a group, or the country itself."""
    if code in GROUPS:
        group = GROUPS[code]
        if group.find_members is None:
            raise ValueError(f"{code} ({group.description}) has no membership list")
        return group.find_members()
    if code in iso3_codes() or code in AREAS:
        return (code,)
    raise KeyError(f"unknown country or group code {code!r}")


def name(code: str) -> str:
    """A readable name: 'Vietnam' for VNM, 'ASEAN' for ASEAN."""
    if code in GROUPS:
        return GROUPS[code].name
    if code in AREAS:
        return AREAS[code]["name"]
    return _converter().convert(code, src="ISO3", to="name_short")


# Product codes are CLASSIFICATION:code, or TOTAL. A code is checked by the pattern of its
# classification, never against today's dataset: bulk tables bring codes it never had.
PRODUCT_CLASSIFICATIONS = {name: (entry["pattern"], entry["description"])
                           for name, entry in section("classifications").items()}


def product_problem(code: str) -> str:
    """What is wrong with a product code, or '' when it is of a known form."""
    if code == "TOTAL":
        return ""
    classification, sep, item = str(code).partition(":")
    if not sep:
        return (f"{code!r} is not TOTAL nor CLASSIFICATION:code (classifications: "
                f"{', '.join(PRODUCT_CLASSIFICATIONS)})")
    if classification not in PRODUCT_CLASSIFICATIONS:
        return (f"unknown classification {classification!r} in {code!r} (known: "
                f"{', '.join(PRODUCT_CLASSIFICATIONS)})")
    pattern, form = PRODUCT_CLASSIFICATIONS[classification]
    if not re.fullmatch(pattern, item):
        return f"{code!r} is not a {form}"
    return ""
