"""Rules for AutoGen / AG2: 0.2-style `config_list` entries and autogen-ext's
`OpenAIChatCompletionClient` (see `migrate_llm.frameworks.autogen`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment, BuiltinAssignment

from migrate_llm.edits import apply_edits
from migrate_llm.frameworks import autogen as fw
from migrate_llm.frameworks.modules import import_pattern
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.rules.azure_target import azure_target
from migrate_llm.rules.base import Example
from migrate_llm.rules.clients import left_key_held, migrated_key, passed_keys
from migrate_llm.rules.code_templates import IMPORT_OS, literal
from migrate_llm.rules.framework_args import (
    argument,
    callee,
    insert_entries,
    insert_keywords,
    passes_mapping,
    qualified,
)
from migrate_llm.rules.framework_litellm import _ModelStringRule, endpoint_kind, openai_model
from migrate_llm.rules.model_values import model_values
from migrate_llm.rules.python import snippet
from migrate_llm.rules.python_context import PythonContext, string_value

_IMPORTS_AUTOGEN = re.compile(import_pattern(fw.MODULES), re.MULTILINE)


class AutogenConfigList(_ModelStringRule):
    """An AutoGen / AG2 `config_list` entry that sends an OpenAI model to OpenAI.

    ## What it does
    In a module that imports `autogen` (pyautogen 0.2, AG2), finds the dict entries of a
    `config_list` (a name or key of that name, or the `config_list=` argument), an
    `llm_config` dict and a dict given to AG2's `LLMConfig(...)` that names an OpenAI model
    (`{"model": "gpt-4", "api_key": ...}`), also where a function of the module returns
    the dict or list (`llm_config=make_config(key)`). In any module, the dicts of the list
    under a dict's "config_list" key (`{"config_list": [{...}]}`, AG2's `llm_config`, which
    `LLMConfig.ensure_config` reads as its entries). The model may be a literal or what the
    module shows it to be: a constant, a parameter's default (`def make(key,
    model=DEFAULT_MODEL)`), an environment default, what the module's calls pass. An entry
    may be a dict display or `dict(model=..., ...)`, written in place or bound to a name
    first (`entry = {...}`, `config_list = [entry]`).

    ## Why
    AutoGen builds `OpenAI(**entry)` from the entry's `api_key` and `base_url`: without a
    `base_url` the request goes to api.openai.com with the OpenAI key.

    ## Fix (review)
    `apply` sets `api_key` (the provider's key variable) and `base_url` (its base-URL
    variable, the official URL as default), one finding per entry. A key the program hands
    the entry (a parameter, `self.api_key`, `get_key()`) is kept, with the provider's
    variable when it is empty (`key or os.environ.get("ACME_API_KEY", "unset")`), as ML001 keeps a
    client's; a literal or an environment read (`os.environ["OPENAI_API_KEY"]`) is replaced.
    Entries with another `api_type` (azure, google, ...) or a `base_url` that names another
    endpoint are left alone; ML401 leaves an OpenAI key read one holds where it goes to
    Azure, another client, or a URL the module shows to be neither OpenAI's nor the
    provider's (renamed, the provider's key would go there). The model, an entry under
    "model", is mapped by ML204 where it is written. Left for a person (manual): an
    entry whose model the module does not show, one that takes more entries from a
    `**mapping` (which may or may not name a `base_url`), and one bound to a name that the
    module binds again or changes where it sends (`entry["base_url"] = ...`,
    `entry.update(model=...)`, `del entry["api_key"]`: the edit would not be its last
    word); ML204 then leaves the model settings such an entry may send, so that no
    provider model goes to OpenAI, and ML401 an OpenAI key read it holds, so that no
    provider key does. Entries read
    by `config_list_from_json` (an `OAI_CONFIG_LIST` file or variable) or
    `config_list_from_dotenv` are not edited: reported for a person (manual).
    """

    code = "ML660"
    name = "autogen-config-list"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            "import os\n\nimport autogen\n\nconfig_list = [\n"
            '    {"model": "gpt-4", "api_key": os.environ["OPENAI_API_KEY"]},\n]\n'
            'assistant = autogen.AssistantAgent("assistant", llm_config={"config_list": '
            "config_list})\n",
            provider="acme",
            message="a config_list entry sends the request to OpenAI; apply passes the key "
            "from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
            after="import os\n\nimport autogen\n\nconfig_list = [\n"
            "    {\n"
            '        "model": "gpt-4",\n'
            '        "api_key": os.environ.get("ACME_API_KEY", "unset"),\n'
            '        "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    },\n]\n"
            'assistant = autogen.AssistantAgent("assistant", llm_config={"config_list": '
            "config_list})\n",
        ),
        Example(
            "from autogen import AssistantAgent\n\n"
            'agent = AssistantAgent("a", llm_config={"model": "gpt-4o-mini"})\n',
            provider="acme",
            after="import os\n\nfrom autogen import AssistantAgent\n\nagent = AssistantAgent(\n"
            '    "a",\n    llm_config={\n        "model": "gpt-4o-mini",\n'
            '        "api_key": os.environ.get("ACME_API_KEY", "unset"),\n'
            '        "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    },\n)\n",
        ),
        Example(
            "import autogen\n\nconfig_list = [\n"
            '    {"model": "gpt-4", "api_type": "azure", "base_url": "https://x.openai.azure.com"},\n'
            "]\n",
            provider="acme",
            finds=False,
        ),
        Example(
            'import autogen\n\nconfig_list = autogen.config_list_from_json("OAI_CONFIG_LIST")\n',
            provider="acme",
            message='config_list_from_json() reads its entries from `"OAI_CONFIG_LIST"`, which '
            'apply does not edit: give each OpenAI entry a model of Acme Cloud, "base_url": '
            '"https://api.acme.example/v1" and the key from ACME_API_KEY',
        ),
        Example('config_list = [{"model": "gpt-4"}]\n', provider="acme", finds=False),
        Example(
            'from autogen import AssistantAgent\n\nMODEL = "gpt-4o-mini"\n\n\n'
            "def settings(key, model=MODEL):\n"
            '    return {"config_list": [{"api_type": "openai", "model": model, "api_key": key}]}\n'
            '\n\nhelper = AssistantAgent("helper", llm_config=settings("secret"))\n',
            provider="acme",
            message="a config_list entry sends the request to OpenAI; apply keeps the key your "
            "code passes (`key`), with ACME_API_KEY when it is empty, and passes the base URL "
            "from ACME_BASE_URL (default https://api.acme.example/v1)",
            after='import os\n\nfrom autogen import AssistantAgent\n\nMODEL = "gpt-4o-mini"\n\n\n'
            'def settings(key, model=MODEL):\n    return {\n        "config_list": [\n'
            "            {\n"
            '                "api_type": "openai",\n'
            '                "model": model,\n'
            '                "api_key": key or os.environ.get("ACME_API_KEY", "unset"),\n'
            '                "base_url": os.environ.get(\n'
            '                    "ACME_BASE_URL", "https://api.acme.example/v1"\n'
            "                ),\n"
            "            }\n        ]\n    }\n"
            '\n\nhelper = AssistantAgent("helper", llm_config=settings("secret"))\n',
        ),
        Example(
            "import autogen\n\n\ndef entry(key):\n"
            '    return {"model": "gpt-4o", "api_key": key}\n\n\n'
            'writer = autogen.AssistantAgent("writer", llm_config=entry("secret"))\n',
            provider="acme",
            message="llm_config sends the request to OpenAI; apply keeps the key your code "
            "passes (`key`), with ACME_API_KEY when it is empty, and passes the base URL from "
            "ACME_BASE_URL (default https://api.acme.example/v1)",
            after="import os\n\nimport autogen\n\n\ndef entry(key):\n    return {\n"
            '        "model": "gpt-4o",\n'
            '        "api_key": key or os.environ.get("ACME_API_KEY", "unset"),\n'
            '        "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    }\n\n\n"
            'writer = autogen.AssistantAgent("writer", llm_config=entry("secret"))\n',
        ),
        Example(
            "import os\n\n"
            'settings = {"config_list": [{"model": "gpt-4o", "api_key": os.environ["KEY"]}]}\n',
            provider="acme",
            after='import os\n\nsettings = {\n    "config_list": [\n        {\n'
            '            "model": "gpt-4o",\n'
            '            "api_key": os.environ.get("ACME_API_KEY", "unset"),\n'
            '            "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        }\n    ]\n}\n",
        ),
        Example(
            "import autogen\n\n\ndef team(key, model):\n"
            '    return {"config_list": [{"model": model, "api_key": key}]}\n',
            provider="acme",
            message="a config_list entry sends the request to OpenAI, and the module does not "
            "show what its model `model` is: apply leaves it; give it a model of Acme Cloud, "
            '"base_url": "https://api.acme.example/v1" and the key from ACME_API_KEY, together',
        ),
        Example(
            'import autogen\n\nSHARED = {"temperature": 0}\n'
            'config_list = [{"model": "gpt-4o", **SHARED}]\n',
            provider="acme",
            message="a config_list entry sends the request to OpenAI unless `**SHARED` gives it "
            'a base_url: apply leaves it; give it a model of Acme Cloud, "base_url": '
            '"https://api.acme.example/v1" and the key from ACME_API_KEY, together',
        ),
        Example(
            'import autogen\n\nconfig_list = [{"model": "llama3", "api_key": "ollama"}]\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from autogen import AssistantAgent\n\n"
            'entry = dict(model="gpt-4o-mini", temperature=0)\n'
            'agent = AssistantAgent("a", llm_config={"config_list": [entry]})\n',
            provider="acme",
            after="import os\n\nfrom autogen import AssistantAgent\n\nentry = dict(\n"
            '    model="gpt-4o-mini",\n    temperature=0,\n'
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            ")\n"
            'agent = AssistantAgent("a", llm_config={"config_list": [entry]})\n',
        ),
        Example(
            'import autogen\n\nentry = {"model": "gpt-4o"}\n'
            'entry["base_url"] = "http://localhost:8000/v1"\n'
            "config_list = [entry]\n",
            provider="acme",
            message="a config_list entry sends the request to OpenAI as written, and the "
            'module changes `entry` on line 4 (`entry["base_url"] = '
            '"http://localhost:8000/v1"`): apply leaves it; give it a model of Acme Cloud, '
            '"base_url": "https://api.acme.example/v1" and the key from ACME_API_KEY, together',
        ),
        Example(
            "import os\n\nfrom autogen import LLMConfig\n\n"
            'cfg = LLMConfig({"api_type": "openai", "model": "gpt-4o-mini"})\n',
            provider="acme",
            after="import os\n\nfrom autogen import LLMConfig\n\n"
            "cfg = LLMConfig(\n    {\n"
            '        "api_type": "openai",\n        "model": "gpt-4o-mini",\n'
            '        "api_key": os.environ.get("ACME_API_KEY", "unset"),\n'
            '        "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    }\n)\n",
        ),
    )

    def visit_Module(self, node: cst.Module) -> None:
        for entry in config_entries(self.ctx):
            if entry.left is not None:
                self.report(entry.at, entry.left, fix=FixClass.MANUAL)
            else:
                self._move(entry)

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        if self.provider is None or not rules.switching or rules.base_url is None:
            return
        if not imports_autogen(self.ctx):
            return
        if qualified(self.ctx, node.func, fw.CONFIG_READERS) is None:
            return
        provider = self.provider
        source = argument(node, "env_or_file", 0)
        where = f"`{self.snippet(source.value)}`" if source is not None else "OAI_CONFIG_LIST"
        self.report(
            node.func,
            f"{callee(node.func)}() reads its entries from {where}, which apply does not edit: "
            f'give each OpenAI entry a model of {provider.name}, "base_url": '
            f'"{self.ctx.rules.base_url}" and the key from {provider.api_key_env}',
            fix=FixClass.MANUAL,
        )

    def _move(self, entry: ConfigEntry) -> None:
        """Give the entry the provider's key and base URL, in one finding: those it has
        replaced (a key the program hands it kept, the provider's variable where it is
        empty: `migrated_key`), the missing ones inserted."""
        values = self.values(entry.node)
        present_key = entry.entries.get(fw.API_KEY)
        kept = ""
        if present_key is not None and azure_target(self.ctx.rules) is None:
            parts = passed_keys(self.ctx, present_key.value)
            if parts and left_key_held(self.ctx, parts) is None:
                values["key"], kept = migrated_key(self.ctx, present_key.value, values["key"])
        message = self.endpoint_message(entry.shown)
        if kept:
            provider = self.provider
            assert provider is not None
            message = (
                f"{entry.shown} sends the request to OpenAI; apply keeps the key your code passes "
                f"(`{kept}`), with {provider.api_key_env} when it is empty, and passes the base "
                f"URL from {provider.base_url_env} (default {self.ctx.rules.base_url})"
            )
        edits: list[Edit] = []
        nodes: list[cst.CSTNode] = []
        missing: dict[str, str] = {}
        for key, value in ((fw.API_KEY, values["key"]), (fw.BASE_URL, values["base"])):
            present = entry.entries.get(key)
            if present is None:
                missing[key] = value
            else:
                edits.append(Edit(self.ctx.span(present.value), value))
                nodes.append(present.value)
        if missing:
            holder = entry.node
            if isinstance(holder, cst.Dict):
                edits.append(insert_entries(self.ctx, holder, missing))
            else:  # `dict(...)`: beside the key or URL it gives, else at its end
                given = [entry.entries[k] for k in (fw.API_KEY, fw.BASE_URL) if k in entry.entries]
                after = given[-1] if given else holder.args[-1]
                assert isinstance(after, cst.Arg)
                edits.append(insert_keywords(self.ctx, holder, missing, after=after))
            nodes.append(holder)
        start = min(e.span.start for e in edits)
        end = max(e.span.end for e in edits)
        if len(edits) > 1 and any(start <= self.ctx.span(m).start < end for m in entry.models):
            # a model literal ML204 maps lies between them: one edit would swallow its own
            for node, edit in zip(nodes, edits, strict=True):
                self.report(node, message, edit=Edit(edit.span, edit.text, (IMPORT_OS,)))
            return
        shifted = [Edit(Span(e.span.start - start, e.span.end - start), e.text) for e in edits]
        text = apply_edits(self.ctx.text[start:end], shifted)[0]
        self.report(entry.node, message, edit=Edit(Span(start, end), text, (IMPORT_OS,)))


