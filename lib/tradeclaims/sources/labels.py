"""Row and column labels of publishers' tables to the dataset's product codes, from the
vocabulary's `table_labels`, matched ignoring case, spaces and punctuation."""

import re
from functools import cache

from tradeclaims.data.vocabulary import section

_NOISE = re.compile(r"[\W_]+")


def key(label: str) -> str:
    return _NOISE.sub("", label.casefold())


@cache
def _codes() -> dict[str, list[str]]:
    """{normalized label: [codes]}: one label may name a code in several classifications (GAC's
    'Other' is a customs regime in rows and a type of enterprise in columns)."""
    found: dict[str, list[str]] = {}
    for code, labels in section("table_labels").items():
        for label in labels:
            found.setdefault(key(label), []).append(code)
    return found


def product(label: str, classification: str) -> str | None:
    """The code `label` names in `classification` (or TOTAL), or None."""
    for code in _codes().get(key(label), []):
        if code == "TOTAL" or code.partition(":")[0] == classification:
            return code
    return None


def known(classification: str) -> list[str]:
    return [labels[0] for code, labels in section("table_labels").items()
            if code.partition(":")[0] == classification]
