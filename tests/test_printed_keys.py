"""ML401 on a message that prints the key itself (s64): a secret leak, not a text to reword."""

from __future__ import annotations

from pathlib import Path

from tests.cli_findings import finding_rows, invoke, run_json, write_here

APP = """import logging
import os

import openai

logger = logging.getLogger(__name__)
key = os.getenv("OPENAI_API_KEY")
logger.info("OPENAI_API_KEY=%s", os.environ["OPENAI_API_KEY"])
print(f"OPENAI_API_KEY is {key}")
print(f"OPENAI_API_KEY: {openai.api_key}")
print("OPENAI_API_KEY: " + str(key))
print(f"OPENAI_API_KEY: {key[:4]}...")
logger.info("OPENAI_API_KEY is not set")
"""
LEAK = (
    "names OPENAI_API_KEY in a message that prints the key itself (`{}`): a secret leaking "
    "into the output and logs, whichever variable it comes from; remove the key from this "
    "line or mask it, by hand"
)
REWORD = "names OPENAI_API_KEY in a message; DeepSeek's key is in DEEPSEEK_API_KEY: reword it"


def test_a_message_printing_the_key_is_a_leak(tmp_path: Path, monkeypatch) -> None:
    write_here(tmp_path, monkeypatch, {"app.py": APP})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    rows = [
        row
        for row in finding_rows(
            report, "line", "severity", "fix", "message", "data", rules={"ML401"}
        )
        if row[3].startswith("names ")
    ]
    leak = [
        (8, 'os.environ["OPENAI_API_KEY"]'),
        (9, "key"),
        (10, "openai.api_key"),
        (11, "key"),
    ]
    assert rows == [
        *(
            (
                line,
                "warning",
                "manual",
                LEAK.format(shown),
                {"variable_from": "OPENAI_API_KEY", "prints_key": shown},
            )
            for line, shown in leak
        ),
        # a slice of the key, and no key at all: a text to reword, as before
        (12, "note", "manual", REWORD, {}),
        (13, "note", "manual", REWORD, {}),
    ]


def test_apply_leaves_the_leaking_text_and_check_fails(tmp_path: Path, monkeypatch) -> None:
    write_here(tmp_path, monkeypatch, {"app.py": APP})
    code, _ = invoke("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty")
    assert code == 0
    after = (tmp_path / "app.py").read_text(encoding="utf-8").splitlines()
    assert after[7] == 'logger.info("OPENAI_API_KEY=%s", os.environ["DEEPSEEK_API_KEY"])'
    assert after[8] == 'print(f"OPENAI_API_KEY is {key}")'
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert code == 1
    assert [
        line
        for line, fix in finding_rows(report, "line", "fix", rules={"ML401"})
        if fix == "manual"
    ] == [8, 9, 10, 11]  # the leaks keep check failing; the reword notes did not
