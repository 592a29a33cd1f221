"""A model id naming a record of a table of records (ML204, `record_keys`).

Trial t63d (llmware's model catalog): a list of model cards, each named by `"model_name"`,
looked up by that name. apply mapped every card (review): `gpt-4o` and `gpt-4.1` both became
`deepseek-v4-pro` (the second card unreachable), a lookup of "gpt-4o" raised KeyError, and
each one-line card was re-wrapped into a block. Now the cards are left (manual), the file's
bytes unchanged, and the program still runs as before.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app

from .program_runner import run_python

CATALOG = """CATALOG = [
    {"model_name": "gpt-4o", "display_name": "GPT-4o", "family": "OpenAIGen", "context_window": 128000},
    {"model_name": "gpt-4.1", "display_name": "GPT-4.1", "family": "OpenAIGen", "context_window": 32768},
    {"model_name": "gpt-5-mini", "display_name": "GPT-5-Mini", "family": "OpenAIGen", "context_window": 400000},
]


def lookup(name):
    for card in CATALOG:
        if card["model_name"] == name:
            return card
    raise KeyError(name)
"""

MAIN = """import sys

from catalog import lookup

print(lookup(sys.argv[1])["display_name"])
"""

LOOKUP = "the module looks records up by 'model_name' (`card[\"model_name\"] == name`, line 10)"


def left(model: str, line: int, twin: str = "") -> tuple[int, str, str]:
    new = "deepseek-flash" if model == "gpt-5-mini" else "deepseek-v4-pro"
    why = f"{LOOKUP}: mapped, a lookup of {model!r} would find none"
    if twin:  # the other of the two cards (lines 2 and 3)
        why += (
            f"; and {twin!r} of the record on line {5 - line} maps to {new!r} too: mapped, the "
            "two records would share one name, and a lookup would find the first only"
        )
    return (
        line,
        "manual",
        f"entry 'model_name' = {model!r} maps to {new!r} on DeepSeek, but apply leaves it: it "
        f"names a record of the table on line 1, and {why}; give DeepSeek's models records of "
        "their own (or change the lookups), by hand",
    )


def test_the_cards_of_a_catalog_looked_up_by_name_are_left(tmp_path: Path):
    root = tmp_path / "app"
    root.mkdir()
    (root / "catalog.py").write_text(CATALOG)
    (root / "main.py").write_text(MAIN)
    result = CliRunner().invoke(
        app, ["scan", str(root), "-p", "deepseek", "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    found = [
        (f["line"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML204"
    ]
    assert found == [
        left("gpt-4o", 2, "gpt-4.1"),
        left("gpt-4.1", 3, "gpt-4o"),
        left("gpt-5-mini", 4),
    ]
    result = CliRunner().invoke(app, ["apply", str(root), "-p", "deepseek", "--yes"])
    assert result.exit_code == 0, result.output
    assert (root / "catalog.py").read_bytes() == CATALOG.encode()
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    proc = run_python(["main.py", "gpt-4.1"], cwd=root, env=env, timeout=60)
    assert (proc.returncode, proc.stdout) == (0, "GPT-4.1\n")
