"""ML118's warning on a token limit the reasoning may use up says what ML507's does (t68d):
raise the limit only to the size the provider's file names (`[params] thinking_tokens_min`);
where it names none, that no limit clears the warning, and the ignore comment that records a
request settled where the call does not show it. Before, it said "raise the limit" with no
size, on a provider where no size cleared it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules.config_thinking import NO_SIZE as ML507_NO_SIZE

NO_SIZE = (
    "no limit clears this warning (the provider's file names no size the reasoning needs; a "
    "larger one only leaves it more room): where the requests are settled otherwise ({}), "
    "record that with `# migrate-llm: ignore[{}]` on {}"
)
FLASH = (
    "from openai import OpenAI\n\nc = OpenAI(\n"
    '    api_key="x", base_url="https://open.bigmodel.cn/api/paas/v4"\n)\n'
    "c.chat.completions.create({}\n"
    '    model="glm-4.7-flash", messages=[], max_tokens={}\n)\n'
)
UNCONFIRMED = (
    " (unconfirmed: the notes name GLM-4.5 to GLM-5.2; which of their variants (air, flash, "
    "the vision models) think by default is not stated model by model)"
)


def ml118(tmp_path, monkeypatch, text: str, provider: str, rc: int) -> list[tuple]:
    (tmp_path / "app.py").write_text(text)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", ".", "-p", provider, "--format", "json"])
    assert result.exit_code == rc, result.output
    return [
        (f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML118"
    ]


def test_no_size_named_no_limit_offered(tmp_path, monkeypatch):
    message = (
        "glm-4.7-flash thinks before it answers unless told not to, and the reasoning counts "
        "against max_tokens=300000: it may use all of it and leave the reply empty; pass "
        'extra_body={"thinking": {"type": "disabled"}} where it sends this model, by hand; '
        + NO_SIZE.format(
            "the switch sent where this call does not show it", "ML118", "the call's first line"
        )
        + UNCONFIRMED
    )
    found = ml118(tmp_path, monkeypatch, FLASH.format("", 300000), "zhipu", 1)
    assert found == [(6, "warning", "manual", message)]


def test_the_ignore_comment_it_names_clears_it(tmp_path, monkeypatch):
    text = FLASH.format("  # migrate-llm: ignore[ML118]", 300)
    assert ml118(tmp_path, monkeypatch, text, "zhipu", 0) == []


def test_ml507_says_the_same(tmp_path, monkeypatch):
    expected = NO_SIZE.format("a program sending {} itself", "ML507", "the model's line")
    assert expected == ML507_NO_SIZE


def test_a_size_named_is_the_limit_asked_for_and_clears_it(tmp_path, monkeypatch):
    text = (
        "from openai import OpenAI\n\nc = OpenAI(\n"
        '    api_key="x", base_url="https://api.moonshot.cn/v1"\n)\n'
        'c.chat.completions.create(model="kimi-k2.6", messages=[], max_completion_tokens={})\n'
    )
    found = ml118(tmp_path, monkeypatch, text.format(500), "moonshot", 1)
    assert [m[:3] for m in found] == [(6, "warning", "manual")]
    assert found[0][3].endswith(
        "where it sends this model, or raise the limit (to 32000 or more), by hand"
    )
    assert "no limit clears" not in found[0][3]
    assert ml118(tmp_path, monkeypatch, text.format(32000), "moonshot", 0) == []
