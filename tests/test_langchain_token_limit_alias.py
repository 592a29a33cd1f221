"""ML601 (in ML112's terms) on a LangChain chat class's token limit where the provider takes
`max_tokens` only (Zhipu, DeepSeek): langchain-openai>=0.2.10 sends `max_tokens=` and
`max_completion_tokens=` alike as `max_completion_tokens` (t67c: the limit never reached Zhipu,
`check` green). Left to a person with the form that sends `max_tokens`: an `extra_body` entry."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

PLAIN = "from langchain_openai import ChatOpenAI\n\n"
ZHIPU = (
    "import os\n\n" + PLAIN + "llm = ChatOpenAI(\n"
    '    api_key=os.environ["ZAI_API_KEY"],\n'
    '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
    '    model="glm-5.3",\n'
    "    {limit},\n"
    ")\n"
)


def limits(registry, text: str, provider: str = "zhipu") -> list[tuple[int, str, str, dict]]:
    found = check_python(
        text, RuleContext(registry, registry.get(provider)), PYTHON_RULES, path="app.py"
    )
    return [
        (f.line, f.fix.value, f.message, dict(f.data))
        for f in found
        if "param" in f.data and "tokens" in str(f.data["param"])
    ]


@pytest.mark.parametrize(
    ("limit", "said"),
    [
        ("max_tokens=512", "sends max_tokens=512 as max_completion_tokens"),
        ("max_completion_tokens=512", "sends max_completion_tokens=512"),
    ],
)
def test_either_name_is_left_with_the_extra_body_entry(registry, limit, said):
    assert limits(registry, ZHIPU.format(limit=limit)) == [
        (
            9,
            "manual",
            f"ChatOpenAI (langchain-openai>=0.2.10) {said}, which Zhipu AI (GLM) does not take "
            '(it takes max_tokens): pass the limit as extra_body={"max_tokens": 512} instead '
            "(merged into the request body as it is), by hand",
            {
                "param": limit.split("=")[0],
                "sent_as": "max_completion_tokens",
                "instead": 'extra_body={"max_tokens": 512}',
            },
        )
    ]


def test_the_extra_body_entry_and_the_community_class_are_left(registry):
    fixed = ZHIPU.format(limit='extra_body={"max_tokens": 512}')
    community = (
        "from langchain_community.chat_models import ChatOpenAI\n\n"
        'llm = ChatOpenAI(model="gpt-4o", max_tokens=512)\n'
    )
    assert limits(registry, fixed) == []
    assert limits(registry, community) == []


def test_a_provider_taking_the_alias_still_gets_the_rename(registry):
    text = PLAIN + 'llm = ChatOpenAI(model="gpt-4o", max_tokens=512)\n'
    assert [(line, fix, data) for line, fix, _, data in limits(registry, text, "moonshot")] == [
        (3, "safe", {"param": "max_tokens", "renamed_to": "max_completion_tokens"})
    ]
    assert limits(registry, text, "qwen")[0][3]["renamed_to"] == "max_completion_tokens"
    assert [data["sent_as"] for *_, data in limits(registry, text, "deepseek")] == [
        "max_completion_tokens"
    ]


AZURE = """import os

from langchain_openai import AzureChatOpenAI

llm = AzureChatOpenAI(
    azure_deployment="gpt-4o",
    api_version="2024-06-01",
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    max_tokens=256,
)
"""


def test_check_fails_after_apply_rewrites_an_azure_class(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(AZURE)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"]).exit_code == 0
    text = (tmp_path / "app.py").read_text()
    assert "ChatOpenAI(" in text and "AzureChatOpenAI" not in text
    assert "    max_tokens=256,\n" in text
    check = runner.invoke(app, ["check", ".", "--provider", "zhipu", "--format", "json"])
    assert check.exit_code == 1
    found = json.loads(check.stdout)["findings"]
    assert [(f["rule"], f["fix"], f["data"].get("instead")) for f in found] == [
        ("ML601", "manual", 'extra_body={"max_tokens": 256}')
    ]


def _check(tmp_path, monkeypatch, files: dict[str, str]) -> tuple[int, list]:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    check = CliRunner().invoke(app, ["check", ".", "--provider", "zhipu", "--format", "json"])
    found = json.loads(check.stdout)["findings"]
    return check.exit_code, [
        (f["line"], f["message"]) for f in found if "tokens" in str(f["data"].get("param"))
    ]


@pytest.mark.parametrize(
    ("pin", "rows"),
    [
        # r3 lc2: langchain-openai<0.2.10 sends max_tokens= as it is, which Zhipu takes
        ("langchain-openai==0.1.25\n", []),
        ("langchain-openai==0.2.10\n", [(9, "ChatOpenAI (langchain-openai>=0.2.10) sends")]),
    ],
)
def test_a_pin_below_the_alias_release_sends_max_tokens_as_it_is(tmp_path, monkeypatch, pin, rows):
    text = ZHIPU.format(limit="max_tokens=512")
    code, found = _check(tmp_path, monkeypatch, {"app.py": text, "requirements.txt": pin})
    assert code == (1 if rows else 0)
    assert [(line, m[: len(rows[0][1])]) for line, m in found] == rows


def test_an_extra_body_already_sending_the_limit_says_to_drop_the_keyword(registry):
    # r3 lc/b.py
    text = (
        PLAIN + 'llm = ChatOpenAI(model="gpt-4o", max_tokens=512, extra_body={"max_tokens": 512})\n'
    )
    assert [m for _, _, m, _ in limits(registry, text)] == [
        "ChatOpenAI (langchain-openai>=0.2.10) sends max_tokens=512 as max_completion_tokens, "
        "which Zhipu AI (GLM) does not take (it takes max_tokens): drop max_tokens=512: its "
        "extra_body already sends max_tokens, by hand"
    ]
