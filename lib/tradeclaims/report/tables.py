"""What notebooks show as tables and text: the article, the parameters, the verdict legend and
table, source footnotes, findings and data tables. Every object displays as HTML in a report and
as plain text where nbval compares it, so a diff shows readable numbers."""

import pandas as pd

from tradeclaims.claims import ledger
from tradeclaims.claims.engine import VERDICTS
from tradeclaims.claims.registry import read_articles
from tradeclaims.report import claimreview, lookups, provenance
from tradeclaims.report.config import load_config
from tradeclaims.report.labels import label
from tradeclaims.report.pages import legend_html, macro
from tradeclaims.report.style import VERDICT_MEANING, claim_shown, fmt, with_wording


class Html:
    """Displays as HTML in a report and as plain text where text is compared (nbval); `facts`
    go into the output's metadata, where the page template reads them."""

    def __init__(self, markup: str, text: str, facts: dict | None = None):
        self.markup, self.text, self.facts = markup, text, facts

    def _repr_html_(self):
        return self.markup

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"text/html": self.markup, "text/plain": self.text}
        return (data, {"tradeclaims": self.facts}) if self.facts else data

    def __repr__(self):
        return self.text


def _markup(name: str, *args) -> str:
    return str(macro(name, "tables.html.j2")(*args))


def article(article_id: str) -> Html:
    row = read_articles().loc[article_id]
    date = "" if row.date in ("", "unknown") else f", {row.date}"
    text = f"{row.outlet}: {row.title}{date}. Covers: {row.covers}."
    return Html(_markup("article", row.outlet, row.title, date, row.covers), text)


def parameters(**params) -> Html:
    items = ", ".join(f"{k} = {v!r}" for k, v in params.items())
    return Html(_markup("parameters", items), f"Parameters: {items}")


def opening(**run_parameters) -> Html:
    """The head of every report, one call: the article checked (when `article_id` names one),
    the other parameters of this run, and the verdict legend."""
    article_id = run_parameters.pop("article_id", None)
    parts = ([article(article_id)] if article_id else []) + (
        [parameters(**run_parameters)] if run_parameters else []) + [legend()]
    return Html("".join(part.markup for part in parts), "\n".join(part.text for part in parts))


def message(text: str) -> Html:
    """A sentence in place of a table or a chart that has nothing to show."""
    return Html(_markup("message", text), text)


def legend() -> Html:
    text = "\n".join(f"{v}: {VERDICT_MEANING[v]}" for v in VERDICTS)
    return Html(legend_html(), text)


def summary(table: pd.DataFrame) -> Html:
    counts = ledger.counts(table)
    return Html(_markup("summary", len(table), list(counts.items())),
                f"{len(table)} claims: " + ", ".join(f"{v} {n}" for v, n in counts.items()))


def grounding(table: pd.DataFrame) -> Html:
    """How many settled claims rest on an official publication, and on a publisher's own
    table (data/README.md, "Official tables first")."""
    g = ledger.grounding(table, lookups.dataset().sources)
    text = (f"Of {g['settled']} settled claims, {g['official']} rest on an official "
            f"publication and {g['own_table']} on a publisher's own table.")
    return Html(_markup("grounding", g), text, {"grounding": g})


def verdict_table(table: pd.DataFrame) -> Html:
    """Claim by claim: quote, claimed, recomputed, verdict, tolerance, note and numbered links
    to the source footnotes."""
    was = lookups.corrections()
    rows = [claim_shown(r, was.get(r.claim_id, ())) | {"tolerance": r.tolerance, "note": r.note,
                              "sources": r.sources.split()} for r in table.itertuples()]
    reviews = claimreview.published(table, load_config(), lookups.dataset().sources)
    return Html(_markup("verdict_table", rows, reviews), _claims_text(table, was))


# Past this many claims the ledger page lists none (each row costs its export about 2 ms: at 200
# articles the 2,472 rows made a 3.6 MB page and 4 s of nbconvert); the index lists them all.
LEDGER_ROWS = 500


