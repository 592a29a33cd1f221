"""ML118 on swarm's shape (t46c D1): the request's model is the default of a class field read
through an instance (`agent: Agent`, `model: str = "gpt-4o"`), which apply maps to a model
that thinks; and a stream whose delta fields the module adds to a dict it built, by key
(swarm's `merge_fields`), where a thinking model's `reasoning_content` raises KeyError: a
warning naming the switch (which apply writes where it can) or the dict entry, on every
provider, also after apply (`check` stays red until the program is fixed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_tool_turns_e2e import migrated_program, provider_env

SWARM = """from openai import OpenAI
from pydantic import BaseModel


class Agent(BaseModel):
    model: str = "gpt-4o"


client = OpenAI()


def run(agent: Agent, messages):
    message = {"role": "", "content": ""}
    params = {"model": agent.model, "messages": messages, "stream": True}
    for chunk in client.chat.completions.create(**params):
        for k, v in chunk.choices[0].delta.model_dump().items():
            if isinstance(v, str):
                message[k] += v
    return message


print(run(Agent(), [{"role": "user", "content": "hi"}])["content"])
"""

SWITCH = 'extra_body={"thinking": {"type": "disabled"}}'
MERGE = (
    "`message[k] += v` (line 18) adds each delta field to a dict built without a "
    "reasoning_content key (line 13), a KeyError"
)
# what each provider's file says becomes of a temperature while its model thinks
SAMPLING = {
    "deepseek": "temperature is ignored, ",
    "moonshot": "temperature is fixed at 1.0 and other values are rejected, ",
    "zhipu": "",
}
# what each provider's file says of a tool loop's reasoning (`[params] tool_turn_fields`)
TURNS = {
    "deepseek": "a tool loop must send the reasoning back",
    "moonshot": "a tool loop must send the reasoning back",
    "zhipu": "the provider file does not say whether a tool loop must send the reasoning back",
}
GIVEN = {
    p: f"(replies and stream deltas carry reasoning_content, {said}{TURNS[p]})"
    for p, said in SAMPLING.items()
}
SPREAD = "(apply adds none to a request built from **kwargs, which may hold one)"


@pytest.fixture
def thinking_server():
    running = LoopbackServer(thinking=True).start()
    yield running
    running.stop()


def migrate(registry, text, provider):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def ml118(change):
    return [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in change.findings
        if f.rule == "ML118"
    ]


@pytest.mark.parametrize(
    ("provider", "target"), [("deepseek", "deepseek-v4-pro"), ("moonshot", "kimi-k2.6")]
)
def test_a_field_default_mapped_to_a_model_with_a_switch(registry, provider, target):
    change = migrate(registry, SWARM, provider)
    message = (
        f"{target} thinks before it answers unless told not to, which gpt-4o did not "
        f"{GIVEN[provider]}, "
        f"and {MERGE}: pass {SWITCH} {SPREAD}"
    )
    assert ml118(change) == [(15, "warning", "manual", message)]
    assert f'model: str = "{target}"' in change.after


def test_a_field_default_mapped_to_a_model_that_always_thinks(registry):
    change = migrate(registry, SWARM, "zhipu")
    merge = MERGE.replace(
        "adds each delta field to a dict built without a reasoning_content key",
        "adds to a dict built without that key",
    )
    assert ml118(change) == [
        (
            15,
            "warning",
            "manual",
            "glm-5.3 always thinks before it answers (no switch turns it off): its stream "
            f'deltas carry reasoning_content, which {merge}: add "reasoning_content": "" to that '
            "dict, or map gpt-4o to a model that can stop thinking (--model gpt-4o=NAME) and "
            "turn it off, by hand",
        )
    ]
    # after apply the field holds glm-5.3, and the merge still fails on it: check stays red
    # (apply adds five lines above: `import os`, the client's arguments)
    again = migrate(registry, change.after, "zhipu")
    assert again.after == change.after
    merge = merge.replace("line 18", "line 23").replace("line 13", "line 18")
    assert ml118(again) == [
        (
            20,
            "warning",
            "manual",
            "glm-5.3 always thinks before it answers (no switch turns it off): its stream "
            f'deltas carry reasoning_content, which {merge}: add "reasoning_content": "" to that '
            "dict, by hand",
        )
    ]


def test_without_the_merge_the_field_default_gets_ml118_on_every_provider(registry):
    """The inconsistency of the trial: only DeepSeek's run-time note reached it before."""
    plain = SWARM.replace(
        "            if isinstance(v, str):\n                message[k] += v\n", ""
    )
    plain = plain.replace("for k, v in", "for _ in").replace(
        ".items():\n", ".items():\n            pass\n"
    )
    found = {p: ml118(migrate(registry, plain, p)) for p in ("deepseek", "moonshot", "zhipu")}
    assert [(f[1], f[2]) for p in ("deepseek", "moonshot") for f in found[p]] == [
        ("warning", "manual"),
        ("warning", "manual"),
    ]
    assert found["zhipu"] == [
        (
            15,
            "note",
            "manual",
            f"glm-5.3 always thinks before it answers (no switch turns it off), which gpt-4o did "
            f'not {GIVEN["zhipu"]}: for quick answers pass reasoning_effort="low", or map gpt-4o to a '
            "model that can stop thinking (--model gpt-4o=NAME)",
        )
    ]


