"""What a parameter or a class field may hold, where the module shows it: its default and the
values the module's own calls pass for it.

The calls followed: `f(...)` for a function `f`; for a class `C`'s `__init__` parameters and
its fields (a dataclass's `api_base: str = "..."`), `C(...)` and `cls(...)` in a classmethod
of `C`. A call passing `*args` or `**kwargs` says nothing of the value: callers elsewhere are
taken to pass what the default stands for.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.python_context import PythonContext, keyword, last_name, self_attribute

# decorators whose classes take their fields positionally, in the order of the class body
_DATACLASS_DECORATORS = frozenset({"dataclass", "define", "frozen", "mutable", "s", "attrs"})
_FIELD_CALLS = frozenset({"field", "Field", "ib", "attrib"})


def parameter_values(
    ctx: PythonContext, name: cst.Name, wanted: Callable[[cst.BaseExpression], bool]
) -> tuple[cst.BaseExpression, list[cst.BaseExpression]] | None:
    """(default, values passed) of the parameter `name` is bound to, where that is its only
    binding and it has a default that is `wanted`; None otherwise."""
    param = only_parameter(ctx, name)
    if param is None or param.default is None or not wanted(param.default):
        return None
    found = _function_values(ctx, param)
    return None if found is None else (param.default, found[1])


def passed_values(
    ctx: PythonContext, name: cst.Name
) -> tuple[cst.FunctionDef, list[cst.BaseExpression]] | None:
    """The function whose parameter `name` is bound to (its only binding) and the values the
    module's calls of it pass for that parameter (none followed for a method but
    `__init__`); None where `name` is no such parameter."""
    param = only_parameter(ctx, name)
    return None if param is None else _function_values(ctx, param)


def caller_values(ctx: PythonContext, name: cst.Name) -> list[cst.BaseExpression]:
    """The values the module's calls pass for the parameter `name` is bound to (its only
    binding): calls of a function by its name, of a class (its `__init__`), of a method as
    `self.<name>(...)` in its class (`calls_passing`); empty for anything else."""
    param = only_parameter(ctx, name)
    found = calls_passing(ctx, param, methods=True) if param is not None else None
    return [value for _, value in found or [] if value is not None]


def parameter_default(ctx: PythonContext, name: cst.Name) -> cst.BaseExpression | None:
    """The default of the parameter that is the only binding of `name`, or None."""
    param = only_parameter(ctx, name)
    return param.default if param is not None else None


def only_parameter(ctx: PythonContext, name: cst.Name) -> cst.Param | None:
    """The parameter that is the only binding of `name`, or None."""
    bound = ctx.bindings(name)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    param = bound[0].node
    return param if isinstance(param, cst.Param) else None


def parameter_calls(
    ctx: PythonContext, name: cst.Name
) -> list[tuple[cst.Call, cst.BaseExpression | None]] | None:
    """The module's calls of the function whose parameter `name` is bound to (its only
    binding), each with the value it passes for that parameter (None where it passes none, or
    passes `*args`/`**kwargs`); None where `name` is no such parameter, or where it is a
    method's other than `__init__` (whose callers are not followed)."""
    param = only_parameter(ctx, name)
    return None if param is None else calls_passing(ctx, param)


def calls_passing(
    ctx: PythonContext, param: cst.Param, methods: bool = False
) -> list[tuple[cst.Call, cst.BaseExpression | None]] | None:
    """`parameter_calls` for the parameter itself; with `methods`, a method's calls
    `self.<name>(...)` in its class are followed too (`function_calls`)."""
    found = _function_calls(ctx, param)
    if found is None:
        return None
    function, calls, position = found
    first = function.params.params[0].name.value if function.params.params else None
    if calls is None and methods and position is not None and first == "self":
        calls, position = function_calls(ctx, function), position - 1  # `self` bound
    if calls is None:
        return None
    return [(c, passed_one(c, param.name.value, position)) for c in calls]


