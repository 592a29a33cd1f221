"""Rules for AutoGen / AG2: 0.2-style `config_list` entries and autogen-ext's
`OpenAIChatCompletionClient` (see `migrate_llm.frameworks.autogen`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import libcst as cst
from libcst.metadata import Assignment, BuiltinAssignment

from migrate_llm.edits import apply_edits
from migrate_llm.frameworks import autogen as fw
from migrate_llm.frameworks.modules import import_pattern
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.rules.azure_target import azure_target
from migrate_llm.rules.base import Example
from migrate_llm.rules.clients import left_key_held, migrated_key, passed_keys
from migrate_llm.rules.code_templates import IMPORT_OS, python_literal
from migrate_llm.rules.framework_args import (
    argument,
    callee,
    dict_entries,
    insert_entries,
    insert_keywords,
    passes_mapping,
    qualified,
)
from migrate_llm.rules.framework_autogen_file import (
    ignore_comment,
    model_info_flags,
    no_tools_advice,
    takes_images,
    thinking_off,
    thinking_reason,
    tools_advice,
    tools_unconfirmed,
)
from migrate_llm.rules.framework_litellm import (
    _ModelStringRule,
    endpoint_kind,
    openai_model,
    provider_url,
)
from migrate_llm.rules.model_values import model_values
from migrate_llm.rules.python import snippet
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.thinking_switch import every_target_thinks, thinking_switch

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
    "model", is mapped by ML204 where it is written. Where each model the entry may send maps
    to one that thinks unless told not to (`[params] thinking_models`, `thinking_switch`:
    kimi-k2.6 for gpt-4), the edit adds the provider's `thinking_off_extra_body` as the
    entry's `"extra_body"` (AutoGen 0.2 passes the entry's other keys to `create()`), unless
    the entry gives `extra_body` or `reasoning_effort`: AutoGen rebuilds the tool-call turn
    without its reasoning_content, and the provider refuses the next request (t59d).
    A sampling entry of an entry, or of the dict around its `config_list` (written there or
    stored through its name: `llm_config["temperature"] = 0`), that each of its
    models (the provider's, or mapped) fixes at another value in the mode it runs in
    (`[model_params]`, `[fixed_values]`: kimi-k2.6's temperature 0.6 with the switch) is an
    error left to a person (manual), also after apply. Left for a person (manual): an
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
        for at, message in fixed_sampling(self.ctx):
            self.report(at, message, fix=FixClass.MANUAL)

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
        switch = entry_switch(self.ctx, entry)
        if switch is not None:
            missing[fw.EXTRA_BODY] = python_literal(switch[0])
            message += (
                f", and turns thinking off ({fw.EXTRA_BODY}={python_literal(switch[0])}, which "
                f"AutoGen sends with each request): {switch[1]}"
            )
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


def entry_switch(ctx: PythonContext, entry: ConfigEntry) -> tuple[dict[str, Any], str] | None:
    """The `extra_body` entries turning thinking off that ML660 adds to `entry`, and why:
    where each OpenAI model it may send maps to a provider model that thinks unless told not
    to (`thinking_switch`: kimi-k2.6 for gpt-4) and the entry gives no `extra_body` or
    `reasoning_effort`. AutoGen 0.2 passes an entry's other keys to `create()`, and rebuilds
    the assistant's tool-call turn without its reasoning_content: the provider refuses the
    next request of a tool loop (HTTP 400)."""
    if {fw.EXTRA_BODY, fw.REASONING_EFFORT} & set(entry.entries):
        return None
    values = model_values(ctx, entry.entries[fw.MODEL_KEY].value)
    switches = []
    targets = []
    for _, value in values:
        target = ctx.rules.map_model(value)
        switch = thinking_switch(ctx.rules, value, target) if target is not None else None
        if switch is None:
            return None
        switches.append(switch)
        targets.append(target)
    if not switches or any(s != switches[0] for s in switches):
        return None
    reason = thinking_reason(ctx.rules, ", ".join(dict.fromkeys(t for t in targets if t)))
    return switches[0], reason.replace("autogen-ext", "AutoGen")


def fixed_sampling(ctx: PythonContext) -> Iterator[tuple[cst.CSTNode, str]]:
    """The sampling entries (`"temperature": 0.9`) of an AutoGen entry, or of the
    `llm_config` dict around its `config_list`, that each provider model its entries send once
    migrated fixes (`[model_params]` "fixed" or "drop": kimi-k2.6's temperature), at a value
    other than the one the provider's file gives for the mode it runs in (`[fixed_values]`:
    thinking off where the entry gives the switch or ML660 adds it). AutoGen sends them with
    each request."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching or not imports_autogen(ctx):
        return
    for node in ctx.nodes:
        if not isinstance(node, cst.Dict):
            continue
        keyed = _keyed(node)
        inner = keyed.get(fw.CONFIG_LIST_NAME)
        listed = inner.value if inner is not None else None
        if isinstance(listed, cst.Name):  # `{"config_list": config_list, ...}`
            listed = ctx.bound_value(listed)
        dicts: list[cst.BaseExpression]
        if fw.MODEL_KEY in keyed:
            dicts = [node]
        elif isinstance(listed, cst.List):
            dicts = [e.value for e in listed.elements]
        else:
            continue
        modes: dict[str, str] = {}  # provider model -> the mode it runs in
        for entry in dicts:
            if not isinstance(entry, cst.Dict):
                break
            own = _keyed(entry)
            if fw.MODEL_KEY not in own:
                break
            values = model_values(ctx, own[fw.MODEL_KEY].value)
            if not values:
                break
            made = _entry(ctx, entry, "")
            added = made is not None and made.left is None and entry_switch(ctx, made)
            off = fw.EXTRA_BODY in own and "thinking" in ctx.code(own[fw.EXTRA_BODY].value)
            for _, value in values:
                target = value if provider.serves(value) else ctx.rules.map_model(value)
                if target is None:
                    break
                modes[target] = "thinking_off" if off or added else "thinking"
            else:
                continue
            break
        else:
            if modes:
                sent: dict[str, tuple[cst.CSTNode, cst.BaseExpression]] = {
                    key: (e, e.value) for key, e in keyed.items()
                }
                sent.update(_stored(ctx, node))
                yield from _fixed_entries(ctx, sent, modes)


