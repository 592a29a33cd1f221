"""The settings a module binds at its level to a read of OpenAI's key or base-URL variable that
another module of the project gives to a client or class `apply` leaves on OpenAI or Azure
OpenAI (`RunFacts.settings_left`): ML401 does not rename such a read.

The rules read one module at a time. A read renamed in `config/server.py` (`API_BASE =
os.environ.get("OPENAI_API_BASE")` made to read the provider's variable, with its URL as the
default) changes what every module importing the name sends: `llm.py`'s `AzureOpenAI(
azure_endpoint=API_BASE, api_key=AZURE_KEY)`, which ML002 leaves, sent its Azure key to Zhipu
(t63c). So the modules building a client (`USES_OPENAI_CLIENT`) are read again, with what the
project's files tell, for the names of the settings (`RunFacts.openai_key_settings`) given,
as they are or as an attribute of the module (`settings.API_BASE`), as a keyword argument of
a construction that `key_destinations.left_on_openai` says apply leaves: the key, base URL
and endpoint keywords an SDK client or framework class takes. A name reaching such a call
through other names or functions is not followed (ML401 renames that read as before).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from migrate_llm import openai_sdk as sdk
from migrate_llm.reread import cst_context
from migrate_llm.textio import python_parsed

if TYPE_CHECKING:
    import libcst as cst

    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python_context import PythonContext

# larger modules are taken not to give any: their second reading would cost too much
MAX_BYTES = 512 * 1024

# the keywords by which a client or class takes a key, a base URL or an endpoint
_KEYWORDS = frozenset({"azure_endpoint", *sdk.URL_ENTRY_NAMES, *sdk.KEY_ENTRY_NAMES})
# OpenAI's variables whose reads ML401 renames, and so follows here
_VARIABLES = (sdk.KEY_VARS_TO_SWITCH - {sdk.AZURE_KEY_VAR}) | sdk.BASE_URL_VARS_TO_SWITCH

# a setting given to a client apply leaves: (module as found, name, the call as shown)
Given = tuple[str, str, str]


def followed(settings: Iterable[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """Of `RunFacts.openai_key_settings`, the settings reading one of OpenAI's variables."""
    return [s for s in settings if s[3] in _VARIABLES]


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
    """The (module as found, name) of `settings` that the module `module` (shown as `shown`,
    its bytes `data`) gives to a client or class that apply, run with `rules`, leaves, each
    with the call as shown (`AzureOpenAI() on llm.py:7`)."""
    own = [s for s in followed(settings) if s[0] != module]
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

    found: list[Given] = []
    for node in ctx.nodes:
        if type(node) is not cst.Call:
            continue
        for arg in node.args:
            if arg.keyword is None or arg.keyword.value not in _KEYWORDS:
                continue
            setting = _setting(ctx, arg.value, settings)
            if setting is not None and left_on_openai(ctx, node):
                line = ctx.position(node)[0][0]
                found.append((*setting, f"{ctx.code(node.func)}() on {shown}:{line}"))
    return found


def _setting(
    ctx: PythonContext, expr: cst.BaseExpression, settings: list[tuple[str, str, str, str]]
) -> tuple[str, str] | None:
    """The setting of `settings` (module as found, name) that `expr` is: a name imported from
    its module, or an attribute of a name bound to that module."""
    import libcst as cst

    from migrate_llm.rules.project_calls import bound_module, from_import, imported_file

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
    files = imported_file(ctx.path, module[0], module[1], {s[0] for s in settings})
    held = sorted((f, n) for f, _, n, _ in settings if f in files and n == name)
    return held[0] if len(held) == 1 else None
