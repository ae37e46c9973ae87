"""Propose each drafted figure's recipe (`kind`, `series`, `base`) from its sentence and the
article around it: partners, flows, products and periods in English, Chinese and Vietnamese,
periods resolved against the article's date and carried from an earlier sentence when the
figure's own has none. What it cannot tell it leaves blank with a hint in `note`: a wrong
recipe that evaluates to a confident verdict is worse than none."""

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from tradeclaims.claims import extract, words
from tradeclaims.claims.registry import COLUMNS, SCALE_WORDS, UNSCALED
from tradeclaims.claims.spans import Spans
from tradeclaims.data import codes, dates, periods
from tradeclaims.data.vocabulary import section

REPORTERS = ("CHN", "VNM")  # the economies whose releases the dataset holds
MONEY = ("USD", "CNY")
_APOSTROPHE = r"['’]s"

_FLOWS = [  # longest first where one word holds another (进出口 holds 出口)
    ("total", r"进出口|進出口|xuất nhập khẩu|kim ngạch thương mại"),
    ("balance", r"\btrade (?:surplus|deficit|balance)\b|\bsurplus(?:es)?\b|\bdeficits?\b|"
                r"(?:贸易|貿易)?(?:顺差|順差|逆差)|出超|入超|xuất siêu|nhập siêu|"
                r"(?:thặng dư|thâm hụt)(?: thương mại)?"),
    ("export", r"\bexport(?:s|ed|ing)?\b|\bshipments?\b|\bships\b|出口|xuất khẩu"),
    ("import", r"\bimport(?:s|ed|ing)?\b|进口|進口|nhập khẩu"),
    ("total", r"\btrade\b|\btrading\b|贸易|貿易|thương mại|外贸"),
]
_FLOW = re.compile("|".join(f"(?P<{flow}{i}>{pattern})" for i, (flow, pattern)
                            in enumerate(_FLOWS)), re.IGNORECASE)

_SHARE = re.compile(r"\baccount(?:s|ed|ing)? for\b|\bmaking up\b|\bmade up\b|\bmakes? up\b|"
                    r"\bconstitut\w+\b|\bshare of\b|\bproportion\b|占|佔|chiếm|tỷ trọng",
                    re.IGNORECASE)
# Words of a forecast or an estimate that govern the whole sentence up to the figure's clause
# (lower-case modals: May is a month) ...
_FORECAST = re.compile(r"\b(?i:predict\w*|project(?:ed|ion)s?|expected to|estimat\w*)\b|"
                       r"\b(?:will|would|could|may)\b|预计|預計|估计|估計|dự kiến|ước tính|"
                       r"ước đạt")
# ... and those that make only the figure's own clause one: "beat the expected 3%", 預期為3%,
# "cao hơn mức tăng 5% do Wind dự báo".
_EXPECTED = re.compile(r"\b(?i:forecast\w*|expected|expectations?|consensus|analysts?|"
                       r"economists?|polled|poll)\b|预测|預測|预期|預期|dự báo|kỳ vọng")
_NOT_TRADE = re.compile(r"\binvestment\b|\bGDP\b|\bindustrial (?:output|production|products)\b|"
                        r"\bretail sales\b|\bmanufacturing (?:power|output)\b|\binflation\b|"
                        r"\bprices? of electricity\b|投资|投資|工业增加值|工業增加值|đầu tư|"
                        r"sản xuất công nghiệp", re.IGNORECASE)
_REFERS_BACK = re.compile(r"(?:This|That|The) (?:figure|amount|total|sum|value)\b|It\b|"
                          r"(?:Con số|Mức) này|这一数字|该数字")
_FIRMS = re.compile(r"enterprises|firms|companies|企业|doanh nghiệp", re.IGNORECASE)
_POLICY = re.compile(r"\btariffs?\b|\bagreements?\b|\bFTAs?\b|\bvisas?\b|\bsanctions?\b|"
                     r"关税|關稅|协定|協定|thuế quan|hiệp định", re.IGNORECASE)
_PRICE = re.compile(r"\b(?:average )?prices?\b|价格|價格|\bgiá\b", re.IGNORECASE)
_CONVERSION = re.compile(r"(?:equivalent to|equal to|or|about|around|roughly|nearly|some|"
                         r"approximately|\()\s*(?:around|about|roughly|some|approximately)?\s*$",
                         re.IGNORECASE)
_RANK = re.compile(
    r"\b(?:largest|biggest|second[- ]largest|second[- ]biggest|third[- ]largest|"
    r"third[- ]biggest|top) (?:(?P<en_total>trading partner|trade partner)|(?P<en_export>export "
    r"market|export destination|market for (?:its )?exports)|(?P<en_import>source of imports|"
    r"import source|supplier))|"
    r"(?:第?[一二三]大|最大(?:的)?)(?:货物)?(?:(?P<zh_total>贸易伙伴)|(?P<zh_export>出口目的地国?|"
    r"出口市场)|(?P<zh_import>进口来源国?|进口来源地))|"
    r"(?P<vi_total>đối tác thương mại lớn (?:nhất|thứ (?:hai|ba)))|"
    r"thị trường (?:(?P<vi_export>xuất khẩu)|(?P<vi_either>nhập khẩu))[^.;:]{0,80}? lớn nhất",
    re.IGNORECASE)
