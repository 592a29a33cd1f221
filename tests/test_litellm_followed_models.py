"""t48d: a litellm call whose model is `self.model` (open-interpreter's `self.model = "gpt-4o"`)
gets the thinking switch (ML118) and its tool-call turn the reasoning (ML117), as one with a
literal model does; one whose model is known only in part is left to a person (ML118, manual).
litellm's lookups in its map of models given a model apply moves are reported (ML643)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext

SWITCH = 'extra_body={"thinking": {"type": "disabled"}}'
WHY = (
    "(replies and stream deltas carry reasoning_content, temperature is ignored, a tool loop "
    "must send the reasoning back)"
)
AGENT = (
    "import litellm\n\n\n"
    "class Llm:\n"
    "    def __init__(self{init}):\n"
    "        self.model = {value}\n\n"
    "    def step(self, messages, tools):\n"
    "        msg = litellm.completion(model=self.model, messages=messages, tools=tools)\n"
    '        messages.append({{"role": "assistant", "tool_calls": msg.tool_calls}})\n'
    "{extra}"
)
TURN = (
    "        messages.append(\n"
    "            {\n"
    '                "role": "assistant",\n'
    '                "tool_calls": msg.tool_calls,\n'
    '                "reasoning_content": getattr(msg, "reasoning_content", None),\n'
    "            }\n"
    "        )\n"
)
CALL = (
    "        msg = litellm.completion(\n"
    f"            {SWITCH},\n"
    "            model=self.model,\n"
    "            messages=messages,\n"
    "            tools=tools,\n"
    "        )\n"
)


def agent(value: str, init: str = "", extra: str = "") -> str:
    return AGENT.format(init=init, value=value, extra=extra)


def applied(registry: Registry, text: str, provider: str = "deepseek"):
    """`text` after apply with every rule, and (rule, fix, message) of its findings before and
    after; a second apply changes nothing."""
    ctx = RuleContext(registry, registry.get(provider))
    first = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    second = FileScanner(ctx, Path(".")).migrate_text(first.after, "python", "app.py", "app.py")
    assert first.error is None and second.after == first.after
    assert [f for f in second.findings if f.edit is not None] == []

    def shown(findings, rules=("ML117", "ML118", "ML643")):
        return [(f.rule, f.fix.value, f.message) for f in findings if f.rule in rules]

    return first.after, shown(first.findings), shown(second.findings)


def test_self_model_set_in_init_gets_the_switch_and_the_turn_its_reasoning(registry):
    text = agent('"gpt-4o"')
    after, found, again = applied(registry, text)
    assert after == (
        text.replace('"gpt-4o"', '"deepseek/deepseek-v4-pro"')
        .replace(
            "        msg = litellm.completion(model=self.model, messages=messages, tools=tools)\n",
            CALL,
        )
        .replace(
            '        messages.append({"role": "assistant", "tool_calls": msg.tool_calls})\n', TURN
        )
    )
    assert found == [
        (
            "ML118",
            "review",
            "deepseek-v4-pro thinks before it answers unless told not to, which gpt-4o did not "
            f"{WHY}: apply passes {SWITCH}",
        ),
        (
            "ML117",
            "review",
            "DeepSeek rejects the next request (HTTP 400, thinking mode) unless the assistant "
            "turn with tool calls gives back the reply's reasoning_content: apply adds it from "
            "msg",
        ),
    ]
    assert again == []  # the switch is written, the turn gives the reasoning back


def test_a_class_attribute_and_an_init_assignment_of_one_model_are_followed(registry):
    text = agent('"gpt-4o"').replace("class Llm:\n", 'class Llm:\n    model = "gpt-4o"\n\n')
    after, found, _ = applied(registry, text)
    assert SWITCH in after
    assert [(rule, fix) for rule, fix, _ in found] == [("ML118", "review"), ("ML117", "review")]


@pytest.mark.parametrize(
    "extra",
    [
        # set on an instance elsewhere in the module: its model is not the class's alone
        '\n\nllm = Llm()\nllm.model = "o3"\n',
        # a subclass may set another
        '\n\nclass Fast(Llm):\n    def __init__(self):\n        self.model = "o3"\n',
    ],
)
def test_self_model_the_module_sets_otherwise_is_not_known(registry, extra):
    after, found, _ = applied(registry, agent('"gpt-4o"', extra=extra))
    assert SWITCH not in after
    ml118 = [(fix, message) for rule, fix, message in found if rule == "ML118"]
    assert ml118 == [
        (
            "manual",
            "its model comes from `self.model`, which may hold gpt-4o (line 6): apply maps it "
            "to deepseek-v4-pro, which thinks before it answers unless told not to, which "
            f"gpt-4o did not {WHY}: where the program sends that model, pass {SWITCH}, by hand",
        )
    ]
    assert ("ML117", "review") in [(rule, fix) for rule, fix, _ in found]


def test_a_model_known_in_part_is_left_to_a_person_and_the_turn_still_fixed(registry):
    text = agent('model or "gpt-4o"', init=", model=None")
    after, found, again = applied(registry, text)
    assert SWITCH not in after and TURN in after
    assert found[0] == (
        "ML118",
        "manual",
        "its model comes from `self.model`, which may hold gpt-4o (line 6): apply maps it to "
        "deepseek-v4-pro, which thinks before it answers unless told not to, which gpt-4o did "
        f"not {WHY}: where the program sends that model, pass {SWITCH}, by hand",
    )
    # after apply the default is the provider's own, which thinks: the switch stays to give
    # (t65c R1: before, the warning apply gave went away and `check` passed)
    assert again == [
        (
            "ML118",
            "manual",
            "its model comes from `self.model`, which may hold deepseek/deepseek-v4-pro (line "
            "6), which thinks before it answers unless told not to (replies and stream deltas "
            "carry reasoning_content, temperature is ignored, a tool loop must send the "
            f"reasoning back): where the program sends that model, pass {SWITCH}, by hand",
        )
    ]


def test_two_models_of_a_name_are_named_with_their_lines(registry):
    text = (
        "import litellm\n\n\n"
        "def ask(messages, fast):\n"
        '    model = "gpt-4o"\n'
        "    if fast:\n"
        '        model = "gpt-4o-mini"\n'
        "    return litellm.completion(model=model, messages=messages)\n"
    )
    _, found, _ = applied(registry, text)
    assert found == [
        (
            "ML118",
            "manual",
            "its model comes from `model`, which may hold gpt-4o (line 5) and gpt-4o-mini (line "
            "7): apply maps them to deepseek-v4-pro and deepseek-flash, which think before they "
            "answer unless told not to, which gpt-4o and gpt-4o-mini did not "
            f"{WHY}: where the program sends those models, pass {SWITCH}, by hand",
        )
    ]


def test_a_name_assigned_one_model_in_each_branch_is_known(registry):
    text = (
        "import litellm\n\n\n"
        "def ask(messages, fast):\n"
        "    if fast:\n"
        '        model = "gpt-4o"\n'
        "    else:\n"
        '        model = "gpt-4o"\n'
        "    return litellm.completion(model=model, messages=messages)\n"
    )
    after, found, _ = applied(registry, text)
    assert SWITCH in after
    assert [(rule, fix) for rule, fix, _ in found] == [("ML118", "review")]


def test_an_sdk_request_reading_self_model_set_in_init_gets_the_switch(registry):
    text = (
        "from openai import OpenAI\n\n\n"
        "class Bot:\n"
        "    def __init__(self):\n"
        "        self.client = OpenAI()\n"
        '        self.model = "gpt-4o"\n\n'
        "    def ask(self, messages):\n"
        "        return self.client.chat.completions.create(model=self.model, messages=messages)\n"
    )
    after, found, _ = applied(registry, text)
    assert SWITCH in after
    assert [(rule, fix) for rule, fix, _ in found] == [("ML118", "review")]


CAPS = (
    "import litellm\n\n"
    'MODEL = "gpt-4o"\n\n\n'
    "def ask(messages):\n"
    "    use_tools = litellm.supports_function_calling(MODEL)\n"
    '    window = litellm.get_model_info(MODEL)["max_input_tokens"]\n'
    "    return use_tools, window\n"
)
REGISTER = (
    'litellm.register_model({"deepseek/deepseek-v4-pro": {"litellm_provider": "deepseek", '
    '"mode": "chat", "max_input_tokens": 1000000, "supports_function_calling": True, '
    '"supports_vision": False}})'
)


def caps_message(call: str, effect: str, value: str = "gpt-4o, which apply maps to ") -> str:
    return (
        f"litellm.{call}() looks up `MODEL` ({value}deepseek-v4-pro) in litellm's "
        f"own map of models, which a litellm release may not know: then it {effect}; "
        "DeepSeek's file gives deepseek-v4-pro a context window of 1000000 tokens, tools, no "
        f"images: register it before the lookup, {REGISTER}, or give the program those values "
        "itself, by hand"
    )


def test_litellm_lookups_of_a_model_apply_moves_are_reported_before_and_after(registry):
    after, found, again = applied(registry, CAPS)
    # a module that only looks models up gets the bare id (ML204: no litellm call takes it)
    assert after == CAPS.replace('"gpt-4o"', '"deepseek-v4-pro"')
    raises = 'raises ("This model isn\'t mapped yet")'
    assert found == [
        ("ML643", "manual", caps_message("supports_function_calling", "answers False")),
        ("ML643", "manual", caps_message("get_model_info", raises)),
    ]
    assert again == [
        ("ML643", "manual", caps_message("supports_function_calling", "answers False", "")),
        ("ML643", "manual", caps_message("get_model_info", raises, "")),
    ]


def test_the_lookup_data_holds_the_entry_to_register(registry):
    ctx = RuleContext(registry, registry.get("deepseek"))
    done = FileScanner(ctx, Path(".")).migrate_text(CAPS, "python", "app.py", "app.py")
    (first, _) = [f for f in done.findings if f.rule == "ML643"]
    assert first.data == {
        "models": ["deepseek/deepseek-v4-pro"],
        "model_from": ["gpt-4o"],
        "register": {
            "deepseek/deepseek-v4-pro": {
                "litellm_provider": "deepseek",
                "mode": "chat",
                "max_input_tokens": 1000000,
                "supports_function_calling": True,
                "supports_vision": False,
            }
        },
    }


def test_a_provider_without_a_litellm_route_is_told_to_register_the_name_it_passes(registry):
    _, found, _ = applied(registry, CAPS.replace("get_model_info", "supports_vision"), "ernie")
    (rule, fix, message) = found[0]
    assert (rule, fix) == ("ML643", "manual")
    assert message.endswith(
        "register it before the lookup, with litellm.register_model() under the name the "
        "program passes, with them, or give the program those values itself, by hand"
    )


@pytest.mark.parametrize(
    "text",
    [
        CAPS.replace("MODEL = ", "litellm.register_model({})\nMODEL = "),  # registered
        'import litellm\n\nlitellm.supports_vision("gpt-4o")\n',  # asks about OpenAI's model
        'import litellm\n\nMODEL = "qwen-plus"\nlitellm.supports_vision(MODEL)\n',  # another's
    ],
)
def test_lookups_left_alone(registry, text):
    _, found, _ = applied(registry, text)
    assert [f for f in found if f[0] == "ML643"] == []


def test_a_litellm_call_given_its_keywords_at_run_time_gets_the_note(registry):
    # open-interpreter's `fixed_litellm_completions(**params)`: no model the module shows
    text = (
        "import litellm\n\n\n"
        "def completions(**params):\n"
        "    yield from litellm.completion(**params)\n"
    )
    ctx = RuleContext(registry, registry.get("deepseek"))
    done = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert done.after == text
    (found,) = [f for f in done.findings if f.rule == "ML118"]
    assert (found.severity.value, found.fix.value, found.data) == (
        "note",
        "manual",
        {"extra_body": {"thinking": {"type": "disabled"}}},
    )
    assert found.message.startswith("its model is chosen at run time")
