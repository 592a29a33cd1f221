"""Which of the module's own functions a call calls, and which parameter an argument fills.

The model rules follow a model literal into the function it is passed to (`model_sites`:
does that send it as `model=`, or only compare it?), and `tokenizer_flow` follows it into one
that only asks tiktoken: both map an argument to its parameter here.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from migrate_llm.rules.python_context import PythonContext, last_name

# the names a method's own receiver goes by: `self.m(...)`, `cls.m(...)`
_RECEIVERS = ("self", "cls")


def parameter_for(
    ctx: PythonContext, call: cst.Call, arg: cst.Arg, through_super: bool = False
) -> tuple[cst.FunctionDef, cst.Param] | None:
    """The module's own function that `call` calls (`called_function`; with `through_super`
    a base class's method too, `super_method`) and its parameter that `arg` gives a value:
    by keyword, or by position past the parameters the call binds itself. None where either
    is not known: a callee defined elsewhere, a star argument or one after it, a keyword
    only `**kwargs` takes, a position only `*args` takes."""
    called = called_function(ctx, call)
    if called is None and through_super:
        called = super_method(ctx, call)
    if called is None or arg.star:
        return None
    function, bound = called
    params = function.params
    param = None
    if arg.keyword is not None:
        name = arg.keyword.value
        named = (*params.params, *params.kwonly_params)
        param = next((p for p in named if p.name.value == name), None)
    else:
        index = next((n for n, a in enumerate(call.args) if a is arg), None)
        if index is not None and not any(a.star or a.keyword for a in call.args[:index]):
            positional = [*params.posonly_params, *params.params][bound:]
            param = positional[index] if index < len(positional) else None
    return None if param is None else (function, param)


def own_arguments(ctx: PythonContext, call: cst.Call) -> dict[str, cst.Arg]:
    """The arguments of a call of the module's own function (`called_function`), each under
    the name of the parameter it fills (`parameter_for`: by keyword or by position); empty
    for a call of anything else."""
    named: dict[str, cst.Arg] = {}
    for arg in call.args:
        found = parameter_for(ctx, call, arg)
        if found is not None:
            named[found[1].name.value] = arg
    return named


def called_function(ctx: PythonContext, call: cst.Call) -> tuple[cst.FunctionDef, int] | None:
    """The module's own function `call` calls, and how many of its first parameters the
    call binds itself: a function called by its name (none), a class (its `__init__`:
    `self`), or a method of the class whose body holds the call, `self.m(...)` or
    `cls.m(...)` (`receiver_binds`), or a method of a class of the module called on an
    instance the call makes (`Handler().complete(...)`, t56f S1). Not a function of a class
    body called by its name there, nor a method of another class."""
    func = call.func
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Call):
        made = module_class(ctx, func.value)
        method = method_named(made, func.attr.value) if made is not None else None
        return (method, receiver_binds(method, "self")) if method is not None else None
    if isinstance(func, cst.Name):
        defined = defined_by(ctx, func)
        if isinstance(defined, cst.ClassDef):
            init = method_named(defined, "__init__")
            return (init, 1) if init is not None else None
        if isinstance(defined, cst.FunctionDef) and not _in_class_body(ctx, defined):
            return defined, 0
        return None
    if (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Name)
        and func.value.value in _RECEIVERS
    ):
        owner = next((a for a in reversed(ctx.ancestors(call)) if type(a) is cst.ClassDef), None)
        method = method_named(owner, func.attr.value) if owner is not None else None
        if method is not None:
            return method, receiver_binds(method, func.value.value)
    return None


def super_method(ctx: PythonContext, call: cst.Call) -> tuple[cst.FunctionDef, int] | None:
    """The method `super().m(...)` (or `super(Cls, self).m(...)`) calls in a method of a
    class whose first base is a class of the module defining `m` itself, and the `self` it
    binds; None otherwise (a base from elsewhere, one that inherits `m`)."""
    func = call.func
    if not (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Call)
        and isinstance(func.value.func, cst.Name)
        and func.value.func.value == "super"
    ):
        return None
    owner = next((a for a in reversed(ctx.ancestors(call)) if type(a) is cst.ClassDef), None)
    first = owner.bases[0].value if owner is not None and owner.bases else None
    base = defined_by(ctx, first) if isinstance(first, cst.Name) else None
    method = method_named(base, func.attr.value) if isinstance(base, cst.ClassDef) else None
    return (method, receiver_binds(method, "self")) if method is not None else None


def defined_by(ctx: PythonContext, name: cst.Name) -> cst.CSTNode | None:
    """What the one binding of `name` where it is used is made by (a `def`, a `class`, an
    assignment's target...); None for a name bound more than once, or not by the module."""
    bound = ctx.bindings(name)
    return getattr(bound[0], "node", None) if len(bound) == 1 else None


def module_class(ctx: PythonContext, call: cst.Call) -> cst.ClassDef | None:
    """The class of this module that `call` makes an instance of (`Config(...)`, its name
    bound once, by the class statement)."""
    defined = defined_by(ctx, call.func) if isinstance(call.func, cst.Name) else None
    return defined if isinstance(defined, cst.ClassDef) else None


def receiver_binds(method: cst.FunctionDef, receiver: str) -> int:
    """How many parameters of `method` a call through `receiver` (`self` or `cls`) binds:
    none for a staticmethod, `cls` for a classmethod, `self` for a plain method called on
    the instance; called on the class (`cls.m(...)`) a plain method binds nothing, its
    first argument is its `self`."""
    decorators = {last_name(d.decorator) for d in method.decorators}
    if "staticmethod" in decorators:
        return 0
    if "classmethod" in decorators:
        return 1
    return 1 if receiver == "self" else 0


def method_named(owner: cst.ClassDef, name: str) -> cst.FunctionDef | None:
    """The method `name` of a class body: the last `def` of that name, as Python binds it."""
    body = owner.body.body if isinstance(owner.body, cst.IndentedBlock) else ()
    defined = [s for s in body if isinstance(s, cst.FunctionDef) and s.name.value == name]
    return defined[-1] if defined else None


def _in_class_body(ctx: PythonContext, function: cst.FunctionDef) -> bool:
    ancestors = ctx.ancestors(function)
    return len(ancestors) >= 2 and type(ancestors[-2]) is cst.ClassDef


def passes_through(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> bool:
    """Whether `call` gives back a value made of what `arg` gives it: a function of the
    module (`called_function`) every `return` of which returns an expression naming the
    parameter `arg` fills (`return base if base.endswith("/v1") else base + "/v1"`)."""
    found = parameter_for(ctx, call, arg)
    if found is None:
        return False
    function, param = found
    returns = list(_returns(function.body))
    name = param.name.value
    return bool(returns) and all(r.value is not None and _names(r.value, name) for r in returns)


def passed_value(ctx: PythonContext, value: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """The argument a call of a function of the module passes through (`passes_through`:
    `api_base` of `self._ensure_v1(api_base)`), unwrapped while there is one; else `value`."""
    for _ in range(3):
        if not isinstance(value, cst.Call) or len(value.args) != 1:
            break
        if not passes_through(ctx, value, value.args[0]):
            break
        value = value.args[0].value
    return value


def returns_of(function: cst.FunctionDef) -> list[cst.Return]:
    """The `return` statements of `function`, not those of a function or class in it."""
    return list(_returns(function.body))


def _returns(node: cst.CSTNode) -> Iterator[cst.Return]:
    """The `return` statements of a function body, not those of a function or class in it."""
    for child in node.children:
        if isinstance(child, cst.Return):
            yield child
        elif not isinstance(child, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            yield from _returns(child)


def _names(node: cst.CSTNode, name: str) -> bool:
    """Whether `node` holds the name `name` as the value it is made of: outside a lambda or
    comprehension of its own, and outside the arguments of a call other than a string's own
    methods (`base.rstrip("/")`, `"{}/v1".format(base)`) or `str()`: `LLMConfig(url=base)`
    gives back something else, not the URL."""
    if isinstance(node, cst.Name):
        return node.value == name
    if isinstance(node, (cst.Lambda, cst.BaseComp)):
        return False
    if isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Attribute):
            if _names(func.value, name):
                return True
            if not isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString)):
                return False
        elif not (isinstance(func, cst.Name) and func.value == "str"):
            return False
        return any(_names(arg.value, name) for arg in node.args)
    return any(_names(child, name) for child in node.children)
