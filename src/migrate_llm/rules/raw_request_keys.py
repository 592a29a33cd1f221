"""The key a raw HTTP request to the provider sends, where it is not the provider's (ML403).

Once a request's URL points at the provider (apply's edit, or a person following ML402:
gpt_academic's `openai_endpoint` read from DASHSCOPE_BASE_URL), the key in its headers must be
the provider's too. A key read from a project setting (`get_conf("API_KEY")`, `config.API_KEY`)
or another variable is whatever the user put there: in gpt_academic, the OpenAI key, which then
went to DashScope. `header_keys` finds the key a request's headers send, `key_origin` where
it comes from, and whether it is traced to OpenAI's key: a name naming OpenAI, a key written
in the code, or a setting the project's module documents as OpenAI's key (a comment naming
OpenAI on or just above its assignment). `url_module` tells a URL taken from a project
module that holds the provider's URL or OpenAI's (`model_info[m]["endpoint"]`, `model_info`
imported from endpoints.py).

Other project modules are read with `ast`, as `settings_reads` reads a constant: one
module's rules cannot see them.
"""

from __future__ import annotations

import ast
import functools
import os
import re
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.gitignored import imported_names
from migrate_llm.import_roots import import_root, module_files, project_file_module
from migrate_llm.openai_sdk import KEY_HEADERS
from migrate_llm.registry import Provider
from migrate_llm.reread import module_text
from migrate_llm.rules.call_parameters import called_function, passed_value, returns_of
from migrate_llm.rules.env_names import EnvNames
from migrate_llm.rules.project_calls import from_import, project_module
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.secrets import find_secrets, is_placeholder, other_service
from migrate_llm.textio import MODULE_LIMIT

# the headers carrying a key, lowercased (OpenAI's `Authorization: Bearer`, Azure's `api-key`)
_BEARER = re.compile(r"(?i)^\s*bearer\s*$")
# a setting's name as a getter is given it (`get_conf("API_KEY")`)
_SETTING_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_DEPTH = 4
# how many directories up a namespace package's module is looked for (`project_file_module`)
_PROJECT_UP = 6


@dataclass(frozen=True)
class KeyOrigin:
    """Where a request's key comes from: `shown` (as a message says it), `name` (the setting
    or variable to give the provider's key; "" where none is shown) and `openai` (why it is
    OpenAI's key; "" where that is not traced)."""

    shown: str
    name: str = ""
    openai: str = ""


def header_keys(ctx: PythonContext, headers: list[cst.BaseExpression]) -> list[cst.CSTNode]:
    """The expressions whose values a request's headers send as its key: the value of an
    `Authorization` (or `api-key`) entry of a dict display (`header_dicts`), after a
    literal `Bearer `."""
    found: list[cst.CSTNode] = []
    for shown in (d for expr in headers for d in header_dicts(ctx, expr)):
        for element in shown.elements:
            if not isinstance(element, cst.DictElement):
                continue
            name = string_value(element.key)
            if name is None or name.lower() not in KEY_HEADERS:
                continue
            found += _after_bearer(ctx, element.value)
    return found


def header_dicts(ctx: PythonContext, expr: cst.BaseExpression, depth: int = 0) -> list[cst.Dict]:
    """The dict displays a request's headers may be: the expression itself, a name bound to
    one, or what a function of the module (a method of the class, `self.m()`) returns, also
    as the element of a returned tuple a name is unpacked from (gpt_academic's `headers,
    payload = generate_payload(...)`)."""
    if isinstance(expr, cst.Dict):
        return [expr]
    if depth >= _DEPTH:
        return []
    if isinstance(expr, cst.Call):
        return [d for r in _returned(ctx, expr) for d in header_dicts(ctx, r, depth + 1)]
    if not isinstance(expr, cst.Name):
        return []
    bound = ctx.bound_value(expr)
    if bound is not None:
        return header_dicts(ctx, bound, depth + 1)
    unpacked = _unpacked(ctx, expr)
    if unpacked is None:
        return []
    call, at = unpacked
    found: list[cst.Dict] = []
    for returned in _returned(ctx, call):
        if isinstance(returned, cst.Name):
            returned = ctx.bound_value(returned) or returned
        if isinstance(returned, cst.Tuple) and at < len(returned.elements):
            element = returned.elements[at]
            if not isinstance(element, cst.StarredElement):
                found += header_dicts(ctx, element.value, depth + 1)
    return found


def _returned(ctx: PythonContext, call: cst.Call) -> list[cst.BaseExpression]:
    """The values each `return` of the function of the module `call` calls gives back."""
    called = called_function(ctx, call)
    if called is None or not isinstance(call.func, (cst.Name, cst.Attribute)):
        return []
    if isinstance(call.func, cst.Name) and called[1]:
        return []  # a class: its instance is no dict
    return [r.value for r in returns_of(called[0]) if r.value is not None]


