"""A top-level function's client given its key parameter, which another module of the project
fills with a value naming OpenAI (review r2, s68): lib.py's `make(model, api_key)` building
`ChatOpenAI(openai_api_key=api_key)`, main.py calling `make("qwen-plus",
args.openai_api_key)`. Before, lib.py's rules saw no caller: apply pointed the client at
DashScope keeping `api_key`, check passed, and the `--openai-api-key` value went to DashScope.
Now the engine reads the project's callers again (`RunFacts.foreign_key_calls`) and ML601
holds the client, as it does for a caller in the same module (t68c). A result kept in the
cache is not reused once a caller changes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded

QWEN = "Alibaba Qwen (DashScope / Model Studio)"

LIB = (
    "from langchain_openai import ChatOpenAI\n\n\n"
    "def make(model, api_key):\n"
    "    return ChatOpenAI(model_name=model, openai_api_key=api_key)\n"
)
MAIN = (
    "import argparse\nimport os\n\nfrom lib import make\n\n"
    "parser = argparse.ArgumentParser()\n"
    'parser.add_argument("--openai-api-key", default=os.environ.get("APP_SECRET"))\n'
    "args = parser.parse_args()\n"
    'llm = make("qwen-plus", args.openai_api_key)\n'
    'print(llm.invoke("hi").content)\n'
)
# what apply wrote to lib.py before: the `--openai-api-key` value went to DashScope
LIB_BEFORE = (
    "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\n"
    "def make(model, api_key):\n"
    "    return ChatOpenAI(\n"
    "        base_url=os.environ.get(\n"
    '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
    "        ),\n"
    "        model_name=model,\n"
    '        openai_api_key=api_key or os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
    "    )\n"
)
HELD = (
    "ChatOpenAI() (LangChain) talks to OpenAI (key from `api_key`); its key `api_key` is "
    "given `args.openai_api_key` (line 9 of main.py), which names OpenAI, so it likely holds "
    f"the OpenAI key: kept, that key would go to {QWEN}; give it {QWEN}'s key "
    f"(DASHSCOPE_API_KEY) in its place, by hand: apply points it at {QWEN} once "
    "`args.openai_api_key` no longer names OpenAI (renamed where it is set and read, as it "
    "then holds that key)"
)


def _write(root, main=MAIN):
    (root / "lib.py").write_text(LIB, encoding="utf-8")
    (root / "main.py").write_text(main, encoding="utf-8")


def _findings(output: str) -> list[tuple[str, int, str, str, str]]:
    report = json.loads(output)
    return [(f["path"], f["line"], f["rule"], f["fix"], f["message"]) for f in report["findings"]]


def test_scan_holds_the_client_another_module_hands_an_openai_key(tmp_path, monkeypatch):
    _write(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "--provider", "qwen", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert _findings(result.output) == [("lib.py", 5, "ML601", "manual", HELD)]


def test_apply_leaves_it_and_check_fails(tmp_path, monkeypatch):
    _write(tmp_path)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "lib.py").read_bytes() == LIB.encode()
    assert (tmp_path / "main.py").read_bytes() == MAIN.encode()
    assert CliRunner().invoke(app, ["check", ".", "--provider", "qwen"]).exit_code == 1


def test_a_caller_naming_nothing_lets_it_move_and_a_kept_result_follows_the_caller(
    tmp_path, monkeypatch
):
    """`make("qwen-plus", args.key)`: nothing names OpenAI, so ML601 rewrites (review), as
    before; once main.py hands `args.openai_api_key` the result kept in the cache for the
    unchanged lib.py is not reused (the project's facts changed)."""
    plain = MAIN.replace("--openai-api-key", "--key").replace("args.openai_api_key", "args.key")
    _write(tmp_path, plain)
    monkeypatch.chdir(tmp_path)
    args = ["scan", ".", "--provider", "qwen", "--format", "json"]
    first = CliRunner().invoke(app, args)
    assert [f[:4] for f in _findings(first.output)] == [("lib.py", 5, "ML601", "review")]
    (tmp_path / "main.py").write_text(MAIN, encoding="utf-8")
    again = CliRunner().invoke(app, args)
    assert _findings(again.output) == [("lib.py", 5, "ML601", "manual", HELD)]


@pytest.mark.frameworks
def test_the_openai_key_never_reaches_dashscope(server, tmp_path, monkeypatch):
    """langchain-openai against the loopback server standing for both services: as apply
    leaves the program, its one request goes to OpenAI's stand-in with the key given as
    `--openai-api-key` (its default here); as apply wrote lib.py before, that key went to
    DashScope's."""
    pytest.importorskip("langchain_openai")
    _write(tmp_path)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.output
    env = {
        "APP_SECRET": "sk-proj-openai-secret",
        "OPENAI_BASE_URL": server.base + "/openai/v1",
        "DASHSCOPE_API_KEY": "dashscope-test-key",
        "DASHSCOPE_BASE_URL": server.base + "/qwen/v1",
    }
    proc, blocked = run_guarded("main.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    sent = [(r.path, r.headers["authorization"]) for r in server.requests]
    assert sent == [("/openai/v1/chat/completions", "Bearer sk-proj-openai-secret")]
    (tmp_path / "lib.py").write_text(LIB_BEFORE, encoding="utf-8")
    proc, blocked = run_guarded("main.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    last = server.requests[-1]
    assert (last.path, last.headers["authorization"]) == (
        "/qwen/v1/chat/completions",
        "Bearer sk-proj-openai-secret",
    )


# the `**kwargs` fill (ML601, review) given a caller's `openai_api_key` in another module
FILL_LIB = (
    "from langchain_openai import ChatOpenAI\n\n\n"
    "def make_llm(**kwargs):\n"
    "    return ChatOpenAI(**kwargs)\n"
)
FILL_MAIN = (
    "import argparse\nimport os\n\nfrom lib import make_llm\n\n"
    "parser = argparse.ArgumentParser()\n"
    'parser.add_argument("--openai-api-key", default=os.environ.get("APP_SECRET"))\n'
    "args = parser.parse_args()\n"
    'llm = make_llm(model="qwen-plus", openai_api_key=args.openai_api_key)\n'
    'print(llm.invoke("hi").content)\n'
)
QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
# what apply wrote to lib.py before: `kwargs.pop("openai_api_key", None)` sent that key there
FILL_BEFORE = (
    "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\n"
    "def make_llm(**kwargs):\n"
    '    if not kwargs.get("base_url"):\n'
    '        kwargs["base_url"] = kwargs.pop("openai_api_base", None) or os.environ.get(\n'
    f'            "DASHSCOPE_BASE_URL", "{QWEN_URL}"\n'
    "        )\n"
    '    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (\n'
    "        os.environ.get(\n"
    f'            "DASHSCOPE_BASE_URL", "{QWEN_URL}"\n'
    "        )\n"
    '        .rstrip("/")\n'
    "        .lower(),\n"
    f'        "{QWEN_URL}",\n'
    '        "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",\n'
    '        "https://dashscope-us.aliyuncs.com/compatible-mode/v1",\n'
    '        "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",\n'
    "    ):\n"
    '        kwargs["api_key"] = (\n'
    '            kwargs.pop("openai_api_key", None) or os.environ["DASHSCOPE_API_KEY"]\n'
    "        )\n"
    "    return ChatOpenAI(**kwargs)\n"
)
FILL_HELD = (
    "ChatOpenAI() (LangChain) takes its base URL from `**kwargs` at run time and its key from "
    f"`**kwargs` or OPENAI_API_KEY; make sure they are {QWEN}'s ({QWEN_URL}, the key from "
    "DASHSCOPE_API_KEY): main.py gives it openai_api_key=`args.openai_api_key` (line 9), "
    f"which names OpenAI: a fill from that entry would send it to {QWEN}; make the callers "
    f"give {QWEN}'s key, then its base URL here, by hand"
)


def test_no_kwargs_fill_where_another_module_gives_an_openai_key(tmp_path, monkeypatch):
    (tmp_path / "lib.py").write_text(FILL_LIB, encoding="utf-8")
    (tmp_path / "main.py").write_text(FILL_MAIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["scan", ".", "--provider", "qwen", "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert _findings(result.output) == [("lib.py", 5, "ML601", "manual", FILL_HELD)]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "lib.py").read_bytes() == FILL_LIB.encode()
    assert CliRunner().invoke(app, ["check", ".", "--provider", "qwen"]).exit_code == 1
    # a caller naming nothing: filled (review), as before
    plain = FILL_MAIN.replace("args.openai_api_key", "args.key").replace("--openai-", "--")
    (tmp_path / "main.py").write_text(plain, encoding="utf-8")
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "lib.py").read_text(encoding="utf-8") == FILL_BEFORE


@pytest.mark.frameworks
def test_the_fill_sent_the_callers_openai_key_to_dashscope(server, tmp_path):
    """As apply wrote lib.py before, the `--openai-api-key` value went to DashScope's
    stand-in; left as it is now, to OpenAI's."""
    pytest.importorskip("langchain_openai")
    (tmp_path / "lib.py").write_text(FILL_LIB, encoding="utf-8")
    (tmp_path / "main.py").write_text(FILL_MAIN, encoding="utf-8")
    env = {
        "APP_SECRET": "sk-proj-openai-secret",
        "OPENAI_BASE_URL": server.base + "/openai/v1",
        "DASHSCOPE_API_KEY": "dashscope-test-key",
        "DASHSCOPE_BASE_URL": server.base + "/qwen/v1",
    }
    proc, blocked = run_guarded("main.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    (tmp_path / "lib.py").write_text(FILL_BEFORE, encoding="utf-8")
    proc, blocked = run_guarded("main.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    sent = [(r.path, r.headers["authorization"]) for r in server.requests]
    assert sent == [
        ("/openai/v1/chat/completions", "Bearer sk-proj-openai-secret"),
        ("/qwen/v1/chat/completions", "Bearer sk-proj-openai-secret"),
    ]


# (review r5, s68) where the caller and lib.py stand, and how it imports `make`: from the
# project's root (`scripts/run.py` importing the root's `pkg`, or a `src` layout's), and
# through a dotted import (`import pkg.lib [as l]`); before, none was followed and apply
# pointed the client at the provider keeping `api_key`
LAYOUTS = [
    ("pkg/lib.py", "scripts/run.py", "from pkg.lib import make", "make("),
    ("src/pkg/lib.py", "scripts/run.py", "from pkg.lib import make", "make("),
    ("pkg/lib.py", "main.py", "import pkg.lib", "pkg.lib.make("),
    ("pkg/lib.py", "main.py", "import pkg.lib as l", "l.make("),
]


@pytest.mark.parametrize(("lib", "caller", "imported", "called"), LAYOUTS)
def test_callers_importing_from_the_root_or_dotted_are_followed(
    tmp_path, monkeypatch, lib, caller, imported, called
):
    main = MAIN.replace("from lib import make", imported).replace("make(", called)
    for path, text in ((lib, LIB), (caller, main)):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
        (tmp_path / path).with_name("__init__.py").touch()
    (tmp_path / caller).with_name("__init__.py").unlink()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "--provider", "qwen", "--format", "json"])
    assert result.exit_code == 0, result.output
    held = HELD.replace("line 9 of main.py", f"line 9 of {caller}")
    assert _findings(result.output) == [(lib, 5, "ML601", "manual", held)]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / lib).read_bytes() == LIB.encode()
    assert (tmp_path / caller).read_bytes() == main.encode()


def test_an_argument_reading_the_openai_module_too_is_read_on(tmp_path, monkeypatch):
    """`make(..., openai.api_key or args.openai_api_key)`: the openai module's attribute
    names no parameter, but `args.openai_api_key` beside it still does (review r5)."""
    value = "openai.api_key or args.openai_api_key"
    main = MAIN.replace("import os\n", "import os\n\nimport openai\n").replace(
        "args.openai_api_key)", f"{value})"
    )
    _write(tmp_path, main)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "--provider", "qwen", "--format", "json"])
    assert result.exit_code == 0, result.output
    held = HELD.replace("`args.openai_api_key`", f"`{value}`").replace("line 9", "line 11")
    assert [f for f in _findings(result.output) if f[0] == "lib.py"] == [
        ("lib.py", 5, "ML601", "manual", held)
    ]
