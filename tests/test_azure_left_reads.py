"""Key and base-URL reads that feed an Azure client `apply` leaves on Azure OpenAI stay as they
are (ML401, manual), and Azure's own key variable is never renamed for another target.

pandas-ai's `AzureOpenAI` class stores `api_token or os.getenv("AZURE_OPENAI_API_KEY") or
os.getenv("OPENAI_API_KEY")` in `self.api_token` and builds `openai.AzureOpenAI(**self.
_client_params)`, a mapping its base class fills in another module: ML002 leaves that client,
but ML401 renamed both reads to the provider's variable, so the provider's key went to the Azure
deployment, and with the provider's base-URL variable set the client raised ("base_url and
azure_endpoint are mutually exclusive"). Exact text, fix classes, the scan's JSON, and the key
the Azure deployment receives."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from . import network_guard
from .loopback_server import AzureRoutes, LoopbackServer
from .program_runner import run_python


def migrate(registry, text: str, provider: str = "acme"):
    ctx = RuleContext(registry, registry.get(provider))
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert change.error is None, change.error
    again = FileScanner(ctx, Path(".")).migrate_text(change.after, "python", "app.py", "app.py")
    assert again.after == change.after  # idempotent
    assert [f for f in again.findings if f.edit is not None] == []
    return change


def rows(findings, *rules: str):
    return [(f.line, f.rule, f.fix.value, f.message) for f in findings if f.rule in rules]


STAYS = "which stays on Azure OpenAI (apply leaves it, see its finding)"
GIVEN = (
    "given Acme Cloud's key (ACME_API_KEY) it would send that key to Azure; point that call at "
    "Acme Cloud, then read ACME_API_KEY, by hand"
)

# the trial's r2: the class's own property shows the mapping, `api_key: self.api_token`
SHOWN = (
    "import os\n\nimport openai\n\n\nclass Azure:\n"
    "    def __init__(self, api_token=None):\n"
    "        self.api_token = (\n"
    '            api_token or os.getenv("AZURE_OPENAI_API_KEY") or os.getenv("OPENAI_API_KEY")\n'
    "        )\n"
    "        self.client = openai.AzureOpenAI(**self._client_params)\n\n"
    "    @property\n    def _client_params(self):\n"
    '        return {"api_key": self.api_token, "azure_endpoint": "https://r.openai.azure.com", '
    '"api_version": "2024-02-01"}\n'
)


def test_key_reads_stored_for_an_azure_client_left_on_azure_are_left(registry):
    change = migrate(registry, SHOWN)
    assert change.after == SHOWN
    assert rows(change.findings, "ML401") == [
        (
            9,
            "ML401",
            "manual",
            f"reads {variable}, which goes as `self.api_token` to openai.AzureOpenAI() on line "
            f"11, {STAYS}: {GIVEN}",
        )
        for variable in ("AZURE_OPENAI_API_KEY", "OPENAI_API_KEY")
    ]
    assert [r[2] for r in rows(change.findings, "ML002")] == ["manual"]


# pandas-ai's own shape: the property merges `super()._client_params`, built in another module
# from `self.api_token` and `self.api_base`
PANDAS = (
    "import os\n\nimport openai\n\nfrom .base import BaseOpenAI\n\n\n"
    "class AzureOpenAI(BaseOpenAI):\n"
    "    def __init__(self, api_token=None, api_base=None, deployment_name=None):\n"
    "        self.api_token = (\n"
    '            api_token or os.getenv("AZURE_OPENAI_API_KEY") or os.getenv("OPENAI_API_KEY")\n'
    "        )\n"
    '        self.azure_endpoint = os.getenv("AZURE_OPENAI_ENDPOINT")\n'
    '        self.api_base = api_base or os.getenv("OPENAI_API_BASE")\n'
    "        self.deployment_name = deployment_name\n"
    "        self.client = openai.AzureOpenAI(**self._client_params).chat.completions\n"
    "        self.legacy = openai.AzureOpenAI(**self._client_params).completions\n\n"
    "    @property\n    def _client_params(self):\n"
    '        params = {"azure_endpoint": self.azure_endpoint, "api_version": "2024-02-01"}\n'
    "        return {**params, **super()._client_params}\n"
)
THROUGH = "(through `**self._client_params`, which the module does not show whole)"


def test_reads_a_mapping_built_elsewhere_may_carry_to_an_azure_client_are_left(registry):
    # the second client (line 17), on Azure too, is not named as a client needing a key apart
    change = migrate(registry, PANDAS)
    assert change.after == PANDAS
    key = [
        (
            11,
            "ML401",
            "manual",
            f"reads {variable}, which goes as `self.api_token` {THROUGH} to openai.AzureOpenAI() "
            f"on line 16, {STAYS}: {GIVEN}",
        )
        for variable in ("AZURE_OPENAI_API_KEY", "OPENAI_API_KEY")
    ]
    url = (
        14,
        "ML401",
        "manual",
        f"reads OPENAI_API_BASE; not switched: it goes as `self.api_base` {THROUGH} to "
        f"openai.AzureOpenAI() on line 16, {STAYS}: switched, it would take that client's key "
        "(from `**self._client_params`, else AZURE_OPENAI_API_KEY) to Acme Cloud (beside its "
        "azure_endpoint, it raises); point that call at Acme Cloud (the key from ACME_API_KEY), "
        "by hand",
    )
    assert [r for r in rows(change.findings, "ML401") if r[0] in (11, 14)] == [*key, url]


def test_the_scan_json_says_the_client_stays_on_azure(tmp_path, monkeypatch):
    (tmp_path / "llm.py").write_text(PANDAS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", "llm.py", "--provider", "zhipu", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    found = [
        (f["line"], f["column"], f["fix"], f["data"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML401" and f["line"] in (11, 14)
    ]
    assert [(line, column, fix, data) for line, column, fix, data, _ in found] == [
        (11, 26, "manual", {"variable_from": "AZURE_OPENAI_API_KEY"}),
        (11, 63, "manual", {"variable_from": "OPENAI_API_KEY", "variable_to": "ZAI_API_KEY"}),
        (14, 37, "manual", {"variable_from": "OPENAI_API_BASE", "variable_to": "ZAI_BASE_URL"}),
    ]
    assert all(
        "to openai.AzureOpenAI() on line 16, which stays on Azure OpenAI" in message
        for *_, message in found
    )


def test_a_read_reaching_an_azure_client_left_and_a_plain_one_is_left_and_says_both(registry):
    text = (
        "import os\n\nfrom openai import AzureOpenAI, OpenAI\n\n\ndef make(cfg_key=None):\n"
        '    key = cfg_key or os.getenv("OPENAI_API_KEY")\n'
        '    azure = AzureOpenAI(api_key=key, api_version="2024-06-01")\n'
        "    plain = OpenAI(api_key=key)\n"
        "    return azure, plain\n"
    )
    change = migrate(registry, text)
    assert change.after == text.replace(
        "    plain = OpenAI(api_key=key)\n",
        '    plain = OpenAI(\n        base_url=os.environ.get("ACME_BASE_URL", '
        '"https://api.acme.example/v1"),\n'
        '        api_key=os.environ["ACME_API_KEY"],\n    )\n',
    )
    assert rows(change.findings, "ML401") == [
        (
            7,
            "ML401",
            "manual",
            f"reads OPENAI_API_KEY, which goes to AzureOpenAI() on line 8, {STAYS}: {GIVEN}; it "
            "also goes to OpenAI() on line 9, which needs Acme Cloud's key apart",
        )
    ]


def test_a_plain_client_given_an_attribute_holding_a_read_left_for_azure_is_left(registry):
    """Kept for the provider (`self.api_token or os.environ["ACME_API_KEY"]`), the attribute,
    still holding the Azure or OpenAI key the reads left for Azure give, would take that key
    to the provider."""
    text = PANDAS.replace(
        "        self.legacy = openai.AzureOpenAI(**self._client_params).completions\n",
        "        self.legacy = openai.AzureOpenAI(**self._client_params).completions\n"
        "        self.plain = openai.OpenAI(api_key=self.api_token)\n",
    )
    change = migrate(registry, text)
    assert change.after == text
    assert rows(change.findings, "ML001") == [
        (
            18,
            "ML001",
            "manual",
            "OpenAI() talks to OpenAI (key from `self.api_token`); its key `self.api_token` may "
            "hold AZURE_OPENAI_API_KEY (read on line 11, which apply leaves as it is: see there): "
            "kept, that key would go to Acme Cloud; give this client Acme Cloud's key "
            "(ACME_API_KEY) apart, by hand",
        )
    ]
    assert [r[3] for r in rows(change.findings, "ML401") if r[0] == 11] == [
        f"reads {variable}, which goes as `self.api_token` {THROUGH} to openai.AzureOpenAI() on "
        f"line 16, {STAYS}: {GIVEN}; it also goes to openai.OpenAI() on line 18, which needs "
        "Acme Cloud's key apart"
        for variable in ("AZURE_OPENAI_API_KEY", "OPENAI_API_KEY")
    ]


AZURE_KEY_LEFT = (
    "Azure OpenAI's key; not switched to ACME_API_KEY: Acme Cloud's key must not go where "
    "Azure's does (a client left on Azure OpenAI would send it there); a client apply points at "
    "Acme Cloud reads ACME_API_KEY itself: remove this read once nothing uses it, by hand"
)


def test_azures_key_variable_is_never_renamed_for_another_target(registry):
    # the trial's r2b: the client is converted (its key replaced), the name left unused
    text = (
        "import os\n\nimport openai\n\n"
        'key = os.getenv("AZURE_OPENAI_API_KEY") or os.getenv("OPENAI_API_KEY")\n'
        'client = openai.AzureOpenAI(api_key=key, azure_endpoint="https://r.openai.azure.com", '
        'api_version="2024-02-01")\n'
    )
    change = migrate(registry, text)
    assert change.after == (
        "import os\n\nimport openai\n\n"
        'key = os.getenv("AZURE_OPENAI_API_KEY") or os.getenv("ACME_API_KEY")\n'
        "client = openai.OpenAI(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n)\n'
    )
    assert rows(change.findings, "ML401", "ML002") == [
        (
            5,
            "ML002",
            "manual",
            "`key` is used only by AzureOpenAI(); once apply makes it OpenAI() nothing uses it: "
            "remove it (and the imports only it needs) by hand",
        ),
        (5, "ML401", "manual", f"reads AZURE_OPENAI_API_KEY, {AZURE_KEY_LEFT}"),
        (
            5,
            "ML401",
            "safe",
            "reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not "
            "copied)",
        ),
        (
            6,
            "ML002",
            "review",
            "AzureOpenAI() talks to Azure OpenAI (azure_endpoint, api_version); replace it with "
            "OpenAI() — for Acme Cloud read the key from ACME_API_KEY and the base URL from "
            "ACME_BASE_URL (default https://api.acme.example/v1) — and map each deployment name "
            "used as model= to a provider model",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            'import os\n\nKEY_VAR = "AZURE_OPENAI_API_KEY"\nkey = os.getenv(KEY_VAR)\n',
            "names AZURE_OPENAI_API_KEY, read from the environment on line 4, " + AZURE_KEY_LEFT,
            id="through-a-constant",
        ),
        pytest.param(
            'raise SystemExit("set AZURE_OPENAI_API_KEY")\n',
            "names AZURE_OPENAI_API_KEY in a message; Azure OpenAI's key, not switched to "
            "ACME_API_KEY: reword it where the code reads it",
            id="in-a-message",
        ),
    ],
)
def test_azures_key_variable_named_elsewhere_is_left(registry, text, message):
    change = migrate(registry, text)
    assert change.after == text
    assert [r[3] for r in rows(change.findings, "ML401")] == [message]


def test_a_typed_azure_key_is_not_stored_in_the_providers_variable(registry):
    text = 'import getpass\nimport os\n\nos.environ["AZURE_OPENAI_API_KEY"] = getpass.getpass()\n'
    change = migrate(registry, text)
    assert change.after == text
    assert rows(change.findings, "ML404") == [
        (
            4,
            "ML404",
            "manual",
            "stores a key typed at run time in AZURE_OPENAI_API_KEY; Azure OpenAI's key, not "
            "switched to ACME_API_KEY (a client left on Azure OpenAI would get Acme Cloud's key): "
            "store it there where the code talks to Acme Cloud, by hand",
        )
    ]


def test_azures_key_read_inside_a_converted_client_goes_with_it(registry):
    text = (
        "import os\n\nfrom openai import AzureOpenAI\n\n"
        'client = AzureOpenAI(api_key=os.environ["AZURE_OPENAI_API_KEY"], '
        'azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], api_version="2024-02-01")\n'
    )
    change = migrate(registry, text)
    assert change.after == (
        "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n)\n'
    )
    assert rows(change.findings, "ML401") == [
        (
            5,
            "ML401",
            "none",
            f"reads {variable} for {keyword}= of AzureOpenAI() on line 5, which apply points at "
            "Acme Cloud: that argument goes with the rewrite",
        )
        for variable, keyword in (
            ("AZURE_OPENAI_API_KEY", "api_key"),
            ("AZURE_OPENAI_ENDPOINT", "azure_endpoint"),
        )
    ]


def test_on_an_azure_target_openais_key_read_gets_azures_variable(registry):
    change = migrate(registry, SHOWN, "azure")
    assert 'or os.getenv("AZURE_OPENAI_API_KEY")\n' in change.after
    assert "OPENAI_API_KEY" not in change.after.replace("AZURE_OPENAI_API_KEY", "")
    assert [r[2] for r in rows(change.findings, "ML401")] == ["safe"]


# --- end to end ----------------------------------------------------------------------------

BASE = """class BaseLLM:
    @property
    def _client_params(self):
        return {"api_key": self.api_token, "base_url": self.api_base, "timeout": 30}
