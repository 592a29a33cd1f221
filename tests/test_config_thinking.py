"""ML507: a config mapping's model that thinks, beside a token limit (t51a: ChatDev's workflow
nodes, `name: gpt-4o` beside `params: {max_tokens: 16}`, mapped to qwen4-max with no word,
while the same request in Python got ML118's warning)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.compat_summary import parameter_counts
from migrate_llm.model import FixClass, Severity
from migrate_llm.registry import Registry

from .test_config_edits import migrate

NO_SIZE = (
    "no limit clears this warning (the provider's file names no size the reasoning needs; a "
    "larger one only leaves it more room): where the requests are settled otherwise (a "
    "program sending {} itself), record that with `# migrate-llm: ignore[ML507]` on the "
    "model's line"
)

AGENT = (
    "nodes:\n  - id: A1\n    config:\n      provider: openai\n      name: gpt-4o\n"
    "      params:\n        temperature: 0.1\n        max_tokens: 16\n"
)
UNCONFIRMED = (
    " (unconfirmed: qwen4-max: Alibaba says thinking is on by default and is tuned with "
    "reasoning_effort; whether enable_thinking=false turns it off is not documented; a "
    'third-party gateway (APIYI) reports reasoning_effort="none" turns it off and that a small '
    "max_tokens may be spent on thinking alone, leaving an empty reply)"
)
AFTER_APPLY = (
    "qwen4-max always thinks before it answers (no switch turns it off), and the reasoning "
    "counts against params.max_tokens: 16 (line 8): at the default effort it may use all of it "
    'and leave the reply empty; have the program send reasoning_effort "low" '
    'with each of these requests (on the Responses API reasoning: {effort: "low"}; a program '
    "that passes on only the settings it knows drops a key added here), or choose a model "
    "that can stop thinking, by hand; " + NO_SIZE.format("an effort") + UNCONFIRMED
)


def qwen(*args: str):
    return CliRunner().invoke(app, [*args, "--provider", "qwen"])


def test_warned_before_apply_and_check_stays_red_after_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agent.yaml").write_text(AGENT)
    scanned = json.loads(qwen("scan", ".", "--format", "json").stdout)["findings"]
    assert [(f["line"], f["rule"], f["severity"], f["fix"]) for f in scanned] == [
        (5, "ML503", "warning", "review"),
        (5, "ML507", "warning", "manual"),
    ]
    assert scanned[1]["data"] == {
        "model": "qwen4-max",
        "model_from": "gpt-4o",
        "limit": "params.max_tokens",
        "limit_line": 8,
    }
    done = qwen("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "agent.yaml").read_text() == AGENT.replace("gpt-4o", "qwen4-max")
    checked = qwen("check", ".", "--format", "json")
    assert checked.exit_code == 1
    left = json.loads(checked.stdout)["findings"]
    assert [(f["path"], f["line"], f["rule"], f["message"]) for f in left] == [
        ("agent.yaml", 5, "ML507", AFTER_APPLY)
    ]


@pytest.mark.parametrize(
    "settled",
    [
        "        max_tokens: 16\n        reasoning_effort: low\n",
        "        max_tokens: 16\n        reasoning:\n          effort: low\n",
    ],
    ids=["reasoning_effort", "responses-reasoning"],
)
def test_an_effort_beside_the_limit_settles_it(tmp_path, monkeypatch, settled):
    monkeypatch.chdir(tmp_path)
    text = AGENT.replace("gpt-4o", "qwen4-max").replace("        max_tokens: 16\n", settled)
    (tmp_path / "agent.yaml").write_text(text)
    assert qwen("check", ".").exit_code == 0


def test_a_suppression_on_the_model_line_records_the_choice(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = AGENT.replace("name: gpt-4o", "name: qwen4-max  # migrate-llm: ignore[ML507]")
    (tmp_path / "agent.yaml").write_text(text)
    assert qwen("check", ".").exit_code == 0


def test_a_mapping_to_a_model_that_answers_at_once_is_not_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agent.yaml").write_text(AGENT)
    done = qwen("apply", ".", "--yes", "--allow-dirty", "--model", "gpt-4o=qwen-plus")
    assert done.exit_code == 0, done.stderr
    assert qwen("check", ".", "--model", "gpt-4o=qwen-plus").exit_code == 0


def test_a_model_with_a_switch_names_it_and_the_switch_settles_it(registry: Registry) -> None:
    text = "llm:\n  model: gpt-4o-mini\n  max_completion_tokens: 200\n"
    (found,) = [
        f for f in migrate(registry, "config.yaml", text, "deepseek")[1] if f.rule == "ML507"
    ]
    assert (found.severity, found.fix, found.edit) == (Severity.WARNING, FixClass.MANUAL, None)
    assert found.message == (
        "deepseek-flash, to which apply maps gpt-4o-mini, thinks before it answers unless told "
        "not to, which gpt-4o-mini did not (replies and stream deltas carry reasoning_content, "
        "temperature is ignored, a tool loop must send the reasoning back), and the reasoning "
        "counts against max_completion_tokens: 200 (line 3): at the default effort it may use "
        'all of it and leave the reply empty; have the program send {"thinking": {"type": '
        '"disabled"}} in these requests\' extra_body (its entries written in this mapping, also '
        "under extra_body:, settle this warning), or map gpt-4o-mini to a model that does not "
        "think (--model gpt-4o-mini=NAME), by hand; no limit clears this warning (the "
        "provider's file names no size the reasoning needs; a larger one only leaves it more "
        "room): where the requests are settled otherwise (a program sending the switch itself), "
        "record that with `# migrate-llm: ignore[ML507]` on the model's line"
    )
    assert found.data["extra_body"] == {"thinking": {"type": "disabled"}}
    switched = text + "  extra_body:\n    thinking:\n      type: disabled\n"
    assert [
        f for f in migrate(registry, "config.yaml", switched, "deepseek")[1] if f.rule == "ML507"
    ] == []
    enabled = switched.replace("disabled", "enabled")
    assert [f.rule for f in migrate(registry, "config.yaml", enabled, "deepseek")[1]].count(
        "ML507"
    ) == 1


@pytest.mark.parametrize(
    "text",
    [
        # the limit belongs to another model's mapping inside this one
        "agent:\n  model: gpt-4o\n  helper:\n    model: gpt-4o-mini\n    max_tokens: 16\n",
        # an OpenAI model that thought already: its limit was set with the reasoning in mind
        "llm:\n  model: o3-mini\n  max_tokens: 16\n",
        # a limit left unset
        "llm:\n  model: gpt-4o\n  max_tokens: null\n",
        # the mapping stays on OpenAI: ML503 leaves its model
        "llm:\n  base_url: https://api.openai.com/v1\n  api_key: ${OPENAI_API_KEY}\n"
        "  model: gpt-4o\n  max_tokens: 16\n",
    ],
    ids=["nested-model", "openai-reasoning-model", "null-limit", "held-on-openai"],
)
def test_not_reported(registry: Registry, text: str) -> None:
    found = migrate(registry, "config.yaml", text, "qwen")[1]
    assert [f for f in found if f.rule == "ML507"] == []


def test_counted_with_ml118_in_the_compatibility_table(registry: Registry) -> None:
    found = migrate(registry, "agent.yaml", AGENT, "qwen")[1]
    assert parameter_counts(found) == {"model that thinks by default": (1, 0)}


def test_a_later_mapping_of_the_same_model_refers_to_the_first(registry: Registry) -> None:
    # t63b: AgentVerse's task configs, an `llm:` block per agent (135 warnings of ~900 chars)
    text = (
        "a:\n  llm:\n    model: gpt-4\n    max_tokens: 100\n"
        "b:\n  llm:\n    model: gpt-4\n    max_tokens: 250\n"
    )
    found = [f for f in migrate(registry, "config.yaml", text, "qwen")[1] if f.rule == "ML507"]
    assert [(f.line, f.fix) for f in found] == [(3, FixClass.MANUAL), (7, FixClass.MANUAL)]
    assert found[0].message.startswith("qwen4-max, to which apply maps gpt-4, always thinks")
    assert found[1].message == (
        "qwen4-max thinks before it answers, and the reasoning counts against max_tokens: 250 "
        "(line 8): as for the model on line 3 (its warning says what to do)"
    )
    assert found[1].data == {
        "model": "qwen4-max",
        "model_from": "gpt-4",
        "limit": "max_tokens",
        "limit_line": 8,
    }


# t68d: promptflow's flows; DeepSeek's file names no size the reasoning needs
FLOW = (
    "nodes:\n- name: {name}\n  type: llm\n  inputs:\n    model: gpt-3.5-turbo\n"
    '    max_tokens: "{limit}"\n  api: {api}\n'
)


def deepseek(*args: str):
    return CliRunner().invoke(app, [*args, "--provider", "deepseek"])


def test_no_limit_clears_it_where_the_provider_names_no_size_and_the_message_says_so(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "flow.dag.yaml").write_text(FLOW.format(name="chat", limit=256, api="chat"))
    assert deepseek("apply", ".", "--yes", "--allow-dirty").exit_code == 0
    written = (tmp_path / "flow.dag.yaml").read_text()
    assert written == FLOW.format(name="chat", limit=256, api="chat").replace(
        "gpt-3.5-turbo", "deepseek-flash"
    )
    for limit in ("256", "384000"):  # DeepSeek's largest: still no size its file names
        (tmp_path / "flow.dag.yaml").write_text(written.replace('"256"', f'"{limit}"'))
        checked = deepseek("check", ".", "--format", "json")
        assert checked.exit_code == 1
        (left,) = json.loads(checked.stdout)["findings"]
        assert (left["line"], left["rule"]) == (5, "ML507")
        assert left["message"] == (
            "deepseek-flash thinks before it answers unless told not to, and the reasoning "
            f"counts against max_tokens: {limit} (line 6): at the default effort it may use all "
            'of it and leave the reply empty; have the program send {"thinking": {"type": '
            '"disabled"}} in these requests\' extra_body (its entries written in this mapping, '
            "also under extra_body:, settle this warning), by hand; " + NO_SIZE.format("the switch")
        )
    # what the message says clears it does: the ignore comment on the model's line
    ignored = written.replace("deepseek-flash", "deepseek-flash  # migrate-llm: ignore[ML507]")
    (tmp_path / "flow.dag.yaml").write_text(ignored)
    assert deepseek("check", ".").exit_code == 0


def test_a_completions_node_is_not_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = FLOW.format(name="complete", limit=120, api="completion")
    text += FLOW.format(name="chat", limit=120, api="chat").removeprefix("nodes:\n")
    (tmp_path / "flow.dag.yaml").write_text(text)
    scanned = json.loads(deepseek("scan", ".", "--format", "json").stdout)["findings"]
    assert [(f["line"], f["rule"]) for f in scanned] == [
        (5, "ML503"),
        (7, "ML698"),  # what DeepSeek serves of the completions API (`[partial]`)
        (11, "ML503"),
        (11, "ML507"),  # the chat node only
    ]
