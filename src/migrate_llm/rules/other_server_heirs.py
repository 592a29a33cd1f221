"""Subclasses of the module's own client classes that point at other servers.

ragflow's `OpenAIEmbed` builds `OpenAI(api_key=key, base_url=base_url)` with OpenAI's URL as
the default of `base_url`; eighteen classes derive from it, each handing `super().__init__`
its own vendor's URL (`BaiChuanEmbed`) or building a client of its own for the user's server
(`VLLMEmbed`), and inherit its methods. What apply writes into the base class (a
`dimensions=` in its request, its `base_url` parameter dropped) is then what those classes
send to their servers; the edits that would are left (`heirs_elsewhere`).
"""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.inherited_fields import class_named, module_heirs
from migrate_llm.rules.passed_values import calls_passing, class_of, only_parameter, passed_one
from migrate_llm.rules.python_context import PythonContext, string_value, super_init


def heirs_elsewhere(ctx: PythonContext, cls: cst.ClassDef) -> list[str]:
    """The names of the module's subclasses of `cls` (at any depth) that point at a server
    other than OpenAI (`points_elsewhere`), in the order of the text; computed once a class."""
    known = ctx.analyses.setdefault(heirs_elsewhere, {})
    assert isinstance(known, dict)
    if id(cls) not in known:
        known[id(cls)] = [h.name.value for h in module_heirs(ctx, cls) if points_elsewhere(ctx, h)]
    found: list[str] = known[id(cls)]
    return found


def points_elsewhere(ctx: PythonContext, cls: cst.ClassDef) -> bool:
    """Whether a class's own methods build an SDK client whose base URL is not OpenAI's (the
    user's vLLM: `OpenAI(api_key=key, base_url=base_url)`, `base_url` required), or hand
    `super().__init__` a base URL (by keyword, or in the place of the base's `base_url`
    parameter) that is not OpenAI's (`"https://api.baichuan-ai.com/v1"`, a parameter of its own
    defaulting to it or with no default)."""
    from migrate_llm.rules.clients import endpoint_of, endpoint_of_value  # imports this module

    if _openai_default(ctx, cls):
        return False  # OpenAI's own class (ragflow's OpenAIEmbed, itself a subclass of Base)
    for node in _calls_within(ctx, cls):
        if ctx.constructed_client(node) is not None:
            if endpoint_of(ctx, node).kind != "openai":
                return True
        elif super_init(node):
            url = _url_passed(ctx, cls, node)
            if url is not None and endpoint_of_value(ctx, url).kind != "openai":
                return True
    return False


def _openai_default(ctx: PythonContext, cls: cst.ClassDef) -> bool:
    """Whether the `__init__` of `cls` has a base-URL parameter defaulting to an OpenAI URL."""
    from migrate_llm.rules.clients import classify_url  # imports this module

    init = _init_of(cls)
    for param in init.params.params if init is not None else ():
        default = string_value(param.default) if param.default is not None else None
        if param.name.value in sdk.PASSED_URL_KEYWORDS and default is not None:
            return classify_url(ctx, default).kind == "openai"
    return False


def _calls_within(ctx: PythonContext, cls: cst.ClassDef) -> list[cst.Call]:
    """The calls in the methods of `cls` itself (not of a class nested in it)."""
    start = ctx.index_of(cls)
    return [
        n
        for n in ctx.nodes[start : ctx.ends[start]]
        if isinstance(n, cst.Call) and class_of(ctx, n) is cls
    ]


def _url_passed(ctx: PythonContext, cls: cst.ClassDef, call: cst.Call) -> cst.BaseExpression | None:
    """The base URL `super().__init__(...)` passes: a URL keyword, or the argument in the
    place of such a parameter of the first base's `__init__` the module shows."""
    for name in sdk.PASSED_URL_KEYWORDS:
        value = passed_one(call, name, None)
        if value is not None:
            return value
    init = _base_init(ctx, cls)
    if init is None:
        return None
    params = [p.name.value for p in init.params.params][1:]  # `self` bound
    for name in sdk.PASSED_URL_KEYWORDS:
        if name in params:
            return passed_one(call, name, params.index(name))
    return None


