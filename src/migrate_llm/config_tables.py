"""The defaults a project's config module holds for the settings its other modules read.

shell_gpt's config module holds a table, `DEFAULT_CONFIG = {"API_BASE_URL":
os.getenv("API_BASE_URL", "default"), ...}`, and `cfg = Config(SHELL_GPT_CONFIG_PATH,
**DEFAULT_CONFIG)`, a dict whose `get(key)` reads the environment variable named `key` first,
then what it holds: a value from the user's file, else the table's. Its handler builds the
client from `cfg.get("API_BASE_URL")`, which the rules of that module cannot follow. So a
module that may hold such an object is marked while it is screened (`holds_table`), read
again once the run knows its project uses an OpenAI client, and what it holds (`defaults_of`)
goes into its project's facts (`RunFacts.config_defaults`).

Only a form whose reads are known counts: a module-level name bound once to a call of a class
of the module given the table as its only `**` argument; the class a plain subclass of `dict`
(no decorator, no other base, no `__getitem__` or `__new__` of its own) whose `__init__` puts
its `**` parameter in itself (`super().__init__(**defaults)`, `self.update(defaults)`, or `for
k, v in defaults.items(): self[k] = v`) and does nothing else with it but read or write an
entry by name; whose `get`, where it has one, returns the entry (`super().get(key)`,
`self[key]`), the environment variable of its name (`os.getenv(key)`) before or after it; and
the table a dict literal bound once. An entry counts when its value is a string (written, or a
constant's) or a read of an environment variable with one as its default (or none), or with
such a read as its default (`os.getenv("API_BASE_URL", os.getenv("ZAI_BASE_URL", URL))`: the
program's own variable first, then the provider's, then its URL). A `get` that raises where
the value is empty (shell_gpt's `if not value: raise UsageError(...)`) never returns None, and
the facts say so (`TableDefault.raises`). An entry
the class, the call or the module writes by name (`defaults["OPENAI_API_KEY"] = key`) does
not count; a write under a computed name, or a call that changes the table or the object
(`update`, `pop`, `clear`) outside the class, counts none. What the class stores under names
it computes (a user's file read line by line) is a run-time value, as an environment
variable's is: where the class also opens a file, the facts say so (`TableDefault.file`).

A config module's settings bound at its level are read the same way (`module_settings`): a
name bound once to a read of an environment variable with a URL as its default
(`os.getenv("LLM_BASE_URL", URL)`), or to `obj.get("key", URL)` (chatgpt-telegram-bot's
`openrouter_api_base = config_yaml.get("openrouter_api_base", "https://openrouter.ai/api/v1")`,
what a file it loads may override), which another module reads as `config.openrouter_api_base`:
an entry with no holder, class or table, whose key is the name.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import NamedTuple

from migrate_llm.rare_bytes import literal_search
from migrate_llm.textio import python_tree

# a class subclassing dict, and a module-level name bound to a call with a `**` argument
# led by its literal (`^` first would have `re` try it at every place of every module)
_DICT_CLASS = re.compile(rb"class[ \t]+\w+[ \t]*\([ \t]*dict[ \t]*\)[ \t]*:")
_SPREAD_CALL = re.compile(rb"^\w+[ \t]*=[ \t]*\w+[ \t]*\([^()]*\*\*\w+[\s,]*\)", re.MULTILINE)
# the calls that change a dict in place under no name the code shows
_MUTATORS = frozenset({"update", "pop", "popitem", "clear", "setdefault", "__setitem__"})
_FILE_READS = frozenset({"open", "read_text", "read_bytes"})
_FILE_WRITES = frozenset({"write_text", "write_bytes"})
# the calls making a path of one string or path (`Path("~/.config")`)
_PATHS = frozenset({"Path", "PurePath", "PosixPath"})
# the longest code shown for the file a class reads
_SHOWN = 40


class TableDefault(NamedTuple):
    """One entry of a project's table of defaults, as an object of its config module reads it.

    `module`: the module's file name as the run found it (as `PythonContext.path` gives it);
    `shown`: as messages show it; `holder`: the module-level name of the object (`cfg`);
    `cls`: its class (`Config`); `table`: the table's name (`DEFAULT_CONFIG`); `key`: the
    entry (`API_BASE_URL`); `variable`: the environment variable its value reads ("" for a
    string); `default`: the string it holds when that is unset (None for a read with no
    default); `env_first`: the class's `get` reads the variable named `key` before the entry;
    `file`: where the class fills itself from a file it opens, the code the call passes first
    (`SHELL_GPT_CONFIG_PATH`, "" where it passes none), else None; `then`: the variable a read
    of `variable` falls back to (`os.getenv("API_BASE_URL", os.getenv("ZAI_BASE_URL", URL))`),
    "" for none; `raises`: the class's `get` raises where the value is empty, so a read through
    it is never None; `home`: where the class also writes that file (`open(path, "w")`,
    `write_text`) and the path resolves, through the module's names, to one under the user's
    home (`os.path.expanduser("~/.config")`, `Path.home()`, joined with `/` or
    `os.path.join`), that path (`~/.config/shell_gpt/.sgptrc`), else "": a file the program
    writes from the table on its first run, outside the project, whose values win over the
    table's afterwards. A setting the module binds at its level (`module_settings`) has "" as
    `holder`, `cls` and `table`, its name as `key`, and no `file`."""

    module: str
    shown: str
    holder: str
    cls: str
    table: str
    key: str
    variable: str
    default: str | None
    env_first: bool
    file: str | None
    then: str = ""
    raises: bool = False
    home: str = ""


_SPREAD, _DICT = literal_search(b"**"), re.compile(rb"dict").search
# a URL's `://`, and what precedes it on a line binding a name at the module's level: the
# name, `=`, a `get(` or `getenv(`, and up to a quote the URL's scheme follows (`base =
# cfg.get("base", "https`)
_SCHEME, _HOLDS_SCHEME = re.compile(rb"://").finditer, literal_search(b"://")
_SETTING_LINE = re.compile(
    rb"\w+[ \t]*(?::[^=\n]*)?=(?!=)[^\n]*get(?:env)?[ \t]*\([^\n]*[\"'][a-zA-Z][\w+.-]*$"
)
# the same call wrapped after its `(` (as apply writes `NAME = os.environ.get(\n    "VAR",
# "https://..."\n)` where one line would be too long), its URL on one of the next lines
_WRAPPED_SETTING = re.compile(
    rb"\w+[ \t]*(?::[^=\n]*)?=(?!=)[^\n]*get(?:env)?[ \t]*\([ \t]*\n(?:[^\n]*\n)*"
    rb"[^\n]*[\"'][a-zA-Z][\w+.-]*$"
)
# the most lines a wrapped call's URL is found below its `NAME = ...get(`
_WRAPPED_LINES = 3
# a read with no default followed by `or` and the URL (`NAME = os.getenv("VAR") or
# "https://..."`, as ML401 writes a read that was followed by `or None`), also wrapped in
# parentheses over three lines
_OR_SETTING = re.compile(
    rb"\w+[ \t]*(?::[^=\n]*)?=(?!=)[ \t]*\(?[ \t]*\n?[^\n]*get(?:env)?[ \t]*\([^\n]*\)"
    rb"[ \t]*\n?[ \t]*or[ \t]+[\"'][a-zA-Z][\w+.-]*$"
)


def holds_table(data: bytes) -> bool:
    """Whether a module's bytes may hold an object of a dict class built from a table
    (`cfg = Config(path, **DEFAULT_CONFIG)` and `class Config(dict):`), or a setting bound at
    its level to a read with a URL as its default (`module_settings`)."""
    return (
        _SPREAD(data) is not None
        and _DICT(data) is not None
        and _dict_class_at_line_start(data)
        and _SPREAD_CALL.search(data) is not None
    ) or _url_setting(data)


def _url_setting(data: bytes) -> bool:
    """Whether a line at the start of the module's text binds a name to a `get` or `getenv`
    call holding a quoted URL (`base = cfg.get("base", "https://...")`): each `://` found, its
    line tried."""
    if _HOLDS_SCHEME(data) is None:  # most modules: no `/` at all
        return False
    for found in _SCHEME(data):
        start = data.rfind(b"\n", 0, found.start()) + 1
        if _SETTING_LINE.match(data, start, found.start()) is not None:
            return True
        for _ in range(_WRAPPED_LINES):
            if start == 0:
                break
            start = data.rfind(b"\n", 0, start - 1) + 1
            if _WRAPPED_SETTING.match(data, start, found.start()) is not None:
                return True
            if _OR_SETTING.match(data, start, found.start()) is not None:
                return True
    return False


def _dict_class_at_line_start(data: bytes) -> bool:
    """Whether a line of `data` starts with a class deriving from dict (`_DICT_CLASS`)."""
    for found in _DICT_CLASS.finditer(data):
        if found.start() == 0 or data[found.start() - 1] == 0x0A:
            return True
    return False


def defaults_of(module: str, shown: str, data: bytes) -> list[TableDefault]:
    """The entries of the tables a module's bytes hold, as objects of the module read them
    (see the module's docstring); none where it cannot be parsed."""
    tree = python_tree(data)
    if tree is None:
        return []
    values, bound = module_values(tree)
    found: list[TableDefault] = []
    for holder, value in values.items():
        if not isinstance(value, ast.Call) or not isinstance(value.func, ast.Name):
            continue
        stars = [k for k in value.keywords if k.arg is None]
        cls = values.get(value.func.id)
        if len(stars) != 1 or not isinstance(stars[0].value, ast.Name):
            continue
        table = stars[0].value.id
        entries = values.get(table)
        if not isinstance(cls, ast.ClassDef) or not isinstance(entries, ast.Dict):
            continue
        shape = _Shape.of(cls, "dict" not in bound)
        written = _written(tree, {table, holder}, cls)
        if shape is None or written is None:
            continue
        skipped = shape.written | written | {k.arg for k in value.keywords if k.arg}
        file, home = None, ""
        if shape.reads_file:
            file = ast.unparse(value.args[0]) if value.args else ""
            file = file if len(file) <= _SHOWN else file[: _SHOWN - 1] + "…"
            if shape.writes_file and value.args:
                home = home_path(value.args[0], values) or ""
        for key_node, item in zip(entries.keys, entries.values, strict=True):
            key = _string(key_node) if key_node is not None else None
            read = _entry(item, values) if key is not None and key not in skipped else None
            if key is None or read is None:
                continue
            variable, default, then = read
            found.append(
                TableDefault(
                    module,
                    shown,
                    holder,
                    cls.name,
                    table,
                    key,
                    variable,
                    default,
                    shape.env_first,
                    file,
                    then,
                    shape.raises,
                    home,
                )
            )
    return found + module_settings(module, shown, values)


def module_settings(module: str, shown: str, values: dict[str, ast.AST]) -> list[TableDefault]:
    """The settings a module binds once at its level (`values`, `module_values`) to a read of
    an environment variable with a URL as its default (or `or` a URL after it: `_or_url`),
    or to `obj.get("key", URL)` (the value is the object's entry where it has one: a run-time
    value, as the variable's is)."""
    found = []
    for name, value in values.items():
        read: tuple[str, str | None, str] | None = _or_url(value, values)
        if read is None and isinstance(value, ast.Call):
            read = _entry(value, values) or _defaulted_get(value, values)
        if read is not None and read[1] is not None and "://" in read[1]:
            variable, default, then = read
            found.append(
                TableDefault(module, shown, "", "", "", name, variable, default, False, None, then)
            )
    return found


def _or_url(item: ast.AST, values: dict[str, ast.AST]) -> tuple[str, str, str] | None:
    """(variable, the URL, "") for a read of a variable with no default followed by `or` and
    a string (`os.getenv("V") or "https://..."`, as ML401 writes `os.getenv(X) or None`): the
    string where the variable is unset or empty; None for anything else."""
    if not (isinstance(item, ast.BoolOp) and isinstance(item.op, ast.Or) and len(item.values) == 2):
        return None
    read, default = _entry(item.values[0], values, False), _constant(item.values[1], values)
    if read is None or not read[0] or read[1] is not None or default is None:
        return None
    return read[0], default, ""


def _defaulted_get(item: ast.expr, values: dict[str, ast.AST]) -> tuple[str, str, str] | None:
    """("", the default, "") for `obj.get("key", default)` whose default is a string (written,
    or a module constant's); None for anything else."""
    if not (
        isinstance(item, ast.Call)
        and isinstance(item.func, ast.Attribute)
        and item.func.attr == "get"
        and len(item.args) == 2
        and not item.keywords
        and _string(item.args[0]) is not None
    ):
        return None
    default = _constant(item.args[1], values)
    return ("", default, "") if default is not None else None


def module_values(tree: ast.Module) -> tuple[dict[str, ast.AST], set[str]]:
    """The module-level names bound once (by one plain assignment, a class or a function),
    each with its value (the class's or function's definition), and all the names the module
    binds at its level (also in its blocks, by an import or a loop, or by a function's
    `global`): a name bound more than once is left out of the first."""
    bound: dict[str, list[ast.AST]] = {}
    for node in _module_level(tree):
        targets: list[tuple[str, ast.AST]] = []
        if isinstance(node, ast.Assign):
            value: ast.AST = node.value if len(node.targets) == 1 else node
            targets += [(n.id, value) for t in node.targets for n in _names(t)]
        elif isinstance(node, ast.AnnAssign):
            targets += [(n.id, node.value or node) for n in _names(node.target)]
        elif isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            targets.append((node.name, node))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            targets += [((a.asname or a.name).split(".")[0], node) for a in node.names]
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.AugAssign)):
            targets += [(n.id, node) for n in _names(node.target)]
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            items = [i.optional_vars for i in node.items if i.optional_vars is not None]
            targets += [(n.id, node) for item in items for n in _names(item)]
        elif isinstance(node, (ast.Global, ast.Delete)):
            names = node.names if isinstance(node, ast.Global) else [n.id for n in _names(node)]
            targets += [(name, node) for name in names]
        elif isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
            targets.append((node.target.id, node))
        for name, value in targets:
            bound.setdefault(name, []).append(value)
    values = {name: found[0] for name, found in bound.items() if len(found) == 1}
    return values, set(bound)


