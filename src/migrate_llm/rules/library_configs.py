"""ML670 for libraries configured with a dict (`frameworks.libraries.CONFIGURED`): the parts
of a config that build a client of OpenAI's (an `"llm"` with provider `"openai"`, or with
none, or left out), as far as the module shows the config."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import BuiltinAssignment

from migrate_llm.frameworks.libraries import CONFIGURED, ConfigSection, ConfiguredLibrary
from migrate_llm.rules.framework_args import argument, dict_entries
from migrate_llm.rules.framework_classes import unserved_advice
from migrate_llm.rules.models import article
from migrate_llm.rules.python_context import PythonContext, last_name, string_value

_DEPTH = 3  # how many names a config is followed through (`cfg = {"llm": llm}`)


@dataclass(frozen=True)
class OpenAIPart:
    """A part of a config that builds the library's OpenAI client.

    `how`: "named" (its provider, or the prefix of its model, is OpenAI's), "default" (it
    names no provider), "absent" (the library's default) or "unknown" (the module does not
    show it); `shown`: what picks it, or the code not shown. An absent part is missing from
    the config ("config"), the call is given no config ("call") or not the part as an object
    ("arguments", `App()`). `taker`: the call's name as a message shows it
    (`App.from_config`). `model`: the value of its model setting, if the module shows one.
    `settings`: the dict display or call holding its settings as the module shows them (where
    its key goes: `configured_key`)."""

    node: cst.CSTNode
    taker: str
    section: ConfigSection
    how: str
    shown: str = ""
    model: cst.BaseExpression | None = None
    absent_from: str = ""
    settings: cst.CSTNode | None = None


@dataclass(frozen=True)
class _Entry:
    key: cst.CSTNode  # the key (a string) or the keyword
    value: cst.BaseExpression


def openai_parts(ctx: PythonContext, library: ConfiguredLibrary) -> Iterator[OpenAIPart]:
    """The parts of the configs the module gives `library` that go to OpenAI, or may."""
    for node in ctx.nodes:
        if type(node) is cst.Call:
            yield from call_parts(ctx, library, node)


def call_parts(
    ctx: PythonContext, library: ConfiguredLibrary, call: cst.Call
) -> Iterator[OpenAIPart]:
    """Those of one call (`App.from_config(...)`, `App()`), if it is one that takes them."""
    names = ctx.qualnames(call.func)
    found = sorted(names & library.config_calls.keys())
    if found:
        platform = library.platform_arguments.get(found[0])
        given = None if platform is None else argument(call, *platform)
        if given is not None and not _none(given.value):
            return  # a client of the library's platform (mem0's `Mem0(api_key=...)`)
        yield from _Reader(ctx, library).config_call(call, *library.config_calls[found[0]])
    elif names & library.object_calls:
        yield from _Reader(ctx, library).object_call(call)


def configured_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literals written in the parts of a config that ML670 reports for `call`:
    the message names the provider's model, and ML204 leaves them (mapped alone, the model
    would go to OpenAI; scrapegraphai would find no provider for it)."""
    for library in CONFIGURED:
        if not ctx.mentions(library.module):
            continue
        for part in call_parts(ctx, library, call):
            resolved = None if part.model is None else ctx.resolve_literal(part.model)
            if resolved is not None and resolved[2] == "literal":
                yield resolved[0]


def configured_part(
    ctx: PythonContext, holder: cst.CSTNode | None
) -> tuple[ConfiguredLibrary, OpenAIPart] | None:
    """The part of a config ML670 reports whose settings `holder` (a dict display,
    `dict(...)`) are, and its library."""
    found = ctx.analyses.get(configured_part)
    if found is None:
        found = ctx.analyses[configured_part] = [
            (library, part)
            for library in CONFIGURED
            if ctx.mentions(library.module)
            for part in openai_parts(ctx, library)
            if part.settings is not None
        ]
    parts = cast("list[tuple[ConfiguredLibrary, OpenAIPart]]", found)
    return next(((lib, part) for lib, part in parts if part.settings is holder), None)


