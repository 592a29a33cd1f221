"""openai<1.0 responses used as dicts (ML305) where the module shows the flow: through a
helper, `asyncio.gather`, branches; `json.dumps` / `dict()` / `to_dict_recursive()`; the
removed `openai.openai_object` module. Exact text after `apply`, a fixed point; what cannot
be rewritten is reported as manual with the text to write; and one migrated program run
with the real openai SDK against the loopback server prints what the v0 original printed."""

from __future__ import annotations

import json
import os
import textwrap

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .conftest import ACME_DIR
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_fix_truth import assert_scan_matches_apply
from .test_legacy_rewrite import HEADER, migrate

PROVIDERS = ("openai", "acme")


def ml305(registry, text: str, provider: str = "acme"):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML305"
    ]


FLOWS = [
    pytest.param(
        # early LangChain: the choices of each batch gathered, then read a slice at a time
        "def generate(model, batches, n):\n"
        "    choices = []\n"
        "    for batch in batches:\n"
        "        response = openai.Completion.create(model=model, prompt=batch)\n"
        '        choices.extend(response["choices"])\n'
        "    for i in range(len(batches)):\n"
        "        for choice in choices[i * n : (i + 1) * n]:\n"
        '            yield choice["text"], choice.get("finish_reason")\n'
        '    yield choices[0]["text"], None\n',
        "def generate(model, batches, n):\n"
        "    choices = []\n"
        "    for batch in batches:\n"
        "        response = client.completions.create(model=model, prompt=batch)\n"
        "        choices.extend(response.choices)\n"
        "    for i in range(len(batches)):\n"
        "        for choice in choices[i * n : (i + 1) * n]:\n"
        "            yield choice.text, choice.finish_reason\n"
        "    yield choices[0].text, None\n",
        id="list-extended-with-a-list-field-read-by-slices",
    ),
    pytest.param(
        "def ask(model, q):\n"
        "    return openai.ChatCompletion.create(model=model, messages=q)\n\n\n"
        "def text(model, q):\n"
        '    return ask(model, q)["choices"][0]["message"]\n\n\n'
        "def main(model):\n"
        "    r = ask(model, [])\n"
        '    print(r["usage"]["total_tokens"], text(model, [])["content"])\n'
        '    return r["choices"][0]["message"].get("content", "")\n',
        "def ask(model, q):\n"
        "    return client.chat.completions.create(model=model, messages=q)\n\n\n"
        "def text(model, q):\n"
        "    return ask(model, q).choices[0].message\n\n\n"
        "def main(model):\n"
        "    r = ask(model, [])\n"
        "    print(r.usage.total_tokens, text(model, []).content)\n"
        '    return (r.choices[0].message.content or "")\n',
        id="helper-returning-a-response-and-a-part",
    ),
    pytest.param(
        "def embed(model, text, small):\n"
        "    if small:\n"
        "        resp = openai.Embedding.create(model=model, input=[text])\n"
        "    else:\n"
        '        resp = openai.Embedding.create(model=model, input=[text], user="x")\n'
        '    return resp["data"][0]["embedding"]\n',
        "def embed(model, text, small):\n"
        "    if small:\n"
        "        resp = client.embeddings.create(model=model, input=[text])\n"
        "    else:\n"
        '        resp = client.embeddings.create(model=model, input=[text], user="x")\n'
        "    return resp.data[0].embedding\n",
        id="a-response-in-every-branch",
    ),
    pytest.param(
        "def dump(model, q, path):\n"
        "    resp = openai.ChatCompletion.create(model=model, messages=q)\n"
        "    with open(path, 'w') as f:\n"
        "        json.dump(resp, f, sort_keys=True)\n"
        "    return dict(resp), resp.to_dict_recursive(), resp.to_dict()\n",
        "def dump(model, q, path):\n"
        "    resp = client.chat.completions.create(model=model, messages=q)\n"
        "    with open(path, 'w') as f:\n"
        "        json.dump(resp.to_dict(), f, sort_keys=True)\n"
        "    return resp.to_dict(), resp.to_dict(), resp.to_dict()\n",
        id="serialised",
    ),
    pytest.param(
        "def show(model, q):\n"
        "    resp = openai.ChatCompletion.create(model=model, messages=q)\n"
        "    print(resp)\n"
        '    print("reply:", resp, sep="\\n")\n'
        "    return str(resp), str(resp.choices)\n",
        "def show(model, q):\n"
        "    resp = client.chat.completions.create(model=model, messages=q)\n"
        "    print(json.dumps(resp.to_dict(), sort_keys=True, indent=2))\n"
        '    print("reply:", json.dumps(resp.to_dict(), sort_keys=True, indent=2), sep="\\n")\n'
        "    return json.dumps(resp.to_dict(), sort_keys=True, indent=2), str(resp.choices)\n",
        id="shown-as-text",
    ),
]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_stream_parts_kept_in_a_list_and_a_coroutine_awaited_later(registry, provider):
    text = (
        "import openai\n\n\n"
        "def plan(model):\n"
        "    stream = openai.ChatCompletion.create(model=model, messages=[], stream=True)\n"
        "    deltas = []\n"
        "    for chunk in stream:\n"
        '        if chunk["choices"][0]["finish_reason"] is None:\n'
        '            deltas.append(chunk["choices"][0]["delta"])\n'
        '    return "".join([d.get("content", "") for d in deltas])\n\n\n'
        "async def code(model):\n"
        "    pending = openai.ChatCompletion.acreate(model=model, messages=[], stream=True)\n"
        "    texts = []\n"
        "    async for chunk in await pending:\n"
        '        texts.append(chunk["choices"][0]["delta"].get("content", ""))\n'
        '    return "".join(texts)\n'
    )
    # (the clients `apply` creates are another rule's; the header is tested there)
    assert migrate(registry, text, provider).endswith(
        "def plan(model):\n"
        "    stream = client.chat.completions.create(model=model, messages=[], stream=True)\n"
        "    deltas = []\n"
        "    for chunk in stream:\n"
        "        if chunk.choices[0].finish_reason is None:\n"
        "            deltas.append(chunk.choices[0].delta)\n"
        '    return "".join([(d.content or "") for d in deltas])\n\n\n'
        "async def code(model):\n"
        "    pending = _aclient().chat.completions.create(model=model, messages=[], stream=True)\n"
        "    texts = []\n"
        "    async for chunk in await pending:\n"
        # the only argument of a call: no parentheses around `or` (ruff's UP034)
        '        texts.append(chunk.choices[0].delta.content or "")\n'
        '    return "".join(texts)\n'
    )


def test_a_list_used_otherwise_than_by_append_and_loops_is_not_followed(registry):
    text = (
        "import openai\n\n\n"
        "def plan(model, seen):\n"
        "    stream = openai.ChatCompletion.create(model=model, messages=[], stream=True)\n"
        "    deltas = []\n"
        "    for chunk in stream:\n"
        '        deltas.append(chunk["choices"][0]["delta"])\n'
        "    seen(deltas)  # may put anything in it\n"
        '    return [d.get("content", "") for d in deltas]\n'
    )
    assert [line for line, _, _ in ml305(registry, text)] == [8]  # the chunk's only
    assert [line for line, _, _ in ml305(registry, text.replace("seen(deltas)", "pass"))] == [
        8,
        10,
    ]


