"""Reading the YAML files people write (source.yaml, notebooks/reports.yaml): dates stay the
text that was typed, so a bad one is reported rather than crashing the parser, and every key
knows the line it is on."""

from pathlib import Path

import yaml

from tradeclaims import fieldtext
from tradeclaims.csvfile import read_text
from tradeclaims.errors import InputError, InputErrors


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader without the implicit timestamp type: `2025-13-45` is text to validate. With
    libyaml's parser where PyYAML has it (its wheels do): the 38 source.yaml files, read by
    every report, take 0.02 s instead of 0.25 s."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> tuple[object, dict[tuple, int]]:
    """The document and, for every mapping key, the line it is on: {("vietnam-us",
    "parameters", "partner"): 7}."""
    loader = _Loader(read_text(path))
    try:
        node = loader.get_single_node()  # parsed once, for the document and its lines
        document = None if node is None else loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, f"not valid YAML: {problem}",
                         row=mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    problems: list[InputError] = []
    _check_text(path, node, (), set(), problems)
    if problems:
        raise InputErrors(problems)
    lines: dict[tuple, int] = {}
    _key_lines(node, (), lines)
    return document, lines


def _check_text(path, node, prefix: tuple, seen: set, problems: list):
    """Every key and value as fieldtext.problem allows: a value may run to several lines where its
    key says so, or where it is written as a block (| or >). Each node once, however many
    aliases point at it."""
    if node is None or id(node) in seen:
        return
    seen.add(id(node))

    def check(scalar, field: tuple, several_lines: bool):
        if message := fieldtext.problem(scalar.value, several_lines):
            problems.append(InputError(path, message, row=scalar.start_mark.line + 1,
                                       field=".".join(map(str, field)) or None))

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            field = (*prefix, key.value)
            if isinstance(key, yaml.ScalarNode):
                check(key, field, False)
            _check_text(path, value, field, seen, problems)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_text(path, item, prefix, seen, problems)
    elif isinstance(node, yaml.ScalarNode):
        check(node, prefix, node.style in ("|", ">") or bool(prefix) and
              str(prefix[-1]) in fieldtext.SEVERAL_LINES)


def _key_lines(node, prefix: tuple, lines: dict):
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = (*prefix, key.value)
            lines[path] = key.start_mark.line + 1
            _key_lines(value, path, lines)
