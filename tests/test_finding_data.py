"""The structured `data` of client findings (ML001-ML005) and config findings (ML501, ML502,
ML503, ML505): exact facts, never a secret, the same whether or not a provider is named."""

from __future__ import annotations

import pytest

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config
from migrate_llm.rules.python import check_python

ACME = {
    "key_env": "ACME_API_KEY",
    "base_url_env": "ACME_BASE_URL",
    "base_url": "https://api.acme.example/v1",
}


def context(registry, provider=None, region=None):
    return RuleContext(registry, registry.get(provider) if provider else None, region)


def python_data(registry, text, provider=None, region=None):
    findings = check_python(text, context(registry, provider, region), PYTHON_RULES)
    return [(f.rule, dict(f.data)) for f in findings if f.rule.startswith("ML00")]


def config_data(registry, path, text, provider=None):
    findings = check_config(path, text, context(registry, provider))
    return [(f.rule, dict(f.data)) for f in findings]


CLIENT = "from openai import OpenAI\nclient = OpenAI()\n"


def test_client_without_provider_names_class_and_key_variable(registry):
    assert python_data(registry, CLIENT) == [
        ("ML001", {"client": "OpenAI", "key_from": "OPENAI_API_KEY"})
    ]


def test_client_for_provider_names_what_migrated_code_reads(registry):
    assert python_data(registry, CLIENT, "acme") == [
        ("ML001", {"client": "OpenAI", "key_from": "OPENAI_API_KEY", **ACME})
    ]


def test_client_base_url_follows_the_region(registry):
    text = 'import os\nimport openai\nc = openai.AsyncOpenAI(api_key=os.environ["MY_KEY"])\n'
    assert python_data(registry, text, "acme", region="intl") == [
        (
            "ML001",
            {
                "client": "AsyncOpenAI",
                "key_from": "MY_KEY",
                "key_env": "ACME_API_KEY",
                "base_url_env": "ACME_BASE_URL",
                "base_url": "https://intl.acme.example/v1",
            },
        )
    ]


def test_hard_coded_key_is_masked_in_data(registry):
    text = 'from openai import OpenAI\nc = OpenAI(api_key="sk-proj-0123456789abcdefghijKLMN")\n'
    found = python_data(registry, text, "acme")
    assert found == [
        ("ML001", {"client": "OpenAI", **ACME}),
        ("ML004", {"secret": "sk-pr…MN", "key_env": "ACME_API_KEY"}),
    ]
    assert "0123456789" not in repr(found)
    assert python_data(registry, 'KEY = "sk-0123456789abcdefghij"\n') == [
        ("ML004", {"secret": "sk-01…ij"})
    ]


def test_client_from_a_mapping_the_module_does_not_show_has_no_key_variable(registry):
    text = "from openai import OpenAI\n\n\ndef make(**kw):\n    return OpenAI(**kw)\n"
    assert python_data(registry, text) == [("ML001", {"client": "OpenAI"})]


def test_client_built_by_a_factory(registry):
    text = (
        "from dataclasses import dataclass, field\nfrom openai import OpenAI\n\n\n"
        "@dataclass\nclass Bot:\n    client: OpenAI = field(default_factory=OpenAI)\n"
    )
    assert python_data(registry, text, "acme") == [
        ("ML001", {"client": "OpenAI", "built_by": "default_factory=", **ACME})
    ]


def test_dict_of_client_arguments_carries_the_client_data(registry):
    text = (
        "import os\nfrom openai import OpenAI\n\n\ndef make():\n"
        '    kw = {"timeout": 3}\n    return OpenAI(organization="org-1", **kw)\n'
    )
    # the account keyword apply drops is the call's (t64f), not the dict's
    assert python_data(registry, text, "acme") == [
        ("ML001", {"client": "OpenAI", "key_from": "OPENAI_API_KEY", **ACME}),
        (
            "ML001",
            {"client": "OpenAI", "key_from": "OPENAI_API_KEY", **ACME, "dropped": ["organization"]},
        ),
    ]


def test_azure_client(registry):
    text = (
        "from openai import AzureOpenAI\n"
        'c = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="2024-06-01")\n'
    )
    assert python_data(registry, text) == [
        ("ML002", {"client": "AzureOpenAI", "azure_settings": ["azure_endpoint", "api_version"]})
    ]
    assert python_data(registry, text, "acme") == [
        (
            "ML002",
            {
                "client": "AzureOpenAI",
                "azure_settings": ["azure_endpoint", "api_version"],
                "client_to": "OpenAI",
                **ACME,
            },
        )
    ]
    # For OpenAI itself nothing switches: the client stays, nothing else is read.
    assert python_data(registry, text, "openai") == [
        ("ML002", {"client": "AzureOpenAI", "azure_settings": ["azure_endpoint", "api_version"]})
    ]


def test_azure_credentials_left_unused(registry):
    text = (
        "from azure.identity import DefaultAzureCredential, get_bearer_token_provider\n"
        "from openai import AsyncAzureOpenAI\n"
        'token = get_bearer_token_provider(DefaultAzureCredential(), "scope")\n'
        'c = AsyncAzureOpenAI(api_version="2024-06-01", azure_ad_token_provider=token)\n'
    )
    assert python_data(registry, text, "acme") == [
        ("ML002", {"name": "token", "client": "AsyncAzureOpenAI"}),
        (
            "ML002",
            {
                "client": "AsyncAzureOpenAI",
                "azure_settings": ["api_version", "azure_ad_token_provider"],
                "client_to": "AsyncOpenAI",
                **ACME,
            },
        ),
    ]


