"""The vocabulary of the project (data/vocabulary.yaml): every code, unit, word and label that
validation, the datapackage descriptor, tables, charts and the codebook use, read once."""

from functools import cache

from tradeclaims import paths
from tradeclaims.errors import InputError
from tradeclaims.yamlfile import read_yaml

VOCABULARY = paths.DATA / "vocabulary.yaml"
SECTIONS = ["columns", "flows", "units", "bases", "measures", "printed_units", "scales",
            "classifications", "products", "groups", "evidence", "recipes", "claim_units",
            "qualifiers", "verdicts"]


@cache
def vocabulary() -> dict:
    words, lines = read_yaml(VOCABULARY)
    if not isinstance(words, dict):
        raise InputError(VOCABULARY, "expected a mapping of sections", row=1)
    missing = [section for section in SECTIONS if not words.get(section)]
    if missing:
        raise InputError(VOCABULARY, f"missing section(s): {', '.join(missing)}")
    return words


def section(name: str):
    return vocabulary()[name]
