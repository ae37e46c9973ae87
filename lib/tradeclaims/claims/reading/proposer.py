"""Each figure's recipe (`kind`, `series`, `base`) from its reading: growth rates with the level
they qualify, shares and their whole, conversions, balances, changes on the month before, and
what is not checkable (forecasts, estimates, counts, prices, other economies' statistics)."""

import bisect
import re

from tradeclaims.claims.reading.article import Article
from tradeclaims.claims.reading.levels import Levels
from tradeclaims.claims.reading.names import (
    country,
)
from tradeclaims.claims.reading.periods import HALF_MONTH, year_so_far
from tradeclaims.claims.reading.rates import Rates
from tradeclaims.claims.reading.readings import (
    complete,
    settled_by,
    spec_text,
    to_confirm,
)
from tradeclaims.claims.reading.words import (
    CONVERSION,
    ECONOMY,
    ESTIMATED,
    EXPECTED,
    FIRST_TIME,
    FORECAST,
    FUTURE,
    HISTORY,
    LIKENED,
    LIST_GAP,
    MOM,
    MONEY,
    NOT_TRADE,
    PAST_RECORD,
    POLICY,
    PRICE,
    REPORTERS,
    RESPECTIVELY,
    SERVICES,
    THAN_EXPECTED,
    WORLD_TRADE,
)
from tradeclaims.data import periods

# The band of a fraction in words ("surged by a fifth"): a fifth lies 4 to 5 points from a
# quarter and a sixth, so a tenth of the figure either way is what the words can mean.
FRACTION_BAND = 10


# What a list's gap may hold besides its commas: an aside in parentheses (a conversion).
_ASIDES = re.compile(r"\s*[(（][^)）]*[)）]")