def _module_level(tree: ast.Module) -> Iterator[ast.AST]:
    """The nodes of a module's own scope (its blocks too), with the definitions of its
    functions and classes but not their bodies, and the `global` statements anywhere."""
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            yield from (n for n in ast.walk(node) if isinstance(n, ast.Global))
            continue
        pending.extend(ast.iter_child_nodes(node))


def _names(node: ast.AST) -> Iterator[ast.Name]:
    """The names a node stores (an assignment's target, a loop's or `with`'s variables)."""
    for child in ast.walk(node):
        if isinstance(child, ast.Name) and isinstance(child.ctx, (ast.Store, ast.Del)):
            yield child


def _string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _entry(
    item: ast.expr, values: dict[str, ast.AST], nested: bool = True
) -> tuple[str, str | None, str] | None:
    """(variable, default, then) of an entry's value: ("", the string, "") for a string or a
    module constant bound to one; (variable, its default or None, "") for `os.getenv("V"[,
    d])`, `os.environ.get(...)`, `os.environ["V"]` whose default is such a string; (V, the
    inner read's default, its variable) for one whose default is such a read with a string
    default (`nested`: one level); None for anything else."""
    text = _constant(item, values)
    if text is not None:
        return "", text, ""
    if isinstance(item, ast.Subscript) and _is_environ(item.value):
        variable = _string(item.slice)
        return (variable, None, "") if variable else None
    if not isinstance(item, ast.Call) or not _env_reader(item.func) or item.keywords:
        return None
    if not 1 <= len(item.args) <= 2 or (variable := _string(item.args[0])) is None:
        return None
    if len(item.args) == 1:
        return variable, None, ""
    default = _constant(item.args[1], values)
    if default is not None:
        return variable, default, ""
    inner = _entry(item.args[1], values, False) if nested else None
    if inner is None or not inner[0] or inner[1] is None:
        return None
    return variable, inner[1], inner[0]


