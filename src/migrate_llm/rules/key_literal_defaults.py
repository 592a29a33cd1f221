"""String literals a client's key falls back on: a default written in the code.

ChatPaper (t53c D2) takes the key from `parser.add_argument("--api_key", default=
"sk-xxxxxxxxxxxx", help="your openai api key!")`, hands `args.api_key` to a reader that sets
`openai.api_key = self.chat_api_list[0]`; apply keeps that key on the client it builds, with
the provider's variable only where it is empty (`key or os.environ.get(...)`): the placeholder
is never empty, so it wins over DEEPSEEK_API_KEY and goes to DeepSeek (401), and a real key
written there would too. The key a client is given (`OpenAI(api_key=...)`, `client.api_key =
...`, or `openai.api_key = ...` where ML301 moves it onto the clients) is followed back through
names, `self.` attributes, subscripts, lists, `or` and the string methods that keep what their
receiver held, to the defaults it may take: an argparse option's `default=` (an attribute
named as the option's destination), a parameter's default, the fallback of a `.get(key,
default)` that is no environment read, and a literal a name or attribute is bound to. ML004
reports each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.config_pairs import added_values
from migrate_llm.rules.python_context import (
    ENV_NAME,
    PythonContext,
    keyword,
    self_attribute,
    string_value,
)

# the methods of str and list whose result holds what their receiver held
_CARRIED = frozenset({"strip", "lstrip", "rstrip", "split", "replace", "copy"})
_DEPTH = 10


@dataclass(frozen=True)
class KeyDefault:
    """A literal a client's key may take: what it is (`what`: "the default of --api_key"), the
    line of the client's key it reaches, and the help text of its option, if any."""

    what: str
    line: int
    help: str | None = None


def key_defaults(ctx: PythonContext) -> dict[int, KeyDefault]:
    """The literals (by id) the keys of the module's clients may take (see the module's
    docstring); found once per module."""
    found = ctx.analyses.get(key_defaults)
    if found is None:
        found = ctx.analyses[key_defaults] = _find(ctx) if "api_key" in ctx.text else {}
    return cast(dict[int, KeyDefault], found)


def _keys(ctx: PythonContext) -> list[tuple[cst.BaseExpression, int]]:
    """The parts of a key that apply keeps on a client it points at the provider
    (`clients.passed_keys`: a name bound to a literal it replaces) with their line: of a
    client's `api_key=`, of `client.api_key = ...`, of `openai.api_key = ...` that ML301 moves
    onto the clients it builds."""
    from migrate_llm.rules.clients import passed_keys
    from migrate_llm.rules.legacy_config import key_on_clients

    found: list[tuple[cst.BaseExpression, int]] = []
    for node in ctx.nodes:
        # exact types: `isinstance` goes through ABCMeta (asked of every node)
        if type(node) is cst.Call and ctx.constructed_client(node) is not None:
            arg = keyword(node, "api_key")
            if arg is not None and _converted(ctx, node):
                found.extend(
                    (part, ctx.position(arg)[0][0]) for part in passed_keys(ctx, arg.value)
                )
        elif type(node) is cst.Assign and len(node.targets) == 1:
            target = node.targets[0].target
            if not isinstance(target, cst.Attribute) or target.attr.value != "api_key":
                continue
            if "openai.api_key" in ctx.qualnames(target):
                if key_on_clients(ctx, node) is None:
                    continue
            else:
                sources = ctx.client_sources(target.value)
                if not sources or not all(s is not None and _converted(ctx, s) for s in sources):
                    continue
            line = ctx.position(node)[0][0]
            found.extend((part, line) for part in passed_keys(ctx, node.value))
    return found


