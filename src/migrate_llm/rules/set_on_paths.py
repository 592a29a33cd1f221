"""Values a function shows are never empty where a call uses them, on every path reaching it.

VideoLingo's `ask_gpt` stops where its key is empty (`if not load_key("api.key"): raise
...`) before `OpenAI(api_key=load_key("api.key"), base_url=base_url)`, and leaves `base_url`
a non-empty string on each branch (`if 'v1' not in base_url: base_url = base_url.strip('/') +
'/v1'`): a fallback after either (`x or os.environ.get(...)`) would never run. The statements
of the function before the call are followed in order, keeping the expressions known to be
truthy (by their code): an `if` adds what its test shows on each branch (`not X` false, or
`'v1' not in X` false, says X is not empty), a branch ending in `raise`, `return`,
`continue`, `break` or `sys.exit()` does not reach the call, the branches that do are joined
(what holds on all of them), an assignment of a value `set_values.always_set` shows is a
non-empty string (or of one known here) makes its name known, and any other binding of a
name forgets what was known of it (a loop, `with` or `try` forgets every name it binds).
"""

from __future__ import annotations

from typing import NamedTuple, cast

import libcst as cst

from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.set_values import always_set

# the calls that end the program where they stand (by qualified name, or a builtin's name)
_EXITS = frozenset({"sys.exit", "os._exit"})
_EXIT_BUILTINS = frozenset({"exit", "quit"})
# the string methods a test may call on X that a non-empty argument shows X is not empty for
_PREFIX_TESTS = frozenset({"startswith", "endswith"})


class _Known(NamedTuple):
    """An expression known to be truthy: the names it reads, the lines that show it."""

    names: frozenset[str]
    lines: frozenset[int]


# what is known before a statement, by the expression's code; None past a statement that
# never falls through (`raise`)
_Facts = dict[str, _Known]


def never_empty_at(
    ctx: PythonContext, value: cst.BaseExpression, at: cst.CSTNode
) -> tuple[int, ...] | None:
    """The lines showing `value` is never empty where `at` (a call it is given to) runs, on
    every path of the function holding it (see the module's docstring); () where
    `set_values.always_set` shows it alone, None where nothing does."""
    walk = _Walk(ctx)
    # what holds before `at`, found once for each call asked about (its key and base URL)
    before = cast("dict[int, _Facts | None]", ctx.analyses.setdefault(never_empty_at, {}))
    if id(at) not in before:
        before[id(at)] = walk.before(at)
    lines = walk.truthy(before[id(at)] or {}, value)
    return tuple(sorted(lines)) if lines is not None else None


def _shown(ctx: PythonContext, expr: cst.BaseExpression) -> str:
    """An expression's code without its parentheses and line breaks: the key of what is known."""
    if getattr(expr, "lpar", None):
        expr = expr.with_changes(lpar=[], rpar=[])
    return " ".join(ctx.code(expr).split())


