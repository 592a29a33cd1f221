"""openai<1.0 code that a test of the installed SDK keeps for openai<1 (pandas-ai's
`openai.OpenAI().chat.completions if is_openai_v1() else openai.ChatCompletion`): the legacy
rules note it and leave it, nothing is added for it, and the module still imports on
openai 0.28 as on openai>=1.

Every case: the exact text after `apply`, a second run that edits nothing, the findings.
"""

from __future__ import annotations

import json
import sys
import types

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .conftest import ACME_DIR
from .framework_rewrites import applied

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
ACME_CLIENT = (
    "openai.OpenAI(\n"
    '        api_key=os.environ["ACME_API_KEY"],\n'
    '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
    "    )"
)
LEFT = "; runs only on openai<1 (gated by `{}`); left as it is"


def legacy(registry, text: str) -> list[tuple[int, str, Severity, FixClass, str, object]]:
    ctx = RuleContext(registry, registry.get("acme"))
    return [
        (f.line, f.rule, f.severity, f.fix, f.message, f.data.get("gated_by"))
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.category == "legacy"
    ]


def note(line: int, rule: str, what: str, gate: str):
    return (line, rule, Severity.NOTE, FixClass.NONE, what + LEFT.format(gate), gate)


CHAT_V0 = "openai.ChatCompletion.create() was removed in openai 1.0"

GATED = [
    pytest.param(
        "import openai\nfrom helpers import is_openai_v1\n\n"
        "client = openai.OpenAI().chat.completions if is_openai_v1() else openai.ChatCompletion\n",
        "import os\n\nimport openai\nfrom helpers import is_openai_v1\n\n"
        "client = (\n    openai.OpenAI(\n"
        '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    ).chat.completions\n    if is_openai_v1()\n    else openai.ChatCompletion\n)\n",
        [note(4, "ML302", "openai.ChatCompletion was removed in openai 1.0", "is_openai_v1()")],
        id="conditional-expression",
    ),
    pytest.param(
        'import openai\n\nOPENAI_V1 = hasattr(openai, "OpenAI")\n\n\ndef ask(msgs):\n'
        "    if OPENAI_V1:\n"
        "        return openai.OpenAI().chat.completions.create(model=M, messages=msgs)\n"
        "    else:\n        return openai.ChatCompletion.create(model=M, messages=msgs)\n",
        'import os\n\nimport openai\n\nOPENAI_V1 = hasattr(openai, "OpenAI")\n\n\n'
        "def ask(msgs):\n    if OPENAI_V1:\n"
        f"        return {ACME_CLIENT.replace(chr(10), chr(10) + '    ')}"
        ".chat.completions.create(model=M, messages=msgs)\n"
        "    else:\n        return openai.ChatCompletion.create(model=M, messages=msgs)\n",
        [note(10, "ML302", CHAT_V0, "OPENAI_V1")],
        id="else-of-a-constant",
    ),
    pytest.param(
        "import openai\nfrom packaging.version import Version\n\n\ndef ask(msgs):\n"
        '    if Version(openai.__version__) >= Version("1.0.0"):\n'
        "        return openai.OpenAI().chat.completions.create(model=M, messages=msgs)\n"
        "    openai.api_key = KEY\n"
        "    return openai.ChatCompletion.create(model=M, messages=msgs)\n",
        "import os\n\nimport openai\nfrom packaging.version import Version\n\n\n"
        'def ask(msgs):\n    if Version(openai.__version__) >= Version("1.0.0"):\n'
        f"        return {ACME_CLIENT.replace(chr(10), chr(10) + '    ')}"
        ".chat.completions.create(model=M, messages=msgs)\n"
        "    openai.api_key = KEY\n"
        "    return openai.ChatCompletion.create(model=M, messages=msgs)\n",
        [
            note(
                8,
                "ML301",
                "openai.api_key is openai<1.0 configuration",
                'Version(openai.__version__) >= Version("1.0.0")',
            ),
            note(9, "ML302", CHAT_V0, 'Version(openai.__version__) >= Version("1.0.0")'),
        ],
        id="after-an-early-return",
    ),
    pytest.param(
        'import openai\n\nif openai.version.VERSION < "1":\n    try:\n'
        "        openai.Completion.create(model=M, prompt=p)\n"
        "    except openai.error.RateLimitError:\n        pass\n",
        None,
        [
            note(
                5,
                "ML302",
                "openai.Completion.create() was removed in openai 1.0",
                'openai.version.VERSION < "1"',
            ),
            note(
                6,
                "ML303",
                "openai.error.RateLimitError does not exist in openai 1.0",
                'openai.version.VERSION < "1"',
            ),
        ],
        id="body-of-a-test-for-v0",
    ),
    pytest.param(
        "import openai\nfrom helpers import is_openai_v1\n\n"
        "if not not is_openai_v1():\n    pass\nelif retry:\n"
        "    r = openai.ChatCompletion.create(model=M, messages=q)\n",
        None,
        [note(7, "ML302", CHAT_V0, "not not is_openai_v1()")],
        id="elif-under-not",
    ),
    # t64d: XAgent's request module tests the distribution's version
    pytest.param(
        "import importlib.metadata as metadata\n\nimport openai\n\n"
        'if metadata.version("openai") < "1.0":\n'
        "    from openai.error import InvalidRequestError\n\n    def ask(msgs):\n"
        "        try:\n            return openai.ChatCompletion.create(model=M, messages=msgs)\n"
        "        except InvalidRequestError as e:\n            raise RuntimeError(e._message)\n",
        None,
        [
            note(
                6,
                "ML303",
                "openai.error was removed in openai 1.0 and this import fails",
                'metadata.version("openai") < "1.0"',
            ),
            note(10, "ML302", CHAT_V0, 'metadata.version("openai") < "1.0"'),
            note(
                11,
                "ML303",
                "openai.error.InvalidRequestError does not exist in openai 1.0",
                'metadata.version("openai") < "1.0"',
            ),
            note(
                12,
                "ML307",
                "e._message does not exist on openai>=1.0 exceptions (AttributeError in this "
                "handler)",
                'metadata.version("openai") < "1.0"',
            ),
        ],
        id="distribution-version",
    ),
    pytest.param(
        "from importlib import metadata\n\nimport openai\n\n"
        'if "1.0.0" > metadata.version("openai"):\n'
        "    r = openai.ChatCompletion.create(model=M, messages=q)\n",
        None,
        [note(6, "ML302", CHAT_V0, '"1.0.0" > metadata.version("openai")')],
        id="distribution-version-reversed",
    ),
    pytest.param(
        "import openai\n\ntry:\n    from openai import OpenAI\nexcept ImportError:\n"
        "    r = openai.ChatCompletion.create(model=M, messages=q)\n",
        None,
        [note(6, "ML302", CHAT_V0, "from openai import OpenAI")],
        id="the-handler-of-the-v1-import",
    ),
]


