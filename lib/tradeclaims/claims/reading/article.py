"""What an article says around each figure: its reporter, partner, flow, product and period, each
with where it came from, and the doubts that make a reading one to confirm."""

import bisect
import re
from dataclasses import dataclass, field

from tradeclaims.claims import extract
from tradeclaims.claims.reading.names import (
    Mention,
    find_mentions,
    flow_mentions,
    partner_mentions,
    product_names,
    region_names,
)
from tradeclaims.claims.reading.periods import HALF_MONTH, ArticleDate, find_periods
from tradeclaims.claims.reading.text import links, sentences
from tradeclaims.claims.reading.words import (
    BACK_OPENER,
    BILATERAL,
    COMPARED_BEFORE,
    CURRENCY_NAME,
    EXCEPT_US,
    GOES_ON,
    GOODS_SUFFIX,
    LAST_YEAR,
    LIKENED_ANY,
    MONTHS,
    OPENERS,
    OWN_PERIOD,
    PARTNER_ANAPHOR,
    PARTNER_BEFORE,
    PRONOUN_OPENER,
    REPORTERS,
    SET_AGAINST,
    SHARE,
    SPACES,
    SUBJECT,
    SUBJECT_VERB,
    SURPASSED,
    TABLE_ROW,
    UNNAMED_PARTNER,
    UNNAMED_PRODUCT,
    WHOLE,
)
from tradeclaims.claims.spans import Spans

# What makes a Chinese name the partner: 对欧盟、拉美的出口 (both), 对世界最大经济体美国 (an
# appositive between), 中美.
_ZH_PARTNER_BEFORE = re.compile(r"[对對与與同自从從和](?:[^，,。；]*[、和及]|[^，,。；]{0,10}"
                                r"(?:经济体|經濟體|国家|國家|伙伴|夥伴|市场|市場|大国|大國))?\s*$|"
                                r"中$")


@dataclass
class Context:
    """What the article says around one figure."""

    reporter: str = ""
    partner: str = ""
    flow: str = ""
    product: str = "TOTAL"
    period: str = ""
    uncoded: str = ""  # the goods or firms named, when the vocabulary has no code for them
    area: str = ""  # the group of partners named, when the vocabulary has no code for it
    region: str = ""  # the province or city whose trade it is (上海市进出口), when not the country
    excluding: str = ""  # the partner left out of the world's (非美地区, non-US markets)
    hints: list = field(default_factory=list)
    # why the reading is not certain (a key not read from the figure's own sentence), and the
    # other plausible readings, each as the keys it changes: {"period": "2025-12"}
    doubts: list = field(default_factory=list)
    others: list = field(default_factory=list)
    unlisted: bool = False  # a doubt whose other readings the words do not give

    def doubt(self, why: str, *others: dict):
        self.doubts.append(why)
        self.others += [o for o in others if o not in self.others]
        self.unlisted |= not others


def nearest(mentions: Spans, start: int, end: int, lo: int, hi: int,
             skip=()) -> Mention | None:
    """The mention closest before the figure within [lo, start), else the first after it
    within (end, hi]."""
    def kept(mention):
        return mention.value not in skip

    return mentions.last(lo, start, kept) or mentions.first(end, hi, kept)


def _qualifies(text: str, before, mention) -> bool:
    """Whether a name in parentheses right after another qualifies it ("Hồng Kông (Trung
    Quốc)", 香港（中国）): the first is the partner."""
    return before is not None and bool(
        re.fullmatch(r"\s*[(（]\s*", text[before.end:mention.start])
        and re.match(r"\s*[)）]", text[mention.end:mention.end + 3]))


