"""End to end (t51c, swarm's customer_service_streaming): a helper module that does not import
openai sends requests through the client its caller passes, its model a parameter's default.
Once apply maps that default to the provider's model, the request goes to the provider whatever
client it is given, so its parameters are checked as a traced request's: `check` stays red
while it would send what the provider rejects or its model thinks where the original did not
(ML118, as apply left it: t56b D1), and, once its findings are followed, the loopback server
receives none of it."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

from . import network_guard
from .cli_findings import cli as invoke
from .loopback_server import LoopbackServer
from .program_runner import run_python

UTILS = """def get_completion(client, messages, model="gpt-4-0125-preview", max_tokens=2000,
                   temperature=0.7):
    request_params = {
        "model": model,
        "messages": messages,
        "max_tokens": max_tokens,
        "temperature": temperature,
    }
    return client.chat.completions.create(**request_params).choices[0].message
"""

MAIN = """from openai import OpenAI

from utils import get_completion

client = OpenAI()
print(get_completion(client, [{"role": "user", "content": "hi"}]).content)
"""

MIGRATED_UTILS = """def get_completion(client, messages, model="kimi-k2.6", max_tokens=2000,
                   temperature=0.7):
    request_params = {
        "model": model,
        "messages": messages,
        "max_completion_tokens": max_tokens,
        "temperature": temperature,
    }
    return client.chat.completions.create(**request_params).choices[0].message
"""


@pytest.fixture
def server():
    running = LoopbackServer().start()
    yield running
    running.stop()


def test_a_helper_given_its_client_sends_kimi_nothing_it_rejects(
    registry, server, tmp_path, monkeypatch
):
    provider = registry.get("moonshot")
    (tmp_path / "utils.py").write_text(UTILS)
    (tmp_path / "main.py").write_text(MAIN)
    monkeypatch.chdir(tmp_path)
    done = invoke("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "utils.py").read_text() == MIGRATED_UTILS
    again = invoke("apply", ".", "--provider", "moonshot", "--yes")
    assert again.stderr.startswith("Changed 0 files for Moonshot AI (Kimi)")

    # what apply leaves to a person keeps check red: the temperature kimi-k2.6 fixes
    checked = invoke("check", ".", "--provider", "moonshot")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines()[0] == (
        "utils.py:7:9 ML115 kimi-k2.6 fixes temperature on Moonshot AI (Kimi), and it is the "
        'default of model of get_completion(): remove the entry "temperature" by hand (the '
        "model ignores or rejects it; apply leaves it: a caller may pass another model)"
    )

    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {provider.api_key_env: "test-key", provider.base_url_env: server.base + path}
    env = network_guard.subprocess_env(env, tmp_path / "guard")
    proc = run_python(["main.py"], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (sent,) = server.requests
    assert (sent.body["model"], sent.body["temperature"]) == ("kimi-k2.6", 0.7)

    # ML115 followed by hand: ML118's warning, which apply also left, keeps check red (t56b D1)
    without = MIGRATED_UTILS.replace('        "temperature": temperature,\n', "")
    (tmp_path / "utils.py").write_text(without)
    checked = invoke("check", ".", "--provider", "moonshot")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        "utils.py:8:12 ML118 kimi-k2.6 (the default of model of get_completion()) thinks before "
        "it answers unless told not to (replies and stream deltas carry reasoning_content, "
        "temperature is fixed at 1.0 and other values are rejected, a tool loop must send the "
        'reasoning back): pass extra_body={"thinking": {"type": "disabled"}} (apply adds none to '
        "a request built from **kwargs, which may hold one)",
        "1 finding for moonshot in 1 of 3 files; 0 error, 1 warning, 0 note",
    ]

    # both followed by hand, check is green and the server gets nothing Kimi rejects
    (tmp_path / "utils.py").write_text(
        without.replace(
            '        "max_completion_tokens": max_tokens,\n',
            '        "max_completion_tokens": max_tokens,\n'
            '        "extra_body": {"thinking": {"type": "disabled"}},\n',
        )
    )
    checked = invoke("check", ".", "--provider", "moonshot")
    assert checked.exit_code == 0, checked.stdout
    server.requests.clear()
    proc = run_python(["main.py"], cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    (sent,) = server.requests
    assert sent.body["model"] == "kimi-k2.6"
    assert sent.body["max_completion_tokens"] == 2000
    assert sent.body["thinking"] == {"type": "disabled"}
    assert not {"temperature", "max_tokens"} & sent.body.keys()
