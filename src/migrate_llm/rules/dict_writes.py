"""A dict entry written alone under a test: `if "k" not in d: d["k"] = v` (no `else`), the
form of an optional override (gpt-researcher's `OPENAI_BASE_URL`) and of a hand fix that sets
an entry only where the dict has none, as `d.setdefault("k", v)` does; or `if not d.get("k"):
d["k"] = v`, the form apply writes for a key and a base URL (`kwargs_fill.entry_lines`), which
also sets it where the caller gave None or "" (`make_llm(api_key=None)`: a class given None
reads OPENAI_API_KEY)."""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import langchain as lc
from migrate_llm.rules.python_context import PythonContext, string_value


def written_key(statement: cst.CSTNode) -> str | None:
    """The string key of `d["k"] = v` (one target); else None."""
    if not isinstance(statement, cst.Assign) or len(statement.targets) != 1:
        return None
    target = statement.targets[0].target
    if not isinstance(target, cst.Subscript) or not isinstance(target.slice[0].slice, cst.Index):
        return None
    return string_value(target.slice[0].slice.value)


def lone_if(ctx: PythonContext, statement: cst.CSTNode) -> cst.If | None:
    """The `if` with no `else` whose body is `statement` alone (one small statement on one
    line); else None."""
    around = ctx.ancestors(statement)
    if len(around) < 3:
        return None
    line, block, holder = around[-1], around[-2], around[-3]
    if (
        isinstance(holder, cst.If)
        and holder.orelse is None
        and isinstance(block, cst.IndentedBlock)
        and len(block.body) == 1
        and isinstance(line, cst.SimpleStatementLine)
        and len(line.body) == 1
    ):
        return holder
    return None


def lacks(expr: cst.BaseExpression, key: str, name: str) -> bool:
    """Whether `expr` tests that the dict `name` has no `key`: `"key" not in name` (or `not
    name.get("key")`: none, or an empty one), or an `and` of such tests, one of `key`, the
    others of names of the same LangChain setting (`lc.SAME_SETTING`: `not kw.get("api_key")
    and not kw.get("openai_api_key")`). For a key, a test of the base-URL entry beside it
    (`kw["base_url"] == <URL>`, the key tied to that URL as `kwargs_fill.entry_lines` writes
    it) may come with them."""
    parts = _conjuncts(expr)
    if key in lc.SAME_SETTING[0]:
        parts = [part for part in parts if not _url_test(part, name)]
    keys = {_absent_key(part, name) for part in parts}
    if key not in keys or None in keys:
        return False
    return len(keys) == 1 or any(keys <= same for same in lc.SAME_SETTING)


def tied_to_url(expr: cst.BaseExpression, name: str) -> bool:
    """Whether the test `expr` (of a key's write) compares the base-URL entry of `name`:
    the key tied to that URL (`... and kw["base_url"] == <URL>`)."""
    return any(_url_test(part, name) for part in _conjuncts(expr))


def _url_test(expr: cst.BaseExpression, name: str) -> bool:
    """Whether `expr` is `name["<base-URL entry>"] == <value>`, or that entry compared as
    `code_templates.same_url` writes it, `== <value>` or `in (<values>)`
    (`str(name["base_url"]).rstrip("/").lower() in (...)`)."""
    if not (
        isinstance(expr, cst.Comparison)
        and len(expr.comparisons) == 1
        and isinstance(expr.comparisons[0].operator, (cst.Equal, cst.In))
    ):
        return False
    left = _compared_url(expr.left)
    if not (
        isinstance(left, cst.Subscript)
        and isinstance(left.value, cst.Name)
        and left.value.value == name
        and len(left.slice) == 1
        and isinstance(left.slice[0].slice, cst.Index)
    ):
        return False
    if isinstance(expr.comparisons[0].operator, cst.In) and left is expr.left:
        return False  # `kw["base_url"] in ...` is no form apply writes
    entry = string_value(left.slice[0].slice.value)
    return entry is not None and entry in lc.SAME_SETTING[1]


def _compared_url(expr: cst.BaseExpression) -> cst.BaseExpression:
    """X of `str(X).rstrip("/").lower()` (`code_templates.same_url`); `expr` otherwise."""
    if not (
        isinstance(expr, cst.Call)
        and not expr.args
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "lower"
    ):
        return expr
    inner = expr.func.value
    if not (
        isinstance(inner, cst.Call)
        and isinstance(inner.func, cst.Attribute)
        and inner.func.attr.value == "rstrip"
        and len(inner.args) == 1
        and string_value(inner.args[0].value) == "/"
    ):
        return expr
    held = inner.func.value
    if (
        isinstance(held, cst.Call)
        and isinstance(held.func, cst.Name)
        and held.func.value == "str"
        and len(held.args) == 1
        and not held.args[0].keyword
        and not held.args[0].star
    ):
        return held.args[0].value
    return expr


def _conjuncts(expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.And):
        return [*_conjuncts(expr.left), *_conjuncts(expr.right)]
    return [expr]


def not_in(expr: cst.BaseExpression, key: str, name: str) -> bool:
    """Whether `expr` is `"key" not in name` (or `not name.get("key")`)."""
    return _absent_key(expr, name) == key


def _absent_key(expr: cst.BaseExpression, name: str) -> str | None:
    """The key of `"key" not in name` or of `not name.get("key")`; else None."""
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
        return _got_key(expr.expression, name)
    if (
        isinstance(expr, cst.Comparison)
        and len(expr.comparisons) == 1
        and isinstance(expr.comparisons[0].operator, cst.NotIn)
        and isinstance(expr.comparisons[0].comparator, cst.Name)
        and expr.comparisons[0].comparator.value == name
    ):
        return string_value(expr.left)
    return None


def _got_key(expr: cst.BaseExpression, name: str) -> str | None:
    """The key of `name.get("key")` (no default); else None."""
    if (
        isinstance(expr, cst.Call)
        and len(expr.args) == 1
        and expr.args[0].keyword is None
        and not expr.args[0].star
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "get"
        and isinstance(expr.func.value, cst.Name)
        and expr.func.value.value == name
    ):
        return string_value(expr.args[0].value)
    return None
