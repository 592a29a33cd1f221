"""Rules for what the OpenAI Agents SDK needs of a provider at run time: its voice and
realtime APIs (ML633), the reasoning a thinking model wants back after a tool call (ML634),
and structured outputs for an Agent's output type (ML635)."""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import agents as fw
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.agents_providers import own_providers, sends_to_provider
from migrate_llm.rules.agents_thinking import agent_switch
from migrate_llm.rules.agents_tool_turns import calls_tools, tool_turn_receivers
from migrate_llm.rules.base import Example
from migrate_llm.rules.calls import (
    lacks_api,
    offered_by,
    request_model,
    schema_refused,
    schema_refused_words,
    structured_models,
    support_words,
    unlisted_words,
    with_doubt,
)
from migrate_llm.rules.framework_args import argument, callee, dict_entries, qualified
from migrate_llm.rules.model_values import model_values
from migrate_llm.rules.python import PythonRule, snippet
from migrate_llm.rules.python_context import PythonContext, keyword, string_value
from migrate_llm.rules.thinking_switch import thinks
from migrate_llm.run_facts import PINS_LITELLM_UNFILLED

_OPENAI_PREFIX = "openai/"


class AgentsVoiceRealtime(PythonRule):
    """Agents SDK voice pipelines and realtime sessions, which need OpenAI's audio APIs.

    ## What it does
    Finds `VoicePipeline(...)` left on the SDK's OpenAI voice models (no `stt_model` or
    `tts_model`, or a model name, and no `VoicePipelineConfig(model_provider=...)`),
    `OpenAIVoiceModelProvider`, `OpenAISTTModel`, `OpenAITTSModel`, and `RealtimeRunner`,
    `OpenAIRealtimeWebSocketModel`, `OpenAIRealtimeSIPModel`.

    ## Why
    A voice pipeline sends the audio to `/audio/transcriptions` and `/audio/speech` of the
    SDK's default client (the provider's, after ML630) with OpenAI's `gpt-4o-transcribe` and
    `gpt-4o-mini-tts`. A realtime run opens `wss://api.openai.com/v1/realtime` with
    OPENAI_API_KEY whatever the default client. An error where the provider file says it has
    no such API (`[supports] audio`, `realtime`); a warning where it may have one.

    ## Fix (manual)
    Give the pipeline speech models of a service that has them (`stt_model=`, `tts_model=`,
    your own `VoiceModelProvider`), or keep voice and realtime on another service.
    """

    code = "ML633"
    name = "agents-voice-realtime"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            "from agents.voice import SingleAgentVoiceWorkflow, VoicePipeline\n"
            "pipeline = VoicePipeline(workflow=SingleAgentVoiceWorkflow(agent))\n",
            provider="acme",
            message="VoicePipeline() runs OpenAI's speech models (gpt-4o-transcribe, "
            "gpt-4o-mini-tts) on the audio API of the SDK's default client; Acme Cloud has no "
            "audio API: give it stt_model= and tts_model= of a service that has one, or keep "
            "voice on another service",
        ),
        Example(
            "from agents.realtime import RealtimeRunner\nrunner = RealtimeRunner(agent)\n",
            provider="acme",
            message="RealtimeRunner() connects to OpenAI's Realtime API "
            "(wss://api.openai.com/v1/realtime) with OPENAI_API_KEY, whatever the SDK's default "
            "client; Acme Cloud does not list a Realtime API: keep realtime on another "
            "service, or build the turn from speech-to-text, an Agent and text-to-speech",
        ),
        Example(
            "from agents.voice import VoicePipeline\n"
            "pipeline = VoicePipeline(workflow=w, stt_model=MySTT(), tts_model=MyTTS())\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "from agents.realtime import RealtimeRunner\nrunner = RealtimeRunner(agent)\n",
            provider="openai",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        provider = rules.provider
        if provider is None or not rules.switching:
            return
        shown = f"{callee(node.func)}()"
        if qualified(self.ctx, node.func, fw.REALTIME) is not None:
            support = provider.support("realtime")
            if support is True:
                return
            lacks = "has no" if support is False else "does not list a"
            self.report(
                node.func,
                f"{shown} connects to OpenAI's Realtime API (wss://api.openai.com/v1/realtime) "
                "with OPENAI_API_KEY, whatever the SDK's default client; "
                f"{provider.name} {lacks} Realtime API: keep realtime on another service, or "
                "build the turn from speech-to-text, an Agent and text-to-speech",
            )
            return
        pipeline = qualified(self.ctx, node.func, fw.VOICE_PIPELINES) is not None
        if not pipeline and qualified(self.ctx, node.func, fw.VOICE_OPENAI) is None:
            return
        if pipeline and not _openai_voice(self.ctx, node):
            return
        models = ", ".join(fw.VOICE_DEFAULT_MODELS)
        head = (
            f"{shown} runs OpenAI's speech models ({models}) on the audio API of the SDK's "
            "default client"
        )
        if provider.support("audio") is False:
            self.report(
                node.func,
                f"{head}; {provider.name} has no audio API: give it stt_model= and tts_model= "
                "of a service that has one, or keep voice on another service",
            )
            return
        self.report(
            node.func,
            f"{head}, which {provider.name} does not serve by those names: give it the "
            "provider's speech models (stt_model=, tts_model=), by hand",
            severity=Severity.WARNING,
        )


def _openai_voice(ctx: PythonContext, node: cst.Call) -> bool:
    """Whether a VoicePipeline uses the SDK's OpenAI voice models for speech or text."""
    if any(a.star for a in node.args):
        return False
    models = [argument(node, name, position) for name, position in fw.VOICE_PIPELINE_MODELS]
    if all(m is not None and string_value(m.value) is None for m in models):
        return False  # model objects: an OpenAI one is reported where it is built
    config = argument(node, *fw.VOICE_PIPELINE_CONFIG)
    if config is None:
        return True
    value = config.value
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value) or value
    return (
        isinstance(value, cst.Call)
        and qualified(ctx, value.func, fw.VOICE_PIPELINE_CONFIGS) is not None
        and keyword(value, fw.VOICE_MODEL_PROVIDER) is None
        and not any(a.star for a in value.args)
    )


