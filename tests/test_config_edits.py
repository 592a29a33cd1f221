"""Config rules' edits: exact before/after text for `apply --provider acme`, and idempotence."""

from __future__ import annotations

import pytest

from migrate_llm.edits import apply_edits
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config


def migrate(
    registry: Registry, path: str, text: str, provider: str | None = "acme", **options
) -> tuple[str, list[Finding]]:
    """`text` with the edits of its config findings applied, and those findings."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None, **options)
    findings = check_config(path, text, ctx)
    new, _ = apply_edits(text, [f.edit for f in findings if f.edit is not None])
    return new, findings


CASES = [
    pytest.param(
        ".env",
        "# Local settings\n"
        "OPENAI_API_KEY=sk-test-placeholder\n"
        "OPENAI_BASE_URL=https://api.openai.com/v1\n"
        "\n"
        "# Unrelated\n"
        "LOG_LEVEL=INFO\n"
        "ORDERS_API_URL=http://127.0.0.1:8081\n"
        "MODEL=gpt-4o-mini\n",
        "# Local settings\n"
        "OPENAI_API_KEY=sk-test-placeholder\n"
        "# ACME_API_KEY=\n"
        "ACME_BASE_URL=https://api.acme.example/v1\n"
        "\n"
        "# Unrelated\n"
        "LOG_LEVEL=INFO\n"
        "ORDERS_API_URL=http://127.0.0.1:8081\n"
        "MODEL=acme-small\n",
        {},
        id="dotenv-key-base-url-and-others",
    ),
    pytest.param(
        ".env.local",
        "export OPENAI_API_KEY=abc\nexport OPENAI_API_BASE=https://api.openai.com/v1/\n",
        "export OPENAI_API_KEY=abc\n# export ACME_API_KEY=\nexport ACME_BASE_URL=https://api.acme.example/v1\n",
        {},
        id="dotenv-export",
    ),
    pytest.param(
        ".env",
        "OPENAI_API_KEY = abc  # mine\nOPENAI_BASE_URL = https://api.openai.com/v1  # default\n",
        "OPENAI_API_KEY = abc  # mine\n"
        "# ACME_API_KEY=\n"
        "ACME_BASE_URL = https://api.acme.example/v1  # default\n",
        {},
        id="dotenv-spaces-around-equals",
    ),
    pytest.param(
        ".env",
        "OPENAI_API_KEY=abc\r\nOPENAI_BASE_URL=https://api.openai.com/v1\r\nMODEL=gpt-4o\r\n",
        "OPENAI_API_KEY=abc\r\n# ACME_API_KEY=\r\nACME_BASE_URL=https://api.acme.example/v1\r\n"
        "MODEL=acme-large\r\n",
        {},
        id="dotenv-crlf",
    ),
    pytest.param(
        ".env",
        "LOG=1\r\nOPENAI_API_KEY=abc",
        "LOG=1\r\nOPENAI_API_KEY=abc\r\n# ACME_API_KEY=",
        {},
        id="dotenv-crlf-no-final-newline",
    ),
    pytest.param(
        ".env",
        "\ufeffOPENAI_API_KEY=abc\n",
        "\ufeffOPENAI_API_KEY=abc\n# ACME_API_KEY=\n",
        {},
        id="dotenv-bom",
    ),
    pytest.param(
        ".env",
        'OPENAI_API_KEY="abc"\n'
        "OPENAI_BASE_URL='https://api.openai.com/v1'\n"
        'CHAT_MODEL="gpt-4o"\n'
        "EMBED_MODEL='text-embedding-3-small'\n",
        'OPENAI_API_KEY="abc"\n'
        "# ACME_API_KEY=\n"
        "ACME_BASE_URL='https://api.acme.example/v1'\n"
        'CHAT_MODEL="acme-large"\n'
        "EMBED_MODEL='acme-embed'\n",
        {},
        id="dotenv-quoted",
    ),
    pytest.param(
        ".env",
        'OPENAI_BASE_URL=""\nOPENAI_API_BASE=\n',
        'ACME_BASE_URL="https://api.acme.example/v1"\nOPENAI_API_BASE=\n',
        {},
        id="dotenv-empty-base-url-once",
    ),
    pytest.param(
        ".env",
        "OPENAI_API_KEY=abc\nAZURE_OPENAI_API_KEY=def\n",
        "OPENAI_API_KEY=abc\n# ACME_API_KEY=\nAZURE_OPENAI_API_KEY=def\n",
        {},
        id="dotenv-two-key-lines-one-placeholder",
    ),
    pytest.param(
        ".env",
        "OPENAI_API_KEY=abc\nOPENAI_BASE_URL=https://llm-proxy.internal/v1\n",
        "OPENAI_API_KEY=abc\n# ACME_API_KEY=\nOPENAI_BASE_URL=https://llm-proxy.internal/v1\n",
        {},
        id="dotenv-proxy-left-alone",
    ),
    pytest.param(
        ".env",
        "ACME_API_KEY=\nOPENAI_API_KEY=abc\nMODEL=gpt-4o\n",
        "ACME_API_KEY=\nOPENAI_API_KEY=abc\nMODEL=acme-large\n",
        {},
        id="dotenv-provider-key-already-set",
    ),
    pytest.param(
        "config.yaml",
        "# LLM settings\n"
        "llm:\n"
        "  base_url: https://api.openai.com/v1   # endpoint\n"
        "  model: gpt-4o-mini\n"
        '  embedding_model: "text-embedding-3-small"\n'
        "  fallbacks: [gpt-4o, 'gpt-4o-mini']\n"
        "  temperature: 0.3\n",
        "# LLM settings\n"
        "llm:\n"
        "  base_url: https://api.acme.example/v1   # endpoint\n"
        "  model: acme-small\n"
        '  embedding_model: "acme-embed"\n'
        "  fallbacks: [acme-large, 'acme-small']\n"
        "  temperature: 0.3\n",
        {},
        id="yaml-config",
    ),
    pytest.param(
        "config.yml",
        "direct: api.openai.com/v1/\n"
        "endpoint: https://api.openai.com/v1/chat/completions\n"
        "docs: https://platform.openai.com/docs\n",
        "direct: api.acme.example/v1/\n"
        "endpoint: https://api.openai.com/v1/chat/completions\n"
        "docs: https://platform.openai.com/docs\n",
        {},
        id="yaml-bare-host-kept-bare-and-paths-left-alone",
    ),
    pytest.param(
        "docker-compose.yml",
        "services:\n"
        "  api:\n"
        "    image: app:latest\n"
        "    environment:\n"
        "      OPENAI_API_KEY: ${OPENAI_API_KEY}\n"
        "      OPENAI_BASE_URL: https://api.openai.com/v1\n"
        "      LLM_BASE_URL: https://api.openai.com/v1\n"
        '      LLM_MODEL: "gpt-4o"\n'
        "      LOG_LEVEL: info\n",
        "services:\n"
        "  api:\n"
        "    image: app:latest\n"
        "    environment:\n"
        "      OPENAI_API_KEY: ${OPENAI_API_KEY}\n"
        "      OPENAI_BASE_URL: https://api.openai.com/v1\n"
        "      LLM_BASE_URL: https://api.acme.example/v1\n"
        '      LLM_MODEL: "acme-large"\n'
        "      LOG_LEVEL: info\n",
        {},
        id="compose-environment",
    ),
    pytest.param(
        "config.yaml",
        "llm:\n  base_url: https://api.openai.com/v1\n  api_key: sk-old-key-kept-here\n"
        "  model: gpt-4o\n",
        "llm:\n  base_url: https://api.openai.com/v1\n  api_key: sk-old-key-kept-here\n"
        "  model: gpt-4o\n",
        {},
        id="endpoint-key-and-model-beside-a-key-stay-together",
    ),
    pytest.param(
        "config.yaml",
        "llm:\n  base_url: https://api.openai.com/v1\n  api_key: ${ACME_API_KEY}\n"
        "  model: gpt-4o\n",
        "llm:\n  base_url: https://api.acme.example/v1\n  api_key: ${ACME_API_KEY}\n"
        "  model: acme-large\n",
        {},
        id="endpoint-beside-the-provider-key-switches",
    ),
    pytest.param(
        "deployment.yaml",
        "env:\n  - name: OPENAI_BASE_URL\n    value: https://api.openai.com/v1\n",
        "env:\n  - name: OPENAI_BASE_URL\n    value: https://api.openai.com/v1\n",
        {},
        id="kubernetes-openai-variable-left-alone",
    ),
    pytest.param(
        "settings.toml",
        "[llm]\n"
        'model = "gpt-4o"  # chat\n'
        "base_url = 'https://api.openai.com/v1'\n"
        'embedding = { model = """text-embedding-3-small""" }\n',
        "[llm]\n"
        'model = "acme-large"  # chat\n'
        "base_url = 'https://api.acme.example/v1'\n"
        'embedding = { model = """acme-embed""" }\n',
        {},
        id="toml",
    ),
    pytest.param(
        "config.json",
        '{"llm":{"base_url":"https://api.openai.com/v1","model":"gpt-4o-mini"}}',
        '{"llm":{"base_url":"https://api.acme.example/v1","model":"acme-small"}}',
        {},
        id="json-minified",
    ),
    pytest.param(
        "config.json",
        "{\n"
        '  "openai": {\n'
        '    "api_base": "https:\\/\\/api.openai.com\\/v1",\n'
        '    "models": ["gpt-4o", "text-embedding-3-small"],\n'
        '    "temperature": 0.7\n'
        "  }\n"
        "}\n",
        "{\n"
        '  "openai": {\n'
        '    "api_base": "https://api.acme.example/v1",\n'
        '    "models": ["acme-large", "acme-embed"],\n'
        '    "temperature": 0.7\n'
        "  }\n"
        "}\n",
        {},
        id="json-pretty-escaped-url",
    ),
    pytest.param(
        "config.json",
        "{\n"
        "  // the provider and its model\n"
        '  "provider": "acme", /* or "openai" */\n'
        '  "model": "gpt-4o",\n'
        '  "docs": "https://example.com//path",\n'
        "}\n",
        "{\n"
        "  // the provider and its model\n"
        '  "provider": "acme", /* or "openai" */\n'
        '  "model": "acme-large",\n'
        '  "docs": "https://example.com//path",\n'
        "}\n",
        {},
        id="json-with-comments-and-a-trailing-comma",
    ),
    pytest.param(
        "config.yaml",
        "model: o3-mini\n",
        "model: o3-mini\n",
        {},
        id="unmapped-model-unchanged",
    ),
    pytest.param(
        ".env",
        "OPENAI_BASE_URL=https://api.openai.com/v1\n",
        "ACME_BASE_URL=https://intl.acme.example/v1\n",
        {"region": "intl"},
        id="region-intl-dotenv",
    ),
    pytest.param(
        "config.yaml",
        "base_url: https://api.openai.com/v1\n",
        "base_url: https://intl.acme.example/v1\n",
        {"region": "intl"},
        id="region-intl-yaml",
    ),
    pytest.param(
        "config.json",
        '{"model": "gpt-4o", "small": "gpt-4o-mini"}',
        '{"model": "custom-x", "small": "acme-small"}',
        {"models": {"gpt-4o": "custom-x"}},
        id="model-override-wins",
    ),
    pytest.param(
        "config.yaml",
        "a: gpt-4o\nb: 'gpt-4o'\nc: gpt-4o-mini\n",
        "a: gpt-4o\nb: 'true'\nc: gpt-4o-mini\n",
        {"models": {"gpt-4o": "true", "gpt-4o-mini": "my model"}},
        id="yaml-unsafe-replacements-skipped",
    ),
    pytest.param(
        "apikey.ini",
        "[OpenAI]\r\n"
        "# what configparser gives the app\r\n"
        "base = https://api.openai.com/v1\r\n"
        "CHATGPT_MODEL: gpt-4o-mini  \r\n"
        "quoted = 'gpt-4o'\r\n",
        "[OpenAI]\r\n"
        "# what configparser gives the app\r\n"
        "base = https://api.acme.example/v1\r\n"
        "CHATGPT_MODEL: acme-small  \r\n"
        "quoted = 'gpt-4o'\r\n",  # configparser keeps the quotes: not a model name
        {},
        id="ini-base-url-and-model",
    ),
]


@pytest.mark.parametrize(("path", "before", "after", "options"), CASES)
def test_apply_rewrites_config(
    registry: Registry, path: str, before: str, after: str, options: dict
) -> None:
    assert migrate(registry, path, before, **options)[0] == after
    again, findings = migrate(registry, path, after, **options)
    assert again == after
    assert [f for f in findings if f.edit is not None] == []


def test_crlf_line_endings_all_kept(registry: Registry) -> None:
    before = "# dev\r\nOPENAI_API_KEY=abc\r\nOPENAI_API_BASE=\r\nLOG=1\r\n"
    after, _ = migrate(registry, ".env", before)
    assert after.count("\n") == after.count("\r\n") == 5


def test_dotenv_line_gets_both_edits_and_the_outer_one_wins(registry: Registry) -> None:
    text = "OPENAI_BASE_URL=https://api.openai.com/v1\n"
    findings = migrate(registry, ".env", text)[1]
    assert [(f.rule, f.fix) for f in findings if f.edit] == [
        ("ML501", FixClass.SAFE),
        ("ML502", FixClass.SAFE),
    ]
    assert migrate(registry, ".env", text)[0] == "ACME_BASE_URL=https://api.acme.example/v1\n"


def test_provider_variables_already_set_give_notes(registry: Registry) -> None:
    text = (
        "ACME_API_KEY=\nACME_BASE_URL=https://api.acme.example/v1\n"
        "OPENAI_API_KEY=abc\nOPENAI_BASE_URL=https://api.openai.com/v1\n"
    )
    findings = migrate(registry, ".env", text)[1]
    assert [(f.rule, f.line, f.severity, f.fix, f.edit) for f in findings] == [
        ("ML501", 3, Severity.NOTE, FixClass.MANUAL, None),
        ("ML501", 4, Severity.NOTE, FixClass.MANUAL, None),
        ("ML502", 4, Severity.ERROR, FixClass.MANUAL, None),
    ]
    assert findings[0].message == (
        "OPENAI_API_KEY is no longer read after the migration; remove it once Acme Cloud works"
    )
    assert "left alone" in findings[2].message


def test_proxy_base_url_is_manual_and_says_why(registry: Registry) -> None:
    [finding] = migrate(registry, ".env", "OPENAI_BASE_URL=http://localhost:8000/v1\n")[1]
    assert (finding.rule, finding.fix, finding.edit) == ("ML501", FixClass.MANUAL, None)
    assert "left alone" in finding.message
    assert "ACME_BASE_URL" in finding.message


AZURE_BASES = (
    'OPENAI_API_BASE="https://<Name>.openai.azure.com/"\n'
    "OPENAI_BASE_URL=https://myres.cognitiveservices.azure.com/\n"
)


def test_an_azure_base_url_is_named_and_replaced_not_followed(registry: Registry) -> None:
    """An Azure OpenAI resource (hosts from providers/azure.toml) is no proxy serving the
    provider: the provider's variable must never be pointed there (the trial's N1)."""
    findings = migrate(registry, ".env.example", AZURE_BASES)[1]
    tail = (
        " points at Azure OpenAI, not a server for Acme Cloud; replace the line with "
        "ACME_BASE_URL=https://api.acme.example/v1 (Acme Cloud's base URL, which migrated code "
        "reads)"
    )
    assert [(f.rule, f.line, f.severity, f.fix, f.edit, f.message) for f in findings] == [
        ("ML501", 1, Severity.WARNING, FixClass.MANUAL, None, "OPENAI_API_BASE" + tail),
        ("ML501", 2, Severity.WARNING, FixClass.MANUAL, None, "OPENAI_BASE_URL" + tail),
    ]


def test_an_azure_base_url_for_an_azure_target_moves_to_its_endpoint(registry: Registry) -> None:
    findings = migrate(registry, ".env", AZURE_BASES, provider="azure")[1]
    tail = (
        " points at Azure OpenAI, so it is left alone; migrated code reads "
        "AZURE_OPENAI_ENDPOINT: set that to this resource's endpoint instead"
    )
    assert [(f.rule, f.line, f.severity, f.fix, f.edit, f.message) for f in findings] == [
        ("ML501", 1, Severity.WARNING, FixClass.MANUAL, None, "OPENAI_API_BASE" + tail),
        ("ML501", 2, Severity.WARNING, FixClass.MANUAL, None, "OPENAI_BASE_URL" + tail),
    ]


def test_url_with_path_is_manual(registry: Registry) -> None:
    text = "endpoint: https://api.openai.com/v1/chat/completions\n"
    [finding] = migrate(registry, "config.yaml", text)[1]
    assert (finding.rule, finding.fix, finding.edit) == ("ML502", FixClass.MANUAL, None)
    assert "https://api.acme.example/v1 by hand" in finding.message


def test_unmapped_model_is_manual_with_candidates(registry: Registry) -> None:
    [finding] = migrate(registry, "config.yaml", "model: o3-mini\n")[1]
    assert (finding.fix, finding.edit) == (FixClass.MANUAL, None)
    assert "acme-large, acme-medium, acme-small" in finding.message


def test_region_and_override_show_in_messages(registry: Registry) -> None:
    text = "OPENAI_BASE_URL=https://api.openai.com/v1\nMODEL=gpt-4o\n"
    findings = migrate(registry, ".env", text, region="intl", models={"gpt-4o": "x-1"})[1]
    messages = " ".join(f.message for f in findings)
    assert "https://intl.acme.example/v1" in messages
    assert "https://api.acme.example" not in messages
    assert "maps to x-1 on Acme Cloud" in messages


def test_ini_keys_are_not_environment_variables(registry: Registry) -> None:
    text = (
        "[OpenAI]\nOPENAI_API_BASE = https://api.openai.com/v1\n"
        "OPENAI_API_KEYS = [sk-a, sk-b]\nCHATGPT_MODEL = gpt-4o-mini\n"
        "[Other]\nbase = https://api.openai.com/v1\nmodel = gpt-4o-mini\n"
    )
    after, findings = migrate(registry, "apikey.ini", text)
    # the URL beside keys in the same section stays, and the model with it: the keys would
    # follow the URL to the provider; the section without a key moves
    assert [(f.rule, f.line, f.fix, f.message) for f in findings] == [
        (
            "ML502",
            2,
            FixClass.MANUAL,
            "https://api.openai.com/v1 is OpenAI's endpoint; left alone: switched alone, it "
            "would take the key beside it (line 3) to Acme Cloud. Point both at Acme Cloud "
            "together: base URL https://api.acme.example/v1, and an Acme Cloud key where the "
            "program reads line 3's (your own copy of the file: a key committed there is ML505's "
            "error)",
        ),
        (
            "ML503",
            4,
            FixClass.MANUAL,
            "gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud, but the "
            "OpenAI base URL beside it stays (see ML502): change it with the base URL and the "
            "key, by hand",
        ),
        (
            "ML502",
            6,
            FixClass.SAFE,
            "https://api.openai.com/v1 is OpenAI's endpoint; use Acme Cloud's base URL "
            "https://api.acme.example/v1 instead",
        ),
        (
            "ML503",
            7,
            FixClass.REVIEW,
            "gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud",
        ),
    ]
    assert after == text.replace(
        "base = https://api.openai.com/v1\nmodel = gpt-4o-mini",
        "base = https://api.acme.example/v1\nmodel = acme-small",
    )


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (".env", "OPENAI_API_KEY=abc\nOPENAI_BASE_URL=https://api.openai.com/v1\nM=gpt-4o\n"),
        ("config.yaml", "base_url: https://api.openai.com/v1\nmodel: gpt-4o\n"),
    ],
)
@pytest.mark.parametrize("provider", [None, "openai"])
def test_no_edits_without_a_provider_or_for_openai(
    registry: Registry, path: str, text: str, provider: str | None
) -> None:
    new, findings = migrate(registry, path, text, provider=provider)
    assert new == text
    assert all(f.edit is None for f in findings)


def test_secrets_never_appear_in_messages_or_edits(registry: Registry) -> None:
    secret = "sk-proj-" + "aB3dE6gH9j" * 4
    files = {
        ".env": f"OPENAI_API_KEY={secret}\nOPENAI_BASE_URL=https://api.openai.com/v1#{secret}\n",
        "config.yaml": f"api_key: {secret}\nbase_url: https://api.openai.com/v1\n",
        "config.json": f'{{"OPENAI_API_KEY": "{secret}", "model": "gpt-4o"}}',
        "apikey.ini": f"[OpenAI]\nOPENAI_API_KEYS = [{secret}, ]\nmodel = gpt-4o\n",
    }
    for path, text in files.items():
        findings = migrate(registry, path, text)[1]
        assert findings
        if path.endswith((".yaml", ".json", ".ini")):
            assert "ML505" in [f.rule for f in findings], path
        for finding in findings:
            assert secret[8:20] not in finding.message
            if finding.edit is not None:
                assert "sk-" not in finding.edit.text
    after = migrate(registry, ".env", files[".env"])[0]
    assert (
        after
        == f"OPENAI_API_KEY={secret}\n# ACME_API_KEY=\nACME_BASE_URL=https://api.acme.example/v1\n"
    )
