"""A base URL of the program's own given with no key to a callee whose LangChain class apply
gives the provider's key (ML601 at the caller).

gpt-researcher's shape (t57a, qwen): `kw["openai_api_base"] = base_url`, read from a variable
of the program's own (`LLM_BASE_URL`), then `from_provider("openai", **kw)` in another module,
whose `ChatOpenAI(**kwargs)` ML601 fills with DashScope's base URL and key where the caller
gives none. The key goes in whatever base URL the caller gives: DashScope's key went to the
host LLM_BASE_URL names while `check` passed. ML601 now reports such a pass at the caller as an
error left to a person (`filled_callees.foreign_urls`), in scan, apply's summary and check
alike; the caller is examined though it names nothing of OpenAI's (`kwargs_callees`), and its
cached result goes with the callee's bytes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm import engine
from migrate_llm.cli import app
from migrate_llm.registry import load_registry

from . import network_guard
from .loopback_server import LoopbackServer
from .test_base_url_project_calls import FILLED, FILLED_AFTER
from .test_e2e_app import HTTPX_ALIAS, clean_env

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
CN = "https://dashscope.aliyuncs.com/compatible-mode/v1"

# the t57a callee of test_base_url_project_calls, named as gpt-researcher's provider module names it
PROVIDER = FILLED.replace("get_llm", "from_provider")
PROVIDER_AFTER = FILLED_AFTER.replace("get_llm", "from_provider")
# names nothing of OpenAI's but the LangChain keyword
LLM = """import os

from pkg.provider import from_provider


def ask(model, text):
    kw = {"model": model}
    base_url = os.environ.get("LLM_BASE_URL")
    if base_url:
        kw["openai_api_base"] = base_url
    return from_provider("openai", **kw).invoke(text).content
"""


def project(
    root: Path, llm: str = LLM, provider: str = PROVIDER, more: dict[str, str] | None = None
) -> Path:
    files = {"pkg/__init__.py": "", "pkg/provider.py": provider, "pkg/llm.py": llm, **(more or {})}
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def message(value: str, entry: str, line: int, host: str) -> str:
    return (
        f"`{value}` goes as `{entry}` to from_provider() on line {line} (imported from "
        f"pkg.provider) with no key beside it, and the client built there gets {QWEN}'s key "
        f"(from DASHSCOPE_API_KEY) where the caller gives none: that key would go to {host}; "
        f"pass that host's own key with it, or {QWEN}'s base URL (from DASHSCOPE_BASE_URL) in "
        f"its place, by hand (where {host} is {QWEN}'s, say so with "
        "`# migrate-llm: ignore[ML601]` on this line)"
    )


def findings(root: Path, command: str = "scan", *more: str) -> tuple[int, list[dict]]:
    """The exit code and the findings in pkg/llm.py of `command` for qwen (run on `root`)."""
    result = CliRunner().invoke(
        app, [command, str(root), "-p", "qwen", "--format", "json", *(more or ("--no-cache",))]
    )
    found = json.loads(result.stdout)["findings"]
    return result.exit_code, [f for f in found if f["path"].endswith("pkg/llm.py")]


def rows(found: list[dict]) -> list[tuple[int, int, str, str, str, str]]:
    return [
        (f["line"], f["column"], f["rule"], f["severity"], f["fix"], f["message"]) for f in found
    ]


def test_an_own_base_url_going_to_a_filled_callee_is_an_error_scan_apply_and_check_agree(
    tmp_path,
):
    root = project(tmp_path)
    expected = (10, 33, "ML601", "error", "manual")
    code, found = findings(root)
    assert code == 0
    assert rows(found) == [
        (*expected, message("base_url", "openai_api_base", 11, "the host LLM_BASE_URL names"))
    ]
    assert found[0]["data"] == {
        "callee": "from_provider",
        "entry": "openai_api_base",
        "api_key_env": "DASHSCOPE_API_KEY",
        "base_url_env": "DASHSCOPE_BASE_URL",
        "variable": "LLM_BASE_URL",
    }
    result = CliRunner().invoke(app, ["apply", str(root), "-p", "qwen", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert (root / "pkg" / "llm.py").read_text() == LLM
    assert (root / "pkg" / "provider.py").read_text() == PROVIDER_AFTER
    # the fill written counts as apply's: check fails on the caller until a person decides
    code, found = findings(root, "check")
    assert code == 1
    assert [r[:5] for r in rows(found)] == [expected]


SETTINGS = """import os


class Settings:
    base_url = os.environ.get("LLM_BASE_URL")


