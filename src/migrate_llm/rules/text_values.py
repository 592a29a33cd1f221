"""Whether a value is one string, as the module shows it (ML114's batch limit).

An embeddings request's `input=` is one text or a list of them; a value the code shows to be
one string fits any batch limit. Shown: a string literal, a parameter annotated `str`, a
slice or a str method's result of a string (`text[:8000]`, `text.strip()`,
`" ".join(parts)`), what a function or method the module annotates `-> str` returns (a
method also through a name whose class the module shows: a parameter annotated with one of
its classes, a name bound to an instance of one), and the loop target of a `for` over
strings (`text.split(".")`, a call annotated `-> list[str]`, a parameter annotated
`list[str]`).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.call_parameters import defined_by, method_named, module_class
from migrate_llm.rules.python_context import PythonContext

# the str methods that return a str
_STR_METHODS = frozenset(
    {
        "capitalize",
        "casefold",
        "center",
        "expandtabs",
        "format",
        "format_map",
        "join",
        "ljust",
        "lower",
        "lstrip",
        "removeprefix",
        "removesuffix",
        "replace",
        "rjust",
        "rstrip",
        "strip",
        "swapcase",
        "title",
        "translate",
        "upper",
        "zfill",
    }
)
# the str methods that return a list of str
_SPLIT_METHODS = frozenset({"split", "rsplit", "splitlines"})
_STR_TYPES = frozenset({"str"})
_STR_LIST_TYPES = frozenset({"list[str]", "List[str]", "typing.List[str]"})
_DEPTH = 8


def one_text(ctx: PythonContext, value: cst.BaseExpression, depth: int = 0) -> bool:
    """Whether `value` is shown to be one string (see the module's docstring)."""
    if depth > _DEPTH:
        return False
    if isinstance(value, cst.Name):
        bound = ctx.bound_value(value)
        if bound is not None:
            return one_text(ctx, bound, depth + 1)
        return _name_type(ctx, value, _STR_TYPES) or _loop_over_texts(ctx, value, depth)
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(value, cst.Subscript):  # a slice (or a character) of a string
        return one_text(ctx, value.value, depth + 1)
    if isinstance(value, cst.Call):
        func = value.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in _STR_METHODS
            and one_text(ctx, func.value, depth + 1)
        ):
            return True
        return _annotated_call(ctx, value, _STR_TYPES)
    return False


def texts(ctx: PythonContext, value: cst.BaseExpression, depth: int = 0) -> bool:
    """Whether `value` is shown to hold strings only, so each item is one text: a split of
    a string, a call annotated `-> list[str]`, a parameter annotated so, or a string."""
    if depth > _DEPTH:
        return False
    if isinstance(value, cst.Name):
        bound = ctx.bound_value(value)
        if bound is not None:
            return texts(ctx, bound, depth + 1)
        if _name_type(ctx, value, _STR_LIST_TYPES):
            return True
    if isinstance(value, cst.Call):
        func = value.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in _SPLIT_METHODS
            and one_text(ctx, func.value, depth + 1)
        ):
            return True
        if _annotated_call(ctx, value, _STR_LIST_TYPES):
            return True
    return one_text(ctx, value, depth + 1)  # its characters


def _name_type(ctx: PythonContext, name: cst.Name, types: frozenset[str]) -> bool:
    """Whether `name` is a parameter annotated with one of `types`."""
    bound = ctx.bindings(name)
    param = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
    return isinstance(param, cst.Param) and _annotated(ctx, param.annotation, types)


def _loop_over_texts(ctx: PythonContext, name: cst.Name, depth: int) -> bool:
    """Whether `name` is bound once, as the target of a `for` over strings (`texts`)."""
    bound = ctx.bindings(name)
    target = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
    parents = ctx.ancestors(target) if isinstance(target, cst.Name) else ()
    loop = parents[-1] if parents else None
    if not isinstance(loop, (cst.For, cst.CompFor)) or loop.target is not target:
        return False
    return texts(ctx, loop.iter, depth + 1)


def _annotated_call(ctx: PythonContext, call: cst.Call, types: frozenset[str]) -> bool:
    """Whether `call` calls a function of the module, or a method through `self` / `cls`,
    that every `def` of its name in the module annotates `-> T` (T in `types`)."""
    func = call.func
    defs: list[cst.FunctionDef] = []
    if isinstance(func, cst.Name):
        bound = ctx.bindings(func)
        node = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
        defs = [node] if isinstance(node, cst.FunctionDef) else []
    elif (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Name)
        and func.value.value in ("self", "cls")
    ):
        defs = ctx.methods.get(func.attr.value, [])
    elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        owner = _instance_class(ctx, func.value)
        method = method_named(owner, func.attr.value) if owner is not None else None
        defs = [method] if method is not None else []
    return bool(defs) and all(_annotated(ctx, d.returns, types) for d in defs)


def _instance_class(ctx: PythonContext, name: cst.Name) -> cst.ClassDef | None:
    """The class of this module that `name` holds an instance of: a parameter annotated with
    the class (`section: DocsSection`), or a name bound once to `DocsSection(...)`."""
    bound = ctx.bindings(name)
    param = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
    if isinstance(param, cst.Param):
        annotation = param.annotation.annotation if param.annotation is not None else None
        if not isinstance(annotation, cst.Name):
            return None
        defined = defined_by(ctx, annotation)
        return defined if isinstance(defined, cst.ClassDef) else None
    value = ctx.bound_value(name)
    return module_class(ctx, value) if isinstance(value, cst.Call) else None


def _annotated(
    ctx: PythonContext, annotation: cst.Annotation | None, types: frozenset[str]
) -> bool:
    """Whether `annotation` is written as one of `types`."""
    if annotation is None:
        return False
    return "".join(ctx.code(annotation.annotation).split()) in types
