"""A key and a base URL that go together: the keys sent with an OpenAI URL (ML402), the
reads ML402 takes with the URL beside them (`claimed_by_url`), the key reads ML401 renames
(`read_renamed`) or leaves with a base-URL read beside them (`paired_keys`). The key a
request carries and the host it goes to change together."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.env_names import (
    NAME_IN_TEXT,
    EnvAccess,
    EnvNames,
    env_names,
)
from migrate_llm.rules.env_read_facts import (
    direct_source,
    left_openai,
    reads_kept,
    removes_variable,
    untraced,
    written,
)
from migrate_llm.rules.env_roles import base_url_variables, switched_keys
from migrate_llm.rules.framework_args import owns_key
from migrate_llm.rules.key_destinations import (
    KNOWN_USERS,
    foreign_user,
    keys_beside_url,
    risky_destination,
    url_destination,
)
from migrate_llm.rules.passed_values import body_assignments, field_default
from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value
from migrate_llm.rules.raw_http import raw_http
from migrate_llm.rules.service_tables import service_entry
from migrate_llm.secrets import find_secrets, is_placeholder

# the nodes between a value and the expression that holds it
_WITHIN_AN_EXPRESSION = (
    cst.BaseExpression,
    cst.Arg,
    cst.BaseElement,
    cst.SubscriptElement,
    cst.Index,
)


def _key_entry(name: str, value: str) -> bool:
    """Whether a dict entry `name: value` holds a key (see `sdk.KEY_ENTRY_NAMES`). An empty
    string is none: sent anywhere, it is refused; nothing of OpenAI's goes with it."""
    name = name.lower()
    if not value:
        return False
    if name in sdk.GENERIC_KEY_ENTRY_NAMES:
        return value.startswith("sk-")
    return name in sdk.KEY_ENTRY_NAMES and not NAME_IN_TEXT.fullmatch(value)


def real_key(literal: cst.BaseExpression) -> bool:
    """Whether a literal holds a secret key, not a stand-in."""
    value = string_value(literal) or ""
    return any(not is_placeholder(found) for found in find_secrets(value))


# the names of the dict entries and keyword arguments that hold a key
_KEY_NAMES = sdk.KEY_ENTRY_NAMES | sdk.GENERIC_KEY_ENTRY_NAMES
# a variable named for a service's key (`OPENAI_API_KEY`, `ZAI_API_KEY`)
_KEY_VARIABLE = re.compile(r"^[A-Z][A-Z0-9_]*_(?:API_)?KEY$")


def env_name_key(key: str) -> bool:
    """Whether a dict key or keyword names an environment variable (`api_key_env`,
    `env_var`): `sdk.ENV_NAME_KEYS`."""
    key = key.lower()
    return key in ("env", "env_var") or key.endswith(
        tuple(k for k in sdk.ENV_NAME_KEYS if k.startswith("_"))
    )


def key_name(name: str, value: cst.BaseExpression) -> str:
    """The key variable an entry or keyword `name` names as the one to read the record's key
    from (`env_var="OPENAI_API_KEY"`, `"api_key_env": "ZAI_API_KEY"`), else ""."""
    text = string_value(value)
    if text is None or not env_name_key(name) or not _KEY_VARIABLE.match(text):
        return ""
    return text


@dataclass(frozen=True)
class UrlKey:
    """A key sent with an OpenAI URL: the dict entry or keyword argument `name`, whose
    `value` is a literal (`read` None) or gives the read of an OpenAI variable `read`
    (itself, `read or ""`, or a name bound to it: `through_name`), or is a value the program
    hands the call whose code names OpenAI (`named`: `self.openai_settings.api_key`, most
    likely the OpenAI key)."""

    name: str
    value: cst.BaseExpression
    argument: bool = False
    read: EnvAccess | None = None
    through_name: bool = False
    named: bool = False
    field: bool = False  # a field of a class body (`api_key: str = "sk-..."`)
    other: str = ""  # another provider's key variable it reads (`other_service_key`)
    # an entry named for OpenAI's key variable (`"OPENAI_API_KEY": None`), whose value a loop
    # over the dict's keys reads from the environment: the name, a string
    variable: cst.BaseExpression | None = None
    # the key variable an entry or keyword names as the one to read the key from
    # (`env_var="OPENAI_API_KEY"` in a record of a service's settings: `key_name`)
    key_name: str = ""


