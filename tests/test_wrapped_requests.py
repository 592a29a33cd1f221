"""An SDK method handed to a function that calls it with the arguments given
(`openai_sdk.CALL_WRAPPERS`, `PythonContext.wrapped_method`), and an embeddings request
through a client another module builds (ML114's batch limit).

khoj (t55a D2): whisper.py sends `await sync_to_async(client.audio.translations.create)(
model=model, file=f)`, which no rule saw: check was green and the provider had no such route.
The same form around `chat.completions.create` was "not an OpenAI SDK call" (ML206), and its
`frequency_penalty` stayed. khoj (t55a D3): processor/embeddings.py embeds slices of 1000
texts through `client = get_openai_client(...)`, imported; the provider takes 64 at most.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .conftest import ACME_DIR
from .loopback_run import run_guarded

HEAD = "import asyncio\nimport functools\n\nfrom asgiref.sync import sync_to_async\n" + (
    "from openai import OpenAI\n\nclient = OpenAI()\n"
)
WRAPPED = HEAD + (
    "\n\nasync def hear(f, model):\n"
    "    return await sync_to_async(client.audio.translations.create)(model=model, file=f)\n"
    "\n\nasync def chat(q):\n"
    '    return await sync_to_async(client.chat.completions.create)(model="gpt-4o", messages=q)\n'
    "\n\nasync def threaded(q):\n"
    '    return await asyncio.to_thread(client.chat.completions.create, model="gpt-4o", n=2)\n'
    "\n\nasync def pooled(q):\n"
    "    call = functools.partial(client.chat.completions.create, temperature=1.5)\n"
    "    return await asyncio.get_running_loop().run_in_executor(None, call)\n"
    "\n\nasync def executed(f):\n"
    "    loop = asyncio.get_running_loop()\n"
    "    return await loop.run_in_executor(None, client.audio.translations.create, f)\n"
)
NO_AUDIO = (
    " through an OpenAI client; Acme Cloud has no OpenAI-compatible audio API; this call fails "
    "after the switch (see https://docs.acme.example/openai); siliconflow offers it"
)
MAPS = "model 'gpt-4o' maps to 'acme-large' on Acme Cloud"


def findings(registry, text, rules=("ML101", "ML111", "ML114", "ML201", "ML206")):
    ctx = RuleContext(registry, registry.get("acme"))
    return [
        (f.rule, f.line, f.column, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in rules
    ]


def migrated(registry, text):
    ctx = RuleContext(registry, registry.get("acme"))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py").after


def test_a_wrapped_method_is_the_request_it_calls(registry):
    served = " through an OpenAI client; supported by Acme Cloud"
    assert findings(registry, WRAPPED) == [
        ("ML101", 11, 18, "manual", "audio.translations.create() (by sync_to_async())" + NO_AUDIO),
        ("ML101", 15, 18, "none", "chat.completions.create() (by sync_to_async())" + served),
        ("ML201", 15, 70, "review", MAPS),
        ("ML101", 19, 18, "none", "chat.completions.create() (by asyncio.to_thread())" + served),
        ("ML201", 19, 74, "review", MAPS),
        (
            "ML111",
            19,
            86,
            "manual",
            "n=2 asks for more choices than Acme Cloud returns (at most 1); make several "
            "requests instead",
        ),
        ("ML101", 23, 12, "none", "chat.completions.create() (by functools.partial())" + served),
        (
            "ML111",
            23,
            74,
            "review",
            "temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        ),
        (
            "ML101",
            29,
            45,
            "manual",
            "audio.translations.create() (by loop.run_in_executor())" + NO_AUDIO,
        ),
    ]


def test_apply_edits_the_keywords_a_wrapper_hands_on(registry):
    after = migrated(registry, WRAPPED)
    head, body = WRAPPED.split("client = OpenAI()\n", 1)
    assert after == head.replace("import functools\n", "import functools\nimport os\n") + (
        "client = OpenAI(\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n'
    ) + body.replace('model="gpt-4o"', 'model="acme-large"').replace(
        "temperature=1.5", "temperature=1.0"
    )
    assert migrated(registry, after) == after  # a second apply changes nothing


def test_other_callers_of_a_method_keep_todays_reading(registry):
    text = HEAD + (
        "\n\ndef later(q):\n"
        '    return retry(client.chat.completions.create)(model="gpt-4o", messages=q)\n'
        "\n\nasync def positional(q):\n"
        "    return await sync_to_async(client.chat.completions.create)(q)\n"
    )
    assert findings(registry, text) == [
        (
            "ML206",
            11,
            56,
            "manual",
            "model='gpt-4o' goes to retry(client.chat.completions.create)(), which is not an "
            "OpenAI SDK call, so apply leaves it; if it talks to Acme Cloud, use an Acme Cloud "
            "model there (the model table says 'acme-large')",
        )
    ]


def test_migrated_threaded_requests_reach_the_provider(registry, server, tmp_path, monkeypatch):
    acme = registry.get("acme")
    code = (
        "import asyncio\nimport functools\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
        "\n\nasync def main():\n"
        "    a = await asyncio.to_thread(\n"
        '        client.chat.completions.create, model="gpt-4o", messages=[], temperature=1.5\n'
        "    )\n"
        "    call = functools.partial(\n"
        '        client.chat.completions.create, model="gpt-4o-mini", messages=[]\n'
        "    )\n"
        "    b = await asyncio.get_running_loop().run_in_executor(None, call)\n"
        "    print(a.model, b.model)\n"
        "\n\nasyncio.run(main())\n"
    )
    (tmp_path / "main.py").write_text(code)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["apply", ".", "--providers-dir", str(ACME_DIR), "-p", "acme", "--yes", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    env = {acme.api_key_env: "test-key", acme.base_url_env: server.base + "/v1"}
    proc, blocked = run_guarded("main.py", tmp_path, env)
    assert blocked == [] and proc.returncode == 0, proc.stderr
    assert [
        (r.path, r.body["model"], r.body.get("temperature"), r.headers["authorization"])
        for r in server.requests
    ] == [
        ("/v1/chat/completions", "acme-large", 1.0, "Bearer test-key"),
        ("/v1/chat/completions", "acme-small", None, "Bearer test-key"),
    ]


# --- ML114 through a client another module builds ---------------------------------------

EMBED = (
    "from app.clients import get_client\n\n\n"
    "def embed(key, url, model, docs):\n"
    "    client = get_client(key, url)\n"
    "    return client.embeddings.create(input=docs, model=model, encoding_format={fmt!r})\n"
    "\n\ndef embed_all(key, url, model, docs):\n"
    "    out = []\n"
    "    for i in range(0, len(docs), {size}):\n"
    "        out += embed(key, url, model, docs[i : i + {size}])\n"
    "    return out\n"
)


def test_an_untraced_embeddings_request_is_held_to_the_batch_limit(registry):
    assert findings(registry, EMBED.format(fmt="float", size=1000), ("ML114",)) == [
        (
            "ML114",
            6,
            43,
            "manual",
            "input=docs may hold more than 16 texts; Acme Cloud embeds at most 16 inputs per "
            "request: send batches of 16; client.embeddings.create() is an SDK call through a "
            "client this module does not trace (built or passed in elsewhere), so apply leaves "
            "it: change it by hand if it talks to Acme Cloud",
        )
    ]
    assert findings(registry, EMBED.format(fmt="float", size=16), ("ML114",)) == []


def test_another_sdks_embeddings_request_is_not_held_to_it(registry):
    text = EMBED.format(fmt="float", size=1000).replace("model=model", 'model="voyage-3"')
    assert findings(registry, text, ("ML114",)) == []
