"""The key of an Azure OpenAI client (or class) moved to a provider: Azure's key never goes to
the provider, kept or `or`-ed with the provider's variable (mem0's `AzureOpenAI(api_key=api_key)`
with `api_key = cfg_key or os.getenv("LLM_AZURE_OPENAI_API_KEY")` sent it to DashScope), and the
provider's key never goes to a client or class left talking to Azure OpenAI (gpt-researcher's
`AzureOpenAIEmbeddings` got DEEPSEEK_API_KEY). Exact text, fix classes, `check` after `apply`,
and the Authorization header the provider receives."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from . import network_guard
from .program_runner import run_python

ACME_URL = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
TAIL = (
    "replace it with OpenAI() — for Acme Cloud read the key from ACME_API_KEY and the base URL "
    "from ACME_BASE_URL (default https://api.acme.example/v1) — and map each deployment name "
    "used as model= to a provider model, leaving that key out (and what only fed it), by hand"
)


def migrate(registry, text: str, provider: str = "acme"):
    ctx = RuleContext(registry, registry.get(provider))
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert change.error is None, change.error
    again = FileScanner(ctx, Path(".")).migrate_text(change.after, "python", "app.py", "app.py")
    assert again.after == change.after  # idempotent
    assert [f for f in again.findings if f.edit is not None] == []
    return change, again


def rows(findings, *rules: str):
    return [(f.line, f.rule, f.fix.value, f.message) for f in findings if f.rule in rules]


# mem0's shape: a key from the config or the program's own Azure variable, reset to None
MEM0 = (
    "import os\n\nfrom openai import AzureOpenAI\n\n\ndef make(cfg_key=None):\n"
    '    api_key = cfg_key or os.getenv("LLM_AZURE_OPENAI_API_KEY")\n'
    "    if not api_key:\n        api_key = None\n"
    '    return AzureOpenAI(azure_endpoint=os.getenv("LLM_AZURE_ENDPOINT"), api_key=api_key, '
    'api_version="2024-10-21")\n'
)


def test_a_key_the_program_hands_an_azure_client_leaves_it_to_a_person(registry):
    change, _ = migrate(registry, MEM0)
    assert change.after == MEM0
    assert rows(change.findings, "ML002") == [
        (
            10,
            "ML002",
            "manual",
            "AzureOpenAI() talks to Azure OpenAI (azure_endpoint, api_version); its key "
            "`api_key` may be an Azure key your code hands it (a parameter, a setting, a name "
            f"other code uses), which must not go to Acme Cloud: {TAIL}",
        )
    ]


@pytest.mark.parametrize(
    ("setup", "key"),
    [
        pytest.param("", "cfg_key", id="parameter"),
        pytest.param("", "settings.azure_key", id="setting"),
        pytest.param("", 'cfg["api_key"]', id="config-entry"),
        pytest.param("", 'cfg_key or os.getenv("AZURE_OPENAI_API_KEY")', id="parameter-or-env"),
        pytest.param("", 'input("Azure key: ")', id="typed"),
        pytest.param(
            '    key = os.environ["LLM_AZURE_KEY"]\n    print(len(key))\n',
            "key",
            id="name-other-code-uses",
        ),
        # ML401 leaves Azure's own key variable on another target: the name holds Azure's key
        pytest.param(
            '    key = os.environ["AZURE_OPENAI_API_KEY"]\n    print(len(key))\n',
            "key",
            id="name-reading-azures-key-variable",
        ),
    ],
)
def test_azure_keys_apply_leaves(registry, setup, key):
    text = (
        "import os\n\nfrom openai import AzureOpenAI\n\n\ndef make(cfg_key=None, cfg=None):\n"
        f'{setup}    return AzureOpenAI(api_key={key}, api_version="2024-06-01")\n'
    )
    change, _ = migrate(registry, text)
    assert change.after == text
    (row,) = rows(change.findings, "ML002")
    assert row[2] == "manual"
    assert f"its key `{key}` may be an Azure key your code hands it" in row[3]


@pytest.mark.parametrize(
    ("setup", "key"),
    [
        pytest.param("", 'os.environ["LLM_AZURE_KEY"]', id="environment-read"),
        pytest.param("", 'os.getenv("A_KEY") or os.getenv("B_KEY")', id="environment-reads"),
        pytest.param(
            '    key = os.environ["OPENAI_API_KEY"]\n    print(len(key))\n',
            "key",
            id="name-reading-the-switched-variable",
        ),
    ],
)
def test_azure_keys_the_provider_variable_replaces(registry, setup, key):
    text = (
        "import os\n\nfrom openai import AzureOpenAI\n\n\ndef make():\n"
        f'{setup}    return AzureOpenAI(api_key={key}, api_version="2024-06-01")\n'
    )
    change, _ = migrate(registry, text)
    setup = setup.replace("OPENAI_API_KEY", "ACME_API_KEY")  # ML401
    assert change.after == (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n"
        f"{setup}    return OpenAI(\n        base_url={ACME_URL},\n"
        '        api_key=os.environ["ACME_API_KEY"],\n    )\n'
    )
    assert [r[2] for r in rows(change.findings, "ML002")] == ["review"]


# r6's shape: a module-level read of the program's own Azure variable, used only by the client
MODULE_KEY = (
    "import os\n\nfrom openai import AzureOpenAI\n\n"
    'api_key = os.getenv("LLM_AZURE_OPENAI_API_KEY")\n'
    'client = AzureOpenAI(azure_endpoint=os.getenv("LLM_AZURE_ENDPOINT"), api_key=api_key, '
    'api_version="2024-10-21")\n'
)


def test_a_name_only_the_client_used_is_reported_before_and_after_apply(registry):
    change, again = migrate(registry, MODULE_KEY)
    assert change.after == (
        "import os\n\nfrom openai import OpenAI\n\n"
        'api_key = os.getenv("LLM_AZURE_OPENAI_API_KEY")\nclient = OpenAI(\n'
        f"    base_url={ACME_URL},\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n)\n'
    )
    assert rows(change.findings, "ML002") == [
        (
            5,
            "ML002",
            "manual",
            "`api_key` is used only by AzureOpenAI(); once apply makes it OpenAI() nothing uses "
            "it: remove it (and the imports only it needs) by hand",
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
    # once migrated, the read nothing uses is still said (check fails until it is removed)
    assert rows(again.findings, "ML002") == [
        (
            5,
            "ML002",
            "manual",
            "`api_key` (read from LLM_AZURE_OPENAI_API_KEY, an Azure OpenAI setting) is not "
            "used any more: remove it (and the imports only it needs) by hand",
        )
    ]


@pytest.mark.parametrize(
    ("variable", "provider"),
    [
        pytest.param("AZURE_SEARCH_KEY", "acme", id="another-azure-service"),
        pytest.param("AZURE_OPENAI_ENDPOINT", "acme", id="ml401s-own"),
        pytest.param("LLM_AZURE_OPENAI_API_KEY", "azure", id="the-targets-setting"),
    ],
)
def test_unused_reads_not_reported_as_azure_openai_settings(registry, variable, provider):
    text = f'import os\n\nimport openai\n\nkey = os.getenv("{variable}")\nc = openai.OpenAI()\n'
    change, _ = migrate(registry, text, provider)
    assert [r for r in rows(change.findings, "ML002") if "not used any more" in r[3]] == []


def test_an_openai_client_key_reset_to_none_is_not_a_key_the_program_hands_it(registry):
    """`if not key: key = None` hands the client no key: the name holds only the read of the
    program's OpenAI variable (or the parameter), which is not kept for the provider."""
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(cfg_key=None):\n"
        '    key = cfg_key or os.getenv("LLM_OPENAI_KEY")\n'
        "    if not key:\n        key = None\n"
        "    return OpenAI(api_key=key)\n"
    )
    change, _ = migrate(registry, text)
    assert change.after == text.replace(
        "    return OpenAI(api_key=key)\n",
        f"    return OpenAI(\n        base_url={ACME_URL},\n"
        '        api_key=os.environ["ACME_API_KEY"],\n    )\n',
    )
    assert [r[2] for r in rows(change.findings, "ML001")] == ["safe"]


