"""The verdict engine: evaluates each claim's recipe on the tidy dataset and judges the result
against the claimed figure with a stated tolerance."""

import math
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from tradeclaims.claims import expressions
from tradeclaims.claims.registry import BOUNDS, Claim, parse_spec
from tradeclaims.data import periods
from tradeclaims.data.fields import FLOW_IDENTITIES
from tradeclaims.data.intervals import Interval, growth, share
from tradeclaims.data.query import AmbiguousSeries, Dataset, QueryError, SeriesNotFound
from tradeclaims.data.units import parse_number
from tradeclaims.data.vocabulary import section
from tradeclaims.errors import InputError

VERDICTS = list(section("verdicts"))
# What recompute runs from a series and a base (a derived figure is an expression instead).
RECIPES = [kind for kind in section("recipes") if kind not in ("not_checkable", "derived")]
# Looser bands that a claim's own wording (or a currency conversion) allows, in percent.
DEFAULT_BANDS = {"about": 2.0, "nearly": 2.0, "conversion": 2.0}
_SOURCE_SCOPE = {"product": "TOTAL", "measure": "value"}
SHARE_MEASURES = ["share_published", "share_partner_published"]
RATE_MEASURES = ["growth_published", *SHARE_MEASURES]  # what a difference in points compares
_RATE_WORDS = {"growth_published": "printed y/y growth",
               "share_published": "printed share of the reporter's total",
               "share_partner_published": "printed share of the trade with the partner"}
# Where a publisher printed no aggregate, it is computed from its definition.


@dataclass
class Evidence:
    """What a recipe recomputed, in the claim's unit (unscaled), and what it rests on."""

    value: Interval
    sources: list[str]
    rests_on: str = ""
    other: str = ""  # the other estimate where there are two (published rate vs levels)
    claim_from_data: Interval | None = None  # compare: the first release is the claim
    scope: str = ""  # e.g. which partners a rank was taken among
    earlier_max: float | None = None  # first_time: the highest earlier value


@dataclass
class Verdict:
    claim: Claim
    verdict: str
    recomputed: float | None  # in the claim's scale
    tolerance: str
    sources: list[str] = field(default_factory=list)
    note: str = ""
    claimed: float | None = None  # in the claim's scale

    def as_row(self) -> dict:
        c = self.claim
        return {"claim_id": c.claim_id, "article_id": c.article_id, "quote": c.quote,
                "claimed": self.claimed, "recomputed": self.recomputed, "unit": c.unit_label,
                "verdict": self.verdict, "tolerance": self.tolerance,
                "sources": " ".join(self.sources), "note": self.note, "kind": c.kind,
                "qualifier": c.qualifier, "reason": c.reason, "origin": c.origin}


class ClaimError(InputError):
    """A claim that cannot be evaluated; names the registry file, row, field and claim."""

    def __init__(self, claim: Claim, field: str, message: str):
        super().__init__(claim.file, f"claim {claim.claim_id}: {message}", row=claim.row,
                         field=field)


class MissingSeries(ClaimError):
    """The data has no observation for what the claim asks."""


def _merge(*source_lists) -> list[str]:
    """Source ids in order of first appearance, each once."""
    return list(dict.fromkeys(s for sources in source_lists for s in sources))