def openai_base_urls(ctx: PythonContext) -> set[str]:
    """OpenAI's base URL, over https and http, without a trailing slash."""
    base = ctx.rules.openai.base_url.rstrip("/")
    return {base, base.replace("https://", "http://", 1)}


_Holder = (
    tuple[cst.Dict, cst.DictElement]
    | tuple[cst.Call, cst.Arg]
    | tuple[cst.ClassDef, cst.AnnAssign | cst.Assign]
)


def _holder(ctx: PythonContext, node: cst.CSTNode) -> _Holder | None:
    """The dict display and its entry, the call and its argument, or the class and the
    field of its body whose value holds the URL `node` (itself, or within an expression: the
    default of a variable's read, a chain of `or`s, a call, `Field(default=URL)`): the
    nearest dict, the nearest call with a keyword argument named for a key, or a settings
    class (`api_base_url: str = URL`). None within a test (`url == URL`: no request), for a
    dict's key (a table of URLs), and for a call of the SDK or of a framework (their rules
    rebuild it whole)."""
    child: cst.CSTNode = node
    parents = ctx.ancestors(node)
    for at in range(len(parents) - 1, 0, -1):
        parent, holder = parents[at], parents[at - 1]
        if isinstance(parent, (cst.AnnAssign, cst.Assign)) and parent.value is child:
            owner = parents[at - 3] if at >= 3 else None
            if isinstance(owner, cst.ClassDef) and isinstance(holder, cst.SimpleStatementLine):
                return owner, parent
            return None
        if isinstance(parent, cst.DictElement):
            if parent.value is child and isinstance(holder, cst.Dict):
                return holder, parent
            return None
        if (
            isinstance(parent, cst.Arg)
            and isinstance(holder, cst.Call)
            and parent.value is child
            and _key_arguments(holder, parent)
        ):
            if ctx.qualnames(holder.func) & KNOWN_USERS or ctx.constructed_client(holder):
                return None
            return holder, parent
        if not isinstance(parent, _WITHIN_AN_EXPRESSION) or isinstance(parent, cst.Comparison):
            return None
        child = parent
    return None


def _key_arguments(call: cst.Call, url: cst.Arg) -> list[cst.Arg]:
    """The keyword arguments of `call` but `url` named for a key (`api_key=`), or naming the
    variable to read the key from (`env_var="OPENAI_API_KEY"`: `key_name`)."""
    return [
        a
        for a in call.args
        if a is not url
        and a.keyword is not None
        and (a.keyword.value.lower() in _KEY_NAMES or key_name(a.keyword.value, a.value))
    ]


