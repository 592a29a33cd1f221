"""What surrounds migrated openai<1.0 code: test doubles (ML306) must target the v1 resource
classes, and requirements that install openai from a URL (ML504) must not keep a 0.x release.

Exact text after `apply` (a fixed point), no client injected into a test module, and every
target or URL left as it was reported as manual with what to write."""

from __future__ import annotations

import pkgutil

import pytest

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config
from migrate_llm.rules.python import check_python

from .test_legacy_rewrite import migrate

PROVIDERS = ("openai", "acme")


def found(registry, text: str, rule: str = "ML306", provider: str = "acme"):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.fix, f.message) for f in check_python(text, ctx, PYTHON_RULES) if f.rule == rule
    ]


MOCKS = [
    pytest.param(
        "import openai\n\n\ndef test_offline(monkeypatch):\n"
        '    monkeypatch.delattr(openai.Completion, "create")\n'
        '    monkeypatch.delattr("openai.ChatCompletion.create", raising=False)\n',
        "import openai\n\n\ndef test_offline(monkeypatch):\n"
        '    monkeypatch.delattr(openai.resources.completions.Completions, "create")\n'
        '    monkeypatch.delattr("openai.resources.chat.completions.Completions.create", '
        "raising=False)\n",
        id="delattr",
    ),
    pytest.param(
        "def test_reply(monkeypatch):\n"
        '    monkeypatch.setattr("openai.ChatCompletion.create", fake)\n'
        '    monkeypatch.setattr("openai.Model.list", fake)\n',
        "def test_reply(monkeypatch):\n"
        '    monkeypatch.setattr("openai.resources.chat.completions.Completions.create", fake)\n'
        '    monkeypatch.setattr("openai.resources.models.Models.list", fake)\n',
        id="setattr-strings",
    ),
    pytest.param(
        "from unittest.mock import patch\n\nimport openai\n\n\n"
        '@patch.object(openai.FineTuningJob, "acreate")\n'
        '@patch("openai.File.create")\n'
        "def test_tune(upload, tune):\n    pass\n",
        "from unittest.mock import patch\n\nimport openai\n\n\n"
        '@patch.object(openai.resources.fine_tuning.jobs.AsyncJobs, "create")\n'
        '@patch("openai.resources.files.Files.create")\n'
        "def test_tune(upload, tune):\n    pass\n",
        id="files-and-fine-tuning",
    ),
    pytest.param(
        "from unittest import mock\n\nimport openai as oa\n\n\ndef test_x():\n"
        "    with mock.patch.multiple(oa.Completion, create=mock.DEFAULT):\n        pass\n",
        "from unittest import mock\n\nimport openai as oa\n\n\ndef test_x():\n"
        "    with mock.patch.multiple(oa.resources.completions.Completions, create=mock.DEFAULT):\n"
        "        pass\n",
        id="patch-multiple",
    ),
    pytest.param(
        "from unittest import mock\n\nimport openai\n\n\ndef test_x():\n"
        "    with mock.patch.multiple(openai.ChatCompletion, acreate=mock.DEFAULT):\n"
        "        pass\n",
        "from unittest import mock\n\nimport openai\n\n\ndef test_x():\n"
        "    with mock.patch.multiple(\n"
        "        openai.resources.chat.completions.AsyncCompletions, create=mock.DEFAULT\n"
        "    ):\n"
        "        pass\n",
        id="patch-multiple-renamed-method",
    ),
]


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(("before", "after"), MOCKS)
def test_mocks(registry, provider, before, after):
    """Only the targets change: no client is created in the test module."""
    assert migrate(registry, before, provider) == after


def test_plain_functions_set_as_doubles_are_for_review(registry):
    text = (
        "def test_reply(monkeypatch):\n"
        '    monkeypatch.setattr("openai.ChatCompletion.create", fake)\n'
        '    monkeypatch.delattr("openai.Completion.create")\n'
    )
    assert [(line, fix) for line, fix, _ in found(registry, text)] == [
        (2, FixClass.REVIEW),
        (3, FixClass.SAFE),
    ]