@pytest.mark.parametrize(
    "other",
    ['choices.append({"text": ""})', 'choices[0] = {"text": ""}', "choices.extend(more)"],
)
def test_a_list_extended_that_may_hold_dicts_is_not_followed(registry, other):
    text = (
        "import openai\n\n\n"
        "def texts(model, more):\n"
        "    choices = []\n"
        '    choices.extend(openai.Completion.create(model=model, prompt="p")["choices"])\n'
        f"    {other}\n"
        '    return [c["text"] for c in choices]\n'
    )
    assert [line for line, _, _ in ml305(registry, text)] == [6]  # the response's only


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(("before", "after"), FLOWS)
def test_flows(registry, provider, before, after):
    text = f"import json\n\nimport openai\n\n\n{before}"
    header = HEADER[provider].replace("import openai\n", "import json\n\nimport openai\n", 1)
    if header.startswith("import os\n\nimport json"):
        header = header.replace("import os\n\nimport json\n", "import json\nimport os\n", 1)
    assert migrate(registry, text, provider) == f"{header}\n\n{after}"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_gathered_responses(registry, provider):
    text = (
        "import asyncio\n\nimport openai\n\n\n"
        "async def many(model, qs):\n"
        "    results = await asyncio.gather(\n"
        "        *[openai.ChatCompletion.acreate(model=model, messages=q) for q in qs]\n"
        "    )\n"
        "    first, second = await asyncio.gather(\n"
        '        openai.Completion.acreate(model=model, prompt="a"),\n'
        '        openai.Completion.acreate(model=model, prompt="b"),\n'
        "    )\n"
        '    texts = [r["choices"][0]["message"]["content"] for r in results]\n'
        '    return texts, results[0]["id"], first["choices"][0]["text"], second["model"]\n\n\n'
        "def run(model):\n"
        '    return asyncio.run(many(model, [[]]))[-1]["usage"]\n'
    )
    # (the clients `apply` creates are another rule's; the header is tested there)
    assert migrate(registry, text, provider).endswith(
        "async def many(model, qs):\n"
        "    results = await asyncio.gather(\n"
        "        *[_aclient().chat.completions.create(model=model, messages=q) for q in qs]\n"
        "    )\n"
        "    first, second = await asyncio.gather(\n"
        '        _aclient().completions.create(model=model, prompt="a"),\n'
        '        _aclient().completions.create(model=model, prompt="b"),\n'
        "    )\n"
        "    texts = [r.choices[0].message.content for r in results]\n"
        "    return texts, results[0].id, first.choices[0].text, second.model\n\n\n"
        "def run(model):\n"
        '    return asyncio.run(many(model, [[]]))[-1]["usage"]\n'
    )


def test_methods_of_the_class_are_followed_when_one_class_defines_them(registry):
    text = (
        "import openai\n\n\nclass Bot:\n"
        "    def _complete(self, messages):\n"
        '        return openai.ChatCompletion.create(model="gpt-4", messages=messages)\n\n'
        "    async def _acomplete(self, messages):\n"
        '        return await openai.ChatCompletion.acreate(model="gpt-4", messages=messages)\n\n'
        "    def reply(self, messages):\n"
        "        resp = self._complete(messages)\n"
        '        return resp["choices"][0]["message"]["content"]\n\n'
        "    async def areply(self, messages):\n"
        '        return (await self._acomplete(messages))["choices"][0]["message"]["content"]\n\n\n'
        "class Other:\n"
        "    def reply(self):\n"
        '        return self.reply()["x"]\n'
    )
    after = migrate(registry, text, "acme")
    assert after.endswith(
        "    def reply(self, messages):\n"
        "        resp = self._complete(messages)\n"
        "        return resp.choices[0].message.content\n\n"
        "    async def areply(self, messages):\n"
        "        return (await self._acomplete(messages)).choices[0].message.content\n\n\n"
        "class Other:\n"
        "    def reply(self):\n"
        '        return self.reply()["x"]\n'
    )


def test_gathered_results_returned_by_a_helper(registry):
    text = (
        "import asyncio\nimport openai\n\n"
        "async def many(qs):\n"
        "    return await asyncio.gather(*(openai.Embedding.acreate(input=q) for q in qs))\n\n"
        "def vectors(qs):\n"
        '    return [r["data"][0]["embedding"] for r in asyncio.run(many(qs))]\n'
    )
    assert migrate(registry, text, "acme").endswith(
        "def vectors(qs):\n    return [r.data[0].embedding for r in asyncio.run(many(qs))]\n"
    )


SOME_PATHS = [
    pytest.param(
        "def ask(q, cache):\n"
        "    if q in cache:\n"
        "        resp = cache[q]\n"
        "    else:\n"
        '        resp = openai.Completion.create(model="m", prompt=q)\n'
        '    return resp["choices"][0]["text"]\n',
        (
            10,
            "openai 1.0 returns objects, not dicts, and resp holds one only on some paths (a "
            "response comes from line 9); where it holds a response, write resp.choices[0].text",
        ),
        id="branch",
    ),
    pytest.param(
        "def ask(q):\n"
        "    try:\n"
        '        resp = openai.ChatCompletion.create(model="m", messages=q)\n'
        "    except openai.error.Timeout:\n"
        "        resp = None\n"
        '    return resp["choices"][0]["message"]["content"]\n',
        (
            10,
            "openai 1.0 returns objects, not dicts, and resp holds one only on some paths (a "
            "response comes from line 7); where it holds a response, write "
            "resp.choices[0].message.content",
        ),
        id="try",
    ),
    pytest.param(
        "def ask(q, cache):\n"
        "    if q in cache:\n"
        "        return cache[q]\n"
        '    return openai.Completion.create(model="m", prompt=q)\n\n\n'
        "def main(cache):\n"
        '    return ask("q", cache)["choices"][0]["text"]\n',
        (
            12,
            'openai 1.0 returns objects, not dicts, and ask("q", cache) holds one only on some '
            "paths (a response comes from line 8); where it holds a response, write "
            'ask("q", cache).choices[0].text',
        ),
        id="helper-returning-a-cached-dict",
    ),
    pytest.param(
        "async def many(qs):\n"
        "    results = await asyncio.gather(\n"
        '        *[openai.Completion.acreate(model="m", prompt=q) for q in qs],\n'
        "        return_exceptions=True,\n"
        "    )\n"
        '    return [r["choices"][0]["text"] for r in results]\n',
        (
            10,
            "openai 1.0 returns objects, not dicts, and r holds one only on some paths (a "
            "response comes from line 6); where it holds a response, write r.choices[0].text",
        ),
        id="gather-with-exceptions",
    ),
]


