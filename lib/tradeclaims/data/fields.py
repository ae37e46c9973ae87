"""The columns of the tidy dataset data/trade.csv and what each means, from the vocabulary
(no dependencies, so readers of the data need not load the schema library)."""

from tradeclaims.data.vocabulary import section

FLOWS = list(section("flows"))
COLUMNS = list(section("columns"))
KEY = [name for name, column in section("columns").items() if column.get("key")]
DESCRIPTIONS = {name: column["description"] for name, column in section("columns").items()}
# The form of every id that names a folder, a page or an anchor: sources, articles, claims,
# reports.
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