def test_a_direct_request_gets_the_switch_written(registry):
    before = SWARM.replace(
        '    params = {"model": agent.model, "messages": messages, "stream": True}\n'
        "    for chunk in client.chat.completions.create(**params):\n",
        "    for chunk in client.chat.completions.create(\n"
        "        model=agent.model, messages=messages, stream=True\n    ):\n",
    )
    change = migrate(registry, before, "deepseek")
    merge = MERGE.replace("line 18", "line 19")
    message = (
        "deepseek-v4-pro thinks before it answers unless told not to, which gpt-4o did not "
        f"{GIVEN['deepseek']}, and {merge}: apply passes {SWITCH}"
    )
    assert ml118(change) == [(14, "warning", "review", message)]
    assert (
        "    for chunk in client.chat.completions.create(\n"
        f"        {SWITCH},\n"
        "        model=agent.model, messages=messages, stream=True\n"
        "    ):\n"
    ) in change.after
    again = migrate(registry, change.after, "deepseek")
    assert again.after == change.after
    assert ml118(again) == []


@pytest.mark.parametrize(
    "built",
    [
        '{"role": "", "content": "", "reasoning_content": ""}',
        "defaultdict(str)",
        "dict(base)",
        '{**base, "role": "", "content": ""}',
    ],
)
def test_a_dict_that_takes_the_field_is_no_merge_to_report(registry, built):
    text = SWARM.replace('message = {"role": "", "content": ""}', f"message = {built}")
    assert [f[1] for f in ml118(migrate(registry, text, "zhipu"))] == ["note"]


@pytest.mark.parametrize(
    "line", ['message["reasoning_content"] = ""', 'message.setdefault("reasoning_content", "")']
)
def test_a_dict_given_the_field_after_it_is_built_is_no_merge_to_report(registry, line):
    text = SWARM.replace(
        '    message = {"role": "", "content": ""}\n',
        f'    message = {{"role": "", "content": ""}}\n    {line}\n',
    )
    assert [f[1] for f in ml118(migrate(registry, text, "zhipu"))] == ["note"]


def test_a_request_that_does_not_stream_is_not_merged(registry):
    text = SWARM.replace('"stream": True', '"stream": False')
    assert [f[1] for f in ml118(migrate(registry, text, "zhipu"))] == ["note"]


@pytest.mark.parametrize(
    ("construction", "more"),
    [
        ("Agent(model=pick())", ""),  # a value the module does not show
        ("Agent()", "other = Agent()\nother.model = pick()\n"),  # set on an instance
        ("Agent()", "\n\nclass Deep(Agent):\n    model: str = 'o3'\n"),  # a subclass
        ("Agent()", "Agent = dict\n"),  # the name rebound
    ],
)
def test_a_field_the_module_may_set_otherwise_is_not_known(registry, construction, more):
    text = SWARM.replace("run(Agent(), ", f"run({construction}, ") + more
    # the model is chosen at run time: the merge is still reported, for each thinking model
    (finding,) = ml118(migrate(registry, text, "deepseek"))
    assert finding[3].startswith(
        "its model is chosen at run time, and deepseek-flash and deepseek-v4-pro, to which "
        "apply maps OpenAI's chat models, think before answering: its stream deltas carry "
        "reasoning_content"
    )


SWARM_CORE = """import json

from openai import OpenAI


def merge_fields(target, source):
    for key, value in source.items():
        if isinstance(value, str):
            target[key] += value
        elif value is not None and isinstance(value, dict):
            merge_fields(target[key], value)


def merge_chunk(final_response, delta):
    delta.pop("role", None)
    merge_fields(final_response, delta)


class Swarm:
    def __init__(self):
        self.client = OpenAI()

    def get_chat_completion(self, agent, history, model_override, stream):
        create_params = {
            "model": model_override or agent.model,
            "messages": history,
            "tools": None,
            "stream": stream,
        }
        return self.client.chat.completions.create(**create_params)

    def run_and_stream(self, agent, messages):
        message = {"content": "", "sender": agent.name, "role": "assistant"}
        completion = self.get_chat_completion(agent, messages, None, True)
        for chunk in completion:
            delta = json.loads(chunk.choices[0].delta.json())
            merge_chunk(message, delta)
        return message
"""


