"""The words and numbers that report pages and the index share: verdict colours and meanings,
the colours of what charts mark besides verdicts, numbers formatted for reading, claimed figures
with their wording."""

import pandas as pd

from tradeclaims.data.vocabulary import section

VERDICT_COLOURS = {verdict: entry["colour"] for verdict, entry in section("verdicts").items()}
VERDICT_MEANING = {verdict: entry["meaning"] for verdict, entry in section("verdicts").items()}
CHART_COLOURS = {mark: entry["colour"] for mark, entry in section("chart_colours").items()}
REASONS = dict(section("reasons"))
ORIGINS = dict(section("origins"))


def fmt(x, decimals=2, unit="") -> str:
    """A number for reading: grouped thousands (not in years), no trailing zeros, empty when
    missing."""
    if x is None or pd.isna(x):
        return ""
    text = f"{x:{'' if unit == 'year' else ','}.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


_WORDING = {qualifier: shown for qualifier, shown in section("qualifiers").items() if shown}


def with_wording(x, qualifier: str, unit: str, decimals=3) -> str:
    """The claimed figure with the wording that sets its rule: 'over 1', 'about 6.48'."""
    number = fmt(x, decimals, unit)
    return f"{_WORDING[qualifier]} {number}" if number and qualifier in _WORDING else number


def claim_shown(row, was=()) -> dict:
    """A ledger row as every page shows it: the claim, its figures for reading, its verdict and
    the verdicts it had before (`was`: [(verdict, commit), ...] from the corrections log)."""
    return {"was": list(was), "claim_id": row.claim_id, "quote": row.quote, "unit": row.unit,
            "claimed": with_wording(row.claimed, row.qualifier, row.unit),
            "recomputed": fmt(row.recomputed, 3, row.unit), "verdict": row.verdict,
            "reason": row.reason.replace("_", " "), "reason_meaning": REASONS.get(row.reason, ""),
            "origin": ORIGINS.get(row.origin, {}).get("label", ""),
            "origin_meaning": ORIGINS.get(row.origin, {}).get("meaning", "")}
