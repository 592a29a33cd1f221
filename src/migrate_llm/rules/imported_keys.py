"""Where a key read of a module goes once another module of the project imports what holds it
(`RunFacts.key_imports`, t65b).

A read reaches the names a module binds at its level to it: the targets of the top-level
statement holding it (`if "K" in os.environ: key = os.environ["K"]`), or, for a read in a
top-level function, the functions calling that one by name (lmql's `get_openai_secret()`
calling `_get_secret_from_env()`), those functions themselves, and the targets of the
top-level statements calling one of them (`openai_secret, openai_org =
get_openai_secret()`). An importer sending such a name to an OpenAI URL apply leaves keeps
a read of OpenAI's key on OpenAI (ML401, manual); one sending it to the provider's URL makes
a key named for OpenAI there (`LMQL_OPENAI_SECRET`, a key file's `openai-secret:` line) an
OpenAI key sent to the provider (ML401, an error). A client given a name whose read stays
OpenAI's so stays with it (ML001, manual: `kept_import`).
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

import libcst as cst

from migrate_llm.rules.python_context import string_value

if TYPE_CHECKING:
    from migrate_llm.key_imports import KeyImport
    from migrate_llm.rules.python_context import PythonContext

# a word of a name holding a key
_KEY_WORD = re.compile(r"(?i)key|secret|token")
# a key variable named for OpenAI that is not OpenAI's own (`LMQL_OPENAI_SECRET`,
# `APP_OPENAI_KEY`): the program's name for the OpenAI key
_OPENAI_SECRET_VAR = re.compile(r"^[A-Z0-9_]*OPENAI[A-Z0-9_]*(?:SECRET|KEY)[A-Z0-9_]*$")
# the key of an OpenAI key in a key file the program reads, as the line holds it (`openai-secret:
# `, `openai_api_key=`), or hyphenated (`openai-secret`, no Python name): not a bare name
# (`kwargs.pop("openai_api_key")` takes a keyword argument)
_OPENAI_FILE_KEY = re.compile(
    r"(?i)^\s*(?:openai[-_ ]?(?:api[-_ ]?)?(?:secret|key)\s*[:=]"
    r"|openai-(?:api-)?(?:secret|key))\s*$"
)


def sent_import(ctx: PythonContext, read: cst.CSTNode, openai: bool) -> KeyImport | None:
    """The first import (`RunFacts.key_imports`) of a name `read` reaches (see the module's
    docstring) by a module holding an OpenAI URL apply leaves (`openai`), or the provider's
    URL; None otherwise."""
    facts = ctx.rules.facts.key_imports
    if not facts or not ctx.path:
        return None
    path = os.path.abspath(ctx.path)
    mine = sorted(k for k in facts if k.module == path and k.openai is openai)
    if not mine:
        return None
    reached = reaching_names(ctx, read)
    # a name saying it holds a key first (`openai_secret` before `openai_org`)
    mine.sort(key=lambda k: _KEY_WORD.search(k.name) is None)
    return next((k for k in mine if k.name in reached), None)


def shown_import(ctx: PythonContext, sent: KeyImport) -> str:
    """The name `sent` imports as messages show it: `get_key()` for a function of the
    module, else `api_key`."""
    functions = {s.name.value for s in ctx.module.body if isinstance(s, cst.FunctionDef)}
    return f"`{sent.name}()`" if sent.name in functions else f"`{sent.name}`"


def reaching_names(ctx: PythonContext, node: cst.CSTNode) -> set[str]:
    """The names of the module's level the value of `node` may be bound to (see the module's
    docstring)."""
    tops = {id(s) for s in ctx.module.body}
    top = next((a for a in ctx.ancestors(node) if id(a) in tops), None)
    if top is None or isinstance(top, cst.ClassDef):
        return set()
    if not isinstance(top, cst.FunctionDef):
        return _targets(top)
    functions = {s.name.value: s for s in ctx.module.body if isinstance(s, cst.FunctionDef)}
    reached = {top.name.value}
    grown = True
    while grown:
        grown = False
        for name, function in functions.items():
            if name not in reached and _calls(function, reached):
                reached.add(name)
                grown = True
    found = set(reached)
    for statement in ctx.module.body:
        if not isinstance(statement, (cst.FunctionDef, cst.ClassDef)) and _calls(
            statement, reached
        ):
            found |= _targets(statement)
    return found


def _calls(node: cst.CSTNode, names: set[str]) -> bool:
    """Whether `node` calls one of the functions `names` by name."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in names:
        return True
    return any(_calls(child, names) for child in node.children)


