"""Mirascope (PyPI `mirascope`, Mirascope/mirascope): where its calls take the model and the
client that decide where requests go. Knowledge of the framework only, read from the wheels of
mirascope 1.25.7 (v1) and 2.5.0 (v2), file named beside each entry; checked by running them
against a loopback server (t63e).

v1 (`from mirascope.core import openai`, `@openai.call("gpt-4o-mini")`): the decorator sends
the model as it is through `client=`, else through an `OpenAI()` (an `AsyncOpenAI()` for an
`async def`) it builds on each call, which reads OPENAI_API_KEY and OPENAI_BASE_URL
(core/openai/_utils/_setup_call.py L148-149).

v2 (`from mirascope import llm`, `@llm.call("openai/gpt-5-mini")`): a model id is
`<scope>/<model>`; the `openai/` scope goes to OpenAI with OPENAI_API_KEY, else to the
Mirascope Router with MIRASCOPE_API_KEY. `llm.register_provider("openai", scope=...,
base_url=..., api_key=...)` routes a scope through the OpenAI provider at another endpoint
(llm/providers/provider_registry.py `register_provider`). That provider picks the Responses API
for a model id of the `openai/` scope it does not know, chat completions for another scope
(llm/providers/openai/provider.py `choose_api_mode`, L86-94).
"""

from __future__ import annotations

import re

PACKAGE = "mirascope"
# v1: core/openai/__init__.py `from ._call import openai_call as call`, `openai_call`;
# core/__init__.py `from . import openai as openai`
V1_OPENAI_CALLS = frozenset(
    {
        "mirascope.core.openai.call",
        "mirascope.core.openai.openai_call",
        "mirascope.core.openai._call.openai_call",
    }
)
# `openai_call(model, *, stream, tools, response_model, output_parser, json_mode, client,
# call_params)` (core/base/_call_factory.py): the model, by keyword or first
V1_MODEL = ("model", 0)
V1_CLIENT = "client"
# what v1 builds without a client (core/openai/_utils/_setup_call.py L149): the async class
# for a coroutine function
V1_SYNC_CLIENT = "OpenAI"
V1_ASYNC_CLIENT = "AsyncOpenAI"
CLIENT_MODULE = "openai"

# v2: llm/__init__.py exports; each takes the model id first (llm/calls/decorator.py `call(
# model, ...)`, llm/models/models.py `model(model_id, ...)`, `use_model(model, ...)`,
# `Model.__init__(self, model_id, ...)`)
V2_MODEL_CALLS: dict[str, tuple[str, int]] = {
    "mirascope.llm.call": ("model", 0),
    "mirascope.llm.model": ("model_id", 0),
    "mirascope.llm.use_model": ("model", 0),
    "mirascope.llm.Model": ("model_id", 0),
    "mirascope.llm.models.Model": ("model_id", 0),
    # llm/retries/retry_models.py `retry_model(model_id, **kwargs)`
    "mirascope.llm.retry_model": ("model_id", 0),
}
# `@llm.prompt` (also `@llm.prompt(format=..., tools=...)`) makes a function a Prompt, which is
# given its model id at each call: `prompt(model, *args)`, `prompt.call(model, ...)`,
# `prompt.stream(model, ...)` (llm/prompts/prompts.py `Prompt.__call__`, `call`, `stream`)
V2_PROMPT = frozenset({"mirascope.llm.prompt"})
V2_PROMPT_MODEL = ("model", 0)
V2_PROMPT_METHODS = frozenset({"call", "stream"})
V2_OPENAI_SCOPE = "openai/"
# the OpenAI provider's id for `register_provider` (llm/providers/provider_id.py)
V2_OPENAI_PROVIDER = "openai"
V2_REGISTER = "llm.register_provider"
# `llm.call(..., format=Model)`: without a mode mirascope sends a strict json_schema
# response_format for a model it does not know (t63e: HTTP 400 from a provider taking
# json_object only). `llm.format(Model, mode=...)` (llm/formatting/format.py `format`; modes in
# llm/formatting/types.py `FormattingMode`) chooses: "json" sends response_format json_object
# with the schema in a system message ("Respond only with valid JSON ..."), "tool" a forced
# tool holding the schema (named tool_choice, `strict: true`). Checked on a loopback (t63e).
V2_FORMAT = "format"
V2_FORMAT_FUNCTION = frozenset({"mirascope.llm.format"})
V2_MODE = "mode"
# the mode sending a strict json_schema response_format, as no mode does
V2_STRICT_MODE = "strict"
# `@llm.output_parser(...)` makes a function a parser of the text: `format=parser` sends no
# response_format (llm/formatting/output_parser.py)
V2_OUTPUT_PARSER = frozenset({"mirascope.llm.output_parser"})
# a Model's methods taking `format=` (llm/models/models.py `Model.call`, `stream`, their async
# and context variants)
V2_MODEL_METHODS = frozenset(
    {
        "call",
        "call_async",
        "stream",
        "stream_async",
        "context_call",
        "context_call_async",
        "context_stream",
        "context_stream_async",
    }
)
V2_JSON_MODE = "json"  # for a provider whose response_format takes json_object
V2_TOOL_MODE = "tool"  # else
# `llm.call(..., tools=[...])`: a streamed response resumed after its tools
# (`stream.resume(outputs)`) is rebuilt without the provider's reasoning fields (t63e:
# DeepSeek's 400 "The reasoning_content in the thinking mode must be passed back"); a
# non-streamed one is sent back as received. `Params` (llm/models/params.py) has no
# `extra_body` for a provider's switch turning thinking off.
V2_TOOLS = "tools"
# the methods of a call that stream (`Call.stream`) and resume after tools (`resume`)
V2_STREAM_RESUME = ("stream", "resume")
# Where the bytes of a Python file show it imports mirascope
IMPORT_TEXT = re.compile(rb"^[ \t]*(?:from|import)[ \t]+mirascope\b", re.MULTILINE)
