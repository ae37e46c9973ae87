"""The columns of the tidy dataset data/trade.csv and what each means, from the vocabulary
(no dependencies, so readers of the data need not load the schema library)."""

import re
from urllib.parse import urlsplit

from tradeclaims.data.vocabulary import section

FLOWS = list(section("flows"))
# A total or balance not printed is computed from the two flows: the series written this way.
FLOW_IDENTITIES = {"total": "export+import", "balance": "export-import"}
COLUMNS = list(section("columns"))
KEY = [name for name, column in section("columns").items() if column.get("key")]
DESCRIPTIONS = {name: column["description"] for name, column in section("columns").items()}
# The form of every id that names a folder, a page or an anchor: sources, articles, claims,
# reports.
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


def is_web_address(text: str) -> bool:
    """An absolute http(s) address with a host, as every url field must be."""
    url = urlsplit(text)
    return url.scheme in ("http", "https") and bool(url.hostname) and not re.search(r"\s", text)