def _keyed(node: cst.Dict) -> dict[str, cst.DictElement]:
    return {
        key: e
        for e in node.elements
        if isinstance(e, cst.DictElement) and (key := string_value(e.key)) is not None
    }


def _stored(
    ctx: PythonContext, node: cst.Dict
) -> dict[str, tuple[cst.CSTNode, cst.BaseExpression]]:
    """The entries stored into the dict `node` under a string key through the name it is
    bound to (`llm_config["temperature"] = 0`): the statement and the value, by key."""
    name = _bound_name(ctx, node)
    found: dict[str, tuple[cst.CSTNode, cst.BaseExpression]] = {}
    if name is None:
        return found
    bound = [b for b in ctx.bindings(name) if isinstance(b, Assignment) and b.node is name]
    for access in bound[0].references if bound else ():
        parents = ctx.ancestors(access.node)
        if len(parents) < 3:
            continue
        sub, target, assign = parents[-1], parents[-2], parents[-3]
        if not (
            isinstance(sub, cst.Subscript)
            and sub.value is access.node
            and len(sub.slice) == 1
            and isinstance(sub.slice[0].slice, cst.Index)
            and isinstance(target, cst.AssignTarget)
            and isinstance(assign, cst.Assign)
        ):
            continue
        key = string_value(sub.slice[0].slice.value)
        if key is not None:
            found[key] = (assign, assign.value)
    return found


def _fixed_entries(
    ctx: PythonContext,
    sent: dict[str, tuple[cst.CSTNode, cst.BaseExpression]],
    modes: dict[str, str],
) -> Iterator[tuple[cst.CSTNode, str]]:
    provider = ctx.rules.provider
    assert provider is not None
    rejected = provider.params.get("fixed_other_value") == "rejected"
    answer = "rejects another" if rejected else "ignores or rejects another"
    for param, (at, value) in sent.items():
        allowed: list[str] = []
        for target, mode in modes.items():
            fact = provider.model_param_facts(target).get(param)
            if fact is None or fact[0] not in ("fixed", "drop"):
                break
            fixed = provider.fixed_value(target, param, mode) if fact[0] == "fixed" else None
            if fixed is not None:
                allowed.append(repr(fixed[0]))
        else:
            written = ctx.code(value)
            if allowed and all(a == written for a in allowed):
                continue
            models = ", ".join(modes)
            runs = f" ({', '.join(dict.fromkeys(allowed))} as this entry runs)" if allowed else ""
            yield (
                at,
                f"{models} fixes {param} on {provider.name}{runs} and {answer} (HTTP 400): "
                f'AutoGen sends "{param}": {written} with each request; remove it, by hand',
            )


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
        if listed and isinstance(expr, cst.Name):  # `{"config_list": entries}` (t59d)
            expr = ctx.bound_value(expr) or expr
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


@dataclass(frozen=True)
class ClientSite:
    """The arguments of an autogen-ext `OpenAIChatCompletionClient` where the module writes
    them: its call (`OpenAIChatCompletionClient(model=...)`), a dict given to it as its only
    argument (`OpenAIChatCompletionClient(**cfg)`, `cfg = {"model": ...}`), or the `config`
    dict of a component config naming it (`{"provider": "autogen_ext.models.openai.
    OpenAIChatCompletionClient", "config": {...}}`, which `load_component` builds it from)."""

    node: cst.Call | cst.Dict  # the call, or the dict display or `dict(...)` holding them
    shown: str  # how messages name it
    entries: dict[str, cst.Arg | cst.DictElement]  # what it gives, by name
    client: cst.Call | None  # the call making the client, where the module shows it
    component: bool = False  # a component's config, which drops `extra_body`
    left: str | None = None  # why apply leaves it (manual); None: ML661 may move it
    at: cst.CSTNode | None = None  # where a finding on a site left stands

    def value(self, name: str) -> cst.BaseExpression | None:
        entry = self.entries.get(name)
        return entry.value if entry is not None else None


# the words a module naming autogen-ext's OpenAI client holds (`fw.COMPONENT_PROVIDERS`)
_CLIENT_WORDS = ("OpenAIChatCompletionClient", "openai_chat_completion_client")


def client_sites(ctx: PythonContext) -> list[ClientSite]:
    """The module's `ClientSite`s, found once per module while switching provider."""
    found = ctx.analyses.get(client_sites)
    if found is None:
        found = ctx.analyses[client_sites] = _client_sites(ctx)
    return cast(list[ClientSite], found)


