"""Rules about OpenAI client construction and hard-coded keys."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

import libcst as cst
from libcst.metadata import Assignment, BaseAssignment, BuiltinAssignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.edits import apply_edits
from migrate_llm.frameworks.local_servers import (
    LOCAL_MANAGERS,
    LocalManager,
    local_host,
    local_server_key,
)
from migrate_llm.frameworks.modules import OTHER_SERVER_URL_VARIABLES
from migrate_llm.frameworks.services import RESOURCE_SERVICES
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.azure_target import azure_target, client_plan, describe_target
from migrate_llm.rules.base import Example, RuleContext
from migrate_llm.rules.class_keys import (
    alias_of,
    alias_renamed,
    class_key,
    declaration_at,
    keys_behind,
)
from migrate_llm.rules.client_doubles import (
    PLAIN,
    Double,
    attribute_read,
    call_double,
    replaces_azure,
)
from migrate_llm.rules.code_templates import (
    IMPORT_OS,
    base_url_expr,
    key_expr,
    provider_url_test,
    same_url,
    url_spellings_words,
)
from migrate_llm.rules.configured_services import configured_message, configured_service
from migrate_llm.rules.default_dicts import default_dict
from migrate_llm.rules.dict_writes import lacks, lone_if, written_key
from migrate_llm.rules.env_names import env_names, own_variables
from migrate_llm.rules.env_roles import base_url_variables, key_variables, switched_keys
from migrate_llm.rules.foreign_callers import foreign_openai_caller
from migrate_llm.rules.given_urls import given_url
from migrate_llm.rules.imported_keys import kept_import, module_shown
from migrate_llm.rules.key_literal_defaults import KeyDefault, key_defaults
from migrate_llm.rules.key_prompts import (
    PromptWording,
    prompt_wording,
    report_prompt,
    report_prompt_texts,
)
from migrate_llm.rules.key_services import (
    given_to_client,
    holder_name,
    request_hosts,
    service_named,
)
from migrate_llm.rules.models import article
from migrate_llm.rules.notebook_keys import KeyCell, key_cell
from migrate_llm.rules.openai_fallback_keys import OpenAIFallback, built_words
from migrate_llm.rules.other_server_heirs import kept_url_parameter
from migrate_llm.rules.passed_values import (
    caller_values,
    class_fields,
    class_of,
    field_values,
    parameter_values,
)
from migrate_llm.rules.python import PythonRule, snippet
from migrate_llm.rules.python_context import (
    ENV_NAME,
    ClientInfo,
    PythonContext,
    assignments,
    keyword,
    last_name,
    self_attribute,
    self_method,
    string_value,
)
from migrate_llm.rules.region_hosts import (
    both_regions_message,
    compared,
    other_region,
    region_message,
    run_region_clients,
    run_region_written,
)
from migrate_llm.rules.rewrite import keyword_insertion, past_comma, rebuild_call
from migrate_llm.rules.run_time_data import data_parts, data_value, data_words
from migrate_llm.rules.service_branches import other_service_branch
from migrate_llm.rules.service_keys import (
    ServiceSetting,
    leaves,
    reads_variable,
    service_key,
    service_url,
    setting_words,
)
from migrate_llm.rules.set_on_paths import never_empty_at
from migrate_llm.rules.set_values import always_set
from migrate_llm.rules.settings_bases import project_settings_field
from migrate_llm.rules.settings_clients import (
    SETTINGS_UNSEEN,
    getter_reads,
    lines_words,
    settings_words,
)
from migrate_llm.rules.settings_holds import embeddings_fields, held_field
from migrate_llm.rules.settings_reader_reads import reader_read
from migrate_llm.rules.shut_down_apis import (
    shut_down_data,
    shut_down_surfaces,
    shut_down_words,
)
from migrate_llm.rules.switched_keys import left_setting, renamed_setting, switched_field
from migrate_llm.rules.table_reads import (
    TableRoute,
    default_route,
    file_setting,
    module_setting,
    raising_read,
)
from migrate_llm.rules.test_code import in_test
from migrate_llm.rules.typed_answers import typed_key_left
from migrate_llm.rules.unserved_clients import unserved_only
from migrate_llm.rules.wording import record_done
from migrate_llm.secrets import (
    find_secrets,
    is_placeholder,
    looks_like_secret,
    mask,
    mask_secrets,
    other_service,
    stand_in_words,
)

_ENV_READER_NAMES = frozenset(name.rsplit(".", 1)[1] for name in sdk.ENV_READERS)
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?([^/:?#\s]+)", re.IGNORECASE)


def url_host(url: str) -> str | None:
    """The host of a URL, with or without its scheme."""
    if "://" in url:
        return urlsplit(url).hostname
    match = _HOST.match(url.strip())
    return match.group(1).lower() if match else None


@dataclass(frozen=True)
class Endpoint:
    """Where a client sends its requests.

    kind: "openai" (the default or an OpenAI URL/variable), "provider" (a catalogued
    provider's host), "custom" (some other URL) or "dynamic" (computed at run time).
    `variable`: the environment variable a dynamic base URL is read from, when it is one;
    `fallback`: the URL the code gives when that variable is unset, when it is not OpenAI's;
    `local_key`: for "custom", the literal key only a server of one's own takes
    (`local_servers`), given with a base URL decided at run time, and whether it is the
    default of a read (`kw.pop("api_key", "ollama")`); `local_url`: for "custom", the
    default of such a base URL when it is on the machine the program runs on;
    `local_manager`: for "custom", the library whose object gives the URL of the server it
    runs on this machine (`LOCAL_MANAGERS`: Foundry Local's `manager.endpoint`); `table`:
    for "provider", the entry of the project's table of defaults whose default points there
    (`table_endpoint`); `configured`: for "custom", where a base URL decided at run time and
    its key are the settings of a service the program's user configures, words saying so
    (`configured_services`); `branch`: for "custom", where a base URL decided at run time is
    given in a branch run only for another service (`service_branches`), that service and
    the branch's test as shown; `service`: for "custom", where a base URL decided at run
    time or the key beside it is named for another service (`service_keys`), that part;
    `given`: for "custom", why a base URL decided at run time is always given and never
    OpenAI's (`given_urls`: an f-string formatting its host in, another server's default).
    """

    kind: str
    detail: str = ""
    provider: Provider | None = None
    variable: str | None = None
    fallback: str | None = None
    local_key: tuple[str, bool] | None = None
    local_url: str | None = None
    local_manager: str | None = None
    table: TableRoute | None = None
    configured: str | None = None
    branch: tuple[str, str] | None = None
    service: ServiceSetting | None = None
    given: str | None = None


def env_var_read(
    ctx: PythonContext, expr: cst.BaseExpression
) -> tuple[str, cst.BaseExpression | None] | None:
    """(variable, default expression) for `os.environ[X]`, `os.getenv(X[, d])`, `environ.get`."""
    if (
        isinstance(expr, cst.Subscript)
        and last_name(expr.value) == "environ"
        and len(expr.slice) == 1
        and isinstance(expr.slice[0].slice, cst.Index)
        and "os.environ" in ctx.qualnames(expr.value)
    ):
        name = string_value(expr.slice[0].slice.value)
        return (name, None) if name else None
    if (
        isinstance(expr, cst.Call)
        and expr.args
        and last_name(expr.func) in _ENV_READER_NAMES
        and ctx.qualnames(expr.func) & sdk.ENV_READERS
    ):
        name = string_value(expr.args[0].value)
        if name:
            return name, expr.args[1].value if len(expr.args) > 1 else None
    return None


def own_server_settings(
    ctx: PythonContext, url: cst.BaseExpression | None, key: cst.BaseExpression | None
) -> tuple[str, str] | None:
    """(the URL's variable, the key's) where both are read from the program's own environment
    variables, neither named like OpenAI's (`VLLM_OPENAI_API_BASE`, `VLLM_OPENAI_API_KEY`), and
    the URL's default, if any, is no OpenAI URL: a client the program points at another
    server by its own settings (vLLM, Nebius), which only whoever sets them can say. None
    otherwise."""
    url_read = env_var_read(ctx, url) if url is not None else None
    key_read = env_var_read(ctx, key) if key is not None else None
    if url_read is None or key_read is None:
        return None
    if ENV_NAME.match(url_read[0]) or ENV_NAME.match(key_read[0]):
        return None
    known = ctx.rules.registry.providers.values()
    if any(read in p.variables for p in known for read in (key_read[0], url_read[0])):
        return None  # a provider's variable (the target's, say): the other must be its too
    default = url_read[1]
    if default is not None and not (isinstance(default, cst.Name) and default.value == "None"):
        text = string_value(default)
        if text is None or classify_url(ctx, text).kind == "openai":
            return None
    return url_read[0], key_read[0]


def own_server_message(head: str, variables: tuple[str, str], target: Provider | None) -> str:
    """The note on a client `own_server_settings` finds."""
    url, key = variables
    said = (
        f"{head} takes its base URL from {url} and its key from {key}, the program's own "
        "settings for a server of its own (neither is OpenAI's variable); left as it is"
    )
    if target is None:
        return said
    return f"{said}: set them to {target.name}'s if they should reach it"


def classify_url(ctx: PythonContext, url: str) -> Endpoint:
    host = url_host(url) or ""
    owner = ctx.rules.owner_of_host(host)
    if owner is not None and owner.id == "openai":
        return Endpoint("openai", url)
    if owner is not None:
        return Endpoint("provider", url, owner)
    return Endpoint("custom", url)


@dataclass(frozen=True)
class Kwargs:
    """The `**mapping` a client construction passes, as far as the module shows it.

    `entries`: the string keys it is known to set, to their values (the entries after the
    last `**` of a dict display); `complete`: those are all it holds; `built`: the dict
    display or `dict(...)` call bound once to the name and used only here, which `apply`
    may edit in place (None: the mapping comes from elsewhere; `apply` merges instead);
    `settled`: those of `entries` it surely holds with that value when the call runs, as
    keyword arguments would be (`_settled`).
    """

    arg: cst.Arg
    entries: dict[str, cst.BaseExpression]
    complete: bool
    built: cst.Dict | cst.Call | None = None
    settled: frozenset[str] = frozenset()


def _dict_entries(
    ctx: PythonContext, node: cst.BaseExpression
) -> tuple[dict[str, cst.BaseExpression], bool] | None:
    """(entries, complete) of a dict display or a `dict(k=v)` call; None for anything else."""
    if isinstance(node, cst.Dict):
        entries: dict[str, cst.BaseExpression] = {}
        complete = True
        for element in node.elements:
            if not isinstance(element, cst.DictElement):  # `**other`
                entries, complete = {}, False
                continue
            key = string_value(element.key)
            if key is None:
                return None
            entries[key] = element.value
        return entries, complete
    if isinstance(node, cst.Call) and _builtin_dict(ctx, node):
        # `dict(base, k=v)`: the keywords win over what `base` holds, as a display's last
        # entries do over its `**base`
        merged = bool(node.args) and node.args[0].keyword is None and not node.args[0].star
        if all(a.keyword is not None for a in node.args[1 if merged else 0 :]):
            entries = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
            return entries, not merged
    return None


def _builtin_dict(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` calls the builtin `dict`."""
    return (
        isinstance(call.func, cst.Name)
        and call.func.value == "dict"
        and all(isinstance(b, BuiltinAssignment) for b in ctx.bindings(call.func))
    )


def _given_pair(
    ctx: PythonContext, call: cst.Call, value: cst.BaseExpression
) -> tuple[cst.CSTNode, cst.BaseExpression] | None:
    """Where a client's base URL `value` and its key are given together, for an edit of
    both: the call and its `api_key=` where `value` is its `base_url=`; or the dict display
    its `**mapping` is (bound once and used only there: `Kwargs.built`) and that dict's
    `"api_key"` entry, where `value` is its `"base_url"` entry and the call gives neither as
    a keyword (a dict passed as `OpenAI(**kw)`, as shell_gpt builds `additional_kwargs`);
    None otherwise."""
    url_arg, key_arg = keyword(call, "base_url"), keyword(call, "api_key")
    if url_arg is not None or key_arg is not None:
        if url_arg is None or url_arg.value is not value or key_arg is None:
            return None
        return call, key_arg.value
    kwargs = kwargs_of(ctx, call)
    if (
        kwargs is None
        or not isinstance(kwargs.built, cst.Dict)
        or kwargs.entries.get("base_url") is not value
        or "api_key" not in kwargs.entries
    ):
        return None
    return kwargs.built, kwargs.entries["api_key"]


def kwargs_of(ctx: PythonContext, call: cst.Call) -> Kwargs | None:
    """The last `**mapping` of a call, or None when it passes none."""
    arg = next((a for a in reversed(call.args) if a.star == "**"), None)
    if arg is None:
        return None
    value = arg.value
    found = _dict_entries(ctx, value)
    if found is not None:
        entries, complete = found
        built = value if complete else None
        return Kwargs(arg, entries, complete, built, frozenset(entries))  # type: ignore[arg-type]
    method = self_method(value)
    if method is not None:
        returned = ctx.returned_by(method)
        found = _dict_entries(ctx, returned) if returned is not None else None
        if found is not None:  # a property or method building it: entries known, not edited
            return Kwargs(arg, found[0], found[1])
    # a constant a parameter defaults to or `self.X` holds (NeedleInAHaystack's
    # `**self.model_kwargs`), where nothing else sees it and no call of the module passes
    # another: what it holds is all the call is given (callers elsewhere pass the default)
    reached = default_dict(ctx, value, lambda n: n is value)
    if reached is not None and not reached.left:
        found = _dict_entries(ctx, reached.mapping)
        if found is not None:
            return Kwargs(arg, found[0], found[1])
    if isinstance(value, cst.Name):
        # `kw = {}` further down does not reach the call, nor a parameter `kw` replaced before
        bound = _replacing(ctx, ctx.reaching(value), call)
        if (
            len(bound) == 1
            and isinstance(bound[0], Assignment)  # not a builtin (`OpenAI(**vars)`)
            and len(bound[0].references) == 1
        ):
            assigned = ctx.index.assigned.get(id(bound[0].node))
            found = _dict_entries(ctx, assigned) if assigned is not None else None
            if found is not None and found[1]:
                return Kwargs(arg, found[0], True, assigned)  # type: ignore[arg-type]
            method = self_method(assigned) if assigned is not None else None
            returned = ctx.returned_by(method) if method is not None else None
            found = _dict_entries(ctx, returned) if returned is not None else None
            if found is not None:  # `kw = self._client_kwargs()`: as `**self._client_kwargs()`
                return Kwargs(arg, found[0], found[1])
        if len(bound) == 1 and isinstance(bound[0], Assignment):
            # `kwargs["base_url"] = api_base` before the call: an entry it may hold (simonw/llm
            # passes a configured model's own endpoint that way), over those it starts with
            assigned = ctx.index.assigned.get(id(bound[0].node))
            found = _dict_entries(ctx, assigned) if assigned is not None else None
            entries = dict(found[0]) if found is not None else {}
            settled = _settled(ctx, bound[0], call, entries)
            entries |= _keys_set(ctx, bound[0]) | settled
            return Kwargs(arg, entries, False, settled=frozenset(settled))
    return Kwargs(arg, {}, False)


def _replacing(
    ctx: PythonContext, bound: list[BaseAssignment], call: cst.Call
) -> list[BaseAssignment]:
    """`bound`, the bindings of a name `call` spreads that may reach it, or the last of them
    alone where an assignment after the others binds it on every path to the call
    (`client_args = dict(client_args or {})` over the parameter `client_args`)."""
    if len(bound) < 2 or not all(isinstance(b, Assignment) for b in bound):
        return bound
    last = max(bound, key=lambda b: ctx.index_of(cast(Assignment, b).node))
    if not isinstance(last, Assignment) or not isinstance(last.node, cst.Name):
        return bound
    parents = ctx.ancestors(last.node)
    statement = parents[-2] if len(parents) >= 2 else None
    if not (isinstance(parents[-1], cst.AssignTarget) and isinstance(statement, cst.Assign)):
        return bound
    return [last] if _runs_before(ctx, statement, call) else bound


def mapping_builder(ctx: PythonContext, mapping: cst.BaseExpression) -> cst.BaseExpression | None:
    """The code that builds a `**` mapping elsewhere: the mapping itself where it is a call
    other than `dict(...)` or a property of `self` (`**self._client_params`, `**load()`), or
    the value a name bound once is assigned, where it is one (`kw = self._client_kwargs()`);
    None for a parameter, a dict display or `dict(...)` call, anything else."""
    if isinstance(mapping, cst.Name):
        bound = ctx.reaching(mapping)
        if len(bound) != 1 or not isinstance(bound[0], Assignment):
            return None
        assigned = ctx.index.assigned.get(id(bound[0].node))
        if assigned is None:
            return None
        mapping = assigned
    if self_method(mapping) is not None:
        return mapping
    if not isinstance(mapping, cst.Call):
        return None
    func = mapping.func
    builtin = (
        isinstance(func, cst.Name)
        and func.value == "dict"
        and all(isinstance(b, BuiltinAssignment) for b in ctx.bindings(func))
    )
    return None if builtin else mapping


def _keys_set(ctx: PythonContext, binding: Assignment) -> dict[str, cst.BaseExpression]:
    """The string keys the module sets on the dict bound by `binding` (`d["k"] = value`,
    `d.setdefault("k", value)`, `d.update(k=value)`, `d.update({"k": value})`), with the
    last value the text writes for each (references come in no set order)."""
    entries: dict[str, cst.BaseExpression] = {}
    for access in sorted(binding.references, key=lambda a: ctx.span(a.node).start):
        parents = ctx.ancestors(access.node)
        entries |= _method_entries(parents)
        if len(parents) < 3 or not isinstance(subscript := parents[-1], cst.Subscript):
            continue
        target, statement = parents[-2], parents[-3]
        if not (isinstance(target, cst.AssignTarget) and isinstance(statement, cst.Assign)):
            continue
        if len(subscript.slice) != 1 or not isinstance(subscript.slice[0].slice, cst.Index):
            continue
        key = string_value(subscript.slice[0].slice.value)
        if key is not None:
            entries[key] = statement.value
    return entries


def settings_written(ctx: PythonContext, call: cst.Call, name: str) -> list[cst.BaseExpression]:
    """Every value a client construction may be given for `name`: `setting`'s, and where the
    call spreads a name bound once, each `d[name] = value` the module writes on it (one per
    branch: simonw/llm's `kwargs["api_key"] = self.get_key(key)` or `"DUMMY_KEY"`), in the
    order of the text."""
    given = setting(ctx, call, name)
    found = [given] if given is not None and given is not _UNKNOWN else []
    spread = next((a for a in reversed(call.args) if a.star == "**"), None)
    bound = ctx.reaching(spread.value) if spread and isinstance(spread.value, cst.Name) else []
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return found
    for access in sorted(bound[0].references, key=lambda a: ctx.span(a.node).start):
        parents = ctx.ancestors(access.node)
        if len(parents) < 3 or not isinstance(subscript := parents[-1], cst.Subscript):
            continue
        target, statement = parents[-2], parents[-3]
        if not (isinstance(target, cst.AssignTarget) and isinstance(statement, cst.Assign)):
            continue
        index = subscript.slice[0].slice if len(subscript.slice) == 1 else None
        named = isinstance(index, cst.Index) and string_value(index.value) == name
        if named and all(v is not statement.value for v in found):
            found.append(statement.value)
    return found


def _method_entries(parents: tuple[cst.CSTNode, ...]) -> dict[str, cst.BaseExpression]:
    """The entries a call of the dict's `setdefault` or `update` on it sets (the reference
    is `parents[-1]`'s receiver); empty for anything else."""
    if len(parents) < 2:
        return {}
    method, call = parents[-1], parents[-2]
    if not (
        isinstance(method, cst.Attribute)
        and isinstance(call, cst.Call)
        and call.func is method
        and method.attr.value in ("setdefault", "update")
    ):
        return {}
    args = call.args
    if method.attr.value == "setdefault":
        key = string_value(args[0].value) if len(args) == 2 and not args[0].keyword else None
        return {key: args[1].value} if key is not None else {}
    entries = {a.keyword.value: a.value for a in args if a.keyword is not None}
    if len(args) == 1 and args[0].keyword is None and isinstance(args[0].value, cst.Dict):
        for element in args[0].value.elements:
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            if key is not None:
                entries[key] = element.value
    return entries


def _settled(
    ctx: PythonContext, binding: Assignment, call: cst.Call, shown: dict[str, cst.BaseExpression]
) -> dict[str, cst.BaseExpression]:
    """The entries the dict bound by `binding` surely holds when `call` spreads it, as they
    would be its keyword arguments: those its dict display sets (`shown`) and those written
    (`d["k"] = v`, `d.setdefault("k", v)`, `d.update(k=v)`) by a statement that runs before
    the call on every path to it (`_runs_before`), each untouched until the call (by a
    write in a branch, `del`, `pop`, a use other than a read: `_dict_use`), also by a loop
    coming back to it."""
    memo = cast("dict[int, dict[str, cst.BaseExpression]]", ctx.analyses.setdefault(_settled, {}))
    found = memo.get(id(call))
    if found is None:
        found = memo[id(call)] = _settled_entries(ctx, binding, call, shown)
    return found


def _settled_entries(
    ctx: PythonContext, binding: Assignment, call: cst.Call, shown: dict[str, cst.BaseExpression]
) -> dict[str, cst.BaseExpression]:
    settled = dict(shown)
    where: dict[str, cst.CSTNode] = {}  # the statement writing each entry
    maybe: set[str] = set()  # the entries a branch may have written
    at = ctx.index_of(call)
    for access in sorted(binding.references, key=lambda a: ctx.index_of(a.node)):
        node = cast(cst.CSTNode, access.node)
        before = ctx.index_of(node) < at
        if not before and not _loops_back(ctx, node, call):
            continue
        use = _dict_use(ctx, node)
        if use is None or use[1] == "unknown":
            return {}  # a use that may change anything
        statement, kind, written = use
        guarded = _guarded_write(ctx, statement, node) if kind == "write" else None
        if guarded is not None:  # `if "k" not in d: d["k"] = v`, as `d.setdefault("k", v)`
            statement, kind = guarded, "setdefault"
        for key, value in written.items():
            if kind in ("write", "setdefault") and before and _runs_before(ctx, statement, call):
                if kind == "write" or not (key in settled or key in maybe):
                    settled[key], where[key] = value, statement
                    maybe.discard(key)
            elif before or not (key in where and _loops_back(ctx, where[key], call, node)):
                settled.pop(key, None)  # in a branch, or once the call has run
                maybe.add(key)
    return settled


def _dict_use(
    ctx: PythonContext, node: cst.CSTNode
) -> tuple[cst.CSTNode, str, dict[str, cst.BaseExpression]] | None:
    """How a use of a dict's name treats it: (statement, kind, entries) where kind is "read"
    (`d["k"]`, `d.get("k")`, `**d`, `"k" in d`), "write" (`d["k"] = v`, `d.update(k=v)`),
    "setdefault", "remove" (`del d["k"]`, `d.pop("k")`) or "unknown" (an update whose
    entries do not show); None for any other use, which may change it."""
    parents = ctx.ancestors(node)
    parent = parents[-1] if parents else None
    if isinstance(parent, cst.Arg) and parent.star == "**":
        return parent, "read", {}
    # a copy: `{**d, "k": v}`, `dict(d, k=v)`
    if isinstance(parent, cst.StarredDictElement):
        return parent, "read", {}
    if (
        isinstance(parent, cst.Arg)
        and len(parents) >= 2
        and isinstance(call := parents[-2], cst.Call)
        and _builtin_dict(ctx, call)
        and call.args[0] is parent
        and not parent.star
        and parent.keyword is None
    ):
        return parent, "read", {}
    if isinstance(parent, cst.ComparisonTarget):
        return parent, "read", {}
    if isinstance(parent, cst.Subscript) and parent.value is node and len(parents) >= 2:
        key = None
        if len(parent.slice) == 1 and isinstance(parent.slice[0].slice, cst.Index):
            key = string_value(parent.slice[0].slice.value)
        holder = parents[-2]
        if isinstance(holder, cst.AssignTarget) and holder.target is parent:
            assign = parents[-3]
            if key is None or not isinstance(assign, cst.Assign):
                return None
            return assign, "write", {key: assign.value}
        if isinstance(holder, cst.Del):
            return (holder, "remove", {key: parent}) if key is not None else None
        if isinstance(holder, (cst.AugAssign, cst.AnnAssign)):
            return None
        return parent, "read", {}
    if not (isinstance(parent, cst.Attribute) and parent.value is node and len(parents) >= 3):
        return None
    call, statement = parents[-2], parents[-3]
    method = parent.attr.value
    if not (isinstance(call, cst.Call) and call.func is parent):
        return None
    if method in ("get", "keys", "items", "values", "copy"):
        return call, "read", {}
    args = call.args
    keys = [string_value(a.value) for a in args[:1] if a.keyword is None and not a.star]
    if method == "pop" and keys and keys[0] is not None:
        return call, "remove", {keys[0]: call}
    if method not in ("setdefault", "update"):
        return None
    entries = _method_entries(parents)
    if not isinstance(statement, cst.Expr):
        statement = call  # its value used: not a statement that surely runs first
    if method == "setdefault":
        return (statement, "setdefault", entries) if entries else None
    display = args[0].value if len(args) == 1 else None
    shown = (
        len(entries) == len(args)
        if not isinstance(display, cst.Dict)
        else len(entries) == len(display.elements)
    )
    return statement, "write" if shown else "unknown", entries


def _guarded_write(ctx: PythonContext, statement: cst.CSTNode, name: cst.CSTNode) -> cst.If | None:
    """The `if "k" not in d:` whose only statement, with no `else`, is `statement`, the
    write `d["k"] = v` of the dict named `name`: it sets the entry where the dict has none,
    as `d.setdefault("k", v)` does (a hand fix in gpt-researcher's own form); else None."""
    key = written_key(statement)
    holder = lone_if(ctx, statement)
    if key is None or holder is None or not isinstance(name, cst.Name):
        return None
    return holder if lacks(holder.test, key, name.value) else None


def _runs_before(ctx: PythonContext, statement: cst.CSTNode, call: cst.Call) -> bool:
    """Whether `statement` (a small statement, or the `if` of `_guarded_write`) runs before
    `call` on every path to it: it comes first in a line or block of statements holding the
    call, with no function, class or lambda between (called at some other time)."""
    around = ctx.ancestors(statement)
    if isinstance(statement, cst.If):
        line, block = around[-1], None
    elif isinstance(statement, cst.BaseSmallStatement):
        line = around[-1]
        block = around[-2] if isinstance(line, cst.SimpleStatementLine) else None
    else:
        return False
    if ctx.index_of(call) < ctx.ends[ctx.index_of(statement)]:
        return False
    outer = [id(n) for n in ctx.ancestors(call)]
    for holder in (line, block):
        if holder is None or id(holder) not in outer:
            continue
        below = ctx.ancestors(call)[outer.index(id(holder)) + 1 :]
        return not any(isinstance(n, (cst.FunctionDef, cst.ClassDef, cst.Lambda)) for n in below)
    return False


def _loops_back(
    ctx: PythonContext, node: cst.CSTNode, call: cst.Call, later: cst.CSTNode | None = None
) -> bool:
    """Whether `node`, after `call` in the text, may run before it again: a loop of the same
    function holds both. With `later` (a write after the call), whether the loop holding
    both `later` and the call holds `node` (the entry's settling write) too: then that
    write runs again first."""
    scopes = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
    inner = ctx.ancestors(call)
    loops = [n for n in inner if isinstance(n, (cst.For, cst.While))]
    if later is None:
        mine = {id(n) for n in ctx.ancestors(node)}
        cut = next((n for n in reversed(inner) if isinstance(n, scopes)), None)
        if cut is not None and id(cut) not in mine:
            return True  # another function's: called at any time
        return any(id(loop) in mine for loop in loops)
    theirs = {id(n) for n in ctx.ancestors(later)}
    shared = [loop for loop in loops if id(loop) in theirs]
    return bool(shared) and any(n is shared[-1] for n in ctx.ancestors(node))


_UNKNOWN = cst.Name("__unknown__")
# what ML003 says of a key the program hands a client that may be None: the SDK then sends
# OPENAI_API_KEY, wherever the client points (its `key_when_none`)
KEY_WHEN_NONE = "(OPENAI_API_KEY when that is None)"
# `setting`'s answer where a mapping the module does not show may hold the value
UNKNOWN_SETTING = _UNKNOWN


def openai_key_fix(
    ctx: PythonContext, call: cst.Call, head: str, keyword: str, target: Provider
) -> tuple[str, Edit | None, FixClass]:
    """The message, edit (None where apply cannot pass it) and fix for a client or class
    already pointed at the target that reads OPENAI_API_KEY: `keyword=` the target's key
    read."""
    key = key_expr(target, ctx.key_tolerant(call))
    found = keyword_insertion(ctx, call, keyword, key)
    edit = Edit(found.span, found.text, (IMPORT_OS,)) if found is not None else None
    does = "apply passes" if edit is not None else "pass"
    message = (
        f"{head} already points at {target.name}, but takes its key from OPENAI_API_KEY: the "
        f"OpenAI key would go to {target.name}; {does} {keyword} from {target.api_key_env}"
    )
    return message, edit, FixClass.SAFE if edit is not None else FixClass.MANUAL


def setting(ctx: PythonContext, call: cst.Call, name: str) -> cst.BaseExpression | None:
    """What a client construction passes for `name`: an explicit keyword, else an entry of
    its `**mapping`; None when not passed; `_UNKNOWN` when a mapping the module does not
    show may hold it."""
    if name == "base_url" and (written := written_url(ctx, call)) is not None:
        return written
    arg = keyword(call, name)
    if arg is not None:
        return arg.value
    kwargs = kwargs_of(ctx, call)
    if kwargs is None:
        return None
    if name in kwargs.entries:
        return kwargs.entries[name]
    return None if kwargs.complete else _UNKNOWN


def written_after(ctx: PythonContext, call: cst.Call) -> dict[str, cst.BaseExpression]:
    """The attributes set, before anything else runs, right after a client construction bound
    to a name or `self.X` (`c = OpenAI()`, then `c.base_url = URL`): the writes to that holder
    that follow in the same block, up to the first other statement or the first value that
    uses the holder, each attribute with the last value written."""
    memo = cast(
        "dict[int, dict[str, cst.BaseExpression]]", ctx.analyses.setdefault(written_after, {})
    )
    found = memo.get(id(call))
    if found is None:
        found = memo[id(call)] = _writes_after(ctx, call)
    return found


def _writes_after(ctx: PythonContext, call: cst.Call) -> dict[str, cst.BaseExpression]:
    parents = ctx.ancestors(call)
    if len(parents) < 3:
        return {}
    statement, line, block = parents[-1], parents[-2], parents[-3]
    if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
        holder = statement.targets[0].target
    elif isinstance(statement, cst.AnnAssign) and statement.value is call:
        holder = statement.target
    else:
        return {}
    if not (isinstance(holder, cst.Name) or self_attribute(holder)):
        return {}
    assert isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite))
    small = list(line.body)
    following: list[cst.BaseSmallStatement] = small[_position(small, statement) + 1 :]
    if isinstance(line, cst.SimpleStatementLine) and isinstance(
        block, (cst.Module, cst.IndentedBlock)
    ):
        lines = list(block.body)
        for later in lines[_position(lines, line) + 1 :]:
            if not isinstance(later, cst.SimpleStatementLine):
                break
            following.extend(later.body)
    writes: dict[str, cst.BaseExpression] = {}
    root = holder if isinstance(holder, cst.Name) else holder.value  # type: ignore[attr-defined]
    for write in following:
        if not (isinstance(write, cst.Assign) and len(write.targets) == 1):
            break
        target = write.targets[0].target
        if not (isinstance(target, cst.Attribute) and _same_holder(target.value, holder)):
            break
        if _mentions_name(ctx, write.value, root.value):
            break  # `c.models = c.models.list()`: the client is used
        writes[target.attr.value] = write.value
    return writes


def _position(nodes: Sequence[cst.CSTNode], node: cst.CSTNode) -> int:
    return next(i for i, n in enumerate(nodes) if n is node)


def _same_holder(a: cst.BaseExpression, b: cst.BaseExpression) -> bool:
    """Whether two names, or two attributes of `self`, name the same holder."""
    if isinstance(a, cst.Name) and isinstance(b, cst.Name):
        return a.value == b.value
    return (
        isinstance(a, cst.Attribute)
        and isinstance(b, cst.Attribute)
        and a.attr.value == b.attr.value
        and _same_holder(a.value, b.value)
    )


def _mentions_name(ctx: PythonContext, expr: cst.BaseExpression, name: str) -> bool:
    start = ctx.index_of(expr)
    within = ctx.nodes[start : ctx.ends[start]]
    return any(isinstance(n, cst.Name) and n.value == name for n in within)


def written_url(ctx: PythonContext, call: cst.Call) -> cst.BaseExpression | None:
    """The base URL an SDK client is given right after it is built (`written_after`), where it
    is a URL the module shows that is not OpenAI's (another provider's, a server of the
    program's own): the client never talks to OpenAI, and reads as if built with it."""
    client = ctx.constructed_client(call)
    if client is None or client.azure:
        return None
    value = written_after(ctx, call).get("base_url")
    if value is None:
        return None
    endpoint = endpoint_of_value(ctx, value)
    return value if endpoint.kind in ("provider", "custom") and endpoint.detail else None


def endpoint_of(ctx: PythonContext, call: cst.Call) -> Endpoint:
    """Classify the `base_url` a client construction passes. A `**mapping` the module does not
    show counts as OpenAI: `apply` makes the provider's URL win over whatever it holds; but
    one a property or method of the class builds elsewhere (`**self._client_params`) is
    decided at run time, for a person to check."""
    expr = setting(ctx, call, "base_url")
    if expr is _UNKNOWN:
        kwargs = kwargs_of(ctx, call)
        if kwargs is not None and self_method(kwargs.arg.value) is not None:
            # a property or method of a class this module does not show (pandas-ai's base
            # class builds `_client_params` with the key its users pass): not overridden
            return Endpoint("dynamic", f"`**{ctx.code(kwargs.arg.value)}`")
        return Endpoint("openai")
    endpoint = endpoint_of_value(ctx, expr)
    if endpoint.kind == "dynamic":
        # OpenAI refuses a key only a server of one's own takes, and a URL on the machine the
        # program runs on is no service's: the URL names a server of the program's own
        key = setting(ctx, call, "api_key")
        local_key = _local_key(ctx, key) if key is not None and key is not _UNKNOWN else None
        # (not OpenAI's variable defaulting to one: its variables are renamed, ML401)
        local_url = None if endpoint.fallback is not None else local_default_url(ctx, expr)
        # always given, and not OpenAI's (vLLM's `f"{self.api_url}/v1"`, t64a)
        given = None
        if local_key is None and local_url is None and endpoint.variable is None:
            given = given_url(ctx, call, cast("cst.BaseExpression", expr))
        if given is not None:
            shown = " ".join(ctx.code(cast("cst.BaseExpression", expr)).split())
            detail = endpoint.detail or f"`{shown if len(shown) <= 40 else shown[:39] + '…'}`"
            return Endpoint("custom", detail, given=given)
        # a key and URL of a service the program's user configures (gptme's custom providers)
        configured = None
        if local_key is None and local_url is None and key is not _UNKNOWN:
            configured = configured_service(ctx, cast("cst.BaseExpression", expr), key)
        # a client of another service's branch (MoneyPrinterTurbo's `if adapter ==
        # "modelscope":`, t52k)
        found = other_service_branch(ctx, call) if configured is None else None
        branch = None
        if found is not None:
            branch = (found[1], " ".join(ctx.code(found[0].test).split()))
        # a key or URL named for another service (letta's `together_api_key`, t55c D1)
        service = None
        if not (local_key or local_url or configured or branch):
            service = _named_for_service(ctx, cast("cst.BaseExpression", expr), key)
        if local_key or local_url or configured or branch or service:
            shown = " ".join(ctx.code(cast("cst.BaseExpression", expr)).split())
            detail = endpoint.detail or f"`{shown if len(shown) <= 40 else shown[:39] + '…'}`"
            return Endpoint(
                "custom",
                detail,
                variable=endpoint.variable,
                local_key=local_key,
                local_url=local_url,
                configured=configured,
                branch=branch,
                service=service,
            )
    return endpoint


def module_client_endpoint(ctx: PythonContext) -> Endpoint | None:
    """Where the module points the openai>=1.0 module-level client when every `openai.
    base_url = ...` of it names a server other than OpenAI's and the providers' (FastChat's
    tests: `openai.base_url = "http://localhost:8000/v1/"`, `openai.api_key = "EMPTY"`), read
    as `endpoint_of` reads a client's base URL and key: a URL the module shows ("custom"), or
    one decided at run time beside a key only a server of one's own takes (`_local_key`, every
    `openai.api_key = ...` of the module one) or defaulting to this machine
    (`local_default_url`). None where it sets no base URL, or one that may point elsewhere."""
    index = ctx.index
    if not index.base_url_assigns or index.uses_legacy:
        return None
    keys = [assign.value for attr, assign in index.config_assigns if attr == "api_key"]
    local_keys = [_local_key(ctx, key) for key in keys]
    local_key = local_keys[0] if local_keys and None not in local_keys else None
    found: Endpoint | None = None
    for assign in index.base_url_assigns:
        endpoint = endpoint_of_value(ctx, assign.value)
        if endpoint.kind == "dynamic" and endpoint.fallback is None:
            local_url = local_default_url(ctx, assign.value)
            if local_key is not None or local_url is not None:
                shown = " ".join(ctx.code(assign.value).split())
                detail = endpoint.detail or f"`{shown if len(shown) <= 40 else shown[:39] + '…'}`"
                endpoint = Endpoint("custom", detail, local_key=local_key, local_url=local_url)
        if endpoint.kind != "custom" or not endpoint.detail:
            return None
        found = found or endpoint
    return found


def _named_for_service(
    ctx: PythonContext, url: cst.BaseExpression, key: cst.BaseExpression | None
) -> ServiceSetting | None:
    """The part of a client's run-time base URL, or else of its key, named for another
    service than OpenAI and the target (`service_keys`); None otherwise, and with no
    target."""
    if ctx.rules.provider is None or own_server_settings(ctx, url, _given(key)) is not None:
        return None  # the program's own variables for both: `own_server_message` says so
    found = service_url(ctx, url)
    if found is None and key is not None and key is not _UNKNOWN:
        found = service_key(ctx, key)
    return found


def _local_key(ctx: PythonContext, key: cst.BaseExpression) -> tuple[str, bool] | None:
    """(key, given as a default) for a key only a server of one's own takes: a literal, or
    the default of a read (`run_time_default`); None for any other key."""
    literal = ctx.resolve_literal(key)
    if literal is not None:
        defaulted = literal[2] == "env default"
        return (literal[1], defaulted) if local_server_key(literal[1]) else None
    default = run_time_default(ctx, key)
    if default is None:
        default = fallback_set_above(ctx, key)
    return (default, True) if default is not None and local_server_key(default) else None


def fallback_set_above(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """The literal last fallback of what the function holding `expr` assigns, in an earlier
    statement of its body, to an attribute written as `expr` is (mem0's
    `self.config.api_key = self.config.api_key or "lm-studio"` above
    `OpenAI(api_key=self.config.api_key)`); None where the last such assignment is not one,
    or a statement holding a block may assign it too."""
    if not isinstance(expr, cst.Attribute):
        return None
    shown = ctx.code(expr)
    parents = ctx.ancestors(expr)
    function = next((p for p in reversed(parents) if isinstance(p, cst.FunctionDef)), None)
    if function is None or not isinstance(function.body, cst.IndentedBlock):
        return None
    value: cst.BaseExpression | None = None
    for statement in function.body.body:
        if statement in parents:
            break
        if not isinstance(statement, cst.SimpleStatementLine):
            if shown in ctx.code(statement):
                value = None  # may be assigned in a branch: not known
            continue
        for small in statement.body:
            if (
                isinstance(small, cst.Assign)
                and len(small.targets) == 1
                and ctx.code(small.targets[0].target) == shown
            ):
                value = small.value
    while isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        value = value.right
    return string_value(value) if value is not None else None


def local_default_url(ctx: PythonContext, expr: cst.BaseExpression | None) -> str | None:
    """The default of a base URL read at run time (`run_time_default`) when it is on the
    machine the program runs on (`http://localhost:11434/v1`); None otherwise."""
    if expr is None:
        return None
    env = env_var_read(ctx, expr)
    if env is not None:
        literal = ctx.resolve_literal(env[1]) if env[1] is not None else None
        default = literal[1] if literal is not None else None
    else:
        default = run_time_default(ctx, expr)
    host = url_host(default) if default is not None else None
    return default if host is not None and local_host(host) else None


def local_manager(ctx: PythonContext, expr: cst.BaseExpression) -> LocalManager | None:
    """The library class (`LOCAL_MANAGERS`) whose object's URL attribute a base URL reads:
    `FoundryLocalManager(...).endpoint`, or `manager.endpoint` through a name or `self.X`
    bound once to its construction; None for anything else."""
    if not isinstance(expr, cst.Attribute):
        return None
    holder = expr.value
    if isinstance(holder, cst.Name) or self_attribute(holder):
        holder = _held(ctx, holder) or holder
    if not isinstance(holder, cst.Call):
        return None
    found = (LOCAL_MANAGERS.get(name) for name in sorted(ctx.qualnames(holder.func)))
    return next((m for m in found if m is not None and expr.attr.value in m.url), None)


def run_time_default(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """The literal default of a value read at run time, written in the read or in the one
    assignment of the name it is bound to: `kwargs.pop("api_key", "ollama")`,
    `cfg.get("base_url", URL)`, `os.getenv("LLM_KEY", "EMPTY")`; None for anything else."""
    if isinstance(expr, cst.Name):
        bound = ctx.bound_value(expr)
        if bound is None:
            return None
        expr = bound
    if not (
        isinstance(expr, cst.Call)
        and len(expr.args) == 2
        and all(a.keyword is None and not a.star for a in expr.args)
    ):
        return None
    func = expr.func
    if not (
        (isinstance(func, cst.Attribute) and func.attr.value in ("pop", "get"))
        or ctx.qualnames(func) & sdk.ENV_READERS
    ):
        return None
    literal = ctx.resolve_literal(expr.args[1].value)
    return literal[1] if literal is not None else None


def endpoint_of_value(
    ctx: PythonContext, expr: cst.BaseExpression | None, depth: int = 4
) -> Endpoint:
    """Classify a base-URL value: absent or None (OpenAI), an environment variable (OpenAI's,
    or its default), a literal the module shows, one of the values the module shows it may
    take (`_alternatives`), or something decided at run time."""
    if expr is None or (isinstance(expr, cst.Name) and expr.value == "None"):
        return Endpoint("openai")
    configured = table_endpoint(ctx, expr) or setting_endpoint(ctx, expr)
    if configured is not None:
        return configured
    manager = local_manager(ctx, expr)
    if manager is not None:
        return Endpoint("custom", f"`{ctx.code(expr)}`", local_manager=manager.name)
    alternatives = _alternatives(ctx, expr) if depth > 0 else None
    if alternatives is not None:
        return _either(ctx, [endpoint_of_value(ctx, a, depth - 1) for a in alternatives])
    derived = _derived_base_url(ctx, expr)
    if derived is not None:
        return derived
    env = env_var_read(ctx, expr)
    if env is not None:
        name, default = env
        literal = ctx.resolve_literal(default) if default is not None else None
        url = literal[1] if literal is not None else None
        found = classify_url(ctx, url) if url is not None else None
        if ENV_NAME.match(name):
            if found is None or found.kind == "openai":
                return Endpoint("openai", name)
            # OpenAI's variable, defaulting to the app's own server (LM Studio, a proxy)
            detail = f"environment variable {name} (default {url})"
            return Endpoint("dynamic", detail, variable=name, fallback=url)
        if found is not None and found.kind != "custom":
            return found
        if url is None and default is not None and depth > 0 and _read_with_default(ctx, expr):
            # `os.getenv("EMBEDDING_BINDING_HOST", HOST)`, HOST read with the provider's URL
            # as its default: never None, and it points where that default does
            chained = endpoint_of_value(ctx, default, depth - 1)
            if chained.kind == "provider":
                return chained
        detail = f"environment variable {name}"
        if default is not None and url is None:  # a run-time fallback, not a literal
            shown = " ".join(ctx.code(default).split())
            detail += f" (else `{shown if len(shown) <= 40 else shown[:39] + '…'}`)"
        return Endpoint("dynamic", detail, variable=name)
    bound = _value_of(ctx, expr) if depth > 0 else None
    if bound is not None and bound is not expr and _read_with_default(ctx, bound):
        return endpoint_of_value(ctx, bound, depth - 1)
    resolved = ctx.resolve_literal(expr)
    if resolved is None and self_attribute(expr):
        held = _held(ctx, expr)  # `self.api_url = "https://api.x.ai/v1"`
        text = string_value(held) if held is not None else None
        resolved = (expr, text, "") if text is not None else None
    if resolved is not None:
        return classify_url(ctx, resolved[1])
    operands = _or_operands(ctx, expr)
    if operands is not None:
        # `url or os.getenv("DEEPSEEK_BASE_URL") or "https://api.deepseek.com"`: never None,
        # and where nothing before names OpenAI, the first operand that is never None (a URL,
        # a variable's read with one as default, a name bound to such a chain) says where it
        # points, as the default of a variable does
        for operand in operands:
            endpoint = endpoint_of_value(ctx, operand)
            if endpoint.kind in ("provider", "custom") and endpoint.detail:  # not `or ""`
                return endpoint
            if endpoint.kind != "dynamic":
                break
    return Endpoint("dynamic", "")


def _read_with_default(ctx: PythonContext, value: cst.BaseExpression, depth: int = 3) -> bool:
    """Whether `value` reads a variable not named like OpenAI's with a string the module
    shows as its default (`os.getenv("EMBEDDING_BINDING_HOST", DASHSCOPE_URL)`): never None,
    so a name bound once to it points where the read does, as the read written in place
    (LightRAG's Qwen demo, t53a), or a name bound once to such a read (`HOST` of
    `os.getenv("EMBEDDING_BINDING_HOST", HOST)`, t53k)."""
    for _ in range(depth):
        read = env_var_read(ctx, value)
        if read is None or read[1] is None or ENV_NAME.match(read[0]):
            return False
        if ctx.resolve_literal(read[1]) is not None:
            return True
        bound = ctx.bound_value(read[1]) if isinstance(read[1], cst.Name) else None
        if bound is None:
            return False
        value = bound
    return False


def table_endpoint(ctx: PythonContext, expr: cst.BaseExpression) -> Endpoint | None:
    """The target's endpoint, for a base URL that reads an entry of the project's table of
    defaults (`table_reads.default_route`) whose default is the target's URL (written, or the
    default of a read of a variable not named like OpenAI's), where the object's `get` does
    not read an OpenAI variable first; None otherwise (OpenAI's default; a choice one branch
    of which is None or OpenAI's URL, `None if base_url == "default" else base_url`, whatever
    the default: the user's file or the variable may hold "default", as shell_gpt's file
    written before the switch does, and the key then goes to OpenAI)."""
    target = ctx.rules.provider
    route = default_route(ctx, expr) if target is not None else None
    if route is None or route.value is None or target is None:
        return None
    entry = route.entry
    if ENV_NAME.match(entry.variable) or ENV_NAME.match(entry.then):
        return None
    if entry.env_first and ENV_NAME.match(entry.key):
        return None
    branches = _if_branches(ctx, expr)
    if branches and any(endpoint_of_value(ctx, b).kind == "openai" for b in branches):
        return None  # the value the program's settings may hold takes OpenAI's branch
    found = classify_url(ctx, route.value)
    if found.provider is None or found.provider.id != target.id:
        return None
    return Endpoint("provider", route.value, found.provider, table=route)


def setting_endpoint(ctx: PythonContext, expr: cst.BaseExpression) -> Endpoint | None:
    """Where a base URL reading a setting of a config module of the project points by
    default (`table_reads.module_setting`: `config.openrouter_api_base`, bound there to
    `config_yaml.get("openrouter_api_base", "https://openrouter.ai/api/v1")`), where that is
    not OpenAI: another service's, or the provider's; None otherwise (OpenAI's default, or a
    read of OpenAI's variable, which ML401 renames: decided at run time, as before)."""
    route = module_setting(ctx, expr)
    if route is None or route.value is None or ENV_NAME.match(route.entry.variable):
        return None
    found = classify_url(ctx, route.value)
    if found.kind == "openai":
        return None
    return Endpoint(found.kind, route.value, found.provider, table=route)


def table_words(ctx: PythonContext, route: TableRoute) -> str:
    """Where a read of an entry of a table of defaults (`route`) takes its default, for a
    message: `cfg.get("API_BASE_URL")` falls back to API_BASE_URL of DEFAULT_CONFIG in
    sgpt/config.py, which reads ZAI_BASE_URL (default https://...), or `which reads
    API_BASE_URL, then ZAI_BASE_URL (default ...)` for a read defaulting to another."""
    entry = route.entry
    shown = " ".join(ctx.code(route.read).split())
    said = f"`{shown}` falls back to {entry.key} of {entry.table} in {entry.shown}"
    if not entry.table:  # a setting the module binds at its level
        said = f"`{shown}` is set in {entry.shown}"
    if entry.variable:
        default = f" (default {_shown_text(entry.default)})" if entry.default is not None else ""
        then = f", then {entry.then}" if entry.then else ""
        said += f", which reads {entry.variable}{then}{default}"
    elif entry.default is not None:
        said += f" ({_shown_text(entry.default)})"
    return said


def _shown_text(text: str) -> str:
    """A URL as it is, any other string quoted."""
    return text if "://" in text else repr(text)


def _table_data(route: TableRoute) -> str:
    """The entry a table's read falls back to, for a finding's data: `sgpt/config.py:
    DEFAULT_CONFIG["API_BASE_URL"]`."""
    entry = route.entry
    if not entry.table:
        return f"{entry.shown}:{entry.key}"
    return f"{entry.shown}:{entry.table}[{entry.key!r}]"


def table_file_words(ctx: PythonContext, route: TableRoute) -> str:
    """What to check where the class of a table's object fills itself from a file it reads
    (`TableDefault.file`), for a message: the entry, and the entries of that table whose
    default is an OpenAI model (the file may keep that too); "" where it reads none."""
    entry = route.entry
    if entry.file is None:
        return ""
    named = f" (`{entry.file}`)" if entry.file else ""
    models = sorted(
        e.key
        for e in ctx.rules.facts.config_defaults
        if e.module == entry.module
        and e.holder == entry.holder
        and e.key != entry.key
        and e.default is not None
        and ctx.rules.openai.serves(e.default)
    )
    keys = [entry.key, *models]
    held = keys[0] if len(keys) == 1 else f"{', '.join(keys[:-1])} and {keys[-1]}"
    return (
        f"; {entry.cls} also takes values from the file it reads{named}, which may override "
        f"these defaults: one written before the switch may still hold OpenAI's {held}; "
        f"check {'them' if models else 'it'} there"
    )


def falls_back_to_openai(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether a client's base URL is a chain of `or`s that `apply` points at the provider
    (`chain_to_openai`): the key it is given goes there unless the program sets one of the
    other values."""
    value = setting(ctx, call, "base_url")
    return value is not None and value is not _UNKNOWN and chain_to_openai(ctx, value)


def chain_to_openai(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether a base URL is a chain of `or`s (or a name or attribute bound once to one) that
    ends in OpenAI's base URL, or in a read of OpenAI's base-URL variable with no default
    (which ML401 gives the provider's URL as its default: camel's `url or
    os.environ.get("OPENAI_API_BASE_URL")`), the rest run-time values and OpenAI's base-URL
    variables: `apply` points the chain at the provider (the variables renamed, the URL
    replaced or given) (mem0's `config.openai_base_url or os.getenv("OPENAI_BASE_URL") or
    "https://api.openai.com/v1"`); also past a closing `None` that ML401 replaces with the
    provider's URL (`_trailing_none`)."""
    operands = _or_operands(ctx, value)
    if (
        operands is not None
        and len(operands) >= 2
        and _trailing_none(ctx, operands)
        and not (_caller_first(ctx, operands) and not _mapping_entry(ctx, value))
    ):
        operands = operands[:-1]  # ML401 writes the provider's URL in place of that None
    if operands is None or not _ends_in_openai(ctx, operands[-1]):
        return False
    for operand in operands[:-1]:
        endpoint = endpoint_of_value(ctx, operand)
        if endpoint.kind == "openai" and endpoint.detail in base_url_variables(ctx):
            continue
        if endpoint.kind != "dynamic" or endpoint.variable is not None:
            return False  # another provider's variable, a URL: not what apply rewrites
    return True


def _trailing_none(ctx: PythonContext, operands: list[cst.BaseExpression]) -> bool:
    """Whether a chain of `or`s ends `<read of OpenAI's base-URL variable> or None`, the None
    `apply` replaces with the provider's URL (`base_url_reads`; crewAI's `self.base_url or
    os.getenv("OPENAI_BASE_URL") or None`, t60b)."""
    last, before = operands[-1], operands[-2]
    env = env_var_read(ctx, before)
    return (
        isinstance(last, cst.Name)
        and last.value == "None"
        and env is not None
        and env[0] in base_url_variables(ctx)
        and env[1] is None
    )


def _caller_first(ctx: PythonContext, operands: list[cst.BaseExpression]) -> bool:
    """Whether the first operand of a base URL's chain of `or`s is a value the caller sets
    (`self.base_url or os.getenv(X) or None`): the key given beside it, renamed untied, would
    go to whatever server the caller names (review of s61: `Chat(base_url=...)` with no key
    got DeepSeek's key), so a client's own such `base_url=` is left as it was (ML003, ML401
    manual); the entry of a `**` mapping is not, its key being tied to the caller's URL
    (`key_read_defaults.spread_caller_url`)."""
    return env_var_read(ctx, operands[0]) is None and string_value(operands[0]) is None


def _mapping_entry(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` is the value of an entry of a dict display."""
    ancestors = ctx.ancestors(value)
    return bool(ancestors) and isinstance(ancestors[-1], cst.DictElement)


def _ends_in_openai(ctx: PythonContext, last: cst.BaseExpression) -> bool:
    """Whether the last operand of a base URL's chain of `or`s is OpenAI's base URL, or a read
    of OpenAI's base-URL variable with no default, which `apply` points at the provider."""
    text = string_value(last)
    if text is not None:
        openai = ctx.rules.openai.base_url.rstrip("/")
        return text.rstrip("/") in {openai, openai.replace("https://", "http://")}
    env = env_var_read(ctx, last)
    provider = ctx.rules.provider
    return (
        env is not None
        and env[0] in base_url_variables(ctx)
        and env[1] is None  # `os.environ[X]` too: it becomes `os.environ.get(Y, URL)`
        and (provider is None or provider.azure is None)
    )


def run_time_url(ctx: PythonContext, value: cst.BaseExpression | None) -> bool:
    """Whether a base URL is chosen at run time and `apply` leaves it as it is (OpenAI's when
    it is None): not one read from a variable that defaults to the app's own server, nor a
    chain that `apply` points at the provider (`chain_to_openai`)."""
    if value is None:
        return False
    endpoint = endpoint_of_value(ctx, value)
    return (
        endpoint.kind == "dynamic" and endpoint.fallback is None and not chain_to_openai(ctx, value)
    )


def _from_import(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether a value is another module's: an imported name, or an attribute, item or call
    of one (`config.api_base`, `settings["url"]`, `get_config().url`), also through a name or
    `self.X` bound once to such a value."""
    if isinstance(expr, cst.Name) or self_attribute(expr):
        held = _held(ctx, expr)
        expr = held if held is not None else expr
    while isinstance(expr, (cst.Attribute, cst.Subscript, cst.Call)):
        expr = expr.func if isinstance(expr, cst.Call) else expr.value
    if not isinstance(expr, cst.Name):
        return False
    bound = ctx.bindings(expr)
    return bool(bound) and all(
        isinstance(b, Assignment) and isinstance(b.node, (cst.Import, cst.ImportFrom))
        for b in bound
    )


def _either(ctx: PythonContext, found: list[Endpoint]) -> Endpoint:
    """Where a base URL chosen between values (`found`, the endpoints of the branches of `x if
    c else y`) points: where none is OpenAI's, the URL of a branch, another provider's or a
    server of the program's own before the target's, as the last of a chain of `or`s says
    (`str(api_base) if api_base else "https://api.x.ai/v1"`); else decided at run time."""
    named = [e for e in found if e.kind in ("provider", "custom") and e.detail]
    if not named or any(e.kind == "openai" for e in found):
        return Endpoint("dynamic", "")
    target = ctx.rules.provider
    other = [e for e in named if target is None or e.provider is None or e.provider.id != target.id]
    return (other or named)[0]


def names_another_endpoint(ctx: PythonContext, value: cst.BaseExpression, depth: int = 3) -> bool:
    """Whether a base URL may be a URL the module shows that is neither OpenAI's nor the
    target's: itself, a branch of `x if c else y` or an operand of a chain of `or`s, through
    names and attributes of `self` bound once (`self.url = url if c else None`, with
    "https://api.x.ai/v1" in one branch). Such a client must not get the target's key. So
    is an attribute of `self` in a module that reads another server's base-URL variable
    (`OTHER_SERVER_URL_VARIABLES`: camel's OpenAI-compatible model, whose `self._url` its base
    class sets from that read)."""
    if self_attribute(value) and any(ctx.mentions(v) for v in OTHER_SERVER_URL_VARIABLES):
        return True
    endpoint = endpoint_of_value(ctx, value)
    target = ctx.rules.provider
    if endpoint.kind == "custom" and endpoint.detail:
        return True
    if endpoint.kind == "provider" and endpoint.provider is not None:
        return target is None or endpoint.provider.id != target.id
    parts = _alternatives(ctx, value) or _or_operands(ctx, value) or []
    return depth > 0 and any(names_another_endpoint(ctx, p, depth - 1) for p in parts)


def _held(ctx: PythonContext, expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """The value a name or an attribute of `self` holds where it is used: the one value it is
    bound to (for a name that is also a parameter, the one that extends it: `_chain_bound`;
    for `self.X`, the one value the class using it assigns, else, where its body does not
    set X as a field, the one the module does)."""
    if isinstance(expr, cst.Name):
        return _chain_bound(ctx, expr)
    if isinstance(expr, cst.Attribute) and self_attribute(expr):
        values = ctx.self_values(expr)
        if not values:
            owner = class_of(ctx, expr)
            if owner is not None and expr.attr.value in class_fields(owner):
                return None  # its own field (`field_values`), not another class's attribute
            values = ctx.index.self_assigned.get(expr.attr.value, [])
        return values[0] if len(values) == 1 else None
    return None


def _alternatives(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.BaseExpression] | None:
    """The values a base URL may take, where the module shows them: the two branches of `x if
    c else y` (`_if_branches`); for a parameter whose default is a URL other than OpenAI's
    (`def __init__(self, key, api_base="https://api.lingyiwanwu.com/v1")`), that default and
    what the module's calls pass for it, also through `self.X` bound to it; for `self.X` of a
    class field with such a default (a dataclass's `api_base: str = "..."`), the default and
    what the constructor calls pass. A None passed there makes the value OpenAI's in that
    case; callers the module does not show are taken to pass what the default stands for.
    None for anything else."""
    branches = _if_branches(ctx, expr)
    if branches is not None:
        return branches

    def other_url(default: cst.BaseExpression) -> bool:  # a literal or a constant's
        resolved = ctx.resolve_literal(default)
        return resolved is not None and classify_url(ctx, resolved[1]).kind != "openai"

    found = None
    if isinstance(expr, cst.Attribute) and self_attribute(expr):
        found = field_values(ctx, expr, other_url)
        held = _held(ctx, expr) if found is None else None
        if isinstance(held, cst.Name):
            found = parameter_values(ctx, held, other_url)
    elif isinstance(expr, cst.Name):
        found = parameter_values(ctx, expr, other_url)
    return [found[0], *found[1]] if found is not None else None


def _own_value(operand: cst.BaseExpression, held: cst.BaseExpression) -> bool:
    """Whether `operand` of the value `held` is bound to is the holder itself (`url = url or
    ...`, `self.url = self.url or ...`): whatever it held before."""
    if isinstance(held, cst.Name):
        return isinstance(operand, cst.Name) and operand.value == held.value
    return (
        self_attribute(operand)
        and isinstance(held, cst.Attribute)
        and operand.attr.value == held.attr.value  # type: ignore[attr-defined]
    )


def _or_operands(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.BaseExpression] | None:
    """The operands of `a or b or c`, or of the value a name (or an attribute of `self`) is
    bound to once (`_held`); None for anything else."""
    value = _value_of(ctx, expr)
    if not isinstance(value, cst.BooleanOperation) or not isinstance(value.operator, cst.Or):
        return None
    return [_EARLIER if _own_value(o, expr) else o for o in _or_chain(value)]


def _value_of(ctx: PythonContext, expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """`expr`, or for a name (or an attribute of `self`) the value it is bound to once
    (`_held`); None where that is not one value."""
    if isinstance(expr, cst.Name) or self_attribute(expr):
        return _held(ctx, expr)
    return expr


def _if_branches(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.BaseExpression] | None:
    """The two values of `x if c else y`, or of the one such value a name (or an attribute of
    `self`) is bound to (`_held`); None for anything else."""
    value = _value_of(ctx, expr)
    if not isinstance(value, cst.IfExp):
        return None
    return [_EARLIER if _own_value(b, expr) else b for b in (value.body, value.orelse)]


@dataclass(frozen=True)
class Sentinel:
    """A choice of base URL one branch of which is None (`sentinel_branch`): `choice`, the
    `x if c else y`; `branch`, its None; `where`, when it takes that branch, for a message
    (`where `base_url == "default"``, `unless `url``)."""

    choice: cst.IfExp
    branch: cst.BaseExpression
    where: str


def sentinel_branch(ctx: PythonContext, expr: cst.BaseExpression) -> Sentinel | None:
    """The branch of a base URL's choice that turns a value of the program's settings into
    None, the SDK then using OpenAI's URL (shell_gpt's `None if base_url == "default" else
    base_url`), where the other branch is not OpenAI's; the choice written, or the one value
    a name (or `self.X`) is bound to. None for anything else."""
    value = _value_of(ctx, expr)
    if not isinstance(value, cst.IfExp):
        return None
    test = " ".join(ctx.code(value.test).split())
    test = test if len(test) <= 40 else test[:39] + "…"
    for branch, other, where in (
        (value.body, value.orelse, f"where `{test}`"),
        (value.orelse, value.body, f"unless `{test}`"),
    ):
        if (
            isinstance(branch, cst.Name)
            and branch.value == "None"
            and not (isinstance(other, cst.Name) and other.value == "None")
            and endpoint_of_value(ctx, other).kind != "openai"
        ):
            return Sentinel(value, branch, where)
    return None


def _plain_value(*values: cst.BaseExpression) -> bool:
    """Whether each of `values` reads a value without running code of the program: a name,
    an attribute or entry of one (`cfg["base_url"]`, `cfg.get("base_url")`, `os.getenv("X")`),
    so reading it again gives the same (a key tied to the URL:
    `key or (<provider's key> if not url or url == <provider's URL> else key)`)."""
    if len(values) != 1:
        return all(_plain_value(v) for v in values)
    (value,) = values
    if isinstance(value, cst.Name):
        return True
    if isinstance(value, cst.Attribute):
        return _plain_value(value.value)
    if isinstance(value, cst.Subscript):
        return (
            len(value.slice) == 1
            and isinstance(value.slice[0].slice, cst.Index)
            and isinstance(value.slice[0].slice.value, (cst.SimpleString, cst.Integer))
            and _plain_value(value.value)
        )
    return (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value in ("get", "getenv")
        and all(isinstance(a.value, cst.SimpleString) and not a.keyword for a in value.args)
        and _plain_value(value.func.value)
    )


def _plain_test(test: cst.BaseExpression) -> bool:
    """Whether a choice's test reads values without running code of the program
    (`base_url == "default"`, `not url`, `a and b != "x"`): reading it again gives the same."""
    if isinstance(test, cst.BooleanOperation):
        return _plain_test(test.left) and _plain_test(test.right)
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return _plain_test(test.expression)
    if isinstance(test, cst.Comparison):
        return all(
            _plain_test(part) for part in (test.left, *(c.comparator for c in test.comparisons))
        )
    return isinstance(test, (cst.SimpleString, cst.Integer, cst.Float)) or _plain_value(test)


def _branch_key(
    value: cst.BaseExpression, branch: cst.BaseExpression, key: cst.BaseExpression
) -> tuple[cst.BaseExpression, cst.BaseExpression, bool] | None:
    """For a choice of base URL `value` whose None `branch` apply points at the provider, and
    the key the client is given beside it: the test (in parentheses where `or`/`and` would
    bind it otherwise), the other branch, and whether the test picks `branch`, to tie the key's
    fallback to the provider's URL (`key or (<provider's key> if test or other == <provider's
    URL> else key)`); None where one of them runs code of the program."""
    if not isinstance(value, cst.IfExp):
        return None
    other = value.orelse if branch is value.body else value.body
    if not (_plain_test(value.test) and _plain_value(other) and _plain_value(key)):
        return None
    test = value.test
    if isinstance(test, cst.BooleanOperation):
        test = test.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return test, other, branch is value.body


def provider_key_tied(read: str, kept: str, added: str, tie: str) -> str:
    """The key of a client whose base URL apply points at the provider where the program gives
    none (`added`, the test that is true then, read again): the provider's key (`read`) there,
    whatever key the program hands it, for that key was meant for OpenAI's URL (langroid's
    `"xxx"` or OPENAI_API_KEY sent to DeepSeek, t59g); elsewhere the key the program gives
    (`kept`), the provider's only where that is empty and the URL it gives is the provider's
    (`tie`, `url_tie`): `read if not base else (key or (read if <tie> else key))`."""
    return f"{read} if {added} else ({kept} or ({read} if {tie} else {kept}))"


def url_tie(provider: Provider, run_url: str, given: str, read: str) -> str:
    """The test that the URL `given` holds is the provider's: its base-URL variable's value
    (`read`, as the plan writes it) or any spelling of its own URL (`run_url` and the file's
    `[base_url_aliases]`), without case or trailing slash (`provider_url_test`): a config
    keeping the provider's URL while the variable names another region or a test server
    still takes the provider's key (t60d)."""
    first = None if read == base_url_expr(provider, run_url) else same_url(read)
    return provider_url_test(given, provider, run_url, first=first)


def _kept_side(value: cst.BaseExpression, branch: cst.BaseExpression | None) -> cst.BaseExpression:
    """The base URL a client keeps where apply gives it the provider's: `value` itself, or
    for a choice whose None `branch` apply replaces, its other branch."""
    if branch is None or not isinstance(value, cst.IfExp):
        return value
    return value.orelse if branch is value.body else value.body


# the attributes a class keeps its base URL in (pandas-ai's `self.api_base`)
_BASE_URL_FIELDS = frozenset({"api_base", "base_url", "openai_api_base"})


def _or_chain(expr: cst.BooleanOperation) -> list[cst.BaseExpression]:
    """The operands of `a or b or c`, in order."""
    operands: list[cst.BaseExpression] = []
    pending: list[cst.BaseExpression] = [expr]
    while pending:
        item = pending.pop()
        if isinstance(item, cst.BooleanOperation) and isinstance(item.operator, cst.Or):
            pending += [item.right, item.left]
        else:
            operands.append(item)
    return operands


# an operand of `url = url or ...` that is the name's earlier value (a parameter, say)
_EARLIER = cst.Name("__earlier__")


def _chain_bound(ctx: PythonContext, name: cst.Name) -> cst.BaseExpression | None:
    """The value `name` is bound to where it is used: its one assignment, or where it is also
    a parameter, the one assignment that extends it (`url = url or os.getenv(...) or "..."`,
    vanna's and many clients' way to default a parameter); None otherwise."""
    bound = ctx.bindings(name)
    assigned = [
        ctx.index.assigned.get(id(b.node))
        for b in bound
        if isinstance(b, Assignment) and not isinstance(b.node, cst.Param)
    ]
    params = [b for b in bound if isinstance(b, Assignment) and isinstance(b.node, cst.Param)]
    if len(assigned) != 1 or len(assigned) + len(params) != len(bound) or assigned[0] is None:
        return None
    value = assigned[0]
    if params and not (
        (
            isinstance(value, cst.BooleanOperation)
            and isinstance(value.operator, cst.Or)
            and _leftmost(value) == name.value
        )
        or (  # `url = url if url else "https://..."`
            isinstance(value, cst.IfExp)
            and any(_own_value(b, name) for b in (value.body, value.orelse))
        )
    ):
        return None
    return value


def _leftmost(chain: cst.BooleanOperation) -> str | None:
    """The name a chain of `or`s begins with, if it begins with one."""
    left: cst.BaseExpression = chain
    while isinstance(left, cst.BooleanOperation):
        left = left.left
    return left.value if isinstance(left, cst.Name) else None


def derived_endpoint_var(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """The target's `base_url_env` when `expr` is `os.environ.get(ENDPOINT_VAR,
    ...).rstrip("/") + "/path"`, the base URL `apply` writes for an Azure OpenAI target and
    (with the path "/") for the module-level client's `openai.base_url`."""
    target = ctx.rules.provider
    if (
        target is None
        or not isinstance(expr, cst.BinaryOperation)
        or not isinstance(expr.operator, cst.Add)
        or not isinstance(expr.left, cst.Call)
        or not isinstance(expr.left.func, cst.Attribute)
        or expr.left.func.attr.value != "rstrip"
    ):
        return None
    env = env_var_read(ctx, expr.left.func.value)
    return env[0] if env is not None and env[0] == target.base_url_env else None


def _derived_base_url(ctx: PythonContext, expr: cst.BaseExpression) -> Endpoint | None:
    """The target's endpoint, for a base URL derived from it (`derived_endpoint_var`)."""
    variable = derived_endpoint_var(ctx, expr)
    if variable is None:
        return None
    target = ctx.rules.provider
    return Endpoint("provider", f"environment variable {variable}", target, variable=variable)


def key_source(rule: PythonRule, call: cst.Call) -> str:
    """Where a client construction takes its key from, in words."""
    expr = setting(rule.ctx, call, "api_key")
    if expr is None:
        return "key from OPENAI_API_KEY"
    if expr is _UNKNOWN:
        kwargs = kwargs_of(rule.ctx, call)
        assert kwargs is not None
        return f"key from `**{rule.snippet(kwargs.arg.value)}` or OPENAI_API_KEY"
    value = string_value(expr)
    if value is not None:
        secrets = find_secrets(value)
        return f"hard-coded key {mask(secrets[0].group(0))}" if secrets else "hard-coded key"
    env = env_var_read(rule.ctx, expr)
    if env is not None:
        return f"key from {env[0]}"
    return f"key from `{rule.snippet(expr)}`"


def given_key_data(ctx: PythonContext, call: cst.Call) -> dict[str, object]:
    """Where a client construction takes a key the program hands it (`passed_key`: a
    parameter, `self.api_key`, ...), for apply's Still on OpenAI line: `key_given` (the
    code), `key_given_line` (the line of the parameter it is, else of the client) and
    `key_given_param` (whether it is a parameter: a caller chooses the key). The SDK reads
    OPENAI_API_KEY only where it is None. Empty where the key is read another way."""
    expr = setting(ctx, call, "api_key")
    if expr is None or expr is _UNKNOWN or not passed_key(ctx, expr):
        return {}
    line = ctx.position(call)[0][0]
    param = None
    if isinstance(expr, cst.Name):
        bound = ctx.bindings(expr)
        binding = bound[0] if len(bound) == 1 else None
        if isinstance(binding, Assignment) and isinstance(binding.node, cst.Param):
            param = binding.node
            line = ctx.position(param)[0][0]
    return {"key_given": ctx.code(expr), "key_given_line": line, "key_given_param": bool(param)}


def key_variable(rule: PythonRule, call: cst.Call) -> str | None:
    """The environment variable a client construction reads its key from, when it is one:
    the one passed as `api_key=os.environ[...]` (or `getenv`), else OPENAI_API_KEY when no key
    is passed; None for a literal, a `**mapping` that may hold one, or another expression."""
    expr = setting(rule.ctx, call, "api_key")
    if expr is None:
        return "OPENAI_API_KEY"
    if expr is _UNKNOWN:
        return None
    env = env_var_read(rule.ctx, expr)
    return env[0] if env is not None else None


def passed_key(ctx: PythonContext, expr: cst.BaseExpression | None) -> bool:
    """Whether a client's `api_key=` is a key the program hands it (a parameter,
    `self.api_key`, `config["api_key"]`, `get_key()`, a name bound to one of those): kept,
    with the provider's variable when it is empty. A literal, an environment read, anything
    naming an OpenAI variable, and a name bound only to literals and environment reads are
    replaced by the provider's variable."""
    if not isinstance(expr, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)):
        return False
    if expr is _UNKNOWN or _reads_environment(ctx, expr):
        return False
    if not isinstance(expr, cst.Name):
        return True
    bound = ctx.bindings(expr)
    if not bound or any(isinstance(b, BuiltinAssignment) for b in bound):
        return False
    for binding in bound:
        if not isinstance(binding, Assignment) or isinstance(binding.node, cst.Param):
            return True  # a parameter, an import
        value = ctx.index.assigned.get(id(binding.node))
        if value is None or not (_literal(value) or _reads_environment(ctx, value)):
            return True
    return False


def moving_keys(ctx: PythonContext, expr: cst.BaseExpression | None) -> list[cst.BaseExpression]:
    """The keys of `passed_keys` that ML001 keeps in a client it points at the provider:
    not a parameter defaulting to a read of OpenAI's key that ML401 leaves
    (`_left_openai_default`), which is replaced as a name bound to that read is."""
    return [k for k in passed_keys(ctx, expr) if not _left_openai_default(ctx, k)]


def _left_openai_default(ctx: PythonContext, key: cst.BaseExpression) -> bool:
    """Whether `key` is a parameter defaulting to a read of an OpenAI key variable that
    ML401 leaves on OpenAI, its value going to a client apply leaves (`risky_destination`):
    kept, the OpenAI key would go to the provider wherever a call gives no key (the fg
    review of session 66: `def __init__(self, key=os.getenv("OPENAI_API_KEY"))` given to
    a client apply moves and to one on a proxy)."""
    from migrate_llm.rules.key_destinations import risky_destination

    if not isinstance(key, cst.Name):
        return False
    bound = ctx.bindings(key)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return False
    param = bound[0].node
    if not isinstance(param, cst.Param):
        return False
    default = param.default
    read = env_var_read(ctx, default) if default is not None else None
    if default is None or read is None or read[0] not in switched_keys(ctx):
        return False
    return risky_destination(ctx, env_names(ctx), default) is not None


def without_empty_default(expr: cst.BaseExpression, strings: bool = True) -> cst.BaseExpression:
    """X of `X or None` (and, with `strings`, of `X or ""`): None (or "") exactly where X is
    empty, so as a client's key it is X as far as falling back goes; else `expr`."""
    if (
        isinstance(expr, cst.BooleanOperation)
        and isinstance(expr.operator, cst.Or)
        and not expr.lpar
        and (
            (isinstance(expr.right, cst.Name) and expr.right.value == "None")
            or (strings and string_value(expr.right) == "")
        )
    ):
        return expr.left
    return expr


def _literal(expr: cst.BaseExpression) -> bool:
    """A string literal or `None` (`if not key: key = None` hands the client no key)."""
    return string_value(expr) is not None or (isinstance(expr, cst.Name) and expr.value == "None")


def key_may_be_none(ctx: PythonContext, expr: cst.BaseExpression, depth: int = 3) -> bool:
    """Whether a client's key may be None as `apply` leaves it, so that the SDK sends
    OPENAI_API_KEY instead: None, a key the program hands it (`passed_key`: a parameter,
    `get_default_key()`), the last operand of a chain of `or`s or a branch of `x if c else y`
    that is one, a name or an attribute of `self` bound once to one. Not a literal (`key or
    ""` gives no key, not OpenAI's), an environment read (ML401 renames or leaves it), an
    f-string, a read that raises where the value is empty (`table_reads.raising_read`)."""
    expr = without_empty_default(expr, strings=False)
    if isinstance(expr, cst.Name) and expr.value == "None":
        return True
    if string_value(expr) is not None or env_var_read(ctx, expr) is not None:
        return False
    if raising_read(ctx, expr) is not None:  # shell_gpt's `cfg.get(k)` raises where empty
        return False
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        return key_may_be_none(ctx, _or_chain(expr)[-1], depth)
    if isinstance(expr, cst.IfExp):
        return any(key_may_be_none(ctx, b, depth) for b in (expr.body, expr.orelse))
    if depth > 0 and (isinstance(expr, cst.Name) or self_attribute(expr)):
        held = _held(ctx, expr)
        if held is not None and not _own_value(held, expr):
            return key_may_be_none(ctx, held, depth - 1)
    return passed_key(ctx, expr)


def written_none(
    ctx: PythonContext, expr: cst.BaseExpression, depth: int = 2
) -> tuple[cst.Name, bool] | None:
    """The `None` a client's key may end as, written out (the SDK then reads OPENAI_API_KEY),
    and whether it is written in `expr` itself: `None`, the last operand of a chain of `or`s
    (`cfg_key or None`, `"" or None`), a branch of `x if c else y`, or, `depth` deep, the value
    a name or an attribute of `self` is bound to once. None where there is none."""
    if isinstance(expr, cst.Name) and expr.value == "None":
        return expr, True
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        return written_none(ctx, _or_chain(expr)[-1], depth)
    if isinstance(expr, cst.IfExp):
        return written_none(ctx, expr.body, depth) or written_none(ctx, expr.orelse, depth)
    if depth > 0 and (isinstance(expr, cst.Name) or self_attribute(expr)):
        held = _held(ctx, expr)
        if held is not None and not _own_value(held, expr):
            found = written_none(ctx, held, depth - 1)
            return (found[0], False) if found is not None else None
    return None


def never_none(ctx: PythonContext, expr: cst.BaseExpression, depth: int = 3) -> bool:
    """Whether a client's key is never None, so that the SDK never sends OPENAI_API_KEY in
    its place: a literal other than None (`""`, a number, an f-string), a chain of `or`s
    whose last operand is one (`os.getenv("X") or ""`), `x if c else y` with both branches
    one, a name or an attribute of `self` bound once to one; a read through an object of the
    project whose `get` raises where the value is empty (`table_reads.raising_read`); an
    environment read that raises where the variable is unset (`os.environ[X]`) or has such a
    default (`os.getenv(X, "")`)."""
    if isinstance(expr, cst.Name) and expr.value in ("True", "False"):
        return True
    if isinstance(expr, (cst.BaseString, cst.BaseNumber, cst.FormattedString)):
        return True
    if raising_read(ctx, expr) is not None:
        return True
    env = env_var_read(ctx, expr)
    if env is not None:  # `os.environ[X]` raises where unset; a default stands in for it
        return isinstance(expr, cst.Subscript) or (
            env[1] is not None and never_none(ctx, env[1], depth)
        )
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        return never_none(ctx, _or_chain(expr)[-1], depth)
    if isinstance(expr, cst.IfExp):
        return all(never_none(ctx, b, depth) for b in (expr.body, expr.orelse))
    if depth > 0 and (isinstance(expr, cst.Name) or self_attribute(expr)):
        held = _held(ctx, expr)
        return held is not None and not _own_value(held, expr) and never_none(ctx, held, depth - 1)
    return False


def chain_key(ctx: PythonContext, call: cst.Call) -> cst.BaseExpression | None:
    """For a client whose base URL is a chain of `or`s that `apply` points at the provider
    (`falls_back_to_openai`: `base or os.getenv("OPENAI_BASE_URL")`), a key the program hands
    it that may be None (`key_may_be_none`) and that ML003 gives the provider's variable as
    its fallback (`key or os.environ[KEY_VAR]`): its `api_key=` argument (without an `or
    None`), a `passed_key` or a chain of `or`s ending in one, holding no key ML401 leaves for
    Azure. None otherwise: such a key, where it may be None, leaves the base URL as it is
    (`unswitched_key`)."""
    client = ctx.constructed_client(call)
    if client is None or client.azure or not falls_back_to_openai(ctx, call):
        return None
    plan = client_plan(ctx.rules, client.is_async, ctx.key_tolerant(call))
    arg = keyword(call, "api_key")
    if plan is None or "api_key" not in plan.args or arg is None:
        return None
    key = without_empty_default(arg.value)
    chain = isinstance(key, cst.BooleanOperation) and isinstance(key.operator, cst.Or)
    last = _or_chain(cast(cst.BooleanOperation, key))[-1] if chain else key
    if (
        not passed_key(ctx, last)
        or not key_may_be_none(ctx, key)
        or left_key_held(ctx, passed_keys(ctx, key)) is not None
    ):
        return None
    return key


def unswitched_key(ctx: PythonContext, call: cst.Call) -> cst.BaseExpression | None:
    """The key given to a plain client whose base URL is chosen at run time that may be None
    as `apply` leaves it (`key_may_be_none`: r6's `key if key is not None else
    get_default_key()`), where ML003 adds no fallback to it (`chain_key`): the SDK then sends
    OPENAI_API_KEY, so a read of OpenAI's base URL given to that client stays as it is (ML401,
    manual), or the OpenAI key would go to the provider. None otherwise."""
    client = ctx.constructed_client(call)
    key = setting(ctx, call, "api_key")
    if client is None or client.azure or key is None or key is _UNKNOWN:
        return None
    if not key_may_be_none(ctx, key) or chain_key(ctx, call) is not None:
        return None
    return key


def passed_keys(ctx: PythonContext, expr: cst.BaseExpression | None) -> list[cst.BaseExpression]:
    """The parts of a client's `api_key=` that `apply` keeps (`passed_key`): the expression
    itself, or in a chain of `or`s (`api_key or os.getenv("OPENAI_API_KEY")`) each operand
    that is one, the environment reads and literals among them giving way to the provider's
    variable. Empty where the whole key is replaced."""
    if expr is None:
        return []
    if not isinstance(expr, cst.BooleanOperation) or not isinstance(expr.operator, cst.Or):
        return [expr] if passed_key(ctx, expr) else []
    return [o for o in _or_chain(expr) if passed_key(ctx, o)]


def azure_key_left(ctx: PythonContext, expr: cst.BaseExpression | None) -> bool:
    """Whether the key given to an Azure client or class (`expr`) is one `apply` leaves to a
    person. An Azure client's key is Azure's: never kept for the provider (`passed_keys`).
    Replaced by the provider's variable where nothing else is left holding it: a literal, an
    environment read (also `x or y` of those), a name bound only to those that the client
    alone uses (reported for removal) or that reads only variables ML401 switches
    (`switched_key_variables`: then the provider's). Left for anything else: a key the
    program passes (a parameter, a setting, `cfg_key or os.getenv(...)`), a name other code
    also uses (one reading AZURE_OPENAI_API_KEY, which ML401 leaves on another target)."""
    if expr is None or expr is _UNKNOWN:
        return False
    if not isinstance(expr, cst.Name) or not ctx.bindings(expr):
        return bool(passed_keys(ctx, expr))
    bound = ctx.bindings(expr)
    values: list[cst.BaseExpression] = []
    for binding in bound:
        value = None
        if isinstance(binding, Assignment) and not isinstance(binding.node, cst.Param):
            value = ctx.index.assigned.get(id(binding.node))
        if value is None or any(passed_keys(ctx, part) for part in _choices(value)):
            return True  # a parameter, an import, a key handed over in some branch
        values.append(value)
    if len(bound) == 1 and len(bound[0].references) == 1:
        return False  # the client alone uses it: `_unused_credentials` reports it
    switched = switched_keys(ctx) | own_variables(ctx.rules)
    return not all(read in switched for v in values for read in environment_reads(ctx, v))


def _choices(expr: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """`expr`, or what it may be where it is `x if c else y` or `await x` (letta's Azure key
    `await enc.get_plaintext_async() if enc else None`): each branch, what is awaited."""
    if isinstance(expr, cst.IfExp):
        yield from _choices(expr.body)
        yield from _choices(expr.orelse)
    elif isinstance(expr, cst.Await):
        yield from _choices(expr.expression)
    else:
        yield expr


def environment_reads(ctx: PythonContext, expr: cst.CSTNode) -> list[str]:
    """The variables `expr` reads anywhere in it, by name."""
    found: list[str] = []
    stack: list[cst.CSTNode] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.BaseExpression) and (env := env_var_read(ctx, node)) is not None:
            found.append(env[0])
            continue
        stack.extend(node.children)
    return found


def stale_gate(ctx: PythonContext, call: cst.Call) -> cst.BaseExpression | None:
    """The key a client construction is built only if it holds, where the migrated client
    would no longer read it: `OpenAI(api_key=KEY) if KEY else None` with `KEY = ""` (a key
    not read from the environment, which the provider's variable replaces in the call but
    not in the test). None where the test is another, or ML401 moves the key's read (`KEY =
    os.getenv("OPENAI_API_KEY")`, the test then reads the provider's)."""
    parents = ctx.ancestors(call)
    gate = parents[-1] if parents else None
    if not isinstance(gate, cst.IfExp) or gate.test is call:
        return None
    key = setting(ctx, call, "api_key")
    if key is None or key is _UNKNOWN or not isinstance(key, (cst.Name, cst.Attribute)):
        return None
    shown = ctx.code(key)
    stack: list[cst.CSTNode] = [gate.test]
    while stack:
        part = stack.pop()
        if isinstance(part, type(key)) and ctx.code(part) == shown:
            return None if _env_backed(ctx, key) else key
        stack.extend(part.children)
    return None


def _env_backed(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether `expr` reads the environment, or is a name bound only to values that do."""
    if _reads_environment(ctx, expr):
        return True
    if not isinstance(expr, cst.Name):
        return False
    bound = ctx.bindings(expr)
    values = [
        ctx.index.assigned.get(id(b.node)) if isinstance(b, Assignment) else None for b in bound
    ]
    return bool(values) and all(v is not None and _reads_environment(ctx, v) for v in values)


def _reads_environment(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether `expr` reads an environment variable or names an OpenAI one anywhere in it (not
    an entry of Streamlit's session state: `st.session_state.get("OPENAI_KEY")` holds what the
    program put there, most often what a person typed in a text box)."""
    stack: list[cst.CSTNode] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.BaseExpression) and env_var_read(ctx, node) is not None:
            return True
        if (
            isinstance(node, cst.SimpleString)
            and "OPENAI" in node.value.upper()
            and not env_names(ctx).state_entry(node)
        ):
            return True
        stack.extend(node.children)
    return False


def openai_named(ctx: PythonContext, part: cst.BaseExpression, depth: int = 2) -> bool:
    """Whether a key the program hands a client (one of `passed_keys`'s parts) names OpenAI: a
    name, attribute or callee in it with `openai` in it (`settings.openai.key`, `OPENAI_KEY`,
    `self.openai_api_key`, `get_openai_key()`), most likely where the program keeps the OpenAI
    key. Not the openai module's own `openai.api_key` (ML301 moves it), nor `self.X` every
    value of which the class shows being one `apply` replaces (`self.openai_api_key =
    os.getenv("OPENAI_API_KEY")`: ML401 renames the read), nor `<settings>.openai_api_key`
    where the project defines a pydantic settings field of that name (ML401 makes it read the
    provider's variable: `RunFacts.openai_settings_field`). A string in it (`cfg["openai_key"]`)
    already makes it no kept key (`passed_key`). A name or `self.X` that names nothing is
    what the values assigned to it are (`self.api_key = openai_api_key`), `depth` deep."""
    if any(name.startswith("openai.") for name in ctx.qualnames(part)):
        return False
    if switched_field(ctx, part) is not None:
        return False  # a field of the project's whose default ML401 switches
    if renamed_setting(ctx, part) is not None:
        # `from settings import OPENAI_API_KEY`, bound there to a read of OpenAI's key
        # variable alone that ML401 renames: it holds the provider's key after apply, so the
        # client moves with it (left on OpenAI, it sent that key there: t63c)
        return False
    if (
        ctx.rules.facts.openai_settings_field
        and isinstance(part, cst.Attribute)
        and not self_attribute(part)
        and part.attr.value.upper() in sdk.KEY_VARS_TO_SWITCH - {sdk.AZURE_KEY_VAR}
    ):
        return False
    if (
        isinstance(part, cst.Attribute)
        and part.attr.value.upper() in sdk.KEY_VARS_TO_SWITCH - {sdk.AZURE_KEY_VAR}
        and project_settings_field(ctx, part)
    ):
        return False  # a field ML401 renames through a project's settings base (review r4)
    named = _names_openai(part)
    if named and not self_attribute(part):
        return True
    values = _assigned_values(ctx, part)
    if named:
        return not values or any(passed_keys(ctx, value) for value in values)
    if isinstance(part, cst.Name):
        # `def _make(model, api_key)` called as `_make(model, openai_api_key)` (chemcrow's
        # `_make_llm`, t68c): the parameter holds what the module's calls give it
        values = [*values, *caller_values(ctx, part)]
    # `self.api_key = openai_api_key` (ChuanhuChatGPT's agent), `key = cfg.openai_key`: the
    # holder keeps what the name it is assigned from says it holds
    if depth <= 0:
        return False
    if any(
        openai_named(ctx, kept, depth - 1) for value in values for kept in passed_keys(ctx, value)
    ):
        return True
    # `make(model, api_key)` called by another module as `make(m, args.openai_api_key)`
    return isinstance(part, cst.Name) and foreign_openai_caller(ctx, part) is not None


def _names_openai(part: cst.BaseExpression) -> bool:
    """Whether a name in `part` (a name, attribute or callee) has `openai` in it."""
    stack: list[cst.CSTNode] = [part]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Name) and "openai" in node.value.lower():
            return True
        stack.extend(node.children)
    return False


def _assigned_values(ctx: PythonContext, part: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The values assigned to `self.X` in its class, or to a name where it is used (not a
    parameter's: its own name says what it holds)."""
    if self_attribute(part):
        return ctx.self_values(cast(cst.Attribute, part))
    if not isinstance(part, cst.Name):
        return []
    values = []
    for binding in ctx.bindings(part):
        if isinstance(binding, Assignment) and not isinstance(binding.node, cst.Param):
            value = ctx.index.assigned.get(id(binding.node))
            if value is not None:
                values.append(value)
    return values


def left_key_held(
    ctx: PythonContext, parts: Sequence[cst.BaseExpression]
) -> cst.BaseExpression | None:
    """What a key the program hands a client (`passed_keys`'s parts) may hold that must not go
    to the target, which `apply` therefore does not keep for it: a part naming OpenAI
    (`openai_named`: most likely the OpenAI key), or a read of an OpenAI key variable that
    ML401 leaves as it is: `self.X` assigned a value reading AZURE_OPENAI_API_KEY (left on a
    target other than Azure OpenAI: `switched_key_variables`), or one reading OPENAI_API_KEY
    that also goes to an Azure client `apply` leaves (`left_through_attribute`); or a name
    bound to a read of OPENAI_API_KEY (or another key variable ML401 switches) that ML401
    leaves all the same (`reads_kept`: the module also uses the name as a key,
    self-operating-computer's `require_api_key("OPENAI_API_KEY")`); or a settings field
    ML401 leaves reading OPENAI_API_KEY (`held_field`: t54c's `cfg.api_key`); or `self.m()` in
    a class declaring OpenAI's key variable as its own (`class_keys`: llm's `key_env_var =
    "OPENAI_API_KEY"` and `self.get_key()`), which returns the declaration's string."""
    from migrate_llm.rules.key_destinations import left_through_attribute

    if ctx.rules.switching and azure_target(ctx.rules) is None:
        fields = next((part for part in parts if held_field(ctx, part) is not None), None)
        if fields is not None:
            return fields  # a settings field ML401 leaves reading OpenAI's key
        declared = next((found for part in parts if (found := class_key(ctx, part))), None)
        if declared is not None:
            return declared.value  # the class's own `key_env_var = "OPENAI_API_KEY"`
        named = next((part for part in parts if openai_named(ctx, part)), None)
        if named is not None:
            return named
        imported = next((part for part in parts if kept_import(ctx, part) is not None), None)
        if imported is not None:
            return imported  # a name whose read ML401 leaves for its importer's OpenAI URL
        built = next((part for part in parts if _built_read(ctx, part) is not None), None)
        if built is not None:
            return built  # a read under a name built at run time that may be OPENAI_API_KEY
    switched = switched_keys(ctx)
    for part in parts:
        if isinstance(part, cst.Name):
            kept = _kept_read(ctx, part)
            if kept is not None:
                return kept
            continue
        if not isinstance(part, cst.Attribute) or not self_attribute(part):
            continue
        for value in ctx.index.self_assigned.get(part.attr.value, ()):
            for node, variable in _key_reads(ctx, value):
                if variable not in switched or left_through_attribute(
                    ctx, ctx.ancestors(value)[-1]
                ):
                    return node
    return None


def _key_reads(
    ctx: PythonContext, value: cst.BaseExpression
) -> Iterator[tuple[cst.BaseExpression, str]]:
    """The reads of a key variable ML401 switches (`KEY_VARS_TO_SWITCH`) in `value`, with it."""
    start = ctx.index_of(value)
    for node in ctx.nodes[start : ctx.ends[start]]:
        read = env_var_read(ctx, node) if isinstance(node, cst.BaseExpression) else None
        if read is not None and read[0] in key_variables(ctx):
            yield cast(cst.BaseExpression, node), read[0]


def _kept_read(ctx: PythonContext, name: cst.Name, depth: int = 2) -> cst.BaseExpression | None:
    """A read of a key variable ML401 switches, in a value `name` is bound to, that ML401
    leaves as it is (`reads_kept`); also in a value of another name that value holds (`api_key
    = api_key or SHARED_KEY`, `SHARED_KEY = os.environ["OPENAI_API_KEY"]` kept for a raw
    request: t63 r2e)."""
    from migrate_llm.rules.env_names import env_names
    from migrate_llm.rules.env_read_facts import left_openai, reads_kept
    from migrate_llm.rules.raw_http import raw_http

    names = None
    for binding in ctx.bindings(name):
        if not isinstance(binding, Assignment) or isinstance(binding.node, cst.Param):
            continue
        value = ctx.index.assigned.get(id(binding.node))
        if value is None:
            continue
        for node, variable in _key_reads(ctx, value):
            names = names or env_names(ctx)
            access = names.by_node.get(id(node))
            if reads_kept(ctx, names, [access] if access else [], variable):
                return node
            if access is not None and left_openai(ctx, raw_http(ctx), names, access):
                return node  # it may reach a raw request to OpenAI, or is one's key (ML403)
        if depth and isinstance(value, cst.BooleanOperation):
            for operand in (value.left, value.right):
                if (
                    isinstance(operand, cst.Name)
                    and operand.value != name.value
                    and (kept := _kept_read(ctx, operand, depth - 1)) is not None
                ):
                    return kept
    return None


def converted_argument(ctx: PythonContext, node: cst.CSTNode) -> tuple[cst.Call, str] | None:
    """The Azure client or framework class construction that `apply` converts for the target
    (ML002, the class rules) with the keyword argument holding `node` that the conversion
    replaces or drops (its key, `azure_endpoint=`, `api_version=`, `organization=`), or the
    plain client ML001 points at the target with its `organization=` / `project=` holding
    `node`, which it drops: what `node` is goes with that rewrite. None elsewhere, and on an
    Azure OpenAI target."""
    from migrate_llm.rules.framework_classes import any_framework_class, endpoint
    from migrate_llm.rules.key_destinations import left_on_openai

    if azure_target(ctx.rules) is not None or not ctx.rules.switching:
        return None
    parents = ctx.ancestors(node)
    at = next((i for i in range(len(parents) - 1, 0, -1) if isinstance(parents[i], cst.Arg)), 0)
    arg, call = parents[at], parents[at - 1] if at else None
    if not isinstance(arg, cst.Arg) or not isinstance(call, cst.Call) or arg.keyword is None:
        return None
    name = arg.keyword.value
    client = ctx.constructed_client(call)
    if client is not None and not client.azure:
        # an account keyword of a client ML001 points at the target: dropped (t64f)
        return (call, name) if name in sdk.ACCOUNT_KWARGS and _moved(ctx, call) else None
    if client is not None:
        replaced = name in sdk.AZURE_KWARGS or name in sdk.ACCOUNT_KWARGS or name == "api_key"
        return (call, name) if replaced and not client_left(ctx, call) else None
    cls = any_framework_class(ctx, call)
    if cls is None or not cls.azure or name not in {*cls.key, *cls.azure}:
        return None
    if endpoint(ctx, call, cls.base_url).kind != "openai" or left_on_openai(ctx, call):
        return None
    return call, name


def _moved(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether ML001 points the plain client `call` builds at the target with its edit: one
    talking to OpenAI that apply does not leave (`client_left`), given no key named for
    another service nor built only under a test of OpenAI's key (`stale_gate`)."""
    if endpoint_of(ctx, call).kind != "openai" or client_left(ctx, call):
        return False
    key = setting(ctx, call, "api_key")
    named = key if isinstance(key, cst.BaseExpression) and key is not _UNKNOWN else None
    return (named is None or service_key(ctx, named) is None) and stale_gate(ctx, call) is None


def held_key_advice(
    ctx: PythonContext, shown: str, read: cst.BaseExpression, what: str = "this client"
) -> str:
    """Why a client (`what`) given a key that may hold a read ML401 leaves, or that names
    OpenAI (`left_key_held`), is left, and what to do."""
    provider = ctx.rules.provider
    assert provider is not None
    if (field := held_field(ctx, read)) is not None:
        return held_field_advice(ctx, shown, field, what)
    if (built := _built_read(ctx, read)) is not None:
        return (
            f"its key {built_words(ctx, shown, built)}: kept, that key would go to "
            f"{provider.name}; give {what} {provider.name}'s key ({provider.api_key_env}) "
            "apart, by hand"
        )
    if (declared := declaration_at(ctx, read)) is not None:
        line = ctx.line_label(ctx.position(read)[0][0])
        return (
            f"its key `{shown}` is the one its class declares in `{declared.name} = "
            f'"{declared.variable}"` of {declared.owner.name.value} ({line}), which apply '
            f"cannot move: kept, OpenAI's key would go to {provider.name}; declare "
            f"{provider.api_key_env} there{alias_renamed(ctx, declared, provider)} and point "
            f"{what} at {provider.name}, together, by hand"
        )
    found = env_var_read(ctx, read)
    if found is None and (setting := left_setting(ctx, read)) is not None:
        # t63c: its read stays OpenAI's for that client, so this one stays with it
        return (
            f"its key `{shown}` is {setting} (which apply leaves on OpenAI or Azure "
            f"OpenAI): the read of OpenAI's key there is left (ML401, see there), so {what} "
            f"stays on OpenAI with it; point them at {provider.name} "
            f"({provider.api_key_env}) together, by hand"
        )
    if found is None and (sent := kept_import(ctx, read)) is not None:
        return (
            f"its key `{shown}` is `{sent.name}` of {module_shown(ctx, sent.module)}, "
            f"whose read of OpenAI's key apply leaves (ML401, see there): {sent.sender} "
            f"imports it and holds the OpenAI URL {sent.url} on line {sent.line}, which apply "
            f"leaves ({sent.rule}); pointed at {provider.name}, {what} would send OpenAI's key "
            f"there, so it stays on OpenAI with it; point them at {provider.name} "
            f"({provider.api_key_env}) together, by hand"
        )
    if found is None:
        part = ctx.code(read)
        named = f"`{shown}`" if part == shown else f"`{shown}` (`{part}`)"
        says = f"{named} names OpenAI"
        blocker = f"`{part}`"
        origin = _named_origin(ctx, read)
        foreign = (
            foreign_openai_caller(ctx, read)
            if origin is None and isinstance(read, cst.Name) and not _names_openai(read)
            else None
        )
        if origin is not None:  # `self.api_key = openai_api_key`
            line = ctx.line_label(ctx.position(origin)[0][0])
            blocker = f"`{snippet(ctx, origin)}`"
            how = "is given" if _given_by_caller(ctx, read, origin) else "is set from"
            says = f"{named} {how} {blocker} ({line}), which names OpenAI"
        elif foreign is not None:  # given by another module's call (review r2, s68)
            blocker = f"`{foreign.value}`"
            where = f"line {foreign.line} of {foreign.caller}"
            says = f"{named} is given {blocker} ({where}), which names OpenAI"
        return (
            f"its key {says}, so it likely holds the OpenAI key: kept, that key "
            f"would go to {provider.name}; give {what} {provider.name}'s key "
            f"({provider.api_key_env}) in its place, by hand: apply points it at "
            f"{provider.name} once {blocker} no longer names OpenAI (renamed where it is set "
            "and read, as it then holds that key)"
        )
    line = ctx.line_label(ctx.position(read)[0][0])
    return (
        f"its key `{shown}` may hold {found[0]} (read on {line}, which apply leaves as it is: "
        f"see there): kept, that key would go to {provider.name}; give {what} "
        f"{provider.name}'s key ({provider.api_key_env}) apart, by hand"
    )


def _built_read(ctx: PythonContext, part: cst.BaseExpression) -> OpenAIFallback | None:
    """The read under a name built at run time that may be OpenAI's key variable that the
    key `part` may be (`openai_fallback_keys.built_key`)."""
    from migrate_llm.rules.openai_fallback_keys import openai_fallback

    return openai_fallback(ctx, part, built_only=True)


def held_field_advice(
    ctx: PythonContext, shown: str, field: tuple[str, str], what: str = "this client"
) -> str:
    """Why a client given a settings field ML401 leaves reading OpenAI's key (`held_field`)
    is left with its base URL, and what to do."""
    provider = ctx.rules.provider
    assert provider is not None
    name, variable = field
    here = os.sep + os.path.normpath(ctx.path or "")
    holders = sorted(
        {
            held.module
            for held in ctx.rules.facts.settings_fields_held
            if f"{held.cls}.{held.field}" == name
            and not held.defines
            and not here.endswith(os.sep + os.path.normpath(held.module))
        }
    )
    # the modules holding it elsewhere (review r2 h1: a transcriber in speech.py)
    why = f"; held for its use in {', '.join(holders)}" if holders else ""
    return (
        f"its key `{shown}` is the settings field {name}, which apply leaves reading "
        f"{variable} (ML401, see there{why}): pointed at {provider.name}, {what} would send the "
        f"key {variable} holds there wherever it is set; apply leaves it, base URL and key: "
        f"give it {provider.name}'s key ({provider.api_key_env}) and base URL "
        f"({provider.base_url_env}) apart, by hand"
    )


def _named_origin(ctx: PythonContext, part: cst.BaseExpression) -> cst.BaseExpression | None:
    """For a key naming nothing that `openai_named` finds naming OpenAI through what it is
    assigned: the first such value (`openai_api_key` of `self.api_key = openai_api_key`)."""
    if _names_openai(part):
        return None
    given = caller_values(ctx, part) if isinstance(part, cst.Name) else []
    for value in [*_assigned_values(ctx, part), *given]:
        if any(openai_named(ctx, kept, 1) for kept in passed_keys(ctx, value)):
            return value
    return None


def _given_by_caller(ctx: PythonContext, part: cst.BaseExpression, origin: cst.CSTNode) -> bool:
    """Whether `origin` (`_named_origin`) is what a call of the module gives the parameter
    `part` (`_make(model, openai_api_key)`), not a value assigned to it."""
    return isinstance(part, cst.Name) and any(v is origin for v in caller_values(ctx, part))


def handed_openai_key(
    ctx: PythonContext, key: cst.BaseExpression | None
) -> tuple[cst.BaseExpression, cst.Name] | None:
    """The part of a client's key (`passed_keys`) that is a parameter naming OpenAI, or is set
    from one (`self.api_key = openai_api_key`), with that parameter: its callers, which this
    module does not show, may hand it an OpenAI key (t58d: screenshot-to-code's request field
    `openAiApiKey`, carried through two modules to `create_client(openai_api_key=...)`). Not
    a name of the module or of another (`settings.OPENAI_API_KEY`), whose read ML401 renames."""
    if key is None or key is _UNKNOWN or not ctx.rules.switching or azure_target(ctx.rules):
        return None
    for part in passed_keys(ctx, key):
        if not openai_named(ctx, part):
            continue
        for held in (part, _named_origin(ctx, part)):
            if (
                isinstance(held, cst.Name)
                and _names_openai(held)
                and any(isinstance(getattr(b, "node", None), cst.Param) for b in ctx.bindings(held))
            ):
                return part, held
    return None


def handed_key_words(
    ctx: PythonContext, part: cst.BaseExpression, param: cst.Name, shown: str
) -> str:
    """`its key `K` (set from `openai_api_key`, line N) names OpenAI`: the key a client is
    handed through a parameter naming OpenAI (`handed_openai_key`), in words."""
    named = f"`{shown}`" if ctx.code(part) == shown else f"`{shown}` (`{ctx.code(part)}`)"
    line = ctx.line_label(handed_key_line(ctx, part, param))
    if param is part:
        return f"its key {named}, a parameter ({line}), names OpenAI"
    how = "is given" if _given_by_caller(ctx, part, param) else "is set from"
    return f"its key {named} {how} the parameter `{param.value}` ({line}), which names OpenAI"


def handed_key_finding(
    ctx: PythonContext, head: str, owner: Provider, key: cst.BaseExpression | None
) -> tuple[str, dict[str, object]] | None:
    """The message and data of a client or class (`head`) pointed at the target (`owner`)
    whose key `key` is handed in through a parameter naming OpenAI (`handed_openai_key`);
    None where it is not."""
    target = ctx.rules.provider
    found = handed_openai_key(ctx, key)
    if found is None or target is None or key is None:
        return None
    part, param = found
    said = (
        f"{head} points at {owner.name}, but "
        f"{handed_key_words(ctx, part, param, snippet(ctx, key))}, so its callers may hand it "
        f"an OpenAI key (a user's, or a request's field named for OpenAI), which would go to "
        f"{target.name}: make every caller give it {target.name}'s key "
        f"({target.api_key_env}; a key a user types must be asked for as {target.name}'s), "
        f"then rename `{param.value}` where it is set and read, by hand"
    )
    line = handed_key_line(ctx, part, param)
    return said, {"openai_key": ctx.code(part), "openai_key_line": line}


def handed_key_line(ctx: PythonContext, part: cst.BaseExpression, param: cst.Name) -> int:
    """The line `handed_key_words` names: where the parameter is declared, or where the key
    is set from it."""
    if param is part:
        declared = [getattr(b, "node", None) for b in ctx.bindings(param)]
        return ctx.position(next(d for d in declared if isinstance(d, cst.Param)))[0][0]
    return ctx.position(param)[0][0]


def kept_key_text(ctx: PythonContext, kept: list[cst.BaseExpression]) -> str:
    """The code of the parts of a key `apply` keeps (`passed_keys`), joined by `or`."""
    return " or ".join(ctx.code(k) for k in kept)


def _after_given_key(provider: Provider, read: str) -> str:
    """The provider's key read that follows a key the program hands a client (`key or ...`):
    the read that tolerates the variable unset, where `read` is the one that raises. The
    SDK built a client given an empty key; `os.environ[...]` there raised where it is built
    (devika builds its OpenAI client for every model, Claude's too); the read that is never
    empty (`key_expr`'s `filled`, for litellm) stays so."""
    if read == key_expr(provider, filled=True):
        return key_expr(provider, at_import=True, filled=True)
    return key_expr(provider, at_import=True) if read == key_expr(provider) else read


def migrated_key(
    ctx: PythonContext, value: cst.BaseExpression | None, read: str, tolerant: bool = False
) -> tuple[str, str]:
    """What `apply` writes for a key given to a client it points at the target (a
    construction's `api_key=`, a later `client.api_key = ...`, `openai.api_key = ...`), with
    the code of the key the program hands over that it keeps ("" when none): that key
    (`passed_keys`), with the provider's variable when it is empty (`read`, the code reading
    it); else `read`, or where `tolerant` (a setting made after construction, which the SDK
    reads only when a request is made) a read of OpenAI's variable that tolerates it unset,
    in that form (`tolerant_key_read`). After a key the program hands over, the read is the
    one that tolerates the variable unset (`_after_given_key`). A read of the provider's own
    key variable (`os.environ.get("ZAI_API_KEY", "unset")`) is the user's choice: kept as it
    is (`own_key_read`)."""
    kept = passed_keys(ctx, value)
    provider = ctx.rules.provider
    if own_key_read(ctx, value):
        assert value is not None
        return ctx.code(value), ""
    if kept:
        shown = kept_key_text(ctx, kept)
        if value is not None and refilled_key(ctx, value):
            return shown, shown  # the function falls back itself: another would never run
        after = _after_given_key(provider, read) if provider is not None else read
        return f"{shown} or {after}", shown
    if tolerant and value is not None and provider is not None:
        found = tolerant_key_read(ctx, provider, value)
        if found is not None:
            return found, ""
    return read, ""


def refilled_key(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` is a name the function refills from a key variable where it is empty
    before this use (`if not api_key: api_key = os.environ["OPENAI_API_KEY"]`, a read ML401
    points at the provider's variable, or one of the provider's own): the module already
    falls back on the provider's key, so a fallback of apply's after it would never run."""
    provider = ctx.rules.provider
    if provider is None or not isinstance(value, cst.Name):
        return False
    variables = switched_keys(ctx) | {provider.api_key_env}
    used = ctx.ancestors(value)
    for binding in ctx.reaching(value):
        if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
            continue
        assigned = ctx.index.assigned.get(id(binding.node))
        read = env_var_read(ctx, assigned) if assigned is not None else None
        parents = ctx.ancestors(binding.node)
        if read is None or read[0] not in variables or len(parents) < 6:
            continue
        guard, block = parents[-5], parents[-6]
        if (
            isinstance(guard, cst.If)
            and _tests_empty(guard.test, value.value)
            and block in used
            and guard not in used
            and ctx.index_of(guard) < ctx.index_of(value)
        ):
            return True
    return False


def _tests_empty(test: cst.BaseExpression, name: str) -> bool:
    """`not name` or `name is None`."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return isinstance(test.expression, cst.Name) and test.expression.value == name
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        return (
            isinstance(test.left, cst.Name)
            and test.left.value == name
            and isinstance(target.operator, cst.Is)
            and isinstance(target.comparator, cst.Name)
            and target.comparator.value == "None"
        )
    return False


def own_key_read(ctx: PythonContext, value: cst.BaseExpression | None) -> bool:
    """Whether `value` reads the target's own key variable (`os.environ.get("ZAI_API_KEY",
    "unset")`), as a person wrote it: left as it is, its default too, unless that default
    may be the OpenAI key (`openai_fallback`: replaced by the provider's read)."""
    from migrate_llm.rules.openai_fallback_keys import openai_fallback

    provider = ctx.rules.provider
    read = env_var_read(ctx, value) if value is not None else None
    if provider is None or read is None or read[0] != provider.api_key_env:
        return False
    return value is None or openai_fallback(ctx, value) is None


def tolerant_key_read(
    ctx: PythonContext, provider: Provider, value: cst.BaseExpression
) -> str | None:
    """`value` reading the provider's key variable, where it is a read of OpenAI's that
    tolerates the variable unset (`os.getenv(X)`, `os.environ.get(X)`, with no default or
    one that holds no key): kept in that form, since the program may run without that key
    (for another provider, a command needing none) and the request fails only when it is
    made; `os.environ[...]` would stop it at the assignment. No default, or None, becomes
    "unset": a client given None reads OPENAI_API_KEY itself (the module-level client when
    its request is made), and would send OpenAI's key, where it is set, to the provider.
    None for anything else."""
    read = env_var_read(ctx, value)
    if read is None or read[0] not in key_variables(ctx) or not isinstance(value, cst.Call):
        return None
    default = read[1]
    unset = default is None or (isinstance(default, cst.Name) and default.value == "None")
    if default is not None and not unset:
        text = string_value(default)
        if text is None or find_secrets(text):
            return None  # a key, or a value from elsewhere, the program falls back on
    name = value.args[0].value
    renamed = ctx.code(name).replace(read[0], provider.api_key_env)
    if unset:
        return f'{ctx.code(value.func)}({renamed}, "unset")'
    start, span = ctx.span(value).start, ctx.span(name)
    code = ctx.code(value)
    return code[: span.start - start] + renamed + code[span.end - start :]


def passed_key_advice(rules: RuleContext, shown: str) -> str:
    """What a client given a key the program hands it (`shown`: `kept_key_text`) does after
    `apply`."""
    provider = rules.provider
    assert provider is not None
    return (
        f"for {provider.name} read the base URL from {provider.base_url_env} (default "
        f"{rules.base_url}) and keep the key your code passes (`{shown}`), with "
        f"{provider.api_key_env} when it is empty: it must be {article(provider.name)} "
        f"{provider.name} key"
    )


def azure_left(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` builds an Azure client from a `**` mapping whose key the module does not
    show: built elsewhere (`mapping_builder`: `AzureOpenAI(**self._client_params)` merging
    `super()._client_params`, `kw = self._client_kwargs()` ending in `return kwargs`) or
    handed in (`def make(**kw): return AzureOpenAI(**kw)`, AutoGen's `openai_config` rebuilt
    from its `config` parameter). ML002 leaves it to a person: the key, endpoint and
    deployments there are the caller's Azure configuration."""
    client = ctx.constructed_client(call)
    if client is None or not client.azure:
        return False
    kwargs = kwargs_of(ctx, call)
    return kwargs is not None and setting(ctx, call, "api_key") is _UNKNOWN


def deployment_unserved(ctx: PythonContext, call: cst.Call) -> tuple[str, str] | None:
    """For an Azure client given its deployment by name (`azure_deployment="my-text-embedding-
    3-small-deployment"`), where that name holds an OpenAI model of an API the target's
    `[supports]` marks false (`sdk.surface_of_model`: embeddings on DeepSeek): (the name, that
    API). Every request of such a client goes to that deployment, so pointed at the target it
    would fail there with the target's key (t63d: llmware's `text_embedding_client`)."""
    provider = ctx.rules.provider
    client = ctx.constructed_client(call)
    if provider is None or client is None or not client.azure:
        return None
    value = setting(ctx, call, "azure_deployment")
    name = string_value(value) if value is not None and value is not _UNKNOWN else None
    surface = sdk.surface_of_model(name.lower()) if name else "chat"
    return (
        (cast(str, name), surface)
        if surface != "chat" and provider.support(surface) is False
        else None
    )


def client_left(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `apply` leaves a client construction talking to OpenAI or Azure OpenAI as it is,
    for a person (ML001's or ML002's manual finding): a key given to it still goes there."""
    client = ctx.constructed_client(call)
    if client is None or not ctx.rules.switching:
        return False
    if client.azure:
        return azure_target(ctx.rules) is None and (
            azure_left(ctx, call)
            or azure_key_left(ctx, setting(ctx, call, "api_key"))
            or deployment_unserved(ctx, call) is not None
            or unserved_only(ctx, call) is not None
        )
    if unserved_left(ctx, call):
        return True
    if endpoint_of(ctx, call).kind != "openai":
        return False
    if self_routed(call) is not None:
        return True
    if azure_target(ctx.rules) is not None and ctx.either_client(call.func):
        return True  # AzureOpenAI on another branch (`either_advice`)
    if mapping_reads(ctx, call, client) is None:
        builder = building_method(ctx, call)
        return builder is None or not builder_on_target(ctx, builder)
    given = setting(ctx, call, "api_key")
    prompt = typed_prompt(ctx, given if given is not _UNKNOWN else None)
    if prompt is not None and typed_key_left(ctx, prompt, call):
        return True  # the key typed there also goes somewhere apply leaves on OpenAI
    kept = passed_keys(ctx, given)
    return azure_target(ctx.rules) is None and left_key_held(ctx, kept) is not None


def building_method(ctx: PythonContext, call: cst.Call) -> cst.FunctionDef | None:
    """The one method of the module's classes that builds a client's `**mapping`:
    `**self._client_kwargs(cfg)`, or a name bound once to what it returns (also awaited:
    letta's `kwargs = await self._prepare_client_kwargs_async(llm_config)`); also the
    module's top-level function called by name (`**settings()`, t64b)."""
    kwargs = kwargs_of(ctx, call)
    value: cst.BaseExpression | None = kwargs.arg.value if kwargs is not None else None
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value)
    if isinstance(value, cst.Await):
        value = value.expression
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
        called = value.func.value
        defined = [
            s for s in ctx.module.body if isinstance(s, cst.FunctionDef) and s.name.value == called
        ]
        return defined[0] if len(defined) == 1 else None
    name = self_method(value, with_arguments=True) if value is not None else None
    found = ctx.methods.get(name, []) if name is not None else []
    return found[0] if len(found) == 1 else None


def builder_on_target(ctx: PythonContext, builder: cst.FunctionDef) -> bool:
    """Whether the method building a client's mapping (`building_method`) reads the target's
    key and base-URL variables and none of OpenAI's: pointed at the target by hand, as
    ML001's advice asks (t55c D3), the client and its requests go there."""
    provider = ctx.rules.provider
    if provider is None or azure_target(ctx.rules) is not None:
        return False
    read = set(environment_reads(ctx, builder))
    openai = (key_variables(ctx) | base_url_variables(ctx)) - own_variables(ctx.rules)
    return {provider.api_key_env, provider.base_url_env} <= read and not read & openai


def typed_prompt(ctx: PythonContext, key: cst.BaseExpression | None) -> cst.Call | None:
    """The prompt (`input()`, `getpass.getpass()`, Streamlit's `text_input`) whose answer a
    client is given as its key (`key`), if any: a person types the provider's key there."""
    if isinstance(key, cst.BooleanOperation) and isinstance(key.operator, cst.Or):
        key = key.left  # `st.session_state.get("k") or os.environ.get(...)` (apply's)
    return env_names(ctx).is_prompt(key) if key is not None else None


def unserved_left(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `apply` leaves the plain client `call` builds on OpenAI (ML001, ML003) because
    its every request is to an API the target does not serve (`unserved_only`): it talks to
    OpenAI, or to a base URL chosen at run time (OpenAI's, or whatever serves them)."""
    if endpoint_of(ctx, call).kind not in ("openai", "dynamic"):
        return False
    return unserved_only(ctx, call) is not None


def unserved_words(provider: Provider, surfaces: tuple[str, ...], openai: Provider) -> str:
    """What ML001 and ML003 say of a client `unserved_left` leaves: to keep it on OpenAI or
    point it elsewhere by hand, or, for an API OpenAI's file says it shut down as well (the
    Assistants API), that it fails there too and where its code can move (`shut_down_apis`)."""
    apis = " and ".join(surfaces)
    head = (
        f"its only requests are {apis}, which {provider.name} does not serve: apply leaves it "
        "(base URL and key)"
    )
    gone = shut_down_surfaces(openai, surfaces)
    served = " and ".join(s for s in surfaces if s not in gone)
    keep = (
        f"; keep it on OpenAI or point it at a provider that serves {served}, with that "
        "provider's key, by hand"
        if served
        else ""
    )
    moved = f"; {shut_down_words(openai, provider, gone, 'this code')}" if gone else ""
    return f"{head}{keep}{moved}"


def self_routed(call: cst.Call) -> str | None:
    """The keyword of `sdk.SELF_ROUTED_KWARGS` a client construction is given (`provider=`,
    `workload_identity=`), which ML001 leaves to a person; else None."""
    return next((k for k in sdk.SELF_ROUTED_KWARGS if keyword(call, k) is not None), None)


MAPPING_KEYS = ("api_key", "base_url")


def mapping_reads(ctx: PythonContext, call: cst.Call, client: ClientInfo) -> dict[str, str] | None:
    """The keys of `MAPPING_KEYS` a plain client's `**mapping` may hold where the module does
    not show it (a `**kwargs` parameter, a dict changed elsewhere), each with the code reading
    it there (`kw.get("api_key")`, several mappings joined by `or`): `apply` keeps what a
    caller passes, the provider's value only a fallback. None where such a mapping is not
    safe to read again (`**load_settings()`). An Azure client's mapping holds Azure's key:
    replaced (ML002)."""
    if client.azure or not _plain_target(ctx, call, client):
        return {}
    unknown = [k for k in MAPPING_KEYS if setting(ctx, call, k) is _UNKNOWN]
    mappings = [a.value for a in reversed(call.args) if a.star == "**"]
    reads: dict[str, str] = {}
    for key in unknown:
        holding = [part for m in mappings for part in _holding(m, key)]
        if not all(_pure(m) for m in holding):
            return None
        if key == "api_key" and any(openai_key_in(ctx, m) for m in holding):
            return None  # `kw.get("api_key") or <provider's>` would send OpenAI's key
        reads[key] = " or ".join(f'{ctx.code(m)}.get("{key}")' for m in holding)
    return reads


def mapping_gets(ctx: PythonContext, call: cst.Call, names: tuple[str, ...]) -> str | None:
    """The code reading the entry the `**mapping`s of `call` may hold under one of `names`
    (`kw.get("model") or kw.get("model_name")`, the names in the order the class prefers
    them: a pydantic alias wins over its field's name), for a value `apply` gives only
    where the caller gives none; None where a mapping holding one is not safe to read again
    (`**load_settings()`)."""
    mappings = [a.value for a in reversed(call.args) if a.star == "**"]
    reads = []
    for name in names:
        for part in (p for m in mappings for p in _holding(m, name)):
            if not _pure(part):
                return None
            reads.append(f'{ctx.code(part)}.get("{name}")')
    return " or ".join(reads) or None


def openai_key_in(ctx: PythonContext, mapping: cst.BaseExpression) -> cst.CSTNode | None:
    """Where a `**mapping` the module binds to a name may take OpenAI's key from: a binding
    of the name that sets an `api_key` entry reading an OpenAI key variable (or a literal
    key), or one whose content the module does not show (`kw = load()`); None when no
    binding may (a parameter is its callers' to fill); of either side of `kw or {}`."""
    if isinstance(mapping, cst.BooleanOperation):
        return openai_key_in(ctx, mapping.left) or openai_key_in(ctx, mapping.right)
    if not isinstance(mapping, cst.Name):
        return None
    switched = key_variables(ctx) - own_variables(ctx.rules)
    for binding in ctx.bindings(mapping):
        if not isinstance(binding, Assignment) or isinstance(binding.node, cst.Param):
            continue
        value = ctx.index.assigned.get(id(binding.node))
        found = _dict_entries(ctx, value) if value is not None else None
        if found is None:
            return value if value is not None else binding.node
        entry = (found[0] | _keys_set(ctx, binding)).get("api_key")
        if entry is not None and (
            any(v in switched for v in environment_reads(ctx, entry))
            or find_secrets(string_value(entry) or "")
        ):
            return entry
    return None


def _plain_target(ctx: PythonContext, call: cst.Call, client: ClientInfo) -> bool:
    """Whether `apply` gives a client construction a key and a base URL (not the
    `azure_endpoint` of a classic Azure OpenAI target)."""
    plan = client_plan(ctx.rules, client.is_async, ctx.key_tolerant(call))
    return plan is not None and all(k in plan.args for k in MAPPING_KEYS)


def mapping_replaced(ctx: PythonContext, call: cst.Call, client: ClientInfo) -> bool:
    """Whether `apply` makes a plain client an `AzureOpenAI` one (`--azure-api classic`)
    whose `**mapping` may hold a caller's key and base URL: the target's replace them."""
    return (
        not client.azure
        and client_plan(ctx.rules, client.is_async, ctx.key_tolerant(call)) is not None
        and not _plain_target(ctx, call, client)
        and any(setting(ctx, call, k) is _UNKNOWN for k in MAPPING_KEYS)
    )


def _holding(mapping: cst.BaseExpression, key: str) -> list[cst.BaseExpression]:
    """The mappings `key` of a `**` mapping may come from, the one that wins first: none for
    a dict display shown in full without it, the `**` parts of one that does not name it
    (`{**base, "timeout": 5}`: `base`), else the mapping itself."""
    if not isinstance(mapping, cst.Dict):
        return [mapping]
    elements = mapping.elements
    if any(isinstance(e, cst.DictElement) and string_value(e.key) == key for e in elements):
        return [mapping]
    starred = [e.value for e in reversed(elements) if isinstance(e, cst.StarredDictElement)]
    return [part for m in starred for part in _holding(m, key)]


def _pure(expr: cst.BaseExpression) -> bool:
    """Whether evaluating `expr` again only reads: names, literals, attributes, subscripts,
    dict displays and `or`/`and` of those (`client_args or {}`; not a call)."""
    if isinstance(expr, (cst.Name, cst.SimpleString, cst.Integer)):
        return True
    if isinstance(expr, cst.BooleanOperation):
        return _pure(expr.left) and _pure(expr.right)
    if isinstance(expr, cst.Attribute):
        return _pure(expr.value)
    if isinstance(expr, cst.Subscript):
        return _pure(expr.value) and all(
            isinstance(s.slice, cst.Index) and _pure(s.slice.value) for s in expr.slice
        )
    if isinstance(expr, cst.Dict):
        return all(
            _pure(e.value) and (not isinstance(e, cst.DictElement) or _pure(e.key))
            for e in expr.elements
        )
    return False


def mapping_advice(rules: RuleContext, shown: str, reads: dict[str, str]) -> str:
    """What `apply` does with the key and base URL a `**mapping` may hold (`reads`)."""
    provider = rules.provider
    assert provider is not None
    what = " and ".join({"api_key": "key", "base_url": "base URL"}[k] for k in reads)
    both = len(reads) > 1
    advice = (
        f"a {what} passed in `{shown}` {'stay' if both else 'stays'} ({provider.name}'s "
        f"{'are fallbacks' if both else 'is a fallback'})"
    )
    if "api_key" in reads:
        alone = " without a base URL" if "base_url" in reads else ""
        advice += (
            f": a key passed there{alone} goes to {provider.name} and must be "
            f"{article(provider.name)} {provider.name} key"
        )
    return advice


def target_data(ctx: RuleContext) -> dict[str, object]:
    """What migrated clients read for the target provider: its key variable, its base-URL
    variable and the base URL used when that variable is unset (empty without a provider)."""
    provider = ctx.provider
    if provider is None:
        return {}
    return {
        "key_env": provider.api_key_env,
        "base_url_env": provider.base_url_env,
        "base_url": ctx.base_url,
    }


def _plain_class(
    rule: PythonRule, ref: cst.BaseExpression, client: ClientInfo
) -> tuple[str, list[str]]:
    """The plain client class replacing an Azure one referred to by `ref`, and its import."""
    plain = "AsyncOpenAI" if client.is_async else "OpenAI"
    if isinstance(ref, cst.Attribute):
        return f"{rule.ctx.code(ref.value)}.{plain}", []
    return plain, [f"from openai import {plain}"]


def _target_class(rule: PythonRule, ref: cst.BaseExpression, cls: str) -> tuple[str, list[str]]:
    """The class a client construction referred to by `ref` becomes (`AzureOpenAI` for a
    classic Azure target), and its import."""
    if isinstance(ref, cst.Attribute):
        return f"{rule.ctx.code(ref.value)}.{cls}", []
    return cls, [f"from openai import {cls}"]


def rebuild_dict(
    ctx: PythonContext, node: cst.Dict, set_entries: dict[str, str], drop: frozenset[str]
) -> str:
    """The text of a dict display (string keys only) with entries set (in place, or added
    first) and others dropped; everything else keeps its text and layout."""
    text = ctx.text
    whole = ctx.span(node)
    elements = [e for e in node.elements if isinstance(e, cst.DictElement)]
    keys = [string_value(e.key) for e in elements]
    kept = [i for i, k in enumerate(keys) if k not in drop]
    edits: list[Edit] = []
    for i, (element, key) in enumerate(zip(elements, keys, strict=True)):
        if key in drop:
            span = ctx.span(element)
            if i + 1 < len(elements):
                span = Span(span.start, ctx.span(elements[i + 1]).start)
            elif earlier := [j for j in kept if j < i]:
                span = Span(ctx.span(elements[earlier[-1]]).end, span.end)
            else:
                span = Span(span.start, past_comma(text, span.end))
            edits.append(Edit(span, ""))
        elif key in set_entries:
            edits.append(Edit(ctx.span(element.value), set_entries[key]))
    new = [f'"{k}": {v}' for k, v in set_entries.items() if k not in keys]
    if new:
        if kept:
            first = ctx.span(elements[kept[0]]).start
            multiline = "\n" in text[whole.start : first]
            indent = text[text.rfind("\n", 0, first) + 1 : first]
            separator = ",\n" + indent if multiline else ", "
            edits.append(Edit(Span(first, first), separator.join(new) + separator))
        else:
            at = whole.end - 1  # "}"
            edits.append(Edit(Span(at, at), ", ".join(new)))
    local = [
        Edit(Span(e.span.start - whole.start, e.span.end - whole.start), e.text) for e in edits
    ]
    return apply_edits(text[whole.start : whole.end], local)[0]


def provider_client_edits(
    rule: PythonRule,
    call: cst.Call,
    client: ClientInfo,
    keep_key: bool = False,
    typed_key: str | None = None,
) -> list[tuple[cst.CSTNode, Edit]]:
    """The edits making `call` a client of the target provider, each with the node it
    rewrites: the call, and the dict it takes as `**mapping` when the module builds that
    dict (edited in place); empty without a provider switch. `typed_key`: the code its key,
    kept (`keep_key`), is written as (its prompt reworded).

    The key is read with `key_expr`, at import or not depending on where it is evaluated.
    """
    pctx = rule.ctx
    ctx = pctx.rules
    plan = client_plan(ctx, client.is_async, pctx.key_tolerant(call))
    if plan is None:
        return []
    drop = sdk.ACCOUNT_KWARGS | plan.drop
    func = None
    imports = list(plan.imports)
    retargeted: list[tuple[cst.CSTNode, Edit]] = []
    if client.azure:
        drop = drop | frozenset(sdk.AZURE_KWARGS)
        retargeted = _retargeted_imports(pctx, call.func, client)
        if not retargeted:
            func, more = _plain_class(rule, call.func, client)
            imports += more
    elif plan.cls is not None:
        func, more = _target_class(rule, call.func, plan.cls)
        imports += more
    kwargs = kwargs_of(pctx, call)
    built = kwargs.built if kwargs is not None else None
    # an Azure client's key is Azure's: replaced (ML002 leaves the client where it cannot be)
    passed = [] if keep_key or client.azure else moving_keys(pctx, setting(pctx, call, "api_key"))
    reads = mapping_reads(pctx, call, client) or {}
    own_key = not client.azure and own_key_read(pctx, setting(pctx, call, "api_key"))

    def values(node: cst.CSTNode) -> dict[str, str]:
        found = client_plan(ctx, client.is_async, pctx.key_tolerant(node))
        assert found is not None
        args = dict(found.args)
        if keep_key:  # the key a person types: theirs, now the provider's
            args.pop("api_key", None)
            if typed_key is not None:
                args["api_key"] = typed_key
        elif (passed or own_key) and "api_key" in args:
            args["api_key"] = migrated_key(pctx, setting(pctx, call, "api_key"), args["api_key"])[0]
        elif "api_key" in args and ctx.provider is not None:
            given = setting(pctx, call, "api_key")
            if isinstance(given, cst.Name):  # `KEY = config("...")`: the read it names (r3)
                given = pctx.bound_value(given) or given
            tolerant = pctx.key_tolerant(node)  # as `client_plan` reads the key
            args["api_key"] = (
                reader_read(pctx, given, ctx.provider.api_key_env, tolerant=tolerant)
                or args["api_key"]
            )
        if "base_url" in args and ctx.provider is not None and ctx.provider.azure is None:
            kept = kept_url_parameter(pctx, call) if node is call else None
            args["base_url"] = (
                kept[0]
                if kept is not None
                else (
                    reader_read(
                        pctx,
                        setting(pctx, call, "base_url"),
                        ctx.provider.base_url_env,
                        ctx.base_url,
                    )
                    or args["base_url"]
                )
            )
        for key, read in reads.items():  # what a caller passes in the mapping wins
            after = args[key]
            if key == "api_key" and ctx.provider is not None:
                after = _after_given_key(ctx.provider, after)
            args[key] = f"{read} or {after}"
        return args

    written = [*values(call).values(), *(values(built).values() if built is not None else ())]
    if not any("os." in text for text in written):
        imports = [i for i in imports if i != IMPORT_OS]  # settings readers' reads alone
    if built is None:
        strip = tuple(sdk.AZURE_KWARGS) if client.azure and kwargs is not None else ()
        if plan.drop and kwargs is not None and not kwargs.complete:
            strip += tuple(sorted(plan.drop))
        text = rebuild_call(pctx, call, values(call), drop, func, strip)
        return [(call, Edit(pctx.span(call), text, tuple(imports))), *retargeted]
    # The dict is built here: its entries are set, the call keeps only its explicit ones.
    explicit = {k: v for k, v in values(call).items() if keyword(call, k) is not None}
    wanted = {k: v for k, v in values(built).items() if k not in explicit}
    if isinstance(built, cst.Dict):
        new_dict = rebuild_dict(pctx, built, wanted, drop)
    else:
        new_dict = rebuild_call(pctx, built, wanted, drop)
    call_text = rebuild_call(pctx, call, explicit, drop, func)
    old_dict = pctx.code(built)
    if kwargs is not None and kwargs.arg.value is built:  # an inline dict: one edit
        new_call = call_text.replace(old_dict, new_dict, 1)
        return [(call, Edit(pctx.span(call), new_call, tuple(imports))), *retargeted]
    edits: list[tuple[cst.CSTNode, Edit]] = []
    if call_text != pctx.code(call):
        edits.append((call, Edit(pctx.span(call), call_text, tuple(imports))))
    if new_dict != old_dict:
        edits.append((built, Edit(pctx.span(built), new_dict, (IMPORT_OS,))))
    return edits + retargeted if edits else edits


def _retargeted_imports(
    ctx: PythonContext, ref: cst.BaseExpression, client: ClientInfo
) -> list[tuple[cst.CSTNode, Edit]]:
    """Where the name an Azure client is built by is bound only by imports from openai, of
    the plain class in one branch and of the Azure class in another (`from openai import
    OpenAI as Client` / `from openai import AzureOpenAI as Client`), the edits importing the
    plain class in place of the Azure one: the call keeps the name, which is then the plain
    class on every path (no import left unused, t68d). Empty otherwise."""
    if not isinstance(ref, cst.Name):
        return []
    plain = "AsyncOpenAI" if client.is_async else "OpenAI"
    azure = "AsyncAzureOpenAI" if client.is_async else "AzureOpenAI"
    found: dict[str, list[cst.ImportAlias]] = {plain: [], azure: []}
    for binding in ctx.reaching(ref):
        statement = binding.node if isinstance(binding, Assignment) else None
        if not (
            isinstance(statement, cst.ImportFrom)
            and statement.module is not None
            and not statement.relative
            and ctx.code(statement.module) == "openai"
            and not isinstance(statement.names, cst.ImportStar)
        ):
            return []
        alias = next((a for a in statement.names if a.evaluated_alias == ref.value), None)
        if alias is None or not isinstance(alias.name, cst.Name) or alias.name.value not in found:
            return []
        found[alias.name.value].append(alias)
    if not found[plain] or not found[azure]:
        return []
    return [(alias, Edit(ctx.span(alias.name), plain)) for alias in found[azure]]


def provider_client_edit(rule: PythonRule, call: cst.Call, client: ClientInfo) -> Edit | None:
    """The call rebuilt as a client of the target provider (None without a provider switch).
    Kept for callers that rewrite one call: the first of `provider_client_edits`."""
    edits = provider_client_edits(rule, call, client)
    return edits[0][1] if edits else None


def factory_edit(rule: PythonRule, arg: cst.Arg, client: ClientInfo) -> Edit | None:
    """`default_factory=OpenAI` -> `default_factory=lambda: OpenAI(api_key=..., base_url=...)`.
    The factory runs when an instance is made, in a function: the key is read with
    `os.environ[...]`."""
    plan = client_plan(rule.ctx.rules, client.is_async, at_import=False)
    if plan is None:
        return None
    imports = list(plan.imports)
    func = rule.ctx.code(arg.value)
    if client.azure:
        func, more = _plain_class(rule, arg.value, client)
        imports += more
    elif plan.cls is not None:
        func, more = _target_class(rule, arg.value, plan.cls)
        imports += more
    args = ", ".join(f"{k}={v}" for k, v in plan.args.items())
    return Edit(rule.ctx.span(arg.value), f"lambda: {func}({args})", tuple(imports))


def report_client(
    rule: PythonRule,
    call: cst.Call,
    client: ClientInfo,
    message: str,
    data: dict[str, object],
    keep_key: bool = False,
    wording: PromptWording | None = None,
    fallback: bool = False,
    kept: str | None = None,
) -> None:
    """Report a client construction with the edits that migrate it: the first on the call,
    a second one (the dict it takes as `**mapping`) on that dict. Both carry `data`.
    `keep_key`: the key it is given stays (one a person types), for review; so does one the
    program hands it (`passed_key`), with the provider's variable when it is empty.
    `wording`: the prompt of the key kept, reported too (`report_prompt`); reworded inside
    these edits where it is written in the key they keep, left to a person where one of them
    holds it otherwise. `fallback`: the key kept may be None (`unset_state_read`), so the
    provider's variable follows it, as after a key the program hands over. `kept`: the code
    the key kept is written as (a notebook's key cell, renamed: `notebook_keys`)."""
    typed_key = _typed_key_text(rule.ctx, call, wording)
    written = kept if kept is not None else typed_key
    if fallback and rule.provider is not None:
        key = cast(cst.BaseExpression, setting(rule.ctx, call, "api_key"))
        read = key_expr(rule.provider, at_import=True)
        written = f"{typed_key or rule.ctx.code(key)} or {read}"
    edits = provider_client_edits(rule, call, client, keep_key, written)
    kept_url = kept_url_parameter(rule.ctx, call) if edits and rule.provider else None
    if kept_url is not None:
        name, passing = kept_url
        message += (
            f"; it keeps taking `{name}=`, as other servers come through it "
            f"({', '.join(passing)}): only its OpenAI default becomes "
            f"{rule.provider.name}'s (ML402)"
        )
        data = {**data, "kept_parameter": name, "passed_by": passing}
        if len(edits) == 1 and edits[0][1].text.split() == rule.ctx.code(call).split():
            # its key already migrated, the default OpenAI's still: left to a person
            message += f"; that default is still OpenAI's URL: point it at {rule.provider.name}"
            rule.report(call, message, fix=FixClass.MANUAL, data=data)
            return
    if wording is not None:
        at = rule.ctx.span(wording.node)
        held = typed_key is None and any(
            e.span.start <= at.start and at.end <= e.span.end for _, e in edits
        )
        report_prompt(rule, wording, editable=not held)
    if not edits:
        rule.report(call, message, data=data)
        return
    passed = keep_key or (
        not client.azure and bool(moving_keys(rule.ctx, setting(rule.ctx, call, "api_key")))
    )
    mapping = mapping_reads(rule.ctx, call, client) or mapping_replaced(rule.ctx, call, client)
    fix = FixClass.REVIEW if passed or mapping else None
    dropped = _account_arguments(call)
    if dropped:  # on the call, not on a dict it takes (whose finding says what it takes)
        message += f"; {_dropped_words(dropped)}"
    on_call = {**data, "dropped": dropped} if dropped else data
    rule.report(call, message, edit=edits[0][1], data=on_call, fix=fix)
    data = {k: v for k, v in data.items() if k != "program_key"}  # named once, on the call
    for node, edit in edits[1:]:
        provider = rule.provider
        assert provider is not None
        if isinstance(node, cst.ImportAlias):  # `_retargeted_imports`
            name = rule.ctx.code(call.func)
            rule.report(
                node,
                f"`{name}` is {client.cls} here and {edit.text} in another branch: apply imports "
                f"{edit.text} as `{name}` here too, so that {name}() builds the {provider.name} "
                "client on every path",
                edit=edit,
                data=data,
            )
            continue
        rule.report(
            node,
            f"this dict is passed to {client.cls}() as `**` arguments; it takes the key and "
            f"base URL for {provider.name}",
            edit=edit,
            data=data,
        )


def _account_arguments(call: cst.Call) -> list[str]:
    """The keywords of `call` naming an OpenAI account (`organization=`, `project=`), which
    `provider_client_edits` drops, in the call's order."""
    return [
        a.keyword.value
        for a in call.args
        if a.keyword is not None and a.keyword.value in sdk.ACCOUNT_KWARGS
    ]


def _dropped_words(dropped: list[str]) -> str:
    """What a client's finding says of the account keywords apply drops: `apply drops
    organization= (OpenAI's account id, which the SDK sends as the OpenAI-Organization
    header)`."""
    headers = {what: header for what, header in sdk.ACCOUNT_ENV_HEADERS.values()}
    names = " and ".join(f"{k}=" for k in dropped)
    sent = " and ".join(headers[k] for k in dropped)
    plural = "s" if len(dropped) > 1 else ""
    return (
        f"apply drops {names} (OpenAI's account id{plural}, which the SDK sends as the {sent} "
        f"header{plural})"
    )


def _typed_key_text(
    ctx: PythonContext, call: cst.Call, wording: PromptWording | None
) -> str | None:
    """The code of `call`'s key (its `api_key=`, or the entry of the dict it takes as
    `**mapping`) with the prompt it holds reworded (`wording`), or None where it holds none
    that `apply` rewords."""
    key = setting(ctx, call, "api_key")
    if key is None or key is _UNKNOWN or wording is None:
        return None
    return wording.written_in(ctx, key)


def target_advice(ctx: RuleContext) -> str:
    return describe_target(ctx)


def either_advice(ctx: RuleContext, name: str) -> str:
    """What ML001 says, for the Azure target, of a client whose class `name` is OpenAI in one
    branch and AzureOpenAI in another: apply leaves it and its key read."""
    provider = ctx.provider
    assert provider is not None and provider.azure is not None
    return (
        f"`{name}` is AzureOpenAI on another branch, which an edit for the v1 API would not "
        f"fit: apply leaves it and its key read; on the OpenAI branch give the client the base "
        f"URL from {provider.base_url_env} + {provider.azure.v1_path} and the key from "
        f"{provider.api_key_env}, by hand"
    )


def typed_key_advice(ctx: RuleContext, line: str, fallback: bool = False) -> str:
    """What a client given a key a person types (asked for on `line`) does after `apply`;
    `fallback`: read from session state, with the provider's variable where it holds none."""
    provider = ctx.provider
    assert provider is not None
    unset = f" ({provider.api_key_env} where session state holds none yet)" if fallback else ""
    return (
        f"for {provider.name} the base URL comes from {provider.base_url_env} (default "
        f"{ctx.base_url}) and the key typed at run time ({line}) goes there{unset}: the "
        f"prompt must ask for {article(provider.name)} {provider.name} key"
    )


class ClientToOpenAI(PythonRule):
    """An OpenAI client that talks to api.openai.com.

    ## What it does
    Finds `OpenAI()`, `AsyncOpenAI()`, `openai.Client()` and `openai.AsyncClient()` whose
    `base_url` is absent, an OpenAI URL, or OpenAI's own environment variable, however the
    class is named: `import openai as oa`, `from openai import OpenAI as Backend`,
    `Backend = OpenAI`, `from openai import *`; also the class given as
    `field(default_factory=OpenAI)` (dataclasses, pydantic `Field`, attrs `factory=` and
    `attr.Factory(OpenAI)`).

    ## Why
    From mainland China these requests are blocked. The provider's OpenAI-compatible endpoint
    takes the same SDK once the key and base URL change.

    ## Fix (safe)
    `apply` passes `api_key=` the provider's key variable and
    `base_url=os.environ.get("<PROVIDER>_BASE_URL", "<official URL>")`, keeping every other
    argument (timeout, max_retries, http_client, default_headers) but `organization=` and
    `project=`, OpenAI's account ids, which the SDK sends as headers to any host: dropped, and
    the message says so (data `dropped`; a read given there is ML401's note). A client built
    inside a function reads `os.environ["<PROVIDER>_API_KEY"]` (a missing key fails there,
    naming the variable); one built at import time (module level, class body) reads
    `os.environ.get("<PROVIDER>_API_KEY", "unset")`, so importing the module never fails and
    requests are refused until the variable is set.
    With `**kwargs`, a dict the module builds for this call and shows in full is edited (key
    and base URL set, `organization`/`project` dropped). A mapping that may hold a key or base
    URL it does not show (a `**kw` parameter, a dict changed elsewhere) keeps what its caller
    passes, the provider's values only the fallbacks (review: a key passed without a base URL
    now goes to the provider): `OpenAI(**{**kw, "api_key": kw.get("api_key") or ...,
    "base_url": kw.get("base_url") or ...})`, `**(kw or {})` alike (t68a); a dict the module
    defaults with `kw.setdefault("base_url", <provider's variable>)` before the call, on
    every path to it, points the client at the provider (no finding; a parameter `kw` that
    `kw = dict(kw or {})` replaces before does not count); one that is not safe to read twice
    (`**load_settings()`) is left to a person (manual); one whose `base_url` the module sets
    (`kw["base_url"] = url`) is ML003's.
    `default_factory=OpenAI` becomes `default_factory=lambda: OpenAI(...)`. A key or base URL
    set after construction (`client.api_key = key`) changes the way the construction does
    (`client_writes`); where the module does not show that, or the URL names another server,
    it is left to a person (manual). A client whose base URL the writes right after its
    construction set to a URL that is not OpenAI's (`c = OpenAI()`, `c.base_url = URL`) never
    talks to OpenAI: it is ML003's, as if built with that URL. A key a person types (`input()`,
    `getpass.getpass()`, Streamlit's `text_input`, also read back as `st.session_state.k` where the
    widget has `key="k"` or the module stores its answer there, `st.session_state["k"] = key`)
    stays: only the base URL is set, as review, and the message says the prompt must ask for the
    provider's key; read with `st.session_state.get("k")`, None until the box is drawn, it is
    followed by the provider's variable (`... or os.environ.get("<KEY_VAR>", "unset")`). An entry of
    session state the module does not show being written is a key the program hands it (below), not
    an OpenAI variable, whatever its name. Its text, where a string literal names OpenAI's key as
    `OpenAI key`, `OpenAI API key` or `OPENAI_API_KEY`, gets the provider's name or variable (a
    finding of its own, review); where it names OpenAI otherwise it is left to you (a warning), also
    once the client is on the provider, so `check` fails until it is reworded. So are the texts
    beside it naming OpenAI's key or its page (platform.openai.com): its `help=` and `placeholder=`,
    the `with st.sidebar:` block holding it (else the statements right before and after), and the
    branch `if not key:` takes (`st.info("Please add your OpenAI API key to continue.")`).
    In a notebook, a client given the variable a cell asks its reader to fill
    (`OPENAI_API_KEY = "YOUR API KEY HERE"`, then `OpenAI(api_key=OPENAI_API_KEY)`) keeps
    reading that cell: where the variable holds a stand-in, not a key (empty, `YOUR ...`,
    `xxx`, `<key>`, `sk-xxxx...`), is assigned once, at the top level of a cell, and is read
    only as the `api_key=` of clients apply points at the provider, `apply` renames it to the
    provider's key variable's name with a stand-in naming the provider (`MOONSHOT_API_KEY =
    "your Moonshot AI (Kimi) API key"`; a comment after it asking for an OpenAI key loses
    OpenAI's name: `# enter your API key here`) and the client reads it, with the provider's
    base URL (`api_key=MOONSHOT_API_KEY`; review: the reader pastes the provider's key
    there). A value that may be a key keeps reading the provider's variable (ML004 reports the
    key), as scripts do.
    A key the program hands it that is an attribute of `self` assigned a read ML401
    leaves (AZURE_OPENAI_API_KEY, or OPENAI_API_KEY also given to an Azure client left on
    Azure), or whose code names OpenAI (`settings.openai.key`, `OPENAI_KEY`,
    `self.openai_api_key`: most likely the OpenAI key), is left to a person (manual): kept,
    that key would go to the provider. Given the provider's key instead, the client is
    pointed there by the next `apply`. Not a name another module of the project binds at
    its level to a read of OpenAI's key variable alone (`from settings import OPENAI_API_KEY`,
    `settings.OPENAI_API_KEY`: `RunFacts.openai_key_settings`), which ML401 renames there:
    the client moves with it (review), as the key then is the provider's (judged by its name,
    the client stayed on OpenAI with that key: t63c, sweep's `config/server.py`). Only where
    ML401 renames that read (`RunFacts.settings_renamed`, decided once for the project: not
    where a raw request of that module sends it to OpenAI), the name is bound once there (not
    `if not KEY: KEY = st.secrets[...]`) and its default holds no key (None, "" or a
    stand-in): else the client stays (manual) and so does the read. Where another module
    also gives that name to a client, class or raw request apply leaves
    (`RunFacts.settings_left`: an `AzureOpenAI(api_key=...)`, a `requests.post` to OpenAI),
    ML401 leaves the read and the client stays with it (manual), its message naming that
    client. So does one given a name whose read ML401 keeps OpenAI's because a module
    holding an OpenAI URL apply leaves imports it (`imported_keys.kept_import`, review r2
    k2/k4), its message naming that module. So is one whose key is
    named for another service (`service_keys`: `settings.together_api_key`): that service's
    client, given no base URL.
    A client built only if the key it is given is set (`OpenAI(api_key=KEY) if KEY else
    None`), where that key is not read from the environment (`KEY = ""`, which ML401 does not
    move to the provider's variable), is left to a person (manual): apply would give it the
    provider's key but leave the test on the old one, so the client would never be built.
    For Azure OpenAI (`--provider azure`) the base URL is derived from the resource endpoint
    (`AZURE_OPENAI_ENDPOINT` + `/openai/v1`); with `--azure-api classic` (and in the `cn`
    region) the client becomes `AzureOpenAI(azure_endpoint=..., api_version=...)`, and with
    `--azure-auth entra` an azure-identity token provider replaces the key.

    A client given `provider=` (openai's `openai.providers`, AWS Bedrock's `bedrock()`) or
    `workload_identity=` routes or authenticates itself, and the SDK raises where a key or
    base URL is passed beside it: an error left to a person (`sdk.SELF_ROUTED_KWARGS`).

    A client whose every request is to an API the provider's `[supports]` marks false (a
    moderation-only client on Zhipu, an embeddings-only one on Moonshot) is left as it is,
    base URL and key (manual; `data.unserved` names the APIs): pointed at the provider, each
    request would fail, and a key setting apply moves would send the provider's key wherever
    the client is pointed back. That holds only where the module shows every request: the
    client bound to one name or `self.` attribute, each read of it the receiver of a request
    (`client.moderations.create(...)`); a client with one served request, or passed on,
    returned or aliased, is rewritten as above; so is one given a key other than OpenAI's
    variable (read by the SDK or the module) or the one its caller hands it (a parameter, or
    `self.api_key` set from one and otherwise only from environment reads or a method of the
    class returning it: llmware's embeddings class, t63d), or `a or b` of two such keys
    (vocode's transcriber: `api_key or os.getenv("OPENAI_API_KEY")`). Its model (ML201) and a
    base URL it is given (ML401, ML402) stay too; ML003 does the same for such a client given a
    base URL chosen at run time.

    A client given the `base_url` parameter of a class's `__init__` whose default is an OpenAI
    URL keeps taking it where the module's subclasses of that class point at other servers, or
    a call of it passes another server's URL (`other_server_heirs`: ragflow's vendor classes,
    t68e): ML402 points the default at the provider, and what they pass still goes where they
    say, with their keys. Where that default is left OpenAI's, the client is left to a person.
    """

    code = "ML001"
    name = "client-to-openai"
    silent_when_modernising = True  # with `--provider openai`, talking to OpenAI is the point
    category = "client"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        # t68e: a subclass hands the class's `base_url` another vendor's URL, with its key
        Example(
            "from openai import OpenAI\n\n\nclass Embed:\n"
            '    def __init__(self, key, base_url="https://api.openai.com/v1"):\n'
            "        self.client = OpenAI(api_key=key, base_url=base_url)\n\n\n"
            "class VendorEmbed(Embed):\n    def __init__(self, key):\n"
            '        super().__init__(key, base_url="https://api.vendor.example/v1")\n',
            provider="acme",
            message="OpenAI() talks to OpenAI (key from `key`); for Acme Cloud read the base URL "
            "from ACME_BASE_URL (default https://api.acme.example/v1) and keep the key your "
            "code passes (`key`), with ACME_API_KEY when it is empty: it must be an Acme Cloud "
            "key; it keeps taking `base_url=`, as other servers come through it (VendorEmbed): "
            "only its OpenAI default becomes Acme Cloud's (ML402)",
            after="import os\n\nfrom openai import OpenAI\n\n\nclass Embed:\n"
            '    def __init__(self, key, base_url="https://api.openai.com/v1"):\n'
            "        self.client = OpenAI(\n"
            '            api_key=key or os.environ.get("ACME_API_KEY", "unset"), '
            "base_url=base_url\n"
            "        )\n\n\n"
            "class VendorEmbed(Embed):\n    def __init__(self, key):\n"
            '        super().__init__(key, base_url="https://api.vendor.example/v1")\n',
        ),
        # t64f: OpenAI's account ids go as headers to any host: dropped with the move
        Example(
            'from openai import OpenAI\n\nclient = OpenAI(organization="org-1", project="p")\n',
            provider="acme",
            message="OpenAI() talks to OpenAI (key from OPENAI_API_KEY); for Acme Cloud read the "
            "key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1); apply drops organization= and project= (OpenAI's "
            "account ids, which the SDK sends as the OpenAI-Organization and OpenAI-Project "
            "headers)",
            after="import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n',
        ),
        Example(
            "from openai import OpenAI\nfrom openai.providers import bedrock\n\n"
            'client = OpenAI(provider=bedrock(region="us-west-2"))\n',
            provider="acme",
            message="OpenAI(provider=...) routes the client through another cloud "
            "(`openai.providers`: `bedrock()`), and the SDK refuses a key or base URL beside it; "
            "apply leaves it: to reach Acme Cloud, remove provider= and give the client the "
            "provider's key and base URL, by hand",
        ),
        # t63d: an embeddings-only client given the caller's key stays, as one reading
        # OPENAI_API_KEY does (DeepSeek serves no embeddings)
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\nclass Embedder:\n"
            "    def __init__(self, api_key=None):\n        self.api_key = api_key\n\n"
            '    def _get_api_key(self, env_var="MY_EMBEDDING_KEY"):\n'
            "        self.api_key = os.environ.get(env_var)\n        return self.api_key\n\n"
            "    def embed(self, texts):\n        if not self.api_key:\n"
            "            self.api_key = self._get_api_key()\n"
            "        client = OpenAI(api_key=self.api_key)\n"
            '        return client.embeddings.create(model="text-embedding-3-small", '
            "input=texts)\n",
            provider="deepseek",
            message="OpenAI() talks to OpenAI (key from `self.api_key`); its only requests are "
            "embeddings, which DeepSeek does not serve: apply leaves it (base URL and key); keep "
            "it on OpenAI or point it at a provider that serves embeddings, with that "
            "provider's key, by hand",
        ),
        # t64c: vocode's transcriber, given the caller's key or else OPENAI_API_KEY's
        Example(
            "import os\n\nimport openai\n\n\nclass Listener:\n"
            "    def __init__(self, api_key=None):\n"
            '        self.client = openai.OpenAI(api_key=api_key or os.getenv("OPENAI_API_KEY"))\n'
            "\n    def hear(self, audio):\n"
            '        return self.client.audio.transcriptions.create(model="whisper-1", '
            "file=audio).text\n",
            provider="moonshot",
            message='OpenAI() talks to OpenAI (key from `api_key or os.getenv("OPENAI_API_KEY")`); '
            "its only requests are audio, which Moonshot AI (Kimi) does not serve: apply leaves "
            "it (base URL and key); keep it on OpenAI or point it at a provider that serves "
            "audio, with that provider's key, by hand",
        ),
        # t68a: agentscope's text-to-speech tool; Zhipu serves audio in part, but names no
        # text-to-speech model (ML202: keep this request on OpenAI)
        Example(
            'import openai\n\n\ndef speak(text, api_key, model="tts-1"):\n'
            "    client = openai.OpenAI(api_key=api_key)\n"
            '    return client.audio.speech.create(model=model, input=text, voice="alloy")\n',
            provider="zhipu",
            message="OpenAI() talks to OpenAI (key from `api_key`); its only requests are "
            "text-to-speech, which Zhipu AI (GLM) does not serve: apply leaves it (base URL and "
            "key); keep it on OpenAI or point it at a provider that serves text-to-speech, with "
            "that provider's key, by hand",
            after='import openai\n\n\ndef speak(text, api_key, model="tts-1"):\n'
            "    client = openai.OpenAI(api_key=api_key)\n"
            '    return client.audio.speech.create(model=model, input=text, voice="alloy")\n',
        ),
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n",
            message="OpenAI() talks to OpenAI (key from OPENAI_API_KEY); "
            "`migrate-llm apply --provider ID` points it at a provider",
        ),
        # r2 (s68): `Client` is AzureOpenAI on one branch, OpenAI on the other; for Azure the
        # OpenAI branch would send Azure's key to api.openai.com: left, key read and all
        Example(
            'import os\n\nif os.getenv("USE_AZURE"):\n'
            "    from openai import AzureOpenAI as Client\nelse:\n"
            "    from openai import OpenAI as Client\n\n"
            'client = Client(api_key=os.environ["OPENAI_API_KEY"])\n',
            provider="azure",
            message="OpenAI() talks to OpenAI (key from OPENAI_API_KEY); `Client` is "
            "AzureOpenAI on another branch, which an edit for the v1 API would not fit: apply "
            "leaves it and its key read; on the OpenAI branch give the client the base URL from "
            "AZURE_OPENAI_ENDPOINT + /openai/v1 and the key from AZURE_OPENAI_API_KEY, by hand",
            after='import os\n\nif os.getenv("USE_AZURE"):\n'
            "    from openai import AzureOpenAI as Client\nelse:\n"
            "    from openai import OpenAI as Client\n\n"
            'client = Client(api_key=os.environ["OPENAI_API_KEY"])\n',
        ),
        # t50h N3: the box's answer kept in session state, read back with .get()
        Example(
            "import streamlit as st\nfrom openai import OpenAI\n\n"
            'key = st.text_input("OpenAI API Key", type="password")\n'
            'st.session_state["OPENAI_KEY"] = key\n'
            'client = OpenAI(api_key=st.session_state.get("OPENAI_KEY"))\n',
            provider="acme",
            message="the prompt 'OpenAI API Key' asks for an OpenAI key, and the key typed "
            'there goes to Acme Cloud; apply writes "Acme Cloud API Key"',
            after="import os\n\nimport streamlit as st\nfrom openai import OpenAI\n\n"
            'key = st.text_input("Acme Cloud API Key", type="password")\n'
            'st.session_state["OPENAI_KEY"] = key\n'
            "client = OpenAI(\n"
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    api_key=st.session_state.get("OPENAI_KEY")\n'
            '    or os.environ.get("ACME_API_KEY", "unset"),\n)\n',
        ),
        # t49g: gpt-discord-bot's moderation-only client, which Zhipu cannot serve
        Example(
            "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef flagged(text):\n"
            "    return client.moderations.create(input=text).results[0].flagged\n",
            provider="acme",
            message="OpenAI() talks to OpenAI (key from OPENAI_API_KEY); its only requests are "
            "moderations, which Acme Cloud does not serve: apply leaves it (base URL and key); "
            "keep it on OpenAI or point it at a provider that serves moderations, with that "
            "provider's key, by hand",
            after="from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef flagged(text):\n"
            "    return client.moderations.create(input=text).results[0].flagged\n",
        ),
        Example(
            "import openai as oa\nclient = oa.AsyncOpenAI(timeout=30)\n",
            provider="acme",
            message="AsyncOpenAI() talks to OpenAI (key from OPENAI_API_KEY); for Acme Cloud "
            "read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
            "(default https://api.acme.example/v1)",
            after="import os\n\nimport openai as oa\nclient = oa.AsyncOpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    timeout=30,\n)\n",
        ),
        Example(
            "from openai import OpenAI\n\nfrom config import settings\n\n"
            "client = OpenAI(api_key=settings.openai.key)\n",
            provider="acme",
            message="OpenAI() talks to OpenAI (key from `settings.openai.key`); its key "
            "`settings.openai.key` names OpenAI, so it likely holds the OpenAI key: kept, that "
            "key would go to Acme Cloud; give this client Acme Cloud's key (ACME_API_KEY) in its "
            "place, by hand: apply points it at Acme Cloud once `settings.openai.key` no longer "
            "names OpenAI (renamed where it is set and read, as it then holds that key)",
            after="from openai import OpenAI\n\nfrom config import settings\n\n"
            "client = OpenAI(api_key=settings.openai.key)\n",
        ),
        Example(
            "from openai import OpenAI as Backend\nllm = Backend()\n",
            provider="acme",
            after="import os\n\nfrom openai import OpenAI as Backend\nllm = Backend(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            ")\n",
        ),
        Example(
            "from openai import *\n\n\ndef make():\n    return OpenAI()\n",
            provider="acme",
            after="import os\n\nfrom openai import *\n\n\ndef make():\n    return OpenAI(\n"
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    )\n",
        ),
        Example(
            "from dataclasses import dataclass, field\n\nfrom openai import OpenAI\n\n\n"
            "@dataclass\nclass Bot:\n    client: OpenAI = field(default_factory=OpenAI)\n",
            provider="acme",
            message="OpenAI() built by default_factory= talks to OpenAI; for Acme Cloud read the "
            "key from ACME_API_KEY and the base URL from ACME_BASE_URL "
            "(default https://api.acme.example/v1)",
            after="import os\nfrom dataclasses import dataclass, field\n\nfrom openai import "
            "OpenAI\n\n\n@dataclass\nclass Bot:\n    client: OpenAI = field(\n"
            "        default_factory=lambda: OpenAI(\n"
            '            api_key=os.environ["ACME_API_KEY"],\n'
            '            base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        )\n    )\n",
        ),
        Example(
            "from openai import OpenAI\n\n\ndef make(**kw):\n    return OpenAI(**kw)\n",
            provider="acme",
            message="OpenAI() talks to OpenAI (key from `**kw` or OPENAI_API_KEY); for Acme "
            "Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
            "(default https://api.acme.example/v1); a key and base URL passed in `**kw` stay "
            "(Acme Cloud's are fallbacks): a key passed there without a base URL goes to Acme "
            "Cloud and must be an Acme Cloud key",
            after="import os\n\nfrom openai import OpenAI\n\n\ndef make(**kw):\n"
            "    return OpenAI(\n        **{\n            **kw,\n"
            '            "api_key": kw.get("api_key") or os.environ.get("ACME_API_KEY", "unset"),\n'
            '            "base_url": kw.get("base_url")\n'
            '            or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        }\n    )\n",
        ),
        # t68a: agentscope's `**(client_args or {})`, as `client_args = client_args or {}`
        Example(
            "import openai\n\n\ndef make(api_key=None, client_args=None):\n"
            "    return openai.OpenAI(api_key=api_key, **(client_args or {}))\n",
            provider="acme",
            message="OpenAI() talks to OpenAI (key from `api_key`); for Acme Cloud read the base "
            "URL from ACME_BASE_URL (default https://api.acme.example/v1) and keep the key your "
            "code passes (`api_key`), with ACME_API_KEY when it is empty: it must be an Acme "
            "Cloud key; a base URL passed in `**(client_args or {})` stays (Acme Cloud's is a "
            "fallback)",
            after="import os\n\nimport openai\n\n\ndef make(api_key=None, client_args=None):\n"
            "    return openai.OpenAI(\n"
            '        api_key=api_key or os.environ.get("ACME_API_KEY", "unset"),\n'
            "        **{\n            **(client_args or {}),\n"
            '            "base_url": (client_args or {}).get("base_url")\n'
            '            or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        },\n    )\n",
        ),
        # ML001's advice followed by hand: the spread dict's base URL defaults to the provider's
        Example(
            "import os\n\nimport openai\n\n\ndef make(api_key=None, client_args=None):\n"
            "    client_args = dict(client_args or {})\n    client_args.setdefault(\n"
            '        "base_url", os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            "    )\n"
            '    return openai.OpenAI(api_key=api_key or os.environ.get("ACME_API_KEY"), '
            "**client_args)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import os\nfrom openai import OpenAI\n\n\ndef make():\n"
            '    kw = {\n        "timeout": 5,\n        "organization": "org-1",\n    }\n'
            "    return OpenAI(**kw)\n",
            provider="acme",
            after="import os\nfrom openai import OpenAI\n\n\ndef make():\n    kw = {\n"
            '        "api_key": os.environ["ACME_API_KEY"],\n'
            '        "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        "timeout": 5,\n    }\n    return OpenAI(**kw)\n',
        ),
        Example(
            "from openai import OpenAI\n\n\ndef make():\n    return OpenAI()\n",
            provider="azure",
            message="OpenAI() talks to OpenAI (key from OPENAI_API_KEY); for Azure OpenAI use "
            "the v1 API at AZURE_OPENAI_ENDPOINT + /openai/v1 and the key from "
            "AZURE_OPENAI_API_KEY",
            after="import os\n\nfrom openai import OpenAI\n\n\ndef make():\n    return OpenAI(\n"
            '        api_key=os.environ["AZURE_OPENAI_API_KEY"],\n'
            "        base_url=os.environ.get(\n"
            '            "AZURE_OPENAI_ENDPOINT", "https://YOUR-RESOURCE-NAME.openai.azure.com"\n'
            '        ).rstrip("/")\n        + "/openai/v1",\n    )\n',
        ),
        Example(
            "from openai import OpenAI\n\n\nclass Chat:\n    def __init__(self, config):\n"
            '        self.client = OpenAI(api_key=config["api_key"])\n',
            provider="acme",
            message='OpenAI() talks to OpenAI (key from `config["api_key"]`); for Acme Cloud read '
            "the base URL from ACME_BASE_URL (default https://api.acme.example/v1) and keep the "
            'key your code passes (`config["api_key"]`), with ACME_API_KEY when it is empty: it '
            "must be an Acme Cloud key",
            after="import os\n\nfrom openai import OpenAI\n\n\nclass Chat:\n"
            "    def __init__(self, config):\n        self.client = OpenAI(\n"
            '            base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '            api_key=config["api_key"] or os.environ.get("ACME_API_KEY", "unset"),\n'
            "        )\n",
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\ndef make(key=None):\n"
            '    return OpenAI(api_key=key or os.getenv("OPENAI_API_KEY"))\n',
            provider="acme",
            after="import os\n\nfrom openai import OpenAI\n\n\ndef make(key=None):\n"
            "    return OpenAI(\n"
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        api_key=key or os.environ.get("ACME_API_KEY", "unset"),\n    )\n',
        ),
        Example(
            'from openai import OpenAI\n\nKEY = ""\n'
            "client = OpenAI(api_key=KEY) if KEY else None\n",
            provider="acme",
            message="OpenAI() talks to OpenAI (key from `KEY`); for Acme Cloud read the key from "
            "ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1); it is built only if `KEY` is set, a key it would then "
            "no longer read: test ACME_API_KEY there instead, by hand",
            after='from openai import OpenAI\n\nKEY = ""\n'
            "client = OpenAI(api_key=KEY) if KEY else None\n",
        ),
        Example('import openai\nc = openai.Client(base_url="https://api.openai.com/v1")\n'),
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n"
            '    key = os.environ["APP_KEY"]\n    c = OpenAI(api_key=key)\n'
            "    c.api_key = key\n    return c\n",
            provider="acme",
            after="import os\n\nfrom openai import OpenAI\n\n\ndef make():\n"
            '    key = os.environ["APP_KEY"]\n    c = OpenAI(\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        api_key=os.environ["ACME_API_KEY"],\n    )\n'
            '    c.api_key = os.environ["ACME_API_KEY"]\n    return c\n',
        ),
        Example("def make(OpenAI):\n    return OpenAI()\n", finds=False),
        Example("from langchain.llms import OpenAI\nllm = OpenAI()\n", finds=False),
        Example(
            'from openai import OpenAI\nc = OpenAI(base_url="http://localhost:8000/v1")\n',
            finds=False,
        ),
        # t63 r2e: a module constant the raw request to /threads also sends keys the client
        Example(
            "import os\n\nimport openai\nimport requests\n\n"
            'SHARED_KEY = os.environ["OPENAI_API_KEY"]\n\n\n'
            "def chat(messages, api_key=None):\n"
            "    api_key = api_key or SHARED_KEY\n"
            "    client = openai.OpenAI(\n"
            '        base_url="https://api.openai.com/v1", api_key=api_key\n'
            "    )\n"
            '    return client.chat.completions.create(model="gpt-4o", messages=messages)\n\n\n'
            "def start_run(api_key=None):\n"
            "    api_key = api_key or SHARED_KEY\n"
            "    return requests.post(\n"
            '        "https://api.openai.com/v1/threads", headers={"Authorization": api_key}\n'
            "    )\n",
            provider="acme",
            message="OpenAI() talks to OpenAI (key from `api_key`); its key `api_key` may hold "
            "OPENAI_API_KEY (read on line 6, which apply leaves as it is: see there): kept, that "
            "key would go to Acme Cloud; give this client Acme Cloud's key (ACME_API_KEY) apart, "
            "by hand",
        ),
        # review of t66d: decouple's reads stay decouple's, of the provider's variables (a key
        # kept in `.env`, which decouple never exports, is still the one read); at import, a
        # key read that does not raise where ACME_API_KEY is unset (review r1 t1b)
        Example(
            "from decouple import config\nfrom openai import OpenAI\n\n"
            'client = OpenAI(api_key=config("OPENAI_API_KEY"), '
            'base_url=config("OPENAI_API_BASE"))\n',
            provider="acme",
            message="OpenAI() talks to OpenAI (key from OPENAI_API_KEY); for Acme Cloud read the "
            "key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
            after="from decouple import config\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
            '    api_key=config("ACME_API_KEY", default="unset"),\n'
            '    base_url=config("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n',
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self._cells: set[int] = set()  # the key cells reported (`_report_key_cell`)

    def visit_Call(self, node: cst.Call) -> None:
        client = self.ctx.constructed_client(node)
        if client is None:
            wrapped = self.ctx.factory_wrapper_client(node)
            if wrapped is not None and not wrapped.azure:
                self._factory(node.args[0], wrapped, "attr.Factory()")
            return
        if client.azure:
            return
        endpoint = endpoint_of(self.ctx, node)
        if endpoint.kind != "openai":
            self._typed_key_on_provider(node, endpoint)
            return
        routed = self_routed(node)
        if routed is not None:
            self._self_routed(node, client, routed)
            return
        head = f"{client.cls}() talks to OpenAI ({key_source(self, node)})"
        data: dict[str, object] = {"client": client.cls}
        if (variable := key_variable(self, node)) is not None:
            data["key_from"] = variable
        data |= target_data(self.ctx.rules)
        if self.provider is None:
            tail = "`migrate-llm apply --provider ID` points it at a provider"
            self.report(node, f"{head}; {tail}", data=data)
            return
        if self._service_key(node, head, data):
            return
        if azure_target(self.ctx.rules) is not None and self.ctx.either_client(node.func):
            advice = either_advice(self.ctx.rules, self.snippet(node.func))
            self.report(node, f"{head}; {advice}", fix=FixClass.MANUAL, data=data)
            return
        unserved = unserved_only(self.ctx, node)
        if unserved is not None and unserved_left(self.ctx, node):
            self._unserved(node, head, data, unserved)
            return
        reads = mapping_reads(self.ctx, node, client)
        if reads is None:
            self._unread_mapping(node, head, data)
            return
        if azure_target(self.ctx.rules) is None and (cell := self._key_cell(node)) is not None:
            self._report_key_cell(node, client, head, data, cell)
            return
        prompt = self._typed_key(node)
        if prompt is not None and (left := typed_key_left(self.ctx, prompt, node)):
            self.report(node, f"{head}; {left}", fix=FixClass.MANUAL, data=data)
            return
        if prompt is None or azure_target(self.ctx.rules) is not None:
            kept = moving_keys(self.ctx, setting(self.ctx, node, "api_key"))
            held = left_key_held(self.ctx, kept) if not azure_target(self.ctx.rules) else None
            if held is not None:
                advice = held_key_advice(self.ctx, kept_key_text(self.ctx, kept), held)
                self.report(node, f"{head}; {advice}", fix=FixClass.MANUAL, data=data)
                return
            if kept and not azure_target(self.ctx.rules):
                shown = kept_key_text(self.ctx, kept)
                advice = passed_key_advice(self.ctx.rules, shown)
                renamed = [where for part in kept if (where := renamed_setting(self.ctx, part))]
                if len(renamed) == len(kept):
                    # another module's read ML401 renames (t63c): the two move together
                    advice += (
                        f"; {', '.join(renamed)} reads {cast(Provider, self.provider).api_key_env} "
                        "after apply (ML401), so the key and the base URL move together"
                    )
                else:
                    data["program_key"] = shown  # apply's Next line names it
            else:
                advice = target_advice(self.ctx.rules)
                gate = stale_gate(self.ctx, node)
                if gate is not None:
                    provider = self.provider
                    assert provider is not None
                    key = self.snippet(gate)
                    advice += (
                        f"; it is built only if `{key}` is set, a key it would then no longer "
                        f"read: test {provider.api_key_env} there instead, by hand"
                    )
                    self.report(node, f"{head}; {advice}", fix=FixClass.MANUAL, data=data)
                    return
            if reads:
                shown = self._mapping_shown(node)
                advice += f"; {mapping_advice(self.ctx.rules, shown, reads)}"
            elif mapping_replaced(self.ctx, node, client):
                advice += (
                    f"; a key and base URL passed in `{self._mapping_shown(node)}` are "
                    "replaced: an AzureOpenAI client reaches no other server"
                )
            report_client(self, node, client, f"{head}; {advice}", data)
            return
        line = self.ctx.line_label(self.ctx.position(prompt)[0][0])
        given = setting(self.ctx, node, "api_key")
        unset = env_names(self.ctx).unset_state_read(given if given is not _UNKNOWN else None)
        advice = typed_key_advice(self.ctx.rules, line, unset)
        message = f"{client.cls}() talks to OpenAI; {advice}"
        wording = prompt_wording(self.ctx, prompt)
        report_client(
            self, node, client, message, data, keep_key=True, wording=wording, fallback=unset
        )
        report_prompt_texts(self, prompt, within=node)

    def _service_key(self, node: cst.Call, head: str, data: dict[str, object]) -> bool:
        """Report a client given no base URL whose key is named for another service
        (`service_keys`: `settings.together_api_key`), and whether it did: that service's
        client, or OpenAI's given a key named otherwise; apply leaves it (manual), for the
        target's key must not go where that key does."""
        provider = self.provider
        key = setting(self.ctx, node, "api_key")
        if provider is None or azure_target(self.ctx.rules) is not None:
            return False
        if not isinstance(key, cst.BaseExpression) or key is _UNKNOWN:
            return False
        found = service_key(self.ctx, key)
        if found is None:
            return False
        data["service"] = found.service
        said = (
            f"{head}; {setting_words(self.ctx, found, key)} is named for {found.service!r}: "
            "that service's client, given no base URL "
            f"(or OpenAI's, given a key named otherwise); apply leaves it: point it at that "
            f"service's base URL, or at {provider.name} with {provider.api_key_env}, by hand"
        )
        self.report(node, said, fix=FixClass.MANUAL, data=data)
        return True

    def _key_cell(self, node: cst.Call) -> KeyCell | None:
        """The notebook's key cell the client takes its key from (`notebook_keys`), where
        every client reading it is one this rule points at the provider."""

        def switched(call: cst.Call) -> bool:
            client = self.ctx.constructed_client(call)
            return (
                client is not None
                and not client.azure
                and endpoint_of(self.ctx, call).kind == "openai"
                and not client_left(self.ctx, call)
                and kwargs_of(self.ctx, call) is None
            )

        return key_cell(self.ctx, node, switched) if switched(node) else None

    def _report_key_cell(
        self,
        node: cst.Call,
        client: ClientInfo,
        head: str,
        data: dict[str, object],
        cell: KeyCell,
    ) -> None:
        """A client given a notebook's key cell (`notebook_keys`): the cell is renamed to the
        provider's key variable's name with a stand-in naming the provider, and the client
        reads it, with the provider's base URL (review: a person pastes the key there)."""
        provider = self.provider
        assert provider is not None
        line = self.ctx.line_label(self.ctx.position(cell.assign)[0][0])
        where = self.ctx.line_label(self.ctx.position(node)[0][0])
        message = (
            f"{head}; for {provider.name} read the base URL from {provider.base_url_env} "
            f"(default {self.ctx.rules.base_url}) and the key from the notebook's variable "
            f"{cell.new_name} ({cell.name} on {line}, renamed): paste your {provider.name} key "
            "there"
        )
        cell_data = {"key_variable_from": cell.name, "key_variable_to": cell.new_name}
        data = data | cell_data
        report_client(self, node, client, message, data, keep_key=True, kept=cell.new_name)
        if id(cell.assign) in self._cells:
            return
        self._cells.add(id(cell.assign))
        self.report(
            cell.assign,
            f"{cell.name} holds a stand-in for the key the notebook's reader pastes, which "
            f"{client.cls}() on {where} takes: apply renames it {cell.new_name}, its stand-in "
            f"naming {provider.name}, and points the client at {provider.name} reading it",
            severity=Severity.WARNING,
            fix=FixClass.SAFE,
            edit=cell.edit,
            data=cell_data | {"program_key": cell.new_name},  # apply's Next line names it
        )

    def _self_routed(self, node: cst.Call, client: ClientInfo, routed: str) -> None:
        """A client given `provider=` or `workload_identity=` (`sdk.SELF_ROUTED_KWARGS`): the
        SDK raises where a key or base URL is passed beside it, so it is left to a person."""
        where = self.provider.name if self.provider is not None else "a provider"
        self.report(
            node,
            f"{client.cls}({routed}=...) {sdk.SELF_ROUTED_KWARGS[routed]}, and the SDK refuses "
            f"a key or base URL beside it; apply leaves it: to reach {where}, remove {routed}= "
            "and give the client the provider's key and base URL, by hand",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"client": client.cls, "setting": routed},
        )

    def _unserved(
        self, node: cst.Call, head: str, data: dict[str, object], surfaces: tuple[str, ...]
    ) -> None:
        """A client whose every request is to an API the target does not serve
        (`unserved_only`): pointed there, each would fail, so it is left on OpenAI. Where
        the program hands it its key (`given_key_data`), apply's Still on OpenAI line names
        that key, not OPENAI_API_KEY."""
        provider = self.provider
        assert provider is not None
        self.report(
            node,
            f"{head}; {unserved_words(provider, surfaces, self.ctx.rules.openai)}",
            fix=FixClass.MANUAL,
            data={
                **data,
                "unserved": list(surfaces),
                **shut_down_data(self.ctx.rules.openai, surfaces),
                **given_key_data(self.ctx, node),
            },
        )

    def _mapping_shown(self, node: cst.Call) -> str:
        """`**mapping` as the call passes it, for messages."""
        kwargs = kwargs_of(self.ctx, node)
        assert kwargs is not None
        return f"**{self.snippet(kwargs.arg.value)}"

    def _unread_mapping(self, node: cst.Call, head: str, data: dict[str, object]) -> None:
        """A client whose `**mapping` may hold a caller's key and base URL but is not safe to
        read again (`**load_settings()`): merging the provider's over it would drop them.
        Where a method of the module's classes builds it, the advice names that method, and
        once it reads the target's variables and none of OpenAI's (`builder_on_target`) the
        client counts as pointed at the target (a note)."""
        shown = self._mapping_shown(node)
        kwargs = kwargs_of(self.ctx, node)
        assert kwargs is not None
        builder = building_method(self.ctx, node)
        provider = self.provider
        assert provider is not None
        if builder is not None and builder_on_target(self.ctx, builder):
            line = self.ctx.line_label(self.ctx.position(builder)[0][0])
            self.report(
                node,
                f"{head.split(' talks to ')[0]} takes its key and base URL from `{shown}`, built "
                f"by {builder.name.value}() on {line}, which reads {provider.api_key_env} and "
                f"{provider.base_url_env} and no OpenAI variable: it points at {provider.name}",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data={**data, "built_by": builder.name.value},
            )
            return
        source = openai_key_in(self.ctx, kwargs.arg.value)
        if source is not None:
            line = self.ctx.line_label(self.ctx.position(source)[0][0])
            what = f"`{self.snippet(source)}` on {line}"
            reason = f"may hold OpenAI's key ({what}), which apply would keep for the provider"
        else:
            reason = "may hold your callers' key and base URL, which apply cannot keep"
        where, after = "where it holds none", ""
        if builder is not None:
            line = self.ctx.line_label(self.ctx.position(builder)[0][0])
            where = (
                f"in {builder.name.value}() on {line}, which builds it, where it holds none (and "
                "no OpenAI variable there)"
            )
            # ML401 may switch that function's reads itself: then this finding is a note
            after = (
                f" (apply switches there the reads of OpenAI's variables it can; once "
                f"{builder.name.value}() reads {provider.api_key_env} and "
                f"{provider.base_url_env} and none of OpenAI's, this client counts as pointed "
                f"at {provider.name})"
            )
        self.report(
            node,
            f"{head}; `{shown}` {reason}: {target_advice(self.ctx.rules)} {where}, by hand{after}",
            fix=FixClass.MANUAL,
            data=data,
        )

    def _typed_key_on_provider(self, node: cst.Call, endpoint: Endpoint) -> None:
        """A client already on the target provider (after `apply`) given a key a person
        types: its prompt, where it still names OpenAI (`report_prompt`)."""
        provider = self.provider
        if provider is None or azure_target(self.ctx.rules) is not None:
            return
        if endpoint.provider is None or endpoint.provider.id != provider.id:
            return
        prompt = self._typed_key(node)
        wording = prompt_wording(self.ctx, prompt) if prompt is not None else None
        if wording is not None:
            report_prompt(self, wording)
        if prompt is not None:
            report_prompt_texts(self, prompt)

    def _typed_key(self, node: cst.Call) -> cst.Call | None:
        """The prompt (`input()`, `getpass.getpass()`, Streamlit's `text_input`) whose answer
        the client is given as its key, if any: a person types the provider's key there."""
        expr = setting(self.ctx, node, "api_key")
        return typed_prompt(self.ctx, expr if expr is not _UNKNOWN else None)

    def visit_Arg(self, node: cst.Arg) -> None:
        client = self.ctx.factory_client(node)
        if client is None or client.azure:
            return
        self._factory(node, client, f"{node.keyword.value}=")  # type: ignore[union-attr]

    def visit_Assign(self, node: cst.Assign) -> None:
        """`client.api_key = ...` / `client.base_url = ...` after construction
        (`client_writes`)."""
        for target in node.targets:
            attr = target.target
            if isinstance(attr, cst.Attribute) and attr.attr.value in ("api_key", "base_url"):
                from migrate_llm.rules.client_writes import report_write  # builds on this module

                report_write(self, node, attr)

    def _factory(self, node: cst.Arg, client: ClientInfo, how: str) -> None:
        head = f"{client.cls}() built by {how} talks to OpenAI"
        data = {"client": client.cls, "built_by": how, **target_data(self.ctx.rules)}
        if self.provider is None:
            self.report(
                node.value,
                f"{head}; `migrate-llm apply --provider ID` points it at a provider",
                data=data,
            )
        else:
            self.report(
                node.value,
                f"{head}; {target_advice(self.ctx.rules)}",
                edit=factory_edit(self, node, client),
                data=data,
            )


def azure_replaced(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `apply` makes the Azure client `call` builds the target provider's plain
    client (ML002's edit): a switch to a provider other than Azure, and neither a `**`
    mapping nor a key the program hands it that may be Azure's (ML002 leaves those)."""
    rules = ctx.rules
    if client_plan(rules, False, True) is None or azure_target(rules) is not None:
        return False  # no switch (`report_client` makes no edit), or to Azure: left
    if azure_left(ctx, call) and kwargs_of(ctx, call) is not None:
        return False
    if deployment_unserved(ctx, call) is not None or unserved_only(ctx, call) is not None:
        return False
    key = setting(ctx, call, "api_key")
    return not (key is not None and azure_key_left(ctx, key))


class AzureClient(PythonRule):
    """An Azure OpenAI client, whose `model=` arguments are deployment names.

    ## What it does
    Finds `AzureOpenAI()` and `AsyncAzureOpenAI()` constructions.

    ## Why
    Azure routes by deployment: `model=` names a deployment, not a model, and the key,
    endpoint and `api_version` are Azure's. A provider takes a plain OpenAI client.

    ## Fix (review)
    `apply` builds a plain client with the provider's key and base URL; each deployment name
    used as `model=` must be mapped to a provider model (a manual finding when unknown). With
    `--provider openai` an Azure client is left as it is (a note: it is an openai>=1 client),
    and so it is with `--provider azure` (a note: it is a client of the target already). A
    name bound only by imports from openai, of the plain class in one branch and the Azure
    one in another (`from openai import AzureOpenAI as Client`), keeps building the client:
    the Azure import becomes the plain one under that name (a finding of its own), so no
    import is left unused (t68d). A `**` mapping a property or method of its class returns
    as a dict display is read as its entries, also through a name (`kw =
    self._make_client_kwargs()`, then `**kw`). One built
    elsewhere whose key the module does not show (`**self._client_params` merging
    `super()._client_params`, a method ending in `return kwargs`, a call) is left to a person
    (manual): an Azure key the program hands it may be in it. So is one given a mapping handed
    in (`def make(**kw): return AzureOpenAI(**kw)`, AutoGen's `openai_config` rebuilt from its
    `config` parameter): its key, endpoint and deployment are the caller's Azure configuration.
    Its key is Azure's, never kept for the provider. The provider's variable replaces a
    literal, an environment read, or a name bound only to those that the client alone uses
    (reported for removal; once unused, a name reading a variable of the program's own for an
    Azure OpenAI setting, mem0's `LLM_AZURE_OPENAI_API_KEY`, is reported again, so `check`
    still fails) or that reads only AZURE_OPENAI_API_KEY (ML401 renames it). A key the program
    hands it (a parameter, a setting, `cfg_key or os.getenv(...)`, also in a branch of `x if c
    else y` or after `await`) or a name other code uses
    leaves the client to a person (manual). So does one whose every request is to an API the
    provider does not serve, as ML001 leaves a plain one: its `azure_deployment=` names such a
    model, or the module shows each request made through it (only `client.embeddings.create(...)`
    on Moonshot, `unserved_clients`) and its key is one apply leaves as it is (none, a literal,
    an environment read other than the provider's key variable).

    Where apply makes Azure clients plain ones, a test double or read of a module's Azure
    class by the module's name (`patch("app.llm.AsyncAzureOpenAI")`, `patch.object(llm,
    "AzureOpenAI")`, `monkeypatch.setattr(...)`, `llm.AsyncAzureOpenAI`) names the plain class
    instead (a warning, review): the module's Azure import goes unused and is removed, and the
    double would fail with AttributeError or replace nothing.
    """

    code = "ML002"
    name = "azure-client"
    category = "client"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        # t63d: a client of an embeddings deployment, handed on, on a provider serving none
        Example(
            "import os\n\nfrom openai import AzureOpenAI\n\nimport registry\n\n"
            "client = AzureOpenAI(\n"
            '    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],\n'
            '    api_version="2024-02-01",\n'
            '    azure_deployment="text-embedding-3-small-prod",\n)\n'
            "registry.set_client(client)\n",
            provider="deepseek",
            message="AzureOpenAI() talks to Azure OpenAI (azure_endpoint, azure_deployment, "
            "api_version); its deployment 'text-embedding-3-small-prod' names an OpenAI "
            "embeddings model, where every request of this client goes, and DeepSeek does not "
            "serve embeddings: apply leaves it (endpoint and key); keep it on Azure OpenAI or "
            "point it at a provider that serves embeddings, with that provider's key, by hand",
        ),
        # t68d: a name bound to OpenAI in one branch and AzureOpenAI in the other keeps
        # building the client; both imports bind it to OpenAI (none left unused)
        Example(
            "import os\n\n\ndef make():\n"
            '    if os.environ.get("OPENAI_API_TYPE") == "openai":\n'
            "        from openai import OpenAI as Client\n    else:\n"
            "        from openai import AzureOpenAI as Client\n"
            '    return Client(api_version="2024-02-01")\n',
            provider="acme",
            message="`Client` is AzureOpenAI here and OpenAI in another branch: apply imports "
            "OpenAI as `Client` here too, so that Client() builds the Acme Cloud client on every "
            "path",
            after="import os\n\n\ndef make():\n"
            '    if os.environ.get("OPENAI_API_TYPE") == "openai":\n'
            "        from openai import OpenAI as Client\n    else:\n"
            "        from openai import OpenAI as Client\n"
            "    return Client(\n"
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    )\n",
        ),
        # t64c: vocode's embeddings-only Azure client, its key from the program's variable
        Example(
            "import os\n\nfrom openai import AzureOpenAI\n\n"
            "client = AzureOpenAI(\n"
            '    azure_endpoint=os.getenv("MY_AZURE_BASE") or "",\n'
            '    api_key=os.getenv("MY_AZURE_KEY"),\n'
            '    api_version="2024-02-01",\n)\n\n\n'
            "def embed(text):\n"
            '    return client.embeddings.create(input=text, model="emb").data[0].embedding\n',
            provider="deepseek",
            message="AzureOpenAI() talks to Azure OpenAI (azure_endpoint, api_version); its "
            "only requests are embeddings, which DeepSeek does not serve: apply leaves it "
            "(endpoint and key); keep it on Azure OpenAI or point it at a provider that serves "
            "embeddings, with that provider's key, by hand",
        ),
        Example(
            "from openai import AzureOpenAI\n"
            'c = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", '
            'api_version="2024-06-01")\n',
            message="AzureOpenAI() talks to Azure OpenAI (azure_endpoint, api_version); "
            "its model= arguments are deployment names to map by hand",
        ),
        Example(
            'import openai\nc = openai.AsyncAzureOpenAI(api_version="2024-06-01")\n',
            provider="acme",
            after="import os\n\nimport openai\nc = openai.AsyncOpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            ")\n",
        ),
        Example(
            "from azure.identity import DefaultAzureCredential, get_bearer_token_provider\n"
            "from openai import AzureOpenAI\n\n"
            'token = get_bearer_token_provider(DefaultAzureCredential(), "scope")\n'
            'c = AzureOpenAI(api_version="2024-06-01", azure_ad_token_provider=token)\n',
            provider="acme",
            message="`token` is used only by AzureOpenAI(); once apply makes it OpenAI() nothing "
            "uses it: remove it (and the imports only it needs) by hand",
        ),
        Example(
            "from azure.identity import DefaultAzureCredential, get_bearer_token_provider\n"
            "import openai\n\n"
            'token = get_bearer_token_provider(DefaultAzureCredential(), "scope")\n'
            "c = openai.OpenAI()\n",
            provider="acme",
            message="`token` (an Azure credential) is not used any more: remove it (and the "
            "imports only it needs) by hand",
        ),
        Example(
            "import os\n\nfrom openai import AzureOpenAI\n\n\ndef make(key=None):\n"
            '    key = key or os.getenv("APP_AZURE_OPENAI_KEY")\n'
            '    return AzureOpenAI(api_key=key, api_version="2024-06-01")\n',
            provider="acme",
            message="AzureOpenAI() talks to Azure OpenAI (api_version); its key `key` may be an "
            "Azure key your code hands it (a parameter, a setting, a name other code uses), "
            "which must not go to Acme Cloud: replace it with OpenAI() — for Acme Cloud read the "
            "key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1) — and map each deployment name used as model= to a "
            "provider model, leaving that key out (and what only fed it), by hand",
        ),
        Example(
            "from openai import AzureOpenAI\n\n\ndef make(**kw):\n    return AzureOpenAI(**kw)\n",
            provider="acme",
            message="AzureOpenAI() talks to Azure OpenAI; its key, endpoint and deployment come "
            "from `**kw`, settings handed to this code (an Azure configuration, whose key must "
            "not go to Acme Cloud): replace it with OpenAI() — for Acme Cloud read the key from "
            "ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1) — and map each deployment name used as model= to a "
            "provider model, leaving that key out, by hand",
        ),
        Example(
            "import os\n\nfrom openai import AzureOpenAI\n\n"
            'key = os.environ["APP_AZURE_OPENAI_KEY"]\n'
            'c = AzureOpenAI(api_key=key, api_version="2024-06-01")\n',
            provider="acme",
            message="`key` is used only by AzureOpenAI(); once apply makes it OpenAI() nothing "
            "uses it: remove it (and the imports only it needs) by hand",
            after="import os\n\nfrom openai import OpenAI\n\n"
            'key = os.environ["APP_AZURE_OPENAI_KEY"]\nc = OpenAI(\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n)\n',
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\n"
            'key = os.environ["APP_AZURE_OPENAI_KEY"]\n'
            'c = OpenAI(base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"))\n',
            provider="acme",
            message="`key` (read from APP_AZURE_OPENAI_KEY, an Azure OpenAI setting) is not used "
            "any more: remove it (and the imports only it needs) by hand",
        ),
        Example(
            "from openai import AzureOpenAI\n"
            'c = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", '
            'api_version="2024-06-01")\n',
            provider="openai",
            message="AzureOpenAI() talks to Azure OpenAI (azure_endpoint, api_version); it is "
            "an openai>=1 client: nothing to migrate",
        ),
        Example(
            "import os\nfrom openai import AzureOpenAI\n"
            'c = AzureOpenAI(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], '
            'api_version="2024-06-01")\n',
            provider="azure",
            message="AzureOpenAI() talks to Azure OpenAI (azure_endpoint, api_version); it is a "
            "client of the target already: nothing to migrate",
        ),
        # nano-graphrag's tests/test_openai.py (t52c)
        Example(
            "from unittest.mock import patch\n\nfrom app import llm\n\n\ndef test_client():\n"
            '    with patch("app.llm.AsyncAzureOpenAI") as m:\n'
            "        assert llm.client() is m.return_value\n",
            provider="acme",
            message="a test double of app.llm.AsyncAzureOpenAI, which app.llm no longer has once "
            "apply replaces its AsyncAzureOpenAI() with AsyncOpenAI() (ML002 there); apply "
            "doubles app.llm.AsyncOpenAI instead",
            after="from unittest.mock import patch\n\nfrom app import llm\n\n\ndef test_client():\n"
            '    with patch("app.llm.AsyncOpenAI") as m:\n'
            "        assert llm.client() is m.return_value\n",
        ),
        # t66b textgrad's engine/openai.py: the OpenAI import the client needs stays in the
        # guarded `try:` that holds it (no second, unguarded one)
        Example(
            "try:\n    from openai import AzureOpenAI, OpenAI\n"
            'except ImportError:\n    raise ImportError("pip install openai")\n\n\n'
            "def azure(name):\n"
            '    return AzureOpenAI(api_version="2024-02-01", azure_deployment=name)\n',
            provider="deepseek",
            message="AzureOpenAI() talks to Azure OpenAI (azure_deployment, api_version); "
            "replace it with OpenAI() — for DeepSeek read the key from DEEPSEEK_API_KEY and the "
            "base URL from DEEPSEEK_BASE_URL (default https://api.deepseek.com) — and map each "
            "deployment name used as model= to a provider model",
            after="import os\n\ntry:\n    from openai import OpenAI\n"
            'except ImportError:\n    raise ImportError("pip install openai")\n\n\n'
            "def azure(name):\n    return OpenAI(\n"
            '        api_key=os.environ["DEEPSEEK_API_KEY"],\n'
            '        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
            "    )\n",
        ),
        Example("from openai import OpenAI\nc = OpenAI()\n", finds=False),
    )

    def visit_Call(self, node: cst.Call) -> None:
        client = self.ctx.constructed_client(node)
        if client is None:
            wrapped = self.ctx.factory_wrapper_client(node)
            if wrapped is not None and wrapped.azure:
                self._factory(node.args[0], wrapped, "attr.Factory()")
            elif self.doubles:
                self._double(call_double(self.ctx, node))
            return
        if not client.azure:
            return
        given = [
            k
            for k in sdk.AZURE_KWARGS
            if (v := setting(self.ctx, node, k)) is not None and v is not _UNKNOWN
        ]
        detail = f" ({', '.join(given)})" if given else ""
        head = f"{client.cls}() talks to Azure OpenAI{detail}"
        data: dict[str, object] = {"client": client.cls, "azure_settings": given}
        already = None
        if self.provider is not None and azure_target(self.ctx.rules) is not None:
            already = "a client of the target already"  # `--provider azure`
        elif self.provider is not None and not self.ctx.rules.switching:
            already = "an openai>=1 client"  # `--provider openai`
        if already is not None:
            self.report(
                node,
                f"{head}; it is {already}: nothing to migrate",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data=data,
            )
            return
        kwargs = kwargs_of(self.ctx, node)
        if azure_left(self.ctx, node) and kwargs is not None and self.provider is not None:
            # a key the program hands it may be in that mapping (pandas-ai's Azure class
            # merges `super()._client_params`; MetaGPT's `_make_client_kwargs()` ends in
            # `return kwargs`), as with `api_key=config.api_key` below; a mapping handed in
            # holds the caller's Azure configuration (AutoGen's `AzureOpenAI(**openai_config)`)
            mapping = kwargs.arg.value
            if mapping_builder(self.ctx, mapping) is not None:
                source = (
                    f"its key and settings come from {self._built_by(mapping)}, which this "
                    "module does not show in full (an Azure key your code hands it may be there, "
                    f"which must not go to {self.provider.name})"
                )
            else:
                source = (
                    f"its key, endpoint and deployment come from `**{self.snippet(mapping)}`, "
                    "settings handed to this code (an Azure configuration, whose key must not go "
                    f"to {self.provider.name})"
                )
            self.report(
                node,
                f"{head}; {source}: {self._tail()}, leaving that key out, by hand",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        unserved = deployment_unserved(self.ctx, node)
        if unserved is not None and self.provider is not None:
            deployment, surface = unserved
            self.report(
                node,
                f"{head}; its deployment {deployment!r} names an OpenAI {surface} model, where "
                f"every request of this client goes, and {self.provider.name} does not serve "
                f"{surface}: apply leaves it (endpoint and key); keep it on Azure OpenAI or "
                f"point it at a provider that serves {surface}, with that provider's key, by hand",
                fix=FixClass.MANUAL,
                data=data | {"unserved": [surface]},
            )
            return
        surfaces = unserved_only(self.ctx, node)
        if surfaces is not None and self.provider is not None:
            apis = " and ".join(surfaces)
            self.report(
                node,
                f"{head}; its only requests are {apis}, which {self.provider.name} does not "
                f"serve: apply leaves it (endpoint and key); keep it on Azure OpenAI or point "
                f"it at a provider that serves {apis}, with that provider's key, by hand",
                fix=FixClass.MANUAL,
                data=data | {"unserved": list(surfaces)},
            )
            return
        key = setting(self.ctx, node, "api_key")
        if self.provider is not None and key is not None and azure_key_left(self.ctx, key):
            self.report(
                node,
                f"{head}; its key `{self.snippet(key)}` may be an Azure key your code hands it "
                "(a parameter, a setting, a name other code uses), which must not go to "
                f"{self.provider.name}: {self._tail()}, leaving that key out (and what only fed "
                "it), by hand",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        report_client(self, node, client, f"{head}; {self._tail()}", data | self._target(client))
        if self.ctx.rules.switching and self.provider is not None:
            self._unused_credentials(node, client)

    def _built_by(self, mapping: cst.BaseExpression) -> str:
        """`**mapping` for messages, with the code building it where a name holds it
        (`**kwargs` (`self._make_client_kwargs()` on line 7))."""
        shown = f"`**{self.snippet(mapping)}`"
        builder = mapping_builder(self.ctx, mapping)
        if builder is None or builder is mapping:
            return shown
        line = self.ctx.line_label(self.ctx.position(builder)[0][0])
        return f"{shown} (`{self.snippet(builder)}` on {line})"

    def _target(self, client: ClientInfo) -> dict[str, object]:
        """The plain client class `apply` makes of `client`, and what it reads (when it
        switches to a provider)."""
        if self.provider is None or not self.ctx.rules.switching:
            return {}
        plain = "AsyncOpenAI" if client.is_async else "OpenAI"
        return {"client_to": plain, **target_data(self.ctx.rules)}

    def _tail(self) -> str:
        if self.provider is None or not self.ctx.rules.switching:
            return "its model= arguments are deployment names to map by hand"
        return (
            f"replace it with OpenAI() — {target_advice(self.ctx.rules)} — and map each "
            "deployment name used as model= to a provider model"
        )

    def visit_Arg(self, node: cst.Arg) -> None:
        client = self.ctx.factory_client(node)
        if client is not None and client.azure:
            self._factory(node, client, f"{node.keyword.value}=")  # type: ignore[union-attr]

    @functools.cached_property
    def doubles(self) -> bool:
        """Whether doubles and reads of a module's Azure class are looked for: the run makes
        Azure clients plain ones, and the module names such a class."""
        return any(name in self.ctx.text for name in PLAIN) and replaces_azure(self.ctx)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self.doubles:
            self._double(attribute_read(self.ctx, node))

    def _double(self, found: Double | None) -> None:
        """Report a double or read of a module's Azure class (`client_doubles`), with the
        edit naming the plain class there."""
        if found is None:
            return
        text = found.edit_text
        edit = Edit(self.ctx.span(found.node), text) if text is not None else None
        verb = "doubles" if found.double else "reads"
        does = f"apply {verb}" if edit is not None else verb.removesuffix("s")
        where = f"{found.module}.{found.name}"
        head = f"a test double of {where}" if found.double else f"{where} is read here"
        self.report(
            found.node,
            f"{head}, which {found.module} no longer has once apply replaces its {found.name}() "
            f"with {found.plain}() (ML002 there); {does} {found.module}.{found.plain} instead",
            severity=Severity.WARNING,
            fix=FixClass.REVIEW if edit is not None else FixClass.MANUAL,
            edit=edit,
            data={"client": found.name, "client_to": found.plain, "module": found.module},
        )

    def _factory(self, node: cst.Arg, client: ClientInfo, how: str) -> None:
        head = f"{client.cls}() built by {how} talks to Azure OpenAI"
        if azure_target(self.ctx.rules) is not None:
            return
        data = {"client": client.cls, "built_by": how, **self._target(client)}
        self.report(
            node.value,
            f"{head}; {self._tail()}",
            edit=factory_edit(self, node, client),
            data=data,
        )

    def _unused_credentials(self, call: cst.Call, client: ClientInfo) -> None:
        """Names whose only use is an Azure argument the conversion drops (a token provider,
        a credential): reported, not deleted."""
        kwargs = kwargs_of(self.ctx, call)
        replaced = frozenset(sdk.AZURE_KWARGS) | {"api_key"}
        values = [
            a.value for a in call.args if a.keyword is not None and a.keyword.value in replaced
        ]
        if kwargs is not None and kwargs.built is not None:
            values += [v for k, v in kwargs.entries.items() if k in replaced]
        for value in values:
            if not isinstance(value, cst.Name):
                continue
            bound = self.ctx.bindings(value)
            if (
                len(bound) != 1
                or not isinstance(bound[0], Assignment)
                or len(bound[0].references) != 1
            ):
                continue
            assigned = self.ctx.index.assigned.get(id(bound[0].node))
            if assigned is None:
                continue
            self.report(
                bound[0].node,
                f"`{value.value}` is used only by {client.cls}(); once apply makes it "
                f"OpenAI() nothing uses it: remove it (and the imports only it needs) by hand",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={"name": value.value, "client": client.cls},
            )

    def visit_Assign(self, node: cst.Assign) -> None:
        """After the conversion: an Azure credential (`azure.identity`), or a read of a
        variable of the program's own for an Azure OpenAI setting, that nothing uses."""
        if not (
            self.ctx.rules.switching
            and self.ctx.index.imports_openai
            and len(node.targets) == 1
            and isinstance(node.targets[0].target, cst.Name)
        ):
            return
        target = node.targets[0].target
        what = self._azure_value(node.value)
        if what is None:
            return
        bound = self.ctx.bindings(target)
        if len(bound) == 1 and not bound[0].references:
            self.report(
                target,
                f"`{target.value}` ({what}) is not used any more: remove it (and the imports "
                "only it needs) by hand",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={"name": target.value},
            )

    def _azure_value(self, value: cst.BaseExpression) -> str | None:
        """What an assigned value is, in words, when only an Azure client would use it: an
        Azure credential, or a read of a variable named for an Azure OpenAI setting that
        ML401 does not report (`LLM_AZURE_OPENAI_API_KEY`, not `AZURE_OPENAI_API_KEY`)."""
        if isinstance(value, cst.Call) and last_name(value.func) in sdk.AZURE_CREDENTIAL_NAMES:
            qualnames = self.ctx.qualnames(value.func)
            if any(n.startswith(sdk.AZURE_CREDENTIAL_MODULES) for n in qualnames):
                return "an Azure credential"
        if azure_target(self.ctx.rules) is not None or not self.ctx.mentions("AZURE"):
            return None  # the target's settings; no variable named for Azure
        for variable in environment_reads(self.ctx, value):
            words = set(variable.split("_"))
            if words >= sdk.AZURE_OPENAI_NAME_WORDS and not ENV_NAME.match(variable):
                return f"read from {variable}, an Azure OpenAI setting"
        return None


# ML003's examples of a client built from run-time data (t64a)
_DATA_APPLIED = (
    "import os\n"
    "\n"
    "from openai import OpenAI\n"
    "\n"
    "\n"
    "def make(cred):\n"
    "    return OpenAI(\n"
    '        api_key=os.environ.get("ACME_API_KEY", "unset")\n'
    '        if not cred.get("api_base")\n'
    "        else (\n"
    '            cred.get("api_key")\n'
    "            or (\n"
    '                os.environ.get("ACME_API_KEY", "unset")\n'
    '                if str(cred.get("api_base")).rstrip("/").lower()\n'
    "                in (\n"
    '                    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
    '                    .rstrip("/")\n'
    "                    .lower(),\n"
    '                    "https://api.acme.example/v1",\n'
    "                )\n"
    '                else cred.get("api_key")\n'
    "            )\n"
    "        ),\n"
    '        base_url=cred.get("api_base")\n'
    '        or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
    "    )\n"
)
_DATA_WORDS = (
    "its base URL and key come first from run-time data the tool cannot see "
    '(`cred.get("api_base")`, `cred.get("api_key")`: what the program hands it, '
    "such as records of its database): requests reach Acme Cloud only where that "
    "data is empty or already Acme Cloud's; where stored records hold OpenAI's "
    "URL, key or models, change them in the data: the URL to "
    "https://api.acme.example/v1, the key to an Acme Cloud key (as ACME_API_KEY "
    "holds), and the model names stored with them to Acme Cloud's"
)


class ClientCustomEndpoint(PythonRule):
    """A client pointed somewhere other than OpenAI: left alone, and said so.

    ## What it does
    Finds OpenAI clients whose `base_url` is a provider already, the application's own
    server or proxy, or a value computed at run time.

    ## Why
    A base URL someone set on purpose is not migrated blindly. The value is followed where the
    module shows it: one written right after the construction (`c = OpenAI()`, then
    `c.base_url = URL`, before anything uses the client), a name or an attribute of `self`
    (whatever its name) assigned once in the class using it, `x or URL`, `x if c else URL`,
    `URL if c else x`, a parameter's or a class field's default with what the module's calls
    (`C(...)`, `cls(...)`) pass for it; a URL there
    that is not OpenAI's (`self.api_url = api_base or "https://api.x.ai/v1"`, a parameter's
    `api_base="https://api.lingyiwanwu.com/v1"`) says where it points, and
    such a client is left, its key too (a None passed for it: no fallback key). A base URL from
    another module (`config.api_base`) gets the provider's URL as its fallback, but the key it
    is given none: that module may name another service. A setting a config module of the
    project binds once at its level (`config.openrouter_api_base`, or the name imported from
    there), to an environment read with a URL as its default or to `obj.get("key", URL)`
    (`config_yaml.get("openrouter_api_base", "https://openrouter.ai/api/v1")`), is
    followed to that default where the client's module does not assign it
    (`config_tables.module_settings`): another service's leaves the client as it is (a note),
    the provider's says it points there already; None or OpenAI's, as above. A read of an
    entry of a table of defaults another module of the project holds (shell_gpt's
    `cfg.get("API_BASE_URL")`, `cfg`
    an object of a dict class built from `DEFAULT_CONFIG` there: `config_tables`), also through
    a name, is followed to the entry's default: where that is the provider's URL, or a read of
    a variable with it as its default (or with such a read as its default, the program's own
    variable first), the client already points there (a note; manual where the class also
    takes values from a file it reads, which may still hold OpenAI's); where it is OpenAI's,
    the warning says which default to change, and no fallback is added (it would never run).
    A choice with a None branch (`None if base_url == "default" else base_url`,
    `sentinel_branch`) stays a warning whatever the default, here or in another module: the
    program's settings may hold that value (shell_gpt's file, written before the switch, holds
    "default"), and the SDK then sends the key to OpenAI; apply makes that branch read the
    provider's variable where the choice is the call's `base_url=`, or the `"base_url"`
    entry of a dict display it is given as `**kwargs` (bound once, used only there, with an
    `"api_key"` entry: edited in the dict) (review; a key the program hands the client falls
    back to the provider's variable only where that branch is taken or the other branch is
    the provider's URL, the test, the other branch and the key read again: `key or (<provider's
    key> if base_url == "default" or base_url == <provider's URL> else key)`; where one runs
    code of the program, manual), else the warning says to. A
    `get` of the project's that raises where the value is empty (`table_reads.raising_read`)
    never returns None: no fallback, and no "OPENAI_API_KEY when that is None"; nor does a
    read of a variable not named like OpenAI's with a string default, also through a name
    bound to it once (`HOST = os.getenv("EMBEDDING_BINDING_HOST", URL)`: it points where
    that default does), nor a key read with `os.environ[X]`. When
    it is computed at run time, the person who knows the configuration must check where it points
    (the program's own server needs no change). Where that value may be None (a setting, a
    parameter, `cfg["base_url"]`), the SDK then uses OpenAI's URL: `apply` keeps the value and adds
    the provider's URL for that case, and for a key the program hands the client, the provider's
    variable in its place where the URL is empty (a key given with no URL was meant for
    OpenAI's: langroid's placeholder or OPENAI_API_KEY went to DeepSeek, t59g) and when the key
    is empty where the URL is the provider's variable read: `<KEY_VAR read> if not url else
    (key or (<KEY_VAR read> if url == <BASE_URL_VAR read> else key))`; a key never empty where
    the client is built, or one beside another module's URL setting, `<KEY_VAR read> if not
    url else key`; a server the configuration names keeps the key it gives, t58b D2; a URL or
    key that is code the program runs, `kw.pop("api_key")`, leaves the client to you) (review);
    where the URL and the key are what the function is handed (`run_time_data`: a read of a
    parameter, `credential.get("api_base")`, or a parameter the module's callers hand one;
    MaxKB's credential rows, t64a), the finding also says they come first from data the tool
    cannot see, and once the fallback is written (by apply or by hand) the client stays a
    warning (manual, data `run_time_data`) until that data is changed and recorded: a stored
    OpenAI URL and key still reach OpenAI; not where the
    module shows the value is always a string
    (gpt_academic's `base_url = table[m]["endpoint"].replace(...)`, `set_values.always_set`): a
    fallback there would never run, so the client is left to you (a warning). So is one whose
    function shows its base URL or key never empty where it is built, on every path to it
    (`set_on_paths`: an earlier `if not KEY: raise`, a URL each branch leaves a non-empty
    string, VideoLingo's `if 'v1' not in base_url: base_url = base_url.strip('/') + '/v1'`),
    the key one the program hands it: the URL, the key and the model of its requests are the
    program's own settings, named with the file a config module reads them from, to be set to
    the provider's together (`settings_clients`); such fallbacks already written (`base_url or
    os.environ.get(BASE_VAR, URL)`) get the same warning. A client whose base URL and key are
    what methods named for OpenAI's base URL and key return, called with no argument (devika's
    `config.get_openai_api_base_url()` and `config.get_openai_api_key()`, which read
    config.toml's `API_ENDPOINTS.OPENAI` and `API_KEYS.OPENAI`; also through names bound once
    to them: `settings_clients.getter_reads`), is told to set them to the provider's where the
    program's settings hold them (ML502 reports such a file), not the provider's key variable,
    which it never reads, and how to record that done (t61d D2). A key so shown beside a URL
    that may be None gets no fallback of its own; a key `X or None` (or
    `X or ""`) is read as X, the `or None` dropped. A client given no key (the SDK reads
    OPENAI_API_KEY) or a literal one is left alone. A key
    only a server of one's own takes (`"ollama"`, `"lm-studio"`: `local_servers`), or a URL on
    the machine the program runs on (`http://localhost:11434/v1`), written or as the default of
    a read (`kwargs.pop("api_key", "ollama")`, `cfg.get(k, URL)`, `os.getenv(X, URL)`), or a key
    as the last fallback an earlier statement of the function assigns to the attribute passed
    (mem0's `self.config.api_key = self.config.api_key or "lm-studio"`), says
    the run-time URL is that server: a note, the client and its models left. So does a URL a
    library gives of the server it runs on this machine (`local_servers.LOCAL_MANAGERS`:
    Foundry Local's `FoundryLocalManager(...).endpoint`), whatever key the client is given. A
    value that falls back to a read of OpenAI's base-URL variable with no default (camel's
    `self._url = url or os.environ.get("OPENAI_API_BASE_URL")`) gets no second fallback:
    ML401 gives that read the provider's URL as its default (with a key read from OpenAI's
    variable, the key rules switch both and nothing is reported here); a key the program
    hands that client that may be None (`api_key=key`: the SDK would send OPENAI_API_KEY to
    the provider) gets the provider's variable as its fallback, `key or
    os.environ.get(KEY_VAR, "unset")` (review: read so that an empty key with the variable
    unset does not raise where the client is built, as the SDK took it), and one that
    cannot be so extended (`key if key is not None else default_key()`) leaves the client
    and that read as they are (a warning). A key named for OpenAI (`self.openai_key`) is taken for
    the OpenAI key and gets no fallback, unless the module shows it holds only a class field of
    the project whose default reads OPENAI_API_KEY (`RunFacts.openai_key_fields`: xiaogpt's
    `Config.openai_key`, passed as `cls(openai_key=config.openai_key)`), which ML401 makes read
    the provider's variable: the key and the base URL then move together. Nor does one that
    may be another endpoint's (`"https://api.x.ai/v1" if remote else None`): the provider's
    key would go there. A run-time base URL, or the key beside it, named for another service
    (`service_keys`: `TOGETHER_API_KEY`, `model_settings.fireworks_api_key`, also through the
    names the function assigns and a method of the class returning it; `settings.
    together_base_url`) makes the client that service's: a note, left with no fallback (letta's
    Together client sent DeepSeek's key to Together where TOGETHER_API_KEY was unset, t55c). A
    fallback to the provider's key already written (`key or os.environ.get(KEY_VAR, ...)`) on a
    client whose key or base URL is so named (a literal URL by its host too), or whose URL is
    another provider's, is an error (manual) that keeps `check` red.
    Where the client sends the provider's key, or the value reads the provider's variable, it
    cannot be meant for OpenAI: the finding says to make sure it names the provider wherever it
    is set. A client reading both from the provider's own variables (its key and base-URL
    variables, those its file lists under `detect.env_vars`) is migrated already: a note
    (where the URL's read has no default, it says the SDK uses OpenAI's URL while it is
    unset). So is one pointed at the provider by hand through its own settings: a base URL
    that reads the provider's base-URL setting by name (`base_url or self.envs[
    "ARK_BASE_URL"]`, not a read of the variable with no default) and a key that reads its key
    setting (`key = api_key or self.envs["ARK_API_KEY"]`) which the function shows is never
    empty where the client is built (`if not key: raise ...`: `set_on_paths`), so the SDK
    never falls back to OPENAI_API_KEY (pdf2zh fixed by hand, t52f).
    A client reading the v1 module setting (`base_url=openai.base_url`, as `apply`
    writes for openai<1.0 code) is not reported: that setting is OpenAI's unless the code sets
    it, and ML103 reports where it does.
    A client whose every request is to an API the provider does not serve is left as it is,
    base URL and key, as ML001 leaves one (a warning, manual: DocsGPT's embeddings-only and
    transcription-only clients on Moonshot); so is OpenAI's URL or variable it is given
    (ML402, ML401).
    A client pointed at the provider already by the base URL its `**mapping` holds, where the
    mapping may hold a key but shows none (`OpenAI(**kwargs)` after
    `kwargs.setdefault("base_url", URL)`), reads OPENAI_API_KEY where the caller gives no
    key (or None): apply writes `if not kwargs.get("api_key") and str(kwargs["base_url"])
    .rstrip("/").lower() in (URL, ...): kwargs["api_key"] = os.environ[KEY_VAR]` right before
    it (a warning, review; `kwargs_fill.key_fill`: tied to the base URL the function writes,
    in any case, with or without a trailing slash, or spelled as the provider's file lists,
    so a caller passing its own gets none of the provider's key), or leaves that to a person
    (manual) where it cannot.
    A client pointed at the provider whose key is None where the program's value is empty
    (`written_none`: `api_key=cfg_key or None`, `"" or None`, `None`, `x if c else None`; t59a)
    sends OPENAI_API_KEY there too: a warning (data `key_when_none`); apply reads the
    provider's key variable in place of the `None` written in the argument (safe), and leaves
    one written elsewhere (`cfg_key = ... or None`) to a person, its line named (manual).
    A client pointed at the provider (by hand, or `url or "<provider URL>"`) whose key is a
    parameter naming OpenAI, or `self.X` set from one (`create_client(openai_api_key, ...)`,
    `handed_openai_key`), is an error (manual), as ML001 reports such a key before the client
    points there: its callers, in modules this one does not show, may hand it an OpenAI key
    (screenshot-to-code's request field `openAiApiKey`, carried through two modules), which
    would go to the provider. With a base URL chosen at run time, the warning says to give the
    provider's URL and key together, not the URL alone. A name of another module
    (`settings.OPENAI_API_KEY`, whose read ML401 renames) is not such a key. Where the URL may
    still be None and the key is such a name, while the URL is None that key (the provider's
    once its read is renamed) goes to OpenAI: where the other module binds the name to a read
    of OpenAI's key variable alone (`RunFacts.openai_key_settings`: `OPENAI_API_KEY =
    os.environ.get("OPENAI_API_KEY")`, which ML401 renames), apply gives the URL the
    provider's fallback as it does any URL that may be None (`base_url=url or
    os.environ.get(BASE_VAR, URL)`; a warning, review), so the key and URL move together;
    else (the key computed there, `... or load_key()`) the warning is an error (manual).
    A client whose base URL is chosen at run time and whose key is read from an environment
    variable the program names at run time (`os.environ.get(key_env)`,
    `os.environ.get(provider_cfg.api_key_env)`), or whose key and base URL are both read on
    one entry of the program's own services (`custom.api_key`, `custom.base_url`: an object
    named for a provider or a custom one), neither naming OpenAI, is the user's configured
    service (gptme's `providers test`): a note, the client and its models left, no fallback
    (given the provider's URL, that service's key went to the provider).
    A client (or a URL literal outside one, not one only compared with: `in (..., URL)`, as
    apply's key tie writes each region's URL) already on the provider in another region than
    the run's (`https://api.moonshot.ai/v1`, intl, in a run for cn) says which region to pass
    (`--region intl`), with the provider file's note naming both hosts: a warning where the
    module also holds a client talking to the run's region after apply, else a note (manual).
    Where the module writes the run's region's URL itself as well (TradingAgents' `"qwen"` and
    `"qwen-cn"` entries; not as the default of a read of the provider's base-URL variable, as
    apply writes it), the program serves both regions on purpose: a note for information, no
    region to pass. A client pointed at OpenAI's web app, not its API
    (`base_url="https://chatgpt.com/backend-api"`: `openai_sdk.OPENAI_WEB_HOSTS`), is an error
    (manual): no provider serves it, and it reaches OpenAI whatever the provider.
    A base URL decided at run time that is always given and never OpenAI's (`given_urls`:
    `f"{self.api_url}/v1"`, `kwargs.get("api_base", "https://api.siliconflow.cn/v1")`) is a
    note (data `given`: why), the client and its requests left (t64a: MaxKB's vLLM client),
    only where its host is what the function is handed (a parameter no call of the module
    hands OpenAI's URL, `self.X` set from one, `credential.get(...)`; not an environment
    read nor a settings value), its key is handed or a literal (not OpenAI's variable, not
    none), and no request through it sends OpenAI's model or the provider's; elsewhere the
    warning above, its key read not renamed.
    """

    code = "ML003"
    name = "client-custom-endpoint"
    category = "client"
    severity = Severity.NOTE
    fix = FixClass.MANUAL
    examples = (
        Example(
            'from openai import OpenAI\nc = OpenAI(base_url="http://localhost:8000/v1")\n',
            message="OpenAI() points at http://localhost:8000/v1, not OpenAI; left as it is",
        ),
        # t64a: MaxKB's vLLM whisper client, its host the program's settings
        Example(
            "from openai import OpenAI\n\n\n"
            "def transcriber(host, key):\n"
            '    return OpenAI(api_key=key, base_url=f"{host}/v1")\n',
            provider="acme",
            message='OpenAI() takes its base URL from `f"{host}/v1"` at run time, always given '
            "(an f-string whose host is the program's own) and never OpenAI's; left as it is",
            after="from openai import OpenAI\n\n\n"
            "def transcriber(host, key):\n"
            '    return OpenAI(api_key=key, base_url=f"{host}/v1")\n',
        ),
        # t58d: screenshot-to-code's factory, pointed at the provider by hand; its callers
        # hand it the key a request's `openAiApiKey` field carries
        Example(
            "from openai import OpenAI\n\n\n"
            "def create_client(openai_api_key, openai_base_url):\n"
            "    return OpenAI(\n"
            '        api_key=openai_api_key, base_url=openai_base_url or "https://api.acme.example/v1"\n'
            "    )\n",
            provider="acme",
            message="OpenAI() points at Acme Cloud, but its key `openai_api_key`, a parameter "
            "(line 4), names OpenAI, so its callers may hand it an OpenAI key (a user's, or a "
            "request's field named for OpenAI), which would go to Acme Cloud: make every caller "
            "give it "
            "Acme Cloud's key (ACME_API_KEY; a key a user types must be asked for as Acme "
            "Cloud's), then rename `openai_api_key` where it is set and read, by hand",
        ),
        # t52f D4: pdf2zh's translator pointed at Doubao by hand, its key checked first
        Example(
            "import openai\n\n\nclass Chat:\n"
            '    envs = {"ACME_BASE_URL": "https://api.acme.example/v1", "ACME_API_KEY": None}\n\n'
            "    def __init__(self, base_url=None, api_key=None):\n"
            '        key = api_key or self.envs["ACME_API_KEY"]\n'
            "        if not key:\n"
            '            raise ValueError("ACME_API_KEY is missing")\n'
            "        self.client = openai.OpenAI(\n"
            '            base_url=base_url or self.envs["ACME_BASE_URL"], api_key=key\n'
            "        )\n",
            provider="acme",
            message='OpenAI() takes its base URL from `base_url or self.envs["ACME_BASE_URL"]` '
            "and its key from `key`, which read Acme Cloud's settings (ACME_BASE_URL, "
            "ACME_API_KEY), the key never empty where it is built (line 9): pointed at Acme "
            "Cloud by hand; left as it is",
        ),
        # t52e: VideoLingo's settings, never empty where its client is built
        Example(
            "from openai import OpenAI\n\nfrom settings import get\n\n\n"
            "def ask(prompt):\n"
            '    if not get("key"):\n'
            '        raise ValueError("no key")\n'
            '    url = get("url")\n'
            '    if "v1" not in url:\n'
            '        url = url.rstrip("/") + "/v1"\n'
            '    client = OpenAI(api_key=get("key"), base_url=url)\n'
            '    return client.chat.completions.create(model=get("model"), messages=[])\n',
            provider="acme",
            message="OpenAI() takes its base URL from `url` (never empty where it is built: "
            'lines 10, 11) and its key from `get("key")` (never empty there: line 7): a '
            "fallback to Acme Cloud's would never run, so apply leaves it; they and its model "
            "(`get(\"model\")`) are the program's own settings: set all three to Acme Cloud's "
            "together (base URL https://api.acme.example/v1, an Acme Cloud key, an Acme Cloud "
            "model: acme-large, acme-medium, acme-small); an Acme Cloud key set there alone "
            "would go to whatever base URL is set beside it; once they are set, record that "
            "with `# migrate-llm: ignore[ML003]` at the end of this line (or in a `check "
            "--baseline` file), as check cannot see what the program's settings hold",
            after="from openai import OpenAI\n\nfrom settings import get\n\n\n"
            "def ask(prompt):\n"
            '    if not get("key"):\n'
            '        raise ValueError("no key")\n'
            '    url = get("url")\n'
            '    if "v1" not in url:\n'
            '        url = url.rstrip("/") + "/v1"\n'
            '    client = OpenAI(api_key=get("key"), base_url=url)\n'
            '    return client.chat.completions.create(model=get("model"), messages=[])\n',
        ),
        # t61d D2: devika's client, given what its Config's getters read from config.toml
        Example(
            "from openai import OpenAI\n\nfrom settings import Config\n\n"
            "config = Config()\n"
            "client = OpenAI(\n"
            "    api_key=config.get_openai_api_key(), base_url=config.get_openai_api_base_url()\n"
            ")\n",
            provider="acme",
            message="OpenAI() takes its base URL from `config.get_openai_api_base_url()` at run "
            "time (OpenAI's when that is None) and its key from `config.get_openai_api_key()` "
            "(OPENAI_API_KEY when that is None); make sure they are Acme Cloud's "
            "(https://api.acme.example/v1, and an Acme Cloud key) where the program's settings "
            "hold them (`config.get_openai_api_base_url()` and `config.get_openai_api_key()` "
            "read them; ML502 reports a settings file of the project holding OpenAI's) in place "
            "of OpenAI's; a server of your own needs no change; once they are, record "
            "that with `# migrate-llm: ignore[ML003]` at the end of this line (or in a `check "
            "--baseline` file), as check cannot see what the program's settings hold",
        ),
        # t49e: DocsGPT's transcription-only client, which Moonshot cannot serve (here
        # reading OpenAI's key variable itself: `unserved_clients._reads_openai_key`)
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\nclass STT:\n"
            "    def __init__(self, url=None):\n"
            '        self.url = url or "https://api.openai.com/v1"\n'
            "        self.client = OpenAI(\n"
            '            api_key=os.getenv("OPENAI_API_KEY"), base_url=self.url\n'
            "        )\n\n"
            "    def run(self, f):\n"
            '        return self.client.audio.transcriptions.create(model="whisper-1", file=f)\n',
            provider="acme",
            message="OpenAI() takes its base URL from `self.url` at run time; its only requests "
            "are audio, which Acme Cloud does not serve: apply leaves it (base URL and key); "
            "keep it on OpenAI or point it at a provider that serves audio, with that "
            "provider's key, by hand",
            after="import os\n\nfrom openai import OpenAI\n\n\nclass STT:\n"
            "    def __init__(self, url=None):\n"
            '        self.url = url or "https://api.openai.com/v1"\n'
            "        self.client = OpenAI(\n"
            '            api_key=os.getenv("OPENAI_API_KEY"), base_url=self.url\n'
            "        )\n\n"
            "    def run(self, f):\n"
            '        return self.client.audio.transcriptions.create(model="whisper-1", file=f)\n',
        ),
        Example(
            "import os\nfrom openai import OpenAI\n"
            'c = OpenAI(api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"))\n',
            provider="acme",
            message="OpenAI() already points at Acme Cloud",
        ),
        # t59a D2: a key of the program's settings, None where empty
        Example(
            "from openai import OpenAI\n\n\ndef make(key):\n"
            '    return OpenAI(api_key=key or None, base_url="https://api.acme.example/v1")\n',
            provider="acme",
            message="OpenAI() already points at Acme Cloud, but its key `key or None` may be "
            "None, and the SDK then sends OPENAI_API_KEY in its place: the OpenAI key would go "
            "to Acme Cloud; apply reads ACME_API_KEY in place of that None",
            after="import os\n\nfrom openai import OpenAI\n\n\ndef make(key):\n"
            "    return OpenAI(\n"
            '        api_key=key or os.environ["ACME_API_KEY"],\n'
            '        base_url="https://api.acme.example/v1",\n'
            "    )\n",
        ),
        Example(
            'from openai import OpenAI\n\n\ndef make():\n    return OpenAI(base_url="https://api.acme.example/v1")\n',
            provider="acme",
            message="OpenAI() already points at Acme Cloud, but takes its key from "
            "OPENAI_API_KEY: the OpenAI key would go to Acme Cloud; apply passes api_key from "
            "ACME_API_KEY",
            after="import os\n\nfrom openai import OpenAI\n\n\ndef make():\n"
            '    return OpenAI(\n        api_key=os.environ["ACME_API_KEY"], '
            'base_url="https://api.acme.example/v1"\n    )\n',
        ),
        Example(
            "import os\nfrom openai import OpenAI\n"
            'c = OpenAI(api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ["ACME_BASE_URL"])\n',
            provider="acme",
            message="OpenAI() reads its base URL from ACME_BASE_URL and its key from "
            "ACME_API_KEY, Acme Cloud's variables: migrated",
        ),
        Example(
            "from openai import OpenAI\nc = OpenAI(base_url=settings.llm_url)\n",
            provider="acme",
            message="OpenAI() takes its base URL from `settings.llm_url` at run time (OpenAI's "
            "when that is None) and its key from OPENAI_API_KEY; make sure they are Acme "
            "Cloud's (https://api.acme.example/v1, the key from ACME_API_KEY) in place of "
            "OpenAI's; a server of your own needs no change",
        ),
        Example(
            "import json\nfrom openai import OpenAI\n\ncfg = json.load(open('config.json'))\n"
            'c = OpenAI(base_url=cfg["base_url"], api_key=cfg.get("api_key"))\n',
            provider="acme",
            message='OpenAI() takes its base URL from `cfg["base_url"]` at run time (OpenAI\'s '
            'when that is None) and its key from `cfg.get("api_key")` (OPENAI_API_KEY when '
            "that is None); for Acme Cloud it falls back to ACME_BASE_URL (default "
            "https://api.acme.example/v1), its key ACME_API_KEY where no URL is given, in place "
            "of `cfg.get(\"api_key\")` (given for OpenAI's URL, it must not go to Acme Cloud's), "
            'and ACME_API_KEY when `cfg.get("api_key")` is empty where the URL given is '
            "Acme Cloud's (its variable's value or its URL in any spelling); another server "
            "keeps the key the program gives it, which must be an Acme Cloud key on Acme Cloud's "
            "URL",
            after="import json\nimport os\nfrom openai import OpenAI\n\n"
            "cfg = json.load(open('config.json'))\nc = OpenAI(\n"
            '    base_url=cfg["base_url"]\n'
            '    or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    api_key=os.environ.get("ACME_API_KEY", "unset")\n'
            '    if not cfg["base_url"]\n'
            "    else (\n"
            '        cfg.get("api_key")\n'
            "        or (\n"
            '            os.environ.get("ACME_API_KEY", "unset")\n'
            '            if str(cfg["base_url"]).rstrip("/").lower()\n'
            "            in (\n"
            '                os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '                .rstrip("/")\n'
            "                .lower(),\n"
            '                "https://api.acme.example/v1",\n'
            "            )\n"
            '            else cfg.get("api_key")\n'
            "        )\n"
            "    ),\n)\n",
        ),
        # t64a: MaxKB's clients, built from credential rows an admin saves in its database
        Example(
            "from openai import OpenAI\n\n\ndef make(cred):\n"
            '    return OpenAI(api_key=cred.get("api_key"), base_url=cred.get("api_base"))\n',
            provider="acme",
            message='OpenAI() takes its base URL from `cred.get("api_base")` at run time '
            '(OpenAI\'s when that is None) and its key from `cred.get("api_key")` '
            "(OPENAI_API_KEY when that is None); for Acme Cloud it falls back to ACME_BASE_URL "
            "(default "
            "https://api.acme.example/v1), its key ACME_API_KEY where no URL is given, in place "
            "of `cred.get(\"api_key\")` (given for OpenAI's URL, it must not go to Acme Cloud's), "
            'and ACME_API_KEY when `cred.get("api_key")` is empty where the URL given is '
            "Acme Cloud's (its variable's value or its URL in any spelling); another server "
            "keeps the key the program gives it, which must be an Acme Cloud key on Acme Cloud's "
            f"URL; {_DATA_WORDS}",
            after=_DATA_APPLIED,
        ),
        # t64a: the same once applied: a stored OpenAI URL and key still reach OpenAI
        Example(
            _DATA_APPLIED,
            provider="acme",
            message="OpenAI() falls back to Acme Cloud's base URL only where "
            f'`cred.get("api_base")` is empty: {_DATA_WORDS}; once they are, record that with '
            "`# migrate-llm: ignore[ML003]` at the end of this line (or in a `check --baseline` "
            "file), as check cannot see what the program's data holds",
        ),
        Example(
            "import os\nfrom openai import OpenAI\n"
            'c = OpenAI(base_url=settings.url, api_key=os.environ["ACME_API_KEY"])\n',
            provider="acme",
            message="OpenAI() takes its base URL from `settings.url` at run time (OpenAI's when "
            "that is None); for Acme Cloud it falls back to ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
            after="import os\nfrom openai import OpenAI\nc = OpenAI(\n    base_url=settings.url\n"
            '    or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    api_key=os.environ["ACME_API_KEY"],\n)\n',
        ),
        Example(
            "import os\nfrom openai import OpenAI\n"
            'c = OpenAI(base_url=settings.url, api_key=os.environ["LLM_KEY"])\n',
            provider="acme",
            message="OpenAI() takes its base URL from `settings.url` at run time (OpenAI's when "
            "that is None); for Acme Cloud it falls back to ACME_BASE_URL (default "
            "https://api.acme.example/v1); LLM_KEY must hold an Acme Cloud key",
        ),
        Example(
            'import os\n\nfrom openai import OpenAI\n\nURL = "https://api.acme.example/v1"\n\n\n'
            "def make(base_url=None):\n"
            '    base_url = base_url or os.getenv("ACME_BASE_URL", URL)\n'
            '    return OpenAI(api_key=os.environ["ACME_API_KEY"], base_url=base_url)\n',
            provider="acme",
            message="OpenAI() already points at Acme Cloud",
        ),
        Example(
            'from openai import OpenAI\nc = OpenAI()\nc.base_url = "http://localhost:8000/v1"\n',
            provider="acme",
            message="OpenAI() points at http://localhost:8000/v1, not OpenAI; left as it is",
        ),
        # MoneyPrinterTurbo's ModelScope branch (t52k)
        Example(
            "from openai import OpenAI\n\n\ndef client_for(provider, key, url):\n"
            '    if provider == "groq":\n        return OpenAI(api_key=key, base_url=url)\n',
            provider="acme",
            message="OpenAI() takes its base URL from `url` at run time in the branch `if provider "
            "== \"groq\"`, the client the program builds for 'groq', not OpenAI; left as it is",
        ),
        # t55c: letta's Together client, its key read from Together's variable
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\n"
            "def together(endpoint, api_key=None):\n"
            "    if not api_key:\n"
            '        api_key = os.environ.get("TOGETHER_API_KEY")\n'
            "    return OpenAI(api_key=api_key, base_url=endpoint)\n",
            provider="acme",
            message="OpenAI() takes its base URL from `endpoint` at run time and its key from "
            "`api_key` (`os.environ.get(\"TOGETHER_API_KEY\")` on line 8), named for 'together': "
            "the client the program builds for that service, not OpenAI; left as it is (no "
            "fallback to ACME_API_KEY: Acme Cloud's key would go to that service)",
        ),
        # t55c: letta's Azure client, its key and base URL returned by a method as a pair
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\nclass Resource:\n"
            "    def _resolve(self, api_key, base_url):\n"
            '        return api_key or os.environ.get("AZURE_API_KEY"), base_url\n\n'
            "    def client(self, api_key=None, base_url=None):\n"
            "        api_key, base_url = self._resolve(api_key, base_url)\n"
            "        return OpenAI(api_key=api_key, base_url=base_url)\n",
            provider="acme",
            message="OpenAI() takes its base URL from `base_url` at run time and its key from "
            "`api_key` (`os.environ.get(\"AZURE_API_KEY\")` on line 8), named for 'azure': the "
            "client the program builds for its Azure OpenAI resource; apply leaves it, with no "
            "fallback to ACME_API_KEY (Acme Cloud's key would go to that resource, or its key to "
            "Acme Cloud): move it to Acme Cloud by hand, its key from ACME_API_KEY and its base "
            "URL from ACME_BASE_URL together, or keep it on Azure",
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\n"
            "def together(endpoint, api_key=None):\n"
            "    if not api_key:\n"
            '        api_key = os.environ.get("TOGETHER_API_KEY")\n'
            "    return OpenAI(\n"
            '        api_key=api_key or os.environ.get("ACME_API_KEY", "unset"),\n'
            "        base_url=endpoint\n"
            '        or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    )\n",
            provider="acme",
            message="OpenAI() may send ACME_API_KEY (Acme Cloud's key) with a key named for "
            '\'together\', `api_key or os.environ.get("ACME_API_KEY", "unset")` '
            '(`os.environ.get("TOGETHER_API_KEY")` on line 8): the client is that service\'s, and '
            "so is its base URL: Acme Cloud's key would go there; take ACME_API_KEY and "
            "ACME_BASE_URL out of this client by hand",
        ),
        Example(
            "from openai import OpenAI\n\n\nclass Bot:\n"
            '    def __init__(self, key, url="https://llm.example.net/v1"):\n'
            "        self.key = key\n        self.url = url\n\n"
            "    def client(self):\n"
            "        return OpenAI(api_key=self.key, base_url=self.url)\n",
            provider="acme",
            message="OpenAI() points at https://llm.example.net/v1, not OpenAI; left as it is",
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\ndef make(key=None, base=None):\n"
            '    return OpenAI(api_key=key, base_url=base or os.getenv("OPENAI_BASE_URL"))\n',
            provider="acme",
            message='OpenAI() takes its base URL from `base or os.getenv("OPENAI_BASE_URL")`, '
            "which apply points at Acme Cloud (ACME_BASE_URL), and its key from `key` "
            "(OPENAI_API_KEY when that is None); for Acme Cloud its key is ACME_API_KEY where "
            "`base` is empty, in place of `key` (given for OpenAI's URL, it must not go to Acme "
            "Cloud's), and ACME_API_KEY when `key` is empty where `base` is Acme Cloud's (its "
            "variable's value or its URL in any spelling); another server keeps the key the "
            "program gives it, which must be an Acme Cloud key on Acme Cloud's URL",
            after="import os\n\nfrom openai import OpenAI\n\n\ndef make(key=None, base=None):\n"
            "    return OpenAI(\n"
            '        api_key=os.environ.get("ACME_API_KEY", "unset")\n'
            "        if not base\n"
            "        else (\n"
            "            key\n"
            "            or (\n"
            '                os.environ.get("ACME_API_KEY", "unset")\n'
            '                if str(base).rstrip("/").lower()\n'
            "                in (\n"
            '                    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '                    .rstrip("/")\n'
            "                    .lower(),\n"
            '                    "https://api.acme.example/v1",\n'
            "                )\n"
            "                else key\n"
            "            )\n"
            "        ),\n"
            '        base_url=base or os.getenv("OPENAI_BASE_URL"),\n    )\n',
        ),
        Example(
            "from openai import OpenAI\n\n\ndef local(url):\n"
            '    return OpenAI(base_url=url, api_key="lm-studio")\n',
            provider="acme",
            message="OpenAI() takes its base URL from `url` at run time and the key "
            "'lm-studio', which only a server of your own takes (OpenAI refuses it); left as "
            "it is",
        ),
        Example(
            "from openai import OpenAI\n\n\ndef ollama(**kwargs):\n"
            '    base_url = kwargs.pop("base_url", "http://localhost:11434/v1")\n'
            '    api_key = kwargs.pop("api_key", "ollama")\n'
            "    return OpenAI(base_url=base_url, api_key=api_key)\n",
            provider="acme",
            message="OpenAI() takes its base URL from `base_url` at run time "
            "(http://localhost:11434/v1 by default, a server of your own) and the key 'ollama' "
            "by default, which only a server of your own takes (OpenAI refuses it); left as it "
            "is",
        ),
        Example(
            "from foundry_local import FoundryLocalManager\nfrom openai import OpenAI\n\n"
            'manager = FoundryLocalManager("phi-4-mini")\n'
            "c = OpenAI(base_url=manager.endpoint, api_key=manager.api_key)\n",
            provider="acme",
            message="OpenAI() takes its base URL from `manager.endpoint`, the server Foundry "
            "Local runs on this machine (a server of your own, whatever key it is given); left "
            "as it is",
        ),
        # t51d: shell_gpt's "default" setting, which its file written before the switch holds
        Example(
            "import os\n\nfrom openai import OpenAI\n\n"
            'url = os.getenv("API_BASE_URL", "https://api.acme.example/v1")\n'
            "c = OpenAI(\n"
            '    api_key=os.environ["ACME_API_KEY"],\n'
            '    base_url=None if url == "default" else url,\n'
            ")\n",
            provider="acme",
            message='OpenAI() takes its base URL from `None if url == "default" else url` at '
            'run time, None (OpenAI\'s URL) where `url == "default"`; for Acme Cloud apply '
            "makes that branch read ACME_BASE_URL (default https://api.acme.example/v1)",
            after="import os\n\nfrom openai import OpenAI\n\n"
            'url = os.getenv("API_BASE_URL", "https://api.acme.example/v1")\n'
            "c = OpenAI(\n"
            '    api_key=os.environ["ACME_API_KEY"],\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '    if url == "default"\n'
            "    else url,\n"
            ")\n",
        ),
        # t55 h1: simonw/llm's model classes, their key the one they declare
        Example(
            "import openai\n\n\nclass Model:\n"
            '    key_env_var = "OPENAI_API_KEY"\n\n'
            "    def client(self, url=None):\n"
            "        return openai.OpenAI(api_key=self.get_key(), base_url=url)\n",
            provider="acme",
            message="OpenAI() takes its base URL from `url` at run time (OpenAI's when none is "
            "set) and its key from `self.get_key()`, the key its class declares in "
            '`key_env_var = "OPENAI_API_KEY"` of Model (line 5), which apply cannot move: this '
            "client still sends OpenAI's key to OpenAI; for Acme Cloud declare ACME_API_KEY "
            "there and give the client Acme Cloud's base URL where none is set (read from "
            "ACME_BASE_URL, default https://api.acme.example/v1), together, by hand",
        ),
        # t51f: gptme's `providers test` of a custom provider
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\ndef check(base_url, key_env):\n"
            "    key = os.environ.get(key_env)\n"
            "    return OpenAI(api_key=key, base_url=base_url)\n",
            provider="acme",
            message="OpenAI() takes its base URL from `base_url` and its key from "
            "`os.environ.get(key_env)`, a variable the program names at run time: the settings "
            "of a service the program's user configures (neither is OpenAI's); left as it is: "
            "configure Acme Cloud there if it should reach it",
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\n"
            'eu = OpenAI(api_key=os.environ["ACME_API_KEY"], base_url="https://eu.acme.example/v1")\n'
            "c = OpenAI()\n",
            provider="acme",
            message="OpenAI() already points at Acme Cloud, in its region eu "
            "(https://eu.acme.example/v1); this run is for https://api.acme.example/v1, where "
            "apply points the clients it moves and ACME_BASE_URL defaults to: pass --region eu "
            "(apply and check) to keep the program on one of them",
        ),
        Example("from openai import OpenAI\nc = OpenAI()\n", finds=False),
        Example(
            "import openai\nc = openai.OpenAI(api_key=openai.api_key, base_url=openai.base_url)\n",
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        client = self.ctx.constructed_client(node)
        if client is None or client.azure:
            return
        endpoint = endpoint_of(self.ctx, node)
        if endpoint.kind == "openai" or self._module_setting(node):
            return
        self._account_ids(node, endpoint)
        unserved = unserved_only(self.ctx, node)
        if unserved is not None and unserved_left(self.ctx, node) and self.provider is not None:
            self.report(
                node,
                f"{client.cls}() takes its base URL from "
                f"`{self.snippet(cast(cst.BaseExpression, setting(self.ctx, node, 'base_url')))}`"
                f" at run time; {unserved_words(self.provider, unserved, self.ctx.rules.openai)}",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={
                    "client": client.cls,
                    "endpoint": endpoint.kind,
                    "unserved": list(unserved),
                    **shut_down_data(self.ctx.rules.openai, unserved),
                },
            )
            return
        key = setting(self.ctx, node, "api_key")
        if (
            self.provider is not None
            and isinstance(key, cst.Attribute)
            and key.attr.value in embeddings_fields(self.ctx)
        ):
            self.report(
                node,
                f"{client.cls}() takes its key from `{self.snippet(key)}`, a field of the "
                f"module's OpenAI embeddings configuration, which {self.provider.name} does not "
                "serve (ML401 leaves it on OpenAI): apply leaves this client with it; point "
                "both at a provider that serves embeddings, with that provider's key, by hand",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={"client": client.cls, "endpoint": endpoint.kind, "unserved": ["embeddings"]},
            )
            return
        held = held_field(self.ctx, key) if isinstance(key, cst.BaseExpression) else None
        if (
            self.provider is not None
            and held is not None
            and key is not UNKNOWN_SETTING
            and endpoint.kind == "dynamic"
        ):
            shown = self.snippet(cast(cst.BaseExpression, key))
            self.report(
                node,
                f"{client.cls}() takes its base URL from {self._base_url_words(node)} at run "
                f"time; {held_field_advice(self.ctx, shown, held)}",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={"client": client.cls, "endpoint": endpoint.kind, "held_field": held[0]},
            )
            return
        if (
            endpoint.kind == "dynamic"
            and setting(self.ctx, node, "api_key") is not None
            and falls_back_to_openai(self.ctx, node)
        ):
            key = chain_key(self.ctx, node)
            if key is not None and self._chain_switched(node):
                self._chain_fallback(node, client, key)
                return
            if key is None and unswitched_key(self.ctx, node) is None:
                return  # OpenAI's URL and variables and a key passed: the key rules switch them
        if self._declared_key(node, client, endpoint):
            return
        self._report(node, client, endpoint)

    def _account_ids(self, node: cst.Call, endpoint: Endpoint) -> None:
        """`organization=` / `project=` (OpenAI's account ids, `ACCOUNT_KWARGS`) given to a
        client that goes to the target: one pointing at it (by default at least), or one
        whose base URL is chosen at run time and falls back to OpenAI's, which apply points
        at the target. The SDK sends them as headers to whatever host the client calls
        (XAgent's `organization=` from its config, t64d); apply leaves a client it does not
        move (ML001 drops them where it does), so a person removes them (manual)."""
        target = self.provider
        if target is None or not self.ctx.rules.switching or azure_target(self.ctx.rules):
            return
        to_target = endpoint.kind == "provider" and (
            endpoint.provider is not None and endpoint.provider.id == target.id
        )
        if to_target or (endpoint.kind == "dynamic" and falls_back_to_openai(self.ctx, node)):
            self._report_account_ids(node, to_target)

    def _report_account_ids(self, node: cst.Call, to_target: bool) -> None:
        """`_account_ids`' findings, once a client: `to_target`, it points at the target."""
        target = self.provider
        if target is None or id(node) in self._accounts_said:
            return
        self._accounts_said.add(id(node))
        headers = {what: header for what, header in sdk.ACCOUNT_ENV_HEADERS.values()}
        for arg in node.args:
            if arg.keyword is None or arg.keyword.value not in sdk.ACCOUNT_KWARGS:
                continue
            if isinstance(arg.value, cst.Name) and arg.value.value == "None":
                continue
            name = arg.keyword.value
            where = "" if to_target else " where no base URL is given (apply points it there)"
            self.report(
                arg.keyword,
                f"{name}= is OpenAI's account id, which the SDK sends as the {headers[name]} "
                f"header with every request of this client, to {target.name} too{where}: remove "
                "it, or give it only where the client talks to OpenAI, by hand",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={"param": name},
            )

    @functools.cached_property
    def _accounts_said(self) -> set[int]:
        return set()

    def _declared_key(self, node: cst.Call, client: ClientInfo, endpoint: Endpoint) -> bool:
        """Report a client whose base URL is chosen at run time (OpenAI's when none is set)
        and whose key is the one its class declares as OpenAI's (`class_keys`: llm's
        `get_client()` giving `self.get_key(key)`, `key_env_var = "OPENAI_API_KEY"`): apply
        can move neither, so requests still reach OpenAI with OpenAI's key (an error), and
        whether it did."""
        target = self.provider
        if (
            target is None
            or not self.ctx.rules.switching
            or endpoint.kind != "dynamic"
            or endpoint.local_manager is not None
            or endpoint.configured is not None
            or endpoint.branch is not None
            or endpoint.local_key is not None
            or endpoint.local_url is not None
        ):
            return False
        keys = settings_written(self.ctx, node, "api_key")
        part = next(
            (p for key in keys for p in passed_keys(self.ctx, key) if class_key(self.ctx, p)),
            None,
        )
        if part is None:
            return False
        behind = keys_behind(self.ctx, part)
        declared = behind[0]
        line = self.ctx.line_label(self.ctx.position(declared.value)[0][0])
        where = f'`{declared.name} = "{declared.variable}"` of {declared.owner.name.value}'
        if len(behind) > 1:
            where += f" ({line}) and {len(behind) - 1} more of its family"
        else:
            where += f" ({line})"
        self.report(
            node,
            f"{client.cls}() takes its base URL from {self._base_url_words(node)} at run time "
            f"(OpenAI's when none is set) and its key from `{self.snippet(part)}`, the key its "
            f"class declares in {where}, which apply cannot move: this client still "
            f"sends OpenAI's key to OpenAI; for {target.name} declare {target.api_key_env} "
            f"there{alias_renamed(self.ctx, declared, target)} and give the client "
            f"{target.name}'s base URL where none is set (read "
            f"from {target.base_url_env}, default {self.ctx.rules.base_url}), together, by "
            "hand",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={
                "client": client.cls,
                "endpoint": endpoint.kind,
                "key_declared_in": declared.name,
                "variable_from": declared.variable,
            }
            | ({"key_alias_in": alias.name} if (alias := alias_of(declared.owner)) else {}),
        )
        return True

    def _base_url_words(self, node: cst.Call) -> str:
        """`base` of `base_url=base` as a message shows it (the program's, where unseen)."""
        value = setting(self.ctx, node, "base_url")
        if isinstance(value, cst.BaseExpression) and value is not UNKNOWN_SETTING:
            return f"`{self.snippet(value)}`"
        return "the program"

    def _chain_switched(self, node: cst.Call) -> bool:
        """Whether ML401 (or ML402) points the end of the client's chain of `or`s at the
        provider: not where its value goes with a key that stays OpenAI's elsewhere
        (`url_left`). Left, the chain stays OpenAI's, and the provider's key must not go
        there."""
        from migrate_llm.rules.base_url_reads import url_left  # it imports this module

        value = setting(self.ctx, node, "base_url")
        operands = _or_operands(self.ctx, value) if isinstance(value, cst.BaseExpression) else None
        if not operands:
            return False
        return not url_left(self, env_names(self.ctx), operands[-1])

    def _chain_fallback(self, node: cst.Call, client: ClientInfo, key: cst.BaseExpression) -> None:
        """Report a client whose base URL `apply` points at the provider through the chain
        of `or`s it ends in, and give the key the program hands it (`chain_key`) the
        provider's variable where it is empty: None there, the SDK would send OPENAI_API_KEY
        to the provider."""
        target = self.provider
        plan = client_plan(self.ctx.rules, client.is_async, self.ctx.key_tolerant(node))
        arg = keyword(node, "api_key")
        assert target is not None and plan is not None and arg is not None
        shown = self.ctx.code(key)
        value = cast(cst.BaseExpression, setting(self.ctx, node, "base_url"))
        read = _after_given_key(target, plan.args["api_key"])
        text = f"{shown} or {read}"
        operands = _or_operands(self.ctx, value) or []
        given = operands[0] if len(operands) == 2 else None
        shown_key = self.snippet(key)
        must = f"{article(target.name)} {target.name} key"
        said = (
            f"it falls back to {target.api_key_env} when `{shown_key}` is empty (on any server "
            f"the client is pointed at); it must be {must}"
        )
        if given is not None and _plain_value(given, key):
            # the provider's key where the chain ends at the provider's URL; the server the
            # caller names gets the key it gives
            url = self.ctx.code(given)
            tie = url_tie(target, self.ctx.rules.base_url or "", url, plan.args["base_url"])
            text = provider_key_tied(read, shown, f"not {url}", tie)
            said = (
                f"its key is {target.api_key_env} where `{self.snippet(given)}` is empty, in "
                f"place of `{shown_key}` (given for OpenAI's URL, it must not go to "
                f"{target.name}'s), and {target.api_key_env} when `{shown_key}` is empty where "
                f"`{self.snippet(given)}` is {target.name}'s {url_spellings_words(target)}; "
                "another server keeps the key the program gives it, which must be "
                f"{must} on {target.name}'s URL"
            )
        edit = Edit(self.ctx.span(arg.value), text, (IMPORT_OS,))
        data: dict[str, object] = {
            "client": client.cls,
            "endpoint": "dynamic",
            "program_key": shown,
        }
        self.report(
            node,
            f"{client.cls}() takes its base URL from `{self.snippet(value)}`, which apply points "
            f"at {target.name} ({target.base_url_env}), and its key from `{shown_key}` "
            f"(OPENAI_API_KEY when that is None); for {target.name} {said}",
            severity=Severity.WARNING,
            edit=edit,
            fix=FixClass.REVIEW,
            data=data,
        )

    def _takes_openai_key(self, node: cst.Call, client: ClientInfo) -> bool:
        """Whether an SDK client reads OPENAI_API_KEY: given no key (no `api_key=`, no
        `**mapping` that may hold one, none set right after it is built), not Azure's."""
        return (
            not client.azure
            and setting(self.ctx, node, "api_key") is None
            and "api_key" not in written_after(self.ctx, node)
        )

    def _none_key(
        self, node: cst.Call, client: ClientInfo, head: str
    ) -> tuple[str, Edit | None, FixClass] | None:
        """For a client pointed at the target whose key as written is None where a value is
        empty (`written_none`: `api_key=cfg_key or None`, t59a's ChatDev settings), not
        Azure's: the SDK then sends OPENAI_API_KEY to the target. Apply writes a read of the
        target's key variable in place of a `None` written in the `api_key=` argument; one
        written elsewhere (a name bound to `x or None`) is left to a person."""
        arg = keyword(node, "api_key")
        target = self.provider
        if client.azure or arg is None or target is None or not self._only_target(node):
            return None
        found = written_none(self.ctx, arg.value)
        if found is None:
            return None
        none, inside = found
        read = key_expr(target, self.ctx.key_tolerant(node))
        edit = Edit(self.ctx.span(none), read, (IMPORT_OS,)) if inside else None
        given = (
            "is given the key None"
            if none is arg.value
            else (f"its key `{self.snippet(arg.value)}` may be None")
        )
        said = (
            f"{head} already points at {target.name}, but {given}, and the SDK then sends "
            f"OPENAI_API_KEY in its place: the OpenAI key would go to {target.name}"
        )
        if edit is not None:
            return (
                f"{said}; apply reads {target.api_key_env} in place of that None",
                edit,
                FixClass.SAFE,
            )
        line = self.ctx.position(none)[0][0]
        return (
            f"{said}; make the None on line {line} a read of {target.api_key_env}, by hand",
            None,
            FixClass.MANUAL,
        )

    def _only_target(self, node: cst.Call) -> bool:
        """Whether the client's base URL is the target's alone: not a choice (`x or <the
        target's URL>`, `x if c else y`, also through a name bound to one), whose other
        branch may name another service, which a fallback to the target's key must not reach
        (`settings.router_url or ...`: its key stays the program's)."""
        url = setting(self.ctx, node, "base_url")
        if (
            url is not None
            and url is not _UNKNOWN
            and (isinstance(url, cst.Name) or self_attribute(url))
        ):
            url = _held(self.ctx, url) or url
        return not isinstance(url, (cst.BooleanOperation, cst.IfExp))

    def _mapping_key(
        self, node: cst.Call, client: ClientInfo, head: str
    ) -> tuple[str, Edit | None, FixClass] | None:
        """For a client pointed at the target whose `**mapping` may hold no key (the
        caller's `**kwargs`), none set right after it is built, not Azure's: the guarded key
        entry apply writes before it (`kwargs_fill.mapping_key_fix`); None otherwise."""
        from migrate_llm.rules.kwargs_fill import mapping_key_fix  # it imports this module

        if (
            client.azure
            or setting(self.ctx, node, "api_key") is not UNKNOWN_SETTING
            or "api_key" in written_after(self.ctx, node)
        ):
            return None
        assert self.provider is not None
        return mapping_key_fix(self.ctx, node, head, ("api_key",), ("base_url",), self.provider)

    def _target_url_held(self, node: cst.Call) -> bool:
        """`OpenAI(**self._client_params)`, settings a property of another module builds, in
        a class whose methods set the attribute such settings take the base URL from to `... or
        <read of the target's base-URL variable> or self.<it>`: the target's URL when that is
        set, else the class default (pandas-ai's `self.api_base`, `BaseOpenAI.api_base` in
        base.py, whose own finding covers it: t54g D3). Nothing is left at the client."""
        target = self.provider
        spread = next((a for a in node.args if a.star == "**"), None)
        owner = class_of(self.ctx, node)
        if target is None or spread is None or owner is None or not self_attribute(spread.value):
            return False
        for found in assignments(owner):
            if len(found.targets) != 1 or not isinstance(found.value, cst.BooleanOperation):
                continue
            held = found.targets[0].target
            if not (
                self_attribute(held)
                and isinstance(held, cst.Attribute)
                and held.attr.value in _BASE_URL_FIELDS
                and isinstance(found.value.operator, cst.Or)
            ):
                continue
            operands = _or_chain(found.value)
            last = operands[-1]
            reads = [env_var_read(self.ctx, o) for o in operands[:-1]]
            if (
                any(r is not None and r[0] == target.base_url_env for r in reads)
                and isinstance(last, cst.Attribute)
                and self_attribute(last)
                and last.attr.value == held.attr.value
            ):
                return True
        return False

    def _module_setting(self, node: cst.Call) -> bool:
        """`base_url=openai.base_url`: the v1 module setting, OpenAI unless set elsewhere
        (where ML103 reports the assignment). `apply` writes it for openai<1.0 code."""
        value = setting(self.ctx, node, "base_url")
        return (
            isinstance(value, cst.Attribute)
            and value.attr.value == "base_url"
            and "openai.base_url" in self.ctx.qualnames(value)
        )

    def _report(self, node: cst.Call, client: ClientInfo, endpoint: Endpoint) -> None:
        head = f"{client.cls}()"
        target = self.provider
        data: dict[str, object] = {"client": client.cls, "endpoint": endpoint.kind}
        if self._target_key_elsewhere(node, head, endpoint, data):
            return
        if endpoint.local_manager is not None:
            said = (
                f"{head} takes its base URL from {endpoint.detail}, the server "
                f"{endpoint.local_manager} runs on this machine (a server of your own, whatever "
                "key it is given); left as it is"
            )
            data["local_server"] = endpoint.local_manager
            self.report(node, said, fix=FixClass.NONE, data=data)
            return
        if endpoint.configured is not None:
            data["configured"] = True
            said = configured_message(head, endpoint.detail, endpoint.configured, target)
            self.report(node, said, fix=FixClass.NONE, data=data)
            return
        if endpoint.branch is not None and endpoint.local_key is None and not endpoint.local_url:
            service, test = endpoint.branch
            data["service"] = service
            said = (
                f"{head} takes its base URL from {endpoint.detail} at run time in the branch "
                f"`if {test}`, the client the program builds for {service!r}, not OpenAI; "
                "left as it is"
            )
            self.report(node, said, fix=FixClass.NONE, data=data)
            return
        if endpoint.service is not None:
            self._service_client(node, head, endpoint, endpoint.service, data)
            return
        if endpoint.given is not None:
            said = (
                f"{head} takes its base URL from {endpoint.detail} at run time, always given "
                f"({endpoint.given}) and never OpenAI's; left as it is"
            )
            data["given"] = endpoint.given
            self.report(node, said, fix=FixClass.NONE, data=data)
            return
        if endpoint.local_key is not None or endpoint.local_url is not None:
            said = f"{head} takes its base URL from {endpoint.detail} at run time"
            if endpoint.local_url is not None:
                said += f" ({endpoint.local_url} by default, a server of your own)"
                data["url"] = endpoint.local_url
            if endpoint.local_key is not None:
                key, defaulted = endpoint.local_key
                said += (
                    f" and the key {key!r}{' by default' if defaulted else ''}, which only a "
                    "server of your own takes (OpenAI refuses it)"
                )
            self.report(node, f"{said}; left as it is", fix=FixClass.NONE, data=data)
            return
        if endpoint.kind in ("provider", "custom") and endpoint.detail:
            data["url"] = endpoint.detail
        if endpoint.kind == "provider" and endpoint.provider is not None:
            owner = endpoint.provider
            data["endpoint_provider"] = owner.id
            if target is not None and owner.id == target.id:
                if self._openai_fallback(node, head, data):
                    return
                if self._handed_openai_key(node, head, owner, data):
                    return
                if self._takes_openai_key(node, client):
                    message, edit, fix = openai_key_fix(self.ctx, node, head, "api_key", target)
                    self.report(
                        node, message, severity=Severity.WARNING, fix=fix, edit=edit, data=data
                    )
                    return
                found = self._none_key(node, client, head)
                if found is not None:
                    message, edit, fix = found
                    data["key_when_none"] = "OPENAI_API_KEY"
                    self.report(
                        node, message, severity=Severity.WARNING, fix=fix, edit=edit, data=data
                    )
                    return
                found = self._mapping_key(node, client, head)
                if found is not None:
                    message, edit, fix = found
                    self.report(
                        node, message, severity=Severity.WARNING, fix=fix, edit=edit, data=data
                    )
                    return
                if self._other_region(node, head, endpoint, data):
                    return
                if self._dead_fallbacks(node, head, data):
                    return
                if self._data_first(node, head, data):
                    return
                said, fix = f"{head} already points at {owner.name}", FixClass.NONE
                if endpoint.table is not None:
                    data["table"] = _table_data(endpoint.table)
                    tail = table_file_words(self.ctx, endpoint.table)
                    said += f" by default: {table_words(self.ctx, endpoint.table)}{tail}"
                    fix = FixClass.MANUAL if tail else FixClass.NONE
                self.report(node, said, fix=fix, data=data)
            elif target is not None:  # not OpenAI: nothing `check` needs to stop
                by_default = self._set_elsewhere(endpoint, data)
                self.report(
                    node,
                    f"{head} points at {owner.name}{by_default}, not {target.name}; left as it is",
                    data=data,
                )
            else:
                self.report(
                    node,
                    f"{head} points at {owner.name}; left as it is",
                    fix=FixClass.NONE,
                    data=data,
                )
        elif (
            endpoint.kind == "custom"
            and self.ctx.rules.switching
            and sdk.openai_web_host(endpoint.detail)
        ):
            # ChatGPT's web backend through the SDK: OpenAI all the same, and no provider
            # serves its paths
            where = f"{target.name}'s base URL" if target else "the provider's base URL"
            data["host"] = sdk.openai_web_host(endpoint.detail)
            self.report(
                node,
                f"{head} points at {endpoint.detail}, OpenAI's web app, not its API: no provider "
                "serves it, and it reaches OpenAI whatever the provider; remove it, or point it "
                f"at {where} with its key by hand",
                severity=Severity.ERROR,
                data=data,
            )
        elif endpoint.kind == "custom":
            by_default = self._set_elsewhere(endpoint, data)
            self.report(
                node,
                f"{head} points at {endpoint.detail}{by_default}, not OpenAI; left as it is",
                fix=FixClass.NONE,
                data=data,
            )
        else:
            value = setting(self.ctx, node, "base_url")
            if self._migrated_by_hand(node, value, endpoint, head, data):
                return
            if self._guarded_by_hand(node, value, head, data):
                return
            source = endpoint.detail
            if not source and value is not None:
                source = f"`{self.snippet(value)}`"
            if (value is None or value is UNKNOWN_SETTING) and self._target_url_held(node):
                return
            own_settings = own_server_settings(
                self.ctx, _given(value), _given(setting(self.ctx, node, "api_key"))
            )
            if own_settings is not None:
                self.report(
                    node,
                    own_server_message(head, own_settings, target),
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                    data=data,
                )
                return
            key_arg = keyword(node, "api_key")
            if (
                value is not None
                and key_arg is not None
                and not endpoint.variable
                and self._own_settings(node, value, key_arg.value, head, data)
            ):
                return
            key = self._key_words(node)
            if KEY_WHEN_NONE in key:
                data["key_when_none"] = "OPENAI_API_KEY"
            # the value may name the program's own server (a helper's local address): only a
            # URL meant for OpenAI needs the provider's (t66g: "make sure they are MiniMax's
            # ... if it is meant to reach OpenAI" read as if OpenAI were to stay)
            own = "in place of OpenAI's; a server of your own needs no change"
            meant = self._meant_for_target(node, value)
            handed = handed_openai_key(self.ctx, setting(self.ctx, node, "api_key"))
            if target is None:
                tail = "check where it points"
            elif handed is not None:
                # pointed at the provider as the URL alone asks, the OpenAI key a caller may
                # hand it would go there (t58d)
                part, param = handed
                shown = self.snippet(cast(cst.BaseExpression, setting(self.ctx, node, "api_key")))
                tail = (
                    f"{handed_key_words(self.ctx, part, param, shown)}, so its callers may "
                    f"hand it an OpenAI key (a user's, or a request's field named for OpenAI): "
                    f"make sure the URL and the key are {target.name}'s together "
                    f"({target.base_url}, and {target.name}'s key from {target.api_key_env} "
                    f"in every caller, then `{param.value}` renamed where it is set and read) "
                    f"{own}"
                )
                data["openai_key"] = self.ctx.code(part)
                data["openai_key_line"] = handed_key_line(self.ctx, part, param)
            elif meant:
                tail = (
                    f"make sure it names {target.name} ({target.base_url}) wherever it is set: "
                    f"{meant}"
                )
            elif key and (read := self._read_from_file(node, value)) is not None:
                tail = (
                    f"make sure they are {target.name}'s ({target.base_url}, and "
                    f"{article(target.name)} {target.name} key) where {read} {own}; once they are, "
                    f"{record_done(self.code, SETTINGS_UNSEEN)}"
                )
            elif key:
                tail = (
                    f"make sure they are {target.name}'s ({target.base_url}, the key from "
                    f"{target.api_key_env}) {own}"
                )
            else:
                tail = f"make sure it names {target.name} ({target.base_url}) {own}"
            if endpoint.variable is not None:
                data["variable"] = endpoint.variable
            # a name or a setting may hold None (an f-string, a sum or a chain of `or`s that
            # ends in a string never does)
            operands = _or_operands(self.ctx, value) if value is not None else None
            ends_in_text = operands is not None and string_value(operands[-1]) is not None
            # a value the module shows is always a string (gpt_academic's table entry with
            # `.replace()`): a fallback after it would never run
            set_why = always_set(self.ctx, value) if value is not None else None
            held = not ends_in_text and isinstance(
                value, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)
            )
            # a read of the project's table of defaults whose default is OpenAI's: never None
            # there, and a fallback would never run
            route = default_route(self.ctx, value) if value is not None else None
            openai_default = route is not None and (
                route.value is None or classify_url(self.ctx, route.value).kind == "openai"
            )
            if openai_default and route is not None and route.value is not None:
                held = False
            maybe_none = held and set_why is None
            none = " (OpenAI's when that is None)" if maybe_none and not endpoint.variable else ""
            emptied = without_empty_default(value, strings=False) if value is not None else None
            if not none and not endpoint.variable and emptied is not None and emptied is not value:
                # `base or None`: an empty value (a text box left blank) gives the SDK OpenAI's
                # URL; that fallback is what sends, not a hint shown beside the box (t66g)
                none = f" (OpenAI's when `{self.snippet(emptied)}` is empty)"
            if held and set_why is not None and not endpoint.variable:
                none = f" (always set: {set_why}; no fallback is added, it would never run)"
            fallback = None
            # a value that may be another provider's URL keeps the key it is given
            other = value is not None and names_another_endpoint(self.ctx, value)
            if maybe_none and not endpoint.variable and target is not None and not other:
                assert value is not None
                fallback = self._fallback(node, value, client)
            # `None if base_url == "default" else base_url`: the SDK's OpenAI URL where the
            # program's settings hold that value (shell_gpt's file, written before the switch)
            sentinel = None
            if fallback is None and target is not None and value is not None and not maybe_none:
                sentinel = sentinel_branch(self.ctx, value)
            if sentinel is not None:
                none = f", None (OpenAI's URL) {sentinel.where}"
                if sentinel.choice is value and not other:
                    fallback = self._fallback(node, value, client, sentinel.branch)
            if fallback is None and sentinel is not None:
                assert target is not None and value is not None
                self._report_sentinel(
                    node,
                    f"{head} takes its base URL from {source} at run time{none}{key}; {tail}",
                    route,
                    data,
                )
                return
            if fallback is None:
                words = to_openai = ""
                if openai_default and route is not None and target is not None:
                    data["table"] = _table_data(route)
                    suggested = f'os.getenv("{target.base_url_env}", "{self.ctx.rules.base_url}")'
                    words = (
                        f"; by default it is OpenAI's: {table_words(self.ctx, route)}: for "
                        f"{target.name} make that default {suggested}"
                        f"{table_file_words(self.ctx, route)}"
                    )
                if (
                    maybe_none
                    and not endpoint.variable
                    and key
                    and self._imported_key(node)
                    and self._read_from_file(node, value) is None
                ):
                    to_openai = self._key_to_openai()
                    key += to_openai
                self.report(
                    node,
                    f"{head} takes its base URL from {source} at run time{none}{key}; {tail}"
                    f"{words}",
                    # the provider's key, or OpenAI's left as it is, goes to OpenAI's host
                    severity=Severity.ERROR if to_openai else Severity.WARNING,
                    data=data,
                )
                return
            edit, kept, variable, withheld, swapped = fallback
            assert target is not None
            tail = (
                f"for {target.name} it falls back to {target.base_url_env} (default "
                f"{self.ctx.rules.base_url})"
            )
            if sentinel is not None:
                tail = (
                    f"for {target.name} apply makes that branch read {target.base_url_env} "
                    f"(default {self.ctx.rules.base_url})"
                )
                if route is not None:
                    data["table"] = _table_data(route)
            must = f"{article(target.name)} {target.name} key"
            if withheld or kept:
                data["program_key"] = withheld or kept  # apply's Next line names it
            swap = (
                f"{target.api_key_env} in its place where no URL is given (given for OpenAI's "
                f"URL, it must not go to {target.name}'s); "
            )
            if withheld and swapped:
                tail += (
                    f"; `{withheld}` gets no fallback to {target.api_key_env} (the URL is "
                    f"another module's setting and may name another service), {swap}on "
                    f"{target.name}'s URL given it must be {must}"
                )
            elif withheld:
                tail += (
                    f"; `{withheld}` gets no fallback to {target.api_key_env} (the URL is "
                    "another module's setting and may name another service): where that URL is "
                    f"empty it must be {must}"
                )
            elif swapped:
                tail += f"; {variable}: {swap}on {target.name}'s URL given it must be {must}"
            elif kept and sentinel is not None:
                tail += (
                    f", its key {target.api_key_env} on that branch in place of `{kept}` (given "
                    f"for OpenAI's URL, it must not go to {target.name}'s), and "
                    f"{target.api_key_env} when `{kept}` is empty where the other is "
                    f"{target.name}'s {url_spellings_words(target)}; another "
                    f"server keeps the key the program gives it, which must be {must} on "
                    f"{target.name}'s URL"
                )
            elif kept:
                tail += (
                    f", its key {target.api_key_env} where no URL is given, in place of `{kept}` "
                    f"(given for OpenAI's URL, it must not go to {target.name}'s), and "
                    f"{target.api_key_env} when `{kept}` is empty where the URL given is "
                    f"{target.name}'s {url_spellings_words(target)}; another server keeps "
                    f"the key the program gives it, which must be {must} on {target.name}'s URL"
                )
            elif variable != target.api_key_env:
                tail += f"; {variable} must hold {must}"
            elif (renamed := self._renamed_key(node)) is not None:
                tail += (
                    f": its key {renamed} is {target.name}'s once apply renames its read to "
                    f"{target.api_key_env}, which went to OpenAI while the URL was None"
                )
            stored = self._data_pair(node) if sentinel is None else None
            if stored is not None:
                # the fallbacks run only where the data is empty: what it holds is the user's
                data["run_time_data"] = stored
                shown = ", ".join(f"`{p}`" for p in stored)
                base_url = self.ctx.rules.base_url or target.base_url
                tail += f"; {data_words(target, base_url, shown)}"
            self.report(
                node,
                f"{head} takes its base URL from {source} at run time{none}{key}; {tail}",
                severity=Severity.WARNING,
                edit=edit,
                fix=FixClass.REVIEW,
                data=data,
            )
            if sentinel is None:  # apply points it at the target where no URL is given
                self._report_account_ids(node, to_target=False)

    def _data_pair(self, node: cst.Call) -> list[str] | None:
        """The code of the base URL and the key a client takes first from run-time data
        (`run_time_data.data_value`: a read of a parameter, such as a stored credential's
        `credential.get("api_base")`, or a parameter the module's callers hand one), the URL
        alone or the first of a chain of `or`s (`base_url or <read of the provider's base-URL
        variable>`, as apply's fallback writes it), the key as given or in apply's fallback
        for it; None where either is not (an environment read, a setting, a key of the
        provider's variable)."""
        value = setting(self.ctx, node, "base_url")
        key = setting(self.ctx, node, "api_key")
        if value is None or value is _UNKNOWN or key is None or key is _UNKNOWN:
            return None
        first = (_or_operands(self.ctx, value) or [value])[0]
        if first is _EARLIER or not data_value(self.ctx, first):
            return None
        keys = data_parts(self.ctx, key)
        if not keys:
            return None
        return list(dict.fromkeys(self.ctx.code(p) for p in (first, *keys)))

    def _data_first(self, node: cst.Call, head: str, data: dict[str, object]) -> bool:
        """Report a client pointed at the target only through a fallback that runs where its
        base URL from run-time data is empty (`base_url or <read of the provider's base-URL
        variable>`, as apply writes it), its key from run-time data too (`_data_pair`): a
        stored OpenAI URL and key still reach OpenAI (t64a: MaxKB's credential rows). Whether
        it did."""
        target = self.provider
        value = setting(self.ctx, node, "base_url")
        if target is None or value is None or value is _UNKNOWN:
            return False
        if len(_or_operands(self.ctx, value) or []) < 2:
            return False
        stored = self._data_pair(node)
        if stored is None:
            return False
        data["run_time_data"] = stored
        shown = ", ".join(f"`{p}`" for p in stored)
        base_url = self.ctx.rules.base_url or target.base_url
        self.report(
            node,
            f"{head} falls back to {target.name}'s base URL only where `{stored[0]}` is empty: "
            f"{data_words(target, base_url, shown, self.code)}",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=data,
        )
        return True

    def _target_key_elsewhere(
        self, node: cst.Call, head: str, endpoint: Endpoint, data: dict[str, object]
    ) -> bool:
        """Report a client whose key reads the target's key variable (a fallback apply
        once wrote: `api_key or os.environ.get(KEY_VAR)`) while the key, or its base URL, is
        named for another service, or the URL is another provider's: the target's key goes
        to that service (an error; t55c D1). Whether it did."""
        target = self.provider
        key = setting(self.ctx, node, "api_key")
        url = setting(self.ctx, node, "base_url")
        if target is None or not isinstance(key, cst.BaseExpression) or key is _UNKNOWN:
            return False
        fallback = isinstance(key, cst.BooleanOperation) and isinstance(key.operator, cst.Or)
        last = _or_chain(cast(cst.BooleanOperation, key))[-1] if fallback else key
        if not fallback or not reads_variable(self.ctx, last, target.api_key_env):
            return False  # only a fallback (`key or os.environ.get(KEY_VAR)`, apply's)
        given_url = isinstance(url, cst.BaseExpression) and url is not _UNKNOWN
        found = service_key(self.ctx, key)
        owner = None
        if found is None and given_url:
            found = service_url(self.ctx, cast(cst.BaseExpression, url), hosts=True)
        if found is None and endpoint.kind == "provider" and endpoint.provider is not None:
            owner = endpoint.provider if endpoint.provider.id != target.id else None
        if found is None and owner is None:
            return False
        shown_url = f"`{self.snippet(cast(cst.BaseExpression, url))}`" if given_url else "none"
        said = f"{head} may send {target.api_key_env} ({target.name}'s key) "
        if found is not None and found.node in leaves(self.ctx, key):
            data["service"] = found.service
            said += (
                f"with a key named for {found.service!r}, {setting_words(self.ctx, found, key)}: "
                "the client is that service's, and so is its base URL"
            )
        elif found is not None:
            data["service"] = found.service
            shown = setting_words(self.ctx, found, cast(cst.BaseExpression, url))
            said += f"to a base URL named for {found.service!r}, {shown}"
        else:
            assert owner is not None
            data["endpoint_provider"] = owner.id
            said += f"to {owner.name}'s base URL ({shown_url})"
        data["key_variable"] = target.api_key_env
        said += (
            f": {target.name}'s key would go there; take {target.api_key_env} and "
            f"{target.base_url_env} out of this client by hand"
        )
        self.report(node, said, severity=Severity.ERROR, fix=FixClass.MANUAL, data=data)
        return True

    def _service_client(
        self,
        node: cst.Call,
        head: str,
        endpoint: Endpoint,
        found: ServiceSetting,
        data: dict[str, object],
    ) -> None:
        """Report a client whose run-time base URL or key is named for another service
        (`service_keys`): that service's client, left with no fallback (a note)."""
        data["service"] = found.service
        url = setting(self.ctx, node, "base_url")
        key = setting(self.ctx, node, "api_key")
        assert isinstance(url, cst.BaseExpression)
        said = f"{head} takes its base URL from {setting_words(self.ctx, found, url)} at run time"
        if found.node not in leaves(self.ctx, url):
            said = f"{head} takes its base URL from {endpoint.detail} at run time"
            assert isinstance(key, cst.BaseExpression)
            said += f" and its key from {setting_words(self.ctx, found, key)}"
        target = self.provider
        if found.service in RESOURCE_SERVICES and target is not None:
            # OpenAI's models on the program's own resource: still to move, so kept red
            said += (
                f", named for {found.service!r}: the client the program builds for its Azure "
                f"OpenAI resource; apply leaves it, with no fallback to {target.api_key_env} "
                f"({target.name}'s key would go to that resource, or its key to {target.name}): "
                f"move it to {target.name} by hand, its key from {target.api_key_env} and its "
                f"base URL from {target.base_url_env} together, or keep it on Azure"
            )
            self.report(node, said, severity=Severity.WARNING, fix=FixClass.MANUAL, data=data)
            return
        said += (
            f", named for {found.service!r}: the client the program builds for that service, "
            "not OpenAI; left as it is"
        )
        if target is not None:
            said += (
                f" (no fallback to {target.api_key_env}: {target.name}'s key "
                "would go to that service)"
            )
        self.report(node, said, fix=FixClass.NONE, data=data)

    def _openai_fallback(self, node: cst.Call, head: str, data: dict[str, object]) -> bool:
        """Report a client pointed at the target whose key may be a value naming OpenAI
        (`openai_fallback`: `os.environ.get(KEY_VAR, cfg["openai_api_key"])`), and whether
        it did."""
        from migrate_llm.rules.openai_fallback_keys import (
            fallback_data,
            fallback_words,
            openai_fallback,
        )

        key = setting(self.ctx, node, "api_key")
        if key is None or key is _UNKNOWN:
            return False
        found = openai_fallback(self.ctx, key)
        if found is None:
            return False
        data = {**data, **fallback_data(self.ctx, found)}
        said = f"{head} {fallback_words(self.ctx, self.ctx.code(key), found)}"
        self.report(node, said, severity=Severity.ERROR, fix=FixClass.MANUAL, data=data)
        return True

    def _handed_openai_key(
        self, node: cst.Call, head: str, owner: Provider, data: dict[str, object]
    ) -> bool:
        """Report a client pointed at the target whose key is handed in through a parameter
        naming OpenAI (`handed_openai_key`): an error, as ML001 reports it before the client
        points there, and whether it did."""
        key = setting(self.ctx, node, "api_key")
        found = handed_key_finding(self.ctx, head, owner, key)
        if found is None:
            return False
        said, more = found
        self.report(node, said, severity=Severity.ERROR, fix=FixClass.MANUAL, data={**data, **more})
        return True

    def _own_settings(
        self,
        node: cst.Call,
        value: cst.BaseExpression,
        key: cst.BaseExpression,
        head: str,
        data: dict[str, object],
        written: tuple[str | None, str | None] = (None, None),
    ) -> bool:
        """Report a client whose base URL and key are values the program hands it that the
        function shows are never empty where it is built (`set_on_paths.never_empty_at`: an
        earlier `if not X: raise`, a non-empty string on each branch), one of them shown so
        only there (a value always set alone is the warning below), and say whether it did:
        no fallback of the provider's could run, and the URL, key and model are the
        program's own settings, to be set to the provider's together (`settings_clients`).
        `written`: the provider's variables of the fallbacks already written after the URL
        and the key (None where there is none)."""
        target = self.provider
        if target is None:
            return False
        key = without_empty_default(key)
        if not passed_key(self.ctx, key) or names_another_endpoint(self.ctx, value):
            return False
        url_set = always_set(self.ctx, value)
        url_lines = never_empty_at(self.ctx, value, node) if url_set is None else None
        key_lines = never_empty_at(self.ctx, key, node)
        if (url_set is None and not url_lines) or (not url_lines and not key_lines):
            return False
        url_why = f"always set: {url_set}" if url_set else "never empty where it is built"
        if url_lines:
            url_why += f": {lines_words(url_lines)}"
        url_var, key_var = written
        if key_lines:
            key_words = f" and its key from `{self.snippet(key)}` (never empty there: "
            key_words += f"{lines_words(key_lines)})"
        elif key_var is not None:  # that fallback may run, with the key sent to the URL
            key_words = f" and its key from `{self.snippet(key)}` ({key_var} where it is empty)"
        else:
            key_words = self._key_words(node)
            if KEY_WHEN_NONE in key_words:
                data["key_when_none"] = "OPENAI_API_KEY"
        dead = tuple(v for v in (url_var, key_var if key_lines else None) if v is not None)
        data["never_empty"] = [
            n for n, shown in (("base_url", True), ("api_key", bool(key_lines))) if shown
        ]
        base_url = self.ctx.rules.base_url or target.base_url
        words = settings_words(self.ctx, node, target, base_url, (value, key), dead)
        self.report(
            node,
            f"{head} takes its base URL from `{self.snippet(value)}` ({url_why}){key_words}{words}",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=data,
        )
        return True

    def _dead_fallbacks(self, node: cst.Call, head: str, data: dict[str, object]) -> bool:
        """Report a client given `X or <read of the provider's base-URL variable>` (and a key
        `K` or `K or <read of its key variable>`) where the function shows X (or K) is never
        empty where it is built, as `_own_settings` does (an earlier apply wrote those
        fallbacks, which never run: VideoLingo's `check` passed while its requests went to
        the URL of its config.yaml), and say whether it did."""
        target = self.provider
        url_arg, key_arg = keyword(node, "base_url"), keyword(node, "api_key")
        if target is None or url_arg is None or key_arg is None:
            return False
        url, url_var = self._before_read(url_arg.value, target.base_url_env)
        key, key_var = self._before_read(key_arg.value, target.api_key_env)
        if url_var is None:
            return False
        # the URL is the program's value, never the provider's it falls back to
        shown = {**data, "endpoint": "dynamic"}
        for name in ("url", "endpoint_provider"):
            shown.pop(name, None)
        return self._own_settings(node, url, key, head, shown, (url_var, key_var))

    def _before_read(
        self, value: cst.BaseExpression, variable: str
    ) -> tuple[cst.BaseExpression, str | None]:
        """(X, `variable`) for `X or <read of variable>`; (`value`, None) for another."""
        if not isinstance(value, cst.BooleanOperation) or not isinstance(value.operator, cst.Or):
            return value, None
        read = env_var_read(self.ctx, value.right)
        if read is None or read[0] != variable:
            return value, None
        return value.left, variable

    def _report_sentinel(
        self,
        node: cst.Call,
        said: str,
        route: TableRoute | None,
        data: dict[str, object],
    ) -> None:
        """Report a client whose base URL is a choice with a None branch (`sentinel_branch`)
        that apply does not change (`said`: what the message says so far): the advice to make
        that branch read the provider's variable, and where the value reads a table of
        defaults (`route`), what it takes by default and the file its class reads."""
        target = self.provider
        assert target is not None
        suggested = f'os.getenv("{target.base_url_env}", "{self.ctx.rules.base_url}")'
        words = f"; for {target.name} make that branch {suggested}"
        if route is not None:
            data["table"] = _table_data(route)
            taken = "it takes that branch by default: " if route.value is None else ""
            words += f"; {taken}{table_words(self.ctx, route)}{table_file_words(self.ctx, route)}"
        self.report(node, f"{said}{words}", severity=Severity.WARNING, data=data)

    def _other_region(
        self, node: cst.Call, head: str, endpoint: Endpoint, data: dict[str, object]
    ) -> bool:
        """Report a client already pointed at the target in another region than this run's
        (`region_hosts`), and say whether it did: a warning where the module also holds a
        client talking to the run's region after apply, else a note."""
        region = other_region(self.ctx, endpoint.detail)
        if region is None:
            return False
        data["region"] = region
        self._report_region(node, f"{head} already points at", endpoint.detail, region, data, node)
        return True

    def _report_region(
        self,
        node: cst.CSTNode,
        head: str,
        url: str,
        region: str,
        data: dict[str, object],
        client: cst.Call | None,
    ) -> None:
        """Report the target's URL `url` in another `region` than the run's: a note where the
        module writes the run's region's URL too (both served on purpose), else a warning
        where the module holds a client (other than `client`) talking to the run's region
        after apply, a note otherwise."""
        both = run_region_written(self.ctx)
        if both is not None:
            said = both_regions_message(self.ctx, head, url, region, both)
            self.report(node, said, fix=FixClass.NONE, data=data)
            return
        said = region_message(self.ctx, head, url, region)
        severity = Severity.WARNING if run_region_clients(self.ctx, client) else Severity.NOTE
        self.report(node, said, severity=severity, fix=FixClass.MANUAL, data=data)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        """A URL of the target in another region than this run's, outside a client
        construction (which `_other_region` reports): gptme builds its Moonshot client through
        a factory of its own, `OpenAI = _lazy_client_factory("OpenAI")`."""
        if self.provider is None or not self.ctx.rules.switching:
            return
        url = string_value(node)
        if url is None or not url.startswith(("https://", "http://")):
            return
        region = other_region(self.ctx, url)
        if region is None:
            return
        parents = self.ctx.ancestors(node)
        if isinstance(parents[-1], cst.Expr) or any(
            isinstance(p, cst.Call) and self.ctx.constructed_client(p) is not None for p in parents
        ):
            return  # a docstring, or a client construction's (`_other_region`)
        if compared(parents):
            return  # `str(url).rstrip("/").lower() in (..., URL)`: a key tie's test, no client
        data: dict[str, object] = {
            "url": url,
            "endpoint_provider": self.provider.id,
            "region": region,
        }
        self._report_region(node, "this URL points at", url, region, data, None)

    def _set_elsewhere(self, endpoint: Endpoint, data: dict[str, object]) -> str:
        """For a base URL that a setting of a config module gives by default (`setting_endpoint`),
        ` by default (`config.X`, set in config.py)` for a message, the setting in `data`;
        "" for any other."""
        route = endpoint.table
        if route is None:
            return ""
        data["table"] = _table_data(route)
        shown = " ".join(self.ctx.code(route.read).split())
        read = f" from {route.entry.variable}" if route.entry.variable else ""
        return f" by default (`{shown}`, set in {route.entry.shown}{read})"

    def _migrated_by_hand(
        self,
        node: cst.Call,
        value: cst.BaseExpression | None,
        endpoint: Endpoint,
        head: str,
        data: dict[str, object],
    ) -> bool:
        """Report, as a note, a client reading its key and its base URL from the target's own
        variables (`os.environ[...]`, or a read with no default: one whose default is the
        target's URL already points at it), and say whether it did. Those names say the
        provider wherever they are set; a variable of another name, or a run-time default
        (`os.getenv("ZAI_BASE_URL", cfg.url)`), may hold any URL, and stays a warning."""
        target = self.provider
        read = env_var_read(self.ctx, value) if value is not None else None
        if target is None or target.azure is not None or read is None or read[1] is not None:
            return False
        own = target.variables | set(target.region_env.values())
        key = key_variable(self, node)
        if read[0] not in own or key not in own or read[0] == key:
            return False
        data["variable"] = read[0]
        unset = ""
        if not isinstance(value, cst.Subscript):  # `os.environ[X]` stops the program instead
            unset = (
                f"; where {read[0]} is unset the SDK sends the key to OPENAI_BASE_URL or "
                f"OpenAI: set it, or give the read {target.name}'s URL as its default"
            )
        self.report(
            node,
            f"{head} reads its base URL from {read[0]} and its key from {key}, "
            f"{target.name}'s variables: migrated{unset}",
            fix=FixClass.MANUAL if unset else FixClass.NONE,
            data=data,
        )
        return True

    def _guarded_by_hand(
        self,
        node: cst.Call,
        value: cst.BaseExpression | None,
        head: str,
        data: dict[str, object],
    ) -> bool:
        """Report, as a note, a client pointed at the target by hand: a base URL that reads
        the target's base-URL setting by name (`base_url or self.envs["ARK_BASE_URL"]`) and a
        key that reads its key setting (`key = api_key or self.envs["ARK_API_KEY"]`, itself
        or through the one value a name is bound to) and that the function shows is never
        empty where the client is built (`set_on_paths.never_empty_at`: `if not key: raise`
        before it), so the SDK never falls back to OPENAI_API_KEY; and say whether it did."""
        target = self.provider
        key = setting(self.ctx, node, "api_key")
        if target is None or value is None or key is None or key is _UNKNOWN:
            return False
        if target.base_url_env not in self.ctx.code(value):
            return False
        last = (_or_operands(self.ctx, value) or [value])[-1]
        read = env_var_read(self.ctx, last)
        if read is not None and read[1] is None and not isinstance(last, cst.Subscript):
            return False  # None where the variable is unset: the SDK's OpenAI URL (below)
        held = _chain_bound(self.ctx, key) if isinstance(key, cst.Name) else key
        if held is None or target.api_key_env not in self.ctx.code(held):
            return False
        lines = never_empty_at(self.ctx, key, node)
        if not lines:
            return False
        data["never_empty"] = ["api_key"]
        self.report(
            node,
            f"{head} takes its base URL from `{self.snippet(value)}` and its key from "
            f"`{self.snippet(key)}`, which read {target.name}'s settings ("
            f"{target.base_url_env}, {target.api_key_env}), the key never empty where it is "
            f"built ({lines_words(lines)}): pointed at {target.name} by hand; left as it is",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data=data,
        )
        return True

    def _fallback(
        self,
        node: cst.Call,
        value: cst.BaseExpression,
        client: ClientInfo,
        branch: cst.BaseExpression | None = None,
    ) -> tuple[Edit, str, str, str, bool] | None:
        """The edit giving a client whose base URL may be None the provider's URL in that case
        (`base_url=cfg.url or os.environ.get(BASE_VAR, URL)`; with `branch`, the None of the
        choice `value`, that branch replaced: `os.environ.get(BASE_VAR, URL) if base_url ==
        "default" else base_url`), and a key the program hands it
        the provider's variable when that is empty; with the text of that key and "", or ""
        and the variable when the key is read from the provider's variable or the program's
        own (or its code in backticks where it is never empty: `table_reads.raising_read`);
        then the text of a key the program hands it that gets no such fallback, where
        the base URL is another module's setting (`config.openrouter_api_base`): it may name
        another service, and the provider's key must not go there; last, whether a key so left
        (that one, or one never empty) is replaced by the provider's where no URL is given
        (`read if not url else key`, the URL read again): given for OpenAI's URL, it must not go
        to the provider's (t59g). None where the key is
        OpenAI's (none passed, or an `OPENAI_*` read, which ML401 leaves for such a client) or
        a literal, or where either is set on a mapping: pointed at the provider, such a client
        would send OpenAI's key there."""
        plan = client_plan(self.ctx.rules, client.is_async, self.ctx.key_tolerant(node))
        if plan is None or "base_url" not in plan.args or "api_key" not in plan.args:
            return None
        given = _given_pair(self.ctx, node, value)
        if given is None:
            return None  # set elsewhere (a mapping the module does not show whole)
        holder, key_value = given
        key = without_empty_default(key_value)  # `cfg.get("key") or None`: the key is X
        chain = isinstance(key, cst.BooleanOperation) and isinstance(key.operator, cst.Or)
        last = _or_chain(key)[-1] if chain else key  # type: ignore[arg-type]
        kept, variable, withheld, swapped = "", "", "", False
        env = env_var_read(self.ctx, last)
        # another module's read of OpenAI's key that ML401 renames (`settings.OPENAI_API_KEY`):
        # the provider's key after apply, so the URL falls back to the provider's too
        renamed = self.provider is not None and renamed_setting(self.ctx, key) is not None
        if not renamed and left_key_held(self.ctx, passed_keys(self.ctx, key)) is not None:
            return None  # it may hold a key ML401 leaves for Azure: not sent to the target
        if renamed:
            variable = cast(Provider, self.provider).api_key_env
        elif passed_key(self.ctx, last) and raising_read(self.ctx, last) is not None:
            variable = f"`{self.ctx.code(key)}`"  # never empty: a fallback would never run
        elif branch is not None and (
            self._own_key_read(key)
            or (passed_key(self.ctx, last) and not never_empty_at(self.ctx, last, node))
        ):
            # the branch apply points at the provider: a key that may be empty there would let
            # the SDK send OPENAI_API_KEY to it, so it falls back to the provider's, on that
            # branch (or the provider's URL) only; never on the other (s59)
            if _branch_key(value, branch, key) is None:
                return None  # code the program runs cannot be read again to tie them
            kept = self.ctx.code(key)
        elif passed_key(self.ctx, last) and _from_import(self.ctx, _kept_side(value, branch)):
            withheld = self.ctx.code(key)
        elif passed_key(self.ctx, last) and never_empty_at(self.ctx, last, node):
            variable = f"`{self.ctx.code(key)}`"  # tested where it is built: as above
        elif passed_key(self.ctx, last) and branch is None and not _plain_value(value, key):
            # code the program runs (`kw.pop(...)`) cannot be read again to tie the key's
            # fallback to the provider's URL: left to a person (t58b D2)
            return None
        elif passed_key(self.ctx, last):
            kept = self.ctx.code(key)
        elif env is None or ENV_NAME.match(env[0]):
            return None  # OpenAI's key, which ML401 leaves for such a client: not sent there
        else:
            variable = env[0]
        local = [(value, f"{self.ctx.code(value)} or {plan.args['base_url']}")]
        if branch is not None:
            local = [(branch, plan.args["base_url"])]
        if kept:  # in place of the whole key: `X or None` becomes `X or <provider's key>`
            read = plan.args["api_key"]
            if self.provider is not None:
                read = _after_given_key(self.provider, read)
            text = f"{kept} or {read}"
            tied = _branch_key(value, branch, key) if branch is not None else None
            if tied is not None:
                test, other = self.ctx.code(tied[0]), self.ctx.code(tied[1])
                taken = tied[2]
                provider, run_url = cast(Provider, self.provider), self.ctx.rules.base_url or ""
                tie = url_tie(provider, run_url, other, plan.args["base_url"])
                text = provider_key_tied(read, kept, test, tie)
                if not taken:  # the None branch is the `else`: the provider's where `test` fails
                    kept_side = f"{kept} or ({read} if {tie} else {kept})"
                    text = f"({kept_side}) if {test} else {read}"
            elif branch is None:
                # the provider's key where apply gives the provider's URL; on a URL the program
                # names, its key (the provider's only where that is empty and the URL the
                # provider's): a server of its own never gets the provider's (t58b D2)
                url = self.ctx.code(value)
                provider, run_url = cast(Provider, self.provider), self.ctx.rules.base_url or ""
                tie = url_tie(provider, run_url, url, plan.args["base_url"])
                text = provider_key_tied(read, kept, f"not {url}", tie)
            local.append((key_value, text))
        elif branch is None and (withheld or variable.startswith("`")) and _plain_value(value):
            # a key never empty (or one the URL's other module may pair with another service)
            # gets no fallback, but where no URL is given the client now goes to the provider:
            # there the provider's key, never the one given for OpenAI's URL (t59g)
            read = plan.args["api_key"]
            if self.provider is not None:
                read = _after_given_key(self.provider, read)
            url = self.ctx.code(value)
            local.append((key_value, f"{read} if not {url} else {self.ctx.code(key_value)}"))
            swapped = True
        call = self.ctx.span(holder)
        if holder is not node:  # a dict's entries: from the first part edited to the last
            spans = [self.ctx.span(part) for part, _ in local]
            call = Span(min(s.start for s in spans), max(s.end for s in spans))
        edits = []
        for part, text in local:
            span = self.ctx.span(part)
            edits.append(Edit(Span(span.start - call.start, span.end - call.start), text))
        text = apply_edits(self.ctx.text[call.start : call.end], edits)[0]
        return Edit(call, text, (IMPORT_OS,)), kept, variable, withheld, swapped

    def _own_key_read(self, key: cst.BaseExpression) -> bool:
        """Whether the key is a read of a variable of the program's own that gives None where it
        is unset (`os.environ.get("LLM_KEY")`): not OpenAI's, not the provider's, not one that
        raises (`os.environ["LLM_KEY"]`)."""
        env = env_var_read(self.ctx, key)
        target = self.provider
        return (
            env is not None
            and isinstance(key, cst.Call)
            and env[1] is None
            and not ENV_NAME.match(env[0])
            and (target is None or env[0] != target.api_key_env)
        )

    def _meant_for_target(self, node: cst.Call, value: cst.BaseExpression | None) -> str:
        """Why a client's run-time base URL cannot be meant to reach OpenAI (the client sends
        the target's key, or the URL reads the target's variable), in words; "" otherwise."""
        target = self.provider
        if target is None:
            return ""
        if key_variable(self, node) == target.api_key_env:
            return f"the key it sends is {target.name}'s ({target.api_key_env})"
        if value is not None and target.base_url_env in self.ctx.code(value):
            return f"it reads {target.base_url_env}, {target.name}'s variable"
        return ""

    def _read_from_file(self, node: cst.Call, value: cst.BaseExpression | None) -> str | None:
        """Where the program sets a client's base URL and key, where both are settings its
        config module reads from a settings file it loads (`file_setting`): `config.yml sets
        them (openai_api_base, openai_api_key, read in bot/config.py; ML502 reports them)`;
        or what the program's settings getters return (`settings_clients.getter_reads`:
        devika's `config.get_openai_api_key()`); None otherwise (the provider's variables are
        not what it reads)."""
        key = setting(self.ctx, node, "api_key")
        if value is None or key is None or key is _UNKNOWN:
            return None
        base, held = file_setting(self.ctx, value), file_setting(self.ctx, key)
        if base is None or held is None or base.role != "base_url" or held.role != "key":
            return getter_reads(self.ctx, value, key)
        return (
            f"{base.file} sets them ({base.key}, {held.key}, read in {base.shown}; ML502 "
            "reports them there)"
        )

    def _renamed_key(self, node: cst.Call) -> str | None:
        """`` `settings.OPENAI_API_KEY` (`OPENAI_API_KEY` of settings.py) `` where the client's
        key is another module's read of OpenAI's key variable that ML401 renames
        (`renamed_setting`); else None."""
        expr = setting(self.ctx, node, "api_key")
        if expr is None or expr is _UNKNOWN:
            return None
        where = renamed_setting(self.ctx, expr)
        return f"`{self.snippet(expr)}` ({where})" if where is not None else None

    def _imported_key(self, node: cst.Call) -> bool:
        """Whether the client's key is a name another module binds (`settings.OPENAI_API_KEY`
        of `import settings`, or `from settings import OPENAI_API_KEY`): its read, which apply
        may rename to the provider's variable, is not in this module."""
        expr = setting(self.ctx, node, "api_key")
        if isinstance(expr, cst.Attribute):
            expr = expr.value
        if not isinstance(expr, cst.Name):
            return False
        found = self.ctx.bindings(expr)
        return bool(found) and all(
            isinstance(getattr(b, "node", None), (cst.Import, cst.ImportFrom)) for b in found
        )

    def _key_to_openai(self) -> str:
        """What a client given a key by the program sends to OpenAI while its base URL is None
        (a settings module's `os.environ.get("OPENAI_BASE_URL", None) or None`, t58d): the
        provider's key, where apply renames the read the key comes from (in another module,
        which this one does not show)."""
        target = self.provider
        if target is None or not self.ctx.rules.switching:
            return ""
        return (
            f": while the URL is None that key goes to OpenAI, {target.name}'s where apply "
            f"renames its read to {target.api_key_env}"
        )

    def _key_words(self, node: cst.Call) -> str:
        """` and its key from ...` for a client whose key is OpenAI's variable or a value
        that may be None (the SDK then reads OPENAI_API_KEY), empty otherwise: pointed at the
        provider by hand, such a client still sends OpenAI's key (gpt-pilot's and TaskWeaver's
        configs hold `"api_key": null` or `""`)."""
        expr = setting(self.ctx, node, "api_key")
        if expr is None:
            return " and its key from OPENAI_API_KEY"
        if expr is not _UNKNOWN:  # `X or None`: OPENAI_API_KEY where X is empty (not `X or ""`)
            expr = without_empty_default(expr, strings=False)
        if expr is _UNKNOWN or string_value(expr) is not None:
            return ""
        env = env_var_read(self.ctx, expr)
        if env is not None:
            return f" and its key from {env[0]}" if ENV_NAME.match(env[0]) else ""
        if raising_read(self.ctx, expr) is not None:  # never None, so never OPENAI_API_KEY
            named = _reads_environment(self.ctx, expr)  # `cfg.get("OPENAI_API_KEY")`
            return f" and its key from `{self.snippet(expr)}`" if named else ""
        if never_none(self.ctx, expr) or never_empty_at(self.ctx, expr, node):
            return ""  # `os.getenv("X") or ""`: no key, never OpenAI's; or stopped where empty
        field = switched_field(self.ctx, expr)
        if field is not None and self.provider is not None and self.ctx.rules.switching:
            return (
                f" and its key from `{self.snippet(expr)}` ({field}, which apply makes read "
                f"{self.provider.api_key_env})"
            )
        if isinstance(expr, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)) or key_may_be_none(
            self.ctx, expr
        ):
            return f" and its key from `{self.snippet(expr)}` {KEY_WHEN_NONE}"
        return ""


class HardcodedSecret(PythonRule):
    """An API key written into the source.

    ## What it does
    Finds `sk-...` keys in string literals, f-strings and comments, each distinct key of one
    literal or comment once. The key is never shown: messages carry a masked form such as
    `sk-pr…CD`. A key that is unmistakably a placeholder (`sk-xxxxxxxx...`, a tail of x's as
    in `sk-abc123xxx`, a start padded with one repeated character, `sk-your-key-here`, a key
    cut short by `...`) is no secret: silent in comments and docstrings, a note elsewhere.

    ## Why
    A key in code leaks through version control; after a migration it also keeps an OpenAI
    secret alive where a provider key belongs.

    A key of another service by its prefix (Anthropic's `sk-ant-`, OpenRouter's `sk-or-`,
    Langfuse's `sk-lf-`: `secrets.OTHER_SERVICE_KEYS`) is named as that service's, never as
    one for the provider's variable: in test code (a `test...` function, a test file) a note,
    elsewhere an error to read it from the variable the module stores it in or reads it with
    (`os.environ["LANGFUSE_SECRET_KEY"] = "sk-lf-..."`: set it outside the code instead), else
    from the one that service's SDK reads (`ANTHROPIC_API_KEY`). In test code, a key whose body
    holds a stand-in's word (`sk-test-...`: `secrets.STAND_IN_WORDS`) is a note too.

    A bare `sk-` key the code shows going to another service (`key_services`) is an error that
    names where it goes and not the provider's variable, which would send the provider's key
    there: one that reaches only raw HTTP requests (`requests.post(URL, headers=...)`) whose
    URL the module writes with a host neither OpenAI's nor a provider's (Stability AI's
    `api.stability.ai`), or one held in a name that names another service (`stability_api_key`,
    `STABILITY_KEY`: `secrets.SERVICE_NAME_WORDS`) and given to no OpenAI client.

    A string a client's key falls back on (`key_literal_defaults`: an argparse option's
    `default=` read as `args.api_key`, a parameter's default, the fallback of `cfg.get("api_key",
    "...")`, a literal a name or `self.` attribute the key reads is bound to), `sk-` or not, is an
    error (manual), masked: never empty, it wins over the provider's variable that apply reads
    only where the key is empty, and goes to the provider (t53c D2); the message says to read
    that variable in its place, and, where the option's help asks for an OpenAI key, to make it
    ask for the provider's.

    ## Fix
    Safe where the key is a client's `api_key=` or `openai.api_key = ...` (`apply` reads the
    provider's key variable instead); manual elsewhere. Rotate the key either way: it is in
    your history.
    """

    code = "ML004"
    name = "hardcoded-secret"
    category = "secret"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            'from openai import OpenAI\nc = OpenAI(api_key="sk-proj-0123456789abcdefghijKLMN")\n',
            message="hard-coded API key sk-pr…MN; read it from the environment and rotate it",
        ),
        Example(
            'HEADERS = {"Authorization": "Bearer sk-0123456789abcdefghij"}\n',
            provider="acme",
            message="hard-coded API key sk-01…ij; read it from ACME_API_KEY and rotate it",
        ),
        Example("# old key: sk-0123456789abcdefghij0000\n"),
        # t65a: gpt-author's Stability AI key, whose keys start with `sk-` too
        Example(
            "import requests\n\n"
            'image_key = "sk-Zx8Qw2Lm4Np6Rt8Vy0Ab2Cd4Ef6Gh8Ij0Kl2Mn4Op6Qr8St0"\n'
            'r = requests.post("https://api.stability.ai/v1/user", headers={"Authorization": '
            'f"Bearer {image_key}"})\n',
            provider="acme",
            message="hard-coded API key sk-Zx…t0, sent to api.stability.ai, not to OpenAI or "
            "Acme Cloud; read it from an environment variable of its own and rotate it",
        ),
        Example(
            'stability_api_key = "sk-Zx8Qw2Lm4Np6Rt8Vy0Ab2Cd4Ef6Gh8Ij0Kl2Mn4Op6Qr8St0"\n',
            provider="acme",
            message="hard-coded API key sk-Zx…t0 in stability_api_key, named for Stability AI, "
            "not OpenAI or Acme Cloud; read it from an environment variable of its own and "
            "rotate it",
        ),
        Example('key = os.environ["OPENAI_API_KEY"]\nprefix = "sk-"\n', finds=False),
        Example(
            'API_KEY = "sk-your-key-from-the-console"\n',
            provider="acme",
            message="placeholder API key sk-yo…le; the real key belongs in ACME_API_KEY",
        ),
        # t51f: gptme's tests set Anthropic's and OpenRouter's variables to made-up keys
        Example(
            "def test_key(monkeypatch):\n"
            '    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test1234567890")\n',
            provider="acme",
            message="Anthropic API key sk-an…90, another service's key (not OpenAI's) in test "
            "code; left as it is",
        ),
        # t52d: PentestGPT's Langfuse secret, set in the variable Langfuse reads
        Example(
            "import os\n\n"
            'os.environ["LANGFUSE_SECRET_KEY"] = "sk-lf-c24b40ef-8157-44af-a840-6bae2c9358b0"\n',
            provider="acme",
            message="hard-coded Langfuse API key sk-lf…b0, another service's key (not OpenAI's); "
            "set LANGFUSE_SECRET_KEY outside the code instead and rotate it",
        ),
        # t53c D2: ChatPaper's `--api_key` option, its default winning over ACME_API_KEY
        Example(
            "import argparse\n\nfrom openai import OpenAI\n\n"
            "parser = argparse.ArgumentParser()\n"
            'parser.add_argument("--api_key", default="sk-xxxxxxxxxxxx")\n'
            "client = OpenAI(api_key=parser.parse_args().api_key)\n",
            provider="acme",
            message="hard-coded API key sk-xx…xx (the default of --api_key) becomes the key set "
            "on line 7: never empty, it wins over ACME_API_KEY, which is read only where the "
            "key is empty, and goes with the requests; read ACME_API_KEY in its place (`os."
            'environ.get("ACME_API_KEY")`), and rotate it if it is a real key',
        ),
        Example('def f():\n    """Set a key such as sk-0123456789abcdefxxxx."""\n', finds=False),
        Example('# example: API_KEY = "sk-123456789xxxxxxxxxxxxxxxxxxxx"\n', finds=False),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.replaceable: set[int] = set()
        self.joined: set[int] = set()  # parts of a joined literal already looked at
        self.documentation: set[int] = set()  # docstrings: strings standing as statements

    def visit_Call(self, node: cst.Call) -> None:
        if self.ctx.constructed_client(node) is not None:
            arg = keyword(node, "api_key")
            if arg is not None:
                self.replaceable.add(id(arg.value))

    @functools.cached_property
    def dict_keys(self) -> set[int]:
        """The `api_key` values of dicts built for a client's `**` arguments (which `apply`
        edits), wherever they stand: the dict may come before the call. Only computed when
        a secret is found."""
        found: set[int] = set()
        for call in self.ctx.index.constructions:
            kwargs = kwargs_of(self.ctx, call)
            if kwargs is None or kwargs.built is None:
                continue
            if (value := kwargs.entries.get("api_key")) is not None:
                found.add(id(value))
        return found

    def visit_Assign(self, node: cst.Assign) -> None:
        if self.ctx.index.uses_legacy:
            return  # openai<1.0 configuration is not rewritten yet
        for target in node.targets:
            if last_name(target.target) != "api_key":
                continue
            if "openai.api_key" in self.ctx.qualnames(target.target):
                self.replaceable.add(id(node.value))

    def visit_Expr(self, node: cst.Expr) -> None:
        """A string standing as a statement (a docstring) documents the code, as a comment
        does: a placeholder key in it is an example, not a value."""
        value = node.value
        while isinstance(value, cst.ConcatenatedString):
            self.documentation.update((id(value), id(value.left)))
            value = value.right
        if isinstance(value, cst.SimpleString):
            self.documentation.add(id(value))

    def _check(self, node: cst.CSTNode, text: str, *, placed: bool = True) -> None:
        """Report each distinct key in `text`: when `placed` (`text` is `node`'s source), each
        finding ends at its key; else it covers the whole node (a comment, joined literals)."""
        secrets = find_secrets(text)
        if not secrets:
            return
        documents = isinstance(node, cst.Comment) or id(node) in self.documentation
        keys: set[str] = set()
        places: set[tuple[object, ...]] = set()  # a comment's keys share its place
        for match in secrets:
            placeholder = is_placeholder(match)
            if (placeholder and documents) or match.group(0) in keys:
                continue
            keys.add(match.group(0))
            start, end = self._place(node, match) if placed else self.ctx.position(node)
            finding = self._finding(node, match, placeholder, start, end)
            if (start, end, finding.message) not in places:
                places.add((start, end, finding.message))
                self.findings.append(finding)

    def _place(
        self, node: cst.CSTNode, match: re.Match[str]
    ) -> tuple[tuple[int, int], tuple[int, int]]:
        """From the literal's start, where suppression comments and baselines look, to the
        end of its key `match`: two keys of one literal are two findings."""
        start, _ = self.ctx.position(node)
        offset = self.ctx.lines.offset(*start)
        return start, self.ctx.lines.position(offset + match.end())

    def _finding(
        self,
        node: cst.CSTNode,
        match: re.Match[str],
        placeholder: bool,
        start: tuple[int, int],
        end: tuple[int, int],
    ) -> Finding:
        shown = mask(match.group(0))
        replaced = id(node) in self.replaceable or id(node) in self.dict_keys
        data: dict[str, object] = {"secret": shown}
        service = other_service(match) if not replaced else None
        parents = () if isinstance(node, cst.Comment) else self.ctx.ancestors(node)
        test = not replaced and in_test(self.ctx, parents)
        if service is not None:
            name, variable = service
            data["service"] = name
            key = f"{name} API key {shown}, another service's key (not OpenAI's)"
            if test:  # gptme's tests: `"sk-ant-test..."`, `"sk-or-test-..."`
                said = f"{key} in test code; left as it is"
                return self.make_finding(
                    said, start, end, severity=Severity.NOTE, fix=FixClass.NONE, data=data
                )
            # the variable the program stores it in (`os.environ["LANGFUSE_SECRET_KEY"] =
            # ...`), else the one the service's SDK reads
            stored = self._stored_in(node)
            variable = stored[0] if stored else variable
            data["key_env"] = variable
            where = (
                f"set {variable} outside the code instead"
                if stored and stored[1]
                else f"read it from {variable}"
            )
            said = f"hard-coded {key}; {where} and rotate it"
            return self.make_finding(said, start, end, fix=FixClass.MANUAL, data=data)
        if test and not placeholder and stand_in_words(match):
            data["placeholder"] = True
            said = f"test API key {shown}, a stand-in in test code; left as it is"
            return self.make_finding(
                said, start, end, severity=Severity.NOTE, fix=FixClass.NONE, data=data
            )
        if not (replaced or placeholder or isinstance(node, cst.Comment)):
            elsewhere = self._elsewhere(node, shown, data)
            if elsewhere is not None:
                return self.make_finding(elsewhere, start, end, fix=FixClass.MANUAL, data=data)
        where = self.provider.api_key_env if self.provider else "the environment"
        if placeholder:
            data["placeholder"] = True
        if self.provider is not None:
            data["key_env"] = self.provider.api_key_env
        message = (
            f"placeholder API key {shown}; the real key belongs in {where}"
            if placeholder
            else f"hard-coded API key {shown}; read it from {where} and rotate it"
        )
        return self.make_finding(
            message,
            start,
            end,
            severity=Severity.NOTE if placeholder else None,
            fix=FixClass.SAFE if replaced else FixClass.MANUAL,
            data=data,
        )

    def _elsewhere(self, node: cst.CSTNode, shown: str, data: dict[str, object]) -> str | None:
        """The message for a key the code shows going to another service (`key_services`):
        its requests' hosts, or a name holding it that names the service; never the
        provider's variable, which would send the provider's key there."""
        stored = self._stored_in(node)
        name = stored[0] if stored else holder_name(self.ctx, node)
        service = service_named(name) if name else None
        if service is not None and given_to_client(self.ctx, node):
            return None
        hosts = None if service else request_hosts(self.ctx, node)
        if service is None and hosts is None:
            return None
        but = f"OpenAI or {self.provider.name}" if self.provider else "OpenAI"
        if service is not None:
            data["service"] = service
            said = f"hard-coded API key {shown} in {name}, named for {service}, not {but}"
        else:
            data["sent_to"] = hosts
            said = f"hard-coded API key {shown}, sent to {' and '.join(hosts or ())}, not to {but}"
        where = (
            f"set {name} outside the code"
            if stored and stored[1]
            else "read it from an environment variable of its own"
        )
        return f"{said}; {where} and rotate it"

    def _stored_in(self, node: cst.CSTNode) -> tuple[str, bool] | None:
        """The environment variable a literal is stored in or is the default of, where the
        module names it (`os.environ["LANGFUSE_SECRET_KEY"] = "sk-lf-..."`,
        `os.environ.setdefault(NAME, ...)`, `os.getenv(NAME, ...)`), and whether the
        program stores it there; None otherwise."""
        if isinstance(node, cst.Comment):
            return None
        names = env_names(self.ctx)
        access = next((a for a in names.accesses if a.kind == "write" and a.value is node), None)
        if access is None:
            access = next(
                (
                    found
                    for above in reversed(self.ctx.ancestors(node))
                    if (found := names.by_node.get(id(above))) is not None
                ),
                None,
            )
            if access is None or access.kind != "read":
                return None
        variables = sorted(access.names)
        return (variables[0], access.kind == "write") if len(variables) == 1 else None

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        default = key_defaults(self.ctx).get(id(node))
        if default is not None:
            self._key_default(node, default)
            return
        self._check(node, node.value)

    def _key_default(self, node: cst.SimpleString, default: KeyDefault) -> None:
        """A literal a client's key falls back on (`key_literal_defaults`): never empty, it
        wins over the provider's variable and goes with the requests (t53c D2)."""
        shown = mask(string_value(node) or "")
        provider = self.provider
        var = provider.api_key_env if provider is not None else None
        read = (
            f'read {var} in its place (`os.environ.get("{var}")`)'
            if var
            else ("read the key from the environment in its place")
        )
        line = self.ctx.line_label(default.line)
        message = (
            f"hard-coded API key {shown} ({default.what}) becomes the key set on {line}: never "
            f"empty, it wins over {var or 'the key variable'}, which is read only where the key "
            f"is empty, and goes with the requests; {read}, and rotate it if it is a real key"
        )
        if default.help is not None and "openai" in default.help.lower() and provider:
            message += (
                f"; its help asks for an OpenAI key (`{mask_secrets(default.help)}`): make it ask "
                f"for {article(provider.name)} {provider.name} key"
            )
        data: dict[str, object] = {"secret": shown, "default_of": default.what}
        if var is not None:
            data["key_env"] = var
        self.report(node, message, severity=Severity.ERROR, fix=FixClass.MANUAL, data=data)

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        self._check(node, node.value)

    def visit_Module(self, node: cst.Module) -> None:
        # a key in a comment is in the text: the comments are looked for only then
        if "sk-" in self.ctx.text and looks_like_secret(self.ctx.text):
            for comment in self.ctx.comments():
                self._check(comment, comment.value, placed=False)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        """A key split over implicitly joined literals (`"sk-" "proj-..."`), reported once on
        the whole expression when no single part shows it."""
        if id(node) in self.joined:
            return
        value = node.evaluated_value
        if not isinstance(value, str) or not find_secrets(value):
            return
        parts: list[cst.CSTNode] = []
        current: cst.BaseExpression = node
        while isinstance(current, cst.ConcatenatedString):
            self.joined.add(id(current))
            parts.append(current.left)
            current = current.right
        parts.append(current)
        if any(isinstance(p, cst.SimpleString) and find_secrets(p.value) for p in parts):
            return  # the part that holds it is reported by itself
        self._check(node, value, placed=False)


class UntracedClient(PythonRule):
    """A receiver of SDK calls that is not traced to a client built in this module.

    ## What it does
    Once per receiver and module: `client` in `client.chat.completions.create(...)` when
    `client` is a parameter without a client annotation, an imported name, or the result of
    a call the module does not show returning a client. (Clients built here are traced
    through names, `self.` attributes, annotations, factory functions, dicts and lists of
    clients, `default_factory=`.)

    ## Why
    `apply` maps the models and checks the parameters of these calls as if the receiver were
    a client of the target provider. If it is built elsewhere, that construction must point
    at the provider too, or the provider's model names go to OpenAI.

    ## Fix
    Make sure the client passed here is built for the provider (run `apply` on the module
    that builds it), or annotate the parameter (`client: OpenAI`).
    """

    code = "ML005"
    name = "untraced-client"
    category = "client"
    severity = Severity.NOTE
    fix = FixClass.MANUAL
    examples = (
        Example(
            "import openai\n"
            "def ask(client, q):\n"
            "    client.chat.completions.create(model=m, messages=q)\n"
            "    return client.chat.completions.create(model=m, messages=q)\n",
            provider="acme",
            message="`client` is not traced to a client built in this module (a parameter, an "
            "import or a call's result); calls through it are migrated for Acme Cloud: make "
            "sure the client it holds is built for Acme Cloud",
        ),
        Example(
            "import openai\n"
            "def ask(client: openai.OpenAI, q):\n"
            "    return client.chat.completions.create(model=m, messages=q)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import openai\n"
            "def ask(client, q):\n"
            "    return client.chat.completions.create(model=m, messages=q)\n",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.seen: set[str] = set()

    def visit_Call(self, node: cst.Call) -> None:
        if not self.ctx.rules.switching or self.provider is None:
            return
        info = self.ctx.sdk_call(node)
        if info is None or info.kind != "probable":
            return
        receiver = self.snippet(self.ctx.callee(node)).rsplit("." + info.path, 1)[0]
        if receiver in self.seen:
            return
        self.seen.add(receiver)
        name = self.provider.name
        self.report(
            node.func,
            f"`{receiver}` is not traced to a client built in this module (a parameter, an "
            f"import or a call's result); calls through it are migrated for {name}: make sure "
            f"the client it holds is built for {name}",
            data={"receiver": receiver, "surface": info.surface, "call": info.path},
        )


CLIENT_RULES = (
    ClientToOpenAI,
    AzureClient,
    ClientCustomEndpoint,
    HardcodedSecret,
    UntracedClient,
)


def _given(value: object) -> cst.BaseExpression | None:
    """A setting's expression, None where it is not known (`setting`'s unknown)."""
    return value if isinstance(value, cst.BaseExpression) and value is not _UNKNOWN else None