def function_calls(ctx: PythonContext, function: cst.FunctionDef) -> list[cst.Call]:
    """The module's calls of `function`: by its name for a function of the module's top
    level, as `self.<name>(...)` in its class for a method (a subclass's override is not
    told apart); none for another (nested) function."""
    parents = ctx.ancestors(function)
    block = parents[-1] if parents else None
    if isinstance(block, cst.Module):
        return _calls_of(ctx, function.name, function)
    owner = parents[-2] if len(parents) >= 2 else None
    if not (isinstance(block, cst.IndentedBlock) and isinstance(owner, cst.ClassDef)):
        return []
    start = ctx.index_of(owner)
    name = function.name.value
    return [
        node
        for node in ctx.nodes[start : ctx.ends[start]]
        if isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == name
        and self_attribute(node.func)
    ]


def only_called(ctx: PythonContext, function: cst.FunctionDef) -> bool:
    """Whether the module uses the function (a `def` of its own) only by calling it by its
    name: not passed as a value (`map(f, items)`, a callback), where its callers are not
    shown."""
    scope = ctx.scope(function)
    if scope is None:
        return False
    for binding in scope[function.name.value]:
        if not isinstance(binding, Assignment) or binding.node is not function:
            return False  # the name is bound to something else too
        for access in binding.references:
            parents = ctx.ancestors(access.node)
            if not parents or not isinstance(parents[-1], cst.Call):
                return False
            if parents[-1].func is not access.node:
                return False
    return True


def _function_values(
    ctx: PythonContext, param: cst.Param
) -> tuple[cst.FunctionDef, list[cst.BaseExpression]] | None:
    """The function of `param` and the values the module's calls pass for it."""
    found = _function_calls(ctx, param)
    if found is None:
        return None
    function, calls, position = found
    return function, _passed(calls or [], param.name.value, position)


def _function_calls(
    ctx: PythonContext, param: cst.Param
) -> tuple[cst.FunctionDef, list[cst.Call] | None, int | None] | None:
    """The function of `param`, the module's calls of it (None for a method other than
    `__init__`: its callers are not followed, and the position is that among the method's
    own parameters, `self` included) and the position of `param` among the positional
    arguments they pass."""
    parents = ctx.ancestors(param)
    if len(parents) < 2 or not isinstance(function := parents[-2], cst.FunctionDef):
        return None
    params = function.params
    positional = [*params.posonly_params, *params.params]
    index = next((i for i, p in enumerate(positional) if p is param), None)
    owner = parents[-4] if len(parents) >= 4 else None
    if isinstance(owner, cst.ClassDef):
        if function.name.value != "__init__":
            return function, None, index
        calls, skip = constructor_calls(ctx, owner), 1
    else:
        calls, skip = _calls_of(ctx, function.name, function), 0
    return function, calls, index - skip if index is not None else None


def field_values(
    ctx: PythonContext, attr: cst.Attribute, wanted: Callable[[cst.BaseExpression], bool]
) -> tuple[cst.BaseExpression, list[cst.BaseExpression]] | None:
    """(default, values passed) of `self.X` where the class using it sets X in its body
    (`X: str = "..."`, `X = field(default="...")`) to a default that is `wanted`, and none of
    its methods assigns `self.X`; None otherwise."""
    if not self_attribute(attr):
        return None
    owner = class_of(ctx, attr)
    if owner is None or ctx.self_values(attr):
        return None
    return field_of(ctx, owner, attr.attr.value, wanted)


def field_of(
    ctx: PythonContext,
    owner: cst.ClassDef,
    name: str,
    wanted: Callable[[cst.BaseExpression], bool],
) -> tuple[cst.BaseExpression, list[cst.BaseExpression]] | None:
    """(default, values passed) of the field `name` of `owner`, where its default is
    `wanted`."""
    fields = class_fields(owner)
    if name not in fields:
        return None
    default = fields[name]
    if default is None or not wanted(default):
        return None
    position = None
    if not owner.bases and any(
        last_name(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator)
        in _DATACLASS_DECORATORS
        for d in owner.decorators
    ):
        order = [field_name for field_name, _ in _init_fields(owner)]
        position = order.index(name) if name in order else None
    return default, _passed(constructor_calls(ctx, owner), name, position)