@pytest.mark.parametrize(("before", "reported"), SOME_PATHS)
def test_a_response_on_some_paths_only_is_reported_not_rewritten(registry, before, reported):
    text = f"import asyncio\nimport openai\n\n\n{before}"
    after = migrate(registry, text, "acme")
    assert after.endswith(before.split("\n")[-2] + "\n")  # the access is left as it was
    line, message = reported
    assert ml305(registry, text) == [(line, FixClass.MANUAL, message)]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_response_on_some_paths_is_still_reported_once_migrated(registry, provider):
    """`check` after `apply` must not pass: the branch now holds a v1 object."""
    text = "import openai\n\n\n" + SOME_PATHS[0].values[0]
    after = migrate(registry, text, provider)
    assert after.endswith('    return resp["choices"][0]["text"]\n')
    [(line, fix, message)] = ml305(registry, after, provider)
    at = after.splitlines().index('        resp = client.completions.create(model="m", prompt=q)')
    assert (line, fix) == (len(after.splitlines()), FixClass.MANUAL)
    assert message == (
        "openai 1.0 returns objects, not dicts, and resp holds one only on some paths (a "
        f"response comes from line {at + 1}); where it holds a response, write "
        "resp.choices[0].text"
    )


def test_json_dumps_keeps_its_arguments_and_is_for_review(registry):
    text = (
        "import json\nimport openai\n"
        'r = openai.Completion.create(model="m", prompt="p")\n'
        "print(json.dumps(r, indent=2))\n"
    )
    assert migrate(registry, text, "acme").endswith("print(json.dumps(r.to_dict(), indent=2))\n")
    assert ml305(registry, text) == [
        (
            4,
            FixClass.REVIEW,
            "openai 1.0 returns objects, not dicts, and json.dumps() fails on them; pass "
            "r.to_dict() (the keys come in the order the SDK declares them, not the API's)",
        )
    ]


def test_dict_of_a_call_is_manual_with_the_text_to_write(registry):
    text = 'import openai\nd = dict(openai.Embedding.create(input="x"))\n'
    assert migrate(registry, text, "acme").endswith(
        'd = dict(client.embeddings.create(input="x"))\n'
    )
    assert ml305(registry, text) == [
        (
            2,
            FixClass.MANUAL,
            "openai 1.0 returns objects, not dicts, and dict() of one lists every declared "
            "field (None when unset) with objects inside; write "
            "client.embeddings.create(...).to_dict()",
        )
    ]


def test_parts_and_other_values_are_not_serialised_differently(registry):
    """Only whole responses get `.to_dict()`: a part may be a list or a string."""
    text = (
        "import json\nimport openai\n"
        'r = openai.Embedding.create(input="x")\n'
        'print(json.dumps(r["data"]), dict(a=1), json.dumps({"x": 1}))\n'
    )
    assert migrate(registry, text, "acme").endswith(
        'print(json.dumps(r.data), dict(a=1), json.dumps({"x": 1}))\n'
    )


OBJECT_IMPORTS = [
    pytest.param(
        "from openai.openai_object import OpenAIObject\n\n\n"
        "def is_reply(x: OpenAIObject) -> bool:\n"
        "    return isinstance(x, (OpenAIObject, dict))\n",
        "from openai import BaseModel as OpenAIObject\n\n\n"
        "def is_reply(x: OpenAIObject) -> bool:\n"
        "    return isinstance(x, (OpenAIObject, dict))\n",
        id="isinstance-and-annotation",
    ),
    pytest.param(
        "from openai.openai_object import OpenAIObject as Obj\n\nok = issubclass(type(x), Obj)\n",
        "from openai import BaseModel as Obj\n\nok = issubclass(type(x), Obj)\n",
        id="alias-kept",
    ),
]


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(("before", "after"), OBJECT_IMPORTS)
def test_openai_object_import(registry, provider, before, after):
    assert migrate(registry, before, provider) == after


def test_openai_object_built_by_the_code_is_manual(registry):
    text = (
        "from openai.openai_object import OpenAIObject\n\n"
        'fake = OpenAIObject.construct_from({"choices": []})\n'
        "ok = isinstance(fake, OpenAIObject)\n"
    )
    assert migrate(registry, text, "acme") == text
    assert ml305(registry, text) == [
        (
            1,
            FixClass.MANUAL,
            "openai.openai_object was removed in openai 1.0 (ModuleNotFoundError); responses "
            "and their parts are openai.BaseModel objects: test them with isinstance(x, "
            "openai.BaseModel), and use plain dicts where you built OpenAIObjects "
            "(other use: line 3)",
        )
    ]


def test_import_of_the_module_is_manual(registry):
    text = "import openai.openai_object\n"
    assert [(line, fix) for line, fix, _ in ml305(registry, text)] == [(1, FixClass.MANUAL)]


# A v0 program (as it ran on openai 0.28) using those shapes; the loopback server's answers
# give what it printed there, written out below as EXPECTED.
V0_PROGRAM = """
import asyncio
import json
import os

import openai
from openai.openai_object import OpenAIObject

openai.api_key = "test-key"
openai.api_base = os.environ["LOOPBACK_BASE"]


def ask(question):
    return openai.ChatCompletion.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )


async def ask_all(questions):
    return await asyncio.gather(
        *[
            openai.ChatCompletion.acreate(
                model="gpt-4o-mini", messages=[{"role": "user", "content": q}]
            )
            for q in questions
        ]
    )


def embed(text, small=False):
    if small:
        resp = openai.Embedding.create(model="text-embedding-3-small", input=[text])
    else:
        resp = openai.Embedding.create(model="text-embedding-ada-002", input=[text])
    return resp["data"][0]["embedding"]


def streamed(question):
    stream = openai.ChatCompletion.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}], stream=True
    )
    deltas = []
    for chunk in stream:
        if chunk["choices"][0]["finish_reason"] is None:
            deltas.append(chunk["choices"][0]["delta"])
    return "".join([d.get("content", "") for d in deltas])


async def streamed_later(question):
    pending = openai.ChatCompletion.acreate(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}], stream=True
    )
    texts = []
    async for chunk in await pending:
        texts.append(chunk["choices"][0]["delta"].get("content", ""))
    return "|".join(texts)


r = ask("hi")
print("reply:", r["choices"][0]["message"]["content"], r["usage"]["total_tokens"])
first, second = asyncio.run(ask_all(["a", "b"]))
print("gathered:", first["choices"][0]["message"]["content"], second["model"])
print("embedding:", len(embed("x")), len(embed("y", small=True)))
as_dict = r.to_dict_recursive()
print("dict:", sorted(as_dict["choices"][0]["message"].items()), sorted(dict(r)))
print("json:", json.loads(json.dumps(r, sort_keys=True))["usage"])
counted = "total_tokens"
print("usage:", sorted(r["usage"]), r["usage"][counted], "role" in r["choices"][0]["message"])
print("object:", isinstance(r, OpenAIObject), isinstance(as_dict, OpenAIObject))
print("streamed:", repr(streamed("s")), repr(asyncio.run(streamed_later("t"))))
for q in ("u", "v"):  # a coroutine made before its loop runs, and a loop each
    made = openai.ChatCompletion.acreate(
        model="gpt-4o-mini", messages=[{"role": "user", "content": q}]
    )
    print("made outside:", asyncio.run(made)["choices"][0]["message"]["content"])
"""
EXPECTED = [
    "reply: reply from gpt-4o-mini 6",
    "gathered: reply from gpt-4o-mini gpt-4o-mini",
    "embedding: 8 8",
    "dict: [('content', 'reply from gpt-4o-mini'), ('role', 'assistant')] "
    "['choices', 'created', 'id', 'model', 'object', 'usage']",
    "json: {'completion_tokens': 3, 'prompt_tokens': 3, 'total_tokens': 6}",
    "usage: ['completion_tokens', 'prompt_tokens', 'total_tokens'] 6 True",
    "object: True False",
    # the last chunk's delta is empty: `.get("content", "")` in v0, a None `content` in v1
    "streamed: 'streamed ' '|streamed |'",
    "made outside: reply from gpt-4o-mini",
    "made outside: reply from gpt-4o-mini",
]


