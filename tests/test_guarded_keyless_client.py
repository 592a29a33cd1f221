"""A key test and a display follow the client they belong to (t53a D2).

LightRAG's `lightrag/parser/docx/utils.py` tests `OPENAI_API_KEY`, then builds
`openai.AsyncOpenAI(base_url=base_url)` from `OPENAI_BASE_URL`: apply leaves that client (its
base URL is chosen at run time; it reads OPENAI_API_KEY itself), yet switched the test to
DASHSCOPE_API_KEY (safe), so with only the provider's key set the test passed and the client
failed with "Missing credentials"; and `get_openai_provider_name()` was made to show the
DashScope URL while the client still went to OpenAI. Now both are left with the client, and
where apply converts the client, both are switched with it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"

DISPLAY = """

def get_openai_provider_name() -> str:
    base_url = os.getenv("OPENAI_BASE_URL")
    if base_url:
        return f"OpenAI (Custom: {base_url})"
    return "OpenAI"
"""
LEFT = (
    """import os
import openai


def create_openai_client():
    api_key = os.getenv("OPENAI_API_KEY")
    if not api_key:
        raise ValueError("OPENAI_API_KEY is required")
    base_url = os.getenv("OPENAI_BASE_URL")
    return openai.AsyncOpenAI(base_url=base_url)
"""
    + DISPLAY
)
CONVERTED = (
    """import os
import openai


def create_openai_client():
    api_key = os.getenv("OPENAI_API_KEY")
    if not api_key:
        raise ValueError("OPENAI_API_KEY is required")
    return openai.AsyncOpenAI()
"""
    + DISPLAY
)


def ml401(tmp_path) -> list[tuple[int, str, str, str]]:
    scan = CliRunner().invoke(app, ["scan", ".", "-p", "qwen", "--format", "json"])
    return [
        (f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML401"
    ]


def test_the_test_and_the_display_are_left_with_a_client_apply_leaves(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "utils.py").write_text(LEFT)
    assert ml401(tmp_path) == [
        (
            6,
            "warning",
            "manual",
            "reads OPENAI_API_KEY; not switched: it tests for OpenAI's key before "
            "openai.AsyncOpenAI() on line 10, which apply leaves and which reads OpenAI's key "
            f"itself: renamed, the test would pass on {QWEN}'s key while that call still needs "
            f"OpenAI's; point that call at {QWEN} (or replace it), then the test, by hand",
        ),
        (
            8,
            "note",
            "manual",
            f"names OPENAI_API_KEY in a message; {QWEN}'s key is in DASHSCOPE_API_KEY: reword it",
        ),
        (
            9,
            "warning",
            "manual",
            "reads OPENAI_BASE_URL; not switched: it is the base URL of openai.AsyncOpenAI() on "
            "line 10, whose key (OPENAI_API_KEY, which it reads itself) apply leaves OpenAI's: "
            f"switched, it would send that key to {QWEN}; point both at {QWEN} (the key from "
            "DASHSCOPE_API_KEY) together, by hand",
        ),
        (
            14,
            "warning",
            "manual",
            "reads OPENAI_BASE_URL; not switched: it only shows or tests OPENAI_BASE_URL, which "
            "the read on line 9 gives a client that is left (see there): renamed alone, it would "
            "name another endpoint than the one that client uses; both must name the same "
            "variable, by hand",
        ),
    ]
    applied = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "utils.py").read_text() == LEFT
    check = CliRunner().invoke(app, ["check", ".", "-p", "qwen"])
    assert check.exit_code == 1


def test_the_test_and_the_display_switch_with_a_client_apply_converts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "utils.py").write_text(CONVERTED)
    applied = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "utils.py").read_text() == (
        f'''import os
import openai


def create_openai_client():
    api_key = os.getenv("DASHSCOPE_API_KEY")
    if not api_key:
        raise ValueError("OPENAI_API_KEY is required")
    return openai.AsyncOpenAI(
        api_key=os.environ["DASHSCOPE_API_KEY"],
        base_url=os.environ.get(
            "DASHSCOPE_BASE_URL", "{QWEN_URL}"
        ),
    )


def get_openai_provider_name() -> str:
    base_url = os.getenv(
        "DASHSCOPE_BASE_URL", "{QWEN_URL}"
    )
    if base_url:
        return f"OpenAI (Custom: {{base_url}})"
    return "OpenAI"
'''
    )


def test_a_read_given_to_a_call_is_not_taken_for_a_display(tmp_path, monkeypatch):
    """Only a read that is shown or tested goes with the one left: a read given to a client
    apply converts is switched with it, as before."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(
        LEFT + '\n\ndef other():\n    return openai.OpenAI(base_url=os.getenv("OPENAI_BASE_URL"))\n'
    )
    found = {line: fix for line, _, fix, _ in ml401(tmp_path)}
    assert found[14] == "manual" and 20 not in found  # ML001 rewrites that client whole
    applied = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes"])
    assert applied.exit_code == 0, applied.output
    assert (
        (tmp_path / "app.py")
        .read_text()
        .endswith(
            "def other():\n    return openai.OpenAI(\n"
            '        api_key=os.environ["DASHSCOPE_API_KEY"],\n'
            "        base_url=os.environ.get(\n"
            f'            "DASHSCOPE_BASE_URL", "{QWEN_URL}"\n'
            "        ),\n    )\n"
        )
    )
