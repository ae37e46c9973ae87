"""What notebooks show: verdict tables with colour and sources, source footnotes, charts with
titles, units and a source line. Every object displays as HTML and as plain text, so nbval
compares readable numbers."""

import textwrap
from dataclasses import dataclass
from functools import cache

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from tradeclaims.claims import ledger
from tradeclaims.claims.engine import VERDICTS, Engine
from tradeclaims.claims.registry import Claim, parse_spec, read_articles
from tradeclaims.data import codes, periods
from tradeclaims.data.query import Dataset
from tradeclaims.report.style import (
    VERDICT_COLOURS,
    VERDICT_MEANING,
    badge,
    claimed,
    e,
    fmt,
    legend_html,
    tally,
)

plt.rcParams.update({"figure.dpi": 110, "font.size": 9.5})
sns.set_theme(style="whitegrid", rc={"figure.dpi": 110})

PRODUCT_LABELS = {
    "TOTAL": "All goods",
    "VNCG:phones_parts": "Phones and parts",
    "VNCG:computers_electronics_parts": "Computers, electronics and parts",
    "CCCME:electronic_information": "Electronic information products",
    "CCCME:mechanical_electrical": "Mechanical and electrical products",
    "GAC:equipment_manufacturing": "Equipment manufacturing",
    "OWNERSHIP:fdi": "Foreign-invested sector",
    "OWNERSHIP:domestic": "Domestic sector",
}


class Html:
    """Displays as HTML in a report and as plain text where text is compared (nbval)."""

    def __init__(self, markup: str, text: str):
        self.markup, self.text = markup, text

    def _repr_html_(self):
        return self.markup

    def __repr__(self):
        return self.text


def _links(source_ids) -> str:
    """Links to the source footnotes that sources() writes."""
    return " ".join(f"<a href='#src-{e(s)}'>[{e(s)}]</a>" for s in source_ids)


@cache
def dataset() -> Dataset:
    return Dataset.load()


@cache
def _ledger() -> pd.DataFrame:
    return ledger.evaluate(data=dataset())


def verdicts(article_id: str | None = None) -> pd.DataFrame:
    """The evaluated claims, of one article or all."""
    table = _ledger()
    if article_id is None:
        return table.copy()
    if article_id not in set(read_articles().index):
        known = ", ".join(read_articles().index)
        raise KeyError(f"unknown article_id {article_id!r}; known: {known}")
    return table[table.article_id == article_id].reset_index(drop=True)


def article(article_id: str) -> Html:
    row = read_articles().loc[article_id]
    date = "" if row.date in ("", "unknown") else f", {row.date}"
    text = f"{row.outlet}: {row.title}{date}. Covers: {row.covers}."
    return Html(f"<p><b>{e(row.outlet)}</b>: <i>{e(row.title)}</i>{e(date)}.<br>"
                f"Covers: {e(row.covers)}.</p>", text)


def parameters(**params) -> Html:
    items = ", ".join(f"{k} = {v!r}" for k, v in params.items())
    return Html(f"<p class='tc-params'>Run with parameters: <code>{e(items)}</code></p>",
                f"Parameters: {items}")


def label(value) -> str:
    """A readable name for a code: partner, product or period."""
    value = str(value)
    if value in PRODUCT_LABELS:
        return PRODUCT_LABELS[value]
    if codes.is_known(value):
        return codes.name(value)
    if periods.is_valid(value):
        return periods.parse(value).label()
    return value


def legend() -> Html:
    text = "\n".join(f"{v}: {VERDICT_MEANING[v]}" for v in VERDICTS)
    return Html(legend_html(), text)


def summary(table: pd.DataFrame) -> Html:
    counts = ledger.counts(table)
    return Html(f"<p>{len(table)} claims: {tally(counts)}</p>",
                f"{len(table)} claims: " + ", ".join(f"{v} {n}" for v, n in counts.items()))


def verdict_table(table: pd.DataFrame) -> Html:
    """Claim by claim: quote, claimed, recomputed, verdict, tolerance, note and numbered links
    to the source footnotes."""
    rows = []
    for r in table.itertuples():
        refs = _links(r.sources.split())
        rows.append(
            f"<tr id='claim-{e(r.claim_id)}'><td><b>{e(r.claim_id)}</b></td>"
            f"<td>“{e(r.quote)}”</td><td class='n'>{claimed(r.claimed, r.qualifier, r.unit)}</td>"
            f"<td class='n'>{fmt(r.recomputed, 3, r.unit)}</td><td>{e(r.unit)}</td>"
            f"<td>{badge(r.verdict)}</td><td>{e(r.tolerance)}</td>"
            f"<td>{e(r.note)}</td><td>{refs}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in ("Claim", "Quote", "Claimed", "Recomputed", "Unit",
                                               "Verdict", "Tolerance", "Note", "Sources"))
    markup = (f"<table class='tc-verdicts'><thead><tr>{head}</tr></thead>"
              f"<tbody>{''.join(rows)}</tbody></table>")
    return Html(markup, "\n".join(_claim_text(r) for r in table.itertuples()))


