"""Units as printed by publishers, mapped to the dataset's units and scale factors."""

import re
from decimal import Decimal, InvalidOperation

# printed unit -> (dataset unit, scale). Chinese: 亿 = 1e8, 万亿 = 1e12; Vietnamese: tỷ = 1e9,
# triệu = 1e6. GAC's monthly tables print US$ thousands.
PRINTED_UNITS = {
    "USD": ("USD", "1"),
    "thousand USD": ("USD", "1e3"),
    "million USD": ("USD", "1e6"),
    "triệu USD": ("USD", "1e6"),
    "bn USD": ("USD", "1e9"),
    "tỷ USD": ("USD", "1e9"),
    "亿美元": ("USD", "1e8"),
    "trillion USD": ("USD", "1e12"),
    "万亿美元": ("USD", "1e12"),
    "CNY": ("CNY", "1"),
    "亿元": ("CNY", "1e8"),
    "billion yuan": ("CNY", "1e9"),
    "trillion yuan": ("CNY", "1e12"),
    "万亿元": ("CNY", "1e12"),
    "tonnes": ("tonnes", "1"),
    "million tonnes": ("tonnes", "1e6"),
    "billion tonnes": ("tonnes", "1e9"),
    "units": ("units", "1"),
    "million units": ("units", "1e6"),
    "%": ("percent", "1"),
}

# Which dataset units each measure may carry.
MEASURE_UNITS = {
    "value": {"USD", "CNY"},
    "change_published": {"USD", "CNY"},
    "quantity": {"tonnes", "units"},
    "growth_published": {"percent"},
    "growth_mom_published": {"percent"},
    "share_published": {"percent"},
}
UNITS = sorted({unit for unit, _ in PRINTED_UNITS.values()})
# What a percentage is computed on; "unstated" where the publisher did not say.
BASES = ["USD", "CNY", "tonnes", "units", "unstated"]

# Words for scale used in claims ("$1.04 billion", "45 trillion yuan").
SCALE_WORDS = {"": 1, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def parse_number(text: str) -> Decimal:
    """A number as printed: '7583.2', '-7.2', '299,877,987'. Raises ValueError otherwise."""
    text = text.strip().replace("\u2212", "-")
    if not _NUMBER.match(text):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex already excludes these
        raise ValueError(f"not a number: {text!r}") from exc


def to_dataset_unit(value: Decimal, printed_unit: str) -> tuple[float, str]:
    """Scale a printed value to its dataset unit: (7583.2, '亿美元') -> (758320000000.0, 'USD')."""
    if printed_unit not in PRINTED_UNITS:
        raise KeyError(printed_unit)
    unit, scale = PRINTED_UNITS[printed_unit]
    return float(value * Decimal(scale)), unit


def decimals(number: Decimal) -> int:
    """Digits printed after the point: 7583.2 -> 1, 117 -> 0."""
    return max(0, -number.as_tuple().exponent)


def half_last_digit(number: Decimal) -> Decimal:
    """Half a unit of the last printed digit, the rounding a printed figure carries:
    6.32 -> 0.005, 117 -> 0.5."""
    return Decimal("0.5").scaleb(-decimals(number))


def precision(value: Decimal, printed_unit: str) -> float:
    """Half a unit of the last printed digit, in the dataset unit: 7583.2 亿美元 -> 5e6 USD."""
    return float(half_last_digit(value) * Decimal(PRINTED_UNITS[printed_unit][1]))
