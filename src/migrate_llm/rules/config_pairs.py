"""The key and the base URL a module takes from one configuration it reads.

ChatPaper (t53c D1) reads apikey.ini with configparser: `openai.api_base =
config.get('OpenAI', 'OPENAI_API_BASE')`, and the key it sets before each request
(`openai.api_key = keys[0]`) comes from `keys`, split from `config.get('OpenAI',
'OPENAI_API_KEYS')`. The file pairs them (a proxy's URL with that proxy's key, an Azure
resource with its key): a switch that deletes the URL line and keeps the key sends the file's
key to the provider, and ignores the URL. The values are followed back from the settings
(`trace`): through names, `self.` attributes (and what `.append()` adds to them), subscripts,
comprehensions and the string methods that keep what their receiver held, to the reads of a
configuration object (`config.get(section, option)`, `config[section][option]`, on a name or
`self.` attribute bound to `configparser.ConfigParser()`), or to anything else (an environment
read, a parameter, a literal, another call). ML301 moves both settings onto the clients apply
builds where each reads that configuration alone, else leaves both (`config_pair`); ML401 says
where an option's value goes (`read_destination`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import libcst as cst
from libcst.metadata import Assignment, BuiltinAssignment

from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value

# The classes of Python's configparser whose objects a program reads its settings from.
CONFIG_PARSERS = frozenset(
    {"configparser.ConfigParser", "configparser.RawConfigParser", "configparser.SafeConfigParser"}
)
# The methods reading an option of a section (`config.get(section, option)`).
_READ_METHODS = frozenset({"get", "getint", "getfloat", "getboolean"})
# The methods of str and list whose result holds what their receiver held (`.strip()`,
# `.split(",")`, `[1:-1].replace("'", "")`).
_CARRIED = frozenset(
    {"strip", "lstrip", "rstrip", "split", "rsplit", "replace", "lower", "upper", "copy"}
)
# The methods adding to a list what their argument holds (`keys.append(key)`).
_ADDED = frozenset({"append", "extend", "insert"})
_DEPTH = 12


@dataclass
class Traced:
    """What a value is made of: the configuration reads (`reads`, the options' calls or
    subscripts) and the configuration objects they read (`sources`, by their code), and the
    first part that is anything else (`other`: an environment read, a parameter, a literal that
    is not empty, a call the module does not show the value of)."""

    reads: list[cst.BaseExpression] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    other: cst.CSTNode | None = None


def config_object(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """The code of `expr` (`config`, `self.config`) where it is a name or `self.` attribute
    bound to a configparser object (`CONFIG_PARSERS`), else None."""
    if isinstance(expr, cst.Name):
        values = [
            ctx.index.assigned.get(id(b.node))
            for b in ctx.bindings(expr)
            if isinstance(b, Assignment) and isinstance(b.node, cst.Name)
        ]
    elif self_attribute(expr):
        values = list(ctx.self_values(cast(cst.Attribute, expr)))
    else:
        return None
    if values and all(
        isinstance(v, cst.Call) and ctx.qualnames(v.func) & CONFIG_PARSERS for v in values
    ):
        return ctx.code(expr)
    return None


def config_read(ctx: PythonContext, expr: cst.CSTNode) -> tuple[str, cst.BaseExpression] | None:
    """(the configuration object's code, the option's expression) where `expr` reads an option
    of a configparser object: `config.get(section, option)` (and `getint`...),
    `config[section].get(option)`, `config[section][option]`."""
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
        if expr.func.attr.value not in _READ_METHODS:
            return None
        holder = expr.func.value
        positional = [a for a in expr.args if a.keyword is None and not a.star]
        if isinstance(holder, cst.Subscript) and positional:
            source = _section_of(ctx, holder)
            return (source, positional[0].value) if source else None
        source = config_object(ctx, holder)
        return (source, positional[1].value) if source and len(positional) >= 2 else None
    if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Subscript):
        source = _section_of(ctx, expr.value)
        option = _index(expr)
        return (source, option) if source and option is not None else None
    return None


def _index(expr: cst.Subscript) -> cst.BaseExpression | None:
    if len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        return expr.slice[0].slice.value
    return None


def _section_of(ctx: PythonContext, expr: cst.Subscript) -> str | None:
    """The configuration object's code where `expr` is `config[section]`."""
    return config_object(ctx, expr.value) if _index(expr) is not None else None


