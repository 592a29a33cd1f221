"""A client's URL moves only with its key (session 63): a module constant holding OpenAI's key
that a raw request left on OpenAI also sends (`api_key = api_key or SHARED_KEY`), and a caller
that posts OpenAI's key itself and hands it to the function building the client, kept the
client's key OpenAI's while apply pointed its URL at Zhipu (the OpenAI key went there); a key
read renamed by hand while the base-URL read beside it still gives OpenAI's URL by default
lost the warning that the provider's key now goes to OpenAI (t63b partial_key_switch_quiet)."""

from __future__ import annotations

import os

import pytest

from . import network_guard
from .cli_findings import cli, finding_rows, run_json, write_here
from .loopback_server import LoopbackServer
from .program_runner import run_python

OPENAI_SECRET = "sk-proj-" + "Openai0nlyKeyT63f" * 3
ZAI_SECRET = "zai-test-key-t63f"
QWEN = "Alibaba Qwen (DashScope / Model Studio)"
DASHSCOPE_SECRET = "sk-dashscope-test-key-t63f"

# a module constant read once, given to a client through a parameter's fallback and sent by
# a raw request to an API Zhipu does not serve
SHARED_CONSTANT = """\
import os

import openai
import requests

SHARED_KEY = os.environ["OPENAI_API_KEY"]


def chat(messages, api_base=None, api_key=None):
    api_key = api_key or SHARED_KEY
    client = openai.OpenAI(base_url=api_base or "https://api.openai.com/v1", api_key=api_key)
    return client.chat.completions.create(model="gpt-4o", messages=messages)


def start_run(thread_id, api_key=None):
    api_key = api_key or SHARED_KEY
    return requests.post(
        f"https://api.openai.com/v1/threads/{thread_id}/runs",
        headers={"Authorization": f"Bearer {api_key}"},
        json={"assistant_id": "asst_1"},
    )
"""

# the caller reads OpenAI's key, posts it itself, and hands it to the client's function
CALLER_POSTS_KEY = """\
import os

import openai
import requests


def chat(messages, api_base=None, api_key=None):
    api_key = api_key or os.environ["OPENAI_API_KEY"]
    client = openai.OpenAI(base_url=api_base or "https://api.openai.com/v1", api_key=api_key)
    return client.chat.completions.create(model="gpt-4o", messages=messages)


def main():
    key = os.environ["OPENAI_API_KEY"]
    requests.post("https://api.openai.com/v1/threads/t1/runs", headers={"Authorization": key})
    return chat([], api_key=key)
"""

HELD_URL = (
    "hard-coded OpenAI URL https://api.openai.com/v1; not switched: it is the base URL of "
    "openai.OpenAI() on line {line}, whose key (`api_key`) apply leaves OpenAI's: switched, it "
    "would send that key to Zhipu AI (GLM); point both at Zhipu AI (GLM) (the key from "
    "ZAI_API_KEY) together, by hand"
)


def _rows(report: dict, *rules: str) -> list[tuple]:
    return finding_rows(report, "line", "rule", "fix", "severity", "message", rules=rules)


def _openai_hosts_only(tmp_path, project, call: str) -> None:
    """Run `call` in the applied project with both keys set and ZAI_BASE_URL on a loopback
    server: the client's request goes to OpenAI (blocked here), never to Zhipu's server, so
    OpenAI's key never reaches Zhipu (before: the server got `Bearer <the OpenAI key>`)."""
    server = LoopbackServer().start()
    try:
        env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
        env |= {"OPENAI_API_KEY": OPENAI_SECRET, "ZAI_API_KEY": ZAI_SECRET}
        env["ZAI_BASE_URL"] = server.base
        stubs = tmp_path / "stubs"  # the raw request goes nowhere
        stubs.mkdir()
        (stubs / "requests.py").write_text("def post(*args, **kwargs):\n    return None\n")
        env["PYTHONPATH"] = str(stubs)
        guard = tmp_path / "guard"
        proc = run_python(
            ["-c", f"import app; app.{call}"],
            cwd=project,
            env=network_guard.subprocess_env(env, guard),
        )
        assert "NetworkBlockedError" in proc.stderr
        assert (network_guard.blocked_hosts(guard), server.requests) == (["api.openai.com"], [])
    finally:
        server.stop()