def test_migrated_program_prints_what_the_v0_original_printed(registry, tmp_path):
    after = migrate(registry, textwrap.dedent(V0_PROGRAM).lstrip(), "openai")
    ctx = RuleContext(registry, registry.get("openai"))
    left = [f for f in check_python(after, ctx, PYTHON_RULES) if f.rule in ("ML305", "ML306")]
    assert left == [], [f.message for f in left]
    (tmp_path / "app.py").write_text(after, encoding="utf-8")
    server = LoopbackServer().start()
    try:
        env = {
            k: v for k, v in os.environ.items() if "OPENAI" not in k and "PROXY" not in k.upper()
        }
        env["LOOPBACK_BASE"] = server.base + "/v1"
        guard = tmp_path / "guard"
        env = network_guard.subprocess_env(env, guard)
        proc = run_python(["app.py"], cwd=tmp_path, env=env, timeout=60)
        assert network_guard.blocked_hosts(guard) == [], proc.stderr
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.splitlines() == EXPECTED
        got = server.requests
        chat, embeddings = ["/v1/chat/completions"], ["/v1/embeddings"]
        # four asyncio.run(), four event loops: the async calls of each have their own client
        assert [r.path for r in got] == chat * 3 + embeddings * 2 + chat * 4
        assert [r.body.get("stream") for r in got[-4:]] == [True, True, None, None]
        assert {r.headers["authorization"] for r in got} == {"Bearer test-key"}
    finally:
        server.stop()


PLACEHOLDER = 'def ask(q, cheap):\n    r = {}\n{branches}    return r["choices"][0]["text"]\n'
CHEAP = '        r = openai.Completion.create(model="small", prompt=q)\n'
LARGE = '        r = openai.Completion.create(model="large", prompt=q)\n'


@pytest.mark.parametrize(
    ("branches", "rewritten"),
    [
        # every branch binds a response before reading r: the `{}` never reaches the read
        (f"    if cheap:\n{CHEAP}    else:\n{LARGE}", True),
        (f"    if cheap:\n{CHEAP}    elif q:\n{LARGE}    else:\n{LARGE}", True),
        ("    if cheap:\n        log(q)\n" + CHEAP + "    else:\n" + LARGE, True),
        # without an `else`, the `{}` reaches the read when no branch runs
        (f"    if cheap:\n{CHEAP}    elif q:\n{LARGE}", False),
        # a branch that reads r before binding it, a test that reads it
        (f"    if cheap:\n        log(r)\n{CHEAP}    else:\n{LARGE}", False),
        (f"    if r or cheap:\n{CHEAP}    else:\n{LARGE}", False),
        # a statement between the placeholder and the `if`
        (f"    log(q)\n    if cheap:\n{CHEAP}    else:\n{LARGE}", False),
    ],
)
def test_a_placeholder_every_branch_overwrites_holds_no_dict(registry, branches, rewritten):
    text = "import openai\n\n\n" + PLACEHOLDER.replace("{branches}", branches)
    [(_, fix, message)] = ml305(registry, text)
    if rewritten:
        assert (fix, message) == (
            FixClass.SAFE,
            "openai 1.0 returns objects, not dicts; write r.choices[0].text",
        )
    else:
        assert fix == FixClass.MANUAL and "holds one only on some paths" in message


IN_TEST = """import openai

openai.api_key = "k"


async def ask(q):
    out = ""
    stream = await openai.ChatCompletion.acreate(model="gpt-4o", messages=q, stream=True)
    async for item in stream:
        delta = item.choices[0].delta
        if "content" in delta:
            out += delta.content
    return out
"""


def in_message(key: str, part: str, field: str = "the attribute") -> str:
    """ML305's message on `key in part` (`field`: how reading the key as an attribute is
    written)."""
    return (
        "openai 1.0 returns objects, not dicts, and `in` no longer finds their fields (on one it "
        f"is always False); where it is a response object write {key} in {part}.to_dict() (the "
        "fields the server sent, as openai<1.0's dict held them: reading "
        f"{field} raises AttributeError where the SDK declares no such field)"
    )


def test_a_key_tested_with_in_on_an_object_tests_its_dict(registry):
    # chatgpt_telegram_bot's stream kept nothing once migrated (`"content" in delta` is
    # False on an object) and `check` passed; the delta's dict holds the keys v0's did
    assert ml305(registry, IN_TEST) == [
        (
            11,
            FixClass.SAFE,
            "openai 1.0 returns objects, not dicts, and `in` no longer finds their fields; "
            "write delta.to_dict()",
        )
    ]
    after = migrate(registry, IN_TEST, "acme")
    assert after.endswith(
        '        if "content" in delta.to_dict():\n            out += delta.content\n    return out\n'
    )
    assert ml305(registry, after) == []


def test_a_key_tested_with_in_elsewhere_is_reported_before_and_after_the_migration(registry):
    # on a part of unknown kind: left as it is, and reported once migrated too
    text = IN_TEST.replace('"content" in delta', '"content" in item["extra"]')
    message = in_message('"content"', 'item["extra"]', 'item["extra"].content')
    assert ml305(registry, text) == [(11, FixClass.MANUAL, message)]
    after = migrate(registry, text, "acme").splitlines()
    line = after.index('        if "content" in item["extra"]:') + 1
    assert ml305(registry, "\n".join(after) + "\n") == [(line, FixClass.MANUAL, message)]
    # v1 code as written: the same, and not where the value is the program's own dict or
    # a string
    v1 = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q, seen):\n"
        '    for chunk in client.chat.completions.create(model="m", messages=q, stream=True):\n'
        "        if 'content' in chunk.choices[0].delta and 'k' in seen:\n"
        "            return chunk\n"
        "        if 'stop' in chunk.choices[0].delta.content:\n"
        "            return None\n"
    )
    assert ml305(registry, v1) == [
        (
            8,
            FixClass.MANUAL,
            in_message("'content'", "chunk.choices[0].delta", "chunk.choices[0].delta.content"),
        )
    ]


