"""ML670 for libraries configured with a dict (`frameworks.libraries.CONFIGURED`): the parts
of a config that build a client of OpenAI's (an `"llm"` with provider `"openai"`, or with
none, or left out), as far as the module shows the config."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import cast

import libcst as cst
from libcst.metadata import BuiltinAssignment

from migrate_llm.frameworks.libraries import CONFIGURED, ConfigSection, ConfiguredLibrary
from migrate_llm.rules.framework_args import argument, dict_entries
from migrate_llm.rules.framework_classes import unserved_advice
from migrate_llm.rules.models import article
from migrate_llm.rules.python_context import PythonContext, last_name, string_value
from migrate_llm.rules.thinking_switch import thinking_switch
from migrate_llm.rules.wording import and_listed

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
    its key goes: `configured_key`). `store`: the library's vector store the config builds
    (None: not shown). `inner`: the part is the LLM config nested in a section's settings
    (`ConfigSection.nested`: the reranker's `"llm"`). `shaped`: the name of a module-level
    dict shaped like the library's config in a module that does not import it (`shaped_configs`),
    for a part of it."""

    node: cst.CSTNode
    taker: str
    section: ConfigSection
    how: str
    shown: str = ""
    model: cst.BaseExpression | None = None
    absent_from: str = ""
    settings: cst.CSTNode | None = None
    store: str | None = None
    inner: bool = False
    shaped: str = ""


@dataclass(frozen=True)
class PointedEmbedder:
    """An embedder part of a config given a base URL (`base_url`): its `settings` (their
    entries `values`, as shown in `holder`), and the vector store the config builds: `store`
    (None: not shown), its settings' entries and holder (None: not shown or none given);
    `shaped` as `OpenAIPart`'s."""

    taker: str
    section: ConfigSection
    node: cst.CSTNode
    base_url: cst.BaseExpression
    values: dict[str, cst.BaseExpression]
    holder: cst.Dict | cst.Call | None
    store: str | None
    store_values: dict[str, cst.BaseExpression] | None
    store_holder: cst.Dict | cst.Call | None
    shaped: str = ""


@dataclass(frozen=True)
class _Entry:
    key: cst.CSTNode  # the key (a string) or the keyword
    value: cst.BaseExpression


def openai_parts(ctx: PythonContext, library: ConfiguredLibrary) -> Iterator[OpenAIPart]:
    """The parts of the configs the module gives `library` that go to OpenAI, or may; in a
    module that does not name the library, those of the dicts shaped like its config
    (`shaped_configs`)."""
    if not ctx.mentions(library.module):
        yield from shaped_configs(ctx, library)
        return
    seen: set[int] = set()
    for node in ctx.nodes:
        if type(node) is cst.Call:
            for part in call_parts(ctx, library, node):
                seen.add(id(part.node))
                yield part
    # a dict the module's own calls are not shown taking (mem0's server/main.py imports
    # mem0.exceptions and hands its DEFAULT_CONFIG to server_state.py)
    for part in shaped_configs(ctx, library, imported=True):
        if id(part.node) not in seen:
            yield part


def shaped_configs(
    ctx: PythonContext, library: ConfiguredLibrary, imported: bool = False
) -> Iterator[OpenAIPart]:
    """The parts going to OpenAI of each dict display bound at the module's top level to a
    name (`DEFAULT_CONFIG = {...}`) that is shaped like `library`'s config, where a module of
    the project imports the library (`RunFacts.configured_imported`): an entry of a section
    (`"llm"`, `"embedder"`) holding its provider key and settings, whose settings give a key
    or a model (mem0's server builds the dict in main.py and hands it to `Memory.from_config`
    in another module). Conservative: such a dict may be given to the library elsewhere, and
    a key given there would go to OpenAI. `imported`: the module names the library itself."""
    if not imported and library.module not in ctx.rules.facts.configured_imported:
        return
    if library.provider_key is None or library.settings_key is None:
        return
    reader = _Reader(ctx, library)
    for name, value in shaped_dicts(ctx, reader):
        yield from reader.shaped_parts(name, value)


