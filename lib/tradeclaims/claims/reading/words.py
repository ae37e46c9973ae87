"""The words articles use for what a figure is: flows, changes, shares, forecasts, comparisons,
ranks, months, and the phrases of periods, in English, Chinese and Vietnamese. The words of change
come from `changes` in data/vocabulary.yaml: one place for `extract` (the sign of a rate) and
the proposals (whether a rate is a growth rate)."""

import re
from functools import cache

from tradeclaims.data.vocabulary import section

REPORTERS = ("CHN", "VNM")  # the economies whose releases the dataset holds
MONEY = ("USD", "CNY")
APOSTROPHE = r"['’]s"

FLOWS = [  # longest first where one word holds another (进出口 holds 出口)
    ("total", r"\b(?:imports? and exports?|exports? and imports?)\b|进出口|進出口|"
              r"xuất(?:\s*[,-]\s*|\s+)nhập khẩu|"
              r"kim ngạch thương mại"),
    ("balance", r"\btrade (?:surplus|deficit|balance|gap)\b|\bsurplus(?:es)?\b|\bdeficits?\b|"
                r"(?:贸易|貿易)?(?:顺差|順差|逆差)|出超|入超|xuất siêu|nhập siêu|"
                r"(?:thặng dư|thâm hụt)(?: thương mại)?|cán cân(?: thương mại)?"),
    ("export", r"\bexport(?:s|ed|ing)?\b|\bshipments?\b|\bships\b|出口|xuất khẩu|xuất cảng"),
    ("import", r"\bimport(?:s|ed|ing)?\b|进口|進口|nhập khẩu|nhập cảng"),
    ("total", r"\btrade\b|\btrading\b|贸易|貿易|thương mại|ngoại thương|外贸"),
]
FLOW = re.compile("|".join(f"(?P<{flow}{i}>{pattern})" for i, (flow, pattern)
                            in enumerate(FLOWS)), re.IGNORECASE)

SHARE = re.compile(r"\baccount(?:s|ed|ing)? for\b|\bmaking up\b|\bmade up\b|\bmakes? up\b|"
                    r"\bconstitut\w+\b|\bshare of\b|\bproportion\b|占|佔|比重|chiếm|tỷ trọng",
                    re.IGNORECASE)
# Words of a forecast or an estimate that govern the whole sentence up to the figure's clause
# (lower-case modals: May is a month) ...
FORECAST = re.compile(r"\b(?i:predict\w*|project(?:ed|ion)s?|expected to|estimat\w*)\b|"
                       r"\b(?:will|would|could|may)\b|预计|預計|估计|估計|预测|預測|有望|可望|"
                       r"dự kiến|ước tính|"
                       r"ước đạt")
# ... of which these are also the statistics office's word for its first figures of a month
# that has ended ("an estimated deficit of $1.78 billion in January", ước tính, ước đạt).
ESTIMATED = re.compile(r"(?i:estimat\w*)|ước tính|ước đạt|估计|估計")
# ... and those that make only the figure's own clause one: "beat the expected 3%", 預期為3%,
# "cao hơn mức tăng 5% do Wind dự báo".
EXPECTED = re.compile(r"\b(?i:forecast\w*|expected|expectations?|consensus|analysts?|"
                       r"economists?|polled|poll|survey)\b|预测|預測|预期|預期|预估|預估|dự báo|"
                       r"kỳ vọng")
# ... but not where the figure is set against the expectations ("rose more strongly than
# expected", 超预期增长6.6%, "vượt kỳ vọng"): the figure is the outcome.
THAN_EXPECTED = re.compile(r"\b(?:than|-than-)(?:\s*\w+)?\s*(?:had\s+)?(?i:expected|forecast|"
                           r"anticipated|predicted)\b|(?:超|好于|好於|不及|低于|低於|高于|高於|超出)"
                           r"(?:市场)?(?:预期|預期)(?![的为為是])|vượt (?:mức )?kỳ vọng",
                           re.IGNORECASE)
