"""The names of LLM services a project's code picks its clients by (ML204, ML501).

A multi-provider program chooses its service by a name (TradingAgents' `DEFAULT_CONFIG =
{"llm_provider": "openai", ...}`), which its code looks up in tables keyed by service
(`OPENAI_COMPATIBLE_PROVIDERS = {"openai": ..., "qwen": ...}`), in tables of rows
(`[("OpenAI", "openai", URL), ("Qwen", "qwen", URL)]`) or tests (`if provider ==
"anthropic":`), often in other modules than the one setting it. apply mapped the models beside
`"llm_provider": "openai"` and left the name, so the program sent the provider's models to
OpenAI with the OpenAI key (t52b D2). A Python module naming `"openai"` in quotes is marked
while it is screened (`may_name_services`), read again where the run switches provider
(`service_names`), and the names it picks services by go into its project's facts
(`RunFacts.service_names`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm.frameworks.services import OPENAI_SERVICES, OTHER_SERVICES
from migrate_llm.textio import python_tree

if TYPE_CHECKING:
    from migrate_llm.registry import Registry

# `"openai"` in quotes: the module may pick a service by OpenAI's name
_OPENAI_QUOTED = re.compile(rb"[\"']openai[\"']")
# a module larger than this is not read again (its own rules still read it)
MAX_BYTES = 512 * 1024


class ServiceName(NamedTuple):
    """A service name (as written) that a module picks a service by: a key of a table keyed
    by service, a value its code tests a name against. `module`: the module's file name as
    the run found it (as `PythonContext.path` gives it); `shown`: as messages show it."""

    name: str
    module: str
    shown: str


def may_name_services(data: bytes) -> bool:
    """Whether a module's bytes may pick a service by OpenAI's name."""
    return _OPENAI_QUOTED.search(data) is not None


def known_services(registry: Registry) -> frozenset[str]:
    """The names of LLM services, lower case: `frameworks/services.py` and the ids and
    aliases of the provider files."""
    names = set(OPENAI_SERVICES | OTHER_SERVICES)
    for provider in registry.providers.values():
        names.add(provider.id.lower())
        names.update(alias.lower() for alias in provider.aliases)
    return frozenset(names)


def service_names(module: str, shown: str, data: bytes, known: frozenset[str]) -> list[ServiceName]:
    """The names of `known` services the module's bytes pick services by (`picks_services`);
    none where they cannot be parsed."""
    if len(data) > MAX_BYTES:
        return []
    tree = python_tree(data)
    if tree is None:
        return []
    return [ServiceName(n, module, shown) for n in sorted(picks_services(tree, known))]


def picks_services(tree: ast.AST, known: frozenset[str]) -> set[str]:
    """The names of `known` services (as written) a module's tree picks services by: the
    keys of a dict display keyed by two of them or more, the strings a value is tested
    against (`==`, `!=`, `in` a display, a `case`), the strings in one place of the rows of a
    list or tuple that names two of them or more there."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            found |= _two_or_more((_string(k) for k in node.keys if k is not None), known)
        elif isinstance(node, ast.Compare):
            found.update(v for v in _tested(node) if v.lower() in known)
        elif isinstance(node, ast.MatchValue):
            value = _string(node.value)
            if value is not None and value.lower() in known:
                found.add(value)
        elif isinstance(node, (ast.List, ast.Tuple)):
            places: dict[object, list[str]] = {}
            for row in node.elts:
                for place, value in _places(row):
                    places.setdefault(place, []).append(value)
            for values in places.values():
                found |= _two_or_more(values, known)
            found |= _registry_names(node, known)
    return found


def _registry_names(node: ast.List | ast.Tuple, known: frozenset[str]) -> set[str]:
    """The names of a registry of services built by one class, a call per service
    (MoneyPrinterTurbo's `(LLMProviderSpec("openai", ...), LLMProviderSpec("aihubmix",
    ...))`): every string in the place (a position, a keyword) where two rows or more name
    `known` services, a gateway's own name (`"aihubmix"`) too."""
    rows = [row for row in node.elts if isinstance(row, ast.Call)]
    if len(rows) < 2 or len(rows) != len(node.elts):
        return set()
    if len({ast.dump(row.func) for row in rows}) != 1:
        return set()
    places: dict[object, list[str]] = {}
    for row in rows:
        for place, value in _places(row):
            places.setdefault(place, []).append(value)
    found: set[str] = set()
    for values in places.values():
        if _two_or_more(values, known):
            found.update(values)
    return found


def dispatches(names: Iterable[str]) -> bool:
    """Whether `names` (service names a project picks its clients by) hold OpenAI's and
    another service's: its code chooses among services, OpenAI one of them."""
    lowered = {n.lower() for n in names}
    return bool(lowered & OPENAI_SERVICES) and bool(lowered - OPENAI_SERVICES)


def _two_or_more(values: Iterable[str | None], known: frozenset[str]) -> set[str]:
    """The `known` service names among `values`, where they name two services or more."""
    named = {v for v in values if v is not None and v.lower() in known}
    return named if len({n.lower() for n in named}) > 1 else set()


def _tested(node: ast.Compare) -> Iterator[str]:
    """The strings a comparison tests a value against: `x == "openai"`, `x in ("a", "b")`."""
    lefts = [node.left, *node.comparators]
    for left, op, right in zip(lefts, node.ops, node.comparators, strict=False):
        if isinstance(op, (ast.Eq, ast.NotEq)):
            yield from (v for side in (left, right) if (v := _string(side)) is not None)
        elif isinstance(op, (ast.In, ast.NotIn)) and isinstance(
            right, (ast.Tuple, ast.List, ast.Set)
        ):
            yield from (v for e in right.elts if (v := _string(e)) is not None)


def _places(row: ast.expr) -> Iterator[tuple[object, str]]:
    """The strings of a row of a table by place: its position in a tuple or list (or among
    a call's arguments), its key in a dict (or a call's keyword)."""
    if isinstance(row, ast.Call):
        yield from _places(ast.Tuple(elts=row.args))
        for given in row.keywords:
            value = _string(given.value)
            if given.arg is not None and value is not None:
                yield given.arg, value
    elif isinstance(row, (ast.Tuple, ast.List)):
        for i, element in enumerate(row.elts):
            value = _string(element)
            if value is not None:
                yield i, value
    elif isinstance(row, ast.Dict):
        for key, element in zip(row.keys, row.values, strict=True):
            name = _string(key) if key is not None else None
            value = _string(element)
            if name is not None and value is not None:
                yield name, value


def _string(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
