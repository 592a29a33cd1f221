"""Config rules: every documented example, positions, secrets, and the check_config helper."""

from __future__ import annotations

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.formats import FormatError, classify
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.formats.recorded import recorded_output
from migrate_llm.model import FixClass, Severity
from migrate_llm.registry import Registry
from migrate_llm.rules.base import ConfigRule, Example, RuleContext
from migrate_llm.rules.config_files import CONFIG_RULES, check_config
from migrate_llm.rules.dependency_pin import pins_legacy

CASES = [
    pytest.param(rule, example, id=f"{rule.code}[{i}]")
    for rule in CONFIG_RULES
    for i, example in enumerate(rule.examples)
]


def run(rule: type[ConfigRule], example: Example, registry: Registry) -> list:
    kind = classify(example.path)
    if kind not in rule.kinds:  # as check_config does: e.g. ML504 reads no .env files
        return []
    recorded = recorded_output(kind, example.path)  # as check_config tells it
    doc = ConfigDocument.read(example.path, kind, example.before, recorded)
    provider = registry.get(example.provider) if example.provider else None
    return rule(RuleContext(registry, provider)).run(doc)


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example(rule: type[ConfigRule], example: Example, registry: Registry) -> None:
    findings = run(rule, example, registry)
    assert bool(findings) == example.finds
    if example.message is not None:
        assert findings[0].message == example.message
    for finding in findings:
        assert finding.rule == rule.code
        assert finding.category == rule.category


@pytest.mark.parametrize("rule", CONFIG_RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule: type[ConfigRule]) -> None:
    assert rule.summary().endswith(".")
    assert "## What it does" in rule.docs()
    assert len(rule.examples) >= 3
    assert any(not e.finds for e in rule.examples)
    assert any(e.provider for e in rule.examples)
    assert any(e.provider is None for e in rule.examples)
    assert any(e.message for e in rule.examples)


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in CONFIG_RULES}) == len({r.name for r in CONFIG_RULES}) == 17


COMPOSE = """\
services:
  api:
    environment:
      OPENAI_API_KEY: sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCD
      LLM_MODEL: "gpt-4o"
      LLM_URL: https://api.openai.com/v1
"""


def test_positions_in_yaml(registry: Registry) -> None:
    ctx = RuleContext(registry, registry.get("acme"))
    found = [
        (f.rule, f.line, f.column, f.end_line, f.end_column)
        for f in check_config("docker-compose.yml", COMPOSE, ctx)
    ]
    assert found == [
        ("ML501", 4, 7, 4, 21),
        ("ML505", 4, 23, 4, 71),
        ("ML503", 5, 18, 5, 26),
        ("ML502", 6, 16, 6, 41),
    ]


def test_secret_never_appears_in_messages(registry: Registry) -> None:
    secret = "sk-proj-" + "Ab1" * 13 + "X"
    assert len(secret) == 48
    files = {
        "config.yaml": f"openai:\n  api_key: {secret}\n  base_url: https://api.openai.com/v1?k={secret}\n",
        "settings.toml": f'OPENAI_API_KEY = "{secret}"\n',
        "config.json": f'{{"OPENAI_API_KEY": "{secret}", "url": "https://api.openai.com/{secret}"}}',
        ".env": f"OPENAI_API_KEY={secret}\nOPENAI_BASE_URL=https://api.openai.com/v1#{secret}\n",
    }
    for provider in (None, registry.get("acme")):
        ctx = RuleContext(registry, provider)
        for path, text in files.items():
            findings = check_config(path, text, ctx)
            assert findings, path
            for finding in findings:
                assert secret not in finding.message
                assert secret[8:20] not in finding.message


# made-up keys in the shapes of OpenAI's: a project key, a service-account key, a legacy user key
PROJECT_KEY = "sk-proj-Hq4Wd8Lz2Rk6Tv1Nb9Xc3Mf7Gp5Js0Ya"
SERVICE_KEY = "sk-svcacct-7Bn2Qx5Kw9Rt3Lm8Vd4Zp6Hc1Fg"
LEGACY_KEY = "sk-Rz4Kp8Wq2Nd6T3BlbkFJVx9Lc3Hm7Bg1Ys5Ta0"
# DeepSeek's keys (and Moonshot's, DashScope's) are `sk-` and hex or plain letters
OTHER_KEY = "sk-4f9c2a7e1b8d3f6a0c5e9b2d7a4f1c8e"

