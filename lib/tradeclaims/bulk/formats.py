"""The column mapping of a bulk format (data/bulk/formats/<name>.yaml), read and checked once:
which source column gives which tidy field, the value column and its unit, the code mappings.
A changed header is an edit of that file, never of code."""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from tradeclaims import paths
from tradeclaims.data import codes
from tradeclaims.data.fields import is_web_address
from tradeclaims.errors import InputError, InputErrors
from tradeclaims.yamlfile import read_yaml

TIDY = ["reporter", "partner", "flow", "product", "period", "quantity", "quantity_unit"]
REQUIRED = ["reporter", "partner", "flow", "product", "period"]  # from a column or source.yaml
FROM_SOURCE = ["reporter", "flow"]  # what source.yaml may give when the file has no column
FLOWS = ["export", "import"]
UNITS = ["USD", "CNY"]
_MONTH = "(0[1-9]|1[0-2])"
_PERIODS = {"YYYYMM": rf"([0-9]{{4}}){_MONTH}", "YYYY": "([0-9]{4})()",
            "YYYY-MM": rf"([0-9]{{4}})-{_MONTH}"}
PERIOD_FORMATS = list(_PERIODS)
KEYS = ["title", "documented_at", "encodings", "delimiter", "thousands", "columns", "values",
        "scale", "from_source", "fields", "require", "breakdowns"]
OPTIONAL = {"trailing_delimiter": False, "totals": {}}  # keys a format may leave out, with
# their default
NUMERIC = "#"  # marks a numeric code read where the code column is empty (see Format.code)