class Article:
    """An article's text with everything found in it, for proposing each figure's recipe."""

    def __init__(self, text: str, date: str = "", lang: str | None = None,
                 peg: dict | None = None):
        self.text = text
        self.lang = lang or extract.language(text)
        self.date = ArticleDate.parse(date)
        self.peg = peg or {}  # periods of the releases the article reports, by reporter
        self.sentences = Spans(sentences(text), span=lambda sentence: sentence)
        # a currency (US$) and the world less a partner (non-US) name no partner
        not_partners = [m.span() for pattern in (CURRENCY_NAME, EXCEPT_US)
                      for m in pattern.finditer(text)]
        mentions = partner_mentions(text)
        self.partners = Spans([m for i, m in enumerate(mentions) if not any(
            a <= m.start < b for a, b in not_partners) and not self._likened(m.start)
            and not _qualifies(text, mentions[i - 1] if i else None, m)])
        self.products = Spans(find_mentions(product_names(), text))
        self.regions = Spans(find_mentions(region_names(), text))
        self.flows = Spans(flow_mentions(text))
        self.periods = Spans(find_periods(text, self.date), span=lambda period: period[:2])
        self._newlines = [match.start() for match in re.finditer("\n", text)]
        # the headline and lead: up to the first blank line, else the first 400 characters
        lead = text.find("\n\n")
        self._lead = lead if lead > 0 else min(len(text), 400)
        self.reporter = self._main_reporter()
        self.figure_starts = []  # where the figures start, once the proposer gives them

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.sentences.containing(pos, pos + 1) or (0, len(self.text))

    def _line_end(self, pos: int) -> int:
        """Where the line holding `pos` ends: its line break, or the text's end."""
        i = bisect.bisect_left(self._newlines, pos)
        return self._newlines[i] if i < len(self._newlines) else len(self.text)

    def _newline_before(self, pos: int) -> int:
        """The last line break before `pos`, or -1, as text.rfind would say."""
        i = bisect.bisect_left(self._newlines, pos) - 1
        return self._newlines[i] if i >= 0 else -1

    def _main_reporter(self) -> str:
        """The economy whose trade the article reports: the first one the dataset has releases
        of named as the subject of a flow (Vietnam's exports, 我国对, Việt Nam xuất khẩu), else
        the one named most often, else the only one the news peg holds, else by the article's
        language (a guess: `reporter_known` is then False)."""
        self.reporter_known = True
        for mention in self.partners:
            if mention.value in REPORTERS and self._is_subject(mention):
                return mention.value
        named = [m.value for m in self.partners if m.value in REPORTERS and not
                 PARTNER_BEFORE.search(self.text, max(0, m.start - 8), m.start)]
        counts = sorted(((named.count(r), r) for r in REPORTERS), reverse=True)
        if counts[0][0] > counts[1][0]:
            return counts[0][1]
        pegged = [r for r in REPORTERS if r in self.peg]
        if len(pegged) == 1:
            return pegged[0]
        self.reporter_known = False
        return "VNM" if self.lang == "vi" else "CHN"

    def _is_subject(self, mention: Mention, region: bool = False) -> bool:
        """Whether the name is the trader: "China's exports", "China exported", "美国对中国",
        "Việt Nam xuất khẩu", "xuất khẩu của Việt Nam"; a region's: "上海市进出口"."""
        after = self.text[mention.end:mention.end + 40]
        if region:
            after = re.sub(r"^(?:市|省|自治区|自治區)", "", after)
        before = self.text[max(0, mention.start - 30):mention.start]
        if self.lang == "zh":  # in 我国对美国进出口, 美国 is the partner
            return bool(re.match(r"\s*(?:(?:19|20)\d{2}\s*年(?:全年)?\s*)?(?:[对對自从從]|"
                                 r"的?(?:出口|进口|進口|进出口|進出口|外贸|外貿|贸易|貿易|出超|"
                                 r"入超|顺差|順差))", after)
                        ) and not _ZH_PARTNER_BEFORE.search(before)
        if self.lang == "vi":
            # "xuất khẩu (sản phẩm công nghệ cao) của Trung Quốc": a few words between
            return bool(re.match(r"\s*(?:xuất khẩu|nhập khẩu|xuất siêu|nhập siêu)", after,
                                 re.IGNORECASE)
                        or re.search(r"(?:xuất khẩu|nhập khẩu|thặng dư|thâm hụt|xuất siêu|"
                                     r"nhập siêu|thương mại|ngoại thương)"
                                     r"(?:\s+[^\s,.;:()]+){0,6}\s+của\s*$",
                                     before, re.IGNORECASE))
        return bool(SUBJECT.match(after) or SUBJECT_VERB.match(after))

    def subject_at(self, lo: int, start: int) -> Mention | None:
        """The trader the sentence names before the figure (any economy, even one the dataset
        has no releases of)."""
        for i in reversed(self.partners.starting(lo, start)):
            mention = self.partners[i]
            if mention.value != "WLD" and self._is_subject(mention):
                return mention
        return None

    def reporter_at(self, lo: int, start: int) -> str:
        """The trader the sentence names before the figure, else the article's."""
        subject = self.subject_at(lo, start)
        return subject.value if subject else self.reporter

    def context(self, start: int, end: int) -> Context:
        lo, hi = self.sentence(start)
        subject = self.subject_at(lo, start)
        ctx = Context(reporter=subject.value if subject else self.reporter)
        if subject is None and not self.reporter_known:
            ctx.doubt(f"reporter {ctx.reporter} only from the article's language", *(
                {"reporter": r} for r in REPORTERS if r != ctx.reporter and any(
                    m.value == r for m in self.partners)))
        clause_start, clause_end = self.clause_start(lo, start), self.clause_end(end, hi)
        partner = self._partner(start, end, lo, (clause_start, clause_end), ctx)
        ctx.partner = partner.value if partner else "WLD"
        if partner is not None and not partner.value:  # 对中亚出口: a group with no code
            ctx.partner, ctx.area = "WLD", self.text[partner.start:partner.end]
        if partner is None and EXCEPT_US.search(self.text, clause_start, start):
            ctx.excluding = "USA"
        if partner is None and not ctx.excluding:
            unnamed = self._unnamed_partner(clause_start, start)
            if unnamed:  # 与共建某某国家进出口: the world's only if the name is none
                ctx.doubt(f"partner: {unnamed!r} may name one the vocabulary does not know")
        if partner is None and not ctx.excluding:
            back = self._refers_back(lo, clause_start, clause_end)
            earlier = self._carried(self.partners, lo, skip=(ctx.reporter, "WLD"),
                                    back=bool(back))
            if earlier is not None and back:  # "Exports there grew 13.4%": still ASEAN
                ctx.partner = earlier.value
                ctx.doubt(f"partner {earlier.value}: {back!r} refers back to it",
                          {"partner": "WLD"})
            elif earlier is not None:
                ctx.doubt(f"partner: none named in the sentence, {earlier.value} in the one "
                          "before", {"partner": earlier.value})
        # the flow the figure qualifies, printed right after it ("giảm 20% xuất khẩu"), else
        # the nearest before it in its clause, else the first after; else so in its sentence
        right_after = [self.flows[i] for i in self.flows.starting(end, min(hi, end + 4))
                       if not self.text[end:self.flows[i].start].strip()]
        flow = right_after[0] if right_after else (
            nearest(self.flows, start, end, clause_start, clause_end)
            or nearest(self.flows, start, end, lo, hi))
        if flow is None:
            flow = self._carried(self.flows, lo)
            if flow is not None:
                ctx.hints.append(f"flow {flow.value!r} carried from an earlier sentence")
                named = {m.value for m in map(self.flows.__getitem__, self.flows.within(
                    self._newline_before(lo) + 1, lo))}
                if named - {flow.value}:  # the paragraph names another flow too
                    ctx.doubt("flow carried from an earlier sentence",
                              *({"flow": f} for f in sorted(named - {flow.value})))
        ctx.flow = flow.value if flow else ""
        if not ctx.flow:
            ctx.hints.append("flow: no word for exports, imports, trade or a balance")
        product = nearest(self.products, start, end, lo, clause_end)
        opening = SPACES.match(self.text, lo).end()
        if product is None and (BACK_OPENER.match(self.text, opening) or OPENERS.match(
                self.text, opening)) and not WHOLE.search(self.text, clause_start, start):
            # "… mechanical and electrical exports totalled $2.3 trillion. That produced a
            # $1.27 trillion surplus": still theirs, as a reading to confirm
            product = self._carried(self.products, lo)
            if product is not None and product.value:
                ctx.doubt(f"product {product.value}: the sentence refers back to it",
                          {"product": "TOTAL"})
        if product is not None:
            ctx.product = product.value
            if not product.value:
                ctx.uncoded = self.text[product.start:product.end]
        else:
            unnamed = self._unnamed_product(clause_start, clause_end)
            if unnamed:  # "ship exports rose 9%": all goods only if the words name none
                ctx.doubt(f"product: {unnamed!r} may name goods the vocabulary does not know")
        ctx.period = self._period(start, end, lo, hi, ctx)
        region = self.regions.last(lo, start, lambda m: self._is_subject(m, region=True))
        if region is not None and (subject is None or subject.start < region.start):
            ctx.region = region.value
        line = self._newline_before(start) + 1
        if TABLE_ROW.match(self.text, line, self._line_end(start)):
            ctx.doubt("a table's cell: its column's heading says what it is")
        return ctx

    def _partner(self, start, end, lo, clause, ctx) -> Mention | None:
        """The partner named in the figure's clause; else one named earlier in the sentence,
        carried where the clause goes on about it ("对东盟进出口4.93万亿元，增长9.7%"), a doubt
        where the clause names its own flow ("Imports from China hit $19 billion, as total
        exports rose 29.7%"; "儘管美國…，但中國全年貿易順差…"): the world first."""
        skip = (ctx.reporter,)
        partner = nearest(self.partners, start, end, clause[0], clause[1], skip=skip)
        if partner is not None:
            return partner
        earlier = self.partners.last(lo, clause[0], lambda m: m.value not in skip)
        if earlier is None:
            return None
        whole = WHOLE.search(self.text, earlier.end, start)
        if whole and self.flows.first(whole.end(), min(start, whole.end() + 16)) and not (
                SHARE.search(self.text, lo, start) or BILATERAL.search(self.text, whole.start(),
                                                                       start)):
            # "U.S. demand has not hindered China's overall export performance, which rose by
            # 5.4%": the world's first
            ctx.doubt("partner: named in another clause of the sentence",
                      {"partner": earlier.value})
            return None
        own_flow = self.flows.last(clause[0], start)
        if own_flow is None or SHARE.search(self.text, clause[0], own_flow.start):
            return earlier
        if BILATERAL.search(self.text, clause[0], own_flow.end) or GOES_ON.match(
                self.text, clause[0]):
            return earlier  # "ASEAN remained …, with (total bilateral) trade surging 8.5%"
        as_partner = PARTNER_BEFORE.search(self.text, max(lo, earlier.start - 12), earlier.start)
        if as_partner and not WHOLE.search(self.text, clause[0], own_flow.end):
            return earlier  # "从美国进口则下降15%，全年贸易额为…": still the US
        if earlier.value != "WLD":
            ctx.doubt("partner: named in another clause of the sentence",
                      {"partner": earlier.value})
        return None

    def _unnamed_partner(self, lo: int, start: int) -> str:
        """Words before the figure in its clause that stand where a partner's name would
        (与…进出口, "exports to …", "sang …") and are no name the vocabulary or CLDR knows, no
        time and no currency: '' where there are none."""
        for m in UNNAMED_PARTNER.finditer(self.text, lo, start):
            group = next(g for g in ("zh", "en", "vi") if m[g])
            name, a, b = m[group], m.start(group), m.end(group)
            if self.partners.overlaps(a, b) or self.products.overlaps(a, b) or \
                    self.regions.overlaps(a, b) or CURRENCY_NAME.search(self.text, a, b + 2):
                continue
            if group == "zh" and re.search(r"[年月来來今去其各]|以[来來]|此", name):
                continue
            if group == "en" and (name.split()[0].lower().rstrip(".") in MONTHS or
                                  name.split()[0] in ("US", "U.S.", "USD")):
                continue
            if group == "vi" and re.match(r"(?:Tháng|Năm|Quý)\b", name):
                continue
            return name.strip()
        return ""

    def _unnamed_product(self, lo: int, hi: int) -> str:
        """Words of the clause that stand where goods are named ("ship exports", "exports of
        farm machinery", 船舶产品出口, "xuất khẩu cà phê đạt") and are no name the vocabulary
        knows, no partner, region or period: '' where there are none."""
        for m in UNNAMED_PRODUCT.finditer(self.text, lo, hi):
            group = next(g for g in ("en", "en2", "zh", "vi", "vi2") if m[g])
            a, b = m.start(group), m.end(group)
            found = (self.partners, self.products, self.regions, self.periods, self.flows)
            if group == "zh":  # 中国船舶产品出口: the words after the names, if any
                a = max([a, *(s.ends[i] for s in found for i in s.starting(a, b))])
                if not re.fullmatch(rf"[\u4e00-\u9fff]+(?:{GOODS_SUFFIX})", self.text[a:b]):
                    continue
            if any(spans.overlaps(a, b) for spans in found):
                continue
            name = self.text[a:b]
            if re.search(r"\d|%|percent|billion|trillion|million", name):
                continue
            return name.strip()
        return ""

    def _breaks(self, lo: int, hi: int) -> list:
        """The clause breaks within [lo, hi), none inside a name ("Belt and Road",
        "mechanical and electrical products")."""
        return [(a, b) for a, b in links(self.text, lo, hi) if not (
            self.partners.overlaps(a, b) or self.products.overlaps(a, b))]

    def clause_end(self, end: int, hi: int) -> int:
        """Where the clause a figure ending at `end` is read in ends (`hi`: its sentence's)."""
        breaks = self._breaks(end, hi)
        return breaks[0][0] if breaks else hi

    def _refers_back(self, lo: int, clause_start: int, clause_end: int) -> str:
        """The words of the figure's clause that stand for a partner named before ("exports
        there", "to the continent", 对其), or its sentence's opening "They": '' for none."""
        opener = PRONOUN_OPENER.match(self.text, SPACES.match(self.text, lo).end())
        found = opener or PARTNER_ANAPHOR.search(self.text, clause_start, clause_end)
        return found[0] if found else ""

    def _carried(self, mentions, lo, skip=(), back=False):
        """The last mention of an earlier sentence of the same paragraph, or of the paragraph
        before when the sentence opens by referring back ("Of which", Trong đó, 其中) or
        `back` says it does; none of the values in `skip`."""
        paragraph = self._newline_before(lo)
        if back or OPENERS.match(self.text, SPACES.match(self.text, lo).end()):
            # the paragraph's text without its trailing spaces (with no line break before,
            # text[:-1]: all but the last character), read without copying it
            end = paragraph if paragraph >= 0 else max(0, len(self.text) - 1)
            while end > 0 and self.text[end - 1].isspace():
                end -= 1
            paragraph = self._newline_before(end)
        return mentions.last(paragraph + 1, lo, (lambda m: m.value not in skip) if skip else None)

    def _period(self, start, end, lo, hi, ctx) -> str:
        """The sentence's last period before the figure, else its first after it; else the
        news peg's, or one carried from an earlier sentence. A period not read from the
        figure's own clause, where another is plausible, is a doubt."""
        clause = self.clause_start(lo, start), self.clause_end(end, hi)
        own = self.periods.first(end, min(hi, end + 12))
        if own is not None and not (OWN_PERIOD.fullmatch(self.text, end, own[0])
                                    and self._not_compared(own)):
            own = None  # "1% của tháng 10", "5.9% in November": the figure's own
        chosen = (own or self.periods.last(clause[0], min(start, hi))
                  or self.periods.first(max(lo, end), clause[1], self._not_compared)
                  or self.periods.last(lo, min(start, hi), lambda p: not self._aside(
                      p[0], start) and self._not_compared(p)))
        pegged = self.peg.get(ctx.reporter, [])
        later = (self.periods.first(max(lo, end), hi, self._not_compared) if chosen is None
                 else None)
        if later is not None and bisect.bisect_left(self.figure_starts, later[0]) > \
                bisect.bisect_left(self.figure_starts, end) and SET_AGAINST.search(
                    self.text, end, later[0]):
            later = None  # "climbed 5.7%, following a 1.9% rise in November": the other's
        carried = self.periods.last(0, lo, self._not_compared)
        if later is not None and later[2] and pegged and later[2] not in pegged and (
                carried is None or carried[2] in pegged):
            # another clause's period that is not the news ("…，增速較2024年回落"): the news
            # peg's reading first, this one beside it
            ctx.doubt("period: one named in another clause of the sentence",
                      {"period": later[2]})
            later = None
        if later is not None and later[2]:  # "… 1.24 trillion yuan, … in the first two months"
            others = [p for p in dict.fromkeys([*([carried[2]] if carried else []), *(
                () if later[2] in pegged else pegged)]) if p and p != later[2]]
            if others:
                ctx.doubt("period: named after the figure's clause",
                          *({"period": p} for p in others))
            chosen = later
        if chosen is not None:
            named = {p[2] for p in map(self.periods.__getitem__, self.periods.within(lo, hi))
                     if p[2] and p[2] != chosen[2]}
            if named and chosen[0] < self.clause_start(lo, start) and chosen[2]:
                ctx.doubt(f"period: the sentence names {len(named) + 1}",
                          *({"period": p} for p in sorted(named)))
        else:
            carried = self.periods.last(0, lo, self._not_compared)
            if carried is not None and not carried[2]:
                carried = None
            if carried is not None and pegged and carried[2] not in pegged:
                # the sentence it stands in may name the peg's too ("grew 6.6% in December,
                # accelerating from a 5.9% increase in November"): the news first
                then = self.sentence(carried[0])
                news = self.periods.last(then[0], carried[0], lambda p: p[2] in pegged)
                carried = news or carried
            if carried is not None and (carried[2] in pegged or not pegged
                                        or carried[2] == HALF_MONTH):
                chosen = carried
                ctx.hints.append(f"period {carried[2]} carried from an earlier sentence "
                                 f"({self.text[carried[0]:carried[1]].strip()!r})")
            elif pegged:
                lead = self._lead_period(pegged)
                ctx.hints.append(f"period {lead}: none in the sentence; the news peg's "
                                 "(the release the article reports)")
                ctx.doubt("period from the news peg", *(
                    {"period": p} for p in [*pegged, *([carried[2]] if carried else [])]
                    if p != lead))
                return lead
            else:
                ctx.hints.append("period: none named in or before the sentence")
                return ""
            # a doubt only where another period is plausible: the peg's, or one the
            # paragraph names before
            paragraph = self._newline_before(lo) + 1
            named = [p[2] for p in map(self.periods.__getitem__,
                                       self.periods.within(paragraph, lo)) if p[2]]
            others = [*pegged, *named]
            others = [p for p in dict.fromkeys(others) if p != chosen[2]]
            if others:
                ctx.doubt("period carried from an earlier sentence",
                          *({"period": p} for p in others))
        if chosen[3]:
            ctx.hints.append(chosen[3])
        self._last_year_doubt(chosen, pegged, ctx)
        return chosen[2]

    def _last_year_doubt(self, chosen, pegged, ctx):
        """"Last year's" figure that the news surpasses, in an article that reports last year's
        figures, may count from the news year: "超越去年的9930億美元" of 14 January 2026 is
        2024's surplus, not 2025's."""
        year = self.date.year
        if (year and chosen[2] == str(year - 1) and str(year - 1) in pegged
                and LAST_YEAR.fullmatch(self.text[chosen[0]:chosen[1]].strip())
                and SURPASSED.search(self.text, max(0, chosen[0] - 12), chosen[0])):
            ctx.doubt("period: 'last year' of the article, or of the year it reports",
                      {"period": str(year - 2)})

    def _likened(self, pos: int) -> bool:
        """Whether a name stands in what a figure is likened to ("comparable to the GDP of a
        top-20 economy such as Saudi Arabia"): no partner of it."""
        clause = max(self.text.rfind(mark, max(0, pos - 80), pos) for mark in ",;，；—–(（")
        return bool(LIKENED_ANY.search(self.text, max(0, clause, pos - 80), pos))

    def _not_compared(self, period) -> bool:
        """Whether a period phrase is no comparison's ("高于11月的5.9%", "than November's"):
        those name the period of the figure compared, not one to carry to the next; nor the
        phrases right after one ("打破去年全年創下的記錄": 全年 as 去年)."""
        start = period[0]
        while (before := self.periods.last(max(0, start - 12), start)) is not None and \
                before[1] <= start and not self.text[before[1]:start].strip():
            start = before[0]
        if re.match(r"\s*(?:年)?\s*(?:起|以来|以來)", self.text[period[1]:period[1] + 4]):
            return False  # 自2017年起: since, not the figure's period
        if re.match(r"(?i:from)\s", self.text[period[0]:period[1]]) and re.match(
                r"['’]s\b", self.text[period[1]:period[1] + 3]):
            return False  # "up 20% from 2024's $992 billion": the figure compared's
        if "/" in period[2] and re.search(r"\bfrom\s*$", self.text[max(0, start - 6):start],
                                          re.IGNORECASE):
            return True  # "from January to November": a span, no comparison
        return not COMPARED_BEFORE.search(self.text, max(0, start - 12), start)

    def _aside(self, pos: int, start: int) -> bool:
        """Whether `pos` stands in parentheses closed before `start`: "（2024年為增長1.1%）"
        names its own figure's period, not the next one's."""
        between = self.text[pos:start]
        return bool(re.search(r"[)）]", between)) and not re.search(r"[(（]", between)

    def clause_start(self, lo: int, start: int) -> int:
        """Where the clause a figure starting at `start` is read in starts (`lo`: its
        sentence's)."""
        breaks = self._breaks(lo, start)
        return breaks[-1][1] if breaks else lo

    def _lead_period(self, pegged: list[str]) -> str:
        """The peg's period the headline and lead name, else its first (the longest of the
        latest release)."""
        named = [p[2] for p in map(self.periods.__getitem__, self.periods.within(0, self._lead))]
        return next((p for p in named if p in pegged), pegged[0])
