"""The judging rules, on both sides of every tolerance boundary."""

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeclaims.claims import ledger
from tradeclaims.claims.engine import Evidence, judge
from tradeclaims.claims.registry import Claim
from tradeclaims.data.intervals import Interval


def claim(claimed, unit="USD", scale="billion", qualifier="", kind="level", band=""):
    return Claim("t-1", "test", "a quote", claimed, unit, scale, qualifier, kind, band=band)


def verdict(c: Claim, value: float, half=0.0):
    return judge(c, Evidence(Interval.rounded(value, half), ["src"])).verdict


@pytest.mark.parametrize("value, expected", [
    (6.32e9, "reproduced"), (6.3249e9, "reproduced"), (6.3151e9, "reproduced"),
    (6.3251e9, "approximate"),  # above the rounding, below 6.33: reads as truncated
    (6.33e9, "contradicted"), (6.3149e9, "contradicted"), (6.5e9, "contradicted"),
])
def test_rounding_rule_for_a_figure_with_two_decimals(value, expected):
    assert verdict(claim("6.32"), value) == expected


@pytest.mark.parametrize("value, expected", [
    (-7.2, "reproduced"), (-7.24, "reproduced"), (-7.16, "reproduced"),
    (-7.26, "approximate"),  # truncated: a decline stored negative, judged by magnitude
    (-7.3, "contradicted"), (-7.14, "contradicted"), (7.2, "contradicted"),
])
def test_rounding_of_negative_growth(value, expected):
    assert verdict(claim("-7.2", "percent", "", kind="growth"), value) == expected


@pytest.mark.parametrize("value, expected", [
    (1.001e12, "reproduced"), (0.999e12, "contradicted"), (1e12, "contradicted"),
])
def test_over_is_a_strict_bound(value, expected):
    assert verdict(claim("1", scale="trillion", qualifier="over"), value) == expected


@pytest.mark.parametrize("claimed, qualifier, value, expected", [
    ("-20", "over", -26.7, "reproduced"),  # "fell more than 20%"
    ("-20", "over", -20.0, "contradicted"), ("-20", "over", -19.9, "contradicted"),
    ("-20", "at_least", -20.0, "reproduced"),
    ("-2", "under", -1.5, "reproduced"),  # "fell less than 2%"
    ("-2", "under", -2.0, "contradicted"), ("-2", "under", 0.5, "contradicted"),  # it rose
    ("-2", "at_most", -2.0, "reproduced"), ("-2", "at_most", -2.1, "contradicted"),
])
def test_a_negative_figures_bound_is_on_its_size(claimed, qualifier, value, expected):
    result = judge(claim(claimed, "percent", "", qualifier, "growth"),
                   Evidence(Interval.exact(value), ["src"]))
    assert result.verdict == expected and "in size" in result.tolerance


def test_a_deficit_over_a_bound_is_short_of_it_when_smaller():
    c = claim("-1", scale="trillion", qualifier="over", kind="balance")
    assert judge(c, Evidence(Interval.exact(-1.2e12), ["src"])).verdict == "reproduced"
    surplus = judge(c, Evidence(Interval.exact(1.19e12), ["src"]))  # 逆差突破1兆: a surplus
    assert surplus.verdict == "contradicted" and "short of the bound" in surplus.note


def test_at_most():
    assert verdict(claim("4", "rank", "", "at_most", "rank"), 4) == "reproduced"
    assert verdict(claim("4", "rank", "", "at_most", "rank"), 5) == "contradicted"


def test_at_least_and_under():
    assert verdict(claim("50", "percent", "", "at_least"), 50.0) == "reproduced"
    assert verdict(claim("50", "percent", "", "at_least"), 49.99) == "contradicted"
    assert verdict(claim("50", "percent", "", "under"), 49.99) == "reproduced"
    assert verdict(claim("50", "percent", "", "under"), 50.0) == "contradicted"


@pytest.mark.parametrize("value, expected", [
    # the band is ±2% of the claimed 6.48: 6.3504 to 6.6096
    (6.48e12, "reproduced"), (6.36e12, "approximate"), (6.3505e12, "approximate"),
    (6.3503e12, "contradicted"), (6.6095e12, "approximate"), (6.6097e12, "contradicted"),
])
def test_about_widens_to_a_stated_two_percent_band(value, expected):
    c = claim("6.48", scale="trillion", qualifier="about")
    assert verdict(c, value) == expected
    assert "±2%" in judge(c, Evidence(Interval.exact(6.36e12), [])).tolerance


def test_an_explicit_band_overrides_the_default():
    c = claim("6.48", scale="trillion", qualifier="about", band="5%")
    assert verdict(c, 6.2e12) == "approximate"
    assert verdict(c, 6.1e12) == "contradicted"


def test_exact_wording_has_no_band():
    assert verdict(claim("6.48", scale="trillion"), 6.47e12) == "contradicted"