@dataclass(frozen=True)
class Format:
    name: str
    path: Path
    sha256: str  # of the config file: a changed mapping re-ingests
    title: str
    documented_at: list[str]
    encodings: list[str]
    delimiter: str
    thousands: str | None
    columns: dict[str, str]  # source header -> tidy field
    values: dict[str, str]  # value column -> unit
    scale: float
    from_source: list[str]
    fields: dict[str, dict]
    require: dict[str, list[str]]
    breakdowns: list[str]
    trailing_delimiter: bool = False  # rows may end with one more, empty, field than the header
    totals: dict[str, list[str]] | None = None  # breakdown column -> its total values: rows
    # with another value are skipped beside their total, refused without one

    def column(self, field: str) -> str | None:
        """The source column that gives a tidy field, or None."""
        return next((col for col, name in self.columns.items() if name == field), None)

    def rule(self, field: str, key: str, default=None):
        return self.fields.get(field, {}).get(key, default)

    # What one raw value of a column means. The ingest applies these to the distinct values of
    # a file, not to every row; a ValueError says what is wrong with the value.

    def names(self, field: str) -> str | None:
        """The column that names each code of `field` (China Customs' 贸易伙伴名称), or None."""
        return self.rule(field, "names")

    def code(self, field: str, raw: str | None, name: str | None = None) -> str:
        """A reporter or partner: ISO3, WLD for the world, or an area of the vocabulary (kept
        under its own code). Where the format names its codes, the code is read from its name
        (`name`, from the column `names`): CLDR's territory name, after the format's aliases."""
        if raw is None:
            raise ValueError("empty: a code is required")
        if raw.startswith(NUMERIC):
            raw = self._numeric(field, raw.removeprefix(NUMERIC))
        if (area := codes.AREA_CODES.get((self.name, raw))) and self.rule(field, "areas"):
            label = codes.AREAS[area].get("label")
            if self.names(field) and label is not None and name != label:
                raise ValueError(f"{field} code {raw!r} is named {name!r}, but the area "
                                 f"{area} of data/vocabulary.yaml is {label!r}")
            return area
        if table := self.rule(field, "codes"):
            if raw not in table:
                raise ValueError(f"unknown {field} code {raw!r}: add it, with its evidence, "
                                 f"under fields.{field}.codes in {paths.relative(self.path)}")
            return table[raw]
        if self.names(field):
            return self._named(field, raw, name)
        mapped = (self.rule(field, "map") or {}).get(raw, raw)
        if not re.fullmatch(self.rule(field, "pattern", "[A-Z]{3}"), mapped):
            areas = " or an area of data/vocabulary.yaml" if self.rule(field, "areas") else ""
            raise ValueError(f"{raw!r} is not a {field} code (ISO3{areas})")
        return mapped

    def numeric(self, field: str) -> str | None:
        """The column of numeric codes read where the code column is empty, or None."""
        return self.rule(field, "numeric")

    def _numeric(self, field: str, raw: str) -> str:
        """A numeric code (UN M49, as Comtrade numbers its areas) as the code column would
        hold it: the format's own table first (Comtrade's codes that are not M49's), then
        country_converter's M49 codes."""
        if found := (self.rule(field, "numeric_codes") or {}).get(raw):
            return found
        iso3 = codes.m49_iso3(raw)
        if iso3 is None:
            raise ValueError(
                f"{field} code {raw!r} (from {self.numeric(field)}, the ISO column empty) is "
                f"not an M49 code of country_converter: add it, with its evidence, under "
                f"fields.{field}.numeric_codes in {paths.relative(self.path)}")
        return iso3

    def _named(self, field: str, raw: str, name: str | None) -> str:
        locale, aliases = self.rule(field, "locale"), self.rule(field, "aliases") or {}
        iso3 = codes.territory_iso3(aliases.get(name, name), locale) if name else None
        if iso3 is None:
            raise ValueError(
                f"{field} code {raw!r} named {name!r}: no territory of that name in CLDR "
                f"({locale}) nor an area: add the CLDR name under fields.{field}.aliases in "
                f"{paths.relative(self.path)}, or the area to data/vocabulary.yaml, with its "
                "evidence")
        return iso3

    def flow(self, raw: str | None) -> str | None:
        """export or import; None for a flow whose rows are skipped."""
        mapping, skip = self.rule("flow", "map") or {}, self.rule("flow", "skip") or []
        if raw in skip:
            return None
        if raw not in mapping:
            raise ValueError(f"unknown flow code {raw!r} (ingested: {', '.join(mapping)}; "
                             f"skipped: {', '.join(skip) or 'none'}; see "
                             f"{paths.relative(self.path)})")
        return mapping[raw]

    def product(self, raw: str | None) -> tuple[str, int]:
        """("HS:851713", 6), or ("HS:TOTAL", 0) for the total."""
        prefix, total = self.rule("product", "classification"), self.rule("product", "total")
        digits = self.rule("product", "digits")
        if total is not None and raw == total:
            return f"{prefix}:{raw}", 0
        if raw and raw.isascii() and raw.isdigit() and len(raw) in digits:
            return f"{prefix}:{raw}", len(raw)
        message = (f"{raw!r} is not an {prefix} code of {', '.join(map(str, digits))} digits"
                   + (f" or {total}" if total else ""))
        if raw and raw.isdigit() and len(raw) + 1 in digits:
            message += " (a leading zero lost? keep codes as text)"
        raise ValueError(message)

    def period(self, raw: str | None) -> tuple[str, int]:
        """("2025-01", 2025) for a month, ("2025", 2025) for a year."""
        forms = self.rule("period", "formats")
        for form in forms:
            if match := re.fullmatch(_PERIODS[form], raw or ""):
                year, month = match[1], match[2]
                return (f"{year}-{month}" if month else year), int(year)
        raise ValueError(f"{raw!r} is not a period of the form {' or '.join(forms)}")

    def check_required(self, column: str, raw: str | None):
        """A column of `require`: empty, or one of its values."""
        allowed = self.require[column]
        if raw is not None and raw not in allowed:
            raise ValueError(f"{raw!r}: only rows with {column} {' or '.join(allowed)} are "
                             "ingested (another value is a breakdown that would double "
                             "count; download the total)")


