"""The classes and functions of a project whose parameter reaches a litellm chat call's model,
followed across its modules.

swarms' `Agent(model_name="gpt-5.4")` (swarms/structs/agent.py) keeps `self.model_name` and
builds `LiteLLM(model_name=self.model_name)` (swarms/utils/litellm_wrapper.py), which sends
`litellm.completion(**params)` with `params = {"model": self.model_name, ...}` (t65c R2).
Each module is read once for what its functions and classes do with a parameter
(`model_hops`, kept in the readings cache: it does not depend on the rest of the project):
it is sent as a litellm call's model, or passed to a call of another name under a keyword.
The project's facts then join the hops (`reaching`) until nothing changes: Agent → LiteLLM
→ litellm. A hop is keyed by its module and name: a call is followed to the module its
callee is imported from (`from x import LiteLLM`, `from . import x` ... `x.LiteLLM(`) or
defined in, never to another module's class of the same name, and on through the packages
re-exporting it (`from swarms import Agent`, whose swarms/__init__.py imports `*` from
swarms.structs: `module_bindings`, s66); a bare `completion(` is
litellm's only where the module imports it from litellm. A class is matched by its
`__init__`'s parameters; a parameter reaches through `self.X` where its class
assigns `X` from that parameter and from no other (swarms' Agent also assigns its fallback
models there: the parameter's value still reaches litellm where none is given). A parameter
also sent as `model=` of an OpenAI SDK request (`if use_litellm: litellm.completion(model=
self.model_name) else: client.chat.completions.create(model=self.model_name)`), here or
through the hops, is recorded as such (`Reached.shared`): no one form of a model suits both.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from migrate_llm.frameworks import litellm as fw
from migrate_llm.import_reach import imported_file, module_parts
from migrate_llm.import_roots import package_root
from migrate_llm.module_bindings import Binding, Exports, bindings_of
from migrate_llm.openai_sdk import sdk_shaped
from migrate_llm.textio import python_parsed

# a keyword given a name or `self.X` (`model_name=self.model_name`), or an entry of the
# model's keyword (`"model": self.model_name`): what a module must hold to hand a parameter on
_HANDS_ON = re.compile(rb"\w[ \t]*=[ \t]*(?:self\.)?\w+[ \t]*[,)]|[\"']model[\"'][ \t]*:")
# litellm's chat functions by last name (`completion`, `acompletion`): `fw.CALLS`
_CHAT = frozenset(name.rsplit(".", 1)[1] for name, surface in fw.CALLS.items() if surface == "chat")
# a module larger than this is not read
MAX_BYTES = 256 * 1024


class ModelHop(NamedTuple):
    """The parameter `param` of the top-level function or class (its `__init__`) `name` of
    the module at `module` is sent as a litellm chat call's model (`to` empty) or passed as
    `keyword=` to a call of the function or class `to` of the module the import `source`
    names (`.agent`, `pkg.agent`; empty: `module` itself); with `to` and `keyword` empty,
    sent as `model=` of an OpenAI SDK request (`CLIENT`). With `param` empty, a top-level
    binding of the module (`module_bindings.Binding`, its kind as `keyword`): what a name
    another module imports from it is (`read_module`)."""

    module: str
    name: str
    param: str
    to: str
    source: str
    keyword: str


# the `keyword` of a hop (with no `to`) sending the parameter to an OpenAI SDK request
CLIENT = ""


class Reached(NamedTuple):
    """What `reached` finds: the (module, name, parameter) triples whose parameter reaches a
    litellm chat call's model (`params`), and those of them that also reach `model=` of an
    OpenAI SDK request (`shared`), which takes the model without litellm's route."""

    params: frozenset[tuple[str, str, str]]
    shared: frozenset[tuple[str, str, str]]


class _Imports(NamedTuple):
    """A module's top-level imports and definitions: a bound name → (module as the import
    names it, name there) (`from .x import A as B`: B → (".x", "A"); `import x.y as z` and
    `from x import y`: z/y → ("x.y", "") ); its own functions and classes; the names bound
    to litellm's chat functions (`from litellm import completion`)."""

    names: dict[str, tuple[str, str]]
    defined: frozenset[str]
    chat: frozenset[str]


def may_reexport(data: bytes, module: str) -> bool:
    """Whether a module's bytes (at the path `module`) may hand on names of other modules
    to those importing it: a package's `__init__.py` importing (`from .agent import Agent`,
    `from pkg.structs import *`), or a module listing `__all__`."""
    init = module.replace("\\", "/").rsplit("/", 1)[-1] == "__init__.py"
    return (init and b"import" in data) or b"__all__" in data