OPENAI_KEY_DOTENV = f"""\
GRAPHRAG_API_KEY={PROJECT_KEY}
export LLM_TOKEN="{SERVICE_KEY}"
ACME_API_KEY={LEGACY_KEY}
OPENAI_API_KEY={PROJECT_KEY}
APP_KEY={OTHER_KEY}
SAMPLE_KEY=sk-proj-your-key-here
"""


def test_an_openai_key_under_any_variable_of_a_dotenv_file_is_manual(registry: Registry) -> None:
    """graphrag's `.env` held the OpenAI key under GRAPHRAG_API_KEY, which its settings.yaml
    gives the client: after the switch it went to the provider. OPENAI_API_KEY is ML501's."""
    ctx = RuleContext(registry, registry.get("acme"))
    found = [
        (f.rule, f.line, f.column, f.end_column, f.severity, f.fix, f.message, f.data)
        for f in check_config(".env", OPENAI_KEY_DOTENV, ctx)
        if f.rule == "ML505"
    ]
    advice = (
        "after the switch, requests that carry it go to Acme Cloud, which rejects it, and the key "
        "leaks there; put Acme Cloud's key there instead"
    )
    error, manual = Severity.ERROR, FixClass.MANUAL
    assert found == [
        (
            "ML505",
            1,
            18,
            58,
            error,
            manual,
            f"GRAPHRAG_API_KEY holds an OpenAI key (sk-pr…Ya): {advice}",
            {"secret": "sk-pr…Ya", "setting": "GRAPHRAG_API_KEY"},
        ),
        (
            "ML505",
            2,
            18,
            58,
            error,
            manual,
            f"LLM_TOKEN holds an OpenAI key (sk-sv…Fg): {advice}",
            {"secret": "sk-sv…Fg", "setting": "LLM_TOKEN"},
        ),
        (
            "ML505",
            3,
            14,
            55,
            error,
            manual,
            f"ACME_API_KEY holds an OpenAI key (sk-Rz…a0): {advice}",
            {"secret": "sk-Rz…a0", "setting": "ACME_API_KEY"},
        ),
    ]
    rules = [f.rule for f in check_config(".env", OPENAI_KEY_DOTENV, ctx) if f.line == 4]
    assert rules == ["ML501"]


def test_an_openai_key_in_a_dotenv_file_without_a_provider(registry: Registry) -> None:
    text = f"GRAPHRAG_API_KEY={PROJECT_KEY}\n"
    [finding] = check_config(".env", text, RuleContext(registry))
    assert finding.message == (
        "GRAPHRAG_API_KEY holds an OpenAI key (sk-pr…Ya): after the switch, requests that carry "
        "it go to the provider, which rejects it, and the key leaks there; put the provider's "
        "key there instead (pass --provider to name it)"
    )


def test_an_openai_key_in_a_dotenv_file_stays_with_openai_or_beside_its_url(registry):
    """With --provider openai the key is right where it is; beside an OpenAI base URL that
    ML502 leaves, ML502 names the key's line already."""
    text = f"GRAPHRAG_API_KEY={PROJECT_KEY}\n"
    assert check_config(".env", text, RuleContext(registry, registry.get("openai"))) == []
    text = f"BASE_URL=https://api.openai.com/v1\nAPI_KEY={PROJECT_KEY}\n"
    findings = check_config(".env", text, RuleContext(registry, registry.get("acme")))
    assert [(f.rule, f.line) for f in findings] == [("ML502", 1)]


def test_crlf_dotenv_positions(registry: Registry) -> None:
    text = "A=1\r\nOPENAI_API_KEY = x\r\n"
    [finding] = check_config(".env", text, RuleContext(registry))
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 1, 2, 15)


def test_check_config_sorts_and_filters_by_kind(registry: Registry) -> None:
    text = "openai==0.28\nOPENAI_API_KEY=x\n"
    findings = check_config("requirements.txt", text, RuleContext(registry))
    assert [f.rule for f in findings] == ["ML504"]
    assert check_config("README.md", "OPENAI_API_KEY=x", RuleContext(registry)) == []


def test_check_config_propagates_format_errors(registry: Registry) -> None:
    with pytest.raises(FormatError) as caught:
        check_config("config.json", '{"a": }', RuleContext(registry))
    assert caught.value.line == 1