NOT_TRADE = re.compile(r"\binvestment\b|(?<![A-Za-z])(?:GDP|IIP)(?![A-Za-z])|"
                       r"\bindustrial (?:output|production|products)\b|"
                        r"\bretail sales\b|\bmanufacturing (?:power|output)\b|\binflation\b|"
                        r"\bprices? of electricity\b|投资|投資|工业增加值|工業增加值|đầu tư|"
                        r"sản xuất công nghiệp|"
                        r"(?<!largest )(?<!biggest )\beconomy (?:grew|expanded|rose)\b|"
                        r"\bKinh tế [^,.;]{0,20}?tăng trưởng|tổng sản lượng quốc nội|lạm phát|"
                        r"ngành công nghiệp và xây dựng|khu vực dịch vụ|经济增长|經濟成長|通胀|"
                        r"通脹|通膨", re.IGNORECASE)
REFERS_BACK = re.compile(r"(?:This|That|The) (?:figure|amount|total|sum|value)\b|It\b|"
                          r"(?:Con số|Mức) này|这一数字|该数字")
FIRMS = re.compile(r"enterprises|firms|companies|企业|doanh nghiệp", re.IGNORECASE)
POLICY = re.compile(r"\btariffs?\b|\bagreements?\b|\bFTAs?\b|\bvisas?\b|\bsanctions?\b|"
                     r"关税|關稅|协定|協定|thuế quan|hiệp định", re.IGNORECASE)
# Trade in services (服務貿易逆差, "the services deficit"): the dataset holds trade in goods.
SERVICES = re.compile(r"服务贸易|服務貿易|服务进出口|服務進出口|"
                      r"\bservices? (?:trade|exports?|imports?|surplus|deficit)\b|"
                      r"\btrade in services\b|thương mại dịch vụ|xuất khẩu dịch vụ|"
                      r"nhập khẩu dịch vụ", re.IGNORECASE)
# Trade by volume (贸易量增幅2.4%, "export volumes grew 3%"): a quantity index, or the value?
VOLUME = re.compile(r"贸易量|貿易量|出口量|进口量|進口量|\bvolumes?\b|khối lượng", re.IGNORECASE)
# A record over all history ("the highest ever", 创历史新高, 有史以来最大, cao nhất từ trước
# đến nay).
HISTORY = re.compile(r"\bever\b|\ball-time\b|\bhistoric(?:al)?\b|历史|歷史|有史以|lịch sử|"
                     r"từ trước (?:đến|tới) nay", re.IGNORECASE)
# An economy by its size, not its trade: 世界第二大经济体, "the second-largest economy".
ECONOMY = re.compile(r"经济体|經濟體|\beconom(?:y|ies)\b|nền kinh tế|制造业|製造業|manufactur",
                     re.IGNORECASE)
# Where a clause names a partner by words the vocabulary may not know: 与共建某某国家进出口,
# "exports to the Gulf", "xuất khẩu sang Ả Rập": the name, for NewsPeg-free reading doubts.
UNNAMED_PARTNER = re.compile(
    r"[与與对對同和自从從](?![外比时時此])(?P<zh>[^，,。；;、\d%]{2,14}?)的?(?:进出口|進出口|出口|"
    r"进口|進口|贸易|貿易)|"
    r"\b(?:with|to|from)\s+(?:the\s+)?(?P<en>[A-Z][\w.-]+(?:\s+(?:and\s+)?[A-Z][\w.-]+){0,3})|"
    r"\b(?:với|sang|từ)\s+(?P<vi>[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]"
    r"\w*(?:\s+[A-ZĐ]\w*){0,3})")
# Where a clause names goods by words the vocabulary may not know: "ship exports", "exports of
# farm machinery", 船舶产品出口, "xuất khẩu cà phê đạt", "nhóm hàng dệt may": the words, for doubts
# (an unknown product read as all goods would accuse with certainty).
_NOT_GOODS = (r"China's|Chinese|Vietnam's|Vietnamese|the|its|their|total|overall|combined|"
              r"monthly|annual|yearly|outbound|inbound|merchandise|goods|country's|nation's|"
              r"world's|global|headline|strong|stronger|weak|weaker|record|net|and|of|in|"
              r"exports|imports|shipments|trade|bilateral|foreign|two-way|international|"
              r"[A-Z][a-z]+(?:'s)?")