"""
AZURE_APP = """import os

import openai

from base import BaseLLM


class AzureLLM(BaseLLM):
    def __init__(self, api_token=None, api_base=None, deployment="chat-prod"):
        self.api_token = (
            api_token or os.getenv("AZURE_OPENAI_API_KEY") or os.getenv("OPENAI_API_KEY")
        )
        self.api_base = api_base or os.getenv("OPENAI_API_BASE")
        self.endpoint = os.getenv("AZURE_OPENAI_ENDPOINT")
        self.deployment = deployment
        self.client = openai.AzureOpenAI(**self._client_params).chat.completions

    @property
    def _client_params(self):
        params = {"azure_endpoint": self.endpoint, "api_version": "2024-06-01"}
        return {**super()._client_params, **params}

    def ask(self, question):
        messages = [{"role": "user", "content": question}]
        reply = self.client.create(model=self.deployment, messages=messages)
        return reply.choices[0].message.content


if __name__ == "__main__":
    print(AzureLLM().ask("ping"))
"""
AZURE_KEY = "azure-resource-key"


def test_migrated_azure_class_sends_azures_key_to_azure(registry, tmp_path, monkeypatch):
    provider = registry.get("zhipu")
    (tmp_path / "base.py").write_text(BASE, encoding="utf-8")
    (tmp_path / "llm.py").write_text(AZURE_APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "llm.py").read_text(encoding="utf-8") == AZURE_APP
    check = CliRunner().invoke(app, ["check", "llm.py", "--provider", "zhipu"])
    assert check.exit_code == 1  # the Azure client and its reads are left for a person

    server = LoopbackServer(azure=AzureRoutes(AZURE_KEY, frozenset({"chat-prod"}))).start()
    try:
        env = {
            **{k: v for k, v in os.environ.items() if "OPENAI" not in k.upper()},
            "AZURE_OPENAI_API_KEY": AZURE_KEY,
            "AZURE_OPENAI_ENDPOINT": server.base,
            # the provider's variables set too: renamed reads took these
            provider.api_key_env: "zhipu-key-never-sent-to-azure",
            provider.base_url_env: server.base + "/api/paas/v4",
        }
        guard = tmp_path / "guard"
        env = network_guard.subprocess_env(env, guard)
        proc = run_python(["llm.py"], cwd=tmp_path, env=env, timeout=60)
        assert network_guard.blocked_hosts(guard) == [], proc.stderr
        assert proc.returncode == 0, proc.stderr
        (request,) = server.requests
    finally:
        server.stop()
    assert request.path == "/openai/deployments/chat-prod/chat/completions?api-version=2024-06-01"
    assert request.headers["api-key"] == AZURE_KEY
    assert "zhipu-key" not in repr(request.headers)