@pytest.mark.parametrize(
    ("base_url", "provider", "data"),
    [
        (
            '"http://localhost:8000/v1"',
            None,
            {"client": "OpenAI", "endpoint": "custom", "url": "http://localhost:8000/v1"},
        ),
        (
            '"https://api.acme.example/v1"',
            "acme",
            {
                "client": "OpenAI",
                "endpoint": "provider",
                "url": "https://api.acme.example/v1",
                "endpoint_provider": "acme",
            },
        ),
        (
            'os.environ["LLM_URL"]',
            "acme",
            {"client": "OpenAI", "endpoint": "dynamic", "variable": "LLM_URL"},
        ),
        ("settings.llm_url", None, {"client": "OpenAI", "endpoint": "dynamic"}),
    ],
)
def test_client_pointed_elsewhere(registry, base_url, provider, data):
    text = f'import os\nfrom openai import OpenAI\nc = OpenAI(api_key="x", base_url={base_url})\n'
    assert python_data(registry, text, provider) == [("ML003", data)]


def test_untraced_client(registry):
    text = (
        "import openai\n\n\ndef ask(client, q):\n"
        '    return client.chat.completions.create(model="gpt-4o", messages=q)\n'
    )
    assert python_data(registry, text, "acme") == [
        ("ML005", {"receiver": "client", "surface": "chat", "call": "chat.completions.create"})
    ]


@pytest.mark.parametrize(
    ("text", "provider", "data"),
    [
        ("OPENAI_API_KEY=sk-test\n", None, [{"variable_from": "OPENAI_API_KEY"}]),
        (
            "OPENAI_API_KEY=sk-test\nOPENAI_BASE_URL=https://proxy.local/v1\nOPENAI_ORG_ID=o\n",
            "acme",
            [
                {"variable_from": "OPENAI_API_KEY", "variable_to": "ACME_API_KEY"},
                {"variable_from": "OPENAI_BASE_URL", "variable_to": "ACME_BASE_URL"},
                {"variable_from": "OPENAI_ORG_ID"},
            ],
        ),
        (
            "OPENAI_API_BASE=https://api.openai.com/v1\n",
            "openai",
            [{"variable_from": "OPENAI_API_BASE", "variable_to": "OPENAI_BASE_URL"}],
        ),
    ],
)
def test_config_env_key(registry, text, provider, data):
    found = config_data(registry, ".env", text, provider)
    assert [d for rule, d in found if rule == "ML501"] == data


def test_config_base_url(registry):
    plain = "llm:\n  base_url: https://api.openai.com/v1/\n"
    assert config_data(registry, "config.yaml", plain) == [
        ("ML502", {"url_from": "https://api.openai.com/v1/"})
    ]
    assert config_data(registry, "config.yaml", plain, "acme") == [
        (
            "ML502",
            {"url_from": "https://api.openai.com/v1/", "url_to": "https://api.acme.example/v1/"},
        )
    ]
    held = "llm:\n  base_url: https://api.openai.com/v1\n  api_key: ${OPENAI_API_KEY}\n"
    assert [d for r, d in config_data(registry, "config.yaml", held, "acme") if r == "ML502"] == [
        {
            "url_from": "https://api.openai.com/v1",
            "url_to": "https://api.acme.example/v1",
            "key_line": 3,
            "key_setting": "llm.api_key",
        }
    ]
    variable = "env:\n  - name: OPENAI_BASE_URL\n    value: https://api.openai.com/v1\n"
    assert [
        d for r, d in config_data(registry, "deploy.yaml", variable, "acme") if r == "ML502"
    ] == [
        {
            "url_from": "https://api.openai.com/v1",
            "variable": "OPENAI_BASE_URL",
            "url_to": "https://api.acme.example/v1",
            "variable_to": "ACME_BASE_URL",
        }
    ]


def test_config_base_url_renamed_with_its_variable_in_a_dotenv_file(registry):
    text = "OPENAI_BASE_URL=https://api.openai.com/v1\n"
    assert [d for r, d in config_data(registry, ".env", text, "acme") if r == "ML502"] == [
        {
            "url_from": "https://api.openai.com/v1",
            "variable": "OPENAI_BASE_URL",
            "url_to": "https://api.acme.example/v1",
        }
    ]


def test_config_base_url_masks_a_key_in_the_url(registry):
    text = '{"url": "https://api.openai.com/v1?key=sk-0123456789abcdefghijKLMN"}'
    found = [d for r, d in config_data(registry, "config.json", text) if r == "ML502"]
    assert found == [{"url_from": "https://api.openai.com/v1?key=sk-01…MN"}]


def test_config_model(registry):
    text = "llm:\n  model: gpt-4o\n  fallback_model: gpt-4.1-nano-2099\n"
    assert config_data(registry, "config.yaml", text) == [
        ("ML503", {"model_from": "gpt-4o"}),
        ("ML503", {"model_from": "gpt-4.1-nano-2099"}),
    ]
    assert config_data(registry, "config.yaml", "llm:\n  model: gpt-4o\n", "acme") == [
        ("ML503", {"model_from": "gpt-4o", "model_to": "acme-large"})
    ]


def test_config_secret(registry):
    text = 'openai:\n  api_key: sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZabcd\nkeys: ["sk-abcdefghijklmnopqrstuvwxyz"]\n'
    found = config_data(registry, "config.yaml", text, "acme")
    assert [d for r, d in found if r == "ML505"] == [
        {"secret": "sk-pr…cd", "setting": "api_key"},
        # an error only while the file is committed (a note in a gitignored file read)
        {"secret": "sk-ab…yz", "setting": "keys", "if_committed": "keys.0"},
    ]
