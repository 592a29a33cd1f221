"""Module-level imports the migration adds, and the ones it leaves unused.

Added imports land where isort (and ruff's `I` rules, with their defaults) would put them:
`import os` in the standard-library group, created before the first group of other imports
when the module has none; `from M import N` merged into the module's own `from M import ...`
statement, in its layout. The user's imports are never reordered. An import the original
code used and the migrated code no longer uses is removed; imports that were unused before
are left alone.
"""

from __future__ import annotations

import ast
import collections
import itertools
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

from migrate_llm.edits import apply_edits
from migrate_llm.layout import DEFAULT_LINE_LENGTH, Trees, newline_of, width
from migrate_llm.model import Edit, LineIndex, Span
from migrate_llm.statements import import_statements, statement_lists

STDLIB = frozenset(sys.stdlib_module_names)
_NATURAL = re.compile(r"(\d+)")

AnyImport = ast.Import | ast.ImportFrom


# -- positions ---------------------------------------------------------------------------------


class _Source:
    """`ast` positions (1-based lines, UTF-8 byte columns) as offsets into the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = LineIndex(text)

    def offset(self, line: int, byte_col: int) -> int:
        start = self.lines.starts[line - 1]
        end = self.text.find("\n", start)
        row = self.text[start : end if end >= 0 else len(self.text)]
        if row.isascii():
            return start + byte_col
        return start + len(row.encode("utf-8")[:byte_col].decode("utf-8", errors="replace"))

    def start(self, node: ast.AST) -> int:
        return self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end(self, node: ast.AST) -> int:
        return self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    def line_start(self, line: int) -> int:
        return self.lines.starts[line - 1]

    def line_end(self, line: int) -> int:
        """The offset just past the newline of 1-based `line` (the text's end for the last)."""
        return self.lines.starts[line] if line < len(self.lines.starts) else len(self.text)

    def row(self, line: int) -> str:
        """Line `line` without its newline."""
        return self.text[self.line_start(line) : self.line_end(line)].rstrip("\r\n")


def _insert_at_line(text: str, lines: LineIndex, line: int, block: str, newline: str) -> str:
    """Insert `block` at the start of 1-based `line` (at the end when past the last line)."""
    if line - 1 < len(lines.starts):
        offset = lines.starts[line - 1]
        return text[:offset] + block + text[offset:]
    return text + ("" if text.endswith(("\n", "\r")) or not text else newline) + block


# -- how isort sorts ---------------------------------------------------------------------------


def _natural(name: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in _NATURAL.split(name))


def module_key(name: str) -> tuple[object, ...]:
    """The order of module names within a section (case-insensitive, numbers by value)."""
    return (_natural(name.lower()), _natural(name))


def member_key(name: str) -> tuple[object, ...]:
    """The order of names in `from M import ...`: CONSTANTS, then Classes, then others."""
    if len(name) > 1 and name.isupper():
        kind = 0
    elif name[:1].isupper():
        kind = 1
    else:
        kind = 2
    return (kind, _natural(name.lower()), _natural(name))


def is_stdlib(node: AnyImport) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level == 0 and (node.module or "").split(".")[0] in STDLIB
    return node.names[0].name.split(".")[0] in STDLIB


def _module(node: AnyImport) -> str:
    if isinstance(node, ast.ImportFrom):
        return "." * node.level + (node.module or "")
    return node.names[0].name


# -- the import block --------------------------------------------------------------------------


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _is_future(node: ast.stmt) -> bool:
    return isinstance(node, ast.ImportFrom) and node.module == "__future__"


def header_end(body: list[ast.stmt]) -> int:
    """The last line of the docstring and `__future__` imports (0 when there are none)."""
    end = 0
    for index, node in enumerate(body):
        if _is_future(node) or (index == 0 and _is_docstring(node)):
            end = node.end_lineno or node.lineno
        else:
            break
    return end


def _first_run(body: list[ast.stmt]) -> list[AnyImport]:
    """The first run of consecutive top-level imports, `__future__` ones excluded."""
    run: list[AnyImport] = []
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not _is_future(node):
            run.append(node)
        elif run:
            break
    return run


def _groups(source: _Source, run: list[AnyImport]) -> list[list[AnyImport]]:
    """`run` split where a blank line separates two imports."""
    groups: list[list[AnyImport]] = []
    previous: AnyImport | None = None
    for node in run:
        between = range(_end_line(previous) + 1, node.lineno) if previous else range(0)
        if previous is None or any(not source.row(n).strip() for n in between):
            groups.append([])
        groups[-1].append(node)
        previous = node
    return groups


def _group_start(source: _Source, group: list[AnyImport], floor: int) -> int:
    """The first line of `group`, with the comment lines right above it (a section heading),
    unless they begin the file or follow the header ending at line `floor`."""
    line = group[0].lineno
    top = line
    while top - 1 > floor and source.row(top - 1).lstrip().startswith("#"):
        top -= 1
    if top < line and top > 1 and not source.row(top - 1).strip():
        return top
    return line


def _end_line(node: ast.stmt) -> int:
    return node.end_lineno or node.lineno


def _sorted_position(
    group: list[AnyImport], node_kind: type, key: tuple[object, ...], std: bool
) -> tuple[AnyImport, bool]:
    """Where a new statement of `node_kind` for a module sorting at `key` goes in `group`:
    (a statement of the group, whether to insert before it rather than after)."""
    same = [n for n in group if is_stdlib(n) == std]
    mixed_style = any(
        isinstance(a, ast.ImportFrom) and isinstance(b, ast.Import)
        for a, b in itertools.pairwise(group)
    )
    if mixed_style:  # force-sort-within-sections: one order for both kinds
        peers: list[AnyImport] = same
    else:
        peers = [n for n in same if isinstance(n, node_kind)]
    later = [n for n in peers if module_key(_module(n)) > key]
    if later:
        return later[0], True
    if peers:
        return peers[-1], False
    if node_kind is ast.Import:  # plain imports come before the from-imports
        return (same or group)[0], True
    return (same or group)[-1], False


def add_imports(
    text: str,
    statements: Iterable[str],
    line_length: int = DEFAULT_LINE_LENGTH,
    trees: Trees | None = None,
) -> str:
    """`text` with each missing module-level import statement added once, isort-clean."""
    trees = Trees() if trees is None else trees
    for statement in dict.fromkeys(statements):
        text = add_import(text, statement, line_length, trees)
    return text


def _parts(statement: str) -> tuple[bool, str, str, str | None]:
    """`import M [as N]` or `from M import N`: whether plain, M, N (`from`), the `as` name."""
    words = statement.split()
    plain = words[0] == "import"
    name = words[3] if not plain else ""
    asname = words[3] if plain and len(words) == 4 else None
    return plain, words[1], name, asname


def _present(body: Sequence[ast.stmt], statement: str) -> bool:
    """Whether a statement of `body` itself is the import `statement`."""
    plain, module, name, asname = _parts(statement)
    for node in body:
        if plain and isinstance(node, ast.Import):
            if any(a.name == module and a.asname == asname for a in node.names):
                return True
        elif (
            not plain
            and isinstance(node, ast.ImportFrom)
            and (node.level, node.module) == (0, module)
            and any(a.name == name and a.asname is None for a in node.names)
        ):
            return True
    return False


def add_import(
    text: str,
    statement: str,
    line_length: int = DEFAULT_LINE_LENGTH,
    trees: Trees | None = None,
) -> str:
    """`text` with `statement` (`import M` or `from M import N`) added unless present."""
    tree = ast.parse(text) if trees is None else trees.parse(text)
    # an import below the first module-level code reading the name comes too late for it
    # (a notebook whose `import os` is in a later cell than the code apply wrote)
    ahead = tree.body[: _first_read(tree.body, _binds(statement))]
    # the imports of a guarded `try:` (`except ImportError: raise ImportError("pip install
    # ...")`) count, and take a name of their module, after the module's own
    guarded = [n for t in ahead if _is_guarded_imports(t) for n in t.body]
    joined = _joined(text, [*ahead, *guarded], statement, line_length)
    if joined is not None:
        return joined
    newline = newline_of(text)
    source = _Source(text)
    run = _first_run(ahead)
    header = header_end(tree.body)
    line = statement + newline
    if not run:
        if header == 0:  # after a shebang, coding cookie or licence comment at the top
            while header < len(source.lines.starts) and source.row(header + 1).startswith("#"):
                header += 1
        after = _insert_at_line(text, source.lines, header + 1, line, newline)
        rows = source.lines.starts
        blank = 0
        while header + 1 + blank <= len(rows) and not source.row(header + 1 + blank).strip():
            blank += 1
        if header + 1 + blank > len(rows):
            return after
        # isort leaves a blank line between the imports and the code that follows, two before
        # a function or class (pycodestyle's E302)
        code = source.row(header + 1 + blank)
        wanted = 2 if code.startswith(("def ", "async def ", "class ", "@")) else 1
        if blank < wanted:
            gap = newline * (wanted - blank)
            after = _insert_at_line(after, LineIndex(after), header + 2, gap, newline)
        return after
    return _into_run(source, run, header, statement, line, newline)


def _first_read(body: list[ast.stmt], name: str) -> int:
    """The index of the first statement of `body` whose code, run when the module runs (not
    the body of a function it defines), reads `name`; len(body) when none does."""
    for index, node in enumerate(body):
        stack: list[ast.AST] = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef)):
                stack += current.decorator_list
                stack += [*current.args.defaults, *(d for d in current.args.kw_defaults if d)]
                continue
            if isinstance(current, ast.Lambda):
                stack += [*current.args.defaults, *(d for d in current.args.kw_defaults if d)]
                continue
            if (
                isinstance(current, ast.Name)
                and current.id == name
                and isinstance(current.ctx, ast.Load)
            ):
                return index
            stack += ast.iter_child_nodes(current)
    return len(body)


