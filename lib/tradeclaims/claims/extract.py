"""Draft registry rows from an article's text: every numeric statement, in English, Chinese or
Vietnamese, with the figure as printed, its unit, scale and wording, and the shortest clause
that holds it as the quote. Dates, times, years used as dates, list numbers and period phrases
are left out. The rows are drafts: a person fills in the recipe (`kind`, `series`)."""

import re
from dataclasses import dataclass, replace
from pathlib import Path

from tradeclaims.claims import worded
from tradeclaims.claims.columns import COLUMNS
from tradeclaims.claims.reading import words
from tradeclaims.claims.reading.numerals import Arabic
from tradeclaims.claims.reading.text import clause, clause_start
from tradeclaims.claims.spans import Spans
from tradeclaims.csvfile import read_text, to_csv_text
from tradeclaims.errors import InputError

# The longest text read: 5 MB of dense figures takes under 40 s, proposals included
# (benchmarks/extract.py); a government work report runs to 0.1 MB, a year of
# press-conference transcripts to 2 MB.
MAX_BYTES = 5_000_000

# How numbers are written: Vietnamese swaps the roles of comma and point.
_NUMBER = {
    "en": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
    "zh": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
    # never a piece of a number it cannot read whole: "1.12" (no thousands group) is no "12"
    "vi": r"(?<![\d.])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![.]\d)",
}
_SCALES = [  # printed word -> registry scale, longest first
    ("nghìn tỷ", "trillion"), ("ngàn tỷ", "trillion"), ("nghìn tỉ", "trillion"),
    ("ngàn tỉ", "trillion"), ("万亿", "trillion"), ("萬億", "trillion"),
    ("trillion", "trillion"), ("billion", "billion"), ("million", "million"),
    ("thousand", "thousand"), ("tỷ", "billion"), ("tỉ", "billion"), ("triệu", "million"),
    ("nghìn", "thousand"),
    ("亿", "hundred_million"), ("億", "hundred_million"), ("万", "ten_thousand"),
    ("萬", "ten_thousand"), ("兆", "trillion"), ("bn", "billion"),
]
_MONEY_AFTER_兆 = "元美人新台日韩韓欧歐港"  # 兆 is a trillion before a currency (Taiwan), else mega
_UNITS = [  # printed word -> claim unit, longest first
    ("percentage points", "pp"), ("percentage point", "pp"), ("điểm phần trăm", "pp"),
    ("个百分点", "pp"), ("個百分點", "pp"), ("百分点", "pp"), ("百分點", "pp"),
    ("per cent", "percent"), ("percent", "percent"), ("phần trăm", "percent"), ("%", "percent"),
    ("US dollars", "USD"), ("U.S. dollars", "USD"), ("dollars", "USD"), ("USD", "USD"),
    ("美元", "USD"), ("đô la", "USD"), ("Mỹ kim", "USD"), ("mỹ kim", "USD"), ("nhân dân tệ", "CNY"),
    ("Nhân dân tệ", "CNY"), ("NDT", "CNY"), ("yuan", "CNY"),
    ("RMB", "CNY"), ("人民币", "CNY"), ("人民幣", "CNY"), ("美金", "USD"), ("元", "CNY"),
    ("units", "units"), ("handsets", "units"), ("个", "units"),
    ("個", "units"), ("部", "units"), ("台", "units"), ("tonnes", "tonnes"), ("tons", "tonnes"),
    ("吨", "tonnes"), ("噸", "tonnes"), ("tấn", "tonnes"), ("years", "year"), ("năm", "year"),
    ("年", "year"),
]
# Ranks printed as ordinals, which are otherwise no figures (a list's 2nd item, the 21st
# century): "ranks 21st", "20th in imports", "top 25", 排名第21位, 位居第二, đứng thứ 3.
_ORDINAL_WORDS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7",
                  "八": "8", "九": "9", "十": "10", "hai": "2", "ba": "3", "tư": "4", "năm": "5"}
