"""The claims registry: data/claims.csv, one row per numeric statement of an article, with a
declarative recipe that the engine evaluates. No claim has code of its own."""

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tradeclaims import paths
from tradeclaims.claims import expressions
from tradeclaims.claims.articles import ARTICLE_COLUMNS, article_rows
from tradeclaims.claims.columns import COLUMNS, OPTIONAL, UNSCALED
from tradeclaims.csvfile import read_rows
from tradeclaims.data import codes, dates, periods, units
from tradeclaims.data.fields import FLOW_IDENTITIES, FLOWS, ID_PATTERN, KEY
from tradeclaims.data.units import BASES, MEASURE_UNITS, SCALE_WORDS, UNITS, parse_number
from tradeclaims.data.vocabulary import section
from tradeclaims.errors import InputError, InputErrors

REASONS = list(section("reasons"))
ORIGINS = list(section("origins"))
KINDS = dict(section("recipes"))
QUALIFIERS = list(section("qualifiers"))
CLAIM_UNITS = list(section("claim_units"))


@dataclass(frozen=True)
class Claim:
    claim_id: str
    article_id: str
    quote: str
    printed: str  # the claimed figure as printed: "1.04", "-7.2"
    unit: str
    scale: str
    qualifier: str
    kind: str
    series: dict = field(default_factory=dict)
    base: dict = field(default_factory=dict)
    band: str = ""
    rests_on: str = ""
    note: str = ""
    expression: str = ""  # a derived claim's arithmetic on [lookups]
    reason: str = ""  # why a not_checkable claim is not checkable
    origin: str = ""  # where the claim's words come from, when not the article's own text
    row: int = 0  # line in the registry file
    file: Path | None = paths.CLAIMS_CSV  # None for a recipe with no registry row

    @classmethod
    def recipe(cls, kind: str, unit: str, series: dict, base: dict | None = None) -> "Claim":
        """A recipe with no registry row: a figure a notebook recomputes for its story."""
        return cls("", "", "", "", unit, "", "", kind, series, base or {}, file=None)

    @property
    def factor(self) -> float:
        return SCALE_WORDS[self.scale]

    @property
    def value(self) -> float | None:
        """The claimed figure, unscaled, in the claim's unit."""
        return float(parse_number(self.printed)) * self.factor if self.printed else None

    @property
    def decimals(self) -> int:
        """Digits the claim was printed with after the point."""
        return units.decimals(parse_number(self.printed)) if self.printed else 0

    @property
    def half_width(self) -> float:
        """Half a unit of the last printed digit of the claim, unscaled (ranks are exact)."""
        if self.unit == "rank" or not self.printed:
            return 0.0
        return float(units.half_last_digit(parse_number(self.printed))) * self.factor

    @property
    def unit_label(self) -> str:
        return " ".join(part for part in (self.scale, self.unit) if part)


CLAIM_ID = re.compile(ID_PATTERN)
REQUIRED_KEYS = ["reporter", "partner", "flow", "period"]
# What `base` means to each recipe that reads it, and which recipes read `rests_on`; anywhere
# else a value would be silently ignored, so it is rejected.
BASE_MEANS = {kind: recipe["base"] for kind, recipe in section("recipes").items()
              if recipe.get("base")}
BASE_OPTIONAL = [kind for kind, recipe in section("recipes").items() if recipe.get("base_optional")]
USES_RESTS_ON = [kind for kind, recipe in section("recipes").items() if recipe.get("rests_on")]
BOUNDS = ["over", "at_least", "under", "at_most"]
DERIVED = "derived"  # the recipe whose series is an expression
MAX_BAND = 50.0
NEAREST = 5  # known values named when one is unknown
_FLOW_EXPRESSION = re.compile(r"^[a-z]+([+-][a-z]+)*$")


def parse_spec(text: str) -> dict:
    """'reporter=VNM partner=CHN period=2026-01' -> dict; 'a,b' gives a list of values. Raises
    ValueError on a malformed pair, an unknown key or a key given twice."""
    spec = {}
    for part in text.split():
        key, sep, value = part.partition("=")
        if not sep or not value:
            raise ValueError(f"{part!r} is not key=value")
        if key not in KEY:
            raise ValueError(f"unknown key {key!r} (known: {', '.join(KEY)})")
        if key in spec:
            raise ValueError(f"{key} is given twice")
        spec[key] = value.split(",") if "," in value else value
    return spec


