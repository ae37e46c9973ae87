"""Levels: a level or a balance, one of the year or month before, a first time over a threshold,
a level a day."""

from tradeclaims.claims.reading.readings import (
    series_of,
    spec_text,
)
from tradeclaims.claims.reading.words import (
    A_MONTH_EARLIER,
    A_YEAR_EARLIER,
    AVERAGED,
    CHANGE,
    FIRST,
    FIRST_TIME,
    MOM,
    PEAK,
    PER_DAY,
    PER_MONTH,
)
from tradeclaims.data import periods


class Levels:
    """The proposer's reading of levels (mixed into proposer.Proposer)."""

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
            self._respective(source, ctx, *self.article.sentence(source.start))
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
            near = (max(a.clause_start(lo, figure.start), figure.start - 12),
                    min(a.clause_end(figure.end, hi), figure.end + 12))
            if out["kind"] in ("level", "balance") and AVERAGED.search(a.text, *near):
                return self._per_month(figure, out, series, ctx, PER_MONTH.search(a.text, *near))
        return self._finish(out, series, ctx)

    def _per_month(self, figure, out, series, ctx, monthly) -> dict:
        """A level averaged over its period's months ("前2个月出口金额平均约3282.89亿美元"): the
        period's level over its months, a reading to confirm unless the words say a month;
        an average the words do not say is of months is left to the reviewer."""
        try:
            period = periods.parse(series["period"])
            if period.start[1] == 0:  # a year's twelve months; a span of years: unsaid
                months = 0 if period.is_span else 12
            else:
                months = len(period.parts()) if period.is_span else 1
        except (KeyError, ValueError):
            months = 0
        if months < 2:
            ctx.doubt("an average: of which periods?")
            return self._finish(out, series, ctx)
        if not monthly:
            ctx.doubt("an average: a month's, over the period's months?")
        return self._divided(figure, out, series, ctx, months, "month")

    def _per_day(self, figure, out, series, ctx) -> dict:
        """A level a day ("相当于每天有1200多亿的货物", "$3 billion a day"): the period's level
        over its days."""
        try:
            days = periods.parse(series["period"]).days()
        except (KeyError, ValueError):
            return self._finish(out, series | {"unit": figure.unit}, ctx) | {"kind": "",
                                                                             "series": ""}
        return self._divided(figure, out, series, ctx, days, "day")

    def _divided(self, figure, out, series, ctx, parts: int, part: str) -> dict:
        """The period's level over its `parts` days or months, as a derived recipe."""
        out = self._finish(out, series | {"unit": figure.unit}, ctx)
        out.update(kind="derived", series=f"[{out['series']}] / {parts}")
        out["note"] = "; ".join(filter(None, [out["note"], f"a level a {part}: the period's "
                                              f"over its {parts} {part}s"]))
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