class Engine:
    def __init__(self, data: Dataset):
        self.data = data

    # -- fetching -----------------------------------------------------------------------------

    def fetch(self, claim: Claim, spec: dict, field: str) -> tuple[Interval, list[str]]:
        """The value of a spec; flow may be an expression such as export+import or
        export-import, and a total or balance that was not printed is computed from exports and
        imports. Several releases that print the same value are cited together."""
        spec = _SOURCE_SCOPE | spec
        total, sources = None, []
        for sign, flow in re.findall(r"([+-]?)\s*([a-z]+)", spec.get("flow", "")) or [("", None)]:
            try:
                value, ids = self._one(claim, {**spec, "flow": flow} if flow else spec, field)
            except MissingSeries as missing:
                if flow not in FLOW_IDENTITIES:
                    raise
                try:
                    value, ids = self.fetch(claim, {**spec, "flow": FLOW_IDENTITIES[flow]}, field)
                except MissingSeries:  # say what was asked (flow=total), not the retry
                    raise missing from None
            value = Interval.exact(0) - value if sign == "-" else value
            total = value if total is None else total + value
            sources = _merge(sources, ids)
        return total, sources

    def _one(self, claim, spec, field):
        try:
            obs = self.data.get(**spec)
            return obs.interval, [obs.source_id]
        except AmbiguousSeries as exc:
            rows = self.data.series(**spec)
            if rows.value.nunique() == 1 and rows.unit.nunique() == 1:
                precision = rows.precision.max()
                return Interval.read(rows.value.iloc[0], precision), sorted(rows.source_id)
            raise ClaimError(claim, field, str(exc)) from None
        except SeriesNotFound as exc:
            raise MissingSeries(claim, field, str(exc)) from None
        except QueryError as exc:
            raise ClaimError(claim, field, str(exc)) from None

    def maybe(self, claim, spec, field, printed_only=False, missed: list | None = None):
        """Like fetch, or None where the data has no such series (its message, with what exists
        nearby, goes to `missed`). printed_only: a figure the publisher printed, never one
        computed from its definition."""
        try:
            return (self._one if printed_only else self.fetch)(claim, _SOURCE_SCOPE | spec, field)
        except MissingSeries as exc:
            if missed is not None:
                missed.append(exc.message.removeprefix(f"claim {claim.claim_id}: "))
            return None

    # -- recipes ------------------------------------------------------------------------------

    def level(self, claim: Claim) -> Evidence:
        spec = {"unit": claim.unit} | claim.series
        self._same_unit(claim, spec)
        value, sources = self.fetch(claim, spec, "series")
        return Evidence(value, sources, "the published level")

    def balance(self, claim: Claim) -> Evidence:
        spec = {"unit": claim.unit} | claim.series
        self._same_unit(claim, spec)
        missed = []
        levels = self.maybe(claim, {**spec, "flow": FLOW_IDENTITIES["balance"]}, "series",
                            missed=missed)
        published = self.maybe(claim, {**spec, "flow": "balance"}, "series", printed_only=True,
                               missed=missed)
        return self._choose(claim, published, levels, "the published balance",
                            "exports minus imports", missed)

    def growth(self, claim: Claim) -> Evidence:
        self._unit(claim, "percent")
        spec = claim.series
        period = periods.parse(spec["period"])
        unit = spec.get("unit") or self._only_unit(claim, spec)
        missed = []
        published = self.maybe(claim, {**spec, "measure": "growth_published", "unit": "percent",
                                       "basis": unit}, "series", printed_only=True, missed=missed)
        earlier = {**spec, "unit": unit, "period": str(period.previous())} | claim.base
        if claim.base:  # the earlier level from the release the base names: must exist
            now = self.fetch(claim, {**spec, "unit": unit}, "series")
            before = self.fetch(claim, earlier, "base")
        else:
            now = self.maybe(claim, {**spec, "unit": unit}, "series", missed=missed)
            before = self.maybe(claim, earlier, "series", missed=missed)
        levels = None
        if now and before:
            levels = growth(now[0], before[0]), _merge(now[1], before[1])
        then = periods.parse(earlier["period"])
        label = f"levels {period.label()} on {then.label()} ({unit})"
        if claim.base:
            label += f", {then.label()} from {', '.join(before[1])}"
            claim = replace(claim, rests_on="levels")
        return self._choose(claim, published, levels, f"the published growth rate ({unit})",
                            label, missed)

    def share(self, claim: Claim) -> Evidence:
        self._unit(claim, "percent")
        spec = claim.series
        whole_spec = spec | claim.base
        part, part_sources = self.fetch(claim, spec, "series")
        whole, whole_sources = self.fetch(claim, whole_spec, "base")
        levels = share(part, whole), _merge(part_sources, whole_sources)
        published = None
        if _is_same_flow_total(spec, whole_spec):
            unit = spec.get("unit") or self._only_unit(claim, spec)
            published = self.maybe(claim, {**spec, "measure": "share_published",
                                           "unit": "percent", "basis": unit}, "series",
                                    printed_only=True)
        return self._choose(claim, published, levels, "the published share",
                            f"levels: {_describe(spec)} over {_describe(whole_spec)}")

    def conversion(self, claim: Claim) -> Evidence:
        self._unit(claim, "USD")
        amount, sources = self.fetch(claim, {"unit": "CNY"} | claim.series, "series")
        pair = claim.series | claim.base
        cny, cny_sources = self.fetch(claim, {**pair, "unit": "CNY"}, "base")
        usd, usd_sources = self.fetch(claim, {**pair, "unit": "USD"}, "base")
        rate = cny / usd
        return Evidence(amount / rate, _merge(sources, cny_sources, usd_sources),
                        f"the rate implied by the publisher's own yuan and dollar figures for "
                        f"{_describe(pair)}: {rate.point:.4f} CNY per USD")

    def rank(self, claim: Claim) -> Evidence:
        """The position of `series` among rivals that differ from it in one dimension: partners
        (base=partner=ASEAN,EU27) or products (base=product=A,B). Where rounding leaves two
        values in either order, the range of positions is kept."""
        self._unit(claim, "rank")
        if len(claim.base) != 1:
            raise ClaimError(claim, "base", "a rank's base names one dimension and the rivals in "
                             "it: partner=ASEAN,EU27 or product=VNCG:a,VNCG:b")
        (dimension, rivals), = claim.base.items()
        rivals = rivals if isinstance(rivals, list) else [rivals]
        target = (_SOURCE_SCOPE | claim.series).get(dimension)
        values, sources = {}, []
        for rival in dict.fromkeys([target, *rivals]):
            values[rival], ids = self.fetch(claim, {**claim.series, dimension: rival}, "base")
            sources = _merge(sources, ids)
        ordered = sorted(values, key=lambda v: values[v].point, reverse=True)
        mine = values[target]
        best = 1 + sum(values[v].low > mine.high for v in ordered if v != target)
        worst = 1 + sum(values[v].high > mine.low for v in ordered if v != target)
        return Evidence(Interval(ordered.index(target) + 1, best, worst), sources,
                        "ranking by value", scope=f"among the {dimension}s with data for this "
                        f"period: " + ", ".join(ordered))

    def first_time(self, claim: Claim) -> Evidence:
        spec = {"unit": claim.unit} | claim.series
        self._same_unit(claim, spec)
        current, sources = self.fetch(claim, spec, "series")
        earlier = self.data.series(**(_SOURCE_SCOPE | spec | claim.base))
        if earlier.empty:
            raise ClaimError(claim, "base", f"no observation for {_describe(spec | claim.base)}")
        top = earlier.loc[earlier.value.idxmax()]
        sources = _merge(sources, sorted(earlier.source_id))
        labels = ", ".join(sorted(set(earlier.period)))
        return Evidence(current, sources, "the published level",
                        scope=f"earlier periods {labels}: highest {top.value / claim.factor:g} "
                        f"{claim.unit_label} ({top.period}, {top.source_id})",
                        earlier_max=top.value)

    def compare(self, claim: Claim) -> Evidence:
        spec = {"unit": claim.unit} | claim.series
        first, first_sources = self.fetch(claim, spec, "series")
        second, second_sources = self.fetch(claim, spec | claim.base, "base")
        sources = _merge(first_sources, second_sources)
        return Evidence(second, sources, f"{', '.join(second_sources)} (recomputed) against "
                        f"{', '.join(first_sources)} (claimed)", claim_from_data=first)

    def difference(self, claim: Claim) -> Evidence:
        """`series` less what `base` names: a month as one cumulative release less another
        (base=period=2025-01/2025-10), a total less its parts (base=product=A,B: each part is
        subtracted), or, in percentage points, one printed rate less another."""
        if claim.unit == "pp":
            return self._points(claim)
        if claim.unit == "percent":
            raise ClaimError(claim, "unit", "unit mismatch: a difference of two percentages is "
                             "in percentage points (unit pp)")
        spec = {"unit": claim.unit} | claim.series
        self._same_unit(claim, spec)
        whole, sources = self.fetch(claim, spec, "series")
        value, steps = whole, [f"{_describe(spec)} {self._show(claim, whole)}"]
        for part_spec in _each(spec | claim.base):
            part, ids = self.fetch(claim, part_spec, "base")
            value, sources = value - part, _merge(sources, ids)
            steps.append(f"less {_describe(part_spec)} {self._show(claim, part)}")
        return Evidence(value, sources, f"{' '.join(steps)} = {self._show(claim, value)}")

    def _points(self, claim: Claim) -> Evidence:
        spec = {"unit": "percent"} | claim.series
        if spec.get("measure") not in RATE_MEASURES:
            raise ClaimError(claim, "series", "a difference in percentage points compares two "
                             f"printed rates: name measure={' or measure='.join(RATE_MEASURES)}")
        this, these = self.fetch(claim, spec, "series")
        that, those = self.fetch(claim, spec | claim.base, "base")
        return Evidence(this - that, _merge(these, those),
                        f"the {_RATE_WORDS[spec['measure']]} of {_describe(claim.series)} "
                        f"({this.point:g}%) minus that of {_describe(claim.series | claim.base)} "
                        f"({that.point:g}%)")

    def implied(self, claim: Claim) -> Evidence:
        """The whole a part implies with the share it is printed as: 2.9 bn at 26.5% gives
        10.94 bn (10.73 to 11.15 from the rounding of both)."""
        spec = {"unit": claim.unit} | claim.series
        self._same_unit(claim, spec)
        part, part_sources = self.fetch(claim, spec, "series")
        share_spec = {**spec, "measure": "share_published", "unit": "percent",
                      "basis": claim.unit} | claim.base
        if share_spec["measure"] not in SHARE_MEASURES:
            raise ClaimError(claim, "base", f"the share is one of measure="
                             f"{', '.join(SHARE_MEASURES)}, not {share_spec['measure']}")
        share, share_sources = self.fetch(claim, share_spec, "base")
        whole = part / share.scale(0.01)
        return Evidence(whole, _merge(part_sources, share_sources),
                        f"{_describe(spec)} {self._show(claim, part)} at its printed share of "
                        f"{share.point:g}%: {self._show(claim, whole)}")

    def derived(self, claim: Claim) -> Evidence:
        """Arithmetic on lookups, each with its rounding: [part] / [share] * 100 - [month]."""
        texts, tree = expressions.split(claim.expression)
        values, sources, steps = [], [], []
        for number, text in enumerate(texts, 1):
            spec = parse_spec(text)
            rate = spec.get("measure") in RATE_MEASURES
            spec = {"unit": "percent" if rate else claim.unit} | spec
            value, ids = self.fetch(claim, spec, "series")
            values.append(value)
            sources = _merge(sources, ids)
            if rate:
                words = _RATE_WORDS[spec["measure"]]
                text = f"{_describe({k: v for k, v in spec.items() if k != 'unit'})}, {words}"
                steps.append(f"[{number}] {text}: {value.point:g}%")
            else:
                steps.append(f"[{number}] {_describe(spec)}: {self._show(claim, value)}")
        try:
            result = expressions.evaluate(tree, values)
        except ZeroDivisionError:
            raise ClaimError(claim, "series", "divides by a figure whose range includes zero: "
                             f"{expressions.numbered(claim.expression)}") from None
        return Evidence(result, sources, f"{'; '.join(steps)}; "
                        f"{expressions.numbered(claim.expression)} = {self._show(claim, result)}")

    # -- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _show(claim: Claim, value: Interval) -> str:
        """An intermediate figure of a derivation, in the claim's scale, with its range."""
        def num(x):
            return f"{x / claim.factor:,.4g}"
        if value.low == value.high:
            return num(value.point)
        return f"{num(value.point)} ({num(value.low)} to {num(value.high)})"

    def _choose(self, claim, published, levels, published_label, levels_label,
                missed=()) -> Evidence:
        """Rest on the publisher's own figure when printed (it uses revised data), unless the
        claim says otherwise; always show the other estimate. `missed`: what the lookups did not
        find, with what exists nearby, for the message when neither figure exists."""
        choice = claim.rests_on or ("published" if published else "levels")
        chosen = published if choice == "published" else levels
        if chosen is None:
            found = "".join(f"\n  {line}" for text in missed for line in text.splitlines())
            raise MissingSeries(claim, "rests_on" if claim.rests_on else "series",
                                f"no {choice} figure for {_describe(claim.series)}{found}")
        other = levels if choice == "published" else published
        other_label = levels_label if choice == "published" else published_label
        unit = "%" if claim.unit == "percent" else f" {claim.unit_label}"
        other_text = (f"{other_label}: {other[0].point / claim.factor:.2f}{unit}"
                      if other else "")
        sources = _merge(chosen[1], other[1] if other else [])
        label = published_label if choice == "published" else levels_label
        return Evidence(chosen[0], sources, label, other=other_text)

    def _unit(self, claim, unit):
        if claim.unit != unit:
            raise ClaimError(claim, "unit", f"unit mismatch: a {claim.kind} claim is in "
                             f"{unit}, the registry says {claim.unit}")

    def _same_unit(self, claim, spec):
        if spec.get("unit") != claim.unit:
            raise ClaimError(claim, "unit", f"unit mismatch: the claim is in {claim.unit}, "
                             f"its series in {spec.get('unit')}")

    def _only_unit(self, claim, spec):
        rows = self.data.series(**(_SOURCE_SCOPE | spec))
        units = sorted(set(rows.unit))
        if len(units) != 1:
            raise ClaimError(claim, "series", f"name the unit of {_describe(spec)}: "
                             f"{'found ' + ', '.join(units) if units else 'no levels found'}")
        return units[0]

    # -- judging ------------------------------------------------------------------------------

    def recompute(self, kind: str, series: dict, base: dict | None = None,
                  unit: str = "percent") -> Evidence:
        """What a recipe recomputes from the data alone, with no claim to judge."""
        if kind not in RECIPES:
            raise ValueError(f"unknown recipe {kind!r} (known: {', '.join(RECIPES)})")
        return getattr(self, kind)(Claim.recipe(kind, unit, series, base))

    def evaluate(self, claim: Claim) -> Verdict:
        if claim.kind == "not_checkable":
            return Verdict(claim, "not_checkable", None, "", [], claim.note, _as_printed(claim))
        evidence = getattr(self, claim.kind)(claim)
        return judge(claim, evidence)

    def evaluate_all(self, claims: list[Claim]) -> list[Verdict]:
        return [self.evaluate(claim) for claim in claims]