def _claim_text(r) -> str:
    """One claim as text, for diffs: every fact the HTML row shows."""
    figure = claimed(r.claimed, r.qualifier, r.unit, 6)
    lines = [f"{r.claim_id}: {r.verdict}; claimed {figure}, recomputed "
             f"{fmt(r.recomputed, 6, r.unit) or '-'} ({r.unit})"]
    lines += [f"    {name}: {value}" for name, value in (
        ("tolerance", r.tolerance), ("sources", r.sources), ("note", r.note)) if value]
    return "\n".join(lines)


def sources(source_ids) -> Html:
    """Footnotes for every source cited: publisher, title, date, address, table, excerpt."""
    data = dataset()
    items, lines = [], []
    for sid in dict.fromkeys(source_ids):
        s = data.source(sid)
        date = "date not recorded" if s.date_published == "unknown" else s.date_published
        items.append(
            f"<li id='src-{e(sid)}'><b>[{e(sid)}]</b> {e(s.publisher)}, "
            f"<a href='{e(s.url)}'>{e(s.title)}</a>, {e(date)}; read via {e(s.via)}. "
            f"Table: {e(s.table)}. <i>{e(s.evidence.capitalize())}.</i> "
            f"Excerpt: {e(s.excerpt)}</li>")
        lines.append(f"[{sid}] {s.publisher}, {s.title}, {date}, {s.url}")
    return Html(f"<ol class='tc-sources' style='list-style:none;padding-left:0'>"
                f"{''.join(items)}</ol>", "\n".join(lines))


def cited(table: pd.DataFrame) -> list[str]:
    """Every source id a verdict table cites, in order of first appearance."""
    return list(dict.fromkeys(s for ids in table.sources for s in ids.split()))


def wide(**spec) -> pd.DataFrame:
    """Levels matching spec, each with the growth and share its own release printed for it,
    one row per release, partner, product and period; raises SeriesNotFound when nothing
    matches. `unit` selects the levels' unit and the rates computed on it."""
    unit = spec.pop("unit", None)
    rows = dataset().require(**spec, measure=["value", "quantity", "growth_published",
                                              "share_published"])
    keys = ["source_id", "reporter", "partner", "flow", "product", "period", "unit"]
    levels = rows[rows.measure.isin(["value", "quantity"])]
    rates = rows[rows.measure.isin(["growth_published", "share_published"])]
    rates = rates.drop(columns="unit").rename(columns={"basis": "unit"})
    if unit is not None:
        levels, rates = levels[levels.unit == unit], rates[rates.unit == unit]
        if levels.empty:
            dataset().require(**spec, unit=unit)  # raises, saying what exists
    rates = rates.pivot_table(index=keys, columns="measure", values="value", aggfunc="first")
    out = levels.merge(rates, left_on=keys, right_index=True, how="left")
    for column in ("growth_published", "share_published"):
        if column not in out:
            out[column] = float("nan")
    return out.sort_values(keys[1:] + ["source_id"]).reset_index(drop=True)


def source_line(source_ids, width: int = 130) -> str:
    """'Source: publisher (ids); publisher (ids)', wrapped to `width` characters."""
    data = dataset()
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
    fig.text(0.01, 0.01, line, fontsize=7.5, color="#555", va="bottom", ha="left")
    footer = (0.12 + 0.13 * (line.count("\n") + 1)) / fig.get_figheight()  # inches -> fraction
    fig.tight_layout(rect=(0, footer, 1, 1))
    plt.close(fig)  # shown once, as the cell's result
    return fig


def _source_ids(frame: pd.DataFrame) -> list[str]:
    return list(frame.source_id) if "source_id" in frame else cited(frame)


def bar_chart(frame: pd.DataFrame, x: str, y: str, title: str, xlabel: str, ylabel: str,
              hue: str | None = None, horizontal=False):
    """Bars from a frame with a source_id column (or sources, as in the ledger); returns the
    figure."""
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(frame) + 1.8) if horizontal else (8, 4.2))
    if horizontal:  # xlabel names the value axis, which is then horizontal
        sns.barplot(frame, y=x, x=y, hue=hue or x, ax=ax, legend=False, palette="crest",
                    orient="h")
        ax.axvline(0, color="#333", linewidth=0.8)
        finish(fig, ax, title, xlabel, ylabel, _source_ids(frame))
    else:
        sns.barplot(frame, x=x, y=y, hue=hue or x, ax=ax, legend=bool(hue), palette="crest")
        ax.axhline(0, color="#333", linewidth=0.8)
        finish(fig, ax, title, xlabel, ylabel, _source_ids(frame))
    return fig


