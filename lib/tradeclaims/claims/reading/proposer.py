"""Each figure's recipe (`kind`, `series`, `base`) from its reading: growth rates with the level
they qualify, shares and their whole, conversions, balances, changes on the month before, and
what is not checkable (forecasts, estimates, counts, prices, other economies' statistics)."""

import bisect
import re

from tradeclaims.claims.reading import words
from tradeclaims.claims.reading.article import Article
from tradeclaims.claims.reading.names import (
    country,
    find_mentions,
    flow_mentions,
    partner_mentions,
    product_names,
)
from tradeclaims.claims.reading.periods import HALF_MONTH, compared_period
from tradeclaims.claims.reading.readings import (
    complete,
    series_of,
    settled_by,
    spec_text,
    to_confirm,
)
from tradeclaims.claims.reading.words import (
    A_MONTH_EARLIER,
    A_YEAR_EARLIER,
    AVERAGE,
    CHANGE,
    CONVERSION,
    ESTIMATED,
    EXPECTED,
    FIRST,
    FIRST_TIME,
    FORECAST,
    FUTURE,
    LIKENED,
    LIST_GAP,
    MOM,
    MONEY,
    NOT_TRADE,
    PEAK,
    PER_DAY,
    POLICY,
    PRICE,
    REFERS_BACK,
    REPORTERS,
    RESPECTIVELY,
    SHARE,
    THAN_EXPECTED,
    WORLD_TRADE,
)
from tradeclaims.data import periods

# The band of a fraction in words ("surged by a fifth"): a fifth lies 4 to 5 points from a
# quarter and a sixth, so a tenth of the figure either way is what the words can mean.
FRACTION_BAND = 10


