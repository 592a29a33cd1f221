"""Gitignored config files and settings modules that the scanned code reads by name.

A walk leaves out what .gitignore ignores, as ruff does. But a user's real settings are
often there (`config.json`, `model_config.yaml`, gpt_academic's `config_private.py`), and a
program that opens or imports one by name (or loads the `.env` python-dotenv finds) sends
what it holds: after a switch, an OpenAI key there goes to the provider. Such a file is
scanned: `readers` finds the modules naming a config file, `importers` those importing a
module, and `left_to_a_person` turns what the rules would edit there into findings left to
a person, since apply edits a gitignored file only when it is named on the command line.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from migrate_llm import dotenv_search
from migrate_llm.model import FileChange, Finding, FixClass, Severity
from migrate_llm.openai_sdk import KEY_VARS_TO_SWITCH
from migrate_llm.textio import MODULE_LIMIT, UnreadableFile, python_tree, read_bytes


@dataclass
class Gitignored:
    """What .gitignore left out of a run: the config files its walk skipped (`skipped`),
    those of them naming OpenAI that no scanned module reads (`listed`, as shown), and those
    a module reads (`read`: by path as shown, the module's place, `app.py:3`); and the files
    named on the command line that .gitignore ignores and git does not track (`named`, as
    shown: `discover.ignored_untracked`)."""

    skipped: list[Path] = field(default_factory=list)
    listed: tuple[str, ...] = ()
    read: dict[str, str] = field(default_factory=dict)
    named: frozenset[str] = frozenset()


def readers(
    configs: Sequence[str], modules: Iterable[str], tops: Sequence[str]
) -> dict[str, tuple[str, int]]:
    """The files of `configs` that a Python module of `modules` names, each with a module
    naming it (the first of those reading files best) and the line (paths as found,
    absolute). A module names a file with a string literal, or literals joined as a path,
    that is passed to a call (`open("config.json")`, `Path("model_config.yaml")`,
    `add_argument("--config", default="config.json")`), joined to a directory
    (`Path(__file__).parent / "config.json"`, `os.path.join(here, "config.json")`) or assigned
    (`CONFIG_FILE = "config.json"`, `config_file = f"{root_dir}/config.json"`) and resolving,
    from the module's directory or a directory above it up to the scanned directory (`tops`)
    holding it, to that file. A `.env` is also named by a call reading the one python-dotenv
    finds from the module's directory (`load_dotenv()`, `load_dotenv(find_dotenv())`,
    `dotenv_values()`: `dotenv_search`) where that is the first `.env` up to the scanned
    directory (babyagi's gitignored `.env` held the model, key and base URL it sends). A
    module that parses a file (`toml.load`, `json.load`, `load_dotenv()`) is preferred to
    one that only reads text, and that to one that does neither (MoneyPrinterTurbo's skill
    only copies the example to `config.toml`; `app/config/config.py` loads it, t52k)."""
    wanted = {os.path.normpath(c): c for c in configs}
    # the file's name quoted, or ending a quoted path: not `.env` in `os.environ`
    names = "|".join(sorted({re.escape(os.path.basename(c)) for c in configs}))
    quoted = re.compile(rf"""[\\\\/"'](?:{names})["']""".encode())
    plain = {os.path.basename(c).encode() for c in configs}  # found faster, then tested
    # a `.env` is also read where python-dotenv finds it (`load_dotenv()`: `dotenv_search`)
    searched = any(os.path.basename(c) == ".env" for c in configs)
    found: dict[str, tuple[str, int]] = {}
    ranks: dict[str, int] = {}  # by config: how its module found reads files (`_reading`)
    for module in modules:
        try:
            data = read_bytes(module, MODULE_LIMIT)
        except UnreadableFile:
            continue
        naming = any(name in data for name in plain) and quoted.search(data) is not None
        searching = searched and dotenv_search.LOADING.search(data) is not None
        if not (naming or searching):
            continue
        tree = python_tree(data)
        if tree is None:
            continue
        bases = _bases(os.path.dirname(module), tops)
        # the configs the module reads, with the line and how (None: `_reading(tree)`)
        read: list[tuple[str, int, int | None]] = [
            (config, line, None)
            for value, line in (_paths_named(tree) if naming else ())
            for base in bases
            if (config := wanted.get(os.path.normpath(os.path.join(base, value))))
        ]
        lines = dotenv_search.searching_calls(tree, data) if searching else []
        env = dotenv_search.found_from(bases) if lines else None
        if env is not None and os.path.normpath(env) in wanted:
            read += ((wanted[os.path.normpath(env)], line, _PARSES) for line in lines)
        reading: int | None = None  # `_reading(tree)`, once needed
        for config, line, rank in sorted(read, key=lambda r: r[1]):
            if rank is None:
                rank = reading = _reading(tree) if reading is None else reading
            if rank > ranks.get(config, -1):
                found[config], ranks[config] = (module, line), rank
        if len(found) == len(wanted) and all(r == _PARSES for r in ranks.values()):
            break
    return found


def importers(
    candidates: Sequence[str], modules: Iterable[str], tops: Sequence[str]
) -> dict[str, tuple[str, int]]:
    """The Python modules of `candidates` (gitignored `.py` files) that a module of `modules`
    imports by a literal name, each with the first module importing it and the line (paths
    as found, absolute). A module imports one with an import statement (`import
    config_private`, `from config_private import *`, `from . import local_settings`) or a
    literal given to `importlib.import_module` or `__import__`
    (`importlib.import_module("config_private")`, gpt_academic's user settings), resolved
    as `readers` resolves a file's name: from the module's directory (its package, for a
    relative import) or a directory above it up to the scanned directory (`tops`)."""
    wanted = {os.path.normpath(c): c for c in candidates if c.endswith(".py")}
    stems = {os.path.basename(c)[:-3].encode() for c in wanted}
    found: dict[str, tuple[str, int]] = {}
    for module in modules:
        if len(found) == len(wanted):
            break
        try:
            data = read_bytes(module, MODULE_LIMIT)
        except UnreadableFile:
            continue
        if not any(stem in data for stem in stems):
            continue
        tree = python_tree(data)
        if tree is None:
            continue
        here = os.path.dirname(module)
        bases = _bases(here, tops)
        for name, level, line in sorted(imported_names(tree), key=lambda named: named[2]):
            for place in [_up(here, level - 1)] if level else bases:
                path = os.path.normpath(os.path.join(place, *name.split("."))) + ".py"
                config = wanted.get(path)
                if config is not None and config not in found:
                    found[config] = (module, line)
    return found


def _up(directory: str, levels: int) -> str:
    for _ in range(levels):
        directory = os.path.dirname(directory)
    return directory


# the functions importing a module by its name (`importlib.import_module("settings")`)
_IMPORTERS = frozenset({"import_module", "__import__"})


def imported_names(tree: ast.AST) -> list[tuple[str, int, int]]:
    """The dotted names of the modules `tree` imports by a literal name, each with its
    relative level (0: absolute) and line; for `from M import N`, both M and M.N (N may be
    a module)."""
    named: list[tuple[str, int, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            named += ((alias.name, 0, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if base:
                named.append((base, node.level, node.lineno))
            for alias in node.names:
                if alias.name != "*":
                    full = f"{base}.{alias.name}" if base else alias.name
                    named.append((full, node.level, node.lineno))
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            text = _text(node.args[0])
            if called in _IMPORTERS and text is not None:
                dots = len(text) - len(text.lstrip("."))
                named.append((text[dots:], dots, node.lineno))
    return [(n, level, line) for n, level, line in named if n and "/" not in n]


# how a module reads files (`_reading`): it parses one, it reads text, neither
_PARSES, _READS, _NEITHER = 2, 1, 0
# the functions that parse a file or its text (`toml.load`, `yaml.safe_load`), by last name
_PARSERS = frozenset({"load", "loads", "safe_load", "full_load", "load_dotenv", "dotenv_values"})
# the modules whose such functions those are
_PARSER_MODULES = frozenset({"toml", "tomllib", "tomli", "json", "yaml", "dotenv", "json5"})
# the methods reading a file's text
_TEXT_READS = frozenset({"read_text", "read_bytes", "read"})


def _reading(tree: ast.AST) -> int:
    """How a module reads files: it calls a parser of `_PARSER_MODULES` (`toml.load(...)`,
    `load_dotenv(...)` imported from one), or reads text (`open(path)` for reading,
    `path.read_text()`), or neither."""
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in _PARSER_MODULES
        for alias in node.names
    }
    found = _NEITHER
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            owner = func.value.id if isinstance(func.value, ast.Name) else ""
            if func.attr in _PARSERS and owner in _PARSER_MODULES:
                return _PARSES
            if func.attr in _TEXT_READS:
                found = _READS
        elif isinstance(func, ast.Name):
            if func.id in _PARSERS and func.id in imported:
                return _PARSES
            if func.id == "open" and _opens_for_reading(node):
                found = _READS
    return found


def _opens_for_reading(call: ast.Call) -> bool:
    """Whether `open(...)` is given no mode, or one that reads (`"r"`, `"rb"`)."""
    given = call.args[1] if len(call.args) > 1 else None
    given = next((k.value for k in call.keywords if k.arg == "mode"), given)
    if given is None:
        return True
    mode = _text(given)
    return mode is not None and "r" in mode and "+" not in mode


def _bases(directory: str, tops: Sequence[str]) -> list[str]:
    """`directory` and those above it up to the top of `tops` holding it (only itself where
    none does): where a name the module opens may be relative to."""
    top = max((t for t in tops if directory == t or directory.startswith(t + os.sep)), default="")
    bases = [directory]
    while top and directory != top:
        directory = os.path.dirname(directory)
        bases.append(directory)
    return bases


def _paths_named(tree: ast.AST) -> list[tuple[str, int]]:
    """The paths the module's code names with literals (see `readers`), with their lines."""
    named: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            # `os.path.join(here, "configs", "app.yaml")`: the literals after the last other
            literal: list[str] = []
            for arg in node.args:
                text = _text(arg)
                literal = [*literal, text] if text is not None else []
                if text is not None:
                    named.append((text, arg.lineno))
            if len(literal) > 1:
                named.append(("/".join(literal), node.lineno))
            named += ((t, k.lineno) for k in node.keywords if (t := _text(k.value)) is not None)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            # `here / "configs" / "app.yaml"`, the outermost division of a chain
            parts: list[str] = []
            while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
                text = _text(node.right)
                if text is None:
                    break
                parts.append(text)
                node = node.left
            if parts:
                named.append(("/".join(reversed(parts)), node.lineno))
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            text = _text(node.value)
            text = _joined_tail(node.value) if text is None else text
            if text is not None:
                named.append((text, node.lineno))
        elif isinstance(node, ast.arguments):
            defaults = [*node.defaults, *(d for d in node.kw_defaults if d is not None)]
            named += ((t, d.lineno) for d in defaults if (t := _text(d)) is not None)
    return named


def _joined_tail(node: ast.AST) -> str | None:
    """The path after the last value of an f-string, below the directory that value names
    (`f"{root_dir}/config.toml"`: `config.toml`), else None."""
    if not isinstance(node, ast.JoinedStr) or len(node.values) < 2:
        return None
    tail = node.values[-1]
    if not isinstance(tail, ast.Constant) or not isinstance(tail.value, str):
        return None
    return _text(ast.Constant(tail.value[1:])) if tail.value.startswith("/") else None


def _text(node: ast.AST) -> str | None:
    """The value of a short string literal that may be a relative path."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        value = node.value
        if 0 < len(value) < 256 and "\n" not in value and not os.path.isabs(value):
            return value
    return None


# ML401's reads of a mapping by a name built on a pass of a loop (`dict_read`), by module
# and OpenAI variable: the read and the loop's value on that pass
BuiltReads = Mapping[tuple[str, str], tuple[str, str]]


def built_reads(findings: Iterable[Finding]) -> dict[tuple[str, str], tuple[str, str]]:
    """The `BuiltReads` of `findings` (a run's)."""
    found = {}
    for f in findings:
        read, value = f.data.get("dict_read"), f.data.get("loop_value")
        variable = f.data.get("variable_from")
        if f.rule == "ML401" and isinstance(read, str) and isinstance(variable, str):
            found[(f.path, variable)] = (read, str(value))
    return found


def left_to_a_person(finding: Finding, reader: str, built: BuiltReads | None = None) -> Finding:
    """`finding`, in a gitignored file that `reader` (`app.py:3`) reads (a module: imports),
    as apply leaves it: without its edit, a fix to make by hand, saying why. A key that is
    an error only in a committed file (ML505's `if_committed`: the provider's key in
    gpt-pilot's `config.json`, where apply's Next line has users put it) is a note there.
    ML501 on a .env whose reader reads OpenAI's key there by a name it builds (`built`:
    gpt-pilot's `values.get(f"{provider.value.upper()}_API_KEY")` of `dotenv_values()`)
    says the program reads that name, not the provider's, until its ML401 is followed."""
    if finding.data.get("if_committed"):
        return kept_out(finding, reader)
    if built and finding.rule == "ML501":
        finding = _read_by_built_name(finding, reader, built)
    module = finding.path.endswith(".py")
    where = f"in a gitignored {'module' if module else 'file'} that {reader} " + (
        "imports" if module else "reads"
    )
    if finding.fix.rewritten:
        import shlex

        named = shlex.quote(finding.path)
        where += f": apply makes this edit only when the file is named, `apply {named}`"
    fix = FixClass.MANUAL if finding.fix.rewritten else finding.fix
    data = {**finding.data, "gitignored": True, "read_by": reader}
    message = f"{finding.message} ({where})"
    return replace(finding, fix=fix, message=message, edit=None, data=data)


def _read_by_built_name(finding: Finding, reader: str, built: BuiltReads) -> Finding:
    variable, target = finding.data.get("variable_from"), finding.data.get("variable_to")
    module = reader.rsplit(":", 1)[0]
    found = built.get((module, str(variable)))
    if found is None or not isinstance(target, str):
        return finding
    read, value = found
    role = "key" if variable in KEY_VARS_TO_SWITCH else "base URL"
    message = (
        f"{variable} is OpenAI's {role} variable, and {module} reads it from this file by a name "
        f'it builds (`{read}` on the pass for "{value}", its ML401), not {target}: make that read '
        f'{target} for "{value}" first, then put the provider\'s {role} in {target} here and '
        "remove this line"
        + (f" (apply adds `# {target}=`; the OpenAI key is never copied)" if role == "key" else "")
    )
    return replace(finding, message=message)


def kept_out(finding: Finding, reader: str | None = None) -> Finding:
    """ML505's key in a gitignored settings file the program reads (`reader`), or one named
    on the command line that git does not track (None): kept out of version control as a
    key should be, a note with nothing to do. Any other finding as it is."""
    if not finding.data.get("if_committed"):
        return finding
    where = f"that {reader} reads" if reader else "that git does not track"
    message = (
        f"API key {finding.data.get('secret')} in a config file "
        f"({finding.data.get('if_committed')}), "
        f"in a gitignored file {where}: kept out of version control, where a key "
        "belongs; nothing to do (a committed copy of this file would be an error)"
    )
    data = {**finding.data, "gitignored": True, **({"read_by": reader} if reader else {})}
    return replace(
        finding, severity=Severity.NOTE, fix=FixClass.NONE, message=message, edit=None, data=data
    )


def change_left(change: FileChange, reader: str, built: BuiltReads | None = None) -> FileChange:
    """`change`, for a gitignored file that `reader` reads, as apply leaves it: unchanged,
    its findings left to a person (`left_to_a_person`)."""
    findings = tuple(left_to_a_person(f, reader, built) for f in change.findings)
    return replace(change, after=change.before, findings=findings, fixed=())
