"""The vocabulary of the project (data/vocabulary.yaml): every code, unit, word and label that
validation, the datapackage descriptor, tables, charts and the codebook use, read once."""

from functools import cache

from tradeclaims import paths
from tradeclaims.errors import InputError
from tradeclaims.yamlfile import read_yaml

VOCABULARY = paths.DATA / "vocabulary.yaml"
SECTIONS = ["columns", "flows", "units", "bases", "measures", "printed_units", "scales",
            "classifications", "products", "groups", "areas", "quantity_units", "evidence",
            "recipes", "claim_units", "reasons", "origins", "qualifiers", "verdicts",
            "chart_colours"]
# Sections whose entries are mappings, with the keys every entry must have.
ENTRY_KEYS = {"columns": ["description"], "measures": ["units", "description"],
              "printed_units": ["unit", "scale"], "classifications": ["pattern", "description"],
              "groups": ["name"], "areas": ["name", "format", "code", "evidence"],
              "quantity_units": ["unit", "scale"],
              "recipes": ["recomputes"], "verdicts": ["colour", "meaning"],
              "origins": ["label", "meaning"], "chart_colours": ["colour", "meaning"]}


@cache
def vocabulary() -> dict:
    words, lines = read_yaml(VOCABULARY)
    if not isinstance(words, dict):
        raise InputError(VOCABULARY, "expected a mapping of sections", row=1)
    missing = [section for section in SECTIONS if not words.get(section)]
    if missing:
        raise InputError(VOCABULARY, f"missing section(s): {', '.join(missing)}")
    for name, keys in ENTRY_KEYS.items():
        for entry, value in words[name].items():
            if not isinstance(value, dict) or any(key not in value for key in keys):
                raise InputError(VOCABULARY, f"expected {', '.join(keys)} under it",
                                 row=lines.get((name, entry)), field=f"{name}.{entry}")
    return words


def section(name: str):
    return vocabulary()[name]
