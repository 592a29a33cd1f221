"""Code only run where the program's own choice of service is OpenAI.

A multi-provider program keeps what only OpenAI serves behind a test of the service it
talks to (`if provider == "openai":`, gptme's `_should_use_responses_api()` returning
`provider == "openai" and ...`). Such a branch still goes to OpenAI after apply, unless its
client is one apply points at the provider: ML101 notes a request there instead of an error
that `check` could never clear (t51f).

What counts: the body of an `if` whose test compares a value with one of OpenAI's service
names (`==`, `in` a display of them; an `and` holding one; a call of the module's function
returning such a test, or a name bound once to one), the `else` of one testing `!=` or `not
in`; and the body of a private function of the module (`_stream_responses`) every call of
which, and at least one, stands in such code.
"""

from __future__ import annotations

import functools

import libcst as cst

from migrate_llm.frameworks import litellm as fw
from migrate_llm.frameworks.services import OPENAI_SERVICES
from migrate_llm.rules.python_context import PythonContext, string_value

_DEPTH = 2  # levels of the module's functions followed


@functools.cache
def openai_names() -> frozenset[str]:
    """OpenAI's own service names, not Azure's (a branch for Azure may hold a client apply
    moves: ML002)."""
    return frozenset(n for n in OPENAI_SERVICES if not n.startswith("azure"))


def openai_branch(ctx: PythonContext, node: cst.CSTNode, depth: int = _DEPTH) -> str | None:
    """The test, as the module shows it, that keeps `node` in code run only where the
    program's service is OpenAI; None otherwise."""
    child: cst.CSTNode = node
    for parent in reversed(ctx.ancestors(node)):
        if isinstance(parent, cst.If):
            negated = parent.orelse is child
            if parent.body is child or negated:
                test = _test_words(ctx, parent.test, negated, depth)
                if test is not None:
                    return test
        if isinstance(parent, cst.Lambda | cst.ClassDef):
            return None
        if isinstance(parent, cst.FunctionDef):
            return _only_called_there(ctx, parent, depth) if depth > 0 else None
        child = parent
    return None


def _test_words(
    ctx: PythonContext, test: cst.BaseExpression, negated: bool, depth: int
) -> str | None:
    if _openai_test(ctx, test, negated, depth):
        shown = " ".join(ctx.code(test).split())
        return f"the `else` of `if {shown}`" if negated else f"`if {shown}`"
    return None


def _openai_test(ctx: PythonContext, test: cst.BaseExpression, negated: bool, depth: int) -> bool:
    """Whether `test` holds (with `negated`: fails) only where the service is OpenAI."""
    if isinstance(test, cst.BooleanOperation):
        if isinstance(test.operator, cst.And) and not negated:
            return _openai_test(ctx, test.left, False, depth) or _openai_test(
                ctx, test.right, False, depth
            )
        if isinstance(test.operator, cst.Or) and negated:  # `if a != "openai" or b: ... else:`
            return _openai_test(ctx, test.left, True, depth) or _openai_test(
                ctx, test.right, True, depth
            )
        return False
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        return _compares_openai(test, negated)
    if isinstance(test, cst.Name) and not negated:
        value = ctx.bound_value(test)
        return value is not None and _openai_test(ctx, value, False, 0)
    if isinstance(test, cst.Call) and not negated and depth > 0:
        function = _module_function(ctx, test.func)
        value = ctx.return_of(function) if function is not None else None
        return value is not None and _openai_test(ctx, value, False, depth - 1)
    return False


def _compares_openai(test: cst.Comparison, negated: bool) -> bool:
    target = test.comparisons[0]
    operator, right = target.operator, target.comparator
    equal = cst.Equal if not negated else cst.NotEqual
    member = cst.In if not negated else cst.NotIn
    names = openai_names()
    if isinstance(operator, equal):
        texts = [string_value(test.left), string_value(right)]
        return any(t is not None and t.lower() in names for t in texts) and None in texts
    if isinstance(operator, member) and isinstance(right, cst.Tuple | cst.List | cst.Set):
        texts = [string_value(e.value) for e in right.elements]
        return bool(texts) and all(t is not None and t.lower() in names for t in texts)
    return False


