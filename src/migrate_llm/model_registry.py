"""The model ids a project's program registers, for the modules naming one by its id (ML204).

simonw/llm registers its models in llm/default_plugins/openai_models.py, inside
`register_models(register)`: `register(Chat("gpt-4o-mini", ...), aliases=("4o-mini",))`, and
llm/__init__.py's `DEFAULT_MODEL = "gpt-4o-mini"` is the key `get_model()` looks up among
them, not an id sent to the API. ML205 leaves the registered ids (their meaning is the
program's); ML204 mapped the constant to `deepseek-flash`, which nothing registers, and
`llm "hi"` failed with an unknown model. So a Python module that may register models
(`may_register`: a call named `register(` given a constructor, or a dict display keyed by an
OpenAI model whose values are constructions) is marked while it is screened
(`REGISTERS_MODELS`), read again where the run switches provider (`registered_models`), and
what it registers goes into its project's facts (`RunFacts.registered_models`): ML204 leaves
a model that the program registers where what it maps to is registered nowhere
(`unregistered`).

OpenBMB/AgentVerse registers its classes by a decorator: `@llm_registry.register("gpt-4")` on
`class OpenAIChat`, and a task's YAML `llm_type: gpt-4` is the key `llm_registry.build()` looks
up; ML503 mapped it to `qwen4-max`, which nothing registers ("qwen4-max is not registered").
So a decorator call named `register...` or `add` given a string first, on a class or function,
registers that string (`DECORATOR`), and so does the same call applied by hand,
`llm_registry.register("gpt-4")(OpenAIChat)`. The config key whose value a registry's
`build()` or `get()` is given (AgentVerse's `llm_type = llm_config.pop("llm_type", ...)`,
then `llm_registry.build(llm_type, **llm_config)`) is recorded too (`LOOKUP`, the key as
`model`): a config value under that key is the registry's key, not a model the program sends
(ML503 leaves it, a note, and maps the record's `model:` as usual).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from migrate_llm.rare_bytes import literal_search
from migrate_llm.textio import python_tree

# a module larger than this is not read again (its settings are mapped as before)
MAX_BYTES = 512 * 1024
# a call named `register(` (also `registry.register(`) given a construction first:
# `register(Chat(`, `register(\n    models.Chat(`, `register(model=Chat(`
_REGISTER_CALL = re.compile(rb"\bregister\(\s*(?:\w+\s*=\s*)?(?:[a-z_]\w*\.)*[A-Z]\w*\(")
# a decorator registering a string, `@llm_registry.register("gpt-4")`, `@catalog.add('x')`,
# or that call applied by hand, `registry.register("gpt-4")(Chat)`
_REGISTER_DECORATOR = re.compile(rb"@[ \t]*(?:\w+\.)*(?:register\w*|add)\(\s*[\"']")
_REGISTER_APPLIED = re.compile(rb"register\w*\(\s*[\"'][^\"'\n]*[\"']\s*\)\(")
# an OpenAI model id keying a construction: `"gpt-4o": Chat(`, `MODELS["gpt-4o"] = Chat(`
_REGISTRY_KEY = re.compile(
    rb"[\"'](?:gpt|o[1-9]|chatgpt|text-embedding|dall-e|whisper|tts|davinci|babbage|codex"
    rb"|omni-moderation|text-moderation|computer-use)[\w.-]*[\"'][ \t]*\]?[ \t]*[:=][ \t]*"
    rb"(?:[a-z_]\w*\.)*[A-Z]\w*\("
)
_HOLDS_REGISTER, _HOLDS_GPT = literal_search(b"register("), literal_search(b"gpt")
_HOLDS_DECORATOR, _HOLDS_APPLIED = literal_search(b"@"), literal_search(b")(")
_HOLDS_REGISTERING = literal_search(b"register")
# a lookup in a registry, `llm_registry.build(llm_type, ...)`, `REGISTRY.get(name)`
_REGISTRY_LOOKUP = re.compile(rb"\b\w*[Rr]egistr\w*\.(?:build|get)\(")
_HOLDS_REGISTR = literal_search(b"egistr")
# how a model is registered: the id of a construction given to `register(...)`, one of the
# `aliases=` of that call, the key of a dict of constructions, the string a decorator call
# registers (`@registry.register("gpt-4")` on a class)
ID, ALIAS, KEY, DECORATOR = "id", "alias", "key", "decorator"
# the config key a registry lookup is given the value of (`model` holds the key's name)
LOOKUP = "lookup"
# the methods of a registry that look a key up
_LOOKUP_METHODS = frozenset({"build", "get"})
# the calls reading a config key: `config.pop("llm_type", ...)`, `config.get("llm_type")`
_KEY_READS = frozenset({"pop", "get"})
# the names of the decorator calls registering their first string
_DECORATOR_NAMES = re.compile(r"register\w*|add")


class RegisteredModel(NamedTuple):
    """A model id `model` that the module `module` (its file name as `PythonContext.path`
    gives it; `shown`: as messages show it) registers, `how` (`ID`, `ALIAS`, `KEY`), `by`
    the call or table that holds it as written (`register`, `registry.register`, `MODELS`),
    on `line` (the call's first, or the key's)."""

    module: str
    shown: str
    model: str
    line: int
    how: str
    by: str


def may_register(data: bytes) -> bool:
    """Whether a module's bytes may register models (see the module's docstring)."""
    # `_REGISTRY_KEY` starts with a character class, which `re` tries at every byte: it runs
    # only on a module naming a GPT model (10 µs of each module screened otherwise, a third
    # of a scan of 25,000 modules that name no model); a dict keyed by other OpenAI ids alone
    # is not looked for
    # (`bytes.__contains__` would first try each literal as an integer: `rare_bytes`)
    return (
        (_HOLDS_REGISTER(data) is not None and _REGISTER_CALL.search(data) is not None)
        or (_HOLDS_GPT(data) is not None and _REGISTRY_KEY.search(data) is not None)
        or (_HOLDS_DECORATOR(data) is not None and _REGISTER_DECORATOR.search(data) is not None)
        or (
            _HOLDS_APPLIED(data) is not None
            and _HOLDS_REGISTERING(data) is not None
            and _REGISTER_APPLIED.search(data) is not None
        )
        or (_HOLDS_REGISTR(data) is not None and _REGISTRY_LOOKUP.search(data) is not None)
    )


def registered_models(
    module: str, shown: str, data: bytes, openai_model: Callable[[str], bool]
) -> list[RegisteredModel]:
    """The models a module's bytes register: each id (a string, or a name a `for` binds to
    each string of a tuple or list display) given first or as `model_id=` to a construction
    (a call of a capitalized name) passed to a call named `register`, and its string
    `aliases=`; the string a decorator call named `register...` or `add` is given first on a
    class or function (or that call applied to one by hand); each key of a dict display (or
    `NAME["key"] = ...` of one) whose values are all constructions, one key an OpenAI model
    id (`openai_model`). None where it cannot be read or parsed."""
    if len(data) > MAX_BYTES:
        return []
    tree = python_tree(data)
    if tree is None:
        return []
    found: dict[tuple[str, str], RegisteredModel] = {}
    found_in = (*_registered(tree, {}), *_dict_keys(tree, openai_model), *_lookups(tree))
    for model, line, how, by in found_in:
        found.setdefault((model, how), RegisteredModel(module, shown, model, line, how, by))
    return list(found.values())


def unregistered(models: Iterable[RegisteredModel], model: str, new: str) -> RegisteredModel | None:
    """Where the program registers `model` (the first by file and line) while no module of
    it registers `new` (what `model` maps to): a lookup of `new` there misses; None where
    `model` is not registered or `new` is."""
    models = tuple(models)
    if any(m.model == new for m in models):
        return None
    return min((m for m in models if m.model == model), default=None, key=_place)


# The keys of a config record naming the model its requests send (AgentVerse's `model:`,
# passed on to the class the registry builds as its `model` argument).
SENT_MODEL_KEYS = frozenset({"model", "model_name"})
# a record's registry key (left, a note) and the model it sends (mapped as usual)
REGISTRY_KEY, SENT_MODEL = "registry key", "sent model"


def registry_keys(
    records: Iterable[dict[str, str]], registered: Iterable[RegisteredModel]
) -> frozenset[str]:
    """The keys of a config file's records that hold a registry's key: one the program's
    registry lookups are given (`LOOKUP`: AgentVerse's `llm_type`, which
    `llm_registry.build()` looks up), and a key (not a sent-model key, `SENT_MODEL_KEYS`)
    naming a model the program registers by decorator in a record that also names the model
    it sends (`llm_type: gpt-4` beside `model: gpt-4`)."""
    registered = tuple(registered)
    by_decorator = {m.model for m in registered if m.how == DECORATOR}
    beside = (
        key
        for record in records
        if any(k in SENT_MODEL_KEYS for k in record)
        for key, value in record.items()
        if key not in SENT_MODEL_KEYS and value in by_decorator
    )
    looked_up = (m.model for m in registered if m.how == LOOKUP)
    return frozenset((*beside, *looked_up)) - SENT_MODEL_KEYS


def record_role(record: dict[str, str], key: str, keys: frozenset[str]) -> str | None:
    """What the value under `key` of a config record (its keys: their values) is where it
    names a model the program registers by decorator, given the file's `registry_keys`:
    `REGISTRY_KEY` for one of those (also in a record naming no model sent: the class's
    default is sent); `SENT_MODEL` for the value of a sent-model key beside one of them;
    None where the file does not tell them apart (a value alone)."""
    if key in keys:
        return REGISTRY_KEY
    if key in SENT_MODEL_KEYS and any(k in keys for k in record):
        return SENT_MODEL
    return None


def _place(found: RegisteredModel) -> tuple[str, int]:
    return found.shown, found.line


def _registered(
    node: ast.AST, loops: dict[str, tuple[str, ...]]
) -> Iterator[tuple[str, int, str, str]]:
    """(model, line, how, by) of each `register(...)` call under `node`, with the strings
    that the names bound by the `for` loops around it (`loops`) take."""
    if isinstance(node, (ast.For, ast.AsyncFor)):
        values = _strings(node.iter)
        if isinstance(node.target, ast.Name) and values is not None:
            inner = {**loops, node.target.id: values}
            for statement in node.body:
                yield from _registered(statement, inner)
            for statement in node.orelse:
                yield from _registered(statement, loops)
            return
    elif isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
        for decorator in node.decorator_list:
            if (found := _decorator_id(decorator)) is not None:
                yield found[0], decorator.lineno, DECORATOR, found[1]
    elif isinstance(node, ast.Call) and (found := _decorator_id(node.func)) is not None:
        yield found[0], node.lineno, DECORATOR, found[1]
    elif isinstance(node, ast.Call) and _registers(node.func):
        by = _written(node.func)
        for arg in (*node.args, *(k.value for k in node.keywords if k.arg != "aliases")):
            if isinstance(arg, ast.Call) and _constructs(arg.func):
                for model in _ids(arg, loops):
                    yield model, node.lineno, ID, by
        aliases = next((k.value for k in node.keywords if k.arg == "aliases"), None)
        for alias in (_strings(aliases) or ()) if aliases is not None else ():
            yield alias, node.lineno, ALIAS, by
    for child in ast.iter_child_nodes(node):
        yield from _registered(child, loops)


def _lookups(tree: ast.Module) -> Iterator[tuple[str, int, str, str]]:
    """(config key, line, LOOKUP, method) of each registry lookup given a config key's value:
    `registry.build(config.pop("llm_type", d))`, or a name a function binds to that
    (`llm_type = config.pop("llm_type", d)`, then `llm_registry.build(llm_type, **config)`);
    a registry is a receiver named `...registry...`."""
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        bound: dict[str, str] = {}
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and (key := _config_key(node.value)) is not None
            ):
                bound[node.targets[0].id] = key
        for node in ast.walk(function):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _LOOKUP_METHODS
                and "registr" in _written(node.func.value).lower()
                and node.args
            ):
                continue
            given = node.args[0]
            key = bound.get(given.id) if isinstance(given, ast.Name) else _config_key(given)
            if key is not None:
                yield key, node.lineno, LOOKUP, _written(node.func)


def _config_key(node: ast.expr) -> str | None:
    """The key a config read names: `config.pop("llm_type", d)`, `config.get("llm_type")`,
    `config["llm_type"]`; None for anything else."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
        given = node.args[0] if node.func.attr in _KEY_READS else None
    elif isinstance(node, ast.Subscript):
        given = node.slice
    else:
        return None
    if isinstance(given, ast.Constant) and isinstance(given.value, str):
        return given.value
    return None