_RANK_WORDS = {"second": 2, "third": 3, "二大": 2, "三大": 3, "thứ hai": 2, "thứ ba": 3,
               "largest": 1, "biggest": 1, "top": 1, "一大": 1, "最大": 1, "nhất": 1}
# ordinals first

# A rate or a change on the month before.
_MOM_WORDS = (r"so với (?:tháng|kỳ) trước|month[- ]on[- ]month|m/m|from the previous month|"
              r"from a month (?:earlier|before)|环比|比上月")
_MOM = re.compile(_MOM_WORDS, re.IGNORECASE)
# A money figure that is a change in level ("an increase of 9.88 billion").
_CHANGE = re.compile(r"(?:tăng thêm|giảm|an? (?:increase|rise|drop|fall) of|(?:increased|rose|"
                     r"fell|dropped|grew) by|up by|down by|增加|减少)\s*(?:US\$|\$)?\s*$",
                     re.IGNORECASE)
# Words that open a sentence about the one before ("Of which", 其中).
_OPENERS = re.compile(r"(?:Of (?:which|these|this)|Among them|In particular|Trong đó|其中|"
                      r"(?:This|That|The) (?:figure|amount|total))\b", re.IGNORECASE)
# Comparisons, which name a period that is not the figure's (from the same period last year).
_COMPARISONS = re.compile(
    r"\b(?:from|over|compared (?:with|to)|than|versus|against|on) (?:the same (?:period|month|"
    r"months|quarter) (?:of |in )?(?:last year|a year (?:earlier|ago)|the previous year|"
    r"(?:19|20)\d{2})|a year (?:earlier|ago)|the previous year|last year)|"
    r"\b(?:from|than|over) (?:the )?(?:last|previous|prior) year|"
    r"\b(?:than|from|compared (?:with|to)) (?:in )?(?:" + r"(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)(?: (?:19|20)\d{2})?|"
    r"(?:19|20)\d{2})\b(?!['’]s)|"
    r"year[- ]on[- ]year|同比|比去年同期|去年同期|(?:较|較|比)\s*(?:上年|去年|前一年|上月|"
    r"(?:19|20)\d{2}\s*年|\d{1,2}\s*月)(?:同期)?|"
    r"(?:so với )?cùng kỳ(?: năm (?:trước|ngoái|(?:19|20)\d{2}))?|so với (?:năm|tháng) "
    r"(?:trước|\d{1,2}|(?:19|20)\d{2})|" + _MOM_WORDS,
    re.IGNORECASE)
_MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for name in names}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|" \
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "一": 1, "二": 2,
           "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十一": 11, "十二": 12}
_COUNT = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ZH_COUNT = r"(\d{1,2}|十[一二]?|[一二两三四五六七八九])"
_YEAR = r"((?:19|20)\d{2})"
# Period phrases: (pattern, what it gives). A year of None comes from the article's date.
_PERIODS = [
    (rf"\bfirst {_COUNT} months(?: of {_YEAR}| of (?:the|this) year)?", "first_months"),
    (rf"\b{_COUNT} tháng đầu năm(?: {_YEAR})?", "first_months"),
    (rf"(?:{_YEAR}\s*年\s*)?前\s*{_ZH_COUNT}\s*[个個]?月", "zh_first_months"),
    (rf"\b(?:the )?first quarter(?: of {_YEAR})?|\bQ1(?: {_YEAR})?", "q1"),
    (rf"\b({_MONTH})\s*(?:[-–—]|to|through)\s*({_MONTH})(?:,? {_YEAR})?", "month_span"),
    (rf"\bbetween ({_MONTH}) and ({_MONTH})(?:,? {_YEAR})?", "month_span"),
    (rf"(?:{_YEAR}\s*年\s*)?(\d{{1,2}})\s*[-—–至到~～]\s*(\d{{1,2}})\s*月", "zh_month_span"),
    (rf"\btháng (\d{{1,2}})\s*[-–]\s*(\d{{1,2}})(?:/{_YEAR}| năm {_YEAR})?", "vi_month_span"),
    (rf"\b(?:in|for|during|of) ({_MONTH})(?:,? {_YEAR})?(?![-–—\w])", "month"),
    (rf"\b({_MONTH}) {_YEAR}\b", "month"),
    (rf"\b({_MONTH}){_APOSTROPHE}", "month"),
    (r"\b(?:for|over|in|during) the (?:full|whole|entire) year\b|\bfull[- ]year\b|"
     r"(?<!\d年)全年|\bcả năm\b", "full_year"),
    (rf"(?:{_YEAR}\s*年\s*)?(\d{{1,2}})\s*月(?:份)?", "zh_month"),
    (rf"\btháng (\d{{1,2}})(?:/{_YEAR}| năm {_YEAR})?(?![\d/-])", "vi_month"),
    (r"\blast year\b|去年|năm ngoái|năm trước", "last_year"),
    (r"\bthis year\b|今年|năm nay", "this_year"),
    (rf"(?:\b(?:in|for|during|of|from|throughout)\s+(?:the (?:whole |full )?(?:year )?)?{_YEAR}\b|"
     rf"\b{_YEAR}{_APOSTROPHE}|{_YEAR}\s*年(?:全年)?|\bnăm {_YEAR}\b)", "year"),
]
_PERIOD = [(re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in _PERIODS]
_SPACES = re.compile(r"\s*")
# The trader before its flow: "China's exports", "China's total exports", "China exported".
_SUBJECT = re.compile(rf"(?:{_APOSTROPHE})\s*(?:[\w-]+\s+){{0,3}}?(?:{_FLOW.pattern})",
                      re.IGNORECASE)
_SUBJECT_VERB = re.compile(r"\s+(?:exported|imported|shipped)\b")
# What stands before a partner, not a trader: "to China", "từ Trung Quốc", 对美国.
_PARTNER_BEFORE = re.compile(r"(?:\b(?:to|from|with|and)|\b(?:sang|từ|với|và|của)|"
                             r"[对對自从從与與和])\s*(?:the\s+)?$", re.IGNORECASE)
_PEAK = re.compile(r"\bpeak(?:ed|s)?\b|\bhighest\b|峰值|最高|đỉnh", re.IGNORECASE)
_FIRST = re.compile(r"\bfor the first time\b|\brecord\b|首次|首度|lần đầu|kỷ lục", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"\brespectively\b|分别|分別|lần lượt|tương ứng", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|、|，|和|及|与|與|và|and|,? and)?\s*(?:percent|per cent|%)?\s*"
                       r"(?:,|、|，|和|及|与|與|và|and|,? and)?\s*")