def shaped_dicts(ctx: PythonContext, reader: _Reader) -> Iterator[tuple[str, cst.Dict]]:
    """The dict displays shaped like the reader's library's config (`_Reader.shaped`) that
    a module-level name is bound to (`DEFAULT_CONFIG = {...}`: its name), or that a function
    returns, written in its `return` or bound once to a name it returns (`make_config()`)."""
    for statement in ctx.module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if (
                isinstance(small, cst.Assign)
                and len(small.targets) == 1
                and isinstance(small.targets[0].target, cst.Name)
                and isinstance(small.value, cst.Dict)
                and reader.shaped(small.value)
            ):
                yield small.targets[0].target.value, small.value
    for node in ctx.nodes:
        if type(node) is cst.FunctionDef:
            returned = ctx.return_of(node)
            shown = None if returned is None else reader.shown(returned)
            if isinstance(shown, cst.Dict) and reader.shaped(shown):
                yield f"{node.name.value}()", shown


def call_parts(
    ctx: PythonContext, library: ConfiguredLibrary, call: cst.Call, reader: _Reader | None = None
) -> Iterator[OpenAIPart]:
    """Those of one call (`App.from_config(...)`, `App()`), if it is one that takes them."""
    reader = reader or _Reader(ctx, library)
    names = ctx.qualnames(call.func)
    found = sorted(names & library.config_calls.keys())
    if found:
        platform = library.platform_arguments.get(found[0])
        given = None if platform is None else argument(call, *platform)
        if given is not None and not _none(given.value):
            return  # a client of the library's platform (mem0's `Mem0(api_key=...)`)
        yield from reader.config_call(call, *library.config_calls[found[0]])
    elif names & library.object_calls:
        yield from reader.object_call(call)


def pointed_embedders(ctx: PythonContext, library: ConfiguredLibrary) -> list[PointedEmbedder]:
    """The embedder parts of the configs the module gives `library` that a base URL points
    somewhere (`size_checks` judges them)."""
    reader = _Reader(ctx, library)
    for node in ctx.nodes:
        if type(node) is cst.Call:
            for _ in call_parts(ctx, library, node, reader):
                pass
    if library.module not in ctx.rules.facts.configured_imported and not ctx.mentions(
        library.module
    ):
        return reader.pointed
    # a dict shaped like the library's config, given to it in another module
    # (`init(CONFIG)`, whose module calls `Memory.from_config(config)`)
    seen = {id(p.node) for p in reader.pointed}
    found = list(reader.pointed)
    for name, value in shaped_dicts(ctx, reader):
        reader.pointed = []
        for _ in reader.shaped_parts(name, value):
            pass
        found.extend(replace(p, shaped=name) for p in reader.pointed if id(p.node) not in seen)
        seen.update(id(p.node) for p in reader.pointed)
    return found


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


def litellm_models(ctx: PythonContext) -> dict[int, tuple[ConfiguredLibrary, cst.CSTNode]]:
    """The model literals (by node id) of the config sections that hand their model to
    litellm (`ConfigSection.litellm_providers`: mem0's `"llm": {"provider": "litellm",
    "config": {"model": "gpt-4o-mini"}}`), with their library and the section's provider
    entry: in configs given to the library's calls and in dicts shaped like its config."""
    found = ctx.analyses.get(litellm_models)
    if found is None:
        found = ctx.analyses[litellm_models] = dict(_litellm_models(ctx))
    return cast("dict[int, tuple[ConfiguredLibrary, cst.CSTNode]]", found)