FIRST_TEXT = """from openai import OpenAI

client = OpenAI()


def answer(prompt):
    response = client.chat.completions.create(model="m", messages=prompt)
    for choice in response.choices:
        if "text" in choice:
            return choice.text
    return response.choices[0].message.content
"""


def test_the_advice_on_a_key_tested_with_in_runs_on_the_sdks_objects(registry):
    # vanna's OpenAI_Chat (t56e D4): the advice once was to compare the attribute with None,
    # and `choice.text is not None` raises AttributeError on a chat choice of openai 1.x
    from openai.types.chat.chat_completion import Choice

    assert ml305(registry, FIRST_TEXT) == [
        (9, FixClass.MANUAL, in_message('"text"', "choice", "choice.text"))
    ]
    advised = FIRST_TEXT.replace('"text" in choice:', '"text" in choice.to_dict():')
    assert ml305(registry, advised) == []
    message = {"role": "assistant", "content": "hi"}
    choice = Choice.model_validate({"index": 0, "finish_reason": "stop", "message": message})
    assert ("text" in choice, "text" in choice.to_dict()) == (False, False)
    with pytest.raises(AttributeError):
        _ = choice.text
    # a field the server sent is a key of the dict, as it was in openai<1.0's
    sent = Choice.model_validate(
        {"index": 0, "finish_reason": "stop", "message": message, "text": "old"}
    )
    assert ("text" in sent, "text" in sent.to_dict()) == (False, True)


STRING_FIELDS_TESTED = """from openai import OpenAI

client = OpenAI()


def reply(q):
    r = client.chat.completions.create(model="m", messages=q)
    answer = r.choices[0].message.content
    if "TOOL:" in answer:
        return answer.split("TOOL:")[1]
    message = r.choices[0].message
    if "DONE" in message.content or "content" in message:
        return None
    call = message.tool_calls[0]
    args = call.function.arguments
    return "city" in args and "content" in r.choices[0].message


def words(q):
    for chunk in client.chat.completions.create(model="m", messages=q, stream=True):
        piece = chunk.choices[0].delta.content
        if "\\n" not in piece:
            yield piece
    done = client.completions.create(model="m", prompt=q).choices[0].text
    yield "END" in done
"""


def test_in_on_a_string_field_through_a_name_is_a_substring_test(registry):
    # awesome-llm-apps: `text = r.choices[0].message.content`, then `"TOOL:" in text`,
    # kept `check` failing; a name bound to a field the SDK types as a string (the content
    # of a message or a delta, a completion's text, a call's arguments) is a str in v1 too,
    # while a name bound to the message itself still tests keys of an object
    assert ml305(registry, STRING_FIELDS_TESTED) == [
        (12, FixClass.MANUAL, in_message('"content"', "message", "message.content")),
        (
            16,
            FixClass.MANUAL,
            in_message('"content"', "r.choices[0].message", "r.choices[0].message.content"),
        ),
    ]
    v0 = (
        "import openai\n\n\ndef reply(q):\n"
        '    r = openai.ChatCompletion.create(model="m", messages=q)\n'
        '    answer = r["choices"][0]["message"]["content"]\n'
        '    return "TOOL:" in answer\n'
    )
    assert [line for line, *_ in ml305(registry, v0)] == [6]  # the key, rewritten
    after = migrate(registry, v0, "acme")
    assert after.endswith(
        '    answer = r.choices[0].message.content\n    return "TOOL:" in answer\n'
    )
    assert ml305(registry, after) == []


# A part that is an object in v1 read as a mapping: `.to_dict()` is the dict v0 held.
TOKEN_COUNTS = (
    "def token_counts(prompt):\n"
    '    wanted = {"prompt_tokens", "completion_tokens"}\n'
    "    counts = {}\n"
    '    reply = openai.ChatCompletion.create(model="gpt-4o", messages=prompt)\n'
    '    for name in wanted.intersection(reply["usage"]):\n'
    '        counts[name] = reply["usage"][name]\n'
    "    return counts\n"
)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_part_looked_up_by_a_computed_key_and_passed_on_gets_to_dict(registry, provider):
    text = "import openai\n\n\n" + TOKEN_COUNTS
    after = migrate(registry, text, provider)
    assert after == HEADER[provider] + "\n\n" + (
        "def token_counts(prompt):\n"
        '    wanted = {"prompt_tokens", "completion_tokens"}\n'
        "    counts = {}\n"
        "    reply = client.chat.completions.create(model=MODEL, messages=prompt)\n"
        "    for name in wanted.intersection(reply.usage.to_dict()):\n"
        "        counts[name] = reply.usage.to_dict()[name]\n"
        "    return counts\n"
    ).replace("MODEL", '"gpt-4o"' if provider == "openai" else '"acme-large"')
    assert ml305(registry, text, provider) == [
        (
            8,
            FixClass.REVIEW,
            "openai 1.0 returns objects, not dicts; pass reply.usage.to_dict() to "
            "wanted.intersection(), the dict openai<1.0 passed (unless it reads fields as "
            "attributes; a part the API sent as null has no to_dict())",
        ),
        (
            9,
            FixClass.SAFE,
            "openai 1.0 returns objects, not dicts; write reply.usage.to_dict()[name]",
        ),
    ]
    assert ml305(registry, after, provider) == []  # what `check` sees after `apply`


MAPPINGS = [
    pytest.param(
        '    u = r["usage"]\n'
        '    return u[k], [n for n in u], "total_tokens" in u, sorted(u), u.items()\n',
        "    u = r.usage\n"
        "    return (\n"
        "        u.to_dict()[k],\n"
        "        [n for n in u.to_dict()],\n"
        '        "total_tokens" in u.to_dict(),\n'
        "        sorted(u.to_dict()),\n"
        "        u.to_dict().items(),\n"
        "    )\n",
        [
            (6, FixClass.SAFE),
            (7, FixClass.SAFE),
            (7, FixClass.REVIEW),
            (7, FixClass.SAFE),
            (7, FixClass.SAFE),
            (7, FixClass.REVIEW),
        ],
        id="a-name-bound-to-a-part",
    ),
    pytest.param(
        '    return r[k], k in r, r["choices"][k]["message"]["content"]\n',
        "    return r.to_dict()[k], k in r.to_dict(), r.choices[k].message.content\n",
        [(6, FixClass.SAFE)] * 3,
        id="the-whole-response-and-an-item-of-a-list",
    ),
    pytest.param(
        '    message = r["choices"][0]["message"]\n'
        "    history.append(message)\n"
        "    extra = message[k]\n"
        '    return extra["name"], print(message), isinstance(message, dict)\n',
        "    message = r.choices[0].message\n"
        "    history.append(message.to_dict())\n"
        "    extra = message.to_dict()[k]\n"
        '    return extra["name"], print(message), isinstance(message, dict)\n',
        [(6, FixClass.SAFE), (7, FixClass.REVIEW), (8, FixClass.SAFE)],
        id="passed-on-or-looked-up-what-follows-stays-a-dict-access",
    ),
    pytest.param(
        '    for role, text in r["choices"][0]["message"].items():\n        print(role, text)\n',
        "    for role, text in r.choices[0].message.to_dict().items():\n"
        "        print(role, text)\n",
        [(6, FixClass.REVIEW)],
        id="items",
    ),
]


