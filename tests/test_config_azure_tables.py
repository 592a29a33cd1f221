"""A mapping inside one that goes to Azure OpenAI takes its settings from it (t52a:
OpenManus's `[llm.vision]` under `[llm]`, `api_type = "azure"`): its model stays as the
parent's does, rather than being moved alone (ML503)."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

ENDPOINT = "{YOUR_AZURE_ENDPOINT}/openai/deployments/{AZURE_DEPLOYMENT_ID}"
CONFIG = f"""[llm]
api_type = "azure"
model = "gpt-4o-mini"
base_url = "{ENDPOINT}"
api_key = "AZURE API KEY"
api_version = "2024-08-01-preview"

[llm.vision]
model = "gpt-4o"
base_url = "{ENDPOINT}"
api_key = "AZURE API KEY"
"""
LEFT = (
    "ML503",
    "manual",
    "gpt-4o is an OpenAI model; it maps to kimi-k2.6 on Moonshot AI (Kimi), but this entry "
    "sits in llm (api_type: azure), which goes to Azure OpenAI, and stays there with it (see "
    "ML502): change it with the base URL and the key, by hand",
)


def migrated(registry, text: str):
    scanner = FileScanner(RuleContext(registry, registry.get("moonshot")), Path("."))
    change = scanner.migrate_text(text, "toml", "config.toml", "config.toml", Path("config.toml"))
    found = [(f.line, f.rule, f.fix.value, f.message) for f in change.findings]
    return found, change.after


def test_the_vision_table_inside_the_azure_one_is_left_with_it(registry):
    found, after = migrated(registry, CONFIG)
    assert after == CONFIG
    assert [(line, rule) for line, rule, _, _ in found] == [
        (2, "ML502"),
        (3, "ML503"),
        (9, "ML503"),
    ]
    assert found[2][1:] == LEFT


def test_a_table_inside_with_its_own_endpoint_elsewhere_is_not(registry):
    text = CONFIG.replace(
        f'model = "gpt-4o"\nbase_url = "{ENDPOINT}"',
        'model = "gpt-4o"\nbase_url = "https://api.openai.com/v1"',
    )
    found, _ = migrated(registry, text)
    assert not any(line == 9 and message == LEFT[2] for line, _, _, message in found)


def test_a_table_inside_picking_its_own_client_is_not(registry):
    text = CONFIG.replace(
        '[llm.vision]\nmodel = "gpt-4o"', '[llm.vision]\napi_type = "openai"\nmodel = "gpt-4o"'
    )
    found, _ = migrated(registry, text)
    assert not any(message == LEFT[2] for _, _, _, message in found)
