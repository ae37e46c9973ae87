"""The dataset as `make data` built it, read without pandas (the news peg of `extract` reads it
so), refused when it is not what the descriptor records."""

import json
from pathlib import Path

from tradeclaims.errors import InputError
from tradeclaims.files import sha256


def read_built(csv: Path, package: Path) -> str:
    """The text of data/trade.csv, if it is what `make data` last wrote."""
    rebuild = "run `make data` to build it from data/sources/"
    try:
        text = csv.read_text(encoding="utf-8")
        recorded = json.loads(package.read_text(encoding="utf-8"))["resources"][0]["hash"]
    except FileNotFoundError as exc:
        raise InputError(exc.filename, f"missing: {rebuild}") from None
    except (ValueError, KeyError, IndexError, TypeError):
        raise InputError(package, f"no dataset hash in the descriptor: {rebuild}") from None
    if sha256(text) != recorded:
        raise InputError(csv, "differs from what `make data` built (its hash does not match "
                         f"the one in {package.name}); it is never edited by hand: {rebuild}")
    return text