def _client_sites(ctx: PythonContext) -> list[ClientSite]:
    rules = ctx.rules
    if rules.provider is None or not rules.switching:
        return []
    if not any(word in ctx.text for word in _CLIENT_WORDS):
        return []
    found: dict[int, ClientSite] = {}
    for node in ctx.nodes:
        kind = type(node)
        if kind is cst.Call:
            assert isinstance(node, cst.Call)
            if qualified(ctx, node.func, fw.CLIENT_CLASSES) is None:
                continue
            if not passes_mapping(node):
                entries = {a.keyword.value: a for a in node.args if a.keyword is not None}
                shown = "OpenAIChatCompletionClient()"
                found[id(node)] = ClientSite(node, shown, dict(entries), node)
            elif len(node.args) == 1 and node.args[0].star == "**":
                spread = node.args[0].value
                shown = f"OpenAIChatCompletionClient(**{snippet(ctx, spread)})"
                for site in _dict_sites(ctx, spread, shown, node, False):
                    found.setdefault(id(site.node), site)
        elif kind is cst.Dict:
            assert isinstance(node, cst.Dict)
            keyed = {
                string_value(e.key): e for e in node.elements if isinstance(e, cst.DictElement)
            }
            selector = keyed.get(fw.COMPONENT_PROVIDER_KEY)
            config = keyed.get(fw.COMPONENT_CONFIG_KEY)
            if selector is None or config is None:
                continue
            if string_value(selector.value) not in fw.COMPONENT_PROVIDERS:
                continue
            loader = _loader(ctx, node)
            for site in _dict_sites(ctx, config.value, "this component config", loader, True):
                found.setdefault(id(site.node), site)
    return sorted(found.values(), key=lambda s: ctx.index_of(s.node))


def _dict_sites(
    ctx: PythonContext,
    expr: cst.BaseExpression,
    shown: str,
    client: cst.Call | None,
    component: bool,
) -> Iterator[ClientSite]:
    """The sites of the dicts `expr` is (a dict display, `dict(...)`, or a name bound to
    them): left where they may take more entries from elsewhere (`**base`) or the module
    changes them after writing them (`_changed`)."""
    dicts = [expr] if _entry_shaped(ctx, expr) else _bound_entries(ctx, expr)
    for node in dicts:
        entries: dict[str, cst.Arg | cst.DictElement] = {}
        spread: cst.CSTNode | None = None
        shape = ""
        if isinstance(node, cst.Dict):
            for element in node.elements:
                key = string_value(element.key) if isinstance(element, cst.DictElement) else None
                if key is None or not isinstance(element, cst.DictElement):
                    spread = spread or element
                    shape = shape or snippet(ctx, element)
                else:
                    entries[key] = element
        else:
            assert isinstance(node, cst.Call)
            for arg in node.args:
                if arg.keyword is not None:
                    entries[arg.keyword.value] = arg
                elif spread is None:
                    spread, shape = arg, arg.star + snippet(ctx, arg.value)
        left: str | None = None
        if spread is not None:
            left = f"`{shape}` may give it more entries, a base_url among them"
        elif (changed := _changed(ctx, node)) is not None:
            left = f"the module {changed}"
        yield ClientSite(node, shown, entries, client, component, left, spread or node)


def _loader(ctx: PythonContext, outer: cst.Dict) -> cst.Call | None:
    """The `load_component(...)` call given the component config `outer`, in place or
    through the name it is bound to."""
    uses: list[cst.CSTNode] = [outer]
    name = _bound_name(ctx, outer)
    if name is not None:
        bound = [b for b in ctx.bindings(name) if isinstance(b, Assignment)]
        uses += [access.node for access in (bound[0].references if len(bound) == 1 else ())]
    for use in uses:
        parents = ctx.ancestors(use)
        if len(parents) < 2 or not isinstance(parents[-1], cst.Arg):
            continue
        call = parents[-2]
        if (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "load_component"
        ):
            return call
    return None


# the `model_info` apply writes in a call for Acme Cloud's model (the examples' `after`)
_ACME_INFO = (
    "        model_info={\n"
    '            "vision": False,\n'
    '            "function_calling": True,\n'
    '            "json_output": True,\n'
    '            "family": "unknown",\n'
    '            "structured_output": False,\n'
    "        },\n"
)


