"""ML118: a request whose OpenAI model answered at once, mapped to a provider model that
thinks first unless told not to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import langchain as lc
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.registry import Provider
from migrate_llm.rules.agents_thinking import agent_switch
from migrate_llm.rules.base import Example
from migrate_llm.rules.class_sampling import LIMIT_FIELDS, ClassField, class_fields
from migrate_llm.rules.compat import (
    _CLIENT,
    CALL_KINDS,
    RAW,
    ROUTED,
    SETTINGS,
    CallInfo,
    _CompatRule,
    _entries_text,
    _same_literal,
    as_written,
    number_value,
    sends_body,
)
from migrate_llm.rules.delta_merges import Merge, delta_merge
from migrate_llm.rules.extra_body_entries import body_entries
from migrate_llm.rules.framework_langchain import same_number
from migrate_llm.rules.framework_litellm import passes_extra_body, routed_requests
from migrate_llm.rules.framework_semantic_kernel import MARKER as SK_MARKER
from migrate_llm.rules.framework_semantic_kernel import (
    chat_service_model,
    tied_settings,
    uses_services,
)
from migrate_llm.rules.inherited_requests import shared_method
from migrate_llm.rules.model_forms import both_forms
from migrate_llm.rules.model_values import env_default, reaching_values, some_literals
from migrate_llm.rules.optional_values import unset_subject
from migrate_llm.rules.passed_dicts import entry, key_read, passed_dicts
from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value
from migrate_llm.rules.request_arguments import RequestArgument
from migrate_llm.rules.thinking_instructor import MARKER as VALIDATOR_MARKER
from migrate_llm.rules.thinking_instructor import client_switched, report_validator_client
from migrate_llm.rules.thinking_kwargs import kwargs_callers
from migrate_llm.rules.thinking_langchain import report_run_time_class, report_run_time_init
from migrate_llm.rules.thinking_litellm import report_followed
from migrate_llm.rules.thinking_switch import (
    NO_SIZE,
    consequences,
    every_target_thinks,
    listed,
    raise_limit,
    sampling_clause,
    thinking_switch,
    thinks,
    unlike,
)
from migrate_llm.rules.wording import and_listed

# frameworks.semantic_kernel: its OpenAI chat service keeps no reasoning_content
_SK_LOOP = "which Semantic Kernel's does not"
_SK = "from semantic_kernel.connectors.ai.open_ai "
# a litellm call whose model is `self.model`, set in `__init__` to `value`
_AGENT = (
    "import litellm\n\n\nclass Agent:\n"
    "    def __init__(self{init}):\n"
    "        self.model = {value}\n\n"
    "    def ask(self, messages):\n"
    "        return litellm.completion(model=self.model, messages=messages)\n"
)
_AGENTS_MARKER = "agents"  # the OpenAI Agents SDK's package (a cheap test before resolving)
# a `**kwargs` wrapper of a request (tree-of-thought-llm's completions_with_backoff), and a
# call of it naming the model (`rules/thinking_kwargs.py`)
_KWARGS_WRAPPER = (
    "c = openai.OpenAI()\n\n\n"
    "@backoff.on_exception(backoff.expo, openai.OpenAIError)\n"
    "def send(**kwargs):\n"
    "    return c.chat.completions.create(**kwargs)\n\n\n"
)
_KWARGS_CALLER = (
    'def ask(q, model="gpt-4o"):\n    return send(model=model, messages=q, max_tokens=1000)\n'
)


def _no_size(sent: str) -> str:
    """`NO_SIZE` as ML118 says it: `sent` ("an effort", "the switch") may settle the requests
    where the call does not show it."""
    return NO_SIZE.format(
        settled=f"{sent} sent where this call does not show it",
        code="ML118",
        where="the call's first line",
    )


class ThinkingDefault(_CompatRule):
    """A chat request whose OpenAI model does not think, mapped to one that does by default.

    ## What it does
    Finds chat requests whose model is an OpenAI model that answers without reasoning first
    (none of the `thinking_models` globs of OpenAI's file takes it: gpt-4o, gpt-4.1, not
    o3), written in the request as `model=` (a literal, a module constant, what every call
    of its function passes, a class field's default read through `self` or through an
    instance of the class: swarm's `agent: Agent` with `model: str = "gpt-4o"`, where the
    module sets it no other way; what every assignment of `self.X` in its class sets, where
    the module assigns X on no other object and derives no class from it, open-interpreter's
    `self.model = "gpt-4o"`; the values of a name assigned in several places that may reach
    the request, all of them literals or constants; or a parameter's default,
    `def ask(q, model="gpt-4o")` or `self.model_name = model_name`, where every model the
    provider's table gives OpenAI's chat models that do not think is one that does, so the
    switch suits what a caller passes instead) and mapped by apply to a provider model that
    thinks unless told
    not to (the provider's `[params] thinking_models`: DeepSeek's deepseek-flash, Kimi's
    kimi-k2.6, Doubao's Seed models), where the provider names the switch that turns it off
    (`thinking_off_extra_body`). A request that always asks for reasoning (a
    `reasoning_effort=` that is a string on every path the module shows: a literal, a
    constant, an `if` expression of such, a parameter every call passes one for) or names the
    switch in its `extra_body` keeps its choice. One whose `reasoning_effort` may send
    nothing (a parameter or attribute that may be None, `x if x is not None else
    openai.omit`, a helper's call: magentic's `_if_given(self.reasoning_effort)`) thinks
    where it sends none, and is reported. A parameter's default that is already such a
    provider model (apply's mapping, or the code's own) is the model the request sends unless
    a caller passes another: without the switch, a warning (manual: apply writes none for a
    provider model written in the code), so what apply leaves for a person stays in `check`
    (t56b D1); so does a request whose model is such a provider model written in the code
    (`call_model`: a literal, a constant, a dict's entry spread into it) sending no switch,
    where apply could not have written one (its `extra_body` not held in a name; t62d:
    `**settings`, silent in `check` once its model was Kimi's). Where such a request, or one
    whose switch apply leaves to a person, gives a token limit below the provider file's
    `[params] thinking_tokens_min`, the message says the reasoning counts against it. A
    request whose model is chosen at run time gets a note naming the switch, where every
    model the provider's table gives OpenAI's chat models that do not think is one that does
    (DeepSeek, Kimi, Doubao; a glob of the table is judged by the shortest name it takes:
    `o1*` is o1, which thinks). Where the request is in a method that subclasses of the
    module inherit (none overriding it) while handing `super().__init__` a base URL of their
    own (pdf2zh's `OpenAITranslator.do_translate`, run by its DeepSeek, Groq, Gemini...
    translators), the note says the method is shared, names them, and says to send the
    switch only for the client pointed at the provider (`if type(self) is
    OpenAITranslator:`). A request built from a `**kwargs` wrapper of the module
    (tree-of-thought-llm's `completions_with_backoff(**kwargs)`, t62g) is read at each call
    of the module filling it that gives `model=`: that call is checked as the request and
    reported there, where the switch reaches the request as it is (`thinking_kwargs`: the
    wrapper spreads nothing else, uses its `**kwargs` nowhere else, is no method and has no
    decorator but those calling it with its arguments); else the request keeps its note.

    A request that may stream (`stream=True`, or a value chosen at run time) in a module that
    adds each streamed delta's fields to a dict it built, by key (`for k, v in
    delta.model_dump().items(): message[k] += v`; swarm's `merge_fields`, also through the
    module's functions), where that dict has no `reasoning_content` key, fails there on a
    thinking model (KeyError): the finding says so. Where the check above says nothing or a
    note (a provider model written in the code, one that always thinks, one chosen at run
    time, a request asking for reasoning) and a model the request may send thinks, without
    the switch in its `extra_body`, it is a warning too (manual): pass the switch, or add
    `"reasoning_content": ""` to the dict; after apply as before it (`check` stays red).

    Semantic Kernel's execution settings (`OpenAIChatPromptExecutionSettings(...)`, and
    `PromptExecutionSettings(...)` tied to an OpenAI chat service of the module) are read as
    the request their service sends: their model is their `ai_model_id`, else that of the
    module's `OpenAIChatCompletion` they run on (the one registered under their `service_id`:
    the same string, or the same name; for settings naming none, the module's only service,
    where it imports no other connector). A service mapped so that no settings of the module
    run on is reported too: the switch belongs in the settings it runs, which the module does
    not show.

    Also read as requests: litellm's `completion(...)` / `acompletion(...)` with its own
    keywords, on a route that keeps `extra_body=` as the request's (the provider's litellm
    route or OpenAI's: `frameworks/litellm.py`; where the module shows its model only in part,
    `self.model = model or "gpt-4o"`, and a value it may hold is such an OpenAI model, a
    warning, manual, naming the values and their lines; so where every value it may hold
    is the provider's model on its route and one thinks (`self.model_name = model_name`
    defaulting to `moonshot/kimi-k2.6`, as ML204 writes it, t65c R1), unless the call or the
    dict it spreads sends `extra_body` or `reasoning_effort`; where it shows none,
    open-interpreter's `completion(**params)`, the note a request choosing its model at run
    time gets, or the merged-stream warning below where the program's test of the provider's
    route decides what reaches it: `route_guarded`, t67a), and an OpenAI Agents SDK `Agent(model=
    "gpt-4o")` whose model ML631 maps (not one whose `model_settings=ModelSettings(...)` or a
    `RunConfig`'s asks for `reasoning=` or names the switch). A framework class that apply
    rebuilds for the provider gets the switch in that rewrite (ML601 LangChain's ChatOpenAI,
    ML611 LlamaIndex's OpenAI, ML685 agno's OpenAIChat), which says so. instructor's
    `llm_validator(statement, client=c, model=...)` takes no `extra_body`: where its OpenAI
    model (or instructor's default) is mapped so, the switch goes in `extra_body=` of the
    `instructor.from_openai(...)` that `c` is bound to, reported there once (instructor adds
    the keywords a client is built with to each request it sends); a client the module does
    not show so gets a warning (manual), also where the validator's model is a provider model
    that thinks (after apply: `check` stays red). A request of such a client choosing its
    model at run time gets no note once that `extra_body` names the switch
    (`rules/thinking_instructor.py`).

    The JSON body of a raw HTTP chat request to the provider (`requests`, `httpx`,
    `aiohttp`: `post(url, json=payload)`, read as ML111 reads it) is read as a request whose
    arguments are the body's entries: raw HTTP has no `extra_body` (the SDK merges its entries
    into the body it posts), so the switch is a field of the body itself, and a body whose
    own entries already name it (`"thinking": {"type": "enabled"}`) keeps its choice. So is
    a body the module hands to a function of its own that posts its parameter
    (`send_request(data)` posting `json=data`; each direct call of it, reported there), edited
    where that function uses the parameter for nothing else.

    LangChain's `init_chat_model()` choosing its model at run time (none, with
    `configurable_fields=(...)`, whose keywords become every built model's defaults; or one
    read from settings), with no provider keyword and no base URL of its own, in a project
    that requires the target's route (ML204 moves its `openai:` models to `deepseek:`) and
    whose `openai:` chat models named as values (not dict keys) all did not think, mapped to
    models that think by default: the models it builds get the switch (ML605 writes it in its
    own edit where it rewrites the call, ML603 where the model is written in the call). Where
    the project also names one that thought (`"openai:gpt-5"`), a warning, manual; after
    apply (models named on the target's route, `"deepseek:deepseek-flash"`, and no `openai:`
    chat model) the same on such a call without the switch: a warning where the module gives
    the models tools, else a note.

    A request through a client the module points at another host (the app's own server,
    another provider: ML003's note, also a client a factory of the module returns, xiaogpt's
    `client = self._make_client()` pointed at PPIO) is not the provider's and is not
    reported.

    ## Why
    A thinking model reasons before it answers: its replies take longer and carry a
    `reasoning_content` field (also in each streamed delta, where code that merges the
    delta's fields into a dict it built, as swarm's does, meets a key it does not know), it
    does with `temperature` what the provider's file says (ignored while DeepSeek's models
    think, `[params] thinking_ignored`; fixed at 1.0 by Kimi's, which rejects other values,
    `[model_params]`, `[fixed_values]`, `[params] fixed_other_value`; the message says
    nothing of it where the file does not), and a tool loop must send the reasoning back
    (ML117) where the file says so (`tool_turn_fields`; where it does not, the message says
    that it does not): Semantic Kernel's OpenAI service keeps none of a reply's reasoning, so the
    second request of its tool loop fails where the provider asks for it (`tool_turn_fields`,
    HTTP 400). The OpenAI model the code was written for did none of this; the provider's own
    migration advice (DeepSeek's retired deepseek-chat) is the same model with thinking off. A
    reasoning model of OpenAI's file (`[params] reasoning_models`: gpt-5.5) that is none of its
    `thinking_models` reasoned only when asked, and the message says so (t52b).

    A model that always thinks (`[params] always_thinking`: Zhipu's glm-5.3, the target of
    gpt-4o) has no switch: a request mapped to it from a model that did not think, sending no
    `reasoning_effort`, gets a note, and a warning (manual) where it gives `max_tokens` or
    `max_completion_tokens`, which the reasoning counts against: at the default effort it may
    use the whole limit and leave the reply empty. Its model may also be an environment
    read's string default, as ML204 maps it (`MODEL = os.environ.get("OPENAI_MODEL",
    "gpt-4o")`, t49b: `glm-5.3 (the default of OPENAI_MODEL)`). The warning holds for such a
    model written as the provider's too, a literal, constant or env default (apply's, or the
    code's own), so `check` stays red after apply until the limit or the effort is settled.
    So is a request whose model and limit are entries of the dict displays the module's calls
    pass for a parameter it reads by key (`model=params["engine"]`: `passed_dicts`), where an
    entry's model (as written or mapped) thinks (always, or unless told not to) with a limit
    below the provider file's `thinking_tokens_min`, or any limit where it has none (as ML507
    judges a config file's); and a provider model that thinks unless told not to, written
    as a literal or a parameter's default, sent with such a numeric limit and no switch (t62e).
    As ML507's, these warnings ask to raise the limit only to the size the provider's file
    names (Kimi's 32000); where it names none (Zhipu, DeepSeek, Qwen) they say that no limit
    clears them and name the `# migrate-llm: ignore[ML118]` comment for requests settled where
    the call does not show it (the wording is `thinking_switch.NO_SIZE`, ML507's too).
    So is a config class's token-limit field (`max_tokens: int = 256`, or
    `max_completion_tokens`) below `thinking_tokens_min`, beside a model field whose default
    apply maps to a model that thinks (ML204), or that is one, where the OpenAI model did not
    (vocode's `ChatGPTAgentConfig`, whose fields a request of another module sends, t64c):
    reported at the field (manual), naming the switch as the other way out where there is one,
    and the class's temperature where the model fixes another with thinking off (Kimi's 0.6:
    its default 1.0, taken while kimi-k2.6 thinks, is refused then).

    ## Fix (review)
    `apply` passes the switch in `extra_body` (`extra_body={"thinking": {"type":
    "disabled"}}`), or adds it to the request's own `extra_body={...}` written in the call; for
    a request built from a `**kwargs` wrapper, in the call filling it (above). A
    request built from `**mapping`, a dict of the module a parameter defaults to or `self.X`
    holds that apply may edit (`default_dicts`: NeedleInAHaystack's `**self.model_kwargs`),
    gets it as that dict's `extra_body` entry, beside the sampling entries the thinking mode
    goes with (a keyword in the call would clash with an `extra_body` in a dict a caller
    passes); ML115 then writes the value a fixed `temperature` of a parameter's default model
    takes with thinking off. Manual where the request spreads another `**kwargs` without an
    `extra_body=` of its own, a dict apply leaves (the message says why), or holds
    `extra_body` in a name. Manual too where it sends `reasoning_effort` only at times: the
    switch beside a `reasoning_effort` would contradict it (the effort asks for thinking), so
    the switch belongs only where no effort is sent, and the message writes that condition
    (`extra_body=None if effort is not None else {...}`, where the code shows the value the
    effort is sent from). Drop the switch where the program wants the reasoning.

    A raw HTTP body gets the switch's entries as entries of its own (`"thinking": {"type":
    "disabled"}` beside `"model"`), in the dict display or `dict(...)` it is written as, in
    the call or bound once to a name, where that dict serves nothing but the request; manual
    otherwise (the message says why). So does an openai<1 call apply leaves on openai<1
    (its module uses GPTCache's adapter, or its project requires GPTCache:
    `v0_libraries.kept_v0`, ML302), as keywords of the call (`thinking={"type":
    "disabled"}`): openai<1 has no `extra_body` (it would send one as a field so named) and
    sends its call's other keywords as fields of the body. Only where the module points both
    `openai.api_key` and `openai.api_base` at the provider's variables: elsewhere openai<1
    sends the call to OpenAI, which refuses the switch, and its model stays (ML201).

    litellm's call gets `extra_body=` as an SDK request does. An Agent gets
    `model_settings=ModelSettings(extra_body={...})` (with the import), or `extra_body=`
    in the `ModelSettings(...)` it is given, or the entry in that `extra_body={...}`; manual
    where its `model_settings=` is not a `ModelSettings(...)` written there, or its
    `extra_body` is not a dict written there. LangChain's ChatOpenAI and agno's OpenAILike
    get `extra_body=`, LlamaIndex's OpenAILike `additional_kwargs={"extra_body": {...}}`
    and LangChain's deprecated ChatOpenAI (langchain_community, `langchain.chat_models`: no
    `extra_body` field) `model_kwargs={"extra_body": {...}}` (which they send as the
    request's keywords), the entry added to such a dict written in the call; a value the
    rewrite cannot extend is left to a person (said in its message).

    `init_chat_model()` gets `extra_body=` as a keyword, and beside keywords of a call naming
    no model a default model on the route (`model="deepseek:deepseek-flash"`, and LangChain's
    default `configurable_fields` where none are given): LangChain builds that default model
    when asked for an attribute, and fails without one.

    Semantic Kernel's settings get the switch as `extra_body=` (their service passes it to
    the request); manual where the module names no service (which one runs them is not known
    here, and OpenAI's models have no such switch). A service no settings of the module run
    on: manual, pass the switch in the settings it runs.

    ## Data
    `extra_body`: the entries; for `init_chat_model()`, `framework` ("langchain") and
    `model_default` (the default model apply writes beside the switch).
    """

    code = "ML118"
    name = "thinking-default"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    settings = True
    routed = True
    examples = (
        # a request through Groq's own client is Groq's (t61e)
        Example(
            'from groq import Groq\n\nMODEL = "gpt-4o"\nclient = Groq()\n'
            "client.chat.completions.create(model=MODEL, messages=[])\n",
            provider="deepseek",
            finds=False,
        ),
        # t63: an openai<1 call left on openai<1 beside GPTCache's adapter has no extra_body;
        # the switch goes only where the module points openai<1 at the provider (else the
        # call goes to OpenAI, its model kept by ML201: t63 review g1)
        Example(
            "import os\n\nimport openai\nfrom gptcache.adapter import openai as cached\n\n"
            'openai.api_key = os.environ["DEEPSEEK_API_KEY"]\n'
            'openai.api_base = os.environ["DEEPSEEK_BASE_URL"]\n'
            'r = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=m)\n',
            provider="deepseek",
            message="deepseek-flash thinks before it answers unless told not to, which "
            "gpt-3.5-turbo did not (replies and stream deltas carry reasoning_content, "
            "temperature is ignored, a tool loop must send the reasoning back): apply passes "
            'thinking={"type": "disabled"} (openai<1 has no extra_body: it sends the call\'s '
            "keywords as fields of the body)",
            after="import os\n\nimport openai\nfrom gptcache.adapter import openai as cached\n\n"
            'openai.api_key = os.environ["DEEPSEEK_API_KEY"]\n'
            'openai.api_base = os.environ["DEEPSEEK_BASE_URL"]\n'
            "r = openai.ChatCompletion.create(\n"
            '    thinking={"type": "disabled"}, model="gpt-3.5-turbo", messages=m\n)\n',
        ),
        Example(
            "import openai\nfrom gptcache.adapter import openai as cached\n\n"
            'r = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=m)\n',
            provider="deepseek",
            finds=False,
        ),
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
            message="its model is chosen at run time, and every DeepSeek model that apply maps "
            "OpenAI's chat models to thinks before it answers unless told not to (replies and "
            "stream deltas carry reasoning_content, temperature is ignored): where the program "
            'wants answers as OpenAI\'s gave them, pass extra_body={"thinking": {"type": '
            '"disabled"}}',
        ),
        # t60d: the switch alone leaves a temperature kimi-k2.6 rejects with thinking off too
        Example(
            _CLIENT + "def ask(model):\n    return c.chat.completions.create(\n"
            "        model=model, messages=[], temperature=0, top_p=0, n=1\n    )\n",
            provider="moonshot",
            message="its model is chosen at run time, and every Moonshot AI (Kimi) model that "
            "apply maps OpenAI's chat models to thinks before it answers unless told not to "
            "(replies and stream deltas carry reasoning_content, temperature is fixed at 1.0 "
            "and other values are rejected): where the program wants answers as OpenAI's gave "
            'them, pass extra_body={"thinking": {"type": "disabled"}}, and remove temperature= '
            "and top_p= (kimi-k2.6 and kimi-k3 fix them whether they think or not; with "
            "thinking off kimi-k2.6 takes temperature 0.6 and top_p 0.95 only; other values "
            "are rejected)",
        ),
        # t52f D5: pdf2zh's OpenAITranslator.do_translate, run by its subclasses for others
        Example(
            "import openai\n\n\nclass Chat:\n"
            "    def __init__(self, model, base_url=None):\n"
            "        self.model = model\n"
            "        self.client = openai.OpenAI(base_url=base_url)\n\n"
            "    def ask(self, messages):\n"
            "        return self.client.chat.completions.create(\n"
            "            model=self.model, messages=messages\n"
            "        )\n\n\n"
            "class GroqChat(Chat):\n"
            "    def __init__(self, model):\n"
            '        super().__init__(model, base_url="https://api.groq.com/openai/v1")\n',
            provider="deepseek",
            message="its model is chosen at run time, and every DeepSeek model that apply maps "
            "OpenAI's chat models to thinks before it answers unless told not to (replies and "
            "stream deltas carry reasoning_content, temperature is ignored): where the program "
            'wants answers as OpenAI\'s gave them, pass extra_body={"thinking": {"type": '
            '"disabled"}}; Chat.ask is shared: 1 subclass of the module (GroqChat) runs it with '
            "base URLs of its own, and would send that to its server too: send it only for the "
            "client pointed at DeepSeek (under `if type(self) is Chat:`, or a setting each "
            "class gives)",
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model="o3", messages=[])\n',
            provider="deepseek",
            finds=False,
        ),
        # t49d (D4): xiaogpt's ppio_bot.py, a client a helper method points at PPIO (ML003)
        Example(
            "import openai\n\n\nclass Bot:\n"
            '    api_base = "https://api.ppinfra.com/openai"\n\n'
            "    def _make_client(self):\n"
            "        return openai.OpenAI(api_key=KEY, base_url=self.api_base)\n\n"
            "    def ask(self, ms, **options):\n"
            "        client = self._make_client()\n"
            "        return client.chat.completions.create(messages=ms, **options)\n",
            provider="deepseek",
            finds=False,
        ),
        # t48b: NeedleInAHaystack's `**self.model_kwargs`, its model a parameter's default
        Example(
            _CLIENT + "KWARGS = dict(max_completion_tokens=300)\n\n\n"
            'def ask(q, model="gpt-4o", kwargs=KWARGS):\n'
            "    return c.chat.completions.create(model=model, messages=q, **kwargs)\n",
            provider="moonshot",
            message="kimi-k2.6 (the default of model of ask()) thinks before it answers unless "
            "told not to, which gpt-4o did not (replies and stream deltas carry "
            "reasoning_content, temperature is fixed at 1.0 and other values are rejected, a "
            "tool loop must send the reasoning back): apply adds extra_body="
            '{"thinking": {"type": "disabled"}} to the dict it spreads (line 3)',
            after=_CLIENT + 'KWARGS = dict(extra_body={"thinking": {"type": "disabled"}}, '
            "max_completion_tokens=300)\n\n\n"
            'def ask(q, model="gpt-4o", kwargs=KWARGS):\n'
            "    return c.chat.completions.create(model=model, messages=q, **kwargs)\n",
        ),
        # t56b D1: swarm's get_completion() once apply has mapped its default (gpt-4o)
        Example(
            _CLIENT + 'def ask(q, model="deepseek-v4-pro", **kw):\n'
            "    return c.chat.completions.create(model=model, messages=q, **kw)\n",
            provider="deepseek",
            message="deepseek-v4-pro (the default of model of ask()) thinks before it answers "
            "unless told not to (replies and stream deltas carry reasoning_content, temperature "
            'is ignored, a tool loop must send the reasoning back): pass extra_body={"thinking": '
            '{"type": "disabled"}} (apply adds none to a request built from **kwargs, which may '
            "hold one)",
        ),
        # t62g: tree-of-thought-llm's completions_with_backoff(**kwargs): the call filling the
        # wrapper's **kwargs names the model, and gets the switch
        Example(
            "import backoff\nimport openai\n\n" + _KWARGS_WRAPPER + _KWARGS_CALLER,
            provider="deepseek",
            message="deepseek-v4-pro (the default of model of ask()) thinks before it answers "
            "unless told not to, which gpt-4o did not (replies and stream deltas carry "
            "reasoning_content, temperature is ignored, a tool loop must send the reasoning "
            'back): apply passes extra_body={"thinking": {"type": "disabled"}} (send() sends '
            "this call's keywords as the request on line 9)",
            after="import backoff\nimport openai\n\n"
            + _KWARGS_WRAPPER
            + 'def ask(q, model="gpt-4o"):\n'
            "    return send(\n"
            '        extra_body={"thinking": {"type": "disabled"}},\n'
            "        model=model,\n"
            "        messages=q,\n"
            "        max_tokens=1000,\n"
            "    )\n",
        ),
        # the same once the model is the provider's and the switch is gone: check stays red
        Example(
            "import backoff\nimport openai\n\n"
            + _KWARGS_WRAPPER
            + _KWARGS_CALLER.replace("gpt-4o", "deepseek-v4-pro"),
            provider="deepseek",
            message="deepseek-v4-pro (the default of model of ask()) thinks before it answers "
            "unless told not to (replies and stream deltas carry reasoning_content, temperature "
            'is ignored, a tool loop must send the reasoning back): add "thinking": {"type": '
            '"disabled"} to extra_body, by hand (send() sends this call\'s keywords as the '
            "request on line 9)",
        ),
        # a decorator that may not take a dict (lru_cache): the request's note, as before
        Example(
            "import functools\n\nimport openai\n\n"
            + _KWARGS_WRAPPER.replace(
                "@backoff.on_exception(backoff.expo, openai.OpenAIError)",
                "@functools.lru_cache",
            )
            + _KWARGS_CALLER,
            provider="deepseek",
            message="its model is chosen at run time, and every DeepSeek model that apply maps "
            "OpenAI's chat models to thinks before it answers unless told not to (replies and "
            "stream deltas carry reasoning_content, temperature is ignored): where the program "
            'wants answers as OpenAI\'s gave them, pass extra_body={"thinking": {"type": '
            '"disabled"}}',
        ),
        # t62d: the cookbook's settings dict once apply has mapped its model, its limit low
        Example(
            _CLIENT + 'settings = {"model": "kimi-k2.6", "max_completion_tokens": 500}\n'
            "c.chat.completions.create(messages=[], stream=True, **settings)\n",
            provider="moonshot",
            message="kimi-k2.6 thinks before it answers unless told not to (replies and stream "
            "deltas carry reasoning_content, temperature is fixed at 1.0 and other values are "
            "rejected, a tool loop must send the reasoning back), and the reasoning counts "
            "against max_completion_tokens=500, below the 32000 Moonshot AI (Kimi) advises for "
            "it: it may use all of it and leave the reply empty (unconfirmed: a third party's "
            'advice ("raise to ≥32K"); the API reference says only that the default is about '
            '1024): pass extra_body={"thinking": {"type": "disabled"}} (apply adds none to a '
            "request built from **kwargs, which may hold one)",
        ),
        Example(
            _CLIENT + "c.chat.completions.create(\n"
            '    model="kimi-k2.6", messages=[], extra_body={"thinking": {"type": "disabled"}}\n'
            ")\n",
            provider="moonshot",
            finds=False,
        ),
        # t50d (D1): JARVIS's raw body, posted with requests, got no switch
        Example(
            "import os\n\nimport requests\n\n"
            'URL = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
            'body = {"model": "gpt-3.5-turbo", "messages": []}\n'
            'reply = requests.post(URL + "/chat/completions", json=body)\n',
            provider="deepseek",
            message="deepseek-flash thinks before it answers unless told not to, which "
            "gpt-3.5-turbo did not (replies and stream deltas carry reasoning_content, "
            "temperature is ignored, a tool loop must send the reasoning back): apply adds "
            '"thinking": {"type": "disabled"} to the JSON body it posts (raw HTTP has no '
            "extra_body: they are fields of the body)",
            after="import os\n\nimport requests\n\n"
            'URL = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
            'body = {"thinking": {"type": "disabled"}, "model": "gpt-3.5-turbo", '
            '"messages": []}\n'
            'reply = requests.post(URL + "/chat/completions", json=body)\n',
        ),
        # t50i (N4): JARVIS's body built in one function, posted by the module's helper
        Example(
            "import os\n\nimport requests\n\n"
            'URL = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n\n\n'
            "def send(data):\n"
            '    return requests.post(URL + "/chat/completions", json=data)\n\n\n'
            "def ask(q):\n"
            '    return send({"model": "gpt-3.5-turbo", "messages": q})\n',
            provider="deepseek",
            message="deepseek-flash thinks before it answers unless told not to, which "
            "gpt-3.5-turbo did not (replies and stream deltas carry reasoning_content, "
            "temperature is ignored, a tool loop must send the reasoning back): apply adds "
            '"thinking": {"type": "disabled"} to the JSON body it posts (raw HTTP has no '
            "extra_body: they are fields of the body)",
            after="import os\n\nimport requests\n\n"
            'URL = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n\n\n'
            "def send(data):\n"
            '    return requests.post(URL + "/chat/completions", json=data)\n\n\n'
            "def ask(q):\n"
            "    return send(\n"
            '        {"thinking": {"type": "disabled"}, "model": "gpt-3.5-turbo", "messages": q}\n'
            "    )\n",
        ),
        Example(
            "import os\n\nimport requests\n\n"
            'URL = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
            'body = {"model": "gpt-3.5-turbo", "messages": [], '
            '"thinking": {"type": "enabled"}}\n'
            'reply = requests.post(URL + "/chat/completions", json=body)\n',
            provider="deepseek",
            finds=False,
        ),
        # t47b (D7): litellm and the Agents SDK sent glm-4.7-flash with thinking on
        Example(
            'import litellm\n\nreply = litellm.completion(model="gpt-4.1-nano", messages=[])\n',
            provider="zhipu",
            message="glm-4.7-flash thinks before it answers unless told not to, which "
            "gpt-4.1-nano did not (replies and stream deltas carry reasoning_content, "
            "the provider file does not say whether a tool loop must send the reasoning back): "
            "apply passes "
            'extra_body={"thinking": {"type": "disabled"}} (unconfirmed: the notes name GLM-4.5 '
            "to GLM-5.2; which of their variants (air, flash, the vision models) think by "
            "default is not stated model by model)",
            after="import litellm\n\n"
            "reply = litellm.completion(\n"
            '    extra_body={"thinking": {"type": "disabled"}}, model="gpt-4.1-nano", '
            "messages=[]\n)\n",
        ),
        Example(
            "import litellm\n\n"
            'reply = litellm.completion(model="zai/glm-4.7-flash", messages=[])\n',
            provider="zhipu",
            finds=False,
        ),
        # t48d (D1): open-interpreter's `self.model = "gpt-4o"` read as `model=self.model`
        Example(
            _AGENT.format(init="", value='"gpt-4o"'),
            provider="deepseek",
            message="deepseek-v4-pro thinks before it answers unless told not to, which gpt-4o did "
            "not (replies and stream deltas carry reasoning_content, temperature is ignored, a "
            'tool loop must send the reasoning back): apply passes extra_body={"thinking": '
            '{"type": "disabled"}}',
            after=_AGENT.format(init="", value='"gpt-4o"').replace(
                "return litellm.completion(model=self.model, messages=messages)",
                "return litellm.completion(\n"
                '            extra_body={"thinking": {"type": "disabled"}},\n'
                "            model=self.model,\n"
                "            messages=messages,\n"
                "        )",
            ),
        ),
        Example(
            "import litellm\n\n\ndef ask(params):\n    return litellm.completion(**params)\n",
            provider="deepseek",
            message="its model is chosen at run time, and every DeepSeek model that apply maps "
            "OpenAI's chat models to thinks before it answers unless told not to (replies and "
            "stream deltas carry reasoning_content, temperature is ignored): where the program "
            'wants answers as OpenAI\'s gave them, pass extra_body={"thinking": {"type": '
            '"disabled"}}',
        ),
        Example(
            _AGENT.format(init=", model=None", value='model or "gpt-4o"'),
            provider="deepseek",
            message="its model comes from `self.model`, which may hold gpt-4o (line 6): apply "
            "maps it to deepseek-v4-pro, which thinks before it answers unless told not to, "
            "which gpt-4o did not (replies and stream deltas carry reasoning_content, "
            "temperature is ignored, a tool loop must send the reasoning back): where the "
            'program sends that model, pass extra_body={"thinking": {"type": "disabled"}}, by '
            "hand",
        ),
        # t65c R1: the default as ML204 writes it on litellm's route; before, the warning
        # apply gave went away in `check`
        Example(
            _AGENT.format(init=', model="moonshot/kimi-k2.6"', value="model"),
            provider="moonshot",
            message="its model comes from `self.model`, which may hold moonshot/kimi-k2.6 "
            "(line 5), which thinks before it answers unless told not to (replies and stream "
            "deltas carry reasoning_content, temperature is fixed at 1.0 and other values are "
            "rejected, a tool loop must send the reasoning back): where the program sends that "
            'model, pass extra_body={"thinking": {"type": "disabled"}}, by hand',
        ),
        Example(
            "import litellm\n\n\nclass Agent:\n"
            '    def __init__(self, model="moonshot/kimi-k2.6"):\n'
            "        self.model = model\n\n"
            "    def ask(self, messages):\n"
            '        params = {"model": self.model, "messages": messages}\n'
            '        params["extra_body"] = {"thinking": {"type": "disabled"}}\n'
            "        return litellm.completion(**params)\n",
            provider="moonshot",
            finds=False,
        ),
        Example(  # t67a: a merged stream whose route test says the model is the provider's
            "import litellm\n\n\ndef ask(model, q):\n"
            '    message = {"content": ""}\n'
            '    if model.startswith("moonshot/"):\n'
            "        for c in litellm.completion(model=model, messages=q, stream=True):\n"
            "            for key, value in c.choices[0].delta.model_dump().items():\n"
            '                message[key] += value or ""\n'
            "    return message\n",
            provider="moonshot",
            message="its model is chosen at run time, and kimi-k2.6 and kimi-k3, to which apply "
            "maps OpenAI's chat models, think before answering: its stream deltas carry "
            'reasoning_content, which `message[key] += value or ""` (line 9) adds to a dict '
            'built without that key (line 5), a KeyError: pass extra_body={"thinking": '
            '{"type": "disabled"}} (not enough for kimi-k3, which always thinks), or add '
            '"reasoning_content": "" to that dict, by hand',
        ),
        Example(
            'from agents import Agent\n\nagent = Agent(name="a", model="gpt-4.1-nano")\n',
            provider="zhipu",
            message="glm-4.7-flash (the model of this Agent) thinks before it answers unless "
            "told not to, which gpt-4.1-nano did not (replies and stream deltas carry "
            "reasoning_content, the provider file does not say whether a tool loop must send the "
            "reasoning "
            'back): apply passes model_settings=ModelSettings(extra_body={"thinking": {"type": '
            '"disabled"}}) (unconfirmed: the notes name GLM-4.5 to GLM-5.2; which of their '
            "variants (air, flash, the vision models) think by default is not stated model by "
            "model)",
            after="from agents import Agent, ModelSettings\n\n"
            "agent = Agent(\n"
            '    name="a",\n'
            '    model="gpt-4.1-nano",\n'
            '    model_settings=ModelSettings(extra_body={"thinking": {"type": "disabled"}}),\n'
            ")\n",
        ),
        Example(
            "from agents import Agent\n\n"
            'agent = Agent(name="a", model="gpt-4.1-nano", model_settings=SETTINGS)\n',
            provider="zhipu",
            message="glm-4.7-flash (the model of this Agent) thinks before it answers unless "
            "told not to, which gpt-4.1-nano did not (replies and stream deltas carry "
            "reasoning_content, the provider file does not say whether a tool loop must send the "
            "reasoning "
            'back): pass extra_body={"thinking": {"type": "disabled"}} in the ModelSettings it '
            "gives as model_settings=, by hand (unconfirmed: the notes name GLM-4.5 to GLM-5.2; "
            "which of their variants (air, flash, the vision models) think by default is not "
            "stated model by model)",
        ),
        # t46c: Semantic Kernel's tool loop sends no reasoning back
        Example(
            f"{_SK}import OpenAIChatCompletion, OpenAIChatPromptExecutionSettings\n\n"
            'chat = OpenAIChatCompletion(ai_model_id="gpt-4o", service_id="chat")\n'
            'settings = OpenAIChatPromptExecutionSettings(service_id="chat")\n',
            provider="deepseek",
            message="deepseek-v4-pro (the model of the service these settings run on) thinks "
            "before it answers unless told not to, which gpt-4o did not (replies and stream "
            "deltas carry reasoning_content, temperature is ignored, a tool loop must send the "
            "reasoning back, which Semantic Kernel's does not): apply passes "
            'extra_body={"thinking": {"type": "disabled"}}',
            after=f"{_SK}import OpenAIChatCompletion, OpenAIChatPromptExecutionSettings\n\n"
            'chat = OpenAIChatCompletion(ai_model_id="gpt-4o", service_id="chat")\n'
            "settings = OpenAIChatPromptExecutionSettings(\n"
            '    extra_body={"thinking": {"type": "disabled"}}, service_id="chat"\n'
            ")\n",
        ),
        Example(
            f"{_SK}import OpenAIChatCompletion\n"
            'chat = OpenAIChatCompletion(ai_model_id="gpt-4o")\n',
            provider="deepseek",
            message="deepseek-v4-pro thinks before it answers unless told not to, which gpt-4o "
            "did not (replies and stream deltas carry reasoning_content, temperature is ignored, "
            "a tool loop must send the reasoning back, which Semantic Kernel's does not): pass "
            'extra_body={"thinking": {"type": "disabled"}} in the execution settings it runs (no '
            "settings of this module are tied to it), by hand",
        ),
        Example(
            _CLIENT + "def ask(effort=None):\n    return c.chat.completions.create("
            'model="gpt-4o", messages=[], reasoning_effort=effort)\n',
            provider="deepseek",
            message="deepseek-v4-pro thinks before it answers unless told not to, which gpt-4o did "
            "not (replies and stream deltas carry reasoning_content, temperature is ignored, a "
            "tool loop must send the reasoning back), also where reasoning_effort=effort sends "
            'nothing: pass extra_body={"thinking": {"type": "disabled"}} only there, as in '
            'extra_body=None if effort is not None else {"thinking": {"type": "disabled"}} (not '
            "beside a reasoning_effort, which asks for thinking), by hand",
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model="gpt-4o", messages=[], '
            'reasoning_effort="low")\n',
            provider="deepseek",
            finds=False,
        ),
        Example(
            _CLIENT + 'EFFORT = "low"\n\n\ndef ask(fast):\n    return c.chat.completions.create('
            'model="gpt-4o", messages=[], reasoning_effort=EFFORT if fast else "high")\n',
            provider="deepseek",
            finds=False,
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model="deepseek-flash", messages=[])\n',
            provider="deepseek",
            finds=False,
        ),
        # t46c: swarm's stream merge
        Example(
            _CLIENT + 'message = {"role": "", "content": ""}\n'
            'for chunk in c.chat.completions.create(model="gpt-4o", messages=[], stream=True):\n'
            "    for k, v in chunk.choices[0].delta.model_dump().items():\n"
            "        message[k] += v\n",
            provider="deepseek",
            message="deepseek-v4-pro thinks before it answers unless told not to, which gpt-4o did "
            "not (replies and stream deltas carry reasoning_content, temperature is ignored, a "
            "tool loop must send the reasoning back), and `message[k] += v` (line 6) adds each "
            "delta field to a dict built without a reasoning_content key (line 3), a KeyError: "
            'apply passes extra_body={"thinking": {"type": "disabled"}}',
            after=_CLIENT + 'message = {"role": "", "content": ""}\n'
            "for chunk in c.chat.completions.create(\n"
            '    extra_body={"thinking": {"type": "disabled"}},\n'
            '    model="gpt-4o",\n'
            "    messages=[],\n"
            "    stream=True,\n"
            "):\n"
            "    for k, v in chunk.choices[0].delta.model_dump().items():\n"
            "        message[k] += v\n",
        ),
        Example(
            _CLIENT + "\n\nclass Agent:\n"
            '    model: str = "gpt-4o"\n\n\n'
            "def run(agent: Agent):\n"
            '    message = {"role": "", "content": ""}\n'
            '    params = {"model": agent.model, "messages": [], "stream": True}\n'
            "    for chunk in c.chat.completions.create(**params):\n"
            "        for k, v in chunk.choices[0].delta.model_dump().items():\n"
            "            message[k] += v\n",
            provider="zhipu",
            message="glm-5.3 always thinks before it answers (no switch turns it off): its stream "
            "deltas carry reasoning_content, which `message[k] += v` (line 14) adds to a dict "
            'built without that key (line 10), a KeyError: add "reasoning_content": "" to that '
            "dict, or map gpt-4o to a model that can stop thinking (--model gpt-4o=NAME) and "
            "turn it off, by hand",
        ),
        # t43d: Zhipu maps gpt-4o to glm-5.3, which always thinks
        Example(
            _CLIENT + 'c.chat.completions.create(model="gpt-4o", messages=[], max_tokens=50)\n',
            provider="zhipu",
            message="glm-5.3 always thinks before it answers (no switch turns it off), which "
            "gpt-4o did not (replies and stream deltas carry reasoning_content, the provider file "
            "does not say whether a tool loop must "
            "send the reasoning back), and the reasoning counts "
            "against max_tokens=50: at the default effort it may use all of it and leave the "
            'reply empty; pass reasoning_effort="low", or map gpt-4o to a '
            "model that can stop thinking (--model gpt-4o=NAME), by hand; " + _no_size("an effort"),
        ),
        # t63c: the model set on an attribute among other values (ML204 maps it), as the
        # literal above
        Example(
            _CLIENT + "\n\nclass Bot:\n    model = None\n\n    def ask(self, q):\n"
            '        self.model = "gpt-4o"\n'
            "        return c.chat.completions.create(model=self.model, messages=q, "
            "max_tokens=50)\n",
            provider="zhipu",
            message="glm-5.3 (apply's mapping of self.model = 'gpt-4o' on line 9) always thinks "
            "before it answers (no switch turns it off), which gpt-4o did not (replies and stream "
            "deltas carry reasoning_content, the provider file does not say whether a tool loop "
            "must send the reasoning back), and the reasoning counts against max_tokens=50: at "
            "the default effort it may use all of it and leave the reply empty; "
            'pass reasoning_effort="low", or map gpt-4o to a model that can stop thinking '
            "(--model gpt-4o=NAME), by hand; " + _no_size("an effort"),
        ),
        Example(
            _CLIENT + "\n\nclass Bot:\n    model = None\n\n    def ask(self, q):\n"
            '        self.model = "gpt-4o"\n        model = self.model\n'
            "        return c.chat.completions.create(model=model, messages=q)\n",
            provider="zhipu",
            message="glm-5.3 (apply's mapping of self.model = 'gpt-4o' on line 9) always thinks "
            "before it answers (no switch turns it off), which gpt-4o did not (replies and stream "
            "deltas carry reasoning_content, the provider file does not say whether a tool loop "
            'must send the reasoning back): for quick answers pass reasoning_effort="low", or '
            "map gpt-4o to a model that can stop thinking (--model gpt-4o=NAME)",
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model="gpt-4o", messages=[])\n',
            provider="zhipu",
            message="glm-5.3 always thinks before it answers (no switch turns it off), which "
            "gpt-4o did not (replies and stream deltas carry reasoning_content, the provider file "
            "does not say whether a tool loop must "
            "send the reasoning back): for quick answers pass "
            'reasoning_effort="low", or map gpt-4o to a model that can stop thinking (--model '
            "gpt-4o=NAME)",
        ),
        # t49b (D5): chatgpt-telegram-bot's model, an environment read's default
        Example(
            "import os\n\n" + _CLIENT + 'MODEL = os.environ.get("OPENAI_MODEL", "gpt-4o")\n'
            "c.chat.completions.create(model=MODEL, messages=[], max_tokens=50)\n",
            provider="zhipu",
            message="glm-5.3 (the default of OPENAI_MODEL) always thinks before it answers (no "
            "switch turns it off), which gpt-4o did not (replies and stream deltas carry "
            "reasoning_content, the provider file does not say whether a tool loop must send the "
            "reasoning "
            "back), and the reasoning counts against max_tokens=50: at the default effort it "
            "may use all of it and leave the reply empty; pass "
            'reasoning_effort="low", or map gpt-4o to a model that can stop thinking (--model '
            "gpt-4o=NAME), by hand; " + _no_size("an effort"),
        ),
        Example(
            "import os\n\n" + _CLIENT + 'MODEL = os.environ.get("OPENAI_MODEL", "glm-5.3")\n'
            "c.chat.completions.create(model=MODEL, messages=[], max_tokens=50)\n",
            provider="zhipu",
            message="glm-5.3 (the default of OPENAI_MODEL) always thinks before it answers (no "
            "switch turns it off), and the reasoning counts against max_tokens=50: at the "
            "default effort it may use all of it and leave the reply empty; "
            'pass reasoning_effort="low", or choose a model that can stop thinking, by hand; '
            + _no_size("an effort"),
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model="gpt-4o", messages=[], max_tokens=50, '
            'reasoning_effort="low")\n',
            provider="zhipu",
            finds=False,
        ),
        # t62e: generative_agents' model and limit are entries of the dicts its callers pass
        Example(
            _CLIENT + "\n\ndef ask(q, params):\n    return c.chat.completions.create(\n"
            '        model=params["engine"], messages=[], max_tokens=params["max_tokens"]\n'
            "    )\n\n\ndef hour():\n"
            '    params = {"engine": "glm-5.3", "max_tokens": 5}\n'
            '    return ask("Hour?", params)\n\n\ndef day():\n'
            '    return ask("Day?", {"engine": "glm-4.7-flash", "max_tokens": 8})\n',
            provider="zhipu",
            message='glm-5.3 (the "engine" entry on line 12, which the module passes to ask()) '
            "always thinks before it answers (no switch turns it off), and the reasoning counts "
            'against max_tokens=5 (its "max_tokens" entry): at the default effort it may use all '
            "of it and leave the reply empty; so may glm-4.7-flash (line 17); "
            'pass reasoning_effort="low", or choose a model that can stop thinking, by hand; '
            + _no_size("an effort"),
        ),
        Example(
            _CLIENT + "\n\ndef ask(q, params):\n"
            '    return c.chat.completions.create(model=params["engine"], messages=[], '
            "max_tokens=500)\n\n\n"
            'ask("Day?", {"engine": "kimi-k2.6"})\n',
            provider="moonshot",
            message='kimi-k2.6 (the "engine" entry on line 9, which the module passes to ask()) '
            "thinks before it answers unless told not to, and the reasoning counts against "
            "max_tokens=500: it may use all of it and leave the reply empty; pass "
            'extra_body={"thinking": {"type": "disabled"}} where it sends this model, or raise '
            "the limit (to 32000 or more), by hand",
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model="glm-4.7-flash", messages=[], '
            "max_tokens=300)\n",
            provider="zhipu",
            message="glm-4.7-flash thinks before it answers unless told not to, and the reasoning "
            "counts against max_tokens=300: it may use all of it and leave the reply empty; pass "
            'extra_body={"thinking": {"type": "disabled"}} where it sends this model, by hand; '
            + _no_size("the switch")
            + " (unconfirmed: the notes name GLM-4.5 to GLM-5.2; which of their "
            "variants (air, flash, the vision models) think by default is not stated model by "
            "model)",
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(\n    model="glm-4.7-flash",\n    messages=[],\n'
            '    max_tokens=5,\n    extra_body={"thinking": {"type": "disabled"}},\n)\n',
            provider="zhipu",
            finds=False,
        ),
        # t49i: maestro's gpt-4o with max_tokens=4096, mapped to qwen4-max
        Example(
            _CLIENT + 'c.chat.completions.create(model="gpt-4o", messages=[], max_tokens=4096)\n',
            provider="qwen",
            message="qwen4-max always thinks before it answers (no switch turns it off), which "
            "gpt-4o did not (replies and stream deltas carry reasoning_content, the provider file "
            "does not say whether a tool loop must "
            "send the reasoning back), and the reasoning counts "
            "against max_tokens=4096: at the default effort it may use all of it and leave the "
            'reply empty; pass reasoning_effort="low", or map gpt-4o to a '
            "model that can stop thinking (--model gpt-4o=NAME), by hand; "
            + _no_size("an effort")
            + " (unconfirmed: "
            "qwen4-max: Alibaba says thinking is on by default and is tuned with "
            "reasoning_effort; whether enable_thinking=false turns it off is not documented; a "
            'third-party gateway (APIYI) reports reasoning_effort="none" turns it off and that '
            "a small max_tokens may be spent on thinking alone, leaving an empty reply)",
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model="gpt-4o-mini", messages=[], '
            "max_tokens=50)\n",
            provider="qwen",
            finds=False,
        ),
        # instructor's wrapper given the model its requests send (s58)
        Example(
            "import instructor\nfrom openai import OpenAI\n\n"
            'c = instructor.from_openai(OpenAI(), model="gpt-4o")\n'
            "c.chat.completions.create(response_model=R, messages=[])\n",
            provider="deepseek",
            message="deepseek-v4-pro thinks before it answers unless told not to, which gpt-4o did "
            "not (replies and stream deltas carry reasoning_content, temperature is ignored, a "
            'tool loop must send the reasoning back): apply passes extra_body={"thinking": '
            '{"type": "disabled"}}',
            after="import instructor\nfrom openai import OpenAI\n\n"
            'c = instructor.from_openai(OpenAI(), model="gpt-4o")\n'
            "c.chat.completions.create(\n"
            '    extra_body={"thinking": {"type": "disabled"}}, response_model=R, messages=[]\n'
            ")\n",
        ),
        # LangChain's chat class given a model chosen at run time (t58c)
        Example(
            "from langchain_openai import ChatOpenAI\n\n\n"
            "def chat(name):\n"
            "    return ChatOpenAI(model=name, temperature=0.1)\n",
            provider="deepseek",
            message="ChatOpenAI() (LangChain) chooses its model at run time, and every DeepSeek "
            "model that apply maps OpenAI's chat models to thinks before it answers unless told "
            "not to (its replies carry reasoning_content, temperature is ignored): where the "
            'program wants answers as OpenAI\'s gave them, pass extra_body={"thinking": '
            '{"type": "disabled"}}',
        ),
        # t64c D3: vocode's agent config, its model field's default mapped to kimi-k2.6,
        # its token limit sent by a request in another module
        Example(
            "from pydantic import BaseModel\n\n\nclass Settings(BaseModel):\n"
            '    model: str = "gpt-4o"\n    max_tokens: int = 512\n',
            provider="moonshot",
            message="kimi-k2.6, to which apply maps gpt-4o (the default of Settings.model), "
            "thinks unless told not to, and the reasoning counts against Settings.max_tokens's "
            "default 512, which a request sends as its token limit: below the 32000 Moonshot AI "
            "(Kimi) advises for it, the reasoning may use all of it and leave the reply empty; "
            'raise it, or turn thinking off in the request (extra_body={"thinking": {"type": '
            '"disabled"}}), by hand (unconfirmed: a third party\'s advice ("raise to ≥32K"); '
            "the API reference says only that the default is about 1024)",
        ),
    )

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # the request a call being checked as it fills (`_kwargs_callers`), as messages say it
        self.spreading: str | None = None

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        if self.ctx.rules.switching and self.ctx.mentions(SK_MARKER):
            self._kernel_service(node)
        if self.ctx.mentions(_AGENTS_MARKER):
            self._agent(node)
        if self.ctx.rules.switching and self.ctx.mentions(lc.INIT_CHAT_MODEL):
            report_run_time_init(self, node)
        if self.ctx.rules.switching and self.ctx.mentions("ChatOpenAI"):
            report_run_time_class(self, node, self._model_values)
        if self.ctx.rules.switching and self.ctx.mentions(VALIDATOR_MARKER):
            report_validator_client(self, node, self.reported)

    def _agent(self, node: cst.Call) -> None:
        """An OpenAI Agents SDK `Agent(model="gpt-4o")` whose model ML631 maps to one that
        thinks unless told not to: the switch in its `model_settings` (`agent_switch`)."""
        found = agent_switch(self.ctx, node)
        if found is None:
            return
        said = consequences(self.provider, [found.target])
        head = (
            f"{found.target} (the model of this Agent) thinks before it answers unless told not "
            f"to, {unlike(self.ctx.rules, found.source, why=said)}"
        )
        unconfirmed = self.unconfirmed("thinking_models")
        data = {"extra_body": dict(found.needed)}
        if found.edit is None:
            message = f"{head}: {found.action}, by hand{unconfirmed}"
            self.report(node.func, message, fix=FixClass.MANUAL, data=data)
            return
        message = f"{head}: apply {found.action}{unconfirmed}"
        self.report(node.func, message, edit=found.edit, data=data)

    def check_routed(self, node: cst.Call) -> None:
        """litellm's `completion(...)` with its own keywords, on a route that sends its
        `extra_body=` as the request's (`passes_extra_body`): checked as an SDK request; and
        a raw HTTP chat request's JSON body (`check_raw`)."""
        self.check_raw(node)
        if not passes_extra_body(self.ctx, node):
            return
        # all its keywords: `extra_body` and `reasoning_effort` are litellm's to pass on
        own = [
            replace(r, as_is=None)
            for r in routed_requests(self.ctx, node)
            if r.params is None
            and r.arguments is None
            # a constant also given to an OpenAI client stays OpenAI's model (ML202)
            and (r.model_node is None or both_forms(self.ctx, r.model_node) is None)
        ]
        self.check_requests(node, own)
        report_followed(self, node)

    def extra_body_entries(self, node: cst.Call, info: CallInfo) -> dict[str, Any]:
        if info.kind == ROUTED:  # ML116 reads no routed request: the switch alone
            found = self.thinking_off(node, info)
            return dict(found[0]) if found else {}
        return super().extra_body_entries(node, info)

    def _kernel_service(self, node: cst.Call) -> None:
        """A Semantic Kernel OpenAI chat service whose OpenAI model did not think, mapped to
        one that does unless told not to, that no execution settings of the module run on
        (`tied_settings`; those that do get the switch as a request does): the switch goes in
        the settings it runs, which the module does not show (manual)."""
        model = chat_service_model(self.ctx, node)
        resolved = self.ctx.resolve_literal(model) if model is not None else None
        known = self._model_of(resolved) if resolved is not None else None
        if known is None:
            return
        target, source = known
        if source is None:
            return  # a provider model written in the code keeps its default
        needed = thinking_switch(self.ctx.rules, source, target)
        if needed is None or tied_settings(self.ctx, node):
            return
        said = consequences(self.provider, [target])
        self.report(
            node.func,
            f"{target} thinks before it answers unless told not to, "
            f"{unlike(self.ctx.rules, source, why=f'{said}, {_SK_LOOP}')}: pass "
            f"extra_body={{{_entries_text(needed)}}} in "
            "the execution settings it runs (no settings of this module are tied to it), by "
            f"hand{self.unconfirmed('thinking_models')}",
            fix=FixClass.MANUAL,
            data={"extra_body": needed},
        )

    def finish(self) -> None:
        super().finish()
        if self.ctx.rules.switching and self.param("thinking_tokens_min"):
            fields = class_fields(self.ctx, frozenset({*LIMIT_FIELDS, "temperature"}))
            for field in fields:
                if field.name.value in LIMIT_FIELDS:
                    self.check_class_limit(field, fields)

    def check_class_limit(self, field: ClassField, fields: list[ClassField]) -> None:
        """A config class's token limit below `[params] thinking_tokens_min`, beside a model
        field whose model thinks (unless told not to, or always) where the OpenAI model it
        is mapped from did not (`class_sampling`; as ML507 reads a config file's); with
        thinking off as the way out, the temperature its class gives where the model fixes
        another then."""
        provider, enough = self.provider, self.param("thinking_tokens_min")
        always = listed(provider, "always_thinking", field.model)
        if not always and not thinks(provider, field.model):
            return
        if _at_least(field.value, enough) or not isinstance(field.value, cst.Integer):
            return
        if field.source is not None and thinks(self.ctx.rules.openai, field.source):
            return  # a reasoning model's limit already held its reasoning
        how = "always thinks" if always else "thinks unless told not to"
        said = (
            f"{field.subject} {how}, and the reasoning counts against {field.field}, which a "
            f"request sends as its token limit: below the {enough} {provider.name} advises "
            "for it, the reasoning may use all of it and leave the reply empty; raise it"
        )
        switch = self.param("thinking_off_extra_body")
        data: dict[str, object] = {"model": field.model, "param": field.name.value}
        if field.source is not None:
            data["model_from"] = field.source
        data |= {"value": field.written, "thinking_tokens_min": enough}
        if not always and switch:
            entries = _entries_text(switch)
            said += f", or turn thinking off in the request (extra_body={{{entries}}})"
            data["extra_body"] = dict(switch)
            said += self._temperature_off(field, fields)
        said += ", by hand" + self.unconfirmed("thinking_tokens_min")
        self.report(field.name, said, fix=FixClass.MANUAL, data=data)

    def _temperature_off(self, field: ClassField, fields: list[ClassField]) -> str:
        """`, where kimi-k2.6 takes temperature 0.6 only, not AgentConfig.temperature's
        default 1.0`: the class's temperature where the model fixes another with thinking
        off (`[fixed_values]`); else nothing."""
        temperature = next(
            (f for f in fields if f.owner is field.owner and f.name.value == "temperature"), None
        )
        off = self.provider.fixed_value(field.model, "temperature", "thinking_off")
        given = number_value(temperature.value) if temperature is not None else None
        if temperature is None or off is None or given is None or abs(given - off[0]) < 1e-9:
            return ""
        verb = "rejects" if self.param("fixed_other_value") == "rejected" else "does not take"
        return (
            f", where {field.model} fixes temperature at {off[0]} and {self.provider.name} "
            f"{verb} {temperature.field}"
        )

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        merge = self._merge(node, info)
        found = self.thinking_off(node, info, at_times=True)
        if found is None:
            if merge is not None and self._merged_reasoning(node, info, merge):
                return
            if not (
                self._always_thinking(node, info)
                or self._provider_default(node, info)
                or self._provider_model(node, info)  # its own message names a small limit
                or self._passed_thinking(node, info)
                or self._kwargs_callers(node, info, provider)
            ):
                self._chosen_at_run_time(node, info, provider)
            return
        if not self.first_report(node):
            return
        needed, target, source = found
        said = consequences(provider, [target.partition(" (")[0]])  # not "(the default of...)"
        if info.kind == SETTINGS:
            said += f", {_SK_LOOP}"
            if "model" not in self.arguments(node):
                target += " (the model of the service these settings run on)"
        head = (
            f"{target} thinks before it answers unless told not to, "
            f"{unlike(self.ctx.rules, source, why=said)}"
        )
        if merge is not None:
            head += (
                f", and {self._merge_text(merge)} adds each delta field to a dict built without "
                f"a reasoning_content key ({self._built_line(merge)}), a KeyError"
            )
        effort = self.effort_at_times(node)
        if info.kind == SETTINGS and not uses_services(self.ctx):
            self.report(
                node.func,
                f"{head}: if the service that runs them talks to {provider.name}, send "
                f"{_entries_text(needed)} in their extra_body, by hand (which service does is "
                f"not known here){self.unconfirmed('thinking_models')}",
                fix=FixClass.MANUAL,
                data={"extra_body": dict(needed)},
            )
            return
        if effort is None:
            fix = self.switch_fix(node, info, needed)
            if fix is not None and (fix[1] is None or self.untraced is not None):
                head += self.limit_clause(node)  # left for a person: thinking stays on
            self.report_extra_body(node, info, needed, head, "thinking_models")
            return
        clause, action = self._without_effort(node, effort, needed, info)
        self.report(
            node.func,
            f"{head}{clause}: {action}, by hand{self.unconfirmed('thinking_models')}",
            fix=FixClass.MANUAL,
            data={"extra_body": dict(needed)},
        )

    def _kwargs_callers(self, node: cst.Call, info: CallInfo, provider: Provider) -> bool:
        """Check each call of the module filling the `**kwargs` a request spreads and giving
        its model (`kwargs_callers`: tree-of-thought-llm's `completions_with_backoff(model=
        model, ...)`) as the request itself, reported there with the function named: the
        switch apply writes in that call reaches the request as it is. Whether every call of
        the module filling it is such a one (the request's own note is then left out)."""
        if self.spreading is not None or not self.param("thinking_off_extra_body"):
            return False
        found = kwargs_callers(self.ctx, node)
        if found is None or not found.calls:
            return False
        for call in found.calls:
            self.spreading = (
                f"{found.label} sends this call's keywords as the request on {found.line}"
            )
            try:
                self.check_call(call, info, provider)
            finally:
                self.spreading = None
        return found.every

    def report(
        self,
        node: cst.CSTNode,
        message: str,
        *,
        severity: Severity | None = None,
        fix: FixClass | None = None,
        edit: Edit | None = None,
        data: Mapping[str, object] | None = None,
    ) -> None:
        """A finding; on a call filling a request's `**kwargs` (`_kwargs_callers`), saying
        which request it fills."""
        if self.spreading is not None:
            message = f"{message} ({self.spreading})"
        super().report(node, message, severity=severity, fix=fix, edit=edit, data=data)

    def _merge(self, node: cst.Call, info: CallInfo) -> Merge | None:
        """Where the module adds a streamed delta's fields to a dict it built without a
        `reasoning_content` key (`delta_merge`), for a chat request that may stream."""
        if info.method not in sdk.BODY_METHODS or not self.may_stream(node, info):
            return None
        return delta_merge(self.ctx)

    def _merge_text(self, merge: Merge) -> str:
        """`message[k] += v` (line 18): the merge, as a message names it."""
        line = self.ctx.line_label(self.ctx.position(merge.add)[0][0])
        return f"`{self.ctx.code(merge.add).strip()}` ({line})"

    def _built_line(self, merge: Merge) -> str:
        """`line 13`: where the dict the merge adds to is built."""
        return self.ctx.line_label(self.ctx.position(merge.built)[0][0])

    def _merged_reasoning(self, node: cst.Call, info: CallInfo, merge: Merge) -> bool:
        """Report a streamed request that the check above leaves (its model written as the
        provider's, chosen at run time, one that always thinks, or asked to think) whose
        deltas may carry `reasoning_content` into the module's merge by key (`delta_merge`),
        where a model it may send thinks (`thinking_models`, `always_thinking`) and the
        request does not send the switch: a warning, manual. Whether it is reported."""
        provider = self.provider
        needed = self.param("thinking_off_extra_body") or {}
        known = self.call_model(node, info)
        targets = [known[0]] if known is not None else _chat_targets(self.ctx)
        always = sorted({t for t in targets if listed(provider, "always_thinking", t)})
        switchable = sorted({t for t in targets if thinks(provider, t)} - set(always))
        effort = self.arguments(node).get("reasoning_effort")
        if needed and effort is None and self._switched_off(node, needed):
            switchable = []
        if not switchable and not always:
            return False
        if not self.first_report(node):
            return True
        entry = 'add "reasoning_content": "" to that dict'
        # the switch, where some model the request may send takes it and it asks for no effort
        switch = f"pass extra_body={{{_entries_text(needed)}}}" if needed and switchable else ""
        if effort is not None:
            switch = ""
        data = {"extra_body": dict(needed)} if switch else None
        if known is not None:
            target, source = known
            if always:
                subject = f"{target} always thinks before it answers (no switch turns it off)"
                action = entry
                if source is not None:
                    action += (
                        f", or map {source} to a model that can stop thinking (--model "
                        f"{source}=NAME) and turn it off"
                    )
                action += self.unconfirmed("always_thinking")
            else:
                subject = f"{target} thinks before it answers unless told not to"
                if effort is not None:
                    subject += f" (reasoning_effort={self.ctx.code(effort.value)} asks for it)"
                action = f"{switch}, or {entry}" if switch else entry
                action += self.unconfirmed("thinking_models")
        else:
            models = [*switchable, *always]
            subject = (
                f"its model is chosen at run time, and {' and '.join(models)}, to which apply "
                f"maps OpenAI's chat models, {'think' if len(models) > 1 else 'thinks'} before "
                "answering"
            )
            action = entry
            if switch:
                kept = " and ".join(always)
                which = "which always think" if len(always) > 1 else "which always thinks"
                action = switch + (f" (not enough for {kept}, {which})" if kept else "")
                action += f", or {entry}"
        self.report(
            node.func,
            f"{subject}: its stream deltas carry reasoning_content, which "
            f"{self._merge_text(merge)} adds to a dict built without that key "
            f"({self._built_line(merge)}), a KeyError: "
            f"{action}, by hand",
            fix=FixClass.MANUAL,
            data=data,
        )
        return True

    def _switched_off(self, node: cst.Call, needed: dict[str, Any]) -> bool:
        """Whether the request's `extra_body`, a dict written in it, sends the switch
        (`body_entries`: after any `**` it spreads)."""
        body = self.arguments(node).get("extra_body")
        shown = body_entries(body.value) if body is not None else None
        return shown is not None and all(
            k in shown.sure and _same_literal(shown.sure[k], v) for k, v in needed.items()
        )

    def _without_effort(
        self,
        node: cst.Call,
        effort: RequestArgument,
        needed: dict[str, Any],
        info: CallInfo | None = None,
    ) -> tuple[str, str]:
        """What a request that sends `reasoning_effort` only when set (`effort_at_times`)
        does, and what to write: the switch where it sends none, and not beside one (the
        effort asks for the thinking the switch turns off)."""
        wanted = _entries_text(needed)
        ctx = self.ctx
        clause = f", also where reasoning_effort={ctx.code(effort.value)} sends nothing"
        if info is not None and info.kind == RAW:
            action = f"add {wanted} to the JSON body it posts only there"
        elif self.arguments(node).get("extra_body") is not None:
            action = f"add {wanted} to the extra_body it sends only there"
        else:
            action = f"pass extra_body={{{wanted}}} only there"
            subject = unset_subject(ctx, effort.value)
            if subject is not None:
                shown = ctx.code(subject)
                action += f", as in extra_body=None if {shown} is not None else {{{wanted}}}"
        return clause, action + " (not beside a reasoning_effort, which asks for thinking)"

    def _always_thinking(self, node: cst.Call, info: CallInfo) -> bool:
        """Report a chat request whose model always thinks (`[params] always_thinking`: no
        switch turns it off) and that sends no `reasoning_effort`: mapped from an OpenAI model
        that did not think, a warning where a token limit is given (the reasoning counts
        against it, and may use all of it), else a note; a provider model written in the code
        (an earlier apply's too), a warning where a limit is given. Its model is `call_model`'s
        or an environment read's default (`env_model`). Whether it is such a request."""
        if not self.param("always_thinking") or not sends_body(info):
            return False
        known = self.call_model(node, info)
        env = self.env_model(node, info) if known is None else None
        if env is not None:
            known = env[:2]
        held = self._held_attribute(node, info) if known is None else None
        if held is not None:
            known = held[:2]
        if known is None:
            return False
        target, source = known
        rules = self.ctx.rules
        if not listed(self.provider, "always_thinking", target) or any(
            thinks(rules.openai, name) for name in (source or "").split(", ") if name
        ):
            return False
        args = self.arguments(node)
        limit = next((args[k] for k in ("max_tokens", "max_completion_tokens") if k in args), None)
        enough = self.param("thinking_tokens_min")
        if limit is not None and enough and _at_least(self.visible(limit.value)[0], enough):
            limit = None  # as large as the provider advises for the reasoning
        if "reasoning_effort" in args or (source is None and limit is None):
            return True
        if not self.first_report(node):
            return True
        shown = f"{target} (the default of {env[2]})" if env is not None else target
        if held is not None:
            shown = f"{target} ({held[2]})"
        head = f"{shown} always thinks before it answers (no switch turns it off)"
        pick = "choose a model that can stop thinking"
        if source is not None:
            head += f", {unlike(rules, source, why=consequences(self.provider, [target]))}"
            pick = f"map {source} to a model that can stop thinking (--model {source}=NAME)"
        if limit is None:
            self.report(
                node.func,
                f'{head}: for quick answers pass reasoning_effort="low", or {pick}',
                severity=Severity.NOTE,
                fix=FixClass.MANUAL,
            )
            return True
        given = f"{limit.name}={self.ctx.code(limit.value)}"
        self.report(
            node.func,
            f"{head}, and the reasoning counts against {given}: at the default effort it may "
            f"use all of it and leave the reply empty; {self._limit_action(pick, None)}",
            fix=FixClass.MANUAL,
        )
        return True

    def _held_attribute(self, node: cst.Call, info: CallInfo) -> tuple[str, str | None, str] | None:
        """(the provider model, the OpenAI model it maps from or None, where it is set) of a
        request of the SDK whose `model=` is `self.X` (or a name given `self.X`) that the
        module sets to a model among other values (`model_values.some_literals`: sweep's
        `self.model = 'gpt-4o'` in `chat_anthropic()` beside the class's `model: ChatModel =
        DEFAULT_GPT4_MODEL`): the first such literal, as ML204 maps it, whose model always
        thinks; None for another. `call_model` knows only a request whose every value is known
        and one model."""
        arg = self.arguments(node).get("model")
        if info.kind not in CALL_KINDS or arg is None or self.untraced is not None:
            return None
        held = [arg.value]
        if isinstance(arg.value, cst.Name):  # `model = self.model` first (sweep's llm_stream)
            held = reaching_values(self.ctx, arg.value)
        if not held or not all(map(self_attribute, held)):
            return None
        if info.client is not None and info.client.azure:
            return None
        for literal, text, how in some_literals(self.ctx, arg.value)[0]:
            known = self._model_of((literal, text, how))
            if known is None or not listed(self.provider, "always_thinking", known[0]):
                continue
            line = self.ctx.line_label(self.ctx.position(literal)[0][0])
            set_as = f"{self.ctx.code(held[0])} = {text!r} on {line}"
            return known[0], known[1], f"apply's mapping of {set_as}" if known[1] else set_as
        return None

    def _passed_thinking(self, node: cst.Call, info: CallInfo) -> bool:
        """Report a request whose model is read by key from a parameter the module's calls
        fill with dict displays (`passed_dicts`: generative_agents' `model=params["engine"]`)
        and whose token limit is a number, given there or read from the same dicts, where an
        entry's model, as written or as apply maps it, thinks (`always_thinking` or
        `thinking_models`) with a limit below `thinking_tokens_min`, any where the provider's
        file has none (as ML507 judges a config file's limit), and the request
        sends neither `reasoning_effort` nor the switch: the reasoning may use the whole limit
        and leave the reply empty (t62e). A warning, manual; the first such dict is named.
        Whether it is such a request."""
        args = self.arguments(node)
        model = args.get("model")
        read = key_read(self.ctx, model.value) if model is not None else None
        limit = next((args[k] for k in ("max_tokens", "max_completion_tokens") if k in args), None)
        if limit is None or "reasoning_effort" in args or not sends_body(info):
            return False
        if info.kind not in CALL_KINDS or self.untraced is not None:
            return False  # the SDK's requests: a framework's settings name their switch apart
        needed = self.param("thinking_off_extra_body")
        if needed and self.chooses_thinking(node, needed, info):
            return False
        if read is None:
            return self._written_thinking(node, info, limit, needed or {})
        limit_read = key_read(self.ctx, limit.value)
        limit_key = limit_read.key if limit_read and limit_read.param == read.param else None
        rules, provider = self.ctx.rules, self.provider
        enough = self.param("thinking_tokens_min")
        found: list[tuple[str, str, int, int, bool]] = []  # model, written, limit, line, always
        for held in passed_dicts(self.ctx, read):
            value = entry(held, read.key)
            written = string_value(value) if value is not None else None
            given = entry(held, limit_key) if limit_key else limit.value
            size = number_value(given) if given is not None else None
            if value is None or written is None or not isinstance(size, int):
                continue
            if isinstance(size, bool) or (enough and size >= enough):
                continue  # as large as the provider advises for the reasoning
            target = rules.map_model(written) or written
            always = listed(provider, "always_thinking", target)
            if always or thinks(provider, target):
                found.append((target, written, size, self.ctx.position(value)[0][0], always))
        if not found:
            return False
        if not self.first_report(node):
            return True
        found.sort(key=lambda f: (not f[4], f[3]))  # one that always thinks first
        target, written, size, line, always = found[0]
        mapped = f", apply's {target} for {written}" if target != written else ""
        where = (
            f'{target} (the "{read.key}" entry on {self.ctx.line_label(line)}{mapped}, '
            f"which the module passes to {read.function.name.value}())"
        )
        counted = f"{limit.name}={size}" + (f' (its "{limit_key}" entry)' if limit_key else "")
        others = [f"{t} ({self.ctx.line_label(at)})" for t, _, _, at, _ in found[1:]]
        also = f"; so may {and_listed(others)}" if others else ""
        self._short_limit(node, where, counted, also, always, needed or {})
        return True

    def _written_thinking(
        self, node: cst.Call, info: CallInfo, limit: RequestArgument, needed: dict[str, Any]
    ) -> bool:
        """`_passed_thinking` for a model written as a provider model that thinks unless told
        not to, in the request or as its parameter's default (`call_model`, `default_model`:
        `model="glm-4.7-flash"`, apply's or the code's own), given a numeric limit below
        `thinking_tokens_min` (any, where the provider's file has none: as ML507 judges a
        config file's limit): the one that always thinks is `_always_thinking`'s, and a default
        where every target thinks `_provider_default`'s."""
        size = number_value(self.visible(limit.value)[0])
        enough = self.param("thinking_tokens_min")
        if not isinstance(size, int) or isinstance(size, bool) or (enough and size >= enough):
            return False
        known = self.call_model(node, info)
        where = known[0] if known is not None and known[1] is None else None
        if known is None:
            default = self.default_model(node, info)
            if default is not None and default[1] is None:
                where = f"{default[0]} (the default of {default[2]})"
        target = where.partition(" (")[0] if where else None
        if where is None or target is None or not thinks(self.provider, target):
            return False
        if listed(self.provider, "always_thinking", target):
            return False
        if self.first_report(node):
            self._short_limit(node, where, f"{limit.name}={size}", "", False, needed)
        return True

    def _short_limit(
        self, node: cst.Call, where: str, counted: str, also: str, always: bool, needed: Any
    ) -> None:
        """The warning that the model `where` names thinks and `counted` is too small."""
        if always:
            action = self._limit_action("choose a model that can stop thinking", None)
            head = f"{where} always thinks before it answers (no switch turns it off)"
        else:
            action = self._limit_action("", needed or {})
            head = f"{where} thinks before it answers unless told not to"
        self.report(
            node.func,
            f"{head}, and the reasoning counts against {counted}: "
            f"{'at the default effort ' if always else ''}it may use all of it and "
            f"leave the reply empty{also}; {action}",
            fix=FixClass.MANUAL,
        )

    def _limit_action(self, pick: str, switch: dict[str, Any] | None) -> str:
        """What a warning on a limit too small for the reasoning asks, as ML507 does: raise
        it only to the size the provider's file names (`raise_limit`), else say that no limit
        clears it (`NO_SIZE`); pass reasoning_effort="low" or `pick` a model for one that
        always thinks (`switch` None), the switch in `extra_body` otherwise."""
        provider = self.provider
        assert provider is not None
        raise_it = raise_limit(provider)
        sent = "an effort" if switch is None else "the switch"
        no_size = "" if raise_it else f"; {_no_size(sent)}"
        if switch is None:
            ask = f"{raise_it} or pass" if raise_it else "pass"
            return (
                f'{ask} reasoning_effort="low", or {pick}, by hand{no_size}'
                f"{self.unconfirmed('always_thinking')}"
            )
        return (
            f"pass extra_body={{{_entries_text(switch)}}} where it sends this model"
            f"{f', or {raise_it}' if raise_it else ''}, by hand{no_size}"
            f"{self.unconfirmed('thinking_models')}"
        )

    def env_model(self, node: cst.Call, info: CallInfo) -> tuple[str, str | None, str] | None:
        """(the provider model, the OpenAI model it maps from or None, the variable) of an SDK
        request whose `model=` is an environment read's string default, as ML204 maps it
        (`env_default`: `MODEL = os.environ.get("OPENAI_MODEL", "gpt-4o")`; after apply the
        provider model it wrote there); None for another."""
        arg = self.arguments(node).get("model")
        if info.kind not in CALL_KINDS or arg is None or self.untraced is not None:
            return None
        if info.client is not None and info.client.azure:
            return None
        found = env_default(self.ctx, arg.value)
        known = self._model_of((found[0], found[1], "literal")) if found is not None else None
        return (*known, found[2]) if known is not None and found is not None else None

    def _provider_default(self, node: cst.Call, info: CallInfo) -> bool:
        """Report a request whose `model=` is a parameter whose default is a provider model
        that thinks unless told not to (apply's mapping of `model="gpt-4o"`, or the code's own),
        where any OpenAI model a caller passes instead maps to one that thinks too (as
        `thinking_off` reads such a default before apply) and the request sends no switch: the
        model it sends unless a caller overrides it, so the warning apply left stays (t56b D1),
        manual (apply writes no switch for a provider model written in the code). Whether it is
        such a request."""
        needed = self.param("thinking_off_extra_body")
        if not needed or not sends_body(info) or self.call_model(node, info) is not None:
            return False
        default = self.default_model(node, info)
        if default is None or default[1] is not None or not every_target_thinks(self.ctx):
            return False
        target, _, label = default
        return self._without_switch(node, info, target, f"{target} (the default of {label})")

    def _provider_model(self, node: cst.Call, info: CallInfo) -> bool:
        """Report a request whose model is a provider model written in the code
        (`call_model`: apply's mapping, in a dict spread into the request too, or the code's
        own) that thinks unless told not to, sending no switch, where apply could not write
        one had the model been OpenAI's (`switch_fix` gives no edit: `**settings`, t62d):
        the warning apply printed for it stays in `check`, manual, until the switch is sent
        or the finding ignored. A request apply could edit is left here (apply wrote the switch
        for an OpenAI model; one written for the provider keeps its default), unless its
        limit is one `_written_thinking` reports. Whether it is such a request."""
        known = self.call_model(node, info)
        if known is None or known[1] is not None or not self.param("thinking_off_extra_body"):
            return False
        if not sends_body(info) or info.method not in sdk.BODY_METHODS:
            return False
        needed = self.param("thinking_off_extra_body")
        if self.written_switch(node, info) is None or self.chooses_thinking(node, needed, info):
            return False  # an extra_body held in a name: what it sends is not known
        fix = self.switch_fix(node, info, dict(needed))
        if fix is None or fix[1] is not None:
            return False  # one apply could edit: it wrote the switch for an OpenAI model
        return self._without_switch(node, info, known[0], known[0])

    def _without_switch(self, node: cst.Call, info: CallInfo, target: str, shown: str) -> bool:
        """Report a request sending the provider model `target` (as the message names it:
        `shown`), which thinks unless told not to, without the switch (`_provider_default`,
        `_provider_model`). Whether it is such a request."""
        needed = self.param("thinking_off_extra_body")
        if not thinks(self.provider, target) or self.chooses_thinking(node, needed, info):
            return False
        if client_switched(self.ctx, node, needed):
            return False
        if not self.first_report(node):
            return True
        head = (
            f"{shown} thinks before it answers unless told not to "
            f"({consequences(self.provider, [target])}){self.limit_clause(node)}"
        )
        effort = self.effort_at_times(node)
        if effort is not None:
            clause, action = self._without_effort(node, effort, dict(needed), info)
            head, action = head + clause, action + ", by hand"
        else:
            found = self.switch_fix(node, info, dict(needed))
            assert found is not None  # chooses_thinking: it names no entry of the switch
            action, edit = found
            if edit is not None:  # apply would write it for an OpenAI model: not for this one
                where = "to the JSON body it posts" if info.kind == RAW else "to extra_body"
                action = f"add {_entries_text(needed)} {where}, by hand"
        self.report(
            node.func,
            f"{head}: {action}{self.unconfirmed('thinking_models')}",
            fix=FixClass.MANUAL,
            data={"extra_body": dict(needed)},
        )
        return True

    def limit_clause(self, node: cst.Call) -> str:
        """`, and the reasoning counts against max_tokens=500 (Kimi advises 32000 or more
        for it)`: where the request gives a token limit below the provider file's
        `[params] thinking_tokens_min` (a whole number the code writes; a limit read at run
        time is not judged), and the model thinks on; else nothing."""
        enough = self.param("thinking_tokens_min")
        args = self.arguments(node)
        limit = next((args[k] for k in ("max_tokens", "max_completion_tokens") if k in args), None)
        if not enough or limit is None:
            return ""
        value = self.visible(limit.value)[0]
        if not isinstance(value, cst.Integer) or _at_least(value, enough):
            return ""
        return (
            f", and the reasoning counts against {limit.name}={self.ctx.code(limit.value)}, "
            f"below the {enough} {self.provider.name} advises for it: it may use all of it and "
            f"leave the reply empty{self.unconfirmed('thinking_tokens_min')}"
        )

    def merged_on_route(self, node: cst.Call, info: CallInfo) -> bool:
        """Report a litellm call whose model is chosen at run time, on the provider's route
        by the module's own test, whose stream deltas the module merges by key
        (`_merged_reasoning`: a warning in place of `run_time_note`). Whether it is one."""
        merge = self._merge(node, info)
        return merge is not None and self._merged_reasoning(node, info, merge)

    def run_time_note(self, node: cst.Call, info: CallInfo) -> None:
        """`_chosen_at_run_time`'s note, for a litellm call choosing its model at run time."""
        self._chosen_at_run_time(node, info, self.provider)

    def _chosen_at_run_time(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        """A note on a chat request whose model the module does not show, where every model
        the provider's table gives OpenAI's models that do not think is one that does: the
        switch is named, not written (the program may choose a reasoning model)."""
        needed = self.param("thinking_off_extra_body")
        if not needed or info.method not in sdk.BODY_METHODS:
            return
        if self.call_model(node, info) is not None or not every_target_thinks(self.ctx):
            return
        if self.chooses_thinking(node, needed) or client_switched(self.ctx, node, needed):
            return
        if not self.first_report(node):
            return
        effort = self.effort_at_times(node)
        if effort is None:
            clause, action = "", f"pass extra_body={{{_entries_text(needed)}}}"
        else:
            clause, action = self._without_effort(node, effort, dict(needed))
        action += self._fixed_either_way(node)
        shared = shared_method(self.ctx, node)
        if shared is not None:
            shown = ", ".join(shared.heirs[:3]) + (", ..." if shared.heirs[3:] else "")
            many = bool(shared.heirs[1:])
            action += (
                f"; {shared.method} is shared: {len(shared.heirs)} subclass"
                f"{'es' if many else ''} of the module ({shown}) run{'' if many else 's'} it "
                f"with base URLs of {'their' if many else 'its'} own, and would send that to "
                f"{'their servers' if many else 'its server'} too: send it only for the client "
                f"pointed at {provider.name} (under `if type(self) is {shared.owner}:`, or a "
                "setting each class gives)"
            )
        sampling = sampling_clause(provider, _chat_targets(self.ctx))
        said = "replies and stream deltas carry reasoning_content" + (
            f", {sampling}" if sampling else ""
        )
        self.report(
            node.func,
            f"its model is chosen at run time, and every {provider.name} model that apply maps "
            f"OpenAI's chat models to thinks before it answers unless told not to ({said})"
            f"{clause}: where the "
            f"program wants answers as OpenAI's gave them, {action}",
            severity=Severity.NOTE,
            fix=FixClass.MANUAL,
            data={"extra_body": dict(needed)},
        )

    def _fixed_either_way(self, node: cst.Call) -> str:
        """`, and remove temperature= (...)` for the sampling arguments a request choosing its
        model at run time sends that every model apply maps OpenAI's chat models to fixes
        (`[model_params]`), thinking or not, unless written as the value those whose file
        gives it fix it at once the switch is passed (`[fixed_values]`: with thinking off, or
        thinking for one that always thinks; Kimi's n=1): the switch alone leaves kimi-k2.6 a
        `temperature=0` it rejects (t60d); "" where there is none."""
        provider = self.provider
        targets = sorted(set(_chat_targets(self.ctx)))
        if not targets:
            return ""
        modes = {
            t: "thinking" if listed(provider, "always_thinking", t) else "thinking_off"
            for t in targets
        }
        said: list[str] = []
        values: list[str] = []
        for param, arg in self.arguments(node).items():
            facts = [provider.model_param_facts(t).get(param) for t in targets]
            if param == "model" or any(f is None or f[0] != "fixed" for f in facts):
                continue
            found = [provider.fixed_value(t, param, modes[t]) for t in targets]
            numbers = {float(f[0]) for f in found if f is not None}
            # a model whose value the file does not give is not taken to want another
            fixed = numbers.pop() if len(numbers) == 1 else None
            value, _ = self.visible(arg.value)
            if fixed is not None and same_number(self.ctx.code(value), repr(fixed)):
                continue
            said.append(as_written(arg))
            off = {
                float(f[0])
                for t, f in zip(targets, found, strict=True)
                if f and modes[t] == "thinking_off"
            }
            if len(off) == 1:
                values.append(f"{param} {off.pop()!r}")
        if not said:
            return ""
        one = len(targets) == 1
        switched = [t for t in targets if modes[t] == "thinking_off"]
        at = (
            f"; with thinking off {and_listed(switched)} take{'' if switched[1:] else 's'} "
            f"{and_listed(values)} only"
            if values
            else ""
        )
        other = provider.params.get("fixed_other_value")
        return (
            f", and remove {and_listed(said)} ({and_listed(targets)} fix{'es' if one else ''} "
            f"{'them' if said[1:] else 'it'} whether {'it thinks' if one else 'they think'} or "
            f"not{at}{f'; other values are {other}' if other else ''})"
        )


def _at_least(value: cst.BaseExpression, least: int) -> bool:
    """Whether `value` is an integer literal of at least `least` (`32_768` too)."""
    return isinstance(value, cst.Integer) and int(value.value.replace("_", ""), 0) >= least


def _chat_targets(ctx: PythonContext) -> list[str]:
    """The models the provider's table gives OpenAI's chat models."""
    provider = ctx.rules.provider
    assert provider is not None
    return [t for s, t in provider.models.items() if sdk.surface_of_model(s) == "chat"]


THINKING_RULES = (ThinkingDefault,)
