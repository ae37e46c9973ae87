"""The news peg: the releases an article reports. Trade news is written the day a publisher
releases its tables or just after, so an article of 14 January 2026 about China reports GAC's
release of that day (2025 and December 2025), not an older one a sentence names in comparison."""

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tradeclaims import paths
from tradeclaims.data import dates, periods
from tradeclaims.data.fields import FLOW_IDENTITIES
from tradeclaims.yamlfile import read_yaml

if TYPE_CHECKING:
    from tradeclaims.data.query import Dataset

# How long after a release an article still reports it as news.
WINDOW = dt.timedelta(days=10)
_MONEY = ("USD", "CNY")
_FLOWS = {written: flow for flow, written in FLOW_IDENTITIES.items()}


class NewsPeg(dict):
    """{reporter: periods} of the releases an article reports, and in `held` the series they
    print: (reporter, partner, flow, product, period, currency) for each level and rate. In
    `covered`, what the whole dataset holds observations of: (reporter, partner, flow, product,
    period, measure), whatever the unit; None where it was not read, or where a bulk store
    stands behind it (`check` settles drafts from both)."""

    held: frozenset = frozenset()
    covered: frozenset | None = None

    def covers(self, kind: str, spec: dict) -> bool:
        """Whether the dataset holds what a recipe of that kind on `spec` needs at the least
        (True when it was not read): a level or share, its period's observation; a growth rate,
        the published rate, or its period's level and the one before; a total or a balance
        may come from exports and imports, as the engine computes them. Where it does not,
        the recipe can only be not_checkable."""
        if self.covered is None:
            return True
        period = spec.get("period", "")
        if kind == "growth":
            return self._holds(spec, period, "growth_published") or (
                self._holds(spec, period, "value")
                and self._holds(spec, _previous(period), "value"))
        measure = spec.get("measure", "value")
        return self._holds(spec, period, measure) or (
            kind == "share" and self._holds(spec, period, "share_published"))

    def _holds(self, spec: dict, period: str, measure: str) -> bool:
        key = (spec.get("reporter"), spec.get("partner"), spec.get("product", "TOTAL"), period,
               measure)
        flow = spec.get("flow", "")
        if flow in (*FLOW_IDENTITIES, *_FLOWS) and all(
                (key[0], key[1], f, *key[2:]) in self.covered for f in ("export", "import")):
            return True
        return (key[0], key[1], _FLOWS.get(flow, flow), *key[2:]) in self.covered

    def partners(self, spec: dict) -> list[str]:
        """The partners whose series like `spec` (all but the partner) the dataset holds, for
        ranking one among them; [] where the coverage was not read."""
        if self.covered is None:
            return []
        probe = {k: spec.get(k, "") for k in ("reporter", "flow", "period")} | {
            "product": spec.get("product", "TOTAL")}
        named = {key[1] for key in self.covered if key[0] == probe["reporter"]}
        return sorted(p for p in named if self._holds({**probe, "partner": p},
                                                     probe["period"], "value"))

    def currencies(self, reporter, partner, flow, product, period) -> list[str]:
        """The currencies in which the pegged releases print that series."""
        return sorted({c for r, p, f, g, t, c in self.held
                       if (r, p, f, g, t) == (reporter, partner, flow, product, period)})


def releases(data: "Dataset", date: str) -> NewsPeg:
    """The news peg of an article of that day, from a loaded dataset (see `of`)."""
    published = {source.id: source.date_published for source in data.sources.values()}
    columns = ["source_id", "reporter", "partner", "flow", "product", "period", "measure",
               "unit", "basis"]
    found = of(date, published, data.frame[columns].itertuples(index=False, name=None))
    if hasattr(data, "bulk"):  # bulk.dataset.WithBulk: the bulk store may hold the rest
        found.covered = None
    return found


def from_files(date: str) -> NewsPeg:
    """The same from data/sources/ and data/trade.csv as `make data` built them, without
    loading pandas (what `extract` does; empty before the first `make data`)."""
    from tradeclaims.data.built import read_built

    if not paths.TRADE_CSV.exists():
        return NewsPeg()
    published = {}
    for meta_file in paths.SOURCES.glob("*/source.yaml"):
        meta, _ = read_yaml(meta_file)
        published[meta_file.parent.name] = str(meta.get("date_published", "unknown"))
    text = read_built(paths.TRADE_CSV, paths.DATAPACKAGE)
    rows = csv.DictReader(io.StringIO(text))
    found = of(date, published, ((r["source_id"], r["reporter"], r["partner"], r["flow"],
                                  r["product"], r["period"], r["measure"], r["unit"],
                                  r["basis"]) for r in rows))
    if (paths.BULK_STORE / "sources.json").exists():  # bulk.query.BulkData.exists, unimported
        found.covered = None
    return found


def of(date: str, published: dict[str, str], rows: Iterable[tuple]) -> NewsPeg:
    """For each reporter, the periods of its releases published on the article's day or in the
    WINDOW before it, the latest release first and, within one, the longest period first:
    {'CHN': ['2025', '2025-12']}; and what the dataset covers (NewsPeg.covered). A period a
    release holds only as the one its rates compare with (2024 beside 2025) is no news.
    Releases dated to the month or year only, or of unknown date, are no peg: their day is not
    known. No periods when the article's day is not known. `rows`: (source_id, reporter,
    partner, flow, product, period, measure, unit, basis) of the dataset."""
    try:
        day = dates.parse(date, full=True).first
    except ValueError:
        day = None
    pegged = {}
    for source_id, when in published.items():
        try:
            when = dates.parse(when, full=True).first
        except ValueError:
            continue
        if day is not None and day - WINDOW <= when <= day:
            pegged[source_id] = when
    held, series, covered = {}, set(), set()
    for source_id, reporter, partner, flow, product, period, measure, unit, basis in rows:
        covered.add((reporter, partner, flow, product, period, measure))
        if source_id in pegged:
            held.setdefault((source_id, reporter), set()).add(period)
            series.add((reporter, partner, flow, product, period,
                        unit if unit in _MONEY else basis))
    found = {}
    for (source_id, reporter), held_periods in held.items():
        compared = {_previous(p) for p in held_periods}  # printed beside a rate, not news
        found.setdefault(reporter, set()).update(
            (pegged[source_id], p) for p in held_periods - compared)
    peg = NewsPeg({reporter: list(dict.fromkeys(
        period for _, period in sorted(pairs, key=lambda pair: (-pair[0].toordinal(),
                                                                 -_months(pair[1]), pair[1]))))
        for reporter, pairs in found.items()})
    peg.held, peg.covered = frozenset(series), frozenset(covered)
    return peg


def _previous(period: str) -> str:
    try:
        return str(periods.parse(period).previous())
    except ValueError:
        return ""


def _months(period: str) -> int:
    try:
        return len(periods.parse(period).parts())
    except ValueError:
        return 0