def _litellm_models(
    ctx: PythonContext,
) -> Iterator[tuple[int, tuple[ConfiguredLibrary, cst.CSTNode]]]:
    imported = ctx.rules.facts.configured_imported
    for library in CONFIGURED:
        sections = [s for s in library.sections if s.litellm_providers]
        if not sections or library.provider_key is None or library.settings_key is None:
            continue
        if not ctx.mentions(library.module) and library.module not in imported:
            continue
        reader = _Reader(ctx, library)
        configs: list[cst.BaseExpression] = [value for _, value in shaped_dicts(ctx, reader)]
        for node in ctx.nodes:
            if type(node) is cst.Call:
                names = sorted(ctx.qualnames(node.func) & library.config_calls.keys())
                given = argument(node, *library.config_calls[names[0]]) if names else None
                if given is not None:
                    configs.append(given.value)
        for config in configs:
            entries = reader.entries(config)
            for section in sections:
                entry = None if entries is None else entries.get(section.keys[0])
                body = None if entry is None else reader.entries(entry.value)
                picked = None if body is None else body.get(library.provider_key)
                named = None if picked is None else ctx.resolve_literal(picked.value)
                if body is None or picked is None or named is None:
                    continue
                if named[1] not in section.litellm_providers:
                    continue
                held = body.get(library.settings_key)
                settings = None if held is None else reader.entries(held.value)
                model = None if settings is None else settings.get("model")
                literal = None if model is None else ctx.resolve_literal(model.value)
                if literal is not None:
                    yield id(literal[0]), (library, picked.value)


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
        self.pointed: list[PointedEmbedder] = []

    def config_call(self, call: cst.Call, keyword: str, position: int) -> Iterator[OpenAIPart]:
        """`Memory.from_config({...})`: each section of the config it is given."""
        taker = _taker(call)
        given = argument(call, keyword, position)
        if given is None and call.args:  # a config file's path, `**kwargs`
            shown = ", ".join(self._code(a) for a in call.args)
            for section in self.library.sections:
                if section.nested is None:
                    yield OpenAIPart(call.func, taker, section, "unknown", self._short(shown))
            return
        config = None if given is None else self._entries(given.value)
        for section in self.library.sections:
            if given is None or _none(given.value):
                if section.when_absent:
                    store = section.default_store
                    yield OpenAIPart(
                        call.func, taker, section, "absent", absent_from="call", store=store
                    )
            elif config is None:
                if section.nested is None:
                    shown = self._code(given.value)
                    yield OpenAIPart(given.value, taker, section, "unknown", shown)
            elif section.nested is not None:
                yield from self._nested(taker, section, config)
            else:
                yield from self._section(call, taker, section, config)

    def shaped(self, value: cst.Dict) -> bool:
        """Whether a dict display is shaped like the library's config: a section's entry
        holding its provider key and settings, these giving a key or a model."""
        library = self.library
        config = self._entries(value)
        if config is None or library.provider_key is None or library.settings_key is None:
            return False
        for section in library.sections:
            entry = next((config[k] for k in section.keys if k in config), None)
            body = None if entry is None else self._entries(entry.value)
            if body is None or library.provider_key not in body:
                continue
            held = body.get(library.settings_key)
            settings = None if held is None else self._entries(held.value)
            if settings and any(k in settings for k in (*library.key_keys, "model")):
                return True
        return False

    def shaped_parts(self, name: str, value: cst.Dict) -> Iterator[OpenAIPart]:
        """The parts going to OpenAI of a dict `shaped` like the library's config: those it
        holds (none for what it leaves out: where it goes is not shown)."""
        config = self._entries(value)
        assert config is not None
        for section in self.library.sections:
            if section.nested is None and any(k in config for k in section.keys):
                for part in self._section(None, name, section, config):
                    yield replace(part, shaped=name)

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
                store = section.default_store
                yield OpenAIPart(
                    call.func, taker, section, "absent", absent_from="arguments", store=store
                )

    def _section(
        self,
        call: cst.Call | None,
        taker: str,
        section: ConfigSection,
        config: dict[str, _Entry],
    ) -> Iterator[OpenAIPart]:
        library = self.library
        store, store_values, store_holder = self._store(section, config)
        entry = next((config[k] for k in section.keys if k in config), None)
        if entry is None:
            if section.when_absent and call is not None:
                yield OpenAIPart(
                    call.func, taker, section, "absent", absent_from="config", store=store
                )
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
            base_url = values.get(section.base_url_key)
            if section.size_key is not None and base_url is not None and not _none(base_url):
                self.pointed.append(
                    PointedEmbedder(
                        taker,
                        section,
                        node,
                        base_url,
                        values,
                        holder,
                        store,
                        store_values,
                        store_holder,
                    )
                )
            return  # pointed elsewhere (an OpenAI URL there is ML502's), or a model of its own
        model_value = None if values is None else values.get("model")
        yield OpenAIPart(
            node, taker, section, how, shown, model_value, settings=holder, store=store
        )

    def _store(
        self, section: ConfigSection, config: dict[str, _Entry]
    ) -> tuple[str | None, dict[str, cst.BaseExpression] | None, cst.Dict | cst.Call | None]:
        """The vector store the config builds (None: not shown), its settings' entries and
        where they are written (None: not shown, or none given)."""
        if section.store_key is None:
            return None, None, None
        entry = config.get(section.store_key)
        if entry is None:
            return section.default_store, {}, None
        body = self._entries(entry.value)
        if body is None:
            return None, None, None
        picked = body.get(self.library.provider_key or "provider")
        resolved = None if picked is None else self.ctx.resolve_literal(picked.value)
        store = section.default_store if picked is None else resolved and resolved[1]
        held = body.get(self.library.settings_key or "config")
        if held is None or _none(held.value):
            return store, {}, None
        settings = self._entries(held.value)
        values = None if settings is None else {k: e.value for k, e in settings.items()}
        return store, values, self._shown(held.value)

    def _nested(
        self, taker: str, section: ConfigSection, config: dict[str, _Entry]
    ) -> Iterator[OpenAIPart]:
        """A section building the library's LLM from its settings (`ConfigSection.nested`):
        its nested LLM config where it gives one, else its settings."""
        nested = section.nested
        library = self.library
        assert nested is not None and library.provider_key and library.settings_key
        entry = next((config[k] for k in section.keys if k in config), None)
        if entry is None or _none(entry.value):
            return
        body = self._entries(entry.value)
        if body is None:
            yield OpenAIPart(entry.value, taker, section, "unknown", self._code(entry.value))
            return
        picked = body.get(library.provider_key)
        resolved = None if picked is None else self.ctx.resolve_literal(picked.value)
        if picked is None or (resolved is not None and resolved[1] not in nested.picked_by):
            return  # the library's default (mem0: cohere's reranker) or another kind
        if resolved is None:
            yield OpenAIPart(picked.value, taker, section, "unknown", self._code(picked.value))
            return
        held = body.get(library.settings_key)
        settings = {} if held is None or _none(held.value) else self._entries(held.value)
        if settings is None:
            assert held is not None
            yield OpenAIPart(held.value, taker, section, "unknown", self._code(held.value))
            return
        holder = None if held is None else self._shown(held.value)
        model = settings.get("model")
        llm_provider = settings.get(nested.provider_key)
        inner = settings.get(nested.llm_key)
        if inner is None or _none(inner.value):
            how = self._llm_pick(llm_provider)
            if how in ("named", "default"):
                node = picked.value
                shown = resolved[1]
                value = None if model is None else model.value
                yield OpenAIPart(node, taker, section, how, shown, value, settings=holder)
            elif how == "unknown" and llm_provider is not None:
                code = self._code(llm_provider.value)
                yield OpenAIPart(llm_provider.value, taker, section, "unknown", code)
            return
        inner_body = self._entries(inner.value)
        if inner_body is None:
            yield OpenAIPart(inner.value, taker, section, "unknown", self._code(inner.value))
            return
        provider = inner_body.get(library.provider_key) or llm_provider
        how = self._llm_pick(provider)
        if how == "other":
            return
        if how == "unknown":
            assert provider is not None
            code = self._code(provider.value)
            yield OpenAIPart(provider.value, taker, section, "unknown", code, inner=True)
            return
        inner_held = inner_body.get(library.settings_key)
        inner_settings = (
            {} if inner_held is None or _none(inner_held.value) else self._entries(inner_held.value)
        )
        if inner_settings is None:
            assert inner_held is not None
            code = self._code(inner_held.value)
            yield OpenAIPart(inner_held.value, taker, section, "unknown", code, inner=True)
            return
        url = inner_settings.get(section.base_url_key)
        if url is not None and not _none(url.value):
            return  # pointed elsewhere
        model = inner_settings.get("model") or model
        where: cst.CSTNode = inner.key if provider is None else provider.value
        named = None if provider is None else self.ctx.resolve_literal(provider.value)
        shown = "" if named is None else named[1]
        yield OpenAIPart(
            where,
            taker,
            section,
            how,
            shown,
            None if model is None else model.value,
            settings=None if inner_held is None else self._shown(inner_held.value),
            inner=True,
        )

    def _llm_pick(self, provider: _Entry | None) -> str:
        """How a nested section's LLM provider entry picks: "default" (none: OpenAI's),
        "named" (OpenAI's), "unknown" (not shown) or "other"."""
        if provider is None:
            return "default"
        resolved = self.ctx.resolve_literal(provider.value)
        if resolved is None:
            return "unknown"
        return "named" if resolved[1] in self.library.openai_providers else "other"

    def _openai_model(self, value: str) -> bool:
        """Whether a model string picks the library's OpenAI client: its OpenAI prefix, or an
        OpenAI model id written without one."""
        prefix = self.library.model_prefix or ""
        if prefix and value.startswith(prefix):
            return True
        return "/" not in value and self.ctx.rules.openai.serves(value)

    def shown(self, value: cst.BaseExpression) -> cst.Dict | cst.Call | None:
        """The dict display, `dict(...)` or config class `value` is (`_shown`)."""
        return self._shown(value)

    def _shown(self, value: cst.BaseExpression, depth: int = _DEPTH) -> cst.Dict | cst.Call | None:
        """The dict display, `dict(...)` or config class `value` is, or a name bound once to
        one of these, or an entry of one looked up by a string (`LLM["config"]`, with `LLM =
        {"config": {...}}`)."""
        if isinstance(value, cst.Name) and depth > 0:
            bound = self.ctx.bound_value(value)
            return None if bound is None else self._shown(bound, depth - 1)
        if isinstance(value, cst.Subscript) and depth > 0:
            entry = self._looked_up(value, depth - 1)
            return None if entry is None else self._shown(entry, depth - 1)
        if isinstance(value, cst.Dict):
            return value
        if isinstance(value, cst.Call) and self._config_class(value.func):
            return value
        return None

    def _looked_up(self, value: cst.Subscript, depth: int) -> cst.BaseExpression | None:
        """The value of the entry `value` looks up by a string in a dict the module shows
        (`_shown`); None for another lookup."""
        if len(value.slice) != 1 or not isinstance(value.slice[0].slice, cst.Index):
            return None
        key = string_value(value.slice[0].slice.value)
        held = self._shown(value.value, depth)
        found = dict_entries(held) if isinstance(held, cst.Dict) else None
        entry = None if key is None or found is None else found.get(key)
        return None if entry is None else entry.value

    def entries(self, value: cst.BaseExpression) -> dict[str, _Entry] | None:
        """The entries of a config or a section as the module shows them (`_entries`)."""
        return self._entries(value)

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
    if section.nested is not None:
        return _nested_message(ctx, library, part)
    key = section.keys[0]
    settings = f'its "{library.settings_key}"' if library.settings_key else f'"{key}"'
    builds = section.builds
    if part.how == "named":
        what = "provider" if library.provider_key else "model"
        head = f'"{key}" of {part_taker(part)} picks {what} {part.shown!r}: {builds}'
    elif part.how == "default":
        head = f'"{key}" of {part_taker(part)} names no "{library.provider_key}": {builds}'
    elif part.absent_from == "arguments":
        head = f"{part.taker}() is given no {section.argument}=: {builds}"
    elif part.absent_from == "call":
        head = f"{part.taker}() is given no config: {builds}"
    elif part.how == "absent":
        head = f'{part.taker}() is given no "{key}": {builds}'
    else:
        head = f'"{key}" of {part.taker}() may be {builds} (`{part.shown}` is not shown here)'
    reads = and_listed(section.variables)
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


