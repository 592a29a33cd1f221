"""ML118: a request whose OpenAI model answered at once, mapped to a provider model that
thinks first unless told not to."""

from __future__ import annotations

import fnmatch

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import FixClass, Severity
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.compat import _CLIENT, CallInfo, _CompatRule, _entries_text
from migrate_llm.rules.python_context import PythonContext


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
    names the switch in its `extra_body` keeps its choice. A request whose model is chosen at
    run time gets a note naming the switch, where every model the provider's table gives
    OpenAI's chat models that do not think is one that does (DeepSeek, Doubao).

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
            _CLIENT + "def ask(model):\n    return c.chat.completions.create(model=model, "
            "messages=[])\n",
            provider="deepseek",
            message="its model is chosen at run time, and every DeepSeek model apply maps "
            "OpenAI's chat models to thinks before it answers unless told not to (replies and "
            "stream deltas carry reasoning_content, temperature is ignored): where the program "
            'wants answers as OpenAI\'s gave them, pass extra_body={"thinking": {"type": '
            '"disabled"}}',
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
        if found is None:
            self._chosen_at_run_time(node, info, provider)
            return
        if not self.first_report(node):
            return
        needed, target, source = found
        head = (
            f"{target} thinks before it answers unless told not to, which {source} did not "
            "(replies and stream deltas carry reasoning_content, temperature is ignored, a tool "
            "loop must send the reasoning back)"
        )
        self.report_extra_body(node, info, needed, head, "thinking_models")

    def _chosen_at_run_time(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        """A note on a chat request whose model the module does not show, where every model
        the provider's table gives OpenAI's models that do not think is one that does: the
        switch is named, not written (the program may choose a reasoning model)."""
        needed = self.param("thinking_off_extra_body")
        if not needed or info.method not in ("create", "acreate", "stream"):
            return
        if self.call_model(node, info) is not None or not _every_target_thinks(self.ctx):
            return
        if self.chooses_thinking(node, needed) or not self.first_report(node):
            return
        self.report(
            node.func,
            f"its model is chosen at run time, and every {provider.name} model apply maps "
            "OpenAI's chat models to thinks before it answers unless told not to (replies and "
            "stream deltas carry reasoning_content, temperature is ignored): where the program "
            f"wants answers as OpenAI's gave them, pass extra_body={{{_entries_text(needed)}}}",
            severity=Severity.NOTE,
            fix=FixClass.MANUAL,
            data={"extra_body": dict(needed)},
        )


def _every_target_thinks(ctx: PythonContext) -> bool:
    """Whether each model the provider's table gives an OpenAI chat model that does not think
    is one of its `thinking_models` (DeepSeek's, Doubao's: none answers at once by default);
    found once per module."""
    found = ctx.analyses.get(_every_target_thinks)
    if found is None:
        rules = ctx.rules
        provider = rules.provider
        assert provider is not None
        own = provider.params.get("thinking_models") or ()
        openai = rules.openai.params.get("thinking_models") or ()
        targets = {
            target
            for source, target in provider.models.items()
            if sdk.surface_of_model(source) == "chat"
            and not any(fnmatch.fnmatchcase(source, g) for g in openai)
        }
        found = ctx.analyses[_every_target_thinks] = bool(targets) and all(
            any(fnmatch.fnmatchcase(t, g) for g in own) for t in targets
        )
    return bool(found)


THINKING_RULES = (ThinkingDefault,)
