"""A name an import rebinds is not the SDK from there on (t52g D1, D2): gptcache's examples
import openai, then `from gptcache.adapter import openai` (its caching adapter), and apply had
rewritten the adapter's calls into direct SDK calls (the cache gone, `check` green); in a test
importing only the adapter, the `import openai` apply added was shadowed by it
(`AttributeError: module 'gptcache.adapter.openai' has no attribute 'types'`).

The end-to-end test runs the migrated program with the real openai SDK against the loopback
server, with a small caching adapter of this file's own standing in for gptcache's."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app

from .framework_rewrites import applied, findings
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

REBOUND = """import openai

openai.api_key = "sk-x"
r = openai.ChatCompletion.create(model="gpt-4o", messages=[])
from gptcache.adapter import openai  # noqa: E402

r = openai.ChatCompletion.create(model="gpt-4o", messages=[])
print("cached" if "gptcache" in r else "miss")


def ask(m):
    return openai.ChatCompletion.create(model="gpt-4o", messages=m)
"""

REBOUND_AFTER = """import os

import openai

client = openai.OpenAI(
    api_key=os.environ.get("ACME_API_KEY", "unset"),
    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),
)

r = client.chat.completions.create(model="acme-large", messages=[])
from gptcache.adapter import openai  # noqa: E402

r = openai.ChatCompletion.create(model="gpt-4o", messages=[])
print("cached" if "gptcache" in r else "miss")


def ask(m):
    return openai.ChatCompletion.create(model="gpt-4o", messages=m)
"""


def test_calls_after_an_import_rebinding_the_name_are_the_adapters(registry):
    assert findings(registry, REBOUND, "acme") == [
        (3, "ML301", "safe"),
        (4, "ML302", "safe"),
        (4, "ML201", "review"),
        (5, "ML670", "manual"),  # the adapter runs on openai<1's settings (t62c)
        (7, "ML206", "manual"),
        (12, "ML206", "manual"),  # a function sees the name's last binding
    ]
    assert applied(registry, REBOUND, "acme") == REBOUND_AFTER


def test_the_sdk_imported_last_is_what_functions_call(registry):
    text = (
        "from gptcache.adapter import openai\nimport openai\n\n\ndef ask(m):\n"
        '    return openai.ChatCompletion.create(model="gpt-4o", messages=m)\n'
    )
    assert applied(registry, text, "acme") == (
        "import os\n\nfrom gptcache.adapter import openai\nimport openai\n\n"
        "client = openai.OpenAI(\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n\n\n'
        "def ask(m):\n"
        '    return client.chat.completions.create(model="acme-large", messages=m)\n'
    )


def test_an_import_under_a_condition_does_not_rebind_for_sure(registry):
    # the adapter may be missing: the SDK's import still reaches the call, as before
    text = (
        "import openai\n\ntry:\n    from gptcache.adapter import openai\n"
        "except ImportError:\n    pass\n\n\ndef ask(m):\n"
        '    return openai.ChatCompletion.create(model="gpt-4o", messages=m)\n'
    )
    assert findings(registry, text, "acme") == [
        (4, "ML670", "manual"),  # where it is there, it runs on openai<1's settings (t62c)
        (10, "ML302", "safe"),
        (10, "ML201", "review"),
    ]


ADAPTER_TEST = """from unittest.mock import patch

from gptcache.adapter import openai


def test_answer():
    with patch("openai.ChatCompletion.create") as create:
        create.return_value = {"choices": [{"message": {"role": "assistant", "content": "4"}}]}
        r = openai.ChatCompletion.create(model="acme-large", messages=[])
    assert r["choices"][0]["message"]["content"] == "4"
"""

ADAPTER_TEST_AFTER = """from unittest.mock import patch

import openai as openai_sdk
from gptcache.adapter import openai


def test_answer():
    with patch("openai.resources.chat.completions.Completions.create") as create:
        create.return_value = openai_sdk.types.chat.ChatCompletion.model_construct(
            **{"choices": [{"message": {"role": "assistant", "content": "4"}}]}
        )
        r = openai.ChatCompletion.create(model="acme-large", messages=[])
    assert r["choices"][0]["message"]["content"] == "4"
