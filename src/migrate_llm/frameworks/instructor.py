"""What instructor looks like: the calls that wrap an OpenAI client, and its modes.

Checked against instructor 1.17.0 (installed from PyPI; github.com/instructor-ai/instructor),
file named beside each entry; the entries on `from_provider` and the validators also against
1.8.3 (commit 2e6c3b3f, the release a trial migrated), with file:line.
"""

from __future__ import annotations

import re

# `instructor.from_openai(client, mode=Mode.TOOLS, model=None, **kwargs)`
# (instructor/v2/providers/openai/client.py) and `instructor.patch(client, mode=Mode.TOOLS)`,
# `instructor.apatch(...)` (instructor/core/patch.py; exported lazily by instructor/__init__.py).
# qualified name -> position of `mode`.
WRAPPERS: dict[str, int] = {
    "instructor.from_openai": 1,
    "instructor.patch": 1,
    "instructor.apatch": 1,
}
# The wrappers whose result is the client they are given (`patch` and `apatch` patch its
# `chat.completions.create` and return it), or a client of instructor's own that sends its
# requests through it (`from_openai`).
SAME_CLIENT = frozenset({"instructor.patch", "instructor.apatch"})
# That client of instructor's own (`Instructor` / `AsyncInstructor`,
# instructor/v2/core/client.py): `chat`, `completions` and `messages` are properties returning
# the client itself, and each request method passes its keywords (`model=` among them) to the
# wrapped client's `chat.completions.create` (`create_partial` and `create_iterable` with
# `stream=True` added). `create_fn` is the patched create itself (`self.create_fn = create`,
# client.py in 1.8.3 and 1.17.0): given no `response_model`, it returns the SDK's own reply or
# stream, and skips the client's own keywords (`handle_kwargs`). So `c.create(...)`,
# `c.chat.completions.create_with_completion(...)`, `c.messages.create_partial(...)` and
# `c.chat.completions.create_fn(...)` are all that SDK call.
CLIENT_NAMESPACES = frozenset({"chat", "completions", "messages"})
CLIENT_REQUESTS = frozenset(
    {"create", "create_with_completion", "create_partial", "create_iterable", "create_fn"}
)
SDK_REQUEST = ("chat", "create")  # the surface and method of the SDK call they make
SDK_REQUEST_PATH = "chat.completions.create"  # that call, on the client they wrap
# The wrappers given the model every request that passes none sends: `from_openai(client,
# mode=Mode.TOOLS, model=None, **kwargs)` in 1.17.0 hands `model` to `patch_v2(...,
# default_model=model)` (v2/providers/openai/client.py); 1.8.3 keeps it among the keywords its
# client adds to each request (client.py:725, `Instructor.handle_kwargs`). qualified name ->
# (keyword, position).
WRAPPER_MODELS: dict[str, tuple[str, int]] = {"instructor.from_openai": ("model", 2)}
MODE_KEYWORD = "mode"
CLIENT_KEYWORD = "client"  # the first parameter of `patch` / `apatch` / `from_openai`
CREATE_KEYWORD = "create"  # `patch(create=client.chat.completions.create)`: a client's method
PATCHES = frozenset({"instructor.patch", "instructor.apatch"})
# instructor<1 also patched openai<1.0's module functions when `patch()` got no client
# (instructor 0.2.x, patch.py); instructor>=1 raises "Either client or create must be
# provided". The sync wrapper that may be called so.
MODULE_PATCH = "instructor.patch"
# `instructor.Mode` is exported from instructor 0.4.0 on (0.3.5's __init__.py has none;
# checked on the PyPI wheels 2026-12-03).
MODE_SINCE = "0.4.0"
# A module's bytes passing a mode, which needs instructor>=MODE_SINCE: `instructor.Mode`,
# `from instructor import Mode`, or `mode=` given to `patch(`, `apatch(` or `from_openai(`
# (`RunFacts.instructor_mode_passed`: ML504 advises that release for openai-function-call).
PASSES_MODE = re.compile(
    rb"\binstructor\s*\.\s*Mode\b"
    rb"|\bfrom[ \t]+instructor(?:\.mode)?[ \t]+import[ \t][^\n]*\bMode\b"
    rb"|\b(?:a?patch|from_openai)\s*\((?:[^()]|\([^()]*\))*\bmode\s*="
)
MODE_CLASS = "Mode"  # `instructor.Mode` (instructor/__init__.py, from .mode)
DEFAULT_MODE = "TOOLS"
# `patch()` / `apatch()` given no mode used Mode.FUNCTIONS (the legacy `functions=` and
# `function_call=` parameters) through instructor 0.5.2; 0.6.0's patch.py defaults to
# Mode.TOOLS (both wheels on PyPI, `def patch(... mode: Mode = ...)`, checked 2026-12-04).
# ML504 advises instructor>=0.4.0, which admits those releases.
LEGACY_PATCH_MODE = "FUNCTIONS"
PATCH_TOOLS_SINCE = "0.6.0"
LEGACY_MODE_PARAM = "functions"  # the `[params]` entry of what that mode sends