def judge(claim: Claim, ev: Evidence) -> Verdict:
    """Compare the recomputed value with the claim, by the rule the claim's wording implies."""
    f = claim.factor
    if ev.claim_from_data is not None:
        c, half = ev.claim_from_data.point, ev.claim_from_data.high - ev.claim_from_data.point
    else:
        c, half = claim.value, claim.half_width
    value = ev.value
    q = claim.qualifier
    band = float(claim.band.rstrip("%")) if claim.band else DEFAULT_BANDS.get(
        q or claim.kind, DEFAULT_BANDS.get(claim.kind))
    decimals = (claim.decimals if ev.claim_from_data is None
                else max(0, round(-math.log10(2 * half / f))) if half else 0)
    show = _formatter(claim, decimals)
    notes = [f"Rests on {ev.rests_on}." if ev.rests_on else ""]
    if ev.other:
        notes.append(f"Other estimate: {ev.other}.")
    if ev.scope:
        notes.append(f"Ranked {ev.scope}." if claim.kind == "rank"
                     else f"{ev.scope[0].upper()}{ev.scope[1:]}.")

    if claim.kind == "first_time":
        ok = value.point > c >= ev.earlier_max
        verdict = "reproduced" if ok else "contradicted"
        tolerance = f"first time over {show(c)}: the value must exceed it and no earlier one may"
    elif q in BOUNDS:
        v = value.point
        # a negative figure's bound is on its size: "fell more than 20%" is below -20, "a
        # deficit of over $5 billion" below -5 billion, "fell less than 2%" between -2 and 0
        ok = ({"over": v > c, "at_least": v >= c, "under": v < c, "at_most": v <= c} if c >= 0
              else {"over": v < c, "at_least": v <= c, "under": c < v <= 0,
                    "at_most": c <= v <= 0})[q]
        verdict = "reproduced" if ok else "contradicted"
        word = {"over": "more than", "at_least": "at least", "under": "less than",
                "at_most": "at most"}[q]
        tolerance = f"bound: {word} {show(c)}"
        if value.overlaps(c, c) and ok:
            notes.append("The rounding of the inputs reaches the bound.")
        if c < 0:
            tolerance += " (in size: a negative figure's bound)"
        if not ok:
            side = "over" if q in ("under", "at_most") else "short of"  # in size
            notes.append(f"Gap: the recomputed {show(value.point)} is "
                         f"{show(abs(c - value.point), extra=2, points=True)} {side} the bound.")
    elif q == "nearly":  # just short of the figure in size: "fell nearly 27%" is -26.7
        near, far = c * (1 - band / 100), c + math.copysign(half, c)
        low, high = sorted((near, far))
        verdict = "reproduced" if low <= value.point <= high else "contradicted"
        tolerance = f"nearly: from {show(near)} (−{band:g}%) up to {show(far)}"
    else:
        low, high = c - half, c + half
        rounding = (f"rounding: {show(c, extra=0)} stands for {show(low)} to {show(high)}"
                    if half else "exact")
        eps = 1e-9 * max(abs(c), 1)
        inputs = f"the official figures allow {show(value.low)} to {show(value.high)}"
        # a rounded claim stands for a half-open range; an exact one (a rank) for itself
        reaches = value.overlaps(low, high) if half else value.low <= c <= value.high
        if low - eps <= value.point <= high + eps:
            verdict, tolerance = "reproduced", rounding
        elif reaches and value.high - value.low <= high - low + eps:
            verdict, tolerance = "reproduced", f"{rounding}; reached within the rounding of " \
                f"the inputs ({inputs})"
        elif reaches:
            verdict, tolerance = "consistent", f"{rounding}; {inputs}, a wider range"
            notes.append("The official figures allow the claim but do not pin it: their range, "
                         "from the rounding of the inputs, is wider than the claim's.")
        elif band and abs(value.point - c) <= abs(c) * band / 100:
            verdict = "approximate"
            tolerance = (f"{'“' + q + '”' if q else claim.kind} band ±{band:g}%: "
                         f"{show(c * (1 - band / 100))} to {show(c * (1 + band / 100))}")
        elif ev.claim_from_data is None and _truncated(c, 2 * half, value.point, eps):
            cut = sorted((c, c + math.copysign(2 * half, c)))
            verdict = "approximate"
            tolerance = (f"{rounding}; reads as truncated (cut after its last digit, not "
                         f"rounded): {show(cut[0], extra=0)} up to {show(cut[1], extra=0)}")
        else:
            verdict = "contradicted"
            tolerance = rounding + (f"; ±{band:g}% band for “{q or claim.kind}”" if band else "")
        if verdict in ("approximate", "contradicted") and claim.unit != "rank":
            gap = c - value.point
            rel = (f" ({gap / value.point * 100:+.2f}%)"
                   if value.point and claim.unit != "percent" else "")
            notes.append(f"Gap: claimed minus recomputed = "
                         f"{show(gap, sign=True, extra=2, points=True)}{rel}.")
    if claim.note:
        notes.append(claim.note)
    claimed = (_as_printed(claim) if ev.claim_from_data is None
               else _in_scale(ev.claim_from_data, f))
    return Verdict(claim, verdict, _in_scale(value, f), tolerance, ev.sources,
                   " ".join(n for n in notes if n), claimed)


