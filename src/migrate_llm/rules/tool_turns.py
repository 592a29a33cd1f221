"""ML117: an assistant turn with tool calls, rebuilt without the reply fields the provider
needs back (DeepSeek's and Kimi's thinking models: `reasoning_content`)."""

from __future__ import annotations

import libcst as cst

from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.compat import _CLIENT, CallInfo, _CompatRule, _entries_text, _no_tools
from migrate_llm.rules.framework_litellm import (
    litellm_chat_call,
    reached_models,
    routed_requests,
)
from migrate_llm.rules.python_context import PythonContext, last_name, string_value
from migrate_llm.rules.thinking_switch import every_target_thinks
from migrate_llm.rules.tool_turn_builders import built_turn, plain, reply_of
from migrate_llm.rules.tool_turn_records import kept_record, record_role
from migrate_llm.thinking_off_callees import switched_off

_ROLE = "role"
_ASSISTANT = "assistant"
_TOOL_CALLS = "tool_calls"
# calls that copy a dict: `dict(m)`, `copy.copy(m)`, `copy.deepcopy(m)`
_COPIES = frozenset({"builtins.dict", "dict", "copy.copy", "copy.deepcopy"})


class ToolCallTurn(_CompatRule):
    """An assistant turn with tool calls, rebuilt without the reply fields the provider needs.

    ## What it does
    In a module that makes a chat request through an OpenAI client, or litellm's
    `completion(...)` / `acompletion(...)` with a model that may reach the provider (an OpenAI
    model apply moves there, or the provider's on its litellm route, written in the call or
    held by a name, a default or `self.X`: open-interpreter's `self.model = "gpt-4o"`), finds
    dict displays
    written as `{"role": "assistant", ..., "tool_calls": ...}` (the turn a tool loop sends
    back after running the tools) that lack a field the provider's `[params]` table lists in
    `tool_turn_fields` (DeepSeek, Kimi: `reasoning_content`). The role may also be a name
    bound once to `"assistant"`, a member of an enum of the module read by `.value`
    (magentic's `OpenaiMessageRole.ASSISTANT.value`, `ASSISTANT = "assistant"` in the class),
    a member of a `str` enum of the module (`class Role(str, Enum)`: `Role.ASSISTANT`) or an
    attribute of a class of the module without bases; not a parameter's default, nor a class
    another module defines. A dict with a `**` spread in it is not reported (the spread may
    hold the field), nor one whose `tool_calls` is `None` or `[]`; appending the reply's
    message object itself keeps every field it came with. The tool calls may also be set by
    subscript in a statement after the display, on the name it is bound to (`turn =
    {"role": "assistant", ...}`, then `turn["tool_calls"] = ...`). Also a copy of a record
    the program keeps (`out = dict(m)`, `m.copy()`, `copy.copy(m)`) whose tool calls the code
    then sets by subscript, in that block or one nested in it (gptme rebuilds them from its
    own log): whatever its role, only an assistant turn carries tool calls, and a record
    that held them in the API's form would need none set. A request with thinking off does
    not count: one sending the provider's switch (`[params] thinking_off_extra_body`) where
    ML118 reads it, in its `extra_body` or that of a dict spread into it (swarm's
    `create_params`), or getting it from apply in the same run (ML118's edit); a module whose
    requests all have it off has nothing to report.

    Also a turn a loop writes back in the API's form from a record of the history the program
    keeps (vanna's `for m in request.messages: msg = {"role": m.role, ...}`, then `msg[
    "tool_calls"] = [...]` under `elif m.role == "assistant"`, or through a name a loop over
    `m.tool_calls` appends to): its tool calls read from the loop variable of a `for` over
    anything but a reply's `choices`, the role written as "assistant" or copied from a record
    (`m.role`, `m["role"]`; not `self.role`, a record class's own `to_dict`), the tool calls
    set in the display or by subscript after it, in a nested block too; with a role so
    copied, from a parameter of the function too (a converter given each record, which may
    be the reply message itself). Such a record holds no reasoning unless the program keeps
    it; a turn giving the fields back (`msg["reasoning_content"] = m.reasoning`) is not
    reported.

    Also a turn built by a call of the program's own (a class, `Message.from_tool_calls(...)`)
    from the tool calls of a reply (`msg.tool_calls`, also through a name or `self.X` the
    function binds to them, or either branch of `x if ... else []`), given as a turn is (a
    `tool_calls=` keyword, the role "assistant", or the reply's `.content`) and given
    neither the reply message itself, nor anything naming its reasoning, nor a `**` spread,
    where the program keeps the result as a turn it sends back (`history.append(...)`,
    `memory.add_message(...)`, `+=`, also through a name bound to it): whatever the class
    keeps, the reasoning never reaches it. The reply is that of a request of the module
    with tools (not `None` or `[]`) whose model thinks there (a model chosen at run time
    where every model the provider's table gives OpenAI's chat models thinks); or, in a
    project using an OpenAI client, of a call the module does not trace given `tools=`
    (OpenManus's `response = await self.llm.ask_tool(..., tools=...)`, whose request
    another module makes), where every such model thinks: such a module is read for it when
    the provider lists `tool_turn_fields`. Not where each function of the project of the
    name called (`ask_tool`) sends the provider's switch in each chat request it makes
    (`RunFacts.thinking_off_callees`: OpenManus by hand, `params["extra_body"] = {...}`
    before `create(**params)`): such replies carry no reasoning.

    ## Why
    In thinking mode, DeepSeek's and Kimi's models answer a tool call with the reasoning that
    led to it (`reasoning_content`) and reject the next request with HTTP 400 unless the
    assistant turn that carried the tool calls gives it back. OpenAI keeps it server-side, so
    code written for OpenAI drops it. A stream carries it in its deltas too: code merging
    their fields into a dict it built (`target[key] += value`) meets a key it does not have
    (KeyError) before any next request is sent, so the message for a turn gathered where a
    request may stream says both, and offers the switch.

    ## Fix (review)
    Where the tool calls are read from the reply's message (`msg.tool_calls`, also in a
    comprehension over it), `apply` adds `"reasoning_content": getattr(msg,
    "reasoning_content", None)` after them (`msg.get("reasoning_content")` for a dict,
    `msg["tool_calls"]`); for tool calls set by subscript, a statement after that one,
    `turn["reasoning_content"] = getattr(msg, "reasoning_content", None)`; the same edit
    whatever the role is written as. Manual where the dict does not show which reply it is
    (tool calls gathered from a stream: collect `delta.reasoning_content` the same way; or
    built from the program's own objects, as magentic's `message_to_openai_message` builds
    them from its `FunctionCall`s: the reasoning must be kept where the reply is read and
    carried to the turn; likewise for a copied record or a record of the history written back
    in a loop, or turn thinking off for those requests). Manual too for a turn built by a
    call: the reasoning must reach the class or function building it and the turn it sends
    (or the program may send the reply message itself).

    ## Data
    `fields`: the fields the turn lacks; `built_by`, for a turn built by a call, its callee;
    `record`, for a turn rebuilt from a record of the history, the record as written.
    """

    code = "ML117"
    name = "tool-call-turn"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    routed = True
    examples = (
        Example(
            _CLIENT + "def step(messages, tools):\n"
            '    msg = c.chat.completions.create(model="m", messages=messages, tools=tools)'
            ".choices[0].message\n"
            '    messages.append({"role": "assistant", "content": msg.content, '
            '"tool_calls": msg.tool_calls})\n',
            provider="acme",
            message="Acme Cloud rejects the next request (HTTP 400, thinking mode) unless the "
            "assistant turn with tool calls gives back the reply's reasoning_content: apply adds "
            "it from msg",
            after=_CLIENT + "def step(messages, tools):\n"
            '    msg = c.chat.completions.create(model="m", messages=messages, tools=tools)'
            ".choices[0].message\n"
            "    messages.append(\n"
            "        {\n"
            '            "role": "assistant",\n'
            '            "content": msg.content,\n'
            '            "tool_calls": msg.tool_calls,\n'
            '            "reasoning_content": getattr(msg, "reasoning_content", None),\n'
            "        }\n"
            "    )\n",
        ),
        Example(
            _CLIENT + "def step(messages, reply):\n"
            '    c.chat.completions.create(model="m", messages=messages)\n'
            "    messages.append({\n"
            '        "role": "assistant",\n'
            '        "tool_calls": [{"id": t["id"], "function": t["function"]}\n'
            '                       for t in reply["tool_calls"]],\n'
            "    })\n",
            provider="acme",
            message="Acme Cloud rejects the next request (HTTP 400, thinking mode) unless the "
            "assistant turn with tool calls gives back the reply's reasoning_content: apply adds "
            "it from reply",
            after=_CLIENT + "def step(messages, reply):\n"
            '    c.chat.completions.create(model="m", messages=messages)\n'
            "    messages.append({\n"
            '        "role": "assistant",\n'
            '        "tool_calls": [{"id": t["id"], "function": t["function"]}\n'
            '                       for t in reply["tool_calls"]],\n'
            '        "reasoning_content": reply.get("reasoning_content"),\n'
            "    })\n",
        ),
        Example(
            _CLIENT + "def step(messages, tools):\n"
            '    msg = c.chat.completions.create(model="m", messages=messages, tools=tools)'
            ".choices[0].message\n"
            '    turn = {"role": "assistant", "content": msg.content}\n'
            '    turn["tool_calls"] = msg.tool_calls\n'
            "    messages.append(turn)\n",
            provider="acme",
            message="Acme Cloud rejects the next request (HTTP 400, thinking mode) unless the "
            "assistant turn with tool calls gives back the reply's reasoning_content: apply adds "
            "it from msg",
            after=_CLIENT + "def step(messages, tools):\n"
            '    msg = c.chat.completions.create(model="m", messages=messages, tools=tools)'
            ".choices[0].message\n"
            '    turn = {"role": "assistant", "content": msg.content}\n'
            '    turn["tool_calls"] = msg.tool_calls\n'
            '    turn["reasoning_content"] = getattr(msg, "reasoning_content", None)\n'
            "    messages.append(turn)\n",
        ),
        Example(
            _CLIENT + "from enum import Enum\n\n\nclass Role(Enum):\n"
            '    ASSISTANT = "assistant"\n\n\n'
            "def step(messages, tools):\n"
            '    msg = c.chat.completions.create(model="m", messages=messages, tools=tools)'
            ".choices[0].message\n"
            '    messages.append({"role": Role.ASSISTANT.value, "tool_calls": msg.tool_calls})\n',
            provider="acme",
            message="Acme Cloud rejects the next request (HTTP 400, thinking mode) unless the "
            "assistant turn with tool calls gives back the reply's reasoning_content: apply adds "
            "it from msg",
            after=_CLIENT + "from enum import Enum\n\n\nclass Role(Enum):\n"
            '    ASSISTANT = "assistant"\n\n\n'
            "def step(messages, tools):\n"
            '    msg = c.chat.completions.create(model="m", messages=messages, tools=tools)'
            ".choices[0].message\n"
            "    messages.append(\n"
            "        {\n"
            '            "role": Role.ASSISTANT.value,\n'
            '            "tool_calls": msg.tool_calls,\n'
            '            "reasoning_content": getattr(msg, "reasoning_content", None),\n'
            "        }\n"
            "    )\n",
        ),
        Example(
            _CLIENT + "def run(messages, calls, text):\n"
            '    c.chat.completions.create(model="m", messages=messages, stream=True)\n'
            '    messages.append({"role": "assistant", "content": text, "tool_calls": calls})\n',
            provider="acme",
            message="in thinking mode Acme Cloud answers with reasoning_content, in each "
            "streamed delta too: code merging the deltas field by field meets a field it does "
            "not expect, and the next request is rejected (HTTP 400) unless the assistant turn "
            "with tool calls gives it back: collect delta.reasoning_content as the tool calls "
            'are and add it as "reasoning_content", or turn thinking off for these requests '
            '(extra_body={"thinking": {"type": "disabled"}}), by hand',
        ),
        # t51c: swarm's requests, thinking turned off in the dict they spread
        Example(
            _CLIENT + "def run(messages, calls, text, stream):\n"
            '    params = {"model": "acme-think", "messages": messages, "stream": stream,\n'
            '              "extra_body": {"thinking": {"type": "disabled"}}}\n'
            "    c.chat.completions.create(**params)\n"
            '    messages.append({"role": "assistant", "content": text, "tool_calls": calls})\n',
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT + "def to_api(log):\n"
            "    for m in log:\n"
            "        out = dict(m)\n"
            '        if "call_id" in m:\n'
            '            out["tool_calls"] = [{"id": m["call_id"], "type": "function"}]\n'
            "        yield out\n\n\n"
            'c.chat.completions.create(model="m", messages=list(to_api([])))\n',
            provider="deepseek",
            message="DeepSeek rejects the next request (HTTP 400, thinking mode) unless the "
            "assistant turn with tool calls gives back the reply's reasoning_content: this turn "
            "is copied from `m`, the program's own record of the reply (its tool calls are set "
            "here), which holds none unless the program keeps it: keep the reply's "
            'reasoning_content in that record and set out["reasoning_content"] from it, or turn '
            'thinking off for these requests (extra_body={"thinking": {"type": "disabled"}}), '
            "by hand",
        ),
        # t56e: vanna writes its own records of the history back as turns
        Example(
            _CLIENT + "def payload(history):\n"
            "    out = []\n"
            "    for m in history:\n"
            '        msg = {"role": m.role, "content": m.content}\n'
            "        if m.tool_calls:\n"
            '            msg["tool_calls"] = [t.to_api() for t in m.tool_calls]\n'
            "        out.append(msg)\n"
            "    return out\n\n\n"
            'c.chat.completions.create(model="m", messages=payload([]), tools=[{"type": "x"}])\n',
            provider="deepseek",
            message="DeepSeek rejects the next request (HTTP 400, thinking mode) unless the "
            "assistant turn with tool calls gives back the reply's reasoning_content: this turn "
            "is rebuilt from `m`, the program's own record of an earlier reply (its tool calls "
            "are read from m.tool_calls), which holds no reasoning_content unless the program "
            "keeps it: keep the reply's reasoning_content in that record where the reply is read "
            'and set msg["reasoning_content"] from it, or turn thinking off for these requests '
            '(extra_body={"thinking": {"type": "disabled"}}), by hand',
        ),
        # t48d (D1): litellm's tool loop on the provider's route
        Example(
            "import litellm\n\n\ndef step(messages, tools):\n"
            '    msg = litellm.completion(model="deepseek/deepseek-flash", messages=messages, '
            "tools=tools)\n"
            '    messages.append({"role": "assistant", "tool_calls": msg.tool_calls})\n',
            provider="deepseek",
            message="DeepSeek rejects the next request (HTTP 400, thinking mode) unless the "
            "assistant turn with tool calls gives back the reply's reasoning_content: apply adds "
            "it from msg",
            after="import litellm\n\n\ndef step(messages, tools):\n"
            '    msg = litellm.completion(model="deepseek/deepseek-flash", messages=messages, '
            "tools=tools)\n"
            "    messages.append(\n"
            "        {\n"
            '            "role": "assistant",\n'
            '            "tool_calls": msg.tool_calls,\n'
            '            "reasoning_content": getattr(msg, "reasoning_content", None),\n'
            "        }\n"
            "    )\n",
        ),
        # t52a: a turn the program's own class builds from the reply's fields
        Example(
            _CLIENT + "class Msg:\n"
            "    def __init__(self, role, content=None, tool_calls=None):\n"
            "        self.role, self.content, self.tool_calls = role, content, tool_calls\n\n\n"
            "def step(history, tools):\n"
            "    msg = c.chat.completions.create(\n"
            '        model="acme-think", messages=[vars(m) for m in history], tools=tools\n'
            "    ).choices[0].message\n"
            '    history.append(Msg("assistant", msg.content, msg.tool_calls))\n',
            provider="acme",
            message="Acme Cloud rejects the next request (HTTP 400, thinking mode) unless the "
            "assistant turn with tool calls gives back the reply's reasoning_content: this turn "
            "is built by `Msg(...)` from the tool calls of `msg`, which does not carry it: keep "
            'msg.reasoning_content in the turn the program sends back (as "reasoning_content"), '
            "or send the reply message itself, or turn thinking off for these requests "
            '(extra_body={"thinking": {"type": "disabled"}}), by hand',
        ),
        Example(
            _CLIENT + "def step(history, tools):\n"
            "    msg = c.chat.completions.create(\n"
            '        model="acme-think", messages=history, tools=tools,\n'
            '        extra_body={"thinking": {"type": "disabled"}},\n'
            "    ).choices[0].message\n"
            '    history.append(Msg("assistant", msg.content, msg.tool_calls))\n',
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT + "def step(history, tools):\n"
            '    msg = c.chat.completions.create(model="acme-think", messages=history, '
            "tools=tools).choices[0].message\n"
            "    history.append(Turn(msg.content, tool_calls=msg.tool_calls, "
            "reasoning=msg.reasoning_content))\n",
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT + "def step(messages, msg):\n"
            '    c.chat.completions.create(model="m", messages=messages)\n'
            '    messages.append({"role": "assistant", "tool_calls": msg.tool_calls, '
            '"reasoning_content": msg.reasoning_content})\n'
            "    messages.append(msg)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT + "def step(messages, msg):\n"
            '    c.chat.completions.create(model="m", messages=messages)\n'
            '    messages.append({"role": "assistant", "tool_calls": msg.tool_calls})\n',
            provider="qwen",
            finds=False,
        ),
    )

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._chat = False
        # whether one of those requests may stream: its deltas carry the fields too
        self._streams = False
        self._turns: list[cst.Dict] = []
        self._copies: list[cst.Assign] = []
        # calls that may build a turn from a reply's tool calls (`built_turn`), and the
        # requests with tools to a model that thinks whose replies they may read
        self._builders: list[cst.Call] = []
        self._thinking_tools: set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        if (
            node.args
            and self.ctx.rules.switching
            and self.param("tool_turn_fields")
            and self.ctx.mentions(_TOOL_CALLS)  # a turn is built from a reply's `tool_calls`
        ):
            self._builders.append(node)

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        if self.switched_off(node, info):
            return  # its replies carry no reasoning to give back
        self._chat = True
        if self._thinks_with_tools(node, info):
            self._thinking_tools.add(id(node))
        self._streams = self._streams or self.may_stream(node, info)

    def check_routed(self, node: cst.Call) -> None:
        """litellm's `completion(...)` / `acompletion(...)` whose model may reach the provider
        (`routed_requests`, `reached_models`: an OpenAI model apply moves there, or the
        provider's on its route, written or followed through names, defaults and `self.X`)
        makes a chat request too."""
        if litellm_chat_call(self.ctx, node) and (
            routed_requests(self.ctx, node) or reached_models(self.ctx, node)
        ):
            self._chat = True

    def visit_Dict(self, node: cst.Dict) -> None:
        if self.ctx.rules.switching and self.param("tool_turn_fields"):
            self._turns.append(node)

    def visit_Assign(self, node: cst.Assign) -> None:
        if (
            self.ctx.rules.switching
            and self.param("tool_turn_fields")
            and _copied(self.ctx, node.value) is not None
        ):
            self._copies.append(node)

    def finish(self) -> None:
        super().finish()  # the requests read once the traversal is over
        fields: list[str] = list(self.param("tool_turn_fields") or ()) if self._chat else []
        for node in self._turns if fields else ():
            self._check_turn(node, fields)
        for assign in self._copies if fields else ():
            self._check_copy(assign, fields)
        wanted = list(self.param("tool_turn_fields") or ()) if self._builders else []
        for call in self._builders if wanted else ():
            self._check_built(call, wanted)
        self._turns, self._copies, self._builders = [], [], []

    def _thinks_with_tools(self, node: cst.Call, info: CallInfo) -> bool:
        """Whether a request (thinking not turned off) sends tools to a model that thinks: its
        model thinks in this request (`thinking_mode`), or is chosen at run time where every
        model the provider's table gives OpenAI's chat models thinks (`every_target_thinks`)."""
        tools = self.arguments(node).get("tools")
        if tools is None or _no_tools(self.visible(tools.value)[0]):
            return False
        known = self.call_model(node, info)
        if known is None:
            return every_target_thinks(self.ctx)
        return self.thinking_mode(node, known[0], False, info) == "thinking"

    def _check_built(self, call: cst.Call, fields: list[str]) -> None:
        """A turn built by a call from a reply's tool calls (`built_turn`), the reply of a
        request of the module with tools to a model that thinks (`_thinks_with_tools`); or of
        a call given `tools=` the module does not trace (OpenManus's `self.llm.ask_tool(...)`
        in a project using an OpenAI client), where every model the provider's table gives
        OpenAI's chat models thinks."""
        built = built_turn(self.ctx, call)
        if built is None or built.origin is None:
            return
        origin = built.origin
        untraced = id(origin) not in self._thinking_tools
        if untraced and not self._tools_elsewhere(origin):
            return
        named = ", ".join(fields)
        reply = self.ctx.code(built.reply)
        maker = self.ctx.code(call.func)
        switch = self.param("thinking_off_extra_body")
        off = f" (extra_body={{{_entries_text(switch)}}})" if switch else ""
        whose = (
            f"`{reply}`, what `{self.ctx.code(origin.func)}(...)` answers to a request with "
            f"tools, which does not carry it: where that request goes to {self.provider.name} "
            "with a model that thinks, "
            if untraced
            else f"`{reply}`, which does not carry it: "
        )
        self.report(
            call,
            f"{self.provider.name} rejects the next request (HTTP 400, thinking mode) unless the "
            f"assistant turn with tool calls gives back the reply's {named}: this turn is built "
            f"by `{maker}(...)` from the tool calls of {whose}keep {reply}.{fields[0]} in the "
            f'turn the program sends back (as "{fields[0]}"), or send the reply message itself, '
            f"or turn thinking off for these requests{off}, by hand"
            f"{self.unconfirmed('tool_turn_fields')}",
            fix=FixClass.MANUAL,
            data={"fields": fields, "built_by": maker},
        )

    def _tools_elsewhere(self, origin: cst.Call) -> bool:
        """Whether `origin` is a call the module does not trace as a request, given tools
        (`tools=` that sends some), in a project using an OpenAI client, where every model
        the provider's table gives OpenAI's chat models thinks unless told not to."""
        if self.request(origin) is not None:
            return False  # a request of the module: thinking off, or no tools
        tools = next((a for a in origin.args if a.keyword and a.keyword.value == "tools"), None)
        if tools is None or _no_tools(tools.value):
            return False
        facts = self.ctx.rules.facts
        called = last_name(origin.func)
        if called and switched_off(facts.thinking_off_callees, called):
            return False  # each function of that name sends the switch (OpenManus's ask_tool)
        return facts.openai_client_used and every_target_thinks(self.ctx)

    def _check_copy(self, assign: cst.Assign, fields: list[str]) -> None:
        """A copy of a message the program keeps (`out = dict(m)`, `m.copy()`,
        `copy.copy(m)`) whose tool calls the code then sets (`out["tool_calls"] = [...]`):
        the record held none in the API's form, so it is the program's own (gptme's log), and
        holds no reasoning a thinking model gave with them unless the program kept it."""
        later = _set_after(self.ctx, assign)
        calls = later.get(_TOOL_CALLS)
        if calls is None or _no_calls(calls):
            return
        missing = [f for f in fields if f not in later]
        if not missing:
            return
        source = _copied(self.ctx, assign.value)
        assert source is not None
        shown, name = self.ctx.code(source), self.ctx.code(assign.targets[0].target)
        named = ", ".join(missing)
        switch = self.param("thinking_off_extra_body")
        off = f" (extra_body={{{_entries_text(switch)}}})" if switch else ""
        self.report(
            assign,
            f"{self.provider.name} rejects the next request (HTTP 400, thinking mode) unless the "
            f"assistant turn with tool calls gives back the reply's {named}: this turn is "
            f"copied from `{shown}`, the program's own record of the reply (its tool calls are "
            f"set here), which holds none unless the program keeps it: keep the reply's {named} "
            f'in that record and set {name}["{missing[0]}"] from it, or turn thinking off for '
            f"these requests{off}, by hand{self.unconfirmed('tool_turn_fields')}",
            fix=FixClass.MANUAL,
            data={"fields": missing},
        )

    def _check_turn(self, node: cst.Dict, fields: list[str]) -> None:
        entries: dict[str, cst.DictElement] = {}
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                return  # a `**` spread may hold the fields
            key = string_value(element.key)
            if key is not None:
                entries[key] = element
        role = entries.get(_ROLE)
        if role is None or (
            _role_value(self.ctx, role.value) != _ASSISTANT and not record_role(role.value)
        ):
            return  # a role copied from a record is the assistant's where it has tool calls
        entry = entries.get(_TOOL_CALLS)
        later = _set_later(self.ctx, node) if entry is None else {}
        calls = entry.value if entry is not None else later.get(_TOOL_CALLS)
        if calls is None or _no_calls(calls):
            return
        missing = [f for f in fields if f not in entries and f not in later]
        if not missing:
            return
        named = ", ".join(missing)
        head = (
            f"{self.provider.name} rejects the next request (HTTP 400, thinking mode) unless the "
            f"assistant turn with tool calls gives back the reply's {named}"
        )
        # a role copied from a parameter: the module does not show it is the reply message
        record = kept_record(self.ctx, calls, parameters=record_role(role.value))
        if record is not None:
            self._report_record(node, *record, missing, head)
            return
        source = reply_of(calls)
        if source is None:
            wanted = ", ".join(f'"{f}"' for f in missing)
            message = (
                f"{head}: add it as {wanted} (from a stream, collect delta.{missing[0]} as the "
                "tool calls are), by hand"
            )
            if self._streams:
                message = self._streamed_message(named, wanted, missing[0])
            self.report(
                node,
                f"{message}{self.unconfirmed('tool_turn_fields')}",
                fix=FixClass.MANUAL,
                data={"fields": missing},
            )
            return
        reply, subscripted = source
        shown = self.ctx.code(reply)
        read = [
            f'{shown}.get("{f}")' if subscripted else f'getattr({shown}, "{f}", None)'
            for f in missing
        ]
        edit: Edit | None
        if entry is not None:
            values = [f'"{f}": {r}' for f, r in zip(missing, read, strict=True)]
            edit = self._insertion(node, entry, values)
        else:
            edit = _statements_after(
                self.ctx, calls, [(f, r) for f, r in zip(missing, read, strict=True)]
            )
        does = "apply adds it" if edit is not None else "add it, by hand,"
        self.report(
            node,
            f"{head}: {does} from {shown}{self.unconfirmed('tool_turn_fields')}",
            edit=edit,
            fix=None if edit is not None else FixClass.MANUAL,
            data={"fields": missing},
        )

    def _report_record(
        self, node: cst.Dict, record: cst.Name, parameter: bool, missing: list[str], head: str
    ) -> None:
        """A turn rebuilt from `record`, a record of the history the program keeps, or a
        parameter (`parameter`) its role and tool calls are read from (`kept_record`): such a
        record holds no reasoning unless the program keeps it where the reply is read, so
        apply cannot add it here; a parameter may be the reply message itself."""
        named = ", ".join(missing)
        parents = self.ctx.ancestors(node)
        bound = parents[-1] if parents else None
        target = getattr(bound, "target", None) or (
            bound.targets[0].target if isinstance(bound, cst.Assign) else None
        )
        shown = self.ctx.code(record)
        add = f'add it to this turn as "{missing[0]}"'
        if isinstance(target, cst.Name):
            add = f'set {target.value}["{missing[0]}"] from it'
        switch = self.param("thinking_off_extra_body")
        off = f" (extra_body={{{_entries_text(switch)}}})" if switch else ""
        keep = f"keep the reply's {named} in that record where the reply is read and {add}"
        what = (
            f"`{shown}`, the program's own record of an earlier reply (its tool calls are read "
            f"from {shown}.tool_calls), which holds no {named} unless the program keeps it: {keep}"
        )
        if parameter:
            what = (
                f"`{shown}`, a parameter the module does not show to be the reply message (its "
                f"tool calls are read from {shown}.tool_calls): where it is the reply message, "
                f'add "{missing[0]}": getattr({shown}, "{missing[0]}", None), and where it is a '
                f"record of the program's, which holds none unless the program keeps it, {keep}"
            )
        self.report(
            node,
            f"{head}: this turn is rebuilt from {what}, or turn thinking off for these "
            f"requests{off}, by hand{self.unconfirmed('tool_turn_fields')}",
            fix=FixClass.MANUAL,
            data={"fields": missing, "record": shown},
        )

    def _streamed_message(self, named: str, wanted: str, first: str) -> str:
        """What ML117 says of a turn whose tool calls the module does not show read from a
        reply, where one of its requests may stream: the deltas carry the fields too, so the
        code merging them may fail before any next request."""
        switch = self.param("thinking_off_extra_body")
        off = f" (extra_body={{{_entries_text(switch)}}})" if switch else ""
        return (
            f"in thinking mode {self.provider.name} answers with {named}, in each streamed "
            "delta too: code merging the deltas field by field meets a field it does "
            "not expect, and the next request is rejected (HTTP 400) unless the assistant turn "
            f"with tool calls gives it back: collect delta.{first} as the tool calls are and "
            f"add it as {wanted}, or turn thinking off for these requests{off}, by hand"
        )

    def _insertion(self, node: cst.Dict, after: cst.DictElement, values: list[str]) -> Edit:
        """An edit adding the entries `values` after the element `after`, on lines of their
        own where the elements stand a line each."""
        text = self.ctx.text
        end = self.ctx.span(after).end
        first = self.ctx.span(node.elements[0]).start
        if "\n" in text[self.ctx.span(node).start : first]:
            line_start = text.rfind("\n", 0, first) + 1
            indent = text[line_start:first]
            joined = "".join(f",\n{indent}{v}" for v in values)
        else:
            joined = "".join(f", {v}" for v in values)
        return Edit(Span(end, end), joined)


