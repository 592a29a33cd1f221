"""End to end with the real tiktoken (marker `frameworks`: tiktoken comes with that extra; its
cl100k_base file is read from litellm's bundled copy, offline): NeedleInAHaystack's provider
class (t48b defect 3), migrated for Moonshot, builds its tokenizer, counts tokens and sends its
request to the loopback server as `kimi-k2.6`. Left reading `self.model_name`, as apply wrote
it before, the constructor raises tiktoken's KeyError."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .test_frameworks_langchain_e2e import tiktoken_cache
from .test_tokenizer_kept import PROVIDER

pytestmark = pytest.mark.frameworks

ORIGINAL = PROVIDER.replace(
    '        self.client = AsyncOpenAI(api_key="k", base_url="https://api.moonshot.cn/v1")\n',
    "        self.client = AsyncOpenAI()\n",
)
TEXT = "The best thing to do in San Francisco is eat a sandwich."
PROGRAM = f"""import asyncio
import json

from prov import Provider

bot = Provider()
tokens = bot.tokenizer.encode({TEXT!r})
print(json.dumps({{"tokens": len(tokens), "reply": asyncio.run(bot.ask("hi"))}}))
"""


def test_the_migrated_provider_counts_tokens_and_asks_moonshot(
    registry, server, tmp_path, monkeypatch
):
    tiktoken = pytest.importorskip("tiktoken")
    cache = tiktoken_cache()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", cache)
    expected = len(tiktoken.get_encoding("cl100k_base").encode(TEXT))
    (tmp_path / "prov.py").write_text(ORIGINAL, encoding="utf-8")
    (tmp_path / "run.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "prov.py", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    source = (tmp_path / "prov.py").read_text(encoding="utf-8")
    assert 'tiktoken.encoding_for_model("gpt-3.5-turbo-0125")' in source
    assert 'model_name: str = "kimi-k2.6"' in source
    env = {
        "MOONSHOT_API_KEY": "test-key-moonshot",
        "MOONSHOT_BASE_URL": server.base + "/v1",
        "TIKTOKEN_CACHE_DIR": cache,
    }
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert blocked == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"tokens": expected, "reply": "reply from kimi-k2.6"}
    (request,) = server.requests
    assert (request.path, request.body["model"]) == ("/v1/chat/completions", "kimi-k2.6")
    assert request.headers["authorization"] == "Bearer test-key-moonshot"

    # as apply left it before: the lookup reads the mapped default
    (tmp_path / "prov.py").write_text(
        source.replace(
            'encoding_for_model("gpt-3.5-turbo-0125")', "encoding_for_model(self.model_name)"
        ),
        encoding="utf-8",
    )
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert (proc.returncode, blocked) == (1, [])
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("KeyError: 'Could not automatically map kimi-k2.6 to a tokeniser.")