def _module_function(ctx: PythonContext, func: cst.BaseExpression) -> cst.FunctionDef | None:
    """The one top-level function (or method, for `self.x()`) of the module a call names."""
    if isinstance(func, cst.Name):
        found = [
            n
            for n in ctx.nodes
            if type(n) is cst.FunctionDef
            and n.name.value == func.value
            and not isinstance(ctx.ancestors(n)[-1], cst.IndentedBlock)
        ]
    elif isinstance(func, cst.Attribute) and ctx.code(func.value) in ("self", "cls"):
        found = ctx.methods.get(func.attr.value, [])
    else:
        return None
    return found[0] if len(found) == 1 else None


def _only_called_there(ctx: PythonContext, function: cst.FunctionDef, depth: int) -> str | None:
    """For a private function of the module every use of which is a call standing in code
    run only for OpenAI: that test. None where it is public, used otherwise, or uncalled."""
    name = function.name.value
    if not name.startswith("_") or name.startswith("__"):
        return None
    tests: list[str] = []
    for node in ctx.nodes:
        if node is function.name:
            continue
        named = (type(node) is cst.Name and node.value == name) or (
            type(node) is cst.Attribute and node.attr.value == name
        )
        if not named:
            continue
        parent = ctx.ancestors(node)[-1]
        if type(node) is cst.Name and isinstance(parent, cst.Attribute) and parent.attr is node:
            continue  # the attribute's own name, met as the Attribute
        if not isinstance(parent, cst.Call) or parent.func is not node:
            return None  # passed or stored: called from anywhere
        test = openai_branch(ctx, parent, depth - 1)
        if test is None:
            return None
        tests.append(test)
    if not tests:
        return None
    return f"{tests[0]} around every call of {name}()"


def openai_model_branch(ctx: PythonContext, node: cst.CSTNode) -> str | None:
    """The test, as the module shows it, of an `if` whose body holds `node` (in the same
    function) and that compares a model with OpenAI's model ids: `model in [...]` (a display,
    or a name bound once to one) holding one, or `model == "gpt-4o"`; also an `and` holding
    such a test. A key asked for there is the one those models need: OpenAI's (t61c C: Open
    Interpreter's `if interpreter.llm.model in ["gpt-4o", ...]:` asking for an OpenAI key).
    None otherwise."""
    child: cst.CSTNode = node
    for parent in reversed(ctx.ancestors(node)):
        test = _model_test(ctx, parent.test) if isinstance(parent, cst.If) else None
        if isinstance(parent, cst.If) and parent.body is child and test is not None:
            right = test.comparisons[0].comparator
            shown = ctx.code(right) if isinstance(right, cst.Name | cst.SimpleString) else "[...]"
            operator = "in" if isinstance(test.comparisons[0].operator, cst.In) else "=="
            return f"`if {' '.join(ctx.code(test.left).split())} {operator} {shown}`"
        if isinstance(parent, cst.FunctionDef | cst.Lambda | cst.ClassDef):
            return None
        child = parent
    return None


def _model_test(ctx: PythonContext, test: cst.BaseExpression) -> cst.Comparison | None:
    if isinstance(test, cst.BooleanOperation):
        if not isinstance(test.operator, cst.And):
            return None
        return _model_test(ctx, test.left) or _model_test(ctx, test.right)
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    operator, right = target.operator, target.comparator
    if isinstance(operator, cst.Equal):
        texts = [string_value(test.left), string_value(right)]
    elif isinstance(operator, cst.In):
        held = ctx.bound_value(right) if isinstance(right, cst.Name) else right
        if not isinstance(held, cst.Tuple | cst.List | cst.Set):
            return None
        texts = [string_value(e.value) for e in held.elements]
    else:
        return None
    openai = ctx.rules.openai
    prefix = f"{fw.OPENAI_PREFIX}/"
    found = any(t is not None and openai.serves(t.removeprefix(prefix)) for t in texts)
    return test if found else None