def may_hand_model(data: bytes) -> bool:
    """Whether a module's bytes may define a function or class handing a parameter on
    (`model_hops` finds nothing in one without)."""
    return b"def " in data and b"model" in data and _HANDS_ON.search(data) is not None


def handles_model_of(data: bytes, names: Iterable[str]) -> bool:
    """Whether a module's bytes may call or define one of `names` (`Agent(`, `class
    Agent`, `def run_agent`), and name a model."""
    if b"model" not in data:
        return False
    return any(f"{name}(".encode() in data or f"class {name}".encode() in data for name in names)


def model_hops(data: bytes, module: str = "") -> list[ModelHop]:
    """What the top-level functions and classes of a module's bytes (at the path `module`)
    do with a parameter (see the module's docstring); none where it is too large or cannot
    be parsed."""
    if len(data) > MAX_BYTES:
        return []
    read = python_parsed(data)
    return [] if read is None else _module_hops(read[1], module)


def _module_hops(tree: ast.Module, module: str) -> list[ModelHop]:
    imports = _imports(tree)
    found: list[ModelHop] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            walked = list(ast.walk(node))
            found += _hops((module, node.name), walked, _params(node), {}, imports)
        elif isinstance(node, ast.ClassDef):
            found += _class_hops(module, node, imports)
    return list(dict.fromkeys(found))


def read_module(data: bytes, module: str = "") -> list[ModelHop]:
    """A module's hops (`model_hops`) and top-level bindings (`module_bindings.bindings_of`,
    as hops with no parameter), read from one parse; none where it is too large or cannot
    be parsed."""
    if len(data) > MAX_BYTES:
        return []
    read = python_parsed(data)
    if read is None:
        return []
    bound = [
        ModelHop(b.module, b.name, "", b.to, b.source, b.kind) for b in bindings_of(read[1], module)
    ]
    return _module_hops(read[1], module) + bound


def reaching(hops: Iterable[ModelHop]) -> frozenset[tuple[str, str, str]]:
    """The (module, name, parameter) triples of `hops` whose parameter reaches a litellm
    chat call's model (`reached`)."""
    return reached(hops).params


