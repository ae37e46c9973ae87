"""Figures written in words, which the pattern of digits does not see, as the registry writes
them: a run ("the ninth straight month", 连续第三个月, tháng thứ 8 liên tiếp) is a count of its
months or quarters, or of its years in `year`; a record over a span ("a six-year high",
创六年最大跌幅, "the fastest in three months") a count of the span; a record since a year
("the highest since 2014", 为2017年以来最小) that year, in `year`; two digits (double-digit,
两位数, hai con số) a count of 2; a fraction (五分之一) or a multiple ("doubled", gấp đôi,
gấp hơn 5 lần, 翻番) in percent; a rank among economies (世界第二大经济体, nhóm 25 nền kinh tế)
or in all history ("the highest ever", 创历史新高, cao nhất từ trước đến nay) its place, in
`rank`."""

import re
from typing import NamedTuple

from tradeclaims.claims.reading import numerals

_EN = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
       "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_EN_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
_VI = {"hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
       "chín": 9, "mười": 10}
_ZH = "[一二两兩三四五六七八九十]{1,3}|\\d{1,2}"  # read by numerals.value
_EN_NUMBER = "|".join([*_EN, r"\d{1,2}"])
_EN_ORDINAL = "|".join([*_EN_ORDINALS, r"\d{1,2}(?:st|nd|rd|th)"])
_VI_NUMBER = "|".join([*_VI, r"\d{1,2}"])
_SUPERLATIVE = (r"highest|lowest|fastest|slowest|biggest|largest|smallest|sharpest|strongest|"
                r"weakest|steepest|best|worst|most|least|record")
_MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|"
           r"December")


class Worded(NamedTuple):
    start: int  # where the number stands (the whole phrase where it has no digits)
    end: int
    value: str
    unit: str
    qualifier: str = ""


def _number(word: str) -> float | None:
    """2 for 'two', 'second', '2nd', 两, 十二 → 12, hai; None for what is none of them."""
    word = word.lower()
    if word in _EN or word in _EN_ORDINALS or word in _VI:
        return _EN.get(word) or _EN_ORDINALS.get(word) or _VI[word]
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits[0])
    if re.fullmatch(_ZH, word):
        number = numerals.value(word)
        return int(number) if number else None
    return None


def _span_unit(word: str) -> str:
    """A run or span's unit: years in `year`, months and quarters counted."""
    return "year" if word.lower().startswith(("year", "年", "năm")) else "count"


# (pattern, how it reads): the number is group 'n', its span's word group 'what' (if any).
_RUNS = [
    rf"\b(?:the\s+)?(?P<n>{_EN_ORDINAL})\s+(?:straight|consecutive|successive)\s+"
    rf"(?P<what>month|year|quarter)\b",
    rf"\b(?P<n>{_EN_NUMBER})\s+(?:straight|consecutive|successive)\s+(?P<what>month|year|quarter)s\b",
    rf"\b(?P<n>{_EN_NUMBER})\s+(?P<what>month|year|quarter)s\s+in\s+a\s+row\b",
    rf"(?:连续|連續)(?:第)?(?P<n>{_ZH})\s*(?:个|個)?\s*(?P<what>月|季度|年)",
    rf"(?P<what>tháng|quý|năm)\s+thứ\s+(?P<n>{_VI_NUMBER})\s+liên\s+tiếp",
    rf"(?P<n>{_VI_NUMBER})\s+(?P<what>tháng|quý|năm)\s+liên\s+tiếp",
]
_SPANS = [
    rf"\b(?P<n>{_EN_NUMBER})[-\s](?P<what>year|month|quarter)\s+(?:high|low|peak|record|best|"
    r"worst)s?\b",
    rf"\b(?:{_SUPERLATIVE})\b[^.;,]{{0,40}}?\bin\s+(?:more\s+than\s+|over\s+|nearly\s+|"
    rf"almost\s+|at\s+least\s+)?(?P<n>{_EN_NUMBER})\s+(?P<what>year|month|quarter)s\b",
    rf"(?:创|創|为|為|是|达|達|至)(?:下)?(?:了)?(?:近|逾|超过|超過)?(?P<n>{_ZH})\s*"
    r"(?P<what>年|个月|個月|个季度|個季度)(?P<half>半)?(?:来|來|以来|以來)?(?:的)?(?:单月|單月|同期)?"
    r"(?:最|新高|新低)",
]
_SINCE = [
    rf"\b(?:{_SUPERLATIVE})\b[^.;]{{0,60}}?\bsince\s+(?:at\s+least\s+)?(?:records\s+began\s+"
    rf"in\s+)?(?:(?:early|late|mid)[-\s]?|(?:{_MONTHS})\s+)?(?P<n>(?:19|20)\d{{2}})\b",
    r"(?P<n>(?:19|20)\d{2})\s*年[^，,。；;]{0,10}?(?:以来|以來)[^，,。；;]{0,12}?(?:最|新高|新低|首次)",
    r"(?:cao|thấp|lớn|nhỏ|mạnh)\s+nhất\s+(?:kể\s+)?từ\s+(?:năm\s+)?(?P<n>(?:19|20)\d{2})\b",
]
# Ranks in words, among economies or in history: 世界第二大经济体, 全球前20大经济体, 史上第三大,
# 世界最大经济体, nhóm 25 nền kinh tế, lớn thứ hai thế giới, "the world's second-largest" (a
# partner's rank, 第一大贸易伙伴, is reading.ranks').
_RANKS = [
    rf"(?:史上|历史上|歷史上|全球|世界)?(?:第|前)\s*(?P<n>{_ZH}|\d{{1,3}})\s*大(?:的)?(?=经济体|經濟體|"
    r"贸易国|貿易國|出口国|出口國|进口国|進口國|货物贸易国|貨物貿易國|制造业|製造業)",
    rf"(?:史上|历史上|歷史上)第\s*(?P<n>{_ZH}|\d{{1,3}})\s*大",
    r"(?:世界|全球)(?P<one>最大)(?:的)?(?=经济体|經濟體|贸易国|貿易國|出口国|出口國|制造业|製造業)",
    r"\bnhóm (?P<n>\d{1,3}) nền kinh tế",
    rf"\blớn thứ (?P<n>{_VI_NUMBER})\b",
    r"\blớn (?P<one>nhất) thế giới\b",
    r"\bworld['’]s (?:(?P<n>second|third|fourth|fifth)[- ])?(?P<one>largest|biggest)\b",
    # a record over all history: first among every year there was
    r"(?P<one>cao nhất|lớn nhất) từ trước (?:đến|tới) nay", r"(?P<one>lớn nhất|cao nhất) "
    r"(?:trong )?lịch sử", r"(?:历史|歷史)(?P<one>新高)", r"有史以[来來](?:的)?(?P<one>最大|最高)",
    r"\b(?P<one>highest|largest|biggest) ever\b", r"\ball-time (?P<one>high)\b",
    r"\bnew (?:historical|historic) (?P<one>high)\b",
]
_RANKS_COMPILED = [re.compile(p, re.IGNORECASE) for p in _RANKS]
_TWO_DIGITS = re.compile(r"\bdouble[-\s]digits?\b|\btwo[-\s]digit\b|两位数|兩位數|双位数|雙位數|"
                         r"hai con số|hai chữ số", re.IGNORECASE)