@pytest.mark.parametrize(("before", "after", "expected"), GATED)
def test_the_branch_for_openai_v0_is_noted_and_left(registry, before, after, expected):
    assert applied(registry, before, "acme") == (before if after is None else after)
    assert legacy(registry, before) == expected


# Tests that leave both branches to openai>=1: their v0 code is migrated as before.
NOT_GATED = [
    pytest.param(
        'import openai\n\nif openai.__version__ >= "1.1.0":\n    pass\nelse:\n'
        "    r = openai.ChatCompletion.create(model=M, messages=q)\n",
        'import openai\n\nif openai.__version__ >= "1.1.0":\n    pass\nelse:\n',
        id="another-release",
    ),
    pytest.param(
        "import openai\nfrom helpers import is_openai_v1\n\nif is_openai_v1():\n"
        "    r = openai.ChatCompletion.create(model=M, messages=q)\n",
        "import openai\nfrom helpers import is_openai_v1\n\nif is_openai_v1():\n",
        id="the-v1-branch",
    ),
    pytest.param(
        "import openai\n\nif is_openai_v1(strict):\n    pass\nelse:\n"
        "    r = openai.ChatCompletion.create(model=M, messages=q)\n",
        "import openai\n\nif is_openai_v1(strict):\n    pass\nelse:\n",
        id="a-call-with-arguments",
    ),
    # openai>=1.0 keeps `openai.ChatCompletion` as a proxy that raises once used
    pytest.param(
        'import openai\n\nif hasattr(openai, "ChatCompletion"):\n'
        "    r = openai.ChatCompletion.create(model=M, messages=q)\n",
        'import openai\n\nif hasattr(openai, "ChatCompletion"):\n',
        id="a-v0-resource-test",
    ),
]


@pytest.mark.parametrize(("before", "kept"), NOT_GATED)
def test_other_branches_are_migrated(registry, before, kept):
    after = applied(registry, before, "acme")
    assert after == (
        "import os\n\n" + kept.split("\n\n", 1)[0] + "\n\nclient = openai.OpenAI(\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n\n'
        + kept.split("\n\n", 1)[1]
        + "    r = client.chat.completions.create(model=M, messages=q)\n"
    )
    assert [(f[1], f[2], f[3]) for f in legacy(registry, before)] == [
        ("ML302", Severity.ERROR, FixClass.SAFE)
    ]


def test_another_distributions_version_gates_nothing(registry):
    before = (
        "import importlib.metadata as metadata\n\nimport openai\n\n"
        'if metadata.version("httpx") < "1.0":\n'
        "    r = openai.ChatCompletion.create(model=M, messages=q)\n"
    )
    assert [(f[1], f[2], f[3], f[5]) for f in legacy(registry, before)] == [
        ("ML302", Severity.ERROR, FixClass.SAFE, None)
    ]


BOTH = (
    "import openai\n\n\ndef is_openai_v1():\n"
    '    return hasattr(openai, "OpenAI")\n\n\n'
    "client = openai.OpenAI().chat.completions if is_openai_v1() else openai.ChatCompletion\n\n\n"
    "def ask(msgs):\n    if is_openai_v1():\n"
    '        return client.create(model="acme-large", messages=msgs)\n'
    '    return openai.ChatCompletion.create(model="acme-large", messages=msgs)\n'
)


