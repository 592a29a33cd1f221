"""openai<1.0 rewrites: errors (ML303), responses (ML305), test doubles (ML306), pins (ML504).

Every case: the exact text after `apply`, which parses, and which a second run leaves alone.
"""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner, migrate_text
from migrate_llm.formats import classify
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config
from migrate_llm.rules.legacy_results import MOCK_TARGETS
from migrate_llm.rules.python import check_python

PROVIDERS = ("openai", "acme")
# What `apply` puts after `import openai` in a module that calls the v0 API.
# (The tests run in the project directory: lines are wrapped at its line length, 100.)
HEADER = {
    # the key is never None: v1 refuses to build a client without one, v0 imported fine
    "openai": "import os\n\nimport openai\n\nclient = openai.OpenAI(\n"
    '    api_key=openai.api_key or os.environ.get("OPENAI_API_KEY", "unset"),\n'
    "    base_url=openai.base_url,\n    organization=openai.organization,\n)\n",
    "acme": "import os\n\nimport openai\n\nclient = openai.OpenAI(\n"
    '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
    '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n',
}


# The async client `apply` writes is one per event loop (`asyncio.run()` opens a new loop each
# time, and a client's connections stay on the loop that opened them); before this function,
# `@functools.lru_cache(maxsize=1)\ndef _aclient_on(loop):\n    return AsyncOpenAI(...)`.
ACLIENT = (
    "def _aclient():\n"
    "    # a client per event loop: its connections stay on the loop that opened them\n"
    "    try:\n"
    "        loop = asyncio.get_running_loop()\n"
    "    except RuntimeError:\n"
    "        return _aclient_on.__wrapped__(None)\n"
    "    return _aclient_on(loop)\n"
)


def migrate(registry, text: str, provider: str, kind: str = "python", name: str = "app.py"):
    """`apply` on one file: its new text, checked to parse and to be a fixed point."""
    ctx = RuleContext(registry, registry.get(provider))
    scanner = FileScanner(ctx, Path("."))

    def once(before: str) -> str:
        if kind == "toml":  # the engine's prefilter skips a pyproject naming only `openai<1`
            return migrate_text(before, kind, name, check_config(name, before, ctx))[0]
        change = scanner.migrate_text(before, kind, name, name)
        assert change.error is None, change.error
        return change.after

    after = once(text)
    if kind == "python" or name.endswith(".py"):
        ast.parse(after)
    assert once(after) == after
    return after


ERRORS = [
    pytest.param(
        "import openai as oa\ntry:\n    pass\n"
        "except (oa.error.RateLimitError, oa.error.ServiceUnavailableError) as e:\n"
        '    raise oa.error.APIError("retry") from e\n',
        "import openai as oa\ntry:\n    pass\n"
        "except (oa.RateLimitError, oa.InternalServerError) as e:\n"
        '    raise oa.APIError("retry") from e\n',
        id="attribute-through-alias",
    ),
    pytest.param(
        "from openai.error import RateLimitError, ServiceUnavailableError, TryAgain\n"
        "try:\n    pass\nexcept (RateLimitError, ServiceUnavailableError):\n    pass\n"
        "except TryAgain:\n    pass\n",
        "from openai import RateLimitError, InternalServerError, ConflictError\n"
        "try:\n    pass\nexcept (RateLimitError, InternalServerError):\n    pass\n"
        "except ConflictError:\n    pass\n",
        id="from-import-409-is-a-conflict",
    ),
    pytest.param(
        "from openai.error import InvalidRequestError as BadRequest, Timeout\n"
        "try:\n    pass\nexcept (BadRequest, Timeout):\n    pass\n",
        "from openai import BadRequestError as BadRequest, APITimeoutError\n"
        "try:\n    pass\nexcept (BadRequest, APITimeoutError):\n    pass\n",
        id="from-import-alias-kept",
    ),
    pytest.param(
        "from openai.error import (\n    InvalidRequestError,\n"
        "    ServiceUnavailableError,  # outages\n    TryAgain,\n)\n",
        "from openai import (\n    BadRequestError,\n    InternalServerError,  # outages\n"
        "    ConflictError,\n)\n",
        id="from-import-parenthesised-keeps-comments",
    ),
    pytest.param(
        "from openai import error\n\n\ndef f():\n    try:\n        pass\n"
        "    except error.AuthenticationError:\n        pass\n",
        "import openai\n\n\ndef f():\n    try:\n        pass\n"
        "    except openai.AuthenticationError:\n        pass\n",
        id="from-openai-import-error",
    ),
    pytest.param(
        "import openai\nfrom openai import error\ntry:\n    pass\nexcept error.Timeout:\n    pass\n",
        "import openai\ntry:\n    pass\nexcept openai.APITimeoutError:\n    pass\n",
        id="from-openai-import-error-already-imported",
    ),
    pytest.param(
        "from openai import error as oe\ntry:\n    pass\nexcept oe.Timeout:\n    pass\n",
        "import openai as oe\ntry:\n    pass\nexcept oe.APITimeoutError:\n    pass\n",
        id="from-openai-import-error-as",
    ),
    pytest.param(
        "import openai.error\ntry:\n    pass\nexcept openai.error.PermissionError:\n    pass\n",
        "import openai\ntry:\n    pass\nexcept openai.PermissionDeniedError:\n    pass\n",
        id="import-openai-error",
    ),
    pytest.param(
        "import openai\nimport openai.error\nx = openai.error.OpenAIError\n",
        "import openai\nx = openai.OpenAIError\n",
        id="import-openai-error-already-imported",
    ),
    pytest.param(
        "import openai\ntry:\n    pass\nexcept openai.error.Foo:\n    pass\n",
        "import openai\ntry:\n    pass\nexcept openai.error.Foo:\n    pass\n",
        id="unknown-error-left-alone",
    ),
]


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(("before", "after"), ERRORS)
def test_errors(registry, provider, before, after):
    assert migrate(registry, before, provider) == after