def ledger_table(table: pd.DataFrame) -> Html:
    """The ledger's claim-by-claim table, or past LEDGER_ROWS claims a sentence saying where
    each is shown; its text lists every claim either way, so the executed notebook's diff
    still shows each verdict that moves."""
    if len(table) <= LEDGER_ROWS:
        return verdict_table(table)
    return Html(_markup("claims_elsewhere", f"{len(table):,}", LEDGER_ROWS),
                _claims_text(table, lookups.corrections()))


def _claims_text(table: pd.DataFrame, was: dict) -> str:
    """Every claim's line of text, with the verdicts it had before (`was`)."""
    return "\n".join(_claim_text(r, was.get(r.claim_id, ())) for r in table.itertuples())


def _claim_text(r, was=()) -> str:
    """One claim as text, for diffs: every fact the HTML row shows."""
    figure = with_wording(r.claimed, r.qualifier, r.unit, 6)
    lines = [f"{r.claim_id}: {r.verdict}; claimed {figure}, recomputed "
             f"{fmt(r.recomputed, 6, r.unit) or '-'} ({r.unit})"]
    lines += [f"    {name}: {value}" for name, value in (
        ("tolerance", r.tolerance), ("sources", r.sources), ("note", r.note),
        ("reason", r.reason), ("origin", r.origin)) if value]
    lines += [f"    was: {verdict} as published in {commit}" for verdict, commit in was]
    return "\n".join(lines)


def sources(source_ids) -> Html:
    """Footnotes for every source cited: publisher, title, date, address, table, excerpt; the
    latest release among them, which the page's heading repeats."""
    data = lookups.dataset()
    cited = list(dict.fromkeys(source_ids))
    facts = provenance.latest_release([data.source(sid) for sid in cited])
    items, lines = [], [_latest_text(facts)]
    for sid in cited:
        s = data.source(sid)
        date = "date not recorded" if s.date_published == "unknown" else s.date_published
        items.append({"id": sid, "publisher": s.publisher, "url": s.url, "title": s.title,
                      "date": date, "via": s.via, "table": s.table,
                      "evidence": s.evidence.capitalize(), "excerpt": s.excerpt})
        lines.append(f"[{sid}] {s.publisher}, {s.title}, {date}, {s.url}")
    return Html(_markup("sources", items, lines[0]), "\n".join(lines), facts)


def _latest_text(facts: dict) -> str:
    n, undated = facts["releases"], facts["undated"]
    latest = (f"the latest published {facts['latest_release']} ({facts['latest_source']})"
              if facts["latest_release"] else "none with a recorded date")
    return (f"{n} official release{'s' if n != 1 else ''}, {latest}"
            + (f"; {undated} do not record their date." if undated else "."))


def finding(text: str, figure: lookups.Recomputed) -> Html:
    """A sentence stating a recomputed figure, with what it rests on and its sources."""
    how = f"Rests on {figure.rests_on}." if figure.rests_on else ""
    return Html(_markup("finding", text, how, figure.sources),
                f"{text} ({how} Sources: {', '.join(figure.sources)})")


def share_table(frame: pd.DataFrame) -> Html:
    """The rows of shares(), each with its sources."""
    rows = [[r.denominator, fmt(r.share, 1), r.rests_on, r.sources.split()]
            for r in frame.itertuples()]
    text = "\n".join(f"{r.denominator}: {fmt(r.share, 1)}% ({r.rests_on}; {r.sources})"
                     for r in frame.itertuples())
    return Html(_markup("data_table", ["Share of", "%", "Rests on", "Sources"], rows, [1]), text)


def observations_table(frame: pd.DataFrame, scale: float, unit: str) -> Html:
    """Levels (in `unit`, divided by `scale`) with published growth and share, each row linked
    to its source footnote."""
    rows, lines = [], []
    for r in frame.itertuples():
        cells = [label(r.partner), label(r.product), r.flow, label(r.period), fmt(r.value / scale),
                 fmt(r.growth_published, 1), fmt(r.share_published, 1)]
        rows.append([*cells, [r.source_id]])
        lines.append(" | ".join(cells + [r.source_id]))
    head = ["Partner", "Product", "Flow", "Period", unit, "Growth y/y, % (published)",
            "Share of total, % (published)", "Source"]
    return Html(_markup("data_table", head, rows, [4, 5, 6]), "\n".join(lines))
