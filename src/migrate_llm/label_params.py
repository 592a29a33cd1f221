"""The parameters of a project's functions that are only compared with string labels, for the
modules passing them an OpenAI model id.

self-operating-computer's operate/models/apis.py calls `get_system_prompt("gpt-4o",
objective)`, imported from operate/models/prompts.py, which only compares `model` with the
program's own labels (`if model == "gpt-4-with-som":`) to pick a prompt: the value never
reaches a request. In one module ML205 sees that (`ModelSites.labels_only`) and leaves it with
a note; across modules it warned, and `check` stayed red on it alone (t54a D2). prompts.py
names no OpenAI code, so the screening does not mark it: the modules the rules read that pass
an OpenAI model id to a function imported by name (`passed_imports`) name the modules read
again (`label_params`: every top-level function's parameters read only so), and what they hold
goes into the project's facts (`RunFacts.label_params`) for those calls
(`rules.imported_labels`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm.reread import cst_context
from migrate_llm.textio import python_parsed

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

# a module larger than this is not read again (its calls keep ML205's warning)
MAX_BYTES = 256 * 1024
# a string literal given to a call, first or after other arguments on the same line
_PASSED_STRING = re.compile(rb"\w\([^()\n]*['\"]")
# the text of a string literal compared with a value, after or before the operator (on one
# line, no quote or escape in it: as a model id is written)
_COMPARED_LITERALS = (
    re.compile(rb"[=!]=\s*[rbuRBU]?(?P<q>\"\"\"|'''|['\"])(?P<value>[^'\"\\\n]*)(?P=q)"),
    re.compile(rb"(?P<q>\"\"\"|'''|['\"])(?P<value>[^'\"\\\n]*)(?P=q)\s*[=!]="),
)


class LabelParam(NamedTuple):
    """The parameter `param` of the top-level function `function` of the module `module` (its
    file name as `PythonContext.path` gives it; `shown`: as messages show it), whose index
    among the positional parameters is `position` (-1: keyword only), read only to compare it
    with the string literals `labels` and to show it in a message (`printed`); `callers`: the
    modules (as `module` names them) whose import of the function names this module."""

    module: str
    shown: str
    function: str
    param: str
    position: int
    labels: tuple[str, ...]
    printed: bool
    callers: tuple[str, ...] = ()


def passed_imports(data: bytes, serves: Callable[[str], bool]) -> list[tuple[str, str, str]]:
    """(leading dots, module, name) of the functions a module's bytes import by name (`from M
    import f`) and call with a string literal that `serves` takes for an OpenAI model id,
    by position or keyword; none where it cannot be parsed or is large."""
    return passed_and_imported(data, serves, False)[0]


def passed_and_imported(
    data: bytes,
    serves: Callable[[str], bool],
    every: bool,
    parse: Callable[[bytes], tuple[str, ast.Module] | None] = python_parsed,
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(leading dots, module, name) of the functions a module's bytes import by name and
    pass an OpenAI model id (`passed_imports`), and where `every`, of every name they import
    by name (`from M import f`, anywhere in them), whatever it is given: such a function of
    another module of the project may be handed a response's model (`cost(n, r.model)`), so
    the comparisons inside it may decide otherwise after the switch
    (`ModelSites.label_parameter`). Parsed once, by `parse`; none where they cannot be
    parsed or are large."""
    if len(data) > MAX_BYTES or b"import" not in data:
        return [], []
    passing = _PASSED_STRING.search(data) is not None
    if not (passing or every):
        return [], []
    parsed = parse(data)
    if parsed is None:
        return [], []
    tree = parsed[1]
    anywhere: dict[tuple[str, str, str], None] = {}
    if every:
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    anywhere["." * node.level, node.module or "", alias.name] = None
    imported: dict[str, tuple[str, str, str]] = {}
    for node in tree.body if passing else ():
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                dots = "." * node.level
                imported[alias.asname or alias.name] = (dots, node.module or "", alias.name)
    found: dict[tuple[str, str, str], None] = {}
    for call in ast.walk(tree) if imported else ():
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id in imported
            and any(
                isinstance(v, ast.Constant) and isinstance(v.value, str) and serves(v.value)
                for v in (*call.args, *(k.value for k in call.keywords))
            )
        ):
            found[imported[call.func.id]] = None
    return list(found), list(anywhere)


def compares_models(data: bytes, names: Callable[[str], bool]) -> bool:
    """Whether a module's bytes may compare a value with a string literal (`== "gpt-4o"`,
    `"gpt-4o" !=`) that `names` takes for a model id, whole or after a prefix
    (`"openai/gpt-4o"`): only such a comparison can be one ML205 places, so only such a
    module can hold a parameter whose note another module's import takes back."""
    for pattern in _COMPARED_LITERALS:
        for found in pattern.finditer(data):
            value = found.group("value").decode("utf-8", "replace")
            if any(names(v) for v in (value, value.partition(":")[2], value.partition("/")[2])):
                return True
    return False


def label_params(
    module: str,
    shown: str,
    data: bytes,
    rules: RuleContext,
    parsed: tuple[str, ast.Module] | None = None,
) -> list[LabelParam]:
    """The parameters of the top-level functions of a module's bytes that are read only to
    compare them with string labels (see the module's docstring); none where it cannot be
    read or parsed (`parsed`: Python's parse of the bytes where the caller has it)."""
    if len(data) > MAX_BYTES or b"def " not in data:
        return []
    # Python's parser first: it refuses what libcst would choke on
    read = python_parsed(data) if parsed is None else parsed
    if read is None:
        return []
    text = read[0]
    import libcst as cst

    from migrate_llm.rules.model_sites import ModelSites

    with cst_context(text, rules, module) as ctx:
        if ctx is None:
            return []
        sites = ModelSites.of(ctx)
        found = []
        for function in ctx.module.body:
            if not isinstance(function, cst.FunctionDef):
                continue
            params = function.params
            positional = [*params.posonly_params, *params.params]
            for param in (*positional, *params.kwonly_params):
                labelled = sites.param_labels(param)
                if labelled is None:
                    continue
                labels, printed = labelled
                position = next((i for i, p in enumerate(positional) if p is param), -1)
                found.append(
                    LabelParam(
                        module,
                        shown,
                        function.name.value,
                        param.name.value,
                        position,
                        tuple(labels),
                        printed,
                    )
                )
        return found
