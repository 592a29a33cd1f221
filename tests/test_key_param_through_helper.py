"""A client whose key is a parameter of the module's own helper that the module fills from a
parameter named like OpenAI (t68c, chemcrow's `ChemCrow(openai_api_key=...)` handing it to
`_make_llm(model, api_key)`): apply leaves the client on OpenAI, as it does where the client
is given `openai_api_key` itself, and ML401 in the caller's module follows the key there.
Before, apply pointed `_make`'s client at the provider keeping `api_key`, so the caller's
OpenAI key went to the provider while ML401 there said the class was not rewritten."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .test_model_labels import migrated

QWEN = "Alibaba Qwen (DashScope / Model Studio)"

LIB = (
    "from langchain_openai import ChatOpenAI\n\n\n"
    "def _make(model, api_key):\n"
    "    return ChatOpenAI(model_name=model, openai_api_key=api_key)\n\n\n"
    "class Bot:\n"
    '    def __init__(self, model="gpt-4o-mini", openai_api_key=None):\n'
    "        self.llm = _make(model, openai_api_key)\n"
)
MAIN = (
    "import os\n\nfrom lib import Bot\n\n"
    'bot = Bot(openai_api_key=os.environ["OPENAI_API_KEY"])\n'
    'print(bot.llm.invoke("hi").content)\n'
)
# what apply wrote to lib.py before (main.py left): the caller's OpenAI key went to Qwen
LIB_BEFORE = (
    "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\n"
    "def _make(model, api_key):\n"
    "    return ChatOpenAI(\n"
    "        base_url=os.environ.get(\n"
    '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
    "        ),\n"
    "        model_name=model,\n"
    '        openai_api_key=api_key or os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
    "    )\n\n\n"
    "class Bot:\n"
    '    def __init__(self, model="qwen-plus", openai_api_key=None):\n'
    "        self.llm = _make(model, openai_api_key)\n"
)
HELD = (
    "ChatOpenAI() (LangChain) talks to OpenAI (key from `api_key`); its key `api_key` is "
    "given `openai_api_key` (line 10), which names OpenAI, so it likely holds the OpenAI key: "
    f"kept, that key would go to {QWEN}; give it {QWEN}'s key (DASHSCOPE_API_KEY) in its "
    f"place, by hand: apply points it at {QWEN} once `openai_api_key` no longer names OpenAI "
    "(renamed where it is set and read, as it then holds that key)"
)


def _findings(output: str) -> list[tuple[str, int, str, str, str]]:
    report = json.loads(output)
    return [(f["path"], f["line"], f["rule"], f["fix"], f["message"]) for f in report["findings"]]


def test_scan_holds_the_client_and_follows_the_callers_key(tmp_path, monkeypatch):
    (tmp_path / "lib.py").write_text(LIB, encoding="utf-8")
    (tmp_path / "main.py").write_text(MAIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "--provider", "qwen", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert _findings(result.output) == [
        ("lib.py", 5, "ML601", "manual", HELD),
        (
            "lib.py",
            9,
            "ML204",
            "manual",
            "default of model = 'gpt-4o-mini' is the model of ChatOpenAI() on line 5, which "
            "apply leaves on OpenAI (see there); apply leaves the model too: change them "
            "together, by hand",
        ),
        (
            "main.py",
            5,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes to Bot() on line 5, whose module hands it to "
            "`ChatOpenAI()` on line 5 of lib.py, which apply leaves as it is and could send it "
            f"to OpenAI: renamed, {QWEN}'s key (DASHSCOPE_API_KEY) would go to OpenAI; point "
            f"that client at {QWEN} first, then read DASHSCOPE_API_KEY, by hand",
        ),
    ]


def test_apply_leaves_both_modules_and_check_fails(tmp_path, monkeypatch):
    (tmp_path / "lib.py").write_text(LIB, encoding="utf-8")
    (tmp_path / "main.py").write_text(MAIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "lib.py").read_bytes() == LIB.encode()
    assert (tmp_path / "main.py").read_bytes() == MAIN.encode()
    assert CliRunner().invoke(app, ["check", ".", "--provider", "qwen"]).exit_code == 1


def test_one_module_holds_it_too(registry):
    """The same chain in one module: the read of OPENAI_API_KEY stays, the client too."""
    source = f'import os\n\n{LIB}\n\nbot = Bot(openai_api_key=os.environ["OPENAI_API_KEY"])\n'
    found, after = migrated(registry, source, "qwen")
    assert after == source
    assert [(line, rule, fix) for line, _c, rule, _s, fix, _m in found] == [
        (7, "ML601", "manual"),
        (11, "ML204", "manual"),
        (15, "ML401", "manual"),
    ]


def test_an_environment_read_given_by_position_still_moves(registry):
    """`_make("gpt-4o-mini", os.environ["OPENAI_API_KEY"])`: nothing names OpenAI's key but
    the read, which ML401 renames; the client moves with it (unchanged)."""
    source = (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\n"
        "def _make(model, api_key):\n"
        "    return ChatOpenAI(model_name=model, openai_api_key=api_key)\n\n\n"
        'bot = _make("gpt-4o-mini", os.environ["OPENAI_API_KEY"])\n'
    )
    found, after = migrated(registry, source, "qwen")
    assert [(line, rule, fix) for line, _c, rule, _s, fix, _m in found] == [
        (7, "ML601", "review"),
        (10, "ML205", "manual"),
        (10, "ML401", "safe"),
    ]
    assert 'bot = _make("gpt-4o-mini", os.environ["DASHSCOPE_API_KEY"])\n' in after
    assert 'os.environ.get(\n            "DASHSCOPE_BASE_URL"' in after


@pytest.mark.frameworks
def test_the_openai_key_never_reaches_the_provider(server, tmp_path, monkeypatch):
    """langchain-openai against the loopback server standing for both services (Qwen under
    /qwen, OpenAI under /openai): as apply leaves the program, its one request goes to
    OpenAI's stand-in with OpenAI's key; as apply wrote lib.py before, OpenAI's key went to
    Qwen's."""
    pytest.importorskip("langchain_openai")
    (tmp_path / "lib.py").write_text(LIB, encoding="utf-8")
    (tmp_path / "main.py").write_text(MAIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.output
    env = {
        "OPENAI_API_KEY": "sk-proj-openai-secret",
        "OPENAI_BASE_URL": server.base + "/openai/v1",
        "DASHSCOPE_API_KEY": "dashscope-test-key",
        "DASHSCOPE_BASE_URL": server.base + "/qwen/v1",
    }
    proc, blocked = run_guarded("main.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    sent = [(r.path, r.headers["authorization"]) for r in server.requests]
    assert sent == [("/openai/v1/chat/completions", "Bearer sk-proj-openai-secret")]
    # what apply wrote before: the caller's OpenAI key sent to Qwen's endpoint
    (tmp_path / "lib.py").write_text(LIB_BEFORE, encoding="utf-8")
    proc, blocked = run_guarded("main.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    last = server.requests[-1]
    assert (last.path, last.headers["authorization"]) == (
        "/qwen/v1/chat/completions",
        "Bearer sk-proj-openai-secret",
    )