def _unpacked(ctx: PythonContext, name: cst.Name) -> tuple[cst.Call, int] | None:
    """The call a name is unpacked from, bound once (`headers, payload = f(...)`), and its
    position in the target tuple; None for another binding."""
    bound = ctx.bindings(name)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    target = bound[0].node
    if not isinstance(target, cst.Name):
        return None
    parents = ctx.ancestors(target)
    if len(parents) < 3:
        return None
    element, tuple_, assign = parents[-1], parents[-2], parents[-3]
    if isinstance(assign, cst.AssignTarget) and len(parents) >= 4:
        assign = parents[-4]
    if not (
        isinstance(element, cst.Element)
        and isinstance(tuple_, (cst.Tuple, cst.List))
        and isinstance(assign, cst.Assign)
        and len(assign.targets) == 1
        and isinstance(assign.value, cst.Call)
    ):
        return None
    elements = list(tuple_.elements)
    if any(isinstance(e, cst.StarredElement) for e in elements):
        return None
    return assign.value, elements.index(element)


def _after_bearer(ctx: PythonContext, value: cst.BaseExpression) -> list[cst.CSTNode]:
    """The parts of a header's value that are not the literal `Bearer `: what an f-string,
    `"Bearer " + key`, `"Bearer %s" % key` or `"Bearer {}".format(key)` puts after it (a name
    bound to one of them is followed)."""
    if isinstance(value, cst.Name):
        bound = ctx.bound_value(value)
        if bound is not None and isinstance(bound, (cst.FormattedString, *_FILLED)):
            value = bound
    if isinstance(value, cst.FormattedString):
        parts = [p.expression for p in value.parts if isinstance(p, cst.FormattedStringExpression)]
        text = "".join(p.value for p in value.parts if isinstance(p, cst.FormattedStringText))
        return [*parts, value] if not parts and text else list(parts)
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        left = string_value(value.left)
        if left is not None and _BEARER.match(left):
            return [value.right]
    filled = _filled_in(value)
    return [value] if filled is None else filled


# the expressions filling a template in: `"Bearer %s" % key`, `"Bearer {}".format(key)`
_FILLED = (cst.BinaryOperation, cst.Call)


def _filled_in(value: cst.BaseExpression) -> list[cst.CSTNode] | None:
    """The values a string template written in the code is filled in with (`"Bearer %s" %
    key`, `"Bearer %s" % (key,)`, `"Bearer {}".format(key)`, `.format(k=key)`); None for
    another expression."""
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Modulo):
        if string_value(value.left) is None:
            return None
        right = value.right
        if isinstance(right, cst.Tuple):
            return [e.value for e in right.elements if not isinstance(e, cst.StarredElement)]
        return [right]
    if (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value == "format"
        and string_value(value.func.value) is not None
    ):
        return [a.value for a in value.args if not a.star]
    return None


def key_origin(
    ctx: PythonContext, names: EnvNames, node: cst.CSTNode, provider: Provider, depth: int = 0
) -> KeyOrigin | None:
    """Where the key `node` comes from, None where it is the provider's key variable's value
    or no key (a placeholder written in the code)."""
    access = names.by_node.get(id(node))
    if access is not None and access.kind == "read" and access.sources:
        if provider.api_key_env in access.names:
            return None
        variable = sorted(access.names)[0]
        return KeyOrigin(f"the variable {variable}", variable, _named_openai(variable))
    value = string_value(node) if isinstance(node, cst.BaseExpression) else None
    if value is not None or isinstance(node, cst.FormattedString):
        text = value if value is not None else ctx.code(node)
        if not any(not is_placeholder(s) for s in find_secrets(text)):
            return None
        return KeyOrigin("a literal", "", "which has OpenAI's `sk-` key shape" if _sk(text) else "")
    if isinstance(node, cst.Name) and depth < _DEPTH:
        bound = ctx.bound_value(node)
        if bound is not None:
            return key_origin(ctx, names, bound, provider, depth + 1)
        branched = _branched(ctx, names, node, provider, depth + 1)
        if branched is not _UNTRACED:
            return branched
    code = ctx.code(node)
    setting = _setting(ctx, node)
    if setting is not None:
        why = _named_openai(setting) or _documented(ctx, node, setting)
        if isinstance(node, cst.Name):  # `from config import API_KEY [as KEY]`
            alias = f" as {code}" if code != setting else ""
            code = f"from {project_module(ctx, node)} import {setting}{alias}"
        return KeyOrigin(f"the setting {setting} (`{code}`)", setting, why)
    if isinstance(node, cst.Call) and depth < _DEPTH:
        returned = _returned(ctx, node)
        if returned:
            return _picked(ctx, names, returned, provider, code, depth + 1)
    last = node.attr.value if isinstance(node, cst.Attribute) else ""
    return KeyOrigin(f"`{code}`", "", _named_openai(last or code))


