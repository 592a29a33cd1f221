"""The chat requests a LlamaIndex OpenAI LLM sends to the provider, read as an SDK request's
(`frameworks.llamaindex.CHAT_CLASSES`): the `max_tokens=` and `additional_kwargs={...}` it is
built with, the keys a subclass's `_get_model_kwargs` sets on the arguments it returns, and
what its structured output asks for (`structured_uses`). ML111, ML112 and ML115 check them as
they check a request's (t55b: private-gpt's OpenAILike subclass sent a json_schema
`response_format` that Qwen refused, with `check` green). Apply changes none of them: the
class sends its fields under its own names."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import libcst as cst

from migrate_llm.frameworks import FrameworkClass
from migrate_llm.frameworks import llamaindex as li
from migrate_llm.rules.call_parameters import defined_by
from migrate_llm.rules.framework_classes import endpoint, first_keyword, framework_class
from migrate_llm.rules.framework_litellm import RoutedRequest, class_request
from migrate_llm.rules.project_calls import from_import, project_module
from migrate_llm.rules.project_classes import project_class
from migrate_llm.rules.python_context import (
    PythonContext,
    keyword,
    last_name,
    self_attribute,
    self_method,
    string_value,
)
from migrate_llm.rules.request_arguments import RequestArgument, mapping_arguments

_LEFT = "LlamaIndex sends it as it is"


class _Family(NamedTuple):
    """The LlamaIndex LLM class a call builds (`shown` as messages name it), the table's
    class it is or derives from, and whether that is OpenAILike (else OpenAI's own)."""

    shown: str
    cls: FrameworkClass
    like: bool


def llamaindex_requests(ctx: PythonContext, call: cst.Call) -> list[RoutedRequest]:
    """The requests `call` makes as a LlamaIndex OpenAI LLM's: built sending to the provider
    (`_sends_to_provider`), with its `max_tokens=` and `additional_kwargs` entries as the
    arguments; or `super()._get_model_kwargs(...)` in a subclass's override, with the keys
    set on what it returns (`_model_kwargs_writes`). Empty for anything else."""
    if ctx.rules.provider is None or not ctx.mentions("llama_index"):
        return []
    if isinstance(call.func, cst.Attribute) and call.func.attr.value == li.MODEL_KWARGS_METHOD:
        return _model_kwargs_writes(ctx, call)
    family = llm_family(ctx, call.func)
    if family is None or not _sends_to_provider(ctx, call, family):
        return []
    arguments: dict[str, RequestArgument] = {}
    limit = keyword(call, li.TOKEN_LIMIT_FIELD)
    if limit is not None:
        arguments[li.TOKEN_LIMIT_FIELD] = RequestArgument(
            li.TOKEN_LIMIT_FIELD,
            limit,
            None,
            False,
            renamable=False,
            by_hand=li.TOKEN_LIMIT_INSTEAD,
        )
    extra = keyword(call, li.ADDITIONAL_KWARGS)
    if extra is not None:  # sent over the fields: an entry wins
        entries = mapping_arguments(ctx, extra.value, li.ADDITIONAL_KWARGS, lambda c: False)
        for name, entry in entries.items():
            arguments[name] = entry._replace(editable=False, renamable=False, left=_LEFT)
    if not arguments:
        return []
    return [class_request(ctx, f"{family.shown}() (LlamaIndex)", call, family.cls, arguments)]


def llm_family(ctx: PythonContext, func: cst.BaseExpression, depth: int = 4) -> _Family | None:
    """What `func` builds: one of LlamaIndex's OpenAI LLM classes (`CHAT_CLASSES`), or a class
    deriving from one, directly or through others: a class of the module, or one a module of
    the project defines that the module imports by name (`_imported_family`). A name bound
    once to `importlib.import_module("llama_index.llms.openai_like").OpenAILike` names that
    class; one bound once to a call of a function of the module that returns a class (one
    `return`, or all returning the same name: private-gpt's `PatchedOpenAILikeLLM =
    _load_patched_openai_like()`, importing it inside a `try`, t66a) names what it returns."""
    found = framework_class(ctx, func, li.CHAT_CLASSES)
    if found is not None:
        return _Family(found[1].name, found[1], found[1].name == li.OPENAI_LIKE_NAME)
    if depth == 0:
        return None
    named = imported_by_name(ctx, func)
    if named in li.CHAT_CLASSES:
        cls = li.CHAT_CLASSES[named]
        return _Family(cls.name, cls, cls.name == li.OPENAI_LIKE_NAME)
    if not isinstance(func, cst.Name):
        return None
    # the class statement of the module `func` names, where it is bound once to one
    defined = defined_by(ctx, func)
    if isinstance(defined, cst.ClassDef):
        return class_family(ctx, defined, depth)
    value = _bound_value(ctx, defined) if isinstance(defined, cst.Name) else None
    if value is not None:
        return llm_family(ctx, value, depth - 1)
    return _imported_family(ctx, func, depth - 1)


def imported_by_name(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """The qualified name `expr` gets from a module imported at run time by its literal name:
    `importlib.import_module("llama_index.llms.openai_like").OpenAILike` (also inside
    `typing.cast(type[Any], ...)`, or as `getattr(importlib.import_module(M), "Name")`); None
    for anything else."""
    expr = _uncast(ctx, expr)
    if isinstance(expr, cst.Attribute):
        module, name = expr.value, expr.attr.value
    elif (
        isinstance(expr, cst.Call)
        and last_name(expr.func) == "getattr"
        and len(expr.args) == 2
        and isinstance(attr := string_value(expr.args[1].value), str)
    ):
        module, name = expr.args[0].value, attr
    else:
        return None
    if not isinstance(module, cst.Call) or not module.args:
        return None
    if "importlib.import_module" not in ctx.qualnames(module.func):
        return None
    path = string_value(module.args[0].value)
    return f"{path}.{name}" if isinstance(path, str) and path else None


def _uncast(ctx: PythonContext, expr: cst.BaseExpression) -> cst.BaseExpression:
    """The value of `typing.cast(T, value)`; `expr` itself otherwise."""
    if (
        isinstance(expr, cst.Call)
        and len(expr.args) == 2
        and "typing.cast" in ctx.qualnames(expr.func)
    ):
        return expr.args[1].value
    return expr


def _bound_value(ctx: PythonContext, target: cst.Name) -> cst.BaseExpression | None:
    """What the one assignment binding `target` gives it as a class: an expression naming a
    class imported at run time (`imported_by_name`), or the name a function of the module
    returns where the value is a call of it given nothing (`_returned_name`)."""
    parents = ctx.ancestors(target)
    value: cst.BaseExpression | None = None
    if len(parents) >= 2 and isinstance(parents[-1], cst.AssignTarget):
        assign = parents[-2]
        if isinstance(assign, cst.Assign) and len(assign.targets) == 1:
            value = assign.value
    elif parents and isinstance(parents[-1], cst.AnnAssign) and parents[-1].target is target:
        value = parents[-1].value
    if value is None:
        return None
    value = _uncast(ctx, value)
    if imported_by_name(ctx, value) is not None:
        return value
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and not value.args:
        return _returned_name(ctx, value.func)
    return None


def _returned_name(ctx: PythonContext, func: cst.Name) -> cst.BaseExpression | None:
    """What the function of the module `func` names returns, where every `return` of its own
    (not of a function inside it) gives the same name or import expression (`return MyLLM`
    after `from mylm import MyLLM` in a `try`; `return cast(type[Any], importlib.
    import_module(M).OpenAILike)`): the first; None for anything else."""
    defined = defined_by(ctx, func)
    if not isinstance(defined, cst.FunctionDef):
        return None
    found: list[cst.BaseExpression] = []

    class _Returns(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is defined

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            return False

        def visit_Return(self, node: cst.Return) -> None:
            if node.value is not None:
                found.append(_uncast(ctx, node.value))

    defined.visit(_Returns())
    if not found:
        return None
    shown = {ctx.code(v) for v in found}
    first = found[0]
    if len(shown) != 1 or not (
        isinstance(first, cst.Name) or imported_by_name(ctx, first) is not None
    ):
        return None
    return first


def _imported_family(ctx: PythonContext, name: cst.Name, depth: int) -> _Family | None:
    """The family of the class `name` is bound to by `from M import Name` (at the top or in a
    function), M a module of the project: the class statement of that name there
    (`class MyLLM(OpenAILike)` in mylm.py), read as `class_family` reads one of the module,
    or what that module imports under the name from another of the project."""
    if depth <= 0 or project_module(ctx, name) is None:
        return None
    imported = from_import(ctx, name)
    if imported is None:
        return None
    dots, module, imported_name = imported
    return project_class(
        ctx, dots + module, imported_name, lambda other, klass: class_family(other, klass, depth)
    )


def class_family(ctx: PythonContext, klass: cst.ClassDef, depth: int = 4) -> _Family | None:
    """The family of a class of the module (`llm_family`), named by it; OpenAILike where any
    base reaches it (its fields win in the order Python resolves them)."""
    families = [llm_family(ctx, base.value, depth - 1) for base in klass.bases]
    found = [f for f in families if f is not None]
    if not found:
        return None
    like = next((f for f in found if f.like), found[0])
    return _Family(klass.name.value, like.cls, like.like)


def _sends_to_provider(ctx: PythonContext, call: cst.Call, family: _Family) -> bool:
    """Whether the LLM `call` builds sends to the provider: its base URL is the provider's
    (a literal, a read of its variable); for LlamaIndex's own OpenAI class, also OpenAI's,
    which ML611 points there."""
    provider = ctx.rules.provider
    where = endpoint(ctx, call, family.cls.base_url)
    if where.kind == "provider" and where.provider is not None and provider is not None:
        return where.provider.id == provider.id
    own = framework_class(ctx, call.func, li.CHAT_CLASSES) is not None
    return own and not family.like and where.kind == "openai"


def _model_kwargs_writes(ctx: PythonContext, call: cst.Call) -> list[RoutedRequest]:
    """`all_kwargs = super()._get_model_kwargs(**kwargs)` in the override of a subclass of
    LlamaIndex's OpenAI LLM: the keys the method sets on `all_kwargs` by subscript, which it
    returns as the request's arguments. A key set to a call of a method of the module
    (`self._build_format(...)`) sends what that method returns: one request for each `return`
    of a dict display there, so that each value is judged where it is written. Not for a
    class the module builds only pointed at another server."""
    target = _result_name(ctx, call)
    method = _enclosing(ctx, call, cst.FunctionDef)
    klass = _enclosing(ctx, method, cst.ClassDef) if method is not None else None
    if target is None or not isinstance(method, cst.FunctionDef):
        return []
    if not isinstance(klass, cst.ClassDef):
        return []
    if method.name.value != li.MODEL_KWARGS_METHOD:
        return []
    family = class_family(ctx, klass)
    if family is None or _built_elsewhere(ctx, klass, family):
        return []
    shown = f"{klass.name.value}.{li.MODEL_KWARGS_METHOD}() (LlamaIndex)"
    written: dict[str, RequestArgument] = {}
    requests: list[RoutedRequest] = []
    for assign, key, name in _keys_set(method, target):
        returned = list(_returned_dicts(ctx, assign.value))
        if not returned:
            written[name] = RequestArgument(
                name, assign, None, False, key, renamable=False, left=_LEFT
            )
        for node in returned:
            argument = RequestArgument(name, node, None, False, key, renamable=False, left=_LEFT)
            requests.append(RoutedRequest(shown, "", None, "", None, arguments={name: argument}))
    if written:
        requests.insert(0, RoutedRequest(shown, "", None, "", None, arguments=written))
    return requests


def _result_name(ctx: PythonContext, call: cst.Call) -> str | None:
    """The name `call`, `super()._get_model_kwargs(...)`, is assigned to (`all_kwargs =`)."""
    func = call.func
    if not (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Call)
        and isinstance(func.value.func, cst.Name)
        and func.value.func.value == "super"
    ):
        return None
    parent = ctx.ancestors(call)[-1] if ctx.ancestors(call) else None
    if not isinstance(parent, cst.Assign) or len(parent.targets) != 1:
        return None
    target = parent.targets[0].target
    return target.value if isinstance(target, cst.Name) else None


def _enclosing(
    ctx: PythonContext, node: cst.CSTNode, kind: type[cst.CSTNode]
) -> cst.CSTNode | None:
    """The innermost `kind` (a function, a class) holding `node`."""
    return next((a for a in reversed(ctx.ancestors(node)) if isinstance(a, kind)), None)


def _keys_set(
    method: cst.FunctionDef, target: str
) -> Iterator[tuple[cst.Assign, cst.SimpleString, str]]:
    """Each `target["key"] = value` in the method's body (not in nested functions)."""
    found: list[tuple[cst.Assign, cst.SimpleString, str]] = []

    class _Writes(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is method

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            return False

        def visit_Assign(self, node: cst.Assign) -> None:
            if len(node.targets) != 1:
                return
            sub = node.targets[0].target
            if not (
                isinstance(sub, cst.Subscript)
                and isinstance(sub.value, cst.Name)
                and sub.value.value == target
                and len(sub.slice) == 1
                and isinstance(sub.slice[0].slice, cst.Index)
                and isinstance(sub.slice[0].slice.value, cst.SimpleString)
            ):
                return
            key = sub.slice[0].slice.value
            name = string_value(key)
            if name:
                found.append((node, key, name))

    method.visit(_Writes())
    yield from found


def _returned_dicts(ctx: PythonContext, value: cst.BaseExpression) -> Iterator[cst.Return]:
    """Each `return {...}` of the module's methods `value` calls (`self._build(...)`)."""
    name = self_method(value, with_arguments=True)
    if name is None:
        return
    for function in ctx.methods.get(name, ()):
        returns = _Returns(function)
        function.visit(returns)
        yield from returns.found


class _Returns(cst.CSTVisitor):
    """The `return`s of a dict display in `function`, not in the functions it nests."""

    def __init__(self, function: cst.FunctionDef) -> None:
        super().__init__()
        self.function = function
        self.found: list[cst.Return] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return node is self.function

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Return(self, node: cst.Return) -> None:
        if isinstance(node.value, cst.Dict):
            self.found.append(node)


def _built_elsewhere(ctx: PythonContext, klass: cst.ClassDef, family: _Family) -> bool:
    """Whether the module builds the class, each time pointed at a server that is neither the
    provider's nor OpenAI's (which ML611 points there) nor chosen at run time."""
    provider = ctx.rules.provider
    target = provider.id if provider is not None else None
    name = klass.name.value
    built = [
        n
        for n in ctx.nodes
        if type(n) is cst.Call and isinstance(n.func, cst.Name) and n.func.value == name
    ]
    if not built:
        return False
    for call in built:
        where = endpoint(ctx, call, family.cls.base_url)
        if where.kind in ("openai", "dynamic"):
            return False
        if where.kind == "provider" and where.provider is not None and where.provider.id == target:
            return False
    return True


class StructuredUse(NamedTuple):
    """A structured-output call on a LlamaIndex LLM sending to the provider (`at`), what its
    request asks for (`sends`: "json_schema" as the `response_format`, or "required" as the
    `tool_choice`), and the call and class that make it ask so (`why`)."""

    at: cst.CSTNode
    sends: str
    why: str


def structured_uses(ctx: PythonContext, call: cst.Call) -> list[StructuredUse]:
    """`llm.structured_predict(Output, prompt)` (and the other `li.STRUCTURED_METHODS`), or
    `FunctionCallingProgram.from_defaults(..., llm=llm)`, on an LLM the module builds sending
    to the provider (the receiver or `llm=`: the construction, a name bound once to it or
    `self.X` its class assigns it once): what its request asks for (`_asks_for`). None where
    the call gives its own `tool_choice` (or `llm_kwargs=` the module does not show).
    LlamaIndex's own OpenAI class is left until ML611 rewrites it (as OpenAILike: then read)."""
    func = call.func
    if (
        not isinstance(func, cst.Attribute)
        or ctx.rules.provider is None
        or not ctx.mentions("llama_index")
    ):
        return []
    method = func.attr.value
    if method in li.STRUCTURED_METHODS:
        receiver: cst.BaseExpression | None = func.value
        given = keyword(call, li.STRUCTURED_KWARGS)
        if given is not None and "tool_choice" in _shown_keys(ctx, given.value, unknown=True):
            return []
    elif method == "from_defaults" and ctx.qualnames(func) & li.FUNCTION_PROGRAMS:
        if first_keyword(call, li.FUNCTION_PROGRAM_CHOICE) is not None:
            return []
        llm = keyword(call, li.PROGRAM_LLM)
        receiver = llm.value if llm is not None else None
        method = "FunctionCallingProgram.from_defaults"
    else:
        return []
    built = _built_llm(ctx, receiver) if receiver is not None else None
    if built is None:
        return []
    family = llm_family(ctx, built.func)
    own = framework_class(ctx, built.func, li.CHAT_CLASSES) is not None
    if family is None or (own and not family.like) or not _sends_to_provider(ctx, built, family):
        return []
    sends = _asks_for(ctx, built, family) if method in li.STRUCTURED_METHODS else "required"
    return [StructuredUse(func.attr, sends, f"{method}() on {family.shown} (LlamaIndex)")]


def _shown_keys(ctx: PythonContext, value: cst.BaseExpression, unknown: bool) -> set[str]:
    """The string keys of a dict display, written there or bound once to a name; `{"tool_choice"}`
    for anything else where `unknown` (it may hold one)."""
    shown = ctx.bound_value(value) if isinstance(value, cst.Name) else value
    if isinstance(shown, cst.Dict) and all(isinstance(e, cst.DictElement) for e in shown.elements):
        return {
            key
            for e in shown.elements
            if isinstance(e, cst.DictElement) and (key := string_value(e.key)) is not None
        }
    return {"tool_choice"} if unknown else set()


def _built_llm(ctx: PythonContext, receiver: cst.BaseExpression) -> cst.Call | None:
    """The construction `receiver` is: written there, or bound once to a name or `self.X`."""
    value: cst.BaseExpression | None = receiver
    if isinstance(receiver, cst.Name):
        value = ctx.bound_value(receiver)
    elif self_attribute(receiver):
        assert isinstance(receiver, cst.Attribute)
        values = ctx.self_values(receiver)
        value = values[0] if len(values) == 1 else None
    return value if isinstance(value, cst.Call) else None


def _asks_for(ctx: PythonContext, built: cst.Call, family: _Family) -> str:
    """What a structured-output request of the LLM `built` asks for: the schema as a
    json_schema `response_format` where the class uses structured outputs (OpenAILike given
    `should_use_structured_outputs=True`; OpenAI's own with a model it knows for them and no
    other `pydantic_program_mode`), else the tool call (`tool_choice="required"`), in every
    program mode."""
    if family.like:
        return "json_schema" if _true(built, li.STRUCTURED_OUTPUTS_FIELD) else "required"
    mode = keyword(built, li.PROGRAM_MODE)
    if mode is not None and _mode_member(ctx, mode.value) != li.PROGRAM_DEFAULT:
        return "required"
    model = first_keyword(built, family.cls.model)
    resolved = ctx.resolve_literal(model.value) if model is not None else None
    if resolved is not None and resolved[1].startswith(li.JSON_SCHEMA_MODELS):
        return "json_schema"
    return "required"


def _mode_member(ctx: PythonContext, value: cst.BaseExpression) -> str | None:
    """The `PydanticProgramMode` member `value` names (`PydanticProgramMode.FUNCTION`, or its
    string value "function"); None where that is not written."""
    text = string_value(value)
    if text is not None:
        return text.upper().replace("-", "_")
    if isinstance(value, cst.Attribute) and ctx.qualnames(value.value) & li.PROGRAM_MODES:
        return value.attr.value
    return None


def _true(call: cst.Call, name: str) -> bool:
    """Whether `call` passes `name=True`."""
    arg = keyword(call, name)
    return arg is not None and isinstance(arg.value, cst.Name) and arg.value.value == "True"