def available(root: Path = paths.BULK_FORMATS) -> list[str]:
    return sorted(p.stem for p in root.glob("*.yaml")) if root.is_dir() else []


def load(name: str, root: Path = paths.BULK_FORMATS) -> Format:
    """The format `name` (data/bulk/formats/<name>.yaml), checked; InputErrors name the line."""
    path = root / f"{name}.yaml"
    if not path.exists():
        raise InputError(path, f"no such bulk format (known: {', '.join(available(root))})")
    raw, lines = read_yaml(path)
    if not isinstance(raw, dict):
        raise InputError(path, "expected a mapping (title, columns, values, ...)", row=1)
    errors = []

    def problem(keys: tuple, message: str):
        errors.append(InputError(path, message, row=lines.get(keys), field=".".join(keys)))

    for key in sorted(set(KEYS) - set(raw)):
        problem((key,), "missing (use [] or {} or null when there is none)")
    for key in sorted(set(raw) - set(KEYS) - set(OPTIONAL), key=str):
        problem((key,), f"unknown key (expected: {', '.join([*KEYS, *OPTIONAL])})")
    if errors:
        raise InputErrors(errors)
    conf = {**OPTIONAL, **{key: raw[key] for key in [*KEYS, *OPTIONAL] if key in raw}}
    if not isinstance(conf["trailing_delimiter"], bool):
        problem(("trailing_delimiter",), "must be true or false")
    if not isinstance(conf["totals"], dict) or not all(
            isinstance(v, list) and v for v in conf["totals"].values()):
        problem(("totals",), "must be a mapping: breakdown column: [its total values]")
    for key, kind in [("documented_at", list), ("encodings", list), ("columns", dict),
                      ("values", dict), ("from_source", list), ("fields", dict),
                      ("require", dict), ("breakdowns", list)]:
        if not isinstance(conf[key], kind):
            problem((key,), f"must be a {kind.__name__}")
    if errors:
        raise InputErrors(errors)
    for problem_args in _problems(conf):
        problem(*problem_args)
    if errors:
        raise InputErrors(errors)
    fields = {field: {key: _text(value) if key in ("map", "codes", "skip", "none", "aliases",
                                                   "numeric_codes")
                      else value
                      for key, value in (rules or {}).items()}
              for field, rules in conf["fields"].items()}
    return Format(
        name=name, path=path, sha256="sha256:" + hashlib.sha256(path.read_bytes()).hexdigest(),
        title=str(conf["title"]), documented_at=[str(u) for u in conf["documented_at"]],
        encodings=[str(e) for e in conf["encodings"]], delimiter=str(conf["delimiter"]),
        thousands=conf["thousands"], columns={str(k): str(v) for k, v in conf["columns"].items()},
        values={str(k): str(v) for k, v in conf["values"].items()}, scale=float(conf["scale"]),
        from_source=list(conf["from_source"]), fields=fields,
        require={str(k): [str(v) for v in vals] for k, vals in conf["require"].items()},
        breakdowns=[str(c) for c in conf["breakdowns"]],
        trailing_delimiter=conf["trailing_delimiter"],
        totals={str(k): [str(v) for v in vals] for k, vals in conf["totals"].items()})


