"""A lookup written with an OpenAI model's own name in a table that holds it (t50c:
chatgpt-telegram-bot prices its images by `config.models["info"]["gpt-image-1"]`, an entry of
config/models.yml): apply renames neither the key written in the code nor the table's, so the
lookup finds the same entry after the switch. ML205 notes it (check passes) instead of warning
that lookups with the provider's names miss it; a lookup of a key the table is not known to
hold keeps the warning. ML503's table finding is settled once the table has entries for what
its OpenAI keys map to, whatever keys those are (`cogview-4:` beside `gpt-image-1:`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

KEPT = (
    "apply changes neither this key nor the table's, so the lookup finds that entry after the "
    "switch as before; left as it is"
)

PRICES = """from openai import OpenAI

client = OpenAI()
PRICES = {"gpt-4o": 1, "gpt-image-1": 2}


def cost(n):
    return PRICES["gpt-image-1"] * n + PRICES["dall-e-3"]
"""


def ml205(registry, text: str) -> list[tuple[int, str, str, str]]:
    ctx = RuleContext(registry, registry.get("zhipu"))
    return [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML205"
    ]


def test_a_lookup_of_a_key_the_modules_table_holds_is_a_note(registry):
    found = ml205(registry, PRICES)
    assert found[1] == (
        8,
        "note",
        "none",
        f"'gpt-image-1' looks up its own entry of PRICES (line 4): {KEPT}",
    )
    # a key the table lacks, and the table itself, stay warnings
    assert [(line, severity) for line, severity, _, _ in found] == [
        (4, "warning"),
        (8, "note"),
        (8, "warning"),
    ]
    assert found[2][3].startswith("'dall-e-3' is a lookup key of a table keyed by OpenAI model")
    ctx = RuleContext(registry, registry.get("zhipu"))
    after = migrate_text(PRICES, "python", "app.py", check_python(PRICES, ctx, PYTHON_RULES))[0]
    assert 'PRICES["gpt-image-1"] * n + PRICES["dall-e-3"]' in after


MODELS = """info:
  gpt-4o:
    price: 2
  gpt-image-1:
    price_per_1_image: 0.042
"""

CONFIG = """import yaml

with open("config/models.yml") as f:
    models = yaml.safe_load(f)
"""

BOT = """import config
from openai import OpenAI

client = OpenAI()


def draw(prompt, n):
    client.images.generate(model="gpt-image-1", prompt=prompt)
    return config.models["info"]["gpt-image-1"]["price_per_1_image"] * n


def other(n):
    return config.models["prices"]["gpt-image-1"] * n
"""


def scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, models: str) -> list[tuple]:
    for name, text in {
        "config/models.yml": models,
        "bot/config.py": CONFIG,
        "bot/bot.py": BOT,
    }.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "-p", "zhipu", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return [
        (f["path"], f["line"], f["severity"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] in ("ML205", "ML503")
    ]


def test_a_lookup_of_a_config_tables_key_is_a_note(tmp_path, monkeypatch):
    found = scan(tmp_path, monkeypatch, MODELS)
    assert found == [
        (
            "bot/bot.py",
            9,
            "note",
            "'gpt-image-1' looks up its own entry of the table info in config/models.yml:4: "
            + KEPT,
        ),
        # `prices` is no table of the file holding it
        (
            "bot/bot.py",
            13,
            "warning",
            "'gpt-image-1' is a lookup key of a table keyed by OpenAI model (such as token "
            "limits): lookups with Zhipu AI (GLM)'s model names miss it; add entries for them by "
            "hand",
        ),
        (
            "config/models.yml",
            2,
            "warning",
            "gpt-4o and 1 more are keys of a table keyed by OpenAI model: after the switch the "
            "program looks up Zhipu AI (GLM)'s models there (cogview-4, glm-5.3); add entries "
            "for them by hand",
        ),
    ]


def test_the_table_is_settled_by_entries_for_what_its_keys_map_to(tmp_path, monkeypatch):
    models = MODELS + "  glm-5.3:\n    price: 2\n  cogview-4:\n    price_per_1_image: 0.1\n"
    assert [f[:3] for f in scan(tmp_path, monkeypatch, models)] == [
        ("bot/bot.py", 9, "note"),
        ("bot/bot.py", 13, "warning"),
    ]
