"""One speed trick, in one place: processes that load nbformat (report runs, pytest with nbval,
git's notebook filter and drivers) hide `rfc3987_syntax`, whose ~35 grammars jsonschema compiles
at import for IRI formats that no notebook schema uses (python-jsonschema/jsonschema#1428).
Measured on the 2-core machine: `import nbformat` 2.3 s with it, 0.2 s without; nbstripout, which
git runs once per notebook it stages or diffs, 1.2 s of CPU a call, 0.2 s without. jsonschema
treats the missing module as an optional extra. Imported by `python -m tradeclaims run` and,
through `-p` in pyproject.toml, by pytest before its plugins load; `python -m
tradeclaims.fastimport MODULE ARGS...` runs MODULE as `python -m MODULE ARGS...` would, with the
trick (the git drivers `make env` sets)."""

import sys

sys.modules.setdefault("rfc3987_syntax", None)

if __name__ == "__main__":
    import runpy

    module = sys.argv.pop(1)
    runpy.run_module(module, run_name="__main__", alter_sys=True)