def _decorator_id(node: ast.expr) -> tuple[str, str] | None:
    """The string a decorator call registers (`registry.register("gpt-4")`, `catalog.add("x")`,
    `register_model("x")`): its first argument, with the callee as written; None for any
    other expression."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    given = node.args[0]
    if not (isinstance(given, ast.Constant) and isinstance(given.value, str)):
        return None
    return (given.value, _written(node.func)) if _DECORATOR_NAMES.fullmatch(name) else None


def _ids(call: ast.Call, loops: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The ids a construction is given first or as `model_id=`."""
    given = call.args[0] if call.args else None
    if given is None or isinstance(given, ast.Starred):
        given = next((k.value for k in call.keywords if k.arg == "model_id"), None)
    if isinstance(given, ast.Constant) and isinstance(given.value, str):
        return (given.value,)
    if isinstance(given, ast.Name):
        return loops.get(given.id, ())
    return ()


def _dict_keys(
    tree: ast.Module, openai_model: Callable[[str], bool]
) -> Iterator[tuple[str, int, str, str]]:
    """(key, line, KEY, table) of the dicts of constructions keyed by OpenAI model."""
    displays: dict[str, list[tuple[str, int]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
            if isinstance(target, ast.Name) and isinstance(value, ast.Dict):
                keys = _registry_keys(value)
                if keys is not None:
                    displays.setdefault(target.id, []).extend(keys)
    for node in ast.walk(tree):  # `MODELS["gpt-4o"] = Chat(...)`, added to a table above
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(target := node.targets[0], ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id in displays
            and isinstance(target.slice, ast.Constant)
            and isinstance(target.slice.value, str)
            and isinstance(node.value, ast.Call)
            and _constructs(node.value.func)
        ):
            displays[target.value.id].append((target.slice.value, node.lineno))
    for name, keys in displays.items():
        if any(openai_model(key) for key, _ in keys):
            yield from ((key, line, KEY, name) for key, line in keys)


def _registry_keys(display: ast.Dict) -> list[tuple[str, int]] | None:
    """The string keys of a dict display whose values are all constructions, with their
    lines; None where a key is not a string or a value not a construction (an empty one
    holds none)."""
    found = []
    for key, value in zip(display.keys, display.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return None
        if not (isinstance(value, ast.Call) and _constructs(value.func)):
            return None
        found.append((key.value, key.lineno))
    return found


def _strings(node: ast.expr) -> tuple[str, ...] | None:
    """The strings of a tuple or list display of strings; None for anything else."""
    if not isinstance(node, (ast.Tuple, ast.List)):
        return None
    values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
    strings = tuple(v for v in values if isinstance(v, str))
    return strings if len(strings) == len(node.elts) else None


def _registers(func: ast.expr) -> bool:
    """Whether a call of `func` is named `register` (`register(...)`, `x.register(...)`)."""
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return bool(name == "register")


def _constructs(func: ast.expr) -> bool:
    """Whether a call of `func` builds an instance of a class: its name is capitalized
    (`Chat`, `models.Chat`)."""
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name[:1].isupper()


def _written(func: ast.expr) -> str:
    """The callee as written (`register`, `registry.register`, `self.registry.register`)."""
    return ast.unparse(func)
