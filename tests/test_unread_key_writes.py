"""ML404 on a literal that is no key written in OPENAI_API_KEY by a module none of whose
requests reads it (trial t55h: maestro's litellm script, its models all `gemini/...`): a note,
so `check` passes; where an OpenAI model, route or client of the module may read it, the
error stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli_findings import finding_rows, run_json, write

SCRIPT = """import os

from litellm import completion

os.environ["OPENAI_API_KEY"] = {value}
os.environ["GEMINI_API_KEY"] = "YOUR GEMINI API KEY"
MODEL = "gemini/gemini-1.5-flash"

completion(model=MODEL, messages=[{{"role": "user", "content": "hi"}}])
completion(model={second}, messages=[])
"""
NOTE = (
    "sets OPENAI_API_KEY to a literal that is no key, and no request of this module "
    "reads it: its litellm models go on {routes}, each route with a key of its own; left as "
    "it is"
)
ERROR = (
    "sets OPENAI_API_KEY: the value is an OpenAI key and is not copied to "
    "DEEPSEEK_API_KEY; set DEEPSEEK_API_KEY from DeepSeek's console instead"
)


def _check(tmp_path: Path, text: str) -> tuple[int, list[tuple[str, str, str]]]:
    """`check`'s exit code, and (rule, severity, message) of each finding `scan` lists."""
    write(tmp_path, {"a.py": text})
    args = [str(tmp_path / "a.py"), "--provider", "deepseek", "--no-cache"]
    code, _ = run_json("check", *args)
    return code, finding_rows(run_json("scan", *args)[1], "rule", "severity", "message")


@pytest.mark.parametrize(
    ("second", "routes"),
    [
        pytest.param("MODEL", "gemini/", id="one-route"),
        pytest.param('"anthropic/claude-3-haiku"', "gemini/, anthropic/", id="two-routes"),
    ],
)
def test_a_stand_in_no_request_reads_is_a_note(tmp_path, second, routes):
    text = SCRIPT.format(value='"YOUR OPENAI API KEY"', second=second)
    assert _check(tmp_path, text) == (0, [("ML404", "note", NOTE.format(routes=routes))])


@pytest.mark.parametrize(
    ("second", "value"),
    [
        pytest.param('"gpt-4o-mini"', '"YOUR KEY"', id="openai-model"),
        pytest.param('"openai/gpt-4o-mini"', '"YOUR KEY"', id="openai-route"),
        pytest.param('"moonshot/kimi-k2"', '"YOUR KEY"', id="route-falling-back-to-it"),
        pytest.param("os.environ['M']", '"YOUR KEY"', id="model-chosen-at-run-time"),
        pytest.param("MODEL", "settings.openai_key", id="not-a-literal"),
    ],
)
def test_where_a_request_may_read_it_the_error_stays(tmp_path, second, value):
    rc, lines = _check(tmp_path, SCRIPT.format(value=value, second=second))
    assert rc == 1
    assert ("ML404", "error", ERROR) in lines


def test_an_openai_client_of_the_module_keeps_the_error(tmp_path):
    text = SCRIPT.format(value='"YOUR KEY"', second="MODEL") + (
        "\nfrom openai import OpenAI\n\nOpenAI(api_key=os.environ['OPENAI_API_KEY'])\n"
    )
    rc, lines = _check(tmp_path, text)
    assert rc == 1
    assert ("ML404", "error", ERROR) in lines


def test_another_framework_imported_keeps_the_error(tmp_path):
    text = "from langchain_openai import ChatOpenAI\n" + SCRIPT.format(
        value='"YOUR KEY"', second="MODEL"
    )
    rc, lines = _check(tmp_path, text)
    assert rc == 1
    assert ("ML404", "error", ERROR) in lines
