"""ML003's words for a client whose base URL and key are the program's own settings, never
empty where it is built: no fallback of the provider's could run, so the URL, the key and
the model those settings hold must be set to the provider's together, by a person.

VideoLingo's `OpenAI(api_key=load_key("api.key"), base_url=base_url)`, after `if not
load_key("api.key"): raise` and `if 'v1' not in base_url: base_url = base_url.strip('/') +
'/v1'`: with `or os.environ.get("DEEPSEEK_...")` added to both, neither ran, `check` passed,
and the DeepSeek key put in `api.key` went to the reseller config.yaml names.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.file_settings import role_of
from migrate_llm.registry import Provider
from migrate_llm.rules.models import article
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.rules.request_arguments import request_arguments
from migrate_llm.rules.table_reads import file_setting, module_setting
from migrate_llm.rules.wording import record_done


def lines_words(lines: tuple[int, ...]) -> str:
    """`line 5`, `lines 8, 9`."""
    return f"line{'s' * (len(lines) > 1)} {', '.join(map(str, lines))}"


def settings_words(
    ctx: PythonContext,
    node: cst.Call,
    provider: Provider,
    base_url: str,
    exprs: tuple[cst.BaseExpression, ...],
    written: tuple[str, ...] = (),
) -> str:
    """What follows the client's base URL and key in the message: that no fallback of the
    provider's could run (`written`: the variables of those already written, which never
    run), that they and the model of the requests sent through the client (`exprs`: the
    URL's and the key's code) are the program's settings (where a config module of the
    project binds them, the file or module and its entries), and what to set them to,
    together, and how to record that done once they are (`record_done`: `check` stays red
    on the code, which does not change)."""
    name = provider.name
    choices = ", ".join(provider.candidates("chat")[:3])
    models = run_time_models(ctx, node)
    where = _where_set(ctx, exprs)
    held = f" ({where})" if where else ""
    model = f"{article(name)} {name} model" + (f": {choices}" if choices else "")
    if models:
        shown = " or ".join(f"`{m}`" for m in models)
        said = (
            f"they and its model ({shown}) are the program's own settings{held}: set all three "
            f"to {name}'s together (base URL {base_url}, {article(name)} {name} key, {model})"
        )
    else:
        said = (
            f"they are the program's own settings{held}: set both to {name}'s together (base "
            f"URL {base_url}, {article(name)} {name} key), and the model sent with them to "
            f"{model}"
        )
    fallback = f"a fallback to {name}'s would never run, so apply leaves it"
    if written:
        fallback = f"the fallback{'s' * (len(written) > 1)} to {' and '.join(written)} never run"
        fallback += "s" * (len(written) == 1)
    return (
        f": {fallback}; {said}; "
        f"{article(name)} {name} key set there alone would go to whatever base URL is set "
        f"beside it; once they are set, {record_done('ML003', SETTINGS_UNSEEN)}"
    )


# why `check` cannot see a client on the provider whose URL and key are the program's settings
SETTINGS_UNSEEN = "check cannot see what the program's settings hold"


def run_time_models(ctx: PythonContext, node: cst.Call) -> list[str]:
    """The code of the models the module's requests through the client `node` builds send,
    where chosen at run time (`load_key("api.model")`, also through a name bound once to it
    or a dict spread into the request); literals are ML204's."""
    found: list[str] = []
    for call in ctx.nodes:
        if not isinstance(call, cst.Call) or ctx.sdk_call(call) is None:
            continue
        clients = ctx.request_clients(call)
        if not clients or not any(c is node for c in clients):
            continue
        argument = request_arguments(ctx, call, lambda c: ctx.sdk_call(c) is not None).get("model")
        if argument is None:
            continue
        value = argument.value
        if isinstance(value, cst.Name) and (bound := ctx.bound_value(value)) is not None:
            value = bound
        if ctx.resolve_literal(value) is not None:
            continue
        shown = " ".join(ctx.code(value).split())
        if shown not in found:
            found.append(shown)
    return found[:2]


def _where_set(ctx: PythonContext, exprs: tuple[cst.BaseExpression, ...]) -> str:
    """Where a config module of the project binds the settings `exprs` read, for a message:
    `config.yml's openai_api_base and openai_api_key, read in bot/config.py`
    (`file_setting`), or `config.openai_api_base, set in bot/config.py` (`module_setting`);
    "" where it binds none."""
    files: dict[tuple[str, str], list[str]] = {}
    modules: dict[str, list[str]] = {}
    for value in (v for expr in exprs for v in _held(ctx, expr)):
        found = file_setting(ctx, value)
        route = module_setting(ctx, value) if found is None else None
        if found is not None:
            entries = files.setdefault((found.file, found.shown), [])
            entry = found.key
        elif route is not None:
            entries = modules.setdefault(route.entry.shown, [])
            entry = f"`{' '.join(ctx.code(value).split())}`"
        else:
            continue
        if entry not in entries:
            entries.append(entry)
    said = [f"{file}'s {' and '.join(e)}, read in {shown}" for (file, shown), e in files.items()]
    said += [f"{' and '.join(e)}, set in {shown}" for shown, e in modules.items()]
    return "; ".join(said)


def _held(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    """`expr`, or what a name holds: the values its assignments give it (`base_url =
    config.openai_api_base` before `base_url = base_url.rstrip("/") + "/v1"`)."""
    if not isinstance(expr, cst.Name):
        return [expr]
    found = []
    for binding in ctx.bindings(expr):
        if isinstance(binding, Assignment):
            value = ctx.index.assigned.get(id(binding.node))
            if value is not None:
                found.append(value)
    return found or [expr]


def getter_reads(
    ctx: PythonContext, value: cst.BaseExpression, key: cst.BaseExpression
) -> str | None:
    """Where a client's base URL and key are what the program's own settings getters return
    (devika's `config.get_openai_api_base_url()` and `config.get_openai_api_key()`, also
    through a name bound once to them: `Config` reads config.toml's `API_ENDPOINTS.OPENAI`
    and `API_KEYS.OPENAI`, t61d D2), in words: `the program's settings hold them (...)`; None
    otherwise. The provider's variables are not what such a client reads, so ML003 names the
    settings, as ML502 does in the file."""
    base, held = _getter(ctx, value), _getter(ctx, key)
    if base is None or held is None or base[1] != "base_url" or held[1] != "key":
        return None
    return (
        f"the program's settings hold them (`{base[0]}` and `{held[0]}` read them; ML502 "
        "reports a settings file of the project holding OpenAI's)"
    )


def _getter(ctx: PythonContext, expr: cst.BaseExpression) -> tuple[str, str] | None:
    """(its code, "key" or "base_url") for a call with no arguments of a method named for
    OpenAI's key or base URL (`config.get_openai_api_key()`: `file_settings.role_of` of the
    name without `get`), or a name bound once to one; None otherwise."""
    if isinstance(expr, cst.Name):
        expr = ctx.bound_value(expr) or expr
    if not isinstance(expr, cst.Call) or expr.args or not isinstance(expr.func, cst.Attribute):
        return None
    name = expr.func.attr.value.lower()
    role = role_of(name.removeprefix("get").lstrip("_"))
    return (ctx.code(expr), role) if role is not None else None