WHOLE_CLASS = [
    pytest.param(
        'from unittest.mock import patch\n\n\n@patch("openai.Completion")\n'
        "def test_reply(completion):\n"
        '    completion.create.return_value = {"choices": [{"text": "hi"}]}\n',
        4,
        'mock target "openai.Completion" (the whole class) was removed in openai 1.0; patch the '
        'method the migrated code calls, "openai.resources.completions.Completions.create", '
        "and set on that mock what the test sets on its create",
        id="patch-string",
    ),
    pytest.param(
        "from unittest import mock\n\nimport openai\n\n\ndef test_reply(monkeypatch):\n"
        '    monkeypatch.setattr(openai, "Image", mock.MagicMock())\n',
        7,
        "mock target openai.Image (the whole class) was removed in openai 1.0; patch the method "
        'the migrated code calls, "openai.resources.images.Images.generate" or '
        '"openai.resources.images.Images.create_variation" or '
        '"openai.resources.images.Images.edit", and set on that mock what the test sets on its '
        "create",
        id="setattr-on-the-module",
    ),
    pytest.param(
        'from unittest import mock\n\n\n@mock.patch("openai.File.download")\n'
        "def test_download(download):\n    pass\n",
        4,
        'mock target "openai.File.download" was removed in openai 1.0; migrate-llm knows no v1 '
        "target for it: patch the method of the class behind client.files (under "
        "openai.resources) that the migrated code calls",
        id="method-without-a-target",
    ),
    pytest.param(
        'from unittest import mock\n\n\n@mock.patch("openai.Engine.list")\n'
        "def test_engines(engines):\n    pass\n",
        4,
        'mock target "openai.Engine.list" was removed in openai 1.0 and has no v1 equivalent: '
        "rewrite the code and the test together",
        id="resource-without-v1",
    ),
]


@pytest.mark.parametrize(("before", "line", "message"), WHOLE_CLASS)
def test_targets_left_as_they_were_are_manual(registry, before, line, message):
    assert migrate(registry, before, "acme") == before
    assert found(registry, before) == [(line, FixClass.MANUAL, message)]


@pytest.mark.parametrize(("key", "target"), sorted(sdk.LEGACY_MOCK_TARGETS.items()))
def test_every_mock_target_exists_in_the_installed_sdk(key, target):
    module, cls, method = target
    for name in (cls, "Async" + cls):
        assert callable(pkgutil.resolve_name(f"{module}:{name}.{method}")), (key, name)


def pins(registry, name: str, text: str, provider: str = "acme"):
    ctx = RuleContext(registry, registry.get(provider))
    return [(f.line, f.fix, f.message) for f in check_config(name, text, ctx) if f.rule == "ML504"]


ADVICE = "pins the pre-1.0 SDK; migrated code needs openai>=1: write openai>=1 in its place (the release on PyPI)"

