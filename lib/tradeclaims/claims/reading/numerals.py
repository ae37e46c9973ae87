"""Figures written in Chinese numerals (一一二〇億美元, 九二○○ with a circle for zero, 五．九％,
十一月, 百分之三十九點六) and in full-width digits, rewritten in ASCII digits, with where each
character came from, so that the figures are read as any others and quoted from the text as
printed."""

import bisect
import re

_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}
_D = "".join(_DIGITS)
# A run of numerals is a figure only before what a figure takes: a percent sign, a scale, a
# currency, points, a month, a multiple. Elsewhere 一 is a word (一带一路, 统一, 之一).
_NUMERAL = rf"[{_D}十百千]+(?:[．.點点][{_D}]+)?"
_RUN = re.compile(
    rf"百分之({_NUMERAL})|({_NUMERAL})"
    r"(?=\s*(?:[％%億亿萬万兆倍]|美元|元|[个個]?百分[点點]|[个個]?月))"
    rf"|({_NUMERAL})(?=\s*[至到~～-]\s*[0-9{_D}十]+\s*月)")  # 一至二月
_WIDE = str.maketrans("０１２３４５６７８９％．", "0123456789%.")


def value(numeral: str) -> str | None:
    """'一一二〇' -> '1120', '二十八．六' -> '28.6', '十一' -> '11'; None if it is no number."""
    whole, _, tenths = re.sub("[．點点]", ".", numeral).partition(".")
    if tenths and not all(c in _DIGITS for c in tenths):
        return None
    if all(c in _DIGITS for c in whole):  # digit by digit: 一一二〇
        number = "".join(str(_DIGITS[c]) for c in whole)
    else:  # positional: 二十八, 十九, 一百二十
        total, digit = 0, None
        for c in whole:
            if c in _DIGITS:
                if digit is not None:
                    return None  # 二三十: no number
                digit = _DIGITS[c]
            else:
                total += (1 if digit is None else digit) * _POWERS[c]
                digit = None
        number = str(total + (digit or 0))
    return number + ("." + "".join(str(_DIGITS[c]) for c in tenths) if tenths else "")


class Arabic:
    """The text with Chinese numerals and full-width digits in ASCII (`text`), and the way back
    to the offsets of the text as printed (`printed`). Full-width characters are rewritten one
    for one; a numeral run may change its length, so the runs rewritten are kept."""

    def __init__(self, printed: str):
        self.printed = printed
        wide = printed.translate(_WIDE)
        pieces, pos, shift = [], 0, 0
        self._runs = []  # (start in text, end in text, start printed, end printed)
        for match in _RUN.finditer(wide):
            number = value(match[1] or match[2] or match[3])
            if number is None:
                continue
            if match[1]:  # 百分之三十九點六: 39.6%
                number += "%"
            pieces += [wide[pos:match.start()], number]
            start = match.start() + shift
            self._runs.append((start, start + len(number), match.start(), match.end()))
            shift += len(number) - len(match[0])
            pos = match.end()
        self.text = "".join([*pieces, wide[pos:]]) if self._runs else wide
        self._starts = [run[0] for run in self._runs]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where text[start:end] stands in the printed text."""
        return self._back(start, False), self._back(end, True)

    def _back(self, pos: int, is_end: bool) -> int:
        # the last run that starts at or before a start, or before an end
        i = (bisect.bisect_left if is_end else bisect.bisect_right)(self._starts, pos) - 1
        if i < 0:
            return pos
        start, end, printed_start, printed_end = self._runs[i]
        if pos < end or (is_end and pos == end):  # inside the run, or at its end
            return printed_end if is_end else printed_start
        return pos - end + printed_end
