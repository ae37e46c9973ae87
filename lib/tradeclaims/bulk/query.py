"""Lookups on the bulk store, as the claim recipes ask them: a series by reporter, partner,
flow, product codes and period, answered in the tidy dataset's columns.

The work is one grouped query per batch, written once in Ibis (DuckDB or Spark run it): the
sum of value for every product prefix asked, by source, reporter, partner, flow, period, unit
and code level. The small result stays in memory and answers every lookup of the batch
(`prefetch` gathers a registry's prefixes first). A plain-pandas implementation of the same
aggregate (`backend="pandas"`) is the benchmark's baseline and a third engine for the
equivalence test.

How a product is summed: an exact code the table holds is taken as printed (HS:85 where the
file has chapter 85); otherwise the codes under the prefix at the most detailed level the
table has for that series, so no value is counted at two levels (Comtrade's 2-, 4- and 6-digit
rows repeat each other). HSLIST:<name> is a list of codes from data/bulk/products.yaml, summed.
A year, or a span of months, with no row of its own is the sum of its months when every month
is present; a partner group (ASEAN, EU27) with no row of its own is the sum of the members the
table has (the note says how many)."""

import json
from contextlib import suppress
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import pandas as pd

from tradeclaims import paths
from tradeclaims.data import codes, periods
from tradeclaims.data.fields import COLUMNS
from tradeclaims.data.query import QueryError
from tradeclaims.data.sources import Source
from tradeclaims.data.vocabulary import section
from tradeclaims.errors import InputError
from tradeclaims.yamlfile import read_yaml

KEYS = ["source_id", "reporter", "partner", "flow", "period", "unit"]
AGGREGATE = [*KEYS, "prefix", "digits", "value", "codes", "exact"]
_AT = {name: i for i, name in enumerate(AGGREGATE)}  # positions in an aggregate row (a tuple)
TOTAL = "TOTAL"  # stored as HS:TOTAL (digits 0)
ALL = "*"  # every reporter
PRODUCTS_YAML = paths.DATA / "bulk" / "products.yaml"


@dataclass(frozen=True)
class ProductSpec:
    spec: str  # as asked: HS:85, HS:854231, HSLIST:mobile_phones, TOTAL
    prefixes: tuple[str, ...]  # HS digits, or TOTAL


def product_lists(path: Path = PRODUCTS_YAML) -> dict[str, tuple[str, ...]]:
    """The named lists of HS codes (HSLIST:<name>); codes in one list may not overlap."""
    if not path.exists():
        return {}
    data, lines = read_yaml(path)
    out = {}
    for name, entry in (data or {}).items():
        found = entry.get("codes") if isinstance(entry, dict) else None
        if not found or not all(str(c).isdigit() for c in found):
            raise InputError(path, "expected codes: a list of HS codes (digits, as text)",
                             row=lines.get((name,)), field=f"{name}.codes")
        found = tuple(str(c) for c in found)
        overlap = [(a, b) for a in found for b in found if a != b and b.startswith(a)]
        if overlap:
            raise InputError(path, f"{overlap[0][1]} lies inside {overlap[0][0]}: it would be "
                             "counted twice", row=lines.get((name,)), field=f"{name}.codes")
        out[name] = found
    return out


def product_spec(spec: str) -> ProductSpec | None:
    """What a series' product asks of the bulk tables, or None when they cannot serve it."""
    if spec == TOTAL:
        return ProductSpec(spec, (TOTAL,))
    classification, _, item = str(spec).partition(":")
    if classification == "HS" and item.isdigit():
        return ProductSpec(spec, (item,))
    if classification == "HSLIST":
        lists = product_lists()
        if item not in lists:
            raise QueryError(f"no list {item!r} in {paths.relative(PRODUCTS_YAML)} (known: "
                             f"{', '.join(lists) or 'none'})", {"product": spec}, {})
        return ProductSpec(spec, lists[item])
    return None


