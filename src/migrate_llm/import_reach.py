"""Whether an import the migration adds reaches the code that needs it, and where it goes.

Python decides when it compiles a function which names are the function's own: any binding
anywhere in its body (an import in another branch, an assignment, a parameter, a `for`,
`with` or `except ... as` target, a `del`) makes the name local to the whole function. Code
there does not read a module-level `import os`: it raises UnboundLocalError, or reads another
value. So the scopes that code at a place looks a name up in are followed, innermost first,
as Python does (a class body only for code directly in it; `global` and `nonlocal` obeyed):

- none binds the name: the module's import reaches it;
- the first that does is a function binding it only by the very import the code needs
  (`import os` in one branch): the import goes into that function, just before the statement
  holding the code, where it is bound on every path that reaches the code (`holder`);
- anything else (a parameter, an assignment, another module's `os`, a class attribute, a
  comprehension's variable): no import reaches it (`blocked`, one line saying why), and the
  finding is left for a person.

Which of a project's files a module imports (`imports_any`) is told here too: a setting made
in one module counts for the modules importing it (ML612, ML672).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from migrate_llm.model import Finding, FixClass, LineIndex, Severity
from migrate_llm.statements import import_statements

Position = tuple[int, int]  # (1-based line, UTF-8 byte column), as `ast` counts
Function = ast.FunctionDef | ast.AsyncFunctionDef
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, *_COMPREHENSIONS)


@dataclass(frozen=True)
class Reach:
    """How code at a place reads the name an import binds: through the module (`holder`
    None, `blocked` empty), through the own variable of the function `holder`, bound there
    only by that import (the import goes into `block`, a statement list of `holder`'s own
    code, just before its statement `index`, which holds the code and begins a line), or
    not at all (`blocked`: why, for a message). `imported`: the function's own import
    already runs before the code on every path to it (nothing to add)."""

    holder: Function | None = None
    block: list[ast.stmt] | None = None
    index: int = 0
    blocked: str = ""
    imported: bool = False


def bound_name(statement: str) -> str:
    """The name an import statement (`import M`, `import M as N`, `from M import N`) binds."""
    words = statement.split()
    if words[0] == "import":
        return words[3] if len(words) == 4 else words[1].split(".")[0]
    return words[3]


def _target(node: ast.Import | ast.ImportFrom, alias: ast.alias) -> str:
    """What an import binds its name to: `os` for `import os` and `import os.path`,
    `os.path` for `import os.path as p`, `openai:OpenAI` for `from openai import OpenAI`."""
    if isinstance(node, ast.ImportFrom):
        return f"{'.' * node.level}{node.module or ''}:{alias.name}"
    return alias.name if alias.asname else alias.name.split(".")[0]


def _statement_target(statement: str) -> str:
    node = ast.parse(statement).body[0]
    assert isinstance(node, (ast.Import, ast.ImportFrom))
    return _target(node, node.names[0])


class Places:
    """`ast` positions of places in a text given as character offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = LineIndex(text)

    def row(self, line: int) -> str:
        starts = self.lines.starts
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[starts[line - 1] : end].rstrip("\r\n")

    def position(self, offset: int) -> Position:
        """The position of `offset`; in a line's indentation, that of its first character."""
        line, column = self.lines.position(offset)
        row = self.row(line)
        before = row[: column - 1]
        if not before.strip() and row.strip():
            before = row[: len(row) - len(row.lstrip())]
        return line, len(before.encode("utf-8"))

    def begins_line(self, node: ast.stmt) -> bool:
        """Whether a statement begins its line, so that a line can go before it (not `if c:
        x`, `a; b`, nor the `elif` of an `if`). A decorated one does (its `@` does)."""
        if getattr(node, "decorator_list", None):
            return True
        row = self.row(node.lineno).encode("utf-8")
        return not row[: node.col_offset].strip() and not (
            isinstance(node, ast.If) and row[node.col_offset :].startswith(b"elif")
        )


def _start(node: ast.AST) -> Position:
    return node.lineno, node.col_offset  # type: ignore[attr-defined]


def _end(node: ast.AST) -> Position:
    return node.end_lineno, node.end_col_offset  # type: ignore[attr-defined]


