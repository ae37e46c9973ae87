"""Extraction of an article's figures: formats, units, scales, wording and signs in English,
Chinese and Vietnamese, and what is not a figure."""

import subprocess
import sys

import pytest

import cli
from tradeclaims import paths
from tradeclaims.claims import extract
from tradeclaims.claims.registry import COLUMNS


def found(text, lang=None):
    return [(f.printed, f.unit, f.scale, f.qualifier) for f in extract.find(text, lang)]


@pytest.mark.parametrize("text, figures", [
    # percentages and percentage points
    ("exports surged 70.8 percent", [("70.8", "percent", "", "")]),
    ("Xuất khẩu tăng 21,8% so với cùng kỳ", [("21.8", "percent", "", "")]),
    ("出口增长7.2%。", [("7.2", "percent", "", "")]),
    ("比全国高4.8个百分点。", [("4.8", "pp", "", "")]),
    ("比全國高4.8個百分點。", [("4.8", "pp", "", "")]),
    ("a share up 2 percentage points", [("2", "pp", "", "")]),
    ("tỷ trọng tăng 2 điểm phần trăm", [("2", "pp", "", "")]),
    # money with its scale and currency, as printed
    ("to $6.32 billion in January", [("6.32", "USD", "billion", "")]),
    ("trade worth USD 1 trillion", [("1", "USD", "trillion", "")]),
    ("trade reached RMB45.5 trillion", [("45.5", "CNY", "trillion", "")]),
    ("trade reached RMB 45.5 trillion", [("45.5", "CNY", "trillion", "")]),
    ("exports of ¥3 trillion", [("3", "CNY", "trillion", "")]),
    ("USD5 billion", [("5", "USD", "billion", "")]),
    ("Xuất khẩu đạt 475 tỷ Mỹ kim", [("475", "USD", "billion", "")]),
    ("rising to 41.21 trillion yuan", [("41.21", "CNY", "trillion", "")]),
    ("出口7583.2亿美元。", [("7583.2", "USD", "hundred_million", "")]),
    ("进出口4.48万亿元。", [("4.48", "CNY", "trillion", "")]),
    ("出口7965.7億元。", [("7965.7", "CNY", "hundred_million", "")]),
    ("xuất khẩu đạt 213,6 tỷ USD.", [("213.6", "USD", "billion", "")]),
    ("đạt 609,7 tỷ nhân dân tệ.", [("609.7", "CNY", "billion", "")]),
    ("đạt 841,9 triệu USD.", [("841.9", "USD", "million", "")]),
    # quantities and words for fractions
    ("fell to 751 million units", [("751", "units", "million", "")]),
    ("出口3495亿个。", [("3495", "units", "hundred_million", "")]),
    # a fraction in words is a rounded figure: about
    ("accounting for one-fifth of trade", [("20", "percent", "", "about")]),
    ("nearly half of exports", [("50", "percent", "", "nearly")]),
    ("more than half of the participants", [("50", "percent", "", "over")]),
    # number formats by language
    ("a total of 1,240.5 billion yuan", [("1240.5", "CNY", "billion", "")]),
    ("tổng cộng 1.240,5 tỷ USD và hơn nữa", [("1240.5", "USD", "billion", "")]),
    # wording in three languages
    ("more than $1 trillion", [("1", "USD", "trillion", "over")]),
    ("exceeded $1 trillion", [("1", "USD", "trillion", "over")]),
    ("vượt 1 nghìn tỷ USD", [("1", "USD", "trillion", "over")]),
    ("超过1万亿美元。", [("1", "USD", "trillion", "over")]),
    ("nearly 50 percent", [("50", "percent", "", "nearly")]),
    ("gần 50%", [("50", "percent", "", "nearly")]),
    ("接近50%。", [("50", "percent", "", "nearly")]),
    ("about 45 trillion yuan", [("45", "CNY", "trillion", "about")]),
    ("khoảng 45%", [("45", "percent", "", "about")]),
    ("约45万亿元。", [("45", "CNY", "trillion", "about")]),
    ("at least 10 percent", [("10", "percent", "", "at_least")]),
    ("less than 5 percent", [("5", "percent", "", "under")]),
    ("dưới 5%", [("5", "percent", "", "under")]),
    # a decline is negative
    ("exports fell 7.2 percent", [("-7.2", "percent", "", "")]),
    ("xuất khẩu giảm 7,2%", [("-7.2", "percent", "", "")]),
    ("出口下降7.2%。", [("-7.2", "percent", "", "")]),
    ("dropped 34.8% to $69.1 billion", [("-34.8", "percent", "", ""),
                                        ("69.1", "USD", "billion", "")]),
    ("比2024年减少两个百分点。", [("-2", "pp", "", "")]),  # a year is not an earlier figure
    ("貿易順差達1兆1,890億美元", [("1.189", "USD", "trillion", "")]),  # a thousands comma
    ("貿易總額突破九二○○億美元", [("9200", "USD", "hundred_million", "over")]),  # ○ for zero
    # 亿 and 万亿 with no currency: the last amount's, unless a thing counted follows
    ("进出口45.46万亿人民币，出口26.98万亿；14亿人口。", [
        ("45.46", "CNY", "trillion", ""), ("26.98", "CNY", "trillion", ""),
        ("14", "count", "hundred_million", "")]),
    ("出口26.98万亿。", [("26.98", "count", "trillion", "")]),
    # the clause's last word of change gives the sign, across a decimal point
    ("exports fell 7.7% by volume and 9.4% by value", [("-7.7", "percent", "", ""),
                                                      ("-9.4", "percent", "", "")]),
    ("exports plunged 20.0% but those to ASEAN rose 8.4%", [("-20.0", "percent", "", ""),
                                                           ("8.4", "percent", "", "")]),
    ("cao hơn dự báo giảm 0,3% và tăng tốc so với mức tăng 1,9%",
     [("-0.3", "percent", "", ""), ("1.9", "percent", "", "")]),
    ("chuyển sang thâm hụt 1,78 tỷ USD", [("-1.78", "USD", "billion", "")]),  # a deficit
    ("a trade deficit of $5 billion", [("-5", "USD", "billion", "")]),
    # Chinese words for tenths and points, and Taiwan's 兆 (a trillion before a currency)
    ("比“十三五”时期增长四成。", [("40", "percent", "", "")]),
    ("民营企业占比超过七成。", [("70", "percent", "", "over")]),
    ("進出口4.01兆元人民幣。", [("4.01", "CNY", "trillion", "")]),
    ("装机容量3兆瓦。", [("3", "count", "", "")]),  # 兆瓦: megawatts, not a trillion
    # wording after the figure; a count of things is not a quantity of goods
    ("全球160多个国家和地区。", [("160", "count", "", "over")]),
    ("达到249個。", [("249", "count", "", "")]),
    ("突破200万亿元。", [("200", "CNY", "trillion", "over")]),
    ("từ 1 tỷ USD trở lên", [("1", "USD", "billion", "at_least")]),
    ("vượt quá 45.000 tỉ nhân dân tệ", [("45000", "CNY", "billion", "over")]),
    ("ranks 21st in exports, among the top 25", [("21", "rank", "", ""), ("25", "rank", "", "")]),
    ("排名第21位，进口第20位", [("21", "rank", "", ""), ("20", "rank", "", "")]),
    ("连续保持10年", [("10", "year", "", "")]),
    ("45.47兆（人民幣，下同）、出口26.99兆", [("45.47", "CNY", "trillion", ""),
                                           ("26.99", "CNY", "trillion", "")]),
    ("外資企業出口占比高達七成五", [("75", "percent", "", "")]),  # tenths and a unit: 75%
    # figures in words (worded.py): runs, records over a span and since a year, two digits,
    # fractions and multiples
    ("Exports fell for the ninth straight month, the fastest fall in three months.",
     [("9", "count", "", ""), ("3", "count", "", "")]),
    ("Exports rose for three consecutive years.", [("3", "year", "", "")]),
    ("連續第三個月下降，创下16年来单月新高，創下六年半最大跌幅。",
     [("3", "count", "", ""), ("16", "count", "", ""), ("6.5", "count", "", "")]),
    ("连续十年保持贸易顺差", [("10", "year", "", "")]),
    ("Đây là tháng thứ 9 liên tiếp", [("9", "count", "", "")]),
    ("a six-year high; the highest since July 2022", [("6", "count", "", ""),
                                                      ("2022", "year", "", "")]),
    ("為1990年有數據記錄以來最大年度跌幅", [("1990", "year", "", "")]),
    ("giảm ở mức hai chữ số, double-digit growth, 两位数", [("2", "count", "", "")] * 3),
    ("不到中國去年貿易順差的五分之一，三分之一", [("20", "percent", "", ""),
                                                ("33.3", "percent", "", "")]),
    ("have more than doubled its imports", [("200", "percent", "", "over")]),
    ("gấp hơn 5 lần mức đỉnh, gấp đôi", [("500", "percent", "", "over"),
                                        ("200", "percent", "", "")]),
    # ranks in words among economies or in history (a partner's rank is reading.ranks')
    ("這個世界第二大經濟體，全球前20大经济体之一，為史上第三大", [("2", "rank", "", ""),
                                                    ("20", "rank", "", ""),
                                                    ("3", "rank", "", "")]),
    ("nằm trong nhóm 25 nền kinh tế, lớn thứ hai thế giới", [("25", "rank", "", ""),
                                                             ("2", "rank", "", "")]),
    ("the world's second-largest economy", [("2", "rank", "", "")]),
    # a range: both ends, with the unit printed once
    ("mục tiêu tăng trưởng 4,5-5% năm nay", [("4.5", "percent", "", ""),
                                               ("5", "percent", "", "")]),
])
def test_figures_as_the_registry_writes_them(text, figures):
    assert found(text) == figures


