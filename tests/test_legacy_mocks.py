"""What surrounds migrated openai<1.0 code: test doubles (ML306) must target the v1 resource
classes, and requirements that install openai from a URL (ML504) must not keep a 0.x release.

Exact text after `apply` (a fixed point), no client injected into a test module, and every
target or URL left as it was reported as manual with what to write."""

from __future__ import annotations

import pkgutil

import pytest

from migrate_llm import openai_sdk as sdk
from migrate_llm.engine import migrate_text
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
        "upgrade langchain to >=0.0.334, then move both pins together"
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
    from .program_runner import pytest_offline

    for name, text in (("app.py", APP), ("test_app.py", TESTS)):
        (tmp_path / name).write_text(migrate(registry, text, "acme"), encoding="utf-8")
    assert "client" not in (tmp_path / "test_app.py").read_text()
    proc, blocked = pytest_offline(tmp_path, "test_app.py")
    assert blocked == []
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 passed" in proc.stdout


# Doubles of a module's `openai` name (`@patch("app.openai")`) read as the openai<1.0 API.
# The rules run on the test module itself here: tests/test_prefilter.py owns the screening.
def module_double(registry, text: str, provider: str = "acme"):
    """ML306's findings on a test module and the text `apply` makes of it (a fixed point)."""
    ctx = RuleContext(registry, registry.get(provider))

    def once(before: str):
        findings = check_python(before, ctx, PYTHON_RULES)
        return findings, migrate_text(before, "python", "test_app.py", findings)[0]

    findings, after = once(text)
    assert once(after)[1] == after
    reported = [(f.line, f.fix, f.message) for f in findings if f.rule == "ML306"]
    return reported, after


HEAD = (
    "is used as the openai<1.0 API ({uses}); migrated, app calls a v1 client instead "
    "({calls}), which this double misses, so the test sends real requests"
)
CHAT = "m.ChatCompletion.create"
CHAT_CALL = "client.chat.completions.create"
CHAT_CLASS = '"openai.resources.chat.completions.Completions.create"'
CHAT_ADVICE = (
    f'patch the module\'s client (e.g. "app.{CHAT_CALL}") or the v1 class ({CHAT_CLASS}), '
    f"and set there what the test sets on {CHAT}"
)

LEFT_TO_YOU = [
    pytest.param(
        "from unittest import mock\n\nimport app\n\n\ndef test_ask(monkeypatch):\n"
        "    fake = mock.MagicMock()\n"
        '    fake.Completion.create.return_value.choices[0].text = "hi"\n'
        '    monkeypatch.setattr(app, "openai", fake)\n',
        [
            (
                9,
                "mock target app.openai "
                + HEAD.format(uses="fake.Completion.create", calls="client.completions.create")
                + ': patch the module\'s client (e.g. "app.client.completions.create") or the '
                'v1 class ("openai.resources.completions.Completions.create"), and set there '
                "what the test sets on fake.Completion.create",
            )
        ],
        id="setattr-on-the-module",
    ),
    pytest.param(
        "from unittest import mock\n\nimport app\n\n\n"
        '@mock.patch.object(app, "openai")\ndef test_ask(m):\n'
        '    m.ChatCompletion.create.return_value.choices[0].message.content = "hi"\n',
        [
            (
                6,
                "mock target app.openai "
                + HEAD.format(uses=CHAT, calls=CHAT_CALL)
                + ": "
                + CHAT_ADVICE,
            )
        ],
        id="patch-object",
    ),
    pytest.param(
        "def test_ask(mocker):\n"
        '    m = mocker.patch("app.openai")\n'
        "    m.ChatCompletion.acreate.return_value = 1\n"
        "    m.Embedding.create.return_value = 2\n",
        [
            (
                2,
                'mock target "app.openai" '
                + HEAD.format(
                    uses="m.ChatCompletion.acreate, m.Embedding.create",
                    calls="await aclient.chat.completions.create, client.embeddings.create",
                )
                + ": patch the module's client or the v1 classes "
                '("openai.resources.chat.completions.AsyncCompletions.create", '
                '"openai.resources.embeddings.Embeddings.create"), and set there what the test '
                "sets on m.ChatCompletion.acreate, m.Embedding.create",
            )
        ],
        id="mocker-async-and-two-resources",
    ),
    pytest.param(
        "from unittest.mock import patch\n\n\ndef test_ask():\n"
        '    with patch("app.openai") as m:\n'
        '        m.ChatCompletion.create.return_value.choices[0].message.content = "hi"\n'
        '        m.api_key = "sk-test"\n',
        [
            (
                5,
                'mock target "app.openai" '
                + HEAD.format(uses=CHAT, calls=CHAT_CALL)
                + ": "
                + CHAT_ADVICE,
            )
        ],
        id="read-as-something-else-too",
    ),
    pytest.param(
        'from unittest.mock import patch\n\n\n@patch("app.openai")\ndef test_ask(m, fake):\n'
        "    m.ChatCompletion.create = fake\n",
        [
            (
                4,
                'mock target "app.openai" '
                + HEAD.format(uses=CHAT, calls=CHAT_CALL)
                + ": "
                + CHAT_ADVICE,
            )
        ],
        id="method-replaced",
    ),
]


