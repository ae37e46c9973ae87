"""Charts with a title, units on the axes and a source line under them, in one theme that is
applied to each chart, never to the kernel's global settings."""

import textwrap
from functools import cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from tradeclaims.report import lookups, tables
from tradeclaims.report.style import CHART_COLOURS, VERDICT_COLOURS


@cache
def theme() -> dict:
    """The charts' matplotlib settings: seaborn's whitegrid theme at 110 dpi, computed once and
    applied per chart (plt.rc_context), so importing this module changes nothing."""
    with plt.rc_context():
        plt.rcParams.update({"figure.dpi": 110, "font.size": 9.5})
        sns.set_theme(style="whitegrid", rc={"figure.dpi": 110})
        return dict(plt.rcParams)


def source_line(source_ids, width: int = 130) -> str:
    """'Source: publisher (ids); publisher (ids)', wrapped to `width` characters."""
    data = lookups.dataset()
    by_publisher: dict[str, list[str]] = {}
    for sid in dict.fromkeys(source_ids):
        by_publisher.setdefault(data.source(sid).publisher.split(" (")[0], []).append(sid)
    text = "Source: " + "; ".join(f"{name} ({', '.join(ids)})"
                                  for name, ids in by_publisher.items())
    return textwrap.fill(text, width)


def finish(fig, ax, title: str, xlabel: str, ylabel: str, source_ids):
    """Title, axis labels with units and a source line under the chart, with room for it."""
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    sns.despine(ax=ax)
    line = source_line(source_ids)
    fig.text(0.01, 0.01, line, fontsize=7.5, color=CHART_COLOURS["source_line"], va="bottom",
             ha="left")
    footer = (0.12 + 0.13 * (line.count("\n") + 1)) / fig.get_figheight()  # inches -> fraction
    fig.tight_layout(rect=(0, footer, 1, 1))
    plt.close(fig)  # shown once, as the cell's result
    return fig


def _source_ids(frame: pd.DataFrame) -> list[str]:
    return list(frame.source_id) if "source_id" in frame else lookups.cited(frame)


def bar_chart(frame: pd.DataFrame, x: str, y: str, title: str, xlabel: str, ylabel: str,
              hue: str | None = None, horizontal=False):
    """Bars from a frame with a source_id column (or sources, as in the ledger); returns the
    figure."""
    with plt.rc_context(theme()):
        return _bar_chart(frame, x, y, title, xlabel, ylabel, hue, horizontal)


def _bar_chart(frame, x, y, title, xlabel, ylabel, hue, horizontal):
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(frame) + 1.8) if horizontal else (8, 4.2))
    if horizontal:  # xlabel names the value axis, which is then horizontal
        sns.barplot(frame, y=x, x=y, hue=hue or x, ax=ax, legend=False, palette="crest",
                    orient="h")
        ax.axvline(0, color=CHART_COLOURS["zero"], linewidth=0.8)
        finish(fig, ax, title, xlabel, ylabel, _source_ids(frame))
    else:
        sns.barplot(frame, x=x, y=y, hue=hue or x, ax=ax, legend=bool(hue), palette="crest")
        ax.axhline(0, color=CHART_COLOURS["zero"], linewidth=0.8)
        finish(fig, ax, title, xlabel, ylabel, _source_ids(frame))
    return fig


# How each mark of reference_line is drawn; its colour is the vocabulary's (chart_colours).
_LINES = {"threshold": {"linestyle": "--", "linewidth": 1},
          "recomputed": {"linestyle": ":", "linewidth": 1.2}}


def reference_line(fig, x: float, mark: str):
    """A vertical line at x across a horizontal bar chart, drawn as `mark` is: `threshold` (a
    round figure claims are tested against, dashed) or `recomputed` (a figure recomputed from
    the official ones, dotted)."""
    fig.axes[0].axvline(x, color=CHART_COLOURS[mark], **_LINES[mark])
    return fig


def _verdicts_in(table: pd.DataFrame) -> list[str]:
    """The verdicts the table has, in the legend's order (reproduced first)."""
    return [v for v in VERDICT_COLOURS if v in set(table.verdict)]


