"""Rules for AutoGen / AG2: 0.2-style `config_list` entries and autogen-ext's
`OpenAIChatCompletionClient` (see `migrate_llm.frameworks.autogen`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import libcst as cst

from migrate_llm.frameworks import autogen as fw
from migrate_llm.frameworks.modules import import_pattern
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import IMPORT_OS, literal
from migrate_llm.rules.framework_args import (
    argument,
    callee,
    dict_entries,
    insert_entries,
    insert_keywords,
    passes_mapping,
    qualified,
)
from migrate_llm.rules.framework_litellm import _ModelStringRule, openai_model
from migrate_llm.rules.python_context import PythonContext, string_value

_IMPORTS_AUTOGEN = re.compile(import_pattern(fw.MODULES), re.MULTILINE)


class AutogenConfigList(_ModelStringRule):
    """An AutoGen / AG2 `config_list` entry that sends an OpenAI model to OpenAI.

    ## What it does
    In a module that imports `autogen` (pyautogen 0.2, AG2), finds the dict entries of a
    `config_list` (a name or key of that name, or the `config_list=` argument), an
    `llm_config` dict and a dict given to AG2's `LLMConfig(...)` that names an OpenAI model
    (`{"model": "gpt-4", "api_key": ...}`).

    ## Why
    AutoGen builds `OpenAI(**entry)` from the entry's `api_key` and `base_url`: without a
    `base_url` the request goes to api.openai.com with the OpenAI key.

    ## Fix (review)
    `apply` sets `api_key` (the provider's key variable) and `base_url` (its base-URL
    variable, the official URL as default). Entries with another `api_type` (azure, google,
    ...) or a `base_url` that names another endpoint are left alone. The model, an entry
    under "model", is mapped by ML204. Entries read by `config_list_from_json` (an
    `OAI_CONFIG_LIST` file or variable) or `config_list_from_dotenv` are not edited: reported
    for a person (manual).
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

    @functools.cached_property
    def imports_autogen(self) -> bool:
        return bool(_IMPORTS_AUTOGEN.search(self.ctx.text))

    def active(self) -> bool:
        return self._active

    @functools.cached_property
    def _active(self) -> bool:
        """Asked for every call: the same answer for the whole module."""
        rules = self.ctx.rules
        return (
            self.provider is not None
            and rules.switching
            and rules.base_url is not None
            and self.imports_autogen
        )

    def visit_Call(self, node: cst.Call) -> None:
        if not self.active():
            return
        if qualified(self.ctx, node.func, fw.LLM_CONFIG_CLASSES) is not None:
            for arg in node.args:
                if arg.keyword is None and not arg.star and isinstance(arg.value, cst.Dict):
                    self._entry(arg.value, "an LLMConfig entry")
            return
        if qualified(self.ctx, node.func, fw.CONFIG_READERS) is None:
            return
        provider = self.provider
        assert provider is not None
        source = argument(node, "env_or_file", 0)
        where = f"`{self.snippet(source.value)}`" if source is not None else "OAI_CONFIG_LIST"
        self.report(
            node.func,
            f"{callee(node.func)}() reads its entries from {where}, which apply does not edit: "
            f'give each OpenAI entry a model of {provider.name}, "base_url": '
            f'"{self.ctx.rules.base_url}" and the key from {provider.api_key_env}',
            fix=FixClass.MANUAL,
        )

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self.active():
            return
        for target in node.targets:
            name = target.target.value if isinstance(target.target, cst.Name) else None
            if name is not None:
                self._value(name, node.value)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and self.active():
            self._value(node.keyword.value, node.value)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = string_value(node.key)
        if key is not None and self.active():
            self._value(key, node.value)

    def _value(self, name: str, value: cst.BaseExpression) -> None:
        if fw.CONFIG_LIST_NAME in name and isinstance(value, cst.List):
            for element in value.elements:
                if isinstance(element.value, cst.Dict):
                    self._entry(element.value, f"a {fw.CONFIG_LIST_NAME} entry")
        elif name == fw.LLM_CONFIG_NAME and isinstance(value, cst.Dict):
            self._entry(value, fw.LLM_CONFIG_NAME)

    def _entry(self, node: cst.Dict, shown: str) -> None:
        entries = dict_entries(node)
        if entries is None or fw.MODEL_KEY not in entries:
            return
        api_type = entries.get(fw.API_TYPE)
        if api_type is not None and string_value(api_type.value) != "openai":
            return
        base = entries.get(fw.BASE_URL)
        if base is not None and self.endpoint_kind(base.value) != "openai":
            return
        # The model itself is a dict entry under "model": ML204 maps it (to the same id).
        model = string_value(entries[fw.MODEL_KEY].value)
        if model is None or openai_model(self.ctx, model, False) is None:
            return
        values = self.values(node)
        missing: dict[str, str] = {}
        for key, value, present in (
            (fw.API_KEY, values["key"], entries.get(fw.API_KEY)),
            (fw.BASE_URL, values["base"], base),
        ):
            if present is None:
                missing[key] = value
            else:
                self.report(
                    present.value,
                    self.endpoint_message(shown),
                    edit=Edit(self.ctx.span(present.value), value, (IMPORT_OS,)),
                )
        if missing:
            edit = insert_entries(self.ctx, node, missing)
            self.report(
                node, self.endpoint_message(shown), edit=Edit(edit.span, edit.text, (IMPORT_OS,))
            )


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
    or `model_capabilities`.
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
        if not self.model_edit(model.value, shown, None, False)[0]:
            return
        values = self.values(node)
        missing: dict[str, str] = {}
        for key, value, present in (
            (fw.API_KEY, values["key"], argument(node, fw.API_KEY, None)),
            (fw.BASE_URL, values["base"], base),
        ):
            if present is None:
                missing[key] = value
            else:
                self.report(
                    present.value,
                    self.endpoint_message(shown),
                    edit=Edit(self.ctx.span(present.value), value, (IMPORT_OS,)),
                )
        if argument(node, fw.MODEL_INFO, None) is None and (
            argument(node, fw.MODEL_CAPABILITIES, None) is None
        ):
            missing[fw.MODEL_INFO] = self.model_info()
        if missing:
            edit = insert_keywords(self.ctx, node, missing, after=model)
            self.report(
                node, self.endpoint_message(shown), edit=Edit(edit.span, edit.text, (IMPORT_OS,))
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
