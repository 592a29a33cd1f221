"""The program's own `OPENAI_*` setting stored under a dict key of the same name (ML401).

shell_gpt's config: `{"OPENAI_USE_FUNCTIONS": os.getenv("OPENAI_USE_FUNCTIONS", "true"), ...}`.
Neither the openai SDK nor a library the tables know reads that variable, so the dict entry
named for it is the program's own, not something of OpenAI's: the read is a note (as under any
other dict key) and `check` passes on it. An entry named for a variable OpenAI's code reads
(`{"OPENAI_API_KEY": ...}`, an environment handed on) still takes the value to OpenAI.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

CONFIG = """import os

CONFIG = {
    "OPENAI_USE_FUNCTIONS": os.getenv("OPENAI_USE_FUNCTIONS", "true"),
    "OPENAI_FUNCTIONS_PATH": os.getenv("OPENAI_FUNCTIONS_PATH", "/tmp/functions"),
    "USE_FUNCS": os.getenv("OPENAI_USE_FUNCTIONS", "true"),
}
"""

OWN = (
    "the program's own setting (the openai SDK does not read it), which works the same with "
    "DeepSeek; nothing to change"
)


def ml401(root) -> list[tuple[int, int, str, str, str]]:
    result = CliRunner().invoke(
        app, ["scan", str(root), "-p", "deepseek", "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    return [
        (f["line"], f["column"], f["severity"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML401"
    ]


def test_an_own_setting_under_a_dict_key_of_its_own_name_is_a_note(tmp_path):
    """The repro of trial 37 (A): the reads were warnings ("whose value goes to something of
    OpenAI's"), which kept a migrated shell_gpt's check red."""
    (tmp_path / "config.py").write_text(CONFIG)
    assert ml401(tmp_path) == [
        (4, 5, "note", "none", f"names OPENAI_USE_FUNCTIONS, {OWN}"),
        (4, 29, "note", "none", f"reads OPENAI_USE_FUNCTIONS, {OWN}"),
        (5, 5, "note", "none", f"names OPENAI_FUNCTIONS_PATH, {OWN}"),
        (5, 30, "note", "none", f"reads OPENAI_FUNCTIONS_PATH, {OWN}"),
        (6, 18, "note", "none", f"reads OPENAI_USE_FUNCTIONS, {OWN}"),
    ]
    result = CliRunner().invoke(app, ["check", str(tmp_path), "-p", "deepseek", "--no-cache"])
    assert result.exit_code == 0, result.output


ENVIRONMENT = """import os
import subprocess

env = {"OPENAI_API_KEY": os.getenv("OPENAI_SECONDARY"), "OPENAI_TIMEOUT": "30"}
subprocess.run(["worker"], env=env, check=True)
"""


def test_an_own_setting_under_a_dict_key_openai_reads_is_left(tmp_path):
    (tmp_path / "worker.py").write_text(ENVIRONMENT)
    assert ml401(tmp_path) == [
        (
            4,
            8,
            "warning",
            "manual",
            "names OPENAI_API_KEY, but the module does not show how it is used; make it name "
            "DEEPSEEK_API_KEY by hand",
        ),
        (
            4,
            26,
            "warning",
            "manual",
            "reads OPENAI_SECONDARY, the program's own setting, whose value goes to something of "
            "OpenAI's; see whether DeepSeek needs it",
        ),
        (4, 57, "note", "none", f"names OPENAI_TIMEOUT, {OWN}"),
    ]
    result = CliRunner().invoke(app, ["check", str(tmp_path), "-p", "deepseek", "--no-cache"])
    assert result.exit_code == 1, result.output