class AgentsThinkingTools(PythonRule):
    """An Agent making or handed tool calls on a model that thinks and wants its reasoning back.

    ## What it does
    Finds `Agent(..., tools=[...])` or `Agent(..., handoffs=[...])` whose model, once
    migrated (a literal, ML631's model for an Agent without `model=`, or the model of an
    `OpenAIChatCompletionsModel(...)` it runs on, as far as the module shows its values:
    `os.getenv("MODEL") or "kimi-k2.6"`, on a client not left pointing at another server,
    ML003; or the model of a `LitellmModel(...)` on the provider's litellm route, or OpenAI's
    that ML640 moves there, where that route does not give the turn its reasoning back in the
    releases the project's requirements admit: litellm's moonshot/ route does so from 1.83.12
    on, `[frameworks] litellm_tool_turns_filled`, so only a project pinning an older litellm is
    told), is one of the provider's `thinking_models` while its `[params]` lists
    `tool_turn_fields`, and whose `model_settings=` (or a `RunConfig(model_settings=...)` of
    the module) does not turn thinking off (`extra_body` with the keys of
    `thinking_off_extra_body`), nor its `OpenAIChatCompletionsModel` replay the reasoning
    (`should_replay_reasoning_content=`, which `LitellmModel` takes too). Also such an Agent
    without tools that continues a
    history holding tool calls: the target of a handoff (`handoffs=[french]` or
    `handoff(french)` of an Agent of the module; not one given an `input_filter=`, which
    chooses the history the target gets: `handoff_filters.remove_all_tools`), and the
    starting agent of a run whose input
    is an earlier run's items (`Runner.run(writer, first.to_input_list())`, where `first`'s
    Agent, if the module shows it, has tools or handoffs; else where some Agent of the module
    has). An Agent whose OpenAI model answered at once gets the switch from ML118's edit, and
    is not reported.

    ## Why
    A thinking model answers a tool call with `reasoning_content` and rejects the next
    request (HTTP 400) unless the assistant turn with the tool calls gives it back. The
    SDK's chat completions model replays it only for model names containing "deepseek"
    (`should_replay_reasoning_content`), so every Agent that calls a tool fails on its second
    request. An Agent handed the conversation (a handoff is a tool call) or an earlier run's
    items gets assistant turns with tool calls and no reasoning of its own: it fails on its
    first request, also after the Agent that made the calls has thinking off (t57b).

    ## Fix (manual)
    Add `model_settings=ModelSettings(extra_body=...)` with the provider's switch (Kimi:
    `{"thinking": {"type": "disabled"}}`), or, for an Agent making the tool calls, run it on
    `OpenAIChatCompletionsModel(model, client, should_replay_reasoning_content=lambda ctx: True)`
    (or pass that to the one it runs on, a `LitellmModel` too; or upgrade litellm to the
    release named). An Agent continuing another's history gets the switch: the turns it is
    handed carry no reasoning to replay.
    """

    code = "ML634"
    name = "agents-thinking-tools"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            "from agents import Agent\n"
            'agent = Agent(name="a", model="acme-think", tools=[lookup])\n',
            provider="acme",
            message="Agent() has tools or handoffs, and its model 'acme-think' of Acme "
            "Cloud thinks by default: it rejects the request after a tool call (HTTP "
            "400) unless that turn gives back its reasoning_content, which the SDK replays for "
            "DeepSeek models only: add model_settings=ModelSettings(extra_body={'thinking': "
            "{'type': 'disabled'}}) to it, or run it on OpenAIChatCompletionsModel(..., "
            "should_replay_reasoning_content=lambda ctx: True), by hand",
        ),
        Example(
            "from agents import Agent, ModelSettings\n"
            'agent = Agent(name="a", model="acme-think", handoffs=[other], model_settings='
            'ModelSettings(extra_body={"thinking": {"type": "disabled"}}))\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'from agents import Agent\nagent = Agent(name="a", model="acme-large", tools=[f])\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from agents import Agent, ModelSettings\n"
            'french = Agent(name="french", model="acme-think")\n'
            'triage = Agent(name="triage", model="acme-think", handoffs=[french], model_settings='
            'ModelSettings(extra_body={"thinking": {"type": "disabled"}}))\n',
            provider="acme",
            message="Agent() is a handoff target of the Agent on line 3, and its model "
            "'acme-think' of Acme Cloud thinks by default: it rejects a history whose assistant "
            "turns with tool calls do not give back their reasoning_content (HTTP 400), which "
            "the SDK replays for DeepSeek models only: add model_settings=ModelSettings("
            "extra_body={'thinking': {'type': 'disabled'}}) to it, by hand",
        ),
        Example(
            "from agents import Agent, OpenAIChatCompletionsModel\n"
            'agent = Agent(\n    name="a",\n    tools=[lookup],\n'
            '    model=OpenAIChatCompletionsModel(model="acme-think", openai_client=client),\n)\n',
            provider="acme",
            message="Agent() has tools or handoffs, and its model 'acme-think' of Acme Cloud "
            "thinks by default: it rejects the request after a tool call (HTTP 400) unless that "
            "turn gives back its reasoning_content, which the SDK replays for DeepSeek models "
            "only: add model_settings=ModelSettings(extra_body={'thinking': {'type': "
            "'disabled'}}) to it, or pass should_replay_reasoning_content=lambda ctx: True to "
            "its OpenAIChatCompletionsModel() on line 5, by hand",
        ),
        Example(
            "from agents import Agent, OpenAIChatCompletionsModel\n"
            'm = OpenAIChatCompletionsModel("acme-think", client, should_replay_reasoning_content'
            "=lambda ctx: True)\n"
            'agent = Agent(name="a", tools=[lookup], model=m)\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from agents import Agent\n"
            "from agents.extensions.models.litellm_model import LitellmModel\n"
            'agent = Agent(name="a", tools=[lookup], model=LitellmModel("acme/acme-think"))\n',
            provider="acme",
            message="Agent() has tools or handoffs, and its model 'acme-think' of Acme Cloud "
            "thinks by default: it rejects the request after a tool call (HTTP 400) unless that "
            "turn gives back its reasoning_content, which the SDK replays for DeepSeek models "
            "only: add model_settings=ModelSettings(extra_body={'thinking': {'type': "
            "'disabled'}}) to it, or pass should_replay_reasoning_content=lambda ctx: True to "
            "its LitellmModel() on line 3, by hand",
        ),
        # litellm's moonshot/ route gives the turn its reasoning back from 1.83.12 on
        Example(
            "from agents import Agent\n"
            "from agents.extensions.models.litellm_model import LitellmModel\n"
            'agent = Agent(name="a", tools=[lookup], model=LitellmModel("moonshot/kimi-k2.6"))\n',
            provider="moonshot",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        provider = rules.provider
        if provider is None or not rules.switching or not provider.params.get("tool_turn_fields"):
            return
        if qualified(self.ctx, node.func, fw.AGENT_CLASSES) is None:
            return
        tools = calls_tools(node)
        receives = None if tools else tool_turn_receivers(self.ctx).get(id(node))
        if not tools and receives is None:
            return
        switch_written = agent_switch(self.ctx, node)
        if switch_written is not None and switch_written.edit is not None:
            return  # ML118's edit turns the thinking off
        found = self._model(node)
        if found is None:
            return
        model, built = found
        if fw.REPLAYS_REASONING_FOR in model.lower() or not thinks(provider, model):
            return
        switch = provider.params.get("thinking_off_extra_body")
        if _turned_off(self.ctx, keyword(node, fw.MODEL_SETTINGS), switch) or any(
            _turned_off(self.ctx, keyword(call, fw.MODEL_SETTINGS), switch)
            for call in self.ctx.nodes
            if isinstance(call, cst.Call) and qualified(self.ctx, call.func, fw.RUN_CONFIG_CLASSES)
        ):
            return
        settings = f"model_settings=ModelSettings(extra_body={dict(switch)!r})" if switch else ""
        replay = f"{fw.REPLAY_REASONING[0]}=lambda ctx: True"
        shown = f"{callee(node.func)}()"
        thinking = f"its model {model!r} of {provider.name} thinks by default"
        replays, upgrade = "the SDK replays for DeepSeek models only", ""
        litellm = built is not None and qualified(self.ctx, built.func, fw.LITELLM_MODELS)
        prefix = provider.frameworks.get("litellm_prefix")
        release = provider.frameworks.get("litellm_tool_turns_filled")
        if litellm and isinstance(prefix, str) and isinstance(release, str):
            replays += (
                f" and litellm's {prefix}/ route gives back from {release} on, a release the "
                "project's litellm requirement admits none of"
            )
            upgrade = f", or upgrade litellm to >={release}"
        if receives is not None:
            advice = (
                f"add {settings} to it"
                if settings
                else f"run it and the Agent making the tool calls on {fw.CHAT_MODEL_CLASS}(..., "
                f"{replay})"
            )
            self.report(
                node.func,
                f"{shown} is {receives}, and {thinking}: it rejects a history whose assistant "
                "turns with tool calls do not give back their reasoning_content (HTTP 400), "
                f"which {replays}: {advice}{upgrade}, by hand",
            )
            return
        off = f"add {settings} to it, or " if settings else ""
        run_on = (
            f"pass {replay} to its {callee(built.func)}() on "
            f"{self.ctx.line_label(self.ctx.position(built)[0][0])}"
            if built is not None
            else f"run it on {fw.CHAT_MODEL_CLASS}(..., {replay})"
        )
        self.report(
            node.func,
            f"{shown} has tools or handoffs, and {thinking}: it rejects the request after a "
            f"tool call (HTTP 400) unless that turn gives back its reasoning_content, which "
            f"{replays}: {off}{run_on}{upgrade}, by hand",
        )

    def _model(self, node: cst.Call) -> tuple[str, cst.Call | None] | None:
        """The provider model the Agent runs once migrated, where the code shows it, and the
        `OpenAIChatCompletionsModel(...)` or `LitellmModel(...)` it runs on (None for a model
        name)."""
        rules = self.ctx.rules
        provider = rules.provider
        assert provider is not None
        arg = keyword(node, "model")
        if arg is None:
            if own_providers(self.ctx) is not None or any(a.star for a in node.args):
                return None
            default = rules.map_model(fw.DEFAULT_MODEL) or provider.tiers.get("flagship")
            return None if default is None else (default, None)
        value = arg.value
        if isinstance(value, cst.Name):
            value = self.ctx.bound_value(value) or value
        if isinstance(value, cst.Call):
            if qualified(self.ctx, value.func, fw.LITELLM_MODELS) is not None:
                return self._litellm_model(value)
            return self._chat_model(value)
        model = self._migrated(string_value(value))
        return None if model is None else (model, None)

    def _chat_model(self, built: cst.Call) -> tuple[str, cst.Call] | None:
        """The thinking model an `OpenAIChatCompletionsModel(...)` may send once migrated (its
        `model` as `model_values` follows it: `os.getenv("M") or "kimi-k2.6"`), where it is
        built on a client apply points at the provider (or the code does) and not told to
        replay the reasoning (`should_replay_reasoning_content=`)."""
        ctx = self.ctx
        cls = qualified(ctx, built.func, fw.CHAT_MODEL_CLASSES)
        if cls is None or any(a.star for a in built.args):
            return None
        replay = argument(built, *fw.REPLAY_REASONING)
        client = argument(built, *fw.MODEL_CLIENT)
        model = argument(built, *fw.CHAT_MODEL_CLASSES[cls])
        if replay is not None and ctx.code(replay.value) != "None":
            return None
        if client is None or model is None or ctx.elsewhere_client(client.value):
            return None
        provider = ctx.rules.provider
        assert provider is not None
        for _, text in model_values(ctx, model.value):
            migrated = self._migrated(text)
            if migrated is not None and thinks(provider, migrated):
                return migrated, built
        return None

    def _litellm_model(self, built: cst.Call) -> tuple[str, cst.Call] | None:
        """The thinking model a `LitellmModel(...)` sends once migrated: on the provider's
        litellm route (`moonshot/kimi-k2.6`), or an OpenAI model on OpenAI's, which ML640 moves
        there; not where told to replay the reasoning, nor where that route gives it back
        itself in every litellm release the project's requirements admit (`[frameworks]
        litellm_tool_turns_filled`, `RunFacts.litellm_unfilled`: a project pinning none gets a
        release doing so)."""
        ctx = self.ctx
        provider = ctx.rules.provider
        assert provider is not None
        prefix = provider.frameworks.get("litellm_prefix")
        replay = argument(built, *fw.LITELLM_REPLAY_REASONING)
        arg = argument(built, *fw.LITELLM_MODEL)
        if any(a.star for a in built.args) or arg is None or not isinstance(prefix, str):
            return None
        if replay is not None and ctx.code(replay.value) != "None":
            return None
        unfilled = ctx.rules.facts.litellm_unfilled
        if prefix in PINS_LITELLM_UNFILLED and prefix not in unfilled:
            return None
        for _, text in model_values(ctx, arg.value):
            route, _, name = text.rpartition("/")
            if route == prefix:
                migrated: str | None = name
            else:
                migrated = self._migrated(name) if route in ("", "openai") else None
            if migrated is not None and thinks(provider, migrated):
                return migrated, built
        return None

    def _migrated(self, text: str | None) -> str | None:
        """The provider's model `text` is, or the one apply maps the OpenAI model to."""
        rules = self.ctx.rules
        provider = rules.provider
        assert provider is not None
        if text is None or provider.serves(text):
            return text
        model = text.removeprefix(_OPENAI_PREFIX)
        return rules.map_model(model) if rules.openai.serves(model) else None


def _settings_extra_body(
    ctx: PythonContext, arg: cst.Arg | None
) -> dict[str, cst.DictElement] | None:
    """The entries of the `extra_body` that `model_settings=` passes (a ModelSettings call,
    also through a name), None where it passes none or they cannot be read."""
    value = arg.value if arg is not None else None
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value) or value
    if (
        not isinstance(value, cst.Call)
        or qualified(ctx, value.func, fw.MODEL_SETTINGS_CLASSES) is None
    ):
        return None
    body = keyword(value, fw.EXTRA_BODY)
    return dict_entries(body.value) if body is not None else None


