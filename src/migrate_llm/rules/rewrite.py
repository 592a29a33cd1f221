"""Building replacement code for Python edits: templates parsed by libcst, never hand-made nodes."""

from __future__ import annotations

import ast
import re

import libcst as cst

from migrate_llm.edits import apply_edits
from migrate_llm.model import Edit, LineIndex, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.python_context import PythonContext

IMPORT_OS = "import os"
_PLAIN = re.compile(r"^[A-Za-z0-9._/:@+-]+$")


def key_expr(provider: Provider) -> str:
    """Code that reads the provider's key from its variable (never the key itself)."""
    return f'os.environ["{provider.api_key_env}"]'


def base_url_expr(provider: Provider, url: str) -> str:
    """Code that reads the provider's base URL, with the official URL as the default."""
    return f'os.environ.get("{provider.base_url_env}", "{url}")'


def requote(node: cst.SimpleString, value: str) -> str | None:
    """`value` written with the quotes and prefix of `node`; None if it would need escaping."""
    if not _PLAIN.match(value) or "b" in node.prefix.lower():
        return None
    return f"{node.prefix}{node.quote}{value}{node.quote}"


def _leading_space(text: str, offset: int) -> str:
    """The indentation of the line that holds `offset`."""
    line_start = text.rfind("\n", 0, offset) + 1
    line = text[line_start:offset]
    return line[: len(line) - len(line.lstrip())]


def argument_removal(ctx: PythonContext, call: cst.Call, index: int, kept: list[int]) -> Span:
    """The text to delete to remove argument `index` of `call` (its comma and the space up to
    the next argument, or, for the last one, the comma before it); `kept` are the indices of
    the arguments that stay."""
    args = call.args
    start = ctx.span(args[index].keyword or args[index].value).start
    end = ctx.span(args[index].value).end
    if index + 1 < len(args):
        return Span(start, ctx.span(args[index + 1].keyword or args[index + 1].value).start)
    earlier = [i for i in kept if i < index]
    if earlier:
        return Span(ctx.span(args[earlier[-1]].value).end, end)
    return Span(start, end)


def rebuild_call(
    ctx: PythonContext,
    call: cst.Call,
    set_args: dict[str, str],
    drop: frozenset[str] = frozenset(),
    func: str | None = None,
) -> str:
    """The text of `call` with keyword arguments set (in place, or added first), others
    dropped, and optionally another callee. Everything else keeps its exact text, so a call
    spread over lines keeps its layout and comments."""
    text = ctx.text
    whole = ctx.span(call)
    edits: list[Edit] = []
    if func is not None:
        edits.append(Edit(ctx.span(call.func), func))
    args = list(call.args)
    starts = [ctx.span(a.keyword or a.value).start for a in args]
    kept = [
        i for i, a in enumerate(args) if not (a.keyword is not None and a.keyword.value in drop)
    ]
    for i, arg in enumerate(args):
        name = arg.keyword.value if arg.keyword is not None else None
        if name in drop:
            edits.append(Edit(argument_removal(ctx, call, i, kept), ""))
        elif name in set_args:
            edits.append(Edit(ctx.span(arg.value), set_args[name]))
    present = {a.keyword.value for a in args if a.keyword is not None}
    new = [f"{k}={v}" for k, v in set_args.items() if k not in present]
    if new:
        if kept:
            first = starts[0]
            multiline = "\n" in text[whole.start : first]
            separator = ",\n" + _leading_space(text, first) if multiline else ", "
            edits.append(Edit(Span(first, first), separator.join(new) + separator))
        else:
            at = starts[0] if args else whole.end - 1  # the first argument, or ")"
            edits.append(Edit(Span(at, at), ", ".join(new)))
    local = [
        Edit(Span(e.span.start - whole.start, e.span.end - whole.start), e.text) for e in edits
    ]
    return apply_edits(text[whole.start : whole.end], local)[0]


def add_imports(text: str, statements: list[str]) -> str:
    """`text` with each missing module-level import statement added once.

    `import X` goes among the first block of imports where isort would put it (after the
    plain imports that sort before it); `from M import N` after the block's imports from M,
    or at the block's end. A module without imports gets them after its docstring and
    `__future__` imports. The file's own newline style is kept.
    """
    for statement in dict.fromkeys(statements):
        text = _add_import(text, statement)
    return text


def _add_import(text: str, statement: str) -> str:
    tree = ast.parse(text)
    present = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            present |= {f"import {a.name}" for a in node.names if a.asname is None}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            present |= {
                f"from {node.module} import {a.name}" for a in node.names if a.asname is None
            }
    if statement in present:
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = LineIndex(text)
    block = _first_import_block(tree.body)
    if not block:
        after = _header_end(tree.body)
        return _insert_at_line(text, lines, after + 1, statement + newline, newline)
    if statement.startswith("import "):
        name = statement.split()[1]
        plain = [n for n in block if isinstance(n, ast.Import)]
        later = [n for n in plain if n.names[0].name > name]
        if later:
            return _insert_at_line(text, lines, later[0].lineno, statement + newline, newline)
        anchor = plain[-1] if plain else None
        if anchor is None:
            return _insert_at_line(text, lines, block[0].lineno, statement + newline, newline)
    else:
        module = statement.split()[1]
        same = [n for n in block if isinstance(n, ast.ImportFrom) and n.module == module]
        anchor = same[-1] if same else block[-1]
    line = (anchor.end_lineno or anchor.lineno) + 1
    return _insert_at_line(text, lines, line, statement + newline, newline)


def _first_import_block(body: list[ast.stmt]) -> list[ast.stmt]:
    """The first run of consecutive top-level imports, `__future__` ones excluded."""
    block: list[ast.stmt] = []
    for node in body:
        is_import = isinstance(node, (ast.Import, ast.ImportFrom))
        if is_import and getattr(node, "module", None) != "__future__":
            block.append(node)
        elif block:
            break
    return block


def _header_end(body: list[ast.stmt]) -> int:
    """The last line of the docstring and `__future__` imports (0 when there are none)."""
    end = 0
    for index, node in enumerate(body):
        future = isinstance(node, ast.ImportFrom) and node.module == "__future__"
        if future or (index == 0 and _is_docstring(node)):
            end = node.end_lineno or node.lineno
        else:
            break
    return end


def _insert_at_line(text: str, lines: LineIndex, line: int, block: str, newline: str) -> str:
    """Insert `block` at the start of 1-based `line` (at the end when past the last line)."""
    if line - 1 < len(lines.starts):
        offset = lines.starts[line - 1]
        return text[:offset] + block + text[offset:]
    return text + ("" if text.endswith(("\n", "\r")) or not text else newline) + block


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def add_setup(text: str, statements: list[str]) -> str:
    """`text` with module-level statements added once, after the last top-level import (the
    names they use are imported by then), in the file's own newline style."""
    wanted = [s for s in dict.fromkeys(statements) if s not in text.splitlines()]
    if not wanted:
        return text
    tree = ast.parse(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    line = (imports[-1].end_lineno or imports[-1].lineno) if imports else _header_end(tree.body)
    block = "".join(s + newline for s in wanted)
    if line:
        block = newline + block  # a blank line between the imports and the new code
    return _insert_at_line(text, LineIndex(text), line + 1, block, newline)