def _constant(node: ast.expr, values: dict[str, ast.AST]) -> str | None:
    """A string, or the string a module-level name is bound to once."""
    if isinstance(node, ast.Name):
        bound = values.get(node.id)
        return _string(bound) if bound is not None else None
    return _string(node)


def _is_environ(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _env_reader(func: ast.AST) -> bool:
    """`os.getenv` or `os.environ.get`."""
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr == "getenv":
        return isinstance(func.value, ast.Name) and func.value.id == "os"
    return func.attr == "get" and _is_environ(func.value)


def _written(tree: ast.Module, names: set[str], cls: ast.ClassDef) -> set[str] | None:
    """The entries the module, outside `cls`, writes or deletes by name on `names` (the
    table and the object: `cfg["KEY"] = value`); None where it changes one in another way
    (a computed name, `update(...)`, `clear()`)."""
    inside = {id(node) for node in ast.walk(cls)}
    written: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in inside:
            continue
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)):
            if isinstance(node.value, ast.Name) and node.value.id in names:
                key = _string(node.slice)
                if key is None:
                    return None
                written.add(key)
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in _MUTATORS
            and isinstance(node.value, ast.Name)
            and node.value.id in names
        ):
            return None
    return written


class _Shape(NamedTuple):
    """What a dict class of a config module does with the defaults it is given: `written`,
    the entries it writes itself (by name); `env_first`, its `get` reads the environment
    variable named as the entry first; `reads_file`, it stores entries under names it
    computes and opens a file; `raises`, its `get` raises where the value is empty;
    `writes_file`, it also writes a file (`open(path, "w")`, `write_text`)."""

    written: frozenset[str]
    env_first: bool
    reads_file: bool
    raises: bool
    writes_file: bool = False

    @classmethod
    def of(cls, node: ast.ClassDef, dict_builtin: bool) -> _Shape | None:
        """The shape of the class `node`, where it is a plain dict class whose reads are known
        (see the module's docstring); `dict_builtin`: the module leaves `dict` the builtin."""
        bases = node.bases
        if not dict_builtin or node.decorator_list or node.keywords:
            return None
        if len(bases) != 1 or not isinstance(bases[0], ast.Name) or bases[0].id != "dict":
            return None
        methods = {
            m.name: m for m in node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        init = methods.get("__init__")
        if (
            "__getitem__" in methods
            or "__new__" in methods
            or not isinstance(init, ast.FunctionDef)
        ):
            return None
        spread = init.args.kwarg.arg if init.args.kwarg is not None else None
        written = _defaults_use(init, spread) if spread is not None else None
        if written is None:
            return None
        stores = _self_stores(node, spread or "")
        getter = methods.get("get")
        env_first = raises = False
        if getter is not None:
            reads = _getter_reads(getter)
            if reads is None:
                return None
            env_first, raises = reads, _raises_when_empty(getter)
        if stores is None:
            return None
        named, computed = stores
        opens = any(
            isinstance(c, ast.Call) and _called_name(c.func) in _FILE_READS for c in ast.walk(node)
        )
        writes = any(_writes_file(c) for c in ast.walk(node))
        return cls(frozenset(written | named), env_first, computed and opens, raises, writes)


def _writes_file(node: ast.AST) -> bool:
    """Whether `node` is a call writing a file: `open(path, "w")` (any mode writing or
    appending, also `mode=`), `path.write_text(...)`, `path.write_bytes(...)`."""
    if not isinstance(node, ast.Call):
        return False
    name = _called_name(node.func)
    if name in _FILE_WRITES:
        return isinstance(node.func, ast.Attribute)
    if name != "open":
        return False
    modes = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "mode")]
    return any(
        isinstance(m, ast.Constant) and isinstance(m.value, str) and bool(set(m.value) & set("wax"))
        for m in modes
    )


