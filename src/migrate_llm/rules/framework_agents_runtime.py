"""Rules for what the OpenAI Agents SDK needs of a provider at run time: its voice and
realtime APIs (ML633), the reasoning a thinking model wants back after a tool call (ML634),
and structured outputs for an Agent's output type (ML635)."""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import agents as fw
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.agents_providers import agent_model, own_providers
from migrate_llm.rules.agents_thinking import agent_switch
from migrate_llm.rules.base import Example
from migrate_llm.rules.calls import lacks_api, offered_by, support_words, with_doubt
from migrate_llm.rules.framework_args import argument, callee, dict_entries, qualified
from migrate_llm.rules.python import PythonRule, snippet
from migrate_llm.rules.python_context import PythonContext, keyword, string_value
from migrate_llm.rules.thinking_switch import thinks

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
    """An Agent with tools or handoffs on a model that thinks and wants its reasoning back.

    ## What it does
    Finds `Agent(..., tools=[...])` or `Agent(..., handoffs=[...])` whose model, once
    migrated (a literal, or ML631's model for an Agent without `model=`), is one of the
    provider's `thinking_models` while its `[params]` lists `tool_turn_fields`, and whose
    `model_settings=` (or a `RunConfig(model_settings=...)` of the module) does not turn
    thinking off (`extra_body` with the keys of `thinking_off_extra_body`). An Agent whose
    OpenAI model answered at once gets the switch from ML118's edit, and is not reported.

    ## Why
    A thinking model answers a tool call with `reasoning_content` and rejects the next
    request (HTTP 400) unless the assistant turn with the tool calls gives it back. The
    SDK's chat completions model replays it only for model names containing "deepseek"
    (`should_replay_reasoning_content`), so every Agent that calls a tool fails on its second
    request.

    ## Fix (manual)
    Add `model_settings=ModelSettings(extra_body=...)` with the provider's switch (Kimi:
    `{"thinking": {"type": "disabled"}}`), or run the Agent on
    `OpenAIChatCompletionsModel(model, client, should_replay_reasoning_content=lambda ctx: True)`.
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
    )

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        provider = rules.provider
        if provider is None or not rules.switching or not provider.params.get("tool_turn_fields"):
            return
        if qualified(self.ctx, node.func, fw.AGENT_CLASSES) is None:
            return
        if not any(_given(keyword(node, key)) for key in fw.AGENT_TOOL_KEYWORDS):
            return
        switch_written = agent_switch(self.ctx, node)
        if switch_written is not None and switch_written.edit is not None:
            return  # ML118's edit turns the thinking off
        model = self._model(node)
        if (
            model is None
            or fw.REPLAYS_REASONING_FOR in model.lower()
            or not thinks(provider, model)
        ):
            return
        switch = provider.params.get("thinking_off_extra_body")
        if _turned_off(self.ctx, keyword(node, fw.MODEL_SETTINGS), switch) or any(
            _turned_off(self.ctx, keyword(call, fw.MODEL_SETTINGS), switch)
            for call in self.ctx.nodes
            if isinstance(call, cst.Call) and qualified(self.ctx, call.func, fw.RUN_CONFIG_CLASSES)
        ):
            return
        off = (
            f"add model_settings=ModelSettings(extra_body={dict(switch)!r}) to it, or "
            if switch
            else ""
        )
        self.report(
            node.func,
            f"{callee(node.func)}() has tools or handoffs, and its model {model!r} of "
            f"{provider.name} thinks by default: it rejects the request after a tool call "
            "(HTTP 400) unless that turn gives back its reasoning_content, which the SDK "
            f"replays for DeepSeek models only: {off}run it on OpenAIChatCompletionsModel(..., "
            "should_replay_reasoning_content=lambda ctx: True), by hand",
        )

    def _model(self, node: cst.Call) -> str | None:
        """The provider model the Agent runs once migrated, where the code shows it."""
        rules = self.ctx.rules
        provider = rules.provider
        assert provider is not None
        arg = keyword(node, "model")
        if arg is None:
            if own_providers(self.ctx) is not None or any(a.star for a in node.args):
                return None
            return rules.map_model(fw.DEFAULT_MODEL) or provider.tiers.get("flagship")
        value = arg.value
        if isinstance(value, cst.Name):
            value = self.ctx.bound_value(value) or value
        text = string_value(value)
        if text is None or provider.serves(text):
            return text
        model = text.removeprefix(_OPENAI_PREFIX)
        return rules.map_model(model) if rules.openai.serves(model) else None


def _given(arg: cst.Arg | None) -> bool:
    """Whether a `tools=` / `handoffs=` argument may hold something."""
    if arg is None:
        return False
    value = arg.value
    if isinstance(value, (cst.List, cst.Tuple)):
        return bool(value.elements)
    return not (isinstance(value, cst.Name) and value.value == "None")


def _turned_off(ctx: PythonContext, arg: cst.Arg | None, switch: object) -> bool:
    """Whether `model_settings=` passes an `extra_body` with the switch's keys."""
    if arg is None or not isinstance(switch, dict):
        return False
    value = arg.value
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value) or value
    if (
        not isinstance(value, cst.Call)
        or qualified(ctx, value.func, fw.MODEL_SETTINGS_CLASSES) is None
    ):
        return False
    body = keyword(value, fw.EXTRA_BODY)
    if body is None:
        return False
    entries = dict_entries(body.value)
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

    ## Why
    The SDK's chat completions model sends such an Agent's output type as
    `response_format={"type": "json_schema", ...}`, the request for structured outputs that
    `chat.completions.parse` makes (ML101). The verdict is ML101's: an error where the
    provider's file says it has none, a warning that keeps `check` failing where support is
    partial or unconfirmed, with the reason the file gives.

    ## Fix (manual)
    Run the Agent on the provider and check that its final output parses. Where the provider
    rejects the schema, drop `output_type=`, ask for the JSON in `instructions=` and parse the
    final output yourself.
    """

    code = "ML635"
    name = "agents-structured-output"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            "from agents import Agent\n"
            'agent = Agent(name="a", model="acme-large", output_type=Answer)\n',
            provider="acme",
            message="output_type=Answer of Agent() makes the SDK ask for structured outputs "
            "(response_format json_schema); Acme Cloud's structured_outputs support is "
            "unconfirmed (its provider file does not state it); test this Agent (see "
            "https://docs.acme.example/openai)",
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
        if support is True or qualified(self.ctx, node.func, fw.AGENT_CLASSES) is None:
            return
        arg = keyword(node, fw.AGENT_OUTPUT_TYPE)
        if arg is None or self.ctx.code(arg.value) in fw.PLAIN_TEXT_OUTPUTS:
            return
        model = agent_model(self.ctx, node)
        if model is None:
            own = own_providers(self.ctx)
            if own is not None and own.every_run:
                return  # the runs' own provider serves it (ML631)
        elif model.client is None or self.ctx.elsewhere_client(model.client):
            return  # another library, or a client left where it points (ML003)
        surface = fw.STRUCTURED_OUTPUTS
        head = (
            f"{fw.AGENT_OUTPUT_TYPE}={snippet(self.ctx, arg.value)} of {callee(node.func)}() "
            "makes the SDK ask for structured outputs (response_format json_schema)"
        )
        if support is False:
            severity = Severity.ERROR
            verdict = (
                f"{lacks_api(provider, surface)}; this Agent fails after the switch (see "
                f"{provider.docs}); {offered_by(provider, surface, rules.registry)}"
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


AGENTS_RUNTIME_RULES = (AgentsVoiceRealtime, AgentsThinkingTools, AgentsStructuredOutput)