def by_article(table: pd.DataFrame) -> pd.DataFrame:
    """Claims per article (rows) and verdict (columns, in the vocabulary's order)."""
    return (table.groupby(["article_id", "verdict"]).size().unstack(fill_value=0)
            .reindex(columns=VERDICTS, fill_value=0))


def verdict_chart(table: pd.DataFrame, title: str):
    """Stacked bars of by_article(table), in the verdict colours."""
    fig, ax = plt.subplots(figsize=(8, 3.6))
    by_article(table).plot.barh(stacked=True, color=VERDICT_COLOURS, ax=ax)
    ax.legend(title="verdict", fontsize=8, loc="lower right")
    return finish(fig, ax, title, "number of claims", "article", cited(table))


def gap_chart(table: pd.DataFrame, title: str):
    """Claimed against recomputed, as a % difference, for every checked claim."""
    checked = table[table.verdict.isin(["reproduced", "approximate", "contradicted"])
                    & (table.unit != "rank") & (table.qualifier == "")].copy()
    checked["gap"] = (checked.claimed / checked.recomputed - 1) * 100
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(checked) + 1.8))
    sns.barplot(checked, y="claim_id", x="gap", hue="verdict", palette=VERDICT_COLOURS,
                dodge=False, ax=ax, orient="h")
    ax.axvline(0, color="#333", linewidth=0.8)
    ax.legend(title="verdict", loc="lower right", fontsize=8)
    return finish(fig, ax, title, "claimed minus recomputed, % of the recomputed value",
                  "claim (exact wording only)", cited(checked))


@dataclass
class Recomputed:
    """A figure the engine recomputed outside the registry, with what it rests on."""

    value: float
    sources: list[str]
    rests_on: str


def recompute(kind: str, series: str, base: str = "", unit: str = "percent") -> Recomputed:
    """What the engine recomputes for a recipe, outside the registry: e.g.
    recompute("share", "reporter=CHN partner=WLD flow=export product=X period=2025 unit=USD",
    "product=TOTAL")."""
    claim = Claim("adhoc", "", "", "", unit, "", "", kind, parse_spec(series), parse_spec(base))
    ev = getattr(Engine(dataset()), kind)(claim)
    return Recomputed(ev.value.point, ev.sources, ev.rests_on)


def finding(text: str, figure: Recomputed) -> Html:
    """A sentence stating a recomputed figure, with what it rests on and its sources."""
    how = f"Rests on {figure.rests_on}." if figure.rests_on else ""
    return Html(f"<p>{e(text)} <small>{e(how)} {_links(figure.sources)}</small></p>",
                f"{text} ({how} Sources: {', '.join(figure.sources)})")


def shares(series: str, bases: dict[str, str]) -> pd.DataFrame:
    """`series` as a % of each base (a label, and changes to `series` as in the registry), one
    row each, with the sources behind it."""
    rows = []
    for label_, base in bases.items():
        figure = recompute("share", series, base)
        rows.append({"denominator": label_, "share": figure.value,
                     "sources": " ".join(figure.sources), "rests_on": figure.rests_on})
    return pd.DataFrame(rows)


def share_table(frame: pd.DataFrame) -> Html:
    """The rows of shares(), each with its sources."""
    rows = "".join(f"<tr><td>{e(r.denominator)}</td><td class=n>{fmt(r.share, 1)}</td>"
                   f"<td>{e(r.rests_on)}</td><td>{_links(r.sources.split())}</td></tr>"
                   for r in frame.itertuples())
    head = "".join(f"<th>{h}</th>" for h in ("Share of", "%", "Rests on", "Sources"))
    text = "\n".join(f"{r.denominator}: {fmt(r.share, 1)}% ({r.rests_on}; {r.sources})"
                     for r in frame.itertuples())
    return Html(f"<table class='tc-data'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"
                "</table>", text)


def observations_table(frame: pd.DataFrame, scale: float, unit: str) -> Html:
    """Levels (in `unit`, divided by `scale`) with published growth and share, each row linked
    to its source footnote."""
    rows, lines = [], []
    for r in frame.itertuples():
        cells = [label(r.partner), label(r.product), r.flow, label(r.period), fmt(r.value / scale),
                 fmt(r.growth_published, 1), fmt(r.share_published, 1)]
        rows.append("<tr>" + "".join(f"<td{' class=n' if i > 3 else ''}>{e(c)}</td>"
                                     for i, c in enumerate(cells))
                    + f"<td>{_links([r.source_id])}</td></tr>")
        lines.append(" | ".join(cells + [r.source_id]))
    head = "".join(f"<th>{h}</th>" for h in ("Partner", "Product", "Flow", "Period", unit,
                                               "Growth y/y, % (published)",
                                               "Share of total, % (published)", "Source"))
    return Html(f"<table class='tc-data'><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>", "\n".join(lines))
