"""A client given `**mapping` a method of its class builds (trial t55c D3, letta's
`OpenAI(**self._prepare_client_kwargs(llm_config))`).

ML001 said to read the provider's key and base URL "where it holds none"; done in the method
that builds the mapping, the finding stayed, and only a suppression cleared it. Now the advice
names that method, and once the method reads the provider's two variables and none of OpenAI's
the client is a note: `check` passes, and its requests are checked as the provider's (the
thinking note, ML118, that the same request through another client had: t55c D2)."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

BUILT = """import os

from openai import AsyncOpenAI


class Chat:
    async def _client_kwargs(self, cfg) -> dict:
        key = await self.own_key(cfg)
        if not key:
            key = os.environ.get("OPENAI_API_KEY")
        kwargs = {"api_key": key, "base_url": cfg.endpoint}
        return kwargs

    async def ask(self, data, cfg):
        kwargs = await self._client_kwargs(cfg)
        client = AsyncOpenAI(**kwargs)
        return await client.chat.completions.create(**data)
"""
# the advice followed, by hand
FOLLOWED = BUILT.replace(
    'os.environ.get("OPENAI_API_KEY")', 'os.environ.get("DEEPSEEK_API_KEY")'
).replace(
    '"base_url": cfg.endpoint}',
    '"base_url": cfg.endpoint or os.environ.get("DEEPSEEK_BASE_URL")}',
)


def ml001(registry, text: str):
    found = check_python(text, RuleContext(registry, registry.get("deepseek")), PYTHON_RULES)
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in found
        if f.rule in ("ML001", "ML003")
    ]


def test_the_advice_names_the_method_that_builds_the_mapping(registry):
    assert ml001(registry, BUILT) == [
        (
            16,
            "ML001",
            "error",
            "manual",
            "AsyncOpenAI() talks to OpenAI (key from `**kwargs` or OPENAI_API_KEY); `**kwargs` may "
            "hold OpenAI's key (`await self._client_kwargs(cfg)` on line 15), which apply would "
            "keep for the provider: for DeepSeek read the key from DEEPSEEK_API_KEY and the base "
            "URL from DEEPSEEK_BASE_URL (default https://api.deepseek.com) in _client_kwargs() on "
            "line 7, which builds it, where it holds none (and no OpenAI variable there), by hand "
            "(apply switches there the reads of OpenAI's variables it can; once _client_kwargs() "
            "reads DEEPSEEK_API_KEY and DEEPSEEK_BASE_URL and none of OpenAI's, this client "
            "counts as pointed at DeepSeek)",
        )
    ]


def test_the_advice_followed_clears_check(registry, tmp_path, monkeypatch):
    assert ml001(registry, FOLLOWED) == [
        (
            16,
            "ML001",
            "note",
            "none",
            "AsyncOpenAI() takes its key and base URL from `**kwargs`, built by _client_kwargs() "
            "on line 7, which reads DEEPSEEK_API_KEY and DEEPSEEK_BASE_URL and no OpenAI "
            "variable: it points at DeepSeek",
        )
    ]
    # its requests now go to DeepSeek: they are checked as such (t55c D2: the thinking note
    # the same request through another client had, and this one lacked)
    found = check_python(FOLLOWED, RuleContext(registry, registry.get("deepseek")), PYTHON_RULES)
    assert [(f.line, f.rule, f.severity.value) for f in found if f.rule == "ML118"] == [
        (17, "ML118", "note")
    ]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chat.py").write_text(FOLLOWED, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "chat.py", "-p", "deepseek"])
    assert (result.exit_code, result.stdout) == (0, "0 findings for deepseek in 0 of 1 file\n")
    # half done (the key alone): still red
    (tmp_path / "chat.py").write_text(
        BUILT.replace('os.environ.get("OPENAI_API_KEY")', 'os.environ.get("DEEPSEEK_API_KEY")'),
        encoding="utf-8",
    )
    assert CliRunner().invoke(app, ["check", "chat.py", "-p", "deepseek"]).exit_code == 1