def keys_beside(ctx: PythonContext, node: cst.SimpleString) -> list[UrlKey]:
    """The keys sent with the URL `node` (see `_holder`): the entries of its dict named for
    OpenAI's key variable (`"OPENAI_API_KEY": None`, filled from the environment by the name),
    the literal keys of its dict
    (`"api_key": "sk-proj-"`; an OpenAI variable's name, or `""`, is no key) or of its call
    (`api_key="EMPTY"`), the reads of OpenAI variables its call takes for a key
    (`api_key=os.getenv("OPENAI_API_KEY")`), the reads of another provider's key
    (`other_service_key`), and the values it is handed whose code names OpenAI
    (`api_key=self.openai_settings.api_key`, `clients.openai_named`), also as a dict's entry
    where it gives no read of an OpenAI variable (`"api_key": openai_api_key`, a parameter a
    setup form fills: `_read_held`); the same among the fields of a class body. Switched with
    the URL, such a key goes to the provider."""
    from migrate_llm.rules.clients import openai_named  # clients imports this module

    holder = _holder(ctx, node)
    if holder is None:
        return list(_given_to_records(ctx).get(id(node), ()))
    keys = []
    names = env_names(ctx)
    if isinstance(holder[0], cst.Dict):
        for element in holder[0].elements:
            if not isinstance(element, cst.DictElement) or element is holder[1]:
                continue
            entry, text = string_value(element.key), string_value(element.value)
            if entry is not None and (named := key_name(entry, element.value)):
                keys.append(UrlKey(entry, element.value, key_name=named))
                continue
            if entry in sdk.KEY_VARS_TO_SWITCH:
                keys.append(UrlKey(entry, element.value, variable=element.key))
            if entry is not None and text is not None and _key_entry(entry, text):
                keys.append(UrlKey(entry, element.value))
            elif entry is not None and entry.lower() in _KEY_NAMES and text is None:
                other = other_service_key(ctx, names, element.value)
                if other is not None:
                    keys.append(UrlKey(entry, element.value, other=other))
                elif openai_named(ctx, element.value) and not _read_held(ctx, names, element.value):
                    # `"api_key": openai_api_key`, a parameter a form fills with the key
                    # the user pastes for OpenAI
                    keys.append(UrlKey(entry, element.value, named=True))
        return keys
    if isinstance(holder[0], cst.ClassDef):
        for name, written_value in body_assignments(holder[0]):
            value = field_default(written_value)
            if value is None or name.lower() not in _KEY_NAMES:
                continue
            text = string_value(value)
            if text is not None and _key_entry(name, text):
                keys.append(UrlKey(name, value, field=True))
            elif text is None and (read := _key_read(names, value)) is not None:
                through = read.node is not _unwrapped(value)
                keys.append(UrlKey(name, value, read=read, through_name=through, field=True))
            elif text is None and (other := other_service_key(ctx, names, value)):
                keys.append(UrlKey(name, value, field=True, other=other))
            elif text is None and openai_named(ctx, value):
                keys.append(UrlKey(name, value, named=True, field=True))
        return keys
    call, url = holder
    assert isinstance(url, cst.Arg)
    for arg in _key_arguments(call, url):
        assert arg.keyword is not None
        name, text = arg.keyword.value, string_value(arg.value)
        if named := key_name(name, arg.value):
            keys.append(UrlKey(name, arg.value, argument=True, key_name=named))
        elif text is not None and _key_entry(name, text):
            keys.append(UrlKey(name, arg.value, argument=True))
        elif text is None and (read := _key_read(names, arg.value)) is not None:
            through = read.node is not _unwrapped(arg.value)
            keys.append(UrlKey(name, arg.value, True, read, through))
        elif text is None and (other := other_service_key(ctx, names, arg.value)):
            keys.append(UrlKey(name, arg.value, argument=True, other=other))
        elif text is None and openai_named(ctx, arg.value):
            keys.append(UrlKey(name, arg.value, argument=True, named=True))
    return keys


def _read_held(ctx: PythonContext, names: EnvNames, value: cst.BaseExpression) -> bool:
    """Whether `value` gives a read of an OpenAI variable (`_key_read`: `OPENAI_API_KEY =
    os.getenv("OPENAI_API_KEY")`), or is a parameter whose default does (`openai_key=
    os.environ["OPENAI_API_KEY"]`): ML401 renames that read or leaves it with the URL beside
    it (`url_destination`), so its name says nothing more."""
    if _key_read(names, value) is not None:
        return True
    return isinstance(value, cst.Name) and any(
        isinstance(binding, Assignment)
        and isinstance(param := binding.node, cst.Param)
        and param.default is not None
        and _key_read(names, param.default) is not None
        for binding in ctx.bindings(value)
    )


def _unwrapped(value: cst.BaseExpression) -> cst.BaseExpression:
    """`read` for `read or "literal"` (a default for an unset variable), else `value`."""
    if (
        isinstance(value, cst.BooleanOperation)
        and isinstance(value.operator, cst.Or)
        and string_value(value.right) is not None
    ):
        return value.left
    return value