@dataclass(frozen=True)
class ConfigEntry:
    """A dict AutoGen builds an OpenAI client from, sending its request to OpenAI."""

    node: cst.Dict | cst.Call  # a dict display or `dict(...)`
    shown: str  # "a config_list entry", "an LLMConfig entry", "llm_config"
    entries: dict[str, cst.DictElement | cst.Arg]  # its entries under a string key
    models: tuple[cst.CSTNode, ...]  # the OpenAI model literals it may send
    left: str | None  # why apply leaves it on OpenAI (manual); None: ML660 moves it
    at: cst.CSTNode  # where a finding on it stands
    why: str | None = None  # for an entry left, the reason alone ("the module does not ...")
    # for an entry ML660 skips, sending neither to OpenAI nor to the target, where it sends
    # (`its api_type "azure" ...`): not among `config_entries`, see `elsewhere_config`
    elsewhere: str | None = None


def imports_autogen(ctx: PythonContext) -> bool:
    """Whether the module imports autogen (found once: asked at each call, a search of the
    whole text each time took most of a 50,000-line module's scan)."""
    found = ctx.analyses.get(imports_autogen)
    if found is None:
        found = ctx.analyses[imports_autogen] = bool(_IMPORTS_AUTOGEN.search(ctx.text))
    return cast(bool, found)


