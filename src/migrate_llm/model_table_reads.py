"""The settings of one module that another looks up in a table keyed by OpenAI model (ML204).

gpt_academic's config.py binds `LLM_MODEL = "gpt-3.5-turbo"`; another module reads it (`from
config import LLM_MODEL`, or by its name through a getter, `LLM_MODEL = get_conf("LLM_MODEL")`)
and looks it up in `model_info`, a table of a third module keyed by OpenAI model. ML204 in
config.py saw no lookup, mapped the setting to a model `model_info` lacks, and the program
raised KeyError (t51i N1). So the modules of a project holding such a table (`model_tables`)
that name one, or a function looking its parameter up in one (`ModelTable.lookups`), are read
again, and each lookup of a setting read so is kept (`TableRead`): directly (`model_info[
LLM_MODEL]`, `.get()`, `LLM_MODEL in model_info`), as the default of a parameter looked up in
the function (`def chat(msg, model=LLM_MODEL): model_info[model]`), or passed to such a
function (`dynamic_import(LLM_MODEL)`); so is one the module stores under a key of a dict
display (`{"llm_model": LLM_MODEL}`), for its lookups keyed by a mapping's entry of that key
(`model_info[llm_kwargs["llm_model"]]`, gpt_academic's toolbox.py: t51b). A module
importing a table by name makes it open (`ModelTable.open`): its lookups there may take any
model; unless none of its reads of the table can raise KeyError (`table_guards`: a re-export,
`.get(model, default)`, a lookup after `model in TABLE`). One importing a table's name from
another module of the project (a package re-exporting it) counts as importing the table.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from migrate_llm.model_key_sources import Function, KeySources, call_argument
from migrate_llm.model_tables import (
    MAX_BYTES,
    NONE,
    RAISES,
    REFUSED,
    TESTED,
    ModelTable,
    TableRead,
    keyed_use,
    plain_parameters,
    refusing_tests,
)
from migrate_llm.table_guards import none_lookup, unsafe_reads
from migrate_llm.textio import python_tree

# readers of the environment (`os.getenv`, `os.environ.get`): a variable of that name is not
# the module's setting
_ENV_READERS = frozenset({"getenv", "environ.get"})


def mentioned(data: bytes, tables: Sequence[ModelTable]) -> bool:
    """Whether a module's bytes name one of `tables` or a function looking into one."""
    return any(
        name.encode() in data for t in tables for name in (t.name, *(f[0] for f in t.lookups))
    )


def table_reads(
    module: str, shown: str, data: bytes, tables: Sequence[ModelTable]
) -> list[TableRead]:
    """The lookups of other modules' settings in `tables` that the module `module` (as
    `PythonContext.path` names it; `shown` as messages do) shows, and its imports of one of
    them by name (a `TableRead` with no `name`)."""
    if len(data) > MAX_BYTES:
        return []
    tree = python_tree(data)
    if tree is None:
        return []
    reader = _Reader(module, shown, tables)
    reader.bind(tree)
    return reader.found


# (table, line, lookup as written, how, through a function)
_Lookup = tuple[ModelTable, int, str, str, bool]


