"""The tables keyed by OpenAI model that a project's modules bind at their top level, for the
modules importing them (ML204).

gpt_academic's request_llms/bridge_all.py binds `model_info = {"gpt-3.5-turbo": {...}, ...}`,
and crazy_functions/pdf_fns/breakdown_txt.py does `from request_llms.bridge_all import
model_info` inside `breakdown_text_to_satisfy_token_limit_(txt, limit,
llm_model="gpt-3.5-turbo")`, then `model_info[llm_model]`. Within one module ML204 leaves a
default that a lookup there would miss once mapped (`model_lookups`); the table in another
module it could not see, mapped the default, and every call raised KeyError. So a Python
module that may key a dict display by an OpenAI model (`may_key_models`) is marked while it
is screened (the bit of the config files' tables, `KEYS_OPENAI_MODEL`), read again where the
run switches provider (`model_tables`), and its tables go into its project's facts
(`RunFacts.model_tables`), for the modules importing one by name (`from pkg.mod import
TABLE`, also inside a function, also relatively: `model_lookups.imported_lookups`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from migrate_llm.openai_sdk import MODEL_NAMES
from migrate_llm.table_guards import unsafe_reads, walk
from migrate_llm.textio import python_tree

# a quoted key of a dict display that may be an OpenAI model id with a hyphen (`"gpt-4o":`)
_MODEL_KEY = re.compile(
    rb"[\"'](?:gpt|o[1-9]|chatgpt|text-embedding|dall-e|whisper|tts|davinci|babbage|codex"
    rb"|omni-moderation|text-moderation|computer-use)-[\w.-]*[\"'][ \t]*:"
)
# a module larger than this is not read again (its own rules still see its tables)
MAX_BYTES = 512 * 1024


# How a lookup meets a model its table lacks: `T[m]` raises KeyError, `T.get(m)` gives None,
# `m in T` (also guarding `T[m]`) is false, and the program takes its other branch; `if m not
# in T: raise ...` raises an error of the program's own (`refusing_tests`).
RAISES, NONE, TESTED, REFUSED = "raises", "none", "tested", "refused"


class TableRead(NamedTuple):
    """A lookup, in the table `table` of the module `table_module`, of the setting `name` of
    another module that the module `module` (`shown` as messages show it) reads: imported
    from `source` (dots first, `..config`) or, with no `source`, got by its name
    (`get_conf("LLM_MODEL")`). `lookup` as written on `line` (`model_info[model]`, or the
    function looking into the table, `dynamic_import()`, `through` it); `how` it meets a model
    the table lacks. With no `name`: the module imports the table itself (from `source`)."""

    module: str
    shown: str
    table_module: str
    table: str
    name: str
    source: str
    line: int
    lookup: str
    how: str
    through: bool


class ModelTable(NamedTuple):
    """A dict display keyed by strings, one of them an OpenAI model id, bound to `name` on
    `line` at the top level of the module `module` (its file name as the run found it, as
    `PythonContext.path` gives it; `shown`: as messages show it). `keys`: its keys, with
    those the module's top level adds by `name.update({...})` or `name["key"] = ...` (a key
    computed there adds nothing). `lookups`: the functions of the module's top level that
    look one of their parameters up in it, each as (function, parameter, its position among
    the positional ones or -1, how: `RAISES`, `NONE`, `TESTED`), for the modules calling
    one (PentestGPT's `dynamic_import(module_name, ...)` tests `module_name in
    module_mapping`); `open`: whether the module uses the table otherwise too (a lookup by
    another key, the table handed on), or another module imports it (`reads`): a lookup the
    project does not show may take any model. `reads`: the lookups of a setting of another
    module that the project's modules show (`TableRead`, `model_table_reads`, filled in once
    the modules reading one are read). `labels`: where every entry names a class of the
    module that sets its own model (`label_tables`), each key with that setting (`("gpt-4-
    turbo", "GPT4Turbo.model")`): the keys are labels that pick an entry, not models sent.
    `routed`: its OpenAI keys whose entries hold the run's provider's URL (`routed_keys`:
    gpt_academic's `"gpt-4o-mini": {"endpoint": openai_endpoint}`, that endpoint read from
    DASHSCOPE_BASE_URL), which send their model there as it is. `none_at`: where every
    lookup that makes it `open` is another module's `.get(model)` whose None goes on (the
    first, `MODEL_PRICING.get(model_name) on line 5 of billing.py`): a model it lacks gives
    None there, not a KeyError; "" otherwise. `imported_by`: the modules importing it by
    name (as `module`), which tell the programs using it (`table_gaps.same_program`)."""

    module: str
    shown: str
    name: str
    line: int
    keys: tuple[str, ...]
    lookups: tuple[tuple[str, str, int, str], ...] = ()
    open: bool = True
    reads: tuple[TableRead, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()
    routed: tuple[str, ...] = ()
    none_at: str = ""
    imported_by: tuple[str, ...] = ()


class ProviderMarks(NamedTuple):
    """What shows a URL is the run's provider's (`variable`, its base-URL variable, or one of
    its `hosts`) and not OpenAI's (`openai_hosts`), as a table's entries write it."""

    variable: str
    hosts: tuple[str, ...]
    openai_hosts: tuple[str, ...]


def may_key_models(data: bytes) -> bool:
    """Whether a module's bytes may hold a dict display keyed by an OpenAI model id."""
    return _MODEL_KEY.search(data) is not None


def model_tables(
    module: str,
    shown: str,
    data: bytes,
    openai_model: Callable[[str], bool],
    marks: ProviderMarks | None = None,
) -> list[ModelTable]:
    """The tables of a module's bytes (see `ModelTable`) with a key `openai_model` takes for
    an OpenAI model id, with the keys whose entries hold the provider's URL where `marks`
    tell it (`routed_keys`); none where it cannot be read or parsed. A name its top level
    binds more than once holds no table (which one a lookup meets is not known here)."""
    if len(data) > MAX_BYTES:
        return []
    tree = python_tree(data)
    if tree is None:
        return []
    displays = _displays(tree)
    added: dict[str, list[str]] = {}
    for node in _top_level(tree.body):
        for name, key in _added_keys(node):
            added.setdefault(name, []).append(key)
    found = []
    classes = _model_classes(tree)
    for name, display in displays.items():
        keys = _string_keys(display.keys)
        if keys is None or not any(map(openai_model, keys)):
            continue
        labels = _entry_models(keys, display, classes) or _record_models(
            name, keys, display, openai_model
        )
        routed = routed_keys(tree, keys, display, marks) if marks is not None else ()
        keys += added.get(name, [])
        lookups, closed = _lookup_functions(tree, name)
        found.append(
            ModelTable(
                module,
                shown,
                name,
                display.lineno,
                tuple(dict.fromkeys(keys)),
                lookups,
                not closed,
                labels=labels,
                routed=tuple(k for k in routed if openai_model(k)),
            )
        )
    return found


def routed_keys(
    tree: ast.Module, keys: list[str], display: ast.Dict, marks: ProviderMarks
) -> tuple[str, ...]:
    """The keys of `display` whose entry (a dict display) holds the provider's URL (as
    `routed_entries` finds them in the module's own rules): a value naming the provider's
    base-URL variable or host and no OpenAI host, written there or bound to a name of the
    module's top level (gpt_academic's `"endpoint": openai_endpoint`), where some value the
    name is bound to does and none names an OpenAI host."""
    values: dict[str, list[ast.expr | None]] = {}
    for node in _top_level(tree.body):
        for name, value in _bindings(node):
            values.setdefault(name, []).append(value)
    found = []
    for key, entry in zip(keys, display.values, strict=True):
        if not isinstance(entry, ast.Dict):
            continue
        for value in entry.values:
            bound = values.get(value.id, []) if isinstance(value, ast.Name) else [value]
            whose = [_url_owner(v, marks) for v in bound]
            if "provider" in whose and "openai" not in whose:
                found.append(key)
                break
    return tuple(found)


def _url_owner(value: ast.expr | None, marks: ProviderMarks) -> str:
    """ "openai" where `value`'s strings name an OpenAI host, "provider" where they name the
    provider's base-URL variable or host, "" otherwise."""
    texts = [
        n.value
        for n in (ast.walk(value) if value is not None else ())
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]
    if any(h in t for t in texts for h in marks.openai_hosts):
        return "openai"
    if any(t == marks.variable or any(h in t for h in marks.hosts) for t in texts):
        return "provider"
    return ""


def label_tables(
    tree: ast.Module, openai_model: Callable[[str], bool]
) -> dict[str, tuple[int, tuple[tuple[str, str], ...]]]:
    """The names the module's top level binds once to a dict display keyed by strings whose
    every entry names a class of the module that sets its own model, each with the display's
    line and its keys, each with that setting (`("gpt-4-turbo", "GPT4Turbo.model")`); or
    whose entries keyed by an OpenAI model (`openai_model`) carry their own model
    (`_record_models`).

    PentestGPT's `module_mapping = {"gpt-4-turbo": {"config_name": "GPT4Turbo", ...}}` picks
    a config class whose `model` (`"gpt-4-1106-preview"`) is what the program sends: the key
    is the program's label for that entry, a model-like one. An entry names such a class by
    its name (`GPT4Turbo`), in a string (`"GPT4Turbo"`), by calling it (`GPT4Turbo()`), or
    as one value of a dict display of its own."""
    classes = _model_classes(tree)
    found = {}
    for name, display in _displays(tree).items():
        keys = _string_keys(display.keys)
        labels = (
            _entry_models(keys, display, classes)
            or _record_models(name, keys, display, openai_model)
            if keys is not None
            else ()
        )
        if labels:
            found[name] = (display.lineno, labels)
    return found


def _displays(tree: ast.Module) -> dict[str, ast.Dict]:
    """The dict displays the module's top level binds to a name, by that name; not a name it
    binds more than once (which one a lookup meets is not known here)."""
    displays: dict[str, ast.Dict] = {}
    bound: dict[str, int] = {}
    for node in _top_level(tree.body):
        for name, value in _bindings(node):
            bound[name] = bound.get(name, 0) + 1
            if isinstance(value, ast.Dict):
                displays[name] = value
    return {name: display for name, display in displays.items() if bound[name] == 1}


def _model_classes(tree: ast.Module) -> dict[str, str]:
    """The classes of the module's top level whose body sets a model (`model = "gpt-4"`,
    `model: str = "gpt-4"`: a name of `openai_sdk.MODEL_NAMES` given a string), each with
    that setting as a message shows it (`GPT4Turbo.model`)."""
    found = {}
    for node in _top_level(tree.body):
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target: ast.expr = statement.targets[0]
            elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                target = statement.target
            else:
                continue
            value = statement.value
            if (
                isinstance(target, ast.Name)
                and target.id in MODEL_NAMES
                and isinstance(value, ast.Constant)
                and isinstance(value.value, str)
            ):
                found[node.name] = f"{node.name}.{target.id}"
                break
    return found


def _entry_models(
    keys: list[str], display: ast.Dict, classes: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    """Each key of `display` (its string `keys`) with the model setting of the class of
    `classes` its entry names, where every entry names one (see `label_tables`); ()
    otherwise."""
    found = []
    for key, value in zip(keys, display.values, strict=True):
        named = _named_class(value, classes)
        if named is None and isinstance(value, ast.Dict):
            named = next(
                (n for v in value.values if (n := _named_class(v, classes)) is not None), None
            )
        if named is None:
            return ()
        found.append((key, named))
    return tuple(found)


def _record_models(
    table: str, keys: list[str], display: ast.Dict, openai_model: Callable[[str], bool]
) -> tuple[tuple[str, str], ...]:
    """Each key of `display` whose entry is a record carrying its own model (a key of
    `MODEL_NAMES` given a string: ChuanhuChatGPT's `MODEL_METADATA = {"o1-mini":
    {"model_name": "o1-mini", ...}, "GPT-4o": {"model_name": "gpt-4o", ...}}`, keyed by the
    names its menu shows), with that entry as messages show it (`MODEL_METADATA['o1-mini']
    ['model_name']`), where every entry is a record, each keyed by an OpenAI model
    (`openai_model`) carries one, and some entry's key is not its model ("GPT-4o" for
    "gpt-4o"): the keys are labels that pick an entry, the model sent is the entry's own.
    () otherwise (`{"gpt-4o": {"model": "gpt-4o"}}` may be looked up by the model sent)."""
    found = []
    renamed = False  # an entry whose key is not its model: the keys are names, not ids
    for key, value in zip(keys, display.values, strict=True):
        if not isinstance(value, ast.Dict):
            return ()
        field = next(
            (
                (k.value, v.value)
                for k, v in zip(value.keys, value.values, strict=True)
                if isinstance(k, ast.Constant)
                and k.value in MODEL_NAMES
                and isinstance(v, ast.Constant)
                and isinstance(v.value, str)
            ),
            None,
        )
        if field is not None:
            found.append((key, f"{table}[{key!r}][{field[0]!r}]"))
            renamed = renamed or field[1] != key
        elif openai_model(key):
            return ()
    return tuple(found) if renamed else ()


def _named_class(value: ast.expr, classes: dict[str, str]) -> str | None:
    """The model setting of the class of `classes` that `value` names: `C`, `"C"`, `C()`."""
    if isinstance(value, ast.Call):
        value = value.func
    if isinstance(value, ast.Name):
        return classes.get(value.id)
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return classes.get(value.value)
    return None


def _lookup_functions(
    tree: ast.Module, table: str
) -> tuple[tuple[tuple[str, str, int, str], ...], bool]:
    """The functions of the module's top level looking one of their parameters up in
    `table` (see `ModelTable.lookups`), and whether those and reads that cannot raise
    KeyError (`table_guards`) are all the module does with the table besides building it."""
    functions = {
        node.name: node
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    used: dict[int, tuple[str, str, str]] = {}  # a read of the table -> (function, param, how)
    found: dict[tuple[str, str], set[str]] = {}
    for defined in functions.values():
        params = plain_parameters(defined)
        for node in ast.walk(defined):
            use = _keyed_table(node, table)
            if use is None:
                continue
            read, key, how = use
            if isinstance(key, ast.Name) and key.id in params:
                used[id(read)] = (defined.name, key.id, how)
                found.setdefault((defined.name, key.id), set()).add(how)
    reads = walk(tree).loads.get(table, [])
    # a read that cannot raise KeyError (`table_guards`) leaves the table closed too
    unsafe = {id(n) for n in unsafe_reads(tree, table)}
    closed = all(id(n) in used or id(n) not in unsafe for n in reads)
    lookups = []
    for (function, param), hows in found.items():
        positional = [*functions[function].args.posonlyargs, *functions[function].args.args]
        at = next((i for i, a in enumerate(positional) if a.arg == param), -1)
        how = TESTED if TESTED in hows else RAISES if RAISES in hows else NONE
        lookups.append((function, param, at, how))
    return tuple(lookups), closed


def plain_parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The parameters of `function` its body never binds again (`name = name.lower()`)."""
    args = function.args
    names = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    bound = {
        n.id
        for n in ast.walk(function)
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del))
    }
    return names - bound


def _keyed_table(node: ast.AST, table: str) -> tuple[ast.Name, ast.expr, str] | None:
    """`keyed_use` of the table named `table`."""
    found = keyed_use(node)
    return found if found is not None and found[0].id == table else None


def keyed_use(node: ast.AST) -> tuple[ast.Name, ast.expr, str] | None:
    """(the name of the table, the key, how) for `table[key]` read, `table.get(key)` without
    a default, `key in table` or `key not in table`; None for anything else."""
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and isinstance(node.ctx, ast.Load)
    ):
        return node.value, node.slice, RAISES
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and isinstance(node.func.value, ast.Name)
        and len(node.args) == 1
        and not node.keywords
    ):
        return node.func.value, node.args[0], NONE
    if (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], (ast.In, ast.NotIn))
        and isinstance(node.comparators[0], ast.Name)
    ):
        return node.comparators[0], node.left, TESTED
    return None


def refusing_tests(tree: ast.AST) -> set[int]:
    """The ids of the tests `key not in table` of an `if` whose body raises (sweep's `if model
    not in model_to_max_tokens: raise ValueError(...)`): a model the table lacks makes the
    program raise there (`REFUSED`)."""
    return {
        id(node.test)
        for node in ast.walk(tree)
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Compare)
        and len(node.test.ops) == 1
        and isinstance(node.test.ops[0], ast.NotIn)
        and any(isinstance(s, ast.Raise) for s in node.body)
    }


def _top_level(body: Iterable[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements a module runs at its top level: also those in its `if`, `for`,
    `while`, `with` and `try` blocks, not in a function or class."""
    for node in body:
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield from _top_level(block)
        for handler in getattr(node, "handlers", ()):
            yield from _top_level(handler.body)


def _bindings(node: ast.stmt) -> Iterator[tuple[str, ast.expr | None]]:
    """The names a statement binds, each with the value where one name is given it."""
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Name):
                yield target.id, node.value if len(node.targets) == 1 else None
            else:
                yield from ((n, None) for n in _stored(target))
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
        yield node.target.id, node.value if isinstance(node, ast.AnnAssign) else None
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield node.name, None
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            yield (alias.asname or alias.name.split(".")[0]), None
    elif isinstance(node, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
        targets = (
            [node.target]
            if isinstance(node, (ast.For, ast.AsyncFor))
            else [i.optional_vars for i in node.items if i.optional_vars is not None]
        )
        for target in targets:
            yield from ((n, None) for n in _stored(target))


def _stored(target: ast.expr) -> list[str]:
    """The names a target (`a, b`, `x[i]`: none) binds."""
    return [
        n.id for n in ast.walk(target) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    ]


def _added_keys(node: ast.stmt) -> Iterator[tuple[str, str]]:
    """(table, key) for each string key a top-level statement adds to a table by name:
    `T.update({"k": v})`, `T.update(k=v)`, `T["k"] = v`."""
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        call = node.value
        func = call.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "update"
            and isinstance(func.value, ast.Name)
        ):
            name = func.value.id
            for arg in call.args:
                if isinstance(arg, ast.Dict):
                    yield from ((name, k) for k in _string_keys(arg.keys, partial=True) or ())
            yield from ((name, k.arg) for k in call.keywords if k.arg)
    elif isinstance(node, ast.Assign):
        for target in node.targets:
            if (
                isinstance(target, ast.Subscript)
                and isinstance(target.value, ast.Name)
                and isinstance(target.slice, ast.Constant)
                and isinstance(target.slice.value, str)
            ):
                yield target.value.id, target.slice.value


def _string_keys(keys: list[ast.expr | None], partial: bool = False) -> list[str] | None:
    """The keys of a dict display where all are string literals (with `partial`, those that
    are); None where one is not."""
    found = []
    for key in keys:
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            found.append(key.value)
        elif not partial:
            return None
    return found
