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
(`RunFacts.service_names`), each with the URLs and variable names its tables give it (`hints`:
a project with an entry per region of one provider, t52h N1).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm.frameworks.services import OPENAI_SERVICES, OTHER_SERVICES
from migrate_llm.openai_sdk import CONFIG_BASE_URL_KEYS
from migrate_llm.textio import python_tree

if TYPE_CHECKING:
    from migrate_llm.registry import Registry

# `"openai"` (or `"OpenAI"`, t68e's `DEFAULT_URL = {"OpenAI": ...}`) in quotes: the module
# may pick a service by OpenAI's name
_OPENAI_QUOTED = re.compile(rb"[\"'](?:openai|OpenAI)[\"']")
# a module larger than this is not read again (its own rules still read it)
MAX_BYTES = 512 * 1024


class ServiceName(NamedTuple):
    """A service name (as written) that a module picks a service by: a key of a table keyed
    by service, a value its code tests a name against. `module`: the module's file name as
    the run found it (as `PythonContext.path` gives it); `shown`: as messages show it;
    `hints`: the URLs and variable names the module's tables give it (TradingAgents'
    `"qwen-cn": ProviderSpec(base_url="https://dashscope.aliyuncs.com/...")`, `"qwen-cn":
    "DASHSCOPE_CN_API_KEY"`), sorted."""

    name: str
    module: str
    shown: str
    hints: tuple[str, ...] = ()
    # the URLs a branch for that name gives a client as a literal base URL (`elif provider ==
    # "dashscope": ChatOpenAI(openai_api_base="https://...")`): selected, the program goes
    # there whatever the provider's base-URL variable says (t57a D3), sorted
    fixed: tuple[str, ...] = ()


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
    found = picks_services(tree, known)
    fixed = fixed_urls(tree, known)
    return [
        ServiceName(n, module, shown, tuple(sorted(found[n])), tuple(sorted(fixed.get(n, ()))))
        for n in sorted(found)
    ]


def fixed_urls(tree: ast.AST, known: frozenset[str]) -> dict[str, set[str]]:
    """The URLs each `known` service name's branch (`if provider == "dashscope":`, a `case`)
    gives a call as a literal base URL (a keyword `CONFIG_BASE_URL_KEYS` names: `base_url=`,
    `openai_api_base=`), by the name as written."""
    found: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            tests = [n for n in ast.walk(node.test) if isinstance(n, ast.Compare)]
            names = [v for t in tests for v in _tested(t) if v.lower() in known]
            body: list[ast.stmt] = node.body
        elif isinstance(node, ast.match_case) and isinstance(node.pattern, ast.MatchValue):
            value = _string(node.pattern.value)
            names = [value] if value is not None and value.lower() in known else []
            body = node.body
        else:
            continue
        urls = {url for statement in body for url in _literal_base_urls(statement)}
        for name in names if urls else ():
            found.setdefault(name, set()).update(urls)
    return found


def _literal_base_urls(statement: ast.stmt) -> Iterator[str]:
    """The URLs `statement` gives a call as a literal base-URL keyword."""
    for node in ast.walk(statement):
        if not isinstance(node, ast.Call):
            continue
        for given in node.keywords:
            key = (given.arg or "").lower().replace("_", "").replace("-", "")
            value = _string(given.value)
            if key in CONFIG_BASE_URL_KEYS and value is not None and "://" in value:
                yield value


def picks_services(tree: ast.AST, known: frozenset[str]) -> dict[str, set[str]]:
    """The names of services (as written) a module's tree picks services by, each with the
    URLs and variable names its tables give it (`_hints`): the keys of a dict display keyed
    by two `known` ones or more (with those named after one, `"qwen-cn"`), the strings a
    value is tested against (`==`, `!=`, `in` a display, a `case`), the strings in one place
    of the rows of a list or tuple that names two of them or more there."""
    found: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [(_string(k), v) for k, v in zip(node.keys, node.values, strict=True) if k]
            _add_table(found, [(k, v) for k, v in keys if k is not None], known)
        elif isinstance(node, ast.Compare):
            for v in _tested(node):
                if v.lower() in known:
                    found.setdefault(v, set())
        elif isinstance(node, ast.MatchValue):
            value = _string(node.value)
            if value is not None and value.lower() in known:
                found.setdefault(value, set())
        elif isinstance(node, (ast.List, ast.Tuple)):
            places: dict[object, list[tuple[str, ast.expr]]] = {}
            for row in node.elts:
                for place, value in _places(row):
                    places.setdefault(place, []).append((value, row))
            for entries in places.values():
                _add_table(found, entries, known)
            for name, hints in _registry_names(node, known).items():
                found.setdefault(name, set()).update(hints)
    return found


def _registry_names(node: ast.List | ast.Tuple, known: frozenset[str]) -> dict[str, set[str]]:
    """The names of a registry of services built by one class, a call per service
    (MoneyPrinterTurbo's `(LLMProviderSpec("openai", ...), LLMProviderSpec("aihubmix",
    ...))`), each with its row's `_hints`: every string in the place (a position, a keyword)
    where two rows or more name `known` services, a gateway's own name (`"aihubmix"`) too."""
    rows = [row for row in node.elts if isinstance(row, ast.Call)]
    if len(rows) < 2 or len(rows) != len(node.elts):
        return {}
    if len({ast.dump(row.func) for row in rows}) != 1:
        return {}
    places: dict[object, list[tuple[str, ast.Call]]] = {}
    for row in rows:
        for place, value in _places(row):
            places.setdefault(place, []).append((value, row))
    found: dict[str, set[str]] = {}
    for entries in places.values():
        if len({n.lower() for n, _ in entries if n.lower() in known}) >= 2:
            for name, row in entries:
                found.setdefault(name, set()).update(_hints(row))
    return found


def _add_table(
    found: dict[str, set[str]], entries: list[tuple[str, ast.expr]], known: frozenset[str]
) -> None:
    """Add the names of a table's `entries` (each name with what it gives that name: its
    value, its row) to `found`, with their `_hints`, where two of them or more are `known`
    services: those, and the names written after one (`"qwen-cn"`, `"glm_intl"`)."""
    if len({n.lower() for n, _ in entries if n.lower() in known}) < 2:
        return
    for name, given in entries:
        lowered = name.lower()
        if lowered in known or _named_after(lowered, known):
            found.setdefault(name, set()).update(_hints(given))


def _named_after(name: str, known: frozenset[str]) -> bool:
    """Whether `name` is a `known` service's followed by `-` or `_` and more (`qwen-cn`)."""
    return any(name[:i] in known for i, c in enumerate(name) if c in "-_" and 0 < i < len(name) - 1)


# a variable's name as programs write one: `DASHSCOPE_CN_API_KEY`
_VARIABLE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")


def _hints(node: ast.expr) -> set[str]:
    """The URLs and variable names written in `node` (a table's value, or its row)."""
    found = set()
    for inner in ast.walk(node):
        value = inner.value if isinstance(inner, ast.Constant) else None
        if isinstance(value, str) and ("://" in value or _VARIABLE.fullmatch(value)):
            found.add(value)
    return found


def dispatches(names: Iterable[str]) -> bool:
    """Whether `names` (service names a project picks its clients by) hold OpenAI's and
    another service's: its code chooses among services, OpenAI one of them."""
    lowered = {n.lower() for n in names}
    return bool(lowered & OPENAI_SERVICES) and bool(lowered - OPENAI_SERVICES)


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