_RANKS = re.compile(
    r"\brank(?:s|ed)?\s+(?:\w+\s+)?(\d{1,3})(?:st|nd|rd|th)\b|"
    r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?=in\s+(?:the\s+)?(?:world|imports|exports|trade)|"
    r"place\b|largest\b|biggest\b)|\btop[\s-]+(\d{1,3})\b(?!\s*(?:%|percent))|"
    r"(?:排名|位居|位列|居|名列)(?:全球|世界)?第\s*(\d{1,3}|[一二三四五六七八九十])\s*(?:位|名)?|"
    r"(?<=出口|进口|進口|贸易|貿易)\s*第\s*(\d{1,3})\s*(?:位|名)|"
    r"(?:đứng|xếp|xếp hạng) thứ (\d{1,3}|hai|ba|tư|năm)\b",
    re.IGNORECASE)
# 6兆3547億 (Taiwan): 6.3547 trillion; a multiple, 增长3.5倍: 350 percent.
_TRILLION_AND = re.compile(r"(\d+)\s*兆\s*(\d,\d{3}|\d{1,4})\s*億")  # 1兆1,890億
_TIMES = re.compile(r"(\d+(?:\.\d+)?)\s*倍")
# "45.47兆（人民幣，下同）": every bare 兆 after it is a trillion of that currency.
_LIKEWISE = re.compile(r"兆\s*[（(]\s*(人民幣|人民币|美元|新台幣|新台币)\s*[,，]\s*下同\s*[)）]")
_LIKEWISE_UNITS = {"人民幣": "CNY", "人民币": "CNY", "美元": "USD"}
_CURRENCY_BEFORE = r"(?:US\$|\$|USD\s?|RMB\s?|¥)"
_FRACTIONS = {"one-fifth": "20", "a fifth": "20", "one fifth": "20", "a quarter": "25",
              "one-quarter": "25", "a third": "33.3", "one-third": "33.3", "half": "50",
              "two-thirds": "66.7", "three-quarters": "75"}
_QUALIFIERS = [  # wording just before a figure -> registry qualifier, longest first
    ("cao hơn", ""), ("thấp hơn", ""),  # higher, lower by: "cao hơn 5,9%" is a rise of 5.9%
    ("more than", "over"), ("in excess of", "over"), ("exceeding", "over"), ("exceeded", "over"),
    ("surpassed", "over"), ("over", "over"), ("above", "over"), ("超过", "over"),
    ("超過", "over"), ("突破", "over"), ("逾", "over"), ("vượt", "over"), ("hơn", "over"),
    ("trên", "over"), ("vượt quá", "over"), ("vượt qua", "over"), ("vượt mốc", "over"),
    ("vượt ngưỡng", "over"), ("crossed", "over"), ("passed", "over"), ("past", "over"),
    ("topped", "over"), ("surpassing", "over"), ("exceeds", "over"), ("exceed", "over"),
    ("at least", "at_least"), ("at most", "at_most"), ("less than", "under"),
    ("under", "under"), ("below", "under"), ("dưới", "under"), ("不足", "under"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"), ("接近", "nearly"),
    ("将近", "nearly"), ("將近", "nearly"), ("近", "nearly"), ("gần", "nearly"), ("sát", "nearly"),
    ("approximately", "about"), ("roughly", "about"), ("around", "about"), ("about", "about"),
    ("some", "about"), ("约", "about"), ("約", "about"), ("khoảng", "about"),
]
_AFTER = [  # wording just after a figure (160多个, 1,000余家, 1 tỷ USD trở lên)
    ("多", "over"), ("余", "over"), ("餘", "over"), ("以上", "over"), ("trở lên", "at_least"),
]
_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                   "七": 7, "八": 8, "九": 9}
# Tenths (四成: 40%, 七成五: 75%) and points in words (两个百分点: 2 pp).
# 成 is also a verb and a syllable (一成不变, 三成员国, 九成为): no tenths before those.
_NOT_TENTHS = "员員为為功本立长長交果绩績品不就"
_CHINESE_WORDS = [(re.compile(rf"([{''.join(_CHINESE_DIGITS)}])成(?![{_NOT_TENTHS}])"
                              rf"([{''.join(_CHINESE_DIGITS)}])?"),
                   10, "percent"),
                  (re.compile(rf"([{''.join(_CHINESE_DIGITS)}])[个個]百分[点點]"), 1, "pp")]