def test_a_langchain_azure_class_given_a_key_the_program_hands_it_is_left(registry):
    text = (
        "import os\n\nfrom langchain_openai import AzureChatOpenAI\n\n\n"
        "def make(key=None):\n"
        '    return AzureChatOpenAI(api_key=key, model="gpt-4o", api_version="2024-06-01")\n'
    )
    change, _ = migrate(registry, text)
    assert change.after == text
    assert rows(change.findings, "ML601") == [
        (
            7,
            "ML601",
            "manual",
            "AzureChatOpenAI() (LangChain) talks to Azure OpenAI; its key `key` may be an Azure "
            "key your code hands it (a parameter, a setting, a name other code uses), which "
            "must not go to Acme Cloud: replace it with ChatOpenAI (Acme Cloud's base URL, a model, and "
            'api_key=os.environ["ACME_API_KEY"]) without that key, by hand',
        )
    ]


def test_a_langchain_azure_class_key_read_is_replaced_not_kept(registry):
    text = (
        "import os\n\nfrom langchain_openai import AzureChatOpenAI\n\n\ndef make():\n"
        '    return AzureChatOpenAI(api_key=os.environ["LLM_AZURE_KEY"], model="gpt-4o", '
        'api_version="2024-06-01")\n'
    )
    change, _ = migrate(registry, text)
    assert 'api_key=os.environ["ACME_API_KEY"],\n' in change.after
    assert "LLM_AZURE_KEY" not in change.after