def _joined(text: str, body: Sequence[ast.stmt], statement: str, line_length: int) -> str | None:
    """`text` when `body` has `statement` already, or with its name merged into a `from`
    import of `body` for the same module; None when it needs a line of its own."""
    if _present(body, statement):
        return text
    plain, module, name, _ = _parts(statement)
    if plain:
        return None
    return _merge_from(_Source(text), body, module, name, line_length, newline_of(text))


def _into_run(
    source: _Source, run: list[AnyImport], header: int, statement: str, line: str, newline: str
) -> str:
    """The text of `source` with `line` (the import `statement`, indented as `run` is) where
    isort puts it in the import block `run`, which follows line `header`."""
    text = source.text
    plain, module, _, _ = _parts(statement)
    std = module.split(".")[0] in STDLIB
    groups = _groups(source, run)
    with_std = [g for g in groups if any(is_stdlib(n) for n in g)]
    without_std = [g for g in groups if not all(is_stdlib(n) for n in g)]
    if std:
        target = with_std[0] if with_std else None
        if target is None:  # a new standard-library group before all the others
            at = _group_start(source, groups[0], header)
            return _insert_at_line(text, source.lines, at, line + newline, newline)
    else:
        top = module.split(".")[0]
        own = [g for g in without_std if any(_module(n).split(".")[0] == top for n in g)]
        target = own[0] if own else without_std[0] if without_std else None
        if target is None:  # a new group after the last one
            end = _end_line(run[-1])
            return _insert_at_line(text, source.lines, end + 1, newline + line, newline)
    kind = ast.Import if plain else ast.ImportFrom
    anchor, before = _sorted_position(target, kind, module_key(module), std)
    at = anchor.lineno if before else _end_line(anchor) + 1
    return _insert_at_line(text, source.lines, at, line, newline)


