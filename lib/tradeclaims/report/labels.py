"""Readable names for codes in tables and charts: partners, products, periods."""

from tradeclaims.data import codes, periods

PRODUCT_LABELS = {
    "TOTAL": "All goods",
    "VNCG:phones_parts": "Phones and parts",
    "VNCG:computers_electronics_parts": "Computers, electronics and parts",
    "CCCME:electronic_information": "Electronic information products",
    "CCCME:mechanical_electrical": "Mechanical and electrical products",
    "GAC:equipment_manufacturing": "Equipment manufacturing",
    "OWNERSHIP:fdi": "Foreign-invested sector",
    "OWNERSHIP:domestic": "Domestic sector",
}


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