def home_path(node: ast.AST, values: dict[str, ast.AST], depth: int = 8) -> str | None:
    """The path under the user's home an expression of a module names (`~/.config/app/.rc`),
    followed through the names the module binds once (`values`): `os.path.expanduser("~/x")`,
    `Path("~/x").expanduser()`, `Path.home()`, `Path(p)` of such a path, `p / "name"`,
    `os.path.join(p, "name")`; None for anything else (a path elsewhere, one read at run
    time)."""
    if depth == 0:
        return None
    if isinstance(node, ast.Name):
        bound = values.get(node.id)
        return home_path(bound, values, depth - 1) if isinstance(bound, ast.expr) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        head = home_path(node.left, values, depth - 1)
        tail = _path_text(node.right, values)
        return f"{head}/{tail}" if head is not None and tail else None
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    name = _called_name(node.func)
    if name == "home" and not node.args:
        return "~"
    if name == "expanduser":
        if isinstance(node.func, ast.Attribute) and not node.args:  # `Path("~/x").expanduser()`
            inner = node.func.value
            if isinstance(inner, ast.Call) and _called_name(inner.func) in _PATHS:
                text = _path_text(inner.args[0], values) if len(inner.args) == 1 else None
                return text if text is not None and text.startswith("~") else None
            return None
        text = _path_text(node.args[0], values) if len(node.args) == 1 else None
        return text if text is not None and (text == "~" or text.startswith("~/")) else None
    if name in _PATHS and len(node.args) == 1:
        return home_path(node.args[0], values, depth - 1)
    if name == "join" and node.args:
        head = home_path(node.args[0], values, depth - 1)
        tails = [_path_text(a, values) for a in node.args[1:]]
        if head is None or any(not t for t in tails):
            return None
        return "/".join([head, *(t for t in tails if t)])
    return None