def test_swarms_merge_through_its_helpers_with_a_model_chosen_at_run_time(registry):
    """swarm's core.py and util.py in one module: the delta reaches `merge_fields` through
    `merge_chunk`, the dict is the one `run_and_stream` builds. Each provider has models that
    think among those apply maps OpenAI's chat models to (Baichuan's do not)."""
    tail = (
        "its stream deltas carry reasoning_content, which `target[key] += value` (line 9) adds "
        "to a dict built without that key (line 33), a KeyError: "
    )
    found = {p: ml118(migrate(registry, SWARM_CORE, p)) for p in ("zhipu", "moonshot", "qwen")}
    assert found["zhipu"] == [
        (
            30,
            "warning",
            "manual",
            "its model is chosen at run time, and glm-4.7-flash and glm-5.3, to which apply "
            f"maps OpenAI's chat models, think before answering: {tail}pass {SWITCH} (not "
            'enough for glm-5.3, which always thinks), or add "reasoning_content": "" to that '
            "dict, by hand",
        )
    ]
    assert found["moonshot"] == [
        (
            30,
            "warning",
            "manual",
            "its model is chosen at run time, and kimi-k2.6 and kimi-k3, to which apply maps "
            f"OpenAI's chat models, think before answering: {tail}pass {SWITCH} (not enough for "
            'kimi-k3, which always thinks), or add "reasoning_content": "" to that dict, by hand',
        )
    ]
    # qwen4-max, gpt-4o's, thinks by default with no switch the provider file names (Qwen's
    # hybrid models that take one, the open-source Qwen3, are none of the mapped ones)
    assert found["qwen"] == [
        (
            30,
            "warning",
            "manual",
            "its model is chosen at run time, and qwen4-max, to which apply maps OpenAI's chat "
            f'models, thinks before answering: {tail}add "reasoning_content": "" to that dict, '
            "by hand",
        )
    ]
    assert ml118(migrate(registry, SWARM_CORE, "baichuan")) == []  # no mapped model thinks
    fixed = SWARM_CORE.replace(
        '"role": "assistant"}', '"role": "assistant", "reasoning_content": ""}'
    )
    assert ml118(migrate(registry, fixed, "zhipu")) == []


def test_a_run_time_model_on_moonshot_gets_the_note_as_on_deepseek(registry):
    """Moonshot maps `o1*` and `o3*` to kimi-k3; those are OpenAI's thinking models (the
    table's glob judged by the shortest name it takes), so every model it maps the others to
    thinks (kimi-k2.6), as on DeepSeek."""
    text = (
        "from openai import OpenAI\n\nc = OpenAI()\n\n\ndef ask(model):\n"
        "    return c.chat.completions.create(model=model, messages=[])\n"
    )
    for provider in ("deepseek", "moonshot"):
        (finding,) = ml118(migrate(registry, text, provider))
        name = registry.get(provider).name
        assert finding[:3] == (7, "note", "manual")
        assert finding[3].startswith(f"its model is chosen at run time, and every {name} model")
    assert ml118(migrate(registry, text, "zhipu")) == []


def test_the_migrated_merge_fails_on_a_thinking_model_until_the_finding_is_followed(
    registry,
    thinking_server,
    tmp_path,
    monkeypatch,
):
    """zhipu: glm-5.3 always thinks, so the stream carries reasoning_content and swarm's merge
    raises KeyError; `check` is red. With the entry the finding names, it runs, and `check`
    no longer reports the merge."""
    provider = registry.get("zhipu")
    migrated = migrated_program(tmp_path, monkeypatch, provider, SWARM)
    runner = CliRunner()
    check = runner.invoke(app, ["check", ".", "--provider", "zhipu", "--no-cache"])
    assert check.exit_code == 1
    assert "bot.py:20:18 ML118 glm-5.3 always thinks" in check.stdout
    env = provider_env(provider, thinking_server, tmp_path)
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
    assert proc.returncode != 0
    assert "KeyError: 'reasoning_content'" in proc.stderr

    fixed = migrated.replace('"content": ""}', '"content": "", "reasoning_content": ""}')
    (tmp_path / "bot.py").write_text(fixed)
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert (proc.returncode, proc.stdout) == (0, "streamed \n"), proc.stderr
    check = runner.invoke(app, ["check", ".", "--provider", "zhipu", "--no-cache"])
    assert "ML118" not in check.stdout.replace("information-only", "")
    assert check.exit_code == 0, check.stdout


def test_the_switch_written_by_hand_in_the_spread_dict_is_what_deepseek_needs(
    registry,
    thinking_server,
    tmp_path,
    monkeypatch,
):
    provider = registry.get("deepseek")
    migrated = migrated_program(tmp_path, monkeypatch, provider, SWARM)
    env = provider_env(provider, thinking_server, tmp_path)
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert "KeyError: 'reasoning_content'" in proc.stderr
    fixed = migrated.replace(
        '"stream": True}', '"stream": True, "extra_body": {"thinking": {"type": "disabled"}}}'
    )
    (tmp_path / "bot.py").write_text(fixed)
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert (proc.returncode, proc.stdout) == (0, "streamed \n"), proc.stderr
    assert thinking_server.requests[-1].body["thinking"] == {"type": "disabled"}
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek", "--no-cache"])
    assert check.exit_code == 0, check.stdout
