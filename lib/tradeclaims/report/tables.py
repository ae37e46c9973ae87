"""What notebooks show as tables and text: the article, the parameters, the verdict legend and
table, source footnotes, findings and data tables. Every object displays as HTML in a report and
as plain text where nbval compares it, so a diff shows readable numbers."""

import pandas as pd

from tradeclaims.claims import ledger
from tradeclaims.claims.engine import VERDICTS
from tradeclaims.claims.registry import read_articles
from tradeclaims.report import lookups
from tradeclaims.report.labels import label
from tradeclaims.report.pages import badge, legend_html, tally
from tradeclaims.report.style import VERDICT_MEANING, escape, fmt, with_wording


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
    return " ".join(f"<a href='#src-{escape(s)}'>[{escape(s)}]</a>" for s in source_ids)


def article(article_id: str) -> Html:
    row = read_articles().loc[article_id]
    date = "" if row.date in ("", "unknown") else f", {row.date}"
    text = f"{row.outlet}: {row.title}{date}. Covers: {row.covers}."
    return Html(f"<p><b>{escape(row.outlet)}</b>: <i>{escape(row.title)}</i>{escape(date)}.<br>"
                f"Covers: {escape(row.covers)}.</p>", text)


def parameters(**params) -> Html:
    items = ", ".join(f"{k} = {v!r}" for k, v in params.items())
    return Html(f"<p class='tc-params'>Run with parameters: <code>{escape(items)}</code></p>",
                f"Parameters: {items}")


def opening(**run_parameters) -> Html:
    """The head of every report, one call: the article checked (when `article_id` names one),
    the other parameters of this run, and the verdict legend."""
    article_id = run_parameters.pop("article_id", None)
    parts = ([article(article_id)] if article_id else []) + [parameters(**run_parameters),
                                                              legend()]
    return Html("".join(part.markup for part in parts), "\n".join(part.text for part in parts))


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
            f"<tr id='claim-{escape(r.claim_id)}'><td><b>{escape(r.claim_id)}</b></td>"
            f"<td>“{escape(r.quote)}”</td>"
            f"<td class='n'>{with_wording(r.claimed, r.qualifier, r.unit)}</td>"
            f"<td class='n'>{fmt(r.recomputed, 3, r.unit)}</td><td>{escape(r.unit)}</td>"
            f"<td>{badge(r.verdict)}</td><td>{escape(r.tolerance)}</td>"
            f"<td>{escape(r.note)}</td><td>{refs}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in ("Claim", "Quote", "Claimed", "Recomputed", "Unit",
                                               "Verdict", "Tolerance", "Note", "Sources"))
    markup = (f"<table class='tc-verdicts'><thead><tr>{head}</tr></thead>"
              f"<tbody>{''.join(rows)}</tbody></table>")
    return Html(markup, "\n".join(_claim_text(r) for r in table.itertuples()))


def _claim_text(r) -> str:
    """One claim as text, for diffs: every fact the HTML row shows."""
    figure = with_wording(r.claimed, r.qualifier, r.unit, 6)
    lines = [f"{r.claim_id}: {r.verdict}; claimed {figure}, recomputed "
             f"{fmt(r.recomputed, 6, r.unit) or '-'} ({r.unit})"]
    lines += [f"    {name}: {value}" for name, value in (
        ("tolerance", r.tolerance), ("sources", r.sources), ("note", r.note)) if value]
    return "\n".join(lines)


def sources(source_ids) -> Html:
    """Footnotes for every source cited: publisher, title, date, address, table, excerpt."""
    data = lookups.dataset()
    items, lines = [], []
    for sid in dict.fromkeys(source_ids):
        s = data.source(sid)
        date = "date not recorded" if s.date_published == "unknown" else s.date_published
        items.append(
            f"<li id='src-{escape(sid)}'><b>[{escape(sid)}]</b> {escape(s.publisher)}, "
            f"<a href='{escape(s.url)}'>{escape(s.title)}</a>, {escape(date)}; "
            f"read via {escape(s.via)}. "
            f"Table: {escape(s.table)}. <i>{escape(s.evidence.capitalize())}.</i> "
            f"Excerpt: {escape(s.excerpt)}</li>")
        lines.append(f"[{sid}] {s.publisher}, {s.title}, {date}, {s.url}")
    return Html(f"<ol class='tc-sources' style='list-style:none;padding-left:0'>"
                f"{''.join(items)}</ol>", "\n".join(lines))


def finding(text: str, figure: lookups.Recomputed) -> Html:
    """A sentence stating a recomputed figure, with what it rests on and its sources."""
    how = f"Rests on {figure.rests_on}." if figure.rests_on else ""
    return Html(f"<p>{escape(text)} <small>{escape(how)} {_links(figure.sources)}</small></p>",
                f"{text} ({how} Sources: {', '.join(figure.sources)})")


def share_table(frame: pd.DataFrame) -> Html:
    """The rows of shares(), each with its sources."""
    rows = "".join(f"<tr><td>{escape(r.denominator)}</td><td class=n>{fmt(r.share, 1)}</td>"
                   f"<td>{escape(r.rests_on)}</td><td>{_links(r.sources.split())}</td></tr>"
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
        rows.append("<tr>" + "".join(f"<td{' class=n' if i > 3 else ''}>{escape(c)}</td>"
                                     for i, c in enumerate(cells))
                    + f"<td>{_links([r.source_id])}</td></tr>")
        lines.append(" | ".join(cells + [r.source_id]))
    head = "".join(f"<th>{h}</th>" for h in ("Partner", "Product", "Flow", "Period", unit,
                                               "Growth y/y, % (published)",
                                               "Share of total, % (published)", "Source"))
    return Html(f"<table class='tc-data'><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>", "\n".join(lines))