@pytest.mark.parametrize(("body", "after", "fixes"), MAPPINGS)
def test_a_part_that_is_an_object_read_as_a_mapping(registry, body, after, fixes):
    text = (
        "import openai\n\n\ndef ask(history, k):\n"
        '    r = openai.ChatCompletion.create(model="gpt-4o", messages=history)\n' + body
    )
    migrated = migrate(registry, text, "acme")
    assert migrated.endswith(
        '    r = client.chat.completions.create(model="acme-large", messages=history)\n' + after
    )
    assert [(line, fix) for line, fix, _ in ml305(registry, text)] == fixes
    assert ml305(registry, migrated) == []


def test_a_key_that_is_no_identifier_and_a_loop_over_moderation_categories(registry):
    text = (
        "import openai\n\n\ndef flagged(text):\n"
        "    result = openai.Moderation.create(input=text)['results'][0]\n"
        "    names = [c for c in result['categories'] if result['categories'][c]]\n"
        "    return names, result['category_scores']['self-harm']\n"
    )
    assert migrate(registry, text, "openai").endswith(
        "    result = client.moderations.create(input=text).results[0]\n"
        "    names = [c for c in result.categories.to_dict() if result.categories.to_dict()[c]]\n"
        "    return names, result.category_scores.to_dict()['self-harm']\n"
    )
    assert [m for _, _, m in ml305(registry, text, "openai")][1:] == [
        "openai 1.0 returns objects, not dicts, and iterating one gives (field, value) pairs; "
        "write result.categories.to_dict() (its keys come in the order the SDK declares "
        "them, not the API's)",
        "openai 1.0 returns objects, not dicts; write result.categories.to_dict()[c]",
        "openai 1.0 returns objects, not dicts; write "
        "result.category_scores.to_dict()['self-harm']",
    ]


def test_lists_strings_and_unknown_fields_keep_a_computed_index(registry):
    text = (
        "import openai\n\n\ndef pick(i):\n"
        '    r = openai.Embedding.create(model="text-embedding-3-small", input=["a"])\n'
        '    return r["data"][i]["embedding"][i], r["model"][i], r["extra"][i]\n'
    )
    assert migrate(registry, text, "acme").endswith(
        "    return r.data[i].embedding[i], r.model[i], r.extra[i]\n"
    )


REBOUND = (
    "def model_ids():\n"
    "    ids = openai.Model.list()\n"
    '    ids = [entry["id"] for entry in ids["data"]]\n'
    "    print(ids)\n"
    "    return json.dumps(ids)\n"
)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_name_bound_again_from_its_own_response(registry, provider):
    """The value of `ids = [...]` reads the `ids` bound before it, a response; the uses
    after it read a list of strings, which stays as it is."""
    text = "import json\n\nimport openai\n\n\n" + REBOUND
    after = migrate(registry, text, provider)
    assert after.endswith(
        "def model_ids():\n"
        "    ids = client.models.list()\n"
        "    ids = [entry.id for entry in ids.data]\n"
        "    print(ids)\n"
        "    return json.dumps(ids)\n"
    )
    assert ml305(registry, text, provider) == [
        (8, FixClass.SAFE, "openai 1.0 returns objects, not dicts; write entry.id"),
        (8, FixClass.SAFE, "openai 1.0 returns objects, not dicts; write ids.data"),
    ]
    assert ml305(registry, after, provider) == []


def test_a_name_bound_again_in_a_loop_may_hold_either(registry):
    """In a loop the statement's own binding reaches its value on the next round."""
    text = (
        "import openai\n\n\ndef refine(m, rounds):\n"
        '    r = openai.ChatCompletion.create(model="gpt-4o", messages=m)\n'
        "    for _ in range(rounds):\n"
        '        r = improve(r["choices"][0])\n'
        "    return r\n"
    )
    [(line, fix, message)] = ml305(registry, text)
    assert (line, fix) == (7, FixClass.MANUAL) and "only on some paths" in message


