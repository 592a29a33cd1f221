"""ML117 on a turn built from what another module's function answers, where that function
turns thinking off in every chat request it makes (t52a: OpenManus by hand, `params[
"extra_body"] = {"thinking": {"type": "disabled"}}` in app/llm.py's `ask_tool` before its
request; ML117 still asked app/agent/toolcall.py for the reasoning, which such replies do not
carry). The project's modules building an OpenAI client are read again for their functions
making chat requests (`thinking_off_callees`); a call of a function of that name is quiet
only where each one sends the switch in each of its requests."""

from __future__ import annotations

import pytest

from migrate_llm.thinking_off_callees import Callee, callees, may_turn_off, switched_off

from .test_tool_turn_builders import LLM, TOOLCALL, checked, project

SWITCH = {"thinking": {"type": "disabled"}}
# the hand fix of t52a's byhand tree, in our words
SET_BY_KEY = LLM.replace(
    "        response =",
    '        params["extra_body"] = {"thinking": {"type": "disabled"}}\n        response =',
)
IN_THE_CALL = LLM.replace(
    "(**params, stream=False)",
    '(**params, stream=False, extra_body={"thinking": {"type": "disabled"}})',
)
IN_THE_DISPLAY = LLM.replace(
    '"tools": tools}', '"tools": tools,\n                  "extra_body": OFF}'
).replace("        params =", '        OFF = {"thinking": {"type": "disabled"}}\n        params =')


@pytest.mark.parametrize(
    "llm", [SET_BY_KEY, IN_THE_CALL, IN_THE_DISPLAY], ids=["by-key", "keyword", "display"]
)
def test_a_turn_from_a_function_turning_thinking_off_is_quiet(tmp_path, llm):
    root = project(tmp_path, {"app/llm.py": llm, "app/agent/toolcall.py": TOOLCALL})
    assert checked(root)[1] == []


ENABLED = SET_BY_KEY.replace('"disabled"', '"enabled"')
# the switch set under a condition: not on every path to the request
UNDER_A_FLAG = LLM.replace(
    "        response =",
    "        if self.quick:\n"
    '            params["extra_body"] = {"thinking": {"type": "disabled"}}\n'
    "        response =",
)
# set, then bound again before the request
BOUND_AGAIN = SET_BY_KEY.replace(
    "        response =",
    '        params = {"model": self.model, "messages": messages}\n        response =',
)
# a second request in the function without it
TWO_REQUESTS = SET_BY_KEY.replace(
    "        return response.choices[0].message",
    "        again = await self.client.chat.completions.create(model=self.model, messages=[])\n"
    "        return response.choices[0].message",
)
# a model with no switch (kimi-k3 always thinks)
ALWAYS = IN_THE_CALL.replace('"model": self.model', '"model": "x"').replace(
    "(**params, stream=False,", '(**params, model="kimi-k3", stream=False,'
)


@pytest.mark.parametrize(
    "llm",
    [LLM, ENABLED, UNDER_A_FLAG, BOUND_AGAIN, TWO_REQUESTS, ALWAYS],
    ids=["no-switch", "enabled", "under-a-flag", "bound-again", "two-requests", "always"],
)
def test_a_turn_from_a_function_that_may_think_is_still_reported(tmp_path, llm):
    root = project(tmp_path, {"app/llm.py": llm, "app/agent/toolcall.py": TOOLCALL})
    assert [(name, line, fix) for name, line, _, fix, _ in checked(root)[1]] == [
        ("toolcall.py", 14, "manual")
    ]


def test_another_function_of_that_name_without_the_switch_keeps_it_reported(tmp_path):
    other = LLM.replace("class LLM:", "class Other:")
    files = {"app/llm.py": SET_BY_KEY, "app/other.py": other, "app/agent/toolcall.py": TOOLCALL}
    assert len(checked(project(tmp_path, files))[1]) == 1
    del files["app/other.py"]
    assert checked(project(tmp_path / "alone", files))[1] == []


def test_the_functions_read_and_what_they_tell():
    data = SET_BY_KEY.encode()
    assert callees(data, SWITCH, ()) == [Callee("ask_tool", True)]
    assert callees(data, SWITCH, ("kimi-k3*",)) == [Callee("ask_tool", True)]
    assert callees(TWO_REQUESTS.encode(), SWITCH, ()) == [Callee("ask_tool", False)]
    assert callees(LLM.encode(), SWITCH, ()) == [Callee("ask_tool", False)]
    assert callees(b"def f(:\n c.chat.completions.create()", SWITCH, ()) == []
    assert callees(b"def f(c):\n    return c.completions.create()\n", SWITCH, ()) == []
    known = frozenset({Callee("ask_tool", True), Callee("ask", False)})
    assert switched_off(known, "ask_tool") and not switched_off(known, "ask")
    assert not switched_off(known | {Callee("ask_tool", False)}, "ask_tool")
    assert not switched_off(known, "think")
    assert may_turn_off(SET_BY_KEY.encode(), SWITCH) and not may_turn_off(ENABLED.encode(), SWITCH)