def _as_printed(claim: Claim) -> float | None:
    """The claimed figure in its own scale, as printed (1.04 for $1.04 billion)."""
    return float(parse_number(claim.printed)) if claim.printed else None


def _in_scale(x: Interval, factor: float) -> float:
    """A figure in the claim's scale, as the ledger publishes it: one read from a table with
    every digit it has (scaled as decimals, so that none is added), one computed from others at
    15 significant digits, so that float noise (6.3500000000000005) is not published."""
    if x.as_read:
        return float(Decimal(repr(float(x.point))) / Decimal(repr(float(factor))))
    return float(f"{x.point / factor:.15g}")


def _truncated(claimed: float, digit: float, recomputed: float, eps: float) -> bool:
    """Whether the claim reads as the recomputed figure cut after its last printed digit (one
    unit of which is `digit`): of the same sign, and its magnitude at or above the claim's and
    below it plus one digit (656.5 for 656.578; -7.2 for -7.28, declines being negative)."""
    if not digit or claimed * recomputed <= 0:
        return False
    return abs(claimed) <= abs(recomputed) < abs(claimed) + digit - eps


def _formatter(claim: Claim, decimals: int):
    def show(x: float, sign=False, extra=1, points=False) -> str:
        """points: x is a difference of percentages, printed in percentage points."""
        if claim.unit == "rank":
            return f"{x:.0f}"
        text = f"{x / claim.factor:{'+' if sign else ''}.{decimals + extra}f}"
        if claim.unit == "pp" or (points and claim.unit == "percent"):
            return f"{text} pp"
        return f"{text}%" if claim.unit == "percent" else f"{text} {claim.unit_label}"

    return show