def _key_read(names: EnvNames, value: cst.BaseExpression, depth: int = 3) -> EnvAccess | None:
    """The read of an OpenAI variable that `value` gives: itself, `read or "literal"`, or
    a name bound only to such a read, also through a parameter's fallback to a constant of
    the module (`api_key = api_key or SHARED_KEY`, `SHARED_KEY = os.environ[...]`)."""
    value = _unwrapped(value)
    access = names.by_node.get(id(value))
    if access is not None:
        return access if access.kind == "read" and names.openai_sources(access) else None
    if isinstance(value, cst.Name):
        held = names.values(value)
        through = held is None
        if held is None:
            # `api_key = api_key or os.environ["OPENAI_API_KEY"]`: a parameter, else the read
            held = [_past(value, v) for v in names.shown_values(value)[0]]
        if len(held) == 1 and (through or not isinstance(held[0], cst.Name)) and depth:
            return _key_read(names, held[0], depth - 1)
    return None


def _past(name: cst.Name, value: cst.BaseExpression) -> cst.BaseExpression:
    """`read` for `name or read` assigned to `name` (what it holds when it was not given)."""
    if (
        isinstance(value, cst.BooleanOperation)
        and isinstance(value.operator, cst.Or)
        and isinstance(value.left, cst.Name)
        and value.left.value == name.value
    ):
        return value.right
    return value


def kept_key(ctx: PythonContext, names: EnvNames, key: cst.BaseExpression) -> bool:
    """Whether a key given beside a base URL stays no key of the target after `apply`: a
    real key written in the code (ML004's), a read of another provider's key variable
    (`other_service_key`), or a read of an OpenAI variable (as it is, `read or ""`, or a name
    bound to it) that apply does not point at the provider's key variable (ML402 switches one
    beside an OpenAI URL, ML401 others it renames: see `read_renamed`)."""
    if string_value(key) is not None:
        return real_key(key)
    if other_service_key(ctx, names, key) is not None:
        return True
    read = _key_read(names, key)
    if read is None:
        return bool(kept_branch_reads(ctx, names, key))
    return _read_kept(ctx, names, read)


def _read_kept(ctx: PythonContext, names: EnvNames, read: EnvAccess) -> bool:
    """Whether apply leaves `read`, a read of an OpenAI variable, as it is."""
    return not (claimed_by_url(ctx, names, read) or read_renamed(ctx, names, read))


def kept_branch_reads(
    ctx: PythonContext, names: EnvNames, key: cst.BaseExpression
) -> list[EnvAccess]:
    """The reads of OpenAI variables that apply leaves among those `key`, a name bound more
    than once, may hold (a key chosen in branches: `if ...: key = os.getenv("DEEPSEEK_API_KEY")`
    / `elif ...: key = os.getenv("OPENAI_API_KEY")`, RD-Agent's health check; `_key_read` of
    each value); none for anything else. Any of them goes with the base URL beside `key`,
    so that URL stays too (`kept_key`): the key a request carries and the host it goes to
    change together."""
    value = _unwrapped(key)
    if not isinstance(value, cst.Name):
        return []
    held = names.values(value)
    if held is None or len(held) < 2:
        return []
    reads = [read for v in held if (read := _key_read(names, v)) is not None]
    return [read for read in reads if _read_kept(ctx, names, read)]


def other_service_key(ctx: PythonContext, names: EnvNames, key: cst.BaseExpression) -> str | None:
    """The variable `key` reads (itself, `read or "..."`, or a name bound to it) where it
    is another provider's key (`RuleContext.other_providers_key`: ZHIPUAI_API_KEY with Qwen
    the target), else None: sent with the target's URL, that key goes to the target."""
    value = _unwrapped(key)
    if isinstance(value, cst.Name):
        held = names.values(value)
        if held is None or len(held) != 1:
            return None
        value = _unwrapped(held[0])
    access = names.by_node.get(id(value))
    if access is None or access.kind != "read" or len(access.sources) != 1:
        return None
    variable = access.sources[0].value
    return variable if ctx.rules.other_providers_key(variable) is not None else None


