"""Lists of model-name prefixes (ML205): a list, tuple or set the code reads only as the
prefixes a model's name may start with (`CHAT_PREFIXES = ("gpt-3.5", "gpt-4", "o1")` read by
`model.startswith(CHAT_PREFIXES)`, `any(m.startswith(p) for p in CHAT_PREFIXES)` or a `for p
in CHAT_PREFIXES:` loop testing `m.startswith(p)`). Such a list accepts a provider's model once
one of its members is a prefix of it (`"deepseek-"`), not only once it holds the model itself
(llmware, gpt-subtrans: the prefix added as ML205 asked left check red)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import libcst as cst

from migrate_llm.rules.model_reach import reads_of
from migrate_llm.rules.python_context import PythonContext

_STARTS = "startswith"


def read_as_prefixes(ctx: PythonContext, container: cst.CSTNode) -> bool:
    """Whether every read of the list, tuple or set `container` (itself, or the name or
    attribute an assignment binds it to: at least one read) gives its members as prefixes to
    `startswith`: as the argument (`m.startswith(P)`, `m.startswith(tuple(P))`), or as the
    iterable of a loop or comprehension whose variable `startswith` is given
    (`any(m.startswith(p) for p in P)`), and used no other way there."""
    parents = ctx.ancestors(container)
    parent = parents[-1] if parents else None
    reads: list[cst.CSTNode] = [container]
    if isinstance(parent, cst.Assign) and parent.value is container:
        target = parent.targets[0].target
        if len(parent.targets) != 1 or not isinstance(target, (cst.Name, cst.Attribute)):
            return False
        reads = reads_of(ctx, target)  # `self.prefixes = [...]`: its reads in the module
    return bool(reads) and all(_prefix_read(ctx, read) for read in reads)


def _prefix_read(ctx: PythonContext, read: cst.CSTNode) -> bool:
    """Whether `read` gives the collection to `startswith` (`read_as_prefixes`)."""
    parents = ctx.ancestors(read)
    at = len(parents) - 1
    if at >= 1 and _tuple_of(parents[at], parents[at - 1], read):
        read, at = parents[at - 1], at - 2  # `tuple(P)`: its call is what is given
    arg = parents[at] if at >= 1 else None
    if isinstance(arg, cst.Arg) and arg.value is read:
        return _is_starts(parents[at - 1], arg)
    if at < 0:
        return False
    loop = parents[at]
    if isinstance(loop, (cst.For, cst.CompFor)) and loop.iter is read:
        if not isinstance(loop.target, cst.Name):
            return False
        scope = loop if isinstance(loop, cst.For) else parents[at - 1] if at >= 1 else loop
        return _names_only_prefixes(scope, loop.target.value)
    return False


def _tuple_of(arg: cst.CSTNode, call: cst.CSTNode, read: cst.CSTNode) -> bool:
    """Whether `read` is the one argument of a `tuple(...)` call."""
    return (
        isinstance(arg, cst.Arg)
        and arg.value is read
        and isinstance(call, cst.Call)
        and isinstance(call.func, cst.Name)
        and call.func.value == "tuple"
        and len(call.args) == 1
    )


def _is_starts(call: cst.CSTNode, arg: cst.CSTNode) -> bool:
    """Whether `arg` is the first argument of a `.startswith(...)` call `call`."""
    return (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value == _STARTS
        and bool(call.args)
        and call.args[0] is arg
    )


def _names_only_prefixes(scope: cst.CSTNode, name: str) -> bool:
    """Whether the loop variable `name` is read in `scope` (its loop, or the comprehension)
    only as the first argument of `.startswith(...)`, at least once."""
    given = 0
    for node in _walk(scope):
        if isinstance(node, cst.Call) and _is_starts(node, node.args[0] if node.args else node):
            first = node.args[0].value
            if isinstance(first, cst.Name) and first.value == name:
                given += 1
    used = sum(1 for node in _walk(scope) if isinstance(node, cst.Name) and node.value == name)
    # each loop names it once as its target
    targets = sum(
        1
        for node in _walk(scope)
        if isinstance(node, (cst.For, cst.CompFor))
        and isinstance(node.target, cst.Name)
        and node.target.value == name
    )
    return given > 0 and used == given + targets


def _walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    yield node
    for child in node.children:
        yield from _walk(child)


def uncovered(prefixes: Iterable[str], models: Iterable[str]) -> list[str]:
    """The `models` that start with none of `prefixes` (as written, or lowercased: a test
    may read the name through `.lower()`), in their order, each once."""
    starts = tuple(p for p in prefixes if p)
    return [
        m
        for m in dict.fromkeys(models)
        if not (starts and (m.startswith(starts) or m.lower().startswith(starts)))
    ]


def glob_starts(globs: Iterable[str]) -> list[str]:
    """The literal starts of the wildcard `globs` (a provider file's `[detect] models`):
    what comes before the first `*`, `?` or `[` (`"ep-20"` of `ep-20[0-9][0-9]*`), each once,
    in order. A glob without a wildcard names one model, no family, and gives none."""
    starts = (re.split(r"[*?[]", g, maxsplit=1)[0] for g in globs if re.search(r"[*?[]", g))
    return list(dict.fromkeys(s for s in starts if s))


def shared_prefix(models: list[str]) -> str:
    """The start all of `models` share, up to and with its first `-` or `/`
    (`"deepseek-"` of deepseek-v4-pro and deepseek-flash); "" where they share none."""
    common = min(models, default="")
    for model in models:
        while not model.startswith(common):
            common = common[:-1]
    cut = min((i for i in (common.find("-"), common.find("/")) if i > 0), default=-1)
    return common[: cut + 1] if cut > 0 else ""