def _is_same_flow_total(part: dict, whole: dict) -> bool:
    """Whether `whole` is the reporter's total for the flow of `part` (what a published share
    is a share of)."""
    def scope(spec):
        return {k: v for k, v in (_SOURCE_SCOPE | spec).items() if k != "source_id"}

    return scope(whole) == scope({**part, "partner": "WLD", "product": "TOTAL"})


def _each(spec: dict) -> list[dict]:
    """One spec per value of the key that lists several (product=A,B), or the spec itself."""
    listed = [key for key, value in spec.items() if isinstance(value, list)]
    if not listed:
        return [spec]
    key = listed[0]
    return [{**spec, key: value} for value in spec[key]]


def _describe(spec: dict) -> str:
    """'CHN-ASEAN total trade, January-November 2025, CNY' for a spec."""
    spec = _SOURCE_SCOPE | spec
    flow = spec.get("flow", "")
    flow = {"total": "total trade", "balance": "balance", "export": "exports",
            "import": "imports", "export+import": "exports plus imports",
            "export-import": "exports minus imports"}.get(flow, flow)
    product = "" if spec["product"] == "TOTAL" else f" of {spec['product']}"
    text = f"{spec.get('reporter', '')}-{spec.get('partner', '')} {flow}{product}"
    if "period" in spec and not isinstance(spec["period"], list):
        text += f", {periods.parse(spec['period']).label()}"
    if "unit" in spec:
        text += f", {spec['unit']}"
    return text