URL_PINS = [
    pytest.param(
        "requirements.txt",
        "requests\nopenai @ git+https://github.com/openai/openai-python@v0.28.1 ; python_version > '3.8'\n",
        [(2, f"openai @ git+https://github.com/openai/openai-python@v0.28.1 {ADVICE}")],
        id="named-git-url",
    ),
    pytest.param(
        "requirements.txt",
        "-e git+https://github.com/openai/openai-python.git@v0.28.1#egg=openai\n"
        "git+ssh://git@github.com/openai/openai-python.git@v0.27.8#egg=openai[datalib]\n",
        [
            (1, f"-e git+https://github.com/openai/openai-python.git@v0.28.1#egg=openai {ADVICE}"),
            (
                2,
                "git+ssh://git@github.com/openai/openai-python.git@v0.27.8#egg=openai[datalib] "
                + ADVICE,
            ),
        ],
        id="editable-and-ssh",
    ),
    pytest.param(
        "requirements.txt",
        "openai @ https://files.pythonhosted.org/packages/ab/cd/openai-0.28.1-py3-none-any.whl\n",
        [
            (
                1,
                "openai @ https://files.pythonhosted.org/packages/ab/cd/openai-0.28.1-py3-none-any.whl "
                + ADVICE,
            )
        ],
        id="wheel-url",
    ),
    pytest.param(
        "requirements.txt",
        "-e git+https://github.com/acme/openai-python.git@3f2a9c1#egg=openai\n",
        [
            (
                1,
                "-e git+https://github.com/acme/openai-python.git@3f2a9c1#egg=openai installs "
                "openai from '3f2a9c1', which names no release: if it is before 1.0, migrated "
                "code needs openai>=1: write openai>=1 in its place (the release on PyPI)",
            )
        ],
        id="unknown-ref",
    ),
    pytest.param(
        "pyproject.toml",
        '[tool.poetry.dependencies]\nopenai = { git = "https://github.com/openai/openai-python.git", '
        'tag = "v0.28.0" }\n',
        [
            (
                2,
                'openai = { git = "...", tag = "v0.28.0" } pins the pre-1.0 SDK; migrated code '
                'needs openai>=1: write openai = ">=1" in its place (the release on PyPI)',
            )
        ],
        id="poetry-git-tag",
    ),
    pytest.param(
        "setup.cfg",
        "[options]\ninstall_requires =\n    openai @ git+https://github.com/openai/openai-python@v0.27.0\n",
        [(3, f"openai @ git+https://github.com/openai/openai-python@v0.27.0 {ADVICE}")],
        id="setup-cfg",
    ),
    pytest.param(
        "requirements.txt",
        "openai @ git+https://github.com/openai/openai-python@v1.40.0\n"
        "git+https://github.com/openai/openai-python.git#egg=openai\n"
        "git+https://github.com/openai/openai-python.git@main#egg=openai\n"
        "# openai @ git+https://github.com/openai/openai-python@v0.28.1\n"
        "tool @ git+https://github.com/acme/tool@v0.1\n",
        [],
        id="v1-default-branch-comment-other-package",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), URL_PINS)
def test_url_pins_are_manual_with_the_text_to_write(registry, name, text, expected):
    assert pins(registry, name, text) == [(line, FixClass.MANUAL, m) for line, m in expected]
    kind = {"requirements.txt": "requirements", "pyproject.toml": "toml"}.get(name, "setup")
    assert migrate(registry, text, "acme", kind, name) == text  # nothing is rewritten


def test_url_pin_beside_an_old_framework_names_both(registry):
    text = "openai @ git+https://github.com/openai/openai-python@v0.28.1\nlangchain==0.0.184\n"
    messages = [m for _, _, m in pins(registry, "requirements.txt", text)]
    assert messages[0] == (
        "openai @ git+https://github.com/openai/openai-python@v0.28.1 pins the pre-1.0 SDK; "
        "migrated code needs openai>=1, but langchain==0.0.184 (line 2) needs openai<1: "
        "upgrade langchain to >=0.0.332, then move both pins together"
    )