def passed_to_field(
    ctx: PythonContext, attr: cst.Attribute
) -> tuple[cst.BaseExpression | None, list[cst.BaseExpression]] | None:
    """(default or None, values passed) of `self.X` where the class using it sets X in its
    body (`X: str`, `X: str = ""`) and none of its methods assigns `self.X`; None otherwise."""
    owner = class_of(ctx, attr) if self_attribute(attr) else None
    if owner is None or ctx.self_values(attr) or attr.attr.value not in class_fields(owner):
        return None
    found = field_of(ctx, owner, attr.attr.value, lambda _: True)
    if found is not None:
        return found
    fields = dict(_init_fields(owner)) if _is_dataclass(owner) else {}
    if attr.attr.value not in fields:
        return None  # no default, and not a field `__init__` takes
    order = list(fields)
    position = order.index(attr.attr.value) if not owner.bases else None
    return None, _passed(constructor_calls(ctx, owner), attr.attr.value, position)


def _is_dataclass(owner: cst.ClassDef) -> bool:
    """Whether a class is decorated as a dataclass (or attrs class)."""
    return any(
        last_name(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator)
        in _DATACLASS_DECORATORS
        for d in owner.decorators
    )


def instance_field_values(
    ctx: PythonContext, attr: cst.Attribute, wanted: Callable[[cst.BaseExpression], bool]
) -> tuple[cst.BaseExpression, list[cst.BaseExpression]] | None:
    """`field_values` of `x.X` read outside its class, where `x` is an instance of a class of
    the module: a parameter annotated with it (`agent: Agent`) or a name bound only to one
    construction of it (`agent = Agent(...)`); None where the module assigns X on an object
    other than `self` (`agent.model = ...`), or has a subclass of it (which may set another
    default)."""
    if not isinstance(attr.value, cst.Name) or self_attribute(attr):
        return None
    owner = instance_class(ctx, attr.value)
    name = attr.attr.value
    if owner is None or name in set_on_objects(ctx):
        return None
    if any(class_of(ctx, v) is owner for v in ctx.index.self_assigned.get(name, ())):
        return None
    if any(
        isinstance(n, cst.ClassDef) and any(last_name(b.value) == owner.name.value for b in n.bases)
        for n in ctx.nodes
    ):
        return None
    return field_of(ctx, owner, name, wanted)


def instance_class(ctx: PythonContext, name: cst.Name) -> cst.ClassDef | None:
    """The class of the module that `name` holds an instance of: the annotation of the
    parameter it is bound to, or the class of the one construction it is assigned."""
    bound = ctx.bindings(name)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    node = bound[0].node
    if isinstance(node, cst.Param):
        kind = node.annotation.annotation if node.annotation is not None else None
    else:
        value = ctx.index.assigned.get(id(node))
        kind = value.func if isinstance(value, cst.Call) else None
    if not isinstance(kind, cst.Name):
        return None
    classes = ctx.bindings(kind)
    if len(classes) != 1 or not isinstance(classes[0], Assignment):
        return None
    owner = classes[0].node
    return owner if isinstance(owner, cst.ClassDef) else None


def set_on_objects(ctx: PythonContext) -> frozenset[str]:
    """The attribute names the module assigns on an object other than `self` (computed
    once)."""
    found = ctx.analyses.get(set_on_objects)
    if found is None:
        names = set()
        for node in ctx.nodes:
            if not isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign)):
                continue
            target = node.target
            if isinstance(target, cst.Attribute) and not self_attribute(target):
                names.add(target.attr.value)
        found = ctx.analyses[set_on_objects] = frozenset(names)
    return found  # type: ignore[return-value]


def class_of(ctx: PythonContext, node: cst.CSTNode) -> cst.ClassDef | None:
    """The innermost class whose body holds `node`."""
    return next((a for a in reversed(ctx.ancestors(node)) if type(a) is cst.ClassDef), None)


def class_fields(owner: cst.ClassDef) -> dict[str, cst.BaseExpression | None]:
    """The names a class body binds by assignment (`X = v`, `X: T = v`, `X: T`), each with its
    default (the value, or `default=` of a `field(...)` call; None where it has none)."""
    fields: dict[str, cst.BaseExpression | None] = {}
    for name, value in body_assignments(owner):
        fields[name] = field_default(value)
    return fields