def _role_value(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """The string a role is written as: a literal, a name bound once to one, a member of an
    enum of the module read by `.value` (`Role.ASSISTANT.value`), a member of a `str` enum of
    the module used itself (`class Role(str, Enum)`, `Role.ASSISTANT`), an attribute of a
    class of the module without bases (`Roles.ASSISTANT`); None for anything else (a
    parameter's default or an environment default may be replaced at run time, another
    module's class is not read)."""
    resolved = ctx.resolve_literal(expr)
    if resolved is not None:
        how = resolved[2]
        return resolved[1] if how == "literal" or how.startswith("constant ") else None
    as_str = False  # the member itself, not its `.value`: only a `str` enum's is a string
    if isinstance(expr, cst.Attribute) and expr.attr.value == "value":
        expr = expr.value
    else:
        as_str = True
    if not isinstance(expr, cst.Attribute) or not isinstance(expr.value, cst.Name):
        return None
    bound = ctx.bindings(expr.value)
    owner = getattr(bound[0], "node", None) if len(bound) == 1 else None
    if not isinstance(owner, cst.ClassDef):
        return None
    bases = [last_name(b.value) or "" for b in owner.bases]
    if bases and bases != ["object"]:  # a plain class's attribute is the string itself
        if not any(b.endswith("Enum") for b in bases):
            return None
        if as_str and "StrEnum" not in bases and "str" not in bases:
            return None
    elif not as_str:
        return None  # `.value` of a string
    member = expr.attr.value
    for line in owner.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target, value = small.targets[0].target, small.value
            elif isinstance(small, cst.AnnAssign) and small.value is not None:
                target, value = small.target, small.value
            else:
                continue
            if isinstance(target, cst.Name) and target.value == member:
                return string_value(value)
    return None


def _copied(ctx: PythonContext, value: cst.BaseExpression) -> cst.BaseExpression | None:
    """What `value` copies: `x` of `dict(x)`, `x.copy()`, `copy.copy(x)`, `copy.deepcopy(x)`;
    None for anything else."""
    if not isinstance(value, cst.Call):
        return None
    func = value.func
    if isinstance(func, cst.Attribute) and func.attr.value == "copy" and not value.args:
        return func.value if plain(func.value) else None
    if len(value.args) != 1 or value.args[0].keyword is not None or value.args[0].star:
        return None
    names = ctx.qualnames(func)
    if names & _COPIES or (isinstance(func, cst.Name) and func.value == "dict" and not names):
        return value.args[0].value
    return None


def _set_later(ctx: PythonContext, display: cst.Dict) -> dict[str, cst.BaseExpression]:
    """The entries set by subscript (`turn["tool_calls"] = ...`) on the name `display` is
    bound to (`turn = {...}`), in the statements that follow it in its block, up to the
    name's next binding: key -> value."""
    parents = ctx.ancestors(display)
    assign = parents[-1] if parents else None
    if isinstance(assign, (cst.Assign, cst.AnnAssign)):
        return _set_after(ctx, assign)
    return {}


def _set_after(
    ctx: PythonContext, assign: cst.Assign | cst.AnnAssign
) -> dict[str, cst.BaseExpression]:
    """The entries set by subscript on the name `assign` binds (`out = ...`, `out: dict =
    ...`), in the statements that follow it in its block and the blocks nested in them (`if
    tool_calls: out["tool_calls"] = ...`; vanna's `elif m.role == "assistant"`), up to the
    name's next binding in that block: key -> value."""
    parents = ctx.ancestors(assign)
    if isinstance(assign, cst.AnnAssign):
        target: cst.BaseExpression | None = assign.target
    else:
        target = assign.targets[0].target if len(assign.targets) == 1 else None
    if len(parents) < 2 or not isinstance(target, cst.Name):
        return {}
    line, block = parents[-1], parents[-2]
    if not isinstance(block, (cst.IndentedBlock, cst.Module)) or line not in block.body:
        return {}
    name = target.value
    found: dict[str, cst.BaseExpression] = {}

    class Sets(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            for written in node.targets:
                key = _subscript_key(written.target, name)
                if key is not None:
                    found[key] = node.value

    for statement in block.body[block.body.index(line) + 1 :]:
        if not isinstance(statement, cst.SimpleStatementLine):
            statement.visit(Sets())
            continue
        if any(
            isinstance(s, cst.Assign)
            and any(isinstance(t.target, cst.Name) and t.target.value == name for t in s.targets)
            for s in statement.body
        ):
            break  # bound again
        statement.visit(Sets())
    return found


def _subscript_key(node: cst.BaseExpression, name: str) -> str | None:
    """`k` of `name["k"]`, else None."""
    if not (isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name)):
        return None
    if node.value.value != name or len(node.slice) != 1:
        return None
    index = node.slice[0].slice
    return string_value(index.value) if isinstance(index, cst.Index) else None


def _statements_after(
    ctx: PythonContext, value: cst.BaseExpression, entries: list[tuple[str, str]]
) -> Edit | None:
    """An edit setting `entries` (key, code) by subscript on the dict whose `"tool_calls"`
    the assignment holding `value` sets, in statements of their own right after it."""
    parents = ctx.ancestors(value)
    assign = parents[-1] if parents else None
    if not isinstance(assign, cst.Assign) or not isinstance(parents[-2], cst.SimpleStatementLine):
        return None
    if len(parents[-2].body) != 1:
        return None  # `a = 1; d["tool_calls"] = x`: left to a person
    target = assign.targets[0].target
    assert isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name)
    span = ctx.span(assign)
    text = ctx.text
    indent = text[text.rfind("\n", 0, span.start) + 1 : span.start]
    name = target.value.value
    lines = "".join(f'\n{indent}{name}["{k}"] = {code}' for k, code in entries)
    return Edit(Span(span.end, span.end), lines)


def _no_calls(value: cst.BaseExpression) -> bool:
    """`None`, or an empty list or tuple: a turn without tool calls."""
    if isinstance(value, cst.Name):
        return value.value == "None"
    return isinstance(value, (cst.List, cst.Tuple)) and not value.elements


TOOL_TURN_RULES = (ToolCallTurn,)