RETURN_VALUES = [
    pytest.param(
        "from unittest import mock\n\n\n"
        '@mock.patch("openai.Completion.create")\n'
        '@mock.patch("openai.ChatCompletion.create")\n'
        "def test_reply(chat, completion):\n"
        '    chat.return_value = {"choices": [{"message": {"content": "hi"}}]}\n'
        '    completion.return_value = {"choices": [{"text": "x"}]}\n',
        "from unittest import mock\n\nimport openai\n\n\n"
        '@mock.patch("openai.resources.completions.Completions.create")\n'
        '@mock.patch("openai.resources.chat.completions.Completions.create")\n'
        "def test_reply(chat, completion):\n"
        "    chat.return_value = openai.types.chat.ChatCompletion.model_construct(\n"
        '        **{"choices": [{"message": {"content": "hi"}}]}\n'
        "    )\n"
        "    completion.return_value = openai.types.Completion.model_construct(\n"
        '        **{"choices": [{"text": "x"}]}\n'
        "    )\n",
        id="decorator-parameters-bottom-up",
    ),
    pytest.param(
        "def test_embed(mocker):\n"
        '    m = mocker.patch("openai.Embedding.create")\n'
        '    m.return_value = {"data": [{"embedding": [0.5]}]}\n'
        "    other = {}\n"
        "    other.return_value = {}\n"
        '    mocker.patch("openai.Image.create", return_value={})\n',
        "import openai\n\n\ndef test_embed(mocker):\n"
        '    m = mocker.patch("openai.resources.embeddings.Embeddings.create")\n'
        "    m.return_value = openai.types.CreateEmbeddingResponse.model_construct(\n"
        '        **{"data": [{"embedding": [0.5]}]}\n'
        "    )\n"
        "    other = {}\n"
        "    other.return_value = {}\n"
        '    mocker.patch("openai.resources.images.Images.generate", return_value={})\n',
        id="assigned-mock-and-an-empty-placeholder",
    ),
    pytest.param(
        'from unittest import mock\n\nHI = {"choices": [{"text": "hi"}]}\n\n\n'
        "def test_twice():\n"
        '    with mock.patch("openai.Completion.create", side_effect=[HI, {"choices": []}]):\n'
        "        pass\n"
        '    with mock.patch("openai.Completion.create", return_value=HI) as m:\n'
        "        m.side_effect = [HI, KeyError]\n",
        'from unittest import mock\n\nimport openai\n\nHI = {"choices": [{"text": "hi"}]}\n\n\n'
        "def test_twice():\n"
        "    with mock.patch(\n"
        '        "openai.resources.completions.Completions.create",\n'
        "        side_effect=[\n"
        "            openai.types.Completion.model_construct(**HI),\n"
        '            openai.types.Completion.model_construct(**{"choices": []}),\n'
        "        ],\n"
        "    ):\n"
        "        pass\n"
        "    with mock.patch(\n"
        '        "openai.resources.completions.Completions.create",\n'
        "        return_value=openai.types.Completion.model_construct(**HI),\n"
        "    ) as m:\n"
        "        m.side_effect = [openai.types.Completion.model_construct(**HI), KeyError]\n",
        id="a-name-bound-to-a-dict-and-side-effect-lists",
    ),
]


@pytest.mark.parametrize(("before", "after"), RETURN_VALUES)
def test_doubles_return_v1_objects(registry, before, after):
    assert migrate(registry, before, "acme") == after
    assert {fix for _, fix, m in found(registry, before) if "returns a dict" in m} == {
        FixClass.REVIEW
    }


APP = """import openai


def reply(q):
    resp = openai.ChatCompletion.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
    return resp["choices"][0]["message"]["content"]


def embed(text):
    return openai.Embedding.create(model="text-embedding-ada-002", input=[text])["data"][0]["embedding"]
"""
TESTS = """from unittest import mock

import app


@mock.patch("openai.ChatCompletion.create")
def test_reply(create):
    create.return_value = {"choices": [{"message": {"role": "assistant", "content": "hi"}}]}
    assert app.reply("q") == "hi"
    assert create.call_args.kwargs["messages"] == [{"role": "user", "content": "q"}]


def test_embed(monkeypatch):
    with mock.patch("openai.Embedding.create", return_value={"data": [{"embedding": [0.5]}]}):
        assert app.embed("x") == [0.5]
    monkeypatch.delattr("openai.Completion.create")


HI = {"choices": [{"message": {"role": "assistant", "content": "hi"}}]}


@mock.patch("openai.ChatCompletion.create", side_effect=[HI, {"choices": [{"message": {}}]}])
def test_two_replies(create):
    assert app.reply("q") == "hi"
    assert app.reply("q") is None
"""


def test_migrated_tests_pass_on_the_v1_sdk_without_the_network(registry, tmp_path):
    """The v0 test module, migrated with the code it tests, passes under openai>=1: its
    doubles intercept the v1 calls and return objects the migrated code can read."""
    import os

    from . import network_guard
    from .program_runner import run_python

    for name, text in (("app.py", APP), ("test_app.py", TESTS)):
        (tmp_path / name).write_text(migrate(registry, text, "acme"), encoding="utf-8")
    assert "client" not in (tmp_path / "test_app.py").read_text()
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "PROXY" not in k.upper()}
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard)
    proc = run_python(
        ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "test_app.py"],
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert network_guard.blocked_hosts(guard) == []
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 passed" in proc.stdout