def test_a_client_keyed_by_a_constant_a_raw_request_keeps_stays_on_openai(tmp_path, monkeypatch):
    """Before: the URL moved to Zhipu (api_key still SHARED_KEY, OpenAI's), check showing only
    ML403."""
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, {"app.py": SHARED_CONSTANT})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (project / "app.py").read_bytes() == SHARED_CONSTANT.encode()
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, _rows(report, "ML401", "ML402")) == (
        1,
        [(11, "ML402", "manual", "warning", HELD_URL.format(line=11))],
    )
    _openai_hosts_only(tmp_path, project, "chat([])")


def test_a_client_given_a_key_its_caller_posts_stays_on_openai(tmp_path, monkeypatch):
    """Before: chat()'s read was renamed to ZAI_API_KEY and its URL moved, but main() hands it
    the OpenAI key it posts to /threads: that key went to Zhipu."""
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, {"app.py": CALLER_POSTS_KEY})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (project / "app.py").read_bytes() == CALLER_POSTS_KEY.encode()
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, _rows(report, "ML401", "ML402")) == (
        1,
        [
            (
                8,
                "ML401",
                "manual",
                "warning",
                "reads OPENAI_API_KEY; not switched: the call on line 16 gives chat() the key "
                "read on line 14, which stays OpenAI's for the raw request to OpenAI on line 15 "
                "(see ML403): renamed, this read would move its client to Zhipu AI (GLM) with "
                "OpenAI's key; the client stays on OpenAI. Give it Zhipu AI (GLM)'s key "
                "(ZAI_API_KEY) and URL together, by hand",
            ),
            (9, "ML402", "manual", "warning", HELD_URL.format(line=9)),
        ],
    )
    _openai_hosts_only(tmp_path, project, "main()")


def test_a_caller_whose_key_moves_too_moves_the_client(tmp_path, monkeypatch):
    """The same caller without the raw request: its read is renamed, so chat()'s read and URL
    move with it (the provider's key goes with the provider's URL)."""
    source = CALLER_POSTS_KEY.replace(
        '    requests.post("https://api.openai.com/v1/threads/t1/runs", headers='
        '{"Authorization": key})\n',
        "",
    ).replace("import requests\n", "")
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, {"app.py": source})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (project / "app.py").read_text() == (
        "import os\n\nimport openai\n\n\n"
        "def chat(messages, api_base=None, api_key=None):\n"
        '    api_key = api_key or os.environ["ZAI_API_KEY"]\n'
        "    client = openai.OpenAI(\n"
        "        base_url=api_base\n"
        '        or os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "        api_key=api_key,\n"
        "    )\n"
        '    return client.chat.completions.create(model="glm-5.3", messages=messages)\n\n\n'
        "def main():\n"
        '    key = os.environ["ZAI_API_KEY"]\n'
        "    return chat([], api_key=key)\n"
    )
    assert cli("check", ".", "--provider", "zhipu").exit_code == 0


# -- the caller in another module of the project (review r2 t2) -----------------------------

LLM = """\
import os

import openai


def chat(messages, api_key=None):
    api_key = api_key or os.environ["OPENAI_API_KEY"]
    client = openai.OpenAI(api_key=api_key)
    return client.chat.completions.create(model="gpt-4o", messages=messages)
"""

CALLER_MODULE = """\
import os

import requests

from llm import chat


def main():
    key = os.environ["OPENAI_API_KEY"]
    requests.post("https://api.openai.com/v1/threads", headers={"Authorization": key})
    return chat([], api_key=key)
"""


