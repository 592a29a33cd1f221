"""Values a client gets from run-time data the tool cannot see: what its function is handed.

MaxKB builds its OpenAI clients from credential rows an admin saved in its database
(`OpenAI(api_key=api_key, base_url=base_url)`, called with `credential.get("api_base")`): a
parameter, or a read of one (`credential.get("api_base")`, `cred["api_key"]`, `cfg.url`). A
fallback to the provider's URL runs only where that value is empty; a stored OpenAI URL and
key still reach OpenAI (t64a). Not environment reads or settings of a module (`os.environ.get`,
`settings.url`, `self.api_base`): the rules reading those judge them.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.registry import Provider
from migrate_llm.rules.models import article
from migrate_llm.rules.passed_values import passed_values
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.rules.wording import record_done

# why `check` cannot see such a client fixed
DATA_UNSEEN = "check cannot see what the program's data holds"


def _root(expr: cst.BaseExpression) -> cst.BaseExpression:
    """`credential` of `credential.get("api_base")`, `kwargs.pop("url")`,
    `credential["api_base"]`, `cfg.url`."""
    node = expr
    while True:
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in ("get", "pop")
            and node.args
        ):
            node = node.func.value
        elif isinstance(node, cst.Subscript | cst.Attribute):
            node = node.value
        else:
            return node


def handed_binding(
    ctx: PythonContext, expr: cst.BaseExpression
) -> tuple[cst.Name, cst.CSTNode, bool] | None:
    """The name `expr` is or reads an entry or attribute of (`credential` of
    `credential.get("api_base")`), its one binding (a parameter or an assignment's target),
    and whether that is a parameter given no default but None; None for `self`/`cls`,
    several bindings, an import or a builtin."""
    root = _root(expr)
    if not isinstance(root, cst.Name) or root.value in ("self", "cls"):
        return None
    bound = ctx.bindings(root)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    node = bound[0].node
    default = node.default if isinstance(node, cst.Param) else None
    plain = isinstance(node, cst.Param) and (
        default is None or (isinstance(default, cst.Name) and default.value == "None")
    )
    return root, node, plain


def data_value(ctx: PythonContext, expr: cst.BaseExpression, depth: int = 2) -> bool:
    """Whether `expr` reads what its function is handed (`credential.get("api_base")`,
    `cred["api_key"]`, `cfg.url`: a parameter's entry or attribute), or is a parameter the
    module's calls of its function hand such a read (MaxKB's `EmbeddingModel(
    credential.get("api_key"), credential.get("api_base"), name)`), or a name bound once to
    either there. Not `self`/`cls`, `*args`/`**kwargs` (whose entries apply's fills read
    from the callers the module shows), nor a parameter with a default other than None."""
    found = handed_binding(ctx, expr)
    if found is None:
        return False
    root, node, plain = found
    if isinstance(node, cst.Param):
        if node.star in ("*", "**"):
            return False  # `**kwargs`: the module's kwargs fill reads its callers (ML601)
        if not plain:
            return False
        if root is not expr:
            return True
        # a parameter as it is: what the module's callers hand it (its other callers unseen)
        passed = passed_values(ctx, root)
        values = passed[1] if passed is not None and depth > 0 else []
        return any(data_value(ctx, v, depth - 1) for v in values)
    value = ctx.index.assigned.get(id(node))
    return depth > 0 and value is not None and data_value(ctx, value, depth - 1)


def data_parts(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The parts of a client's setting that are run-time data (`data_value`): the value
    itself, or the operands of a chain of `or`s and the branches of a choice (not its test),
    as apply's fallbacks write them (`api_key or (<key read> if ... else api_key)`)."""
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        return data_parts(ctx, expr.left) + data_parts(ctx, expr.right)
    if isinstance(expr, cst.IfExp):
        return data_parts(ctx, expr.body) + data_parts(ctx, expr.orelse)
    return [expr] if data_value(ctx, expr) else []


def data_words(provider: Provider, base_url: str, shown: str, code: str = "") -> str:
    """What is said of a client whose base URL and key come first from run-time data
    (`shown`: their code in backticks): where it reaches the provider, and what to change in
    the data; with `code` (the rule's, once nothing else is left to apply), how to record
    that done."""
    name = provider.name
    done = f"; once they are, {record_done(code, DATA_UNSEEN)}" if code else ""
    return (
        "its base URL and key come first from run-time data the tool cannot see "
        f"({shown}: what the program hands it, such as records of its database): requests "
        f"reach {name} only where that "
        f"data is empty or already {name}'s; where stored records hold OpenAI's URL, key or "
        f"models, change them in the data: the URL to {base_url}, the key to "
        f"{article(name)} {name} key (as {provider.api_key_env} holds), and the model names "
        f"stored with them to {name}'s{done}"
    )