def test_check_after_apply_passes_on_parts_read_as_mappings(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(
        "import json\n\nimport openai\n\n\n" + TOKEN_COUNTS + "\n\n" + REBOUND, encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    options = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
    before = CliRunner().invoke(app, ["check", *options, "--format", "json", "app.py"])
    assert before.exit_code == 1
    assert [f["rule"] for f in json.loads(before.stdout)["findings"]].count("ML305") == 4
    applied = CliRunner().invoke(app, ["apply", *options, "--yes", "--allow-dirty", "app.py"])
    assert applied.exit_code == 0, applied.output
    after = CliRunner().invoke(app, ["check", *options, "--format", "json", "app.py"])
    # what is left is acme's unconfirmed support for listing models, not a response access
    assert [f["rule"] for f in json.loads(after.stdout)["findings"]] == ["ML101"]


EXTRA_FIELDS = """from openai import OpenAI

client = OpenAI()


def answer(m, stream):
    if stream:
        for part in client.chat.completions.create(model="m", messages=m, stream=True):
            if isinstance(part.sources, dict):
                print(part.sources.get("pages", []), "pages" in part.sources)
            if isinstance(part.choices[0].delta, dict):
                print(part.choices[0].delta.get("content"))
            print(part.choices[0].delta.get("content", ""))
    else:
        part = client.chat.completions.create(model="m", messages=m)
"""


def test_fields_a_compatible_server_adds_and_dicts_tested_as_such_are_not_reported(registry):
    """A field the SDK does not declare is the plain dict the JSON held, and a value tested
    with `isinstance(x, dict)` is one where the access runs; a declared field still is an
    object: reported as before."""
    # line 13 reads the stream's chunks only: the response bound below it comes after
    assert ml305(registry, EXTRA_FIELDS) == [
        (
            13,
            FixClass.SAFE,
            'openai 1.0 returns objects, not dicts; write part.choices[0].delta.content or ""',
        )
    ]
    without_guards = EXTRA_FIELDS.replace("isinstance(part.sources, dict)", "part.sources")
    assert [line for line, _, _ in ml305(registry, without_guards)] == [13]


def test_an_access_tested_to_be_on_a_dict_in_v0_code_is_left(registry):
    text = (
        "import openai\n\n\ndef role(m):\n"
        '    for chunk in openai.ChatCompletion.create(model="gpt-4o", messages=m, stream=True):\n'
        '        if isinstance(chunk["choices"][0]["delta"], dict):\n'
        '            print(chunk["choices"][0]["delta"]["role"])\n'
    )
    assert migrate(registry, text, "acme").endswith(
        "        if isinstance(chunk.choices[0].delta, dict):\n"
        '            print(chunk.choices[0].delta["role"])\n'
    )


def test_a_name_bound_again_further_down_is_not_seen_before(registry):
    # SuperAGI: `models` bound a third time below its use; that binding cannot reach it
    text = (
        "import openai\n\n\ndef names():\n"
        "    models = openai.Model.list()\n"
        '    models = [m["id"] for m in models["data"]]\n'
        '    models = [m for m in models if m in ("a", "b")]\n'
        "    return models\n"
    )
    assert migrate(registry, text, "acme").endswith(
        "    models = client.models.list()\n"
        "    models = [m.id for m in models.data]\n"
        '    models = [m for m in models if m in ("a", "b")]\n'
        "    return models\n"
    )


def test_a_v1_response_left_subscripted_by_an_earlier_apply_is_reported(registry):
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef names():\n"
        "    models = client.models.list()\n"
        '    models = [m["id"] for m in models["data"]]\n'
        "    return models\n"
    )
    assert ml305(registry, text) == [
        (8, FixClass.SAFE, "openai 1.0 returns objects, not dicts; write models.data")
    ]


def test_a_part_got_with_get_and_passed_on_stays_none_where_the_api_sent_null(registry):
    # early LangChain: `logprobs=choice.get("logprobs")` is None unless asked for
    text = (
        "import openai\n\n\ndef gen(model, p):\n"
        "    r = openai.Completion.create(model=model, prompt=p)\n"
        '    return [dict(text=c["text"], logprobs=c.get("logprobs")) for c in r["choices"]]\n'
    )
    after = migrate(registry, text, "acme")
    assert "logprobs=(c.logprobs.to_dict() if c.logprobs is not None else None)" in after
    assert 'c["text"]' not in after and "r.choices" in after
    assert (
        6,
        FixClass.REVIEW,
        (
            "openai 1.0 returns objects, not dicts; pass (c.logprobs.to_dict() if c.logprobs is "
            "not None else None) to dict(), the dict openai<1.0 passed (unless it reads fields as "
            "attributes)"
        ),
    ) in ml305(registry, text)


DICT_GUARDS = [
    pytest.param(
        '    return getattr(r, "id", None) if not isinstance(r, dict) else r.get("id")\n',
        id="else-of-a-negated-conditional",
    ),
    pytest.param(
        '    if not isinstance(r, dict):\n        return r.id\n    else:\n        return r["id"]\n',
        id="else-of-a-negated-if",
    ),
    pytest.param(
        '    if not isinstance(r, dict):\n        return r.id\n    return r.get("id")\n',
        id="after-an-early-return",
    ),
    pytest.param(
        "    if isinstance(r, dict):\n"
        "        pass\n"
        "    else:\n"
        "        raise TypeError(r)\n"
        '    return r["id"]\n',
        id="after-an-else-that-raises",
    ),
    pytest.param(
        "    from collections.abc import Mapping\n\n"
        '    return isinstance(r, (list, Mapping)) and r.get("id")\n',
        id="and-with-a-mapping-in-a-tuple",
    ),
    pytest.param(
        '    return not isinstance(r, dict) or r.get("id")\n',
        id="or-after-a-negated-test",
    ),
    pytest.param(
        '    assert isinstance(r, dict)\n    return r["id"]\n',
        id="after-an-assert",
    ),
]


@pytest.mark.parametrize("read", DICT_GUARDS)
def test_a_read_where_the_value_is_tested_to_be_a_dict_is_left(registry, read):
    """A client of the program's own may give a dict: a read in code that runs only where
    `isinstance(r, dict)` held is left as it is, in v1 code and in v0 code."""
    v1 = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef last_id(m):\n"
        '    r = client.chat.completions.create(model="gpt-4o", messages=m)\n' + read
    )
    assert ml305(registry, v1) == []
    assert migrate(registry, v1, "acme").endswith(
        '    r = client.chat.completions.create(model="acme-large", messages=m)\n' + read
    )
    v0 = 'import openai\n\n\ndef last_id(m):\n    r = openai.Completion.create(model="m", prompt=m)\n'
    assert ml305(registry, v0 + read) == []
    assert migrate(registry, v0 + read, "acme").endswith(
        '    r = client.completions.create(model="m", prompt=m)\n' + read
    )


@pytest.mark.parametrize(
    "read",
    [
        pytest.param(
            '    if isinstance(r, dict):\n        return None\n    return r.get("id")\n',
            id="after-a-return-for-dicts",
        ),
        pytest.param(
            '    if not isinstance(r, dict):\n        print(r)\n    return r.get("id")\n',
            id="after-a-branch-that-falls-through",
        ),
        pytest.param(
            "    if not isinstance(r, dict):\n        return None\n"
            '    r = client.chat.completions.create(model="gpt-4o", messages=m)\n'
            '    return r.get("id")\n',
            id="bound-again-after-the-test",
        ),
        pytest.param(
            '    return r.get("id") if isinstance(r, dict) or m else None\n',
            id="or-of-the-test",
        ),
    ],
)
def test_a_read_the_test_does_not_cover_is_still_rewritten(registry, read):
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef last_id(m):\n"
        '    r = client.chat.completions.create(model="gpt-4o", messages=m)\n' + read
    )
    assert ml305(registry, text) == [
        (text.count("\n"), FixClass.SAFE, "openai 1.0 returns objects, not dicts; write r.id")
    ]
    after = read.replace('r.get("id")', "r.id").replace("gpt-4o", "acme-large")
    assert migrate(registry, text, "acme").endswith(after)


def test_check_passes_after_apply_on_a_read_for_dicts_only(registry, tmp_path, monkeypatch):
    """A dict read in the `else` of `not isinstance(r, dict)` stays, and `check` passes."""
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef last_id(m):\n"
        '    r = client.chat.completions.create(model="gpt-4o", messages=m)\n'
        '    return getattr(r, "id", None) if not isinstance(r, dict) else r.get("id")\n'
    )
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    options = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
    applied = CliRunner().invoke(app, ["apply", *options, "--yes", "--allow-dirty", "app.py"])
    assert applied.exit_code == 0, applied.output
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert after.endswith(
        '    r = client.chat.completions.create(model="acme-large", messages=m)\n'
        '    return getattr(r, "id", None) if not isinstance(r, dict) else r.get("id")\n'
    )
    assert CliRunner().invoke(app, ["check", *options, "app.py"]).exit_code == 0


# --- accesses split over lines (black breaks a long chain inside its brackets) ---------------

ASK = (
    "import openai\n\n\ndef ask(q):\n"
    '    r = openai.ChatCompletion.create(model="gpt-4o", messages=q)\n'
)
ASKED = '    r = client.chat.completions.create(model="acme-large", messages=q)\n'