@dataclass(frozen=True)
class UrlPair:
    """A base-URL read left as it is (`url_destination`) and the construction where a key
    read goes with it: the key read is left too."""

    url: EnvAccess
    holder: cst.Call | cst.DictElement


def paired_keys(ctx: PythonContext, names: EnvNames) -> dict[int, UrlPair]:
    """The key reads ML401 leaves because a base-URL read given to the same call or dict is
    left, by the id of their node. The key and the base URL of one construction change
    together or not at all: a URL read is left where the key beside it stays OpenAI's
    (`kept_key`, which asks `read_renamed`, which asks this), so the two sides are one decision,
    reached by adding pairs until none is added."""
    found = ctx.analyses.get(paired_keys)
    if found is not None:
        return cast(dict[int, UrlPair], found)
    pairs: dict[int, UrlPair] = {}
    ctx.analyses[paired_keys] = pairs  # seen, as far as it goes, by the `kept` asked below
    raw = raw_http(ctx)
    urls = [
        a
        for a in names.accesses
        if a.kind == "read"
        and (source := direct_source(names, a)) is not None
        and source.value in base_url_variables(ctx)
        and not raw.holds(names, a.node)
    ]

    def kept(key: cst.BaseExpression) -> bool:
        return kept_key(ctx, names, key)

    switched = switched_keys(ctx)
    left: set[int] = set()
    changed = True
    while changed:
        changed = False
        for url in urls:
            if id(url.node) not in left:
                if url_destination(ctx, names, url.node, kept) is None:
                    continue
                left.add(id(url.node))
            for holder, key in keys_beside_url(ctx, names, url.node):
                read = _key_read(names, key)
                if read is None or id(read.node) in pairs:
                    continue
                if not any(s.value in switched for s in names.openai_sources(read)):
                    continue
                pairs[id(read.node)] = UrlPair(url, holder)
                changed = True
    return pairs


def left_url_reads(ctx: PythonContext, names: EnvNames, url: cst.BaseExpression) -> list[EnvAccess]:
    """The reads of OpenAI's base-URL variables that `url`, a name given to a call as its
    base URL, may hold (`base = os.getenv("OPENAI_API_BASE")` in one branch, another
    provider's URL in another) and that apply leaves with the key beside them
    (`url_destination`), in the order of the text; none for anything else."""
    if not isinstance(url, cst.Name):
        return []
    held = names.values(url) or []
    found = []
    for value in held:
        access = names.by_node.get(id(value))
        if (
            access is not None
            and access.kind == "read"
            and (source := direct_source(names, access)) is not None
            and source.value in base_url_variables(ctx)
            and url_destination(ctx, names, access.node, lambda k: kept_key(ctx, names, k))
        ):
            found.append(access)
    return found


def _url_switched(ctx: PythonContext, names: EnvNames, node: cst.CSTNode) -> bool:
    """Whether ML402 points the literal `node` at the provider, or would without one: a plain
    OpenAI base URL that is no raw request's (ML403's)."""
    rules = ctx.rules
    return (
        isinstance(node, cst.SimpleString)
        and "b" not in node.prefix.lower()
        and (rules.provider is None or rules.switching)
        and (string_value(node) or "").rstrip("/") in openai_base_urls(ctx)
        and not raw_http(ctx).holds(names, node)
    )


def claimed_by_url(ctx: PythonContext, names: EnvNames, access: EnvAccess) -> bool:
    """Whether the read `access` of an OpenAI variable is ML402's: by a literal of its own,
    it gives a keyword argument named for a key (`api_key=os.getenv("OPENAI_API_KEY")`) of a
    call whose other argument holds an OpenAI URL ML402 switches (see `_holder`). The key a
    request carries and the host it goes to change together."""
    if direct_source(names, access) is None:
        return False
    node: cst.CSTNode = access.node
    parent = names.parent(node)
    if isinstance(parent, cst.BooleanOperation) and _unwrapped(parent) is node:
        node, parent = parent, names.parent(parent)
    if not (
        isinstance(parent, cst.Arg)
        and parent.value is node
        and parent.keyword is not None
        and parent.keyword.value.lower() in _KEY_NAMES
    ):
        return False
    call = names.parent(parent)
    if not isinstance(call, cst.Call):
        return False
    nodes, ends = ctx.nodes, ctx.ends
    for arg in call.args:
        if arg is parent:
            continue
        at = ctx.index_of(arg.value)
        for inner in nodes[at : ends[at]]:
            if not _url_switched(ctx, names, inner):
                continue
            holder = _holder(ctx, inner)
            if holder is not None and holder[0] is call:
                return True
    return False


