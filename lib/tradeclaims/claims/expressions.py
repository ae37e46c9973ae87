"""Arithmetic over lookups, for a figure derived in several steps: `[spec] / [spec] * 100 -
[spec]`, each bracket a series of the dataset (the registry's key=value syntax). Parsed with
Python's own parser and evaluated on intervals, so the rounding of every input is carried to
the result; nothing but + - * / ( ), numbers and bracketed lookups is accepted."""

import ast
import operator
import re

from tradeclaims.data.intervals import Interval

TERM = re.compile(r"\[([^\[\]]*)\]")
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
              ast.Div: operator.truediv}
_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.USub, ast.Constant, ast.Name, ast.Load,
            *_OPERATORS)


def split(text: str) -> tuple[list[str], ast.Expression]:
    """The text of each bracketed lookup, in order, and the arithmetic around them; raises
    ValueError saying what is wrong."""
    terms: list[str] = []

    def name(match):
        terms.append(match[1].strip())
        return f" t{len(terms) - 1} "

    code = TERM.sub(name, text)
    outside = TERM.sub(" ", text)
    if not re.fullmatch(r"[\d\s.+\-*/()]*", outside):
        raise ValueError("only + - * / ( ), numbers and [lookups] may appear: "
                         f"{outside.strip()!r} outside the brackets")
    if not terms:
        raise ValueError("no lookup in it: write each series in brackets, "
                         "[reporter=VNM partner=CHN flow=export period=2026-02 unit=USD]")
    try:
        tree = ast.parse(code.strip(), mode="eval")
    except SyntaxError:
        raise ValueError(f"not arithmetic on [lookups] and numbers: {text!r}") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ValueError(f"only + - * / ( ), numbers and [lookups] may appear: {text!r}")
    return terms, tree


def evaluate(tree: ast.Expression, values: list[Interval]) -> Interval:
    """The expression's value, with the values of its lookups in order."""
    def value(node) -> Interval:
        if isinstance(node, ast.BinOp):
            return _OPERATORS[type(node.op)](value(node.left), value(node.right))
        if isinstance(node, ast.UnaryOp):
            return Interval.exact(0) - value(node.operand)
        if isinstance(node, ast.Constant):
            return Interval.exact(float(node.value))
        return values[int(node.id[1:])]

    return value(tree.body)


def numbered(text: str) -> str:
    """The expression with each lookup shown as its number: [1] / [2] * 100 - [3]."""
    count = iter(range(1, 10_000))
    return TERM.sub(lambda _: f"[{next(count)}]", text)