def _within(node: ast.AST, at: Position) -> bool:
    return _start(node) <= at <= _end(node)


def _first_line(node: ast.stmt) -> int:
    """The first line of a statement, its decorators included."""
    return min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])


def _in_own_scope(scope: ast.AST, at: Position, places: Places) -> bool:
    """Whether `at` lies in the code `scope` runs in its own namespace: a function's or
    class's body (not its decorators, defaults or bases), a lambda's body, a comprehension
    but for its first iterable."""
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        first = scope.body[0]
        # from the start of its line when the body begins one (`at` may be an edit's start
        # in the indentation), else from the statement after the colon
        start = (_first_line(first), 0) if places.begins_line(first) else _start(first)
        return start <= at <= _end(scope)
    if isinstance(scope, ast.Lambda):
        return _within(scope.body, at)
    assert isinstance(scope, _COMPREHENSIONS)
    return _within(scope, at) and not _within(scope.generators[0].iter, at)


def scopes_at(tree: ast.Module, places: Places, at: Position) -> list[ast.AST]:
    """The scopes whose own code holds `at`, outermost first (the module not included)."""
    chain: list[ast.AST] = []
    node: ast.AST = tree
    while True:
        inner = next(_children_at(node, at), None)
        if inner is None:
            return chain
        if isinstance(inner, _SCOPES) and _in_own_scope(inner, at, places):
            chain.append(inner)
        node = inner


def _children_at(node: ast.AST, at: Position) -> Iterator[ast.AST]:
    """The child of `node` whose source holds `at` (looking through the nodes that have no
    position: arguments, comprehension clauses, match cases)."""
    for child in ast.iter_child_nodes(node):
        if not hasattr(child, "lineno"):
            if any(True for _ in _children_at(child, at)):
                yield child
        elif _within(child, at):
            yield child


@dataclass(frozen=True)
class _Binding:
    node: ast.AST
    kind: str  # "import", "parameter", "variable"
    target: str = ""  # for an import: what it binds the name to (`_target`)


def _parameters(args: ast.arguments) -> Iterator[ast.arg]:
    yield from args.posonlyargs
    yield from args.args
    if args.vararg is not None:
        yield args.vararg
    yield from args.kwonlyargs
    if args.kwarg is not None:
        yield args.kwarg


def _own_bindings(scope: ast.AST, name: str) -> tuple[set[str], list[_Binding]]:
    """The declarations (`global`, `nonlocal`) of `name` in `scope` and its bindings there,
    not those of the scopes nested in it (but the names they define, and a walrus in a
    comprehension, which binds in the function around it)."""
    found: list[_Binding] = []
    declared: set[str] = set()
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        found += [_Binding(a, "parameter") for a in _parameters(scope.args) if a.arg == name]
    if isinstance(scope, _COMPREHENSIONS):
        found += [
            _Binding(n, "comprehension")
            for g in scope.generators
            for n in ast.walk(g.target)
            if isinstance(n, ast.Name) and n.id == name
        ]
        return declared, found
    assert isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))
    stack: list[ast.AST] = [scope.body] if isinstance(scope, ast.Lambda) else [*scope.body]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name == name:
                found.append(_Binding(node, "variable"))
            stack += node.decorator_list
            if isinstance(node, ast.ClassDef):
                stack += [*node.bases, *(k.value for k in node.keywords)]
            else:
                stack += [*node.args.defaults, *(d for d in node.args.kw_defaults if d)]
            continue
        if isinstance(node, ast.Lambda):
            stack += [*node.args.defaults, *(d for d in node.args.kw_defaults if d)]
            continue
        if isinstance(node, ast.comprehension):
            stack += [node.iter, *node.ifs]  # its target is the comprehension's own
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                if bound == name:
                    found.append(_Binding(node, "import", _target(node, alias)))
            continue
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            if name in node.names:
                declared.add("global" if isinstance(node, ast.Global) else "nonlocal")
            continue
        if (
            (isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load))
            or (isinstance(node, ast.ExceptHandler) and node.name == name)
            or (isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name == name)
            or (isinstance(node, ast.MatchMapping) and node.rest == name)
        ):
            found.append(_Binding(node, "variable"))
        stack += ast.iter_child_nodes(node)
    return declared, found


