"""The releases' dataset with the bulk store behind it: a lookup the releases answer stays
theirs; the bulk tables answer what only they hold (products named by HS codes) and whatever a
claim asks of a bulk source by its source_id. Ibis is imported only when a lookup reaches the
store, so reports that never do start as fast as before."""

from pathlib import Path

import pandas as pd

from tradeclaims import paths
from tradeclaims.bulk.query import BulkData
from tradeclaims.data.query import Dataset


class WithBulk(Dataset):
    def __init__(self, releases: Dataset, bulk: BulkData):
        super().__init__(releases.frame, {**releases.sources, **bulk.sources})
        self.bulk = bulk

    def series(self, **asked) -> pd.DataFrame:
        if not self._names_bulk(asked.get("source_id")):
            rows = super().series(**asked)
            if not rows.empty or not self.bulk.covers(asked):
                return rows
        return self.bulk.series(**asked)

    def _names_bulk(self, source_id) -> bool:
        ids = source_id if isinstance(source_id, (list, tuple, set)) else [source_id]
        return source_id is not None and all(s in self.bulk.sources for s in ids)


def attach(releases: Dataset, store: Path = paths.BULK_STORE, **options) -> Dataset:
    """The dataset with the bulk store behind it, when one has been ingested."""
    return WithBulk(releases, BulkData(store, **options)) if BulkData.exists(store) else releases
