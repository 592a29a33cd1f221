"""A base URL of the program's own given with no key to a callee whose LangChain class apply
fills with the provider's settings (ML601's `**kwargs` fill).

gpt-researcher's shape (t57a, qwen): `kw["openai_api_base"] = base_url`, read from a variable
of the program's own (`LLM_BASE_URL`), then `from_provider("openai", **kw)` in another module,
whose `ChatOpenAI(**kwargs)` ML601 fills with DashScope's base URL and key where the caller
gives none. The key went in whatever base URL the caller gave: DashScope's key reached the host
LLM_BASE_URL names while `check` passed (t58), and session 58 made such a pass an error at the
caller. The fill now ties the key to the provider's URL, as ML003 ties a client's key fallback
(`kwargs["base_url"] == <provider URL read>`): a caller's own server never gets DashScope's
key, so callers are no longer examined for it and nothing is reported there. The callee's bytes
still key its project's cached results: ML401 switches a caller's OPENAI_BASE_URL read going
there (`base_url_reads.filled_callee`).
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


def test_an_own_base_url_going_to_a_filled_callee_is_no_error_and_check_passes(tmp_path):
    root = project(tmp_path)
    assert findings(root) == (0, [])
    result = CliRunner().invoke(app, ["apply", str(root), "-p", "qwen", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert (root / "pkg" / "llm.py").read_text() == LLM
    assert (root / "pkg" / "provider.py").read_text() == PROVIDER_AFTER
    result = CliRunner().invoke(app, ["check", str(root), "-p", "qwen", "--format", "json"])
    assert (result.exit_code, json.loads(result.stdout)["findings"]) == (0, [])


SETTINGS = """import os


class Settings:
    base_url = os.environ.get("LLM_BASE_URL")


settings = Settings()
"""


@pytest.mark.parametrize(
    ("llm", "more"),
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
        ),
        (
            LLM.replace("(model, text)", "(model, text, base_url=None)").replace(
                '    base_url = os.environ.get("LLM_BASE_URL")\n', ""
            ),
            {},
        ),
        (
            LLM.replace(
                'os.environ.get("LLM_BASE_URL")',
                'os.environ.get("LLM_BASE_URL") or os.environ.get("DASHSCOPE_BASE_URL")',
            ),
            {},
        ),
        (
            LLM.replace('os.environ.get("LLM_BASE_URL")', '"http://localhost:8000/v1"'),
            {},
        ),
        # gpt-researcher's utils/llm.py: `get_llm(**kwargs)` of the module hands it on
        (
            LLM.replace(
                "\n\ndef ask(",
                "\n\ndef get_llm(provider, **kwargs):\n"
                "    return from_provider(provider, **kwargs)\n\n\ndef ask(",
            ).replace('return from_provider("openai", **kw)', 'return get_llm("openai", **kw)'),
            {},
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
def test_other_forms_of_an_own_base_url_are_no_errors(tmp_path, llm, more):
    """Each of these gave the t58 error at the caller; the callee keeps its key to itself."""
    assert findings(project(tmp_path, llm, more=more)) == (0, [])


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


def test_a_cached_caller_is_examined_again_when_only_its_callee_changes(tmp_path, monkeypatch):
    """ML401 switches a caller's OPENAI_BASE_URL read going to a callee that gives the
    provider's key, and leaves it where the callee is left: the callee's bytes key the
    caller's cached result."""
    examined: list[str] = []
    real = engine.FileScanner.examine

    def examine(self, kind, name, text, *args, **kwargs):
        examined.append(Path(name).name)
        return real(self, kind, name, text, *args, **kwargs)

    monkeypatch.setattr(engine.FileScanner, "examine", examine)
    root = project(tmp_path / "p", LLM.replace('"LLM_BASE_URL"', '"OPENAI_BASE_URL"'))
    cache = ("--cache-dir", str(tmp_path / "cache"))

    def settle() -> None:  # older than a stamp can be trusted (`cache.RACY_NS`)
        for path in root.rglob("*.py"):
            status = path.stat()
            os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns - 10_000_000_000))

    def fixes() -> list[tuple[int, str, str]]:
        return [(f["line"], f["rule"], f["fix"]) for f in findings(root, "scan", *cache)[1]]

    switched, left = [(8, "ML401", "safe")], [(8, "ML401", "manual")]
    settle()
    assert fixes() == switched
    examined.clear()
    assert fixes() == switched
    assert examined == []
    callee = root / "pkg" / "provider.py"
    callee.write_text(
        PROVIDER.replace(
            "ChatOpenAI(**kwargs)\n", "ChatOpenAI(**kwargs)  # migrate-llm: ignore[ML601]\n"
        )
    )
    settle()
    assert fixes() == left
    assert sorted(examined) == ["llm.py", "provider.py"]
    callee.write_text(PROVIDER)
    settle()
    assert fixes() == switched


RUN = """import sys

sys.path.insert(0, ".")
from pkg.llm import ask

print(ask("qwen-plus", "hi"))
"""
# that host's own key given with it
LLM_OWN_KEY = LLM.replace(
    '        kw["openai_api_base"] = base_url\n',
    '        kw["openai_api_base"] = base_url\n'
    '        kw["openai_api_key"] = os.environ["LLM_API_KEY"]\n',
)


@pytest.mark.frameworks
def test_the_providers_key_goes_only_with_its_base_url(tmp_path):
    """As applied, with LLM_BASE_URL set and no key for it, no key of DashScope's goes to that
    host: the class has none (no OPENAI_API_KEY either) and the program stops before any
    request. Given that host's own key, it gets that key; with LLM_BASE_URL unset the
    request goes to DashScope with DashScope's key. check passes on all of it."""
    root = project(tmp_path / "p", more={"run.py": RUN})
    result = CliRunner().invoke(app, ["apply", str(root), "-p", "qwen", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert findings(root, "check") == (0, [])
    env = clean_env(load_registry()) | {"DASHSCOPE_API_KEY": "dashscope-key"}

    def run(tag: str, **values: str) -> tuple[int, list, list]:
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
        assert network_guard.blocked_hosts(guard) == []
        if proc.returncode == 0:
            assert proc.stdout == "reply from qwen-plus\n"
        seen = [
            [(r.path, r.headers["authorization"], r.body["model"]) for r in s.requests]
            for s in (other, qwen)
        ]
        return proc.returncode, seen[0], seen[1]

    code, to_other, to_qwen = run("applied", LLM_BASE_URL="{other}/v1")
    assert (code != 0, to_other, to_qwen) == (True, [], [])
    (root / "pkg" / "llm.py").write_text(LLM_OWN_KEY)
    assert findings(root, "check") == (0, [])
    own = ("/v1/chat/completions", "Bearer other-key", "qwen-plus")
    sent = ("/v1/chat/completions", "Bearer dashscope-key", "qwen-plus")
    assert run("own-key", LLM_BASE_URL="{other}/v1", LLM_API_KEY="other-key") == (0, [own], [])
    assert run("unset", LLM_API_KEY="other-key") == (0, [], [sent])