_FRACTION = re.compile(rf"(?<![百千万萬])(?P<d>{_ZH})分之(?P<n>{_ZH})")
_MULTIPLES = [
    (r"\b(?:more\s+than\s+)?doubled\b", 200), (r"\b(?:more\s+than\s+)?tripled\b", 300),
    (r"gấp\s+(?:hơn\s+)?đôi", 200), (r"翻了?一?番|翻倍", 200),
    (rf"gấp\s+(?:hơn\s+)?(?P<n>{_VI_NUMBER}|\d+(?:,\d+)?)\s+lần", 0),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), "run") for p in _RUNS] + [
    (re.compile(p, re.IGNORECASE), "span") for p in _SPANS] + [
    (re.compile(p, re.IGNORECASE), "since") for p in _SINCE]
_MULTIPLES_COMPILED = [(re.compile(p, re.IGNORECASE), times) for p, times in _MULTIPLES]


def find(text: str) -> list[Worded]:
    """Every figure of the text written in words, in text order."""
    found = []
    for pattern, reading in _COMPILED:
        for m in pattern.finditer(text):
            value = _number(m["n"])
            if value is None:
                continue
            if reading == "since":
                found.append(Worded(*m.span("n"), m["n"], "year"))
                continue
            value += 0.5 if m.groupdict().get("half") else 0
            unit = "count" if reading == "span" else _span_unit(m["what"])
            found.append(Worded(*m.span("n"), f"{value:g}", unit))
    for pattern in _RANKS_COMPILED:
        for m in pattern.finditer(text):
            n = m.groupdict().get("n")
            value = _number(n) if n else 1
            if value:
                found.append(Worded(*(m.span("n") if n else m.span("one")), f"{value:g}", "rank"))
    for m in _TWO_DIGITS.finditer(text):
        found.append(Worded(*m.span(), "2", "count"))
    for m in _FRACTION.finditer(text):
        whole, part = _number(m["d"]), _number(m["n"])
        if whole and part and part < whole:
            found.append(Worded(*m.span(), f"{100 * part / whole:.3g}", "percent"))
    for pattern, times in _MULTIPLES_COMPILED:
        for m in pattern.finditer(text):
            if not times:
                n = m["n"].replace(",", ".")
                times = 100 * (_number(n) if not n.replace(".", "").isdigit() else float(n))
            over = "over" if re.search(r"more than|hơn", m[0], re.IGNORECASE) else ""
            found.append(Worded(*m.span(), f"{times:g}", "percent", over))
    return sorted(found)