def part_taker(part: OpenAIPart) -> str:
    """`Memory.from_config()`, or for a dict shaped like a config (`shaped_configs`) its
    name and why it counts."""
    if part.shaped:
        return shaped_label(part.shaped, part.section)
    return f"{part.taker}()"


def shaped_label(shaped: str, section: ConfigSection) -> str:
    """`DEFAULT_CONFIG, a dict shaped like mem0's config (...),`; for a function's
    (`make_config()`) the dict it returns."""
    module = section.builds.split("'")[0]
    what = (
        f"the dict {shaped} returns, shaped"
        if shaped.endswith("()")
        else f"{shaped}, a dict shaped"
    )
    return (
        f"{what} like {module}'s config (a module of the project imports {module}, and may "
        "be given it),"
    )


def part_builds(part: OpenAIPart) -> str:
    """What the part builds, as a message names it: the LLM alone for one nested in a
    section's settings (`"mem0's openai llm"`)."""
    builds = part.section.builds
    return builds.rpartition("builds ")[2] if part.inner else builds


def _nested_message(ctx: PythonContext, library: ConfiguredLibrary, part: OpenAIPart) -> str:
    """For a section building the library's LLM from its settings (mem0's LLM reranker):
    only the settings of an LLM config nested there take a base URL."""
    section = part.section
    nested = section.nested
    assert nested is not None
    key, url_key = section.keys[0], section.base_url_key
    settings, provider_key = library.settings_key, library.provider_key
    reads = and_listed(section.variables)
    sends = "" if section.default_model is None else f", and sends {section.default_model}"
    llm = part_builds(part)
    if part.inner:
        where = f'"{nested.llm_key}" of the "{key}" of {part.taker}()'
        if part.how == "named":
            head = f"{where} picks {provider_key} {part.shown!r}: {llm}"
        elif part.how == "default":
            head = f'{where} names no "{provider_key}": {llm}'
        else:
            head = f"{where} may be {llm} (`{part.shown}` is not shown here)"
        goes = (
            f'goes to OpenAI unless its "{settings}" sets "{url_key}" (it reads {reads} for '
            f"what that leaves out{sends} by default)"
        )
        place = f'set in its "{settings}"'
    else:
        if part.how == "unknown":
            shown = f"(`{part.shown}` is not shown here)"
            head = f'"{key}" of {part.taker}() may be {section.builds} {shown}'
        else:
            head = (
                f'"{key}" of {part.taker}() picks {provider_key} {part.shown!r}: {section.builds}'
            )
        goes = (
            f'goes to OpenAI: its "{settings}" takes no "{url_key}" (it reads {reads}{sends} '
            f'by default), only a "{nested.llm_key}" given there does'
        )
        entry = f'"{nested.llm_key}": {{"{provider_key}": "openai", "{settings}": {{...}}}}'
        place = f'give its "{settings}" {entry} and set in that "{settings}"'
    return f"{head}, which {goes}; {_advice(ctx, library, part, place)}"


