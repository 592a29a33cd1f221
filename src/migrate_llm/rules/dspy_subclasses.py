"""Classes of a project deriving from DSPy's legacy OpenAI class (`fw_dspy.LEGACY_CLASSES`),
and the calls building one.

STORM's `class OpenAIModel(dspy.OpenAI)` hands its constructions' `api_key`, `model_type` and,
through `**kwargs`, `api_base` on to `dspy.OpenAI.__init__`: such a construction is where the
provider's key and base URL belong, so ML640 checks it as it checks `dspy.OpenAI(...)`. A
construction in another module (`from sub.mylm import MyLM`, then `MyLM(...)`) is found
through the project's facts (`RunFacts.lm_subclasses`, read by `lm_subclasses`).
"""

from __future__ import annotations

from typing import NamedTuple, cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.frameworks import dspy as fw_dspy
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.project_calls import from_import, imported_file
from migrate_llm.rules.python_context import PythonContext

# the keywords of the legacy class a construction may give: its model, key, base URL, and
# the one choosing the chat API
KEYWORDS = (
    fw_dspy.MODEL_KEYWORD,
    fw_dspy.API_KEY,
    fw_dspy.API_BASE,
    *sorted({keyword for keyword, _ in fw_dspy.LEGACY_CLASSES.values()}),
)
# what a construction must hand on for its site to choose the endpoint
ENDPOINT = frozenset({fw_dspy.API_KEY, fw_dspy.API_BASE})


class Subclass(NamedTuple):
    """A class deriving from DSPy's legacy class `base` (its qualified name), defined on
    `line`; `taken`: the keywords of `KEYWORDS` its constructions hand on to `base` (all of
    them where it has no `__init__` of its own; none where its `__init__` calls no base's
    `__init__` the module shows); `model_first`: its first positional parameter is the
    model, as the base's is."""

    name: str
    base: str
    line: int
    taken: frozenset[str]
    model_first: bool

    @property
    def forwards(self) -> bool:
        """Whether its constructions choose its endpoint (`ENDPOINT`)."""
        return self.taken >= ENDPOINT


def legacy_base(ctx: PythonContext, klass: cst.ClassDef) -> str | None:
    """The legacy DSPy class `klass` derives from directly (`dspy.OpenAI`), or None."""
    for base in klass.bases:
        found = qualified(ctx, base.value, fw_dspy.LM_CLASSES)
        if found is not None and found in fw_dspy.LEGACY_CLASSES:
            return found
    return None


def subclass(ctx: PythonContext, klass: cst.ClassDef) -> Subclass | None:
    """What `klass` is, where it derives from DSPy's legacy class (once per class)."""
    found = cast("dict[int, Subclass | None]", ctx.analyses.setdefault(subclass, {}))
    if id(klass) not in found:
        base = legacy_base(ctx, klass)
        found[id(klass)] = None
        if base is not None:
            taken, first = _handed_on(ctx, klass)
            line = ctx.position(klass.name)[0][0]
            found[id(klass)] = Subclass(klass.name.value, base, line, taken, first)
    return found[id(klass)]


def module_subclasses(ctx: PythonContext) -> list[Subclass]:
    """The classes of the module's top level deriving from DSPy's legacy class."""
    return [
        found
        for statement in ctx.module.body
        if isinstance(statement, cst.ClassDef) and (found := subclass(ctx, statement))
    ]


def _handed_on(ctx: PythonContext, klass: cst.ClassDef) -> tuple[frozenset[str], bool]:
    """(`Subclass.taken`, `Subclass.model_first`) of `klass`: a keyword is handed on where
    `__init__` gives its base's `__init__` a parameter of that name under it (`api_key=
    api_key`) that has no default but None (the model may have one), or spreads its
    `**kwargs` there and has no parameter of that name."""
    init = next(
        (
            s
            for s in klass.body.body
            if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"
        ),
        None,
    )
    if init is None:
        return frozenset(KEYWORDS), True
    start = ctx.index_of(init)
    calls = [
        n for n in ctx.nodes[start : ctx.ends[start]] if isinstance(n, cst.Call) and _base_init(n)
    ]
    params = init.params
    positional = [p.name.value for p in (*params.posonly_params, *params.params)]
    first = len(positional) > 1 and positional[1] == fw_dspy.MODEL_KEYWORD
    if len(calls) != 1:
        return frozenset(), first
    call = calls[0]
    every = (*params.posonly_params, *params.params, *params.kwonly_params)
    named = {p.name.value for p in every}
    # a parameter with a default of its own (DeepSeekModel's `api_base="https://api.deepseek
    # .com"`) is the class's choice where a construction gives none
    defaulted = {
        p.name.value
        for p in every
        if p.default is not None
        and not (isinstance(p.default, cst.Name) and p.default.value == "None")
    }
    star = params.star_kwarg.name.value if isinstance(params.star_kwarg, cst.Param) else None
    spread = star is not None and any(
        a.star == "**" and isinstance(a.value, cst.Name) and a.value.value == star
        for a in call.args
    )
    taken = set()
    for name in KEYWORDS:
        given = argument(call, name, None)
        if name in named:
            if name in defaulted and name != fw_dspy.MODEL_KEYWORD:
                continue
            value = given.value if given is not None else None
            if isinstance(value, cst.Name) and value.value == name:
                taken.add(name)
        elif given is None and spread:
            taken.add(name)
    return frozenset(taken), first


def _base_init(call: cst.Call) -> bool:
    """Whether `call` is `super().__init__(...)` or `<Base>.__init__(self, ...)`."""
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value != "__init__":
        return False
    owner = func.value
    if isinstance(owner, cst.Call):
        return isinstance(owner.func, cst.Name) and owner.func.value == "super"
    return True


class Built(NamedTuple):
    """The subclass a call builds, and where it is defined (None: in the module)."""

    subclass: Subclass
    shown: str | None


def built_subclass(ctx: PythonContext, call: cst.Call) -> Built | None:
    """The class deriving from DSPy's legacy class that `call` builds: one of the module, or
    one imported by name from another module of the project (`RunFacts.lm_subclasses`),
    called by its name or through a name bound once to it (`ModelClass = OpenAIModel`, or to
    a conditional expression one branch of which is such a class, the other not)."""
    func = call.func
    if not isinstance(func, cst.Name):
        return None
    direct = _named_class(ctx, func)
    if direct is not None:
        return direct
    value = ctx.bound_value(func)
    if isinstance(value, cst.IfExp):
        found = [
            _named_class(ctx, v) if isinstance(v, cst.Name) else None
            for v in (value.body, value.orelse)
        ]
        known = [f for f in found if f is not None]
        return known[0] if len(known) == 1 else None
    if isinstance(value, cst.Name):
        return _named_class(ctx, value)
    return None


def _named_class(ctx: PythonContext, name: cst.Name) -> Built | None:
    """The subclass `name` refers to: a class of the module, or one imported by name."""
    bound = ctx.bindings(name)
    defined = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
    if isinstance(defined, cst.ClassDef):
        found = subclass(ctx, defined)
        return Built(found, None) if found is not None else None
    entries = ctx.rules.facts.lm_subclasses
    if not entries:
        return None
    imported = from_import(ctx, name)
    if imported is None:
        return None
    dots, module, imported_name = imported
    named = [e for e in entries if e.name == imported_name]
    files = imported_file(ctx.path, dots, module, {e.module for e in named}) if named else set()
    entry = next((e for e in named if e.module in files), None)
    if entry is None:
        return None
    held = Subclass(entry.name, entry.base, entry.line, frozenset(entry.taken), entry.model_first)
    return Built(held, entry.shown)
