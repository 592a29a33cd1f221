"""Which of a module's `OPENAI_*` variables hold OpenAI's key or its base URL (ML401).

ML401 renames reads of the SDK's own variables (`sdk.KEY_VARS_TO_SWITCH`,
`sdk.BASE_URL_VARS_TO_SWITCH`) to the provider's. Programs name them otherwise too:
PentestGPT's `api_base = os.getenv("OPENAI_BASEURL", "https://api.openai.com/v1")`, which its
README says to export, went on sending the provider's key to whatever host that held. Such a
variable (named `OPENAI_*`, not one of the SDK's others, `OPENAI_ORG_ID`) takes a role:

- by its name, where that says which (`sdk.KEY_VAR_SPELLINGS`, `sdk.BASE_URL_VAR_SPELLINGS`);
- by its use: its read is the `api_key=` or `base_url=` of an SDK client the module builds
  (not Azure's, nor one pointed at another server, `http://localhost:8000/v1`), directly,
  or through a name bound once, a class constant (`Config.api_base`), an attribute of
  `self` bound once, `a or b`, `x if c else y` and `.rstrip("/")`;
- by its default: OpenAI's base URL, or a string shaped like an OpenAI key.

A name whose words speak of the other role, of a model or of an account
(`sdk.ROLE_EXCLUDING_WORDS`) takes none by its use or default, and a name shown in both roles
none at all. Its reads then count as those of the SDK's variables everywhere ML401 and its
neighbours ask (`key_variables`, `base_url_variables`): the same safety rules apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.class_constants import class_constant
from migrate_llm.rules.env_names import env_names, switched_key_variables
from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value
from migrate_llm.secrets import SECRET_KEY, find_secrets, other_service

KEY, BASE_URL = "key", "base_url"
_DEPTH = 4  # names and attributes followed from a client's argument, one inside the other


@dataclass(frozen=True)
class Role:
    """What an `OPENAI_*` variable holds (`KEY` or `BASE_URL`), and why, after "OpenAI's
    base URL " in a message (`by its name`, `as the base_url= of OpenAI() on line 9`)."""

    kind: str
    why: str

    @property
    def said(self) -> str:
        """`OpenAI's base URL by its name`."""
        return f"OpenAI's {'key' if self.kind == KEY else 'base URL'} {self.why}"


def key_variables(ctx: PythonContext) -> frozenset[str]:
    """OpenAI's key variables in this module: the SDK's (`sdk.KEY_VARS_TO_SWITCH`, Azure
    OpenAI's too) and those holding OpenAI's key by the module's use (`roles`)."""
    return sdk.KEY_VARS_TO_SWITCH | _of_kind(ctx, KEY)


def switched_keys(ctx: PythonContext) -> frozenset[str]:
    """The key variables whose reads ML401 points at the provider's key variable in this
    module: the SDK's it switches (`switched_key_variables`) and those of `roles`."""
    return switched_key_variables(ctx.rules) | _of_kind(ctx, KEY)


def base_url_variables(ctx: PythonContext) -> frozenset[str]:
    """The base-URL variables whose reads ML401 points at the provider's base-URL variable in
    this module: the SDK's and those holding OpenAI's base URL (`roles`)."""
    return sdk.BASE_URL_VARS_TO_SWITCH | _of_kind(ctx, BASE_URL)


def role_of(ctx: PythonContext, name: str) -> Role | None:
    """The role this module gives the `OPENAI_*` variable `name` beyond the SDK's names."""
    return roles(ctx).get(name)


def same_role(ctx: PythonContext, name: str, read: set[str]) -> str | None:
    """For a variable of `roles`: another of the module's reads (`read`) holding the same
    (the SDK's first, then by name), or the provider's variable for it where the module names
    it: renamed too, both would read the provider's variable. None where there is none."""
    role = role_of(ctx, name)
    provider = ctx.rules.provider
    if role is None:
        return None
    alike = key_variables(ctx) if role.kind == KEY else base_url_variables(ctx)
    others = sorted(read & alike - {name}, key=lambda n: (n in roles(ctx), n))
    if others:
        return others[0]
    own = (
        None
        if provider is None
        else (provider.api_key_env if role.kind == KEY else provider.base_url_env)
    )
    if own is not None and (ctx.mentions(f'"{own}"') or ctx.mentions(f"'{own}'")):
        return own
    return None


def _of_kind(ctx: PythonContext, kind: str) -> frozenset[str]:
    """The variables of `roles` holding `kind` (found once for each kind: asked at each read)."""
    kinds = cast("dict[str, frozenset[str]]", ctx.analyses.setdefault(_of_kind, {}))
    found = kinds.get(kind)
    if found is None:
        found = kinds[kind] = frozenset(n for n, role in roles(ctx).items() if role.kind == kind)
    return found


def roles(ctx: PythonContext) -> dict[str, Role]:
    """The roles of the module's `OPENAI_*` variables that are not the SDK's (found once)."""
    found = ctx.analyses.get(roles)
    if found is None:
        ctx.analyses[roles] = {}  # what the client rules asked here meanwhile is told none
        found = ctx.analyses[roles] = _roles(ctx) if "OPENAI_" in ctx.text else {}
        ctx.analyses.pop(_of_kind, None)
    return cast(dict[str, Role], found)