def config_entries(ctx: PythonContext) -> list[ConfigEntry]:
    """The module's AutoGen / AG2 entries that send their request to OpenAI (no `base_url`,
    or an OpenAI one; no `api_type`, or "openai") with an OpenAI model or one the module does
    not show, found once per module while switching provider: in a module that imports
    autogen, the dicts of a `config_list` (a name or key holding it, or `config_list=`), an
    `llm_config` dict and the dicts given to `LLMConfig(...)`, each also where it is what a
    function of the module returns (`llm_config=make_config(key)`); in any module, the
    entries of a dict's "config_list" list (`{"config_list": [{...}]}`: AG2's llm_config)."""
    found = ctx.analyses.get(config_entries)
    if found is None:
        found = ctx.analyses[config_entries] = [e for e in _all_entries(ctx) if not e.elsewhere]
    return cast(list[ConfigEntry], found)


def _all_entries(ctx: PythonContext) -> list[ConfigEntry]:
    """The module's entries as `config_entries` finds them, with those sent elsewhere."""
    if _entries_of not in ctx.analyses:
        ctx.analyses[_entries_of] = _entries_of(ctx)
    return cast(list[ConfigEntry], ctx.analyses[_entries_of])


def elsewhere_config(ctx: PythonContext, node: cst.CSTNode | None) -> ConfigEntry | None:
    """The entry that `node` is, a dict display or `dict(...)` in the places `config_entries`
    looks, which ML660 skips because it sends neither to OpenAI nor to the target (another
    `api_type` than "openai", a `base_url` of another provider or the program's own server:
    `ConfigEntry.elsewhere`): a key given there goes there."""
    return next((e for e in _all_entries(ctx) if e.node is node and e.elsewhere), None)