class AutogenModelClient(_ModelStringRule):
    """autogen-ext's `OpenAIChatCompletionClient` talking to OpenAI.

    ## What it does
    Finds autogen-ext's (0.4+) OpenAI model client whose arguments name an OpenAI model (or
    one of the provider's, or one chosen at run time: `model=config["model"]`, a parameter)
    and no `base_url` (or an OpenAI one), where the module writes
    them: `OpenAIChatCompletionClient(model="gpt-4o", ...)`, a dict given to it as its only
    argument (`OpenAIChatCompletionClient(**cfg)`, `cfg = {"model": "gpt-4o"}`: a dict
    display or `dict(...)`, in place or bound to a name), or the `config` dict of a component
    config naming it (`{"provider": "autogen_ext.models.openai.OpenAIChatCompletionClient",
    "config": {"model": "gpt-4o"}}`, which `ChatCompletionClient.load_component` builds it
    from; the short names `OpenAIChatCompletionClient` and `openai_chat_completion_client`
    too). YAML and JSON component configs are ML663's.

    ## Why
    It sends requests to api.openai.com with `OPENAI_API_KEY`. With a model name it does not
    know it raises `model_info is required when model name is not a valid OpenAI model`.

    ## Fix (review)
    `apply` writes the provider's model, `api_key` and `base_url` from the provider's
    variables, and `model_info` (vision, function_calling, json_output, structured_output
    from the provider's `[supports]`; vision true only for a model that takes images, where
    the file says "partial": DeepSeek's deepseek-flash, not deepseek-v4-pro; function_calling
    true unless the file says the model takes no tools, `tools = false`, or "partial" with
    `[params] tool_models` not listing it: Spark's lite; family "unknown")
    unless it gives `model_info` or `model_capabilities`: one finding and one edit for the
    key, the base URL and `model_info`, whichever of them it gives. A model chosen at run time
    is left as it is, the message saying it must name one of the provider's (ML503 maps one
    written in a config file). Where the provider's model thinks unless told not to and the
    OpenAI one did not (`[params] thinking_models`: DeepSeek's; for a model chosen at run
    time, where every model the provider's table gives OpenAI's chat models does), the edit
    adds the switch that turns it off (`extra_body={"thinking": {"type": "disabled"}}`,
    which the client sends with each request), unless the call gives
    `extra_body` or `reasoning_effort`: autogen-ext does not give the reasoning back after a
    tool call, and DeepSeek refuses the next request (HTTP 400). A component config cannot
    carry it (autogen-ext drops its `extra_body`): a warning (manual) says to build that
    client in code. A client given the provider's URL without `model_info` gets it (review).

    Left for you (manual): a dict that takes more entries from elsewhere (`**base`), or that
    the module changes after writing it (`cfg["base_url"] = ...`); its model stays too.
    Reported where the module shows what the client is given (its call, or a name bound to
    it once): structured output (`AssistantAgent(..., output_content_type=Answer)`,
    `client.create(..., json_output=Answer)`) on a provider whose structured outputs are not
    confirmed, which `model_info` then says it lacks ("structured_output": False: the client
    raises "Model does not support structured output." before any request), an error; and a
    module that makes images (`autogen_core.Image`, `MultiModalMessage`) for a client whose
    model takes none (vision False: the client refuses them, `AssistantAgent` drops them), a
    warning naming the provider's model for images. Tools given to a client whose
    `model_info` says "function_calling": False (`AssistantAgent(tools=...)`, `handoffs=`,
    `workbench=`, `client.create(tools=...)`: autogen raises "The model does not support
    function calling" before any request) are an error. A `model_info` saying True (written
    by apply, or in a dict display of the module) for a model the provider's file does not
    confirm takes tools (`tools = "partial"` without `tool_models` listing it, "unknown", or a
    model chosen at run time: SiliconFlow's) is a warning at its "function_calling" entry,
    which stays until a person says the model calls them (`# migrate-llm: ignore[ML661]` on
    that line) or writes False.

    ## Data
    For the tools warning: `framework` ("autogen"), `model` (the provider's, null when chosen
    at run time) and `tools` (the provider's `[supports] tools`).
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
            + _ACME_INFO
            + "        temperature=0,\n    )\n",
        ),
        Example(
            "from autogen_ext.models.openai import OpenAIChatCompletionClient\n\n"
            'client = OpenAIChatCompletionClient(model="gpt-4o-mini")\n',
            provider="deepseek",
            message="OpenAIChatCompletionClient() sends the request to OpenAI; apply passes the "
            "key from DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL (default "
            'https://api.deepseek.com), and turns thinking off (extra_body={"thinking": '
            '{"type": "disabled"}}): deepseek-flash thinks before it answers unless told not '
            "to, and autogen-ext does not give its reasoning_content back after a tool call, "
            "which the next request then fails for (HTTP 400)",
            after="import os\n\nfrom autogen_ext.models.openai import OpenAIChatCompletionClient\n"
            "\nclient = OpenAIChatCompletionClient(\n"
            '    model="deepseek-flash",\n'
            '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
            "    model_info={\n"
            '        "vision": True,\n'
            '        "function_calling": True,\n'
            '        "json_output": True,\n'
            '        "family": "unknown",\n'
            '        "structured_output": False,\n'
            "    },\n"
            '    extra_body={"thinking": {"type": "disabled"}},\n'
            ")\n",
        ),
        Example(
            "from autogen_core.models import ChatCompletionClient\n\n"
            "client = ChatCompletionClient.load_component(\n"
            '    {"provider": "OpenAIChatCompletionClient", "config": {"model": "gpt-4o"}}\n'
            ")\n",
            provider="acme",
            message="this component config sends the request to OpenAI; apply passes the key "
            "from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
            after="import os\n\nfrom autogen_core.models import ChatCompletionClient\n\n"
            "client = ChatCompletionClient.load_component(\n    {\n"
            '        "provider": "OpenAIChatCompletionClient",\n'
            '        "config": {\n'
            '            "model": "acme-large",\n'
            '            "api_key": os.environ.get("ACME_API_KEY", "unset"),\n'
            '            "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '            "model_info": {\n'
            '                "vision": False,\n'
            '                "function_calling": True,\n'
            '                "json_output": True,\n'
            '                "family": "unknown",\n'
            '                "structured_output": False,\n'
            "            },\n"
            "        },\n"
            "    }\n"
            ")\n",
        ),
        Example(
            "import os\n\nfrom autogen_ext.models.openai import OpenAIChatCompletionClient\n\n"
            'BASE = {"temperature": 0}\ncfg = {"model": "gpt-4o", **BASE}\n'
            "client = OpenAIChatCompletionClient(**cfg)\n",
            provider="acme",
            message="OpenAIChatCompletionClient(**cfg) sends the request to OpenAI, and "
            "`**BASE` may give it more entries, a base_url among them: apply leaves it; give it "
            "Acme Cloud's model ('gpt-4o' maps to 'acme-large'), the key from ACME_API_KEY, "
            "base_url https://api.acme.example/v1 and model_info, together, by hand",
        ),
        Example(
            "import os\n\nfrom autogen_agentchat.agents import AssistantAgent\n"
            "from autogen_ext.models.openai import OpenAIChatCompletionClient\n\n"
            "client = OpenAIChatCompletionClient(\n"
            '    model="deepseek-v4-pro",\n'
            '    api_key=os.environ["DEEPSEEK_API_KEY"],\n'
            '    base_url="https://api.deepseek.com",\n'
            '    model_info={"vision": False, "function_calling": True, "json_output": True, '
            '"family": "unknown", "structured_output": False},\n'
            '    extra_body={"thinking": {"type": "disabled"}},\n'
            ")\n"
            'agent = AssistantAgent("a", model_client=client, output_content_type=Answer)\n',
            provider="deepseek",
            message="AssistantAgent(output_content_type=Answer) asks its client for structured "
            'output, and the client\'s model_info says it has none ("structured_output": '
            "False: DeepSeek has no structured outputs; its response_format takes text, "
            'json_object): autogen-ext raises "Model does not support structured output." '
            "before any request; drop output_content_type, ask for JSON in the system message "
            "and parse the reply with Answer.model_validate_json(...), or set "
            '"structured_output": True if DeepSeek answering without the schema enforced will '
            "do, by hand",
        ),
        Example(
            "from autogen_core import Image\n"
            "from autogen_ext.models.openai import OpenAIChatCompletionClient\n\n"
            "client = OpenAIChatCompletionClient(\n"
            '    model="deepseek-v4-pro", base_url="https://api.deepseek.com", model_info=INFO\n'
            ")\n"
            'picture = Image.from_file("cat.png")\n',
            provider="deepseek",
            message="the module makes images (`Image.from_file` on line 7), and deepseek-v4-pro "
            "takes none (DeepSeek's model for images is deepseek-flash): with model_info "
            '"vision": False autogen-ext refuses them (AssistantAgent drops them); for the '
            'client that gets them use deepseek-flash with "vision": True, by hand',
        ),
        Example(
            "from autogen_ext.models.openai import OpenAIChatCompletionClient\n\n\n"
            "def make(config):\n"
            '    return OpenAIChatCompletionClient(model=config["model"])\n',
            provider="acme",
            message="OpenAIChatCompletionClient() sends the request to OpenAI; apply passes the "
            "key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            'https://api.acme.example/v1); its model, config["model"], is chosen at run time: it '
            "must name a model of Acme Cloud (ML503 maps one written in a config file)",
            after="import os\n\nfrom autogen_ext.models.openai import OpenAIChatCompletionClient\n"
            "\n\ndef make(config):\n    return OpenAIChatCompletionClient(\n"
            '        model=config["model"],\n'
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            + _ACME_INFO
            + "    )\n",
        ),
        Example(
            "import os\n\nfrom autogen_ext.models.openai import OpenAIChatCompletionClient\n\n"
            "client = OpenAIChatCompletionClient(\n"
            '    model="deepseek-ai/DeepSeek-V3.2",\n'
            '    api_key=os.environ["SILICONFLOW_CN_API_KEY"],\n'
            '    base_url="https://api.siliconflow.cn/v1",\n'
            "    model_info={\n"
            '        "vision": False,\n'
            '        "function_calling": True,\n'
            '        "json_output": False,\n'
            '        "family": "unknown",\n'
            '        "structured_output": False,\n'
            "    },\n"
            ")\n",
            provider="siliconflow",
            message='OpenAIChatCompletionClient()\'s model_info says "function_calling": True, so '
            "that autogen-ext passes on the tools an agent gives it (with False it refuses "
            "them); SiliconFlow serves tools on some models only, and its provider file does not "
            "say whether deepseek-ai/DeepSeek-V3.2 is one: where the program gives this client "
            "tools, handoffs or a workbench, check that deepseek-ai/DeepSeek-V3.2 calls them, "
            "then say so with `# migrate-llm: ignore[ML661]` on the line of "
            '"function_calling"; else set it False, by hand',
        ),
        Example(
            "from autogen_ext.models.openai import OpenAIChatCompletionClient\n\n"
            'client = OpenAIChatCompletionClient(model="gpt-4o", base_url="http://localhost:8000/v1")\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Module(self, node: cst.Module) -> None:
        rules = self.ctx.rules
        if self.provider is None or not rules.switching or rules.base_url is None:
            return
        for site in client_sites(self.ctx):
            self._site(site)

    def _site(self, site: ClientSite) -> None:
        ctx, provider = self.ctx, self.provider
        assert provider is not None
        model = site.value(fw.MODEL_KEY)
        if model is None:
            return
        base = site.value(fw.BASE_URL)
        resolved = ctx.resolve_literal(model)
        if base is not None and provider_url(ctx, base):
            served = _served(ctx, model)
            added = None
            known = served is not None or resolved is None  # a provider's, or chosen at run time
            if known and site.left is None and not self._has_info(site):
                added = self._add_info(site, served)
            self._checks(site, served, added)
            return
        if base is not None and self.endpoint_kind(base) != "openai":
            return
        value = resolved[1] if resolved is not None else None
        source: str | None = None
        model_edit: Edit | None = None
        target: str | None = value
        if value is not None and not provider.serves(value):
            if openai_model(ctx, value, False) is None:
                return
            source, target = value, ctx.rules.map_model(value)
            if site.left is None:
                moved, model_edit = self.model_edit(model, site.shown, None, False)
                if not moved:
                    return
                if model_edit is None:
                    target = None  # left to a person (unmapped, or as its uses want)
        if site.left is not None:
            self._left(site, source, target)
            return
        extra: dict[str, str] = {}
        info = None
        if not self._has_info(site):
            info = model_info_flags(provider, target)
            extra[fw.MODEL_INFO] = python_literal(info)
        note = ""
        switch = thinking_off(ctx.rules, source, target) if target is not None else None
        thinker = target
        if value is None and every_target_thinks(ctx):
            # chosen at run time, among models that all think unless told not to
            switch = provider.params.get("thinking_off_extra_body")
            thinker = f"each model {provider.name}'s table gives OpenAI's chat models"
        if (
            switch
            and thinker is not None
            and not site.component
            and not {fw.EXTRA_BODY, fw.REASONING_EFFORT} & set(site.entries)
        ):
            extra[fw.EXTRA_BODY] = python_literal(dict(switch))
            note = (
                f", and turns thinking off ({fw.EXTRA_BODY}={python_literal(dict(switch))}): "
                f"{thinking_reason(ctx.rules, thinker)}"
            )
        if value is None:
            note += (
                f"; its model, {self.snippet(model)}, is chosen at run time: it must name a "
                f"model of {provider.name} (ML503 maps one written in a config file)"
            )
        key = site.entries.get(fw.API_KEY)
        bases = [base] if base is not None else []
        self.endpoint(
            site.shown,
            key.value if key is not None else None,
            list(bases),
            (fw.API_KEY, (fw.BASE_URL,)),
            lambda missing: self._insert(site, missing),
            site.node,
            model_edit,
            extra,
            note,
        )
        self._checks(site, target, info)

    @staticmethod
    def _has_info(site: ClientSite) -> bool:
        return fw.MODEL_INFO in site.entries or fw.MODEL_CAPABILITIES in site.entries

    def _insert(self, site: ClientSite, missing: dict[str, str]) -> Edit:
        """The insertion of `missing` keywords or entries: after the key or base URL the site
        gives (else after its model) in a call, at the end of a dict."""
        node = site.node
        if isinstance(node, cst.Dict):
            return insert_entries(self.ctx, node, missing)
        given = [e for k in (fw.API_KEY, fw.BASE_URL) if (e := site.entries.get(k)) is not None]
        after = max(given, key=lambda a: self.ctx.span(a).start) if given else None
        if after is None:
            after = site.entries[fw.MODEL_KEY] if site.client is node else node.args[-1]
        assert isinstance(after, cst.Arg)
        return insert_keywords(self.ctx, node, missing, after=after)

    def _add_info(self, site: ClientSite, target: str | None) -> dict[str, bool | str]:
        """A site on the provider's URL without `model_info`: the client refuses the
        provider's model without it (`target`, None for one chosen at run time)."""
        provider = self.provider
        assert provider is not None
        info = model_info_flags(provider, target)
        edit = self._insert(site, {fw.MODEL_INFO: python_literal(info)})
        model = target
        if model is None:
            shown = site.value(fw.MODEL_KEY)
            model = f"its model ({self.snippet(shown) if shown is not None else 'unknown'})"
        self.report(
            site.node,
            f"{site.shown} sends {model} to {provider.name} without model_info, which "
            "autogen-ext needs for a model it does not know: apply adds it",
            edit=edit,
        )
        return info

    def _left(self, site: ClientSite, source: str | None, target: str | None) -> None:
        provider = self.provider
        assert provider is not None and site.at is not None
        if source is None:
            model = f"{provider.name}'s model"
        elif target is None:
            model = f"a model of {provider.name} for {source!r}"
        else:
            model = f"{provider.name}'s model ({source!r} maps to {target!r})"
        self.report(
            site.at,
            f"{site.shown} sends the request to OpenAI, and {site.left}: apply leaves it; give "
            f"it {model}, the key from {provider.api_key_env}, {fw.BASE_URL} "
            f"{self.ctx.rules.base_url} and {fw.MODEL_INFO}, together, by hand",
            fix=FixClass.MANUAL,
        )

    def _checks(
        self,
        site: ClientSite,
        target: str | None,
        info: dict[str, bool | str] | None,
    ) -> None:
        """What the client moved to the provider (or on its URL) still meets: structured
        output or tools its `model_info` says it lacks, tools it says it takes where the
        provider's file does not confirm it, images its model does not take, and, for a
        component config, a model that thinks, which the config cannot turn off. `info`: the
        `model_info` apply writes (None: the one the site gives, if a dict display)."""
        written = site.value(fw.MODEL_INFO)

        def flag(key: str) -> object:
            return info.get(key) if info is not None else _written_flag(written, key)

        if flag("structured_output") is False and site.client is not None:
            self._structured(site.client)
        calling = flag(fw.FUNCTION_CALLING)
        if calling is False and site.client is not None:
            self._no_tools(site.client, target)
        elif calling is True:
            entries = dict_entries(written) if info is None and written is not None else None
            entry = entries.get(fw.FUNCTION_CALLING) if entries is not None else None
            self._tools_unconfirmed(site, target, entry)
        if target is None:
            return
        self._images(site, target)
        if site.component and fw.REASONING_EFFORT not in site.entries:
            # whatever the OpenAI model did: a tool loop fails on a model that thinks
            switch = thinking_off(self.ctx.rules, None, target)
            model = site.value(fw.MODEL_KEY)
            if switch is not None and model is not None:
                self.report(
                    model,
                    f"{thinking_reason(self.ctx.rules, target)}; a component config cannot turn "
                    f"thinking off (autogen-ext drops its {fw.EXTRA_BODY}): where the program "
                    f"gives this client tools, build it in code with {fw.EXTRA_BODY}="
                    f"{python_literal(switch)} (OpenAIChatCompletionClient(**config, "
                    f"{fw.EXTRA_BODY}=...)), by hand",
                    severity=Severity.WARNING,
                    fix=FixClass.MANUAL,
                )

    def _structured(self, client: cst.Call) -> None:
        """The requests for structured output made with `client` (given to an
        `AssistantAgent` as `model_client=` with `output_content_type=`, or its
        `create(json_output=...)`), where the provider's structured outputs are not
        confirmed and the client's `model_info` says it has none."""
        provider = self.provider
        assert provider is not None
        support = provider.support("structured_outputs")
        if support is True:
            return  # the client's own choice
        if support is False:
            formats = ", ".join(provider.params.get("response_format", ()))
            why = f"{provider.name} has no structured outputs" + (
                f"; its response_format takes {formats}" if formats else ""
            )
        elif support == "partial":
            why = f"{provider.name} has structured outputs on some models only"
        else:
            why = f"{provider.name}'s structured outputs are not confirmed"
        head = "asks its client for structured output, and the client's model_info says it "
        head += f'has none ("structured_output": False: {why}): autogen-ext raises "Model does '
        head += 'not support structured output." before any request; '
        keep = (
            f'or set "structured_output": True if {provider.name} answering without the '
            "schema enforced will do, by hand"
        )
        for use, kind in _structured_uses(self.ctx, client):
            shape = self.snippet(use.value)
            if kind == "agent":
                subject = f"AssistantAgent({fw.AGENT_OUTPUT_TYPE}={shape})"
                advice = (
                    f"drop {fw.AGENT_OUTPUT_TYPE}, ask for JSON in the system message and parse "
                    f"the reply with {shape}.model_validate_json(...), {keep}"
                )
            else:
                subject = f"{kind}({fw.JSON_OUTPUT}={shape})"
                advice = (
                    f"pass {fw.JSON_OUTPUT}=True (a JSON object) with the schema in the prompt "
                    f"and parse the reply with {shape}.model_validate_json(...), {keep}"
                )
            self.report(use, f"{subject} {head}{advice}", fix=FixClass.MANUAL)

    def _no_tools(self, client: cst.Call, target: str | None) -> None:
        """The tools given with `client` (`_tool_uses`), where its `model_info` says it takes
        none."""
        provider = self.provider
        assert provider is not None
        advice = no_tools_advice(provider, target, "True")
        for use, kind in _tool_uses(self.ctx, client):
            assert use.keyword is not None
            subject = (
                f"AssistantAgent({use.keyword.value}=...)"
                if kind == "agent"
                else f"{kind}({fw.CREATE_TOOLS}=...)"
            )
            self.report(
                use,
                f"{subject} gives its client tools, and the client's model_info says it takes "
                'none ("function_calling": False): autogen refuses them ("The model does not '
                f'support function calling") before any request; {advice}, by hand',
                fix=FixClass.MANUAL,
            )

    def _tools_unconfirmed(
        self, site: ClientSite, target: str | None, entry: cst.DictElement | None
    ) -> None:
        """A `model_info` saying "function_calling": True (`entry`, where the site writes it;
        else the one apply writes) for a model whose tools the provider's file does not
        confirm: a warning that stays until a person says so."""
        provider = self.provider
        assert provider is not None
        why = tools_unconfirmed(provider, target)
        model = site.value(fw.MODEL_KEY)
        at = entry if entry is not None else model
        if why is None or at is None:
            return
        advice = tools_advice(target, ignore_comment(self.code), "False")
        # a warning where the module gives the client tools; else what to check if it does
        given = site.client is not None and bool(_tool_uses(self.ctx, site.client))
        self.report(
            at,
            f'{site.shown}\'s model_info says "function_calling": True, so that autogen-ext '
            f"passes on the tools an agent gives it (with False it refuses them); {why}: {advice}",
            severity=Severity.WARNING if given else Severity.NOTE,
            fix=FixClass.MANUAL,
            data={"framework": "autogen", "model": target, "tools": provider.support("tools")},
        )

    def _images(self, site: ClientSite, target: str) -> None:
        """A module that makes images, with a client whose model takes none."""
        provider = self.provider
        model = site.value(fw.MODEL_KEY)
        if provider is None or model is None or takes_images(provider, target) is not False:
            return
        made = image_use(self.ctx)
        if made is None:
            return
        line = self.ctx.line_label(self.ctx.position(made)[0][0])
        other = provider.image_model()
        whose = (
            f"{provider.name}'s model for images is {other}"
            if other
            else f"{provider.name} takes no images"
        )
        advice = (
            f'for the client that gets them use {other} with "vision": True'
            if other
            else "send them to a provider that takes images"
        )
        self.report(
            model,
            f"the module makes images (`{self.snippet(made)}` on {line}), and {target} takes "
            f'none ({whose}): with model_info "vision": False autogen-ext refuses them '
            f"(AssistantAgent drops them); {advice}, by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
        )