class Proposer:
    def __init__(self, text: str, figures: list, date: str = "", lang: str | None = None,
                 peg: dict | None = None):
        """`figures` in text order, as extract.find gives them; `peg`, the periods of the
        releases the article reports, by reporter (peg.releases)."""
        self.article = Article(text, date, lang, peg)
        self.article.figure_starts = sorted(f.start for f in figures)
        self.figures = figures
        # figures may overlap (a range's two ends), so their starts and ends are indexed apart
        self._starts = [f.start for f in figures]
        by_end = sorted(range(len(figures)), key=lambda i: figures[i].end)
        self._ends = [figures[i].end for i in by_end]
        self._by_end = by_end
        self._not_trade_words = {}
        self.currency = self._main_currency()

    def _not_trade(self, lo: int, hi: int, figure) -> str:
        """The word that makes the figure no trade statistic, or '': one in the figure's clause,
        or the last before it in its sentence where no flow word stands between ("GDP grew 5%"
        is not trade; "the surplus reached $1.2 trillion, the GDP of a top-20 economy" is). The
        sentence's words are read once for all its figures (the slowest search of a figure's)."""
        if (lo, hi) not in self._not_trade_words:
            self._not_trade_words[lo, hi] = list(NOT_TRADE.finditer(self.article.text, lo, hi))
        found = [m for m in self._not_trade_words[lo, hi] if not LIKENED.search(
            self.article.text, max(lo, m.start() - 24), m.start())]
        if not found:
            return ""
        a = self.article
        clause = a.clause_start(lo, figure.start), a.clause_end(figure.end, hi)
        inside = [m for m in found if clause[0] <= m.start() < clause[1]]
        if inside:
            return inside[0][0]
        before = [m for m in found if m.end() <= figure.start]
        flow = a.flows.last(lo, figure.start)
        if before and (flow is None or flow.start < before[-1].start()):
            return before[-1][0]
        return ""

    def _starting(self, lo: int, hi: int) -> list:
        """The figures with lo <= start < hi, in text order."""
        return self.figures[bisect.bisect_left(self._starts, lo):
                            bisect.bisect_left(self._starts, hi)]

    def _main_currency(self) -> str:
        """The currency of at least two thirds of the article's levels (conversions aside);
        '' when there is none such."""
        found = [f.unit for f in self.figures if f.unit in MONEY and not self._conversion_of(f)]
        main = max(MONEY, key=found.count)
        return main if found and found.count(main) >= 2 * len(found) / 3 else ""

    def _conversion_of(self, figure):
        """The figure in the other currency that this one restates (7.73 trillion yuan
        ($1.12 trillion); 45 trillion yuan, equivalent to around 6.48 trillion dollars)."""
        if figure.unit not in MONEY:
            return None
        # those that end fewer than 40 characters before it, in text order
        near = sorted(self._by_end[bisect.bisect_right(self._ends, figure.start - 40):
                                   bisect.bisect_right(self._ends, figure.start)])
        for other in (self.figures[i] for i in near):
            if other.unit in MONEY and other.unit != figure.unit:
                between = self.article.text[other.end:figure.start]
                if CONVERSION.search(re.sub(r"\$|US\$|USD|¥|RMB", "", between).strip(" ,")):
                    return other
        return None

    def _pegged_currencies(self, ctx) -> list[str]:
        currencies = getattr(self.article.peg, "currencies", None)
        return currencies(ctx.reporter, ctx.partner, ctx.flow, ctx.product,
                          ctx.period) if currencies else []

    def _currency_before(self, pos: int) -> str:
        """The currency of the last money figure before `pos`, else of the first after it,
        else USD (the unit of the publishers' headline rates)."""
        money = [f for f in self.figures if f.unit in MONEY]
        before = [f for f in money if f.start < pos]
        return (before[-1] if before else money[0]).unit if money else "USD"

    def _unpublished(self, period: str) -> bool:
        """Whether the period ends in the article's month or later: no publisher had its
        figures then (they come out in the months after)."""
        if self.article.date.month is None or not period:
            return False
        try:
            last = periods.parse(period).last_month()
        except ValueError:
            return False
        return last >= (self.article.date.year, self.article.date.month)

    def _respective(self, figure, ctx, lo: int, hi: int):
        """"Exports to the EU and ASEAN rose 8.4% and 13.4%, respectively", 出口、進口分別成長
        5.5%和0: the figures of a list before the word go, in order, with the names (partners,
        else flows) between the figure before the list and the list."""
        word = RESPECTIVELY.search(self.article.text, lo, hi)
        if word is None:
            return
        # the run of figures of one unit (a bare number may close it: 5.5%和0) just before the
        # word ("… 13.4 percent, respectively"), or just after it (分別成長5.5%和0)
        after = word.start() < figure.start
        run = []
        for f in self._starting(word.end() if after else lo, hi if after else word.start()):
            gap = self.article.text[run[-1].end:f.start] if run else ""
            if run and f.unit in (run[-1].unit, "count") and LIST_GAP.fullmatch(gap):
                run.append(f)
            elif after and run:
                break
            else:
                run = [f]
        if figure not in run:
            return
        names_end = word.start() if after else run[0].start
        since = max((f.end for f in self._starting(lo, names_end)), default=lo)
        a = self.article
        for key, mentions, skip in (("partner", a.partners, (ctx.reporter, "WLD")),
                                    ("flow", a.flows, ())):
            names = [m.value for m in map(mentions.__getitem__,
                                          mentions.within(since, names_end))
                     if m.value not in skip]
            names = [n for i, n in enumerate(names) if i == 0 or n != names[i - 1]]
            if len(names) == len(run):
                setattr(ctx, key, names[run.index(figure)])
                ctx.hints.append(f"{key} {getattr(ctx, key)}: the {run.index(figure) + 1}. of "
                                 f"{len(run)} named, respectively")
                return
        ctx.doubt(f"'{word[0]}': {len(run)} figures, and no list of as many names before them")

    def propose(self, figure) -> dict:
        """kind, series, base, reason and note for one figure ('' where unsure)."""
        a = self.article
        lo, hi = a.sentence(figure.start)
        before = a.text[lo:figure.start]
        ctx = a.context(figure.start, figure.end)
        self._respective(figure, ctx, lo, hi)
        out = {"kind": "", "series": "", "base": "", "reason": "", "note": ""}

        inside = a.periods.containing(figure.start, figure.end)
        if inside:
            phrase = a.text[inside[0]:inside[1]].strip()
            out["note"] = (f"not a figure: part of the period {phrase!r} (list it in "
                           "data/ignored.csv)")
            return out

        def not_checkable(reason, note):
            out.update(kind="not_checkable", reason=reason, note=note)
            return out

        clause_end = a.clause_end(figure.end, hi)
        said = a.text[lo:clause_end]  # up to the end of the figure's clause
        clause = a.text[a.clause_start(lo, figure.start):clause_end]
        forecast = [m for m in FORECAST.finditer(said) if not (
            ESTIMATED.fullmatch(m[0]) and ctx.period and not self._unpublished(ctx.period))]
        if forecast or EXPECTED.search(THAN_EXPECTED.sub(" ", clause)) or any(
                int(next(g for g in m.groups() if g)) > (a.date.year or 9999)
                for m in FUTURE.finditer(said)):
            return not_checkable("forecast_or_opinion", "A forecast or an opinion (drafted: "
                                 "check the sentence).")
        if ctx.region:
            return not_checkable("not_located", f"{ctx.region}'s own trade, not the country's "
                                 "(drafted: check the sentence). Would be settled by the "
                                 "publisher's table of trade by region.")
        world = WORLD_TRADE.search(clause)
        if world and world.start() < figure.start - a.clause_start(lo, figure.start):
            return not_checkable("not_located", f"The world's trade ({world[0]!r}), not a "
                                 "reporter's: the dataset holds none (drafted: check the "
                                 "sentence). Would be settled by the WTO's or the OECD's "
                                 "world trade statistics.")
        if ctx.period == HALF_MONTH:
            publisher = "Vietnam Customs'" if ctx.reporter == "VNM" else "the publisher's"
            return not_checkable("not_located", "Half a month's figure: the dataset holds "
                                 f"months (drafted: check the sentence). Would be settled by "
                                 f"{publisher} half-month release.")
        if self._unpublished(ctx.period):
            return not_checkable("forecast_or_opinion", f"An estimate: {ctx.period} had not "
                                 "ended, or its figures were not yet out, on the article's date "
                                 f"({a.date.year}-{a.date.month:02d}).")
        word = self._not_trade(lo, hi, figure)
        if word:
            return not_checkable("not_trade_statistic", f"Not a trade statistic ({word!r}; "
                                 "drafted: check the sentence).")
        if figure.unit == "rank":  # an ordinal: "ranks 21st", 排名第21位, đứng thứ 2
            return not_checkable("not_located", "A rank printed as an ordinal: among which "
                                 "traders? The dataset holds the reporters' own trade, not "
                                 "every economy's (drafted: check the sentence; for a rank "
                                 "among the article's partners write kind=rank with base "
                                 "partner=...). Would be settled by the WTO's ranking of "
                                 "merchandise traders.")
        if figure.unit in ("count", "year"):
            if POLICY.search(a.text, lo, hi):
                return not_checkable("not_trade_statistic", "A count or a length of time in a "
                                     "sentence on policy, not a trade statistic (drafted: check "
                                     "the sentence).")
            # partners, firms, years in a row: publishers count them, the dataset does not
            what = "a count" if figure.unit == "count" else "a length of time (years in a row)"
            return not_checkable("not_located", f"{what.capitalize()}: the dataset holds values "
                                 "and quantities, not counts (drafted: check the sentence). "
                                 "Would be settled by the publisher's table that counts them, "
                                 "or its years of data.")
        if figure.unit == "percent" and PRICE.search(before[-40:]):
            return not_checkable("not_located", "A price change: the dataset has no unit "
                                 "values. Would be settled by the publisher's table of major "
                                 "commodities (quantity and value).")
        if ctx.reporter not in REPORTERS and figure.unit in (*MONEY, "percent"):
            name = country(ctx.reporter)
            return not_checkable("not_located", f"{name}'s own statistics, which the dataset "
                                 f"has no release of. Would be settled by {name}'s statistics "
                                 "of trade by partner.")
        if figure.unit == "percent" and MOM.match(a.text[figure.end:hi].lstrip(" ,")):
            return self._month_on_month(figure, ctx, out, lo, hi)
        if figure.unit == "percent":
            if figure.qualifier in ("", "about", "nearly") and not any(
                    c.isdigit() for c in a.text[figure.start:figure.end]):
                # "a fifth", "half": the nearest fractions in words lie a few points apart
                out["band"] = f"{FRACTION_BAND:g}%"
                ctx.hints.append(f"band {FRACTION_BAND:g}%: a fraction in words")
            return self._percent(figure, ctx, out, lo, hi)
        if figure.unit == "pp":
            return self._points(figure, ctx, out, lo, hi)
        level = self._level(figure, ctx)
        out.update(level)
        return out

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

    def _level(self, figure, ctx) -> dict:
        out = {"kind": "", "series": "", "base": "", "note": ""}
        lo, hi = self.article.sentence(figure.start)
        before = self.article.text[lo:figure.start]
        if CHANGE.search(before[-30:]):
            if MOM.search(before):
                out["note"] = ("kind: a change on the month before: write it as a difference "
                               "(base period=the month before)")
                return out
            ctx.hints.append("a change in level on a year earlier, as printed")
            out["kind"] = "level"
            return self._finish(out, series_of(ctx, measure="change_published"), ctx)
        source = self._conversion_of(figure)
        if source is not None:
            ctx = self.article.context(source.start, source.end)
            series = series_of(ctx)
            whole = {"partner": "WLD", "product": "TOTAL", "flow": "total"}
            base = {k: v for k, v in whole.items() if (series.get(k) or "TOTAL") != v} or {
                "flow": ctx.flow}
            out["kind"], out["base"] = "conversion", spec_text(**base)
            ctx.hints.append("a conversion of the figure before it, at the rate of the "
                             "publisher's world totals in both currencies (base)")
        else:
            measure = "quantity" if figure.unit in ("tonnes", "units") else ""
            series = series_of(ctx, measure=measure)
            for earlier, shift, said in (
                    (A_YEAR_EARLIER, periods.Period.previous, "the year before's"),
                    (A_MONTH_EARLIER, periods.Period.month_before, "the month before's")):
                if earlier.match(self.article.text, figure.end) and ctx.period:
                    try:  # "from $169.2 billion in the same period last year"
                        series["period"] = ctx.period = str(shift(periods.parse(ctx.period)))
                        ctx.hints.append(f"period {ctx.period}: the figure is {said}")
                    except ValueError:
                        pass
            out["kind"] = "balance" if ctx.flow == "balance" else "level"
            if ctx.excluding:  # "exports to non-US markets": the world's less the partner's
                out["kind"], out["base"] = "difference", spec_text(partner=ctx.excluding)
            self._month_or_so_far(figure, ctx)
            lo, hi = self.article.sentence(figure.start)
            if figure.qualifier == "over" and FIRST_TIME.search(self.article.text, lo, hi):
                self._first_time(out, ctx)
                series["period"] = ctx.period
            if PEAK.search(self.article.text, lo, figure.start):
                ctx.doubt("a peak: the highest of which years?")
            a = self.article  # 每天 in the figure's clause, just before or after it
            if out["kind"] in ("level", "balance") and PER_DAY.search(
                    a.text, max(a.clause_start(lo, figure.start), figure.start - 12),
                    min(a.clause_end(figure.end, hi), figure.end + 12)):
                return self._per_day(figure, out, series, ctx)
        return self._finish(out, series, ctx)

    def _per_day(self, figure, out, series, ctx) -> dict:
        """A level a day ("相当于每天有1200多亿的货物", "$3 billion a day"): the period's level
        over its days."""
        out = self._finish(out, series | {"unit": figure.unit}, ctx)
        try:
            days = periods.parse(series["period"]).days()
        except (KeyError, ValueError):
            return out | {"kind": "", "series": ""}
        out.update(kind="derived", series=f"[{out['series']}] / {days}")
        out["note"] = "; ".join(filter(None, [out["note"], f"a level a day: the period's over "
                                              f"its {days} days"]))
        return out

    def _first_time(self, out, ctx):
        """A threshold crossed for the first time (首次突破45万亿元, "past $1 trillion for the
        first time"): over it now, and never before; the year before is the earlier period
        proposed."""
        try:
            period = periods.parse(ctx.period)
        except ValueError:
            return
        year, month = period.last_month()
        so_far = {"period": f"{year}-01/{year}-{month:02d}"}
        if so_far in ctx.others:  # "for the first time in November": the year to November
            ctx.others[ctx.others.index(so_far)] = {"period": ctx.period}
            ctx.hints.append(f"period {so_far['period']}: a threshold first crossed in a "
                             "month is crossed by the year so far")
            ctx.period = so_far["period"]
        out.update(kind="first_time", base=spec_text(period=str(year - 1)))
        ctx.hints.append(f"base: first time over the figure, against {year - 1} (add the "
                         "earlier years the dataset holds)")

    def _month_or_so_far(self, figure, ctx):
        """A threshold crossed in a month ("surpassed $1 trillion for the first time in
        November", "vượt mốc … tháng 11") may be the year so far: that reading beside it."""
        try:
            period = periods.parse(ctx.period)
        except ValueError:
            return
        year, month = period.last_month()
        lo, hi = self.article.sentence(figure.start)
        if period.is_span or month == 1 or ctx.period != f"{year}-{month:02d}" or not (
                figure.qualifier in ("over", "at_least") or FIRST.search(
                    self.article.text, lo, hi)):
            return
        ctx.doubt("a threshold in a month: the month, or the year so far",
                  {"period": f"{year}-01/{year}-{month:02d}"})

    def _finish(self, out, series, ctx) -> dict:
        if ctx.uncoded and out.get("kind") not in ("", "not_checkable"):
            # no code, so no series of the dataset can hold it
            unit = series.get("unit") or ""
            out.update(kind="not_checkable", reason="not_located", base="", note=(
                f"Would be settled by {settled_by(series, unit, ctx.uncoded)}. The vocabulary "
                f"has no code for {ctx.uncoded!r}: add one (an HS code, OWNERSHIP:...) with a "
                "release that prints it."))
            return out
        if complete(series):
            out["series"] = spec_text(**series)
        else:
            out["series"] = ""
        hints = list(dict.fromkeys(ctx.hints))
        if ctx.doubts and out["series"]:
            hints.append(to_confirm(ctx.doubts, [o for o in ctx.others if any(
                series.get(k) != v for k, v in o.items())], ctx.unlisted))
        if hints:
            out["note"] = "; ".join(hints)
        return out

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
                   if f not in (figure, candidate)) or re.search(
                    r"[;；。(（]|\bwhile\b", a.text[left[1]:right[0]]) or any(
                    a.periods[i][2] for i in a.periods.within(left[1], right[0])):
                continue  # a clause or a period of its own between them
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
        whole_text = re.split(r"\s(?:and|while|whereas)\s|và|而", whole_text)[0]
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
