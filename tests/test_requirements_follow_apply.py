"""The requirements apply leaves agree with the code it writes (t48f repros r_mct, r_req):

- where ML112 renames max_tokens= to max_completion_tokens= (Kimi, Qwen), an openai
  requirement admitting releases before 1.45.0 (whose create() rejects the keyword) gets its
  floor raised in the same apply (ML504, review), its upper bounds kept;
- where ML504 raises an openai<1 pin and the code imports requests/aiohttp (openai 0.28
  installed them), the same apply adds the requirement (review).

`check` after apply is green only when both the code and the requirement moved.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.dependency_pin import raised_floor
from migrate_llm.run_facts import (
    ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS,
    IMPORTS_V0_DEPENDENCY,
    NAMES_TOKEN_LIMIT,
    RunFacts,
    facts_of,
)

from .cli_findings import cli, finding_rows, run_json

# NeedleInAHaystack's provider module, cut down (r_mct); gpt-4o-mini, whose qwen-plus thinks
# only when asked (gpt-4o's qwen4-max always thinks: ML118 warns of the limit after apply too)
APP = """from openai import OpenAI

client = OpenAI()
DEFAULT_MODEL_KWARGS = dict(max_tokens=300)


def ask(prompt, model_kwargs=DEFAULT_MODEL_KWARGS):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[], **model_kwargs)
"""
APPLIED = """import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),
    base_url=os.environ.get(
        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
    ),
)
DEFAULT_MODEL_KWARGS = dict(max_completion_tokens=300)


def ask(prompt, model_kwargs=DEFAULT_MODEL_KWARGS):
    return client.chat.completions.create(
        model="qwen-plus", messages=[], **model_kwargs
    )