def _verdict_legend(ax):
    """The verdicts' colours beside the plot, where no bar can run under them (inside, a bar
    that ends at zero on the right went under the legend)."""
    ax.legend(title="verdict", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1),
              frameon=False)


def verdict_chart(table: pd.DataFrame, title: str):
    """Stacked bars of by_article(table), in the verdict colours; past VERDICT_BARS articles
    the same stacks as one band per verdict."""
    counts = lookups.by_article(table)
    if len(counts) > VERDICT_BARS:
        return _verdict_bands(counts, title, lookups.cited(table))
    with plt.rc_context(theme()):
        fig, ax = plt.subplots(figsize=(8, 3.6))
        counts.plot.barh(stacked=True, color=VERDICT_COLOURS, ax=ax)
        _verdict_legend(ax)
        return finish(fig, ax, title, "number of claims", "article", lookups.cited(table))


# Past this many articles a bar and a name each no longer fit the chart's 3.6 inches (pandas
# shows the table of counts above it cut short at the same size), and matplotlib spends 1.6 s
# on 2,500 bars and their tick labels at 500 articles.
VERDICT_BARS = 60


def _verdict_bands(counts: pd.DataFrame, title: str, cited: list[str]):
    """Each verdict's stack of every article as one step band, the articles top to bottom in
    the table's order: what the stacked bars show, as five shapes."""
    edges = np.arange(len(counts) + 1)
    left = np.zeros(len(counts))
    with plt.rc_context(theme()):
        fig, ax = plt.subplots(figsize=(8, 3.6))
        for verdict in counts.columns:
            right = left + counts[verdict].to_numpy()
            ax.fill_betweenx(edges, np.append(left, left[-1]), np.append(right, right[-1]),
                             step="post", color=VERDICT_COLOURS[verdict], label=verdict,
                             linewidth=0, antialiased=False)
            left = right
        ax.set_ylim(len(counts), 0)
        ax.set_yticks([])
        _verdict_legend(ax)
        return finish(fig, ax, f"{title}: {len(counts)} articles", "number of claims",
                      "article", cited)


def gap_chart(table: pd.DataFrame, title: str):
    """Claimed against recomputed, as a % difference, for every checked claim."""
    checked = table[~table.verdict.isin(["not_checkable"])
                    & (table.unit != "rank") & (table.qualifier == "")].copy()
    if checked.empty:
        return tables.message("No claim with exact wording was checked, so there is nothing "
                              "to chart.")
    checked["gap"] = (checked.claimed / checked.recomputed - 1) * 100
    if len(checked) > GAP_BARS:
        return _gap_distribution(checked, title)
    with plt.rc_context(theme()):
        fig, ax = plt.subplots(figsize=(8, 0.32 * len(checked) + 1.8))
        sns.barplot(checked, y="claim_id", x="gap", hue="verdict", palette=VERDICT_COLOURS,
                    hue_order=_verdicts_in(checked), dodge=False, ax=ax, orient="h")
        ax.axvline(0, color=CHART_COLOURS["zero"], linewidth=0.8)
        _verdict_legend(ax)
        return finish(fig, ax, title, "claimed minus recomputed, % of the recomputed value",
                      "claim (exact wording only)", lookups.cited(checked))


# A bar per claim stays readable up to about this many; at a few hundred the figure would be
# taller than matplotlib can draw (2**16 pixels), so a ledger of many articles shows how the
# gaps are spread instead (each claim's figures stay in the table below it).
GAP_BARS = 80


def _gap_distribution(checked: pd.DataFrame, title: str):
    verdicts = _verdicts_in(checked)
    with plt.rc_context(theme()):
        fig, ax = plt.subplots(figsize=(8, 4.2))
        sns.histplot(checked, x="gap", hue="verdict", hue_order=verdicts, multiple="stack",
                     palette=VERDICT_COLOURS, bins=40, ax=ax)
        ax.axvline(0, color=CHART_COLOURS["zero"], linewidth=0.8)
        return finish(fig, ax, f"{title}: {len(checked)} claims with exact wording",
                      "claimed minus recomputed, % of the recomputed value", "claims",
                      lookups.cited(checked))
