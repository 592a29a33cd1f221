"""The settings a module binds at its level to a read of OpenAI's key or base-URL variable, as
another module of the project imports them: which of them ML401 renames, so that the clients
given one move with it (`RunFacts.settings_renamed`), and which another module gives to a
client, class or request `apply` leaves on OpenAI or Azure OpenAI (`RunFacts.settings_left`),
so that ML401 does not rename it.

The rules read one module at a time. A read renamed in `config/server.py` (`API_BASE =
os.environ.get("OPENAI_API_BASE")` made to read the provider's variable, with its URL as the
default) changes what every module importing the name sends: `llm.py`'s `AzureOpenAI(
azure_endpoint=API_BASE, api_key=AZURE_KEY)`, which ML002 leaves, sent its Azure key to Zhipu
(t63c). So the modules of such a project are read again, with what the project's files tell,
for the names of the settings (`RunFacts.openai_key_settings`) given, as they are or as an
attribute of the module (`settings.API_BASE`), as a keyword argument of a construction that
`key_destinations.left_on_openai` says apply leaves (the key, base URL and endpoint keywords
an SDK client or framework class takes), or in the headers of a raw HTTP request to OpenAI
that ML403 leaves (`raw_http`: `headers={"Authorization": f"Bearer {OPENAI_API_KEY}"}`). A
name reaching such a call through other names or functions is not followed.

Which reads ML401 renames is decided by running it on their module, the project told
(`OPENAI_API_KEY`, the spellings `OPENAI_KEY` and `OPENAI_BASEURL`, a variable whose default or
use says its role: as it decides), so the settings followed are those it renames: one a raw
request of its own module sends to OpenAI is kept there, and so is not followed. A key setting
moves the clients given it only where its module binds the name once (`if not KEY: KEY =
st.secrets["openai_key"]` may leave the OpenAI key there) and its read has no default but
None, "" or a stand-in (a key literal there is OpenAI's): `bindings`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm import openai_sdk as sdk
from migrate_llm.reread import cst_context
from migrate_llm.secrets import find_secrets, is_placeholder
from migrate_llm.textio import python_parsed

if TYPE_CHECKING:
    import libcst as cst

    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python_context import PythonContext

# larger modules are taken not to give any: their second reading would cost too much
MAX_BYTES = 512 * 1024

# the keywords by which a client or class takes a key, a base URL or an endpoint
_KEYWORDS = frozenset({"azure_endpoint", *sdk.URL_ENTRY_NAMES, *sdk.KEY_ENTRY_NAMES})

# a setting given to a client apply leaves: (module as found, name, the call as shown)
Given = tuple[str, str, str]


# where a module binds a setting: the first and last lines of its read, and whether a client
# given it may move with it (bound once, its default holding no key)
Binding = tuple[int, int, bool]


def bindings(data: bytes, names: Iterable[str]) -> dict[str, Binding]:
    """Where a module (its bytes `data`) binds each of the settings `names` at its level to a
    read (`Binding`): followable where it binds it once, with no default but None, "" or a
    stand-in (`if not KEY: KEY = st.secrets["openai_key"]` may leave the OpenAI key there)."""
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    wanted = set(names)
    stores: dict[str, int] = {}
    rebound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            rebound |= wanted & set(node.names)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            stores[node.id] = stores.get(node.id, 0) + 1
        elif isinstance(node, ast.alias) and (node.asname or node.name) in wanted:
            rebound.add(node.asname or node.name)
    found: dict[str, Binding] = {}
    for statement in tree.body:
        if not isinstance(statement, (ast.Assign, ast.AnnAssign)) or statement.value is None:
            continue
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        if len(targets) != 1 or not isinstance(targets[0], ast.Name):
            continue
        name, value = targets[0].id, statement.value
        if name in wanted and name not in found:
            once = name not in rebound and stores.get(name) == 1
            lines = (value.lineno, value.end_lineno or value.lineno)
            found[name] = (*lines, once and _no_key(value))
    return found


def _no_key(read: ast.expr) -> bool:
    """Whether an environment read gives no key when its variable is unset: no default, or
    None, "" or a stand-in (`"your-api-key"`) as it."""
    if not isinstance(read, ast.Call):
        return True  # `os.environ[X]`
    given = [*read.args[1:], *(k.value for k in read.keywords if k.arg in ("default", "value"))]
    if not given:
        return True
    default = given[0]
    if not isinstance(default, ast.Constant) or (
        default.value is not None and not isinstance(default.value, str)
    ):
        return False
    from migrate_llm.rules.config_common import stand_in

    value = default.value
    if not value:
        return True
    secrets = find_secrets(value)
    return all(is_placeholder(f) for f in secrets) if secrets else stand_in(value)


class SettingRead(NamedTuple):
    """A setting of a module (`name`) whose read ML401 renames (`renamed`), and whether the
    clients given it move with it (`moves`: followable, and renamed to the provider's key
    variable or reading it already)."""

    name: str
    renamed: bool
    moves: bool


def settings_read(
    module: str, data: bytes, names: dict[str, str], rules: RuleContext
) -> list[SettingRead]:
    """What ML401, run with `rules` on the module `module` (its bytes `data`), does to the reads
    of its settings `names` (name: the variable read), for those it renames or clients may
    move with; nothing where it cannot be read."""
    from libcst import ParserSyntaxError

    from migrate_llm.rules.env_reads import OpenAIEnvVar
    from migrate_llm.rules.python import check_python

    key_env = rules.provider.api_key_env if rules.provider is not None else ""
    bound = bindings(data, names)
    edits: list[tuple[int, str]] = []
    if any(names[b] != key_env for b in bound):
        try:
            run = check_python(data.decode("utf-8"), rules, (OpenAIEnvVar,), path=module)
        except (UnicodeDecodeError, RecursionError, ParserSyntaxError):
            return []
        edits = [(f.line, f.edit.text) for f in run if f.edit is not None]
    found: list[SettingRead] = []
    for name, (first, last, followable) in bound.items():
        made = [text for line, text in edits if first <= line <= last]
        moves = followable and (names[name] == key_env or any(key_env in t for t in made))
        if made or moves:
            found.append(SettingRead(name, bool(made), moves))
    return found


def may_give(data: bytes, names: Iterable[str]) -> bool:
    """Whether a module's bytes may give one of the settings `names` (a byte test)."""
    words = "|".join(re.escape(n) for n in sorted(set(names)))
    return bool(words) and re.search(rf"\b(?:{words})\b".encode(), data) is not None