def reached(hops: Iterable[ModelHop], depth: Callable[[str], int] | None = None) -> Reached:
    """The (module, name, parameter) triples of `hops` whose parameter reaches a litellm
    chat call's model, directly or through other triples, joined until nothing changes: a
    hop's callee is the one file its import names among the hops' modules (else among the
    modules whose bindings `hops` hold), followed to the module whose own code it is
    through those re-exporting it (`Exports.origin`). A package's `__init__.py` (or a
    module importing with `*` or listing `__all__`) re-exporting such a name (`from .agent
    import Agent`, `from pkg.structs import *`) gets its triples too. Those of them that
    reach an OpenAI SDK request's model as well (`CLIENT`), joined the same way, are
    `shared`. With `depth` (`package_depth`), an absolute import names a module by its whole
    package chain at least (`resolved_file`)."""
    hops = list(hops)
    exports = Exports(
        Binding(h.module, h.name, h.keyword, h.to, h.source) for h in hops if not h.param
    )
    hops = [h for h in hops if h.param]
    files = {h.module for h in hops}
    packages = None if depth is None else {f: depth(f) for f in files}
    callee = {h: _reached_code(h, files, exports, packages) for h in hops if h.to}

    def joined(found: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
        while True:
            more = {
                (h.module, h.name, h.param)
                for h, (file, name) in callee.items()
                if file is not None and (file, name, h.keyword) in found
            }
            if more <= found:
                return found
            found |= more

    found = joined({(h.module, h.name, h.param) for h in hops if not h.to and h.keyword})
    shared = joined({(h.module, h.name, h.param) for h in hops if not h.to and not h.keyword})
    return Reached(
        frozenset(_reexported(found, exports)),
        frozenset(_reexported(shared, exports) & _reexported(found, exports)),
    )


def _reexported(found: set[tuple[str, str, str]], exports: Exports) -> set[tuple[str, str, str]]:
    """`found` with the triples of the modules re-exporting its names (`reached`)."""
    found = set(found)
    params: dict[tuple[str, str], set[str]] = {}
    for module, name, param in found:
        params.setdefault((module, name), set()).add(param)
    names = {name for _, name, _ in found}
    pairs = [*exports.imported, *((m, n) for m in exports.stars for n in names)]
    pairs = [(module, name) for module, name in pairs if exports.hands_on(module)]
    for module, name in pairs:
        origin = exports.origin(module, name)
        found |= {(module, name, p) for p in params.get(origin, ())} if origin else set()
    return found


def resolved_file(
    path: str, source: str, files: set[str], packages: Mapping[str, int] | None = None
) -> str | None:
    """The one file of `files` the module at `path` imports as `source` (`.agent`,
    `pkg.agent`; empty: `path` itself), else None. With `packages` (a file's package depth,
    `package_depth`), an absolute import names a file only by its whole package chain at
    least: `core` is not backend/app/core/__init__.py, which Python imports as `app.core`."""
    if not source:
        return path
    module = source.lstrip(".")
    dots = source[: len(source) - len(module)]
    if packages is not None and not dots:
        parts = [p for p in module.split(".") if p]
        files = {f for f in files if len(parts) >= packages.get(f, 1)}
    found = imported_file(path, dots, module, files)
    return next(iter(found)) if found else None


def package_depth(path: str) -> int:
    """How many trailing parts of the module at `path` (absolute) Python's import of it
    names at least: its own, and those of the packages (directories holding `__init__.py`)
    above it up to the first directory holding none (`import_roots.package_root`)."""
    path = os.path.abspath(path)
    root = package_root(os.path.dirname(path))[0]
    return len(module_parts(os.path.relpath(path, root)))


def _reached_code(
    hop: ModelHop, files: set[str], exports: Exports, packages: Mapping[str, int] | None
) -> tuple[str | None, str]:
    """(module, name) of the code a hop's call reaches (`reaching`); module None where not
    known."""
    file = resolved_file(hop.module, hop.source, files, packages)
    if file is None:
        file = exports.file(hop.module, hop.source)
    if file is None or file not in exports.files:
        return file, hop.to
    origin = exports.origin(file, hop.to)
    return origin if origin is not None else (None, hop.to)


def _imports(tree: ast.Module) -> _Imports:
    names: dict[str, tuple[str, str]] = {}
    chat: set[str] = set()
    defined: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = (alias.name, "")
        elif isinstance(node, ast.ImportFrom):
            source = "." * node.level + (node.module or "")
            for alias in node.names:
                bound = alias.asname or alias.name
                names[bound] = (source, alias.name)
                litellm = node.level == 0 and node.module in (fw.MODULE, f"{fw.MODULE}.main")
                if litellm and alias.name in _CHAT:
                    chat.add(bound)
    return _Imports(names, frozenset(defined - set(names)), frozenset(chat))


def _callee(func: ast.expr, imports: _Imports) -> tuple[str, str] | None:
    """(name, the import its module is named by; empty: this module) of the project's
    function or class `func` calls by its name or as an imported module's attribute."""
    if isinstance(func, ast.Name):
        if func.id in imports.defined:
            return func.id, ""
        held = imports.names.get(func.id)
        if held is None or not held[1] or held[0] == fw.MODULE:
            return None
        return held[1], held[0]
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        held = imports.names.get(func.value.id)
        if held is None:
            return None
        source, name = held
        if name:  # `from pkg import other` ... `other.Agent(`
            source = f"{source}.{name}" if not source.endswith(".") else f"{source}{name}"
        return func.attr, source
    return None


def _params(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    args = function.args
    return {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}


def _class_hops(module: str, node: ast.ClassDef, imports: _Imports) -> list[ModelHop]:
    """The hops of a class's `__init__` parameters, through any of its methods: a method
    reads one as `self.X` where the class assigns `X` from it and from no other parameter."""
    methods = [m for m in node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]
    init = next((m for m in methods if m.name == "__init__"), None)
    if init is None:
        return []
    params = _params(init) - {"self"}
    assigned: dict[str, list[ast.expr | None]] = {}
    walked = {method: list(ast.walk(method)) for method in methods}  # one walk of each
    for method in methods:
        for sub in walked[method]:
            pairs: list[tuple[ast.expr, ast.expr | None]]
            if isinstance(sub, ast.Assign):
                pairs = [(target, sub.value) for target in sub.targets]
            elif isinstance(sub, ast.AnnAssign):
                pairs = [(sub.target, sub.value)]
            elif isinstance(sub, ast.AugAssign):
                pairs = [(sub.target, None)]
            else:
                continue
            for target, value in pairs:
                attr = _self_attribute(target)
                if attr is not None:
                    assigned.setdefault(attr, []).append(value)
    fields: dict[str, str] = {}
    for attr, values in assigned.items():
        named = {v.id for v in values if isinstance(v, ast.Name) and v.id in params}
        if len(named) == 1:  # others may replace it (swarms' fallback models): it may reach
            fields[attr] = named.pop()
    found: list[ModelHop] = []
    for method in methods:
        found += _hops(
            (module, node.name),
            walked[method],
            params if method is init else set(),
            fields,
            imports,
        )
    return found


def _self_attribute(node: ast.expr) -> str | None:
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    ):
        return node.attr
    return None


def _hops(
    owner: tuple[str, str],
    walked: list[ast.AST],
    params: set[str],
    fields: dict[str, str],
    imports: _Imports,
) -> list[ModelHop]:
    """The hops of a function (`walked`: its nodes; of the function or class `owner`:
    module, name) for `params` (its own, read as names) and `fields` (`self.X` → the
    `__init__` parameter it holds)."""

    def param_of(value: ast.expr) -> str | None:
        if isinstance(value, ast.Name) and value.id in params and value.id not in rebound:
            return value.id
        attr = _self_attribute(value)
        return fields.get(attr) if attr is not None else None

    rebound = {
        t.id
        for sub in walked
        if isinstance(sub, (ast.Assign, ast.AnnAssign, ast.AugAssign))
        for t in (sub.targets if isinstance(sub, ast.Assign) else [sub.target])
        if isinstance(t, ast.Name)
    }
    dicts = _dict_models(walked)
    found: list[ModelHop] = []
    for call in walked:
        if not isinstance(call, ast.Call):
            continue
        callee = _last_name(call.func)
        if callee is None:
            continue
        if callee in _CHAT and _is_litellm(call.func, imports):
            for value in _litellm_models(call, dicts):
                param = param_of(value)
                if param is not None:
                    found.append(ModelHop(*owner, param, "", "", fw.MODEL_KEYWORD))
            continue
        if sdk_shaped(".".join(_dotted(call.func))) is not None:
            for keyword in call.keywords:
                param = param_of(keyword.value) if keyword.arg == fw.MODEL_KEYWORD else None
                if param is not None:
                    found.append(ModelHop(*owner, param, "", "", CLIENT))
            continue
        target = _callee(call.func, imports)
        if target is None:
            continue
        for keyword in call.keywords:
            param = None if keyword.arg is None else param_of(keyword.value)
            if param is not None and keyword.arg is not None:
                found.append(ModelHop(*owner, param, *target, keyword.arg))
    return found


def _dotted(func: ast.expr) -> list[str]:
    """The names of a dotted callee (`client.chat.completions.create`), "" for what stands
    at its base that is not a name (`OpenAI().chat.completions.create`)."""
    parts: list[str] = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    parts.append(func.id if isinstance(func, ast.Name) else "")
    return parts[::-1]


def _last_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _is_litellm(func: ast.expr, imports: _Imports) -> bool:
    """Whether `func` is `litellm.completion` (or `litellm.main.completion`), or a bare name
    the module imports from litellm (`from litellm import completion`)."""
    if isinstance(func, ast.Name):
        return func.id in imports.chat
    value = func.value if isinstance(func, ast.Attribute) else None
    while isinstance(value, ast.Attribute):
        value = value.value
    return isinstance(value, ast.Name) and value.id == fw.MODULE


def _dict_models(walked: list[ast.AST]) -> dict[str, list[ast.expr]]:
    """The model entry of each dict display a name of a function (`walked`: its nodes) is
    bound to (`params = {"model": self.model_name, ...}`), and the values stored under it
    (`params["model"] = x`), by the name."""
    found: dict[str, list[ast.expr]] = {}
    for sub in walked:
        if not isinstance(sub, ast.Assign) or len(sub.targets) != 1:
            continue
        target, value = sub.targets[0], sub.value
        if isinstance(target, ast.Name) and isinstance(value, ast.Dict):
            for key, entry in zip(value.keys, value.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == fw.MODEL_KEYWORD:
                    found.setdefault(target.id, []).append(entry)
        elif (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Name)
            and isinstance(target.slice, ast.Constant)
            and target.slice.value == fw.MODEL_KEYWORD
        ):
            found.setdefault(target.value.id, []).append(value)
    return found


def _litellm_models(call: ast.Call, dicts: dict[str, list[ast.expr]]) -> list[ast.expr]:
    """What a litellm call may send as its model: `model=`, the first argument, or the model
    entries of a dict it spreads (`**params`)."""
    found: list[ast.expr] = []
    if call.args and fw.MODEL_POSITION == 0 and not isinstance(call.args[0], ast.Starred):
        found.append(call.args[0])
    for keyword in call.keywords:
        if keyword.arg == fw.MODEL_KEYWORD:
            found.append(keyword.value)
        elif keyword.arg is None and isinstance(keyword.value, ast.Name):
            found += dicts.get(keyword.value.id, [])
        elif keyword.arg is None and isinstance(keyword.value, ast.Dict):
            found += [
                v
                for k, v in zip(keyword.value.keys, keyword.value.values, strict=True)
                if isinstance(k, ast.Constant) and k.value == fw.MODEL_KEYWORD
            ]
    return found