def test_conversion_has_a_band_without_any_word():
    c = claim("5.83", scale="trillion", kind="conversion")
    assert verdict(c, 5.75e12) == "approximate"
    assert verdict(c, 5.70e12) == "contradicted"


@pytest.mark.parametrize("value, expected", [
    (59.4, "reproduced"), (58.8, "reproduced"), (58.79, "contradicted"),
    (60.49, "reproduced"), (60.6, "contradicted"),
])
def test_nearly_allows_just_below(value, expected):
    assert verdict(claim("60", "percent", "", "nearly", "share"), value) == expected


@pytest.mark.parametrize("value, expected", [
    (-26.7, "reproduced"), (-26.46, "reproduced"), (-26.45, "contradicted"),
    (-27.49, "reproduced"), (-27.6, "contradicted"), (26.7, "contradicted"),
])
def test_nearly_on_a_fall_allows_just_short_of_it_in_size(value, expected):
    """"dropped nearly 27%": a fall of a little less than 27%, -26.46 (2% short) to -27.5."""
    assert verdict(claim("-27", "percent", "", "nearly", "growth"), value) == expected


def test_rounding_of_the_inputs_can_reach_the_claim():
    c = claim("16.6", "percent", "", kind="share")
    assert verdict(c, 16.549) == "contradicted"
    assert verdict(c, 16.549, half=0.015) == "reproduced"  # inputs' rounding reaches 16.55
    # a touching end point is not an overlap: 60 stands for [59.5, 60.5), 61 for [60.5, 61.5)
    assert verdict(claim("60", "percent", "", kind="share"), 61.0, half=0.5) == "contradicted"


def test_scale_words_and_units():
    assert verdict(claim("758.3"), 7583.2e8) == "reproduced"  # 7583.2 亿美元
    assert verdict(claim("45", "CNY", "trillion"), 45.47e12) == "reproduced"
    assert verdict(claim("45", "CNY", "trillion"), 45.51e12) == "approximate"  # truncated
    assert verdict(claim("45", "CNY", "trillion"), 46e12) == "contradicted"
    assert verdict(claim("1.139", "tonnes", "billion"), 1.139e9) == "reproduced"


def test_a_contradiction_shows_the_gap():
    c = claim("1.04")
    v = judge(c, Evidence(Interval.exact(1.31e9), ["vn"]))
    assert (v.verdict, v.claimed, v.recomputed) == ("contradicted", 1.04, 1.31)
    assert "-0.2700 billion USD" in v.note and "-20.61%" in v.note


@pytest.mark.parametrize("value, half, expected", [
    # the claim 6.32 stands for 6.315 to 6.325 (a range 0.01 wide)
    (6.329e9, 0.005e9, "reproduced"),  # outside, but its range overlaps and is as narrow
    (6.329e9, 0.0051e9, "consistent"),  # overlaps, but wider: allowed, not pinned
    (6.34e9, 0.0149e9, "contradicted"),  # 6.3251 to 6.3549: no overlap
    (6.34e9, 0.0151e9, "consistent"),  # 6.3249 to 6.3551
    (6.32e9, 1e9, "reproduced"),  # the point itself rounds to the claim, however wide
])
def test_a_recomputed_range_wider_than_the_claims_is_only_consistent(value, half, expected):
    c = claim("6.32")
    assert verdict(c, value, half) == expected
    result = judge(c, Evidence(Interval.rounded(value, half), ["src"]))
    if expected == "consistent":
        assert "the official figures allow" in result.tolerance and "do not pin" in result.note


def test_a_contradicted_bound_states_its_gap():
    c = claim("1.1", scale="trillion", qualifier="over")
    result = judge(c, Evidence(Interval.exact(1.05e12), ["src"]))
    assert result.verdict == "contradicted"
    assert "Gap: the recomputed 1.05 trillion USD is 0.050 trillion USD short of the bound" in (
        result.note)
    under = judge(claim("1", scale="trillion", qualifier="under"),
                  Evidence(Interval.exact(1.2e12), ["src"]))
    assert under.verdict == "contradicted" and "0.20 trillion USD over the bound" in under.note
    assert "Gap" not in judge(c, Evidence(Interval.exact(1.2e12), ["src"])).note


@pytest.mark.parametrize("value, expected", [
    # GAC: 656,577,613 thousand USD; "$656.5 billion" rounds to 656.45 to 656.55, and cut
    # after its last digit stands for 656.5 up to 656.6
    (656.577613e9, "approximate"),
    (656.55001e9, "approximate"), (656.55e9, "reproduced"),  # the rounding's upper end
    (656.59999e9, "approximate"), (656.6e9, "contradicted"),  # one digit up: not truncated
    (656.44999e9, "contradicted"), (656.45e9, "reproduced"),  # below: never truncated
])
def test_a_figure_cut_after_its_last_digit_reads_as_truncated(value, expected):
    c = claim("656.5")
    result = judge(c, Evidence(Interval.exact(value), ["gac"]))
    assert result.verdict == expected
    truncated = "reads as truncated" in result.tolerance
    assert truncated == (expected == "approximate")
    if truncated:
        assert "656.5 billion USD up to 656.6 billion USD" in result.tolerance
        assert "rounding: 656.5 billion USD stands for 656.45" in result.tolerance