def _path_text(node: ast.AST, values: dict[str, ast.AST]) -> str | None:
    """The string a path's part is written as, or a name bound once to one."""
    if isinstance(node, ast.Name):
        node = values.get(node.id, node)
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _called_name(func: ast.AST) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _is_self(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def _is_super(node: ast.AST) -> bool:
    """`super()`."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "super"
        and not node.args
    )


def _defaults_use(init: ast.FunctionDef, spread: str) -> set[str] | None:
    """The entries `__init__` writes in its `**` parameter `spread` by name; None where it
    does anything with it but read or write an entry by name, put it whole in itself
    (`super().__init__(**spread)`, `self.update(spread)`), or loop over its items putting
    each in itself; None too where it never puts it in itself."""
    parents = {id(c): p for p in ast.walk(init) for c in ast.iter_child_nodes(p)}
    written: set[str] = set()
    stored = False
    for node in ast.walk(init):
        if not (isinstance(node, ast.Name) and node.id == spread):
            continue
        if not isinstance(node.ctx, ast.Load):
            return None
        parent = parents.get(id(node))
        if isinstance(parent, ast.Subscript) and parent.value is node:
            key = _string(parent.slice)
            if key is None:
                return None
            if not isinstance(parent.ctx, ast.Load):
                written.add(key)
            continue
        if isinstance(parent, ast.keyword) and parent.arg is None:
            call = parents.get(id(parent))
            if isinstance(call, ast.Call) and _puts_in_self(call):
                stored = True
                continue
            return None
        if isinstance(parent, ast.Call) and node in parent.args and _puts_in_self(parent):
            stored = True
            continue
        if isinstance(parent, ast.Attribute) and parent.attr == "get":
            call = parents.get(id(parent))
            if isinstance(call, ast.Call) and call.args and _string(call.args[0]) is not None:
                continue
            return None
        if isinstance(parent, ast.Attribute) and parent.attr == "items":
            call = parents.get(id(parent))
            loop = parents.get(id(call))
            if isinstance(loop, ast.For) and loop.iter is call and _stores_items(loop):
                stored = True
                continue
        return None
    return written if stored else None


def _puts_in_self(call: ast.Call) -> bool:
    """`super().__init__(...)`, `self.update(...)` or `super().update(...)`."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr == "__init__":
        return _is_super(func.value)
    return func.attr == "update" and (_is_self(func.value) or _is_super(func.value))


def _stores_items(loop: ast.For) -> bool:
    """Whether `for k, v in d.items():` stores each item in itself (`self[k] = v`), neither
    name bound again in the loop."""
    target = loop.target
    if not (
        isinstance(target, ast.Tuple)
        and len(target.elts) == 2
        and all(isinstance(e, ast.Name) for e in target.elts)
    ):
        return False
    key, value = (e.id for e in target.elts)  # type: ignore[attr-defined]
    stores = False
    for node in (n for statement in loop.body for n in ast.walk(statement)):
        if (
            isinstance(node, ast.Name)
            and node.id in (key, value)
            and not isinstance(node.ctx, ast.Load)
        ):
            return False
        if _item_store(node, key, value):
            stores = True
    return stores


def _item_store(node: ast.AST, key: str, value: str) -> bool:
    """`self[key] = value`."""
    return (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(target := node.targets[0], ast.Subscript)
        and _is_self(target.value)
        and isinstance(target.slice, ast.Name)
        and target.slice.id == key
        and isinstance(node.value, ast.Name)
        and node.value.id == value
    )


def _self_stores(cls: ast.ClassDef, spread: str) -> tuple[set[str], bool] | None:
    """(the entries the class writes or deletes in itself by name, whether it stores any
    under a computed name); the defaults' own stores (`self[k] = v` over `spread.items()`)
    are neither. None where it empties itself or writes an entry in a way not shown."""
    loops = [
        n
        for n in ast.walk(cls)
        if isinstance(n, ast.For)
        and isinstance(n.iter, ast.Call)
        and isinstance(n.iter.func, ast.Attribute)
        and isinstance(n.iter.func.value, ast.Name)
        and n.iter.func.value.id == spread
    ]
    own = {
        id(node)
        for loop in loops
        for node in ast.walk(loop)
        if isinstance(loop.target, ast.Tuple)
        and len(loop.target.elts) == 2
        and _item_store(node, *(getattr(e, "id", "") for e in loop.target.elts))
    }
    named: set[str] = set()
    computed = False
    for node in ast.walk(cls):
        if isinstance(node, (ast.Assign, ast.Delete)) and id(node) not in own:
            for target in node.targets:
                if isinstance(target, ast.Subscript) and _is_self(target.value):
                    key = _string(target.slice)
                    if key is None:
                        computed = True
                    else:
                        named.add(key)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr, holder = node.func.attr, node.func.value
            if not (_is_self(holder) or _is_super(holder)) or attr not in _MUTATORS:
                continue
            if attr in ("clear", "popitem"):
                return None
            if attr == "update":
                given = node.args[0] if node.args else None
                if not (isinstance(given, ast.Name) and given.id == spread):
                    computed = computed or bool(node.args) or bool(node.keywords)
                continue
            key = _string(node.args[0]) if node.args else None
            if key is None:
                computed = True
            else:
                named.add(key)
    return named, computed


def _getter_reads(getter: ast.FunctionDef | ast.AsyncFunctionDef) -> bool | None:
    """Whether a class's own `get(self, key, ...)` reads the environment variable named `key`
    before the entry, where each value it returns is the entry, the variable or an `or` of
    them (directly, or through a local name given only such values), at least one the
    entry's; None for anything else (an async `get`, a nested function, a `yield`)."""
    args = getter.args.args
    if isinstance(getter, ast.AsyncFunctionDef) or len(args) < 2 or args[0].arg != "self":
        return None
    key = args[1].arg
    locals_: dict[str, list[ast.AST]] = {}
    returns: list[ast.expr] = []
    for node in ast.walk(getter):
        if node is not getter and isinstance(
            node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Yield, ast.YieldFrom)
        ):
            return None
        if isinstance(node, ast.Return):
            if node.value is None:
                return None
            returns.append(node.value)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    locals_.setdefault(target.id, []).append(node.value)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr, ast.For, ast.With)):
            for name in _names(node):
                locals_.setdefault(name.id, []).append(node)
        elif isinstance(node, ast.Name) and node.id == key and not isinstance(node.ctx, ast.Load):
            return None
    if not returns:
        return None
    found: set[bool] = set()
    for value in returns:
        if isinstance(value, ast.Name) and value.id in locals_:
            chains = [_lookup(v, key) for v in locals_[value.id]]
        else:
            chains = [_lookup(value, key)]
        if any(c is None for c in chains):
            return None
        found |= {c for c in chains if c is not None}
    return True in found