def _served(ctx: PythonContext, model: cst.BaseExpression) -> str | None:
    """The provider's model `model` names, where the module shows it."""
    resolved = ctx.resolve_literal(model)
    provider = ctx.rules.provider
    if resolved is None or provider is None or not provider.serves(resolved[1]):
        return None
    return resolved[1]


def _written_flag(info: cst.BaseExpression | None, key: str) -> bool | None:
    """The bool a `model_info` dict display writes for `key` (`"structured_output": False`)."""
    entries = dict_entries(info) if info is not None else None
    element = entries.get(key) if entries is not None else None
    if element is None or not isinstance(element.value, cst.Name):
        return None
    return {"True": True, "False": False}.get(element.value.value)


def image_use(ctx: PythonContext) -> cst.CSTNode | None:
    """The first call in the module that makes an image autogen sends (`Image(...)`,
    `Image.from_file(...)`, `MultiModalMessage(...)`: `fw.IMAGE_CLASSES`); found once."""
    if image_use not in ctx.analyses:
        found: cst.CSTNode | None = None
        if "Image" in ctx.text or "MultiModalMessage" in ctx.text:
            for node in ctx.nodes:
                if type(node) is not cst.Call:
                    continue
                assert isinstance(node, cst.Call)
                func = node.func
                if qualified(ctx, func, fw.IMAGE_CLASSES) is not None or (
                    isinstance(func, cst.Attribute)
                    and qualified(ctx, func.value, fw.IMAGE_CLASSES) is not None
                ):
                    found = func
                    break
        ctx.analyses[image_use] = found
    return cast("cst.CSTNode | None", ctx.analyses[image_use])