_CLAUSE_END = re.compile(r"[,;，；、(（]|\bwhile\b|\band\b|\bbut\b")
_FUTURE = re.compile(rf"\bby {_YEAR}\b|到{_YEAR}年|đến năm {_YEAR}", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    value: str


@dataclass
class Context:
    """What the article says around one figure."""

    reporter: str = ""
    partner: str = ""
    flow: str = ""
    product: str = "TOTAL"
    period: str = ""
    uncoded: str = ""  # the goods or firms named, when the vocabulary has no code for them
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


@dataclass(frozen=True)
class ArticleDate:
    """The article's date to the precision it is known: '2026-03-13', '2026-02', '2026', ''."""

    year: int | None
    month: int | None

    @classmethod
    def parse(cls, text: str) -> "ArticleDate":
        try:
            date = dates.parse(text)
        except ValueError:  # 'unknown', or none given
            return cls(None, None)
        return cls(date.year, date.month)


# -- names --------------------------------------------------------------------------------------

@cache
def _partner_names() -> tuple[re.Pattern, dict]:
    """Every name of a partner in three languages: CLDR's country names, the vocabulary's."""
    names = {}
    for lang in ("en", "zh", "zh_Hant", "vi"):
        for name, code in codes.cldr_names(lang).items():
            if len(name) > 2 and "," not in name:
                names.setdefault(name, code)
    for code, aliases in section("names")["partners"].items():
        for alias in aliases:
            names[alias] = code
    return _alternation(names)


@cache
def _product_names() -> tuple[re.Pattern, dict]:
    names = {word: code for code, words in section("names")["products"].items()
             for word in words}
    names |= {word: "" for word in section("names")["uncoded"] if word not in names}
    return _alternation(names, re.IGNORECASE)


def _alternation(names: dict, flags=0) -> tuple[re.Pattern, dict]:
    """One pattern for every name, longest first, and what each name resolves to."""
    ordered = sorted(names, key=len, reverse=True)
    pattern = re.compile("|".join(_bounded(n) for n in ordered), flags)
    if flags & re.IGNORECASE:
        names = {n.casefold(): code for n, code in names.items()}
    return pattern, names


def _bounded(name: str) -> str:
    r"""A name's pattern: one that starts or ends with an ASCII character must not be part of
    a longer word. The character before is tested once the first has matched, `X(?<![\w.]X)`
    rather than `(?<![\w.])X`, so that every alternative opens with a character: re then skips
    the places where no name starts instead of trying every name at every character (50 times
    faster over the partners' 575 names; not the products', whose case re ignores)."""
    if not (name[0].isascii() or name[-1].isascii()):
        return re.escape(name)
    first = re.escape(name[0])
    return rf"{first}(?<![\w.]{first}){re.escape(name[1:])}(?!\w)"


def _mentions(names: tuple[re.Pattern, dict], text: str) -> list[Mention]:
    pattern, resolved = names
    return [Mention(m.start(), m.end(), resolved.get(m[0], resolved.get(m[0].casefold())))
            for m in pattern.finditer(text)]


def _flows(text: str) -> list[Mention]:
    return [Mention(m.start(), m.end(), re.sub(r"\d+$", "", m.lastgroup))
            for m in _FLOW.finditer(text)]


# -- sentences ----------------------------------------------------------------------------------

# A run this long with no full stop or line break (a table or a transcript flattened into one
# line) is read in pieces, cut after a comma or a space: each figure reads its own sentence,
# so an unbounded one would make extract quadratic in it. News sentences stay far below.
MAX_SENTENCE = 2_000
_CUT = re.compile(r"[,;，；、\s]")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: a full stop that is no decimal point and no initial
    (U.S.), 。！？, or a line break; pieces of MAX_SENTENCE at most."""
    spans, start = [], 0
    ends = (match.end() for match in re.finditer(r"[.!?](?=\s|$)|[。！？\n]", text)
            if match[0] != "." or not re.search(r"(?:^|[\s.])[A-Z]\.$",
                                                  text[max(0, match.end() - 3):match.end()]))
    for end in [*ends, len(text)]:  # a full stop after U.S. or S. ends no sentence
        while end - start > MAX_SENTENCE:
            cuts = [m.end() for m in _CUT.finditer(text, start + MAX_SENTENCE // 2,
                                                   start + MAX_SENTENCE)]
            cut = cuts[-1] if cuts else start + MAX_SENTENCE
            if text[start:cut].strip():
                spans.append((start, cut))
            start = cut
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    return spans


# -- periods ------------------------------------------------------------------------------------

def _periods(text: str, date: ArticleDate) -> list[tuple[int, int, str, str]]:
    """(start, end, period, hint) for every period phrase; a period of '' has only a hint."""
    masked = _COMPARISONS.sub(lambda m: " " * len(m[0]), text)
    found = []
    for pattern, kind in _PERIOD:
        # the phrases of earlier patterns win; one pattern's matches never overlap each other
        taken = Spans(sorted(found), span=lambda phrase: phrase[:2])
        for match in pattern.finditer(masked):
            if taken.overlaps(*match.span()):
                continue
            period, hint = _resolve(kind, match, date)
            found.append((match.start(), match.end(), period, hint))
    return sorted(found)


def _resolve(kind: str, match: re.Match, date: ArticleDate) -> tuple[str, str]:
    groups = [g for g in match.groups()]
    phrase = match[0].strip()
    years = [int(g) for g in groups if g and re.fullmatch(r"(?:19|20)\d{2}", g)]
    year = years[0] if years else None
    if kind == "year":
        return str(year), ""
    if kind == "full_year":  # a year's figures come out after it: the last one over
        if date.year is None:
            return "", f"period: {phrase!r} needs the article's date (give --date)"
        return str(date.year - 1), ""
    if kind in ("last_year", "this_year"):
        if date.year is None:
            return "", f"period: {phrase!r} needs the article's date (give --date)"
        if kind == "last_year":
            return str(date.year - 1), ""
        if date.month is None or date.month == 1:
            return "", (f"period: {phrase!r} in an article of {date.year}: the year so far, "
                        "to which month? (give a full --date)")
        # the year so far: the months published before the article's month
        last = date.month - 1
        so_far = f"{date.year}-01/{date.year}-{last:02d}" if last > 1 else f"{date.year}-01"
        return so_far, f"period: {phrase!r} read as the year so far ({so_far})"
    if kind in ("first_months", "zh_first_months"):
        word = next(g for g in groups if g and not re.fullmatch(r"(?:19|20)\d{2}", g))
        first, last = 1, _COUNTS.get(word.lower()) or int(word)
    elif kind == "q1":
        first, last = 1, 3
    elif kind == "month_span":
        names = [g for g in groups if g and not g.isdigit()]
        first, last = (_MONTHS[n.lower().rstrip(".")] for n in names[:2])
    elif kind in ("zh_month_span", "vi_month_span"):
        first, last = (int(g) for g in groups if g and len(g) <= 2)
    elif kind == "month":
        name = next(g for g in groups if g and not g.isdigit())
        first = last = _MONTHS[name.lower().rstrip(".")]
    else:  # zh_month, vi_month
        first = last = next(int(g) for g in groups if g and len(g) <= 2)
    if not (1 <= first <= last <= 12):
        return "", f"period: {phrase!r} is not a span of months"
    if year is None:
        if date.year is None:
            return "", f"period: {phrase!r} has no year and the article's date is unknown " \
                "(give --date)"
        # data for a month is published in the months after it
        year = date.year - 1 if date.month is not None and last >= date.month else date.year
    if first == last:
        return f"{year}-{first:02d}", ""
    return f"{year}-{first:02d}/{year}-{last:02d}", ""


# -- one figure ---------------------------------------------------------------------------------

def _nearest(mentions: Spans, start: int, end: int, lo: int, hi: int,
             skip=()) -> Mention | None:
    """The mention closest before the figure within [lo, start), else the first after it
    within (end, hi]."""
    def kept(mention):
        return mention.value not in skip

    return mentions.last(lo, start, kept) or mentions.first(end, hi, kept)


class Article:
    """An article's text with everything found in it, for proposing each figure's recipe."""

    def __init__(self, text: str, date: str = "", lang: str | None = None,
                 peg: dict | None = None):
        self.text = text
        self.lang = lang or extract.language(text)
        self.date = ArticleDate.parse(date)
        self.peg = peg or {}  # periods of the releases the article reports, by reporter
        self.sentences = Spans(sentences(text), span=lambda sentence: sentence)
        self.partners = Spans(_mentions(_partner_names(), text))
        self.products = Spans(_mentions(_product_names(), text))
        self.flows = Spans(_flows(text))
        self.periods = Spans(_periods(text, self.date), span=lambda period: period[:2])
        self._newlines = [match.start() for match in re.finditer("\n", text)]
        self.reporter = self._main_reporter()

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.sentences.containing(pos, pos + 1) or (0, len(self.text))

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
                 _PARTNER_BEFORE.search(self.text, max(0, m.start - 8), m.start)]
        counts = sorted(((named.count(r), r) for r in REPORTERS), reverse=True)
        if counts[0][0] > counts[1][0]:
            return counts[0][1]
        pegged = [r for r in REPORTERS if r in self.peg]
        if len(pegged) == 1:
            return pegged[0]
        self.reporter_known = False
        return "VNM" if self.lang == "vi" else "CHN"

    def _is_subject(self, mention: Mention) -> bool:
        """Whether the name is the trader: "China's exports", "China exported", "美国对中国",
        "Việt Nam xuất khẩu", "xuất khẩu của Việt Nam"."""
        after = self.text[mention.end:mention.end + 40]
        before = self.text[max(0, mention.start - 30):mention.start]
        if self.lang == "zh":  # in 我国对美国进出口, 美国 is the partner
            return bool(re.match(r"\s*(?:(?:19|20)\d{2}\s*年(?:全年)?\s*)?(?:[对對自从從]|"
                                 r"的?(?:出口|进口|進口|进出口|進出口|外贸|外貿|贸易|貿易|出超|"
                                 r"入超|顺差|順差))", after)
                        ) and not re.search(r"(?:[对對与與同自从從和])\s*$", before)
        if self.lang == "vi":
            return bool(re.match(r"\s*(?:xuất khẩu|nhập khẩu|xuất siêu|nhập siêu)", after)
                        or re.search(r"(?:xuất khẩu|nhập khẩu|thặng dư|thâm hụt|xuất siêu|"
                                     r"nhập siêu|thương mại)(?: thương mại)? của\s*$", before))
        return bool(_SUBJECT.match(after) or _SUBJECT_VERB.match(after))

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
        clause_end = self._clause_end(end, hi)
        partner = _nearest(self.partners, start, end, lo, clause_end, skip=(ctx.reporter,))
        ctx.partner = partner.value if partner else "WLD"
        if partner is None:
            earlier = self._carried(self.partners, lo, skip=(ctx.reporter, "WLD"))
            if earlier is not None:
                ctx.doubt(f"partner: none named in the sentence, {earlier.value} in the one "
                          "before", {"partner": earlier.value})
        # the flow the figure qualifies, printed right after it ("giảm 20% xuất khẩu"), else
        # the nearest before it, else the first after
        right_after = [self.flows[i] for i in self.flows.starting(end, min(hi, end + 4))
                       if not self.text[end:self.flows[i].start].strip()]
        flow = right_after[0] if right_after else _nearest(self.flows, start, end, lo, hi)
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
        product = _nearest(self.products, start, end, lo, clause_end)
        if product is not None:
            ctx.product = product.value
            if not product.value:
                ctx.uncoded = self.text[product.start:product.end]
        ctx.period = self._period(start, end, lo, hi, ctx)
        return ctx

    def _clause_end(self, end: int, hi: int) -> int:
        match = _CLAUSE_END.search(self.text[end:hi])
        return end + match.start() if match else hi

    def _carried(self, mentions, lo, skip=()):
        """The last mention of an earlier sentence of the same paragraph, or of the paragraph
        before when the sentence opens by referring back ("Of which", Trong đó, 其中); none of
        the values in `skip`."""
        paragraph = self._newline_before(lo)
        if _OPENERS.match(self.text, _SPACES.match(self.text, lo).end()):
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
        clause = self._clause_start(lo, start), self._clause_end(end, hi)
        chosen = (self.periods.last(clause[0], min(start, hi))
                  or self.periods.first(max(lo, end), clause[1])
                  or self.periods.last(lo, min(start, hi)))
        pegged = self.peg.get(ctx.reporter, [])
        later = self.periods.first(max(lo, end), hi) if chosen is None else None
        carried = self.periods.last(0, lo)
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
            if named and chosen[0] < self._clause_start(lo, start) and chosen[2]:
                ctx.doubt(f"period: the sentence names {len(named) + 1}",
                          *({"period": p} for p in sorted(named)))
        else:
            carried = self.periods.last(0, lo)
            if carried is not None and not carried[2]:
                carried = None
            if carried is not None and (carried[2] in pegged or not pegged):
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
        return chosen[2]

    def _clause_start(self, lo: int, start: int) -> int:
        breaks = [m.end() for m in _CLAUSE_END.finditer(self.text, lo, start)]
        return breaks[-1] if breaks else lo

    def _lead_period(self, pegged: list[str]) -> str:
        """The peg's period the headline and lead name, else its first (the longest of the
        latest release)."""
        lead = self.text.find("\n\n")
        lead = lead if lead > 0 else min(len(self.text), 400)
        named = [p[2] for p in map(self.periods.__getitem__, self.periods.within(0, lead))]
        return next((p for p in named if p in pegged), pegged[0])


# -- recipes ------------------------------------------------------------------------------------

def _spec(**keys) -> str:
    return " ".join(f"{k}={v}" for k, v in keys.items() if v)


def _series(ctx: Context, unit: str = "", measure: str = "") -> dict:
    series = {"reporter": ctx.reporter, "partner": ctx.partner, "flow": ctx.flow}
    if ctx.product != "TOTAL":
        series["product"] = ctx.product
    series["period"] = ctx.period
    if measure:
        series["measure"] = measure
    if unit:
        series["unit"] = unit
    return series


def _complete(series: dict) -> bool:
    return bool(series) and all(series.get(k, "TOTAL") for k in (
        "reporter", "partner", "flow", "product", "period"))


TO_CONFIRM = "reading to confirm"
OTHER_READINGS = "other readings: "
UNLISTED = "others the words do not give"


def to_confirm(doubts: list[str], others: list[dict], unlisted: bool = False) -> str:
    """The note of a reading that is not certain: why, and the other plausible readings, each
    as the keys it changes ("reading to confirm (period carried …); other readings: period=2025-12
    | partner=ASEAN"), ending in UNLISTED where a doubt has others the words do not give."""
    text = f"{TO_CONFIRM} ({', '.join(dict.fromkeys(doubts))})"
    listed = [_spec(**o) for o in others] + ([UNLISTED] if unlisted or not others else [])
    return text + f"; {OTHER_READINGS}" + " | ".join(listed)


def other_readings(note: str) -> list[dict] | None:
    """The other readings a draft's note lists (None when its reading is certain: no
    TO_CONFIRM in it), with {} for UNLISTED ones; what `check` judges beside the proposed
    one."""
    if TO_CONFIRM not in note:
        return None
    listed = note.partition(OTHER_READINGS)[2].split(";")[0]
    return [{} if reading.strip() == UNLISTED else
            dict(part.split("=", 1) for part in reading.split() if "=" in part)
            for reading in listed.split("|") if reading.strip()]


class Proposer:
    def __init__(self, text: str, figures: list, date: str = "", lang: str | None = None,
                 peg: dict | None = None):
        """`figures` in text order, as extract.find gives them; `peg`, the periods of the
        releases the article reports, by reporter (peg.releases)."""
        self.article = Article(text, date, lang, peg)
        self.figures = figures
        # figures may overlap (a range's two ends), so their starts and ends are indexed apart
        self._starts = [f.start for f in figures]
        by_end = sorted(range(len(figures)), key=lambda i: figures[i].end)
        self._ends = [figures[i].end for i in by_end]
        self._by_end = by_end
        self._not_trade_words = {}
        self.currency = self._main_currency()

    def _not_trade(self, lo: int, hi: int) -> str:
        """The first word of the sentence that is no trade statistic, or '': read once for
        all the sentence's figures (the slowest search of a figure's)."""
        if (lo, hi) not in self._not_trade_words:
            found = _NOT_TRADE.search(self.article.text[lo:hi])
            self._not_trade_words[lo, hi] = found[0] if found else ""
        return self._not_trade_words[lo, hi]

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
                if _CONVERSION.search(re.sub(r"\$|US\$|USD|¥|RMB", "", between).strip(" ,")):
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
        word = _RESPECTIVELY.search(self.article.text, lo, hi)
        if word is None:
            return
        # the run of figures of one unit (a bare number may close it: 5.5%和0) just before the
        # word ("… 13.4 percent, respectively"), or just after it (分別成長5.5%和0)
        after = word.start() < figure.start
        run = []
        for f in self._starting(word.end() if after else lo, hi if after else word.start()):
            gap = self.article.text[run[-1].end:f.start] if run else ""
            if run and f.unit in (run[-1].unit, "count") and _LIST_GAP.fullmatch(gap):
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

        clause_end = a._clause_end(figure.end, hi)
        said = a.text[lo:clause_end]  # up to the end of the figure's clause
        clause = a.text[a._clause_start(lo, figure.start):clause_end]
        if _FORECAST.search(said) or _EXPECTED.search(clause) or any(
                int(next(g for g in m.groups() if g)) > (a.date.year or 9999)
                for m in _FUTURE.finditer(said)):
            return not_checkable("forecast_or_opinion", "A forecast or an opinion (drafted: "
                                 "check the sentence).")
        if self._unpublished(ctx.period):
            return not_checkable("forecast_or_opinion", f"An estimate: {ctx.period} had not "
                                 "ended, or its figures were not yet out, on the article's date "
                                 f"({a.date.year}-{a.date.month:02d}).")
        word = self._not_trade(lo, hi)
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
            if _POLICY.search(a.text, lo, hi):
                return not_checkable("not_trade_statistic", "A count or a length of time in a "
                                     "sentence on policy, not a trade statistic (drafted: check "
                                     "the sentence).")
            # partners, firms, years in a row: publishers count them, the dataset does not
            what = "a count" if figure.unit == "count" else "a length of time (years in a row)"
            return not_checkable("not_located", f"{what.capitalize()}: the dataset holds values "
                                 "and quantities, not counts (drafted: check the sentence). "
                                 "Would be settled by the publisher's table that counts them, "
                                 "or its years of data.")
        if figure.unit == "percent" and _PRICE.search(before[-40:]):
            return not_checkable("not_located", "A price change: the dataset has no unit "
                                 "values. Would be settled by the publisher's table of major "
                                 "commodities (quantity and value).")
        if ctx.reporter not in REPORTERS and figure.unit in (*MONEY, "percent"):
            name = codes.name(ctx.reporter)
            return not_checkable("not_located", f"{name}'s own statistics, which the dataset "
                                 f"has no release of. Would be settled by {name}'s statistics "
                                 "of trade by partner.")
        if figure.unit == "percent" and _MOM.match(a.text[figure.end:hi].lstrip(" ,")):
            return self._month_on_month(figure, ctx, out, lo, hi)
        if figure.unit == "percent":
            return self._percent(figure, ctx, out, lo, hi)
        if figure.unit == "pp":
            out["note"] = "kind: a difference in points; write it as a difference by hand"
            return out
        level = self._level(figure, ctx)
        out.update(level)
        return out

    def _month_on_month(self, figure, ctx, out, lo, hi):
        """A rate on the month before: the publisher's printed m/m rate, as a level."""
        level = self._paired_level(figure, lo, hi)
        if level is not None:
            ctx = self.article.context(level.start, level.end)
        out["kind"] = "level"
        return self._finish(out, _series(ctx, measure="growth_mom_published"), ctx)

    def _level(self, figure, ctx) -> dict:
        out = {"kind": "", "series": "", "base": "", "note": ""}
        lo, hi = self.article.sentence(figure.start)
        before = self.article.text[lo:figure.start]
        if _CHANGE.search(before[-30:]):
            if _MOM.search(before):
                out["note"] = ("kind: a change on the month before: write it as a difference "
                               "(base period=the month before)")
                return out
            ctx.hints.append("a change in level on a year earlier, as printed")
            out["kind"] = "level"
            return self._finish(out, _series(ctx, measure="change_published"), ctx)
        source = self._conversion_of(figure)
        if source is not None:
            ctx = self.article.context(source.start, source.end)
            series = _series(ctx)
            whole = {"partner": "WLD", "product": "TOTAL", "flow": "total"}
            base = {k: v for k, v in whole.items() if (series.get(k) or "TOTAL") != v} or {
                "flow": ctx.flow}
            out["kind"], out["base"] = "conversion", _spec(**base)
            ctx.hints.append("a conversion of the figure before it, at the rate of the "
                             "publisher's world totals in both currencies (base)")
        else:
            measure = "quantity" if figure.unit in ("tonnes", "units") else ""
            series = _series(ctx, measure=measure)
            out["kind"] = "balance" if ctx.flow == "balance" else "level"
            self._month_or_so_far(figure, ctx)
            lo, hi = self.article.sentence(figure.start)
            if _PEAK.search(self.article.text, lo, figure.start):
                ctx.doubt("a peak: the highest of which years?")
        return self._finish(out, series, ctx)

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
                figure.qualifier in ("over", "at_least") or _FIRST.search(
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
        if _complete(series):
            out["series"] = _spec(**series)
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
        if _SHARE.search(before[-40:]) or re.match(r"\s*of\b|\s*的", after):
            return self._share(figure, ctx, out, after)
        near = a.text[max(lo, figure.start - 50):min(hi, figure.end + 30)]
        if not words.changes().search(near):
            out["note"] = "kind: a percentage that is neither a growth rate nor a share"
            return out
        level = self._paired_level(figure, lo, hi)
        if level is None and _REFERS_BACK.match(a.text[lo:hi].lstrip()):
            previous = a.sentences.last(0, lo)
            if previous is not None:  # "This figure represents a growth of 3.8 percent"
                level = self._last_level(previous[0], lo)
        if level is not None:
            level_ctx = a.context(level.start, level.end)
            measure = "quantity" if level.unit in ("tonnes", "units") else ""
            series = _series(level_ctx, unit=level.unit, measure=measure)
            ctx = level_ctx
        else:
            printed = self._pegged_currencies(ctx)
            if len(printed) == 1:  # the release the article reports prints it in one
                unit, why = printed[0], "the only one the news peg's release prints it in"
            else:
                unit = self.currency or self._currency_before(figure.start)
                why = "the article's currency" if self.currency else "the nearest level's"
            series = _series(ctx, unit=unit)
            ctx.hints.append(f"unit {unit}: no level beside the rate; {why}")
            ctx.doubt("unit: no level beside the rate", *({"unit": u} for u in MONEY
                                                           if u != unit))
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
        written_before = re.search(r"占([^,;，；。]*?)的?\s*$", before)  # 占我国进出口总值的8.8%
        if written_before:
            whole_text = written_before[1]
        whole_text = re.split(r"\s(?:and|while|whereas)\s|và|而", whole_text)[0]
        flows = _flows(whole_text)
        partners = [m for m in _mentions(_partner_names(), whole_text)
                    if m.value != ctx.reporter]
        products = _mentions(_product_names(), whole_text)
        if not ctx.flow and flows:
            ctx.flow = flows[0].value
            ctx.hints = [h for h in ctx.hints if not h.startswith("flow")]
        series = _series(ctx, unit=unit)
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
        out["base"] = _spec(**base)
        if not unit:
            ctx.hints.append("unit: no level beside the share, and no one currency for the "
                             "article's levels (add unit=CNY or unit=USD)")
        return self._finish(out, series, ctx)


def _spec_value(series: str, key: str) -> str:
    return next((part.partition("=")[2] for part in series.split()
                 if part.startswith(f"{key}=")), "")


PUBLISHERS = {"CHN": "GAC's", "VNM": "Vietnam Customs'"}


def settled_by(spec: dict, unit: str = "", uncoded: str = "") -> str:
    """The table that would settle a series, as the registry's not_located notes name it:
    "GAC's January-February 2026 trade by partner (ASEAN), in CNY"."""
    reporter = spec.get("reporter", "")
    publisher = PUBLISHERS.get(reporter, f"the statistics office of {reporter or 'the reporter'}")
    try:
        when = periods.parse(spec.get("period", "")).label() + " "
    except ValueError:
        when = ""
    product = spec.get("product", "TOTAL")
    partner = spec.get("partner", "WLD")
    flow = {"import": "import"}.get(spec.get("flow", ""), "export")
    if product.startswith("OWNERSHIP:") or (uncoded and _FIRMS.search(uncoded)):
        table = f"trade by type of firm ({uncoded or product})"
    elif uncoded or product != "TOTAL":
        table = f"table of major {flow} commodities ({uncoded or product})"
    elif partner != "WLD":
        table = f"trade by partner ({codes.name(partner) if codes.is_known(partner) else partner})"
    else:
        table = "total trade, exports and imports"
    if partner not in ("WLD", "") and (uncoded or product != "TOTAL"):
        table += f" to or from {codes.name(partner) if codes.is_known(partner) else partner}"
    return f"{publisher} {when}{table}" + (f", in {unit}" if unit else "")


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
            keys = {k: _spec_value(d["series"], k) for k in (
                "reporter", "flow", "period", "partner")}
            keys["product"] = _spec_value(d["series"], "product") or "TOTAL"
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


def _ranks(proposer: Proposer, drafts: list[dict]) -> list[tuple[int, dict]]:
    """Draft rows for the ranks the article states in words ("China's largest trading
    partner", 我国第一大出口目的地国): the partner named before, among the partners whose same
    series the article gives."""
    a = proposer.article
    rows, partners = [], _partners_by_series(drafts)
    for match in _RANK.finditer(a.text):
        word = match[0].lower()
        rank = next((n for w, n in _RANK_WORDS.items() if w in word), None)
        what = match.lastgroup.split("_")[1]
        ctx = a.context(match.start(), match.end())
        trader = _trader(a, match.start())
        if trader:  # "China's largest", 我国第一大: the trader, then the partner before it
            ctx.reporter = trader.value
            lo, _ = a.sentence(match.start())
            before = a.partners.last(lo, trader.start,
                                     lambda m, reporter=trader.value: m.value != reporter)
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
                f"A rank in {codes.name(ctx.reporter)}'s trade, which the dataset has no "
                "release of."))
            rows.append((match.start(), row))
            continue
        series = _series(ctx, unit=proposer.currency)
        rivals = sorted(partners.get(_but_partner(series), set()) - {ctx.partner, "WLD", ""})
        if ctx.partner == "WLD" or not rivals:
            ctx.hints.append("base: name the rivals (partner=A,B)")
        else:
            row["base"] = "partner=" + ",".join(rivals)
            ctx.hints.append("ranked among the partners the article gives the same series for")
        row.update(proposer._finish({}, series, ctx))
        if not row["base"]:
            row["series"] = ""
        rows.append((match.start(), row))
    return rows