def read_renamed(ctx: PythonContext, names: EnvNames, access: EnvAccess) -> bool:
    """Whether ML401 points the read `access` (one not `claimed_by_url`) at the provider's
    key variable: as `OpenAIEnvVar.visit_Module` decides, a read by a literal of its own
    that no write names, whose value no risky destination takes, and no raw request to
    OpenAI with a key not traced may send; a name given through a constant, a loop or a dict
    that the module does not set and whose reads no such request may send."""
    sources = names.openai_sources(access)
    switched = switched_keys(ctx)
    if not sources or any(s.value not in switched for s in sources):
        return False
    if removes_variable(ctx, names, access.node) or owns_key(ctx, access.node, names.parent):
        return False  # left as `visit_Module` leaves them
    raw = raw_http(ctx)
    if direct_source(names, access) is not None:
        return not (
            written(names, sources[0])
            or reads_kept(ctx, names, [access], sources[0].value)
            or left_openai(ctx, raw, names, access)
            or risky_destination(ctx, names, access.node)
            or id(access.node) in paired_keys(ctx, names)
        )
    pairs = paired_keys(ctx, names)
    for source in sources:
        reads = [
            a
            for a in names.by_source.get(id(source.node), ())
            if a.kind == "read" and not raw.holds(names, a.node)
        ]
        if (
            written(names, source)
            or raw.holds(names, source.node)
            or any(untraced(ctx, raw, names, a) for a in reads)
            or reads_kept(ctx, names, reads, source.value)
            or any(id(a.node) in pairs for a in reads)
        ):
            return False
    return True


def record_urls(ctx: PythonContext, node: cst.CSTNode) -> list[cst.SimpleString]:
    """The OpenAI URLs given in the same dict display or call as `node`, the value of an
    entry or keyword naming the variable to read the key from (`Profile(env_var=
    "OPENAI_API_KEY", embedding_api_url="https://api.openai.com/v1/embeddings")`): those
    whose key `keys_beside` finds it to be (see `_holder`)."""
    parents = ctx.ancestors(node)
    if len(parents) < 2 or not isinstance(parents[-1], (cst.Arg, cst.DictElement)):
        return []
    entry, record = parents[-1], parents[-2]
    if isinstance(record, cst.Call):
        values = [a.value for a in record.args if a is not entry]
    elif isinstance(record, cst.Dict):
        values = [e.value for e in record.elements if e is not entry]
    else:
        return []
    hosts = {h.lower() for h in ctx.rules.openai.hosts}
    found = []
    for value in values:
        for held in [value, *_bound_values(ctx, value)]:
            at = ctx.index_of(held)
            for inner in ctx.nodes[at : ctx.ends[at]]:
                text = string_value(inner) if isinstance(inner, cst.SimpleString) else None
                if text is None or (urlsplit(text).hostname or "").lower() not in hosts:
                    continue
                holder = _holder(ctx, inner)
                # in the record itself, or the value of a name it gives with no key of its own
                if (holder[0] is record) if holder is not None else held is not value:
                    assert isinstance(inner, cst.SimpleString)
                    found.append(inner)
    return found


def _bound_values(ctx: PythonContext, value: cst.BaseExpression) -> list[cst.BaseExpression]:
    """What a record's value `value` holds where it is a name bound once (`OPENAI_URL`, a
    constant of the module: `bound_value`) or an attribute of `self` (each value assigned to
    it in the class: `self_values`); else none."""
    if isinstance(value, cst.Name):
        bound = ctx.bound_value(value)
        return [bound] if bound is not None else []
    if isinstance(value, cst.Attribute) and self_attribute(value):
        return ctx.self_values(value)
    return []


