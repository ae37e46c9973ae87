"""The few pieces of HTML that reports and the index share: verdict colours and badges."""

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


def e(text) -> str:
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


def claimed(x, qualifier: str, unit: str, decimals=3) -> str:
    """The claimed figure with the wording that sets its rule: 'over 1', 'about 6.48'."""
    number = fmt(x, decimals, unit)
    return f"{_WORDING[qualifier]} {number}" if number and qualifier in _WORDING else number


def badge(verdict: str) -> str:
    return (f"<span class='tc-verdict' style='background:{VERDICT_COLOURS[verdict]};color:#fff;"
            f"padding:1px 6px;border-radius:3px;white-space:nowrap'>"
            f"{e(verdict.replace('_', ' '))}</span>")


def tally(counts: pd.Series, skip_zero=False) -> str:
    """Badges with the number of claims per verdict."""
    return " ".join(f"{badge(v)}&nbsp;{n}" for v, n in counts.items() if n or not skip_zero)


def legend_html() -> str:
    items = "".join(f"<li>{badge(v)} {e(VERDICT_MEANING[v])}</li>" for v in VERDICTS)
    return f"<ul class='tc-legend' style='list-style:none;padding-left:0'>{items}</ul>"
