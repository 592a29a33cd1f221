"""The default a command-line option declares for the parameter it fills, read as that
parameter's default: typer's `def main(model: str = typer.Option("gpt-4o", "--model"))` (its
first argument or `default=`), click's `@click.option("--model", default="gpt-4o")` above
`def main(model)`. What the program sends where its command line gives no other, as with
`def main(model="gpt-4o")` (`sdk.OPTION_PARAMETERS`, `sdk.OPTION_DECORATORS`).
"""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import PythonContext, string_value


def declared_default(ctx: PythonContext, param: cst.Param) -> cst.BaseExpression | None:
    """The default `param` takes: its own (`model="gpt-4o"`, also beside `Annotated[str,
    typer.Option()]`), the one a typer option standing as its default declares, or the one a
    click option decorating its function declares; None where none is given."""
    own = param.default
    if own is not None:
        return builder_default(ctx, own, sdk.OPTION_PARAMETERS) if _builder(ctx, own) else own
    return _decorated_default(ctx, param)


def builder_default(
    ctx: PythonContext, call: cst.BaseExpression, table: dict[str, int | None]
) -> cst.BaseExpression | None:
    """The default an option builder of `table` is given (by `default=` or at its position);
    None where it is given none, or `*` / `**` arguments may hold it."""
    if not isinstance(call, cst.Call) or not ctx.qualnames(call.func) & table.keys():
        return None
    position = next(table[q] for q in ctx.qualnames(call.func) if q in table)
    if any(arg.star for arg in call.args):
        return None
    keyword = next((a for a in call.args if a.keyword and a.keyword.value == "default"), None)
    if keyword is not None:
        return keyword.value
    positional = [a for a in call.args if a.keyword is None]
    return positional[position].value if position is not None and positional[position:] else None


def _builder(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` calls an option builder standing as a parameter's default."""
    return isinstance(value, cst.Call) and bool(
        ctx.qualnames(value.func) & sdk.OPTION_PARAMETERS.keys()
    )


def _decorated_default(ctx: PythonContext, param: cst.Param) -> cst.BaseExpression | None:
    """The `default=` of a click option decorating the function `param` belongs to and
    naming it."""
    function = next(
        (a for a in reversed(ctx.ancestors(param)) if isinstance(a, cst.FunctionDef)), None
    )
    if function is None:
        return None
    for decorator in function.decorators:
        call = decorator.decorator
        if isinstance(call, cst.Call) and _names(call) == param.name.value:
            found = builder_default(ctx, call, sdk.OPTION_DECORATORS)
            if found is not None:
                return found
    return None


def _names(call: cst.Call) -> str:
    """The parameter a click option fills: the identifier among its names, else its first
    name with the longest prefix (`--` before `-`: click sorts them by prefix, not by name),
    without it (`"--model", "--llm-model-name"` -> `model`; `--dry-run/--no-dry-run` ->
    `dry_run`)."""
    given = [v for a in call.args if a.keyword is None and (v := string_value(a.value))]
    plain = [n for n in given if n.isidentifier()]
    if plain:
        return plain[0]
    split = [_split_option(n.split("/")[0].strip()) for n in given]
    dashed = sorted((s for s in split if s[0]), key=lambda s: -len(s[0]))
    return dashed[0][1].replace("-", "_").lower() if dashed else ""


def _split_option(name: str) -> tuple[str, str]:
    """(its prefix, the rest) of an option's name: `--model` -> ("--", "model")."""
    if not name or name[0].isalnum():
        return "", name
    if name[1:2] == name[0]:
        return name[:2], name[2:]
    return name[:1], name[1:]


def default_of(ctx: PythonContext, node: cst.CSTNode) -> tuple[str, cst.FunctionDef] | None:
    """(the parameter, its function) whose default (`declared_default`) `node` is: its own,
    that of the typer option standing as its default, or that of the click option decorating
    its function; None for another node."""
    path = ctx.ancestors(node)
    functions = [a for a in path if isinstance(a, cst.FunctionDef)]
    if not functions:
        return None
    function = functions[-1]
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if declared_default(ctx, param) is node:
            return param.name.value, function
    return None