@pytest.mark.parametrize(("before", "expected"), LEFT_TO_YOU)
def test_module_doubles_read_as_the_old_api_are_left_to_you(registry, before, expected):
    reported, after = module_double(registry, before)
    assert reported == [(line, FixClass.MANUAL, message) for line, message in expected]
    assert after == before


REWRITTEN = [
    pytest.param(
        "from unittest.mock import patch\n\nimport app\n\n\n"
        '@patch("app.openai")\ndef test_ask(m):\n'
        '    m.ChatCompletion.create.return_value.choices[0].message.content = "hi"\n'
        '    assert app.ask("x") == "hi"\n',
        "from unittest.mock import patch\n\nimport app\n\n\n"
        '@patch("openai.resources.chat.completions.Completions.create")\ndef test_ask(m):\n'
        '    m.return_value.choices[0].message.content = "hi"\n'
        '    assert app.ask("x") == "hi"\n',
        id="decorator",
    ),
    pytest.param(
        "from unittest import mock\n\n\n"
        '@mock.patch("pkg.llm.wait.__call__")\n'
        "@mock.patch('pkg.llm.openai')\n"
        "def test_reply(mock_openai, wait):\n"
        '    mock_openai.ChatCompletion.create.return_value = {"choices": []}\n'
        "    mock_openai.ChatCompletion.create.side_effect = None\n"
        "    assert mock_openai.ChatCompletion.create.call_count == 0\n",
        "from unittest import mock\n\nimport openai\n\n\n"
        '@mock.patch("pkg.llm.wait.__call__")\n'
        "@mock.patch('openai.resources.chat.completions.Completions.create')\n"
        "def test_reply(mock_openai, wait):\n"
        "    mock_openai.return_value = openai.types.chat.ChatCompletion.model_construct(\n"
        '        **{"choices": []}\n'
        "    )\n"
        "    mock_openai.side_effect = None\n"
        "    assert mock_openai.call_count == 0\n",
        id="decorator-stack-and-a-dict",
    ),
    pytest.param(
        "def test_embed(mocker):\n"
        '    m = mocker.patch("app.openai")\n'
        "    m.Embedding.create.assert_not_called()\n",
        "def test_embed(mocker):\n"
        '    m = mocker.patch("openai.resources.embeddings.Embeddings.create")\n'
        "    m.assert_not_called()\n",
        id="mocker",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITTEN)
def test_module_doubles_read_as_one_method_patch_it(registry, before, after):
    reported, migrated = module_double(registry, before)
    assert migrated == after
    assert {fix for _, fix, m in reported if m.startswith("mock target")} == {FixClass.REVIEW}


def test_module_double_messages(registry):
    reported, _ = module_double(registry, REWRITTEN[0].values[0])
    assert reported == [
        (
            6,
            FixClass.REVIEW,
            'mock target "app.openai" '
            + HEAD.format(uses=CHAT, calls=CHAT_CALL)
            + f": patch {CHAT_CLASS} instead (review: that double replaces this method alone, "
            "not every use of openai in app)",
        ),
        (
            8,
            FixClass.SAFE,
            f"{CHAT} becomes m: the double of {CHAT_CLASS} is that method itself",
        ),
    ]


@pytest.mark.parametrize(
    "text",
    [
        'from unittest.mock import patch\n\n\n@patch("app.openai")\ndef test_ask(m):\n'
        '    m.OpenAI.return_value.chat.completions.create.return_value = "hi"\n',
        'from unittest.mock import patch\n\n\n@patch("app.openai")\ndef test_ask(m):\n    pass\n',
        'def test_offline(monkeypatch):\n    monkeypatch.delattr("app.openai")\n',
        "from unittest.mock import patch\n\n\ndef test_ask(ChatCompletion):\n"
        '    with patch("app.openai"):\n'
        "        ChatCompletion.create.return_value = 1\n",
    ],
    ids=["read-as-v1", "not-read", "removed", "another-name"],
)
def test_module_doubles_not_read_as_the_old_api_are_not_reported(registry, text):
    assert module_double(registry, text) == ([], text)


APP_OF_A_MODULE_DOUBLE = """import openai


def ask(text):
    resp = openai.ChatCompletion.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return resp.choices[0].message.content
"""


def test_check_after_apply_still_reports_a_module_double(tmp_path, monkeypatch):
    """The test module is left as it was, and `check` keeps failing on it once the code it
    tests calls a v1 client."""
    from typer.testing import CliRunner

    from migrate_llm.cli import app

    from .conftest import ACME_DIR

    (tmp_path / "app.py").write_text(APP_OF_A_MODULE_DOUBLE, encoding="utf-8")
    tests = (
        "from unittest import mock\n\nimport openai\n\nimport app\n\n\n"
        "def test_ask_times_out(monkeypatch):\n"
        "    fake = mock.MagicMock()\n"
        "    fake.ChatCompletion.create.side_effect = openai.error.Timeout\n"
        '    monkeypatch.setattr(app, "openai", fake)\n'
    )
    (tmp_path / "test_app.py").write_text(tests, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    acme = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
    applied = CliRunner().invoke(app, ["apply", ".", "--yes", *acme])
    assert applied.exit_code == 0, applied.stderr
    assert "openai.ChatCompletion" not in (tmp_path / "app.py").read_text(encoding="utf-8")
    assert (tmp_path / "test_app.py").read_text(encoding="utf-8") == tests.replace(
        "openai.error.Timeout", "openai.APITimeoutError"
    )
    check = CliRunner().invoke(app, ["check", ".", *acme])
    assert check.exit_code == 1
    assert check.stdout.splitlines() == [
        "test_app.py:11:25 ML306 mock target app.openai "
        + HEAD.format(uses="fake.ChatCompletion.create", calls=CHAT_CALL)
        + ': patch the module\'s client (e.g. "app.client.chat.completions.create") or the v1 '
        f"class ({CHAT_CLASS}), and set there what the test sets on fake.ChatCompletion.create",
        "1 finding for acme in 1 of 2 files; 1 error, 0 warning, 0 note",
    ]


MODULE_DOUBLE_TEST = """from unittest.mock import patch

import app


@patch("app.openai")
def test_ask(m):
    m.ChatCompletion.create.return_value.choices[0].message.content = "hi"
    assert app.ask("x") == "hi"
    assert m.ChatCompletion.create.call_args.kwargs["messages"][0]["content"] == "x"
"""


def test_a_rewritten_module_double_intercepts_the_v1_call(registry, tmp_path):
    """`@patch("app.openai")` rewritten: the test passes under openai>=1 without the network."""
    from .program_runner import pytest_offline

    (tmp_path / "app.py").write_text(
        migrate(registry, APP_OF_A_MODULE_DOUBLE, "acme"), encoding="utf-8"
    )
    (tmp_path / "test_app.py").write_text(
        module_double(registry, MODULE_DOUBLE_TEST)[1], encoding="utf-8"
    )
    proc, blocked = pytest_offline(tmp_path, "test_app.py")
    assert blocked == []
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed" in proc.stdout


def test_check_reads_a_test_module_that_names_openai_only_in_its_patch(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from migrate_llm.cli import app

    from .conftest import ACME_DIR

    (tmp_path / "test_app.py").write_text(MODULE_DOUBLE_TEST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    check = CliRunner().invoke(app, ["check", ".", "--providers-dir", ACME_DIR, "-p", "acme"])
    assert check.exit_code == 1