def _turned_off(ctx: PythonContext, arg: cst.Arg | None, switch: object) -> bool:
    """Whether `model_settings=` passes an `extra_body` with the switch's keys."""
    if not isinstance(switch, dict):
        return False
    entries = _settings_extra_body(ctx, arg)
    return entries is not None and all(key in entries for key in switch)


class AgentsStructuredOutput(PythonRule):
    """An Agent whose output type asks the provider for structured outputs it may not have.

    ## What it does
    Finds `Agent(..., output_type=Answer)` (any output type but `str` or `None`) where the
    provider's `[supports] structured_outputs` is not true and the Agent's requests go to the
    provider: through the SDK's default client (ML630), or an `OpenAIChatCompletionsModel`
    on a client not left pointing at another server (ML003). Not reported: an Agent on a
    LiteLLM or any-llm model, and an Agent without a model object in a module whose every run
    passes a model provider of its own (ML631). A `RunConfig(model=...)`, which overrides the
    Agents' models, is not followed.

    An Agent whose `model_settings=ModelSettings(extra_body={"response_format": ...})`
    names the format it sends is not reported either.

    ## Why
    The SDK's chat completions model sends such an Agent's output type as
    `response_format={"type": "json_schema", ...}` (strict or not), the request for
    structured outputs that `chat.completions.parse` makes (ML101). Where the provider's
    `[params] response_format` lists the types it takes without json_schema (not marked
    uncertain, and its structured outputs not "partial", which says some of its models take
    it), the request fails on every run (GLM: HTTP 400): an error; where the file marks its
    structured outputs uncertain (DeepSeek, Kimi), the same error says the type is
    undocumented, quotes the file's reason and that the schema is not guaranteed. Where the
    file names the models that take it (`[params] structured_models`), the Agent's model
    decides, as ML101 reads a request's (`request_model`): a listed one is not reported, one
    not listed (`gpt-4o-mini`, which apply maps to qwen-plus) fails on every run, an error
    naming the models that take it; one not known here keeps the warning, with the list.
    Otherwise the verdict is ML101's: an error where the provider's file says it has no structured
    outputs, a warning that keeps `check` failing where support is partial or unconfirmed,
    with the reason the file gives.

    ## Fix (manual)
    Where the provider takes `json_object`: give the Agent
    `model_settings=ModelSettings(extra_body={"response_format": {"type": "json_object"}})`
    (the openai client merges `extra_body` over the body, so the request asks for JSON mode,
    and the SDK still parses the reply as the output type; describe the fields in
    `instructions=`). Or drop `output_type=`, ask for the JSON in `instructions=` and parse
    the final output yourself. Where support is only unconfirmed, run the Agent on the
    provider and check that its final output parses.
    """

    code = "ML635"
    name = "agents-structured-output"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        # s62: qwen-plus (gpt-4o-mini's) is not among the models taking json_schema
        Example(
            "from agents import Agent\n"
            'agent = Agent(name="a", model="gpt-4o-mini", output_type=Answer)\n',
            provider="qwen",
            message="output_type=Answer of Agent() makes the SDK ask for structured outputs "
            "(response_format json_schema); qwen-plus, to which apply maps gpt-4o-mini, does "
            "not take it (Alibaba Qwen (DashScope / Model Studio)'s file names the models that "
            "do: qwen4-max, qwen3.8-max), so this Agent fails on every run (HTTP 400): give it "
            "one of those models, or model_settings=ModelSettings(extra_body={'response_format'"
            ": {'type': 'json_object'}}) (describe the fields in instructions=), by hand",
        ),
        Example(
            "from agents import Agent\n"
            'agent = Agent(name="a", model="gpt-4o", output_type=Answer)\n',
            provider="qwen",
            finds=False,
        ),
        Example(
            "from agents import Agent\n"
            'agent = Agent(name="a", model="acme-large", output_type=Answer)\n',
            provider="acme",
            message="output_type=Answer of Agent() makes the SDK ask for structured outputs "
            "(response_format json_schema); Acme Cloud does not accept that type (accepted "
            "response_format types: text, json_object), whatever the schema's strictness, so "
            "this Agent fails on every run: give it model_settings=ModelSettings(extra_body="
            "{'response_format': {'type': 'json_object'}}), which replaces the json_schema in "
            "the request's body while the SDK still parses the reply as its output type "
            "(describe the fields in instructions=), or drop output_type=, ask for the JSON in "
            "instructions= and parse the final output yourself, by hand",
        ),
        Example(
            "from agents import Agent, ModelSettings\n"
            'agent = Agent(name="a", model="acme-large", output_type=Answer, model_settings='
            'ModelSettings(extra_body={"response_format": {"type": "json_object"}}))\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from agents import Agent\n"
            'agent = Agent(name="a", model="acme-large", output_type=str)\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from agents import Agent\n"
            "from agents.extensions.models.litellm_model import LitellmModel\n"
            'agent = Agent(name="a", model=LitellmModel("openrouter/x"), output_type=Answer)\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        provider = rules.provider
        if provider is None or not rules.switching:
            return
        support = provider.support(fw.STRUCTURED_OUTPUTS)
        accepted = schema_refused(provider)
        if (support is True and accepted is None) or qualified(
            self.ctx, node.func, fw.AGENT_CLASSES
        ) is None:
            return
        arg = keyword(node, fw.AGENT_OUTPUT_TYPE)
        if arg is None or self.ctx.code(arg.value) in fw.PLAIN_TEXT_OUTPUTS:
            return
        if _format_given(self.ctx, keyword(node, fw.MODEL_SETTINGS)):
            return  # its extra_body replaces the json_schema in the request
        if not sends_to_provider(self.ctx, node):
            return  # another library, the runs' own provider (ML631), a client left (ML003)
        surface = fw.STRUCTURED_OUTPUTS
        head = (
            f"{fw.AGENT_OUTPUT_TYPE}={snippet(self.ctx, arg.value)} of {callee(node.func)}() "
            "makes the SDK ask for structured outputs (response_format json_schema)"
        )
        if accepted is not None:
            severity = Severity.ERROR
            body = {fw.RESPONSE_FORMAT: {"type": fw.JSON_MODE}}
            instead = (
                f"give it model_settings=ModelSettings({fw.EXTRA_BODY}={body!r}), which "
                "replaces the json_schema in the request's body while the SDK still parses the "
                "reply as its output type (describe the fields in instructions=), or "
                if fw.JSON_MODE in accepted
                else ""
            )
            verdict = (
                f"{schema_refused_words(provider, accepted, 'this Agent')}: {instead}drop "
                f"{fw.AGENT_OUTPUT_TYPE}=, ask for the JSON in instructions= and parse the final "
                "output yourself, by hand"
            )
        elif support is False:
            severity = Severity.ERROR
            verdict = (
                f"{lacks_api(provider, surface)}; this Agent fails after the switch (see "
                f"{provider.docs}); {offered_by(provider, surface, rules.registry)}"
            )
        elif (listed := structured_models(provider)) is not None:
            sent = request_model(self.ctx, provider, node)
            if sent is not None and provider.takes_structured(sent[0]):
                return  # a model the provider's file says takes json_schema
            severity = Severity.ERROR if sent is not None else Severity.WARNING
            body = {fw.RESPONSE_FORMAT: {"type": fw.JSON_MODE}}
            verdict = (
                f"{unlisted_words(provider, sent, listed, 'this Agent')}: give it one of "
                f"those models, or model_settings=ModelSettings({fw.EXTRA_BODY}={body!r}) "
                "(describe the fields in instructions=), by hand"
                if sent is not None
                else f"{support_words(provider, surface)}; {provider.name}'s file names the "
                f"models that take json_schema: {', '.join(listed)}; check that this Agent's "
                f"model is one of them, then test this Agent (see {provider.docs})"
            )
        else:
            severity = Severity.WARNING
            verdict = f"{support_words(provider, surface)}; test this Agent (see {provider.docs})"
        self.report(
            arg,
            f"{head}; {verdict}",
            severity=severity,
            data=with_doubt({"surface": surface}, provider, surface),
        )


def _format_given(ctx: PythonContext, arg: cst.Arg | None) -> bool:
    """Whether `model_settings=` passes an `extra_body` naming `response_format`."""
    entries = _settings_extra_body(ctx, arg)
    return entries is not None and fw.RESPONSE_FORMAT in entries


AGENTS_RUNTIME_RULES = (AgentsVoiceRealtime, AgentsThinkingTools, AgentsStructuredOutput)