def _advice(ctx: PythonContext, library: ConfiguredLibrary, part: OpenAIPart, place: str) -> str:
    """Set the base URL, key and model (and an embedder's size of vectors) for the provider."""
    section = part.section
    rules = ctx.rules
    provider = rules.provider
    size = _size_advice(ctx, library, section, part.store)
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


def _size_advice(
    ctx: PythonContext, library: ConfiguredLibrary, section: ConfigSection, name: str | None
) -> str:
    """`, and "embedding_dims" to ...`: the size of an embedder's vectors and, where the
    library's vector store is not told it (mem0), the store's size too (its setting for the
    store `name` the config builds, `ConfigSection.stores`; None: not shown): a store made for
    another size rejects the provider's vectors. From the provider's `embedding_dimensions`
    (the sizes its model returns when asked) and `embedding_default_dimensions`."""
    if section.size_key is None:
        return ""
    size = f'"{section.size_key}"'
    if not section.stores or section.store_key is None:
        return f", and {size} to the size of its vectors"
    setting = section.store_size(name)
    if setting is None:  # chroma: it sizes a collection by the first vectors it stores
        return (
            f", leaving {size} out or at a size its model returns ({name} takes no size "
            "setting: it sizes a collection by the vectors first stored there); make the "
            "collections holding OpenAI's vectors anew"
        )
    path = (section.store_key, library.settings_key or "config")
    last = setting[0]

    def store(value: object) -> str:  # `"vector_store": {"config": {"embedding_model_dims": 1536}}`
        return "".join(f'"{key}": {{' for key in path) + f'"{last}": {value}' + "}" * len(path)

    if name in section.stores and setting[1] is None:
        held = f"{name} needs it"
    elif name in section.stores and setting[1] != section.store_default:
        held = f"{name} holds {setting[1]} unless told"
    else:
        held = f"{library.module}'s vector stores hold {section.store_default} unless told"
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
    thinks = ""
    if not part.section.thinking_switch and thinking_switch(ctx.rules, bare, mapped):
        thinks = (
            f", which thinks before it answers unless told not to, unlike {model!r}, and "
            f"{library.module}'s config has no setting that turns it off (extra_body): where "
            f"the program wants quick answers, map {bare!r} to a model that does not think "
            f"(--model {bare}=NAME)"
        )
    return f' and "model" to {prefix + mapped!r} ({said} {model!r}){thinks}'