# Modes that force a named tool call: TOOLS sends `tool_choice={"type": "function",
# "function": {"name": ...}}` (instructor/v2/providers/openai/handlers.py, the tools handler);
# TOOLS_STRICT adds `strict` to the same schema.
FORCED_TOOL_MODES = frozenset({"TOOLS", "TOOLS_STRICT"})
# JSON_SCHEMA sends `response_format={"type": "json_schema", ...}` (handlers.py, "native
# structured outputs via response_format").
JSON_SCHEMA_MODES = frozenset({"JSON_SCHEMA"})
# JSON sends `response_format={"type": "json_object"}` (handlers.py, "Handler for OpenAI JSON
# mode"); MD_JSON asks for a ```json block in the text and needs no response_format.
JSON_MODE = "JSON"
MD_JSON_MODE = "MD_JSON"

# What reads a chat completion as an openai<1.0 dict, and so fails on a v1 response ("No
# function call detected"): `from_response(completion)` of a function decorated with
# `openai_function` (`completion["choices"][0]["message"]`, then `"function_call" in
# message`) in openai_function_call, every release (0.0.5 and 0.2.6 read,
# openai_function_call/__init__.py and function_calls.py), and in instructor 0.3.0
# (instructor/function_calls.py); and openai_function_call's `OpenAISchema.from_response`
# (`"function_call" in message` on the v1 message object). instructor's own
# `OpenAISchema.from_response` reads a v1 response. Checked 2026-12-02 on the PyPI wheels.
DICT_READING_DECORATORS = frozenset(
    {
        "openai_function_call.openai_function",
        "openai_function_call.function_calls.openai_function",
        "instructor.openai_function",
        "instructor.function_calls.openai_function",
    }
)
DICT_READING_CLASSES = frozenset(
    {"openai_function_call.OpenAISchema", "openai_function_call.function_calls.OpenAISchema"}
)

# instructor's own `OpenAISchema` (exported by instructor/__init__.py; defined in
# function_calls.py through 1.8, processing/function_calls.py in 1.14, v2/core/function_calls.py
# from 1.15.3) and its `from_response(completion, validation_context=None, strict=None,
# mode=...)`: `mode` defaults to Mode.FUNCTIONS (reads `message.function_call`) from 0.4.0,
# where it came, through 0.4.6, and to Mode.TOOLS from 0.4.7 on (function_calls.py of 0.4.0,
# 0.4.2, 0.4.6, 0.4.7, 0.4.8, 0.5.0, 1.0.0, 1.8.3). Mode.TOOLS reads `message.tool_calls`
# only, which a response to the legacy `functions=` has none of: `len(None)` fails in
# 0.4.7, and 0.4.8 to 1.15.1 assert "Instructor does not support multiple tool calls"
# (1.14.5 and 1.15.1 read). 1.15.3 (1.15.2 was not published) parses through
# v2/providers/openai/handlers.py, whose tools parser falls back on `message.function_call`
# (1.17.0 ran it). `mode=Mode.FUNCTIONS` reads such a response in every release from 0.4.0
# (1.3.2 and 1.17.0 ran it); from 0.4.8 it warns (DeprecationWarning) that the mode is
# deprecated, from 1.15.3 that it goes in v3.0 (v2/core/mode.py). Checked on the PyPI wheels
# 2026-12-05.
SCHEMA_CLASSES = frozenset(
    {
        "instructor.OpenAISchema",
        "instructor.function_calls.OpenAISchema",
        "instructor.processing.function_calls.OpenAISchema",
        "instructor.v2.core.function_calls.OpenAISchema",
    }
)
FROM_RESPONSE = "from_response"
FROM_RESPONSE_COMPLETION = ("completion", 0)  # keyword, position
FROM_RESPONSE_MODE = ("mode", 3)
FROM_RESPONSE_TOOLS_SINCE = (0, 4, 7)
TOOLS_READS_FUNCTION_CALL_SINCE = (1, 15, 3)
# the request keywords of the legacy function calling whose response has no tool_calls
LEGACY_REQUEST_KEYWORDS = ("functions", "function_call")