# -- the aggregate, once in Ibis and once in plain pandas -------------------------------------
# For each prefix asked and each series (KEYS): the value of its codes at one level (the exact
# code when the table has it, else the most detailed level), how many codes, at how many digits.

def aggregate_ibis(table, prefixes, reporters=None):
    """One Ibis expression for the whole batch (of the reporters given, else all; the store is
    partitioned by reporter, so the others are not read). Each code length is its own filtered
    scan, summed by level, as DuckDB's floor is written: one filtered table shared by the
    parts became a materialized CTE, and a union summed after it one larger grouping."""
    import ibis

    def rows(*where):
        mine = [table.reporter.isin(sorted(reporters))] if reporters is not None else []
        return table.filter(*mine, *where)

    def summed(part, prefix, wanted: int):
        part = part.mutate(prefix=prefix)
        return part.group_by([*KEYS, "prefix", "digits"]).aggregate(
            value=part.value.sum(), codes=part.count()).mutate(wanted=ibis.literal(wanted))

    parts = []
    for n in sorted({len(p) for p in prefixes if p != TOTAL}):
        group = sorted(p for p in prefixes if p != TOTAL and len(p) == n)
        prefix = _substr()(table.product, 4, n)  # after "HS:"
        parts.append(summed(rows(prefix.isin(group), table.digits >= n), prefix, n))
    if TOTAL in prefixes:
        parts.append(summed(rows(table.product == f"HS:{TOTAL}"), ibis.literal(TOTAL), 0))
    if not parts:
        return None
    levels = parts[0] if len(parts) == 1 else ibis.union(*parts)  # a code once per series
    # one level per series: the code as asked where the table has it, else the finest; picked
    # by arg_max in a second grouping (a window over the series sorted them: slower)
    exact = levels.digits == levels.wanted
    rank = ibis.ifelse(exact, 100, levels.digits)
    return levels.group_by([*KEYS, "prefix"]).aggregate(
        digits=levels.digits.argmax(rank), value=levels.value.argmax(rank),
        codes=levels.codes.argmax(rank), exact=exact.any()).select(*AGGREGATE)


@cache
def _substr():
    """SQL's substr(text, start counted from 1, length), which DuckDB and Spark both have.
    Ibis's own substr compiles to a CASE (for a start counted from the end) that DuckDB
    evaluates on every row: it made the batch's scan twice as costly as DuckDB's floor."""
    import ibis

    @ibis.udf.scalar.builtin(name="substr")
    def substr(text: str, start: int, length: int) -> str:
        """DuckDB's and Spark's own."""

    return substr


def aggregate_pandas(frame: pd.DataFrame, prefixes, reporters=None) -> pd.DataFrame:
    """The same with pandas alone, prefix by prefix (the benchmark's baseline)."""
    if reporters is not None:
        frame = frame[frame["reporter"].isin(sorted(reporters))]
    parts = []
    for prefix in prefixes:
        wanted = 0 if prefix == TOTAL else len(prefix)
        if prefix == TOTAL:
            rows = frame[frame["product"] == f"HS:{TOTAL}"]
        else:
            rows = frame[frame["product"].str.startswith(f"HS:{prefix}")
                         & (frame["digits"] >= wanted)]
        levels = rows.groupby([*KEYS, "digits"], observed=True).agg(
            value=("value", "sum"), codes=("product", "nunique")).reset_index()
        if levels.empty:
            continue
        has_exact = levels.assign(x=levels.digits == wanted).groupby(KEYS).x.transform("any")
        finest = levels.groupby(KEYS).digits.transform("max")
        keep = (has_exact & (levels.digits == wanted)) | (~has_exact & (levels.digits == finest))
        parts.append(levels[keep].assign(prefix=prefix, exact=levels.digits[keep] == wanted))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=AGGREGATE)