# -- imports inside a function -----------------------------------------------------------------

Function = ast.FunctionDef | ast.AsyncFunctionDef


def _guarded_imports(function: Function) -> ast.Try | None:
    """The first `try:` of `function`'s own statements that holds imports only and catches
    ImportError (an optional package: `except ImportError: raise ImportError("pip install
    ...")`), if any."""
    return next((node for node in function.body if _is_guarded_imports(node)), None)


def _is_guarded_imports(node: ast.stmt) -> TypeGuard[ast.Try]:
    """Whether `node` is a `try:` that holds imports only and catches ImportError."""
    return (
        isinstance(node, ast.Try)
        and all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in node.body)
        and not any(_is_future(n) for n in node.body)
        and any(_catches_import_error(h.type) for h in node.handlers)
    )


IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def _catches_import_error(caught: ast.expr | None) -> bool:
    if caught is None:
        return True
    if isinstance(caught, ast.Tuple):
        return any(_catches_import_error(e) for e in caught.elts)
    return isinstance(caught, ast.Name) and caught.id in IMPORT_ERRORS


def _tops(node: ast.stmt) -> set[str]:
    """The top-level packages an import statement imports from (none for a relative one)."""
    if isinstance(node, ast.ImportFrom):
        return {(node.module or "").split(".")[0]} if node.level == 0 else set()
    assert isinstance(node, ast.Import)
    return {alias.name.split(".")[0] for alias in node.names}


def _leading_imports(function: Function) -> list[AnyImport]:
    """The imports `function`'s body begins with (after its docstring)."""
    body = function.body[1:] if _is_docstring(function.body[0]) else function.body
    run: list[AnyImport] = []
    for node in body:
        if not isinstance(node, (ast.Import, ast.ImportFrom)) or _is_future(node):
            break
        run.append(node)
    return run


# the statements whose blocks a module's imports may sit in (`try*` from Python 3.11)
_BLOCKS = tuple(getattr(ast, name) for name in ("If", "Try", "TryStar") if hasattr(ast, name))


def _module_names(body: list[ast.stmt]) -> set[str]:
    """The names the module's own imports bind (in its body, and in the `if` and `try`
    blocks there)."""
    names: set[str] = set()
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(_bound(a) for a in node.names)
        elif isinstance(node, ast.If) and _type_checking(node.test):
            continue  # imported for the type checker, not when the code runs
        elif isinstance(node, _BLOCKS):
            blocks = [node.body, node.orelse]
            if not isinstance(node, ast.If):
                blocks += [node.finalbody, *(h.body for h in node.handlers)]
            for block in blocks:
                names |= _module_names(block)
    return names


