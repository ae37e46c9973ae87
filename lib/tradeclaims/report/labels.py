"""Readable names for codes in tables and charts: partners, products, periods."""

from tradeclaims.data import codes, periods
from tradeclaims.data.vocabulary import section

PRODUCT_LABELS = section("products")


def label(value) -> str:
    """A readable name for a code: partner, product or period."""
    value = str(value)
    if value in PRODUCT_LABELS:
        return PRODUCT_LABELS[value]
    if codes.is_known(value):
        return codes.name(value)
    if periods.is_valid(value):
        return periods.parse(value).label()
    return value
