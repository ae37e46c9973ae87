"""The claims registry: data/claims.csv, one row per numeric statement of an article, with a
declarative recipe that the engine evaluates. No claim has code of its own."""

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tradeclaims import paths, units
from tradeclaims.errors import InputError, InputErrors
from tradeclaims.fields import KEY
from tradeclaims.units import SCALE_WORDS, parse_number

COLUMNS = ["claim_id", "article_id", "quote", "claimed", "unit", "scale", "qualifier", "kind",
           "series", "base", "band", "rests_on", "note"]
KINDS = {
    "level": "a value for a series and period",
    "growth": "y/y change between a period and the same period a year earlier",
    "share": "one series as a percentage of another (base)",
    "balance": "exports minus imports",
    "conversion": "a yuan amount restated in dollars at the rate implied by a base pair",
    "rank": "the series' position among the partners listed in base",
    "first_time": "the series passes the claimed threshold, which no period in base reached",
    "compare": "the same figure from two releases: series against base",
    "not_checkable": "no official figure can check it; the note says why",
}
QUALIFIERS = ["", "about", "nearly", "over", "at_least", "under"]
CLAIM_UNITS = ["USD", "CNY", "percent", "tonnes", "units", "rank", "count", "year"]
ARTICLE_COLUMNS = ["article_id", "outlet", "title", "date", "covers", "file"]


@dataclass(frozen=True)
class Claim:
    claim_id: str
    article_id: str
    quote: str
    claimed_text: str
    unit: str
    scale: str
    qualifier: str
    kind: str
    series: dict = field(default_factory=dict)
    base: dict = field(default_factory=dict)
    band: str = ""
    rests_on: str = ""
    note: str = ""
    row: int = 0  # line in the registry file
    file: Path = paths.CLAIMS_CSV

    @property
    def factor(self) -> float:
        return SCALE_WORDS[self.scale]

    @property
    def claimed(self) -> float | None:
        """The claimed value, unscaled, in the claim's unit."""
        return float(parse_number(self.claimed_text)) * self.factor if self.claimed_text else None

    @property
    def decimals(self) -> int:
        """Digits the claim was printed with after the point."""
        return units.decimals(parse_number(self.claimed_text)) if self.claimed_text else 0

    @property
    def half_width(self) -> float:
        """Half a unit of the last printed digit of the claim, unscaled (ranks are exact)."""
        if self.unit == "rank" or not self.claimed_text:
            return 0.0
        return float(units.half_last_digit(parse_number(self.claimed_text))) * self.factor

    @property
    def unit_label(self) -> str:
        return " ".join(part for part in (self.scale, self.unit) if part)


def parse_spec(text: str) -> dict:
    """'reporter=VNM partner=CHN period=2026-01' -> dict; 'a,b' gives a list of values."""
    spec = {}
    for part in text.split():
        key, sep, value = part.partition("=")
        if not sep or not value:
            raise ValueError(f"{part!r} is not key=value")
        if key not in KEY:
            raise ValueError(f"unknown key {key!r} (known: {', '.join(KEY)})")
        spec[key] = value.split(",") if "," in value else value
    return spec


def read_articles(path: Path = paths.ARTICLES_CSV) -> pd.DataFrame:
    articles = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(articles.columns) != ARTICLE_COLUMNS:
        raise InputError(path, f"columns must be {', '.join(ARTICLE_COLUMNS)}", row=1)
    return articles.set_index("article_id", drop=False)


def load_claims(path: Path = paths.CLAIMS_CSV, articles_path: Path = paths.ARTICLES_CSV
                ) -> list[Claim]:
    """Read and check the registry; every problem names the file, the row and the field."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise InputErrors(InputError(path, "missing column", row=1, field=c) for c in missing)
    articles = set(read_articles(articles_path).index)
    claims, errors, seen = [], [], {}
    for index, raw in table.iterrows():
        line = index + 2
        raw = {k: v.strip() for k, v in raw.items()}
        problems = list(_problems(raw, articles, seen))
        seen.setdefault(raw["claim_id"], line)
        errors += [InputError(path, f"claim {raw['claim_id'] or '?'}: {message}", row=line,
                              field=name) for name, message in problems]
        if problems:
            continue
        claims.append(Claim(
            claim_id=raw["claim_id"], article_id=raw["article_id"], quote=raw["quote"],
            claimed_text=raw["claimed"], unit=raw["unit"], scale=raw["scale"],
            qualifier=raw["qualifier"], kind=raw["kind"], series=parse_spec(raw["series"]),
            base=parse_spec(raw["base"]), band=raw["band"], rests_on=raw["rests_on"],
            note=raw["note"], row=line, file=path))
    if errors:
        raise InputErrors(errors)
    return claims


def _problems(raw: dict, articles: set, seen: dict):
    """(field, message) for everything wrong with one registry row."""
    if not raw["claim_id"]:
        yield "claim_id", "empty"
    elif raw["claim_id"] in seen:
        yield "claim_id", f"duplicate of row {seen[raw['claim_id']]}"
    if raw["article_id"] not in articles:
        yield "article_id", f"unknown article {raw['article_id']!r} (not in articles.csv)"
    if not raw["quote"]:
        yield "quote", "empty"
    kind = raw["kind"]
    if kind not in KINDS:
        yield "kind", f"unknown recipe kind {kind!r} (known: {', '.join(KINDS)})"
    if raw["unit"] not in CLAIM_UNITS:
        yield "unit", f"unknown unit {raw['unit']!r} (known: {', '.join(CLAIM_UNITS)})"
    if raw["scale"] not in SCALE_WORDS:
        yield "scale", f"unknown scale {raw['scale']!r} (known: {', '.join(SCALE_WORDS)})"
    if raw["qualifier"] not in QUALIFIERS:
        yield "qualifier", f"unknown qualifier {raw['qualifier']!r} (known: {QUALIFIERS})"
    if raw["claimed"]:
        try:
            parse_number(raw["claimed"])
        except ValueError as exc:
            yield "claimed", str(exc)
    elif kind != "compare":
        yield "claimed", "empty (only a compare row takes its claimed value from the data)"
    for name in ("series", "base"):
        try:
            parse_spec(raw[name])
        except ValueError as exc:
            yield name, str(exc)
    if kind == "not_checkable":
        if not raw["note"]:
            yield "note", "a not_checkable claim must say why in its note"
    elif kind in KINDS and not raw["series"]:
        yield "series", f"a {kind} claim needs a series"
    if kind in ("share", "conversion", "rank", "first_time", "compare") and not raw["base"]:
        yield "base", f"a {kind} claim needs a base"
    if raw["band"] and not raw["band"].endswith("%"):
        yield "band", f"{raw['band']!r} is not a percentage such as 2%"
    if raw["rests_on"] not in ("", "published", "levels"):
        yield "rests_on", f"{raw['rests_on']!r} is not published or levels"