def expression_problems(text: str, known_sources: set[str] | None = None):
    """Messages for a derived claim's expression: its arithmetic, and each lookup as a series
    (all four required keys, values the vocabulary has)."""
    try:
        terms, _ = expressions.split(text)
    except ValueError as exc:
        yield str(exc)
        return
    for number, term in enumerate(terms, 1):
        try:
            spec = parse_spec(term)
        except ValueError as exc:
            yield f"lookup [{number}]: {exc}"
            continue
        if missing := _missing_keys(spec):
            yield f"lookup [{number}] {missing}"
        for message in spec_problems(spec, known_sources):
            yield f"lookup [{number}]: {message}"


def _missing_keys(spec: dict) -> str:
    """What a series leaves out of the keys every series needs ('' when nothing)."""
    missing = [key for key in REQUIRED_KEYS if key not in spec]
    return (f"names no {', '.join(missing)} (a series needs {', '.join(REQUIRED_KEYS)})"
            if missing else "")


def spec_problems(spec: dict, known_sources: set[str] | None = None):
    """Messages for each value of a spec that the dataset's vocabulary does not have, with the
    known values nearest to it."""
    for key, value in spec.items():
        for item in value if isinstance(value, list) else [value]:
            if message := _value_problem(key, item, known_sources):
                yield message


def _value_problem(key: str, value: str, known_sources) -> str:
    def unknown(known, what=""):
        near = difflib.get_close_matches(value, known, n=3, cutoff=0.5) or [
            k for k in known if k.casefold() == value.casefold()]
        hint = f"; did you mean {' or '.join(near)}?" if near else ""
        return f"unknown {key} {value!r} ({what or 'known: ' + ', '.join(known)}){hint}"

    if key in ("reporter", "partner") and not codes.is_known(value):
        groups = f" nor a group: {', '.join(codes.GROUPS)}" if key == "partner" else ""
        return unknown([*codes.GROUPS, *sorted(codes.iso3_codes())],
                       f"not an ISO3 country code{groups}")
    if key == "flow" and value not in FLOWS:
        parts = re.split(r"[+-]", value)
        if not _FLOW_EXPRESSION.match(value) or len(parts) == 1 or set(parts) - set(FLOWS):
            return unknown([*FLOWS, *FLOW_IDENTITIES.values()])
    if key == "product":
        return codes.product_problem(value)
    if key == "period":
        try:
            periods.parse(value)
        except ValueError as exc:
            return f"period {exc}"
    if key == "measure" and value not in MEASURE_UNITS:
        return unknown(sorted(MEASURE_UNITS))
    if key == "unit" and value not in UNITS:
        return unknown(UNITS)
    if key == "basis" and value not in BASES:
        return unknown(BASES)
    if key == "source_id" and known_sources is not None and value not in known_sources:
        nearest = difflib.get_close_matches(value, known_sources, n=NEAREST, cutoff=0)
        return (f"unknown source_id {value!r} (not one of the {len(known_sources)} releases in "
                f"data/sources/); the nearest: {', '.join(nearest)}")
    return ""


def read_articles(path: Path | None = None) -> pd.DataFrame:
    """data/articles.csv (or `path`), checked, indexed by article id."""
    rows = list(article_rows(path).values())
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS, dtype=str)
    return articles.set_index("article_id", drop=False)