"""
FLOOR = (
    "openai>=1.3.5,<2 admits openai releases before 1.45.0; Alibaba Qwen (DashScope / Model "
    "Studio) takes max_completion_tokens=, which apply writes for max_tokens= in the project's "
    "code (ML112), and openai releases before 1.45.0 reject it (TypeError): apply raises it to "
    ">=1.45.0,<2, so pip installs a release taking it"
)
ML112 = (
    "Alibaba Qwen (DashScope / Model Studio) takes max_completion_tokens=, not max_tokens=; the "
    "project's openai requirement admits releases before 1.45.0, whose create() takes no "
    "max_completion_tokens= (TypeError): apply raises it to >=1.45.0 (ML504)"
)


def _findings(path: str, provider: str) -> list[tuple[str, str, int, str, str, str]]:
    _, report = run_json("scan", path, "--provider", provider)
    fields = ("path", "rule", "line", "severity", "fix", "message")
    return finding_rows(report, *fields, rules=("ML112", "ML504"))


def test_apply_raises_the_openai_floor_with_the_rename_and_check_is_green(tmp_path, monkeypatch):
    (tmp_path / "requirements.txt").write_text(
        "openai>=1.3.5,<2\ntyping_extensions==4.8.0\n", encoding="utf-8"
    )
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _findings(".", "qwen") == [
        ("app.py", "ML112", 4, "warning", "safe", ML112),
        ("requirements.txt", "ML504", 1, "error", "review", FLOOR),
    ]
    for _ in range(2):  # a second apply changes nothing
        assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
        assert (tmp_path / "app.py").read_text(encoding="utf-8") == APPLIED
        requirements = (tmp_path / "requirements.txt").read_text(encoding="utf-8")
        assert requirements == "openai>=1.45.0,<2\ntyping_extensions==4.8.0\n"
    assert cli("check", ".", "--provider", "qwen").exit_code == 0


def test_check_stays_red_where_only_the_code_moved(tmp_path, monkeypatch):
    (tmp_path / "requirements.txt").write_text("openai>=1.3.5,<2\n", encoding="utf-8")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("apply", "app.py", "--provider", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APPLIED
    assert (tmp_path / "requirements.txt").read_text(encoding="utf-8") == "openai>=1.3.5,<2\n"
    check = cli("check", ".", "--provider", "qwen")
    assert check.exit_code == 1
    assert " ML504 " in check.stdout


def test_a_provider_taking_max_tokens_moves_no_floor(tmp_path):
    (tmp_path / "requirements.txt").write_text("openai>=1.3.5\n", encoding="utf-8")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    assert _findings(str(tmp_path), "deepseek") == []


def migrate(registry, text, name, provider, facts):
    ctx = RuleContext(registry, registry.get(provider), facts=facts)
    kind = {"pyproject.toml": "toml", "setup.cfg": "setup", "setup.py": "setup.py"}
    return FileScanner(ctx, Path(".")).migrate_text(
        text, kind.get(name, "requirements"), name, name
    )


TOKENS = RunFacts(token_limit_named=True, openai_admits_before_completion_tokens=True)


@pytest.mark.parametrize(
    ("name", "before", "after", "fix"),
    [
        ("requirements.txt", "openai>=1.3.5\n", "openai>=1.45.0\n", "review"),
        ("requirements.txt", "openai\n", "openai>=1.45.0\n", "review"),
        ("requirements.txt", "openai~=1.3\n", "openai>=1.45.0,<2\n", "review"),
        (
            "requirements.txt",
            "openai[datalib] ; python_version>'3.8'  # sdk\n",
            "openai[datalib]>=1.45.0 ; python_version>'3.8'  # sdk\n",
            "review",
        ),
        ("requirements.txt", "openai==0.28.1\n", "openai>=1.45.0\n", "review"),
        ("requirements.txt", "openai>=1.3 \\\n  --hash=sha256:00\n", None, "manual"),
        (
            "pyproject.toml",
            '[project]\ndependencies = ["openai>=1.3", "rich"]\n',
            '[project]\ndependencies = ["openai>=1.45.0", "rich"]\n',
            "review",
        ),
        (
            "pyproject.toml",
            '[tool.poetry.dependencies]\nopenai = "^1.3"\n',
            '[tool.poetry.dependencies]\nopenai = ">=1.45.0,<2"\n',
            "review",
        ),
        (
            "setup.cfg",
            "[options]\ninstall_requires =\n    openai>=1\n",
            "[options]\ninstall_requires =\n    openai>=1.45.0\n",
            "review",
        ),
        (
            "setup.py",
            "setup(install_requires=['openai>=1.2'])\n",
            "setup(install_requires=['openai>=1.45.0'])\n",
            "review",
        ),
    ],
)
def test_the_floor_in_each_format(registry, name, before, after, fix):
    change = migrate(registry, before, name, "moonshot", TOKENS)
    assert change.after == (before if after is None else after)
    assert [(f.rule, f.fix.value) for f in change.findings] == [("ML504", fix)]
    if after is not None:  # idempotent
        assert migrate(registry, after, name, "moonshot", TOKENS).findings == ()


@pytest.mark.parametrize(
    ("facts", "text"),
    [
        (RunFacts(openai_admits_before_completion_tokens=True), "openai>=1.3.5\n"),  # no keyword
        (TOKENS, "openai>=1.50\n"),
        # a requirement capping openai below 1.45.0: ML112 leaves max_tokens
        (RunFacts(token_limit_named=True, openai_before_completion_tokens=True), "openai>=1\n"),
    ],
)
def test_no_floor_where_nothing_renames_or_it_admits_only_later_releases(registry, facts, text):
    assert migrate(registry, text, "requirements.txt", "moonshot", facts).findings == ()


@pytest.mark.parametrize(
    ("spec", "raised"),
    [
        (">=1.3.5,<2", ">=1.45.0,<2"),
        ("", ">=1.45.0"),
        ("*", ">=1.45.0"),
        (">1,!=1.50.0", ">=1.45.0,!=1.50.0"),
        ("~=1.3", ">=1.45.0,<2"),
        ("^1.3", ">=1.45.0,<2"),
        ("==1.*", ">=1.45.0,<2"),
        ("(>=1.2)", ">=1.45.0"),
        (">=1.3 <2", None),
        ("===1.3", None),
    ],
)
def test_raised_floor(spec, raised):
    assert raised_floor(spec, (1, 45, 0)) == raised


@pytest.mark.parametrize(
    ("kind", "text", "bit", "found"),
    [
        ("python", b"create(max_tokens=3)\n", NAMES_TOKEN_LIMIT, True),
        ("python", b'kw = {"max_completion_tokens": 3}\n', NAMES_TOKEN_LIMIT, True),
        ("notebook", b'"source": ["kw = {\\"max_tokens\\": 3}"]', NAMES_TOKEN_LIMIT, True),
        ("python", b"if max_tokens == 3:\n    pass\n", NAMES_TOKEN_LIMIT, False),
        ("requirements", b"openai>=1.3.5\n", ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS, True),
        ("requirements", b"openai\n", ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS, True),
        ("requirements", b"openai==0.28\n", ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS, True),
        ("requirements", b"openai==1.39.0\n", ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS, False),
        ("requirements", b"openai>=1.45\n", ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS, False),
    ],
)
def test_the_facts(kind, text, bit, found):
    assert bool(facts_of(kind, text, True, True, None) & bit) is found


def test_a_file_not_worth_examining_tells_no_keyword():
    assert not facts_of("python", b"create(max_tokens=3)\n", False, True, None) & NAMES_TOKEN_LIMIT


# instagraph, cut down (r_req)
LEGACY = """import openai
import requests


