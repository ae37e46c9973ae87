from decimal import Decimal

import pytest

from tradeclaims.data import periods, units
from tradeclaims.data.units import parse_number, precision, to_dataset_unit


@pytest.mark.parametrize("text, number", [("7583.2", "7583.2"), ("-7.2", "-7.2"),
                                          ("299,877,987", "299877987"), ("+117", "117")])
def test_numbers_as_printed(text, number):
    assert parse_number(text) == Decimal(number)


@pytest.mark.parametrize("text", ["", "n/a", "1,2", "12,3456", "7.2%", "1e9", "4.7 tỷ"])
def test_not_numbers(text):
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text)


@pytest.mark.parametrize("value, printed, expected", [
    ("7583.2", "亿美元", (758_320_000_000.0, "USD")),
    ("45.47", "trillion yuan", (45_470_000_000_000.0, "CNY")),
    ("1.31", "tỷ USD", (1_310_000_000.0, "USD")),
    ("944", "triệu USD", (944_000_000.0, "USD")),
    ("299,877,987", "thousand USD", (299_877_987_000.0, "USD")),
    ("1.139", "billion tonnes", (1_139_000_000.0, "tonnes")),
    ("-7.2", "%", (-7.2, "percent")),
])
def test_scaling_to_dataset_units(value, printed, expected):
    assert to_dataset_unit(parse_number(value), printed) == expected


def test_unknown_printed_unit():
    with pytest.raises(KeyError):
        to_dataset_unit(Decimal(1), "lakh")


@pytest.mark.parametrize("text, label, previous", [
    ("2026-01", "January 2026", "2025-01"),
    ("2025", "2025", "2024"),
    ("2025-01/2025-11", "January-November 2025", "2024-01/2024-11"),
    ("2021/2025", "2021-2025", "2016/2020"),
])
def test_periods(text, label, previous):
    period = periods.parse(text)
    assert str(period) == text
    assert period.label() == label
    assert str(period.previous()) == previous


@pytest.mark.parametrize("text, reason", [
    ("2025-13", "not between 01 and 12"), ("2025-00", "not between 01 and 12"),
    ("25-01", "neither a year"), ("2025/2025-03", "mixes"), ("2025-11/2025-01", "ends before"),
    ("2025-01/2025-01", "span of one"), ("2025-01/2025-02/2025-03", "more than one"),
])
def test_invalid_periods(text, reason):
    with pytest.raises(ValueError, match=reason):
        periods.parse(text)


@pytest.mark.parametrize("value, printed, half_width", [
    ("7583.2", "亿美元", 5e6), ("45.47", "trillion yuan", 5e9), ("117", "%", 0.5),
    ("299,877,987", "thousand USD", 500.0), ("-7.2", "%", 0.05),
])
def test_precision_is_half_the_last_printed_digit(value, printed, half_width):
    assert precision(parse_number(value), printed) == pytest.approx(half_width)


@pytest.mark.parametrize("text, decimals, half", [
    ("6.32", 2, "0.005"), ("117", 0, "0.5"), ("-16.9", 1, "0.05"), ("1,234.50", 2, "0.005"),
    ("20", 0, "0.5"),
])
def test_claims_and_sources_share_one_rounding_rule(text, decimals, half):
    number = parse_number(text)
    assert units.decimals(number) == decimals
    assert units.half_last_digit(number) == Decimal(half)


@pytest.mark.parametrize("text, parts", [
    ("2025", [f"2025-{m:02d}" for m in range(1, 13)]),
    ("2025-01/2025-03", ["2025-01", "2025-02", "2025-03"]),
    ("2021/2023", ["2021", "2022", "2023"]),
    ("2026-01", []),
])
def test_a_period_names_what_it_sums(text, parts):
    assert periods.parse(text).parts() == parts


@pytest.mark.parametrize("text, days", [("2025", 365), ("2024", 366), ("2026-02", 28),
                                        ("2026-01/2026-02", 59), ("2021/2025", 1826)])
def test_a_period_counts_its_days(text, days):
    assert periods.parse(text).days() == days


@pytest.mark.parametrize("text, before", [("2026-01", "2025-12"), ("2025-11", "2025-10")])
def test_the_month_before_a_month(text, before):
    assert str(periods.parse(text).month_before()) == before


@pytest.mark.parametrize("text", ["2025", "2026-01/2026-02"])
def test_only_a_single_month_has_a_month_before(text):
    with pytest.raises(ValueError, match="not a single month"):
        periods.parse(text).month_before()