def load_claims(path: Path = paths.CLAIMS_CSV, articles_path: Path = paths.ARTICLES_CSV,
                known_sources: set[str] | None = None, article_id: str | None = None
                ) -> list[Claim]:
    """Read and check the registry; every problem names the file, the row and the field.
    `known_sources`: the source ids a series may name (default: the folders of
    data/sources/). With `article_id`, only that article's rows are checked and read (a page's
    kernel; the ledger, which make builds beside every page, checks them all)."""
    rows = read_rows(path, COLUMNS, optional=OPTIONAL)
    has_reasons = bool(rows) and "reason" in rows[0][1]
    for _, raw in rows:
        for column in OPTIONAL:
            raw.setdefault(column, "")
    articles = read_articles(articles_path).date.to_dict()  # the date of each article
    if known_sources is None:
        known_sources = {p.name for p in paths.SOURCES.iterdir() if p.is_dir()}
    claims, errors, seen = [], [], {}
    for line, raw in rows:
        if article_id is not None and raw["article_id"] != article_id:
            seen.setdefault(raw["claim_id"].casefold(), line)  # its id still counts
            continue
        problems = row_problems(raw, articles, seen, known_sources, has_reasons)
        seen.setdefault(raw["claim_id"].casefold(), line)
        errors += [InputError(path, f"claim {raw['claim_id'] or '?'}: {message}", row=line,
                              field=name) for name, message in problems]
        if not problems:
            claims.append(claim_from_row(raw, line, path))
    if errors:
        raise InputErrors(errors)
    return claims


def row_problems(raw: dict, articles: dict[str, str], seen: dict, known_sources: set,
                 has_reasons: bool = True) -> list[tuple[str, str]]:
    """(field, message) for everything wrong with one registry row; `articles` maps each
    article id to its date ('' unknown), `seen` the claim ids met so far (case-folded) to
    their rows."""
    return [*_problems(raw, articles, seen, known_sources), *_reason_problems(raw, has_reasons)]


def claim_from_row(raw: dict, line: int, path: Path | None) -> Claim:
    """The claim a checked registry row describes."""
    return Claim(
        claim_id=raw["claim_id"], article_id=raw["article_id"], quote=raw["quote"],
        printed=raw["claimed"], unit=raw["unit"], scale=raw["scale"],
        qualifier=raw["qualifier"], kind=raw["kind"],
        series={} if raw["kind"] == DERIVED else parse_spec(raw["series"]),
        expression=raw["series"] if raw["kind"] == DERIVED else "",
        base=parse_spec(raw["base"]), band=raw["band"], rests_on=raw["rests_on"],
        note=raw["note"], reason=raw["reason"], origin=raw.get("origin", ""), row=line,
        file=path)


def _reason_problems(raw: dict, has_reasons: bool):
    """Every not_checkable claim says why (once the registry has the column), and only they;
    reasons and origins come from the vocabulary."""
    reason, origin = raw["reason"], raw["origin"]
    if reason and reason not in REASONS:
        yield "reason", f"unknown reason {reason!r} (known: {', '.join(REASONS)})"
    elif reason and raw["kind"] != "not_checkable":
        yield "reason", "only a not_checkable claim has a reason (a checked one has a verdict)"
    elif has_reasons and not reason and raw["kind"] == "not_checkable":
        yield "reason", f"a not_checkable claim needs a reason: {', '.join(REASONS)}"
    if origin and origin not in ORIGINS:
        yield "origin", f"unknown origin {origin!r} (known: {', '.join(ORIGINS)})"


def _problems(raw: dict, articles: dict[str, str], seen: dict, known_sources: set):
    """(field, message) for everything wrong with one registry row."""
    claim_id, kind = raw["claim_id"], raw["kind"]
    if not claim_id:
        yield "claim_id", "empty"
    elif not CLAIM_ID.match(claim_id):
        yield "claim_id", "not an id of lower-case letters, digits and hyphens (gt-04)"
    elif claim_id.casefold() in seen:
        yield "claim_id", f"duplicate of row {seen[claim_id.casefold()]}"
    if raw["article_id"] not in articles:
        yield "article_id", f"unknown article {raw['article_id']!r} (not in articles.csv)"
    if not raw["quote"]:
        yield "quote", "empty"
    if kind not in KINDS:
        yield "kind", f"unknown recipe kind {kind!r} (known: {', '.join(KINDS)})"
    if raw["unit"] not in CLAIM_UNITS:
        yield "unit", f"unknown unit {raw['unit']!r} (known: {', '.join(CLAIM_UNITS)})"
    if raw["scale"] not in SCALE_WORDS:
        yield "scale", f"unknown scale {raw['scale']!r} (known: {', '.join(SCALE_WORDS)})"
    elif raw["scale"] and raw["unit"] in UNSCALED:
        yield "scale", f"a claim in {raw['unit']} takes no scale"
    if raw["qualifier"] not in QUALIFIERS:
        yield "qualifier", f"unknown qualifier {raw['qualifier']!r} (known: {QUALIFIERS})"
    if raw["claimed"]:
        try:
            parse_number(raw["claimed"])
        except ValueError as exc:
            yield "claimed", str(exc)
    elif kind != "compare":
        yield "claimed", "empty (only a compare row takes its claimed value from the data)"
    specs = {}
    for name in ("series", "base"):
        if name == "series" and kind == DERIVED:
            yield from (("series", message) for message in
                        expression_problems(raw["series"], known_sources))
            continue
        try:
            specs[name] = parse_spec(raw[name])
        except ValueError as exc:
            yield name, str(exc)
            continue
        for message in spec_problems(specs[name], known_sources):
            yield name, message
    date = articles.get(raw["article_id"], "")
    for spec in _lookups(raw, specs):
        if message := _after_the_article(spec, date):
            yield "series", message
            break
    yield from _recipe_problems(raw, specs)