def _targets(node: cst.CSTNode) -> set[str]:
    """The names a statement of the module's level binds by assignment (outside functions
    and classes), unpacked ones too."""
    found: set[str] = set()
    if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
        return found
    if isinstance(node, cst.Assign):
        for target in node.targets:
            found |= _names_of(target.target)
    elif isinstance(node, (cst.AnnAssign, cst.AugAssign)):
        found |= _names_of(node.target)
    for child in node.children:
        found |= _targets(child)
    return found


def _names_of(target: cst.BaseExpression) -> set[str]:
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return {n for e in target.elements for n in _names_of(e.value)}
    return set()


def openai_named_secrets(ctx: PythonContext) -> list[tuple[cst.CSTNode, str, KeyImport]]:
    """Each string of the module naming a key of OpenAI's under the program's own name, the
    variable (`"LMQL_OPENAI_SECRET"`: `_OPENAI_SECRET_VAR`, not OpenAI's own variables, which
    ML401 reads otherwise) or a key file's entry (`"openai-secret: "`), whose value reaches a
    name a module of the project sends to the provider's URL (`sent_import`), with what it
    is ("the variable X", "the key file entry 'x'") and that import."""
    from migrate_llm import openai_sdk as sdk

    facts = ctx.rules.facts.key_imports
    if not facts or not ctx.path or ctx.rules.provider is None:
        return []
    path = os.path.abspath(ctx.path)
    if not any(k.module == path and not k.openai for k in facts):
        return []
    own = {ctx.rules.provider.api_key_env, *sdk.KEY_VARS_TO_SWITCH, *sdk.SDK_ENV_VARS}
    found: dict[str, tuple[cst.CSTNode, str, KeyImport]] = {}
    for node in ctx.nodes:
        if type(node) is not cst.SimpleString:
            continue
        text = string_value(node)
        if text is None:
            continue
        if _OPENAI_SECRET_VAR.match(text) and text not in own:
            what = f"the variable {text}"
        elif _OPENAI_FILE_KEY.match(text):
            what = f"the key file entry {text.strip()!r}"
        else:
            continue
        sent = None if what in found else sent_import(ctx, node, openai=False)
        if sent is not None:
            found[what] = (node, what, sent)
    return list(found.values())


def kept_import(ctx: PythonContext, part: cst.BaseExpression) -> KeyImport | None:
    """Where the key `part` a client is given is a name of another module of the project
    (`api_key` of `from config import api_key`, or `config.api_key` of `import config`) that
    a module holding an OpenAI URL apply leaves imports (`RunFacts.key_imports`): the first
    such import. ML401 leaves the key read reaching that name on OpenAI (`sent_import`), so a
    client given it stays with it (review r2 k2/k4: moved alone, it sent OpenAI's key to the
    provider)."""
    from migrate_llm.key_imports import module_file

    facts = ctx.rules.facts.key_imports
    if not facts or not ctx.path or not any(k.openai for k in facts):
        return None
    directory = os.path.dirname(os.path.abspath(ctx.path))
    found: list[tuple[str, str]] = []  # (module file, name)
    if isinstance(part, cst.Name):
        for binding in ctx.bindings(part):
            node = getattr(binding, "node", None)
            if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar):
                continue
            module = "" if node.module is None else ctx.code(node.module)
            for alias in node.names:
                name = ctx.code(alias.name)
                if (alias.evaluated_alias or name) == part.value:
                    path = module_file(directory, "." * len(node.relative), module)
                    if path is not None:
                        found.append((path, name))
    elif isinstance(part, cst.Attribute) and isinstance(part.value, (cst.Name, cst.Attribute)):
        holder = part.value
        root: cst.BaseExpression = holder
        while isinstance(root, cst.Attribute):
            root = root.value
        for binding in ctx.bindings(root) if isinstance(root, cst.Name) else ():
            node = getattr(binding, "node", None)
            if not isinstance(node, cst.Import):
                continue
            for alias in node.names:
                bound = alias.evaluated_alias or ctx.code(alias.name)
                if bound == ctx.code(holder):
                    path = module_file(directory, "", ctx.code(alias.name))
                    if path is not None:
                        found.append((path, part.attr.value))
    kept = sorted(k for k in facts if k.openai and (k.module, k.name) in found)
    return kept[0] if kept else None


def module_shown(ctx: PythonContext, module: str) -> str:
    """The project's module at `module` (an absolute path) as seen from the module read
    (`config.py`, `../settings/keys.py`)."""
    return os.path.relpath(module, os.path.dirname(os.path.abspath(ctx.path)))