def trace(ctx: PythonContext, value: cst.BaseExpression) -> Traced:
    """What `value` is made of (see `Traced`), followed back through the module."""
    from migrate_llm.rules.clients import env_var_read  # clients imports rules using this

    found = Traced()
    seen: set[int] = set()
    added = added_values(ctx)

    def other(node: cst.CSTNode) -> None:
        if found.other is None:
            found.other = node

    def walk(node: cst.CSTNode, depth: int) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if depth > _DEPTH:
            other(node)
            return
        read = config_read(ctx, node)
        if read is not None:
            found.reads.append(cast(cst.BaseExpression, node))
            found.sources.add(read[0])
            return
        if isinstance(node, cst.BaseExpression) and env_var_read(ctx, node) is not None:
            other(node)
            return
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            if string_value(node) != "":
                other(node)
            return
        if isinstance(node, (cst.Integer, cst.Float)):
            return
        if isinstance(node, cst.Subscript):
            walk(node.value, depth + 1)
        elif isinstance(node, (cst.List, cst.Tuple, cst.Set)):
            for element in node.elements:
                walk(element.value, depth + 1)
        elif isinstance(node, (cst.ListComp, cst.GeneratorExp, cst.SetComp)):
            walk(node.elt, depth + 1)
        elif isinstance(node, (cst.BooleanOperation, cst.BinaryOperation)):
            walk(node.left, depth + 1)
            walk(node.right, depth + 1)
        elif isinstance(node, cst.IfExp):
            walk(node.body, depth + 1)
            walk(node.orelse, depth + 1)
        elif isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value in _CARRIED:
                walk(func.value, depth + 1)
            else:
                other(node)
        elif isinstance(node, cst.Attribute) and self_attribute(node):
            values = ctx.self_values(node)
            if not values:
                other(node)
            for v in (*values, *added.get(ctx.code(node), ())):
                walk(v, depth + 1)
        elif isinstance(node, cst.Name):
            _name(node, depth)
        else:
            other(node)

    def _name(node: cst.Name, depth: int) -> None:
        bindings = ctx.bindings(node)
        if not bindings:
            other(node)
        for binding in bindings:
            if isinstance(binding, BuiltinAssignment) or not isinstance(binding, Assignment):
                other(node)
                continue
            target = binding.node
            value = ctx.index.assigned.get(id(target))
            if value is None and isinstance(target, cst.Name):
                value = _iterated(ctx, target)
            if value is None:
                other(target)  # a parameter, an import, a loop's target
                continue
            walk(value, depth + 1)
        for value in added.get(node.value, ()):
            walk(value, depth + 1)

    walk(value, 0)
    return found


