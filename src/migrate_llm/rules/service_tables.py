"""Tables keyed by service: a dict display whose keys all name LLM services (`openai`,
`anthropic`, `moonshot`...: `frameworks/services.py` and the provider files' ids and
aliases). Each entry is read on its own: one under another service than the target names
that service's model (gptme's `MODEL_ALIASES["openai"]["gpt-5.6"] = "gpt-5.6-sol"`, which
apply had made `kimi-k2.6`, t51f), and ML204 leaves it (a note). Where the program names no
service of the target's own (`names_target_service`), OpenAI's entries are a warning: the
target can only be reached through the client of OpenAI's entry, which then sends them there
(devika's `MODELS["OPENAI"]`, t61d)."""

from __future__ import annotations

import ast
import contextlib
import re
from dataclasses import dataclass
from typing import cast

import libcst as cst

from migrate_llm.frameworks.services import OPENAI_SERVICES
from migrate_llm.rules.python_context import PythonContext, last_name, string_value
from migrate_llm.service_names import known_services, picks_services


@dataclass(frozen=True)
class ServiceEntry:
    """Where a value stands in a table keyed by service: `service` (the key, as written),
    `table` (the name the table is bound to, or `a table`), `openai` (the key is OpenAI's)."""

    service: str
    table: str
    openai: bool


def _services(ctx: PythonContext) -> frozenset[str]:
    found = ctx.analyses.get(_services)
    if found is None:
        found = ctx.analyses[_services] = known_services(ctx.rules.registry)
    return cast("frozenset[str]", found)


# a variable named for a service's key (`GOOGLE_API_KEY`, `DASHSCOPE_KEY`): the service's name
_SERVICE_KEY = re.compile(r"^([A-Z][A-Z0-9_]*?)_(?:API_)?KEY$")


def service_key_variable(ctx: PythonContext, name: str) -> bool:
    """Whether `name` is the key variable of an LLM service other than OpenAI: a provider
    file's (its `api_key_env`, a key variable of its `[detect] env_vars`), or one named for
    a service of `_services` (`GOOGLE_API_KEY`, `ANTHROPIC_API_KEY`)."""
    match = _SERVICE_KEY.match(name)
    if match is None or match.group(1).lower() in OPENAI_SERVICES:
        return False
    rules = ctx.rules
    target = rules.provider
    if target is not None and name in (target.api_key_env, *target.env_vars):
        return True
    return rules.other_providers_key(name) is not None or match.group(1).lower() in _services(ctx)


def target_names(ctx: PythonContext) -> frozenset[str]:
    """The target's id and aliases, in lower case (none without a target)."""
    target = ctx.rules.provider
    if target is None:
        return frozenset()
    return frozenset({target.id.lower(), *(alias.lower() for alias in target.aliases)})


def names_target_service(ctx: PythonContext) -> bool:
    """Whether the program picks a service of the target's own by name (its id or an alias,
    or one written after it: `"moonshot-cn"`): the project's service names
    (`RunFacts.service_names`) and the module's own (`picks_services`); found once per
    module."""
    found = ctx.analyses.get(names_target_service)
    if found is None:
        names = {n.name for n in ctx.rules.facts.service_names}
        with contextlib.suppress(SyntaxError, ValueError, RecursionError, MemoryError):
            names.update(picks_services(ast.parse(ctx.text), _services(ctx)))
        targets = target_names(ctx)
        found = ctx.analyses[names_target_service] = any(
            n.lower() in targets or any(n.lower().startswith(t + c) for t in targets for c in "-_")
            for n in names
        )
    return cast("bool", found)


def keyed_by_service(ctx: PythonContext, table: cst.Dict) -> bool:
    """Whether every key of a dict display (at least two, all strings) names a service."""
    keys = [string_value(e.key) for e in table.elements if isinstance(e, cst.DictElement)]
    if len(keys) < 2 or len(keys) != len(table.elements):
        return False
    known = _services(ctx)
    return all(key is not None and key.lower() in known for key in keys)