def configured_key(ctx: PythonContext, key: cst.CSTNode | None, holder: cst.CSTNode | None) -> bool:
    """Whether `key` (a dict entry's key, a keyword) is the setting taking the key of a part
    of a config ML670 reports (`holder` its settings): that key goes to OpenAI with the part."""
    named = key.value if isinstance(key, cst.Name) else string_value(key) if key else None
    found = None if named is None or holder is None else configured_part(ctx, holder)
    return found is not None and named in found[0].key_keys


class _Reader:
    def __init__(self, ctx: PythonContext, library: ConfiguredLibrary) -> None:
        self.ctx = ctx
        self.library = library

    def config_call(self, call: cst.Call, keyword: str, position: int) -> Iterator[OpenAIPart]:
        """`Memory.from_config({...})`: each section of the config it is given."""
        taker = _taker(call)
        given = argument(call, keyword, position)
        if given is None and call.args:  # a config file's path, `**kwargs`
            shown = ", ".join(self._code(a) for a in call.args)
            for section in self.library.sections:
                yield OpenAIPart(call.func, taker, section, "unknown", self._short(shown))
            return
        config = None if given is None else self._entries(given.value)
        for section in self.library.sections:
            if given is None or _none(given.value):
                if section.when_absent:
                    yield OpenAIPart(call.func, taker, section, "absent", absent_from="call")
            elif config is None:
                yield OpenAIPart(given.value, taker, section, "unknown", self._code(given.value))
            else:
                yield from self._section(call, taker, section, config)

    def object_call(self, call: cst.Call) -> Iterator[OpenAIPart]:
        """`App()`: a section not given as an object is the library's OpenAI default."""
        taker = _taker(call)
        starred = any(a.star for a in call.args)
        for section in self.library.sections:
            if section.argument is None or not section.when_absent:
                continue
            given = argument(call, section.argument, None)
            if given is not None and not _none(given.value):
                continue  # an object of the program's own
            if starred:
                shown = ", ".join(self._code(a) for a in call.args if a.star)
                yield OpenAIPart(call.func, taker, section, "unknown", self._short(shown))
            else:
                yield OpenAIPart(call.func, taker, section, "absent", absent_from="arguments")

    def _section(
        self, call: cst.Call, taker: str, section: ConfigSection, config: dict[str, _Entry]
    ) -> Iterator[OpenAIPart]:
        library = self.library
        entry = next((config[k] for k in section.keys if k in config), None)
        if entry is None:
            if section.when_absent:
                yield OpenAIPart(call.func, taker, section, "absent", absent_from="config")
            return
        body = self._entries(entry.value)
        if body is None:
            yield OpenAIPart(entry.value, taker, section, "unknown", self._code(entry.value))
            return
        if library.provider_key is not None:
            picked = body.get(library.provider_key)
            if picked is None:
                node, how, shown = entry.key, "default", ""
            else:
                resolved = self.ctx.resolve_literal(picked.value)
                if resolved is None:
                    node, how, shown = picked.value, "unknown", self._code(picked.value)
                elif resolved[1] in library.openai_providers:
                    node, how, shown = picked.value, "named", resolved[1]
                else:
                    return  # another provider
            held = body.get(library.settings_key) if library.settings_key else None
            settings = {} if held is None else self._entries(held.value)
            holder = None if held is None else self._shown(held.value)
        else:
            model = body.get("model")
            if model is None:
                return  # the library needs one: no request goes out
            resolved = self.ctx.resolve_literal(model.value)
            if resolved is None:
                node, how, shown = model.value, "unknown", self._code(model.value)
            elif self._openai_model(resolved[1]):
                node, how, shown = model.value, "named", resolved[1]
            else:
                return
            settings, holder = body, self._shown(entry.value)
        values = None if settings is None else {k: e.value for k, e in settings.items()}
        if values is not None and any(
            not _none(values[k]) for k in (section.base_url_key, *library.own_keys) if k in values
        ):
            return  # pointed elsewhere (an OpenAI URL there is ML502's), or a model of its own
        model_value = None if values is None else values.get("model")
        yield OpenAIPart(node, taker, section, how, shown, model_value, settings=holder)

    def _openai_model(self, value: str) -> bool:
        """Whether a model string picks the library's OpenAI client: its OpenAI prefix, or an
        OpenAI model id written without one."""
        prefix = self.library.model_prefix or ""
        if prefix and value.startswith(prefix):
            return True
        return "/" not in value and self.ctx.rules.openai.serves(value)

    def _shown(self, value: cst.BaseExpression, depth: int = _DEPTH) -> cst.Dict | cst.Call | None:
        """The dict display, `dict(...)` or config class `value` is, or a name bound once to
        one of these."""
        if isinstance(value, cst.Name) and depth > 0:
            bound = self.ctx.bound_value(value)
            return None if bound is None else self._shown(bound, depth - 1)
        if isinstance(value, cst.Dict):
            return value
        if isinstance(value, cst.Call) and self._config_class(value.func):
            return value
        return None

    def _entries(self, value: cst.BaseExpression) -> dict[str, _Entry] | None:
        """The entries of a config or a section as the module shows them: a dict display with
        string keys, `dict(k=v)` or a config class given keywords only, or a name bound once
        to one of these; None otherwise."""
        shown = self._shown(value)
        if isinstance(shown, cst.Dict):
            found = dict_entries(shown)
            if found is None:
                return None
            return {k: _Entry(e.key, e.value) for k, e in found.items()}
        if isinstance(shown, cst.Call):
            if any(a.star or a.keyword is None for a in shown.args):
                return None
            return {a.keyword.value: _Entry(a.keyword, a.value) for a in shown.args if a.keyword}
        return None

    def _config_class(self, func: cst.BaseExpression) -> bool:
        if isinstance(func, cst.Name) and func.value == "dict":
            return all(isinstance(b, BuiltinAssignment) for b in self.ctx.bindings(func))
        return bool(self.ctx.qualnames(func) & self.library.config_classes)

    def _code(self, node: cst.CSTNode) -> str:
        return self._short(self.ctx.code(node))

    @staticmethod
    def _short(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= 40 else text[:37] + "..."


def _taker(call: cst.Call) -> str:
    """`App.from_config`, `Memory`: the name of a call that takes a config, for messages."""
    func = call.func
    if isinstance(func, cst.Attribute):
        return f"{last_name(func.value) or '...'}.{func.attr.value}"
    return last_name(func) or "call"


def _none(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value == "None"


def part_message(ctx: PythonContext, library: ConfiguredLibrary, part: OpenAIPart) -> str:
    """What a part of a config does and what to set there for the provider of the run."""
    section = part.section
    key = section.keys[0]
    settings = f'its "{library.settings_key}"' if library.settings_key else f'"{key}"'
    builds = section.builds
    if part.how == "named":
        what = "provider" if library.provider_key else "model"
        head = f'"{key}" of {part.taker}() picks {what} {part.shown!r}: {builds}'
    elif part.how == "default":
        head = f'"{key}" of {part.taker}() names no "{library.provider_key}": {builds}'
    elif part.absent_from == "arguments":
        head = f"{part.taker}() is given no {section.argument}=: {builds}"
    elif part.absent_from == "call":
        head = f"{part.taker}() is given no config: {builds}"
    elif part.how == "absent":
        head = f'{part.taker}() is given no "{key}": {builds}'
    else:
        head = f'"{key}" of {part.taker}() may be {builds} (`{part.shown}` is not shown here)'
    *first, last = section.variables
    reads = f"{', '.join(first)} and {last}" if first else last
    if part.how == "absent":
        model = "" if section.default_model is None else f", and sends {section.default_model}"
        goes = f"goes to OpenAI (it reads {reads}{model})"
        entry = (
            f'"{key}": {{"{library.provider_key}": "openai", "{library.settings_key}": {{...}}}}'
        )
        if part.absent_from == "arguments":
            how = f"build it with {part.taker}.from_config(config={{{entry}}})"
        elif part.absent_from == "call":
            how = f"give it a config with {entry}"
        else:
            how = f"add {entry}"
        place = f'{how} and set in that "{library.settings_key}"'
    else:
        model = (
            ""
            if section.default_model is None
            else f", and sends {section.default_model} by default"
        )
        goes = (
            f'goes to OpenAI unless {settings} sets "{section.base_url_key}" (it reads {reads} '
            f"for what that leaves out{model})"
        )
        place = f"set in {settings}"
    provider = ctx.rules.provider
    if provider is not None and ctx.rules.switching and provider.support(section.surface) is False:
        # pointed at the provider, it would call an API the provider does not serve
        return f"{head}, which {goes}; {unserved_advice(ctx, section.surface)}"
    return f"{head}, which {goes}; {_advice(ctx, library, part, place)}"


def _advice(ctx: PythonContext, library: ConfiguredLibrary, part: OpenAIPart, place: str) -> str:
    """Set the base URL, key and model (and an embedder's size of vectors) for the provider."""
    section = part.section
    rules = ctx.rules
    provider = rules.provider
    size = _size_advice(ctx, library, section)
    if provider is None or not rules.switching:
        return (
            f'for another provider {place} "{section.base_url_key}" to its base URL, "api_key" '
            f'to its key and "model" to one of its models{size}, by hand (`migrate-llm scan '
            "--provider ID` names them)"
        )
    return (
        f'for {provider.name} {place} "{section.base_url_key}" to the base URL from '
        f'{provider.base_url_env} (default {rules.base_url}), "api_key" to the key from '
        f"{provider.api_key_env}{_model_advice(ctx, library, part)}{size}, by hand"
    )


def _size_advice(ctx: PythonContext, library: ConfiguredLibrary, section: ConfigSection) -> str:
    """`, and "embedding_dims" to ...`: the size of an embedder's vectors and, where the
    library's vector store is not told it (mem0), the store's size too: a store made for
    another size rejects the provider's vectors. From the provider's `embedding_dimensions`
    (the sizes its model returns when asked) and `embedding_default_dimensions`."""
    if section.size_key is None:
        return ""
    size = f'"{section.size_key}"'
    if not section.store_size:
        return f", and {size} to the size of its vectors"
    *path, last = section.store_size

    def store(value: object) -> str:  # `"vector_store": {"config": {"embedding_model_dims": 1536}}`
        return "".join(f'"{key}": {{' for key in path) + f'"{last}": {value}' + "}" * len(path)

    stores = f"{library.module}'s vector stores"
    held = f"{stores} hold {section.store_default} unless told"
    again = "; re-embed the vectors stored with OpenAI's model"
    provider = ctx.rules.provider
    params = provider.params if provider is not None and ctx.rules.switching else {}
    offered = params.get("embedding_dimensions")
    default = params.get("embedding_default_dimensions")
    if isinstance(offered, list) and section.store_default in offered:
        return (
            f", and {size} to {section.store_default}: its model returns that size when asked, "
            f"and {held} (for another size it returns, set {store('<that size>')} to the "
            f"same){again}"
        )
    if isinstance(default, int) and isinstance(offered, list):
        return f", and {size} to {default} and {store(default)} ({held}){again}"
    if provider is not None and isinstance(default, int):
        return (
            f", and {store(default)}, the size its model returns ({held}), leaving "
            f"{size} out ({library.module} sends it as dimensions=, which {provider.name} may "
            f"not take){again}"
        )
    return (
        f", and {size} to a size its model returns, with {store('<that size>')} the "
        f"same ({held}){again}"
    )


def _model_advice(ctx: PythonContext, library: ConfiguredLibrary, part: OpenAIPart) -> str:
    """` and "model" to 'glm-4-plus' (for 'gpt-4')`: the provider's model for the part,
    through the provider's table; nothing where it names one of the provider's models."""
    provider = ctx.rules.provider
    assert provider is not None
    prefix = library.model_prefix or ""
    some = f' and "model" to {article(provider.name)} {provider.name} model'
    if part.model is not None:
        resolved = ctx.resolve_literal(part.model)
        if resolved is None:
            return some
        model, said = resolved[1], "for"
    elif section_default := part.section.default_model:
        model, said = section_default, "instead of"
    else:
        return ""
    bare = model.removeprefix(prefix)
    if provider.serves(bare):
        return ""
    mapped = ctx.rules.map_model(bare)
    if mapped is None:
        return f"{some} ({model!r} has no mapping)"
    return f' and "model" to {prefix + mapped!r} ({said} {model!r})'