# What ends a Chinese name of goods.
GOODS_SUFFIX = "产品|產品|商品|设备|設備|制品|製品|机械|機械|材料"
UNNAMED_PRODUCT = re.compile(
    rf"\b(?P<en>(?!(?:{_NOT_GOODS})\b)[a-z][a-z-]+(?:\s+(?:and\s+)?[a-z][a-z-]+){{0,3}})\s+"
    rf"(?:exports|imports|shipments)\b|"
    r"\b(?i:exports|imports|shipments) of (?P<en2>(?!goods\b|merchandise\b|services\b)[a-z][a-z-]+"
    r"(?:\s+(?:and\s+)?[a-z][a-z-]+){0,3}?)(?=\s+(?:rose|fell|grew|jumped|dropped|declined|"
    r"increased|decreased|surged|totall?ed|reached|were|was|climbed|slipped|amounted)\b)|"
    rf"(?P<zh>[\u4e00-\u9fff]{{1,8}}?(?:{GOODS_SUFFIX}))的?"
    r"(?:出口|进口|進口)|"
    r"(?:mặt hàng|nhóm hàng)\s+(?P<vi>[^,.;:\d()]{2,40}?)(?=\s+(?:đạt|tăng|giảm|chiếm|ước|với|"
    r"của|sang|trong)\b)|"
    r"(?:xuất khẩu|nhập khẩu)\s+(?P<vi2>(?!(?:của|sang|đạt|tăng|giảm|hàng hóa|trong|năm|tháng|"
    r"quý|ước|là|với|từ|vào|đã|vẫn|cả|chiếm|và|cũng|tiếp tục|dự kiến|có|được|thị trường|kim "
    r"ngạch|các|những|này|nhóm|mặt|hàng|bình quân|ròng)\b)[a-zà-ỹđ]+(?:\s+[a-zà-ỹđ]+){0,2}?)"
    r"(?=\s+(?:đạt|tăng|giảm|chiếm|ước đạt|của)\b)")
# A rate that is a tariff or a tax ("tariffs that average 47.5%", 关税, chịu thuế 47,5%).
TARIFF = re.compile(r"\btariffs?\b|\bdut(?:y|ies)\b|\blev(?:y|ies)\b|关税|關稅|税率|稅率|"
                    r"\bthuế\b", re.IGNORECASE)
# The world less the United States: 非美地区, "non-US markets", "outside the U.S.", ngoài Mỹ.
EXCEPT_US = re.compile(r"非美(?:国|國)?|\bnon-U\.?S\.?|\b(?:outside|excluding|except) (?:the )?"
                       r"U\.?S\.?\b|\bex-U\.?S\.?|ngoài (?:thị trường )?Mỹ")
# A level a day: 每天, "a day", mỗi ngày.
# A level averaged over the months of its period (月均, 平均约3282亿美元 in 前2个月, "a month on
# average"), or an average of some other span (去年四季度均值): no total of the dataset.
PER_MONTH = re.compile(r"月均|平均每月|每月平均|\b(?:a|per|each|every) month\b|\bmonthly average\b|"
                       r"mỗi tháng|bình quân (?:mỗi )?tháng", re.IGNORECASE)
AVERAGED = re.compile(rf"平均|均值|\baverag\w*|bình quân|{PER_MONTH.pattern}", re.IGNORECASE)
PER_DAY = re.compile(r"每天|每日|平均每日|\b(?:a|per|each|every) day\b|\bmỗi ngày\b",
                     re.IGNORECASE)
# The world's trade as a whole (the WTO's, the OECD's figures): no reporter's statistic; not
# "China's global trade surplus".
WORLD_TRADE = re.compile(r"(?<!'s )(?<!’s )\b(?:global|world|worldwide) (?:merchandise |goods )?"
                         r"trade\b(?! (?:surplus|deficit|balance|partner))|"
                         r"全球贸易|全球貿易|世界贸易(?!组织)|世界貿易(?!組織)|"
                         r"thương mại (?:toàn cầu|thế giới)",
                         re.IGNORECASE)
