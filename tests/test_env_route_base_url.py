"""ML501 in a .env file of a project whose chat models are on the provider's own LangChain
route after apply (`deepseek:`, ChatDeepSeek): that class reads its base URL from
DEEPSEEK_API_BASE, not DEEPSEEK_BASE_URL, so apply adds that variable, set to the provider's
base URL, after the key line it edits (t47f: open_deep_research's `.env.example` got its key
line renamed and no line for the base URL ChatDeepSeek reads)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits
from migrate_llm.model import Finding
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config
from migrate_llm.run_facts import RunFacts

# the project names `openai:` chat models and requires langchain-deepseek: ML204 moves them
MOVED = {
    "openai_routes_in": frozenset({"configuration.py"}),
    "langchain_routes": frozenset({"deepseek"}),
}
ROUTE = "DEEPSEEK_API_BASE=https://api.deepseek.com"
# open_deep_research's .env.example (408da44), cut down
ODR = "OPENAI_API_KEY=\nANTHROPIC_API_KEY=\nTAVILY_API_KEY=\n"


def migrate(
    registry: Registry, path: str, text: str, provider: str = "deepseek", **facts
) -> tuple[str, list[Finding]]:
    ctx = RuleContext(registry, registry.get(provider), facts=RunFacts(**facts))
    findings = check_config(path, text, ctx)
    new, _ = apply_edits(text, [f.edit for f in findings if f.edit is not None])
    return new, findings


def test_an_example_file_gets_the_routes_base_url_after_the_renamed_key(registry):
    after, findings = migrate(registry, ".env.example", ODR, **MOVED)
    assert after == f"DEEPSEEK_API_KEY=\n{ROUTE}\nANTHROPIC_API_KEY=\nTAVILY_API_KEY=\n"
    [finding] = findings
    assert (finding.rule, finding.line, finding.fix.value) == ("ML501", 1, "safe")
    assert finding.message == (
        "OPENAI_API_KEY is OpenAI's key variable; DeepSeek reads DEEPSEEK_API_KEY: apply "
        f"renames it in this example file; apply adds {ROUTE} after it, for a proxy or a test "
        "server to go in: the project's `deepseek:` models are built by ChatDeepSeek of "
        "langchain-deepseek, which reads the key from DEEPSEEK_API_KEY and the base URL from "
        "DEEPSEEK_API_BASE, not DEEPSEEK_BASE_URL"
    )
    assert finding.data == {
        "variable_from": "OPENAI_API_KEY",
        "variable_to": "DEEPSEEK_API_KEY",
        "route_base_url_env": "DEEPSEEK_API_BASE",
    }
    again, found = migrate(registry, ".env.example", after, **MOVED)
    assert again == after and found == []


@pytest.mark.parametrize(
    ("path", "text", "after"),
    [
        pytest.param(
            ".env",
            "OPENAI_API_KEY=sk-test\nDEBUG=1\n",
            f"OPENAI_API_KEY=sk-test\n# DEEPSEEK_API_KEY=\n{ROUTE}\nDEBUG=1\n",
            id="a-real-env-after-the-added-key",
        ),
        pytest.param(
            ".env",
            "export OPENAI_API_KEY=sk-test",
            f"export OPENAI_API_KEY=sk-test\n# export DEEPSEEK_API_KEY=\nexport {ROUTE}",
            id="the-last-line-with-export",
        ),
        pytest.param(
            ".env.example",
            "OPENAI_API_KEY=XXX  # from the console\r\nDEBUG=1\r\n",
            f"DEEPSEEK_API_KEY=XXX  # from the console\r\n{ROUTE}\r\nDEBUG=1\r\n",
            id="after-a-comment-crlf",
        ),
        pytest.param(
            ".env.example",
            "OPENAI_API_KEY=\nOPENAI_BASE_URL=https://api.openai.com/v1\n",
            f"DEEPSEEK_API_KEY=\n{ROUTE}\nDEEPSEEK_BASE_URL=https://api.deepseek.com\n",
            id="beside-the-renamed-base-url",
        ),
    ],
)
def test_where_the_line_goes(registry, path, text, after):
    assert migrate(registry, path, text, **MOVED)[0] == after
    assert [f for f in migrate(registry, path, after, **MOVED)[1] if f.edit is not None] == []


def test_a_project_naming_models_on_the_route_already(registry):
    facts = {"routes_named": frozenset({"deepseek"})}
    assert migrate(registry, ".env.example", ODR, **facts)[0].startswith(
        f"DEEPSEEK_API_KEY=\n{ROUTE}\n"
    )


@pytest.mark.parametrize(
    ("text", "provider", "facts"),
    [
        pytest.param(ODR, "deepseek", {}, id="no-models-on-the-route"),
        pytest.param(
            ODR,
            "deepseek",
            {"langchain_routes": frozenset({"deepseek"})},
            id="the-package-required-but-no-openai-models",
        ),
        pytest.param(
            ODR,
            "deepseek",
            {"openai_routes_in": frozenset({"configuration.py"})},
            id="openai-models-but-the-package-not-required",
        ),
        pytest.param(ODR + "DEEPSEEK_API_BASE=\n", "deepseek", MOVED, id="set-already"),
        pytest.param(ODR + "# DEEPSEEK_API_BASE=\n", "deepseek", MOVED, id="named-already"),
        pytest.param(ODR, "qwen", MOVED, id="a-provider-without-a-route"),
    ],
)
def test_no_line_added(registry, text, provider, facts):
    after, findings = migrate(registry, ".env.example", text, provider, **facts)
    assert "_API_BASE=https" not in after
    assert all("route_base_url_env" not in f.data for f in findings)


def test_apply_on_a_project_and_check_after(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text("langchain-deepseek>=0.1.2\n")
    (tmp_path / "configuration.py").write_text('research_model = "openai:gpt-4.1"\n')
    (tmp_path / ".env.example").write_text(ODR)
    runner = CliRunner()
    scan = runner.invoke(app, ["scan", ".", "-p", "deepseek", "--format", "json", "--no-cache"])
    [env] = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML501"]
    assert (env["path"], env["line"], env["fix"]) == (".env.example", 1, "safe")
    assert env["data"]["route_base_url_env"] == "DEEPSEEK_API_BASE"
    done = runner.invoke(app, ["apply", ".", "-p", "deepseek", "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / ".env.example").read_text() == (
        f"DEEPSEEK_API_KEY=\n{ROUTE}\nANTHROPIC_API_KEY=\nTAVILY_API_KEY=\n"
    )
    assert (tmp_path / "configuration.py").read_text() == (
        'research_model = "deepseek:deepseek-v4-pro"\n'
    )
    check = runner.invoke(app, ["check", ".", "-p", "deepseek", "--no-cache"])
    assert check.exit_code == 0, check.stdout