def left_entry(ctx: PythonContext, literal: cst.CSTNode) -> ConfigEntry | None:
    """The entry apply leaves on OpenAI that may send the model literal `literal` (ML204
    leaves the literal then: mapped, the provider's model would go to OpenAI)."""
    for entry in config_entries(ctx):
        if entry.left is not None and any(m is literal for m in entry.models):
            return entry
    return None


def elsewhere_entry(ctx: PythonContext, literal: cst.CSTNode) -> ConfigEntry | None:
    """The entry ML660 skips (`ConfigEntry.elsewhere`) that may send the model literal
    `literal`: there it names an Azure deployment or that server's model, not OpenAI's."""
    for entry in _all_entries(ctx):
        if entry.elsewhere and any(m is literal for m in entry.models):
            return entry
    return None


def sends_to_azure(entry: ConfigEntry) -> bool:
    """Whether the entry's `api_type` is Azure OpenAI's ("azure", "azure_ad"...)."""
    api_type = entry.entries.get(fw.API_TYPE)
    return api_type is not None and (string_value(api_type.value) or "").startswith(
        fw.AZURE_API_TYPE
    )


def left_config(ctx: PythonContext, node: cst.CSTNode | None) -> ConfigEntry | None:
    """The entry apply leaves on OpenAI (ML660's manual finding) that `node` is, a dict
    display or `dict(...)`: a key given there goes to OpenAI."""
    return next((e for e in config_entries(ctx) if e.node is node and e.left is not None), None)