# A price (giá; not trị giá, a value).
PRICE = re.compile(r"\b(?:average )?prices?\b|价格|價格|(?<!trị )\bgiá\b", re.IGNORECASE)
CONVERSION = re.compile(r"(?:equivalent to|equal to|or|about|around|roughly|nearly|some|"
                         r"approximately|\()\s*(?:around|about|roughly|some|approximately)?\s*$",
                         re.IGNORECASE)
RANK = re.compile(
    r"\b(?:largest|biggest|second[- ]largest|second[- ]biggest|third[- ]largest|"
    r"third[- ]biggest|top) (?:(?P<en_total>trading partner|trade partner)|(?P<en_export>export "
    r"market|export destination|market for (?:its )?exports)|(?P<en_import>source of imports|"
    r"import source|supplier))|"
    r"(?:第?[一二三]大|最大(?:的)?)(?:货物|貨物)?(?:(?P<zh_total>贸易伙伴|貿易夥伴|交易夥伴)|"
    r"(?P<zh_export>出口目的地[国國]?|出口市[场場])|(?P<zh_import>[进進]口[来來]源[国國]?|"
    r"[进進]口[来來]源地))|"
    r"(?P<vi_total>đối tác thương mại lớn (?:nhất|thứ (?:hai|ba)))|"
    r"thị trường (?:(?P<vi_export>xuất khẩu)|(?P<vi_either>nhập khẩu))[^.;:]{0,80}? lớn nhất",
    re.IGNORECASE)
RANK_WORDS = {"second": 2, "third": 3, "二大": 2, "三大": 3, "thứ hai": 2, "thứ ba": 3,
               "largest": 1, "biggest": 1, "top": 1, "一大": 1, "最大": 1, "nhất": 1}
# ordinals first

# A rate or a change on the month before.
MOM_WORDS = (r"so với (?:tháng|kỳ) trước|month[- ]on[- ]month|m/m|from the previous month|"
              r"from a month (?:earlier|before)|环比|比上月")
MOM = re.compile(MOM_WORDS, re.IGNORECASE)
# A money figure that is a change in level ("an increase of 9.88 billion", "tăng hơn 35 tỷ USD";
# not "tăng lên 475 tỷ USD", rose to).
CHANGE = re.compile(r"(?:tăng thêm|tăng(?! lên)|giảm|an? (?:increase|rise|drop|fall) of|"
                    r"(?:increased|rose|fell|dropped|grew) by|up by|down by|增加|减少|減少)"
                    r"(?:\s*(?:hơn|gần|khoảng|more than|over|nearly|about|almost|约|約|近|超过|"
                    r"超過))?\s*(?:US\$|\$)?\s*$", re.IGNORECASE)
# Words that open a sentence about the one before ("Of which", 其中).
OPENERS = re.compile(r"(?:Of (?:which|these|this)|Among them|In particular|Trong đó|其中|"
                      r"(?:This|That|The) (?:figure|amount|total)|"
                      # a ranking that goes on: "Các vị trí tiếp theo …: Trung Quốc đạt …"
                      r"Followed by|Next (?:came|come|were|was)|(?:Các vị trí )?[Tt]iếp theo|"
                      r"Xếp sau|Đứng sau|其次|紧随其后|緊隨其後)\b", re.IGNORECASE)