_UNTRACED = KeyOrigin("")


def _branched(
    ctx: PythonContext, names: EnvNames, node: cst.Name, provider: Provider, depth: int
) -> KeyOrigin | None:
    """Where the key a name assigned in several places (`if`/`else`) comes from: the first of
    its values traced to OpenAI's key, else the first naming a setting or variable that is
    not the provider's key, as one of its values; None where each is the provider's key;
    `_UNTRACED` where the name is bound once, or neither is found."""
    reaching = ctx.reaching(node)
    if len(reaching) < 2:
        return _UNTRACED
    values = [
        ctx.index.assigned.get(id(b.node)) if isinstance(b, Assignment) else None for b in reaching
    ]
    origins = [
        (v, key_origin(ctx, names, v, provider, depth)) if v is not None else (None, _UNTRACED)
        for v in values
    ]
    if all(o is None for _, o in origins):
        return None
    traced = [(v, o) for v, o in origins if v is not None and o is not None and o is not _UNTRACED]
    chosen = next(
        ((v, o) for v, o in traced if o.openai), next(((v, o) for v, o in traced if o.name), None)
    )
    if chosen is None:
        return _UNTRACED
    value, origin = chosen
    line = ctx.line_label(ctx.position(value)[0][0])
    shown = f"{origin.shown}, one of the values `{node.value}` is assigned ({line})"
    return KeyOrigin(shown, origin.name, origin.openai)


def _picked(
    ctx: PythonContext,
    names: EnvNames,
    returned: list[cst.BaseExpression],
    provider: Provider,
    code: str,
    depth: int,
) -> KeyOrigin | None:
    """Where the key a function of the module gives back comes from (a key selector,
    `select_key(model)`): the first of its returns traced to OpenAI's key, else the first not
    the provider's, where that names a setting or variable (else the call itself); None
    where each is the provider's key."""
    origins = [key_origin(ctx, names, r, provider, depth) for r in returned]
    found = [o for o in origins if o is not None]
    if not found:
        return None
    origin = next((o for o in found if o.openai), found[0])
    if not origin.openai and not origin.name:
        return KeyOrigin(f"`{code}`", "", _named_openai(code))
    return KeyOrigin(f"{origin.shown} through `{code}`", origin.name, origin.openai)


def _sk(text: str) -> bool:
    """Whether `text` holds a key of OpenAI's `sk-` shape (DashScope's keys share it), not a
    placeholder nor another service's (`sk-ant-`)."""
    return any(not is_placeholder(s) and other_service(s) is None for s in find_secrets(text))


def _named_openai(name: str) -> str:
    return "whose name names OpenAI" if "openai" in name.lower() else ""


def _setting(ctx: PythonContext, node: cst.CSTNode) -> str | None:
    """The name of the project setting `node` reads: a getter given it as a literal
    (`get_conf("API_KEY")`, `getattr(config, "API_KEY")`, `settings.get("API_KEY")`), an
    attribute of a project module (`config.API_KEY`) or a name imported from one (`from
    config import API_KEY`); None for anything else."""
    if isinstance(node, cst.Call):
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        func = node.func
        at = 1 if isinstance(func, cst.Name) and func.value == "getattr" else 0
        name = string_value(positional[at]) if len(positional) > at else None
        return name if name is not None and _SETTING_NAME.match(name) else None
    if (
        isinstance(node, cst.Attribute)
        and isinstance(node.value, cst.Name)
        and project_module(ctx, node.value) is not None
    ):
        return node.attr.value
    if isinstance(node, cst.Name) and project_module(ctx, node) is not None:
        imported = from_import(ctx, node)
        return imported[2] if imported is not None else None
    return None


def _documented(ctx: PythonContext, node: cst.CSTNode, setting: str) -> str:
    """Why the project's modules say `setting` is OpenAI's key: a module this one imports
    (by an import or a literal `import_module`), or one the getter is imported from
    imports, assigns it at its top level with a comment naming OpenAI on that line or just
    above, or a key (not a placeholder) of OpenAI's shape; "" where none does."""
    if not ctx.path:
        return ""
    here = os.path.dirname(ctx.path)
    modules = list(_imported_files(here, ctx.text))
    func = node.func if isinstance(node, cst.Call) else node
    root = func.value if isinstance(func, cst.Attribute) else func
    origin = project_module(ctx, root) if isinstance(root, cst.Name) else None
    if origin is not None:
        for path in module_files(here, origin):
            modules += [
                path,
                *_imported_files(os.path.dirname(path), module_text(path, MODULE_LIMIT)),
            ]
    for path in dict.fromkeys(modules):
        found = _assigned_openai(path, setting)
        if found:
            shown = os.path.relpath(path, import_root(here)).replace(os.sep, "/")
            return f"which {shown} {found}"
    return ""