def constructor_calls(ctx: PythonContext, owner: cst.ClassDef) -> list[cst.Call]:
    """The calls of the module making an instance of `owner`: `C(...)` by its name, and
    `cls(...)` in its classmethods."""
    calls = _calls_of(ctx, owner.name, owner)
    for statement in owner.body.body:
        if not isinstance(statement, cst.FunctionDef) or not statement.params.params:
            continue
        if not any(last_name(d.decorator) == "classmethod" for d in statement.decorators):
            continue
        first = statement.params.params[0]
        calls += _calls_of(ctx, first.name, first)
    return calls


def _calls_of(ctx: PythonContext, name: cst.Name, definition: cst.CSTNode) -> list[cst.Call]:
    """The calls `name(...)` whose callee is bound to `definition` (a function, a class, a
    parameter)."""
    return [
        call
        for call in _calls_by_name(ctx).get(name.value, [])
        if any(
            isinstance(b, Assignment) and b.node is definition
            for b in ctx.bindings(call.func)  # type: ignore[arg-type]
        )
    ]


def _calls_by_name(ctx: PythonContext) -> dict[str, list[cst.Call]]:
    """Every call of the module whose callee is a plain name, by that name (computed once)."""
    found = ctx.analyses.get(_calls_by_name)
    if found is None:
        calls: dict[str, list[cst.Call]] = {}
        for node in ctx.nodes:
            if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
                calls.setdefault(node.func.value, []).append(node)
        found = ctx.analyses[_calls_by_name] = calls
    return found  # type: ignore[return-value]


def _passed(calls: list[cst.Call], name: str, position: int | None) -> list[cst.BaseExpression]:
    """The values `calls` pass for a parameter or field `name` (by keyword, or at `position`
    among the positional arguments)."""
    return [v for call in calls if (v := passed_one(call, name, position)) is not None]


def passed_one(call: cst.Call, name: str, position: int | None) -> cst.BaseExpression | None:
    """The value one call passes for a parameter or field `name`, or None."""
    arg = keyword(call, name)
    if arg is not None:
        return arg.value
    if any(a.star for a in call.args):
        return None  # `*args`, `**kwargs`: what they hold is not shown
    positional = [a for a in call.args if a.keyword is None]
    if position is not None and 0 <= position < len(positional):
        return positional[position].value
    return None


def body_assignments(owner: cst.ClassDef) -> list[tuple[str, cst.BaseExpression | None]]:
    """(name, value) of each one-target assignment to a name in a class body, in order."""
    found: list[tuple[str, cst.BaseExpression | None]] = []
    for line in owner.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                found.append((small.target.value, small.value))
            elif (
                isinstance(small, cst.Assign)
                and len(small.targets) == 1
                and isinstance(small.targets[0].target, cst.Name)
            ):
                found.append((small.targets[0].target.value, small.value))
    return found


def _init_fields(owner: cst.ClassDef) -> list[tuple[str, cst.BaseExpression | None]]:
    """The fields a dataclass's `__init__` takes, in order: annotated names that are not
    `ClassVar`s nor `field(init=False)`."""
    found: list[tuple[str, cst.BaseExpression | None]] = []
    for line in owner.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if not isinstance(small, cst.AnnAssign) or not isinstance(small.target, cst.Name):
                continue
            annotation = small.annotation.annotation
            if isinstance(annotation, cst.Subscript):
                annotation = annotation.value
            if last_name(annotation) == "ClassVar":
                continue
            value = small.value
            init = keyword(value, "init") if isinstance(value, cst.Call) else None
            if (
                init is not None
                and isinstance(init.value, cst.Name)
                and init.value.value == "False"
            ):
                continue
            found.append((small.target.value, value))
    return found


def field_default(value: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """A field's default: the value, or `default=` of a `field(...)` call."""
    if isinstance(value, cst.Call) and last_name(value.func) in _FIELD_CALLS:
        arg = keyword(value, "default")
        return arg.value if arg is not None else None
    return value