def settings_given(
    module: str,
    shown: str,
    data: bytes,
    settings: Iterable[tuple[str, str, str, str]],
    rules: RuleContext,
) -> list[Given]:
    """The (module as found, name) of `settings` (those whose read ML401 renames) that the
    module `module` (shown as `shown`, its bytes `data`) gives to a client, class or raw
    request that apply, run with `rules`, leaves, each with the call as shown
    (`AzureOpenAI() on llm.py:7`)."""
    own = [s for s in settings if s[0] != module]
    if not own or len(data) > MAX_BYTES or not may_give(data, (s[2] for s in own)):
        return []
    read = python_parsed(data)
    if read is None:
        return []
    with cst_context(read[0], rules, module) as ctx:
        return [] if ctx is None else _given(ctx, shown, own)


def _given(
    ctx: PythonContext, shown: str, settings: list[tuple[str, str, str, str]]
) -> list[Given]:
    import libcst as cst

    from migrate_llm.rules.key_destinations import left_on_openai
    from migrate_llm.rules.raw_http import raw_http

    held = [(f, n) for f, _, n, _ in settings]
    found: list[Given] = []
    for node in ctx.nodes:
        if type(node) is not cst.Call:
            continue
        for arg in node.args:
            if arg.keyword is None or arg.keyword.value not in _KEYWORDS:
                continue
            setting = setting_of(ctx, arg.value, held)
            if setting is not None and left_on_openai(ctx, node):
                line = ctx.position(node)[0][0]
                found.append((*setting, f"{ctx.code(node.func)}() on {shown}:{line}"))
    for group in raw_http(ctx).groups:
        for request in group.requests:
            if group.ok or request.url.kind != "openai":
                continue  # ML403 points it at the provider, or it is not OpenAI's
            line = ctx.position(request.call)[0][0]
            where = f"{ctx.code(request.call.func)}() on {shown}:{line}"
            for header in request.header_exprs:
                found += [(*s, where) for s in _named_in(ctx, header, held)]
    return found


def _named_in(
    ctx: PythonContext, expr: cst.CSTNode, settings: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The settings of `settings` named anywhere in `expr` (a request's headers)."""
    import libcst as cst

    if isinstance(expr, (cst.Name, cst.Attribute)):
        setting = setting_of(ctx, expr, settings)
        if setting is not None:
            return [setting]
    return [s for child in expr.children for s in _named_in(ctx, child, settings)]


def setting_of(
    ctx: PythonContext, expr: cst.CSTNode, settings: Iterable[tuple[str, str]]
) -> tuple[str, str] | None:
    """The one of `settings` (module as found, name) that `expr` is: a name imported from its
    module, or an attribute of a name bound to that module; else None."""
    import libcst as cst

    from migrate_llm.rules.project_calls import bound_module, from_import, imported_file

    settings = list(settings)
    if not settings:
        return None
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
        module, name = bound_module(ctx, expr.value), expr.attr.value
    elif isinstance(expr, cst.Name):
        imported = from_import(ctx, expr)
        module = (imported[0], imported[1]) if imported is not None else None
        name = imported[2] if imported is not None else ""
    else:
        return None
    if module is None:
        return None
    files = imported_file(ctx.path, module[0], module[1], {f for f, _ in settings})
    held = sorted({(f, n) for f, n in settings if f in files and n == name})
    return held[0] if len(held) == 1 else None