def _roles(ctx: PythonContext) -> dict[str, Role]:
    # name -> kind -> why (None: a use that shows the kind without giving it, a client of
    # another server's: it still rules out the other kind)
    shown: dict[str, dict[str, str | None]] = {}

    def add(name: str, kind: str, why: str | None) -> None:
        kinds = shown.setdefault(name, {})
        if kinds.get(kind) is None:
            kinds[kind] = why

    names = env_names(ctx)
    for access in names.accesses:
        if access.kind != "read":
            continue
        for source in names.openai_sources(access):
            name = source.value
            if name in sdk.KEY_VAR_SPELLINGS:
                add(name, KEY, "by its name")
            elif name in sdk.BASE_URL_VAR_SPELLINGS:
                add(name, BASE_URL, "by its name")
            default = _default(ctx, access.node)
            if default is not None and _openai_base_url(ctx, default):
                add(name, BASE_URL, f"by its default ({default})")
            elif default is not None and _openai_key(default):
                add(name, KEY, "by its default (a key)")
    # clients imports the environment rules
    from migrate_llm.rules.clients import endpoint_of, setting

    for node in ctx.nodes:
        if type(node) is not cst.Call:
            continue
        client = ctx.constructed_client(node)
        if client is None or client.azure or client.wrapper is not None:
            continue
        endpoint = endpoint_of(ctx, node)
        # the program's own server's, another service's: its settings are its own
        elsewhere = endpoint.kind not in ("openai", "dynamic") or endpoint.fallback is not None
        line = ctx.line_label(ctx.position(node)[0][0])
        callee = " ".join(ctx.code(node.func).split())
        for keyword, kind in (("api_key", KEY), ("base_url", BASE_URL)):
            value = setting(ctx, node, keyword)
            if not isinstance(value, cst.BaseExpression):
                continue
            for read in _reads(ctx, value, _DEPTH):
                given = names.by_node.get(id(read))
                if given is None or given.kind != "read":
                    continue
                for source in names.openai_sources(given):
                    why = None if elsewhere else f"as the {keyword}= of {callee}() on {line}"
                    add(source.value, kind, why)
    return {
        name: Role(kind, why)
        for name, kinds in shown.items()
        if len(kinds) == 1
        for kind, why in kinds.items()
        if why is not None and _may_hold(name, kind)
    }


def _may_hold(name: str, kind: str) -> bool:
    """Whether the variable `name` may hold OpenAI's key (`kind` KEY) or base URL: one of
    OpenAI's by its name, not the SDK's own, nor one whose words say it holds something else."""
    if not name.startswith("OPENAI_") or name in sdk.SDK_ENV_VARS:
        return False
    if name in sdk.KEY_VARS_TO_SWITCH or name in sdk.BASE_URL_VARS_TO_SWITCH:
        return False
    words = set(name.split("_"))
    if any(w.startswith(m) or w.endswith(m) for w in words for m in sdk.OPENAI_MODEL_WORDS):
        return False
    return not words & sdk.ROLE_EXCLUDING_WORDS[kind]


def _default(ctx: PythonContext, read: cst.CSTNode) -> str | None:
    """The string a read returns where its variable is unset (`os.getenv(X, "...")`)."""
    if not isinstance(read, cst.Call) or not ctx.qualnames(read.func) & sdk.ENV_DEFAULTS:
        return None
    given = [a for a in read.args if not a.star]
    arg = next((a for a in given if a.keyword and a.keyword.value == "default"), None)
    if arg is None and len(given) > 1 and given[1].keyword is None:
        arg = given[1]
    if arg is None:
        return None
    literal = ctx.resolve_literal(arg.value)
    return literal[1] if literal is not None else None


def _openai_base_url(ctx: PythonContext, text: str) -> bool:
    openai = ctx.rules.openai.base_url.rstrip("/")
    return text.rstrip("/") in {openai, openai.replace("https://", "http://")}


def _openai_key(text: str) -> bool:
    found = find_secrets(text)
    return (
        SECRET_KEY.fullmatch(text) is not None and bool(found) and other_service(found[0]) is None
    )


def _reads(ctx: PythonContext, value: cst.BaseExpression, depth: int) -> list[cst.CSTNode]:
    """The expressions `value` may be, followed through `a or b`, `x if c else y`, a string
    method giving the same setting back, and, `depth` times, a name bound once, a class
    constant or an attribute of `self` bound once."""
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        return _reads(ctx, value.left, depth) + _reads(ctx, value.right, depth)
    if isinstance(value, cst.IfExp):
        return _reads(ctx, value.body, depth) + _reads(ctx, value.orelse, depth)
    if (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value in sdk.SAME_VALUE_METHODS
    ):
        return _reads(ctx, value.func.value, depth)
    if depth and isinstance(value, cst.Name):
        bound = ctx.bound_value(value)
        return [value] if bound is None else _reads(ctx, bound, depth - 1)
    if depth and isinstance(value, cst.Attribute):
        if self_attribute(value):
            values = ctx.self_values(value)
            held = values[0] if len(values) == 1 else None
        else:
            held = class_constant(ctx, value)
        return [value] if held is None else _reads(ctx, held, depth - 1)
    return [value] if string_value(value) is None else []
