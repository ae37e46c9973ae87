"""The words and numbers that report pages and the index share: verdict colours and meanings,
numbers formatted for reading, claimed figures with their wording, HTML escaping."""

import html

import pandas as pd

from tradeclaims.claims.engine import VERDICTS

VERDICT_COLOURS = {"reproduced": "#1a7f37", "approximate": "#9a6700",
                   "contradicted": "#cf222e", "not_checkable": "#6e7781"}
VERDICT_MEANING = {
    "reproduced": "the official figure rounds to the claim (or satisfies its bound)",
    "approximate": "within the looser band the claim's wording allows, stated per claim",
    "contradicted": "outside the rounding and any band; the gap is shown",
    "not_checkable": "no official figure can check it; the note says why",
}
assert list(VERDICT_COLOURS) == VERDICTS


def escape(text) -> str:
    return html.escape(str(text))


def fmt(x, decimals=2, unit="") -> str:
    """A number for reading: grouped thousands (not in years), no trailing zeros, empty when
    missing."""
    if x is None or pd.isna(x):
        return ""
    text = f"{x:{'' if unit == 'year' else ','}.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


_WORDING = {"over": "over", "at_least": "at least", "under": "under", "about": "about",
            "nearly": "nearly"}


def with_wording(x, qualifier: str, unit: str, decimals=3) -> str:
    """The claimed figure with the wording that sets its rule: 'over 1', 'about 6.48'."""
    number = fmt(x, decimals, unit)
    return f"{_WORDING[qualifier]} {number}" if number and qualifier in _WORDING else number