# A deficit is a negative balance (exports less imports), as the registry writes it.
_DEFICITS = re.compile(r"\bdeficits?\b|thâm hụt|nhập siêu|逆差|赤字", re.IGNORECASE)
# What is not a figure: the number's surroundings say it is a date, a time, an ordinal, a rank
# in a list or a span of months.
_NOT_FIGURES = [
    r"\d{1,2}:\d{2}", r"(?:GMT|UTC)\s*[+-]\s*\d+",  # a time of day, a time zone
    r"\d{4}-\d{2}(?:-\d{2})?", r"\d{1,2}[-/]\d{1,2}[-/]\d{2,4}", r"\d{1,2}/\d{4}",  # dates
    r"https?://\S+", r"www\.\S+",  # addresses
    r"\d+\s*月\s*\d+\s*日", r"(?<![\d.])\d{1,2}\s*日(?![元圓圆])", r"\d+\s*月",
    r"\d{4}\s*年", r"(?:19|20)\d{2}(?=\s*(?:全年|年度|上半年|下半年))", r"第\s*\d+",
    r"前\s*\d+\s*[个個]?月", r"前\s*\d\s*[个個]?季度",
    r"\d+\s*[个個]月", r"\d+\s*(?:st|nd|rd|th)\b", r"(?i:tháng|ngày|năm|quý)\s+\d+(?:/\d+)*",
    r"\d+\s*tháng\s+đầu\s+năm", r"\d+\s+(?:tháng|ngày|giờ|tuần)(?!\s*\d)",  # 2 months, 15 days
    r"(?i:kỳ)\s+\d+",
    r"\b\d+\s+(?:days|hours|weeks)\b", r"\d+\s*(?:天|小时|小時|周|週)",
    r"(?:first|last|past|next)\s+\w+\s+months", r"\b\d+\s+months\b",
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b",
    r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b",
    r"\b(?:in|of|for|during|by|from|to|and|until|since|year|late|early|mid)\s+(?:19|20)\d{2}\b",
    r"\b(?:19|20)\d{2}\s*(?:[-–]|to)\s*(?:19|20)\d{2}\b", r"\b(?:19|20)\d{2}\b(?!\s*(?:%|percent))",
]
MAX_QUOTE = 400  # characters; each figure of a 1 MB text without a full stop quoted it whole
_SPACES = re.compile(r"\s*")
_OF = re.compile(r"\s*(?:of\s+)?")
# the words compared in lower case, lowered once
_SCALES_LOWER = [(word, word.lower(), name) for word, name in _SCALES]
_QUALIFIERS_LOWER = [(word, word.lower(), name) for word, name in _QUALIFIERS]
_COUNTER = re.compile(r"\s*[个個]")


@dataclass(frozen=True)
class Figure:
    """A numeric statement found in a text: where, as printed, and how the registry writes it."""

    start: int
    end: int
    printed: str  # the figure as the registry writes it: "-7.2", "7583.2"
    unit: str
    scale: str
    qualifier: str
    quote: str