def _converted(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether the client `call` builds goes to the provider once migrated: it is given no
    base URL (OpenAI's, which apply replaces), OpenAI's or the provider's, or a read of a
    variable holding one; not a base URL the program hands it (a service its user
    configures)."""
    from migrate_llm.rules.clients import env_var_read
    from migrate_llm.rules.env_roles import base_url_variables
    from migrate_llm.rules.url_keys import openai_base_urls

    arg = next((a for a in call.args if a.keyword and a.keyword.value in _URL_KEYWORDS), None)
    if arg is None:
        return True
    provider = ctx.rules.provider
    urls = openai_base_urls(ctx) | ({provider.base_url} if provider is not None else set())
    variables = base_url_variables(ctx) | ({provider.base_url_env} if provider else set())
    text = string_value(arg.value)
    if text is not None:
        return text.rstrip("/") in urls
    read = env_var_read(ctx, arg.value)
    return read is not None and read[0] in variables


# the keywords of a client's base URL
_URL_KEYWORDS = frozenset({"base_url", "azure_endpoint"})


def _find(ctx: PythonContext) -> dict[int, KeyDefault]:
    keys = _keys(ctx)
    if not keys:
        return {}
    walk = _Walk(ctx)
    for value, line in keys:
        walk.key(value, line)
    return walk.found


class _Walk:
    """Follows each key back to the literals it may take (`KeyDefault`s, by id)."""

    def __init__(self, ctx: PythonContext) -> None:
        self.ctx = ctx
        self.options = _options(ctx)
        self.added = added_values(ctx)
        self.found: dict[int, KeyDefault] = {}
        self.line = 0
        self.seen: set[int] = set()

    def key(self, value: cst.BaseExpression, line: int) -> None:
        self.line, self.seen = line, set()
        self.walk(value, 0, top=True)

    def hold(self, literal: cst.BaseExpression, what: str, help: str | None = None) -> None:
        text = string_value(literal)
        if text and text.strip() and not ENV_NAME.fullmatch(text):
            self.found.setdefault(id(literal), KeyDefault(what, self.line, help))

    def walk(self, node: cst.BaseExpression, depth: int, top: bool = False) -> None:
        if id(node) in self.seen or depth > _DEPTH:
            return
        self.seen.add(id(node))
        ctx = self.ctx
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            if not top:  # the key itself: apply replaces a literal there (safe)
                self.hold(node, "a literal it is bound to")
        elif isinstance(node, cst.Subscript):
            self.walk(node.value, depth + 1)
        elif isinstance(node, (cst.List, cst.Tuple)):
            for element in node.elements:
                self.walk(element.value, depth + 1)
        elif isinstance(node, cst.BooleanOperation):
            self.walk(node.left, depth + 1, top)
            if string_value(node.right) is not None:
                self.hold(node.right, f"the fallback of `{ctx.code(node.left)}`")
            else:
                self.walk(node.right, depth + 1, top)
        elif isinstance(node, cst.IfExp):
            self.walk(node.body, depth + 1, top)
            self.walk(node.orelse, depth + 1, top)
        elif isinstance(node, cst.Call):
            self.call(node, depth)
        elif isinstance(node, cst.Attribute) and self_attribute(node):
            for v in (*ctx.self_values(node), *self.added.get(ctx.code(node), ())):
                self.walk(v, depth + 1)
        elif isinstance(node, cst.Attribute):
            option = self.options.get(node.attr.value)
            if option is not None:
                self.hold(option[0], f"the default of {option[1]}", option[2])
        elif isinstance(node, cst.Name):
            self.name(node, depth)

    def call(self, node: cst.Call, depth: int) -> None:
        from migrate_llm.rules.clients import env_var_read  # it imports rules using this

        func, ctx = node.func, self.ctx
        if not isinstance(func, cst.Attribute):
            return
        if func.attr.value in _CARRIED:
            self.walk(func.value, depth + 1)
        elif (
            func.attr.value == "get"
            and len(node.args) == 2
            and env_var_read(ctx, node) is None
            and string_value(node.args[1].value) is not None
        ):
            read = f"{ctx.code(func)}({ctx.code(node.args[0].value)}, ...)"
            self.hold(node.args[1].value, f"the default of `{read}`")

    def name(self, node: cst.Name, depth: int) -> None:
        for binding in self.ctx.bindings(node):
            if not isinstance(binding, Assignment):
                continue
            target = binding.node
            if isinstance(target, cst.Param):
                if target.default is not None and string_value(target.default) is not None:
                    self.hold(target.default, f"the default of parameter `{target.name.value}`")
                continue
            assigned = self.ctx.index.assigned.get(id(target))
            if assigned is not None:
                self.walk(assigned, depth + 1)
        for v in self.added.get(node.value, ()):
            self.walk(v, depth + 1)


def _options(ctx: PythonContext) -> dict[str, tuple[cst.BaseExpression, str, str | None]]:
    """argparse's options with a string default, by destination (`api_key` for
    `add_argument("--api_key", default="sk-...")` or `--api-key`, or its `dest=`): the
    default, the option as written, its help text."""
    found: dict[str, tuple[cst.BaseExpression, str, str | None]] = {}
    for node in ctx.nodes:
        if not (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "add_argument"
        ):
            continue
        default = keyword(node, "default")
        if default is None or string_value(default.value) is None:
            continue
        flags = [string_value(a.value) or "" for a in node.args if a.keyword is None]
        longs = [f for f in flags if f.startswith("--")]
        dest_arg = keyword(node, "dest")
        dest = string_value(dest_arg.value) if dest_arg is not None else None
        shown = (longs or flags or [""])[0]
        if dest is None and shown:
            dest = shown.lstrip("-").replace("-", "_")
        if dest:
            help_arg = keyword(node, "help")
            help = string_value(help_arg.value) if help_arg is not None else None
            found[dest] = (default.value, shown or dest, help)
    return found