@pytest.mark.parametrize("call", ["chat([], api_key=key)", "chat([], key)"])
def test_a_client_given_a_key_a_caller_in_another_module_posts_stays_on_openai(
    tmp_path, monkeypatch, call
):
    """Before: llm.py's read was renamed to ZAI_API_KEY and its client moved to Zhipu, while
    app.py hands it the OpenAI key it posts to /threads (check showed only ML403): that key
    went to Zhipu. Now llm.py is left as it is, its read naming the caller."""
    project = tmp_path / "app"
    project.mkdir()
    caller = CALLER_MODULE.replace("chat([], api_key=key)", call)
    write_here(project, monkeypatch, {"app.py": caller, "llm.py": LLM})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (project / "llm.py").read_bytes() == LLM.encode()
    assert (project / "app.py").read_bytes() == caller.encode()
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, _rows(report, "ML401")) == (
        1,
        [
            (
                7,
                "ML401",
                "manual",
                "warning",
                "reads OPENAI_API_KEY; not switched: the call on line 11 of app.py gives chat() "
                "a key read there, which stays OpenAI's for the raw request to OpenAI on line 10 "
                "(see ML403): renamed, this read would move its client to Zhipu AI (GLM) with "
                "OpenAI's key; the client stays on OpenAI. Give it Zhipu AI (GLM)'s key "
                "(ZAI_API_KEY) and URL together, by hand",
            ),
        ],
    )
    _openai_hosts_only(tmp_path, project, "main()")


def test_a_caller_in_another_module_posting_no_key_moves_the_client(tmp_path, monkeypatch):
    """Without the raw request the caller's read is renamed, and llm.py moves with it."""
    project = tmp_path / "app"
    project.mkdir()
    caller = CALLER_MODULE.replace(
        '    requests.post("https://api.openai.com/v1/threads", headers={"Authorization": key})\n',
        "",
    ).replace("import requests\n\n", "")
    write_here(project, monkeypatch, {"app.py": caller, "llm.py": LLM})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (project / "llm.py").read_text() == LLM.replace(
        '"OPENAI_API_KEY"', '"ZAI_API_KEY"'
    ).replace(
        "    client = openai.OpenAI(api_key=api_key)\n",
        "    client = openai.OpenAI(\n"
        '        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        '        api_key=api_key or os.environ.get("ZAI_API_KEY", "unset"),\n'
        "    )\n",
    ).replace('"gpt-4o"', '"glm-5.3"')
    assert (project / "app.py").read_text() == caller.replace('"OPENAI_API_KEY"', '"ZAI_API_KEY"')


# -- the key read renamed by hand, the base-URL read beside it not yet ----------------------

PARTIAL = """\
import os

from openai import OpenAI

SECRET = os.environ.get("DASHSCOPE_API_KEY")
ENDPOINT = os.environ.get("OPENAI_BASE_URL")

shared = OpenAI(api_key=SECRET, base_url=ENDPOINT)


def ask(text):
    out = shared.chat.completions.create(model="qwen-plus", messages=[])
    return out.choices[0].message.content


if __name__ == "__main__":
    print(ask("hello"))
"""


def _run_partial(project, server, guard) -> list[str]:
    """Run llm.py with only DashScope's variables (its base URL on `server`): the hosts the
    network guard blocked."""
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {"DASHSCOPE_API_KEY": DASHSCOPE_SECRET}
    env["DASHSCOPE_BASE_URL"] = server.base
    run_python(["llm.py"], cwd=project, env=network_guard.subprocess_env(env, guard))
    return network_guard.blocked_hosts(guard)


def test_the_provider_key_beside_openai_url_read_is_an_error_until_apply(tmp_path, monkeypatch):
    """Before: check's ML401 on OPENAI_BASE_URL was the plain hint that Qwen's base URL is in
    DASHSCOPE_BASE_URL; run, the program sent the DashScope key to api.openai.com."""
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, {"llm.py": PARTIAL})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert (code, _rows(report, "ML401")) == (
        1,
        [
            (
                6,
                "ML401",
                "safe",
                "error",
                f"reads OPENAI_BASE_URL; {QWEN}'s base URL is in DASHSCOPE_BASE_URL (default "
                f"https://dashscope.aliyuncs.com/compatible-mode/v1); as the code stands, "
                f"{QWEN}'s key goes to OpenAI: this read gives OpenAI() on line 8 its base URL, "
                "OpenAI's (https://api.openai.com/v1) while OPENAI_BASE_URL is unset, and that "
                "client's key reads DASHSCOPE_API_KEY (line 5): apply reads DASHSCOPE_BASE_URL "
                f"here, with {QWEN}'s URL as its default",
            )
        ],
    )
    server = LoopbackServer().start()
    try:
        # as the code stands: the DashScope key's request goes to OpenAI (blocked here)
        assert (_run_partial(project, server, tmp_path / "g1"), server.requests) == (
            ["api.openai.com"],
            [],
        )
        assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
        assert (project / "llm.py").read_bytes() == PARTIAL.replace(
            'ENDPOINT = os.environ.get("OPENAI_BASE_URL")\n',
            "ENDPOINT = os.environ.get(\n"
            '    "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
            ")\n",
        ).encode()
        assert cli("check", ".", "--provider", "qwen").exit_code == 0
        assert _run_partial(project, server, tmp_path / "g2") == []
        [request] = server.requests
        assert request.path == "/chat/completions"
        assert request.headers["authorization"] == f"Bearer {DASHSCOPE_SECRET}"
    finally:
        server.stop()


