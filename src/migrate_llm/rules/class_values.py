"""Framework OpenAI classes handed on as values (`EMBEDDINGS = {"openai": OpenAIEmbeddings}`,
`field(default_factory=ChatOpenAI)`, `return OpenAIEmbeddings`): constructed elsewhere, with
arguments no rule sees.

A reference counts when it hands the class on: stored in a list, tuple, set or dict (as a
value), assigned, passed as an argument, returned or yielded, iterated over, a parameter's
default, through `a if c else b` and `a or b`. Not: a call (a construction, which the class
rules read), an import, an annotation or other type expression (`Type[...]`, `A | B`), a type
test (`isinstance`, `issubclass`, `is`, `==`, `case Cls()`), an attribute of the class
(`Cls.model_fields`), a base class, a dict key, nor the class given to introspection or a
test double (`getattr`, `patch.object(Cls, ...)`, `Mock(spec=Cls)`).
"""

from __future__ import annotations

import re
from typing import cast

import libcst as cst

from migrate_llm.frameworks import TYPE_KEYWORDS, TYPE_USES, FrameworkClass
from migrate_llm.rules.framework_classes import framework_class
from migrate_llm.rules.python_context import PythonContext, last_name

# Where a reference hands the class on: node type -> the field holding the value.
_HANDED = {
    cst.Assign: "value",
    cst.AnnAssign: "value",
    cst.Return: "value",
    cst.Yield: "value",
    cst.Lambda: "body",
    cst.NamedExpr: "value",
    cst.Param: "default",
    cst.Arg: "value",
    cst.For: "iter",
    cst.CompFor: "iter",
    cst.ListComp: "elt",
    cst.SetComp: "elt",
    cst.GeneratorExp: "elt",
    cst.DictComp: "value",
}
# a character of a word, and what a call's name is followed by
_WORD = re.compile(r"\w")
_CALLED = re.compile(r"\s*\(")
# What a value passes through on its way there.
_CONTAINERS = (cst.List, cst.Tuple, cst.Set, cst.Dict, cst.Element, cst.BooleanOperation)


def class_values(
    ctx: PythonContext, table: dict[str, FrameworkClass], names: frozenset[str]
) -> list[tuple[cst.BaseExpression, str, FrameworkClass]]:
    """(reference, qualified name, class) of each reference to one of `table`'s classes that
    hands it on as a value, in the order of the text; `names`: the module's `local_names` for
    `table`. Computed once per module and table."""
    found = ctx.analyses.get(class_values)
    if found is None:
        found = ctx.analyses[class_values] = {}
    by_table = cast("dict[int, list[tuple[cst.BaseExpression, str, FrameworkClass]]]", found)
    values = by_table.get(id(table))
    if values is not None:
        return values
    values = by_table[id(table)] = []
    if not names or not _bare_mention(ctx.text, names):
        return values
    for node in ctx.nodes:
        if last_name(node) not in names:
            continue
        assert isinstance(node, (cst.Name, cst.Attribute))
        hit = framework_class(ctx, node, table, names)
        if hit is not None and handed_on(ctx, node):
            values.append((node, *hit))
    return values


def _bare_mention(text: str, names: frozenset[str]) -> bool:
    """Whether one of `names` stands in the text other than before `(` or on an import line:
    a cheap test before the walk (a docstring or a comment passes it). Each name is found as
    a literal (`str.find`), not by one expression tried at every position."""
    for name in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if (
                (at == 0 or not _WORD.match(text, at - 1))
                and not _WORD.match(text, end)
                and not _CALLED.match(text, end)
            ):
                line = text[text.rfind("\n", 0, at) + 1 : at].lstrip()
                if not line.startswith(("from ", "import ")):
                    return True
            at = text.find(name, end)
    return False


def handed_on(ctx: PythonContext, ref: cst.CSTNode) -> bool:
    """Whether the class reference `ref` hands the class on as a value (see the module)."""
    path = ctx.ancestors(ref)
    child = ref
    for at in range(len(path) - 1, -1, -1):
        parent = path[at]
        if isinstance(parent, _CONTAINERS) or (
            isinstance(parent, cst.IfExp) and child is not parent.test
        ):
            child = parent
            continue
        if isinstance(parent, cst.DictElement) and parent.value is child:
            child = parent
            continue
        field = _HANDED.get(type(parent))
        if field is None or getattr(parent, field) is not child:
            return False
        if isinstance(parent, cst.Arg):
            call = path[at - 1] if at else None
            return (
                isinstance(call, cst.Call)
                and last_name(call.func) not in TYPE_USES
                and (parent.keyword is None or parent.keyword.value not in TYPE_KEYWORDS)
            )
        return True
    return False