def reach(
    tree: ast.Module,
    places: Places,
    at: int,
    statement: str,
    line_label: Callable[[int], str] | None = None,
) -> Reach:
    """How code at offset `at` reads the name the import `statement` binds (see `Reach`);
    `line_label` names a line in the reason (`line 7`; a notebook's cells)."""
    name = bound_name(statement)
    target = _statement_target(statement)
    position = places.position(at)
    chain = scopes_at(tree, places, position)
    for scope in reversed(chain):
        if isinstance(scope, ast.ClassDef) and scope is not chain[-1]:
            continue  # a class body's names are not seen from the functions in it
        declared, found = _own_bindings(scope, name)
        other = next((b for b in found if b.kind != "import" or b.target != target), None)
        if other is not None:  # with `global` or `nonlocal` too: it rebinds what is read
            return Reach(blocked=_why(scope, other, name, line_label or _line))
        if "global" in declared:
            return Reach()
        if "nonlocal" in declared or not found or isinstance(scope, ast.ClassDef):
            continue  # a class binding it to the same module: the class's or the module's
        assert isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef))
        before = statement_at(scope, places, position)
        if before is None:  # `def f(): x`: no line can go before the code
            return Reach(blocked=f"{scope.name}() binds `{name}` itself, on the line of its def")
        if _imported_before(scope, position, name, target):
            return Reach(scope, imported=True)
        return Reach(scope, *before)
    return Reach()


def _imported_before(function: Function, at: Position, name: str, target: str) -> bool:
    """Whether an import binding `name` to `target` stands, in `function`'s own code, before
    the statement holding `at` in its list or in a list around it: it has run on every path
    that reaches the code (`def f(): import os` ... `os.environ`)."""
    block: list[ast.stmt] | None = function.body
    while block is not None:
        statements, block = block, None
        for node in statements:
            if _end(node) < at and isinstance(node, (ast.Import, ast.ImportFrom)):
                if any(
                    (alias.asname or alias.name.split(".")[0]) == name
                    and _target(node, alias) == target
                    for alias in node.names
                ):
                    return True
                continue
            if not ((_first_line(node), 0) <= at <= _end(node)):
                continue
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                block = next((b for b in _blocks(node) if _holds(b, at)), None)
            break
    return False


def _line(line: int) -> str:
    return f"line {line}"


def _why(scope: ast.AST, binding: _Binding, name: str, line_label: Callable[[int], str]) -> str:
    if isinstance(scope, ast.Lambda):
        return f"`{name}` is a parameter of the lambda here"
    if isinstance(scope, _COMPREHENSIONS):
        return f"`{name}` is a variable of the comprehension here"
    assert isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    owner = f"class {scope.name}" if isinstance(scope, ast.ClassDef) else f"{scope.name}()"
    if binding.kind == "parameter":
        return f"`{name}` is a parameter of {owner}"
    line = getattr(binding.node, "lineno", None)
    where = f" ({line_label(line)})" if line is not None else ""
    return f"{owner} binds `{name}` itself{where}"