settings = Settings()
"""


@pytest.mark.parametrize(
    ("llm", "more", "expected"),
    [
        (
            LLM.replace(
                '    kw = {"model": model}\n    base_url = os.environ.get("LLM_BASE_URL")\n'
                '    if base_url:\n        kw["openai_api_base"] = base_url\n'
                '    return from_provider("openai", **kw)',
                '    url = os.environ.get("LLM_BASE_URL")\n'
                '    return from_provider("openai", model=model, base_url=url)',
            ),
            {},
            (8, 58, "url", "base_url", 8, "the host LLM_BASE_URL names"),
        ),
        (
            LLM.replace("import os\n\n", "")
            .replace(
                "from pkg.provider import from_provider\n",
                "from pkg.provider import from_provider\nfrom pkg.settings import settings\n",
            )
            .replace('    base_url = os.environ.get("LLM_BASE_URL")\n', "")
            .replace("base_url", "settings.base_url"),
            {"pkg/settings.py": SETTINGS},
            (
                8,
                33,
                "settings.base_url",
                "openai_api_base",
                9,
                "the host `settings.base_url` names",
            ),
        ),
        (
            LLM.replace("(model, text)", "(model, text, base_url=None)").replace(
                '    base_url = os.environ.get("LLM_BASE_URL")\n', ""
            ),
            {},
            (9, 33, "base_url", "openai_api_base", 10, "the host `base_url` names"),
        ),
        (
            LLM.replace(
                'os.environ.get("LLM_BASE_URL")',
                'os.environ.get("LLM_BASE_URL") or os.environ.get("DASHSCOPE_BASE_URL")',
            ),
            {},
            (10, 33, "base_url", "openai_api_base", 11, "the host LLM_BASE_URL names"),
        ),
        (
            LLM.replace('os.environ.get("LLM_BASE_URL")', '"http://localhost:8000/v1"'),
            {},
            (10, 33, "base_url", "openai_api_base", 11, "localhost"),
        ),
        # gpt-researcher's utils/llm.py: `get_llm(**kwargs)` of the module hands it on
        (
            LLM.replace(
                "\n\ndef ask(",
                "\n\ndef get_llm(provider, **kwargs):\n"
                "    return from_provider(provider, **kwargs)\n\n\ndef ask(",
            ).replace('return from_provider("openai", **kw)', 'return get_llm("openai", **kw)'),
            {},
            (14, 33, "base_url", "openai_api_base", 7, "the host LLM_BASE_URL names"),
        ),
        # a prefixed entry name, as ML501's key destinations read one (`sdk.url_entry`)
        (
            LLM.replace(
                '    kw = {"model": model}\n    base_url = os.environ.get("LLM_BASE_URL")\n'
                '    if base_url:\n        kw["openai_api_base"] = base_url\n'
                '    return from_provider("openai", **kw)',
                '    url = os.environ.get("LLM_BASE_URL")\n'
                '    return from_provider("openai", model=model, llm_base_url=url)',
            ),
            {},
            (8, 62, "url", "llm_base_url", 8, "the host LLM_BASE_URL names"),
        ),
    ],
    ids=[
        "keyword",
        "settings-attribute",
        "parameter",
        "own-or-providers",
        "written-host",
        "through-a-function-of-the-module",
        "prefixed-entry",
    ],
)
def test_other_forms_of_an_own_base_url_are_errors(tmp_path, llm, more, expected):
    line, column, value, entry, call_line, host = expected
    _, found = findings(project(tmp_path, llm, more=more))
    assert rows(found) == [
        (line, column, "ML601", "error", "manual", message(value, entry, call_line, host))
    ]


@pytest.mark.parametrize(
    ("before", "after", "rules"),
    [
        ('"LLM_BASE_URL"', '"DASHSCOPE_BASE_URL"', []),
        ('os.environ.get("LLM_BASE_URL")', f'"{CN}"', []),
        (
            '        kw["openai_api_base"] = base_url\n',
            '        kw["openai_api_base"] = base_url\n'
            '        kw["openai_api_key"] = os.environ["LLM_API_KEY"]\n',
            [],
        ),
        # ML401 switches that read with the callee (test_base_url_project_calls)
        ('"LLM_BASE_URL"', '"OPENAI_BASE_URL"', ["ML401"]),
    ],
    ids=["providers-variable", "providers-url", "own-key-beside", "openai-variable"],
)
def test_the_providers_base_url_or_a_key_beside_it_is_no_error(tmp_path, before, after, rules):
    _, found = findings(project(tmp_path, LLM.replace(before, after)))
    assert [f["rule"] for f in found] == rules


def test_an_own_base_url_said_to_be_the_providers_passes_check(tmp_path):
    llm = LLM.replace(
        '        kw["openai_api_base"] = base_url\n',
        '        kw["openai_api_base"] = base_url  # migrate-llm: ignore[ML601]\n',
    )
    root = project(tmp_path, llm)
    result = CliRunner().invoke(app, ["apply", str(root), "-p", "qwen", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert findings(root, "check") == (0, [])


def test_a_callee_apply_leaves_gives_no_error_at_the_caller(tmp_path):
    """Its ML601 suppressed, the callee is left (it reads OPENAI_API_KEY itself); scanning the
    caller alone, the run does not fill the callee either."""
    left = PROVIDER.replace(
        "ChatOpenAI(**kwargs)\n", "ChatOpenAI(**kwargs)  # migrate-llm: ignore[ML601]\n"
    )
    assert findings(project(tmp_path / "left", provider=left)) == (0, [])
    root = project(tmp_path / "alone")
    result = CliRunner().invoke(
        app, ["scan", str(root / "pkg" / "llm.py"), "-p", "qwen", "--format", "json", "--no-cache"]
    )
    assert json.loads(result.stdout)["findings"] == []


def test_a_cached_caller_is_examined_again_when_only_its_callee_changes(tmp_path, monkeypatch):
    examined: list[str] = []
    real = engine.FileScanner.examine

    def examine(self, kind, name, text, *args, **kwargs):
        examined.append(Path(name).name)
        return real(self, kind, name, text, *args, **kwargs)

    monkeypatch.setattr(engine.FileScanner, "examine", examine)
    root = project(tmp_path / "p")
    cache = ("--cache-dir", str(tmp_path / "cache"))

    def settle() -> None:  # older than a stamp can be trusted (`cache.RACY_NS`)
        for path in root.rglob("*.py"):
            status = path.stat()
            os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns - 10_000_000_000))

    settle()
    assert [f["line"] for f in findings(root, "scan", *cache)[1]] == [10]
    examined.clear()
    assert [f["line"] for f in findings(root, "scan", *cache)[1]] == [10]
    assert examined == []
    callee = root / "pkg" / "provider.py"
    callee.write_text(
        PROVIDER.replace(
            "ChatOpenAI(**kwargs)\n", "ChatOpenAI(**kwargs)  # migrate-llm: ignore[ML601]\n"
        )
    )
    settle()
    assert findings(root, "scan", *cache)[1] == []
    assert sorted(examined) == ["llm.py", "provider.py"]
    callee.write_text(PROVIDER)
    settle()
    assert [f["line"] for f in findings(root, "scan", *cache)[1]] == [10]


RUN = """import sys

