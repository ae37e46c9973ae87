"""Rates: a growth rate with the level it qualifies, a share and its whole, a change in points,
a rate on the month before."""

import bisect
import re

from tradeclaims.claims.reading import words
from tradeclaims.claims.reading.names import (
    country,
    find_mentions,
    flow_mentions,
    partner_mentions,
    product_names,
)
from tradeclaims.claims.reading.periods import compared_period
from tradeclaims.claims.reading.readings import (
    series_of,
    spec_text,
)
from tradeclaims.claims.reading.words import (
    AVERAGE,
    MONEY,
    REFERS_BACK,
    SHARE,
    VOLUME,
)


class Rates:
    """The proposer's reading of percentages and points (mixed into proposer.Proposer)."""

    def _points(self, figure, ctx, out, lo, hi):
        """A change in a rate, in points ("增幅較11月擴大0.7個百分點", "0.4 percentage points
        lower than the previous month"): the printed rate less the one it is compared with, a
        `difference` whose base is the other period."""
        a = self.article
        said = a.text[lo:a.clause_end(figure.end, hi)]
        compared = compared_period(said, ctx.period)
        if not compared:
            out["note"] = ("kind: a difference in points; with which period? write it as a "
                           "difference (base period=...)")
            return out
        unit = self.currency or self._currency_before(figure.start)
        series = series_of(ctx, measure="growth_published") | {"basis": unit}
        ctx.doubt("basis: the currency of the rates", *({"basis": u} for u in MONEY
                                                       if u != unit))
        out.update(kind="difference", base=spec_text(period=compared))
        return self._finish(out, series, ctx)

    def _month_on_month(self, figure, ctx, out, lo, hi):
        """A rate on the month before: the publisher's printed m/m rate, as a level."""
        level = self._paired_level(figure, lo, hi)
        if level is not None:
            ctx = self.article.context(level.start, level.end)
        out["kind"] = "level"
        return self._finish(out, series_of(ctx, measure="growth_mom_published"), ctx)

    def _paired_level(self, figure, lo, hi):
        """The level a growth rate qualifies: the money or quantity figure next to it in the
        sentence with no other figure between them, and no clause break; one after the rate
        with nothing named between them ("rose 19.2% to 4.62 trillion yuan"), one before it
        with nothing named between them but its own partner, flow or product ("1.139 billion
        tonnes of iron ore, up 1.4 percent")."""
        a = self.article
        levels = [f for f in self._starting(lo, hi) if f.unit in (
            *MONEY, "tonnes", "units") and not self._conversion_of(f)]
        for candidate in sorted(levels, key=lambda f: abs(f.start - figure.start)):
            left, right = sorted([(figure.start, figure.end), (candidate.start, candidate.end)])
            if any(f.end <= right[0] for f in self._starting(left[1], right[0] + 1)
                   if f not in (figure, candidate) and f.unit != "rank") or re.search(
                    r"[;；。(（]|\bwhile\b", a.text[left[1]:right[0]]) or any(
                    a.periods[i][2] for i in a.periods.within(left[1], right[0])):
                continue  # a clause or a period of its own between them
            if candidate.end <= figure.start and (
                    re.search(r"[–—]", a.text[left[1]:right[0]])
                    or len(a.text[left[1]:right[0]].split()) > 6):
                continue  # "up from $62 billion the previous year – was driven by a 25.8%"
            ctx = a.context(candidate.start, candidate.end)
            after = candidate.start > figure.start
            own = {"partner": (ctx.partner, ctx.reporter), "flow": (ctx.flow,),
                   "product": (ctx.product,)}
            named = [(key, mentions[i]) for key, mentions in (
                ("partner", a.partners), ("flow", a.flows), ("product", a.products))
                for i in mentions.within(left[1], right[0])]
            if any((after or m.value not in own[key]) and m.value != a.reporter
                   for key, m in named):
                continue  # something else is named between them
            return candidate
        return None

    def _last_level(self, since: int, lo: int):
        """The last money figure ending by `lo` (no conversion), if it starts at `since` or
        later."""
        for i in reversed(range(bisect.bisect_right(self._starts, lo))):
            f = self.figures[i]
            if f.start < since:
                return None  # the last one, wherever it is, starts before `since`
            if f.end <= lo and f.unit in MONEY and not self._conversion_of(f):
                return f
        return None

    def _percent(self, figure, ctx, out, lo, hi):
        a = self.article
        before = a.text[max(lo, figure.start - 60):figure.start]
        after = a.text[figure.end:hi]
        if SHARE.search(before[-40:]) or re.match(r"\s*of\b|\s*的", after):
            return self._share(figure, ctx, out, after)
        near = a.text[max(lo, figure.start - 50):min(hi, figure.end + 30)]
        listed = re.search(r"\bby\s*$", before) and words.changes().search(a.text, lo,
                                                                         figure.start)
        if not (words.changes().search(near) or listed):  # "…, and to Africa by 50%"
            if words.TARIFF.search(a.text, a.clause_start(lo, figure.start),
                                   a.clause_end(figure.end, hi)):
                return out | {"kind": "not_checkable", "reason": "not_trade_statistic",
                              "note": "A tariff or tax rate, not a trade statistic."}
            out["note"] = "kind: a percentage that is neither a growth rate nor a share"
            return out
        level = self._paired_level(figure, lo, hi)
        if level is None and REFERS_BACK.match(a.text[lo:hi].lstrip()):
            previous = a.sentences.last(0, lo)
            if previous is not None:  # "This figure represents a growth of 3.8 percent"
                level = self._last_level(previous[0], lo)
        if level is not None:
            level_ctx = a.context(level.start, level.end)
            measure = "quantity" if level.unit in ("tonnes", "units") else ""
            series = series_of(level_ctx, unit=level.unit, measure=measure)
            ctx = level_ctx
        else:
            printed = self._pegged_currencies(ctx)
            if len(printed) == 1:  # the release the article reports prints it in one
                unit, why = printed[0], "the only one the news peg's release prints it in"
            else:
                unit = self.currency or self._currency_before(figure.start)
                why = "the article's currency" if self.currency else "the nearest level's"
            series = series_of(ctx, unit=unit)
            ctx.hints.append(f"unit {unit}: no level beside the rate; {why}")
            ctx.doubt("unit: no level beside the rate", *({"unit": u} for u in MONEY
                                                           if u != unit))
        if ctx.excluding:  # a rate of the world less a partner: no series holds it
            ctx.doubt(f"partner: the world less {country(ctx.excluding)}")
        clause = a.text[a.clause_start(lo, figure.start):figure.start]
        volume = VOLUME.search(clause)
        if volume:  # 貨物貿易量增幅2.4%: by volume (a quantity index) or by value?
            ctx.doubt(f"a rate of {volume[0]!r}: by volume, or the value's?")
        if AVERAGE.search(clause):
            out.update(kind="not_checkable", reason="not_located", note=(
                "An average yearly rate over several years: the dataset's rates are on the "
                "year before (drafted: check the sentence). Would be settled by the levels of "
                "the first and last years, as a derived recipe."))
            return out
        since = compared_period(clause, series.get("period", ""))
        if re.fullmatch(r"\d{4}", since) and re.fullmatch(r"\d{4}", series["period"]) and int(
                since) < int(series["period"]) - 1:
            out["base"] = spec_text(period=since)  # 2025年比2020年增长41.1%: on 2020
            ctx.hints.append(f"base: a growth on {since}, not on the period before")
        out["kind"] = "growth"
        return self._finish(out, series, ctx)

    def _share(self, figure, ctx, out, after):
        lo, hi = self.article.sentence(figure.start)
        before = self.article.text[lo:figure.start]
        level = self._paired_level(figure, lo, hi)
        if level is not None:
            ctx = self.article.context(level.start, level.end)
        unit = level.unit if level is not None else self.currency
        whole_text = re.match(r"\s*of\s+([^,;.，；。]*)|\s*的?([^,;.，；。]*)", after)
        whole_text = next((g for g in whole_text.groups() if g), "") if whole_text else ""
        written_before = (  # 占我国进出口总值的8.8%, 在整體進出口總值比重16.7%
            re.search(r"[占佔]([^,;，；。]*?)的?\s*$", before)
            or re.search(r"在([^,;，；。]*?)(?:中的|中|的)?比重\s*(?:为|為|达|達|是)?\s*$", before))
        if written_before:
            whole_text = written_before[1]
        whole_text = re.split(r"(?<!\bimport)(?<!\bexport)(?<!\bimports)(?<!\bexports)"
                              r"\s(?:and|while|whereas)\s|và|而", whole_text)[0]
        flows = flow_mentions(whole_text)
        partners = [m for m in partner_mentions(whole_text)
                    if m.value != ctx.reporter]
        products = find_mentions(product_names(), whole_text)
        if not ctx.flow and flows:
            ctx.flow = flows[0].value
            ctx.hints = [h for h in ctx.hints if not h.startswith("flow")]
        series = series_of(ctx, unit=unit)
        whole = {"flow": flows[0].value if flows else ctx.flow,
                 "partner": partners[0].value if partners else "WLD",
                 "product": products[0].value if products else "TOTAL"}
        base = {k: v for k, v in whole.items() if (series.get(k) or "TOTAL") != v}
        out["kind"] = "share"
        if not flows:
            ctx.hints.append("base: the whole the share is of is not a trade flow")
            series = {}
        elif not base:
            ctx.hints.append("base: the whole is the same series as the part")
        out["base"] = spec_text(**base)
        if not unit:
            ctx.hints.append("unit: no level beside the share, and no one currency for the "
                             "article's levels (add unit=CNY or unit=USD)")
        return self._finish(out, series, ctx)
