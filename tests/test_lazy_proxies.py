"""litellm reached through a lazy stand-in of the project (aider's `from aider.llm import
litellm`, a `LazyLiteLLM()` whose `__getattr__` imports litellm on first use): its calls are
litellm's, so ML640 and its kin check them as they check `import litellm`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.lazy_proxies import LazyProxy, lazy_proxies, library_name

from .cli_findings import finding_rows, run_json

PROXY_CLASS = """import importlib


class Deferred:
    _loaded = None

    def __getattr__(self, name):
        return getattr(self._load(), name)

    def _load(self):
        if self._loaded is None:
            self._loaded = importlib.import_module("litellm")
        return self._loaded


litellm = Deferred()
"""
# PEP 562: the module answers the attribute itself
PROXY_MODULE = """import importlib


def __getattr__(name):
    if name == "litellm":
        return importlib.import_module("litellm")
    raise AttributeError(name)
"""
CALLER = """from app.llm import litellm


def ask(model, messages):
    return litellm.completion(model=model, messages=messages)
"""
ML640_AT_RUN_TIME = (
    "litellm.completion() takes its model from `model` at run time: an OpenAI model there "
    "(`gpt-4o`, `openai/...`) goes to OpenAI with OPENAI_API_KEY; for Moonshot AI (Kimi) give "
    "it moonshot/<model>"
)


def _project(tmp_path, monkeypatch, llm: str, caller: str = CALLER) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "llm.py").write_text(llm)
    (tmp_path / "app" / "chat.py").write_text(caller)
    monkeypatch.chdir(tmp_path)


def _check(*paths: str) -> tuple[int, list[tuple[str, int, str, str]]]:
    code, report = run_json("check", *paths, "--provider", "moonshot", "--no-cache")
    return code, finding_rows(report, "path", "line", "rule", "message")


def test_a_run_time_model_through_the_stand_in_fails_check(tmp_path, monkeypatch):
    """Before: no finding at all, `check` green while any model went to OpenAI."""
    _project(tmp_path, monkeypatch, PROXY_CLASS)
    code, findings = _check(".")
    assert code == 1
    assert [(p, line, rule) for p, line, rule, _ in findings] == [("app/chat.py", 5, "ML640")]
    assert findings[0][3].startswith(ML640_AT_RUN_TIME)
    # pre-commit gives the staged caller alone: the stand-in's module is read beyond it
    assert [f[:3] for f in _check("app/chat.py")[1]] == [("app/chat.py", 5, "ML640")]


def test_a_relative_import_and_a_module_getattr_are_followed(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch, PROXY_MODULE, CALLER.replace("from app.llm", "from .llm"))
    assert [f[:3] for f in _check(".")[1]] == [("app/chat.py", 5, "ML640")]


def test_an_openai_model_through_the_stand_in_is_moved_with_key_and_base(tmp_path, monkeypatch):
    caller = (
        "from app.llm import litellm\n\n\ndef summary(messages):\n"
        '    return litellm.completion(model="gpt-4o-mini", messages=messages)\n'
    )
    _project(tmp_path, monkeypatch, PROXY_CLASS, caller)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app" / "chat.py").read_text() == (
        "import os\n\nfrom app.llm import litellm\n\n\ndef summary(messages):\n"
        "    return litellm.completion(\n"
        '        extra_body={"thinking": {"type": "disabled"}},\n'
        '        model="moonshot/kimi-k2.6",\n'
        '        api_key=os.environ["MOONSHOT_API_KEY"] or "unset",\n'
        '        api_base=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        "        messages=messages,\n    )\n"
    )
    assert (tmp_path / "app" / "llm.py").read_text() == PROXY_CLASS
    assert _check(".") == (0, [])


def test_an_object_named_litellm_that_is_no_stand_in_stays_the_projects(tmp_path, monkeypatch):
    """Bound to an object of the project's own (no lazy import of litellm), or to a class
    importing another library: `litellm.completion(...)` is the project's method."""
    own = "class Client:\n    def completion(self, **kw):\n        return kw\n\n\nlitellm = Client()\n"
    _project(tmp_path, monkeypatch, own)
    assert _check(".") == (0, [])
    other = PROXY_CLASS.replace('import_module("litellm")', 'import_module("mylib")')
    (tmp_path / "app" / "llm.py").write_text(other)
    assert _check(".") == (0, [])
    # the stand-in under another name than the library's is not read as it
    renamed = PROXY_CLASS.replace("litellm = Deferred()", "backend = Deferred()")
    (tmp_path / "app" / "llm.py").write_text(renamed)
    assert _check(".") == (0, [])


def test_what_a_module_defines_and_how_names_resolve():
    assert lazy_proxies("/p/app/llm.py", "app/llm.py", PROXY_CLASS.encode()) == [
        LazyProxy("/p/app/llm.py", "litellm", "litellm")
    ]
    assert lazy_proxies("/p/app/llm.py", "app/llm.py", PROXY_MODULE.encode()) == [
        LazyProxy("/p/app/llm.py", "litellm", "litellm")
    ]
    proxies = [LazyProxy("/p/app/llm.py", "litellm", "litellm")]
    assert library_name("app.llm.litellm.completion", "/p/app/chat.py", proxies) == (
        "litellm.completion"
    )
    assert library_name(".llm.litellm", "/p/app/chat.py", proxies) == "litellm"
    assert library_name("..llm.litellm", "/p/app/sub/chat.py", proxies) == "litellm"
    assert library_name("app.llm.litellm_extra", "/p/app/chat.py", proxies) is None
    assert library_name(".llm.litellm", "/p/other/chat.py", proxies) is None
    assert library_name("other.llm.litellm", "/p/app/chat.py", proxies) is None


def test_the_stand_in_beyond_the_staged_file_is_found_from_the_cache(tmp_path, monkeypatch):
    """The modules calling litellm are known from their screening, kept in the cache."""
    _project(tmp_path, monkeypatch, PROXY_CLASS)
    cache = tmp_path.parent / f"{tmp_path.name}-cache"
    args = ["check", "app/chat.py", "--provider", "moonshot", "--format", "json"]
    runs = [CliRunner().invoke(app, [*args, "--cache-dir", str(cache)]) for _ in range(2)]
    assert [run.exit_code for run in runs] == [1, 1]
    assert [
        [(f["path"], f["line"], f["rule"]) for f in json.loads(run.stdout)["findings"]]
        for run in runs
    ] == [[("app/chat.py", 5, "ML640")]] * 2