def test_openai_target_only_reports_legacy_names(registry: Registry) -> None:
    text = "OPENAI_API_KEY=x\nOPENAI_API_BASE=https://api.openai.com/v1\nMODEL=gpt-4o\n"
    findings = check_config(".env", text, RuleContext(registry, registry.get("openai")))
    assert [(f.rule, f.line, f.message) for f in findings] == [
        ("ML501", 2, "OPENAI_API_BASE is read only by openai<1.0; rename it to OPENAI_BASE_URL"),
    ]


def test_env_var_forms(registry: Registry) -> None:
    text = (
        "env:\n"
        "  - name: AZURE_OPENAI_API_KEY\n"
        "    valueFrom: {secretKeyRef: {name: llm, key: key}}\n"
        "  - name: OPENAI_TIMEOUT\n"
        "    value: '30'\n"
        "steps:\n"
        "  - run: pytest\n"
        "    with: {key: '${{ secrets.OPENAI_API_KEY }}'}\n"
    )
    findings = check_config("ci.yml", text, RuleContext(registry, registry.get("acme")))
    assert [(f.line, f.severity, f.fix) for f in findings] == [
        (2, Severity.WARNING, FixClass.MANUAL),
        (4, Severity.NOTE, FixClass.MANUAL),
        (8, Severity.WARNING, FixClass.MANUAL),
    ]
    assert findings[0].message.startswith("AZURE_OPENAI_API_KEY is Azure OpenAI's key variable")


def test_word_model_names_need_a_model_key(registry: Registry) -> None:
    text = "author: ada\nengine: davinci\n"
    findings = check_config("config.yaml", text, RuleContext(registry))
    assert [(f.rule, f.line) for f in findings] == [("ML503", 2)]


@pytest.mark.parametrize(
    ("spec", "pinned"),
    [
        ("==0.28.1", True),
        ("==0.*", True),
        ("<1", True),
        ("<1.0.0", True),
        ("<=0.28", True),
        ("~=0.27", True),
        (">=0.27,<1", True),
        ("^0.28", True),
        ("~0.27", True),
        ("0.28.1", True),
        ("^0.27 || ^0.28", True),
        ("", False),
        (">=1.3", False),
        (">0.28", False),
        ("<1.1", False),
        ("<=1.0", False),
        ("!=0.28", False),
        ("==1.0.0", False),
        (">=1.0.dev0", False),
        ("^0.28 || ^1.0", False),
        ("*", False),
    ],
)
def test_pins_legacy(spec: str, pinned: bool) -> None:
    assert pins_legacy(spec) is pinned


def test_unmapped_model_offers_candidates_of_its_kind(registry: Registry) -> None:
    text = '{"embedding_model": "text-embedding-3-large"}'
    [finding] = check_config("config.json", text, RuleContext(registry, registry.get("acme")))
    assert finding.fix is FixClass.MANUAL
    assert "choose one of acme-embed (or pass" in finding.message


def test_a_list_keeps_one_item_a_model_and_a_table_keyed_by_model_is_named(registry):
    # chatgpt_telegram_bot's models.yml: three OpenAI models became two of one GLM model, and
    # `info[model]` (keyed by the OpenAI names) failed for every mapped model while `check`
    # passed; a model the table is keyed by now stays with the table (test_config_keyed_tables)
    text = (
        'available_text_models: ["gpt-4o", "gpt-4", "gpt-4o-mini"]\n'
        "menu:\n  - gpt-4o\n  - gpt-4-turbo\n  - acme-small\n"
        "info:\n  gpt-4o:\n    name: a\n  gpt-4o-mini:\n    name: b\n"
    )
    ctx = RuleContext(registry, registry.get("acme"))
    found = check_config("config/models.yml", text, ctx)
    rows = [(f.line, f.fix.value, f.message) for f in found if f.rule == "ML503"]
    assert rows[-1] == (
        7,
        "manual",
        "gpt-4o and 1 more are keys of a table keyed by OpenAI model: after the switch the "
        "program looks up Acme Cloud's models there (acme-large, acme-small); add entries "
        "for them by hand",
    )
    after, _ = migrate_text(text, "yaml", "config/models.yml", found)
    assert after == (
        'available_text_models: ["gpt-4o", "acme-large", "gpt-4o-mini"]\n'
        "menu:\n  - gpt-4o\n  - acme-large\n  - acme-small\n"
        "info:\n  gpt-4o:\n    name: a\n  gpt-4o-mini:\n    name: b\n"
    )