def _given_to_records(ctx: PythonContext) -> dict[int, list[UrlKey]]:
    """The entries and keywords naming the variable to read a record's key from
    (`env_var="OPENAI_API_KEY"`, `key_name`), by the id of each OpenAI URL the record gives
    through a name or `self.X` (`OPENAI_URL = URL`, then `{"env_var": ..., "url": OPENAI_URL}`:
    `record_urls`), once per module. That URL and the name change together or not at all."""
    found = ctx.analyses.get(_given_to_records)
    if found is not None:
        return cast(dict[int, list[UrlKey]], found)
    table: dict[int, list[UrlKey]] = {}
    for node in ctx.nodes:
        if isinstance(node, cst.DictElement):
            entry, argument = string_value(node.key), False
        elif isinstance(node, cst.Arg) and node.keyword is not None:
            entry, argument = node.keyword.value, True
        else:
            continue
        named = key_name(entry, node.value) if entry is not None else ""
        if not named:
            continue
        for url in record_urls(ctx, node.value):
            if _holder(ctx, url) is None:
                key = UrlKey(cast(str, entry), node.value, argument=argument, key_name=named)
                table.setdefault(id(url), []).append(key)
    ctx.analyses[_given_to_records] = table
    return table


def name_moves(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether OpenAI's key variable named as the one to read a record's key from (`node`,
    see `record_urls`) goes to the provider with the record's OpenAI URLs: ML402 points every
    one of them at the provider (a plain base URL, `_url_switched`) and the record is no
    entry of a table keyed by service (`service_entry`: that service's URLs stay). The key
    and the URLs of one record change together or not at all: ML401 renames the name only
    then, and ML402 leaves the URLs beside a name that stays (t64b: DB-GPT's `Profile(
    env_var=..., embedding_api_url=...)`, the name renamed alone, sent the provider's key to
    api.openai.com). Every URL, written in the record or given through a name or `self.X`
    (`record_urls`), must also go nowhere that leaves it OpenAI's (`url_destination`, ML402's
    `url_left`: t65, a record of a class imported from the project, its URL left as "the
    project's own ... with no key beside it" while the name was renamed), and every other
    record it is given to must move too (`_given_to_records`): the records sharing a URL move
    together."""
    names = env_names(ctx)
    shared = _given_to_records(ctx)
    seen, pending = {id(node)}, [node]
    while pending:
        record = pending.pop()
        urls = record_urls(ctx, record)
        if not urls or service_entry(ctx, record) is not None or _name_kept(ctx, record):
            return False
        for url in urls:
            if not _url_switched(ctx, names, url):
                return False
            if url_destination(ctx, names, url, lambda key: kept_key(ctx, names, key)):
                return False  # written in the record too (a class imported from the project)
            for other in shared.get(id(url), ()):
                if id(other.value) not in seen:
                    seen.add(id(other.value))
                    pending.append(other.value)
    return True


def record_entries(record: cst.Call | cst.Dict) -> list[tuple[str, cst.BaseExpression]]:
    """(name, value) of each keyword of a call, or of each entry of a dict display whose key is
    a string: a record's named values."""
    if isinstance(record, cst.Call):
        return [(a.keyword.value, a.value) for a in record.args if a.keyword is not None]
    return [
        (key, e.value)
        for e in record.elements
        if isinstance(e, cst.DictElement) and (key := string_value(e.key)) is not None
    ]


def _name_kept(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether the key variable `node` names stays whatever the record's URLs do: ML401
    leaves the keyword of a call named like OpenAI that is not the module's own
    (`foreign_user`: `OpenAIProfile(env_var="OPENAI_API_KEY", api_base=URL)`, the class
    imported from the project), and ML402 leaves the URLs beside another key name of the
    record that no rule renames (`env_var="MOONSHOT_API_KEY"` beside `embedding_env_var=
    "OPENAI_API_KEY"`, `goes_with`). Renamed alone, the provider's key would go to OpenAI."""
    parents = ctx.ancestors(node)
    if len(parents) < 2 or not isinstance(parents[-1], (cst.Arg, cst.DictElement)):
        return False
    entry, record = parents[-1], parents[-2]
    if isinstance(record, cst.Call) and isinstance(entry, cst.Arg):
        if foreign_user(ctx, record, entry):
            return True
        named = record_entries(record)
    elif isinstance(record, cst.Dict):
        named = record_entries(record)
    else:
        return False
    provider = ctx.rules.provider
    own = provider.api_key_env if provider is not None else None
    return any(
        (variable := key_name(name, value))
        and variable not in sdk.KEY_VARS_TO_SWITCH
        and variable != own
        for name, value in named
        if value is not entry.value
    )


def name_left(
    ctx: PythonContext, holder: cst.Call | cst.DictElement, url: cst.CSTNode
) -> cst.BaseExpression | None:
    """The value beside `url` (a base URL's read, or OpenAI's URL given through a name) in the
    call or dict display `holder` (for a dict, the URL's entry) that names a key variable ML401
    leaves as the one to read the record's key from: another provider's (`ZHIPUAI_API_KEY`
    beside OpenAI's URL, Zhipu not the target), or OpenAI's where the name stays
    (`_name_kept`, or `record_urls` that `name_moves` leaves: `Profile(env_var="OPENAI_API_KEY",
    api_base=os.getenv("OPENAI_BASE_URL"), embedding_url=ENDPOINT)`). The URL then goes with
    that key: renamed or switched alone, it would take it to the provider. None otherwise,
    and for a URL that is one of the record's own (`record_urls`: `name_moves` decides)."""
    if isinstance(holder, cst.Call):
        named = record_entries(holder)
    else:
        record = ctx.ancestors(holder)[-1]
        if not isinstance(record, cst.Dict):
            return None
        named = record_entries(record)
    names = [(value, variable) for n, value in named if (variable := key_name(n, value))]
    if any(u is url for value, _ in names for u in record_urls(ctx, value)):
        return None
    for value, variable in names:
        if ctx.rules.other_providers_key(variable) is not None:
            return value
        if variable not in sdk.KEY_VARS_TO_SWITCH:
            continue
        if _name_kept(ctx, value) or (record_urls(ctx, value) and not name_moves(ctx, value)):
            return value
    return None


@dataclass(frozen=True)
class LeftRecord:
    """A record whose key variable and OpenAI URLs stay OpenAI's (`record_left`): the value
    naming OpenAI's key variable (`variable`, the name it holds) and the first of those URLs."""

    name_value: cst.BaseExpression
    variable: str
    url: cst.SimpleString


def record_left(ctx: PythonContext, node: cst.CSTNode) -> LeftRecord | None:
    """For `node`, the value of an entry or keyword of a dict display or call (a record:
    DB-GPT's `ProfileSpec(env_var="OPENAI_API_KEY", llm_model="gpt-4o", llm_api_base=
    "https://api.openai.com/v1", ...)`), the entry of the same record naming OpenAI's key
    variable as the one to read its key from, where its OpenAI URLs (`record_urls`) stay and
    so does the name (`name_moves`): the record is left whole, its models with its key and
    URLs (t64b: the models mapped alone went to api.openai.com). None otherwise."""
    parents = ctx.ancestors(node)
    if len(parents) < 2 or not isinstance(parents[-1], (cst.Arg, cst.DictElement)):
        return None
    entry, record = parents[-1], parents[-2]
    if not isinstance(record, (cst.Call, cst.Dict)):
        return None
    named = record_entries(record)
    for name, value in named:
        variable = key_name(name, value)
        if value is entry.value or variable not in sdk.KEY_VARS_TO_SWITCH:
            continue
        urls = record_urls(ctx, value)
        if urls and not name_moves(ctx, value):
            return LeftRecord(value, variable, urls[0])
    return None