# `instructor.from_provider("openai/<model>")` (instructor/auto_client.py:58 in 1.8.3, re-exported
# by instructor/__init__.py:25; instructor/v2/auto_client.py in 1.17.0, re-exported by
# instructor/auto_client.py) splits its string once on "/" (auto_client.py:91; nothing else
# separates: "openai:gpt-4o" raises ConfigurationError) and, for "openai", builds
# `openai.OpenAI()` (`AsyncOpenAI()` with `async_client=True`), which reads OPENAI_API_KEY and
# OPENAI_BASE_URL, then returns `from_openai(client, model=<the rest>, mode=mode if mode else
# Mode.TOOLS, **kwargs)` (auto_client.py:100-111). `from_openai(..., model=m)` keeps `m` for
# every request that passes none (client.py:725 and Instructor.handle_kwargs, client.py:523, in
# 1.8.3; a `model` parameter of its own in 1.17.0).
FROM_PROVIDER = frozenset(
    {
        "instructor.from_provider",
        "instructor.auto_client.from_provider",
        "instructor.v2.auto_client.from_provider",
    }
)
FROM_PROVIDER_MODEL = ("model", 0)  # keyword, position
FROM_PROVIDER_ASYNC = ("async_client", 1)  # `mode` comes after `cache` in 1.17.0: by keyword only
PROVIDER_SEPARATOR = "/"
OPENAI_PROVIDER = "openai"
WRAPPER = "from_openai"  # what `from_provider` calls for "openai" (instructor.from_openai)
# Keywords 1.17.0 gives the client it builds (v2/auto_client.py, `_build_openai`: `api_key`
# popped in `from_provider`, the others in `_build_openai`); 1.8.3 passes every keyword on to
# `from_openai`, so that `base_url=` reaches each request: what a call giving one means
# depends on the release.
FROM_PROVIDER_CLIENT_KEYWORDS = frozenset(
    {
        "api_key",
        "base_url",
        "organization",
        "timeout",
        "max_retries",
        "default_headers",
        "default_query",
        "http_client",
        "_strict_response_validation",
    }
)

# Validators that send a request through the client they are given, with a model of their own
# unless one is passed: `llm_validator(statement, client, allow_override=False,
# model="gpt-3.5-turbo", temperature=0)` sends `client.chat.completions.create(..., model=model)`
# (instructor/dsl/validators.py:30-86 in 1.8.3, exported by dsl/__init__.py:4 and
# __init__.py:12; instructor/v2/validation/llm_validators.py in 1.17.0, same default, exported
# by instructor.validation and instructor.v2.validation). qualified name -> (the default model,
# the position of `model`).
_LLM_VALIDATOR = ("gpt-3.5-turbo", 3)
# where instructor's releases define (or re-export) its validators
_VALIDATOR_MODULES = (
    "",
    "dsl.",
    "dsl.validators.",
    "validation.",
    "validation.llm_validators.",
    "v2.validation.",
    "v2.validation.llm_validators.",
)
DEFAULT_MODEL_HELPERS: dict[str, tuple[str, int]] = {
    f"instructor.{module}llm_validator": _LLM_VALIDATOR for module in _VALIDATOR_MODULES
}
HELPER_MODEL_KEYWORD = "model"
# `openai_moderation(client)` calls `client.moderations.create(input=v)` on every value it
# validates (dsl/validators.py:100-128 in 1.8.3, same in 1.17.0's llm_validators.py): an API
# surface of the provider's [supports] table. qualified name -> surface.
SURFACE_HELPERS: dict[str, str] = {
    f"instructor.{module}openai_moderation": "moderations" for module in _VALIDATOR_MODULES
}
