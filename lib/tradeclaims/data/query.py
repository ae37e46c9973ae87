"""Query the tidy dataset: one observation, or a series, by its dimensions."""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from tradeclaims import paths
from tradeclaims.csvfile import parse_rows
from tradeclaims.data.built import read_built
from tradeclaims.data.fields import COLUMNS, KEY
from tradeclaims.data.intervals import Interval
from tradeclaims.data.sources import EVIDENCE, Source, load_provenance


class QueryError(LookupError):
    """No observation, or more than one, answers a request; says what exists nearby."""

    def __init__(self, problem: str, asked: dict, nearby: dict[str, list[str]]):
        self.asked, self.nearby = asked, nearby
        request = ", ".join(f"{k}={v}" for k, v in asked.items())
        lines = [f"{problem} for {request}"]
        lines += [f"  with another {dim}: {', '.join(values)}" for dim, values in nearby.items()]
        super().__init__("\n".join(lines))


class SeriesNotFound(QueryError):
    pass


class AmbiguousSeries(QueryError):
    pass


@dataclass(frozen=True)
class Observation:
    value: float
    unit: str
    source: Source
    row: dict

    @property
    def source_id(self) -> str:
        return self.source.id

    @property
    def interval(self) -> Interval:
        """The value with the rounding it was printed with."""
        return Interval.read(self.value, self.row["precision"])


class Dataset:
    """The tidy dataset with the provenance of every source."""

    def __init__(self, frame: pd.DataFrame, sources: dict[str, Source]):
        self.frame = frame
        self.sources = sources
        # plain arrays of the key columns: a claim's lookups filter them hundreds of times, and
        # numpy does it ten times faster than pandas' isin on a frame this small
        self._keys = {column: frame[column].to_numpy() for column in KEY if column in frame}
        self._copies = self.copies()

    def copies(self) -> np.ndarray:
        """True for each row of a press copy whose series (every key but the source) an
        official publication in the dataset also holds: the official row is used by default,
        the copy kept as a cross-check, found when its source_id is asked (data/README.md,
        "Official tables first")."""
        if self.frame.empty or not self.sources:
            return np.zeros(len(self.frame), dtype=bool)
        official = self.frame.source_id.map(
            lambda s: s in self.sources and self.sources[s].evidence == EVIDENCE[0]).to_numpy()
        series = [c for c in KEY if c != "source_id" and c in self.frame]
        held = self.frame[official].groupby(series, dropna=False).size()
        keys = pd.MultiIndex.from_frame(self.frame[series])
        return ~official & keys.isin(held.index)

    @classmethod
    def load(cls, csv: Path = paths.TRADE_CSV, sources_root: Path = paths.SOURCES) -> "Dataset":
        """The dataset as `make data` built it; refuses a file changed since (by hand, or by a
        build that did not finish), which the descriptor's hash would not match."""
        text = read_built(csv, csv.with_name(paths.DATAPACKAGE.name))
        rows = parse_rows(text, csv, COLUMNS)  # the reader of what csvfile wrote
        frame = pd.DataFrame([row for _, row in rows], columns=COLUMNS, dtype=str)
        frame = frame.astype({"value": float, "precision": float})
        return cls(frame, load_provenance(sources_root))

    def source(self, source_id: str) -> Source:
        return self.sources[source_id]

    def series(self, **asked) -> pd.DataFrame:
        """Rows matching every given dimension; a value may be a list of accepted values."""
        unknown = set(asked) - set(KEY)
        if unknown:
            raise TypeError(f"unknown dimension(s) {sorted(unknown)}; known: {KEY}")
        mask = np.ones(len(self.frame), dtype=bool)
        for column, value in asked.items():
            if isinstance(value, (list, tuple, set)):
                accepted = {str(v) for v in value}
                mask &= np.fromiter((x in accepted for x in self._keys[column]), bool, len(mask))
            elif value is not None:
                mask &= self._keys[column] == str(value)
        if asked.get("source_id") is None:
            mask &= ~self._copies
        return self.frame[mask]

    def require(self, **asked) -> pd.DataFrame:
        """Like series, but a request that matches nothing raises SeriesNotFound with what
        exists nearby (how a notebook fails on parameters the data cannot serve)."""
        rows = self.series(**asked)
        if rows.empty:
            asked = {k: v for k, v in asked.items() if v is not None}
            raise SeriesNotFound("no observation", asked, self._nearby(asked))
        return rows

    def get(self, *, reporter, partner, flow, period, product="TOTAL", measure="value",
            unit=None, basis=None, source_id=None) -> Observation:
        """Exactly one observation, or a QueryError naming what was asked and what exists."""
        asked = {k: v for k, v in dict(reporter=reporter, partner=partner, flow=flow,
                                        product=product, period=period, measure=measure,
                                        unit=unit, basis=basis, source_id=source_id).items()
                 if v is not None}
        rows = self.series(**asked)
        if len(rows) == 1:
            row = rows.iloc[0].to_dict()
            return Observation(row["value"], row["unit"], self.sources[row["source_id"]], row)
        if rows.empty:
            raise SeriesNotFound("no observation", asked, self._nearby(asked))
        differing = {column: sorted(rows[column].unique()) for column in KEY
                     if rows[column].nunique() > 1}
        raise AmbiguousSeries(f"{len(rows)} observations (name one by its differing "
                              "dimension)", asked, differing)

    def _nearby(self, asked: dict) -> dict[str, list[str]]:
        """For each asked dimension, the values that would match if only it were relaxed."""
        nearby = {}
        for column in asked:
            relaxed = self.series(**{k: v for k, v in asked.items() if k != column})
            wanted = asked[column] if isinstance(asked[column], (list, tuple, set)) else [
                asked[column]]
            values = sorted(set(relaxed[column]) - {str(v) for v in wanted})
            if values:
                nearby[column] = values[:12]
        return nearby