def read(path: Path) -> str:
    """An article's text, refused, before it is read, past MAX_BYTES."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        size = 0  # read_text names what is wrong
    if size > MAX_BYTES:
        raise InputError(path, f"{size:,} bytes is more than extract reads "
                         f"({MAX_BYTES:,}): split the text into parts and extract each")
    return read_text(path)


def language(text: str) -> str:
    """zh, vi or en, from the letters the text is written in."""
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    vietnamese = len(re.findall(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]",
                                text, re.IGNORECASE))
    if cjk > len(text) / 20:
        return "zh"
    return "vi" if vietnamese > len(text) / 200 else "en"


def find(text: str, lang: str | None = None) -> list[Figure]:
    """Every numeric statement of the text, in order, where it stands in the text."""
    plain, figures = find_plain(text, lang)
    if plain.text == text:
        return figures
    return [replace(f, start=start, end=end) for f in figures
            for start, end in [plain.span(f.start, f.end)]]


def find_plain(text: str, lang: str | None = None) -> tuple[Arabic, list[Figure]]:
    """The text with its Chinese numerals and full-width digits in ASCII, and every numeric
    statement, where it stands in that text; each quoted from the text as printed."""
    plain = Arabic(text)
    figures = _find(plain.text, lang or language(text))
    if plain.text != text:
        figures = [replace(f, quote=_quote(text, *plain.span(f.start, f.end))) for f in figures]
    return plain, figures


def _find(text: str, lang: str) -> list[Figure]:
    masked = Spans.merged(_masked(text))
    figures = []
    for match in re.finditer(_NUMBER[lang], text):
        start, end = match.span()
        if masked.overlaps(start, end) or _inside_word(text, start, end):
            continue
        figures.append(_figure(text, start, end, _to_plain(match[0], lang)))
    for word, value in _FRACTIONS.items():  # "a fifth" is about 20 percent
        # "the first half of 2025" is a period, not 50 percent
        for match in re.finditer(rf"(?<!first )(?<!second )\b{re.escape(word)}\b", text,
                                 re.IGNORECASE):
            figure = _figure(text, *match.span(), value, unit="percent")
            figures.append(replace(figure, qualifier=figure.qualifier or "about"))
    for pattern, factor, unit in _CHINESE_WORDS:
        for match in pattern.finditer(text):
            value = str(_CHINESE_DIGITS[match[1]] * factor + (
                _CHINESE_DIGITS[match[2]] if match.lastindex == 2 and match[2] else 0))
            figures.append(_figure(text, *match.span(), value, unit=unit))
    figures = _worded(text, _compounds(text, figures))
    taken = {f.start: f for f in figures}
    for match in _RANKS.finditer(text):
        group = next(i for i in range(1, 7) if match[i])
        found = taken.get(match.start(group))
        if found is None or found.unit == "count":  # "top 25" is a rank, not 25 things
            if found is not None:
                figures.remove(found)
            value = _ORDINAL_WORDS.get(match[group].lower(), match[group])
            figures.append(Figure(match.start(group), match.end(group), value, "rank", "", "",
                                  _quote(text, match.start(group), match.end(group))))
    return _bare_scales(text, sorted(_likewise(text, figures), key=lambda f: f.start))


def _compounds(text: str, figures: list[Figure]) -> list[Figure]:
    """One figure for what Chinese writes in two: 6兆3547億美元 is 6.3547 trillion dollars,
    增长3.5倍 a rise of 350 percent."""
    out = list(figures)
    for match in _TRILLION_AND.finditer(text):
        parts = [f for f in out if match.start() <= f.start < match.end()]
        if len(parts) != 2:
            continue
        whole, rest = parts
        value = f"{int(match[1]) + int(match[2].replace(',', '')) / 10_000:.6g}"
        out = [f for f in out if f not in parts]
        out.append(Figure(whole.start, rest.end, value, rest.unit, "trillion", whole.qualifier,
                          _quote(text, whole.start, rest.end)))
    for match in _TIMES.finditer(text):
        part = next((f for f in out if f.start == match.start(1)), None)
        if part is not None and part.unit == "count":
            out.remove(part)
            value = f"{float(match[1]) * 100:g}"
            out.append(Figure(part.start, match.end(), value, "percent", "",
                              _qualifier(text, part.start), _quote(text, part.start,
                                                                   match.end())))
    return out


def _worded(text: str, figures: list[Figure]) -> list[Figure]:
    """With the figures written in words (worded.find): each in place of the plain count or
    length of time it reads ("gấp hơn 5 lần" is 500 percent, not 5 things; 创16年来新高 a span
    counted), and none over a figure of another kind."""
    out = list(figures)
    for w in worded.find(text):
        inside = [f for f in out if f.start < w.end and w.start < f.end]
        if any(f.unit not in ("count", "year") for f in inside):
            continue
        out = [f for f in out if f not in inside]
        qualifier = w.qualifier or (_qualifier(text, w.start) if w.unit == "percent" else "")
        out.append(Figure(w.start, w.end, w.value, w.unit, "", qualifier,
                          _quote(text, w.start, w.end)))
    return out


def _likewise(text: str, figures: list[Figure]) -> list[Figure]:
    """Bare 兆 figures after a "（人民幣，下同）" in that currency, at the scale of a trillion."""
    said = [(m.start(), _LIKEWISE_UNITS.get(m[1], "")) for m in _LIKEWISE.finditer(text)]
    if not said:
        return figures
    out = []
    for f in figures:
        unit = next((u for pos, u in reversed(said) if pos <= f.end), "")
        if unit and f.unit == "count" and text.startswith("兆", f.end):
            end = f.end + 1
            f = Figure(f.start, end, f.printed, unit, "trillion", f.qualifier,
                       _quote(text, f.start, end))
        out.append(f)
    return out


# 亿 and 万亿 with no currency after them ("出口26.98万亿，增长6%"), where no thing counted follows
# (14亿人口, 5亿件, 一亿的国家): the currency of the text's last amount in 亿 or 万亿 before them.
_BARE_SCALE = re.compile(r"\s*(?:[^\u4e00-\u9fff]|的(?:货|貨|贸|貿|商品|进|進|出)|$)")


def _bare_scales(text: str, figures: list[Figure]) -> list[Figure]:
    out, currency = [], ""
    for f in figures:
        if f.unit in words.MONEY and f.scale in _CHINESE_SCALES:
            currency = f.unit
        elif (currency and f.unit == "count" and f.scale in _CHINESE_SCALES
              and text[f.end - 1] in "亿億" and _BARE_SCALE.match(text, f.end)):
            f = replace(f, unit=currency)
        out.append(f)
    return out


_CHINESE_SCALES = ("hundred_million", "trillion")


def _masked(text: str) -> list[tuple[int, int]]:
    return [m.span() for pattern in _NOT_FIGURES for m in re.finditer(pattern, text)]


def _inside_word(text: str, start: int, end: int) -> bool:
    """A digit that is part of a name or a code (G20, COVID-19, 5G)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    named = before == "-" and start > 1 and text[start - 2].isalpha()  # COVID-19, not 4,5-5%
    if re.search(r"(?<![A-Za-z])(?:RMB|USD)$", text[max(0, start - 4):start]):
        before = " "  # RMB45.5 trillion: a currency, no name
    return (before.isascii() and before.isalpha()) or named or before == "_" or (
        after.isascii() and after.isalpha() and after not in "bBmMkK") or after in "_"


