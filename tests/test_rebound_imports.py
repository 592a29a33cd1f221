"""A name an import rebinds is not the SDK from there on (t52g D1, D2): gptcache's examples
import openai, then `from gptcache.adapter import openai` (its caching adapter), and apply had
rewritten the adapter's calls into direct SDK calls (the cache gone, `check` green); in a test
importing only the adapter, the `import openai` apply added was shadowed by it
(`AttributeError: module 'gptcache.adapter.openai' has no attribute 'types'`).

gptcache's adapter runs on openai<1 only (t62c): a module using it keeps its own openai<1 calls
too, pointed at the provider by openai<1's settings (`v0_libraries.kept_v0`, t63); rewritten to
the v1 client, they failed at import on the openai<1 the adapter needs. Until the module points
`openai.api_key` and `openai.api_base` at the provider those calls go to OpenAI, so apply
leaves their models too (ML201 manual, t63 review g1)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app

from .framework_rewrites import applied, findings

REBOUND = """import openai

openai.api_key = "sk-x"
r = openai.ChatCompletion.create(model="gpt-4o", messages=[])
from gptcache.adapter import openai  # noqa: E402

r = openai.ChatCompletion.create(model="gpt-4o", messages=[])
print("cached" if "gptcache" in r else "miss")


def ask(m):
    return openai.ChatCompletion.create(model="gpt-4o", messages=m)
"""


def test_calls_after_an_import_rebinding_the_name_are_the_adapters(registry):
    assert findings(registry, REBOUND, "acme") == [
        (3, "ML301", "manual"),  # the key openai<1 sends the module's requests with
        (4, "ML302", "none"),  # left on openai<1 beside the adapter (t63)
        (4, "ML201", "manual"),  # its openai.api_base is unset: it goes to OpenAI
        (5, "ML670", "manual"),  # the adapter runs on openai<1's settings (t62c)
        (7, "ML206", "manual"),
        (12, "ML206", "manual"),  # a function sees the name's last binding
    ]
    assert applied(registry, REBOUND, "acme") == REBOUND


def test_the_sdk_imported_last_is_what_functions_call(registry):
    text = (
        "from gptcache.adapter import openai\nimport openai\n\n\ndef ask(m):\n"
        '    return openai.ChatCompletion.create(model="gpt-4o", messages=m)\n'
    )
    assert findings(registry, text, "acme") == [
        (1, "ML670", "manual"),
        (6, "ML302", "none"),  # the SDK's call, left on openai<1 with the adapter (t63)
        (6, "ML201", "manual"),
    ]
    assert applied(registry, text, "acme") == text
    # with openai<1's settings pointed at the provider, the model is mapped
    pointed = text.replace(
        "\nimport openai\n",
        '\nimport os\n\nimport openai\n\nopenai.api_key = os.environ["ACME_API_KEY"]\n'
        'openai.api_base = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n',
    )
    assert applied(registry, pointed, "acme") == pointed.replace("gpt-4o", "acme-large")


def test_an_import_under_a_condition_does_not_rebind_for_sure(registry):
    # the adapter may be missing: the SDK's import still reaches the call, as before
    text = (
        "import openai\n\ntry:\n    from gptcache.adapter import openai\n"
        "except ImportError:\n    pass\n\n\ndef ask(m):\n"
        '    return openai.ChatCompletion.create(model="gpt-4o", messages=m)\n'
    )
    assert findings(registry, text, "acme") == [
        (4, "ML670", "manual"),  # where it is there, it runs on openai<1's settings (t62c)
        (10, "ML302", "none"),  # and so does the module's own call (t63)
        (10, "ML201", "manual"),
    ]


ADAPTER_TEST = """from unittest.mock import patch

from gptcache.adapter import openai


def test_answer():
    with patch("openai.ChatCompletion.create") as create:
        create.return_value = {"choices": [{"message": {"role": "assistant", "content": "4"}}]}
        r = openai.ChatCompletion.create(model="acme-large", messages=[])
    assert r["choices"][0]["message"]["content"] == "4"
"""


def test_a_test_mocking_openai_v0_beside_the_adapter_is_left(registry):
    # the mock replaces openai<1's ChatCompletion.create, which the adapter calls: both stay
    assert findings(registry, ADAPTER_TEST, "acme") == [
        (3, "ML670", "manual"),
        (7, "ML306", "none"),
        (8, "ML306", "none"),
    ]
    assert applied(registry, ADAPTER_TEST, "acme") == ADAPTER_TEST


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


def test_apply_leaves_the_program_on_openai_v0_and_check_red(tmp_path: Path, monkeypatch):
    (tmp_path / "main.py").write_text(PROGRAM, encoding="utf-8")
    (tmp_path / "test_cache.py").write_text(ADAPTER_TEST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "ernie", "--yes"])
    assert done.exit_code == 0, done.stderr
    # the module's own call keeps openai<1's API and, sent to OpenAI (openai.api_base is
    # unset), its model (t63 review g1)
    assert (tmp_path / "main.py").read_bytes() == PROGRAM.encode()
    assert (tmp_path / "test_cache.py").read_bytes() == ADAPTER_TEST.encode()
    # the key line and the adapter's settings are left for a person: red until then
    check = CliRunner().invoke(app, ["check", ".", "--provider", "ernie"])
    assert check.exit_code == 1, check.stdout
    assert [line.split(" ")[:2] for line in check.stdout.splitlines() if " ML" in line] == [
        ["main.py:3:1", "ML301"],
        ["main.py:4:40", "ML201"],
        ["main.py:7:1", "ML670"],
        ["test_cache.py:3:1", "ML670"],
    ]