SPLIT = [
    pytest.param(
        "import openai\n\n\ndef embed(text):\n"
        '    return openai.Embedding.create(input=[text], model="text-embedding-ada-002")[\n'
        '        "data"\n'
        '    ][0]["embedding"]\n',
        "def embed(text):\n"
        '    return client.embeddings.create(input=[text], model="acme-embed").data[0].embedding\n',
        "client.embeddings.create(...).data[0].embedding",
        id="black-layout-of-a-call-chain",
    ),
    pytest.param(
        "import openai\n\n\ndef embed(text):\n"
        "    return openai.Embedding.create(\n"
        '        input=[text.replace("\\n", " ")], model="text-embedding-ada-002"\n'
        '    )["data"][0]["embedding"]\n',
        "def embed(text):\n"
        "    return client.embeddings.create(\n"
        '        input=[text.replace("\\n", " ")], model="acme-embed"\n'
        "    ).data[0].embedding\n",
        "client.embeddings.create(...).data[0].embedding",
        id="after-a-call-split-over-lines",
    ),
    pytest.param(
        "import openai\n\n\ndef ask(q):\n"
        '    return openai.ChatCompletion.create(model="gpt-4o", messages=q, temperature=0.5)[\n'
        '        "choices"\n'
        '    ][0]["message"]["content"]\n',
        "def ask(q):\n"
        "    return (\n"
        '        client.chat.completions.create(model="acme-large", messages=q, temperature=0.5)\n'
        "        .choices[0]\n"
        "        .message.content\n"
        "    )\n",
        "client.chat.completions.create(...).choices[0].message.content",
        id="too-long-once-joined-wrapped-as-black-would",
    ),
    pytest.param(
        ASK + '    return r["choices"][\n        n - 1\n    ]["message"]["content"]\n',
        "def ask(q):\n" + ASKED + "    return r.choices[n - 1].message.content\n",
        "r.choices[n - 1].message.content",
        id="an-index-split-over-lines-joined",
    ),
    pytest.param(
        ASK + '    return r["choices"][\n        0  # the first\n    ]["message"]["content"]\n',
        "def ask(q):\n" + ASKED + "    return r.choices[\n        0  # the first\n"
        "    ].message.content\n",
        "r.choices[0].message.content",
        id="an-index-holding-a-comment-keeps-its-lines",
    ),
    pytest.param(
        ASK
        + '    return r["choices"][0]["message"].get(\n        "content",\n        "",\n    )\n',
        "def ask(q):\n" + ASKED + '    return (r.choices[0].message.content or "")\n',
        '(r.choices[0].message.content or "")',
        id="get-split-over-lines",
    ),
    pytest.param(
        ASK + '    return (r)[\n        "choices"\n    ][0]\n',
        "def ask(q):\n" + ASKED + "    return (r).choices[0]\n",
        "(r).choices[0]",
        id="a-parenthesised-base",
    ),
]


@pytest.mark.parametrize(("before", "after", "written"), SPLIT)
def test_an_access_split_over_lines_is_rewritten_whole(registry, tmp_path, before, after, written):
    line = 6 if before.startswith(ASK) else 5
    assert ml305(registry, before) == [
        (line, FixClass.SAFE, f"openai 1.0 returns objects, not dicts; write {written}")
    ]
    assert migrate(registry, before, "acme") == f"{HEADER['acme']}\n\n{after}"
    assert_scan_matches_apply(registry, "acme", "app.py", before, tmp_path)


def test_a_comment_inside_the_brackets_of_a_key_leaves_the_access_to_you(registry, tmp_path):
    """Rewritten, `["choices"  # one per n]` would lose its comment: manual, unchanged."""
    read = '    return r[\n        "choices"  # one per n\n    ][0]["message"]["content"]\n'
    text = ASK + read
    assert ml305(registry, text) == [
        (
            6,
            FixClass.MANUAL,
            "openai 1.0 returns objects, not dicts; write r.choices[0].message.content; move "
            'the comment out of ["choices"] first: a rewrite drops it',
        )
    ]
    assert migrate(registry, text, "acme") == f"{HEADER['acme']}\n\ndef ask(q):\n{ASKED}{read}"
    assert_scan_matches_apply(registry, "acme", "app.py", text, tmp_path)


def test_a_key_with_a_trailing_comma_is_a_tuple_and_is_left(registry, tmp_path):
    """`r["choices",]` looks up the key `("choices",)`: no field, in v0 or v1."""
    read = '    return r[\n        "choices",\n    ][0], r["usage",]\n'
    text = ASK + read
    assert ml305(registry, text) == []
    assert migrate(registry, text, "acme") == f"{HEADER['acme']}\n\ndef ask(q):\n{ASKED}{read}"
    assert_scan_matches_apply(registry, "acme", "app.py", text, tmp_path)


def test_a_kept_index_spanning_lines_with_a_comment_is_shown_short(registry):
    """The message is one line: an index whose own text spans lines shows as `[...]`."""
    text = ASK + '    return r["choices"][\n        n  # from the end\n        - 1\n    ]["text"]\n'
    assert ml305(registry, text) == [
        (6, FixClass.SAFE, "openai 1.0 returns objects, not dicts; write r.choices[...].text")
    ]
    assert migrate(registry, text, "acme").endswith(
        "    return r.choices[\n        n  # from the end\n        - 1\n    ].text\n"
    )


EARLY_RETURN_BLOCKS = [
    pytest.param(
        # a `break` between the binding and the `return` leaves the loop for the read
        "def ask(q, backends):\n"
        "    for url in backends:\n"
        "        if url:\n"
        '            r = requests.post(url, json={"q": q}).json()\n'
        '            if "usage" in r:\n'
        "                break\n"
        '            return r["text"]\n'
        '        r = openai.ChatCompletion.create(model="gpt-4o", messages=q)\n'
        '    return r["usage"]["total_tokens"]\n',
        [(13, "r.text"), (15, "r.usage.total_tokens")],
        14,
        id="loop-break",
    ),
    pytest.param(
        # contextlib.suppress swallows the KeyError on the way to the `return`
        "def ask(q, other):\n"
        "    with contextlib.suppress(KeyError):\n"
        "        if other:\n"
        '            r = requests.post("https://other.example/v1", json={"q": q}).json()\n'
        '            return r["text"]\n'
        "    if not other:\n"
        '        r = openai.ChatCompletion.create(model="gpt-4o", messages=q)\n'
        '    return r["usage"]["total_tokens"]\n',
        [(14, "r.usage.total_tokens")],
        13,
        id="with-suppress",
    ),
]


@pytest.mark.parametrize(("body", "reads", "response_line"), EARLY_RETURN_BLOCKS)
def test_a_return_a_loop_or_with_may_skip_does_not_hide_the_binding(
    registry, body, reads, response_line
):
    # t65 review: the early-return exemption only holds with no loop or `with` around the
    # binding's block in the function; otherwise r may still hold the other service's dict
    text = "import contextlib\n\nimport openai\nimport requests\n\n\n" + body
    assert ml305(registry, text) == [
        (
            line,
            FixClass.MANUAL,
            "openai 1.0 returns objects, not dicts, and r holds one only on some paths (a "
            f"response comes from line {response_line}); where it holds a response, write " + write,
        )
        for line, write in reads
    ]
    assert migrate(registry, text, "acme").endswith(
        body.replace("openai.ChatCompletion", "client.chat.completions").replace(
            '"gpt-4o"', '"acme-large"'
        )
    )
