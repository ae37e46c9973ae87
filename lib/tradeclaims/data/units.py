"""Units as printed by publishers, mapped to the dataset's units and scale factors."""

import re
from decimal import Decimal, InvalidOperation

from tradeclaims.data.vocabulary import section

# printed unit -> (dataset unit, scale), from the vocabulary: 亿美元 -> (USD, "1e8").
PRINTED_UNITS = {printed: (entry["unit"], str(entry["scale"]))
                 for printed, entry in section("printed_units").items()}
# Which dataset units each measure may carry.
MEASURE_UNITS = {name: set(measure["units"]) for name, measure in section("measures").items()}
UNITS = sorted(section("units"))
# What a percentage is computed on; "unstated" where the publisher did not say.
BASES = list(section("bases"))
# Words for scale used in claims ("$1.04 billion", "45 trillion yuan").
SCALE_WORDS = {word: float(scale) for word, scale in section("scales").items()}

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