def in_tonnes(table):
    """The table with its quantities in tonnes as its values (unit "tonnes"); NaN where a row
    has none in a unit of the vocabulary's quantity_units, so that a sum over it is NaN: a
    series with such a row has no quantity rather than a part of one."""
    import ibis

    scales = {unit: float(entry["scale"]) for unit, entry in section("quantity_units").items()
              if entry["unit"] == "tonnes"}
    scale = ibis.cases(*((table.quantity_unit == u, f) for u, f in scales.items()),
                       else_=ibis.literal(float("nan")))
    return table.mutate(value=(table.quantity * scale).fill_null(float("nan")),
                        unit=ibis.literal("tonnes"))


# -- the store --------------------------------------------------------------------------------

class BulkData:
    """The bulk store, queried through Ibis (engine: duckdb or spark), or with pandas alone:
    `backend="pandas"` lookup by lookup (the plain baseline), "pandas-batched" in batches as
    the Ibis path does (to tell what the engine buys from what batching buys)."""

    def __init__(self, store: Path = paths.BULK_STORE, engine: str | None = None,
                 backend: str = "ibis", measure: str = "value"):
        self.store, self.engine, self.backend = Path(store), engine, backend
        self.measure = measure  # "quantity": the table's quantities in tonnes, as its values
        self._fetched: set[tuple[str, str]] = set()  # (prefix, reporter or ALL) summed
        # (prefix, reporter, flow): {partner: [(a batch's columns, its rows' positions)]}, so a
        # lookup reads only the rows it may need
        self._index: dict[tuple[str, str, str], dict[str, list]] = {}

    @staticmethod
    def exists(store: Path = paths.BULK_STORE) -> bool:
        return (Path(store) / "sources.json").exists()

    @cached_property
    def sources(self) -> dict[str, Source]:
        """The provenance of every bulk source, as ingested."""
        manifest = json.loads((self.store / "sources.json").read_text(encoding="utf-8"))
        fields = Source.__dataclass_fields__
        return {sid: Source(id=sid, **{k: str(v) for k, v in entry["source"].items()
                                       if k in fields and k != "id"})
                for sid, entry in manifest.items()}

    @cached_property
    def _table(self):
        if self.backend.startswith("pandas"):
            import pyarrow.dataset as ds

            return ds.dataset(self.store, format="parquet", partitioning="hive",
                              exclude_invalid_files=True).to_table().to_pandas()
        from tradeclaims.bulk.engines import connect, read_store

        self._con = connect(self.engine)
        table = read_store(self._con, self.store)
        return table if self.measure == "value" else in_tonnes(table)

    @cached_property
    def _quantities(self) -> "BulkData":
        """The same store, its quantities summed in tonnes (a lookup of measure=quantity)."""
        return BulkData(self.store, self.engine, self.backend, measure="quantity")

    def prefetch(self, prefixes, reporters=None) -> None:
        """Sum every prefix not summed yet for these reporters (None: every reporter), in one
        query; what was summed before is not asked again."""
        if self.backend == "pandas":  # the plain baseline sums lookup by lookup
            return
        scope = [ALL] if reporters is None else sorted(reporters)
        wanted = {(p, r) for p in set(prefixes) for r in scope
                  if (p, r) not in self._fetched and (p, ALL) not in self._fetched}
        if not wanted:
            return
        asked_prefixes = sorted({p for p, _ in wanted})
        asked_reporters = None if reporters is None else {r for _, r in wanted}
        if self.backend == "pandas-batched":
            found = aggregate_pandas(self._table, asked_prefixes, asked_reporters)
        else:
            expr = aggregate_ibis(self._table, asked_prefixes, asked_reporters)
            found = expr.to_pandas() if expr is not None else pd.DataFrame(columns=AGGREGATE)
        found = found.astype({"digits": int, "value": float, "codes": int, "exact": bool}
                             | dict.fromkeys([*KEYS, "prefix"], str))
        self._index_rows(found)
        self._fetched |= wanted

    def _index_rows(self, found: pd.DataFrame) -> None:
        """Add a batch to the index: for each key, where its rows are in the batch's columns.
        The rows may be hundreds of thousands and the lookups read a few hundred keys' rows,
        so a row is made (a tuple) only when a lookup reads it."""
        if found.empty:
            return
        columns = [found[c].to_numpy().tolist() for c in AGGREGATE]
        done = {(p, r) for p, r in self._fetched if r != ALL}
        groups = found.groupby(["prefix", "reporter", "flow", "partner"], sort=False).indices
        for (prefix, reporter, flow, partner), at in groups.items():
            if (prefix, reporter) not in done:  # else summed by an earlier query: kept once
                self._index.setdefault((prefix, reporter, flow), {}).setdefault(
                    partner, []).append((columns, at))

    def prefetch_claims(self, claims) -> None:
        """Every prefix the claims' series and bases name, for the reporters they name, in one
        query."""
        prefixes, reporters = set(), set()
        for claim in claims:
            for spec in (claim.series, claim.base):
                for one in _listed((spec or {}).get("product")):
                    try:
                        parsed = product_spec(one) if one != TOTAL else None
                    except QueryError:  # the engine names the claim when it asks for it
                        continue
                    if parsed:
                        prefixes.update(parsed.prefixes)
                        reporters.update(_listed(claim.series.get("reporter")))
                        reporters.update(_listed((claim.base or {}).get("reporter")))
        self.prefetch(prefixes, reporters or None)

    # -- lookups ------------------------------------------------------------------------------

    def series(self, **asked) -> pd.DataFrame:
        """Rows in the tidy dataset's columns matching every dimension asked (a value may be a
        list); product must be asked. Empty where the store cannot serve the request."""
        if asked.get("basis") not in (None, ""):
            return _empty()
        measure = asked.get("measure") or "value"
        if measure == "quantity" and self.measure == "value":
            if self.backend.startswith("pandas"):  # pandas sums would skip what has no tonnes
                return _empty()
            return self._quantities.series(**asked)
        if measure != self.measure:
            return _empty()
        products = _listed(asked.get("product"))
        if not products:
            return _empty()
        parts = [self._product(spec, asked) for spec in products]
        return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)

    def _product(self, spec: str, asked: dict) -> pd.DataFrame:
        parsed = product_spec(spec)
        if parsed is None:
            return _empty()
        reporters, flows = _listed(asked.get("reporter")), _listed(asked.get("flow"))
        keep = {dim: set(_listed(asked.get(dim))) for dim in ("source_id", "unit")}
        partners, groups = _listed(asked.get("partner")), {}
        for partner in partners:
            if partner in codes.GROUPS and partner != "WLD":
                with suppress(ValueError):  # a group with no membership list
                    groups[partner] = set(codes.members(partner))
        if partners:
            keep["partner"] = {*partners, *set().union(*groups.values())}
        asked_periods = _listed(asked.get("period"))
        if asked_periods:
            keep["period"] = {*asked_periods, *(m for p in asked_periods for m in _parts_of(p))}
        keep = {dim: wanted for dim, wanted in keep.items() if wanted}
        keep |= {dim: set(values) for dim, values in (("reporter", reporters), ("flow", flows))
                 if values}
        rows = (self._plain(parsed, keep) if self.backend == "pandas"
                else self._batched(parsed, keep))
        rows = [r for r in _by_series(rows, single=len(parsed.prefixes) == 1)
                if r["value"] == r["value"]]  # NaN: a row with no quantity in tonnes
        if partners:
            rows = _summed(rows, "partner", {p: groups.get(p, set()) for p in partners})
        if asked_periods:
            rows = _summed(rows, "period", {p: set(_parts_of(p)) for p in asked_periods},
                           complete=True)
        if not rows:
            return _empty()
        return pd.DataFrame([{**r, "product": spec, "measure": self.measure, "basis": "",
                              "precision": 0.0, "note": _note(r)} for r in rows],
                            columns=COLUMNS)

    def _batched(self, parsed: ProductSpec, keep: dict) -> list[tuple]:
        """Aggregate rows from the batch summed in one query (and kept), then selected."""
        reporters = keep.get("reporter")
        self.prefetch(parsed.prefixes, sorted(reporters) if reporters else None)
        flows, partners = keep.get("flow"), keep.get("partner")
        tests = [(_AT[dim], wanted) for dim, wanted in keep.items()
                 if dim not in ("reporter", "flow", "partner")]
        if reporters and flows:
            keys = [(p, r, f) for p in parsed.prefixes for r in reporters for f in flows]
        else:
            keys = [k for k in self._index if k[0] in parsed.prefixes
                    and (not reporters or k[1] in reporters) and (not flows or k[2] in flows)]
        out = []
        for key in keys:
            by_partner = self._index.get(key, {})
            for partner in partners if partners else by_partner:
                out += [row for columns, positions in by_partner.get(partner, ())
                        for row in zip(*([c[i] for i in positions] for c in columns),
                                       strict=True)
                        if all(row[at] in wanted for at, wanted in tests)]
        return out

    def _plain(self, parsed: ProductSpec, keep: dict) -> list[tuple]:
        """The same rows with pandas alone, lookup by lookup: the table narrowed by every
        dimension asked, then summed (the benchmark's baseline; no batch, no cache)."""
        frame = self._table
        for dim, wanted in keep.items():
            frame = frame[frame[dim].isin(sorted(wanted))]
        found = aggregate_pandas(frame, parsed.prefixes)
        return list(zip(*(found[c].to_numpy().tolist() for c in AGGREGATE), strict=True))

    def covers(self, asked: dict) -> bool:
        """Whether the store may serve this request: a product of HS codes other than TOTAL."""
        return any(p != TOTAL and product_spec(p) is not None
                   for p in _listed(asked.get("product")))