def service_entry(ctx: PythonContext, node: cst.CSTNode) -> ServiceEntry | None:
    """The entry of a table keyed by service that `node` stands in (its value, or anything
    inside it), where that service is not the target; None otherwise. Also a row of a list
    or tuple of rows (`service_row`: TradingAgents' `[("OpenAI", "openai",
    "https://api.openai.com/v1"), ("Qwen", "qwen", ...)]`)."""
    child = node
    for parent in reversed(ctx.ancestors(node)):
        if isinstance(parent, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            return None
        if isinstance(parent, cst.DictElement) and parent.value is child:
            table = ctx.ancestors(parent)[-1]
            if isinstance(table, cst.Dict) and keyed_by_service(ctx, table):
                return _entry(ctx, string_value(parent.key) or "", table)
        if isinstance(parent, cst.Element) and isinstance(child, _ROWS):
            table = ctx.ancestors(parent)[-1]
            service = service_row(ctx, child, table) if isinstance(table, _TABLES) else None
            if service is not None:
                return _entry(ctx, service, table)
        child = parent
    return None


def _entry(ctx: PythonContext, service: str, table: cst.CSTNode) -> ServiceEntry | None:
    if service.lower() in target_names(ctx):
        return None
    return ServiceEntry(service, _table_name(ctx, table), service.lower() in OPENAI_SERVICES)


# a row of a table of rows, and such a table
_ROWS = (cst.Tuple, cst.List, cst.Dict)
_TABLES = (cst.List, cst.Tuple)


def service_row(ctx: PythonContext, row: cst.CSTNode, table: cst.List | cst.Tuple) -> str | None:
    """The service the row `row` of the list or tuple `table` is for: a string of the row
    naming a service (by position in a tuple or list, by key in a dict display) where another
    row names another service in the same place (`("OpenAI", "openai", URL)` beside `("Qwen",
    "qwen", URL)`, `{"provider": "openai", ...}` beside `{"provider": "qwen", ...}`); None
    otherwise."""
    known = _services(ctx)
    named = [(p, text) for p, v in _places(row).items() if (text := string_value(v)) is not None]
    # an id (`"openai"`) before a name shown to people (`"OpenAI"`)
    for place, service in sorted(named, key=lambda pair: pair[1] != pair[1].lower()):
        if service.lower() not in known:
            continue
        for other in table.elements:
            if other.value is row or not isinstance(other.value, _ROWS):
                continue
            value = _places(other.value).get(place)
            theirs = string_value(value) if value is not None else None
            if theirs is not None and theirs.lower() in known and theirs.lower() != service.lower():
                return service
    return None


def _places(row: cst.CSTNode) -> dict[object, cst.BaseExpression]:
    """The values of a row by place: its position in a tuple or list, its key in a dict."""
    if isinstance(row, (cst.Tuple, cst.List)):
        return {
            i: e.value for i, e in enumerate(row.elements) if not isinstance(e, cst.StarredElement)
        }
    if isinstance(row, cst.Dict):
        return {
            key: e.value
            for e in row.elements
            if isinstance(e, cst.DictElement) and (key := string_value(e.key)) is not None
        }
    return {}


def _table_name(ctx: PythonContext, table: cst.CSTNode) -> str:
    parent = ctx.ancestors(table)[-1]
    target: cst.BaseExpression | None = None
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
        target = parent.targets[0].target
    elif isinstance(parent, cst.AnnAssign):
        target = parent.target
    elif isinstance(parent, cst.Arg) and isinstance(call := ctx.ancestors(parent)[-1], cst.Call):
        return f"the table given to {last_name(call.func) or 'a call'}()"
    elif isinstance(parent, cst.Return):
        function = next(
            (a for a in reversed(ctx.ancestors(parent)) if isinstance(a, cst.FunctionDef)), None
        )
        if function is not None:
            return f"the table {function.name.value}() returns"
    name = last_name(target) if target is not None else None
    return name or "a table"


def openai_key_kept(ctx: PythonContext, read: cst.CSTNode, name: str) -> tuple[str, bool] | None:
    """For a read of OpenAI's key variable `name` in OpenAI's entry of a table keyed by
    service (`{"openai": os.getenv("OPENAI_API_KEY"), "groq": os.getenv("GROQ_API_KEY")}`,
    a program picking its key by litellm route): what ML401 says, and whether that is only a
    note. The entry is OpenAI's key for OpenAI's route; renamed, the provider's key would go
    to OpenAI with it, so it stays. A note where the program names a service of the target's
    own (`names_target_service`); otherwise a person adds the target's entry. None for a
    read elsewhere."""
    entry = service_entry(ctx, read) or _route_entry(ctx, read)
    if entry is None or not entry.openai:
        return None
    said = (
        f"reads {name} under {entry.service!r} in {entry.table}, a table keyed by service: "
        "OpenAI's key for OpenAI, which stays (renamed, the provider's key would go wherever "
        f"{entry.service!r} sends it)"
    )
    target = ctx.rules.provider
    if names_target_service(ctx) or target is None:
        return said, True
    return (
        f"{said}; where the program should reach {target.name}, add an entry for it reading "
        f"{target.api_key_env}, by hand",
        False,
    )


def _route_entry(ctx: PythonContext, read: cst.CSTNode) -> ServiceEntry | None:
    """The entry `read` is the value of in a table keyed by litellm model strings of at
    least two services (crawl4ai's `PROVIDER_MODELS = {"groq/llama3-70b-8192": ...,
    "openai/gpt-4o-mini": os.getenv("OPENAI_API_KEY"), ...}`), its service the key's route;
    None otherwise."""
    from migrate_llm.frameworks import litellm as fw

    parent = ctx.ancestors(read)[-1] if ctx.ancestors(read) else None
    if not isinstance(parent, cst.DictElement) or parent.value is not read:
        return None
    table = ctx.ancestors(parent)[-1]
    if not isinstance(table, cst.Dict):
        return None
    if not all(isinstance(e, cst.DictElement) for e in table.elements):
        return None  # `{**defaults, "openai/gpt-4o": ...}`
    heads = [
        fw.route(string_value(cast(cst.DictElement, e).key) or "")[0].lower()
        for e in table.elements
    ]
    known = _services(ctx)
    if len(set(heads)) < 2 or not all(h in known for h in heads):
        return None
    head = fw.route(string_value(parent.key) or "")[0]
    return _entry(ctx, head, table) if head else None
