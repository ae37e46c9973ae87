"""One speed trick, in one place: processes that load nbformat (report runs, pytest with nbval)
hide `rfc3987_syntax`, whose ~35 grammars jsonschema compiles at import for IRI formats that no
notebook schema uses (python-jsonschema/jsonschema#1428). Measured on the 2-core machine:
`import nbformat` 2.3 s with it, 0.2 s without. jsonschema treats the missing module as an
optional extra. Imported by `python -m tradeclaims run` and, through `-p` in pyproject.toml,
by pytest before its plugins load."""

import sys

sys.modules.setdefault("rfc3987_syntax", None)
