"""Tables keyed by service: a dict display whose keys all name LLM services (`openai`,
`anthropic`, `moonshot`...: `frameworks/services.py` and the provider files' ids and
aliases). Each entry is read on its own: one under another service than the target names
that service's model (gptme's `MODEL_ALIASES["openai"]["gpt-5.6"] = "gpt-5.6-sol"`, which
apply had made `kimi-k2.6`, t51f), and ML204 leaves it (a note)."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm.frameworks.services import OPENAI_SERVICES, OTHER_SERVICES
from migrate_llm.rules.python_context import PythonContext, last_name, string_value


@dataclass(frozen=True)
class ServiceEntry:
    """Where a value stands in a table keyed by service: `service` (the key, as written),
    `table` (the name the table is bound to, or `a table`), `openai` (the key is OpenAI's)."""

    service: str
    table: str
    openai: bool


def _services(ctx: PythonContext) -> frozenset[str]:
    names = set(OPENAI_SERVICES | OTHER_SERVICES)
    for provider in ctx.rules.registry.providers.values():
        names.add(provider.id.lower())
        names.update(alias.lower() for alias in provider.aliases)
    return frozenset(names)


def _target_names(ctx: PythonContext) -> frozenset[str]:
    target = ctx.rules.provider
    if target is None:
        return frozenset()
    return frozenset({target.id.lower(), *(alias.lower() for alias in target.aliases)})


def keyed_by_service(ctx: PythonContext, table: cst.Dict) -> bool:
    """Whether every key of a dict display (at least two, all strings) names a service."""
    keys = [string_value(e.key) for e in table.elements if isinstance(e, cst.DictElement)]
    if len(keys) < 2 or len(keys) != len(table.elements):
        return False
    known = _services(ctx)
    return all(key is not None and key.lower() in known for key in keys)


def service_entry(ctx: PythonContext, node: cst.CSTNode) -> ServiceEntry | None:
    """The entry of a table keyed by service that `node` stands in (its value, or anything
    inside it), where that service is not the target; None otherwise."""
    child = node
    for parent in reversed(ctx.ancestors(node)):
        if isinstance(parent, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            return None
        if isinstance(parent, cst.DictElement) and parent.value is child:
            table = ctx.ancestors(parent)[-1]
            if isinstance(table, cst.Dict) and keyed_by_service(ctx, table):
                key = string_value(parent.key) or ""
                if key.lower() in _target_names(ctx):
                    return None
                return ServiceEntry(key, _table_name(ctx, table), key.lower() in OPENAI_SERVICES)
        child = parent
    return None


def _table_name(ctx: PythonContext, table: cst.Dict) -> str:
    parent = ctx.ancestors(table)[-1]
    target: cst.BaseExpression | None = None
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
        target = parent.targets[0].target
    elif isinstance(parent, cst.AnnAssign):
        target = parent.target
    name = last_name(target) if target is not None else None
    return name or "a table"
