"""ML118: a request whose OpenAI model answered at once, mapped to a provider model that
thinks first unless told not to."""

from __future__ import annotations

import libcst as cst

from migrate_llm.model import FixClass, Severity
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.compat import _CLIENT, CallInfo, _CompatRule


class ThinkingDefault(_CompatRule):
    """A chat request whose OpenAI model does not think, mapped to one that does by default.

    ## What it does
    Finds chat requests whose model is an OpenAI model that answers without reasoning first
    (none of the `thinking_models` globs of OpenAI's file takes it: gpt-4o, gpt-4.1, not
    o3), written in the request as `model=` (a literal, a module constant, what every call
    of its function passes) and mapped by apply to a provider model that thinks unless told
    not to (the provider's `[params] thinking_models`: DeepSeek's deepseek-flash, Kimi's
    kimi-k2.6, Doubao's Seed models), where the provider names the switch that turns it off
    (`thinking_off_extra_body`). A request that asks for reasoning (`reasoning_effort=`) or
    names the switch in its `extra_body` keeps its choice.

    ## Why
    A thinking model reasons before it answers: its replies take longer and carry a
    `reasoning_content` field (also in each streamed delta, where code that merges the
    delta's fields into a dict it built, as swarm's does, meets a key it does not know), it
    ignores `temperature` and the penalties, and a tool loop must send the reasoning back
    (ML117). The OpenAI model the code was written for did none of this; the provider's own
    migration advice (DeepSeek's retired deepseek-chat) is the same model with thinking off.

    ## Fix (review)
    `apply` passes the switch in `extra_body` (`extra_body={"thinking": {"type":
    "disabled"}}`), or adds it to the request's own `extra_body={...}` written in the call.
    Manual where the request spreads `**kwargs` without an `extra_body=` of its own or holds
    `extra_body` in a name. Drop the switch where the program wants the reasoning.

    ## Data
    `extra_body`: the entries.
    """

    code = "ML118"
    name = "thinking-default"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    examples = (
        Example(
            _CLIENT + 'c.chat.completions.create(model="gpt-4o", messages=[])\n',
            provider="deepseek",
            message="deepseek-v4-pro thinks before it answers unless told not to, which gpt-4o did "
            "not (replies and stream deltas carry reasoning_content, temperature is ignored, a "
            'tool loop must send the reasoning back): apply passes extra_body={"thinking": '
            '{"type": "disabled"}}',
            after=_CLIENT + "c.chat.completions.create(\n"
            '    extra_body={"thinking": {"type": "disabled"}}, model="gpt-4o", messages=[]\n'
            ")\n",
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model="gpt-4o", messages=[], extra_body=BODY)\n',
            provider="deepseek",
            message="deepseek-v4-pro thinks before it answers unless told not to, which gpt-4o did "
            "not (replies and stream deltas carry reasoning_content, temperature is ignored, a "
            'tool loop must send the reasoning back): add "thinking": {"type": "disabled"} to '
            "the extra_body it sends (apply edits only a dict in the call)",
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model="o3", messages=[])\n',
            provider="deepseek",
            finds=False,
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model="gpt-4o", messages=[], '
            'reasoning_effort="low")\n',
            provider="deepseek",
            finds=False,
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model="deepseek-flash", messages=[])\n',
            provider="deepseek",
            finds=False,
        ),
    )

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        found = self.thinking_off(node, info)
        if found is None or not self.first_report(node):
            return
        needed, target, source = found
        head = (
            f"{target} thinks before it answers unless told not to, which {source} did not "
            "(replies and stream deltas carry reasoning_content, temperature is ignored, a tool "
            "loop must send the reasoning back)"
        )
        self.report_extra_body(node, info, needed, head, "thinking_models")


THINKING_RULES = (ThinkingDefault,)
