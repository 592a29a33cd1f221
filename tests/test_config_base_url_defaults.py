"""ML502 on a config value reading a variable with OpenAI's base URL as its default (t66a:
private-gpt's `${OPENAI_API_BASE:https://api.openai.com/v1}`): the message says what the
value is; apply leaves the file. Exact findings, bytes on disk and exit codes."""

from __future__ import annotations

import pytest

from .cli_findings import cli, finding_rows, run_json

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"


@pytest.mark.parametrize(
    "value",
    ["${LLM_API_BASE:https://api.openai.com/v1}", "${LLM_API_BASE:-https://api.openai.com/v1/}"],
)
def test_a_variable_defaulting_to_openais_base_url(tmp_path, monkeypatch, value):
    monkeypatch.chdir(tmp_path)
    text = f"llm:\n  api_base: {value}\n  model: ${{LLM_MODEL:qwen-plus}}\n"
    (tmp_path / "settings.yaml").write_text(text, encoding="utf-8")
    default = value.split(":", 1)[1].lstrip("-").rstrip("}")
    message = (
        f"{value} reads LLM_API_BASE and, where it is unset, OpenAI's base URL {default}; "
        f"write {QWEN}'s base URL {QWEN_URL} as that default by hand (and where LLM_API_BASE "
        "is set, set it to that URL)"
    )
    code, report = run_json("check", ".", "-p", "qwen", "--no-cache")
    rows = finding_rows(report, "path", "line", "rule", "fix", "message")
    assert (code, rows) == (1, [("settings.yaml", 2, "ML502", "manual", message)])
    assert cli("apply", ".", "-p", "qwen", "--yes", "--allow-dirty").exit_code == 0
    assert (tmp_path / "settings.yaml").read_text(encoding="utf-8") == text


def test_a_default_with_a_path_after_the_base_url_keeps_the_other_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    value = "${LLM_URL:https://api.openai.com/v1/chat/completions}"
    (tmp_path / "settings.yaml").write_text(f"llm:\n  url: {value}\n", encoding="utf-8")
    code, report = run_json("check", ".", "-p", "qwen", "--no-cache")
    assert (code, finding_rows(report, "rule", "message")) == (
        1,
        [
            (
                "ML502",
                f"{value} is OpenAI's endpoint but not its plain base URL; replace the OpenAI "
                f"part with {QWEN}'s base URL {QWEN_URL} by hand and check the path after it",
            )
        ],
    )