def _to_plain(printed: str, lang: str) -> str:
    if lang == "vi":
        return printed.replace(".", "").replace(",", ".")
    return printed.replace(",", "")


def _figure(text, start, end, value, unit=None) -> Figure:
    qualifier_after, end = _after(text, end)
    # the first figure of a range takes the scale and unit of the second (4,5-5%)
    span = re.match(r"\s*[-–~～至到]\s*[\d.,]+", text[end:end + 24])
    after = end + (span.end() if span else 0)
    scale, unit_found, end_unit = _scale_and_unit(text[after:after + 40])
    end_unit = end_unit if not span else 0
    if not qualifier_after and end_unit:  # 1 tỷ USD trở lên
        qualifier_after, moved = _after(text, end + end_unit + len(
            _SPACES.match(text, end + end_unit).group()))
        end_unit = end_unit if not qualifier_after else moved - end
    currency = re.search(_CURRENCY_BEFORE + r"\s*$", text[max(0, start - 5):start])
    unit = unit or unit_found or (("CNY" if currency[0].strip() in ("RMB", "¥") else "USD")
                                  if currency else "count")
    if unit == "units" and not scale and _COUNTER.match(text, end):
        unit = "count"  # 249个 (countries, firms); 3495亿个 is a quantity of goods
    qualifier = _qualifier(text, start - (len(currency[0]) if currency else 0)) or (
        qualifier_after)
    if unit in ("percent", "pp") and _declined(text, start) or (
            unit in ("USD", "CNY") and _DEFICITS.search(_clause_before(text, start))):
        value = value if value.startswith("-") else f"-{value}"
    return Figure(start, end + end_unit, value, unit, scale, qualifier,
                  _quote(text, start, end + end_unit))


