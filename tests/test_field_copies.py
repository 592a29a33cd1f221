"""The UI's copy of a field's default (ML204, `field_copies`): open_deep_research's
`Field(default="openai:gpt-4.1", metadata={"x_oap_ui_config": {"default": "openai:gpt-4.1"}})`
gets what the default gets, in the same run (review), or is left with it (manual); a test's
input beside its expected value stays left, as before."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext
from migrate_llm.run_facts import RunFacts

from .test_fix_truth import assert_fix_truth

DEEPSEEK = frozenset({"openai", "deepseek"})
READS = (
    "ChatDeepSeek of langchain-deepseek, which reads the key from DEEPSEEK_API_KEY and the base "
    "URL from DEEPSEEK_API_BASE, not DEEPSEEK_BASE_URL"
)
BUILDS = "`openai:` makes LangChain build ChatOpenAI, which sends any model to OpenAI"

ODR = """from pydantic import BaseModel, Field


class Configuration(BaseModel):
    research_model: str = Field(
        default="openai:gpt-4.1",
        metadata={
            "x_oap_ui_config": {
                "type": "text",
                "default": "openai:gpt-4.1",
                "description": "Model for conducting research.",
            }
        },
    )
"""

PLAIN = """from pydantic import BaseModel, Field


class Settings(BaseModel):
    model: str = Field(
        default="gpt-4o",
        json_schema_extra={"title": "Model", "default": "gpt-4o"},
    )