@pytest.mark.parametrize("value, expected", [
    (-7.2999, "approximate"), (-7.3, "contradicted"), (-7.2501, "approximate"),
    (-7.1499, "contradicted"), (7.28, "contradicted"),  # the other sign is no truncation
])
def test_a_truncated_decline_is_judged_by_its_magnitude(value, expected):
    result = judge(claim("-7.2", "percent", "", kind="growth"),
                   Evidence(Interval.exact(value), ["gac"]))
    assert result.verdict == expected
    if expected == "approximate":
        assert "-7.3% up to -7.2%" in result.tolerance


def test_bounds_nearly_and_ranks_are_not_read_as_truncated():
    assert verdict(claim("656.5", qualifier="under"), 656.58e9) == "contradicted"
    assert verdict(claim("656.5", qualifier="nearly"), 656.58e9) == "contradicted"
    assert verdict(claim("3", "rank", "", kind="rank"), 3.5) == "contradicted"


def test_a_band_the_wording_allows_comes_first_and_truncation_only_spares_a_contradiction():
    about = claim("6.48", scale="trillion", qualifier="about")
    assert "±2%" in judge(about, Evidence(Interval.exact(6.489e12), [])).tolerance
    narrow = claim("6.48", scale="trillion", qualifier="about", band="0.1%")  # 6.4735 to 6.4865
    result = judge(narrow, Evidence(Interval.exact(6.488e12), []))
    assert result.verdict == "approximate" and "reads as truncated" in result.tolerance
    assert verdict(narrow, 6.4699e12) == "contradicted"


@given(digits=st.integers(1, 99_999), decimals=st.integers(0, 3), negative=st.booleans(),
       offset=st.integers(-2000, 2000))
def test_truncation_lies_between_the_rounding_and_one_more_digit(digits, decimals, negative,
                                                                 offset):
    """offset: where the recomputed figure lies, in thousandths of the claim's last digit
    away from it (in magnitude); worked out exactly with decimals."""
    sign = -1 if negative else 1
    digit = Decimal(1).scaleb(-decimals)
    printed = sign * Decimal(digits) * digit
    value = float((printed + sign * offset * digit / 1000) * Decimal("1e9"))
    expected = ("reproduced" if abs(offset) <= 500 else
                "approximate" if 500 < offset < 1000 else "contradicted")
    assert verdict(claim(str(printed)), value) == expected


def _ledger_text(*verdicts) -> str:
    rows = pd.DataFrame([v.as_row() for v in verdicts], columns=ledger.COLUMNS)
    return ledger.to_csv_text(rows).splitlines()[1:]


def test_a_figure_as_read_keeps_every_digit_and_a_computed_one_has_fifteen():
    comtrade = judge(claim("3409"), Evidence(Interval.read(3409012345678.123, 0.0005), ["ct"]))
    noise = Interval.read(6.15, 0.005) + Interval.read(0.2, 0.005)  # 6.3500000000000005
    computed = judge(claim("6.35", "percent", ""), Evidence(noise, ["s"]))
    assert noise.point != 6.35 and computed.recomputed == 6.35
    assert comtrade.recomputed == 3409.012345678123  # 16 digits, none added by the scaling
    first, second = _ledger_text(comtrade, computed)
    assert ",3409,3409.012345678123,billion USD," in first
    assert ",6.35,6.35,percent," in second


def test_the_ledger_writes_no_exponent_and_the_claim_as_printed():
    tiny = judge(claim("0.0000001", "percent", ""), Evidence(Interval.exact(1.23e-7), ["s"]))
    huge = judge(claim("12000000000000000", scale=""), Evidence(Interval.exact(1.2e16), ["s"]))
    noisy = judge(claim("6.35", scale="trillion"), Evidence(Interval.exact(6.35e12), ["s"]))
    assert noisy.claimed == 6.35  # printed, not 6.35e12 / 1e12
    lines = _ledger_text(tiny, huge, noisy)
    assert ",0.0000001,0.000000123,percent," in lines[0]
    assert ",12000000000000000,12000000000000000,USD," in lines[1]
    assert "e-" not in "".join(lines) and "e+" not in "".join(lines)


def test_a_figure_as_read_keeps_its_digits_whatever_number_type_it_came_in():
    """A value read from a table may reach the engine as numpy's float (whose repr is
    np.float64(...)); it is scaled as the decimal it prints as, with no digit added."""
    import numpy as np

    from tradeclaims.claims.engine import _in_scale
    from tradeclaims.data.intervals import Interval

    read = Interval(np.float64(656577613e3), 0, 0, as_read=True)
    assert _in_scale(read, np.float64(1e9)) == 656.577613
    assert _in_scale(Interval(6.35 * 1e12 / 1e12 * 1e12, 0, 0), 1e12) == 6.35