def _iterated(ctx: PythonContext, target: cst.Name) -> cst.BaseExpression | None:
    """What the comprehension `target` is the target of iterates over (`keys` of `[k for k in
    keys]`); None for any other binding."""
    for ancestor in reversed(ctx.ancestors(target)):
        if isinstance(ancestor, cst.CompFor):
            return ancestor.iter if _holds(ancestor.target, target) else None
        if isinstance(ancestor, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            return None
    return None


def _holds(target: cst.BaseExpression, name: cst.Name) -> bool:
    if target is name:
        return True
    if isinstance(target, (cst.Tuple, cst.List)):
        return any(_holds(e.value, name) for e in target.elements)
    return False


def added_values(ctx: PythonContext) -> dict[str, list[cst.BaseExpression]]:
    """What `.append()`, `.extend()` and `.insert()` add to a name or `self.` attribute, by its
    code; found once per module."""
    found = cast("dict[str, list[cst.BaseExpression]] | None", ctx.analyses.get(added_values))
    if found is None:
        found = {}
        for node in ctx.nodes:
            if (
                isinstance(node, cst.Call)
                and isinstance(node.func, cst.Attribute)
                and node.func.attr.value in _ADDED
                and node.args
                and (isinstance(node.func.value, cst.Name) or self_attribute(node.func.value))
            ):
                holder = ctx.code(node.func.value)
                found.setdefault(holder, []).append(node.args[-1].value)
        ctx.analyses[added_values] = found
    return found


@dataclass(frozen=True)
class ConfigPair:
    """Switching provider, the base-URL settings of a module (`openai.api_base = ...`) that
    read a configuration object, and its key settings (`openai.api_key = ...`) reading the same
    one (`sources`, by their code); `left`: why apply cannot set both on the clients it builds,
    so it leaves both, or None where it moves both."""

    bases: tuple[cst.Assign, ...]
    keys: tuple[cst.Assign, ...]
    sources: tuple[str, ...]
    left: str | None

    def holds(self, node: cst.CSTNode) -> bool:
        return any(a is node for a in (*self.bases, *self.keys))


def config_pair(ctx: PythonContext) -> ConfigPair | None:
    """The module's `ConfigPair`, found once; None where no key setting reads the
    configuration a base-URL setting reads, and when not switching provider."""
    if ctx.rules.provider is None or not ctx.rules.switching:
        return None
    if config_pair not in ctx.analyses:
        ctx.analyses[config_pair] = _pair(ctx)
    return cast("ConfigPair | None", ctx.analyses[config_pair])


def _pair(ctx: PythonContext) -> ConfigPair | None:
    assigns = ctx.index.config_assigns
    bases = [(a, trace(ctx, a.value)) for attr, a in assigns if attr == "api_base"]
    bases = [(a, t) for a, t in bases if t.sources]
    if not bases:
        return None
    sources = {s for _, t in bases for s in t.sources}
    keys = [(a, trace(ctx, a.value)) for attr, a in assigns if attr == "api_key"]
    keys = [(a, t) for a, t in keys if t.sources & sources]
    if not keys:
        return None
    return ConfigPair(
        tuple(a for a, _ in bases),
        tuple(a for a, _ in keys),
        tuple(sorted(sources)),
        _left(ctx, bases, keys, sources),
    )


def _left(
    ctx: PythonContext,
    bases: list[tuple[cst.Assign, Traced]],
    keys: list[tuple[cst.Assign, Traced]],
    sources: set[str],
) -> str | None:
    """Why apply cannot set both the base URL and the key on the clients it builds; None
    where it can: one base URL setting, each setting reading that configuration alone, the
    module's requests all moved onto the clients, each key one `key_movable` sets there."""
    from migrate_llm.rules.legacy_config import (
        below_imports,
        kept_for_v0,
        key_movable,
        requests_moved,
    )
    from migrate_llm.rules.python import snippet

    def line(node: cst.CSTNode) -> str:
        return ctx.line_label(ctx.position(node)[0][0])

    kept = kept_for_v0(ctx, "api_base")
    if kept is not None:  # ML301 leaves the lines for the openai<1 code
        return f"apply leaves such settings while {kept[0]}"
    azure = next(
        ((attr, a) for attr, a in ctx.index.config_assigns if attr in ("api_type", "api_version")),
        None,
    )
    if azure is not None:
        return f"the module also configures Azure OpenAI, openai.{azure[0]} on {line(azure[1])}"
    if len(bases) > 1:
        return f"the base URL is set on {len(bases)} lines"
    if len(sources) > 1:
        return f"they read {len(sources)} configurations ({', '.join(sorted(sources))})"
    for assign, traced in (*bases, *keys):
        if traced.other is not None:
            what = "base URL" if any(a is assign for a, _ in bases) else "key"
            return (
                f"the {what} set on {line(assign)} also takes `{snippet(ctx, traced.other)}`, "
                "which is not that configuration's"
            )
    clients = ctx.legacy_clients
    if clients is None or clients.azure or not requests_moved(ctx):
        return "the module's requests do not all go through the clients apply builds"
    for assign, _ in keys:
        if key_movable(ctx, assign, paired=bases[0][0]) is None:
            return f"the key set on {line(assign)} is not one apply can set on them"
    base = bases[0][0]
    if ctx.at_import(base) and not below_imports(ctx, base):
        return "the base URL is set above the module's imports, before its clients are built"
    return None


# the settings of where requests go and the key they carry, by attribute: what each holds
_SETTINGS = {"api_key": "key", "api_base": "base URL", "base_url": "base URL"}


def _settings(ctx: PythonContext) -> list[tuple[str, cst.Assign, Traced]]:
    """The module's settings of a key or base URL (`openai.api_key = ...`, `openai.api_base
    = ...`, `client.base_url = ...` on a client the module builds) whose value reads a
    configuration object: (the setting's code, the assignment, what its value is made of);
    found once."""
    found = cast("list[tuple[str, cst.Assign, Traced]] | None", ctx.analyses.get(_settings))
    if found is None:
        found = []
        for node in ctx.nodes:
            if not isinstance(node, cst.Assign) or len(node.targets) != 1:
                continue
            target = node.targets[0].target
            if not isinstance(target, cst.Attribute) or target.attr.value not in _SETTINGS:
                continue
            setting = f"openai.{target.attr.value}"
            if setting not in ctx.qualnames(target) and ctx.receiver_client(target.value) is None:
                continue
            traced = trace(ctx, node.value)
            if traced.sources:
                found.append((ctx.code(target), node, traced))
        ctx.analyses[_settings] = found
    return found


def option_read(ctx: PythonContext, node: cst.CSTNode) -> tuple[str, cst.BaseExpression] | None:
    """(the configuration object's code, the read) where the string `node` names the option a
    configuration read reads (`config.get('OpenAI', 'OPENAI_API_KEYS')`)."""
    for parent in reversed(ctx.ancestors(node)[-4:]):
        read = config_read(ctx, parent)
        if read is not None:
            return (read[0], cast(cst.BaseExpression, parent)) if read[1] is node else None
    return None


def option_said(ctx: PythonContext, node: cst.CSTNode, name: str) -> str | None:
    """What ML401 says of the string `node` naming OpenAI's variable `name` where it is the
    option of a configuration read whose value the module sets as a key or base URL (t53c D4:
    not an environment variable, and no setting OpenAI alone has: the key apply keeps for the
    provider, or the setting it deletes or leaves). None elsewhere."""
    from migrate_llm.rules.legacy_config import key_on_clients
    from migrate_llm.rules.models import article

    provider = ctx.rules.provider
    found = option_read(ctx, node)
    if provider is None or not ctx.rules.switching or found is None:
        return None
    source, read = found
    setting = next(((s, a) for s, a, t in _settings(ctx) if any(r is read for r in t.reads)), None)
    if setting is None:
        return _unsent(ctx, source, name)
    code, assign = setting
    role = _SETTINGS[code.rsplit(".", 1)[-1]]
    line = ctx.line_label(ctx.position(assign)[0][0])
    head = (
        f"names {name}, an option of the configuration `{source}` the module reads, not an "
        f"environment variable: its value is the {role} set on {line} ({code})"
    )
    key = f"{article(provider.name)} {provider.name} key (never an OpenAI key)"
    url = f"{provider.name}'s base URL ({provider.base_url}, or a proxy for it)"
    record = "then record that with `# migrate-llm: ignore[ML401]` at the end of this line"
    pair = config_pair(ctx)
    if code.startswith("openai.") and pair is not None and pair.holds(assign):
        if pair.left is not None:
            return (
                f"{head}, which apply leaves with the {_other(role)} set from that "
                "configuration (ML301): the clients it builds read neither until both are set "
                "on one, by hand"
            )
        return (
            f"{head}, which apply sets on the client it builds together with the "
            f"{_other(role)} from that configuration (ML301): the requests go where that "
            f"configuration says; make it hold {url} and {key}, {record}"
        )
    if code.startswith("openai."):
        if code == "openai.api_key" and key_on_clients(ctx, assign) is not None:
            return (
                f"{head}, which apply sets on the client it builds (ML301): it goes to "
                f"{provider.name}; make it hold {key}, {record}"
            )
        variable = provider.api_key_env if role == "key" else provider.base_url_env
        return (
            f"{head}, which apply deletes: the clients it builds read {variable} instead, "
            "and nothing sends this option's value; remove it once nothing reads it"
        )
    if role == "key":
        return f"{head}, which the client sends with its requests: make it hold {key}, {record}"
    return f"{head}, where the client sends its requests: make it hold {url}, {record}"


def _unsent(ctx: PythonContext, source: str, name: str) -> str | None:
    """What ML401 says of an option no key or base-URL setting of the module takes (t53i D4:
    ChatPaper's key list, once both openai<1 settings were deleted as ML301 advises), in a
    module that reads the provider's own variables (apply's clients); None elsewhere."""
    provider = ctx.rules.provider
    assert provider is not None
    variables = (provider.api_key_env, provider.base_url_env)
    if not all(v in ctx.text for v in variables):
        return None
    return (
        f"names {name}, an option of the configuration `{source}` the module reads, not an "
        "environment variable: no key or base URL the module sets takes its value, and its "
        f"clients read {' and '.join(variables)}; if nothing else sends it, remove the read "
        "by hand, or record that with `# migrate-llm: ignore[ML401]` at the end of this line"
    )


def _other(role: str) -> str:
    return "base URL" if role == "key" else "key"