# Comparisons, which name a period that is not the figure's (from the same period last year).
COMPARISONS = re.compile(
    r"\b(?:from|over|compared (?:with|to)|than|versus|against|on|in|during) (?:the same "
    r"(?:period|month|months|quarter) (?:of |in )?(?:last year|a year (?:earlier|ago)|"
    r"the previous year|(?:19|20)\d{2})|a year (?:earlier|ago)|the previous year|last year)|"
    r"\b(?:from|than|over) (?:the )?(?:last|previous|prior) year|"
    r"\b(?:than|from|compared (?:with|to)) (?:in )?(?:" + r"(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)(?: (?:19|20)\d{2})?|"
    r"(?:19|20)\d{2})\b(?!['’]s|\s*(?:[-–—]|to|through|until)\s*(?:January|February|March|"
    r"April|May|June|July|August|September|October|November|December))|"  # a span's start
    r"(?:较|較|比)\s*前\s*(?:\d{1,2}|[一二两兩三四五六七八九十]{1,2})\s*[个個]?(?:月|季度)|"
    r"year[- ]on[- ]year|同比|比去年同期|去年同期|(?:较|較|比|高于|高於|低于|低於)\s*(?:上年|去年|"
    r"前一年|上月|(?:19|20)\d{2}\s*年|\d{1,2}\s*月)(?:同期)?(?!\s*的)|"
    r"(?:so với )?cùng kỳ(?: năm (?:trước|ngoái|(?:19|20)\d{2}))?|so với (?:năm|tháng) "
    r"(?:trước|ngoái|\d{1,2}|(?:19|20)\d{2})|"
    # a record's span: "since 1992", 为2017年以来最小, 自1993年以來, kể từ năm 2021
    r"\bsince (?:(?:early|mid|late)[- ])?(?:19|20)\d{2}\b|(?:自|为|為|是)?\s*(?:19|20)\d{2}\s*年"
    r"(?:[^，,。；\d]{0,8})?以[来來]|kể từ (?:năm )?(?:19|20)\d{2}|" + MOM_WORDS,
    re.IGNORECASE)
MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for name in names}
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|" \
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "một": 1, "hai": 2,
           "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
           "mười": 10, "mười một": 11, "mười hai": 12, "一": 1, "二": 2,
           "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十一": 11, "十二": 12}
COUNT = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|một|hai|ba|" \
    r"bốn|tư|năm|sáu|bảy|tám|chín|mười một|mười hai|mười)"