def test_unknown_error_is_manual_and_says_so(registry):
    text = "import openai\ntry:\n    pass\nexcept openai.error.Foo:\n    pass\n"
    [finding] = check_python(text, RuleContext(registry, registry.get("acme")), PYTHON_RULES)
    assert (finding.rule, finding.fix, finding.edit) == ("ML303", FixClass.MANUAL, None)


RESPONSES = [
    pytest.param(
        "def embed(model, text):\n"
        '    return openai.Embedding.create(input=[text], model=model)["data"][0]["embedding"]\n',
        "def embed(model, text):\n"
        "    return client.embeddings.create(input=[text], model=model).data[0].embedding\n",
        id="chained-on-the-call",
    ),
    pytest.param(
        "def ask(model, m):\n"
        "    resp = openai.ChatCompletion.create(\n        model=model,\n        messages=m,\n    )\n"
        '    print(resp["usage"]["total_tokens"], resp.get("id"))\n'
        '    role = resp["choices"][0]["message"].get("role", "assistant")\n'
        '    return resp["choices"][0]["message"].get("content", "").strip()\n',
        "def ask(model, m):\n"
        "    resp = client.chat.completions.create(\n        model=model,\n        messages=m,\n    )\n"
        "    print(resp.usage.total_tokens, resp.id)\n"
        "    role = (\n        resp.choices[0].message.role if resp.choices[0].message.role is not None "
        'else "assistant"\n    )\n'
        '    return (resp.choices[0].message.content or "").strip()\n',
        id="assigned-name-get-and-defaults",
    ),
    pytest.param(
        "def stream(model, m):\n"
        "    for chunk in openai.ChatCompletion.create(model=model, messages=m, stream=True):\n"
        '        yield chunk["choices"][0]["delta"].get("content", "")\n',
        "def stream(model, m):\n"
        "    for chunk in client.chat.completions.create(model=model, messages=m, stream=True):\n"
        '        yield (chunk.choices[0].delta.content or "")\n',
        id="streamed-loop",
    ),
    pytest.param(
        "def stream(model, m):\n"
        "    chunks = openai.ChatCompletion.create(model=model, messages=m, stream=True)\n"
        "    for chunk in chunks:\n"
        '        print(chunk["choices"][0]["delta"].get("content"))\n',
        "def stream(model, m):\n"
        "    chunks = client.chat.completions.create(model=model, messages=m, stream=True)\n"
        "    for chunk in chunks:\n"
        "        print(chunk.choices[0].delta.content)\n",
        id="streamed-through-a-name",
    ),
    pytest.param(
        "def embed_all(model, texts):\n"
        "    resp = openai.Embedding.create(input=texts, model=model)\n"
        '    vectors = [item["embedding"] for item in resp["data"]]\n'
        '    for choice in openai.Completion.create(model=model, prompt="x")["choices"]:\n'
        '        print(choice["text"])\n'
        "    return vectors\n",
        "def embed_all(model, texts):\n"
        "    resp = client.embeddings.create(input=texts, model=model)\n"
        "    vectors = [item.embedding for item in resp.data]\n"
        '    for choice in client.completions.create(model=model, prompt="x").choices:\n'
        "        print(choice.text)\n"
        "    return vectors\n",
        id="items-of-a-list-field",
    ),
    pytest.param(
        "def first(model, m):\n"
        "    resp = openai.ChatCompletion.create(model=model, messages=m)\n"
        '    choice = resp["choices"][0]\n'
        '    return choice["message"]["content"], choice["finish_reason"]\n',
        "def first(model, m):\n"
        "    resp = client.chat.completions.create(model=model, messages=m)\n"
        "    choice = resp.choices[0]\n"
        "    return choice.message.content, choice.finish_reason\n",
        id="name-bound-to-a-part",
    ),
    pytest.param(
        "def not_responses(model, resp, m):\n"
        '    data = {"choices": [{"text": "x"}]}\n'
        '    print(data["choices"][0]["text"], resp["choices"])\n'
        "    r = openai.Completion.create(model=model, prompt=m)\n"
        '    r = r["choices"][0]\n'
        '    return r["text"]\n',
        "def not_responses(model, resp, m):\n"
        '    data = {"choices": [{"text": "x"}]}\n'
        '    print(data["choices"][0]["text"], resp["choices"])\n'
        "    r = client.completions.create(model=model, prompt=m)\n"
        "    r = r.choices[0]\n"
        "    return r.text\n",
        id="a-name-bound-again-from-its-response",
    ),
]


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(("before", "after"), RESPONSES)
def test_responses(registry, provider, before, after):
    text = f"import openai\n\n\n{before}"
    assert migrate(registry, text, provider) == f"{HEADER[provider]}\n\n{after}"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_async_responses(registry, provider):
    text = (
        "import openai\n\n\nasync def ask(model, m):\n"
        "    resp = await openai.ChatCompletion.acreate(model=model, messages=m)\n"
        "    first = (await openai.ChatCompletion.acreate(model=model, messages=m))"
        '["choices"][0]\n'
        '    return resp["choices"][0]["message"]["content"], first["text"]\n'
    )
    after = migrate(registry, text, provider)
    assert after.endswith(
        "async def ask(model, m):\n"
        "    resp = await _aclient().chat.completions.create(model=model, messages=m)\n"
        "    first = (await _aclient().chat.completions.create(model=model, messages=m))"
        ".choices[0]\n"
        "    return resp.choices[0].message.content, first.text\n"
    )