def _lookups(raw: dict, specs: dict) -> list[dict]:
    """The series a claim looks up: its `series`, or each lookup of a derived one."""
    if raw["kind"] != DERIVED:
        return [specs["series"]] if "series" in specs else []
    try:
        return [parse_spec(term) for term in expressions.split(raw["series"])[0]]
    except ValueError:
        return []  # said by expression_problems


def _after_the_article(spec: dict, date: str) -> str:
    """Whether the period a claim names ends after its article's month: no observation can
    exist for it, and the period is the likelier slip."""
    if not isinstance(spec.get("period"), str) or not date or date == "unknown":
        return ""
    try:
        period, published = periods.parse(spec["period"]), dates.parse(date)
    except ValueError:
        return ""  # a malformed period is said elsewhere
    if period.last_month() <= published.last_month():
        return ""
    return (f"period {spec['period']} lies after the article's date ({date}): an article can "
            "only report a period that has ended; check the period (or the article's date)")


def _recipe_problems(raw: dict, specs: dict):
    """Fields the recipe needs, and fields it would ignore."""
    kind = raw["kind"]
    if kind not in KINDS:
        return
    if kind == "not_checkable":
        if not raw["note"]:
            yield "note", "a not_checkable claim must say why in its note"
        for name in ("series", "base", "band", "rests_on"):
            if raw[name]:
                yield name, "a not_checkable claim has no recipe: leave it empty"
        return
    if not raw["series"]:
        yield "series", f"a {kind} claim needs a series"
    elif "series" in specs and (missing := _missing_keys(specs["series"])):
        yield "series", missing
    if kind in BASE_MEANS and not raw["base"] and kind not in BASE_OPTIONAL:
        yield "base", f"a {kind} claim needs a base: {BASE_MEANS[kind]}, as changes to series"
    elif kind not in BASE_MEANS and raw["base"]:
        yield "base", f"a {kind} claim does not use a base (only {', '.join(BASE_MEANS)})"
    if raw["rests_on"] and kind not in USES_RESTS_ON:
        yield "rests_on", (f"a {kind} claim has one figure to rest on (rests_on is for "
                           f"{', '.join(USES_RESTS_ON)})")
    elif raw["rests_on"] not in ("", "published", "levels"):
        yield "rests_on", f"{raw['rests_on']!r} is not published or levels"
    elif kind == "growth" and raw["base"] and raw["rests_on"] == "published":
        yield "rests_on", ("a growth with a base rests on levels: the base names the earlier "
                           "level, which the published rate does not use")
    if raw["band"]:
        yield from _band_problems(raw)


def _band_problems(raw: dict):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)%", raw["band"])
    if not match:
        yield "band", f"{raw['band']!r} is not a percentage such as 2%"
    elif not 0 < float(match[1]) <= MAX_BAND:
        yield "band", f"{raw['band']!r} is not above 0% and at most {MAX_BAND:g}%"
    elif raw["qualifier"] in BOUNDS or raw["kind"] in ("rank", "first_time"):
        yield "band", (f"a band does not apply to a {raw['qualifier'] or raw['kind']} claim, "
                       "which is judged as a bound")
