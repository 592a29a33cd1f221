"""The key and the base URL of a graphiti config move together, in one apply (t54e D-G1),
with the real graphiti-core (marker `frameworks`).

`OpenAIGenericClient(config=LLMConfig(api_key=<OpenAI's key>, model=...))`: ML401 renames the
read to BAICHUAN_API_KEY and ML689 passes `base_url=` in the same pass, whether the key is
read in the call or through a module constant. Before the fix the first apply renamed the key
only: graphiti's client sent the Baichuan key to api.openai.com, and a second apply added the
base URL. Migrated, the app runs against the loopback server with only Baichuan's variables
set, tests/network_guard.py installed and every HTTP request logged with its host and the key
it carries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .test_e2e_app import HTTPX_ALIAS, clean_env
from .test_frameworks_agno_typed_key import RECORDER

pytestmark = pytest.mark.frameworks

KEY = "sk-baichuan-test"

INLINE = """import asyncio
import json
import os

from graphiti_core.llm_client import LLMConfig
from graphiti_core.llm_client.openai_generic_client import OpenAIGenericClient

llm = OpenAIGenericClient(config=LLMConfig(api_key=os.environ["OPENAI_API_KEY"], model="gpt-4o"))
"""
CONSTANT = """import asyncio
import json
import os

from graphiti_core.llm_client import LLMConfig
from graphiti_core.llm_client.openai_generic_client import OpenAIGenericClient

KEY = os.environ["OPENAI_API_KEY"]
llm = OpenAIGenericClient(config=LLMConfig(api_key=KEY, model="gpt-4o"))
"""
# the client graphiti built from the config sends one request
RUN = """

async def main():
    reply = await llm.client.chat.completions.create(
        model="Baichuan4", messages=[{"role": "user", "content": "hi"}]
    )
    mode = llm.structured_output_mode
    print(json.dumps({"answer": reply.choices[0].message.content, "mode": mode}))


asyncio.run(main())
"""
POINTED = (
    "llm = OpenAIGenericClient(\n"
    "    config=LLMConfig(\n"
    '        base_url=os.environ.get("BAICHUAN_BASE_URL", "https://api.baichuan-ai.com/v1"),\n'
    "        api_key={key},\n"
    '        model="gpt-4o",\n'
    "    ),\n"
    '    structured_output_mode="json_object",\n'
    ")\n"
)


def _migrated(tmp_path: Path, source: str, monkeypatch) -> Path:
    """The app after one `apply`: a second changes nothing, and `check` leaves only the
    model `gpt-4o` given to `LLMConfig()` (ML206, a person's choice)."""
    project = tmp_path / "app"
    project.mkdir()
    (project / "assistant.py").write_text(source + RUN, encoding="utf-8")
    monkeypatch.chdir(project)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "baichuan", "--yes"])
    assert done.exit_code == 0, done.stderr or repr(done.exception)
    again = CliRunner().invoke(app, ["apply", ".", "--provider", "baichuan", "--diff"])
    assert again.exit_code == 0 and again.stdout == "", again.stdout
    check = CliRunner().invoke(app, ["check", ".", "-p", "baichuan", "--format", "json"])
    assert check.exit_code == 1
    assert [f["rule"] for f in json.loads(check.stdout)["findings"]] == ["ML206"]
    return project


@pytest.mark.parametrize(
    ("source", "key", "constant"),
    [
        (INLINE, 'os.environ["BAICHUAN_API_KEY"]', None),
        (CONSTANT, "KEY", 'KEY = os.environ["BAICHUAN_API_KEY"]\n'),
    ],
    ids=["inline", "constant"],
)
def test_the_key_and_the_base_url_move_in_one_apply(
    registry, server, tmp_path, monkeypatch, source, key, constant
):
    pytest.importorskip("graphiti_core", reason="pip install graphiti-core")
    project = _migrated(tmp_path, source, monkeypatch)
    text = (project / "assistant.py").read_text(encoding="utf-8")
    head = source.rsplit("\n", 2 if constant is None else 3)[0] + "\n"
    assert text == head + (constant or "") + POINTED.format(key=key) + RUN
    baichuan = registry.get("baichuan")
    env = clean_env(registry)
    env[baichuan.api_key_env] = KEY
    env[baichuan.base_url_env] = server.base + urlsplit(baichuan.base_url).path
    env["GRAPHITI_TELEMETRY_ENABLED"] = "false"
    env["KEY_HOSTS_LOG"] = str(tmp_path / "key-hosts.log")
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard, HTTPX_ALIAS + RECORDER)
    (tmp_path / "key-hosts.log").write_text("", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "assistant.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert network_guard.blocked_hosts(guard) == []
    sent = (tmp_path / "key-hosts.log").read_text(encoding="utf-8").splitlines()
    assert sent == [f"127.0.0.1 Bearer {KEY}"]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result == {"answer": "reply from Baichuan4", "mode": "json_object"}
    [request] = server.requests
    assert request.path == "/v1/chat/completions"
