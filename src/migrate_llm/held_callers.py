"""The models a project's modules give a class of another module that keeps its model from
its constructor and sends it as a request's model, for ML115 there.

QAnything's llm_for_openai_api.py defines `OpenAILLM.__init__(self, model, ..., top_p,
temperature)`, which keeps `self.model = model`, and `_call` sends `model=self.model,
temperature=self.temperature, top_p=self.top_p`. Only local_doc_qa.py builds it, in
`get_knowledge_based_answer(self, model, ...)` from its own parameter, and only handler.py
calls that method, with `model = llm_setting.get('model', 'kimi-k2.6')` (a default apply
writes): the rules of llm_for_openai_api.py see parameters only, so ML115 said nothing of a
temperature kimi-k2.6 fixes. A class keeping such a model (`held_params`) has the modules of
its project naming it read again (`held_calls`), and a call handing on a parameter of its own
function (no default) has that function's callers read in turn, `HOPS` deep; what each call
gives goes into the project's facts (`RunFacts.caller_models`, a `CallerModel` for
`__init__`: the string, or "" with the code of a value the caller's module does not show as
its label), for ML115 in the class's module (`rules.default_models.held_elsewhere`).

A class is one imported by name (also through a package re-exporting it, `_REEXPORTS` deep);
a method handing it on is called on any value (`llm.answer(model=m)`) in a module importing
its class by name from its module.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm import openai_sdk as sdk
from migrate_llm.caller_models import CallerModel
from migrate_llm.import_reach import imported_file
from migrate_llm.reread import cst_context
from migrate_llm.textio import python_parsed, python_tree

if TYPE_CHECKING:
    import libcst as cst

    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python_context import PythonContext

# a module larger than this is not read again
MAX_BYTES = 256 * 1024
# how many functions handing the model on are followed back from the class
HOPS = 3
# how many packages re-exporting a class are followed to the module defining it
_REEXPORTS = 2
# a top-level `from M import ...` statement, also a parenthesised one over several lines
_FROM_IMPORT = re.compile(rb"^from[ \t]+[\w.]+[ \t]+import[ \t]+(?:\([^)]*\)|[^\n]*)", re.MULTILINE)


class Target(NamedTuple):
    """A parameter `param` (at `position` among the positional parameters past `self`, -1
    for a keyword-only one) of `function` of the top-level class `owner` ("" for a top-level
    function) of the module `module` whose value reaches, as it is, the model `held`
    (`module`, `owner`, "__init__", `param` of the class keeping it) sends."""

    module: str
    owner: str
    function: str
    param: str
    position: int
    held: tuple[str, str, str]


def may_hold(data: bytes) -> bool:
    """Whether a module's bytes may define a class keeping a request's model (`held_params`)."""
    return b"__init__" in data and b"model=self." in data


def held_params(module: str, data: bytes) -> list[Target]:
    """The constructor parameters of the top-level classes of a module's bytes kept once as
    `self.X` (also under an `if`), `self.X` sent by a method of the class as the `model=` of
    a request (`sdk.REQUEST_METHODS`)."""
    tree = python_tree(data) if len(data) <= MAX_BYTES and may_hold(data) else None
    if tree is None:
        return []
    found: list[Target] = []
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        methods = [n for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        init = next((m for m in methods if m.name == "__init__"), None)
        if init is None:
            continue
        positional = [a.arg for a in (*init.args.posonlyargs, *init.args.args)][1:]
        params = {*positional, *(a.arg for a in init.args.kwonlyargs)}
        stores: dict[str, list[ast.expr]] = {}
        sent: set[str] = set()
        for method in methods:
            for node in ast.walk(method):
                if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        field = _self_field(target)
                        if field:
                            held = node.value if method is init else None
                            stores.setdefault(field, []).append(held or target)
                elif (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in sdk.REQUEST_METHODS
                ):
                    sent.update(_self_field(k.value) for k in node.keywords if k.arg == "model")
        for field in sorted(sent - {""}):
            values = stores.get(field, [])
            value = values[0] if len(values) == 1 else None
            if isinstance(value, ast.Name) and value.id in params:
                position = positional.index(value.id) if value.id in positional else -1
                kept = (module, cls.name, value.id)
                found.append(Target(module, cls.name, "__init__", value.id, position, kept))
    return found


def _self_field(node: ast.expr) -> str:
    """`X` of `self.X`, else ""."""
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    ):
        return node.attr
    return ""


def may_call(data: bytes, targets: list[Target]) -> bool:
    """Whether a module's bytes may call one of `targets` (a class by its name, a method by
    `.name(`)."""
    return b"import" in data and any(_called_as(t).encode() in data for t in targets)


def _called_as(target: Target) -> str:
    if target.function == "__init__":
        return f"{target.owner}("
    return f".{target.function}(" if target.owner else f"{target.function}("


class Reached(NamedTuple):
    """What `held_calls` found of one call, as the result cache keeps it: a `CallerModel`'s
    fields (`given`), or a further `Target`'s (`target`, its position and `held` as
    strings); the other empty."""

    given: tuple[str, ...]
    target: tuple[str, ...]

    def caller_model(self) -> CallerModel | None:
        return CallerModel(*self.given) if self.given else None

    def further(self) -> Target | None:
        if not self.target:
            return None
        module, owner, function, param, position, *held = self.target
        kept = (held[0], held[1], held[2])
        return Target(module, owner, function, param, int(position), kept)


def owners_of(
    module: str,
    data: bytes,
    targets: list[Target],
    files: set[str],
    read: Callable[[str], bytes | None],
) -> dict[str, tuple[str, str]]:
    """By the name a module's bytes import it as, (the module defining it, its name) for the
    classes and top-level functions of `targets` (`_owners`); empty where it cannot be
    parsed or imports none: `held_calls` has nothing to read then."""
    if len(data) > MAX_BYTES:
        return {}
    # the module's top-level `from` imports alone, parsed (a large module's whole tree costs
    # ten times more); the whole module where they do not parse alone
    lines = b"\n".join(m.group() for m in _FROM_IMPORT.finditer(data))
    tree = python_tree(lines) or python_tree(data)
    return _owners(module, tree, targets, files, read) if tree is not None else {}


def held_calls(
    module: str,
    shown: str,
    data: bytes,
    rules: RuleContext,
    targets: list[Target],
    owners: dict[str, tuple[str, str]],
) -> list[Reached]:
    """What the calls of a module's bytes give `targets` of other modules (the classes and
    functions it imports, `owners`: from `owners_of`): for each value, a `CallerModel` of the
    class keeping it per string it may be (`some_literals`) and per value the module does
    not show (its code as the label); a parameter with no default of the caller's own
    function (top-level, or a method of a top-level class) handing it on, as a further
    target instead."""
    parsed = python_parsed(data) if len(data) <= MAX_BYTES else None
    if parsed is None:
        return []
    import libcst as cst

    found: dict[Reached, None] = {}
    with cst_context(parsed[0], rules, module) as ctx:
        if ctx is None:
            return []
        for node in ctx.nodes:
            if type(node) is not cst.Call:
                continue
            for target in _called(ctx, node, owners, targets):
                value = _given(node, target)
                if value is None:
                    continue
                relay = _relay(ctx, value, target)
                if relay is not None:
                    *head, position, held = relay
                    found[Reached((), (*head, str(position), *held))] = None
                    continue
                for entry in _models(ctx, value, target, shown):
                    found[Reached(tuple(entry), ())] = None
    return list(found)


def _owners(
    module: str,
    tree: ast.Module,
    targets: list[Target],
    files: set[str],
    read: Callable[[str], bytes | None],
) -> dict[str, tuple[str, str]]:
    """By the name a module's top-level `from M import N [as X]` binds, (the module defining
    it, N) for the classes and top-level functions of `targets` (through packages
    re-exporting them)."""
    wanted = {(t.module, t.owner or t.function) for t in targets}
    found: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ImportFrom):
            continue
        for alias in node.names:
            if not any(alias.name == owner for _, owner in wanted):
                continue
            where = imported_file(module, "." * node.level, node.module or "", files)
            for _ in range(_REEXPORTS + 1):
                if len(where) != 1:
                    break
                there = next(iter(where))
                if (there, alias.name) in wanted:
                    found[alias.asname or alias.name] = (there, alias.name)
                    break
                where = _reexported(there, alias.name, files, read)
    return found


def _reexported(
    module: str, name: str, files: set[str], read: Callable[[str], bytes | None]
) -> set[str]:
    """The module a module's top-level `from M import name` names (a package's
    `__init__.py` re-exporting it)."""
    data = read(module)
    tree = python_tree(data) if data is not None and len(data) <= MAX_BYTES else None
    for node in tree.body if tree is not None else []:
        if isinstance(node, ast.ImportFrom) and any(
            a.name == name and a.asname is None for a in node.names
        ):
            return imported_file(module, "." * node.level, node.module or "", files)
    return set()


def _called(
    ctx: PythonContext,
    call: cst.Call,
    owners: dict[str, tuple[str, str]],
    targets: list[Target],
) -> list[Target]:
    """The targets `call` calls: a class or function imported by name (`owners`), or a
    method of such a class on any value."""
    import libcst as cst

    from migrate_llm.rules.project_calls import from_import

    func = call.func
    if isinstance(func, cst.Name) and func.value in owners:
        if from_import(ctx, func) is None:
            return []
        where, name = owners[func.value]
        return [
            t
            for t in targets
            if (t.module, t.owner, t.function) in ((where, name, "__init__"), (where, "", name))
        ]
    if isinstance(func, cst.Attribute):
        imported = set(owners.values())
        return [
            t
            for t in targets
            if t.owner and t.function == func.attr.value and (t.module, t.owner) in imported
        ]
    return []


def _given(call: cst.Call, target: Target) -> cst.BaseExpression | None:
    """The value `call` gives the target's parameter (by keyword, or by position with no
    star or keyword before it); None where it gives none or may through a spread."""
    by_position = True
    for index, arg in enumerate(call.args):
        if arg.star:
            return None
        if arg.keyword is not None:
            by_position = False
            if arg.keyword.value == target.param:
                return arg.value
        elif by_position and index == target.position:
            return arg.value
    return None


def _relay(ctx: PythonContext, value: cst.BaseExpression, target: Target) -> Target | None:
    """The parameter with no default of the caller's function that `value` is, as it is, as
    a target (its function top-level or a method of a top-level class); None for another."""
    import libcst as cst

    from migrate_llm.rules.call_parameters import receiver_binds
    from migrate_llm.rules.forwarding import Forwarding

    slot = Forwarding.of(ctx).source(value)
    if slot is None or slot.param is None or slot.param.default is not None:
        return None
    owner = ""
    if slot.function not in ctx.module.body:
        holder = next(
            (
                s
                for s in ctx.module.body
                if isinstance(s, cst.ClassDef)
                and isinstance(s.body, cst.IndentedBlock)
                and slot.function in s.body.body
            ),
            None,
        )
        if holder is None:
            return None
        owner = holder.name.value
    params = slot.function.params
    bound = receiver_binds(slot.function, "self") if owner else 0
    positional = [*params.posonly_params, *params.params][bound:]
    position = next((i for i, p in enumerate(positional) if p is slot.param), -1)
    name = slot.function.name.value
    return Target(ctx.path, owner, name, slot.name, position, target.held)


def _models(
    ctx: PythonContext, value: cst.BaseExpression, target: Target, shown: str
) -> list[CallerModel]:
    """A `CallerModel` of the class keeping the model per string `value` may be, and per
    value the module does not show (its code as the label)."""
    from migrate_llm.rules.model_values import some_literals

    module, owner, param = target.held
    literals, unknown = some_literals(ctx, value)
    if not literals and not unknown:
        unknown = [value]
    return [
        *(
            CallerModel(module, owner, "__init__", param, text, "", shown)
            for _, text, _ in literals
        ),
        *(CallerModel(module, owner, "__init__", param, "", ctx.code(u), shown) for u in unknown),
    ]