"""


def test_the_sdk_apply_adds_beside_an_adapter_takes_another_name(registry):
    assert findings(registry, ADAPTER_TEST, "acme") == [
        (3, "ML670", "manual"),
        (7, "ML306", "safe"),
        (8, "ML306", "review"),
    ]
    assert applied(registry, ADAPTER_TEST, "acme") == ADAPTER_TEST_AFTER


# A caching adapter shaped as gptcache's (`openai.ChatCompletion.create(...)` returning a dict,
# `"gptcache": True` on a hit), on the v1 SDK: a stand-in written for this test.
ADAPTER = """import os

import openai as _sdk

_answers = {}


class ChatCompletion:
    @classmethod
    def create(cls, **kwargs):
        key = repr(sorted(kwargs.items()))
        if key in _answers:
            return {**_answers[key], "gptcache": True}
        client = _sdk.OpenAI(
            api_key=os.environ["QIANFAN_API_KEY"], base_url=os.environ["QIANFAN_BASE_URL"]
        )
        _answers[key] = client.chat.completions.create(**kwargs).to_dict()
        return _answers[key]
"""

PROGRAM = """import openai

openai.api_key = "sk-x"
r = openai.ChatCompletion.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
print("direct:", r["choices"][0]["message"]["content"] != "")

from gptcache.adapter import openai  # noqa: E402

for _ in range(2):
    r = openai.ChatCompletion.create(
        model="ernie-speed-128k", messages=[{"role": "user", "content": "hi"}]
    )
    print("cached" if "gptcache" in r else "miss")
"""


def _project(root: Path) -> Path:
    adapter = root / "lib" / "gptcache" / "adapter"
    adapter.mkdir(parents=True)
    for package in (adapter.parent, adapter):
        (package / "__init__.py").write_text("", encoding="utf-8")
    (adapter / "openai.py").write_text(ADAPTER, encoding="utf-8")
    code = root / "app"
    code.mkdir()
    (code / "main.py").write_text(PROGRAM, encoding="utf-8")
    (code / "test_cache.py").write_text(
        ADAPTER_TEST.replace("acme-large", "ernie-speed-128k"), encoding="utf-8"
    )
    return code


def test_migrated_program_keeps_its_cache_and_its_test_runs(tmp_path, monkeypatch):
    code = _project(tmp_path)
    monkeypatch.chdir(code)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "ernie", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert "import openai as openai_sdk\n" in (code / "test_cache.py").read_text()
    server = LoopbackServer(key="qianfan-key").start()
    try:
        env = {
            "QIANFAN_API_KEY": "qianfan-key",
            "QIANFAN_BASE_URL": server.base + "/v2",
            "PYTHONPATH": str(tmp_path / "lib"),
        }
        proc, blocked = run_guarded("main.py", code, env)
        (code / "run_test.py").write_text(
            "import test_cache\n\ntest_cache.test_answer()\nprint('test passed')\n",
            encoding="utf-8",
        )
        test_run, test_blocked = run_guarded("run_test.py", code, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert proc.stdout.splitlines() == ["direct: True", "miss", "cached"]
    # the direct request and the adapter's miss; the hit made none
    assert [(r.path, r.body["model"]) for r in server.requests] == [
        ("/v2/chat/completions", "ernie-4.5-turbo-128k"),
        ("/v2/chat/completions", "ernie-speed-128k"),
    ]
    assert (test_run.returncode, test_blocked) == (0, []), test_run.stderr
    assert test_run.stdout == "test passed\n"
    # gptcache's own adapter runs on openai<1 only, with openai.api_key / openai.api_base
    # (t62c): check stays red on its imports, as the stand-in here does not
    check = CliRunner().invoke(app, ["check", ".", "--provider", "ernie"])
    assert check.exit_code == 1, check.stdout
    assert [line.split(" ")[:2] for line in check.stdout.splitlines() if " ML" in line] == [
        ["main.py:15:1", "ML670"],
        ["test_cache.py:4:1", "ML670"],
    ]