@pytest.mark.parametrize("text", [
    "Published: Jan. 30, 2026  4:20 p.m.  GMT+8",  # dateline and time
    "3月21日发布", "欧洲央行18日发布", "Hà Nội, 06-02-2026", "in 2025, trade grew", "2025年，贸易",
    "第1名", "“十五五”规划", "前2个月", "2 tháng đầu năm", "the first two months",
    "the G20 and COVID-19", "the 15th Five-Year Plan", "tháng 1/2026",
    "2025年前10個月", "Ngày 10/3, Hải quan", "nên tính chung 2 tháng", "Trong kỳ 2 tháng 01/2026",
    "Chỉ trong 15 ngày cuối tháng 1/2026", "3 giờ trước", "https://reportify.ai/news/12091757",
    "统计,2025年",
    "since 2014, trade grew", "2017年以来，贸易",  # a span with no record is no figure
    "the third quarter",
])
def test_what_is_not_a_figure_is_left_out(text):
    assert found(text) == []


def test_the_quote_is_the_shortest_clause_verbatim():
    text = "Trade rose, and exports to ASEAN surged 13.4 percent; imports fell."
    (figure,) = extract.find(text)
    assert figure.quote == "and exports to ASEAN surged 13.4 percent"
    assert figure.quote in text


@pytest.mark.parametrize("text, quote", [
    ("据中国海关统计,2025年我国对美国进出口4.01万亿元,占8.8%",  # an ASCII comma ends a clause
     "2025年我国对美国进出口4.01万亿元"),
    ("“十四五”时期累计进出口规模突破200万亿元。", "“十四五”时期累计进出口规模突破200万亿元"),
])
def test_a_clause_ends_at_a_comma_but_not_at_quotation_marks(text, quote):
    assert extract.find(text)[0].quote == quote