def _type_checking(test: ast.expr) -> bool:
    """Whether an `if` tests `TYPE_CHECKING` (`typing.TYPE_CHECKING`)."""
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", None)
    return name == "TYPE_CHECKING"


def _binds(statement: str) -> str:
    plain, module, name, asname = _parts(statement)
    return (asname or module.split(".")[0]) if plain else name


def _statement_start(node: ast.stmt) -> int:
    """The first line of a statement, its decorators included."""
    decorators = getattr(node, "decorator_list", ())
    return min([node.lineno, *(d.lineno for d in decorators)])


def _imports_itself(function: Function, source: _Source) -> bool:
    """Whether `function` imports what it uses in its own body (imports among its
    statements, the first of which begins a line of its own: not `def f(): ...`)."""
    body = (
        function.body[1:]
        if _is_docstring(function.body[0]) and function.body[1:]
        else function.body
    )
    first = body[0]
    if source.row(first.lineno)[: first.col_offset].strip():
        return False  # `def f(): x`: the body shares the line of the def
    return any(isinstance(n, (ast.Import, ast.ImportFrom)) and not _is_future(n) for n in body)


def add_function_imports(
    text: str,
    wanted: Sequence[tuple[int | None, str]],
    line_length: int = DEFAULT_LINE_LENGTH,
    trees: Trees | None = None,
) -> tuple[str, list[str]]:
    """`text` with the imports that code at an offset of `wanted` needs (None: at module
    level) put in the function holding it, beside the imports its body begins with (first in
    it when its imports come later), when it imports in its own body and the module's imports
    do not bind the name: code that imports
    inside its functions keeps an optional package out of the module's import, and a
    function stored and run alone (babyagi's functionz) has what it uses. The statements
    left for the module's imports come second, in their order."""
    module_level = [s for at, s in wanted if at is None]
    local = [(at, s) for at, s in wanted if at is not None]
    if not local:
        return text, module_level
    text, local = _into_holders(text, local, line_length, trees)
    tree = ast.parse(text) if trees is None else trees.parse(text)
    source = _Source(text)
    bound = _module_names(tree.body)
    # a function's own scope: its body, not its decorators, defaults or annotations
    functions = [
        n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    itself = {(n.lineno, n.col_offset) for n in functions if _imports_itself(n, source)}
    # functions whose source a framework stores and runs alone: what they use is imported in them
    stored = _stored_functions(tree, functions)
    # the packages each function imports in a `try:` guarded against ImportError
    # (and where that `try:` ends: one after the code that needs the name is no place for it,
    # which would then find the name unbound)
    guarded = {
        (n.lineno, n.col_offset): ({t for i in found.body for t in _tops(i)}, source.end(found))
        for n in functions
        if (found := _guarded_imports(n)) is not None
    }
    holding = itself | guarded.keys() | stored
    scopes = sorted(
        (source.start(n.body[0]), source.end(n), (n.lineno, n.col_offset))
        for n in functions
        if (n.lineno, n.col_offset) in holding
    )
    placed: list[tuple[tuple[int, int], str, bool, bool]] = []
    for at, statement in local:
        top = _parts(statement)[1].split(".")[0]
        holders = []
        for start, end, key in scopes:
            tops, guard_end = guarded.get(key, (set(), at))
            guard = top in tops and guard_end <= at
            if start <= at < end and (key in itself or key in stored or guard):
                holders.append((key, guard))
        alone = any(key in stored for key, _ in holders)  # run without the module's imports
        if not holders or (_binds(statement) in bound and not alone):
            module_level.append(statement)
        else:  # the innermost: scopes are sorted by start, and nest
            key, guard = holders[-1]
            placed.append((key, statement, guard, alone))
    # a name the module's imports will bind anyway is not imported again in a function
    bound |= {_binds(s) for s in module_level}
    into: dict[tuple[int, int], dict[str, bool]] = {}
    for key, statement, guard, alone in placed:
        if _binds(statement) in bound and not alone:
            module_level.append(statement)
        else:  # into the `try:` only when every code needing it comes after that
            needed = into.setdefault(key, {})
            needed[statement] = needed.get(statement, True) and guard
    # the last function first: an import added to one moves none of the functions before it
    for key in sorted(into, reverse=True):
        for statement, guard in into[key].items():
            text = _add_to_function(text, key, statement, line_length, trees, guard)
    return text, module_level


def _stored_functions(tree: ast.Module, functions: list[Function]) -> set[tuple[int, int]]:
    """The functions (by line and column) decorated by a decorator that stores their source
    and runs it alone (`stored_functions.SOURCE_REGISTRARS`: functionz's
    `@func.register_function(...)`), read through the module's imports."""
    from migrate_llm.frameworks.stored_functions import SOURCE_REGISTRARS

    decorated = [f for f in functions if f.decorator_list]
    if not decorated:
        return set()
    imported: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                imported[_bound(alias)] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                imported[_bound(alias)] = f"{node.module}.{alias.name}"
    found = set()
    for function in decorated:
        for decorator in function.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            parts: list[str] = []
            while isinstance(target, ast.Attribute):
                parts.insert(0, target.attr)
                target = target.value
            if isinstance(target, ast.Name) and target.id in imported:
                name = ".".join([imported[target.id], *parts])
                if name in SOURCE_REGISTRARS:
                    found.add((function.lineno, function.col_offset))
    return found


def _into_holders(
    text: str,
    wanted: list[tuple[int, str]],
    line_length: int,
    trees: Trees | None,
) -> tuple[str, list[tuple[int, str]]]:
    """`text` with each import of `wanted` whose code is in a function binding the name
    only by that import (`import_reach.reach`: `import os` in another branch) put just before
    the statement holding the code, and the imports left for the other places, their
    offsets moved with the text."""
    from migrate_llm.import_reach import Places, bound_name, may_bind_locally, reach

    if not any(may_bind_locally(text, bound_name(s)) for s in {s for _, s in wanted}):
        return text, wanted
    pending, left = list(wanted), []
    while pending:
        at, statement = pending.pop(0)
        tree = ast.parse(text) if trees is None else trees.parse(text)
        found = reach(tree, Places(text), at, statement)
        if found.imported:
            continue  # the function imports it before the code already
        if found.holder is None or found.block is None:
            left.append((at, statement))
            continue
        new, changed = _before_statement(text, found.block, found.index, statement, line_length)
        moved = len(new) - len(text)
        pending = [(a + moved if a >= changed else a, s) for a, s in pending]
        left = [(a + moved if a >= changed else a, s) for a, s in left]
        text = new
    return text, left


def _before_statement(
    text: str, block: list[ast.stmt], index: int, statement: str, line_length: int
) -> tuple[str, int]:
    """`text` with `statement` just before the statement `index` of `block`: sorted into the
    imports right before it, if any, else on a line of its own, indented as it is; and the
    offset from which the text changed (the start of the first line changed)."""
    newline = newline_of(text)
    source = _Source(text)
    run: list[AnyImport] = []
    for node in reversed(block[:index]):
        if not isinstance(node, (ast.Import, ast.ImportFrom)) or _is_future(node):
            break
        run.insert(0, node)
    if run:
        changed = source.line_start(run[0].lineno)
        joined = _joined(text, run, statement, line_length)
        if joined is not None:
            return joined, changed
        row = source.row(run[0].lineno)
        indent = row[: len(row) - len(row.lstrip())]
        line = indent + statement + newline
        return _into_run(source, run, run[0].lineno - 1, statement, line, newline), changed
    node = block[index]
    first = _statement_start(node)
    row = source.row(first)
    indent = row[: len(row) - len(row.lstrip())]
    # a blank line before a nested def or class, as pycodestyle wants (E306)
    gap = newline if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else ""
    line = indent + statement + newline + gap
    return _insert_at_line(text, source.lines, first, line, newline), source.line_start(first)


def _add_to_function(
    text: str,
    key: tuple[int, int],
    statement: str,
    line_length: int,
    trees: Trees | None,
    guarded: bool = True,
) -> str:
    """`text` with `statement` among the imports that begin the function defined at `key`
    (its line and column), or first in its body; `guarded`: into the `try:` that imports its
    package, if any."""
    tree = ast.parse(text) if trees is None else trees.parse(text)
    function = next(
        n
        for n in ast.walk(tree)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        and (n.lineno, n.col_offset) == key
    )
    newline = newline_of(text)
    source = _Source(text)
    guard = _guarded_imports(function)
    top = _parts(statement)[1].split(".")[0]
    if guarded and guard is not None and any(top in _tops(i) for i in guard.body):
        # beside the imports of an optional package, inside the `try:` that guards them
        imports: list[AnyImport] = [i for i in guard.body if isinstance(i, AnyImport)]
        joined = _joined(text, guard.body, statement, line_length)
        if joined is not None:
            return joined
        row = source.row(imports[0].lineno)
        indent = row[: len(row) - len(row.lstrip())]
        line = indent + statement + newline
        return _into_run(source, imports, guard.lineno, statement, line, newline)
    run = _leading_imports(function)
    if not run:
        # its imports come later (after a nested def, after code): the import goes first, or
        # a use above a later import of the same name would find it unbound
        body = function.body[1:] if _is_docstring(function.body[0]) else function.body
        first = _statement_start(body[0])
        row = source.row(first)
        indent = row[: len(row) - len(row.lstrip())]
        line = indent + statement + newline + newline
        return _insert_at_line(text, source.lines, first, line, newline)
    # merged into a `from` import of the run only: one further down may come after the code
    # that needs the name, which would then find it unbound
    joined = _joined(text, run, statement, line_length)
    if joined is not None:
        return joined
    row = source.row(run[0].lineno)
    indent = row[: len(row) - len(row.lstrip())]
    header = run[0].lineno - 1
    return _into_run(source, run, header, statement, indent + statement + newline, newline)


def _merge_from(
    source: _Source,
    body: Sequence[ast.stmt],
    module: str,
    name: str,
    line_length: int,
    newline: str,
) -> str | None:
    """`text` with `name` merged into the first `from module import ...` of `body` without
    `as` or `*`, in that statement's layout; None when there is no such statement."""
    candidates = [
        n
        for n in body
        if isinstance(n, ast.ImportFrom)
        and n.level == 0
        and n.module == module
        and all(a.asname is None and a.name != "*" for a in n.names)
    ]
    if not candidates:
        return None
    node = candidates[0]
    text = source.text
    start, end = source.start(node), source.end(node)
    aliases = node.names
    spans = [(source.start(a), source.end(a)) for a in aliases]
    index = next(
        (i for i, a in enumerate(aliases) if member_key(a.name) > member_key(name)), len(aliases)
    )
    between = text[start : spans[0][0]]
    parenthesised = "(" in between
    vertical = parenthesised and aliases[0].lineno > node.lineno
    if vertical and index < len(aliases):
        at = spans[index][0]
        lead = text[source.line_start(aliases[index].lineno) : at]
        insert = f"{name},{newline}{lead}" if not lead.strip() else f"{name}, "
    elif vertical:
        at = spans[-1][1]
        rest = text[at:end]
        lead = source.row(aliases[-1].lineno)
        lead = lead[: len(lead) - len(lead.lstrip())]
        if rest.lstrip().startswith(","):
            at += rest.index(",") + 1
            insert = f"{newline}{lead}{name},"
        else:
            insert = f",{newline}{lead}{name}"
    elif index < len(aliases):
        at, insert = spans[index][0], f"{name}, "
    else:
        at, insert = spans[-1][1], f", {name}"
    merged = text[:at] + insert + text[at:]
    if node.lineno != node.end_lineno or parenthesised or node.col_offset:
        return merged
    line = _Source(merged).row(node.lineno)
    if width(line) <= line_length:
        return merged
    # Too long for one line: isort's parenthesised form, one name per line.
    names = sorted([a.name for a in aliases] + [name], key=member_key)
    comment = source.row(node.lineno)[end - source.line_start(node.lineno) :].strip()
    block = f"from {module} import ({newline}"
    block += "".join(f"    {n},{newline}" for n in names)
    block += ")" + (f"  {comment}" if comment else "")
    line_end = source.line_start(node.lineno) + len(source.row(node.lineno))
    return text[:start] + block + text[line_end:]


# -- setup statements --------------------------------------------------------------------------


def add_setup(text: str, statements: Iterable[str], trees: Trees | None = None) -> str:
    """`text` with module-level statements added once, in the file's own newline style: after
    the first run of top-level imports, or after the import of a name they use when that comes
    later (a notebook importing in a later cell; a module importing below its constants). A
    statement the module already has, however it is wrapped, is not added again."""
    wanted = list(dict.fromkeys(statements))
    if not wanted:
        return text
    tree = ast.parse(text) if trees is None else trees.parse(text)
    wanted = [s for s in wanted if not _has_statement(tree.body, s)]
    if not wanted:
        return text
    newline = newline_of(text)
    line = _setup_line(tree.body, wanted)
    # a blank line between the imports and the new code, and two around a function (the
    # blank lines ruff format and pycodestyle's E302/E305 want at module level)
    defs = [_is_definition(s) for s in wanted]
    block = ""
    for index, statement in enumerate(wanted):
        if index:
            block += newline * (3 if defs[index] or defs[index - 1] else 1)
        block += statement
    block += newline
    if line:
        block = newline * (2 if defs[0] else 1) + block
    lines = LineIndex(text)
    if defs[-1]:
        row = line + 1  # the first line after the block
        blank = 0
        while row + blank <= len(lines.starts) and not _row(text, lines, row + blank).strip():
            blank += 1
        if row + blank <= len(lines.starts) and blank < 2:
            block += newline * (2 - blank)
    return _insert_at_line(text, lines, line + 1, block, newline)


def _is_definition(statement: str) -> bool:
    return statement.startswith(("def ", "async def ", "class ", "@"))


def _row(text: str, lines: LineIndex, line: int) -> str:
    start = lines.starts[line - 1]
    end = lines.starts[line] if line < len(lines.starts) else len(text)
    return text[start:end]


def _setup_line(body: list[ast.stmt], statements: list[str]) -> int:
    """The line after which statements using names bound by imports go: the end of the first
    run of imports, or of the first import binding a name they use, whichever is later; then
    past the imports of the module's import block that follow (`_block_end`), so that no
    import comes after the new code (pycodestyle's E402)."""
    run = _first_run(body)
    line = _end_line(run[-1]) if run else header_end(body)
    parsed = [ast.parse(s) for s in statements]
    needed = {
        n.id
        for tree in parsed
        for n in ast.walk(tree)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    for node in body:
        if not needed:
            break
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bound = {(a.asname or a.name).split(".")[0] for a in node.names}
            if bound & needed:
                needed -= bound
                line = max(line, _end_line(node))
    return _block_end(body, line, {n for tree in parsed for n in _bound_names(tree)})


def _block_end(body: list[ast.stmt], line: int, defined: set[str]) -> int:
    """The end of the last top-level import after `line` in the module's import block: up
    to its first function or class, or the first statement reading a name the new code
    defines (`defined`: it must be bound before that runs). Code between imports
    (babyagi's `load_dotenv()` above its imports, t56g) stays where it is; `line` where no
    import follows."""
    for node in body:
        if _end_line(node) <= line:
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            break
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            line = _end_line(node)
        elif any(isinstance(n, ast.Name) and n.id in defined for n in ast.walk(node)):
            break
    return line


def _bound_names(tree: ast.Module) -> Iterator[str]:
    """The names the top-level statements of `tree` bind: functions, classes, assignments."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                yield from (n.id for n in ast.walk(target) if isinstance(n, ast.Name))


def _has_statement(body: list[ast.stmt], statement: str) -> bool:
    """Whether `body` has a statement with the syntax tree of `statement`."""
    try:
        parsed = ast.parse(statement).body
    except SyntaxError:
        return False
    if len(parsed) != 1:
        return False
    kind, name, wanted = type(parsed[0]), getattr(parsed[0], "name", None), ast.dump(parsed[0])
    return any(
        type(node) is kind and getattr(node, "name", None) == name and ast.dump(node) == wanted
        for node in body
    )


# -- imports the rewrite leaves unused ---------------------------------------------------------


def _bound(alias: ast.alias) -> str:
    return alias.asname or alias.name.split(".")[0]


@dataclass(frozen=True)
class _Names:
    """What one walk of a module finds: the names it reads (not stores), its string
    constants (stripped), the names its imports bind."""

    read: frozenset[str]
    strings: frozenset[str]
    imported: frozenset[str]


def _names(tree: ast.AST) -> _Names:
    read: set[str] = set()
    strings: set[str] = set()
    imported: set[str] = set()
    stack: list[Any] = [tree]  # nodes, tested by exact class below
    fields: dict[type, tuple[str, ...]] = {}
    name, constant, store, node_type = ast.Name, ast.Constant, ast.Store, ast.AST
    while stack:
        node = stack.pop()
        kind = node.__class__
        if kind is name:
            if not isinstance(node.ctx, store):
                read.add(node.id)
        elif kind is constant:
            if isinstance(node.value, str):
                strings.add(node.value.strip())
        elif kind is ast.Import or kind is ast.ImportFrom:
            imported.update(_bound(a) for a in node.names)
        else:
            own = fields.get(kind)
            if own is None:  # a name in a list (`global a, b`) or a None has none
                own = fields[kind] = getattr(kind, "_fields", ())
            for field in own:
                value = getattr(node, field, None)
                if value.__class__ is list:
                    stack.extend(value)
                elif isinstance(value, node_type):
                    stack.append(value)
    return _Names(frozenset(read), frozenset(strings), frozenset(imported))


def _removed_words(before: str, after: str) -> set[str]:
    """The words of the lines of `before` that `after` no longer has (as many times)."""
    removed = collections.Counter(before.splitlines()) - collections.Counter(after.splitlines())
    return set(_WORD.findall("\n".join(removed)))


_WORD = re.compile(r"\w+")


def _uses(names: _Names, among: set[str], parsed: dict[str, set[str]]) -> set[str]:
    """The names of `among` the code reads: loaded names, and names in strings that could
    be annotations or `__all__` entries (`parsed`: the names in each string parsed so far).

    A string is parsed only when it could name one of them: an ASCII string holds each
    name of its expression as written; a non-ASCII one may hold a name Python normalises
    (NFKC) into one of them."""
    used = set(names.read & among)
    rest = among - used
    if not rest:
        return used
    ascii_names = sorted(n for n in rest if n.isascii())
    pattern = re.compile("|".join(map(re.escape, ascii_names))) if ascii_names else None
    for value in names.strings:
        if value.isidentifier():
            if value in rest:
                used.add(value)
        elif 0 < len(value) <= 200 and "\n" not in value:
            if value.isascii() and (pattern is None or pattern.search(value) is None):
                continue
            found = parsed.get(value)
            if found is None:
                try:
                    expression = ast.parse(value, mode="eval")
                except (SyntaxError, ValueError):
                    found = set()
                else:
                    found = {n.id for n in ast.walk(expression) if isinstance(n, ast.Name)}
                parsed[value] = found
            used |= found & rest
    return used


@dataclass
class _Removal:
    node: AnyImport
    drop: list[int]


def remove_unused_imports(before: str, after: str, trees: Trees | None = None) -> str:
    """`after` without the imported names that `before` used and `after` no longer uses at
    all; a statement left with no name goes whole. Unchanged when that would not parse."""
    trees = Trees(before) if trees is None else trees
    try:
        old, new = trees.parse(before), trees.parse(after)
    except SyntaxError:
        return after
    found = _names(old)
    if not found.imported:
        return after
    parsed: dict[str, set[str]] = {}
    used = _uses(found, set(found.imported), parsed)  # imported names `before` uses
    # a use can go only with a line the edits removed: a line kept as it was keeps its uses
    used &= _removed_words(before, after)
    gone = used - _uses(_names(new), used, parsed) if used else used
    if not gone:
        return after
    removals: list[_Removal] = []
    for node in import_statements(new):
        if not _is_future(node):
            drop = [i for i, a in enumerate(node.names) if a.name != "*" and _bound(a) in gone]
            if drop:
                removals.append(_Removal(node, drop))
    if not removals:
        return after
    source = _Source(after)
    whole = {id(r.node) for r in removals if len(r.drop) == len(r.node.names)}
    lone = set()
    for body in statement_lists(new):
        if isinstance(body[0], ast.stmt) and all(id(s) in whole for s in body):
            lone |= {id(s) for s in body}  # removing them all would leave an empty block
    edits: list[Edit] = []
    for removal in removals:
        if id(removal.node) in lone:
            continue
        if id(removal.node) in whole:
            span = _statement_lines(source, removal.node)
        else:
            span = None
            edits.extend(_alias_removals(source, removal))
        if span is not None:
            edits.append(Edit(span, ""))
    if not edits:
        return after
    result = apply_edits(after, edits)[0]
    try:
        trees.parse(result)
    except SyntaxError:
        return after
    return result


def _statement_lines(source: _Source, node: ast.stmt) -> Span | None:
    """The whole lines of `node`, and one blank line after them when they sit between two
    blank lines (an import group that empties); None when the lines hold other code."""
    first, last = node.lineno, _end_line(node)
    start, end = source.start(node), source.end(node)
    if source.text[source.line_start(first) : start].strip():
        return None
    rest = source.row(last)[end - source.line_start(last) :].strip()
    if rest and not rest.startswith("#"):
        return None
    total = len(source.lines.starts)
    above_blank = first == 1 or not source.row(first - 1).strip()
    below_blank = last < total and not source.row(last + 1).strip()
    if above_blank and below_blank and last + 1 <= total:
        last += 1
    return Span(source.line_start(first), source.line_end(last))


def _alias_removals(source: _Source, removal: _Removal) -> Sequence[Edit]:
    """Edits removing some of the names of one import statement, keeping its layout."""
    node, text = removal.node, source.text
    names = node.names
    spans = [(source.start(a), source.end(a)) for a in names]
    vertical = names[0].lineno > node.lineno and len({a.lineno for a in names}) == len(names)
    if vertical:
        edits = []
        for i in removal.drop:
            line = names[i].lineno
            row = source.row(line).strip()
            own = row.startswith(text[spans[i][0] : spans[i][1]])
            rest = row[spans[i][1] - spans[i][0] :].lstrip()
            if not own or not (rest == "" or rest.startswith(",") or rest.startswith("#")):
                return ()
            if rest.lstrip(",").strip() and not rest.lstrip(",").strip().startswith("#"):
                return ()
            edits.append(Edit(Span(source.line_start(line), source.line_end(line)), ""))
        return edits
    if node.lineno != node.end_lineno:
        return ()
    kept = [text[a:b] for i, (a, b) in enumerate(spans) if i not in removal.drop]
    return [Edit(Span(spans[0][0], spans[-1][1]), ", ".join(kept))]