sys.path.insert(0, ".")
from pkg.llm import ask

print(ask("qwen-plus", "hi"))
"""
# the fix the message gives: that host's own key goes with it
LLM_FIXED = LLM.replace(
    '        kw["openai_api_base"] = base_url\n',
    '        kw["openai_api_base"] = base_url\n'
    '        kw["openai_api_key"] = os.environ["LLM_API_KEY"]\n',
)


@pytest.mark.frameworks
def test_the_key_goes_where_check_says_and_the_advised_fix_keeps_each_key_with_its_host(
    tmp_path,
):
    """As applied, with LLM_BASE_URL set, DashScope's key reaches that host: what the error
    says, and check fails. Fixed as it advises, check passes: that host gets its own key, and
    with LLM_BASE_URL unset the request goes to DashScope with DashScope's key."""
    root = project(tmp_path / "p", more={"run.py": RUN})
    result = CliRunner().invoke(app, ["apply", str(root), "-p", "qwen", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    env = clean_env(load_registry()) | {"DASHSCOPE_API_KEY": "dashscope-key"}

    def run(tag: str, **values: str) -> tuple[list, list]:
        other, qwen = LoopbackServer().start(), LoopbackServer().start()
        given = {"DASHSCOPE_BASE_URL": qwen.base + "/v1"}
        given |= {name: value.format(other=other.base) for name, value in values.items()}
        guard = tmp_path / tag
        try:
            proc = subprocess.run(
                [sys.executable, "run.py"],
                cwd=root,
                env=network_guard.subprocess_env(env | given, guard, HTTPX_ALIAS),
                capture_output=True,
                text=True,
                timeout=120,
            )
        finally:
            other.stop()
            qwen.stop()
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert network_guard.blocked_hosts(guard) == []
        assert proc.stdout == "reply from qwen-plus\n"
        seen = [
            [(r.path, r.headers["authorization"], r.body["model"]) for r in s.requests]
            for s in (other, qwen)
        ]
        return seen[0], seen[1]

    sent = ("/v1/chat/completions", "Bearer dashscope-key", "qwen-plus")
    assert run("applied", LLM_BASE_URL="{other}/v1") == ([sent], [])
    assert findings(root, "check")[0] == 1
    (root / "pkg" / "llm.py").write_text(LLM_FIXED)
    assert findings(root, "check") == (0, [])
    own = ("/v1/chat/completions", "Bearer other-key", "qwen-plus")
    assert run("fixed", LLM_BASE_URL="{other}/v1", LLM_API_KEY="other-key") == ([own], [])
    assert run("unset", LLM_API_KEY="other-key") == ([], [sent])