class _Names(cst.CSTVisitor):
    """The names (and the code of the attributes and subscripts) a statement binds, not
    looking into the functions, classes and lambdas it defines (their names aside)."""

    def __init__(self, ctx: PythonContext) -> None:
        self.ctx = ctx
        self.bound: set[str] = set()

    def _target(self, target: cst.CSTNode) -> None:
        if isinstance(target, cst.Name):
            self.bound.add(target.value)
        elif isinstance(target, (cst.Attribute, cst.Subscript)):
            self.bound.add(_shown(self.ctx, target))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._target(element.value)
        elif isinstance(target, cst.StarredElement):
            self._target(target.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._target(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._target(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._target(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._target(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._target(node.name)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._target(node.target)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        if node.asname is None:
            name: cst.BaseExpression = node.name
            while isinstance(name, cst.Attribute):
                name = name.value
            self._target(name)

    def visit_Del(self, node: cst.Del) -> None:
        self._target(node.target)

    def visit_Global(self, node: cst.Global) -> None:
        self.bound.update(n.name.value for n in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.bound.update(n.name.value for n in node.names)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.bound.add(node.name.value)
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.bound.add(node.name.value)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False


class _Reads(cst.CSTVisitor):
    """The names an expression reads."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)


class _Walk:
    def __init__(self, ctx: PythonContext) -> None:
        self.ctx = ctx

    def before(self, at: cst.CSTNode) -> _Facts | None:
        """What is known on every path reaching `at` from the start of the function (class
        body, module) holding it; None where a lambda holds it."""
        path = (*self.ctx.ancestors(at), at)
        start = max(
            i
            for i, n in enumerate(path)
            if isinstance(n, (cst.Module, cst.FunctionDef, cst.ClassDef, cst.Lambda))
        )
        if isinstance(path[start], cst.Lambda):
            return None
        known: _Facts = {}
        for i in range(start, len(path) - 1):
            node, child = path[i], path[i + 1]
            known = self._into(node, child, known)
        return known

    def _into(self, node: cst.CSTNode, child: cst.CSTNode, known: _Facts) -> _Facts:
        """What is known on entering `child` of `node` (on the way down to the call)."""
        if isinstance(
            node,
            (cst.Module, cst.IndentedBlock, cst.SimpleStatementSuite, cst.SimpleStatementLine),
        ):
            return self._block(node.body, child, known)
        if isinstance(node, cst.If):
            if child is node.body:
                return {**known, **self._when(node.test, True)}
            if child is node.orelse:
                return {**known, **self._when(node.test, False)}
            return known
        if isinstance(node, (cst.For, cst.While, cst.Match)):
            known = self._forget(known, node)
            if isinstance(node, cst.While) and child is node.body:
                known = {**known, **self._when(node.test, True)}
            return known
        if isinstance(node, (cst.With, cst.ExceptHandler)):
            return self._forget(known, node) if child is node.body else known
        if isinstance(node, (cst.Try, cst.TryStar)):
            return known if child is node.body else self._forget(known, node.body)
        return known  # `else:`, `finally:`, a definition's body: as before it

    def _block(self, body: object, child: cst.CSTNode, known: _Facts) -> _Facts:
        """What is known past the statements of `body` before `child` (none where one of
        them never falls through: the call is then not reached on any path)."""
        for statement in body:  # type: ignore[attr-defined]
            if statement is child:
                return known
            if isinstance(statement, cst.BaseSmallStatement):
                after = self._small(statement, known)
            else:
                after = self._step(statement, known)
            if after is None:
                return {}
            known = after
        return known

    def _step(self, statement: cst.CSTNode, known: _Facts) -> _Facts | None:
        """What is known past `statement`; None where it never falls through."""
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                after = self._small(small, known)
                if after is None:
                    return None
                known = after
            return known
        if isinstance(statement, cst.If):
            return self._if(statement, known)
        return self._forget(known, statement)

    def _if(self, statement: cst.If, known: _Facts) -> _Facts | None:
        taken = self._suite(statement.body, {**known, **self._when(statement.test, True)})
        passed = {**known, **self._when(statement.test, False)}
        other: _Facts | None = passed
        if isinstance(statement.orelse, cst.If):
            other = self._if(statement.orelse, passed)
        elif isinstance(statement.orelse, cst.Else):
            other = self._suite(statement.orelse.body, passed)
        reached = [k for k in (taken, other) if k is not None]
        if not reached:
            return None
        first, *rest = reached
        return {
            code: _Known(fact.names, fact.lines.union(*(r[code].lines for r in rest)))
            for code, fact in first.items()
            if all(code in r for r in rest)
        }

    def _suite(self, suite: cst.BaseSuite, known: _Facts) -> _Facts | None:
        for statement in suite.body:
            after = self._step(statement, known)
            if after is None:
                return None
            known = after
        return known

    def _small(self, small: cst.BaseSmallStatement, known: _Facts) -> _Facts | None:
        if isinstance(small, (cst.Return, cst.Raise, cst.Continue, cst.Break)):
            return None
        if isinstance(small, cst.Expr) and self._exits(small.value):
            return None
        value: cst.BaseExpression | None = None
        target: cst.BaseExpression | None = None
        if isinstance(small, cst.Assign) and len(small.targets) == 1:
            value, target = small.value, small.targets[0].target
        elif isinstance(small, cst.AnnAssign):
            value, target = small.value, small.target
        elif (
            isinstance(small, cst.AugAssign)
            and isinstance(small.operator, cst.AddAssign)
            and self.truthy(known, small.value) is not None
        ):
            value, target = small.value, small.target  # `x += "/v1"`: a non-empty string
        after = self._forget(known, small)
        if value is None or not isinstance(target, cst.Name):
            return after
        lines = self.truthy(known, value)
        if lines is None:
            return after
        line = self.ctx.position(small)[0][0]
        after[target.value] = _Known(frozenset({target.value}), frozenset({*lines, line}))
        return after

    def _exits(self, value: cst.BaseExpression) -> bool:
        if not isinstance(value, cst.Call):
            return False
        func = value.func
        if isinstance(func, cst.Name) and func.value in _EXIT_BUILTINS:
            return True
        return bool(self.ctx.qualnames(func) & _EXITS)

    def _forget(self, known: _Facts, node: cst.CSTNode) -> _Facts:
        """`known` without what it holds of the names `node` binds."""
        names = _Names(self.ctx)
        node.visit(names)
        if not names.bound:
            return dict(known)
        return {
            code: fact
            for code, fact in known.items()
            if not fact.names & names.bound
            and not any(code == b or code.startswith((b + ".", b + "[")) for b in names.bound)
        }

    def _when(self, test: cst.BaseExpression, holds: bool) -> _Facts:
        """What `test` being true (`holds`) or false shows is truthy."""
        line = self.ctx.position(test)[0][0]
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            return self._when(test.expression, not holds)
        if isinstance(test, cst.BooleanOperation):
            both = isinstance(test.operator, cst.And) == holds  # `a and b` true, `a or b` false
            if not both:
                return {}
            return {**self._when(test.left, holds), **self._when(test.right, holds)}
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            comparison = test.comparisons[0]
            inside = isinstance(comparison.operator, cst.In) == holds
            if (
                isinstance(comparison.operator, (cst.In, cst.NotIn))
                and inside
                and string_value(test.left)
            ):
                return self._fact(comparison.comparator, line)  # `'v1' in X`: X is not empty
            return {}
        if not holds:
            return {}
        if (
            isinstance(test, cst.Call)
            and isinstance(test.func, cst.Attribute)
            and test.func.attr.value in _PREFIX_TESTS
            and test.args
            and string_value(test.args[0].value)
        ):
            return self._fact(test.func.value, line)  # `X.startswith("http")`
        if isinstance(test, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)):
            return self._fact(test, line)
        return {}

    def _fact(self, expr: cst.BaseExpression, line: int) -> _Facts:
        reads = _Reads()
        expr.visit(reads)
        return {_shown(self.ctx, expr): _Known(frozenset(reads.names), frozenset({line}))}

    def truthy(self, known: _Facts, value: cst.BaseExpression) -> frozenset[int] | None:
        """The lines showing `value` is truthy here (none of their own for a value
        `always_set` shows); None where nothing does."""
        fact = known.get(_shown(self.ctx, value))
        if fact is not None:
            return fact.lines
        if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
            for side in (value.left, value.right):
                lines = self.truthy(known, side)
                if lines is not None:
                    return lines
            return None
        if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
            left = self.truthy(known, value.left)
            return left if left is not None else self.truthy(known, value.right)
        return frozenset() if always_set(self.ctx, value, truthy=True) is not None else None