def _raises_when_empty(getter: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a `get` whose reads are known (`_getter_reads`) returns only a local name that
    a statement of its body before the return tests, raising where it is empty (shell_gpt's
    `if not value: raise UsageError(...)`, or `if value is None: raise ...`)."""
    body = getter.body
    last = body[-1] if body else None
    if not isinstance(last, ast.Return) or not isinstance(last.value, ast.Name):
        return False
    name = last.value.id
    if any(isinstance(n, ast.Return) and n is not last for n in ast.walk(getter)):
        return False
    for statement in body[:-1]:
        if (
            isinstance(statement, ast.If)
            and not statement.orelse
            and len(statement.body) == 1
            and isinstance(statement.body[0], ast.Raise)
            and _empty_test(statement.test, name)
        ):
            return True
    return False


def _empty_test(test: ast.expr, name: str) -> bool:
    """`not name` or `name is None`."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return isinstance(test.operand, ast.Name) and test.operand.id == name
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == name
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Is)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    )


def _lookup(value: ast.AST, key: str) -> bool | None:
    """For `super().get(key)`, `self[key]`, `os.getenv(key) or super().get(key)` (an `or` of
    the entry's reads and the variable's, at least one the entry's): whether the variable
    comes first; None for anything else."""
    operands = (
        value.values if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or) else [value]
    )
    kinds = [_read_kind(o, key) for o in operands]
    if None in kinds or "entry" not in kinds:
        return None
    return kinds[0] == "env"


def _read_kind(node: ast.AST, key: str) -> str | None:
    """ "entry" for `super().get(key[, d])`, `super().__getitem__(key)`, `self[key]`; "env" for
    `os.getenv(key[, d])`, `os.environ.get(key[, d])`, `os.environ[key]`; None otherwise."""
    if isinstance(node, ast.Subscript):
        if not (isinstance(node.slice, ast.Name) and node.slice.id == key):
            return None
        if _is_self(node.value):
            return "entry"
        return "env" if _is_environ(node.value) else None
    if not isinstance(node, ast.Call) or not node.args or node.keywords:
        return None
    first = node.args[0]
    if not (isinstance(first, ast.Name) and first.id == key) or len(node.args) > 2:
        return None
    func = node.func
    if _env_reader(func):
        return "env"
    if (
        isinstance(func, ast.Attribute)
        and func.attr in ("get", "__getitem__")
        and _is_super(func.value)
    ):
        return "entry"
    return None