ZH_COUNT = r"(\d{1,2}|十[一二]?|[一二两三四五六七八九])"
YEAR = r"((?:19|20)\d{2})"
# Period phrases: (pattern, what it gives). A year of None comes from the article's date.
PERIODS = [
    # half a month (Vietnam Customs' kỳ 1, 上半月): no period of the dataset
    (rf"\b(?:the )?(?:first|second) half of ({MONTH})(?:,? {YEAR})?|"
     rf"\b(?:the )?(?:first|last) (?:15|fifteen) days of ({MONTH})(?:,? {YEAR})?|"
     rf"\b15 ngày (?:đầu|cuối) (?:của )?tháng (\d{{1,2}})(?:/{YEAR}| năm {YEAR})?|"
     rf"\bnửa (?:đầu|cuối) tháng (\d{{1,2}})(?:/{YEAR}| năm {YEAR})?|"
     rf"\bkỳ [12] tháng (\d{{1,2}})(?:/{YEAR})?|"
     rf"\btừ (?:ngày )?\d{{1,2}}/\d{{1,2}}(?:/{YEAR})? đến (?:hết )?(?:ngày )?\d{{1,2}}/\d{{1,2}}"
     rf"(?:/{YEAR})?|(\d{{1,2}})\s*月\s*(?:上|下)半月|(\d{{1,2}})\s*月\s*(?:上|中|下)旬",
     "half_month"),
    (rf"\bfirst {COUNT} months(?: of {YEAR}| of (?:the|this) year)?", "first_months"),
    (rf"\b{COUNT} tháng đầu năm(?: {YEAR})?", "first_months"),
    # "từ đầu năm đến hết tháng 12/2025", "tính đến hết tháng 11": the year to that month
    (rf"\b(?:từ đầu năm|tính) (?:đến|tới) (?:hết )?tháng (\d{{1,2}})(?:/{YEAR}| năm {YEAR})?",
     "first_months"),
    (rf"(?:{YEAR}\s*年\s*)?前\s*{ZH_COUNT}\s*[个個]?月", "zh_first_months"),
    # 前三季度 (the first three quarters), 上半年 (the first half): the year to that month
    (rf"(?:{YEAR}\s*年\s*)?(?:前\s*([一二两兩三123])\s*[个個]?季度|(上)半年)", "quarters"),
    # ba quý đầu năm, "the first three quarters", nửa đầu năm: the year to that month
    (rf"\b(ba|hai|3|2) quý đầu(?: tiên)?(?: (?:của )?năm)?(?: {YEAR})?|"
     rf"\b(?:the )?first (three|two|3|2) quarters(?: of {YEAR}| of (?:the|this) year)?",
     "quarters"),
    (rf"\b(?:the )?first half(?: of {YEAR}| of (?:the|this) year)?(?! of)|\bH1(?: {YEAR})?|"
     rf"\bnửa đầu năm(?: {YEAR})?", "first_half"),
    (rf"\b(?:the )?first quarter(?: of {YEAR})?|\bQ1(?: {YEAR})?", "q1"),
    (rf"\b(?:the )?first month (?:of (?:the year )?{YEAR}|of the year)|"
     rf"\btháng đầu tiên(?: (?:của )?năm {YEAR})?|(?:{YEAR}\s*年\s*)?首月", "first_month"),
    (rf"\b(?:the )?(?:final|last) month (?:of (?:the year )?{YEAR}|of the year)|"
     rf"\btháng cuối(?: cùng)?(?: (?:của )?năm {YEAR})?", "last_month"),
    (rf"\b({MONTH})\s*(?:[-–—]|to|through)\s*({MONTH})(?:,? {YEAR})?", "month_span"),
    (rf"\bbetween ({MONTH}) and ({MONTH})(?:,? {YEAR})?", "month_span"),
    # after the spans: "January through November" is one, "through November" the year so far
    (rf"\b(?:by|through|as of) (?:the end of )?({MONTH})(?:,? {YEAR})?(?![-–—\w])", "by_month"),
    (rf"(?:{YEAR}\s*年\s*)?(\d{{1,2}})\s*月?\s*[-—–至到~～]\s*(\d{{1,2}})\s*月", "zh_month_span"),
    (rf"\btháng (\d{{1,2}})\s*(?:[-–]|đến|tới)\s*(?:hết )?(?:tháng )?(\d{{1,2}})"
     rf"(?:/{YEAR}| năm {YEAR})?", "vi_month_span"),
    (rf"\b(?:in|for|during|of) ({MONTH})(?:,? {YEAR})?(?![-–—\w])", "month"),
    # "November alone", "December exports": a month that names its figures
    (rf"\b({MONTH}) (?=alone\b|(?:exports|imports|shipments|trade|surplus|deficit)\b)",
     "month"),
    (rf"\b({MONTH}) {YEAR}\b", "month"),
    (rf"\b({MONTH}){APOSTROPHE}", "month"),
    (r"\b(?:for|over|in|during) the (?:full|whole|entire) year\b|\bfull[- ]year\b|"
     r"(?<!\d年)全年|\bcả năm\b", "full_year"),
    (rf"(?:{YEAR}\s*年\s*)?(\d{{1,2}})\s*月(?:份)?", "zh_month"),
    (rf"\btháng (\d{{1,2}})(?:/{YEAR}| năm {YEAR})?(?![\d/-])", "vi_month"),
    (r"\blast year\b|去年|năm ngoái|năm trước", "last_year"),
    # "较上月的1.9%": the month before the one the article reports (the one before its own)
    (r"(?<=[较較比于於])\s*(?:上月|上个月|上個月)(?=\s*的)", "month_before_reported"),
    (r"\bthis year\b|今年|năm nay", "this_year"),
    (rf"(?:\b(?:in|for|during|of|from|throughout)\s+(?:the (?:whole |full )?(?:year )?)?{YEAR}\b|"
     rf"\b{YEAR}{APOSTROPHE}|{YEAR}\s*年(?:全年)?|\bnăm {YEAR}\b)", "year"),
]
PERIOD = [(re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in PERIODS]
SPACES = re.compile(r"\s*")
# The trader before its flow: "China's exports", "China's total exports", "China exported".
SUBJECT = re.compile(rf"(?:{APOSTROPHE})\s*(?:[\w-]+\s+){{0,3}}?(?:{FLOW.pattern})",
                      re.IGNORECASE)
SUBJECT_VERB = re.compile(r"\s+(?:exported|imported|shipped)\b")
# What stands before a partner, not a trader: "to China", "từ Trung Quốc", 对美国.
PARTNER_BEFORE = re.compile(r"(?:\b(?:to|from|with|and)|\b(?:sang|từ|với|và|của)|"
                             r"[对對自从從与與和])\s*(?:the\s+)?$", re.IGNORECASE)
PEAK = re.compile(r"\bpeak(?:ed|s)?\b|\bhighest\b|峰值|最高|đỉnh", re.IGNORECASE)
FIRST = re.compile(r"\bfor the first time\b|\brecord\b|首次|首度|lần đầu|kỷ lục", re.IGNORECASE)
RESPECTIVELY = re.compile(r"\brespectively\b|分别|分別|lần lượt|tương ứng", re.IGNORECASE)
LIST_GAP = re.compile(r"\s*(?:,|;|、|，|；|和|及|与|與|và|and|,? and)?\s*(?:percent|per cent|%)?\s*"
                       r"(?:,|;|、|，|；|和|及|与|與|và|and|,? and)?\s*")
# A currency named after a country ("US$1 trillion", "U.S. dollars", đô la Mỹ): no partner.
CURRENCY_NAME = re.compile(r"\bUS\s?\$|\bU\.?S\.? dollars?\b|đô la Mỹ|美元|美金", re.IGNORECASE)
# Words that make a flow the reporter's whole trade ("total exports", 全国进出口, cả nước).
WHOLE = re.compile(r"\btotal\b|\boverall\b|整体|整體|全国|全國|总体|總體|cả nước", re.IGNORECASE)
BILATERAL = re.compile(r"\bbilateral\b|双边|雙邊|song phương|hai chiều", re.IGNORECASE)
# A rate averaged over years (年均增长7.1%), not on the year before.
AVERAGE = re.compile(r"\baverage (?:annual|yearly)\b|\bon average\b|\ban average of\b|\ba year on "
                     r"average\b|年均|年平均|平均每年|bình quân(?: mỗi năm| hằng năm| hàng năm)?",
                     re.IGNORECASE)
LAST_YEAR = re.compile(r"(?:last|the past|the previous) year'?s?|去年(?:全年)?的?|上年|năm ngoái|"
                       r"năm trước", re.IGNORECASE)
# What stands before a figure the news is measured against ("surpassing last year's").
SURPASSED = re.compile(r"\b(?:surpass\w*|exceed\w*|beat\w*|topp?\w*|above|than|over)\s*$|"
                       r"(?:超越|超过|超過|高于|高於|打破|刷新|vượt(?: qua)?)\s*$", re.IGNORECASE)
# A clause that goes on about the one before ("…, with trade up 8.5%").
GOES_ON = re.compile(r"\s*with\b", re.IGNORECASE)
# Words that stand for a partner named before: a sentence opening on "They", "These"; "exports
# there", "to the continent", "the bloc's", 对其, 对该国, "sang nước này", "với khối này".
PRONOUN_OPENER = re.compile(r"(?:They|These|Those)\b")
# A sentence that opens on what the one before said ("That produced a $1.27 trillion surplus").
BACK_OPENER = re.compile(r"(?:That|This|These|Those|It|They)\b(?!\s+(?:year|month|quarter|"
                         r"week|period)\b)")
PARTNER_ANAPHOR = re.compile(
    r"\b(?:exports?|imports?|shipments?|sales|trade)\s+there\b|\bbilateral\b|双边|雙邊|"
    r"song phương|"
    r"\b(?:to|from|with|into)\s+(?:the|that|this)\s+(?:continent|bloc|region|country|nation|"
    r"market)\b|\bthe bloc's\b|"
    r"(?:对|對|与|與|自|从|從)(?:其|该国|該國|该地区|該地區|该市场|該市場)|"
    r"(?:sang|với|từ|vào)\s+(?:nước|quốc gia|thị trường|khu vực|khối)\s+này", re.IGNORECASE)
FIRST_TIME = re.compile(r"\bfor the first time\b|\bfirst[- ]ever\b|首次|首度|第一次|lần đầu",
                        re.IGNORECASE)
# What joins a figure to a period printed right after it: "1% của tháng 10", "5.9% in November".
OWN_PERIOD = re.compile(r"\s*(?:của|trong|vào|in|for)?\s*", re.IGNORECASE)
COMPARED_BEFORE = re.compile(r"(?:较|較|比|高于|高於|低于|低於|快于|快於|慢于|慢於|\bthan|\bfrom|"
                             r"so với|打破|刷新|超越|超过|超過)\s*(?:in\s+|the\s+)?$",
                             re.IGNORECASE)  # 打破去年全年創下的記錄: last year's record
# What sets another figure against this one ("…, following a 1.9% rise in November").
SET_AGAINST = re.compile(r"\b(?:following|after|from|compared|than|versus)\b|so với|sau khi|"
                         r"[较較比]|高于|高於|低于|低於", re.IGNORECASE)
# What makes a figure the year before's: "from $169.2 billion in the same period last year".
A_YEAR_EARLIER = re.compile(
    r"\s*(?:in|during|for|of)?\s*(?:the same (?:period|month|months) (?:of |in )?(?:last year|"
    r"a year (?:earlier|ago)|the previous year)|a year (?:earlier|ago)|(?:of )?the previous "
    r"year)\b|\s*(?:于|於)?(?:去年|上年)同期|\s*(?:của |trong )?cùng kỳ năm (?:trước|ngoái)",
    re.IGNORECASE)
# After a figure, the month before the one the sentence is about: "so với mức 90,07 tỷ USD của
# tháng trước", "from $90 billion the previous month", 上月的.
A_MONTH_EARLIER = re.compile(
    r"\s*(?:in |of |for )?(?:the previous month|the month before|a month (?:earlier|before))\b|"
    r"\s*(?:của |trong )?tháng trước\b|\s*(?:于|於)?(?:上月|上个月|上個月)", re.IGNORECASE)
# A table's cell ("| +21.8% | +7.2% |"): which column it is the words do not say.
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE)
# What a figure is likened to is not what it is: "comparable to the GDP of …", 相当于…GDP.
LIKENED_ANY = re.compile(r"\b(?:comparable|equivalent|equal|similar) to\b|相当于|相當於|"
                         r"tương đương", re.IGNORECASE)
