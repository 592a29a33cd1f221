"""Clients whose key or base URL is named for another service (ML003).

letta builds its Together, Fireworks and Z.ai clients with the OpenAI SDK: `api_key =
model_settings.together_api_key or os.environ.get("TOGETHER_API_KEY")`, then
`OpenAI(api_key=api_key, base_url=llm_config.model_endpoint)`. The key says whose client it
is, and the base URL chosen at run time is that service's. apply had given it the target's
URL and key as fallbacks, so with TOGETHER_API_KEY unset the target's key went to Together
(t55c D1). Such a client is left as it is; one already given the target's key beside
another service's key or URL is reported, an error `check` keeps red.

A name is named for a service where, split at `_` (or `-`) and read in lower case, it
starts with the service's name (`service_branches.other_service`: a known service other
than OpenAI's and the target's) and ends in words of a key (`together_api_key`,
`FIREWORKS_API_KEY`) or of a base URL (`together_base_url`, `GROQ_API_BASE`). A literal URL
names one where a label of its host is one (`api.together.xyz`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.frameworks.services import RESOURCE_SERVICES
from migrate_llm.rules.python_context import (
    ENV_NAME,
    PythonContext,
    self_attribute,
    self_method,
    string_value,
)
from migrate_llm.rules.service_branches import other_service

# The last words of a name holding a key, and of one holding a base URL (longest first)
KEY_WORDS = (("api", "key"), ("api", "token"), ("access", "token"), ("apikey",), ("key",))
URL_WORDS = (
    ("base", "url"),
    ("api", "base"),
    ("api", "url"),
    ("base", "uri"),
    ("endpoint",),
    ("url",),
    ("host",),
)
_DEPTH = 4  # names, attributes of `self` and methods followed from a client's argument


@dataclass(frozen=True)
class ServiceSetting:
    """A part of a client's key or base URL (`node`) named for another service (`service`,
    as the name writes it), and that name (`name`: `TOGETHER_API_KEY`, `together_api_key`,
    or a URL's host)."""

    node: cst.BaseExpression
    service: str
    name: str


def service_key(ctx: PythonContext, key: cst.BaseExpression) -> ServiceSetting | None:
    """The part of a client's key named for another service (`leaves`), where no part is
    OpenAI's (a read of OpenAI's key variable, a name with `openai` in it); None otherwise."""
    return _named_part(ctx, key, KEY_WORDS)


def service_url(
    ctx: PythonContext, url: cst.BaseExpression, hosts: bool = False
) -> ServiceSetting | None:
    """The part of a client's base URL named for another service (a setting or variable by
    its name; with `hosts`, a literal URL by its host too), where no part names OpenAI; None
    otherwise."""
    return _named_part(ctx, url, URL_WORDS, hosts)


def setting_words(ctx: PythonContext, found: ServiceSetting, whole: cst.BaseExpression) -> str:
    """`whole` as a message shows it, with the part named for the service where that is
    another expression: "`api_key` (`os.environ.get("TOGETHER_API_KEY")` on line 10)"."""
    shown = f"`{' '.join(ctx.code(whole).split())}`"
    if found.node is whole:
        return shown
    line = ctx.line_label(ctx.position(found.node)[0][0])
    return f"{shown} (`{' '.join(ctx.code(found.node).split())}` on {line})"


def reads_variable(ctx: PythonContext, expr: cst.BaseExpression, variable: str) -> bool:
    """Whether a part of `expr` (`leaves`) reads the environment variable `variable`."""
    return any(_variable(ctx, leaf) == variable for leaf in leaves(ctx, expr))


def _named_part(
    ctx: PythonContext,
    expr: cst.BaseExpression,
    words: tuple[tuple[str, ...], ...],
    hosts: bool = False,
) -> ServiceSetting | None:
    found = None
    for leaf in leaves(ctx, expr):
        name = _name_of(ctx, leaf)
        if name is None:
            continue
        if "openai" in ctx.code(leaf).lower() or ENV_NAME.match(name):
            return None
        service = _service_of(ctx, name, words)
        if service is None and hosts:
            service = _host_service(ctx, leaf)
        if service is not None and found is None:
            found = ServiceSetting(leaf, service, name)
    return found


def leaves(ctx: PythonContext, expr: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """The values `expr` may take, as far as the module shows them: the operands of `x or
    y`, the branches of `x if c else y`, what `await` waits for, each value a name is
    assigned in its function (not a parameter's: unknown), also as an element of a tuple
    unpacked from a call (`unpacked`), each value the class assigns an attribute of `self`,
    what a method of the module's classes called on `self` returns; a name or attribute of
    `self` is itself a leaf too (its name may say whose it is)."""
    seen: set[int] = set()
    todo: list[tuple[cst.BaseExpression, int]] = [(expr, _DEPTH)]
    while todo:
        node, depth = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, cst.BooleanOperation):
            todo += [(node.right, depth), (node.left, depth)]
            continue
        if isinstance(node, cst.IfExp):
            todo += [(node.orelse, depth), (node.body, depth)]
            continue
        if isinstance(node, cst.Await):
            todo.append((node.expression, depth))
            continue
        yield node
        if depth <= 0:
            continue
        if isinstance(node, cst.Name):
            for binding in ctx.bindings(node):
                if isinstance(binding, Assignment) and not isinstance(binding.node, cst.Param):
                    value = ctx.index.assigned.get(id(binding.node))
                    if value is not None:
                        todo.append((value, depth - 1))
                    elif isinstance(binding.node, cst.Name):
                        todo += [(v, depth - 1) for v in unpacked(ctx, binding.node)]
        elif isinstance(node, cst.Attribute) and self_attribute(node):
            todo += [(v, depth - 1) for v in ctx.self_values(node)]
        elif isinstance(node, cst.Call) and (method := self_method(node, True)) is not None:
            returned = ctx.returned_by_each(method)
            todo += [(v, depth - 1) for v in returned if v is not None]


def unpacked(ctx: PythonContext, target: cst.Name) -> list[cst.BaseExpression]:
    """What `target` may be given where it is unpacked from a call's result (letta's `api_key,
    base_url = self._resolve(api_key, base_url)`): the element at its place in each tuple
    the called function returns (a method of the module's classes called on `self`, or a
    function of the module); empty otherwise."""
    path = ctx.ancestors(target)
    if len(path) < 4 or not isinstance(path[-1], cst.Element):
        return []
    element, tuple_, assign = path[-1], path[-2], path[-4]
    if not isinstance(tuple_, (cst.Tuple, cst.List)) or not isinstance(assign, cst.Assign):
        return []
    if len(assign.targets) != 1 or assign.targets[0].target is not tuple_:
        return []
    if any(isinstance(e, cst.StarredElement) for e in tuple_.elements):
        return []
    place = tuple_.elements.index(element)
    value = assign.value.expression if isinstance(assign.value, cst.Await) else assign.value
    found = []
    for function in _called(ctx, value):
        for returned in _returns(function.body):
            if isinstance(returned, cst.Tuple) and len(returned.elements) == len(tuple_.elements):
                part = returned.elements[place]
                if not isinstance(part, cst.StarredElement):
                    found.append(part.value)
    return found


def _called(ctx: PythonContext, value: cst.BaseExpression) -> list[cst.FunctionDef]:
    """The functions a call may run: each method of the module's classes it names on `self`,
    or the module's function it names."""
    if not isinstance(value, cst.Call):
        return []
    method = self_method(value, True)
    if method is not None:
        return list(ctx.methods.get(method, ()))
    if not isinstance(value.func, cst.Name):
        return []
    return [
        b.node
        for b in ctx.bindings(value.func)
        if isinstance(b, Assignment) and isinstance(b.node, cst.FunctionDef)
    ]


def _returns(node: cst.CSTNode) -> Iterator[cst.BaseExpression]:
    """The values of the `return`s in `node`, outside nested functions and classes."""
    for child in node.children:
        if isinstance(child, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        if isinstance(child, cst.Return):
            if child.value is not None:
                yield child.value
            continue
        yield from _returns(child)


def _variable(ctx: PythonContext, leaf: cst.BaseExpression) -> str | None:
    """The environment variable `leaf` reads, if it is a read of one named in the code."""
    from migrate_llm.rules.clients import env_var_read  # it imports this module

    read = env_var_read(ctx, leaf)
    return read[0] if read is not None else None


def _name_of(ctx: PythonContext, leaf: cst.BaseExpression) -> str | None:
    """The name a value is read by: an environment variable's, a name, an attribute, a
    string subscript (`cfg["together_api_key"]`), the first string given to `.get()` or
    `getattr()`; a literal URL itself."""
    variable = _variable(ctx, leaf)
    if variable is not None:
        return variable
    if isinstance(leaf, cst.Name):
        return leaf.value
    if isinstance(leaf, cst.Attribute):
        return leaf.attr.value
    if isinstance(leaf, cst.Subscript) and len(leaf.slice) == 1:
        index = leaf.slice[0].slice
        return string_value(index.value) if isinstance(index, cst.Index) else None
    if isinstance(leaf, cst.Call):
        func = leaf.func
        getter = (isinstance(func, cst.Attribute) and func.attr.value == "get") or (
            isinstance(func, cst.Name) and func.value == "getattr"
        )
        position = 1 if isinstance(func, cst.Name) else 0
        if getter and len(leaf.args) > position:
            return string_value(leaf.args[position].value)
        return None
    return string_value(leaf)


def _service_of(ctx: PythonContext, name: str, words: tuple[tuple[str, ...], ...]) -> str | None:
    """The service a name starts with, where it ends in `words` (`together_api_key`)."""
    return service_named(name, words, lambda service: _other(ctx, service))


def service_named(
    name: str, words: tuple[tuple[str, ...], ...], other: Callable[[str], bool]
) -> str | None:
    """The service (`other` says which names are) a name starts with, where it ends in
    `words` (`together_api_key`, `AIMLAPI_API_KEY`)."""
    parts = [p for p in name.lower().replace("-", "_").split("_") if p]
    for ending in words:
        if len(parts) > len(ending) and tuple(parts[-len(ending) :]) == ending:
            head = parts[: -len(ending)]
            for size in range(len(head), 0, -1):
                for joined in ("_".join(head[:size]), "".join(head[:size])):
                    if other(joined):
                        return joined
            return None
    return None


def _host_service(ctx: PythonContext, leaf: cst.BaseExpression) -> str | None:
    """The service a literal URL's host names by one of its labels (`api.together.xyz`)."""
    text = string_value(leaf)
    if text is None or "://" not in text:
        return None
    host = urlsplit(text).hostname or ""
    return next((label for label in host.split(".") if _other(ctx, label)), None)


def _other(ctx: PythonContext, name: str) -> bool:
    """Whether `name` names a service other than OpenAI's and the target's
    (`service_branches.other_service`), or a resource of OpenAI's models with a key of its
    own (`RESOURCE_SERVICES`: Azure OpenAI) where the target is not that service."""
    if other_service(ctx, name):
        return True
    target = ctx.rules.provider
    return target is not None and target.azure is None and name.lower() in RESOURCE_SERVICES