class _Reader:
    """What one module binds of `tables` (by the local name), the functions looking into them
    and the settings it reads, and the lookups of those settings (`found`)."""

    def __init__(self, module: str, shown: str, tables: Sequence[ModelTable]) -> None:
        self.module, self.shown, self.tables = module, shown, tables
        self.table_of: dict[str, ModelTable] = {
            t.name: t for t in tables if t.module == module
        }  # the module's own
        self.function_of: dict[str, tuple[ModelTable, tuple[str, str, int, str]]] = {}
        self.found: list[TableRead] = []
        self.tree = ast.Module(body=[], type_ignores=[])
        self.refusing: set[int] = set()

    def bind(self, tree: ast.Module) -> None:
        self.tree = tree
        self.refusing = refusing_tests(tree)
        settings: list[tuple[ast.AST, str, str, str]] = []  # (scope, local, name, source)
        for scope, node in _statements(tree):
            if isinstance(node, ast.ImportFrom):
                settings += [(scope, *s) for s in self._imported(node)]
            elif isinstance(node, ast.Assign):
                settings += [(scope, local, local, "") for local in _got_by_name(node)]
        self._attributes()
        if not settings or not (self.table_of or self.function_of):
            return
        lookups = self._keyed(tree)
        settings += _stored(tree, settings)
        for scope, local, name, source in settings:
            for found, functions in lookups.get(local, ()):
                if scope is tree or id(scope) in functions:
                    self._add(found[0], name, source, *found[1:])

    def _keyed(self, tree: ast.Module) -> dict[str, list[tuple[_Lookup, set[int]]]]:
        """The module's lookups in a table it binds, by the name of their key, each with the
        functions holding it (by id); a lookup keyed by a parameter whose default is a name
        (`def chat(msg, model=LLM_MODEL)`) under that name too, for the function's body."""
        found: dict[str, list[tuple[_Lookup, set[int]]]] = {}
        # (node, the functions holding it, its parameters defaulting to a name): a stack, as
        # a long chain of `+` nests deeper than Python's recursion allows
        stack: list[tuple[ast.AST, frozenset[int], dict[str, str], Function | None]] = [
            (tree, frozenset(), {}, None)
        ]
        sources = KeySources(tree)
        while stack:
            node, functions, params, inner = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inner = node
                functions = functions | {id(node)}
                params = {p: d for p, d in params.items() if p not in _parameters(node)}
                if defaults := _defaults(node):
                    plain = plain_parameters(node)
                    params |= {p: d for p, d in defaults.items() if p in plain}
            lookup = self._lookup(node)
            if lookup is not None:
                key, made = lookup
                found.setdefault(key, []).append((made, set(functions)))
                if key in params:
                    found.setdefault(params[key], []).append((made, set(functions)))
                if inner is not None and key.isidentifier():
                    # the settings the key holds through assignments and helpers (sweep's
                    # `model = pick(model or self.model)`: `model_key_sources`)
                    for name in sorted(sources.of(inner, key)):
                        found.setdefault(name, []).append((made, set(functions)))
            stack.extend((child, functions, params, inner) for child in ast.iter_child_nodes(node))
        for lookups in found.values():
            lookups.sort(key=lambda item: item[0][1])  # by line
        return found

    def _imported(self, node: ast.ImportFrom) -> Iterator[tuple[str, str, str]]:
        """(local, name, source) for each setting `node` imports; the tables and functions it
        imports are bound (and an import of a table kept)."""
        from migrate_llm.rules.project_calls import imported_file

        dots = "." * node.level
        module = node.module or ""
        for alias in node.names:
            name, local = alias.name, alias.asname or alias.name
            if name == "*":
                self._star(dots, module, node.lineno)
                continue
            named = [t for t in self.tables if t.name == name]
            files = imported_file(self.module, dots, module, {t.module for t in named})
            table = next((t for t in named if t.module in files), None)
            if table is None and named and unsafe_reads(self.tree, local):
                # perhaps the table re-exported (`from pkg.utils import TOKEN_COSTS`)
                table = min(named)
            if table is not None:
                self.table_of[local] = table
                none = none_lookup(self.tree, local)
                if none is not None:  # only `.get(model)`: None for a model it lacks
                    self._add(table, "", dots + module, none.lineno, ast.unparse(none), NONE, False)
                elif unsafe_reads(self.tree, local):  # else no lookup here raises KeyError
                    self._add(table, "", dots + module, node.lineno, "", RAISES, False)
                continue
            called = [(t, f) for t in self.tables for f in t.lookups if f[0] == name]
            files = imported_file(self.module, dots, module, {t.module for t, _ in called})
            function = next(((t, f) for t, f in called if t.module in files), None)
            if function is not None:
                self.function_of[local] = function
                continue
            yield local, name, dots + module

    def _star(self, dots: str, module: str, line: int) -> None:
        """`from module import *`: a table of that module the names of this one may read,
        kept as an import where one of those reads may raise KeyError."""
        from migrate_llm.rules.project_calls import imported_file

        files = imported_file(self.module, dots, module, {t.module for t in self.tables})
        for table in self.tables:
            if table.module in files and unsafe_reads(self.tree, table.name):
                self._add(table, "", dots + module, line, "", RAISES, False)

    def _attributes(self) -> None:
        """A table read as an attribute of its module imported whole (`import
        pkg.token_counter as tc`, then `tc.TOKEN_COSTS`), whose lookups are not followed:
        kept as an import of the table."""
        from migrate_llm.import_reach import module_parts

        modules = _whole_imports(self.tree)
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Attribute) or not isinstance(node.ctx, ast.Load):
                continue
            held = modules.get(ast.unparse(node.value))
            for table in self.tables:
                if held and table.name == node.attr and module_parts(table.module)[-1] == held:
                    self._add(table, "", "", node.lineno, "", RAISES, False)

    def _lookup(self, node: ast.AST) -> tuple[str, _Lookup] | None:
        """(the name of its key, the lookup) where `node` looks a name up in a table this
        module binds, or passes it to a function looking into one; None otherwise."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            function = self.function_of.get(node.func.id)
            if function is not None:
                table, (_, param, at, how) = function
                given = call_argument(node, param, at)
                if isinstance(given, ast.Name):
                    return given.id, (table, node.lineno, f"{node.func.id}()", how, True)
        keyed = keyed_use(node)
        if keyed is None:
            return None
        held, key, how = keyed
        looked = self.table_of.get(held.id)
        named = key.id if isinstance(key, ast.Name) else _field(key)
        if looked is None or named is None:
            return None
        line = getattr(node, "lineno", 0)
        if how == TESTED and id(node) in self.refusing:
            how = REFUSED
        return named, (looked, line, ast.unparse(node), how, False)

    def _add(
        self,
        table: ModelTable,
        name: str,
        source: str,
        line: int,
        lookup: str,
        how: str,
        through: bool,
    ) -> None:
        read = TableRead(
            self.module,
            self.shown,
            table.module,
            table.name,
            name,
            source,
            line,
            lookup,
            how,
            through,
        )
        if read not in self.found:
            self.found.append(read)


def _whole_imports(tree: ast.Module) -> dict[str, str]:
    """The names a module binds to modules it imports whole, each with the last part of that
    module's name: `import a.b as t` (t: b), `import a.b` (a.b: b), `from a import b` (b: b,
    which may be a module)."""
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found[alias.asname or alias.name] = alias.name.rpartition(".")[2]
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                found[alias.asname or alias.name] = alias.name
    return found


def _statements(tree: ast.Module) -> Iterator[tuple[ast.AST, ast.stmt]]:
    """(the scope it binds in, the statement) for each statement of the module: its top
    level, or the function whose body holds it."""

    def walk(scope: ast.AST, body: list[ast.stmt]) -> Iterator[tuple[ast.AST, ast.stmt]]:
        for node in body:
            yield scope, node
            inner = node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else scope
            for field in ("body", "orelse", "finalbody"):
                block = getattr(node, field, None)
                if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                    yield from walk(inner, block)
            for handler in getattr(node, "handlers", ()):
                yield from walk(inner, handler.body)

    return walk(tree, tree.body)


def _field(key: ast.expr) -> str | None:
    """The key of a lookup keyed by a mapping's entry (`model_info[llm_kwargs["llm_model"]]`)
    as `_stored` names it (`["llm_model"]`); None for any other key."""
    if (
        isinstance(key, ast.Subscript)
        and isinstance(key.value, ast.Name)
        and isinstance(key.slice, ast.Constant)
        and isinstance(key.slice.value, str)
    ):
        return f"[{key.slice.value!r}]"
    return None


def _stored(
    tree: ast.Module, settings: Sequence[tuple[ast.AST, str, str, str]]
) -> list[tuple[ast.AST, str, str, str]]:
    """The settings (`(scope, local, name, source)`) that a dict display in their scope stores
    under a string key (gpt_academic's toolbox.py gets `LLM_MODEL` by its name in
    `load_chat_cookies()` and returns `{"llm_model": LLM_MODEL, ...}`), each under that key as
    `_field` names it (`["llm_model"]`), for the whole module: the mapping leaves the function,
    and a lookup keyed by a mapping's entry of that name (`model_info[llm_kwargs["llm_model"]]`
    in the module's `get_max_token()`) may take the setting."""
    found: list[tuple[ast.AST, str, str, str]] = []
    for scope, local, name, source in settings:
        for node in ast.walk(scope):
            if not isinstance(node, ast.Dict):
                continue
            for key, value in zip(node.keys, node.values, strict=True):
                if (
                    isinstance(value, ast.Name)
                    and value.id == local
                    and isinstance(key, ast.Constant)
                    and isinstance(key.value, str)
                ):
                    found.append((tree, f"[{key.value!r}]", name, source))
    return found


def _got_by_name(node: ast.Assign) -> list[str]:
    """The names an assignment binds to what a getter returns for those very names:
    `LLM_MODEL = get_conf("LLM_MODEL")`, `A, B = get_conf("A", "B")`; not an environment
    read (`os.getenv("LLM_MODEL")`: a variable, not the module's setting)."""
    if len(node.targets) != 1 or not isinstance(node.value, ast.Call):
        return []
    call, target = node.value, node.targets[0]
    called = ast.unparse(call.func)
    if called.rpartition("os.")[2] in _ENV_READERS or call.keywords or not call.args:
        return []
    names = [a.value for a in call.args if isinstance(a, ast.Constant)]
    elements = target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]
    bound = [e.id for e in elements if isinstance(e, ast.Name)]
    return bound if bound == names and len(names) == len(call.args) else []


def _defaults(function: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, str]:
    """The parameters of `function` whose default is a name, with that name."""
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    given = positional[len(positional) - len(args.defaults) :]
    pairs = list(zip(given, args.defaults, strict=True))
    pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d]
    return {a.arg: d.id for a, d in pairs if isinstance(d, ast.Name)}


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    args = function.args
    named = (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg)
    return {a.arg for a in named if a is not None}