"""


def migrated(registry, text: str, provider: str, routes=frozenset()):
    facts = RunFacts(langchain_routes=frozenset(routes))
    ctx = RuleContext(registry, registry.get(provider), facts=facts)
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert_fix_truth(change, text)
    again = FileScanner(ctx, Path(".")).migrate_text(change.after, "python", "app.py", "app.py")
    assert again.after == change.after  # a second apply changes nothing
    return change


def said(change):
    return [
        (f.rule, f.line, f.fix.value, f.message, f.data)
        for f in change.findings
        if f.rule in ("ML204", "ML205")
    ]


def test_a_plain_default_and_its_ui_copy_are_mapped_together(registry):
    change = migrated(registry, PLAIN, "qwen")
    assert change.after == PLAIN.replace('"gpt-4o"', '"qwen4-max"')
    mapped = {"model_from": "gpt-4o", "model_to": "qwen4-max"}
    assert said(change) == [
        (
            "ML204",
            6,
            "review",
            "field Settings.model = 'gpt-4o' maps to 'qwen4-max' on Alibaba Qwen (DashScope / "
            "Model Studio); apply writes the same in the UI's copy of this default on line 7 "
            "(entry 'default' of json_schema_extra=)",
            mapped,
        ),
        (
            "ML204",
            7,
            "review",
            "'gpt-4o' (entry 'default' of json_schema_extra=) is the UI's copy of the default of "
            "field Settings.model on line 6: apply maps both to 'qwen4-max'",
            mapped,
        ),
    ]


def test_field_s_first_argument_is_its_default(registry):
    before = (
        "from pydantic import BaseModel, Field\n\n\nclass Settings(BaseModel):\n"
        '    model: str = Field("gpt-4o", metadata={"ui": {"default": "gpt-4o"}})\n'
    )
    change = migrated(registry, before, "qwen")
    assert change.after == before.replace('"gpt-4o"', '"qwen4-max"')
    assert [(f.rule, f.fix.value) for f in change.findings] == [
        ("ML204", "review"),
        ("ML204", "review"),
    ]


def test_the_ui_copy_moves_to_deepseek_s_route_with_the_default(registry):
    change = migrated(registry, ODR, "deepseek", DEEPSEEK)
    assert change.after == ODR.replace('"openai:gpt-4.1"', '"deepseek:deepseek-v4-pro"')
    assert said(change) == [
        (
            "ML204",
            6,
            "review",
            "field Configuration.research_model = 'openai:gpt-4.1' maps to 'deepseek-v4-pro' on "
            f"DeepSeek: {BUILDS}; on LangChain's route for DeepSeek it is "
            f"'deepseek:deepseek-v4-pro' ({READS}); apply writes the same in the UI's copy of "
            "this default on line 10 (entry 'default' of metadata=)",
            {
                "model_from": "gpt-4.1",
                "langchain_route": "deepseek",
                "model_to": "deepseek:deepseek-v4-pro",
            },
        ),
        (
            "ML204",
            10,
            "review",
            "'openai:gpt-4.1' (entry 'default' of metadata=) is the UI's copy of the default of "
            "field Configuration.research_model on line 6: apply maps both to "
            "'deepseek:deepseek-v4-pro'",
            {
                "model_from": "gpt-4.1",
                "langchain_route": "deepseek",
                "model_to": "deepseek:deepseek-v4-pro",
            },
        ),
    ]


def test_a_default_left_leaves_its_ui_copy_saying_so(registry):
    # without langchain-deepseek the default stays (manual, ML204 says why); so does its copy
    change = migrated(registry, ODR, "deepseek", {"openai"})
    assert change.after == ODR
    rows = said(change)
    assert [row[:3] for row in rows] == [("ML204", 6, "manual"), ("ML204", 10, "manual")]
    assert rows[1][3:] == (
        "'openai:gpt-4.1' (entry 'default' of metadata=) is the UI's copy of the default of "
        "field Configuration.research_model on line 6, which apply leaves: change both "
        "together, by hand",
        {"model_from": "gpt-4.1", "langchain_route": "deepseek"},
    )


def test_a_copy_written_otherwise_leaves_the_default_naming_the_pair(registry):
    # `"gpt-4.1"` beside `"openai:gpt-4.1"`: not the same literal, so not mapped together
    before = ODR.replace('"default": "openai:gpt-4.1"', '"default": "gpt-4.1"')
    change = migrated(registry, before, "deepseek", DEEPSEEK)
    assert change.after == before
    rows = said(change)
    assert [row[:3] for row in rows] == [("ML204", 6, "manual"), ("ML205", 10, "manual")]
    assert rows[0][3].endswith(
        "apply leaves it: the same model is left on line 10, in the same statement (the value "
        "of entry 'default', ML205): mapped alone, the two would differ (a field's default "
        "beside the UI's copy of it); change both together, by hand"
    )


def test_a_test_input_beside_its_expected_value_stays_left(registry):
    before = 'CASES = [({"model": "gpt-4o"}, {"default": "gpt-4o"})]\n'
    change = migrated(registry, before, "qwen")
    assert change.after == before
    rows = said(change)
    assert [row[:3] for row in rows] == [("ML204", 1, "manual"), ("ML205", 1, "manual")]
    assert rows[0][3] == (
        "entry 'model' = 'gpt-4o' maps to 'qwen4-max' on Alibaba Qwen (DashScope / Model "
        "Studio); apply leaves it: the same model is left on line 1, in the same statement "
        "(the value of entry 'default', ML205): mapped alone, the two would differ (a test's "
        "input beside its expected value); change both together, by hand"
    )


def test_a_default_entry_outside_a_field_s_metadata_is_no_copy(registry):
    # `default` in `examples=`, not `metadata=`: ML205's, and the default is held by it as
    # before (nothing says what that entry is)
    before = (
        "from pydantic import BaseModel, Field\n\n\nclass Settings(BaseModel):\n"
        '    model: str = Field(default="gpt-4o", examples=[{"default": "gpt-4o"}])\n'
    )
    change = migrated(registry, before, "qwen")
    assert change.after == before
    rows = said(change)
    assert [row[:3] for row in rows] == [("ML204", 5, "manual"), ("ML205", 5, "manual")]
    assert "UI's copy" not in rows[0][3]


def test_scan_json_and_apply_on_a_project_requiring_langchain_deepseek(tmp_path, monkeypatch):
    (tmp_path / "requirements.txt").write_text("langchain-openai>=0.3\nlangchain-deepseek\n")
    (tmp_path / "configuration.py").write_text(ODR)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", "-p", "deepseek", "--format", "json"])
    assert result.exit_code == 0
    found = json.loads(result.stdout)["findings"]
    assert [
        (f["rule"], f["line"], f["column"], f["end_column"], f["fix"], f["data"]) for f in found
    ] == [
        (
            "ML204",
            6,
            17,
            33,
            "review",
            {
                "model_from": "gpt-4.1",
                "langchain_route": "deepseek",
                "model_to": "deepseek:deepseek-v4-pro",
            },
        ),
        (
            "ML204",
            10,
            28,
            44,
            "review",
            {
                "model_from": "gpt-4.1",
                "langchain_route": "deepseek",
                "model_to": "deepseek:deepseek-v4-pro",
            },
        ),
    ]
    assert CliRunner().invoke(app, ["apply", "-p", "deepseek", "-y"]).exit_code == 0
    assert (tmp_path / "configuration.py").read_text() == ODR.replace(
        '"openai:gpt-4.1"', '"deepseek:deepseek-v4-pro"'
    )
    check = CliRunner().invoke(app, ["check", "-p", "deepseek", "--format", "json"])
    assert (check.exit_code, json.loads(check.stdout)["findings"]) == (0, [])
