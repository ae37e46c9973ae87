"""The package follows the data: data <- bulk <- claims <- report. Nothing in data/ imports the
later layers, nothing in bulk/ imports claims or report, nothing in claims/ imports report, so
each layer can be read, tested and reused alone."""

import ast

import pytest

from tradeclaims import paths

PACKAGE = paths.ROOT / "lib" / "tradeclaims"
LAYERS = ["data", "bulk", "claims", "report"]


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


@pytest.mark.parametrize("layer", LAYERS)
def test_imports_go_one_way(layer):
    later = LAYERS[LAYERS.index(layer) + 1:]
    wrong = [(path.name, module) for path in sorted((PACKAGE / layer).glob("*.py"))
             for module in _imports(path)
             if any(module.startswith(f"tradeclaims.{other}") for other in later)]
    assert wrong == []


def test_every_module_says_what_it_is_for():
    for path in PACKAGE.rglob("*.py"):
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path
