"""End to end for openai<1.0 code: `apply` the legacy example (modernise only, and modernise
plus switch to Zhipu), then run it with the real openai v1 SDK against a loopback server:
chat, streaming, async, embeddings, and a 429 caught by the migrated `except` clause; and a
small bot (tests/legacy_app) whose `except` clauses take a 400, a 429 and a 500 where the
openai<1.0 original's did."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from . import network_guard
from .migrated_examples import migrated_copy
from .program_runner import run_python

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "legacy-bot"
LEGACY_APP = Path(__file__).resolve().parent / "legacy_app"

PROGRAM = """
import asyncio, time
time.sleep = lambda seconds: None  # the example's backoff waits seconds between attempts
import openai
from bot import chat, embed

print("reply:", chat.reply([], "Where is order 42?"))
print("stream:", "".join(chat.stream_reply([], "How long does shipping take?")))
print("async:", asyncio.run(chat.areply([], "Hello")))
print("embedding:", len(embed.get_embedding("refund policy")))
try:
    chat.reply([], "RATE-LIMIT please")
except openai.RateLimitError:
    print("rate limited: gave up")
"""


@pytest.mark.parametrize("provider_id", ["openai", "zhipu"])
def test_migrated_legacy_bot_runs_on_the_v1_sdk(
    registry, server, tmp_path_factory, tmp_path, monkeypatch, provider_id
):
    provider = registry.get(provider_id)
    project = migrated_copy(EXAMPLE, provider_id, tmp_path_factory, tmp_path / "bot").project
    monkeypatch.chdir(project)
    assert "openai>=1" in (project / "requirements.txt").read_text()

    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "PROXY" not in k.upper()}
    env[provider.api_key_env] = f"test-key-{provider_id}"
    env[provider.base_url_env] = server.base + path
    if provider_id == "openai":
        # config.json names the endpoint for the unswitched bot; point it at the test server
        config = project / "config.json"
        config.write_text(
            config.read_text().replace("https://api.openai.com/v1", server.base + path)
        )
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard)
    proc = run_python(["-c", PROGRAM], cwd=project, env=env, timeout=60)
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("reply: reply from ")
    assert lines[1] == "stream: streamed "
    assert lines[2].startswith("async: reply from ")
    assert lines[3] == "embedding: 8"
    assert lines[4] == "rate limited: gave up"

    got = server.requests
    assert {r.headers["authorization"] for r in got} == {f"Bearer test-key-{provider_id}"}
    assert {r.path for r in got} == {f"{path}/chat/completions", f"{path}/embeddings"}
    limited = [r for r in got if "RATE-LIMIT" in str(r.body.get("messages"))]
    # the example retries 5 times on RateLimitError, the SDK 3 times per call: the migrated
    # `except openai.RateLimitError` clause caught the error each time
    assert len(limited) == 15
    models = {r.body["model"] for r in got}
    if provider_id == "openai":
        assert models == {"gpt-3.5-turbo", "gpt-4", "text-embedding-ada-002"}
    else:
        assert models == {
            provider.map_model("gpt-3.5-turbo"),
            provider.map_model("gpt-4"),
            provider.map_model("text-embedding-ada-002"),
        }


HANDLERS = """
from support_bot import answer

for question in ("Hello", "BAD-REQUEST", "RATE-LIMIT", "SERVER-ERROR"):
    print(question, "->", answer(question))
print("own key ->", answer("Hello", api_key="per-call-key"))
"""


@pytest.mark.parametrize("provider_id", ["openai", "zhipu"])
def test_migrated_handlers_take_the_errors_the_v0_handlers_took(
    registry, server, tmp_path_factory, tmp_path, provider_id
):
    """openai<1.0 raised InvalidRequestError for a 400, RateLimitError for a 429 and APIError
    for a 500, each caught by its own clause; `except openai.error.APIError` came first, and
    under openai>=1.0 its namesake would have caught all three. The handlers read the status
    and the error message as v0 exceptions gave them (`http_status`, `json_body`)."""
    provider = registry.get(provider_id)
    project = migrated_copy(LEGACY_APP, provider_id, tmp_path_factory, tmp_path / "app").project
    assert "openai>=1" in (project / "requirements.txt").read_text()

    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "PROXY" not in k.upper()}
    env[provider.api_key_env] = f"test-key-{provider_id}"
    env[provider.base_url_env] = server.base + path
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard)
    proc = run_python(["-c", HANDLERS], cwd=project, env=env, timeout=60)
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    model = "gpt-3.5-turbo" if provider_id == "openai" else provider.map_model("gpt-3.5-turbo")
    assert proc.stdout.splitlines() == [
        f"Hello -> reply from {model}",
        "BAD-REQUEST -> bad request: Invalid request",
        "RATE-LIMIT -> rate limited (429)",
        "SERVER-ERROR -> server error",
        f"own key -> reply from {model}",
    ]

    got = server.requests
    assert {r.path for r in got} == {f"{path}/chat/completions"}
    assert {r.headers.get("x-request-source") for r in got} == {"support-bot"}
    # the per-call key of openai<1.0 goes with that request only, also switching (t50e D2:
    # dropped, the request took the client's key); without one, the client's
    assert [r.headers["authorization"] for r in got] == [
        f"Bearer test-key-{provider_id}" for _ in got[:-1]
    ] + ["Bearer per-call-key"]
    # v1 retries a 429 and a 500 (twice), never a 400
    assert sum("BAD-REQUEST" in str(r.body["messages"]) for r in got) == 1
