"""The settings a project gives only as the endpoint of an Azure OpenAI client or class that
`apply` leaves on Azure (`RunFacts.azure_endpoint_fields`), which ML401 does not rename.

arc53/DocsGPT's settings class has `OPENAI_API_BASE: Optional[str] = None  # azure openai api
base url`, read only as `AzureOpenAI(azure_endpoint=settings.OPENAI_API_BASE, ...)` (ML002
leaves that client to a person) and in tests of whether Azure is configured. Made to read the
provider's base-URL variable, the field would point that Azure client at the provider, with
its Azure key. The rules read one module at a time: this is the second reading of the Python
modules the screening flagged (`FIELD_READ`, a byte test), for their project.

Each module tells how it reads each attribute named like one of OpenAI's base-URL variables
(`settings.OPENAI_API_BASE`, `cfg.openai_api_base`): tested (`if settings.X:`, `bool(settings.X
and ...)`), which is no use of its value; given as the endpoint (`azure_endpoint=`, a base-URL
keyword) of an Azure client or class apply leaves (`key_destinations.left_on_openai`); or
anything else, a plain OpenAI `base_url=` too. A name read the first way and the second, never
the third, in the modules of a project is such a field. A module that cannot be read or parsed
uses each name otherwise: the field is renamed as before.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from migrate_llm import openai_sdk as sdk
from migrate_llm.reread import cst_context
from migrate_llm.textio import python_parsed

if TYPE_CHECKING:
    import libcst as cst

    from migrate_llm.rules.base import RuleContext

# larger modules use each name otherwise: their second reading would cost too much
MAX_BYTES = 512 * 1024

_SPELLINGS = sorted({n for v in sdk.BASE_URL_VARS_TO_SWITCH for n in (v, v.lower())})
# an attribute read of a name spelling one of OpenAI's base-URL variables (as a settings field
# names the variable it reads, in either case); group 1: the name
FIELD_READ = re.compile(rb"\.(" + b"|".join(n.encode() for n in _SPELLINGS) + rb")\b")
# the keywords by which an Azure client or class takes its endpoint
_ENDPOINT_KEYWORDS = frozenset({"azure_endpoint", *sdk.URL_ENTRY_NAMES})

# how a module reads a name: (name, "azure" or "other", the module as shown)
Use = tuple[str, str, str]


def field_uses(module: str, shown: str, data: bytes, rules: RuleContext) -> list[Use]:
    """How the module `module` (shown as `shown`, its bytes `data`) reads each name
    `FIELD_READ` finds there: "azure" where it gives it as the endpoint of an Azure client or
    class that apply, run with `rules`, leaves; "other" where it uses it otherwise (not where
    it only tests it)."""
    names = {m[1].decode() for m in FIELD_READ.finditer(data)}
    if not names:
        return []
    parsed = _parsed(data)
    if parsed is None:
        return [(name, "other", shown) for name in sorted(names)]
    text, tree = parsed
    other, endpoints = _reads(tree, names)
    if endpoints - other:
        azure, plain = _endpoints(module, text, rules)
        other |= plain
    else:
        azure = set()
    return [(n, "other", shown) for n in sorted(other)] + [
        (n, "azure", shown) for n in sorted(azure - other)
    ]


def _parsed(data: bytes) -> tuple[str, ast.Module] | None:
    """A module's text and Python's tree of it; None where it is too large, cannot be
    decoded or does not parse."""
    return None if len(data) > MAX_BYTES else python_parsed(data)


def azure_only(uses: Iterable[Use]) -> frozenset[tuple[str, str]]:
    """The (name, module as shown) of the "azure" uses of the names no module of the project
    uses otherwise (`RunFacts.azure_endpoint_fields`)."""
    uses = list(uses)
    other = {name for name, how, _ in uses if how == "other"}
    return frozenset(
        (name, shown) for name, how, shown in uses if how == "azure" and name not in other
    )


def _reads(tree: ast.Module, names: set[str]) -> tuple[set[str], set[str]]:
    """The names of `names` that `tree` reads as attributes otherwise than in a test or as
    the value of an endpoint keyword an Azure class may take (`_azure_keyword`), and those
    it gives as such a value."""
    parents: dict[int, ast.AST] = {}
    reads: list[ast.Attribute] = []
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
        if type(node) is ast.Attribute and node.attr in names and type(node.ctx) is ast.Load:
            reads.append(node)
    other: set[str] = set()
    endpoints: set[str] = set()
    for read in reads:
        above = parents.get(id(read))
        if isinstance(above, ast.keyword) and _azure_keyword(above, parents.get(id(above))):
            endpoints.add(read.attr)
        elif not _tested(read, parents):
            other.add(read.attr)
    return other, endpoints


def _azure_keyword(keyword: ast.keyword, call: ast.AST | None) -> bool:
    """Whether `keyword` may give an Azure client or class its endpoint: `azure_endpoint=`,
    or a base-URL keyword of a call whose name says Azure (`AzureOpenAI(base_url=...)`)."""
    if keyword.arg == "azure_endpoint":
        return True
    if keyword.arg not in _ENDPOINT_KEYWORDS or not isinstance(call, ast.Call):
        return False
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return "Azure" in name


def _tested(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    """Whether `node` is only tested: the test of an `if`, `while`, conditional expression or
    `assert`, or the argument of `bool()`, through `and`, `or`, `not` and comparisons."""
    while True:
        above = parents.get(id(node))
        if isinstance(above, (ast.BoolOp, ast.Compare)) or (
            isinstance(above, ast.UnaryOp) and isinstance(above.op, ast.Not)
        ):
            node = above
            continue
        if isinstance(above, (ast.If, ast.While, ast.IfExp, ast.Assert)):
            return above.test is node
        return (
            isinstance(above, ast.Call)
            and isinstance(above.func, ast.Name)
            and above.func.id == "bool"
            and above.args == [node]
        )


def _endpoints(module: str, text: str, rules: RuleContext) -> tuple[set[str], set[str]]:
    """The names given as the value of an endpoint keyword of an Azure client or class that
    apply, run with `rules`, leaves (ML002's manual finding: its key may be Azure's), and those
    given so to any other call but an Azure one apply converts (whose endpoint it drops). A
    module libcst cannot parse gives each name to another call."""
    import libcst as cst

    from migrate_llm.rules.key_destinations import left_on_openai, on_azure

    with cst_context(text, rules, module) as ctx:
        if ctx is None:
            return set(), set(_SPELLINGS)
        azure: set[str] = set()
        other: set[str] = set()
        for node in ctx.nodes:
            if type(node) is not cst.Call:
                continue
            given = _endpoint_names(node)
            if not given:
                continue
            if not on_azure(ctx, node):
                other |= given
            elif left_on_openai(ctx, node):
                azure |= given
        return azure, other


def _endpoint_names(call: cst.Call) -> set[str]:
    """The names `FIELD_READ` spells read as attributes for an endpoint keyword of `call`."""
    import libcst as cst

    return {
        arg.value.attr.value
        for arg in call.args
        if arg.keyword is not None
        and arg.keyword.value in _ENDPOINT_KEYWORDS
        and isinstance(arg.value, cst.Attribute)
        and arg.value.attr.value in _SPELLINGS
    }
