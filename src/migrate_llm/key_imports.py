"""The names a project's modules holding a request URL import from another of its modules
(t65b: lmql's `openai_api.py` importing `openai_secret` from `openai_secret.py`).

The rules read one module at a time. `openai_secret.py` reads OPENAI_API_KEY into a name
bound at its level; `openai_api.py` imports that name and sends it as `Authorization:
Bearer ...` to `https://api.openai.com/v1/chat/completions`, a URL apply leaves (ML402).
ML401, seeing only the first module, renamed the read: the provider's key then went to
OpenAI. And once the user pointed the URL at the provider, the key still came from
`LMQL_OPENAI_SECRET` or the `openai-secret:` line of a key file, an OpenAI key sent to the
provider, which nothing reported. So the modules holding OpenAI's URL or the provider's
(`HOLDS_REQUEST_URL`) are read again, and each name such a module imports from another
module of the project (anywhere in it, also inside a function) and uses goes into the
project's facts (`RunFacts.key_imports`) with the URL the module holds: an OpenAI URL apply
leaves (ML402, or a raw request ML403 leaves), or the provider's own. ML401 follows a key
read of the module defining the name to it (`rules.imported_keys`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm.reread import parsed_context

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python_context import PythonContext

# a module larger than this is not read again
MAX_BYTES = 256 * 1024

# how many directories above a module an absolute import's package may stand
# (`callee_keys._ABOVE`)
_ABOVE = 3


class KeyImport(NamedTuple):
    """The name `name` of the project's module at `module` (an absolute path), imported and
    used by the module `sender` (as messages show it), which holds on line `line` the URL
    `url`: an OpenAI URL apply leaves (`openai`, its rule `rule`: ML402 or ML403), else the
    provider's (`rule` "")."""

    module: str
    name: str
    sender: str
    line: int
    url: str
    openai: bool
    rule: str


def key_imports(module: str, shown: str, data: bytes, rules: RuleContext) -> list[KeyImport]:
    """The names the module at `module` (shown as `shown`, its bytes `data`) imports from
    another module of the project (`KeyImport`); none where it cannot be parsed, holds no
    OpenAI URL apply leaves nor the provider's URL, or the run does not switch provider."""
    if rules.provider is None or not rules.switching or len(data) > MAX_BYTES:
        return []
    with parsed_context(data, rules, module) as ctx:
        if ctx is None:
            return []
        held = _openai_urls_left(ctx) or _provider_urls(ctx)
        if not held:
            return []
        found = []
        for name, path, spans in _imported_names(ctx):
            # the URL beside the name's uses where there is one (lmql's endpoint in
            # `get_endpoint_and_headers`, not the Azure branch above it)
            near = [h for h in held if any(first <= h[0] <= last for first, last in spans)]
            line, url, rule = (near or held)[0]
            found.append(KeyImport(path, name, shown, line, url, bool(rule), rule))
        return found


def _openai_urls_left(ctx: PythonContext) -> list[tuple[int, str, str]]:
    """(line, URL, rule) of each OpenAI URL of the module that apply leaves: ML402's manual
    warnings (`urls_left`) and the raw requests to OpenAI ML403 leaves."""
    from migrate_llm.rules.openai_urls import urls_left
    from migrate_llm.rules.raw_http import raw_http

    found = [(ctx.position(node)[0][0], url, "ML402") for node, url in urls_left(ctx)]
    for group in raw_http(ctx).groups:
        for request in group.requests:
            if not group.ok and request.url.kind == "openai":
                line = ctx.position(request.call)[0][0]
                found.append((line, request.url.text or "OpenAI's URL", "ML403"))
    return sorted(found)


def _provider_urls(ctx: PythonContext) -> list[tuple[int, str, str]]:
    """(line, URL, "") of the strings of the module naming the provider's base-URL variable
    or its base URL's host: a request there goes to the provider."""
    import libcst as cst

    from migrate_llm.rules.python_context import string_value

    provider = ctx.rules.provider
    assert provider is not None
    host = provider.base_url.split("//", 1)[-1].split("/", 1)[0]
    words = [w for w in (provider.base_url_env, host) if w]
    if not any(ctx.mentions(w) for w in words):
        return []
    found = []
    for node in ctx.nodes:
        if type(node) is not cst.SimpleString:
            continue
        text = string_value(node) or ""
        if any(w in text for w in words):
            found.append((ctx.position(node)[0][0], provider.base_url, ""))
    return found


def _imported_names(ctx: PythonContext) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(name, the absolute path of its module, the lines of the top-level statements reading
    it) of each name the module imports from another module of the project (`from M import N
    [as X]`, also inside a function) and reads besides."""
    import libcst as cst

    if not ctx.path:
        return []
    directory = os.path.dirname(os.path.abspath(ctx.path))
    here = os.path.abspath(ctx.path)
    read = {n.value for n in ctx.nodes if type(n) is cst.Name}
    found: list[tuple[str, str, list[tuple[int, int]]]] = []
    for node in ctx.nodes:
        if type(node) is not cst.ImportFrom or isinstance(node.names, cst.ImportStar):
            continue
        dots = "." * len(node.relative)
        module = "" if node.module is None else ctx.code(node.module)
        path = module_file(directory, dots, module)
        if path is None or path == here:
            continue
        for alias in node.names:
            name = ctx.code(alias.name)
            bound = alias.evaluated_alias or name
            spans = _read_besides(ctx, bound, read) if "." not in name else []
            if spans:
                found.append((name, path, spans))
    return found


def _read_besides(ctx: PythonContext, bound: str, read: set[str]) -> list[tuple[int, int]]:
    """The first and last lines of the top-level statements where the module reads the name
    `bound` outside its imports."""
    import libcst as cst

    if bound not in read:
        return []
    tops = {id(s) for s in ctx.module.body}
    spans = []
    for n in ctx.nodes:
        if type(n) is not cst.Name or n.value != bound:
            continue
        parents = ctx.ancestors(n)
        if any(isinstance(a, cst.ImportFrom) for a in parents):
            continue
        top = next((a for a in parents if id(a) in tops), n)
        (first, _), (last, _) = ctx.position(top)
        spans.append((first, last))
    return spans


def module_file(directory: str, dots: str, module: str) -> str | None:
    """The file of the project's module `dots` + `module` imported from `directory`, for an
    absolute import also from a directory up to `_ABOVE` levels above it; None where there
    is not one."""
    from migrate_llm.import_roots import module_files

    here = directory
    for _ in range(1 + (0 if dots else _ABOVE)):
        files = module_files(here, dots + module)
        if len(files) == 1:
            return os.path.abspath(files[0])
        here = os.path.dirname(here)
    return None