@pytest.mark.parametrize(
    "default", [', "http://127.0.0.1:8000/v1")', ') or "http://127.0.0.1:8000/v1"']
)
def test_a_base_url_read_with_its_own_default_is_no_leak(tmp_path, monkeypatch, default):
    """A read falling back to a server of the program's own does not send the provider's key
    to OpenAI: the plain hint, a warning."""
    source = PARTIAL.replace('"OPENAI_BASE_URL")', '"OPENAI_BASE_URL"' + default)
    write_here(tmp_path, monkeypatch, {"llm.py": source})
    _code, report = run_json("scan", ".", "--provider", "qwen")
    assert _rows(report, "ML401") == [
        (
            6,
            "ML401",
            "safe",
            "warning",
            f"reads OPENAI_BASE_URL; {QWEN}'s base URL is in DASHSCOPE_BASE_URL (default "
            "https://dashscope.aliyuncs.com/compatible-mode/v1)",
        )
    ]


# the two reads written in the client's arguments (review r2 t3)
INLINE = PARTIAL.replace(
    'SECRET = os.environ.get("DASHSCOPE_API_KEY")\nENDPOINT = os.environ.get("OPENAI_BASE_URL")\n'
    "\nshared = OpenAI(api_key=SECRET, base_url=ENDPOINT)\n",
    "shared = OpenAI(\n"
    '    api_key=os.environ.get("DASHSCOPE_API_KEY"),\n'
    '    base_url=os.environ.get("OPENAI_BASE_URL"),\n'
    ")\n",
)


@pytest.mark.parametrize(("source", "line", "client"), [(PARTIAL, 6, 8), (INLINE, 7, 5)])
def test_another_providers_key_beside_openai_url_read_keeps_it(
    tmp_path, monkeypatch, source, line, client
):
    """Review r2 t3: with Zhipu the target, the DashScope key beside the read is another
    provider's. Before, for the reads written in the call: ML001 left the client but ML401
    switched the read (safe) to ZAI_BASE_URL, so the DashScope key went to Zhipu. Now the read
    is left (manual) and Zhipu's server gets nothing."""
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, {"llm.py": source})
    _code, report = run_json("scan", ".", "--provider", "zhipu")
    assert _rows(report, "ML401") == [
        (
            line,
            "ML401",
            "manual",
            "warning",
            f"reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAI() on line {client}, "
            f"whose key (from DASHSCOPE_API_KEY) is {QWEN}'s: switched, it would send that "
            "key to Zhipu AI (GLM); leave it, or point both at Zhipu AI (GLM) (the key from "
            "ZAI_API_KEY) together, by hand",
        )
    ]
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (project / "llm.py").read_bytes() == source.encode()
    server = LoopbackServer().start()
    try:
        env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
        env |= {"DASHSCOPE_API_KEY": DASHSCOPE_SECRET, "ZAI_API_KEY": ZAI_SECRET}
        env["ZAI_BASE_URL"] = server.base
        guard = tmp_path / "guard"
        run_python(["llm.py"], cwd=project, env=network_guard.subprocess_env(env, guard))
        assert (network_guard.blocked_hosts(guard), server.requests) == (["api.openai.com"], [])
    finally:
        server.stop()
