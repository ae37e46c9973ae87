"""Ranks stated in words ("China's largest trading partner", 我国第一大出口目的地国): the
trader, the partner, and the rivals among the partners the article gives the same series for."""

import re
from typing import TYPE_CHECKING

from tradeclaims.claims import extract
from tradeclaims.claims.columns import COLUMNS
from tradeclaims.claims.reading.article import Article
from tradeclaims.claims.reading.names import Mention, country
from tradeclaims.claims.reading.readings import series_of, spec_value
from tradeclaims.claims.reading.words import RANK, RANK_WORDS, REPORTERS, SURPASSED

if TYPE_CHECKING:
    from tradeclaims.claims.reading.proposer import Proposer


# Aggregates no publisher ranks as a trading partner (the world, continents, the Belt and
# Road countries): a bloc such as ASEAN or the EU is one, Africa is not.
UNRANKED = ("WLD", "AFRICA", "LATAM", "BRI")


def _but_partner(series: dict) -> tuple:
    """What a series is with its partner (and unit) aside."""
    return (*(series.get(k) for k in ("reporter", "flow", "period")),
            series.get("product", "TOTAL"))


def _partners_by_series(drafts: list[dict]) -> dict[tuple, set]:
    """The partners the drafts give each series for (_but_partner), gathered once for all the
    ranks rather than once for each."""
    partners = {}
    for d in drafts:
        if d["series"]:
            keys = {k: spec_value(d["series"], k) for k in (
                "reporter", "flow", "period", "partner")}
            keys["product"] = spec_value(d["series"], "product") or "TOTAL"
            partners.setdefault(_but_partner(keys), set()).add(keys["partner"])
    return partners


# What may stand between a trader and its rank ("China's largest", 我国第一大), and every
# character it can hold.
_TRADER_GAP = re.compile(r"\s*(?:['’]s)?\s*(?:its\s+)?(?:的)?")
_GAP_CHARACTER = re.compile(r"[\s'’sit的]")


def _trader(a: Article, pos: int) -> Mention | None:
    """The last partner named before `pos` with nothing but a _TRADER_GAP between."""
    reach = pos  # a name ending before the characters a gap can hold is too far
    while reach > 0 and _GAP_CHARACTER.match(a.text, reach - 1):
        reach -= 1
    for i in reversed(a.partners.within(0, pos)):
        mention = a.partners[i]
        if mention.end < reach:
            return None
        if _TRADER_GAP.fullmatch(a.text, mention.end, pos):
            return mention
    return None


def ranks(proposer: "Proposer", drafts: list[dict]) -> list[tuple[int, dict]]:
    """Draft rows for the ranks the article states in words ("China's largest trading
    partner", 我国第一大出口目的地国): the partner named before, among the partners whose same
    series the article gives."""
    a = proposer.article
    rows, partners = [], _partners_by_series(drafts)
    for match in RANK.finditer(a.text):
        word = match[0].lower()
        rank = next((n for w, n in RANK_WORDS.items() if w in word), None)
        what = match.lastgroup.split("_")[1]
        ctx = a.context(match.start(), match.end())
        trader = _trader(a, match.start())
        if trader:  # "China's largest", 我国第一大: the trader, then the partner before it
            ctx.reporter = trader.value
            lo, _ = a.sentence(match.start())
            before = a.partners.last(lo, trader.start,
                                     lambda m, reporter=trader.value: m.value != reporter)
            surpassed = before and SURPASSED.search(a.text, max(lo, before.start - 12),
                                                    before.start)
            if surpassed:  # 东盟超越美国成为中国第一大贸易伙伴: ASEAN, not the one it passed
                ahead = a.partners.last(lo, surpassed.start(),
                                        lambda m, reporter=trader.value: m.value != reporter)
                before = ahead or before
            ctx.partner = before.value if before else "WLD"
        row = dict.fromkeys(COLUMNS, "")
        row.update(quote=extract._quote(a.text, match.start(), match.end()),
                   claimed=str(rank or ""), unit="rank", kind="rank")
        if what == "either":
            row["note"] = (f"flow: {match[0]!r}: the partner's imports from the reporter, or "
                           "the reporter's imports from it?")
            rows.append((match.start(), row))
            continue
        ctx.flow = what
        ctx.hints = [h for h in ctx.hints if not h.startswith("flow")]
        if ctx.reporter not in REPORTERS:
            row.update(kind="not_checkable", reason="not_located", note=(
                f"A rank in {country(ctx.reporter)}'s trade, which the dataset has no "
                "release of."))
            rows.append((match.start(), row))
            continue
        printed = a.peg.currencies(ctx.reporter, ctx.partner, ctx.flow, ctx.product,
                                   ctx.period) if hasattr(a.peg, "currencies") else []
        series = series_of(ctx, unit=printed[0] if len(printed) == 1 else proposer.currency)
        rivals = sorted(partners.get(_but_partner(series), set()) - {ctx.partner, "WLD", ""})
        held = getattr(a.peg, "partners", None)
        if ctx.partner == "WLD":
            rivals = []
        elif rivals:
            ctx.hints.append("ranked among the partners the article gives the same series for")
        elif held:  # GAC's ranks of partners, among the ones the dataset holds
            rivals = sorted(set(held(series)) - {ctx.partner, *UNRANKED})
            if rivals:
                ctx.doubt(f"ranked among the partners the dataset holds ({', '.join(rivals)}),"
                          " not every partner")
        if rivals:
            row["base"] = "partner=" + ",".join(rivals)
        else:
            ctx.hints.append("base: name the rivals (partner=A,B)")
        row.update(proposer._finish({}, series, ctx))
        if not row["base"]:
            row["series"] = ""
        rows.append((match.start(), row))
    return rows