def propose(text: str, article_id: str = "", lang: str | None = None, date: str = "",
            peg: dict | None = None) -> list:
    """Draft registry rows for every figure of the text, each with its proposed recipe, and
    one for each rank stated in words; numbered ARTICLE-1, ARTICLE-2 ... in text order.
    `peg`: the periods of the releases the article reports, by reporter (peg.releases)."""
    figures = extract.find(text, lang)
    proposer = Proposer(text, figures, date, lang, peg)
    drafts = []
    for f in figures:
        row = dict.fromkeys(COLUMNS, "")
        row.update(quote=f.quote, claimed=f.printed, unit=f.unit, scale=f.scale,
                   qualifier=f.qualifier)
        if f.unit in UNSCALED and f.scale:  # "2 billion people": the registry writes counts whole
            row.update(claimed=f"{float(f.printed) * SCALE_WORDS[f.scale]:.15g}", scale="")
        row.update(proposer.propose(f))
        drafts.append((f.start, row))
    drafts += _ranks(proposer, [row for _, row in drafts])
    drafts.sort(key=lambda pair: pair[0])
    rows = []
    for number, (_, row) in enumerate(drafts, 1):
        row.update(article_id=article_id, claim_id=f"{article_id}-{number}" if article_id else "")
        rows.append(row)
    return rows