def _base_init(ctx: PythonContext, cls: cst.ClassDef) -> cst.FunctionDef | None:
    base = class_named(ctx, cls.bases[0].value) if cls.bases else None
    return _init_of(base) if base is not None else None


def _init_of(cls: cst.ClassDef) -> cst.FunctionDef | None:
    return next(
        (s for s in cls.body.body if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"),
        None,
    )


def kept_url_parameter(ctx: PythonContext, call: cst.Call) -> tuple[str, list[str]] | None:
    """(the parameter, who passes it another server's URL) where a client is given the
    `base_url` parameter of a class's `__init__` whose default is an OpenAI URL (which ML402
    points at the provider) and the module's subclasses point elsewhere (`heirs_elsewhere`)
    or its calls in the module pass another server's URL: the client keeps taking it, so
    what they pass still goes where they say, with their keys. None otherwise."""
    from migrate_llm.rules.clients import classify_url, endpoint_of_value, setting

    value = setting(ctx, call, "base_url")
    param = only_parameter(ctx, value) if isinstance(value, cst.Name) else None
    default = string_value(param.default) if param and param.default is not None else None
    if param is None or default is None or classify_url(ctx, default).kind != "openai":
        return None
    function = next(
        (a for a in reversed(ctx.ancestors(param)) if isinstance(a, cst.FunctionDef)), None
    )
    owner = class_of(ctx, param)
    if function is None or function.name.value != "__init__" or owner is None:
        return None
    passing = list(heirs_elsewhere(ctx, owner))
    for caller, passed in calls_passing(ctx, param) or ():
        if passed is not None and endpoint_of_value(ctx, passed).kind != "openai":
            passing.append(f"{ctx.code(caller.func)}() on line {ctx.position(caller)[0][0]}")
    return (param.name.value, passing) if passing else None


def inherited_elsewhere(ctx: PythonContext, node: cst.CSTNode) -> tuple[str, list[str]] | None:
    """(`Class.method`, the subclasses) where `node` sits in a method of a class of the
    module that subclasses pointing at other servers (`heirs_elsewhere`) inherit, not
    defining a method of that name themselves: what the method sends, they send. None
    otherwise."""
    function = next(
        (a for a in reversed(ctx.ancestors(node)) if isinstance(a, cst.FunctionDef)), None
    )
    owner = class_of(ctx, node)
    if function is None or owner is None or class_of(ctx, function) is not owner:
        return None
    name = function.name.value
    heirs = [
        h
        for h in module_heirs(ctx, owner)
        if h.name.value in heirs_elsewhere(ctx, owner) and not _defines(h, name)
    ]
    if not heirs:
        return None
    return f"{owner.name.value}.{name}", [h.name.value for h in heirs]


def _defines(cls: cst.ClassDef, name: str) -> bool:
    return any(isinstance(s, cst.FunctionDef) and s.name.value == name for s in cls.body.body)


def heir_words(method: str, heirs: list[str]) -> str:
    """`OpenAIEmbed.embed() is inherited by LocalServerEmbed, which sends to another server`."""
    which = "which sends" if len(heirs) == 1 else "which send"
    shown = ", ".join(heirs[:5]) + (f" and {len(heirs) - 5} more" if len(heirs) > 5 else "")
    return f"{method}() is inherited by {shown}, {which} to another server"


def own_server_heir(ctx: PythonContext, node: cst.CSTNode) -> str | None:
    """The name of the subclass whose `__init__` has `node` as a parameter's default, where
    it derives from a class of the module and points at another server
    (`points_elsewhere`: ragflow's vendor classes, each with its own URL and model): that
    server's model. None otherwise."""
    parents = ctx.ancestors(node)
    param = parents[-1] if parents else None
    if not isinstance(param, cst.Param) or param.default is not node:
        return None
    function = next((a for a in reversed(parents) if isinstance(a, cst.FunctionDef)), None)
    owner = class_of(ctx, param)
    if function is None or function.name.value != "__init__" or owner is None:
        return None
    if class_of(ctx, function) is not owner or _base_init(ctx, owner) is None:
        return None
    return owner.name.value if points_elsewhere(ctx, owner) else None
