"""Clients built from the settings of a service the program's user configures (ML003).

gptme's `providers test` builds `OpenAI(api_key=api_key, base_url=provider_cfg.base_url)`
for a provider the user named in its config: the key is read from that provider's own
variable (`os.environ.get(provider_cfg.api_key_env)`) or entry (`provider_cfg.api_key`).
Such a client talks to whatever that entry names; given the target's URL where its base URL
is empty, it sent that other service's key to the target (t51f). ML003 leaves it, as it
leaves a server of one's own.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.registry import Provider
from migrate_llm.rules.python_context import PythonContext, last_name, string_value

# Words in the name of an object that holds one entry of the program's own table of
# services: its key and base URL read on it are that entry's (`provider_cfg.api_key`,
# `custom.base_url`, `self.provider_config["base_url"]`).
ENTRY_WORDS = ("provider", "custom")


def configured_service(
    ctx: PythonContext, url: cst.BaseExpression | None, key: cst.BaseExpression | None
) -> str | None:
    """Where a client's key and base URL (`url`, `key`: its settings, chosen at run time)
    both come from a service the program's user configures, words for a message saying so:
    the key is read from an environment variable whose name the program chooses at run time
    (`os.environ.get(key_env)`), or both are read on one entry of the program's table of
    services (`provider_cfg.api_key`, `provider_cfg.base_url`: `ENTRY_WORDS`). None where
    either names OpenAI or reads a variable of its own name (OpenAI's, a provider's)."""
    if url is None or key is None or _names_openai(ctx, url) or _fixed_read(ctx, url):
        return None
    values = _key_values(ctx, key)
    if not values or any(_names_openai(ctx, v) for v in values):
        return None
    for value in values:
        if _read_name(ctx, value) is not None:
            return f"its key from `{ctx.code(value)}`, a variable the program names at run time"
    entry = _entry(ctx, url)
    if entry is not None and any(_entry(ctx, v) == entry for v in values):
        return (
            f"its key from `{ctx.code(key)}`, both read on `{entry}`, an entry of the "
            "program's own services"
        )
    return None


def _key_values(ctx: PythonContext, key: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The values a key may take: the operands of `x or y`, the branches of `x if c else y`,
    and the values a name is assigned in its function (all its assignments, not
    parameters), one level deep."""
    found: list[cst.BaseExpression] = []
    for part in _parts(key):
        if not isinstance(part, cst.Name):
            found.append(part)
            continue
        for binding in ctx.bindings(part):
            if not isinstance(binding, Assignment) or isinstance(binding.node, cst.Param):
                continue
            value = ctx.index.assigned.get(id(binding.node))
            if value is not None:
                found.extend(_parts(value))
    return found


def _parts(expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        return _parts(expr.left) + _parts(expr.right)
    if isinstance(expr, cst.IfExp):
        return _parts(expr.body) + _parts(expr.orelse)
    return [expr]


def _read_name(ctx: PythonContext, expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """The name expression of an environment read whose variable is not written in the code
    (`os.environ.get(key_env)`, `os.environ[cfg.api_key_env]`); None otherwise."""
    name: cst.BaseExpression | None = None
    if (
        isinstance(expr, cst.Subscript)
        and last_name(expr.value) == "environ"
        and len(expr.slice) == 1
        and isinstance(expr.slice[0].slice, cst.Index)
        and "os.environ" in ctx.qualnames(expr.value)
    ):
        name = expr.slice[0].slice.value
    elif isinstance(expr, cst.Call) and expr.args and ctx.qualnames(expr.func) & sdk.ENV_LOOKUPS:
        name = expr.args[0].value
    if name is None or string_value(name) is not None:
        return None
    return name


def _fixed_read(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether a base URL reads an environment variable named in the code (OpenAI's, a
    provider's, the program's own: other rules look after those)."""
    for part in _parts(expr):
        if (
            isinstance(part, cst.Call)
            and ctx.qualnames(part.func) & sdk.ENV_LOOKUPS
            and part.args
            and string_value(part.args[0].value) is not None
        ):
            return True
        if isinstance(part, cst.Subscript) and "os.environ" in ctx.qualnames(part.value):
            return True
    return False


def _names_openai(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether OpenAI is named anywhere in `expr` (`self.openai_key`, `"OPENAI_API_KEY"`,
    `openai.api_key`)."""
    return "openai" in ctx.code(expr).lower()


def _entry(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """The code of the object a setting is read on (`provider_cfg` in `provider_cfg.base_url`,
    `custom["base_url"]`), where its name marks an entry of the program's services
    (`ENTRY_WORDS`); None otherwise."""
    if not isinstance(expr, cst.Attribute | cst.Subscript):
        return None
    text = ctx.code(expr.value)
    return text if any(word in text.lower() for word in ENTRY_WORDS) else None


def configured_message(head: str, source: str, where: str, target: Provider | None) -> str:
    """The note on a client `configured_service` finds (`source`: its base URL as shown,
    `where`: its words)."""
    said = (
        f"{head} takes its base URL from {source} and {where}: the settings of a service the "
        "program's user configures (neither is OpenAI's); left as it is"
    )
    if target is None:
        return said
    return f"{said}: configure {target.name} there if it should reach it"
