"""The package follows the data: data <- bulk <- claims <- kernel <- report. Nothing in data/
imports the later layers, nothing in bulk/ imports claims or report, nothing in claims/ imports
the kernel or report, the kernel (its provisioner and fork server) imports no report, so each
layer can be read, tested and reused alone."""

import ast
import re

import pytest

from tradeclaims import paths

PACKAGE = paths.ROOT / "lib" / "tradeclaims"
LAYERS = ["data", "bulk", "claims", "kernel", "report"]


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


# Elements a page is made of (not <input>, which messages use for text read from stdin).
ELEMENT = re.compile(r"</?(a|b|body|br|code|div|h[1-6]|head|html|i|img|li|link|meta|ol|p|script|"
                     r"small|span|style|table|tbody|td|th|thead|tr|ul)[\s>/]")
# provenance.py finds the digest that the page templates wrote; it writes no markup.
READS_MARKUP = {"provenance.py"}


def _strings(path):
    """Every string constant of a module but its docstrings, which may name an element."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                       ast.AsyncFunctionDef)) and ast.get_docstring(node)}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings):
            yield node.lineno, node.value


def test_markup_is_written_by_templates_only():
    """Pages come from the Jinja2 and nbconvert templates; no Python string holds an element."""
    found = [(paths.relative(path), line) for path in sorted(PACKAGE.rglob("*.py"))
             if path.name not in READS_MARKUP
             for line, text in _strings(path) if ELEMENT.search(text)]
    assert found == []
    assert ELEMENT.search('<script type="application/ld+json">') and not ELEMENT.search("<input>")
