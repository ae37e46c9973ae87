"""The log of published verdicts that moved: reports/corrections.csv, one row per change, each
naming the commit whose ledger published the verdict before. `make reports` appends the changes
against git's HEAD, and drops them again if the verdict goes back before a commit; the log is
committed with the reports, so a page can say what a verdict was without reading git or the
clock."""

from pathlib import Path

import pandas as pd

from tradeclaims import paths
from tradeclaims.claims.columns import CORRECTION_COLUMNS
from tradeclaims.claims.ledger import committed
from tradeclaims.csvfile import read_rows, to_csv_text
from tradeclaims.files import write_atomic
from tradeclaims.history import head as committed_head

COLUMNS = CORRECTION_COLUMNS


def read(path: Path = paths.CORRECTIONS_CSV) -> pd.DataFrame:
    """The log (empty when there is none yet)."""
    if not path.exists():
        return pd.DataFrame(columns=COLUMNS, dtype=str)
    rows = read_rows(path, COLUMNS, allow_empty=True)
    return pd.DataFrame([row for _, row in rows], columns=COLUMNS, dtype=str)


def moved(before: pd.DataFrame, after: pd.DataFrame, commit: str) -> pd.DataFrame:
    """Claims in both ledgers whose verdict differs, as log rows (new and removed claims are
    not corrections: they were never published, or are no longer)."""
    both = after.merge(before[["claim_id", "verdict"]], on="claim_id", suffixes=("", "_before"))
    both = both[both.verdict != both.verdict_before]
    return pd.DataFrame({"claim_id": both.claim_id, "article_id": both.article_id,
                         "before": both.verdict_before, "after": both.verdict,
                         "published_in": commit}, columns=COLUMNS).reset_index(drop=True)


def update(ledger: pd.DataFrame, path: Path = paths.CORRECTIONS_CSV,
           verdicts: Path = paths.VERDICTS_CSV) -> pd.DataFrame:
    """updated(), written to `path`."""
    log = updated(ledger, path, verdicts)
    write_atomic(path, to_text(log))
    return log


def updated(ledger: pd.DataFrame, path: Path = paths.CORRECTIONS_CSV,
            verdicts: Path = paths.VERDICTS_CSV) -> pd.DataFrame:
    """The log as committed in HEAD plus what moved since HEAD's ledger; outside a repository
    the log at `path` as it is."""
    head = committed_head()
    if head is None:
        log = read(path)
    else:
        log = committed(path)
        log = pd.DataFrame(columns=COLUMNS, dtype=str) if log is None else log
        published = committed(verdicts)
        if published is not None:
            log = pd.concat([log, moved(published, ledger, head)], ignore_index=True)
    return log


def to_text(log: pd.DataFrame) -> str:
    return to_csv_text(COLUMNS, log.to_dict("records"))


def history(log: pd.DataFrame) -> dict[str, list[tuple[str, str]]]:
    """Each corrected claim's earlier verdicts, oldest first: [(verdict, commit), ...]."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in log.itertuples():
        out.setdefault(row.claim_id, []).append((row.before, row.published_in))
    return out