def _imported_files(directory: str, text: str) -> list[str]:
    """The files of the project modules a module in `directory` imports by a literal name."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    found: list[str] = []
    for name, level, _ in imported_names(tree):
        dotted = "." * level + name
        found += module_files(directory, dotted)
    return found


def _namespace_files(directory: str, dotted: str) -> list[str]:
    """The file of the module `dotted` a file in `directory` imports from a namespace package
    of its project (`project_file_module`): in `directory` or the nearest directory above."""
    here = os.path.abspath(directory)
    for _ in range(_PROJECT_UP):
        found = module_files(here, dotted)
        parent = os.path.dirname(here)
        if found or parent == here or os.path.exists(os.path.join(here, ".git")):
            return found
        here = parent
    return []


def _assigned_openai(path: str, setting: str) -> str:
    """How the module at `path` says `setting` is OpenAI's key (`documents as OpenAI's key
    (line 2)`, `sets to a key of OpenAI's `sk-` shape (line 2)`), or ""."""
    try:
        stat = os.stat(path)
    except OSError:
        return ""
    return _assigned_openai_cached(path, setting, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _assigned_openai_cached(path: str, setting: str, _mtime: int, _size: int) -> str:
    text = module_text(path, MODULE_LIMIT)
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return ""
    lines = text.splitlines()
    for statement in tree.body:
        if not isinstance(statement, (ast.Assign, ast.AnnAssign)):
            continue
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        if not any(isinstance(t, ast.Name) and t.id == setting for t in targets):
            continue
        line = statement.lineno
        value = statement.value
        written = value.value if isinstance(value, ast.Constant) else None
        if isinstance(written, str) and _sk(written):
            return f"sets to a key of OpenAI's `sk-` shape (line {line})"
        comments = [lines[line - 1]] if line <= len(lines) else []
        above = line - 2
        while above >= 0 and lines[above].lstrip().startswith("#"):
            comments.append(lines[above])
            above -= 1
        if any("#" in c and "openai" in c[c.index("#") :].lower() for c in comments):
            return f"documents as OpenAI's key (line {line})"
    return ""


def url_module(ctx: PythonContext, expr: cst.BaseExpression, provider: Provider) -> tuple[str, str]:
    """The project module a URL read at run time comes from (`model_info[m]["endpoint"]`,
    `table.get(m)`, `endpoints.CHAT_URL`, through a name bound to one of them or a function
    of the module passing it through), with whose URL it holds: "openai" (an OpenAI host),
    "provider" (the provider's base-URL variable or host, and no OpenAI host); ("", "") for
    another."""
    root = expr
    for _ in range(_DEPTH * 2):
        if isinstance(root, cst.Name):
            bound = ctx.bound_value(root)
            if bound is None:
                break
            root = bound
        elif isinstance(root, (cst.Subscript, cst.Attribute)):
            root = root.value
        elif isinstance(root, cst.Call) and (passed := passed_value(ctx, root)) is not root:
            if passed is None:
                return "", ""
            root = passed  # gpt_academic's `verify_endpoint(url)`
        elif isinstance(root, cst.Call) and isinstance(root.func, cst.Attribute):
            if root.func.attr.value != "get":
                return "", ""
            root = root.func.value
        else:
            return "", ""
    if not isinstance(root, cst.Name) or not ctx.path:
        return "", ""
    here = os.path.dirname(ctx.path)
    module = project_module(ctx, root)
    paths = module_files(here, module) if module is not None else []
    imported = from_import(ctx, root) if module is None else None
    if imported is not None and not imported[0] and project_file_module(here, imported[1]):
        module = imported[1]  # from a namespace package (gpt_academic's `request_llms`)
        paths = _namespace_files(here, module)
    if module is None:
        return "", ""
    for path in paths:
        text = module_text(path, MODULE_LIMIT)
        if any(h in text for h in ctx.rules.openai.hosts):
            return module, "openai"
        if provider.base_url_env in text or any(h in text for h in provider.hosts):
            return module, "provider"
    return "", ""


def key_fix(provider: Provider, origin: KeyOrigin, with_it: str = "") -> str:
    """What a person does about a key `origin` names that a request sends the provider
    (`with_it`: said after the setting, ` with it`)."""
    if origin.name:
        return (
            f"set {origin.name} to {provider.name}'s key{with_it} (or send the key from "
            f"{provider.api_key_env})"
        )
    return f"send the key from {provider.api_key_env} there{with_it}"