def _text(value):
    """Codes as text, however YAML typed them (116 and "116" are the same code)."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return [str(v) for v in value] if isinstance(value, list) else value


def _problems(conf: dict):
    """(keys, message) for each part of a format config that is not of its form."""
    for i, url in enumerate(conf["documented_at"]):
        if not is_web_address(str(url)):
            yield ("documented_at",), f"entry {i + 1}: {url!r} is not an http(s) address"
    for encoding in conf["encodings"]:
        try:
            "".encode(str(encoding))
        except LookupError:
            yield ("encodings",), f"unknown encoding {encoding!r}"
    if not isinstance(conf["delimiter"], str) or len(conf["delimiter"]) != 1:
        yield ("delimiter",), "must be one character"
    if conf["thousands"] not in (None, ",", ".", " ", "'"):
        yield ("thousands",), "must be null or one of , . ' and a space"
    if not isinstance(conf["scale"], int | float) or conf["scale"] <= 0:
        yield ("scale",), "must be a positive number"
    for column, field in conf["columns"].items():
        if field not in TIDY:
            yield ("columns", column), f"{field!r} is not a tidy field ({', '.join(TIDY)})"
    targets = list(conf["columns"].values())
    for field in sorted({f for f in targets if targets.count(f) > 1}):
        yield ("columns",), f"two columns give {field!r}"
    if not conf["values"]:
        yield ("values",), "name the value column and its unit"
    for column, unit in conf["values"].items():
        if unit not in UNITS:
            yield ("values", column), f"{unit!r} is not a unit ({', '.join(UNITS)})"
    for field in conf["from_source"]:
        if field not in FROM_SOURCE:
            yield ("from_source",), (f"{field!r}: only {', '.join(FROM_SOURCE)} may come "
                                     "from source.yaml")
        elif field in targets:
            yield ("from_source",), f"{field!r} is also given by a column"
    for field in REQUIRED:
        if field not in targets and field not in conf["from_source"]:
            yield ("columns",), f"no column gives {field!r} (nor from_source)"
    yield from _field_problems(conf["fields"])
    for column, allowed in conf["require"].items():
        if not isinstance(allowed, list) or not allowed:
            yield ("require", column), "must be a list of the values allowed"


def _field_problems(fields: dict):
    for field, rules in fields.items():
        if field not in TIDY or not isinstance(rules, dict | None):
            yield ("fields", field), f"expected a tidy field ({', '.join(TIDY)}) with its rules"
            continue
        rules = rules or {}
        if "pattern" in rules:
            try:
                re.compile(str(rules["pattern"]))
            except re.error as exc:
                yield ("fields", field, "pattern"), f"not a regular expression: {exc}"
        for key in ("map", "codes", "aliases", "numeric_codes"):
            if key in rules and not isinstance(rules[key], dict):
                yield ("fields", field, key), "must be a mapping (code: value)"
        for code, flow in (rules.get("map") or {}).items() if field == "flow" else ():
            if flow not in FLOWS:
                yield ("fields", "flow", "map", code), f"{flow!r} is not {' or '.join(FLOWS)}"
        if "names" in rules:
            yield from _name_problems(field, rules)
        for code, iso in (rules.get("codes") or {}).items():
            if not re.fullmatch(r"[A-Z]{3}", str(iso)):
                yield ("fields", field, "codes", code), f"{iso!r} is not an ISO3 code"
        if field == "product":
            if rules.get("classification") != "HS":
                yield ("fields", "product", "classification"), "only HS is supported"
            digits = rules.get("digits")
            if not isinstance(digits, list) or not all(isinstance(d, int) for d in digits):
                yield ("fields", "product", "digits"), "must be a list of code lengths"
        if field == "period":
            formats = rules.get("formats")
            if not isinstance(formats, list) or not set(formats) <= set(PERIOD_FORMATS):
                yield ("fields", "period", "formats"), f"a list of {', '.join(PERIOD_FORMATS)}"


def _name_problems(field: str, rules: dict):
    """A field whose codes are read from their names needs a CLDR locale, and aliases that
    name a territory of that locale."""
    from babel import Locale, UnknownLocaleError

    locale = str(rules.get("locale"))
    try:
        Locale.parse(locale)
    except (ValueError, TypeError, UnknownLocaleError):
        yield ("fields", field, "locale"), f"{locale!r}: names need a CLDR locale (such as zh)"
        return
    for alias, cldr in (rules.get("aliases") or {}).items():
        if codes.territory_iso3(str(cldr), locale) is None:
            yield (("fields", field, "aliases", alias),
                   f"{cldr!r} is not a territory name of CLDR ({locale})")