def _structured_uses(ctx: PythonContext, client: cst.Call) -> list[tuple[cst.Arg, str]]:
    """The arguments asking `client` for structured output: `output_content_type=` of an
    `AssistantAgent` given it as `model_client=`, `json_output=` of its `create` or
    `create_stream` naming a class (not True, False or None); each with "agent" or the
    method. The client is the call, or a name bound to it once."""
    uses = _client_uses(ctx, client, (fw.AGENT_OUTPUT_TYPE,), fw.JSON_OUTPUT)
    return [(arg, kind) for arg, kind in uses if _a_class(arg.value)]


def _tool_uses(ctx: PythonContext, client: cst.Call) -> list[tuple[cst.Arg, str]]:
    """The tools given with `client`: an `AssistantAgent`'s `tools=`, `handoffs=` or
    `workbench=`, its `create(tools=...)`; not one given None."""
    uses = _client_uses(ctx, client, fw.AGENT_TOOLS, fw.CREATE_TOOLS)
    return [
        (arg, kind)
        for arg, kind in uses
        if not (isinstance(arg.value, cst.Name) and arg.value.value == "None")
    ]


def _client_uses(
    ctx: PythonContext, client: cst.Call, agent_keys: tuple[str, ...], create_key: str
) -> list[tuple[cst.Arg, str]]:
    """The `agent_keys` arguments of an `AssistantAgent` given `client` as `model_client=`,
    and the `create_key` argument of its `create` or `create_stream`; each with "agent" or
    the method. The client is the call, or a name bound to it once."""

    def is_client(expr: cst.BaseExpression | None) -> bool:
        if isinstance(expr, cst.Name):
            expr = ctx.bound_value(expr)
        return expr is client

    found: list[tuple[cst.Arg, str]] = []
    for node in ctx.nodes:
        if type(node) is not cst.Call:
            continue
        assert isinstance(node, cst.Call)
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in fw.CREATE_METHODS:
            wanted = argument(node, create_key, None)
            if wanted is not None and is_client(func.value):
                found.append((wanted, func.attr.value))
        elif qualified(ctx, func, fw.AGENT_CLASSES) is not None:
            given = argument(node, fw.AGENT_CLIENT, 1)
            if given is None or not is_client(given.value):
                continue
            for key in agent_keys:
                wanted = argument(node, key, None)
                if wanted is not None:
                    found.append((wanted, "agent"))
    return found


def _a_class(expr: cst.BaseExpression) -> bool:
    """Whether a `json_output=` / `output_content_type=` value may be a class: not True,
    False or None."""
    return not (isinstance(expr, cst.Name) and expr.value in ("True", "False", "None"))


AUTOGEN_RULES = (AutogenConfigList, AutogenModelClient)


def autogen_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literals of autogen-ext's OpenAI client that ML661 maps or leaves: of an
    `OpenAIChatCompletionClient(model=...)`, and, at any call, of the dicts it takes its
    arguments from (`**cfg`, a component config's `config`)."""
    if qualified(ctx, call.func, fw.CLIENT_CLASSES) is not None:
        model = argument(call, fw.MODEL_KEY, None)
        if model is not None and string_value(model.value) is not None:
            yield model.value
    for site in client_sites(ctx):
        written = site.value(fw.MODEL_KEY) if site.client is not site.node else None
        if written is not None and string_value(written) is not None:
            yield written
