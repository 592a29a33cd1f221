"""What the files of a project tell the rules (`RunFacts`) is joined per project, not over the
whole run: in a directory of independent apps, each with its own requirements, one app's
`litellm.completion(...)` or agno pin must not change what is said of another (seen in
awesome-llm-apps: one app calling litellm turned the model settings of ten others manual)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from migrate_llm import engine
from migrate_llm.engine import ScanOptions, scan
from migrate_llm.run_facts import Projects

from .cli_findings import invoke, write
from .conftest import ACME_DIR
from .test_frameworks_agno import SCHEMA_AGENT, _schema_agent_on_zhipu

TARGET = ["--provider", "acme", "--providers-dir", str(ACME_DIR)]
ACME = [*TARGET, "--no-cache"]
CALLS_LITELLM = (
    'import litellm\n\n\ndef send(messages):\n    return litellm.completion(model="gpt-4o", '
    "messages=messages)\n"
)
OPTION = 'import argparse\n\np = argparse.ArgumentParser()\np.add_argument("--model", default="gpt-4o")\n'
# what ML204 says of OPTION where its project calls litellm, and where it does not
MANUAL = (
    "manual",
    "default of option --model = 'gpt-4o' maps to 'acme-large' on Acme Cloud, but a module of "
    "this project calls litellm, which sends a model without a provider prefix to OpenAI, and "
    "nothing here shows where this one goes: write 'acme/acme-large' where it reaches litellm, "
    "'acme-large' where it reaches an OpenAI client, by hand",
)
REVIEW = ("review", "default of option --model = 'gpt-4o' maps to 'acme-large' on Acme Cloud")


def found(*args: str) -> dict[str, list[tuple[str, int, str, str]]]:
    """The findings of `scan ARGS` by file: (rule, line, fix, message)."""
    code, out = invoke("scan", *args, *ACME, "--format", "json")
    assert code == 0, out
    by_file: dict[str, list[tuple[str, int, str, str]]] = {}
    for f in json.loads(out)["findings"]:
        by_file.setdefault(f["path"], []).append((f["rule"], f["line"], f["fix"], f["message"]))
    return by_file


TWO_APPS = {
    "apps/memory/requirements.txt": "litellm\n",
    "apps/memory/llm.py": CALLS_LITELLM,
    "apps/chat/requirements.txt": "openai\n",
    "apps/chat/cli.py": OPTION,
}


def test_an_app_is_scanned_as_if_alone_beside_one_that_calls_litellm(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, TWO_APPS)
    whole = found(".")
    assert whole["apps/chat/cli.py"] == [("ML204", 4, *REVIEW)]
    assert whole["apps/chat/cli.py"] == found("apps/chat")["apps/chat/cli.py"]
    assert whole["apps/memory/llm.py"] == found("apps/memory")["apps/memory/llm.py"]
    # without the apps' requirements the tree is one project, as before
    for marker in ("apps/memory/requirements.txt", "apps/chat/requirements.txt"):
        (tmp_path / marker).unlink()
    assert found(".")["apps/chat/cli.py"] == [("ML204", 4, *MANUAL)]


def test_check_passes_once_both_apps_are_applied(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, TWO_APPS)
    assert invoke("check", ".", *ACME)[0] == 1
    assert invoke("check", "apps/chat", *ACME)[0] == 1
    code, _ = invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")
    assert code == 0
    assert (tmp_path / "apps/chat/cli.py").read_text() == OPTION.replace("gpt-4o", "acme-large")
    assert 'model="acme/acme-large"' in (tmp_path / "apps/memory/llm.py").read_text()
    # the run's litellm left the chat app's option manual, and check failing on it
    assert [invoke("check", path, *ACME)[0] for path in (".", "apps/chat", "apps/memory")] == [
        0,
        0,
        0,
    ]


def test_a_file_checked_alone_knows_only_itself(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {**TWO_APPS, "apps/chat/route.py": CALLS_LITELLM})
    assert found(".")["apps/chat/cli.py"] == [("ML204", 4, *MANUAL)]
    assert found("apps/chat/cli.py")["apps/chat/cli.py"] == [("ML204", 4, *REVIEW)]
    assert invoke("check", "apps/chat/cli.py", *ACME)[0] == 1


def test_files_without_a_project_file_of_their_own_belong_to_the_one_above(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "requirements.txt": "litellm\n",
            "llm.py": CALLS_LITELLM,
            "apps/a/cli.py": OPTION,  # no project file: the outer project's
            "tools/b/pyproject.toml": '[project]\nname = "b"\n',
            "tools/b/cli.py": OPTION,  # a project of its own: the outer one's litellm is not
        },
    )
    shown = found(".")
    assert shown["apps/a/cli.py"] == [("ML204", 4, *MANUAL)]
    assert shown["tools/b/cli.py"] == [("ML204", 4, *REVIEW)]


def test_a_nested_project_tells_nothing_to_the_one_around_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "setup.py": "from setuptools import setup\n\nsetup(name='outer')\n",
            "cli.py": OPTION,
            "plugins/c/requirements/base.txt": "litellm\n",  # marks plugins/c
            "plugins/c/llm.py": CALLS_LITELLM,
            "plugins/c/cli.py": OPTION,
        },
    )
    shown = found(".")
    assert shown["cli.py"] == [("ML204", 4, *REVIEW)]
    assert shown["plugins/c/cli.py"] == [("ML204", 4, *MANUAL)]


def test_an_apps_agno_pin_reaches_its_own_files_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "old/requirements.txt": "agno==1.1.5\nopenai\n",
            "old/judge.py": SCHEMA_AGENT,
            "new/requirements.txt": "agno>=2\nopenai\n",
            "new/judge.py": SCHEMA_AGENT,
        },
    )
    code, _ = invoke("apply", ".", "--provider", "zhipu", "--yes", "--allow-dirty")
    assert code == 0
    assert (tmp_path / "old/judge.py").read_text() == _schema_agent_on_zhipu(
        "supports_structured_outputs"
    )
    assert (tmp_path / "new/judge.py").read_text() == _schema_agent_on_zhipu(
        "supports_native_structured_outputs"
    )


STARTER = (
    "from llama_index.core import SimpleDirectoryReader, VectorStoreIndex\n\n"
    'index = VectorStoreIndex.from_documents(SimpleDirectoryReader("data").load_data())\n'
)


def test_llamaindex_defaults_set_in_one_app_do_not_set_them_in_another(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "rag/pyproject.toml": '[project]\nname = "rag"\n',
            "rag/settings.py": (
                "from llama_index.core import Settings\n\n"
                "Settings.llm = make_llm()\nSettings.embed_model = make_embedding()\n"
            ),
            "rag/app.py": "import settings\n" + STARTER,
            "starter/requirements.txt": "llama-index\n",
            "starter/app.py": STARTER,
        },
    )
    code, out = invoke("check", ".", "-p", "qwen", "--no-cache", "--format", "json")
    assert code == 1
    assert [
        (f["path"], f["line"], f["data"].get("setting")) for f in json.loads(out)["findings"]
    ] == [("starter/app.py", 3, "embed_model")]


@pytest.fixture
def examined(monkeypatch):
    """The names of the files examined (read and checked by the rules) in this test."""
    seen: list[str] = []
    real = engine.FileScanner.examine

    def examine(self, kind, name, text, *args, **kwargs):
        seen.append(name)
        return real(self, kind, name, text, *args, **kwargs)

    monkeypatch.setattr(engine.FileScanner, "examine", examine)
    return seen


def test_a_cached_result_is_kept_by_the_facts_of_its_project(tmp_path, examined):
    write(tmp_path, TWO_APPS)

    def run(*paths: str) -> dict[str, list[tuple[str, str]]]:
        options = ScanOptions(
            paths=tuple(Path(p) for p in paths),
            provider="acme",
            provider_dirs=(ACME_DIR,),
            cwd=tmp_path,
            cache_dir=tmp_path / ".cache",
            jobs=1,
        )
        by_file: dict[str, list[tuple[str, str]]] = {}
        for f in scan(options).findings:
            by_file.setdefault(f.path, []).append((f.rule, f.fix.value))
        return by_file

    assert run("apps/chat") == {"apps/chat/cli.py": [("ML204", "review")]}
    assert examined == ["apps/chat/cli.py", "apps/chat/requirements.txt"]
    examined.clear()
    # the whole tree: the chat app's project tells what it told alone, so its results are kept
    whole = run(".")
    assert examined == ["apps/memory/llm.py"]
    assert whole["apps/chat/cli.py"] == [("ML204", "review")]
    examined.clear()
    # a module of the chat app now calls litellm: the app's files, unchanged, are examined
    # again; the other app's are not
    write(tmp_path, {"apps/chat/route.py": CALLS_LITELLM})
    assert run(".")["apps/chat/cli.py"] == [("ML204", "manual")]
    assert sorted(examined) == [
        "apps/chat/cli.py",
        "apps/chat/requirements.txt",
        "apps/chat/route.py",
    ]


def test_files_examined_by_a_pool_are_told_their_projects_facts(tmp_path):
    files = {**TWO_APPS}
    for n in range(30):
        files[f"apps/memory/m{n}.py"] = OPTION
        files[f"apps/chat/c{n}.py"] = OPTION
    write(tmp_path, files)

    def fixes(jobs: int) -> dict[str, str]:
        options = ScanOptions(provider="acme", provider_dirs=(ACME_DIR,), cwd=tmp_path, jobs=jobs)
        return {f.path: f.fix.value for f in scan(options).findings if f.rule == "ML204"}

    pooled = fixes(2)
    assert pooled == fixes(1)
    assert {fix for path, fix in pooled.items() if path.startswith("apps/chat/")} == {"review"}
    assert {fix for path, fix in pooled.items() if path.startswith("apps/memory/m")} == {"manual"}


def test_the_project_files_and_the_root_each_file_belongs_to():
    def name(path: str) -> str:
        return os.sep + path.replace("/", os.sep)

    sources = [
        (name(path), kind)
        for path, kind in (
            ("r/pyproject.toml", "toml"),
            ("r/a/setup.py", "setup.py"),
            ("r/b/setup.cfg", "setup"),
            ("r/c/requirements-dev.txt", "requirements"),
            ("r/d/requirements/base.txt", "requirements"),
            ("r/e/constraints.txt", "requirements"),  # not a project file
            ("r/f/config.toml", "toml"),  # nor this
            ("r/g/package.json", "json"),  # nor this
        )
    ]
    projects = Projects(sources)
    assert projects.roots == {name(p) for p in ("r", "r/a", "r/b", "r/c", "r/d")}
    assert [
        projects.root(name(path))
        for path in ("r/x.py", "r/a/x.py", "r/a/deep/er/x.py", "r/d/requirements/x.py")
    ] == [name("r"), name("r/a"), name("r/a"), name("r/d")]
    assert [projects.root(name(path)) for path in ("r/e/x.py", "r/f/x.py", "r/g/x.py")] == [
        name("r")
    ] * 3
    assert projects.root(name("elsewhere/x.py")) == ""
    assert Projects([(name("r/x.py"), "python")]).root(name("r/x.py")) == ""


def test_a_dotenv_setting_crewais_model_counts_below_its_own_directory(tmp_path, monkeypatch):
    """crewAI reads the .env of the directory it runs in: one beside another app's files (no
    project file anywhere) does not give the other app's agents a model."""
    monkeypatch.chdir(tmp_path)
    agent = 'from crewai import Agent\n\nagent = Agent(role="r", goal="g", backstory="b")\n'
    write(
        tmp_path,
        {
            "a/.env.example": "OPENAI_MODEL_NAME=gpt-4o\n",
            "a/crew.py": agent,
            "a/tools/crew.py": agent,
            "b/crew.py": agent,
        },
    )
    defaults = {
        path: [rule for rule, *_ in findings if rule == "ML690"]
        for path, findings in found(".").items()
    }
    assert defaults.get(os.path.join("b", "crew.py")) == ["ML690"]
    assert not defaults.get(os.path.join("a", "crew.py"))
    assert not defaults.get(os.path.join("a", "tools", "crew.py"))