def _blocks(node: ast.stmt) -> Iterator[list[ast.stmt]]:
    """The statement lists nested in a compound statement of the same scope."""
    for field in ("body", "orelse", "finalbody"):
        block = getattr(node, field, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield block
    for part in [*getattr(node, "handlers", ()), *getattr(node, "cases", ())]:
        yield part.body


def statement_at(
    function: Function, places: Places, at: Position
) -> tuple[list[ast.stmt], int] | None:
    """The innermost statement of `function`'s own code that holds `at` and begins a line,
    with the statement list it is in: (list, index); None when there is none."""
    found = None
    block: list[ast.stmt] | None = function.body
    while block is not None:
        statements, block = block, None
        for index, node in enumerate(statements):
            if not ((_first_line(node), 0) <= at <= _end(node)):
                continue
            if places.begins_line(node):
                found = (statements, index)
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                block = next((b for b in _blocks(node) if _holds(b, at)), None)
            break
    return found


def _holds(block: Sequence[ast.stmt], at: Position) -> bool:
    return (_first_line(block[0]), 0) <= at <= _end(block[-1])


def withhold_unreached(
    findings: list[Finding], text: str, line_label: Callable[[int], str] | None = None
) -> list[Finding]:
    """`findings` with each edit that needs an import no import can reach (`reach`) taken
    off its finding, which is left for a person with the reason said (manual; none for a
    note), and so are the edits inside it, made to be part of it."""
    needs = [
        (i, f.edit)
        for i, f in enumerate(findings)
        if f.edit is not None and f.edit.imports and not f.edit.setup
    ]
    names = {bound_name(s) for _, edit in needs for s in edit.imports}
    if not any(may_bind_locally(text, name) for name in names):
        return findings
    try:
        tree = ast.parse(text)
    except (SyntaxError, RecursionError, MemoryError):
        return findings
    places = Places(text)
    kept = list(findings)
    withheld: list[tuple[int, int, str]] = []  # the spans of the edits taken off, and why
    for i, edit in needs:
        for statement in dict.fromkeys(edit.imports):
            found = reach(tree, places, edit.span.start, statement, line_label)
            if found.blocked:
                why = f"{found.blocked}, so the `{statement}` the rewrite needs would not reach it"
                kept[i] = _left(findings[i], why, statement)
                withheld.append((edit.span.start, edit.span.end, why))
                break
    for i, finding in enumerate(kept):
        inner = finding.edit
        if inner is None:
            continue
        for start, end, why in withheld:
            # what `apply_edits` would have left out for the edit taken off
            at = inner.span.start
            if start < at < end or (at == start < inner.span.end <= end):
                kept[i] = _left(finding, why, None)
                break
    return kept


def _left(finding: Finding, why: str, statement: str | None) -> Finding:
    data = dict(finding.data)
    if statement is not None:
        data["unreached_import"] = statement
    return replace(
        finding,
        message=f"{finding.message}; left as it is: {why}",
        fix=FixClass.NONE if finding.severity is Severity.NOTE else FixClass.MANUAL,
        edit=None,
        data=data,
    )


def may_bind_locally(text: str, name: str) -> bool:
    """Whether `text` may bind `name` other than by a module-level import: it is written
    somewhere neither read (`os.environ`, `os(...)`, `os[...]`) nor an import at the start of
    a line. Most modules only read the names the migration imports: they are not parsed."""
    pattern = re.compile(rf"(?<![\w.]){re.escape(name)}\b(?!\s*[.(\[])")
    for match in pattern.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not text.startswith(("import ", "from "), line_start):
            return True
    return False


# An import as `imports_any` reads it: (leading dots, dotted module, names imported from it)
Imported = tuple[str, str, list[str]]


def imported_of(tree: ast.AST) -> list[Imported]:
    """The imports of a module's tree (`import a.b, c as d`, `from ..a.b import c, d`; also
    inside a function), as `imports_any` reads them."""
    found: list[Imported] = []
    for node in import_statements(tree):
        if isinstance(node, ast.Import):
            found += [("", alias.name, []) for alias in node.names]
        else:
            names = [alias.name for alias in node.names if alias.name != "*"]
            found.append(("." * node.level, node.module or "", names))
    return found


def imports_any(imported: Iterable[Imported], path: str, files: Iterable[str]) -> bool:
    """Whether the module at `path` whose imports are `imported` imports one of the project's
    `files` (file names, given as `path` is): a dotted name it imports ends the file's path
    (`app.settings`, `settings` for `src/app/settings.py`), or a relative import from the
    module's own package names the file; a package's `__init__.py` also by a module of it
    (`import app.engine` runs `app/__init__.py` first)."""
    paths = {tuple(module_parts(name)) for name in files}
    # a relative import's candidate is a full path, which a file's name ends; an absolute
    # one ends a file's name
    return any(
        _ends(candidate, p) if relative else _ends(p, candidate)
        for candidate, relative in _candidates(imported, path)
        for p in paths
    )


def _candidates(imported: Iterable[Imported], path: str) -> Iterator[tuple[tuple[str, ...], bool]]:
    """The module paths each import of the module at `path` may name (its module, each name
    imported from it, the packages it runs first), and whether the import is relative (the
    path is then a full one, from the module's own package)."""
    here = path.replace("\\", "/").split("/")[:-1] if path else None
    for dots, module, names in imported:
        parts = module.split(".") if module else []
        first = 1  # the first of the packages the import runs: the top one, or the dots'
        if dots:
            if here is None or len(dots) - 1 > len(here):
                continue
            first = len(here) - (len(dots) - 1)
            parts = here[:first] + parts
        packages = (tuple(parts[:end]) for end in range(max(first, 1), len(parts)))
        for candidate in (tuple(parts), *((*parts, name) for name in names), *packages):
            if candidate:
                yield candidate, bool(dots)


class ImportGraph:
    """A project's Python modules (their file names, given as `imports_any` takes them) and
    what each imports, read on demand by `read` (None where it cannot be), at most `budget`
    of them: which of them a module imports through others (`reached`)."""

    def __init__(
        self, files: Iterable[str], read: Callable[[str], list[Imported] | None], budget: int
    ) -> None:
        self._by_path: dict[tuple[str, ...], list[str]] = {}
        self._by_end: dict[tuple[str, ...], list[str]] = {}
        for name in files:
            parts = tuple(module_parts(name))
            self._by_path.setdefault(parts, []).append(name)
            for start in range(len(parts)):
                self._by_end.setdefault(parts[start:], []).append(name)
        self._read = read
        self._imports: dict[str, list[Imported] | None] = {}
        self.budget = budget

    def imported(self, imported: Iterable[Imported], path: str) -> Iterator[str]:
        """The modules of the project the imports `imported` of the module at `path` name
        (as `imports_any` matches them)."""
        for candidate, relative in _candidates(imported, path):
            if relative:
                for start in range(len(candidate)):
                    yield from self._by_path.get(candidate[start:], ())
            else:
                yield from self._by_end.get(candidate, ())

    def imports_of(self, name: str) -> list[Imported] | None:
        if name not in self._imports:
            if self.budget <= 0:
                return None  # not read: followed no further
            self.budget -= 1
            self._imports[name] = self._read(name)
        return self._imports[name]

    def reached(self, path: str, imported: list[Imported], wanted: Iterable[str]) -> set[str]:
        """Which of the modules `wanted` the module at `path` (whose imports are `imported`)
        imports through other modules of the project, as Python runs them: `from pkg.utils
        import build`, where pkg/utils.py imports pkg/config.py."""
        wanted = set(wanted)
        found: set[str] = set()
        seen = {path}
        stack = [(path, imported)]
        while stack and found != wanted:
            at, imports = stack.pop()
            for name in self.imported(imports, at):
                if name in seen:
                    continue
                seen.add(name)
                if name in wanted:
                    found.add(name)
                further = self.imports_of(name)
                if further:
                    stack.append((name, further))
        return found


def _ends(whole: tuple[str, ...], end: tuple[str, ...]) -> bool:
    return len(whole) >= len(end) and whole[len(whole) - len(end) :] == end


def module_parts(name: str) -> list[str]:
    """The parts of a module's file name (`a/b/c.py` -> a, b, c; a package's `__init__.py`
    is the package)."""
    parts = name.replace("\\", "/").split("/")
    parts[-1] = parts[-1].rpartition(".")[0] or parts[-1]
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported_file(path: str, dots: str, module: str, files: set[str]) -> set[str]:
    """The one file of `files` that the module at `path` imports as `dots` + `module`
    (`..config`: resolved from its package; `sgpt.config`: a file whose path ends so), as a
    set; empty where none or several are."""
    if not path:
        return set()
    parts = [p for p in module.split(".") if p]
    if dots:
        here = path.replace("\\", "/").split("/")[:-1]
        up = len(dots) - 1
        if up > len(here):
            return set()
        whole = here[: len(here) - up] + parts
        found = {f for f in files if module_parts(f) == whole}
    else:
        found = {f for f in files if parts and module_parts(f)[-len(parts) :] == parts}
    return found if len(found) == 1 else set()