EMBEDDINGS = (
    "import os\n\nfrom langchain_openai import AzureOpenAIEmbeddings\n\n"
    "embeddings = AzureOpenAIEmbeddings(\n"
    '    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],\n'
    '    openai_api_key=os.environ["AZURE_OPENAI_API_KEY"],\n'
    '    openai_api_version="2024-02-01",\n'
    '    model="text-embedding-3-small",\n)\n'
)


def test_the_provider_key_never_goes_to_a_class_left_on_azure(registry):
    """gpt-researcher: DeepSeek serves no embeddings, so ML601 leaves the class on Azure; ML401
    renamed its key read, and DeepSeek's key went to Azure."""
    change, _ = migrate(registry, EMBEDDINGS, "deepseek")
    assert change.after == EMBEDDINGS
    assert rows(change.findings, "ML401")[1] == (
        7,
        "ML401",
        "manual",
        "reads AZURE_OPENAI_API_KEY, which goes to AzureOpenAIEmbeddings() on line 5, which "
        "stays on Azure OpenAI (apply leaves it, see its finding): given DeepSeek's key "
        "(DEEPSEEK_API_KEY) it would send that key to Azure; point that call at DeepSeek, then "
        "read DEEPSEEK_API_KEY, by hand",
    )


def test_a_class_apply_points_at_the_provider_gets_its_key(registry):
    change, _ = migrate(registry, EMBEDDINGS, "qwen")
    assert "AzureOpenAIEmbeddings" not in change.after and "AZURE_OPENAI" not in change.after
    assert 'openai_api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),\n' in change.after
    # the class rule replaces the whole argument; Azure's variable is never renamed
    assert rows(change.findings, "ML401")[1] == (
        7,
        "ML401",
        "none",
        "reads AZURE_OPENAI_API_KEY for openai_api_key= of AzureOpenAIEmbeddings() on line 5, "
        "which apply points at Alibaba Qwen (DashScope / Model Studio): that argument goes with "
        "the rewrite",
    )


def test_the_provider_key_never_goes_to_an_sdk_client_left_on_azure(registry):
    text = MEM0.replace("LLM_AZURE_OPENAI_API_KEY", "AZURE_OPENAI_API_KEY")
    change, _ = migrate(registry, text)
    assert change.after == text
    assert rows(change.findings, "ML401") == [
        (
            7,
            "ML401",
            "manual",
            "reads AZURE_OPENAI_API_KEY, which goes to AzureOpenAI() on line 10, which stays "
            "on Azure OpenAI (apply leaves it, see its finding): given Acme Cloud's key "
            "(ACME_API_KEY) it would send that key to Azure; point that call at Acme Cloud, then "
            "read ACME_API_KEY, by hand",
        )
    ]


# --- end to end ----------------------------------------------------------------------------

# r6's module-level client, then mem0's function (its name renamed: libcst counts the
# function's `if not api_key` as a use of the module's `api_key` too)
MEM0_FUNCTION = MEM0.split("from openai import AzureOpenAI\n", 1)[1].replace("api_key", "key")
APP = (
    MODULE_KEY
    + MEM0_FUNCTION.replace("key=key", "api_key=key")
    + '\n\nif __name__ == "__main__":\n'
    "    reply = client.chat.completions.create(\n"
    '        model="qwen-plus", messages=[{"role": "user", "content": "ping"}]\n'
    "    )\n"
    "    print(reply.choices[0].message.content)\n"
)
AZURE_KEY = "azure-key-never-sent"
# a deployment named for the provider's model: the Azure client's deployment names are not
# mapped when apply converts it, and a second apply then maps an OpenAI one


def test_migrated_azure_app_sends_the_providers_key_only(registry, server, tmp_path, monkeypatch):
    provider = registry.get("qwen")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "app.py", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    migrated = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert "client = OpenAI(\n" in migrated
    assert "return AzureOpenAI(" in migrated  # mem0's shape, left to a person
    again = CliRunner().invoke(app, ["apply", "app.py", "--provider", "qwen", "--yes"])
    assert again.stderr.startswith(f"Changed 0 files for {provider.name}"), again.stderr
    check = CliRunner().invoke(app, ["check", "app.py", "--provider", "qwen", "--format", "json"])
    assert check.exit_code == 1
    assert '"line": 5' in check.stdout and "LLM_AZURE_OPENAI_API_KEY" in check.stdout

    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {
        **{k: v for k, v in os.environ.items() if "OPENAI" not in k},
        "LLM_AZURE_OPENAI_API_KEY": AZURE_KEY,
        "LLM_AZURE_ENDPOINT": "https://example.openai.azure.com",
        provider.api_key_env: "test-key-qwen",
        provider.base_url_env: server.base + path,
    }
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard)
    proc = run_python(["app.py"], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (request,) = server.requests
    assert request.path == f"{path}/chat/completions"
    assert request.headers["authorization"] == "Bearer test-key-qwen"
    assert AZURE_KEY not in repr(request.headers)