def test_check_passes_after_apply_and_scan_says_why(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(BOTH)
    monkeypatch.chdir(tmp_path)

    def invoke(*args):
        return CliRunner().invoke(app, [*args, *ACME])

    shown = invoke("scan", "app.py", "--show-notes").stdout
    assert (
        "  8:66 ML302 note openai.ChatCompletion was removed in openai 1.0 (none)\n"
        "    help: runs only on openai<1 (gated by `is_openai_v1()`); left as it is\n"
    ) in shown
    assert (
        "  14:12 ML302 note openai.ChatCompletion.create() was removed in openai 1.0 (none)\n"
        "    help: runs only on openai<1 (gated by `is_openai_v1()`); left as it is\n"
    ) in shown
    assert invoke("check", "app.py").exit_code == 1  # the v1 branch's OpenAI()
    assert invoke("apply", "app.py", "--yes").exit_code == 0
    assert invoke("check", "app.py").exit_code == 0
    assert invoke("apply", "app.py", "--diff").stdout == ""


def _v0_module() -> types.ModuleType:
    """What openai 0.28 offers the code: `ChatCompletion` and no `OpenAI`."""
    stub = types.ModuleType("openai")

    class ChatCompletion:
        @staticmethod
        def create(**kwargs):
            return {"choices": [{"message": {"content": f"v0 {kwargs['model']}"}}]}

    stub.ChatCompletion = ChatCompletion  # type: ignore[attr-defined]
    return stub


def test_migrated_module_imports_on_openai_v0_and_v1(registry, monkeypatch):
    # the real SDK imported first, so the stub is undone by putting it back (imported afresh
    # after the stub, the package would miss its already imported submodules: `openai.lib`)
    import openai

    after = applied(registry, BOTH, "acme")
    code = compile(after, "app.py", "exec")
    monkeypatch.delenv("ACME_BASE_URL", raising=False)

    monkeypatch.setitem(sys.modules, "openai", _v0_module())
    on_v0: dict[str, object] = {}
    exec(code, on_v0)  # before the fix: AttributeError, no openai.OpenAI at import
    answer = on_v0["ask"]([])  # type: ignore[operator]
    assert answer["choices"][0]["message"]["content"] == "v0 acme-large"

    monkeypatch.setitem(sys.modules, "openai", openai)
    on_v1: dict[str, object] = {}
    exec(code, on_v1)
    chat = on_v1["client"]
    assert isinstance(chat, openai.resources.chat.Completions)
    assert str(chat._client.base_url) == "https://api.acme.example/v1/"


GATED_BY_VERSION = """import importlib.metadata as metadata

import openai

if metadata.version("openai") < "1.0":

    def ask(messages):
        return openai.ChatCompletion.create(model="gpt-4", messages=messages)
else:
    client = openai.OpenAI()

    def ask(messages):
        return client.chat.completions.create(model="gpt-4", messages=messages)
"""


def test_a_gated_v0_request_keeps_its_model_and_check_passes(tmp_path, monkeypatch):
    """t64d: the openai<1 branch's request went on to get DeepSeek's model and
    `extra_body=`, which openai<1 would send to OpenAI as a field so named; now its model is
    a note, nothing there is edited, and `check` passes after `apply`."""
    (tmp_path / "app.py").write_text(GATED_BY_VERSION)
    (tmp_path / "requirements.txt").write_text("openai>=1\n")
    monkeypatch.chdir(tmp_path)

    def invoke(*args):
        return CliRunner().invoke(app, [*args, "--provider", "deepseek", "--no-cache"])

    scanned = invoke("scan", ".", "--format", "json")
    assert scanned.exit_code == 0
    gate = 'metadata.version("openai") < "1.0"'
    found = [
        (f["line"], f["rule"], f["severity"], f["fix"], f["data"].get("gated_by"))
        for f in json.loads(scanned.stdout)["findings"]
        if f["line"] == 8
    ]
    assert found == [
        (8, "ML302", "note", "none", gate),
        (8, "ML201", "note", "none", gate),
    ]
    assert invoke("apply", ".", "--yes", "--allow-dirty").exit_code == 0
    assert (tmp_path / "app.py").read_text() == (
        "import importlib.metadata as metadata\nimport os\n\nimport openai\n\n"
        'if metadata.version("openai") < "1.0":\n\n    def ask(messages):\n'
        '        return openai.ChatCompletion.create(model="gpt-4", messages=messages)\n'
        "else:\n    client = openai.OpenAI(\n"
        '        api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    )\n\n    def ask(messages):\n"
        "        return client.chat.completions.create(\n"
        '            extra_body={"thinking": {"type": "disabled"}},\n'
        '            model="deepseek-v4-pro",\n            messages=messages,\n        )\n'
    )
    assert invoke("check", ".").exit_code == 0
