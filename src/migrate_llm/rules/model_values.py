"""The model literals a request's `model=` may send, as the module shows them.

ML201/ML202 follow `model=` to one literal (`resolve_literal`); a program often picks its
model through a default instead: `self.model = model or "text-embedding-3-small"`, a
parameter's default, `"a" if large else "b"`, a caller's argument. `model_values` follows
those to every literal the value may be, the ones `apply` maps where they are written
(ML201, ML202, ML204), so that a rule can say what each of them becomes, or where one would
miss a table keyed by OpenAI model (`model_lookups`).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.class_constants import body_assignments, class_constant
from migrate_llm.rules.option_defaults import declared_default
from migrate_llm.rules.passed_values import class_of, field_values, set_on_objects
from migrate_llm.rules.python_context import (
    PythonContext,
    home_scope,
    keyword,
    last_name,
    self_attribute,
    string_value,
    without_id_methods,
)

# rewrites of a name's spelling that leave any other model as it is (autogen's Azure aliases,
# `re.sub(r"^gpt4", "gpt-4", model)`): (pattern, replacement, string) with literal patterns
_REWRITES = frozenset({"re.sub"})
_DEPTH = 6


def model_values(ctx: PythonContext, expr: cst.BaseExpression) -> list[tuple[cst.CSTNode, str]]:
    """The string literals (node, value) `expr` may hold, in the order of the text, each once:
    itself; both sides of `or` / `and` and both branches of `x if c else y`; the default of
    an environment lookup; what `.lower()` and the like are called on; what `re.sub(pattern,
    replacement, x)` with literal pattern and replacement rewrites (an alias fix-up); the
    default of `mapping.get(key, default)`; through a name, its assignments in the module,
    or the default of the parameter it is and what the module's calls of that function (or
    of the class, for `__init__`) pass for it; through `self.x`, what the class assigns to
    `self.x` and sets `x` to in its body. A value the module does not show (a caller's
    elsewhere, a computation) adds nothing."""
    found: dict[int, tuple[cst.CSTNode, str]] = {}
    _collect(ctx, expr, found, set(), 0)
    return sorted(found.values(), key=lambda item: ctx.index_of(item[0]))


def env_default(
    ctx: PythonContext, expr: cst.BaseExpression
) -> tuple[cst.BaseExpression, str, str] | None:
    """(the literal, its text, the variable as written) of the string default of an
    environment read `expr` sends, as ML204 reads and maps it (`sdk.ENV_DEFAULTS`: its second
    argument or `default=`): the read itself, or a name bound once to it
    (`MODEL = os.environ.get("OPENAI_MODEL", "gpt-4o")`), also through `.lower()` and the
    like; None for anything else (a parameter's default: a caller may pass another)."""
    inner = without_id_methods(expr)[0]
    if isinstance(inner, cst.Name):
        bound = ctx.bound_value(inner)
        inner = without_id_methods(bound)[0] if bound is not None else inner
    if not isinstance(inner, cst.Call) or not inner.args:
        return None
    given = env_default_arg(ctx, inner)
    text = string_value(given.value) if given is not None else None
    if given is None or text is None:
        return None
    variable = inner.args[0].value
    return given.value, text, string_value(variable) or ctx.code(variable)


def env_default_arg(ctx: PythonContext, call: cst.Call) -> cst.Arg | None:
    """The argument giving the default of the environment read `call` (`sdk.ENV_DEFAULTS`:
    its second argument or `default=`, decouple's `config` too); None for another call."""
    if not ctx.qualnames(call.func) & sdk.ENV_DEFAULTS:
        return None
    given = keyword(call, "default")
    if given is None and len(call.args) >= 2 and call.args[1].keyword is None:
        given = call.args[1]
    return given


def _collect(
    ctx: PythonContext,
    expr: cst.BaseExpression,
    found: dict[int, tuple[cst.CSTNode, str]],
    seen: set[int],
    depth: int,
) -> None:
    if depth > _DEPTH or id(expr) in seen:
        return
    seen.add(id(expr))
    value = string_value(expr)
    if value is not None:
        found[id(expr)] = (expr, value)
        return
    nested: list[cst.BaseExpression] = []
    if isinstance(expr, cst.BooleanOperation):
        nested = [expr.left, expr.right]
    elif isinstance(expr, cst.IfExp):
        nested = [expr.body, expr.orelse]
    elif isinstance(expr, cst.Call) and ctx.qualnames(expr.func) & sdk.ENV_LOOKUPS:
        nested = [expr.args[1].value] if len(expr.args) >= 2 else []
    elif isinstance(expr, cst.Call) and _mapping_get(expr):
        nested = [expr.args[1].value]  # `kwargs.get("llm_model", "gpt-3.5-turbo")`
    elif isinstance(expr, cst.Call) and without_id_methods(expr)[1]:
        nested = [without_id_methods(expr)[0]]  # `.lower()` and the like keep the model
    elif isinstance(expr, cst.Call) and ctx.qualnames(expr.func) & _REWRITES:
        nested = _rewritten(expr)
    elif isinstance(expr, cst.Name):
        nested = _bound_values(ctx, expr)
    elif self_attribute(expr):
        assert isinstance(expr, cst.Attribute)
        nested = [*ctx.self_values(expr), *class_values(ctx, expr)]
    for inner in nested:
        _collect(ctx, inner, found, seen, depth + 1)


def _mapping_get(call: cst.Call) -> bool:
    """Whether `call` is `mapping.get(key, default)`, its key and default given by position:
    it gives the default where the mapping has no such key."""
    func, args = call.func, call.args
    return (
        isinstance(func, cst.Attribute)
        and func.attr.value == "get"
        and len(args) == 2
        and not any(a.keyword or a.star for a in args)
    )


def _rewritten(call: cst.Call) -> list[cst.BaseExpression]:
    """The string `re.sub(pattern, replacement, string)` rewrites, its pattern and its
    replacement literals, all three positional; else nothing."""
    args = call.args
    if len(args) != 3 or any(a.keyword or a.star for a in args):
        return []
    if string_value(args[0].value) is None or string_value(args[1].value) is None:
        return []
    return [args[2].value]


def _bound_values(ctx: PythonContext, name: cst.Name) -> list[cst.BaseExpression]:
    """What the assignments a name may refer to give it: assigned values, and for a
    parameter its default and what the module's calls pass for it."""
    values: list[cst.BaseExpression] = []
    for binding in ctx.bindings(name):
        if not isinstance(binding, Assignment):
            continue
        node = binding.node
        if isinstance(node, cst.Param):
            default = declared_default(ctx, node)  # also a command-line option's
            if default is not None:
                values.append(default)
            values += _passed(ctx, node)
        elif (assigned := ctx.index.assigned.get(id(node))) is not None:
            values.append(assigned)
    return values


def held_values(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    """What `expr` may be, where the module shows it: itself, the value of the one plain
    assignment of a name, or those set to `self.X` and to X in the body of its class."""
    if isinstance(expr, cst.Name):
        bound = ctx.bound_value(expr)
        return [bound] if bound is not None else []
    if not (isinstance(expr, cst.Attribute) and self_attribute(expr)):
        return [expr]
    return [*ctx.self_values(expr), *class_values(ctx, expr)]


def reaching_values(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    """What `expr` may be where it is used: `held_values`, but for a name the value of each
    plain assignment that may reach the use (`PythonContext.reaching`: one in a branch, one
    made at module level below the function reading it), less one that a later plain
    assignment always replaces before the use (`_replaced`)."""
    if not isinstance(expr, cst.Name):
        return held_values(ctx, expr)
    plain = [
        b
        for b in ctx.reaching(expr)
        if isinstance(b, Assignment) and id(b.node) in ctx.index.assigned
    ]
    return [
        ctx.index.assigned[id(b.node)]
        for b in plain
        if not any(_replaced(ctx, b, later, expr) for later in plain if later is not b)
    ]


def known_literals(
    ctx: PythonContext, expr: cst.BaseExpression
) -> list[tuple[cst.BaseExpression, str, str]] | None:
    """Every string `expr` may hold, where the module shows them all, each as
    `resolve_literal` gives it (a literal or a module constant): both branches of `x if c
    else y`; through a name bound several times (or once, to a name or `self.X`), the value
    of each plain assignment that may reach the use (`reaching_values`: not one in another
    branch of the `if` the use stands in); through `Cls.X` (or `Cls.X.value` of an enum), the
    value its class body gives X (`class_constant`); through `self.X`, what its class assigns
    `self.X` in its methods and sets X to in its body (or, assigned in no method, its field's
    default and what the module's constructions pass: `field_values`), where the module
    assigns X on no other object and derives no class from it. None where some value is
    another (a parameter, an environment read, a computation) or none is shown."""
    found: list[tuple[cst.BaseExpression, str, str]] = []
    unknown: list[cst.BaseExpression] = []
    _leaves(ctx, expr, found, unknown, False, 0)
    return found if found and not unknown else None


def some_literals(
    ctx: PythonContext, expr: cst.BaseExpression
) -> tuple[list[tuple[cst.BaseExpression, str, str]], list[cst.BaseExpression]]:
    """(the strings, the values the module does not show) `expr` may hold, followed as
    `known_literals` follows it, and also where only some are known: a name's plain
    assignments beside a parameter or a loop target it is bound to, both sides of `x or y`
    (`cfg.get("model") or "gpt-4o"`), the default of `mapping.get(key, default)` or of an
    environment read beside the value read."""
    found: list[tuple[cst.BaseExpression, str, str]] = []
    unknown: list[cst.BaseExpression] = []
    _leaves(ctx, expr, found, unknown, True, 0)
    return found, unknown


def _leaves(
    ctx: PythonContext,
    expr: cst.BaseExpression,
    found: list[tuple[cst.BaseExpression, str, str]],
    unknown: list[cst.BaseExpression],
    partial: bool,
    depth: int,
) -> None:
    """Add to `found` the strings `expr` may hold (`known_literals`), to `unknown` the values
    it may hold that the module does not show; with `partial`, the shown values beside an
    unknown one too (`some_literals`)."""
    resolved = ctx.resolve_literal(expr)
    if resolved is not None:
        how = resolved[2]
        if how == "literal" or how.startswith("constant "):
            found.append(resolved)
            return
        if not (partial and how == "env default"):
            unknown.append(expr)
            return
    values = _all_values(ctx, expr, partial, unknown) if depth < _DEPTH else None
    if not values:
        unknown.append(expr)
        return
    for value in values:
        if unknown and not partial:
            return
        _leaves(ctx, value, found, unknown, partial, depth + 1)


def _all_values(
    ctx: PythonContext,
    expr: cst.BaseExpression,
    partial: bool = False,
    unknown: list[cst.BaseExpression] | None = None,
) -> list[cst.BaseExpression] | None:
    """What `_leaves` follows `expr` to; None where the module may not show it all. With
    `partial`, a name's plain assignments where it has other bindings too (each added to
    `unknown`), both sides of `or`, and what a lookup with a default may give."""
    if isinstance(expr, cst.IfExp):
        return [expr.body, expr.orelse]
    if partial:
        shown = _partial_values(ctx, expr, unknown if unknown is not None else [])
        if shown is not None:
            return shown
    if isinstance(expr, cst.Name):
        reaching = ctx.reaching(expr)
        if not reaching or not all(
            isinstance(b, Assignment) and id(b.node) in ctx.index.assigned for b in reaching
        ):
            return None  # a parameter, a loop target, an import: set elsewhere
        return reaching_values(ctx, expr)
    constant = class_constant(ctx, expr)
    if constant is not None:
        return [constant]
    if not (isinstance(expr, cst.Attribute) and self_attribute(expr)):
        return None
    owner = class_of(ctx, expr)
    if owner is None or expr.attr.value in set_on_objects(ctx) or _derived(ctx, owner):
        return None
    if ctx.self_values(expr):
        return held_values(ctx, expr)
    found = field_values(ctx, expr, lambda _: True)
    return [found[0], *found[1]] if found is not None else None


def _partial_values(
    ctx: PythonContext, expr: cst.BaseExpression, unknown: list[cst.BaseExpression]
) -> list[cst.BaseExpression] | None:
    """`_all_values`'s values where only some are shown (`some_literals`), the others added to
    `unknown`; None where `_all_values` follows `expr` as it would without `partial`."""
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        return [expr.left, expr.right]
    if (
        isinstance(expr, cst.Call)
        and len(expr.args) >= 2
        and (_mapping_get(expr) or ctx.qualnames(expr.func) & sdk.ENV_LOOKUPS)
    ):
        unknown.append(expr)  # the value read, where it is set
        return [expr.args[1].value]
    if not isinstance(expr, cst.Name):
        return None
    reaching = ctx.reaching(expr)
    plain = [b for b in reaching if isinstance(b, Assignment) and id(b.node) in ctx.index.assigned]
    if not plain or len(plain) == len(reaching):
        return None
    unknown.append(expr)  # a parameter, a loop target: set elsewhere
    return reaching_values(ctx, expr)


def _derived(ctx: PythonContext, owner: cst.ClassDef) -> bool:
    """Whether a class of the module derives from `owner` (and may set its attributes)."""
    return any(
        isinstance(n, cst.ClassDef) and any(last_name(b.value) == owner.name.value for b in n.bases)
        for n in ctx.nodes
    )


def _replaced(ctx: PythonContext, earlier: Assignment, later: Assignment, use: cst.Name) -> bool:
    """Whether the plain assignment `later` always runs after `earlier` and before `use`: its
    line stands in a block (the module, a body) that holds both, below the statement that
    holds `earlier`, and above the one that holds `use`, or `use` is in a function (which
    runs once the block has run)."""
    path = ctx.ancestors(later.node)
    lines = [i for i, node in enumerate(path) if type(node) is cst.SimpleStatementLine]
    at = lines[-1] if lines else 0
    block = path[at - 1] if at else None
    if not isinstance(block, (cst.Module, cst.IndentedBlock)):
        return False
    statements = list(block.body)
    position = next(i for i, s in enumerate(statements) if s is path[at])

    def slot(node: cst.CSTNode) -> int | None:
        """The index in the block of the statement holding `node`, None outside it."""
        above = (*ctx.ancestors(node), node)
        k = next((i for i, a in enumerate(above) if a is block), None)
        if k is None or k + 1 >= len(above):
            return None
        return next((i for i, s in enumerate(statements) if s is above[k + 1]), None)

    before, after = slot(earlier.node), slot(use)
    if before is None or after is None or before >= position:
        return False
    if after > position:
        return True
    return after < position and home_scope(ctx.scope(use)) is not home_scope(ctx.scope(later.node))


def class_values(ctx: PythonContext, attr: cst.Attribute) -> list[cst.BaseExpression]:
    """The values the body of the class holding `attr` (`self.x`) sets `x` to (a class
    attribute or a field default)."""
    owner = next((a for a in reversed(ctx.ancestors(attr)) if type(a) is cst.ClassDef), None)
    if owner is None:
        return []
    return [value for _, value in body_assignments(owner, attr.attr.value)]


def _passed(ctx: PythonContext, param: cst.Param) -> list[cst.BaseExpression]:
    """What the module's calls of the function `param` belongs to pass for it: calls of a
    function by its name, and of a class by its name for a parameter of `__init__`."""
    parents = ctx.ancestors(param)
    function = next((a for a in reversed(parents) if isinstance(a, cst.FunctionDef)), None)
    if function is None:
        return []
    defined: cst.FunctionDef | cst.ClassDef = function
    skipped = 0  # positional parameters a call does not fill (`self`)
    if function.name.value == "__init__":
        owner = next((a for a in reversed(parents) if type(a) is cst.ClassDef), None)
        if owner is None:
            return []
        defined, skipped = owner, 1
    positional = [*function.params.posonly_params, *function.params.params]
    index = next((i for i, p in enumerate(positional) if p is param), None)
    given = []
    for binding in ctx.bindings(defined.name):
        if not isinstance(binding, Assignment) or binding.node is not defined:
            continue
        for access in binding.references:
            above = ctx.ancestors(access.node)
            call = above[-1] if above else None
            if not isinstance(call, cst.Call) or call.func is not access.node:
                continue
            arg = _argument(call, param.name.value, index, skipped)
            if arg is not None:
                given.append(arg.value)
    return given


def _argument(call: cst.Call, name: str, index: int | None, skipped: int) -> cst.Arg | None:
    """The argument `call` passes for the parameter `name` (at `index` of the positional
    ones, `skipped` of them filled without an argument)."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    if index is None or index < skipped:
        return None
    plain = []
    for arg in call.args:
        if arg.keyword is not None or arg.star:
            break
        plain.append(arg)
    at = index - skipped
    return plain[at] if at < len(plain) else None
