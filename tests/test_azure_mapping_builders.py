"""An Azure client built from a `**` mapping that a method of its class builds (MetaGPT's
`kwargs = self._make_client_kwargs()`, then `AsyncAzureOpenAI(**kwargs)`): the mapping is read
as its entries, so a key the program hands it leaves the client to a person as it does when
given by keyword; a mapping built elsewhere whose key the module does not show leaves it too.
Before, `apply` made it a DeepSeek client (Azure configs then sent deployment names there)
and `check` passed. Exact messages, unchanged text, `check` after `apply`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

TAIL = (
    "replace it with OpenAI() — for Acme Cloud read the key from ACME_API_KEY and the base URL "
    "from ACME_BASE_URL (default https://api.acme.example/v1) — and map each deployment name "
    "used as model= to a provider model, leaving that key out"
)

# the class builds its client's settings in a method returning a `dict(...)` call
METHOD_BUILT = (
    "from openai import AsyncAzureOpenAI\n\n\nclass AzureChat:\n"
    "    def __init__(self, settings):\n"
    "        self.settings = settings\n"
    "        options = self._client_options()\n"
    "        self.client = AsyncAzureOpenAI(**options)\n\n"
    "    def _client_options(self) -> dict:\n"
    "        return dict(\n"
    "            api_key=self.settings.key,\n"
    "            api_version=self.settings.version,\n"
    "            azure_endpoint=self.settings.endpoint,\n"
    "        )\n"
)
HANDED_KEY = (
    "AsyncAzureOpenAI() talks to Azure OpenAI (azure_endpoint, api_version); its key "
    "`self.settings.key` may be an Azure key your code hands it (a parameter, a setting, a "
    f"name other code uses), which must not go to Acme Cloud: {TAIL} (and what only fed it), "
    "by hand"
)

# the method adds an entry before returning the dict it holds: its content is not shown
NOT_SHOWN_METHOD = (
    "    def _client_options(self) -> dict:\n"
    '        options = {"api_key": self.settings.key, "azure_endpoint": self.settings.endpoint}\n'
    "        if self.settings.proxy:\n"
    '            options["http_client"] = proxied(self.settings.proxy)\n'
    "        return options\n"
)
NOT_SHOWN = METHOD_BUILT.split("    def _client_options")[0] + NOT_SHOWN_METHOD


def migrate(registry, text: str):
    ctx = RuleContext(registry, registry.get("acme"))
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert change.error is None, change.error
    return change


def rows(findings, *rules: str):
    return [(f.line, f.rule, f.fix.value, f.message) for f in findings if f.rule in rules]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(METHOD_BUILT, id="through-a-name"),
        pytest.param(
            METHOD_BUILT.replace(
                "        options = self._client_options()\n"
                "        self.client = AsyncAzureOpenAI(**options)\n",
                "        self.client = AsyncAzureOpenAI(**self._client_options())\n",
            ),
            id="spread-directly",
        ),
    ],
)
def test_a_key_in_a_mapping_a_method_returns_leaves_the_azure_client_as_by_keyword(registry, text):
    change = migrate(registry, text)
    assert change.after == text
    line = 8 if "options = " in text else 7
    assert rows(change.findings, "ML002") == [(line, "ML002", "manual", HANDED_KEY)]


@pytest.mark.parametrize(
    ("text", "line", "shown"),
    [
        pytest.param(
            NOT_SHOWN, 8, "`**options` (`self._client_options()` on line 7)", id="method-via-name"
        ),
        pytest.param(
            NOT_SHOWN.replace(
                "        options = self._client_options()\n"
                "        self.client = AsyncAzureOpenAI(**options)\n",
                "        self.client = AsyncAzureOpenAI(**self._client_options())\n",
            ),
            7,
            "`**self._client_options()`",
            id="method-directly",
        ),
        pytest.param(
            "from openai import AzureOpenAI\n\nfrom .settings import azure_options\n\n\n"
            "def make(settings):\n"
            "    options = azure_options(settings)\n"
            "    return AzureOpenAI(**options)\n",
            8,
            "`**options` (`azure_options(settings)` on line 7)",
            id="function-elsewhere",
        ),
    ],
)
def test_an_azure_client_whose_mapping_is_not_shown_is_left_to_a_person(
    registry, text, line, shown
):
    change = migrate(registry, text)
    assert change.after == text
    client = "AzureOpenAI" if "import AzureOpenAI" in text else "AsyncAzureOpenAI"
    assert rows(change.findings, "ML002") == [
        (
            line,
            "ML002",
            "manual",
            f"{client}() talks to Azure OpenAI; its key and settings come from {shown}, which "
            "this module does not show in full (an Azure key your code hands it may be there, "
            f"which must not go to Acme Cloud): {TAIL}, by hand",
        )
    ]


def test_a_key_read_stored_on_self_for_such_a_mapping_is_left_with_the_client(registry):
    # as for pandas-ai's `**self._client_params`: renamed, the provider's key would go to Azure
    text = (
        "import os\n\nfrom openai import AzureOpenAI\n\n\nclass AzureChat:\n"
        "    def __init__(self, key=None):\n"
        '        self.key = key or os.getenv("OPENAI_API_KEY")\n'
        "        options = self._client_options()\n"
        "        self.client = AzureOpenAI(**options)\n\n"
        "    def _client_options(self):\n"
        '        options = {"api_key": self.key, "api_version": "2024-06-01"}\n'
        "        options.update(self.extra)\n"
        "        return options\n"
    )
    change = migrate(registry, text)
    assert change.after == text
    assert rows(change.findings, "ML401") == [
        (
            8,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes as `self.key` (through `**options`, which the "
            "module does not show whole) to AzureOpenAI() on line 10, which stays on Azure "
            "OpenAI (apply leaves it, see its finding): given Acme Cloud's key (ACME_API_KEY) it "
            "would send that key to Azure; point that call at Acme Cloud, then read "
            "ACME_API_KEY, by hand",
        )
    ]


def test_a_plain_client_reads_a_method_mapping_through_a_name_as_spread_directly(registry):
    spread = (
        "from openai import OpenAI\n\n\nclass Chat:\n    def __init__(self):\n"
        "        self.client = OpenAI(**self._options())\n\n"
        '    def _options(self):\n        return {"timeout": 5}\n'
    )
    named = spread.replace(
        "        self.client = OpenAI(**self._options())\n",
        "        options = self._options()\n        self.client = OpenAI(**options)\n",
    )
    direct, through = migrate(registry, spread), migrate(registry, named)
    assert through.after == direct.after.replace(
        "        self.client = OpenAI(\n            **{\n                **self._options(),\n",
        "        options = self._options()\n"
        "        self.client = OpenAI(\n            **{\n                **options,\n",
    )
    assert through.after != named
    message = (
        "OpenAI() talks to OpenAI (key from OPENAI_API_KEY); for Acme Cloud read the key from "
        "ACME_API_KEY and the base URL from ACME_BASE_URL (default https://api.acme.example/v1)"
    )
    assert rows(direct.findings, "ML001") == [(6, "ML001", "safe", message)]
    assert rows(through.findings, "ML001") == [(7, "ML001", "safe", message)]


@pytest.mark.parametrize("text", [METHOD_BUILT, NOT_SHOWN], ids=["method-built", "not-shown"])
def test_check_fails_after_apply_leaves_the_azure_client(text, tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "app.py", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == text
    assert done.stderr.startswith("Changed 0 files for DeepSeek"), done.stderr
    check = CliRunner().invoke(
        app, ["check", "app.py", "--provider", "deepseek", "--format", "json"]
    )
    assert check.exit_code == 1
    found = json.loads(check.stdout)["findings"]
    assert [(f["rule"], f["fix"], f["line"]) for f in found if f["rule"] == "ML002"] == [
        ("ML002", "manual", 8)
    ]


# AutoGen 0.2's OpenAIWrapper: the entry's settings rebuilt from the `config` parameter, then
# `AzureOpenAI(**openai_config)` for `api_type: azure` (apply made it a Moonshot client, so
# Azure deployments went to Moonshot as model names)
HANDED_IN = (
    "from openai import AzureOpenAI, OpenAI\n\n\nclass Wrapper:\n"
    "    def register(self, config, openai_config):\n"
    "        openai_config = {**openai_config, **{k: v for k, v in config.items() if k in KW}}\n"
    '        if config.get("api_type") == "azure":\n'
    '            openai_config["azure_deployment"] = config.get("model")\n'
    "            return AzureOpenAI(**openai_config)\n"
    "        return OpenAI(**openai_config)\n"
)
KW_PARAMETER = "from openai import AzureOpenAI\n\n\ndef make(**kw):\n    return AzureOpenAI(**kw)\n"


def handed_in(client: str, mapping: str) -> str:
    return (
        f"{client}() talks to Azure OpenAI; its key, endpoint and deployment come from "
        f"`**{mapping}`, settings handed to this code (an Azure configuration, whose key must not "
        f"go to Acme Cloud): {TAIL}, by hand"
    )


@pytest.mark.parametrize(
    ("text", "line", "mapping"),
    [
        pytest.param(KW_PARAMETER, 5, "kw", id="kwargs-parameter"),
        pytest.param(
            KW_PARAMETER.replace("(**kw):", "(cfg):").replace("(**kw)", "(**cfg)"),
            5,
            "cfg",
            id="mapping-parameter",
        ),
        pytest.param(
            KW_PARAMETER.replace("(**kw)\n", "(**{**kw, 'max_retries': 2})\n"),
            5,
            "{**kw, 'max_retries': 2}",
            id="display-over-a-parameter",
        ),
    ],
)
def test_an_azure_client_given_the_callers_mapping_is_left_to_a_person(
    registry, text, line, mapping
):
    change = migrate(registry, text)
    assert change.after == text
    assert rows(change.findings, "ML002") == [
        (line, "ML002", "manual", handed_in("AzureOpenAI", mapping))
    ]


def test_autogens_azure_branch_is_left_while_its_openai_branch_gets_the_provider(registry):
    change = migrate(registry, HANDED_IN)
    assert change.after == (
        "import os\n\n"
        + HANDED_IN.replace(
            "        return OpenAI(**openai_config)\n",
            "        return OpenAI(\n            **{\n                **openai_config,\n"
            '                "api_key": openai_config.get("api_key") or os.environ.get("ACME_API_KEY", "unset"),\n'
            '                "base_url": openai_config.get("base_url")\n'
            '                or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "            }\n        )\n",
        )
    )
    # the parameter `openai_config` replaced before the call: the dict built there, whose
    # branch sets azure_deployment, is the one the client is given (t68a)
    message = handed_in("AzureOpenAI", "openai_config").replace(
        "Azure OpenAI;", "Azure OpenAI (azure_deployment);", 1
    )
    assert rows(change.findings, "ML002") == [(9, "ML002", "manual", message)]
    again = migrate(registry, change.after)
    assert again.after == change.after


@pytest.mark.parametrize("text", [KW_PARAMETER, HANDED_IN], ids=["kwargs", "autogen"])
def test_check_fails_after_apply_leaves_an_azure_client_given_a_mapping(
    text, tmp_path, monkeypatch
):
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "app.py", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    kept = "AzureOpenAI(**kw)" if text is KW_PARAMETER else "AzureOpenAI(**openai_config)"
    assert kept in (tmp_path / "app.py").read_text(encoding="utf-8")
    check = CliRunner().invoke(
        app, ["check", "app.py", "--provider", "moonshot", "--format", "json"]
    )
    assert check.exit_code == 1
    found = json.loads(check.stdout)["findings"]
    line = 5 if text is KW_PARAMETER else 11
    assert [(f["rule"], f["fix"], f["line"]) for f in found if f["rule"] == "ML002"] == [
        ("ML002", "manual", line)
    ]