def _listed(value) -> list:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, (list, tuple, set)) else [str(value)]


@cache
def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=float if c in ("value", "precision") else str)
                         for c in COLUMNS})


def _empty() -> pd.DataFrame:
    return _empty_frame().copy()


def _by_series(rows, single: bool) -> list[dict]:
    """One row per series: a list's codes summed (each already at one level)."""
    out: dict[tuple, dict] = {}
    for row in rows:
        key = row[:len(KEYS)]
        if key not in out:
            out[key] = {**dict(zip(KEYS, key, strict=True)), "value": 0.0, "codes": 0,
                        "digits": 0, "exact": single}
        s = out[key]
        s["value"] += row[_AT["value"]]
        s["codes"] += row[_AT["codes"]]
        s["digits"] = max(s["digits"], row[_AT["digits"]])
        s["exact"] = s["exact"] and row[_AT["exact"]]
    return list(out.values())


def _summed(rows: list[dict], dim: str, wanted: dict[str, set], complete=False) -> list[dict]:
    """For each value of `dim` asked: its own rows, and for series without one, the sum over
    its parts (a group's members, a year's months) when it has any (`complete`: all of them)."""
    out = []
    for name, parts in wanted.items():
        own = [r for r in rows if r[dim] == name]
        out += own
        if not parts:
            continue
        have = {_key(r, dim) for r in own}
        sums: dict[tuple, dict] = {}
        for r in rows:
            if r[dim] in parts and _key(r, dim) not in have:
                s = sums.setdefault(_key(r, dim), {**r, dim: name, "value": 0.0, "n": set()})
                s["value"] += r["value"]
                s["n"].add(r[dim])
                s["codes"], s["digits"] = max(s["codes"], r["codes"]), max(s["digits"], r["digits"])
                s["exact"] = s["exact"] and r["exact"]
        for s in sums.values():
            if not complete or len(s["n"]) == len(parts):
                if dim == "partner":
                    s["members"] = len(s["n"])
                del s["n"]
                out.append(s)
    return out


def _key(row: dict, dim: str) -> tuple:
    return tuple(row[k] for k in KEYS if k != dim)


def _parts_of(text: str) -> list[str]:
    try:
        return periods.parse(text).parts()
    except ValueError:
        return []

def _note(row: dict) -> str:
    level = "the code as printed" if row["exact"] else (
        f"the sum of {row['codes']} codes at {row['digits']} digits")
    members = row.get("members")
    return f"bulk table: {level}" + (f", over the {members} members with data" if members
                                     else "")
