"""Values the module shows are always a non-empty string: a fallback after them (`x or URL`,
the SDK's OpenAI URL where `x` is None) never runs. gpt_academic's `base_url =
embed_model_info[m]["embed_endpoint"].replace("embeddings", "")`, a settings object's field
with a default (`s = Settings()`, `api_base: str = Field("https://...")`), a read through an
object of the project whose `get` raises where the value is empty (shell_gpt's
`cfg.get("API_BASE_URL")`: `table_reads.raising_read`)."""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.project_calls import defined_here
from migrate_llm.rules.python_context import PythonContext, keyword, last_name, string_value
from migrate_llm.rules.table_reads import raising_read

# methods of `str` that return a string (never None), whatever they are called on
_STRING_METHODS = frozenset(
    {
        "format",
        "lower",
        "lstrip",
        "removeprefix",
        "removesuffix",
        "replace",
        "rstrip",
        "strip",
        "upper",
    }
)
# the callables whose first argument (or `default=`) is a field's default
_FIELD_CALLS = frozenset({"Field", "field"})


# What `always_set` says of the result of a string method: a value computed at run time,
# not written in the module (a person must see what it holds)
COMPUTED = "the result of ."


def computed(why: str) -> bool:
    """Whether an `always_set` reason is a value computed at run time (`.replace()` of a
    table's entry), not one the module writes."""
    return why.startswith(COMPUTED)


def always_set(
    ctx: PythonContext, value: cst.BaseExpression, depth: int = 0, *, truthy: bool = False
) -> str | None:
    """Why `value` is always a non-empty string, shown for a message (`a non-empty string`,
    `the result of .replace()`, `the field api_base's default`); None where the module does
    not show it: a parameter, a setting of another module, a `.get()` that may miss.
    `truthy`: asked for `value or fallback`, where an empty string falls back too, so a
    string method's result does not count where what it is called on may be empty
    (`(x or os.environ.get(V, "")).rstrip("/") or URL` reaches URL: `_may_be_empty`)."""
    if depth > 4:
        return None
    text = string_value(value)
    if text is not None:
        return "a non-empty string" if text else None
    if isinstance(value, cst.FormattedString):
        return "an f-string"
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        if any(
            always_set(ctx, side, depth + 1, truthy=truthy) for side in (value.left, value.right)
        ):
            return "a string built with +"
        return None
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        return always_set(ctx, value.left, depth + 1, truthy=truthy) or always_set(
            ctx, value.right, depth + 1, truthy=truthy
        )
    if isinstance(value, cst.Call):
        func = value.func
        if isinstance(func, cst.Attribute) and func.attr.value in _STRING_METHODS:
            if truthy and _may_be_empty(ctx, func.value, depth + 1):
                return None
            return f"{COMPUTED}{func.attr.value}()"
        # a default that is itself always set (a name bound to such a read: LightRAG's
        # `os.getenv("EMBEDDING_BINDING_HOST", HOST)`, HOST read with a URL as its default)
        if (
            ctx.qualnames(func) & sdk.ENV_LOOKUPS
            and len(value.args) >= 2
            and always_set(ctx, value.args[1].value, depth + 1, truthy=truthy)
        ):
            return "a read of a variable with a default"  # as `apply` writes a base URL
        raising = raising_read(ctx, value)  # shell_gpt's `cfg.get("API_BASE_URL")`
        return f"{raising.cls}.get raises where the value is empty" if raising is not None else None
    if isinstance(value, cst.Name):
        bound = ctx.bound_value(value)
        return None if bound is None else always_set(ctx, bound, depth + 1, truthy=truthy)
    if isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name):
        return _field_default(ctx, value)
    return None


def _may_be_empty(ctx: PythonContext, value: cst.BaseExpression, depth: int) -> bool:
    """Whether the module shows `value` may be an empty string: `""`, or a call given `""`
    as its default (`os.environ.get(V, "")`, `conf.get("base", "")`), last in a chain of
    `or`s or bound to a name."""
    if depth > 4:
        return False
    if string_value(value) == "":
        return True
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        return _may_be_empty(ctx, value.right, depth + 1)
    if isinstance(value, cst.Call):
        return any(string_value(a.value) == "" for a in value.args[1:])
    if isinstance(value, cst.Name):
        bound = ctx.bound_value(value)
        return bound is not None and _may_be_empty(ctx, bound, depth + 1)
    return False


def _field_default(ctx: PythonContext, attr: cst.Attribute) -> str | None:
    """`s.api_base`, `s` bound once to a call of a class of the module that does not pass
    `api_base`, whose body declares `api_base: str = "..."` (or `Field("...")`,
    `Field(default="...")`): the field's default, a non-empty string."""
    assert isinstance(attr.value, cst.Name)
    built = ctx.bound_value(attr.value)
    if not isinstance(built, cst.Call) or any(a.star for a in built.args):
        return None
    cls = defined_here(ctx, built)
    name = attr.attr.value
    if not isinstance(cls, cst.ClassDef) or keyword(built, name) is not None:
        return None
    for line in cls.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if not (
                isinstance(small, cst.AnnAssign)
                and isinstance(small.target, cst.Name)
                and small.target.value == name
                and small.value is not None
            ):
                continue
            annotation = small.annotation.annotation
            if not (isinstance(annotation, cst.Name) and annotation.value == "str"):
                return None  # `str | None`, `Optional[str]`: None is allowed
            default: cst.BaseExpression | None = small.value
            if isinstance(default, cst.Call) and _field_call(default):
                given = keyword(default, "default")
                if given is None and default.args and default.args[0].keyword is None:
                    given = default.args[0]
                default = given.value if given is not None else None
            if default is not None and string_value(default):
                return f"the default of the field {name}"
            return None
    return None


def _field_call(call: cst.Call) -> bool:
    return last_name(call.func) in _FIELD_CALLS
