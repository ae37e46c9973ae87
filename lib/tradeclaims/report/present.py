"""What a notebook imports as `tc`: every helper the reports use, from the modules that do each
job (lookups: the data; tables: what is shown as tables and text; charts; labels)."""

from tradeclaims.report.charts import (
    bar_chart,
    gap_chart,
    reference_line,
    source_line,
    verdict_chart,
)
from tradeclaims.report.labels import label
from tradeclaims.report.lookups import (
    Recomputed,
    by_article,
    cited,
    dataset,
    ledger_verdicts,
    recompute,
    shares,
    verdicts,
    wide,
)
from tradeclaims.report.tables import (
    Html,
    article,
    finding,
    grounding,
    ledger_table,
    legend,
    observations_table,
    opening,
    parameters,
    share_table,
    sources,
    summary,
    verdict_table,
)

__all__ = ["Html", "Recomputed", "article", "bar_chart", "by_article", "cited", "dataset",
           "finding", "gap_chart", "grounding", "label", "ledger_table", "ledger_verdicts",
           "legend",
           "observations_table", "opening", "parameters", "recompute", "reference_line",
           "share_table", "shares", "source_line", "sources", "summary", "verdict_chart",
           "verdict_table", "verdicts", "wide"]
