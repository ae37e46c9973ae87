"""The judging rules, on both sides of every tolerance boundary."""

import pytest

from tradeclaims.claims.engine import Evidence, judge
from tradeclaims.claims.registry import Claim
from tradeclaims.data.intervals import Interval


def claim(claimed, unit="USD", scale="billion", qualifier="", kind="level", band=""):
    return Claim("t-1", "test", "a quote", claimed, unit, scale, qualifier, kind, band=band)


def verdict(c: Claim, value: float, half=0.0):
    return judge(c, Evidence(Interval.rounded(value, half), ["src"])).verdict


@pytest.mark.parametrize("value, expected", [
    (6.32e9, "reproduced"), (6.3249e9, "reproduced"), (6.3151e9, "reproduced"),
    (6.3251e9, "contradicted"), (6.3149e9, "contradicted"), (6.5e9, "contradicted"),
])
def test_rounding_rule_for_a_figure_with_two_decimals(value, expected):
    assert verdict(claim("6.32"), value) == expected


@pytest.mark.parametrize("value, expected", [
    (-7.2, "reproduced"), (-7.24, "reproduced"), (-7.16, "reproduced"),
    (-7.26, "contradicted"), (-7.14, "contradicted"), (7.2, "contradicted"),
])
def test_rounding_of_negative_growth(value, expected):
    assert verdict(claim("-7.2", "percent", "", kind="growth"), value) == expected


@pytest.mark.parametrize("value, expected", [
    (1.001e12, "reproduced"), (0.999e12, "contradicted"), (1e12, "contradicted"),
])
def test_over_is_a_strict_bound(value, expected):
    assert verdict(claim("1", scale="trillion", qualifier="over"), value) == expected


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


def test_rounding_of_the_inputs_can_reach_the_claim():
    c = claim("16.6", "percent", "", kind="share")
    assert verdict(c, 16.549) == "contradicted"
    assert verdict(c, 16.549, half=0.015) == "reproduced"  # inputs' rounding reaches 16.55
    # a touching end point is not an overlap: 60 stands for [59.5, 60.5), 61 for [60.5, 61.5)
    assert verdict(claim("60", "percent", "", kind="share"), 61.0, half=0.5) == "contradicted"


def test_scale_words_and_units():
    assert verdict(claim("758.3"), 7583.2e8) == "reproduced"  # 7583.2 亿美元
    assert verdict(claim("45", "CNY", "trillion"), 45.47e12) == "reproduced"
    assert verdict(claim("45", "CNY", "trillion"), 45.51e12) == "contradicted"
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