def ask(q):
    page = requests.get("https://example.com").text
    return openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[q, page])
"""


def test_apply_adds_requests_with_the_raised_pin_and_check_is_green(tmp_path, monkeypatch):
    (tmp_path / "requirements.txt").write_text("openai==0.28.0\nflask==2.3.3\n", encoding="utf-8")
    (tmp_path / "app.py").write_text(LEGACY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [f[1:5] for f in _findings(".", "zhipu")] == [
        ("ML504", 1, "error", "safe"),
        ("ML504", 1, "warning", "review"),
    ]
    for _ in range(2):
        done = cli("apply", ".", "--provider", "zhipu", "--yes")
        assert done.exit_code == 0
        text = (tmp_path / "requirements.txt").read_text(encoding="utf-8")
        assert text == "openai>=1\nrequests>=2.20\nflask==2.3.3\n"
    assert cli("check", ".", "--provider", "zhipu").exit_code == 0


def test_a_module_naming_no_openai_counts_only_in_a_project_whose_pin_moves(tmp_path, monkeypatch):
    # the import is found on a second reading of the projects whose openai pin apply may
    # raise: util.py names no OpenAI; the tool/ project beside it pins no openai
    (tmp_path / "requirements.txt").write_text("openai==0.28.0\n", encoding="utf-8")
    (tmp_path / "app.py").write_text(LEGACY.replace("import requests\n", ""), encoding="utf-8")
    (tmp_path / "util.py").write_text("import requests\n", encoding="utf-8")
    (tmp_path / "tool").mkdir()
    (tmp_path / "tool" / "requirements.txt").write_text("flask\n", encoding="utf-8")
    (tmp_path / "tool" / "web.py").write_text("import aiohttp\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    text = (tmp_path / "requirements.txt").read_text(encoding="utf-8")
    assert text == "openai>=1\nrequests>=2.20\n"
    assert (tmp_path / "tool" / "requirements.txt").read_text(encoding="utf-8") == "flask\n"


BOTH = RunFacts.of_bits(IMPORTS_V0_DEPENDENCY["requests"] | IMPORTS_V0_DEPENDENCY["aiohttp"])


@pytest.mark.parametrize(
    ("name", "before", "after", "fix"),
    [
        (
            "requirements.txt",
            "flask\r\nopenai<1\r\n",
            "flask\r\nopenai>=1\r\nrequests>=2.20\r\naiohttp\r\n",
            "review",
        ),
        ("requirements.txt", "openai==0.28.0", "openai>=1\nrequests>=2.20\naiohttp", "review"),
        (
            "pyproject.toml",
            '[project]\ndependencies = [\n    "openai<1",\n]\n',
            '[project]\ndependencies = [\n    "openai>=1", "requests>=2.20", "aiohttp",\n]\n',
            "review",
        ),
        (
            "pyproject.toml",
            '[tool.poetry.dependencies]\nopenai = "^0.28"\n',
            '[tool.poetry.dependencies]\nopenai = ">=1"\nrequests = ">=2.20"\naiohttp = "*"\n',
            "review",
        ),
        (
            "setup.cfg",
            "[options]\ninstall_requires =\n    openai<1\n",
            "[options]\ninstall_requires =\n    openai>=1\n    requests>=2.20\n    aiohttp\n",
            "review",
        ),
        (
            "setup.py",
            "setup(install_requires=['openai<1'])\n",
            "setup(install_requires=['openai>=1', 'requests>=2.20', 'aiohttp'])\n",
            "review",
        ),
        # the value on its key's line: a new line would be a key of its own
        (
            "setup.cfg",
            "[options]\ninstall_requires = openai<1\n",
            "[options]\ninstall_requires = openai>=1\n",
            "manual",
        ),
    ],
)
def test_the_added_requirements_in_each_format(registry, name, before, after, fix):
    change = migrate(registry, before, name, "zhipu", BOTH)
    assert change.after == after
    assert [(f.rule, f.fix.value) for f in change.findings][1:] == [("ML504", fix)]
    assert migrate(registry, after, name, "zhipu", BOTH).after == after  # idempotent