LIKENED = re.compile(rf"(?:{LIKENED_ANY.pattern})(?:\s+the|\s+với)?\s*$", re.IGNORECASE)
# A past record named right before a figure ("its record US$1.2 trillion", 去年創紀錄的, kỷ lục
# năm ngoái): in a forecast's sentence, the level the forecast is set against, which has
# happened ("to reach a record $1.4 trillion" is the forecast itself).
PAST_RECORD = re.compile(r"(?:\b(?:its|their|last year's|the previous|the prior)\s+record|"
                         r"(?:去年|上年|前年)(?:創紀錄|创纪录|創下的紀錄|创下的纪录)的?|"
                         r"kỷ lục (?:của )?năm (?:ngoái|trước))\s*(?:US\$|\$|USD\s?)?\s*$",
                         re.IGNORECASE)
FUTURE = re.compile(rf"\bby {YEAR}\b|到{YEAR}年|đến năm {YEAR}", re.IGNORECASE)


def _pattern(words: list[str]) -> re.Pattern:
    def bounded(word: str) -> str:
        start = r"\b" if re.match(r"[A-Za-z]", word) else ""
        end = r"\b" if re.search(r"[A-Za-z]$|\\w\*$", word) else ""
        return f"{start}(?:{word}){end}"

    return re.compile("|".join(bounded(w) for w in sorted(words, key=len, reverse=True)),
                      re.IGNORECASE)


@cache
def declines() -> re.Pattern:
    return _pattern(section("changes")["declines"])


@cache
def changes() -> re.Pattern:
    """A word of rise or decline."""
    found = section("changes")
    return _pattern(found["declines"] + found["rises"])