class Proposer(Levels, Rates):
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
        # those that end fewer than 40 characters before it, the nearest first
        near = sorted(self._by_end[bisect.bisect_right(self._ends, figure.start - 40):
                                   bisect.bisect_right(self._ends, figure.start)], reverse=True)
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
        for word in RESPECTIVELY.finditer(self.article.text, lo, hi):  # the figure's list
            after = word.start() < figure.start
            run = self._run(word, after, lo, hi)
            if figure in run:
                break
        else:
            return
        names_end = word.start() if after else run[0].start
        since = max((f.end for f in self._starting(lo, names_end)), default=lo)
        a = self.article
        for key, mentions, skip in (("partner", a.partners, (ctx.reporter, "WLD")),
                                    ("flow", a.flows, ())):
            names = self._names(mentions, since, names_end, skip) or self._names(
                mentions, lo, names_end, skip)  # "A, B and C reached x, y, z, up a%, b%, c%"
            if len(names) == len(run):
                setattr(ctx, key, names[run.index(figure)])
                ctx.hints.append(f"{key} {getattr(ctx, key)}: the {run.index(figure) + 1}. of "
                                 f"{len(run)} named, respectively")
                return
        ctx.doubt(f"'{word[0]}': {len(run)} figures, and no list of as many names before them")

    def _run(self, word, after: bool, lo: int, hi: int) -> list:
        """The run of figures of one unit (a bare number may close it: 5.5%和0) just before the
        word ("… 13.4 percent, respectively"), or just after it (分別成長5.5%和0)."""
        run = []
        for f in self._starting(word.end() if after else lo, hi if after else word.start()):
            if run and self._conversion_of(f):
                continue  # "7.550 tỷ NDT (1.081,6 tỷ USD), 3.930 tỷ NDT …": the list goes on
            gap = _ASIDES.sub("", self.article.text[run[-1].end:f.start]) if run else ""
            if run and f.unit in (run[-1].unit, "count") and LIST_GAP.fullmatch(gap):
                run.append(f)
            elif after and run:
                break
            else:
                run = [f]
        return run

    @staticmethod
    def _names(mentions, since: int, end: int, skip) -> list[str]:
        """The names within [since, end), none of `skip`, a name repeated at once counted once
        ("Hiệp hội Các quốc gia Đông Nam Á (ASEAN)")."""
        names = [m.value for m in map(mentions.__getitem__, mentions.within(since, end))
                 if m.value not in skip]
        return [n for i, n in enumerate(names) if i == 0 or n != names[i - 1]]

    def propose(self, figure) -> dict:
        """kind, series, base, reason and note for one figure ('' where unsure)."""
        a = self.article
        lo, hi = a.sentence(figure.start)
        ctx = a.context(figure.start, figure.end)
        self._respective(figure, ctx, lo, hi)
        out = {"kind": "", "series": "", "base": "", "reason": "", "note": ""}

        inside = a.periods.containing(figure.start, figure.end)
        if inside and figure.unit != "year":  # a record's year ("since July 2022") is one
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
        foreseen = forecast or EXPECTED.search(THAN_EXPECTED.sub(" ", clause)) or any(
            int(next(g for g in m.groups() if g)) > (a.date.year or 9999)
            for m in FUTURE.finditer(said))
        if (foreseen or self._unpublished(ctx.period)) and a.date.year and PAST_RECORD.search(
                a.text, max(lo, figure.start - 20), figure.start):
            # "on track to top its record US$1.2 trillion": the record, the last year over
            foreseen, past = False, str(a.date.year - 1)
            if ctx.period != past:
                ctx.hints.append(f"period {past}: the record a forecast is set against")
                ctx.doubt("period: the record a forecast is set against, the last year "
                          "over", *([{"period": ctx.period}] if ctx.period else []))
                ctx.period = past
        if foreseen:
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
        if self._unpublished(ctx.period) and ctx.period == str(a.date.year) and (
                figure.qualifier in ("over", "at_least") and FIRST_TIME.search(a.text, lo, hi)
                and (a.date.month or 1) > 1):
            # "surpassed $1 trillion for the first time in 2025", in December: crossed by the
            # year so far, the months published before the article's
            so_far = year_so_far(a.date)
            ctx.hints.append(f"period {so_far}: a threshold crossed in a year not over is "
                             "crossed by the year so far")
            ctx.period = so_far
        if self._unpublished(ctx.period):
            return not_checkable("forecast_or_opinion", f"An estimate: {ctx.period} had not "
                                 "ended, or its figures were not yet out, on the article's date "
                                 f"({a.date.year}-{a.date.month:02d}).")
        services = SERVICES.search(a.text, a.clause_start(lo, figure.start), clause_end)
        if services:
            return not_checkable("not_located", f"Trade in services ({services[0]!r}): the "
                                 "dataset holds trade in goods (drafted: check the sentence). "
                                 "Would be settled by the balance of payments (SAFE, the "
                                 "statistics office).")
        word = self._not_trade(lo, hi, figure)
        if word:
            return not_checkable("not_trade_statistic", f"Not a trade statistic ({word!r}; "
                                 "drafted: check the sentence).")
        if figure.unit == "rank" and ECONOMY.search(a.text, max(lo, figure.start - 24),
                                                    figure.end + 16):
            return not_checkable("not_trade_statistic", "A rank among economies by their size "
                                 "(世界第二大经济体, the world's second-largest economy), not a "
                                 "trade statistic.")
        if figure.unit == "rank" and HISTORY.search(a.text, max(lo, figure.start - 12),
                                                    min(hi, figure.end + 24)):
            return not_checkable("not_located", "A record over all history (the highest ever, "
                                 "创历史新高): the dataset holds recent years only (drafted: "
                                 "check the sentence). Would be settled by the publisher's long "
                                 "series of the figure, from its first year.")
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
            what = "a count" if figure.unit == "count" else (
                "a year or a length of time (a record since a year, years in a row)")
            return not_checkable("not_located", f"{what.capitalize()}: the dataset holds values "
                                 "and quantities, not counts (drafted: check the sentence). "
                                 "Would be settled by the publisher's table that counts them, "
                                 "or its years of data.")
        # searched in the text, not a slice: "trị giá" (a value) cut to "giá" (a price) is no price
        if figure.unit == "percent" and PRICE.search(a.text, max(lo, figure.start - 40),
                                                     figure.start):
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

    def _finish(self, out, series, ctx) -> dict:
        if ctx.uncoded and out.get("kind") not in ("", "not_checkable"):
            # no code, so no series of the dataset can hold it
            unit = series.get("unit") or ""
            out.update(kind="not_checkable", reason="not_located", base="", note=(
                f"Would be settled by {settled_by(series, unit, ctx.uncoded)}. The vocabulary "
                f"has no code for {ctx.uncoded!r}: add one (an HS code, OWNERSHIP:...) with a "
                "release that prints it."))
            return out
        if ctx.area and out.get("kind") not in ("", "not_checkable"):
            out.update(kind="not_checkable", reason="not_located", base="", note=(
                f"Would be settled by {settled_by(series | {'partner': ctx.area})}. The "
                f"vocabulary has no code for {ctx.area!r}, a group of partners: add one with a "
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
