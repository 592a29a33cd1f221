"""YAML files, walked at the node level so every key and scalar keeps its position.

`yaml.compose_all` builds the node graph without constructing Python objects, so custom tags
(`!Ref`, `!!python/...`) are harmless; an alias is the same node object as its anchor, and
each node is visited once, which also stops recursive aliases from looping. libyaml's loader
(when PyYAML has it) composes the same nodes many times faster (its marks do not count a
BOM); a text it refuses is read again by PyYAML's own, whose errors say more.
"""

from __future__ import annotations

import re
from dataclasses import replace

import yaml

from migrate_llm.formats import FormatError
from migrate_llm.formats.document import Entry
from migrate_llm.model import Span

_STR = "tag:yaml.org,2002:str"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Node marks start at an anchor or tag; the token itself follows them.
_PROPERTIES = re.compile(r"(?:[&!]\S*\s+)+")


def read(text: str) -> list[Entry]:
    bom = 1 if text.startswith("\ufeff") else 0
    try:
        documents: list[yaml.Node | None] = list(yaml.compose_all(text[bom:], Loader=_LOADER))
    except yaml.YAMLError:
        documents = _python_composed(text[bom:])
    entries: list[Entry] = []
    seen: set[int] = set()
    for document, node in enumerate(documents):
        if node is not None:
            start = len(entries)
            _walk(text, node, None, (), entries, seen, bom)
            if document:
                entries[start:] = [replace(e, document=document) for e in entries[start:]]
    return entries


def _python_composed(text: str) -> list[yaml.Node | None]:
    """The documents PyYAML's own loader composes, or its error (which names what it met,
    where libyaml's does not: "found undefined alias 'x'")."""
    try:
        return list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise _format_error(exc) from None


def _walk(
    text: str,
    node: yaml.Node,
    key: str | None,
    path: tuple[str, ...],
    out: list[Entry],
    seen: set[int],
    shift: int,
) -> None:
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            name = key_node.value
            key_span = _span(text, key_node, shift)
            if _is_string(value_node) and id(value_node) not in seen:
                seen.add(id(value_node))
                out.append(
                    Entry(
                        name,
                        (*path, name),
                        value_node.value,
                        key_span,
                        _span(text, value_node, shift),
                    )
                )
            else:
                out.append(Entry(name, (*path, name), None, key_span, None))
                _walk(text, value_node, name, (*path, name), out, seen, shift)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(text, item, key, (*path, str(index)), out, seen, shift)
    elif _is_string(node):
        out.append(Entry(key, path, node.value, None, _span(text, node, shift)))


def _is_string(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _STR


def _span(text: str, node: yaml.Node, shift: int) -> Span:
    start, end = node.start_mark.index + shift, node.end_mark.index + shift
    properties = _PROPERTIES.match(text, start, end)
    if properties is not None:
        start = properties.end()
    return Span(start, end)


def _format_error(exc: yaml.YAMLError) -> FormatError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    return FormatError(f"{context}: {problem}" if context else problem, line)