def moved_entry(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` is an entry that ML660 gives the provider's key and base URL."""
    return any(e.node is node and e.left is None for e in config_entries(ctx))


def moved_model(ctx: PythonContext, literal: cst.CSTNode) -> bool:
    """Whether `literal` is written as the model of an entry ML660 gives the provider's base
    URL (`{"model": "gpt-4o", ...}`): it goes to the provider's OpenAI-compatible endpoint, not
    to litellm, whatever other modules of the project call."""
    return any(
        e.left is None
        and (model := e.entries.get(fw.MODEL_KEY)) is not None
        and model.value is literal
        for e in config_entries(ctx)
    )


def _entries_of(ctx: PythonContext) -> list[ConfigEntry]:
    rules = ctx.rules
    if rules.provider is None or not rules.switching or rules.base_url is None:
        return []
    imported = imports_autogen(ctx)
    if not imported and fw.CONFIG_LIST_NAME not in ctx.text:
        return []
    found: dict[int, ConfigEntry] = {}

    def value(name: str, expr: cst.BaseExpression, depth: int = 0) -> None:
        listed = fw.CONFIG_LIST_NAME in name
        if depth == 0 and (listed or name == fw.LLM_CONFIG_NAME):
            for returned in _returned(ctx, expr):
                value(name, returned, 1)
        if listed and isinstance(expr, cst.List):
            for element in expr.elements:
                entry(element.value, f"a {fw.CONFIG_LIST_NAME} entry")
        elif name == fw.LLM_CONFIG_NAME:
            entry(expr, fw.LLM_CONFIG_NAME)

    def entry(expr: cst.BaseExpression, shown: str) -> None:
        """The entry written at `expr`: a dict display, `dict(...)`, or a name bound to
        one (each dict it is bound to, where the module binds it more than once)."""
        dicts = [expr] if _entry_shaped(ctx, expr) else _bound_entries(ctx, expr)
        for node in dicts:
            assert isinstance(node, (cst.Dict, cst.Call))
            if id(node) not in found:
                made = _entry(ctx, node, shown)
                if made is not None:
                    found[id(node)] = made

    for node in ctx.nodes:
        kind = type(node)
        if kind is cst.DictElement:
            assert isinstance(node, cst.DictElement)
            key = string_value(node.key)
            if key is not None and (imported or key == fw.CONFIG_LIST_NAME):
                value(key, node.value)
        elif not imported:
            continue
        elif kind is cst.Arg:
            assert isinstance(node, cst.Arg)
            if node.keyword is not None:
                value(node.keyword.value, node.value)
        elif kind is cst.Assign:
            assert isinstance(node, cst.Assign)
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    value(target.target.value, node.value)
        elif kind is cst.Call:
            assert isinstance(node, cst.Call)
            if qualified(ctx, node.func, fw.LLM_CONFIG_CLASSES) is not None:
                for arg in node.args:
                    if arg.keyword is None and not arg.star:
                        entry(arg.value, "an LLMConfig entry")
    return sorted(found.values(), key=lambda e: ctx.index_of(e.node))


def _returned(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    """What a call of a function of the module returns (its only `return`, ending it)."""
    if not isinstance(expr, cst.Call) or not isinstance(expr.func, cst.Name):
        return []
    bound = ctx.bindings(expr.func)
    function = getattr(bound[0], "node", None) if len(bound) == 1 else None
    if not isinstance(function, cst.FunctionDef):
        return []
    returned = ctx.return_of(function)
    return [returned] if returned is not None else []


def _entry_shaped(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """A dict display, or a call of the builtin `dict`."""
    if isinstance(expr, cst.Dict):
        return True
    return (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Name)
        and expr.func.value == "dict"
        and all(isinstance(b, BuiltinAssignment) for b in ctx.bindings(expr.func))
    )


def _bound_entries(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The dict displays and `dict(...)` calls a name is bound to (`entry = {...}`,
    `config_list = [entry]`)."""
    if not isinstance(expr, cst.Name):
        return []
    bound = [b.node for b in ctx.bindings(expr) if isinstance(b, Assignment)]
    values = (ctx.index.assigned.get(id(node)) for node in bound)
    return [v for v in values if v is not None and _entry_shaped(ctx, v)]


def _bound_name(ctx: PythonContext, node: cst.BaseExpression) -> cst.Name | None:
    """The name `node` is assigned to alone (`entry = {...}`), or None."""
    parents = ctx.ancestors(node)
    assign = parents[-1] if parents else None
    if not isinstance(assign, cst.Assign) or assign.value is not node or len(assign.targets) != 1:
        return None
    target = assign.targets[0].target
    return target if isinstance(target, cst.Name) else None


def _changed(ctx: PythonContext, node: cst.BaseExpression) -> str | None:
    """How the module changes the entry `node` after writing it, where it is bound to a
    name: binds the name again, stores into it or deletes from it (`entry["base_url"] =
    ...`), or calls a method that changes a dict (`entry.update(...)`); None if it does
    not. The edit would not be the entry's last word: the change may set its model or
    base URL."""
    name = _bound_name(ctx, node)
    if name is None:
        return None
    bound = [b for b in ctx.bindings(name) if isinstance(b, Assignment)]
    others = [b.node for b in bound if b.node is not name]
    if others:
        line = ctx.line_label(ctx.position(min(others, key=ctx.index_of))[0][0])
        return f"binds `{name.value}` again on {line}"
    for access in sorted(bound[0].references if bound else (), key=lambda a: ctx.index_of(a.node)):
        change = _change_at(ctx, access.node)
        if change is not None:
            line = ctx.line_label(ctx.position(change)[0][0])
            return f"changes `{name.value}` on {line} (`{snippet(ctx, change)}`)"
    return None


def _change_at(ctx: PythonContext, use: cst.CSTNode) -> cst.CSTNode | None:
    """The statement or call changing what the dict a use of its name reads sends, if it
    does: `d[k] = v`, `d[k] += v`, `del d[k]`, `d.update(...)` and the other `_DICT_WRITERS`,
    for a key among `_SENDING_KEYS` or one the module computes (`d["temperature"] = 0`
    changes nothing that matters here)."""
    parents = ctx.ancestors(use)
    if len(parents) < 2:
        return None
    parent, holder = parents[-1], parents[-2]
    if isinstance(parent, cst.Subscript) and parent.value is use:
        index = parent.slice[0].slice if len(parent.slice) == 1 else None
        key = string_value(index.value) if isinstance(index, cst.Index) else None
        if key is not None and key not in _SENDING_KEYS:
            return None
        if isinstance(holder, cst.AssignTarget) and len(parents) >= 3:
            return parents[-3]
        if isinstance(holder, (cst.AugAssign, cst.AnnAssign)) and holder.target is parent:
            return holder
        if isinstance(holder, cst.Del):
            return holder
        return None
    if (
        isinstance(parent, cst.Attribute)
        and parent.value is use
        and parent.attr.value in _DICT_WRITERS
        and isinstance(holder, cst.Call)
        and holder.func is parent
    ):
        keys = _keys_written(holder)
        return holder if keys is None or keys & _SENDING_KEYS else None
    return None


def _keys_written(call: cst.Call) -> set[str] | None:
    """The keys a `d.update(...)`, `d.setdefault(k, ...)` or `d.pop(k)` call may write, when
    the call shows them all; None when it does not (`d.update(other)`, `d.clear()`)."""
    assert isinstance(call.func, cst.Attribute)
    method = call.func.attr.value
    if method in ("setdefault", "pop"):
        first = call.args[0] if call.args else None
        key = string_value(first.value) if first is not None and first.keyword is None else None
        return {key} if key is not None and first is not None and not first.star else None
    if method != "update":
        return None
    keys: set[str] = set()
    for arg in call.args:
        if arg.keyword is not None:
            keys.add(arg.keyword.value)
        elif not arg.star and isinstance(arg.value, cst.Dict):
            for element in arg.value.elements:
                key = string_value(element.key) if isinstance(element, cst.DictElement) else None
                if key is None:
                    return None
                keys.add(key)
        else:
            return None
    return keys


# The methods of a dict that change it, and the keys of an entry that choose where its
# request goes and what model it names.
_DICT_WRITERS = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__"})
_SENDING_KEYS = frozenset({fw.MODEL_KEY, fw.API_KEY, fw.BASE_URL, fw.API_TYPE})


def _entry(ctx: PythonContext, node: cst.Dict | cst.Call, shown: str) -> ConfigEntry | None:
    """The entry `node` is (a dict display or `dict(...)`), where it sends its request to
    OpenAI; else None."""
    entries: dict[str, cst.DictElement | cst.Arg] = {}
    spread: cst.CSTNode | None = None  # what may give it more entries
    if isinstance(node, cst.Dict):
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                spread = spread or element
                continue
            key = string_value(element.key)
            if key is None:
                return None
            entries[key] = element
    else:
        for arg in node.args:
            if arg.keyword is not None:
                entries[arg.keyword.value] = arg
            else:  # `dict(**base, ...)`, `dict(base, ...)`
                spread = spread or arg
    if fw.MODEL_KEY not in entries:
        return None
    model = entries[fw.MODEL_KEY].value
    # the literals the model may be (a parameter's default, a constant...): ML204 maps them
    values = model_values(ctx, model)
    models = tuple(n for n, v in values if openai_model(ctx, v, False) is not None)
    api_type = entries.get(fw.API_TYPE)
    base = entries.get(fw.BASE_URL)
    if api_type is not None and string_value(api_type.value) != fw.OPENAI_API_TYPE:
        return _elsewhere(ctx, node, shown, entries, models, api_type.value, base)
    if base is not None and endpoint_kind(ctx, base.value) != "openai":
        return _elsewhere(ctx, node, shown, entries, models, None, base)
    if values and not models:
        return None  # not an OpenAI model
    provider = ctx.rules.provider
    assert provider is not None
    needs = (
        f"give it a model of {provider.name}, "
        f'"{fw.BASE_URL}": "{ctx.rules.base_url}" and the key from {provider.api_key_env}, '
        "together"
    )
    left: str | None = None
    why: str | None = None
    at: cst.CSTNode = node
    if spread is not None:
        shape = snippet(ctx, spread)
        if isinstance(spread, cst.Arg):
            shape = spread.star + snippet(ctx, spread.value)
        left = (
            f"{shown} sends the request to OpenAI unless `{shape}` gives it a "
            f"{fw.BASE_URL}: apply leaves it; {needs}"
        )
        why = f"`{shape}` may or may not give it a {fw.BASE_URL}"
        at = spread
    elif not values:
        why = f"the module does not show what its model `{snippet(ctx, model)}` is"
        left = f"{shown} sends the request to OpenAI, and {why}: apply leaves it; {needs}"
        at = model
    elif (changed := _changed(ctx, node)) is not None:
        why = f"the module {changed}"
        left = (
            f"{shown} sends the request to OpenAI as written, and {why}: apply leaves it; {needs}"
        )
    return ConfigEntry(node, shown, entries, models, left, at, why)


def _elsewhere(
    ctx: PythonContext,
    node: cst.Dict | cst.Call,
    shown: str,
    entries: dict[str, cst.DictElement | cst.Arg],
    models: tuple[cst.CSTNode, ...],
    api_type: cst.BaseExpression | None,
    base: cst.DictElement | cst.Arg | None,
) -> ConfigEntry | None:
    """The entry `node` that ML660 skips, where it sends neither to OpenAI nor to the target:
    given `api_type` (not "openai"; for an Azure OpenAI target, not "azure..." either), or a
    base URL the module shows to be another provider's or the program's own server
    (`names_another_endpoint`). None where it may be the target's (its URL, one chosen at run
    time: `key_destinations`' `beside`)."""
    from migrate_llm.rules.clients import names_another_endpoint  # it imports these rules

    where: str | None = None
    if api_type is not None:
        azure = (string_value(api_type) or "").startswith(fw.AZURE_API_TYPE)
        if azure and azure_target(ctx.rules) is not None:
            return None
        sent = "sends it to Azure OpenAI" if azure else "picks another client than OpenAI's"
        where = f"its {fw.API_TYPE} {snippet(ctx, api_type)} {sent}"
    elif base is not None and names_another_endpoint(ctx, base.value):
        where = (
            f"its {fw.BASE_URL} `{snippet(ctx, base.value)}` is another provider's or a server "
            "of the program's own"
        )
    if where is None:
        return None
    return ConfigEntry(node, shown, entries, models, None, node, elsewhere=where)


class AutogenModelClient(_ModelStringRule):
    """autogen-ext's `OpenAIChatCompletionClient` talking to OpenAI.

    ## What it does
    Finds `OpenAIChatCompletionClient(model="gpt-4o", ...)` (autogen-ext 0.4+) with an OpenAI
    model and no `base_url` (or an OpenAI one).

    ## Why
    It sends requests to api.openai.com with `OPENAI_API_KEY`. With a model name it does not
    know it raises `model_info is required when model name is not a valid OpenAI model`.

    ## Fix (review)
    `apply` writes the provider's model, `api_key` and `base_url` from the provider's
    variables, and `model_info` (vision, function_calling, json_output, structured_output
    from the provider's `[supports]`; family "unknown") unless the call passes `model_info`
    or `model_capabilities`: one finding and one edit for the key, the base URL and
    `model_info`, whichever of them the call gives.
    """

    code = "ML661"
    name = "autogen-model-client"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            "from autogen_ext.models.openai import OpenAIChatCompletionClient\n\n\n"
            "def make():\n"
            '    return OpenAIChatCompletionClient(model="gpt-4o", temperature=0)\n',
            provider="acme",
            message="OpenAIChatCompletionClient() sends the request to OpenAI; apply passes the "
            "key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
            after="import os\n\nfrom autogen_ext.models.openai import OpenAIChatCompletionClient\n"
            "\n\ndef make():\n    return OpenAIChatCompletionClient(\n"
            '        model="acme-large",\n'
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        model_info={\n"
            '            "vision": False,\n'
            '            "function_calling": True,\n'
            '            "json_output": True,\n'
            '            "family": "unknown",\n'
            '            "structured_output": False,\n'
            "        },\n"
            "        temperature=0,\n    )\n",
        ),
        Example(
            "from autogen_ext.models.openai import OpenAIChatCompletionClient\n\n"
            'client = OpenAIChatCompletionClient(model="gpt-4o", base_url="http://localhost:8000/v1")\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        if self.provider is None or not rules.switching or rules.base_url is None:
            return
        if qualified(self.ctx, node.func, fw.CLIENT_CLASSES) is None or passes_mapping(node):
            return
        model = argument(node, fw.MODEL_KEY, None)
        if model is None:
            return
        base = argument(node, fw.BASE_URL, None)
        if base is not None and self.endpoint_kind(base.value) != "openai":
            return
        shown = "OpenAIChatCompletionClient()"
        moved, model_edit = self.model_edit(model.value, shown, None, False)
        if not moved:
            return
        key = argument(node, fw.API_KEY, None)
        given = [a for a in (key, base) if a is not None]
        after = max(given, key=lambda a: self.ctx.span(a).start) if given else model
        extra: dict[str, str] = {}
        if argument(node, fw.MODEL_INFO, None) is None and (
            argument(node, fw.MODEL_CAPABILITIES, None) is None
        ):
            extra[fw.MODEL_INFO] = self.model_info()
        self.endpoint(
            shown,
            key.value if key is not None else None,
            [base.value] if base is not None else [],
            (fw.API_KEY, (fw.BASE_URL,)),
            lambda missing: insert_keywords(self.ctx, node, missing, after=after),
            node,
            model_edit,
            extra,
        )

    def model_info(self) -> str:
        provider = self.provider
        assert provider is not None
        flags = {key: provider.support(surface) is True for key, surface in fw.MODEL_INFO_SUPPORTS}
        # JSON output: a JSON mode in [supports], or json_object among the response formats
        flags["json_output"] = flags["json_output"] or "json_object" in provider.params.get(
            "response_format", ()
        )
        items = [f'"{key}": {value}' for key, value in flags.items()]
        items.insert(3, f'"family": {literal(fw.UNKNOWN_FAMILY)}')
        return "{" + ", ".join(items) + "}"


AUTOGEN_RULES = (AutogenConfigList, AutogenModelClient)


def autogen_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literal of an `OpenAIChatCompletionClient(model=...)` (ML661 maps it)."""
    if qualified(ctx, call.func, fw.CLIENT_CLASSES) is not None:
        model = argument(call, fw.MODEL_KEY, None)
        if model is not None and string_value(model.value) is not None:
            yield model.value
