"""ML117 counts only requests that may think: one sending the thinking switch where ML118 reads
it (its `extra_body`, also the entry of a dict spread into it, as swarm's core.py does once the
ML118 note is followed), or getting it from apply in the same run, does not (t51c: check stayed
red after that fix). Where a request of the module may stream, the message says what happens
first: the deltas carry reasoning_content, which code merging them does not expect."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .test_fix_truth import assert_fix_truth

CLIENT = (
    "import os\n\nfrom openai import OpenAI\n\n"
    'client = OpenAI(api_key=os.environ["MOONSHOT_API_KEY"], '
    'base_url="https://api.moonshot.cn/v1")\n\n\n'
)
SWITCH = '"extra_body": {"thinking": {"type": "disabled"}}'
# swarm's turn: the tool calls gathered from a stream, the request's dict spread into it
SWARM = CLIENT + (
    "def turn(model, history, stream):\n"
    f'    params = {{"model": model, "messages": history, "stream": stream, {SWITCH}}}\n'
    "    return client.chat.completions.create(**params)\n\n\n"
    "def run(history, calls, text):\n"
    '    history.append({"role": "assistant", "content": text, "tool_calls": calls})\n'
    '    return turn("kimi-k2.6", history, True)\n'
)
STREAMED = (
    "in thinking mode Moonshot AI (Kimi) answers with reasoning_content, in each streamed delta "
    "too: code merging the deltas field by field meets a field it does not expect, and the "
    "next request is rejected (HTTP 400) unless the assistant turn with tool calls gives it "
    "back: collect delta.reasoning_content as the tool calls are and add it as "
    '"reasoning_content", or turn thinking off for these requests (extra_body={"thinking": '
    '{"type": "disabled"}}), by hand (unconfirmed: needed by the thinking models (kimi-k2.6 by '
    "default, kimi-k3); the error text is quoted by a third party, the official thinking-model "
    "guide was not read in full)"
)


# ML118 on a request sending kimi-k2.6 (written for the provider) without the switch (t62d)
KIMI = (
    "kimi-k2.6 thinks before it answers unless told not to (replies and stream deltas carry "
    "reasoning_content, temperature is fixed at 1.0 and other values are rejected, a tool "
    "loop must send the reasoning back): "
)
SPREAD = (
    KIMI + 'pass extra_body={"thinking": {"type": "disabled"}} (apply adds none to a request '
    "built from **kwargs, which may hold one)"
)


def migrated(registry, text):
    """(the ML117 and ML118 findings as (line, rule, fix, message), text after apply); a
    second apply changes nothing."""
    scanner = FileScanner(RuleContext(registry, registry.get("moonshot")), Path("."))
    change = scanner.migrate_text(text, "python", "app.py", "app.py", Path("app.py"))
    assert_fix_truth(change, text)
    again = scanner.migrate_text(change.after, "python", "app.py", "app.py", Path("app.py"))
    assert again.after == change.after and not again.fixed
    rules = {"ML117", "ML118"}
    found = [(f.line, f.rule, f.fix.value, f.message) for f in change.findings if f.rule in rules]
    return found, change.after


def test_the_switch_in_a_spread_dict_leaves_no_turn_to_report(registry):
    assert migrated(registry, SWARM) == ([], SWARM)


def test_without_it_the_streamed_turn_says_what_happens_first(registry):
    text = SWARM.replace(f", {SWITCH}", "")
    assert migrated(registry, text) == (
        [(10, "ML118", "manual", SPREAD), (14, "ML117", "manual", STREAMED)],
        text,
    )


def test_a_request_keeping_thinking_on_still_counts(registry):
    text = SWARM.replace(
        "    return client.chat.completions.create(**params)\n",
        "    client.chat.completions.create(**params)\n"
        "    return client.chat.completions.create(model=model, messages=history, stream=True)\n",
    )
    assert migrated(registry, text) == ([(15, "ML117", "manual", STREAMED)], text)


def test_the_switch_as_a_keyword_of_the_call_counts_too(registry):
    text = CLIENT + (
        "def run(history, calls, text):\n"
        '    client.chat.completions.create(model="kimi-k2.6", messages=history, stream=True, '
        'extra_body={"thinking": {"type": "disabled"}})\n'
        '    history.append({"role": "assistant", "content": text, "tool_calls": calls})\n'
    )
    assert migrated(registry, text) == ([], text)


def test_a_model_that_always_thinks_ignores_the_switch(registry):
    text = SWARM.replace('turn("kimi-k2.6"', 'turn("kimi-k3"')
    text = text.replace('{"model": model', '{"model": "kimi-k3"')
    found, after = migrated(registry, text)
    assert after == text
    assert [(line, rule) for line, rule, _, _ in found] == [(14, "ML117")]


def test_the_switch_ml118_writes_in_the_same_run_counts(registry):
    # gpt-4o answered at once: apply turns kimi-k2.6's thinking off on the one request
    text = CLIENT + (
        "def run(history, calls, text):\n"
        '    client.chat.completions.create(model="gpt-4o", messages=history, stream=True)\n'
        '    history.append({"role": "assistant", "content": text, "tool_calls": calls})\n'
    )
    found, after = migrated(registry, text)
    assert [(line, rule, fix) for line, rule, fix, _ in found] == [(9, "ML118", "review")]
    assert after == CLIENT + (
        "def run(history, calls, text):\n"
        "    client.chat.completions.create(\n"
        '        extra_body={"thinking": {"type": "disabled"}},\n'
        '        model="kimi-k2.6",\n'
        "        messages=history,\n"
        "        stream=True,\n"
        "    )\n"
        '    history.append({"role": "assistant", "content": text, "tool_calls": calls})\n'
    )


def test_a_turn_gathered_where_nothing_streams_keeps_its_message(registry):
    text = SWARM.replace(f", {SWITCH}", "").replace('"stream": stream', '"stream": False')
    found, _ = migrated(registry, text)
    assert [(line, rule) for line, rule, _, _ in found] == [(10, "ML118"), (14, "ML117")]
    assert found[1][3].startswith(
        "Moonshot AI (Kimi) rejects the next request (HTTP 400, thinking mode) unless the "
        "assistant turn with tool calls gives back the reply's reasoning_content: add it as "
        '"reasoning_content" (from a stream, collect delta.reasoning_content as the tool calls '
        "are), by hand"
    )