def test_the_cli_writes_draft_registry_rows(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Exports fell 7.2 percent to $1.04 billion.", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tradeclaims", "extract", str(article),
                             "--article", "zz"], capture_output=True, text=True, cwd=paths.ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert lines[1].startswith("zz-1,zz,Exports fell 7.2 percent to $1.04 billion,-7.2,percent")
    assert lines[2].startswith("zz-2,zz,Exports fell 7.2 percent to $1.04 billion,1.04,USD,bil")
    missing = subprocess.run([sys.executable, "-m", "tradeclaims", "extract",
                              str(tmp_path / "none.txt")], capture_output=True, text=True,
                             cwd=paths.ROOT)
    assert missing.returncode == 2 and "none.txt: file not found" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_a_text_past_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys):
    article = tmp_path / "long.txt"
    article.write_bytes(b"Exports rose 5.5%. " * (extract.MAX_BYTES // 19 + 1))
    result = cli.run(capsys, "extract", article)
    assert result.returncode == 2 and result.stdout == ""
    assert "long.txt: 5,000," in result.stderr and "more than extract reads" in result.stderr
    assert "Traceback" not in result.stderr
    article.write_bytes(b"Exports rose 5.5%. " * (extract.MAX_BYTES // 19 - 1))
    assert extract.read(article).startswith("Exports rose 5.5%.")  # just under: read


def test_a_clause_too_long_to_quote_gives_the_words_around_the_figure():
    text = "word " * 1000 + "exports rose 12.5 percent to a record " + "word " * 1000
    (figure,) = extract.find(text)
    assert figure.quote in text and "exports rose 12.5 percent to a record" in figure.quote
    assert len(figure.quote) <= extract.MAX_QUOTE + 20
    assert not figure.quote.startswith("ord") and not figure.quote.endswith("wor")


def test_figures_far_into_a_long_text_keep_their_own_clause_and_wording():
    """Clauses and marks are indexed once per text: a figure deep in it still finds its own."""
    paragraph = "Imports fell 3.1 percent; exports to ASEAN rose 13.4 percent.\n"
    figures = extract.find(paragraph * 2000)
    assert len(figures) == 4000
    assert {(f.printed, f.quote) for f in figures} == {
        ("-3.1", "Imports fell 3.1 percent"), ("13.4", "exports to ASEAN rose 13.4 percent")}


@pytest.mark.parametrize("text, figures", [
    # Chinese numerals, digit by digit and positional, full-width points and percent signs
    ("單月貿易順差一一二〇億美元", [("1120", "USD", "hundred_million", "")]),
    ("出口年增五．九％", [("5.9", "percent", "", "")]),
    ("對美國出口年減二十八．六％", [("-28.6", "percent", "", "")]),
    ("貿易順差一．〇七六兆美元", [("1.076", "USD", "trillion", "")]),
    ("出口分別增加逾八％", [("8", "percent", "", "over")]),
    ("出口增長１２．５％", [("12.5", "percent", "", "")]),
    # a month before the figure is no earlier figure: the fall is this one's
    ("中國十一月對美國出口年減二十八．六％", [("-28.6", "percent", "", "")]),
    ("中国11月出口下降5%", [("-5", "percent", "", "")]),
    # what Chinese writes in two: a trillion and hundreds of millions, a multiple
    ("進出口貿易額達6兆3547億美元", [("6.3547", "USD", "trillion", "")]),
    ("比2020年增长3.5倍", [("350", "percent", "", "")]),
    ("為預期增幅的逾2倍", [("200", "percent", "", "over")]),
    # 一 as a word, not a number: no figure
    ("共建一带一路，统一大市场，之一", []),
])
def test_chinese_numerals_are_figures_only_where_a_figure_stands(text, figures):
    assert found(text) == figures


def test_a_figure_in_chinese_numerals_is_quoted_and_placed_as_printed():
    text = "十一月以美元計價出口年增五．九％，單月貿易順差一一二〇億美元。"
    first, second = extract.find(text)
    assert first.quote == "十一月以美元計價出口年增五．九％"
    assert text[first.start:first.end] == "五．九％"
    assert text[second.start:second.end] == "一一二〇億美元"
    plain, figures = extract.find_plain(text)
    assert plain.text.startswith("11月以美元計價出口年增5.9%")
    assert [plain.text[f.start:f.end] for f in figures] == ["5.9%", "1120億美元"]