def test_response_rewrite_keeps_the_edits_inside_the_call(registry):
    text = (
        "import openai\n"
        'text = openai.Completion.create(engine="gpt-4o", prompt="hi")["choices"][0]["text"]\n'
    )
    assert migrate(registry, text, "acme").endswith(
        'text = client.completions.create(model="acme-large", prompt="hi").choices[0].text\n'
    )


def test_response_default_that_cannot_be_rewritten_is_manual(registry):
    text = (
        "import openai\n"
        'r = openai.Completion.create(model="m", prompt="p")["choices"][0].get("text", "n/a")\n'
        'u = r.get("usage", {}).get("total_tokens")\n'
    )
    ctx = RuleContext(registry, registry.get("acme"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML305"]
    assert [(f.line, f.fix, f.edit) for f in found] == [(2, FixClass.MANUAL, None)]
    assert found[0].message == (
        "openai 1.0 returns objects, not dicts; write client.completions.create(...)"
        '.choices[0].text, using "n/a" when client.completions.create(...).choices[0].text '
        "is None"
    )


def test_membership_test_on_an_object_tests_its_dict(registry):
    text = (
        "import openai\n"
        'msg = openai.ChatCompletion.create(model="m", messages=[])["choices"][0]["message"]\n'
        'if "function_call" in msg:\n    pass\n'
    )
    after = migrate(registry, text, "acme")
    assert after.endswith(
        'msg = client.chat.completions.create(model="m", messages=[]).choices[0].message\n'
        'if "function_call" in msg.to_dict():\n    pass\n'
    )
    ctx = RuleContext(registry, registry.get("acme"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML305"]
    assert [(f.line, f.fix) for f in found] == [(2, FixClass.SAFE), (3, FixClass.SAFE)]


def test_scan_without_provider_reports_safe_without_edits(registry):
    text = (
        "import openai\nfrom openai.error import Timeout\n"
        'r = openai.ChatCompletion.create(model="m", messages=[])\nprint(r["id"])\n'
    )
    found = [
        f
        for f in check_python(text, RuleContext(registry), PYTHON_RULES)
        if f.rule in ("ML303", "ML305")
    ]
    assert [(f.rule, f.fix, f.edit) for f in found] == [
        ("ML303", FixClass.SAFE, None),
        ("ML305", FixClass.SAFE, None),
    ]


MOCKS = [
    pytest.param(
        "from unittest import mock\n\nimport openai  # noqa: F401\n\n\n"
        '@mock.patch("openai.ChatCompletion.create")\n'
        "@mock.patch('openai.Image.create', return_value={})\n"
        "def test_reply(image, create):\n    pass\n",
        "from unittest import mock\n\nimport openai  # noqa: F401\n\n\n"
        '@mock.patch("openai.resources.chat.completions.Completions.create")\n'
        "@mock.patch('openai.resources.images.Images.generate', return_value={})\n"
        "def test_reply(image, create):\n    pass\n",
        id="patch-strings",
    ),
    pytest.param(
        "from unittest.mock import AsyncMock, patch\n\nimport openai  # noqa: F401\n\n\n"
        "def test_areply(mocker):\n"
        '    mocker.patch("openai.ChatCompletion.acreate", new=AsyncMock())\n'
        '    with patch("openai.Embedding.acreate", new_callable=AsyncMock):\n        pass\n',
        "from unittest.mock import AsyncMock, patch\n\nimport openai  # noqa: F401\n\n\n"
        "def test_areply(mocker):\n"
        '    mocker.patch("openai.resources.chat.completions.AsyncCompletions.create", '
        "new=AsyncMock())\n"
        '    with patch("openai.resources.embeddings.AsyncEmbeddings.create", '
        "new_callable=AsyncMock):\n        pass\n",
        id="acreate-patches-the-async-class",
    ),
    pytest.param(
        "import openai as oa\nfrom unittest import mock\n\n\n"
        "def test_image():\n"
        '    with mock.patch.object(oa.Image, "create") as generate:\n        pass\n',
        "import openai as oa\nfrom unittest import mock\n\n\n"
        "def test_image():\n"
        '    with mock.patch.object(oa.resources.images.Images, "generate") as generate:\n'
        "        pass\n",
        id="patch-object-keeps-the-alias-and-renames-the-method",
    ),
    pytest.param(
        "import openai\n\n\ndef test_embed(monkeypatch):\n"
        '    monkeypatch.setattr(openai.Embedding, "create", lambda *a, **kw: None)\n',
        "import openai\n\n\ndef test_embed(monkeypatch):\n"
        "    monkeypatch.setattr(openai.resources.embeddings.Embeddings, "
        '"create", lambda *a, **kw: None)\n',
        id="monkeypatch-setattr",
    ),
    pytest.param(
        "from unittest import mock\n\nfrom openai import ChatCompletion\n\n\n"
        "def test_areply():\n"
        '    with mock.patch.object(ChatCompletion, "acreate", new=mock.AsyncMock()):\n'
        "        pass\n",
        "from unittest import mock\n\nimport openai\n\n\n"
        "def test_areply():\n"
        "    with mock.patch.object(\n"
        '        openai.resources.chat.completions.AsyncCompletions, "create", new=mock.AsyncMock()\n'
        "    ):\n"
        "        pass\n",
        id="imported-resource-class",
    ),
]


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(("before", "after"), MOCKS)
def test_mocks(registry, provider, before, after):
    assert migrate(registry, before, provider) == after


def test_plain_function_double_is_for_review(registry):
    text = (
        "import openai\n\n\ndef test_embed(monkeypatch):\n"
        '    monkeypatch.setattr(openai.Embedding, "create", fake)\n'
        '    monkeypatch.setattr(openai.Embedding, "create", mock.MagicMock())\n'
    )
    found = check_python(text, RuleContext(registry, registry.get("acme")), PYTHON_RULES)
    assert [(f.line, f.fix) for f in found if f.rule == "ML306"] == [
        (5, FixClass.REVIEW),
        (6, FixClass.SAFE),
    ]


@pytest.mark.parametrize(("key", "target"), sorted(MOCK_TARGETS.items()))
def test_mock_targets_exist_in_the_installed_sdk(key, target):
    module, cls, method = target
    for name in (cls, "Async" + cls):
        assert callable(pkgutil.resolve_name(f"{module}:{name}.{method}")), (key, name)


PINS = [
    pytest.param(
        "requirements.txt",
        "requests>=2\nopenai[datalib]==0.28.1 ; python_version >= '3.8'  # old API\n",
        "requests>=2\nopenai[datalib]>=1 ; python_version >= '3.8'  # old API\n",
        id="requirements-extras-marker-comment",
    ),
    pytest.param(
        "requirements.txt",
        "openai (==0.27.8)\n",
        "openai (>=1)\n",
        id="requirements-parenthesised",
    ),
    pytest.param(
        "requirements.txt",
        "openai==0.28.1 \\\n    --hash=sha256:0123abcd\n",
        "openai==0.28.1 \\\n    --hash=sha256:0123abcd\n",
        id="requirements-hashed-left-alone",
    ),
    pytest.param(
        "pyproject.toml",
        '[project]\nname = "bot"\ndependencies = [\n    "httpx",\n    "openai<1",\n]\n',
        '[project]\nname = "bot"\ndependencies = [\n    "httpx",\n    "openai>=1",\n]\n',
        id="pep621",
    ),
    pytest.param(
        "pyproject.toml",
        '[tool.poetry.dependencies]\npython = "^3.10"\nopenai = "^0.28"\n'
        '[tool.poetry.group.dev.dependencies]\nopenai = { version = "0.27.8", extras = ["x"] }\n',
        '[tool.poetry.dependencies]\npython = "^3.10"\nopenai = ">=1"\n'
        '[tool.poetry.group.dev.dependencies]\nopenai = { version = ">=1", extras = ["x"] }\n',
        id="poetry",
    ),
    pytest.param(
        "setup.cfg",
        "[options]\ninstall_requires =\n    requests\n    openai>=0.27,<1.0\n",
        "[options]\ninstall_requires =\n    requests\n    openai>=1\n",
        id="setup-cfg",
    ),
    pytest.param(
        "setup.py",
        'from setuptools import setup\n\nsetup(name="bot", install_requires=["openai==0.28.1"])\n',
        'from setuptools import setup\n\nsetup(name="bot", install_requires=["openai>=1"])\n',
        id="setup-py",
    ),
]


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(("name", "before", "after"), PINS)
def test_pins(registry, provider, name, before, after):
    kind = {"requirements.txt": "requirements", "pyproject.toml": "toml"}.get(name) or classify(
        name
    )
    assert migrate(registry, before, provider, kind, name) == after


def test_openai_v0_arguments_kept_in_dicts_for_later(registry):
    """chatgpt-on-wechat's shape: the arguments live on `self` and reach the call through a
    parameter, so only the module's use of the old API says what `request_timeout` is."""
    before = (
        "import openai\n\n\nclass Bot:\n    def __init__(self):\n"
        '        self.args = {"temperature": 0.5, "request_timeout": 30, "timeout": 5}\n'
        '        self.slow = {"request_timeout": 60}\n\n'
        "    def reply(self, messages, args=None):\n"
        "        args = args or self.args\n"
        "        return openai.ChatCompletion.create(messages=messages, **args)\n"
    )
    after = migrate(registry, before, "acme")
    assert '        self.args = {"temperature": 0.5, "timeout": 5}\n' in after
    assert '        self.slow = {"timeout": 60}\n' in after
    assert "client.chat.completions.create(messages=messages, **args)" in after