def _after(text: str, end: int) -> tuple[str, int]:
    """A qualifier printed right after the figure (160多), and where the figure then ends."""
    for word, name in _AFTER:
        if text.startswith(word, end):
            return name, end + len(word)
    return "", end


def _scale_and_unit(after: str) -> tuple[str, str, int]:
    """The scale and unit printed right after a figure, and how many characters they take."""
    pos, scale, unit = 0, "", ""
    gap = _SPACES.match(after).end()
    rest = after[gap:]
    lowered = rest.lower()
    for word, lower, name in _SCALES_LOWER:
        if lowered.startswith(lower) and (
                word != "兆" or rest[1:2] and rest[1] in _MONEY_AFTER_兆):
            scale, pos = name, gap + len(word)
            break
    gap = _OF.match(after, pos).end() - pos
    for word, name in _UNITS:
        if after[pos + gap:].startswith(word):
            unit, pos = name, pos + gap + len(word)
            break
    return scale, unit, pos


def _qualifier(text: str, start: int) -> str:
    before = text[max(0, start - 24):start].rstrip().lower()
    before = re.sub(r"\s+the$", "", before)  # "surpassing the $1 trillion mark"
    for word, lower, name in _QUALIFIERS_LOWER:
        if before.endswith(lower) and (
                len(before) == len(word) or not before[-len(word) - 1].isalpha()
                or not word.isascii()):
            return name
    return ""


def _clause_before(text: str, start: int) -> str:
    return text[clause_start(text, start):start]


def _declined(text: str, start: int) -> bool:
    """Whether the clause says, before the figure, that something fell: its last word of change
    is one of decline ("fell 7.7% by volume and 9.4% by value"; not "plunged 20% but those to
    the EU rose 8.4%")."""
    between = _clause_before(text, start)
    changes = words.changes().findall(between)
    # a year or a month is not an earlier figure (2025年, 11月, tháng 11)
    figures = re.sub(r"(?:19|20)\d{2}\s*年?|\d{1,2}\s*月|(?i:tháng)\s*\d{1,2}", "", between)
    return (bool(changes) and bool(words.declines().fullmatch(changes[-1]))
            and not re.search(r"\d", figures[-12:]))


def _quote(text: str, start: int, end: int) -> str:
    """The shortest clause around the figure, verbatim; in a clause too long to be a quote
    (a text without punctuation), the words around the figure."""
    span = clause(text, start, end)
    if span is None:
        return text[start:end]
    low, high = span
    if high - low > MAX_QUOTE:  # cut at the spaces nearest to half of it either side
        low, high = max(low, start - MAX_QUOTE // 2), min(high, end + MAX_QUOTE // 2)
        space_before, space_after = text.find(" ", low, start), text.rfind(" ", end, high)
        low = space_before + 1 if space_before >= 0 else low
        high = space_after if space_after >= 0 else high
    return text[low:high].strip()


def rows(text: str, article_id: str = "", lang: str | None = None) -> list[dict]:
    """Draft registry rows, numbered ARTICLE-1, ARTICLE-2 ... when an article id is given."""
    drafts = []
    for number, f in enumerate(find(text, lang), 1):
        row = dict.fromkeys(COLUMNS, "")
        row.update(claim_id=f"{article_id}-{number}" if article_id else "", article_id=article_id,
                   quote=f.quote, claimed=f.printed, unit=f.unit, scale=f.scale,
                   qualifier=f.qualifier)
        drafts.append(row)
    return drafts


def to_csv(drafts: list[dict]) -> str:
    return to_csv_text(COLUMNS, drafts)
